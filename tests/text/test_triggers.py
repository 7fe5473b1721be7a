"""Scanning only near the words a pattern needs: the same matches as a scan of the whole text."""

from __future__ import annotations

import pickle

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from ontherecord._text import triggers
from ontherecord._text.triggers import WordIndex, Words, finditer_near, match, match_at, scan, search
from ontherecord.errors import OnTheRecordError, PatternTimeoutError

# a number of days, or a word of letters after a number ("5-member"): the letters may run on
NUMBER = regex.compile(r"(?<![0-9])[0-9]++(?:[ ](?i:days?)\b|-\p{Ll}+(?![\p{L}-]))?")
NUMBER_NEEDS = (Words(tuple("0123456789")),)
TAIL = regex.compile(r"[\p{L}-]*+(?s:.{0,2})")
DAYS = regex.compile(r"\b(?:[0-9]+[ ])?(?i:days?)\b")


def test_a_text_without_the_words_is_not_scanned() -> None:
    """No word of a group in the text: no match, whatever the pattern would have found."""
    index = WordIndex("nothing here")
    found = finditer_near(
        regex.compile("."), index, (Words(("zebra",)),), before=10, after=10, purpose="test"
    )
    assert list(found) == []


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
    near = list(finditer_near(NUMBER, index, NUMBER_NEEDS, before=12, after=12, tail=TAIL, purpose="test"))
    assert [m.span() for m in near] == [m.span() for m in NUMBER.finditer(text)]
    day = (Words(("day",), fold=True),)
    days = list(finditer_near(DAYS, index, day, before=20, after=20, purpose="test"))
    assert [m.span() for m in days] == [m.span() for m in DAYS.finditer(text)]


def test_match_at_is_finditer_at_the_starts() -> None:
    """Trying a pattern at the places its matches start finds what a full scan finds."""
    text = "since the war, Since the 2003 invasion; since then"
    pattern = regex.compile(r"\b[Ss]ince[ ]the[ ]\w+")
    found = match_at(pattern, WordIndex(text), Words(("since the ",), fold=True), purpose="test")
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]


# patterns that can match the empty string, or whose matches follow one another closely
SCANNED = [
    regex.compile(r"\b|:+"),
    regex.compile(r"x*"),
    regex.compile(r"(?:|a)"),
    regex.compile(r"a|"),
    regex.compile(r"(?<=a)b*"),
    regex.compile(r"(?<![a-z])[a-z]+"),
]


@given(
    text=st.text(alphabet="ab:x ", max_size=60),
    k=st.integers(0, len(SCANNED) - 1),
    batch=st.integers(1, 4),
    short=st.sampled_from([0, 5, 10_000]),
    pos=st.integers(0, 10),
    endpos=st.none() | st.integers(0, 70),
)
@example(text="a::bc", k=0, batch=1, short=0, pos=0, endpos=None)
@example(text="aab", k=2, batch=1, short=0, pos=0, endpos=None)
def test_scan_is_finditer(text: str, k: int, batch: int, short: int, pos: int, endpos: int | None) -> None:
    """A scan, in one go or restarted every few matches, finds what one ``finditer`` finds, empty
    matches included."""
    pattern = SCANNED[k]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(triggers, "_BATCH", batch)
        mp.setattr(triggers, "_SHORT", short)
        got = [m.span() for m in scan(pattern, text, pos, endpos, purpose="test")]
    end = len(text) if endpos is None else endpos
    assert got == [m.span() for m in pattern.finditer(text, pos, end)]


STUCK = regex.compile(r"(?:a|aa)+b")  # tries every way of splitting a run of a's


def test_match_is_the_pattern_s_match() -> None:
    """A match under a time limit is the pattern's match at that place, look-behind included."""
    pattern = regex.compile(r"\bno\b")
    for text, pos in [("no way", 0), ("know", 2), ("a no", 2), ("a no", 1)]:
        got = match(pattern, text, pos, purpose="test")
        want = pattern.match(text, pos)
        assert (got and got.span()) == (want and want.span())


@pytest.mark.parametrize("how", ["scan", "short scan", "search", "match", "match_at"])
def test_a_stuck_pattern_raises_pattern_timeout_error(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """A search that cannot finish raises PatternTimeoutError, which is also a TimeoutError and
    an OnTheRecordError, names what the pattern was for and the text's length, and chains the
    engine's error."""
    monkeypatch.setattr(triggers, "_MATCH_TIMEOUT", 0.01)
    monkeypatch.setattr(triggers, "_PER_CHARACTER", 0.0)
    text = "x " + "a" * 200
    monkeypatch.setattr(triggers, "_SHORT", 0 if how == "scan" else 10_000)  # in runs, or in one go
    with pytest.raises(PatternTimeoutError) as caught:
        if how.endswith("scan"):
            list(scan(STUCK, text, purpose="test: stuck"))
        elif how == "search":
            search(STUCK, text, purpose="test: stuck")
        elif how == "match":
            match(STUCK, text, 2, purpose="test: stuck")
        else:
            list(match_at(STUCK, WordIndex(text), Words(("a",)), purpose="test: stuck"))
    error = caught.value
    assert isinstance(error, TimeoutError)
    assert isinstance(error, OnTheRecordError)
    assert isinstance(error.__cause__, TimeoutError)
    assert not isinstance(error.__cause__, OnTheRecordError)
    assert (error.purpose, error.length) == ("test: stuck", len(text))
    assert "test: stuck" in str(error)
    assert "202 characters" in str(error)
    assert "hostile or pathological" in str(error)


def test_pattern_timeout_error_pickles() -> None:
    """The error crosses process boundaries (a worker's error reaches the caller) intact."""
    error = pickle.loads(pickle.dumps(PatternTimeoutError("times: date", 1_000_000, 20.0)))
    assert (error.purpose, error.length, error.limit) == ("times: date", 1_000_000, 20.0)
    assert str(error) == str(PatternTimeoutError("times: date", 1_000_000, 20.0))


def test_the_limit_bounds_a_run_of_matches_not_the_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Millions of matches, with the caller's work between them, take far longer than the limit
    (a ``finditer`` with that timeout stops part way) and raise nothing."""
    monkeypatch.setattr(triggers, "_MATCH_TIMEOUT", 0.2)
    monkeypatch.setattr(triggers, "_PER_CHARACTER", 0.0)
    text = "a" * 2_000_000
    assert sum(len(m.group()) for m in scan(regex.compile("a"), text, purpose="test")) == len(text)
