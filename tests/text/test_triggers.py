"""Scanning only near the words a pattern needs: the same matches as a scan of the whole text."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from ontherecord._text.triggers import WordIndex, Words, finditer_near, match_at

# a number of days, or a word of letters after a number ("5-member"): the letters may run on
NUMBER = regex.compile(r"(?<![0-9])[0-9]++(?:[ ](?i:days?)\b|-\p{Ll}+(?![\p{L}-]))?")
NUMBER_NEEDS = (Words(tuple("0123456789")),)
TAIL = regex.compile(r"[\p{L}-]*+(?s:.{0,2})")
DAYS = regex.compile(r"\b(?:[0-9]+[ ])?(?i:days?)\b")


def test_a_text_without_the_words_is_not_scanned() -> None:
    """No word of a group in the text: no match, whatever the pattern would have found."""
    index = WordIndex("nothing here")
    assert list(finditer_near(regex.compile("."), index, (Words(("zebra",)),), before=10, after=10)) == []


def test_folded_words_keep_their_offsets() -> None:
    """Case-insensitive words are found at their offsets, also after a dotted capital I or a long s
    (whose lower cases are two characters or not an ASCII letter)."""
    text = "\u0130N x \u017fOON soon"
    index = WordIndex(text)
    assert index.spans(Words(("in", "soon"), fold=True)) == [(0, 2), (5, 9), (10, 14)]
    assert index.count(Words(("in",))) == 0


def test_folded_words_must_be_lower_case_ascii() -> None:
    """A folded word that the lower-cased text could never hold is refused."""
    with pytest.raises(ValueError, match="lower-case ASCII"):
        Words(("Soon",), fold=True)


@given(
    parts=st.lists(
        st.sampled_from(["1", "22", " day", " Days", "-member", "x" * 40, "abc" * 30, " ", "\n", "-"]),
        max_size=80,
    )
)
@example(parts=["ab " * 20, "5", "-member" + "x" * 100])
def test_windows_find_what_the_whole_text_holds(parts: list[str]) -> None:
    """The matches near the words are the matches of the whole text, long letter tails included."""
    text = "".join(parts)
    index = WordIndex(text)
    near = list(finditer_near(NUMBER, index, NUMBER_NEEDS, before=12, after=12, tail=TAIL))
    assert [m.span() for m in near] == [m.span() for m in NUMBER.finditer(text)]
    days = list(finditer_near(DAYS, index, (Words(("day",), fold=True),), before=20, after=20))
    assert [m.span() for m in days] == [m.span() for m in DAYS.finditer(text)]


def test_match_at_is_finditer_at_the_starts() -> None:
    """Trying a pattern at the places its matches start finds what a full scan finds."""
    text = "since the war, Since the 2003 invasion; since then"
    pattern = regex.compile(r"\b[Ss]ince[ ]the[ ]\w+")
    found = match_at(pattern, WordIndex(text), Words(("since the ",), fold=True))
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
