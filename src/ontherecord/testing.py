"""Helpers for the tests of extractor plugins.

Call :func:`check_extractor` from your plugin's own test suite; it works with any test runner
(it raises :class:`AssertionError` and imports no test framework)::

    from ontherecord.testing import check_extractor

    def test_my_extractor_keeps_the_contract():
        check_extractor("acme.handles.v1")

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ontherecord._article import Article, Span
from ontherecord.plugins import Extractor, get_extractor, valid_name

__all__ = ["HOSTILE_TEXTS", "check_extractor"]

#: Texts an extractor must survive, by what makes them hostile. Each is short enough that a
#: linear-time extractor handles it in well under a second.
HOSTILE_TEXTS: tuple[tuple[str, str], ...] = (
    ("empty", ""),
    ("white space only", " \n\n\t \r\n\u00a0\u2003\n"),
    ("control characters", '\x00\x01\x02 Officials said \x07\x1b[31m"no"\x7f\x85\x0c and left.\x00\x08'),
    ("unbalanced quotation marks",
     '"He said "yes and then \u201cno, \u2018maybe" she said.\n\n\u201c\u201c\u201c\n\n'
     "'''\u201d \u00ab \u2039 it's \"\" '' \""),
    ("long punctuation runs",
     "!" * 4000 + "\n\n" + "." * 4000 + " " + '"' * 2001 + "\u2014" * 3000 + " " + "?!" * 2000
     + "\n\n" + "\u201c" * 1500 + "(" * 1000 + "," * 3000),
    ("mixed scripts and invisible characters",
     "\u041f\u0443\u0442\u0438\u043d said \u00ab\u043c\u0438\u0440\u00bb \u548c\u5e73 "
     "\u05e9\u05dc\u05d5\u05dd, said Ms. \u0628\u0647. \u200b\u00ad\u00a0Zero\u200dwidth "
     "\ufeffmarks \U0001F600 \u202eright-to-left\u202c. \"Quoted,\" said Gen. X."),
    ("replacement characters from binary junk", bytes(range(256)).decode("utf-8", "replace") * 8),
    ("one long line without punctuation", "word Capital " * 8000),
    ("many short paragraphs", "A.\n\n" * 5000),
    ("windows line ends", 'First line.\r\n\r\n"Quote," he said.\r\nSecond line\r\n'),
)

_SHOW = 25


def _label(article: Article) -> str:
    return f"article {article.id!r}"


def _hostile_articles() -> list[tuple[str, Article]]:
    return [(f"hostile text ({what})", Article.from_text(text, id=f"hostile-{k}"))
            for k, (what, text) in enumerate(HOSTILE_TEXTS)]


def _run(extractor: Extractor, article: Article, where: str, problems: list[str]) -> list[object] | None:
    try:
        result = extractor(article)
    except Exception as exc:
        problems.append(f"{where}: raised {type(exc).__name__}: {exc}")
        return None
    if not isinstance(result, Sequence) or isinstance(result, str | bytes):
        problems.append(
            f"{where}: returned {type(result).__name__}, not a sequence (return a list or a tuple, "
            "empty when nothing is found)"
        )
        return None
    return list(result)


def _check_annotations(
    name: str, article: Article, where: str, annotations: list[object], problems: list[str]
) -> None:
    text = article.text
    previous: tuple[int, int] | None = None
    for i, annotation in enumerate(annotations):
        at = f"{where}: annotation {i} ({type(annotation).__name__})"
        span = getattr(annotation, "span", None)
        if not isinstance(span, Span):
            problems.append(f"{at}: 'span' must be an ontherecord.Span, got {span!r}")
            continue
        if span.end > len(text):
            problems.append(f"{at}: span {span.start}-{span.end} runs past the end of the text ({len(text)})")
            continue
        got = getattr(annotation, "text", None)
        if got != text[span.start : span.end]:
            problems.append(
                f"{at}: text {got!r} is not article.text[{span.start}:{span.end}] = "
                f"{text[span.start : span.end]!r}"
            )
        recorded = getattr(annotation, "extractor", None)
        if isinstance(recorded, str) and recorded != name:
            problems.append(f"{at}: records extractor {recorded!r}, but the extractor is named {name!r}")
        here = (span.start, span.end)
        if previous is not None and here < previous:
            problems.append(
                f"{at}: out of order: span {here[0]}-{here[1]} comes after {previous[0]}-{previous[1]} "
                "(sort by (start, end))"
            )
        previous = here


def _key(annotations: list[object]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for a in annotations:
        span = getattr(a, "span", None)
        out.append((getattr(span, "start", None), getattr(span, "end", None), getattr(a, "text", None)))
    return out


def _compares_by_value(annotations: list[object]) -> bool:
    return all(type(a).__eq__ is not object.__eq__ for a in annotations)


def check_extractor(extractor: Extractor | str, articles: Iterable[Article] | None = None) -> None:
    """Check that an extractor keeps the contract every extractor keeps.

    Runs the extractor over the articles (by default the five bundled seed articles) and over
    :data:`HOSTILE_TEXTS` (empty text, control characters, unbalanced quotation marks, long runs
    of punctuation, mixed scripts, ...), and checks:

    - the name has the form ``namespace.thing.vN``;
    - the extractor returns a sequence and never raises;
    - every annotation has a :class:`~ontherecord.Span` ``span`` inside the text and a ``text``
      equal to ``article.text[span.start:span.end]``; an annotation that records its
      ``extractor`` records this extractor's name;
    - annotations are sorted by ``(span.start, span.end)``;
    - the output is deterministic: two calls on the article, and a call on a fresh copy of it,
      give equal annotations.

    Args:
        extractor: the extractor, or its name (looked up with :func:`ontherecord.get_extractor`,
            which also checks that a plugin is found by name).
        articles: the articles to run it on instead of the bundled seeds (the hostile texts are
            always added).

    Raises:
        AssertionError: the extractor breaks the contract; the message lists every violation
            found, one a line, naming the article and the annotation.
        UnknownNameError: a name was given and no extractor has it.

    .. versionadded:: 0.1.0
    """
    if isinstance(extractor, str):
        extractor = get_extractor(extractor)
    problems: list[str] = []
    name = getattr(extractor, "name", None)
    if not callable(extractor):
        raise AssertionError(f"{extractor!r} is not callable, so it is not an extractor")
    if not valid_name(name):
        problems.append(
            f"name {name!r} is not a valid extractor name: use 'namespace.thing.vN' in lower case "
            "(letters, digits, underscores), e.g. 'acme.handles.v1'"
        )
    shown_name = name if isinstance(name, str) else repr(extractor)
    if articles is None:
        from ontherecord.examples import seeds

        articles = seeds()
    cases = [(_label(a), a) for a in articles]
    cases += _hostile_articles()
    for where, article in cases:
        first = _run(extractor, article, where, problems)
        if first is None:
            continue
        _check_annotations(shown_name, article, where, first, problems)
        for again, other in (("a second call", article), ("a fresh copy of the article", _copy(article))):
            repeat = _run(extractor, other, f"{where}, {again}", problems)
            if repeat is None:
                continue
            same = _key(repeat) == _key(first)
            if same and _compares_by_value(first) and _compares_by_value(repeat):
                same = repeat == first
            if not same:
                problems.append(f"{where}: not deterministic: {again} gave different annotations")
    if problems:
        more = f"\n... and {len(problems) - _SHOW} more" if len(problems) > _SHOW else ""
        listed = "\n".join(f"- {p}" for p in problems[:_SHOW])
        raise AssertionError(
            f"extractor {shown_name} breaks the extractor contract ({len(problems)} problems):\n"
            f"{listed}{more}"
        )


def _copy(article: Article) -> Article:
    return Article(
        id=article.id, text=article.text, title=article.title, published=article.published,
        source=article.source, url=article.url, authors=article.authors,
    )
