"""Article: parsing invariants on any text, spans, the dict round trip, bytes input."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontherecord import Article
from ontherecord._text.normalize import DELETIONS
from ontherecord.errors import InvalidInputError, OnTheRecordError

# Alphabets that stress segmentation: punctuation, quotes of every kind, spaces and line breaks,
# control characters, and a few letters to build words and abbreviations from.
NEWSY = st.sampled_from(
    list('.?!…"\'“”‘’«»()[]-–—,;: \n\r\t\u00a0\u2028\u00ad\u200b\ufeffaAeEsSuU.I1$%')
)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F)
ANY_TEXT = st.one_of(
    st.text(),  # the full range (hypothesis never draws surrogates for str)
    st.text(NEWSY, max_size=300),
    st.text(st.one_of(NEWSY, CONTROL, st.characters()), max_size=300),
    st.lists(
        st.sampled_from(["U.S. ", "Mr. ", "Jan. 8 ", "said. ", '"Why?" ', "Trump said ", ". . . ",
                         "\n\n", "\n", "By John Smith\n", "p.m. ", "E. ", "1. ", " . ", "the "]),
        max_size=40,
    ).map("".join),
)

REGRESSIONS = [
    "",
    "\r\n\r\n",
    "a .",
    " . a",
    '"."',
    "\u00ad.\u00ad A",
    "\r",
    "x\r\n. A",
    "1. A",
    '."\u200b A said.',
]


def _blank(text: str) -> bool:
    """White space, or characters normalisation deletes (soft hyphens, zero-width, BOM)."""
    return all(c.isspace() or c in DELETIONS for c in text)


def _article(text: str) -> Article | None:
    try:
        return Article.from_text(text)
    except OnTheRecordError:
        return None


def _add_regressions(test):  # type: ignore[no-untyped-def]
    for text in REGRESSIONS:
        test = example(text)(test)
    return test


@_add_regressions
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_parses(text: str) -> None:
    """Any unicode text gives an Article (or a library error), with its text kept exactly."""
    a = _article(text)
    if a is None:
        return
    assert a.text == text
    assert isinstance(a.paragraphs, tuple) and isinstance(a.sentences, tuple)


@_add_regressions
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_paragraphs_tile_the_text(text: str) -> None:
    """Paragraphs are ordered, non-empty, stripped, and only white space lies between them."""
    a = Article.from_text(text)
    pos = 0
    for p in a.paragraphs:
        assert p.text == text[p.start : p.end]
        assert p.text and p.text == p.text.strip()
        assert _blank(text[pos : p.start])
        pos = p.end
    assert _blank(text[pos:])


@_add_regressions
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_sentences_lie_in_paragraphs(text: str) -> None:
    """Sentences are ordered, disjoint, non-empty, stripped, inside one paragraph, and together
    cover their paragraph up to white space (and characters normalisation deletes)."""
    a = Article.from_text(text)
    prev_end = 0
    for s in a.sentences:
        assert s.text == text[s.start : s.end]
        assert s.text and s.text == s.text.strip()
        assert s.start >= prev_end
        prev_end = s.end
        assert sum(p.span.contains(s.span) for p in a.paragraphs) == 1
    for p in a.paragraphs:
        inside = [s for s in a.sentences if p.span.contains(s.span)]
        assert inside, p
        assert inside[0].start == p.start and inside[-1].end == p.end
        for x, y in itertools.pairwise(inside):
            assert _blank(text[x.end : y.start])


@_add_regressions
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_furniture_and_body_spans_are_exact(text: str) -> None:
    """Every furniture item and body segment is a paragraph whose text is text[start:end]."""
    a = Article.from_text(text)
    paras = {p.span for p in a.paragraphs}
    for f in a.furniture:
        assert f.text == text[f.span.start : f.span.end]
        assert f.span in paras
        assert f.kind in {"byline", "bio", "credit", "disclaimer", "call_to_action"}
        assert f.rule
    assert [f.span for f in a.furniture] == sorted(f.span for f in a.furniture)
    for b in a.body:
        assert b.text == text[b.start : b.end]
    assert len(a.body) + len(a.furniture) == len(a.paragraphs)
    assert a.body_text == "\n\n".join(b.text for b in a.body)


def test_segmentation_is_deterministic() -> None:
    """Two articles with the same text segment the same way."""
    text = 'By Jane Doe\n\nThe U.S. said so. "Why?" Trump asked.\n\nSubscribe now.'
    a, b = Article.from_text(text), Article.from_text(text)
    assert a.sentences == b.sentences and a.furniture == b.furniture and a.id == b.id


OPTIONAL_TEXT = st.none() | st.text(max_size=20)
AWARE = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30)),
                               dt.timezone(dt.timedelta(hours=-8))]),
)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=200),
    id=st.none() | st.text(min_size=1, max_size=20),
    title=OPTIONAL_TEXT,
    published=st.none() | AWARE,
    source=OPTIONAL_TEXT,
    url=OPTIONAL_TEXT,
    authors=st.lists(st.text(max_size=15), max_size=3).map(tuple),
)
def test_dict_round_trip(text: str, id: str | None, title: str | None,
                         published: dt.datetime | None, source: str | None, url: str | None,
                         authors: tuple[str, ...]) -> None:
    """Article -> dict -> Article is lossless, timezone-aware publication dates included."""
    a = Article.from_text(text, id=id, title=title, published=published, source=source, url=url,
                          authors=authors)
    b = Article.from_dict(a.to_dict())
    assert b == a
    assert b.published == published
    if b.published is not None:
        assert b.published.tzinfo is not None
        assert b.published.utcoffset() == published.utcoffset()  # type: ignore[union-attr]


def test_naive_published_is_utc() -> None:
    """A naive publication datetime is taken as UTC; a date becomes midnight UTC."""
    a = Article.from_text("x", published=dt.datetime(2020, 1, 8, 12))
    assert a.published == dt.datetime(2020, 1, 8, 12, tzinfo=dt.UTC)
    assert Article.from_text("x", published=dt.date(2020, 1, 8)).published == dt.datetime(
        2020, 1, 8, tzinfo=dt.UTC)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
@example(b"\xff\xfe")
@example(b"ok \xe2\x80")
def test_bytes_input(data: bytes) -> None:
    """Bytes decode as UTF-8; bad bytes raise InvalidInputError, errors='replace' always works."""
    try:
        expected = data.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(InvalidInputError):
            Article.from_text(data)
    else:
        assert Article.from_text(data).text == expected
    assert Article.from_text(data, errors="replace").text == data.decode("utf-8", "replace")


def test_bad_inputs_raise_library_errors() -> None:
    """Wrong types, unknown error policies and unreadable dates are InvalidInputError (a ValueError)."""
    with pytest.raises(InvalidInputError):
        Article.from_text(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        Article.from_text(b"\xff", errors="no-such-policy")
    with pytest.raises(ValueError):
        Article.from_text("x", published="not a date")
    with pytest.raises(InvalidInputError):
        Article.from_dict({"id": "a"})


def test_default_id_is_a_stable_digest() -> None:
    """The default id is 16 hex digits of the BLAKE2b digest of the text (the same everywhere)."""
    text = "The U.S. said so."
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
    assert Article.from_text(text).id == digest
    assert Article.from_text(text + " ").id != digest


def test_spans_are_checked() -> None:
    """A span starts at 0 or later and ends at its start or later."""
    from ontherecord import Span

    assert Span(0, 0) == Span(0, 0) and len(Span(2, 5)) == 3
    with pytest.raises(InvalidInputError, match="start must be >= 0"):
        Span(-1, 2)
    with pytest.raises(InvalidInputError, match="before its start"):
        Span(5, 2)
    with pytest.raises(InvalidInputError, match="start must be >= 0"):
        Span(-3, -5)


def test_one_sentence_paragraphs_share_their_segment() -> None:
    """A paragraph that is one sentence is the same segment in both lists, equal either way."""
    article = Article.from_text("One line.\n\nTwo sentences. Here.")
    assert article.sentences[0] is article.paragraphs[0]
    assert [s.text for s in article.sentences] == ["One line.", "Two sentences.", "Here."]
