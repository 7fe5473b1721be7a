"""Where a pattern can match: scan only near the words its matches cannot do without.

A pattern that starts with a look-behind, an optional group or an alternation of many words is
tried at every position of the text, so one scan of a megabyte costs a tenth of a second even when
nothing matches. Most patterns consume at least one word of a small set in every match (a date
pattern a month name and a digit), and such words are found by :meth:`str.count` and
:meth:`str.find` a hundred times faster. So a pattern none of whose needed words is in the text is
not tried, and one whose words are few is tried only in windows around them; where they are many it
scans the whole text as before. The matches are the ones a scan of the whole text finds:

- every match consumes a word of each of the pattern's :class:`Words` (the caller's promise);
- ``before`` bounds how far before such a word a match can start, and ``after`` how far past the
  word the pattern can read (its match and the look-ahead after it); look-behinds read before a
  window freely, since ``finditer(text, pos, endpos)`` keeps the text before ``pos``;
- windows that touch are merged, so the scan of one window finds, at each position, what the scan
  of the whole text finds there, and no match crosses from one window to the next;
- a pattern that can read further than ``after`` only through a run of characters in which it
  passes its words over (the digits of a long number, a word of letters after a number) gives
  that run, and what it reads after it, as ``tail``: a window's end is moved past the run it falls
  in and that much more.

Every scan here runs under a time limit that only a stuck match can reach (:func:`scan`,
:func:`search`): a pattern that meets text it cannot get through raises
:class:`~ontherecord.errors.PatternTimeoutError`, naming what it was looking for.
"""

from __future__ import annotations

import functools
import itertools
import string
from collections.abc import Iterable, Iterator, Sequence

import attrs
import regex

from ontherecord.errors import PatternTimeoutError

__all__ = [
    "WORD_CHARS",
    "WordIndex",
    "Words",
    "finditer_near",
    "match",
    "match_at",
    "scan",
    "search",
    "word_index",
]

# The time limit of one search, in seconds: ``_MATCH_TIMEOUT`` and ``_PER_CHARACTER`` for each
# character of the range it may read. The regex engine's ``timeout=`` counts wall-clock time from
# the start of a call, and for ``finditer`` over the whole iteration, the caller's work between
# matches included. So a scan takes its matches at once, and the limit bounds the engine's work
# alone: for a range of at most ``_SHORT`` characters, all its matches; for a longer one, runs of
# ``_BATCH`` matches, each run a new ``finditer`` from where the last ended, so that neither the
# time nor the matches held grow with the text. The library's patterns read a character, and
# find a match, in well under a microsecond: a search that runs past the limit is stuck.
_MATCH_TIMEOUT = 10.0
_PER_CHARACTER = 1e-5
_SHORT = 10_000
_BATCH = 256


def _limit(pos: int, endpos: int) -> float:
    return _MATCH_TIMEOUT + _PER_CHARACTER * max(0, endpos - pos)


def scan(
    pattern: regex.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
    *,
    purpose: str,
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(text, pos, endpos)``, found under time limits that only
    a stuck search reaches.

    A long range is scanned in runs of matches. A new run starts where the last ends with a
    non-empty match: the scan of the whole range goes on from there with nothing to remember
    (look-behinds still read before ``pos``), so the matches are the same.

    Args:
        pattern: the pattern.
        text: the text.
        pos: where the scan starts.
        endpos: where the text ends for the pattern (its length when None).
        purpose: what the pattern finds, for the error message (``"times: date"``).

    Returns:
        The matches, in order.

    Raises:
        PatternTimeoutError: one search ran past its time limit: the text is hostile to the
            pattern.
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    size = end - pos
    if size > _SHORT:
        return _runs(pattern, text, pos, end, purpose)
    limit = _MATCH_TIMEOUT + _PER_CHARACTER * size if size > 0 else _MATCH_TIMEOUT
    try:
        return iter(list(pattern.finditer(text, pos, end, timeout=limit)))
    except TimeoutError as exc:
        raise PatternTimeoutError(purpose, len(text), limit) from exc


def _runs(
    pattern: regex.Pattern[str], text: str, pos: int, end: int, purpose: str
) -> Iterator[regex.Match[str]]:
    while True:
        limit = _limit(pos, end)
        try:
            found = pattern.finditer(text, pos, end, timeout=limit)
            run = list(itertools.islice(found, _BATCH))
            done = len(run) < _BATCH
            while not done and run[-1].start() == run[-1].end():
                # after an empty match the scan may find a longer one at the same place: go on
                # with this one until a match that is not empty
                m = next(found, None)
                if m is None:
                    done = True
                else:
                    run.append(m)
        except TimeoutError as exc:
            raise PatternTimeoutError(purpose, len(text), limit) from exc
        yield from run
        if done:
            return
        pos = run[-1].end()


def search(
    pattern: regex.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
    *,
    purpose: str,
) -> regex.Match[str] | None:
    """``pattern.search(text, pos, endpos)`` under the time limit of one search.

    Raises:
        PatternTimeoutError: the search ran past its time limit: the text is hostile to the
            pattern.
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    limit = _limit(pos, end)
    try:
        return pattern.search(text, pos, end, timeout=limit)
    except TimeoutError as exc:
        raise PatternTimeoutError(purpose, len(text), limit) from exc


#: Characters that never stand right before a word that starts a word (``\b`` before it). Only
#: ASCII: what counts as a letter elsewhere depends on the Unicode version of the pattern engine.
WORD_CHARS = string.ascii_letters + string.digits + "_"


@attrs.frozen(cache_hash=True)
class Words:
    """Words of which a pattern consumes at least one in every match.

    Attributes:
        words: the words, as the pattern matches them.
        fold: the pattern matches them in any case (``(?i:...)``); the words are then lower-case
            ASCII and are looked for in the lower-cased text.
        not_after: characters that never stand right before a word where a match consumes it
            (:data:`WORD_CHARS` for words the pattern reads after ``\b``); a place after one of
            them is passed over.
    """

    words: tuple[str, ...]
    fold: bool = False
    not_after: str = ""

    def __attrs_post_init__(self) -> None:
        if self.fold and not all(w.isascii() and w == w.lower() for w in self.words):
            raise ValueError(f"folded words must be lower-case ASCII: {self.words}")
        if not self.not_after.isascii():
            raise ValueError(f"not_after must be ASCII: {self.not_after!r}")


# The characters outside ASCII that a case-insensitive pattern matches with an ASCII letter, and
# the letter: DOTTED CAPITAL I (its lower case is two characters) and LONG S (its lower case is
# itself). The KELVIN SIGN lower-cases to "k" already.
_FOLD_EXTRA = {"\u0130": "i", "\u017f": "s"}


def _folded(text: str) -> str | None:
    """``text`` lower-cased so that a case-insensitive match of an ASCII word stands at the same
    offsets, or None when lower-casing changed the length (then every folded word counts as
    present everywhere)."""
    for char, letter in _FOLD_EXTRA.items():
        if char in text:
            text = text.replace(char, letter)
    folded = text.lower()
    return folded if len(folded) == len(text) else None


# Below this length a text is counted word by word at once; above it, a word with a character the
# text lacks is not counted (a long text of few characters is done with in a few passes).
_CHARS_FIRST = 50_000


class WordIndex:
    """Where words stand in one text; each word is counted and found once, however many patterns
    need it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._folded_done = False
        self._counts: dict[Words, int] = {}
        self._plain_counts: dict[str, int] = {}
        self._folded_counts: dict[str, int] = {}
        self._chars: dict[tuple[str, bool], bool] = {}
        self._positions: dict[tuple[str, bool], list[int]] = {}
        self._spans: dict[Words, list[tuple[int, int]]] = {}

    def _haystack(self, fold: bool) -> str | None:
        if not fold:
            return self.text
        if not self._folded_done:
            self._folded = _folded(self.text)
            self._folded_done = True
        return self._folded

    def searchable(self, words: Words) -> bool:
        """Whether the words can be looked for (not when lower-casing the text changed its length)."""
        return self._haystack(words.fold) is not None

    def count(self, words: Words) -> int:
        """How many times the words stand in the text (at least: overlaps count once; places that
        ``not_after`` passes over count too), or the text's length when they cannot be looked
        for."""
        total = self._counts.get(words)
        if total is not None:
            return total
        haystack = self._haystack(words.fold)
        if haystack is None:
            total = len(self.text)
        else:
            total = 0
            cache = self._folded_counts if words.fold else self._plain_counts
            chars_first = len(haystack) > _CHARS_FIRST
            for w in words.words:
                n = cache.get(w)
                if n is None:
                    if chars_first and not all(self._has(c, haystack, words.fold) for c in w):
                        n = 0
                    else:
                        n = haystack.count(w)
                    cache[w] = n
                total += n
        self._counts[words] = total
        return total

    def _has(self, char: str, haystack: str, fold: bool) -> bool:
        key = (char, fold)
        got = self._chars.get(key)
        if got is None:
            got = self._chars[key] = char in haystack
        return got

    def spans(self, words: Words) -> list[tuple[int, int]]:
        """Every place where one of the words stands, overlapping ones included, but those that
        ``not_after`` passes over, sorted (only for words that are :meth:`searchable`)."""
        out = self._spans.get(words)
        if out is not None:
            return out
        haystack = self._haystack(words.fold)
        assert haystack is not None
        text = self.text
        not_after = words.not_after
        out = []
        for w in words.words:
            key = (w, words.fold)
            found = self._positions.get(key)
            if found is None:
                found = []
                counted = (self._folded_counts if words.fold else self._plain_counts).get(w)
                i = -1 if counted == 0 else haystack.find(w)
                while i >= 0:
                    found.append(i)
                    i = haystack.find(w, i + 1)
                self._positions[key] = found
            size = len(w)
            if not_after:
                out.extend((i, i + size) for i in found if i == 0 or text[i - 1] not in not_after)
            else:
                out.extend((i, i + size) for i in found)
        out.sort()
        self._spans[words] = out
        return out


@functools.lru_cache(maxsize=4)
def word_index(text: str) -> WordIndex:
    """The :class:`WordIndex` of ``text``, shared by the extractors that read the same text."""
    return WordIndex(text)


def _windows(
    spans: Iterable[tuple[int, int]],
    n: int,
    before: int,
    after: int,
    tail: regex.Pattern[str] | None,
    text: str,
) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for s, e in spans:
        start, end = max(0, s - before), min(n, e + after)
        if windows and start <= windows[-1][1]:
            start, end = windows[-1][0], max(end, windows[-1][1])
            windows.pop()
        windows.append((start, end))
    if tail is not None:
        moved: list[tuple[int, int]] = []
        for start, end in windows:
            if end < n:
                m = tail.match(text, end)
                end = n if m is None else min(n, m.end())
            if moved and start <= moved[-1][1]:
                start, end = moved[-1][0], max(end, moved[-1][1])
                moved.pop()
            moved.append((start, end))
        windows = moved
    return windows


def finditer_near(
    pattern: regex.Pattern[str],
    index: WordIndex,
    needs: Sequence[Words],
    *,
    before: int,
    after: int,
    tail: regex.Pattern[str] | None = None,
    purpose: str,
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(index.text)``, found by scanning only near the words.

    Args:
        pattern: the pattern.
        index: the text, with the places of words found so far.
        needs: groups of words; every match consumes at least one word of each group.
        before: how far before one of its words a match can start, at most.
        after: how far past the end of one of its words the pattern can read (its match and what
            its look-aheads read), at most, but for ``tail``.
        tail: a pattern matching, at a window's end, the rest of a run of characters that the
            pattern may read on through, and what it may read after the run: the window ends
            where it matches.
        purpose: what the pattern finds, for the error message (``"times: date"``).

    Returns:
        The matches, in order, as a scan of the whole text finds them.

    Raises:
        PatternTimeoutError: one search ran past its time limit (see :func:`scan`).
    """
    text = index.text
    n = len(text)
    rarest: Words | None = None
    fewest = 0
    for words in needs:
        count = index.count(words)
        if count == 0:
            return iter(())
        if rarest is None or count < fewest:
            rarest, fewest = words, count
    if rarest is None:
        return scan(pattern, text, purpose=purpose)
    if fewest * (before + after) >= n and (not rarest.not_after or 4 * fewest >= n):
        # windows would cover most of the text (unless most places are passed over: those are
        # looked at one by one when they are not too many)
        return scan(pattern, text, purpose=purpose)
    spans = index.spans(rarest)
    if not spans:
        return iter(())
    if len(spans) * (before + after) >= n:
        return scan(pattern, text, purpose=purpose)
    windows = _windows(spans, n, before, after, tail, text)
    if 4 * sum(we - ws for ws, we in windows) >= 3 * n:  # a scan per window costs more than one
        return scan(pattern, text, purpose=purpose)
    return (m for ws, we in windows for m in scan(pattern, text, ws, we, purpose=purpose))


def match(pattern: regex.Pattern[str], text: str, pos: int, *, purpose: str) -> regex.Match[str] | None:
    """``pattern.match(text, pos)`` under the time limit of one match (see :func:`scan`).

    Raises:
        PatternTimeoutError: the match ran past its time limit: the text is hostile to the pattern.
    """
    limit = _limit(pos, len(text))
    try:
        return pattern.match(text, pos, timeout=limit)
    except TimeoutError as exc:
        raise PatternTimeoutError(purpose, len(text), limit) from exc


def match_at(
    pattern: regex.Pattern[str], index: WordIndex, words: Words, *, purpose: str
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(index.text)`` for a pattern that never matches the empty
    string and whose every match starts where one of ``words`` starts: it is tried there only.

    Raises:
        PatternTimeoutError: one match ran past its time limit (see :func:`scan`).
    """
    text = index.text
    if not index.searchable(words):
        yield from scan(pattern, text, purpose=purpose)
        return
    last = 0
    n = len(text)
    for q, _ in index.spans(words):
        if q >= last:
            limit = _limit(q, n)
            try:
                m = pattern.match(text, q, timeout=limit)
            except TimeoutError as exc:
                raise PatternTimeoutError(purpose, n, limit) from exc
            if m is not None:
                last = m.end()
                yield m
