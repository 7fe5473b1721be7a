"""Normalisation for matching, with an exact map back to the original offsets.

Extractors match patterns on the normalised view (straight quotes, plain spaces, ASCII hyphens, no
soft hyphens, ``\\n`` line ends) and report spans into the text as the user gave it. Every change is
either a one-for-one character substitution or a deletion, so the map is a monotonic list of
original indices, one per normalised character, plus a sentinel for the end.
"""

from __future__ import annotations

import functools
from array import array

import attrs
import regex

__all__ = ["DELETIONS", "SUBSTITUTIONS", "Normalized", "normalize"]

#: One-for-one substitutions: typographic variants folded to their ASCII form.
SUBSTITUTIONS: dict[str, str] = {
    # double quotation marks (guillemets keep their direction and are left alone)
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\uff02": '"',
    # single quotation marks and apostrophes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\uff07": "'",
    "\u02bc": "'",
    # dashes and minus signs
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    # spaces other than U+0020 (line breaks are kept as they are)
    "\u00a0": " ", "\u1680": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ",
    "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
    # line and paragraph separators become line feeds
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n", "\x0b": "\n", "\x0c": "\n",
    # the ellipsis character stays one character, so it maps to one full stop-like mark
    "\u2026": "\u2026",
}

#: Characters dropped from the normalised view: soft hyphen, zero-width characters, BOM, and the
#: carriage return of CRLF (a lone CR becomes a line feed instead).
DELETIONS: frozenset[str] = frozenset({"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"})

_TABLE = {ord(k): v for k, v in SUBSTITUTIONS.items() if k != v}


@attrs.frozen(kw_only=True)
class Normalized:
    """The normalised view of a text and the map back to it.

    Attributes:
        text: the normalised text.
        original: the text as given.
        offsets: for each index ``i`` of ``text``, the index in ``original`` it came from; one more
            entry maps ``len(text)`` to ``len(original)``.
    """

    text: str
    original: str
    offsets: array[int] = attrs.field(eq=False, repr=False)

    def to_original(self, i: int) -> int:
        """Map an index of the normalised text (``0 <= i <= len(text)``) to the original text."""
        return self.offsets[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text that it covers."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


_DELETE = regex.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]|\r(?=\n)")
_TABLE[ord("\r")] = "\n"  # a lone carriage return is a line end


@functools.lru_cache(maxsize=64)
def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the offset map.

    Curly and low quotation marks become ``"`` and ``'``, dashes and minus signs ``-``, every kind
    of space ``" "``, CRLF and other line separators ``\\n``; soft hyphens and zero-width
    characters are removed. Guillemets and the ellipsis character are kept. The result is
    idempotent: ``normalize(normalize(t).text).text == normalize(t).text``. Linear time.

    Args:
        text: any string.

    Returns:
        The :class:`Normalized` view.
    """
    n = len(text)
    translated = text.translate(_TABLE)
    deleted = [m.start() for m in _DELETE.finditer(text)]
    identity = _identity(n + 1)
    if not deleted:
        return Normalized(text=translated, original=text, offsets=identity)
    pieces: list[str] = []
    offsets = array("q")
    prev = 0
    for d in deleted:
        pieces.append(translated[prev:d])
        offsets.extend(identity[prev:d])
        prev = d + 1
    pieces.append(translated[prev:])
    offsets.extend(identity[prev:])
    return Normalized(text="".join(pieces), original=text, offsets=offsets)


# The offsets 0, 1, 2, ... for texts up to this long are copied from one shared table: a memory copy
# instead of a million integers made one by one. Longer texts (rare) build their own.
_IDENTITY_MAX = 1 << 21
_identity_table = array("q")


def _identity(n: int) -> array[int]:
    """A new array of the offsets ``0 .. n - 1``."""
    global _identity_table
    table = _identity_table  # read once: another thread may replace it, never change it
    if len(table) < n:
        if n > _IDENTITY_MAX:
            return array("q", range(n))
        table = array("q", range(max(1 << (n - 1).bit_length(), 1 << 12)))
        _identity_table = table
    return table[:n]
