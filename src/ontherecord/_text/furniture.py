"""Furniture: the parts of a page that are not the article's own text.

Bylines, author biographies, photo and wire credits, publisher disclaimers and calls to action are
recognised by shape (where they stand, how long they are, how they open) and by small lexicons in
``ontherecord/data``, never by a list of known sentences. Each item records the rule that found it.
A paragraph is either all furniture or none of it: the rules look at whole paragraphs.
"""

from __future__ import annotations

import functools

import regex

from ontherecord._data import lines, trie, word_set

__all__ = ["FurnitureMatch", "find_furniture"]

# A personal name as bylines write it: two to five capitalised words, with particles and
# hyphenated or apostrophised parts ("Omar al-Nidawi", "Jean-Luc de la Croix", "Mary O'Neil").
_NAME = r"""
    (?: \p{Lu}[\p{L}'\-.]*+ )                          # first word, capitalised
    (?: [ ] (?: (?:al|el|bin|ibn|de|del|della|da|di|van|von|der|den|la|le|du|dos|das)[ \-] ){0,2}+
        (?: \p{Lu}[\p{L}'\-.]*+ | al-\p{Lu}[\p{L}'\-]*+ ) ){1,4}   # one to four more words
"""
_BYLINE = regex.compile(
    rf"""
    ^ (?: [Bb]y | BY | [Ww]ritten[ ]by | [Ww]ords[ ]by | [Rr]eporting[ ]by ) [ ]++
    (?P<names> {_NAME} (?: [ ]*+ (?: , | and | & ) [ ]*+ {_NAME} ){{0,3}} )
    (?: [ ]*+ [,|\-/][ ]*+ [^\n]{{0,60}} )?+           # ", Reuters", " | The Guardian"
    [ ]*+ $
    """,
    regex.VERBOSE,
)
_SPLIT_AND = regex.compile(r"[ ]*+(?:,[ ]*+)?(?:\band\b|&)[ ]*+")
_SPLIT_COMMA = regex.compile(r"[ ]*+,[ ]*+")


# Byline "names" that are a desk or an agency, not a person: they stay furniture but name no author.
_NOT_A_PERSON = regex.compile(
    r"""
    ^ (?: The | A ) \b                                   # "By The Associated Press"
    | \b (?: staff | reporters? | writers? | correspondents? | editors? | desk | team
          | press | news | wires? | agency | reuters | afp | bloomberg ) \b   # "By Reuters Staff"
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _byline_names(names: str) -> tuple[str, ...]:
    """Split the names of a byline. Commas separate names only before the last "and"
    ("By A, B and C"); after it, or when there is no "and", a comma starts the affiliation
    ("By A and B, Associated Press", "By A, Reuters")."""
    parts = _SPLIT_AND.split(names)
    out: list[str] = []
    for p in parts[:-1]:
        out.extend(_SPLIT_COMMA.split(p))
    out.append(_SPLIT_COMMA.split(parts[-1])[0])
    return tuple(x for x in out if x and _NOT_A_PERSON.search(x) is None)
_BIO = regex.compile(
    rf"""
    ^ (?! (?:The|This|That|It|Our|We|Its|Their)\b ) (?P<name> {_NAME} ) [ ]++
    (?: is | has[ ]been | writes | covers | teaches | serves ) [ ]++   # present tense: a bio
    (?! not \b | never \b )                                   # "Mr. Bush is not the first member"
    (?: (?: a | an | the | currently | now | also | formerly ) [ ]++ )?+
    """,
    regex.VERBOSE,
)
_REPORTED = regex.compile(r"\b(?:said|says|told|according[ ]to)\b")
# Photo and wire credits. The whole pattern is never run over a paragraph: its branches that are
# anchored at the start run there only, the one anchored at the end in the paragraph's last
# characters only (see _is_credit); on a megabyte-long paragraph a search tries every position.
_CREDIT_START = regex.compile(
    r"""
    ^ (?: (?: top | main | header | feature[d]? | lead | cover )[ ] )?+
      (?: photo(?:graph)?s? | images? | pictures? | video | graphic | illustration | credit | file[ ]photo )
      \b [^\n]{0,12}? (?: \bby\b | :[ ]*+\S | \bcredit\b | \bcourtesy\b | \bvia\b | / )
                                                          # "Photo by", "Image: X" (not "Video Transcript:")
    | ^ \(? (?: additional[ ] )?+ (?: reporting | writing | editing | compiled | produced )
      [ ] by \b                                           # wire credits: "(Reporting by ...)"
    | ^ (?: copyright | \u00a9 | \(c\) ) \b? [ ]*+ \d{4}            # "Copyright 2020 ..."
    | ^ (?: getty(?:[ ]images)?+ | afp | reuters | epa | ap(?:[ ]photo)?+ | shutterstock ) [ ]?+ /
                                                          # "Getty/Instagram", "AP/Evan Vucci"
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_CREDIT_END = regex.compile(
    r"""
    \( [^()\n]{0,30}? \b photo(?:graph)?s? \b [^()\n]{0,5}? / [^()\n]{1,60}+ \) [ ]*+ $
                                                          # "(AP Photo/Evan Vucci)" closing a caption
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# From "(" to ")" _CREDIT_END spans at most 1 + 30 + 11 + 5 + 1 + 60 + 1 characters, and only white
# space follows the ")".
_CREDIT_END_SPAN = 109
_CREDIT_ANYWHERE = regex.compile(
    r"""
    \b (?: via | / ) [ ]?+ (?: getty[ ]images | afp | reuters | ap[ ]photo | epa | shutterstock
      | alamy | associated[ ]press ) \b                  # agency credit anywhere in a short line
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _is_credit(para: str) -> bool:
    """Whether a photo or wire credit opens ``para``, closes it, or stands anywhere in it."""
    return (
        _CREDIT_START.match(para) is not None
        or _CREDIT_ANYWHERE.search(para) is not None
        or _CREDIT_END.search(para, max(0, len(para.rstrip()) - _CREDIT_END_SPAN)) is not None
    )


# What every rule below needs: an ASCII letter, a character that matches one ignoring case (the
# dotted capital I, the long s, the Kelvin sign), or a copyright sign.
_LETTER = regex.compile(r"[A-Za-z\u0130\u017f\u212a\u00a9]")


class FurnitureMatch:
    """One paragraph recognised as furniture (a span of the normalised text)."""

    __slots__ = ("authors", "end", "kind", "rule", "start")

    def __init__(
        self, start: int, end: int, kind: str, rule: str, authors: tuple[str, ...] = ()
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.rule = rule
        self.authors = authors


@functools.cache
def _phrase_pattern(name: str, anchored: bool) -> regex.Pattern[str]:
    # a trie finds the longest phrase at each position, as a longest-first alternation does, in
    # half the time; its letters are in lower case, as the phrases compare (they are ASCII, and
    # ignoring case an ASCII letter matches its capital and at most one other character)
    alts = trie(sorted({p.lstrip("~").lower() for p in lines(name)}))
    if anchored:
        return regex.compile(rf"^[\W_]*+(?:{alts})(?!\w)", regex.IGNORECASE)
    return regex.compile(rf"(?:{alts})", regex.IGNORECASE)


@functools.cache
def _phrase_marks(name: str) -> frozenset[str]:
    """Characters without case of which every phrase of ``data/<name>.txt`` holds at least one
    (spaces, hyphens, colons): a text with none of them holds no phrase. Empty when some phrase
    is letters only."""
    marks = set()
    for phrase in lines(name):
        mark = next((c for c in phrase.lstrip("~") if c.lower() == c.upper() and not c.isalnum()), None)
        if mark is None:
            return frozenset()
        marks.add(mark)
    return frozenset(marks)


def _is_disclaimer(para: str, pattern: regex.Pattern[str]) -> bool:
    """Whether ``para`` holds a strong disclaimer phrase, or two different weak ones."""
    marks = _phrase_marks("disclaimers")
    if marks and not any(mark in para for mark in marks):
        return False  # a megabyte of one word: no phrase to look for
    weak = {p[1:].casefold() for p in lines("disclaimers") if p.startswith("~")}
    hits = {m.group().casefold() for m in pattern.finditer(para)}
    return bool(hits - weak) or len(hits) >= 2


# No rule looks at a paragraph of more words than this: counting stops there.
_MAX_WORDS = 150


def _words(text: str) -> int:
    """The number of words of ``text``, or more than ``_MAX_WORDS`` if there are more."""
    return len(text.split(maxsplit=_MAX_WORDS + 1))


def find_furniture(text: str, paragraphs: list[tuple[int, int]]) -> list[FurnitureMatch]:
    """Find the furniture among ``paragraphs`` (spans of the normalised ``text``).

    Args:
        text: the normalised text.
        paragraphs: its paragraph spans, in order.

    Returns:
        The furniture paragraphs, in order, each with its kind and rule.
    """
    out: list[FurnitureMatch] = []
    n = len(paragraphs)
    calls = _phrase_pattern("calls_to_action", anchored=True)
    disclaimers = _phrase_pattern("disclaimers", anchored=False)
    roles = word_set("bio_roles")
    for i, (s, e) in enumerate(paragraphs):
        para = text[s:e]
        if _LETTER.search(para) is None:
            continue  # every rule needs a letter (or a copyright sign)
        words = _words(para)
        near_top = i < 3
        near_end = i >= n - 4
        if words <= 12 and (near_top or near_end):
            m = _BYLINE.match(para)
            if m:
                names = _byline_names(m.group("names"))
                out.append(FurnitureMatch(s, e, "byline", "byline.by-name", names))
                continue
        if words <= 40 and (words <= 25 or para[:1] == "(") and _is_credit(para):
            out.append(FurnitureMatch(s, e, "credit", "credit.photo-or-wire"))
            continue
        if words <= 15 and calls.match(para):
            out.append(FurnitureMatch(s, e, "call_to_action", "call-to-action.opening-phrase"))
            continue
        if near_end and words <= 120:
            m = _BIO.match(para)
            if (
                m
                and _REPORTED.search(para) is None  # a bio describes; it does not report speech
                and m.group("name").split()[0] not in word_set("sentence_starters")  # "Although X is"
            ):
                first = para[m.end():m.end() + 200].casefold()
                if any(w.strip(",.;") in roles for w in first.split()[:12]):
                    out.append(FurnitureMatch(s, e, "bio", "bio.name-is-role", (m.group("name"),)))
                    continue
        if (near_end or para.lower().startswith(("disclaimer", "editor's note", "disclosure")))\
                and words <= _MAX_WORDS and _is_disclaimer(para, disclaimers):
            out.append(FurnitureMatch(s, e, "disclaimer", "disclaimer.phrase"))
            continue
    return out
