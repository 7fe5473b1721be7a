"""Where a pattern can match: scan only near the words its matches cannot do without.

A pattern that starts with a look-behind, an optional group or an alternation of many words is
tried at every position of the text, so one scan of a megabyte costs a tenth of a second even when
nothing matches. Most patterns consume at least one word of a small set in every match (a date
pattern a month name and a digit), and such words are found by :meth:`str.count` and
:meth:`str.find` a hundred times faster. So a pattern none of whose needed words is in the text is
not tried, and one whose words are few is tried only in windows around them; where they are many it
scans the whole text as before. The matches are the ones a scan of the whole text finds:

- every match consumes a word of each of the pattern's :class:`Words` (the caller's promise);
- ``reach`` bounds how far before such a word a match can start, and how far past it the pattern
  can read (its match and the look-ahead after it); look-behinds read before a window freely,
  since ``finditer(text, pos, endpos)`` keeps the text before ``pos``;
- windows that touch are merged, so the scan of one window finds, at each position, what the scan
  of the whole text finds there, and no match crosses from one window to the next;
- a pattern that can read further than ``reach`` only through a run of characters that holds none
  of its words (a word of letters after a number) gives that run as ``tail``: a window's end is
  moved past the run it falls in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs
import regex

__all__ = ["WordIndex", "Words", "finditer_near", "match_at"]


@attrs.frozen
class Words:
    """Words of which a pattern consumes at least one in every match.

    Attributes:
        words: the words, as the pattern matches them.
        fold: the pattern matches them in any case (``(?i:...)``); the words are then lower-case
            ASCII and are looked for in the lower-cased text.
    """

    words: tuple[str, ...]
    fold: bool = False

    def __attrs_post_init__(self) -> None:
        if self.fold and not all(w.isascii() and w == w.lower() for w in self.words):
            raise ValueError(f"folded words must be lower-case ASCII: {self.words}")


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


class WordIndex:
    """Where words stand in one text; each word is counted and found once, however many patterns
    need it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._folded_done = False
        self._counts: dict[tuple[str, bool], int] = {}
        self._chars: dict[tuple[str, bool], bool] = {}
        self._positions: dict[tuple[str, bool], list[int]] = {}

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
        """How many times the words stand in the text (at least: overlaps count once), or the text's
        length when they cannot be looked for."""
        total = 0
        for w in words.words:
            key = (w, words.fold)
            n = self._counts.get(key)
            if n is None:
                haystack = self._haystack(words.fold)
                if haystack is None:
                    n = len(self.text)
                elif all(self._has(c, haystack, words.fold) for c in w):
                    n = haystack.count(w)
                else:
                    n = 0  # one of its characters is nowhere (found at once in a text of few)
                self._counts[key] = n
            total += n
        return total

    def _has(self, char: str, haystack: str, fold: bool) -> bool:
        key = (char, fold)
        got = self._chars.get(key)
        if got is None:
            got = self._chars[key] = char in haystack
        return got

    def spans(self, words: Words) -> list[tuple[int, int]]:
        """Every place where one of the words stands, overlapping ones included, sorted (only for
        words that are :meth:`searchable`)."""
        haystack = self._haystack(words.fold)
        assert haystack is not None
        out: list[tuple[int, int]] = []
        for w in words.words:
            key = (w, words.fold)
            found = self._positions.get(key)
            if found is None:
                found = []
                i = -1 if self._counts.get(key) == 0 else haystack.find(w)
                while i >= 0:
                    found.append(i)
                    i = haystack.find(w, i + 1)
                self._positions[key] = found
            out.extend((i, i + len(w)) for i in found)
        out.sort()
        return out


def _windows(
    spans: Iterable[tuple[int, int]], n: int, reach: int, tail: regex.Pattern[str] | None, text: str
) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for s, e in spans:
        start, end = max(0, s - reach), min(n, e + reach)
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
    reach: int,
    tail: regex.Pattern[str] | None = None,
    timeout: float = 10.0,
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(index.text)``, found by scanning only near the words.

    Args:
        pattern: the pattern.
        index: the text, with the places of words found so far.
        needs: groups of words; every match consumes at least one word of each group.
        reach: how far before one of its words a match can start, and how far after the word's
            start the pattern can read (its match and what its look-aheads read), at most.
        tail: a pattern matching, at a window's end, the rest of a run of characters that the
            pattern may read on through (matched there and the window ends after it, plus nothing
            more: include the look-ahead's characters in it).
        timeout: passed to the scans.

    Returns:
        The matches, in order, as a scan of the whole text finds them.
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
    if rarest is None or fewest * 2 * reach >= n:  # windows would cover most of the text
        return pattern.finditer(text, timeout=timeout)
    windows = _windows(index.spans(rarest), n, reach, tail, text)
    return (m for ws, we in windows for m in pattern.finditer(text, ws, we, timeout=timeout))


def match_at(
    pattern: regex.Pattern[str], index: WordIndex, words: Words, *, timeout: float = 10.0
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(index.text)`` for a pattern that never matches the empty
    string and whose every match starts where one of ``words`` starts: it is tried there only."""
    text = index.text
    if not index.searchable(words):
        yield from pattern.finditer(text, timeout=timeout)
        return
    last = 0
    for q, _ in index.spans(words):
        if q >= last:
            m = pattern.match(text, q, timeout=timeout)
            if m is not None:
                last = m.end()
                yield m
