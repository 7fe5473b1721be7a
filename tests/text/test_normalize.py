"""Normalisation: the offset map is monotonic and exact, and normalising is idempotent."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontherecord._text.normalize import DELETIONS, SUBSTITUTIONS, normalize

# Every character normalisation touches, plus ordinary ones, plus the full range.
TOUCHED = st.sampled_from(sorted(set(SUBSTITUTIONS) | DELETIONS | {"\r", "\n", "a", " ", '"', "'"}))
TEXT = st.one_of(st.text(), st.text(TOUCHED, max_size=200), st.text(st.one_of(TOUCHED, st.characters())))


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("\r\n\r\r\n")
@example("\u00ad\u200b\ufeff")
@example("\u201cQuote\u201d \u2014 it\u2019s\u00a0here\u2026")
def test_offset_map_is_monotonic_and_exact(text: str) -> None:
    """Each normalised character comes from an original character that normalises to it, in order,
    and the end maps to the end."""
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text) + 1
    assert norm.to_original(len(norm.text)) == len(text)
    prev = -1
    for i, ch in enumerate(norm.text):
        o = norm.to_original(i)
        assert o > prev
        prev = o
        assert normalize(text[o]).text == ch or (text[o] == "\r" and ch == "\n")
    # everything the map skips is a deletion (or the CR of a CRLF)
    kept = set(norm.offsets[:-1])
    for j, c in enumerate(text):
        if j not in kept:
            assert c in DELETIONS or (c == "\r" and text[j + 1 : j + 2] == "\n")


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("\r\r\n")
def test_normalisation_is_idempotent(text: str) -> None:
    """Normalising a normalised text changes nothing."""
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=200, deadline=None)
@given(TEXT, st.data())
def test_span_to_original_covers_the_span(text: str, data: st.DataObject) -> None:
    """A normalised span maps to an original span whose normalisation is the normalised span."""
    norm = normalize(text)
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    a, b = norm.span_to_original(start, end)
    assert 0 <= a <= b <= len(text)
    if end > start:
        assert normalize(text[a:b]).text == norm.text[start:end] or text[a:b].endswith("\r")


def test_substitutions() -> None:
    """Curly quotes, dashes, odd spaces and CRLF become their plain forms; soft hyphens vanish."""
    norm = normalize("\u201cIt\u2019s\u00a0over\u201d \u2014 co\u00adoperate\r\nnow")
    assert norm.text == "\"It's over\" - cooperate\nnow"


def test_offset_maps_are_not_shared() -> None:
    """The offset maps of texts without deletions are copies: changing one changes no other."""
    a, b = normalize("one text " * 1000), normalize("another text " * 1000)
    a.offsets[5] = -1
    assert b.offsets[5] == 5 and list(b.offsets) == list(range(len(b.text) + 1))
    assert list(normalize("a\u00adb" * 3000).offsets[:4]) == [0, 2, 3, 5]
