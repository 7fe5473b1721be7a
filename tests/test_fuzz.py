"""Fuzzing: hostile text never escapes the library's own exception hierarchy.

The test command runs a few hundred examples per target; the long profile runs 10^5:
``pytest tests/test_fuzz.py --hypothesis-profile=long``. ``fuzz/atheris_target.py`` does the same
with coverage-guided fuzzing, on demand.
"""

from __future__ import annotations

import json
import pathlib
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

import ontherecord as otr
from ontherecord.errors import OnTheRecordError

# Pieces that make news-shaped hostile text: quotation marks of every kind, cue words, names,
# abbreviations, paragraph breaks, control characters, surrogates and other oddities.
PIECES = [
    '"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "``", "''",
    " said ", " told ", " according to ", " says", ":", " \u2014 ", " - ", ", ", ". ", "? ", "! ",
    "... ", "\u2026", "\n", "\n\n", "\r\n", "\t", "\x00", "\x0b", "\u00ad", "\u200b", "\ufeff",
    "Mr. ", "Gen. ", "U.S. ", "Jan. 8", "5:00pm (1400 GMT)", "a fortnight ago", "Some 5,200 ",
    "John Smith", "Qassem Soleimani", "he", "she", "they", "it", "officials", "The ", "By ",
    "Photo by ", "Subscribe", "(", ")", "[", "]", "1. ", "$3.5 billion", "3.67%",
    "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\U0001f600", "\udc80", "\ud800",
]
news_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join)
any_text = st.text(max_size=400) | news_text


def _run_all(text: str) -> None:
    try:
        article = otr.Article.from_text(text, id="fuzz")
        for run in (otr.extract_quotes, otr.attribute, otr.extract_times, otr.extract_quantities,
                    otr.find_actors):
            for item in run(article):
                span = getattr(item, "span", None)
                if span is not None:
                    assert article.text[span.start:span.end] == item.text
        article.furniture  # noqa: B018 - computing it is the test
    except OnTheRecordError:
        pass


@settings()
@given(any_text)
def test_extractors_never_escape_the_hierarchy(text: str) -> None:
    """Every extractor returns exact spans or raises the library's own error, on any text."""
    _run_all(text)


@settings()
@given(st.lists(news_text, min_size=1, max_size=5))
def test_deduplicate_never_escapes_the_hierarchy(texts: list[str]) -> None:
    """deduplicate handles any small corpus of hostile texts."""
    try:
        corpus = otr.Corpus(otr.Article.from_text(t, id=str(i)) for i, t in enumerate(texts))
        result = otr.deduplicate(corpus)
        seen = [i for g in result.groups for i in g.ids]
        assert len(seen) == len(set(seen))
    except OnTheRecordError:
        pass


@settings()
@given(st.binary(max_size=300) | news_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_bytes_input(data: bytes) -> None:
    """Bytes input gives an article or a library error, with either decoding policy."""
    for errors in ("strict", "replace"):
        try:
            otr.Article.from_text(data, errors=errors)
        except OnTheRecordError:
            assert errors == "strict"


@settings()
@given(st.lists(st.one_of(
    st.builds(lambda t: json.dumps({"id": t[:5], "text": t}), st.text(max_size=30)),
    st.text(max_size=40),
    st.just("{}"), st.just("[]"), st.just('{"text": 5}'), st.just('{"text": "x", "published": "nope"}'),
), max_size=6))
def test_jsonl_reading(lines: list[str]) -> None:
    """Reading JSON Lines of any content gives articles or a library error naming the line."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "x.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        try:
            list(otr.read_jsonl(path))
        except OnTheRecordError as exc:
            assert str(path) in str(exc)
