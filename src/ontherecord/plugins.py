"""Extractors by name: the :class:`Extractor` protocol, the registry, and plugin discovery.

An extractor is anything with a versioned ``name`` (``namespace.thing.vN``) that can be called with
an :class:`~ontherecord.Article` and returns its annotations, each with a ``span`` into
``article.text`` and the ``text`` that span covers, sorted by position. The library's own
extractors (``ontherecord.quotes.v1``, ...) and third-party ones are found the same way, by name:

1. extractors registered in this process with :func:`register_extractor`;
2. the built-in extractors, imported on first use;
3. installed plugins, declared as entry points in the group ``ontherecord.extractors``. The group
   is read only when a name is asked for that 1 and 2 do not know (or when
   :func:`available_extractors` lists every name); a plugin's code is imported only when its name
   is asked for. Setting the environment variable ``ONTHERECORD_NO_PLUGINS=1`` switches plugin
   discovery off.

A published name never changes meaning: a change in what an extractor returns ships under a new
version (``acme.quotes.v2``), and registering a different object under a name already in use is an
error unless asked for with ``replace=True``. Names in the ``ontherecord`` namespace belong to the
library; a plugin that declares one of the built-in names is never consulted.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import importlib.util
import inspect
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload, runtime_checkable

import attrs
import regex

from ontherecord.errors import InvalidInputError, OnTheRecordError, PluginError, UnknownNameError

if TYPE_CHECKING:
    from ontherecord._actor import ActorMention
    from ontherecord._article import Article, Furniture, Span

__all__ = [
    "ENTRY_POINT_GROUP",
    "NO_PLUGINS_VARIABLE",
    "Annotation",
    "Extractor",
    "available_extractors",
    "get_extractor",
    "register_extractor",
]

#: The entry-point group plugins declare their extractors in.
ENTRY_POINT_GROUP = "ontherecord.extractors"
#: The environment variable that switches plugin discovery off when set (to anything but ``0``).
NO_PLUGINS_VARIABLE = "ONTHERECORD_NO_PLUGINS"

_NAME = regex.compile(
    r"""
    \A
    [a-z][a-z0-9_]*+                        # namespace: who publishes it ("ontherecord", "acme")
    (?: \. (?! v[0-9]++\Z ) [a-z][a-z0-9_]*+ )++  # what it extracts: dotted parts, not the version
    \. v [1-9][0-9]*+                        # the version: v1, v2, ... (no leading zero)
    \Z
    """,
    regex.VERBOSE,
)
_MAX_NAME = 200

# The built-in extractors, by name: "module:attribute", imported only when the name is asked for.
# A name is listed only while its module exists (the library grows module by module).
_BUILTINS: dict[str, str] = {
    "ontherecord.actors.v1": "ontherecord.plugins:_actor_mentions",
    "ontherecord.attribution.v1": "ontherecord.extract._attribution:attribute",
    "ontherecord.furniture.v1": "ontherecord.plugins:_furniture",
    "ontherecord.quantities.v1": "ontherecord.extract._quantities:extract_quantities",
    "ontherecord.quotes.v1": "ontherecord.extract._quotes:extract_quotes",
    "ontherecord.times.v1": "ontherecord.extract._times:extract_times",
}
# The module a built-in needs when its target is an adapter here rather than the module itself.
_NEEDS: dict[str, str] = {
    "ontherecord.actors.v1": "ontherecord.extract._actors",
    "ontherecord.furniture.v1": "ontherecord._article",
}


@runtime_checkable
class Annotation(Protocol):
    """What an extractor returns for each thing it finds: where it is and what it says.

    ``text`` equals ``article.text[span.start:span.end]``. Annotations usually say more (the
    built-in ones record the ``extractor`` name and the ``rule`` that produced them, and the
    example plugin does the same), but these two attributes are all the library relies on.

    .. versionadded:: 0.1.0
    """

    @property
    def span(self) -> Span:
        """Where the annotation is: offsets into ``Article.text``."""

    @property
    def text(self) -> str:
        """The text the span covers, exactly."""


@runtime_checkable
class Extractor(Protocol):
    """A pure function of one article, with a versioned name.

    ``name`` has the form ``namespace.thing.vN`` (lower case letters, digits and underscores,
    dotted; the last part is the version): ``ontherecord.quotes.v1``, ``acme.handles.v1``.
    Calling the extractor with an :class:`~ontherecord.Article` returns a sequence of
    :class:`Annotation` sorted by ``(span.start, span.end)``; the same article gives the same
    annotations in every process. :func:`ontherecord.testing.check_extractor` checks all of this.

    .. versionadded:: 0.1.0
    """

    @property
    def name(self) -> str:
        """The versioned name, ``namespace.thing.vN``."""

    def __call__(self, article: Article, /) -> Sequence[Annotation]:
        """Return the annotations of ``article``, sorted by position."""


@attrs.frozen
class _FunctionExtractor:
    """A plain function given a name: what :func:`register_extractor` makes of a function."""

    name: str
    function: Callable[[Article], Sequence[Annotation]] = attrs.field(repr=False)

    def __call__(self, article: Article, /) -> Sequence[Annotation]:
        return self.function(article)

    def __repr__(self) -> str:
        where = f"{getattr(self.function, '__module__', '?')}.{getattr(self.function, '__qualname__', '?')}"
        return f"<extractor {self.name} ({where})>"


def _furniture(article: Article) -> tuple[Furniture, ...]:
    """``ontherecord.furniture.v1``: the article's bylines, credits, bios, disclaimers and calls to
    action (:attr:`~ontherecord.Article.furniture`)."""
    return article.furniture


def _actor_mentions(article: Article) -> tuple[ActorMention, ...]:
    """``ontherecord.actors.v1``: every actor mention of the article (each actor resolved within
    the article, its mentions flattened), sorted by position."""
    from ontherecord.extract._actors import article_actors

    mentions = {(m.span, m.text, m.rule): m for actor in article_actors(article) for m in actor.mentions}
    return tuple(mentions[k] for k in sorted(mentions, key=lambda k: (k[0].start, k[0].end, k[1], k[2])))


def valid_name(name: object) -> bool:
    """Return whether ``name`` is a well-formed extractor name (``namespace.thing.vN``)."""
    return isinstance(name, str) and len(name) <= _MAX_NAME and _NAME.match(name) is not None


def _check_name(name: object, *, what: str = "extractor name") -> str:
    if not isinstance(name, str):
        raise InvalidInputError(f"an {what} must be a str, got {type(name).__name__}")
    if not valid_name(name):
        raise InvalidInputError(
            f"{name!r} is not a valid {what}: use 'namespace.thing.vN' in lower case "
            "(letters, digits, underscores), e.g. 'acme.handles.v1'"
        )
    return name


def _describe(obj: object) -> str:
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None) or type(obj).__qualname__
    return f"{module}.{qualname}" if module else str(qualname)


def _takes_no_arguments(obj: Callable[..., Any]) -> bool:
    try:
        inspect.signature(obj).bind()
    except TypeError:
        return False
    except ValueError:  # no signature (some builtins): called with the article
        return False
    return True


def _finish(made: object, name: str, origin: str) -> Extractor:
    """Check what a factory or an entry point produced, and give a bare function its name."""
    if not callable(made):
        raise InvalidInputError(f"{origin} gave {made!r}, which is not callable, for extractor {name!r}")
    own = getattr(made, "name", None)
    if own is None:
        return _FunctionExtractor(name, made)
    if own != name:
        raise InvalidInputError(
            f"{origin} is registered as {name!r} but its extractor calls itself {own!r}; "
            "the two names must be the same"
        )
    return made  # type: ignore[return-value]  # callable with the right name: an Extractor


def _maker(obj: object, name: str | None, origin: str) -> tuple[str, Callable[[], Extractor]]:
    """Work out the name of ``obj`` and how to build the extractor from it, without calling it.

    ``obj`` is one of: an extractor (callable, with a ``name``); a class (a factory, instantiated
    with no arguments on first use; its ``name`` class attribute is the default name); a function
    of the article (wrapped, ``name`` required); a function of no arguments (a factory, ``name``
    required).
    """
    if not callable(obj):
        raise InvalidInputError(f"{origin}: {obj!r} is neither an extractor nor a factory (not callable)")
    own = getattr(obj, "name", None)
    if isinstance(obj, type):
        if name is None and not isinstance(own, str):
            raise InvalidInputError(
                f"{origin}: the class {_describe(obj)} has no 'name' class attribute; "
                "pass name='namespace.thing.v1'"
            )
        chosen = _check_name(name if name is not None else own)
        return chosen, lambda: _finish(obj(), chosen, origin)
    if isinstance(own, str):
        if name is not None and name != own:
            raise InvalidInputError(
                f"{origin}: the extractor calls itself {own!r}, so it cannot be registered as {name!r}"
            )
        chosen = _check_name(own)
        return chosen, lambda: obj  # type: ignore[return-value]  # callable with a name
    if name is None:
        raise InvalidInputError(
            f"{origin}: {_describe(obj)} has no 'name' attribute; pass name='namespace.thing.v1'"
        )
    chosen = _check_name(name)
    if _takes_no_arguments(obj):
        return chosen, lambda: _finish(obj(), chosen, origin)
    return chosen, lambda: _FunctionExtractor(chosen, obj)


@attrs.define
class _Registration:
    source: object
    make: Callable[[], Extractor]
    instance: Extractor | None = None


_lock = threading.RLock()
_registered: dict[str, _Registration] = {}
_builtins_loaded: dict[str, Extractor] = {}
_plugins_loaded: dict[str, Extractor] = {}
_discovered: dict[str, tuple[importlib.metadata.EntryPoint, ...]] | None = None

_T = TypeVar("_T")


@overload
def register_extractor(
    extractor_or_factory: None = None, *, name: str | None = None, replace: bool = False
) -> Callable[[_T], _T]: ...


@overload
def register_extractor(extractor_or_factory: _T, *, name: str | None = None, replace: bool = False) -> _T: ...


def register_extractor(
    extractor_or_factory: object = None, *, name: str | None = None, replace: bool = False
) -> object:
    """Make an extractor available by name in this process.

    Works as a call (``register_extractor(obj, name=...)``) and as a decorator, with or without
    arguments (``@register_extractor(name="acme.words.v1")`` on a function, ``@register_extractor``
    on a class with a ``name`` attribute). What can be registered:

    - an extractor: a callable with a ``name`` attribute (``name=`` may repeat it, not change it);
    - a function of the article: it gets the ``name=`` given;
    - a factory: a class, or a function of no arguments, that returns the extractor. It is called
      once, on the first :func:`get_extractor` for the name, so expensive set-up (loading a model)
      waits until the extractor is used.

    Args:
        extractor_or_factory: what to register; omit it to get a decorator.
        name: the versioned name, ``namespace.thing.vN``. Defaults to the object's ``name``.
        replace: allow a different object to take over a name already registered in this
            process or used by a built-in extractor.

    Returns:
        ``extractor_or_factory`` itself, unchanged (so a decorated function stays a function), or
        a decorator when it is omitted.

    Raises:
        InvalidInputError: the name is missing or malformed, the object is not callable, its own
            name disagrees with ``name``, or the name is taken and ``replace`` is false.

    .. versionadded:: 0.1.0
    """
    if extractor_or_factory is None:

        def decorator(obj: _T) -> _T:
            register_extractor(obj, name=name, replace=replace)
            return obj

        return decorator
    obj = extractor_or_factory
    chosen, make = _maker(obj, name, f"register_extractor({_describe(obj)})")
    with _lock:
        current = _registered.get(chosen)
        if not replace:
            if current is not None and current.source is not obj:
                raise InvalidInputError(
                    f"an extractor named {chosen!r} is already registered ({_describe(current.source)}); "
                    "a published name never changes meaning: publish a new version "
                    f"or pass replace=True"
                )
            if current is None and chosen in _BUILTINS:
                raise InvalidInputError(
                    f"{chosen!r} is a built-in extractor of ontherecord; choose a name in your own "
                    "namespace, or pass replace=True to shadow it in this process"
                )
        if current is None or current.source is not obj:
            _registered[chosen] = _Registration(source=obj, make=make)
    return obj


def _plugins_disabled() -> bool:
    value = os.environ.get(NO_PLUGINS_VARIABLE, "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def _entry_points() -> dict[str, tuple[importlib.metadata.EntryPoint, ...]]:
    """The plugins' entry points by name, read once from the installed distributions (metadata
    only: nothing is imported)."""
    global _discovered
    with _lock:
        if _discovered is None:
            found: dict[str, list[importlib.metadata.EntryPoint]] = {}
            for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                same = found.setdefault(ep.name, [])
                # one distribution seen twice on sys.path declares the same target: keep the first
                if all(other.value != ep.value for other in same):
                    same.append(ep)
            _discovered = {k: tuple(v) for k, v in found.items()}
        return _discovered


def _plugin_names() -> list[str]:
    return [n for n in _entry_points() if valid_name(n) and n not in _BUILTINS]


def _distribution(ep: importlib.metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "an unknown distribution"
    return f"distribution {dist.name} {dist.version}"


def _where(ep: importlib.metadata.EntryPoint) -> str:
    return f"entry point {ep.name} = {ep.value} in group {ENTRY_POINT_GROUP!r}, from {_distribution(ep)}"


def _load_plugin(name: str, eps: tuple[importlib.metadata.EntryPoint, ...]) -> Extractor:
    if len(eps) > 1:
        listed = "; ".join(_where(ep) for ep in eps)
        raise PluginError(
            f"the extractor plugin {name!r} is declared by more than one installed package ({listed}); "
            "uninstall one of them"
        )
    (ep,) = eps
    try:
        loaded = ep.load()
        _, make = _maker(loaded, name, f"plugin {name!r}")
        extractor = make()
    except Exception as exc:
        raise PluginError(
            f"the extractor plugin {name!r} failed to load ({_where(ep)}): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    return extractor


def _builtin_available(name: str) -> bool:
    module = _NEEDS.get(name) or _BUILTINS[name].partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _load_builtin(name: str) -> Extractor:
    module_name, _, attribute = _BUILTINS[name].partition(":")
    try:
        function = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise PluginError(
            f"the built-in extractor {name!r} ({_BUILTINS[name]}) could not be loaded: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    return _FunctionExtractor(name, function)


def get_extractor(name: str) -> Extractor:
    """Return the extractor with this versioned name.

    Looks in this order: extractors registered in this process, the built-in ones, then the
    installed plugins (entry-point group ``ontherecord.extractors``, unless
    ``ONTHERECORD_NO_PLUGINS`` is set). The extractor is built on first use and the same object is
    returned afterwards.

    Args:
        name: a versioned name such as ``"ontherecord.quotes.v1"``.

    Returns:
        The extractor.

    Raises:
        UnknownNameError: no extractor has that name; the message lists the available ones.
        PluginError: a plugin, a factory or a built-in module failed to load; the message
            names it and its entry point, and the original exception is chained.
        InvalidInputError: ``name`` is not a string.

    .. versionadded:: 0.1.0
    """
    if not isinstance(name, str):
        raise InvalidInputError(f"an extractor name must be a str, got {type(name).__name__}")
    with _lock:
        registration = _registered.get(name)
        if registration is not None:
            if registration.instance is None:
                try:
                    registration.instance = registration.make()
                except OnTheRecordError:
                    raise
                except Exception as exc:
                    raise PluginError(
                        f"the factory registered as {name!r} ({_describe(registration.source)}) failed: "
                        f"{type(exc).__name__}: {exc}"
                    ) from exc
            return registration.instance
        if name in _BUILTINS and _builtin_available(name):
            if name not in _builtins_loaded:
                _builtins_loaded[name] = _load_builtin(name)
            return _builtins_loaded[name]
        if not _plugins_disabled() and valid_name(name) and name not in _BUILTINS:
            if name in _plugins_loaded:
                return _plugins_loaded[name]
            eps = _entry_points().get(name)
            if eps:
                _plugins_loaded[name] = _load_plugin(name, eps)
                return _plugins_loaded[name]
    raise UnknownNameError(_unknown(name))


def _unknown(name: str) -> str:
    available = available_extractors()
    message = f"no extractor is named {name!r}"
    if not valid_name(name):
        message += " (extractor names look like 'namespace.thing.v1')"
    close = difflib.get_close_matches(name, available, n=1)
    if close:
        message += f"; did you mean {close[0]!r}?"
    message += f" Available: {', '.join(available) if available else 'none'}."
    if _plugins_disabled():
        message += f" Plugin discovery is switched off ({NO_PLUGINS_VARIABLE} is set)."
    return message


def available_extractors() -> tuple[str, ...]:
    """Return the names of every extractor :func:`get_extractor` can find, sorted.

    Lists the extractors registered in this process, the built-in ones, and the installed plugins
    (unless ``ONTHERECORD_NO_PLUGINS`` is set). Reading the plugins' names imports none of them.

    Returns:
        The names, sorted.

    .. versionadded:: 0.1.0
    """
    with _lock:
        names = set(_registered)
        names.update(n for n in _BUILTINS if _builtin_available(n))
        if not _plugins_disabled():
            names.update(_plugin_names())
    return tuple(sorted(names))


def resolve_extractors(items: Iterable[str | Extractor]) -> tuple[Extractor, ...]:
    """Turn a list of names and extractors into extractors, in the order given.

    For functions such as ``Corpus.analyze(extractors=[...])``: a name is looked up with
    :func:`get_extractor`; an object is used as it is after its name is checked.

    Raises:
        UnknownNameError: a name is unknown.
        InvalidInputError: an object is not callable or has no valid ``name``, or two items share
            a name.
    """
    out: list[Extractor] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, str):
            extractor = get_extractor(item)
        else:
            if not callable(item):
                raise InvalidInputError(f"{item!r} is neither an extractor name nor an extractor")
            _check_name(getattr(item, "name", None), what=f"name of extractor {_describe(item)}")
            extractor = item
        if extractor.name in seen:
            raise InvalidInputError(f"the extractor {extractor.name!r} is given twice")
        seen.add(extractor.name)
        out.append(extractor)
    return tuple(out)


def _reset(*, registered: bool = False) -> None:
    """Forget what was discovered and loaded (and, if asked, what was registered in-process), so
    the next lookup reads the installed plugins again. For tests and for long-lived sessions in
    which plugins were installed."""
    global _discovered
    with _lock:
        _discovered = None
        _plugins_loaded.clear()
        _builtins_loaded.clear()
        if registered:
            _registered.clear()
