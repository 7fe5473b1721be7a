"""Extractors by name: in-process registration, built-ins, entry-point plugins, check_extractor.

The example plugin in ``tests/example_plugin`` is a real package: the ``example_plugin`` fixture
pip-installs it from its folder (into a temporary target put on ``sys.path``, so the shared
environment is left as it was) and the tests find it by name, as a user's installation would.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import pathlib
import pickle
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import EntryPoint

import attrs
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import ontherecord
from ontherecord import Article, Span, examples, plugins
from ontherecord.errors import InvalidInputError, OnTheRecordError, UnknownNameError
from ontherecord.plugins import (
    ENTRY_POINT_GROUP,
    Annotation,
    Extractor,
    available_extractors,
    get_extractor,
    register_extractor,
    resolve_extractors,
)
from ontherecord.testing import HOSTILE_TEXTS, check_extractor

PLUGIN_DIR = pathlib.Path(__file__).parent / "example_plugin"
PLUGIN_PACKAGE = "acme_handles"


@attrs.frozen(kw_only=True)
class Word:
    """A minimal annotation for the tests' own extractors."""

    span: Span
    text: str


def capitalised(article: Article) -> list[Word]:
    """A small honest extractor: every word that starts with a capital letter."""
    out: list[Word] = []
    start = None
    text = article.text
    for i, ch in enumerate([*text, " "]):
        if ch.isalpha() and start is None:
            start = i
        elif not ch.isalpha() and start is not None:
            if text[start].isupper():
                out.append(Word(span=Span(start, i), text=text[start:i]))
            start = None
    return out


def _forget_plugin_modules() -> None:
    for name in [m for m in sys.modules if m == PLUGIN_PACKAGE or m.startswith(PLUGIN_PACKAGE + ".")]:
        del sys.modules[name]


@pytest.fixture(autouse=True)
def isolated_registry() -> Iterator[None]:
    """Each test starts with nothing discovered or loaded, and leaves the in-process registrations
    as it found them."""
    saved = dict(plugins._registered)
    plugins._reset()
    yield
    plugins._registered.clear()
    plugins._registered.update(saved)
    plugins._reset()


@pytest.fixture(scope="module")
def example_plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    """The example plugin, pip-installed from its own folder with this interpreter into a fresh
    target folder, which is on sys.path for this module only (so no other test meets the
    deliberately broken plugin)."""
    target = tmp_path_factory.mktemp("site")
    # build with this environment's hatchling when it has one (no network needed); otherwise let
    # pip fetch the build backend into an isolated build environment
    offline = importlib.util.find_spec("hatchling") is not None
    cmd = [
        sys.executable, "-m", "pip", "install", "--no-deps",
        *(["--no-build-isolation", "--no-index"] if offline else []),
        "--disable-pip-version-check", "--quiet", "--target", str(target), str(PLUGIN_DIR),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(
            f"could not pip-install the example plugin ({' '.join(cmd)}):\n{done.stdout}\n{done.stderr}",
            pytrace=False,
        )
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    importlib.invalidate_caches()
    _forget_plugin_modules()
    plugins._reset()


@pytest.fixture
def example_plugin(example_plugin_path: pathlib.Path) -> Iterator[pathlib.Path]:
    """The installed example plugin, not yet imported by anyone in this process."""
    _forget_plugin_modules()
    plugins._reset()
    yield example_plugin_path
    _forget_plugin_modules()


def _run_python(
    code: str, *, path: pathlib.Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != plugins.NO_PLUGINS_VARIABLE}
    if path is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(path), environment.get("PYTHONPATH", "")) if p
        )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=environment
    )


# --- the example plugin (issue 7, must show 1) ------------------------------------------------


def test_example_plugin_is_resolved_by_name_without_importing_it(example_plugin: pathlib.Path) -> None:
    """The installed plugin is listed and found by name; nothing imports it before it is asked for."""
    assert PLUGIN_PACKAGE not in sys.modules
    assert "acme.handles.v1" in available_extractors()
    assert PLUGIN_PACKAGE not in sys.modules, "listing the plugins must not import them"
    extractor = get_extractor("acme.handles.v1")
    assert PLUGIN_PACKAGE in sys.modules
    assert isinstance(extractor, Extractor)
    assert extractor.name == "acme.handles.v1"
    assert get_extractor("acme.handles.v1") is extractor, "a loaded plugin is cached"


def test_example_plugin_passes_check_extractor(example_plugin: pathlib.Path) -> None:
    """The example plugin keeps the extractor contract on the seeds and the hostile texts."""
    check_extractor("acme.handles.v1")
    check_extractor(get_extractor("acme.handles.v1"))


def test_example_plugin_finds_handles_and_hashtags(example_plugin: pathlib.Path) -> None:
    """The example plugin does its job: handles and hashtags, not addresses, URLs or numbers."""
    text = (
        "The WHO (@WHO) urged calm; #MeToo trended. Write to press@un.org or see "
        "https://x.com/#!/news. C# is a language, #1 a rank, &#39; an entity, and "
        "@abcdefghijklmnopq is too long."
    )
    found = get_extractor("acme.handles.v1")(Article.from_text(text))
    assert [(a.text, getattr(a, "kind", None)) for a in found] == [("@WHO", "handle"), ("#MeToo", "hashtag")]
    assert all(isinstance(a, Annotation) for a in found)


def test_no_plugins_variable_hides_the_example_plugin(example_plugin_path: pathlib.Path) -> None:
    """ONTHERECORD_NO_PLUGINS=1 hides installed plugins (a fresh process each way, so no cache helps)."""
    code = """
        import json, sys
        import ontherecord
        try:
            ontherecord.get_extractor("acme.handles.v1")
            outcome = "found"
        except ontherecord.errors.UnknownNameError as exc:
            outcome = str(exc)
        print(json.dumps({"names": ontherecord.available_extractors(), "outcome": outcome,
                          "imported": "acme_handles" in sys.modules}))
    """
    on = _run_python(code, path=example_plugin_path)
    off = _run_python(code, path=example_plugin_path, ONTHERECORD_NO_PLUGINS="1")
    assert on.returncode == 0, on.stderr
    assert off.returncode == 0, off.stderr
    seen, hidden = json.loads(on.stdout), json.loads(off.stdout)
    assert "acme.handles.v1" in seen["names"] and seen["outcome"] == "found"
    assert not any(n.startswith("acme.") for n in hidden["names"])
    assert "ontherecord.quotes.v1" in hidden["names"], "built-ins stay available"
    assert "no extractor is named 'acme.handles.v1'" in hidden["outcome"]
    assert "ONTHERECORD_NO_PLUGINS" in hidden["outcome"], "the error says discovery is off"
    assert hidden["imported"] is False


def test_failing_plugin_is_named_in_the_error(example_plugin: pathlib.Path) -> None:
    """A plugin whose module raises on import gives an error naming it, its entry point and its
    package, with the original exception chained."""
    with pytest.raises(OnTheRecordError) as info:
        get_extractor("acme.broken.v1")
    assert not isinstance(info.value, UnknownNameError)
    message = str(info.value)
    assert "'acme.broken.v1'" in message
    assert "acme_handles.broken:extractor" in message
    assert "acme-handles 1.0.0" in message
    assert "RuntimeError" in message
    assert isinstance(info.value.__cause__, RuntimeError)


def test_failing_plugin_spoils_nothing_else(example_plugin: pathlib.Path) -> None:
    """After a plugin fails to load, the others still load and the listing still works."""
    with pytest.raises(OnTheRecordError):
        get_extractor("acme.broken.v1")
    assert {"acme.broken.v1", "acme.handles.v1"} <= set(available_extractors())
    assert get_extractor("acme.handles.v1").name == "acme.handles.v1"
    with pytest.raises(OnTheRecordError, match=r"acme\.broken\.v1"):
        get_extractor("acme.broken.v1")  # not cached as if it had worked


def test_in_process_registration_shadows_a_plugin_of_the_same_name(example_plugin: pathlib.Path) -> None:
    """A name registered in this process is found without reading the installed plugins."""
    register_extractor(capitalised, name="acme.handles.v1")
    assert get_extractor("acme.handles.v1").name == "acme.handles.v1"
    assert PLUGIN_PACKAGE not in sys.modules
    assert plugins._discovered is None, "no entry-point scan was needed"


# --- unknown names ------------------------------------------------------------------------------


def test_unknown_name_lists_the_available_ones() -> None:
    """Asking for an unknown name raises UnknownNameError (a LookupError) listing every available name."""
    register_extractor(capitalised, name="tests.capitalised.v1")
    with pytest.raises(UnknownNameError) as info:
        get_extractor("acme.nothing.v1")
    assert isinstance(info.value, LookupError)
    message = str(info.value)
    assert "'acme.nothing.v1'" in message
    for name in available_extractors():
        assert name in message
    assert "tests.capitalised.v1" in message


def test_unknown_name_suggests_the_closest() -> None:
    """A misspelt name gets a suggestion."""
    with pytest.raises(UnknownNameError, match=r"did you mean 'ontherecord\.quotes\.v1'"):
        get_extractor("ontherecord.qoutes.v1")


def test_malformed_name_is_unknown_and_the_format_is_explained() -> None:
    """A name that is not 'namespace.thing.vN' is unknown, and the message shows the format."""
    with pytest.raises(UnknownNameError, match=r"namespace\.thing\.v1"):
        get_extractor("quotes")


def test_name_must_be_a_string() -> None:
    """A non-string name is an input error, not a lookup failure."""
    with pytest.raises(InvalidInputError):
        get_extractor(42)  # type: ignore[arg-type]


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["ontherecord.quotes.v1", "acme.handles.v12", "acme.people.en.v2", "a1.b_2.v3", "acme.v2.v1"]
)
def test_well_formed_names_are_accepted(name: str) -> None:
    """Versioned dotted lower-case names register."""
    assert plugins.valid_name(name)


@pytest.mark.parametrize(
    "name",
    ["acme.v1", "acme.handles", "Acme.handles.v1", "acme.handles.v0", "acme.handles.v01", "acme..v1",
     "acme.handles.v1.", "acme-x.handles.v1", "acme.handles.v1\n", " acme.handles.v1", "acme.handles.V1",
     "acme.handles.v1x", "1acme.handles.v1", "", "a." * 200 + "v1"],
)
def test_malformed_names_are_refused(name: str) -> None:
    """Names without a namespace, a thing and a version, or with other characters, are refused."""
    assert not plugins.valid_name(name)
    with pytest.raises(InvalidInputError, match=r"namespace\.thing\.vN"):
        register_extractor(capitalised, name=name)


# --- in-process registration ------------------------------------------------------------------------


def test_decorator_registers_a_function_and_returns_it_unchanged() -> None:
    """@register_extractor(name=...) on a function of the article makes it an extractor by name."""

    @register_extractor(name="tests.decorated.v1")
    def decorated(article: Article) -> list[Word]:
        return capitalised(article)

    article = Article.from_text("Hello there, World.")
    assert decorated(article) == capitalised(article), "the function itself is unchanged"
    extractor = get_extractor("tests.decorated.v1")
    assert isinstance(extractor, Extractor)
    assert extractor.name == "tests.decorated.v1"
    assert [w.text for w in extractor(article)] == ["Hello", "World"]
    assert "tests.decorated.v1" in available_extractors()
    check_extractor(extractor)


def test_a_class_is_a_factory_built_once_on_first_use() -> None:
    """A class registered with the bare decorator is instantiated on first lookup, once."""
    built: list[int] = []

    @register_extractor
    class Counting:
        name = "tests.counting.v1"

        def __init__(self) -> None:
            built.append(1)

        def __call__(self, article: Article) -> list[Word]:
            return capitalised(article)

    assert built == []
    first = get_extractor("tests.counting.v1")
    assert isinstance(first, Counting)
    assert get_extractor("tests.counting.v1") is first
    assert built == [1]


def test_a_function_of_no_arguments_is_a_factory() -> None:
    """A zero-argument function registered with a name is called once to build the extractor."""
    calls: list[int] = []

    def make() -> Callable[[Article], list[Word]]:
        calls.append(1)
        return capitalised

    register_extractor(make, name="tests.made.v1")
    assert calls == []
    extractor = get_extractor("tests.made.v1")
    assert extractor.name == "tests.made.v1"
    assert get_extractor("tests.made.v1") is extractor and calls == [1]


def test_an_extractor_object_keeps_its_own_name() -> None:
    """An object with a name registers under that name; name= may repeat it but not change it."""

    @attrs.frozen
    class Named:
        name: str = "tests.named.v1"

        def __call__(self, article: Article) -> list[Word]:
            return []

    obj = Named()
    assert register_extractor(obj) is obj
    assert get_extractor("tests.named.v1") is obj
    register_extractor(obj, name="tests.named.v1")  # the same object again: harmless
    with pytest.raises(InvalidInputError, match=r"calls itself 'tests\.named\.v1'"):
        register_extractor(Named(), name="tests.other.v1")


def test_a_published_name_never_changes_meaning() -> None:
    """Registering a different object under a taken name raises, unless replace=True."""
    register_extractor(capitalised, name="tests.stable.v1")
    register_extractor(capitalised, name="tests.stable.v1")  # idempotent

    def other(article: Article) -> list[Word]:
        return []

    with pytest.raises(InvalidInputError, match="already registered"):
        register_extractor(other, name="tests.stable.v1")
    assert get_extractor("tests.stable.v1")(Article.from_text("Yes")) != []
    register_extractor(other, name="tests.stable.v1", replace=True)
    assert get_extractor("tests.stable.v1")(Article.from_text("Yes")) == []


def test_builtin_names_are_reserved() -> None:
    """A built-in name cannot be taken by accident; replace=True shadows it in this process only."""
    with pytest.raises(InvalidInputError, match="built-in"):
        register_extractor(capitalised, name="ontherecord.quotes.v1")
    register_extractor(capitalised, name="ontherecord.quotes.v1", replace=True)
    article = Article.from_text("Hi")
    assert get_extractor("ontherecord.quotes.v1")(article) == capitalised(article)


def test_a_function_needs_a_name() -> None:
    """A bare function has no name of its own, so registering it without name= is refused."""
    with pytest.raises(InvalidInputError, match="pass name="):
        register_extractor(capitalised)


def test_a_class_without_a_name_needs_one() -> None:
    """A class with no 'name' class attribute registers only with name=."""

    class Nameless:
        def __call__(self, article: Article) -> list[Word]:
            return []

    with pytest.raises(InvalidInputError, match="no 'name' class attribute"):
        register_extractor(Nameless)
    register_extractor(Nameless, name="tests.nameless.v1")
    assert get_extractor("tests.nameless.v1").name == "tests.nameless.v1"


def test_only_callables_register() -> None:
    """Something that cannot be called is neither an extractor nor a factory."""
    with pytest.raises(InvalidInputError, match="not callable"):
        register_extractor("ontherecord.quotes.v1", name="tests.string.v1")


def test_a_failing_factory_is_named() -> None:
    """A factory that raises on first use gives an OnTheRecordError naming the registration."""

    def broken_factory() -> Extractor:
        raise RuntimeError("no model")

    register_extractor(broken_factory, name="tests.broken.v1")
    with pytest.raises(OnTheRecordError, match=r"'tests\.broken\.v1'.*broken_factory.*no model") as info:
        get_extractor("tests.broken.v1")
    assert isinstance(info.value.__cause__, RuntimeError)


def test_a_factory_must_build_an_extractor_of_the_same_name() -> None:
    """A factory whose product calls itself something else is refused when it is built."""

    @attrs.frozen
    class Liar:
        name: str = "tests.liar.v2"

        def __call__(self, article: Article) -> list[Word]:
            return []

    register_extractor(Liar, name="tests.liar.v1")
    with pytest.raises(InvalidInputError, match="must be the same"):
        get_extractor("tests.liar.v1")


def test_resolve_extractors_takes_names_and_objects_in_order() -> None:
    """Names are looked up, objects kept, order preserved, a repeated name refused."""
    register_extractor(capitalised, name="tests.capitalised.v1")
    own = get_extractor("tests.capitalised.v1")
    got = resolve_extractors(["ontherecord.furniture.v1", own])
    assert [e.name for e in got] == ["ontherecord.furniture.v1", "tests.capitalised.v1"]
    with pytest.raises(InvalidInputError, match="given twice"):
        resolve_extractors([own, "tests.capitalised.v1"])
    with pytest.raises(InvalidInputError):
        resolve_extractors([capitalised])  # no name
    with pytest.raises(UnknownNameError):
        resolve_extractors(["acme.nothing.v1"])


# --- built-ins ------------------------------------------------------------------------------------


BUILTINS = sorted(plugins._BUILTINS)


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_extractors_keep_the_contract(name: str) -> None:
    """Every built-in extractor whose module exists is listed, found by name, and passes check_extractor."""
    if not plugins._builtin_available(name):
        pytest.skip(f"{name}: its module is not written yet")
    assert name in available_extractors()
    extractor = get_extractor(name)
    assert extractor.name == name
    assert isinstance(extractor, Extractor)
    check_extractor(extractor)


def test_builtin_extractors_survive_pickling() -> None:
    """Built-in extractors pickle to equal objects, so they can be sent to worker processes."""
    for name in available_extractors():
        if name.startswith("ontherecord."):
            extractor = get_extractor(name)
            assert pickle.loads(pickle.dumps(extractor)) == extractor


def test_builtin_furniture_is_the_articles_furniture() -> None:
    """ontherecord.furniture.v1 returns exactly Article.furniture."""
    extractor = get_extractor("ontherecord.furniture.v1")
    for article in examples.seeds():
        assert tuple(extractor(article)) == article.furniture


def test_builtin_quotes_match_the_function() -> None:
    """The registered ontherecord.quotes.v1 is extract_quotes under its versioned name."""
    article = examples.seeds()[examples.seeds().ids[0]]
    assert list(get_extractor("ontherecord.quotes.v1")(article)) == ontherecord.extract_quotes(article)


def _module(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> None:
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    monkeypatch.delitem(sys.modules, name, raising=False)


def test_builtins_are_listed_only_while_their_module_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    """A built-in whose module is missing is neither listed nor found."""
    monkeypatch.setitem(plugins._BUILTINS, "ontherecord.missing.v1", "ontherecord.extract._missing:run")
    assert "ontherecord.missing.v1" not in available_extractors()
    with pytest.raises(UnknownNameError):
        get_extractor("ontherecord.missing.v1")


def test_builtins_are_imported_only_when_asked_for(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing the built-ins imports none of them; asking for one imports its module."""
    _module(tmp_path, monkeypatch, "otr_lazy_builtin", "def run(article):\n    return []\n")
    monkeypatch.setitem(plugins._BUILTINS, "ontherecord.lazy.v1", "otr_lazy_builtin:run")
    assert "ontherecord.lazy.v1" in available_extractors()
    assert "otr_lazy_builtin" not in sys.modules
    assert get_extractor("ontherecord.lazy.v1").name == "ontherecord.lazy.v1"
    assert "otr_lazy_builtin" in sys.modules


def test_import_and_builtin_lookup_read_no_entry_points() -> None:
    """Neither `import ontherecord` nor finding a built-in scans the installed plugins."""
    out = _run_python(
        """
        import importlib.metadata
        def boom(*args, **kwargs):
            raise SystemExit("entry points were read")
        importlib.metadata.entry_points = boom
        import ontherecord
        ontherecord.get_extractor("ontherecord.furniture.v1")
        print("ok")
        """
    )
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


# --- entry points, simulated ---------------------------------------------------------------------


def _entry_points(monkeypatch: pytest.MonkeyPatch, *eps: EntryPoint) -> None:
    table: dict[str, tuple[EntryPoint, ...]] = {}
    for ep in eps:
        table[ep.name] = (*table.get(ep.name, ()), ep)
    monkeypatch.setattr(plugins, "_discovered", table)


def test_plugin_names_must_match_what_the_extractor_says(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry point whose object calls itself something else fails, naming both."""
    _module(tmp_path, monkeypatch, "otr_liar_plugin", """
        class Liar:
            name = "acme.truth.v1"
            def __call__(self, article):
                return []
        liar = Liar()
    """)
    _entry_points(monkeypatch, EntryPoint("acme.lie.v1", "otr_liar_plugin:liar", ENTRY_POINT_GROUP))
    with pytest.raises(OnTheRecordError, match=r"'acme\.lie\.v1'.*otr_liar_plugin:liar.*'acme\.truth\.v1'"):
        get_extractor("acme.lie.v1")


def test_a_plugin_can_be_a_plain_function_or_a_class(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry point may name a function of the article (it takes the entry point's name) or a
    class (instantiated once)."""
    _module(tmp_path, monkeypatch, "otr_shapes_plugin", """
        def words(article):
            return []
        class Words:
            name = "acme.class.v1"
            def __call__(self, article):
                return []
    """)
    _entry_points(
        monkeypatch,
        EntryPoint("acme.function.v1", "otr_shapes_plugin:words", ENTRY_POINT_GROUP),
        EntryPoint("acme.class.v1", "otr_shapes_plugin:Words", ENTRY_POINT_GROUP),
    )
    assert get_extractor("acme.function.v1").name == "acme.function.v1"
    assert type(get_extractor("acme.class.v1")).__name__ == "Words"
    assert get_extractor("acme.class.v1") is get_extractor("acme.class.v1")


def test_two_packages_declaring_one_name_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """When two installed packages declare the same name, neither is picked silently."""
    _entry_points(
        monkeypatch,
        EntryPoint("acme.twice.v1", "one:extractor", ENTRY_POINT_GROUP),
        EntryPoint("acme.twice.v1", "two:extractor", ENTRY_POINT_GROUP),
    )
    with pytest.raises(OnTheRecordError, match=r"more than one.*one:extractor.*two:extractor"):
        get_extractor("acme.twice.v1")


def test_plugins_cannot_take_builtin_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin declaring a built-in name is never consulted; malformed plugin names are not listed."""
    _entry_points(
        monkeypatch,
        EntryPoint("ontherecord.quotes.v1", "nowhere:thing", ENTRY_POINT_GROUP),
        EntryPoint("Not A Name", "nowhere:thing", ENTRY_POINT_GROUP),
    )
    assert get_extractor("ontherecord.quotes.v1").name == "ontherecord.quotes.v1"
    assert "Not A Name" not in available_extractors()
    with pytest.raises(UnknownNameError):
        get_extractor("Not A Name")


@pytest.mark.parametrize(("value", "hidden"), [("1", True), ("true", True), ("yes", True), ("0", False),
                                               ("", False), ("false", False)])
def test_the_switch_reads_common_spellings(monkeypatch: pytest.MonkeyPatch, value: str, hidden: bool) -> None:
    """ONTHERECORD_NO_PLUGINS switches discovery off for 1/true/yes and leaves it on for 0/false/empty."""
    _entry_points(monkeypatch, EntryPoint("acme.switch.v1", "nowhere:thing", ENTRY_POINT_GROUP))
    monkeypatch.setenv("ONTHERECORD_NO_PLUGINS", value)
    assert ("acme.switch.v1" not in available_extractors()) is hidden


# --- check_extractor ------------------------------------------------------------------------------


@attrs.frozen
class Fake:
    """An extractor built from a function, for check_extractor's own tests."""

    name: str
    run: Callable[[Article], object]

    def __call__(self, article: Article) -> Sequence[Annotation]:
        return self.run(article)  # type: ignore[return-value]


def _shifted(article: Article) -> list[Word]:
    return [Word(span=Span(w.span.start, w.span.end), text=w.text + "x") for w in capitalised(article)]


def _reversed(article: Article) -> list[Word]:
    return capitalised(article)[::-1]


def _raises_on_empty(article: Article) -> list[Word]:
    if not article.text:
        raise IndexError("empty")
    return []


def _counter() -> Callable[[Article], list[Word]]:
    calls = [0]

    def run(article: Article) -> list[Word]:
        calls[0] += 1
        return [Word(span=Span(0, 0), text="")] * (calls[0] % 2)

    return run


def _past_the_end(article: Article) -> list[Word]:
    return [Word(span=Span(0, len(article.text) + 1), text=article.text)]


def _tuple_span(article: Article) -> list[object]:
    return [attrs.make_class("Loose", ["span", "text"])(span=(0, 0), text="")]


def _generator(article: Article) -> object:
    return (w for w in capitalised(article))


def _wrong_extractor(article: Article) -> list[object]:
    return [ontherecord.Furniture(span=Span(0, 0), text="", kind="byline", rule="x")]


@pytest.mark.parametrize(
    ("extractor", "expected"),
    [
        (Fake("tests.shifted.v1", _shifted), "is not article.text"),
        (Fake("tests.reversed.v1", _reversed), "out of order"),
        (Fake("tests.fragile.v1", _raises_on_empty), "hostile text (empty): raised IndexError: empty"),
        (Fake("tests.moody.v1", _counter()), "not deterministic"),
        (Fake("tests.long.v1", _past_the_end), "runs past the end"),
        (Fake("tests.loose.v1", _tuple_span), "must be an ontherecord.Span"),
        (Fake("tests.lazy.v1", _generator), "not a sequence"),
        (Fake("tests.none.v1", lambda article: None), "not a sequence"),
        (Fake("tests.impostor.v1", _wrong_extractor), "records extractor 'ontherecord.furniture.v1'"),
        (Fake("Tests.Capitalised", capitalised), "not a valid extractor name"),
    ],
    ids=["text", "order", "raises", "determinism", "bounds", "span-type", "generator", "none", "extractor",
         "name"],
)
def test_check_extractor_names_each_violation(extractor: Extractor, expected: str) -> None:
    """A broken extractor fails check_extractor with an AssertionError saying what is wrong."""
    with pytest.raises(AssertionError) as info:
        check_extractor(extractor)
    assert expected in str(info.value)
    assert str(info.value).startswith(f"extractor {extractor.name} breaks the extractor contract")


def test_check_extractor_passes_an_honest_extractor_on_given_articles() -> None:
    """An extractor that keeps the contract passes, on the caller's articles plus the hostile texts."""
    seen: list[str] = []

    def recording(article: Article) -> list[Word]:
        seen.append(article.id)
        return capitalised(article)

    check_extractor(Fake("tests.recording.v1", recording), [Article.from_text("Mine Only", id="mine")])
    assert "mine" in seen
    assert len(set(seen)) == 1 + len(HOSTILE_TEXTS)


def test_check_extractor_lists_every_violation() -> None:
    """All violations are reported at once (up to a cap), each on its own line."""
    with pytest.raises(AssertionError) as info:
        check_extractor(Fake("tests.shifted.v1", _shifted))
    lines = str(info.value).splitlines()
    assert len(lines) > 5
    assert all(line.startswith(("- ", "...")) for line in lines[1:])


def test_check_extractor_imports_no_test_framework() -> None:
    """ontherecord.testing works without pytest: importing and running it loads no pytest."""
    out = _run_python(
        """
        import sys
        from ontherecord.testing import check_extractor
        check_extractor("ontherecord.furniture.v1")
        print("pytest" in sys.modules, "_pytest" in sys.modules)
        """
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_builtin_annotations_satisfy_the_annotation_protocol() -> None:
    """What the built-in extractors return is an Annotation at run time."""
    article = examples.seeds()[examples.seeds().ids[0]]
    found = [
        *get_extractor("ontherecord.quotes.v1")(article),
        *get_extractor("ontherecord.furniture.v1")(article),
    ]
    assert found
    assert all(isinstance(a, Annotation) for a in found)


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(max_size=60))
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=8))
    return text, sorted({(min(a, b), max(a, b)) for a, b in pairs})


def _planted(text: str, spans: list[tuple[int, int]]) -> Callable[[Article], list[Word]]:
    def run(article: Article) -> list[Word]:
        if article.text != text:
            return []
        return [Word(span=Span(s, e), text=text[s:e]) for s, e in spans]

    return run


@settings(max_examples=200)
@given(_text_and_spans())
def test_check_extractor_accepts_every_exact_sorted_output(case: tuple[str, list[tuple[int, int]]]) -> None:
    """Any exact, sorted, deterministic output passes check_extractor: it has no false alarms."""
    text, spans = case
    check_extractor(Fake("tests.planted.v1", _planted(text, spans)), [Article.from_text(text, id="t")])


@settings(max_examples=200)
@given(_text_and_spans(), st.data())
def test_check_extractor_catches_any_misordering(
    case: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    """Moving one annotation ahead of an earlier one is always reported as out of order."""
    text, spans = case
    assume(len(spans) >= 2)
    i = data.draw(st.integers(min_value=1, max_value=len(spans) - 1))
    moved = [spans[i], *spans[:i], *spans[i + 1 :]]
    with pytest.raises(AssertionError, match="out of order"):
        check_extractor(Fake("tests.misordered.v1", _planted(text, moved)), [Article.from_text(text, id="t")])


def _word(part: str) -> bool:
    return part[:1] in set("abcdefghijklmnopqrstuvwxyz") and all(
        c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in part
    )


def _reference_valid(name: str) -> bool:
    parts = name.split(".")
    word = _word
    version = parts[-1]
    return (
        len(name) <= 200 and len(parts) >= 3 and all(word(p) for p in parts)
        and version[:1] == "v" and version[1:].isdigit() and version[1:2] != "0"
    )


@settings(max_examples=500)
@given(st.text(alphabet="av01_.-A\n é", max_size=14))
@example("acme.handles.v1")
@example("acme.v1")
@example("a.b.v1\n")
def test_name_check_agrees_with_splitting_on_dots(name: str) -> None:
    """The name pattern accepts exactly the dotted names with 3+ lower-case parts ending in vN."""
    assert plugins.valid_name(name) is _reference_valid(name)
