"""Source attribution: every statement an article attributes to a source.

:func:`attribute` returns the quotations of :func:`~ontherecord.extract_quotes` that have a source,
plus reported speech ("X said (that) ...", "..., X said.", "X told Y that ..."), "according to X",
cue nouns ("X's claim that ..."), beliefs and denials ("X believes", "X denied") and anonymous
sources ("officials said", "experts say"). The helpers here (cue lexicon, sentence bounds, the
subject of a cue) are shared with the quotation extractor.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from array import array
from collections.abc import Callable
from typing import Any

import regex

from ontherecord import _data
from ontherecord._article import Article, Span
from ontherecord._claim import Claim

__all__ = ["attribute"]

EXTRACTOR = "ontherecord.attribution.v1"


# --------------------------------------------------------------------------------------------
# Lexicons


@functools.cache
def cue_classes() -> dict[str, str]:
    """Map each inflected cue verb to its class: speech, belief or evidence."""
    out: dict[str, str] = {}
    for line in _data.lines("cue_verbs"):
        form, cls, _lemma = line.rsplit(" ", 2)
        out.setdefault(form, cls)
    return out


_trie = _data.trie


@functools.cache
def cue_pattern() -> re.Pattern[str]:
    """One pattern for every cue verb and "according to", compiled once.

    This one pattern uses the standard library's ``re``: it runs over every character of every
    article, and on this literal-word alternation ``re`` is about four times faster than ``regex``
    (measured on PolNeAR dev). It cannot backtrack badly: a prefix tree of literal words.
    """
    alternatives = _trie(sorted(cue_classes()))
    return re.compile(
        rf"""
        (?<![\w'’\-])                      # a whole word: nothing word-like before
        (?:
            (?P<according>[Aa]ccording[ ]to)   # "according to X"
          | (?P<verb>{alternatives})             # an inflected cue verb from cue_verbs.txt
        )
        (?![\w\-]|['’]\w)                    # nothing word-like after
        """,
        re.VERBOSE,
    )


@functools.cache
def _anonymous_heads() -> frozenset[str]:
    return _data.word_set("anonymous_sources")


@functools.cache
def _document_heads() -> frozenset[str]:
    return _data.word_set("documents")


@functools.cache
def _claim_nouns() -> frozenset[str]:
    return _data.word_set("claim_nouns")


@functools.cache
def _abbreviations() -> frozenset[str]:
    return frozenset(_data.lines("abbreviations")) | frozenset(_data.lines("abbreviations_prefix"))


@functools.cache
def _given_names() -> frozenset[str]:
    return _data.word_set("given_names_male") | _data.word_set("given_names_female")


@functools.cache
def _prefix_abbreviations() -> frozenset[str]:
    return frozenset(_data.lines("abbreviations_prefix"))


# --------------------------------------------------------------------------------------------
# Tokens and sentences

_TOKEN = regex.compile(
    r"""
    [\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}.'’\-]*[\p{L}\p{M}\p{N}])?['’]?   # a word, "U.S", "Iran’s", "al-Sadr"
    | [^\s\p{L}\p{M}\p{N}]                                                 # one punctuation mark
    """,
    regex.VERBOSE,
)

_LINE_BREAK = r"""
    \n+                                           # a line break ends a sentence (and a paragraph)
"""
_FULL_STOP = r"""
    (?<=[.!?…][\"”’')\]]{0,2}) [^\S\n]+           # full stop, any spaces (no-break too), then
      (?=(?:''|[\"“‘(]{1,2})?[\p{Lu}\p{N}])             # a capital, maybe after marks: (“A, ''A
"""
_BOUNDARY = regex.compile(_LINE_BREAK + "|" + _FULL_STOP, regex.VERBOSE)
# what the Layout vetoes for sure: a full stop after a capital initial or initialism ("U", "U.",
# "U.S", "US.") or a listed abbreviation, in ASCII (where letters mean the same to both engines)
_SURE_VETO = r"""
    (?<! (?: ^ | [\x00-\x2d\x2f-\x40\x5b-\x60\x7b-\x7f] )   # the word starts here (no letter)
         (?: [A-Z] (?: \.[A-Za-z.] | [A-Za-z]\. | \. )? | \L<abbreviations> )
         [.!?…] [\"”’')\]]{0,2} )
"""


@functools.cache
def _boundaries() -> regex.Pattern[str]:
    """``_BOUNDARY`` without the full stops :class:`Layout` is sure to veto. Text made of
    initialisms then costs one scan instead of a decision in Python for each (the others are
    still decided there, so the pattern only passes over what the decision would drop)."""
    ascii_abbreviations = sorted(w for w in _abbreviations() if regex.fullmatch(r"[A-Za-z.]+", w))
    return regex.compile(
        _LINE_BREAK + "|" + _SURE_VETO + _FULL_STOP, regex.VERBOSE, abbreviations=ascii_abbreviations
    )


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "some",
        "many",
        "most",
        "several",
        "other",
        "another",
        "two",
        "three",
        "four",
        "five",
        "few",
        "both",
        "all",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "these",
        "those",
        "one",
    ]
)
_PREPOSITIONS = frozenset(
    ["of", "for", "at", "with", "from", "in", "on", "by", "about", "over", "under", "into", "near", "within"]
)
# lowercase words that end a subject when reading leftwards from a cue
_STOP = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "and",
        "but",
        "or",
        "nor",
        "as",
        "when",
        "while",
        "if",
        "because",
        "so",
        "than",
        "where",
        "after",
        "before",
        "since",
        "though",
        "although",
        "how",
        "what",
        "why",
        "whether",
        "then",
        "there",
        "here",
        "to",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "not",
        "never",
        "also",
        "just",
        "even",
        "only",
        "still",
        "yet",
        "however",
        "meanwhile",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "it's",
        "what's",
    ]
)
# adverbs and auxiliaries that may stand between a subject and its cue ("Iran initially tried to say")
_BETWEEN = frozenset(
    [
        "also",
        "later",
        "then",
        "previously",
        "has",
        "have",
        "had",
        "would",
        "will",
        "reportedly",
        "once",
        "recently",
        "publicly",
        "privately",
        "repeatedly",
        "first",
        "again",
        "further",
        "simply",
        "just",
        "often",
        "frequently",
        "flatly",
        "long",
        "did",
        "does",
        "do",
        "initially",
        "tried",
        "to",
        "wanted",
        "seemed",
        "appeared",
        "subsequently",
        "quickly",
        "immediately",
        "explicitly",
        "openly",
        "widely",
        "separately",
        "earlier",
        "now",
        "already",
        "always",
        "has",
        "could",
        "may",
        "might",
        "can",
        "must",
        "should",
        "had",
        "essentially",
        "basically",
        "effectively",
        "only",
        "ever",
        "even",
        "not",
        "went",
        "on",
        "continued",
        # sentence adverbs between a subject and its verb: "Carter however said"
        "however",
        "meanwhile",
        "instead",
        "still",
        "nonetheless",
        "eventually",
        "finally",
        "ultimately",
    ]
)


def _is_name_token(tok: str) -> bool:
    return tok[:1].isupper() or tok.startswith(("al-", "el-", "bin ", "ibn "))


_MAX_SENTENCE = 600


class Layout:
    """Sentence starts, quotation spans and tokens of one article, computed once.

    .. versionadded:: 0.1.0
    """

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        abbreviations = _abbreviations()
        for m in _boundaries().finditer(text):
            if m.group()[0] != "\n":
                # "Mr. Smith", "U.S. Senate": no boundary after an abbreviation or an initial
                j = m.start() - 1
                while j >= 0 and text[j] in "\"”’')]":
                    j -= 1
                k = j
                while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
                    k -= 1
                word = text[k:j]
                if word in abbreviations or (
                    len(word) <= 3
                    and "." in word + "."
                    and word[:1].isupper()
                    and (len(word) == 1 or "." in word)
                ):
                    continue
            starts.append(m.end())
        self.sentence_starts = starts
        self.quotes: list[tuple[int, int]] = []  # spans covered by quotation marks (inclusive of marks)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence holding ``pos``."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[i]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        # text with no sentence ends (tables, junk) is read in windows, keeping the work linear
        return max(start, pos - _MAX_SENTENCE), min(end, pos + _MAX_SENTENCE)

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quotation (marks included)."""
        i = bisect.bisect_right(self.quotes, (pos, len(self.text) + 1)) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Tokens of ``text[start:end]`` as (start, end, token)."""
    if len(text) < _INDEXED or end - start < _SHORT_WINDOW or not 0 <= start < end <= len(text):
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    # A long text is tokenised once (per thread) and each window read from the index: the
    # windows overlap (every cue reads the 240 characters before it), and rescanning them made
    # text dense with cues cost hundreds of passes over it. Only a token cut by an edge of the
    # window is tokenised again, so the result is what scanning the window gives.
    index = getattr(_token_index, "value", None)
    if index is None or index.text is not text:
        index = _token_index.value = _TokenIndex(text)
    starts, ends = index.starts, index.ends
    out: list[tuple[int, int, str]] = []
    k = bisect.bisect_left(starts, start)
    if k > 0 and ends[k - 1] > start:  # a token runs across the start: scan its part in the window
        edge = ends[k - 1]
        for m in _TOKEN.finditer(text, start, end):
            if m.start() >= edge:
                break
            out.append((m.start(), m.end(), m.group()))
        if edge >= end:
            return out
    hi = max(k, bisect.bisect_right(ends, end, lo=k))
    index.extend(out, k, hi)
    if hi < len(starts) and starts[hi] < end:  # a token runs across the end: scan its part
        out.extend((m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, starts[hi], end))
    return out


_INDEXED = 32768  # texts shorter than this (most articles) are scanned window by window
_SHORT_WINDOW = 96  # and so are short windows (a cue near its sentence start): the index costs more
_token_index = threading.local()  # the last long text tokenised in this thread, and its tokens


class _TokenIndex:
    """Where the tokens of one text stand, and the tokens themselves for a few recent blocks."""

    BLOCK = 256  # tokens per block
    KEPT = 64  # blocks kept (the windows move through the text: older blocks are not read again)

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        for m in _TOKEN.finditer(text):
            s, e = m.span()
            self.starts.append(s)
            self.ends.append(e)
        self._blocks: dict[int, list[tuple[int, int, str]]] = {}

    def extend(self, out: list[tuple[int, int, str]], k: int, hi: int) -> None:
        """Append tokens ``k`` to ``hi`` (indices into the text's tokens) to ``out``."""
        size = self.BLOCK
        for b in range(k // size, (hi + size - 1) // size):
            block = self._blocks.get(b)
            if block is None:
                if len(self._blocks) >= self.KEPT:
                    del self._blocks[next(iter(self._blocks))]  # the oldest
                lo, up, text = b * size, min((b + 1) * size, len(self.starts)), self.text
                block = self._blocks[b] = [
                    (s, e, text[s:e]) for s, e in zip(self.starts[lo:up], self.ends[lo:up], strict=True)
                ]
            out.extend(block[max(0, k - b * size) : hi - b * size])


# --------------------------------------------------------------------------------------------
# The subject of a cue


def subject_before(text: str, lo: int, cue_start: int) -> Span | None:
    """Return the span of the subject that stands left of a cue verb (or None).

    Reads leftwards from ``cue_start`` over at most a dozen tokens: adverbs and auxiliaries next to
    the cue are skipped, then the noun phrase is collected up to a punctuation mark or a function
    word. An apposition ("Fawaz Gerges, a professor at LSE, said") gives the name before it.
    """
    near = max(lo, cue_start - 24)
    party = _PARTY_LABEL.search(text, near, cue_start) if text.find("-", near, cue_start) >= 0 else None
    if party is not None:
        # "Senate Majority Leader Mitch McConnell, R-Ky., said": the label is no name
        cue_start = party.start()
    elif cue_start - lo > _SHORT_WINDOW and _after_speech_verb(text, max(lo, cue_start - 240), cue_start):
        return None  # what the walk below finds, without tokenising a long window: no subject
    toks = tokens(text, max(lo, cue_start - 240), cue_start)
    i = len(toks) - 1
    while i >= 0 and (
        toks[i][2].lower() in _BETWEEN
        or (toks[i][2].endswith("ly") and toks[i][2].islower() and len(toks[i][2]) > 4)
    ):
        if toks[i][2] == "to" and (i == 0 or toks[i - 1][2].lower() not in _BETWEEN):
            return None  # "rushing to TV to say": the word before "to" is no verb of trying
        i -= 1
    if i < 0:
        return None
    if toks[i][2] == "," and i > 0 and toks[i - 1][2] == ")":
        i -= 1  # a stray comma after a parenthesis: "Gov. John Kasich (R-OH), said"
    if toks[i][2] == ")":
        # a parenthesis between subject and cue: "Rep. Hank Johnson (D-Ga.) said"
        j = i - 1
        while j >= 0 and i - j <= 8 and toks[j][2] != "(":
            j -= 1
        if j <= 0 or toks[j][2] != "(":
            return None
        inner = subject_before(text, lo, toks[j][0])
        if inner is not None:
            return Span(start=inner.start, end=toks[i][1])
        return None
    first = toks[i][2]
    if first == ",":
        return _apposed_name(toks, i)
    if first == "who" and i >= 2 and toks[i - 1][2] == ",":
        return Span(start=toks[i][0], end=toks[i][1])
    if first.lower() in _PRONOUNS:
        if first == "I" or first.lower() != "i":
            return Span(start=toks[i][0], end=toks[i][1])
        return None
    phrase: list[tuple[int, int, str]] = []
    while i >= 0 and len(phrase) < 10:
        _s, _e, tok = toks[i]
        low = tok.lower()
        if tok == ",":
            # the subject ends at a comma ("NAME, a professor at X, said" is read by
            # _apposed_name, from the comma before the cue; "..., a story by Politico says" has
            # no name before its comma)
            break
        if (
            tok == "."
            and phrase
            and phrase[0][2][:1].isupper()
            and i > 0
            and toks[i - 1][1] == _s
            and toks[i - 1][2] in _prefix_abbreviations()
        ):
            # a title before a name: "Mr. Hedge said", "Sen. Warren said"
            phrase[0:0] = [toks[i - 1], toks[i]]
            i -= 2
            continue
        if tok == "%" and not phrase and i > 0 and toks[i - 1][1] == _s and toks[i - 1][2][:1].isdigit():
            phrase.insert(0, toks[i])  # "26% say they are conservative"
            i -= 1
            continue
        if (
            tok == "."
            and i > 0
            and toks[i - 1][1] == _s
            and "." in toks[i - 1][2]
            and toks[i - 1][2][:1].isupper()
        ):
            # the full stop of an initialism: "the F.B.I. has said"
            phrase[0:0] = [toks[i - 1], toks[i]]
            i -= 2
            continue
        if not (tok[:1].isalnum()):
            break
        if (
            low == "and"
            and phrase
            and i > 0
            and phrase[0][2][:1].isupper()
            and toks[i - 1][2][:1].isupper()
            and toks[i - 1][2] not in _CAP_PREPOSITIONS
        ):
            phrase.insert(0, toks[i])  # "Smith and Jones said", "Forbes and Wealth-X say"
            i -= 1
            continue
        if low in {"or", "nor", "than"} and phrase:
            return None  # "... for Cruz or Rubio or Ben Carson said": the subject is longer
        if low in _STOP or (low in _PRONOUNS and not phrase):
            break
        if tok[:1].islower() and tok in cue_classes() and cue_classes()[tok] == "speech":
            break
        phrase.insert(0, toks[i])
        i -= 1
    phrase = _trim_leading(phrase)
    if not phrase:
        return None
    head = phrase[-1][2]
    if head.lower() in _DETERMINERS or head.lower() in _PREPOSITIONS:
        return None
    return Span(start=phrase[0][0], end=phrase[-1][1])


_LETTERS_BEFORE = regex.compile(r"[a-z]+", regex.REVERSE)  # read leftwards from where it is tried


def _after_speech_verb(text: str, lo: int, cue_start: int) -> bool:
    """Whether the word before a cue is a speech verb ("said said"): the walk of
    :func:`subject_before` stops at it at once and finds no subject. Text made of cues reaches
    this for every cue, so it is decided from the one word."""
    end = cue_start
    while end > lo and text[end - 1].isspace():
        end -= 1
    m = _LETTERS_BEFORE.match(text, lo, end)
    if m is None:
        return False
    start, word = m.start(), m.group()
    if start == lo or not text[start - 1].isspace() or not word.islower() or not word.isalpha():
        return False  # not a whole lowercase word of letters standing alone in the window
    return (
        word not in _BETWEEN  # an auxiliary or adverb is passed over
        and not (word.endswith("ly") and len(word) > 4)
        and word not in _PRONOUNS  # a pronoun is the subject
        and word != "who"
        and (word in _STOP or cue_classes().get(word) == "speech")  # the walk stops at these
    )


# a party and state label set off by commas after a name: ", R-Ky.,", ", D-N.Y.,"
_PARTY_LABEL = regex.compile(r",[ ](?:R|D|I|Rep|Dem|Ind)-\p{Lu}[\p{L}.]{0,6},[ ]*$")
_PARTY_TOKEN = regex.compile(r"(?:R|D|I|Rep|Dem|Ind)-\p{Lu}[\p{L}.]{0,6}$")
_SENTENCE_ADVERBS = frozenset({"meanwhile", "however", "too", "also", "though", "instead", "then"})


def _apposed_name(toks: list[tuple[int, int, str]], i: int) -> Span | None:
    """The name before a long apposition or relative clause: "Hadi al-Ameri, the leader of ..., vowed"."""
    j = i - 1
    while j >= 0 and i - j <= 30 and toks[j][2] not in {",", ".", ";", ":", "“", "”", '"', "(", ")"}:
        j -= 1
        if j > 0 and toks[j][2] == "." and toks[j - 1][1] == toks[j][0] and toks[j - 1][2][:1].isupper():
            j -= 1  # the full stop of "U.S." or "Jr." inside the apposition
    if j < 1 or toks[j][2] != "," or j + 1 >= i:
        return None
    opener = toks[j + 1][2]
    full_name = j >= 2 and _is_name_token(toks[j - 1][2]) and _is_name_token(toks[j - 2][2])
    if opener[:1].isupper() and opener not in _CAP_PREPOSITIONS:
        # "Another pollster, David Woodard of Clemson University, said": the apposition names
        inner = toks[j + 1 : i]
        if len(inner) <= 10 and all(t[2][:1].isalnum() or t[2] in "().-" for t in inner):
            return Span(start=inner[0][0], end=inner[-1][1])
        return None
    if (
        not full_name
        and opener.lower() not in _DETERMINERS
        and not opener[:1].isdigit()
        and opener.lower()
        not in {
            "who",
            "one",
            "whose",
            "himself",
            "herself",
            "now",
            "then",
            "formerly",
            "once",
            "also",
            "until",
            "like",
            "in",
            "at",
            "with",
            "after",
            "before",
            "during",
            "speaking",
            "appearing",
            "writing",
            "responding",
            "asked",
            "interviewed",
        }
        and not (opener.endswith("ing") and opener.islower())
    ):
        return None
    if j >= 3 and toks[j - 2][2] == "," and toks[j - 1][2].lower() in _SENTENCE_ADVERBS:
        j -= 2  # "Sanders, meanwhile, who ..."
    if j >= 3 and toks[j - 2][2] == "," and toks[j - 1][2].isdigit() and len(toks[j - 1][2]) <= 3:
        j -= 2  # an age between the name and the apposition: "Ramil Carr, 31, a photographer, said"
    elif j >= 4 and toks[j - 3][2] == "," and toks[j - 1][2] == "." and _PARTY_TOKEN.match(toks[j - 2][2]):
        j -= 3  # a party label: "Sen. Marco Rubio, R-Fla., appearing on Fox News, said"
    elif j >= 3 and toks[j - 2][2] == "," and _PARTY_TOKEN.match(toks[j - 1][2]):
        j -= 2
    k = j - 1
    while k >= 0 and (_is_name_token(toks[k][2]) or toks[k][2] in {"al", "bin", "de"}) and j - k <= 5:
        k -= 1
    name = _trim_leading(toks[k + 1 : j])
    if not name or not _is_name_token(name[-1][2]):
        return None
    return Span(start=name[0][0], end=name[-1][1])


_CAP_PREPOSITIONS = frozenset(
    [
        "In",
        "On",
        "At",
        "After",
        "Before",
        "During",
        "For",
        "With",
        "From",
        "By",
        "Under",
        "Over",
        "Since",
        "Until",
        "Earlier",
        "Later",
        "Last",
        "Then",
        "Meanwhile",
        "However",
        "But",
        "And",
        "Yet",
        "So",
        "Still",
        "Also",
        "Now",
        "Today",
        "Yesterday",
    ]
)
_SUBORDINATORS = frozenset(
    ["As", "While", "When", "If", "Although", "Though", "Because", "Since", "Until", "Unless", "Once"]
)
# capitalised words that open a sentence without naming anyone
_OPENERS = frozenset(
    [
        *_SUBORDINATORS,
        "Whether",
        "Where",
        "Why",
        "How",
        "What",
        "Who",
        "Despite",
        "Amid",
        "Like",
        "Unlike",
        "Instead",
        "Asked",
        "Speaking",
        "Writing",
    ]
)
_WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])


def _trim_leading(phrase: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a leading prepositional phrase or sentence adverb from a collected subject."""
    while phrase and phrase[0][2].lower() in _PREPOSITIONS and phrase[0][2][:1].islower():
        phrase = phrase[1:]
    if phrase and (phrase[0][2] in _CAP_PREPOSITIONS or phrase[0][2] in _WEEKDAYS):
        rest = phrase[1:]
        for j, (_, _, tok) in enumerate(rest):
            if j and (
                tok.lower() in {"the", "a", "an"} or (tok[:1].isupper() and rest[j - 1][2][:1].islower())
            ):
                return rest[j:]
        return []
    return phrase


def subject_after(text: str, start: int, end: int) -> Span | None:
    """Return the subject that follows an inverted cue ("said Fawaz Gerges, a professor ...")."""
    toks = tokens(text, start, min(end, start + 160))
    phrase: list[tuple[int, int, str]] = []
    for n, (s, e, tok) in enumerate(toks):
        if (
            tok == "."
            and phrase
            and phrase[-1][2][:1].isupper()
            and len(phrase[-1][2]) <= 4
            and phrase[-1][1] == s
        ):
            continue  # "Sen. Mark Warner": the full stop of an abbreviated title
        if not tok[:1].isalnum() or len(phrase) >= 8:
            break
        low = tok.lower()
        if (
            low == "of"
            and phrase
            and phrase[-1][2][:1].isupper()
            and n + 1 < len(toks)
            and toks[n + 1][2][:1].isupper()
        ):
            phrase.append((s, e, tok))  # "Secretary of State Mike Pompeo"
            continue
        if low in _PRONOUNS and not phrase:
            return Span(start=s, end=e)
        if low in _STOP or (low in _PREPOSITIONS and phrase and _is_name_token(phrase[-1][2]) is not False):
            break
        if low in _PREPOSITIONS and (not phrase or phrase[-1][2][:1].isupper()):
            break  # "a spokesman for the ministry": a preposition only after a lowercase head
        if low in {"on", "in", "at"} or tok in _WEEKDAYS:
            break
        phrase.append((s, e, tok))
    if not phrase:
        return None
    if phrase[-1][2].lower() in _DETERMINERS or phrase[-1][2].lower() in _PREPOSITIONS:
        phrase = phrase[:-1]
    if not phrase:
        return None
    return Span(start=phrase[0][0], end=phrase[-1][1])


def mention_kind(text: str, span: Span) -> str:
    """Guess what a source mention names: anonymous, document or named (person/organisation)."""
    words = text[span.start : span.end].split()
    if not words:
        return "anonymous"
    head = words[-1].lower().rstrip(".,")
    first = words[0].lower()
    has_name = any(w[:1].isupper() for w in words[1:]) or (
        words[0][:1].isupper() and first not in _DETERMINERS and first not in _anonymous_heads()
    )
    if head in _document_heads() and words[-1][:1].isupper() and words[0] in _given_names():
        return "named"  # a person whose surname is a document word: "Scott Law", "Anne Paper"
    if head in _document_heads() and (
        (len(words) > 1 and has_name) or head in {"agreement", "treaty", "accord"}
    ):
        return "document"
    if head in _document_heads():
        return "document" if not has_name and words[0].lower() in {"the", "a", "an", "this"} else "named"
    if head in _anonymous_heads() and not has_name:
        return "anonymous"
    if (
        words[0].lower() in {"a", "an", "some", "many", "several", "most", "other", "two", "three"}
        and not has_name
    ):
        return "anonymous"
    if len(words) >= 2 and words[0].lower() in {"a", "an"}:
        return "anonymous"
    return "named"


# --------------------------------------------------------------------------------------------
# Reported speech

_THAT_AHEAD = regex.compile(
    r"""
    \G (?:[ ]+[\p{L}\p{N}'’.\-“”"]+){0,8}? [ ]+ that [ ]   # "told MSNBC’s “Morning Joe” on Friday that "
    """,
    regex.VERBOSE,
)
_CHANNEL = "statement|interview|speech|letter|tweet|post|report|briefing|conference|release|video|email|op-ed"
_ADVERBIAL_AFTER_CUE = regex.compile(
    rf"""
    \G (?:
        # on Monday, last week, early Tuesday morning
        [ ]+ (?:on|last|this|late|early|earlier) [ ] [\p{{L}}'’]+ (?:[ ](?:morning|afternoon|evening|night))?
        # Tuesday, today
      | [ ]+ (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)
        # in a statement, in an interview with CNN
      | [ ]+ in [ ] (?:a|an|the|his|her|their|its) [ ] (?:[\p{{L}}\-]+[ ]){{0,2}}? (?:{_CHANNEL})s?
           (?:[ ] (?:with|to|on) [ ] (?:the[ ])?[\p{{Lu}}][\p{{L}}.]*(?:[ ][\p{{Lu}}][\p{{L}}.]*){{0,3}})?
        # adverbs
      | [ ]+ (?:publicly|privately|repeatedly|again|recently|previously|later|earlier|also|flatly|often)
    )
    """,
    regex.VERBOSE,
)
_TO_VERBS = frozenset(
    [
        "decline",
        "declines",
        "declined",
        "refuse",
        "refuses",
        "refused",
        "promise",
        "promises",
        "promised",
        "pledge",
        "pledges",
        "pledged",
        "vow",
        "vows",
        "vowed",
        "threaten",
        "threatens",
        "threatened",
        "urge",
        "urges",
        "urged",
    ]
)
_OBJECT_TO = regex.compile(r"(?:[ ][\p{L}\p{N}'’.\-]+){1,4}?[ ]to[ ]")  # " Congress to "
_ASK_OBJECT = regex.compile(
    r"""
    (?:[ ](?!(?:whether|if|about|to)[ ])[\p{L}\p{N}'’.\-]++){1,5}?  # the person asked: one to five words
    (?=[ ](?:whether|if|about|to|why|how|what|who|when|where)[ ])  # then the question or request
    """,
    regex.VERBOSE,
)
_QUESTION_AHEAD = regex.compile(r"[ ](?:whether|if|why|how|what|who|when|where)[ ]")
_OBJECT_VERBS = frozenset(
    [
        "told",
        "tells",
        "tell",
        "telling",
        "asked",
        "asks",
        "warned",
        "warns",
        "urged",
        "urges",
        "reminded",
        "assured",
        "informed",
        "persuaded",
        "convinced",
    ]
)


def _content_after(
    text: str, cue_end: int, sent_end: int, cue: str, *, strict: bool = False
) -> tuple[int, int] | None:
    """The reported clause after a cue: skips adverbials, an object and "that".

    With ``strict``, the clause must open with "that" (or "to" for promises and threats).
    """
    pos = cue_end
    for _ in range(3):
        m = _ADVERBIAL_AFTER_CUE.match(text, pos, sent_end)
        if not m:
            break
        pos = m.end()
    m = _THAT_AHEAD.match(text, pos, sent_end)
    if (
        m
        and (cue in _OBJECT_VERBS or m.end() - pos < 12 or strict)
        and "," not in m.group()
        and " to " not in m.group()[:-5]
    ):  # "continued to fire rockets at bases that housed": a relative "that", no reported clause
        pos = m.end() - 5  # the content starts at "that"
    elif strict:
        if cue.startswith("ask") and _QUESTION_AHEAD.match(text, pos, sent_end):
            pos += 1  # "asked whether the plan would work"
        elif cue.startswith("ask") and (ask := _ASK_OBJECT.match(text, pos, sent_end)):
            pos = ask.end() + 1  # "asked Mook if a Clinton administration would ...", "asked the network to"
        elif cue in _TO_VERBS and text.startswith(" to ", pos):
            pos += 1  # "vowed to fight on"
        elif cue in _TO_VERBS and cue in _OBJECT_VERBS and _OBJECT_TO.match(text, pos, sent_end):
            pos += 1  # "urged Congress to act": the object and its infinitive
        else:
            return None
    elif cue in _OBJECT_VERBS:
        # "told reporters the plan was dead": skip a short object
        toks = tokens(text, pos, min(sent_end, pos + 80))
        if not toks:
            return None
        if toks[0][2] in {
            "reporters",
            "him",
            "her",
            "them",
            "us",
            "me",
            "journalists",
            "supporters",
            "voters",
        }:
            pos = toks[0][1]
        else:
            # "told POLITICO he planned", "told the Washington Post on Sunday the plan was dead":
            # the object runs to the first pronoun or "that" within a few words
            for k, (_, _e, tok) in enumerate(toks[1:7], start=1):
                if tok.lower() in {
                    "he",
                    "she",
                    "they",
                    "it",
                    "we",
                    "i",
                    "that",
                    "there",
                    "his",
                    "her",
                    "their",
                    "its",
                    "our",
                }:
                    pos = toks[k][0] - 1
                    break
            else:
                return None
    while pos < sent_end and (text[pos].isspace() or text[pos] in ",:"):
        pos += 1
    end = sent_end
    end = _trim_end(text, pos, end)
    end = _cut_clause(text, pos, end)
    words = text[pos:end].split()
    if len(words) == 2 and words[0].lower() in _PRONOUNS and words[1][:1].islower() and not strict:
        return (pos, end)  # a short clause of its own: "as he claims he wants", "they said she could"
    if end - pos < 12 or len(words) < 3:
        return None
    return (pos, end)


_FREQUENCY = regex.compile(
    r"(?:about|nearly|almost|some|more[ ]than|at[ ]least|only|just)?[ ]?"
    r"(?:a[ ]dozen|\w+|\d+)[ ](?:times|occasions)(?:[ ](?:before|since|so[ ]far|this[ ]year))?"
)
_CALLING = frozenset(["call", "calls", "called", "calling"])
_COMPLEMENT = regex.compile(
    r"""
    ^\S+(?:[ ]\S+){0,5}?[ ]                                     # the object: "the senator"
    (?:a|an|the|his|her|their|its|our|one|["“‘']|''               # then a description: "a liar"
      |\p{Ll}+(?:ly|ous|ful|ive|al|ic|ish|less|ent|ant))          # or an adjective: "dangerous"
    (?:[ ]|$)
    """,
    regex.VERBOSE,
)


def _names_something(text: str, content: tuple[int, int], mention: Span, mkind: str) -> bool:
    """Whether "called" gives its object a name or a description ("called the senator a liar",
    "called Trump “weak”"), not a telephone call ("called Sanders to congratulate him") or a
    naming participle ("a group called Ginbot 7")."""
    words = text[mention.start : mention.end].split()
    if words and words[0].lower() in {"a", "an"}:
        return False
    body = text[content[0] : content[1]]
    if body.split(" ", 1)[0] in {"off", "up", "in", "out", "back", "for", "on", "it"}:
        return False
    return any(c in body for c in '"“”') or "''" in body or _COMPLEMENT.match(body) is not None


_NOT_A_CLAUSE = frozenset(
    [
        "during",
        "from",
        "to",
        "by",
        "on",
        "in",
        "at",
        "after",
        "before",
        "with",
        "for",
        "into",
        "across",
        "over",
        "under",
        "through",
        "via",
        "amid",
        "since",
        "until",
        "despite",
        "two",
        "three",
    ]
)
_CLAUSE_MARKERS = frozenset(
    ["that", "he", "she", "it", "they", "we", "i", "is", "was", "are", "were", "would", "will"]
)
_SUBORDINATE_START = regex.compile(
    r"[ \"“]*(?:Although|Though|While|When|Whereas|If|Because|Since|Unless|Even[ ]though|Even[ ]as|As)[ ]"
)
_CLAUSE_BREAK = regex.compile(
    r"""
    ,["”’']?[ ](?:adding|saying|noting|arguing|warning|insisting|explaining|citing|throwing|giving|
          prompting|leaving|sending|drawing|sparking|raising|triggering)\b
                                      # a participle clause after the content: ", adding ..."
    |(?:,["”’']?|[ ](?:—|–|-|--))[ ](?:although|though|while|whereas|even[ ]as|even[ ]though)\b
                                      # a concessive clause the writer adds
    |,?[ ]and[ ](?:also[ ]|later[ ]|then[ ])?
        (?:added|urged|warned|accused|argued|noted|called|insisted|acknowledged|vowed)\b
                                      # a second verb of the same subject: "and added", "and urged"
    |,[ ](?:and|but)[ ](?:also[ ]|later[ ]|then[ ]|still[ ]|quickly[ ]|instead[ ])?
        (?:cautioned|said|told|declined|refused|denied|stressed|conceded|admitted|promised|pledged|
           predicted|suggested|expressed|dismissed|rejected|criticized|praised|defended|blamed|
           questioned|pointed|emphasized|emphasised|complained|went[ ]on|
           \p{Ll}{3,}ed[ ](?:to|that|the|his|her|their|a|an)[ ])\b
                                      # after a comma: ", but cautioned" (without one, "he posed a
                                      # threat and refused to drop the gun" is the reported clause)
    |,["”’']?[ ](?:\p{Ll}+ly[ ])?
         (?!including|according|during|nothing|something|everything|anything|being|bring|thing)
         \p{Ll}+ing[ ]                  # a trailing participle clause: ", implicitly putting"
    |,[ ](?:a|an)[ ]\p{Ll}+(?:[ ]\p{Ll}+)?[ ](?:that|which|who|based|of)\b
                                      # a trailing apposition: ", an ambitious goal that ..."
    |,[ ](?:and|but|yet|so)[ ](?:he|she|they|it|we|I|there|his|her|their|its|our)[ ]
                                      # a new clause with its own subject: ", and his campaign is"
    |,[ ]as[ ](?!well|much|many|long|soon|far|a[ ]|an[ ]|the[ ]|of[ ])
                                      # ", as have other Democrats", ", as he put it"
    |,[ ](?:said|says|told|added|argued|insisted)\b
                                      # the verb of a subject interrupted by a relative clause:
                                      # "Barkley, who said he votes Democratic, said ..."
    |:[ ]*["“‘']                      # a colon that opens a quotation
    |;[ ]                             # a semicolon ends the reported clause
    """,
    regex.VERBOSE,
)


def _cut_clause(text: str, pos: int, end: int) -> int:
    """Where a reported clause that runs to ``end`` really ends: before a participle clause, a
    concessive clause, a second verb of the same subject, a colon opening a quotation, a semicolon
    or a new attribution with its own subject (", and three-quarters said ...") (outside quotation
    marks)."""
    if _BREAK_MARK.search(text, pos, end) is None:
        return end  # every break needs one of these: skip the scan (cues can stand every few words)
    # the marks and words before each break are counted as the scan goes, not from ``pos`` again
    curly = straight = 0
    counted = pos
    words = False  # three words at least before the break
    for m in _CLAUSE_BREAK.finditer(text, pos, end):
        at = m.start()
        # a comma inside the closing mark (`"corrupt," noting`): count the mark as before the break
        upto = at + 2 if text[at] == "," and text[at + 1 : at + 2] in _CLOSING_MARKS else at
        upto = max(upto, counted)
        curly += text.count("“", counted, upto) - text.count("”", counted, upto)
        straight += text.count('"', counted, upto)
        counted = upto
        words = words or len(text[pos:at].split(maxsplit=3)) >= 3
        if curly + straight % 2 > 0 or not words:
            continue
        end = at
        break
    end = _cut_new_attribution(text, pos, end)
    # a relative clause that runs to the end hangs on the last noun, not on the statement:
    # "that he plans to repeal the Dodd-Frank Act, which was passed in 2010 ..."
    rel = _TRAILING_RELATIVE.search(text, pos, end)
    if rel is not None and "," not in text[rel.end() : end] and len(text[pos : rel.start()].split()) >= 6:
        before = text[pos : rel.start()]
        if before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
            end = rel.start()
    return end


_CLOSING_MARKS = frozenset(['"', "”", "’", "'"])
# every clause break, second attribution and trailing relative clause holds one of these
_BREAK_MARKS = (",", ";", ":", " and ", " but ", " while ", " whereas ", "—", "–", " -")
_BREAK_MARK = regex.compile("|".join(regex.escape(mark) for mark in _BREAK_MARKS))
_TRAILING_RELATIVE = regex.compile(r",[ ](?:which|who|whom|whose)[ ]")


_JOINT_AHEAD = regex.compile(r"[,;]|[ ](?:and|but|while|whereas)[ ]")
_JOINED_SUBJECT = regex.compile(r"(?:,|;|,?[ ](?:and|but|while|whereas))[ ]+$")


def _cut_new_attribution(text: str, pos: int, end: int) -> int:
    """The end of a reported clause that holds a second attribution of its own: "C1, and others
    said C2" or "C1, the manager said C2" end before the comma. Reported speech nested inside the
    clause ("X said officials told him ...") has no comma before its subject and is kept."""
    for tried, m in enumerate(cue_pattern().finditer(text, pos, end)):
        if tried >= 8:
            break  # a clause holds a handful of cues; hostile text holds thousands
        if m.group("according") or _JOINT_AHEAD.search(text, max(pos, m.start() - 100), m.start()) is None:
            continue  # no comma, semicolon, "and" or "but" before the cue: no second attribution
        subject = subject_before(text, pos, m.start())
        if subject is None or subject.start - pos < 12:
            continue
        lead = text[max(pos, subject.start - 12) : subject.start]
        joint = _JOINED_SUBJECT.search(lead)
        if joint is None:
            continue
        cut = subject.start - len(joint.group())
        before = text[pos:cut]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            continue
        return cut
    return end


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over spaces, full stops and closing quotation marks (not before ``start``)."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".\"”’'"):
        end -= 1
    return end


def _content_before(text: str, sent_start: int, mention_start: int) -> tuple[int, int] | None:
    """The reported clause before ", X said": from the sentence start to the comma."""
    j = mention_start
    while j > sent_start and text[j - 1] in " \"”’'":
        j -= 1
    if j <= sent_start or text[j - 1] not in ",—–-":
        return None
    end = j - 1
    start = sent_start
    while start < end and text[start] in " \"“‘'":
        start += 1
    if end - start < 12 or len(text[start:end].split()) < 3:
        return None
    return (start, end)


class SpeechRecord:
    """A reported-speech attribution found in the text, resolved later in text order."""

    __slots__ = (
        "antecedent",
        "confidence",
        "content",
        "cue",
        "cue_span",
        "mention",
        "mkind",
        "rule",
        "source",
        "source_kind",
    )

    def __init__(
        self,
        mention: Span,
        cue_span: Span,
        cue: str,
        content: tuple[int, int],
        rule: str,
        confidence: float,
        mkind: str,
    ) -> None:
        self.mention, self.cue_span, self.cue, self.content = mention, cue_span, cue, content
        self.rule, self.confidence, self.mkind = rule, confidence, mkind
        self.source: Any = None
        self.source_kind = "person"
        self.antecedent: Span | None = None  # what a relative "who" stands for, when named

    def resolve(self, resolver: Any) -> None:
        """Resolve the source mention with the article's speaker resolver."""
        hint = self.mkind if self.mkind in {"anonymous", "document"} else None
        actor, skind = resolver.resolve(self.antecedent or self.mention, kind_hint=hint)
        if self.mkind in {"anonymous", "document"}:
            skind = self.mkind
        if actor is not None and skind != "anonymous":
            resolver.remember(self.mention.start, actor)
        self.source, self.source_kind = actor, skind

    def claim(self, text: str) -> Claim:
        """The resolved record as a :class:`Claim`."""
        a, b = self.content
        return Claim(
            span=Span(start=a, end=b),
            text=text[a:b],
            source=self.source,
            source_mention=self.mention,
            source_kind=self.source_kind,
            cue=self.cue,
            cue_span=self.cue_span,
            confidence=self.confidence,
            rule=self.rule,
        )


_PROGRESSIVE = regex.compile(r"(?<![\w'’])(?:is|are|was|were|(?:has|have|had)[ ]been)(?:[ ][\p{Ll}]+ly)?[ ]$")
_OBJECT_END = regex.compile(
    r"""
    [,;]
    | [ ](?:—|–|―|--)[ ]                # an aside after a dash: "as a “con artist” ― just as"
    | [ ](?:during|after|before|while|when|because|since|amid|following|despite|until|today|
           yesterday|tonight|this[ ](?:week|month|year)|last[ ](?:week|month|year)|earlier[ ]this|
           on[ ](?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|
           Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
    | [ ](?:and|but)[ ](?:also[ ]|then[ ]|later[ ])?(?:\p{Ll}+ed|is|was|are|were|has|had|said|says)\b
    """,
    regex.VERBOSE,
)
_NAMED_START = regex.compile(r"[\p{Lu}\p{N}]")


def _plausible_subject(text: str, mention: Span, mkind: str) -> bool:
    """A subject worth reporting: a pronoun, a name, an anonymous or document source, or a short
    description that starts with a determiner."""
    words = text[mention.start : mention.end].split()
    if not words:
        return False
    first = words[0]
    if first.lower() in _PRONOUNS:
        return first.lower() not in {"you"}
    if first == "who":
        return True
    if first[:1].isdigit():
        return len(words) <= 6
    if mkind in {"anonymous", "document"}:
        return len(words) <= 12  # "a 2014 study by Loyola Law School professor Justin Levitt"
    if first[:1].isupper():
        return len(words) <= 8
    if first.lower() in _DETERMINERS:
        return len(words) <= 6
    # a described name: "former governor Ed Rendell", "longtime aide Huma Abedin"
    if any(w[:1].isupper() for w in words[1:]):
        return len(words) <= 6
    # people in the plural: "callers asked", "local officials said"
    return len(words) <= 3 and _PLURAL_PEOPLE.fullmatch(words[-1]) is not None


# a plural noun that names people: "callers", "residents", "economists", "Democrats"
_PLURAL_PEOPLE = regex.compile(r"\p{L}{3,}(?:ers|ors|ists|ians|ants|ents|ees|ives|als|ans|ics|ites|ars)")


_CLAUSE_RULES = ("speech.", "belief.")  # records whose content is a reported clause, not an object


def speech_records(article: Article, layout: Layout, used_cues: set[int]) -> list[SpeechRecord]:
    """Find reported speech, beliefs, "according to" and cue nouns outside quotation marks."""
    text = article.text
    out: list[SpeechRecord] = []
    classes = cue_classes()
    for m in cue_pattern().finditer(text):
        cs, ce = m.span()
        if cs in used_cues or layout.in_quote(cs):
            continue
        ss, se = layout.sentence(cs)
        if m.group("according"):
            rec = _according(text, ss, se, cs, ce)
            if rec is not None:
                out.append(rec)
            continue
        verb = m.group("verb")
        cls = classes[verb]
        if out:
            last = out[-1]
            if (
                last.content[0] <= cs < last.content[1]
                and last.cue_span.start < cs
                and (cls in {"stance", "belief", "evidence", "weak"} or last.rule.startswith(_CLAUSE_RULES))
            ):
                # "Trump warned that Clinton opposes the Second Amendment": the stance is part
                # of what Trump said, not Clinton's own statement. So is speech reported inside a
                # reported clause ("Trump said Clinton told donors ..."): the clause is Trump's
                # statement, and one that held it would be dropped as its duplicate (text dense
                # with cues would otherwise read the same clause once for each cue in it)
                continue
        mention = subject_before(text, ss, cs)
        progressive = False
        if mention is None and verb.endswith("ing"):
            aux = _PROGRESSIVE.search(text, max(ss, cs - 24), cs)
            if aux is not None:
                # "Trump is telling a veterans group that ...", "Reid has been pounding Trump"
                mention = subject_before(text, ss, aux.start())
                progressive = mention is not None
        inverted = False
        shared = False
        if mention is None and _shares_subject(text, ss, cs, verb):
            shared = True
            mention = _previous_source(text, layout, ss, cs) if verb.endswith("ing") else None
            if mention is None:
                mention = sentence_subject(text, ss, cs)
        if mention is None:
            # "..., said X." inverted
            if cs > ss and text[ss:cs].rstrip().endswith(","):
                mention = subject_after(text, ce + 1, se)
                inverted = mention is not None and _inverted_subject(text, mention)
            if not inverted:
                continue
        assert mention is not None
        if layout.in_quote(mention.start):
            continue  # the words of a quotation are nobody's name: "“We’re going ...,” he said, adding"
        antecedent = None
        if text[mention.start : mention.end] == "who":
            # "Barkley, who said ...": the mention is "who", the source is Barkley
            comma = text.rfind(",", max(ss, mention.start - 3), mention.start)
            antecedent = subject_before(text, ss, comma) if comma > ss else None
            if antecedent is not None and not text[antecedent.start : antecedent.start + 1].isupper():
                antecedent = None
        mkind = mention_kind(text, mention)
        if not _plausible_subject(text, mention, mkind):
            continue
        if (
            cls == "evidence"
            and mkind != "document"
            and not (
                mkind == "anonymous"
                and text[mention.start : mention.end].split()[-1].lower() in _anonymous_heads()
            )
            and not _looks_like_evidence(text[mention.start : mention.end])
        ):
            continue
        content = None
        if (
            not inverted
            and cls not in {"call", "stance"}
            and not (text.startswith((",", "."), ce) and _comma_before(text, ss, mention.start))
        ):
            content = _content_after(text, ce, se, verb, strict=cls == "weak")
        if (
            content is None
            and cls in {"speech", "belief"}
            and not inverted
            and text.startswith(",", ce)
            and _comma_before(text, ss, mention.start)
        ):
            # "C1, he said, C2": the sentence around the attribution
            tail = se
            tail = _trim_end(text, ce, tail)
            content = _clause(text, ss, _cut_clause(text, ce + 1, tail))
        if cls == "stance" and (
            (verb.endswith("ing") and not progressive and not shared) or text.startswith(" by ", ce)
        ):
            continue  # "a group backing Bush", "rebels backed by Ankara": not a statement
        if content is None and cls in {"call", "stance"}:
            content = _clause(text, ce, se, short=cls == "stance")
            if content is not None and cls == "stance":
                # the object of a stance verb ends at the first comma, at a time or circumstance
                # that follows it ("criticized the law during a rally"), or before a second verb
                # of the subject ("praised the wall and explained its importance")
                stop = next(
                    (
                        m
                        for m in _OBJECT_END.finditer(text, content[0] + 3, content[1])
                        if not layout.in_quote(m.start())
                    ),
                    None,
                )
                if text.startswith(("to ", "that "), content[0]):
                    # an infinitive or a clause is a statement of its own: "wants to triple the
                    # program, grow the Peace Corps and ..." runs to the end of the clause
                    content = (content[0], _cut_clause(text, content[0], content[1]))
                elif stop is not None:
                    end = stop.start()
                    while end > content[0] and text[end - 1] == " ":
                        end -= 1
                    content = (content[0], end)
        if content is None and cls in {"speech", "belief", "evidence"}:
            content = _content_before(text, ss, mention.start if not inverted else cs)
        if content is None or _mostly_quoted(layout, content):
            continue
        if cls == "stance" and _FREQUENCY.fullmatch(text, content[0], content[1]):
            continue  # "had attacked about a dozen times": how often, not what
        if verb in _CALLING and not _names_something(text, content, mention, mkind):
            continue  # "Obama called both candidates", "a group called Ginbot 7": no statement
        content_words = text[content[0] : content[1]].split()
        if (
            content[0] > cs
            and cls in {"speech", "belief"}
            and content_words[0].lower() in _NOT_A_CLAUSE
            and len(content_words) <= 10
            and not any(w.lower() in _CLAUSE_MARKERS for w in content_words)
        ):
            # "insisted Thursday during a tour", "reported from Los Angeles", "adding to his wins",
            # "backing down from": a circumstance or a phrasal verb, not what was said
            continue
        if content[0] > cs and _SUBORDINATE_START.match(text, ss, mention.start):
            # "Although she said the plan was a mistake, at the time ...": the reported clause
            # ends where the subordinate clause does
            first_comma = next(
                (k for k in range(content[0], content[1]) if text[k] == "," and not layout.in_quote(k)),
                None,
            )
            if first_comma is not None and len(text[content[0] : first_comma].split()) >= 2:
                content = (content[0], first_comma)
        conf = 0.8 if cls == "speech" else 0.6
        record = SpeechRecord(
            mention,
            Span(start=cs, end=ce),
            verb,
            content,
            f"{cls}.{'inverted' if inverted else 'subject'}",
            conf,
            mkind,
        )
        record.antecedent = antecedent
        out.append(record)
    out.extend(_noun_records(text, layout))
    out.extend(_stance_adjective_records(text, layout))
    out.extend(_headline_records(text, layout))
    out.extend(_colon_records(text, layout))
    return out


_LINE = regex.compile(r"[^\n]+")
_HEADLINE_SMALL = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "as", "vs"]
)


def _headline_records(text: str, layout: Layout) -> list[SpeechRecord]:
    """Attributions in title-case headlines, where the cue is capitalised like every other word:
    "Obama Sees 'Personal Insult' if Blacks Don't Rally", "Clinton Hid Health Problems, Former
    White House Doctor Says"."""
    out: list[SpeechRecord] = []
    classes = cue_classes()
    for line in _LINE.finditer(text):
        a, b = line.span()
        if b - a > 220:
            continue
        rough = [w for w in line.group().split() if w.lower() not in _HEADLINE_SMALL]
        if len(rough) < 3 or sum(w[:1].isupper() for w in rough) < 0.8 * len(rough):
            continue  # a cheap look first: most lines are not title case
        toks = tokens(text, a, b)
        words = [t for t in toks if t[2][:1].isalpha()]
        if len(words) < 4 or len(words) > 30:
            continue
        big = [t for t in words if t[2].lower() not in _HEADLINE_SMALL]
        if not big or sum(t[2][:1].isupper() for t in big) < 0.8 * len(big):
            continue
        if text[a:b].rstrip(" .").endswith(":") or layout.in_quote(a):
            continue
        for k, (cs, ce, tok) in enumerate(toks):
            if k == 0 or not tok[:1].isupper() or tok.lower() not in classes:
                continue
            if classes[tok.lower()] == "weak" and not tok.lower().startswith(("urge", "vow", "warn")):
                continue
            comma = next((j for j in range(k - 1, -1, -1) if toks[j][2] == ","), None)
            first = toks[comma + 1] if comma is not None else toks[0]
            if first[0] >= cs or k - (comma + 1 if comma is not None else 0) > 7:
                break
            mention = Span(start=first[0], end=toks[k - 1][1])
            end = b
            while end > ce and (text[end - 1].isspace() or text[end - 1] in ".;"):
                end -= 1
            if end - ce > 3:
                content = _clause(text, ce, end, short=True)
            elif comma is not None:
                content = _clause(text, a, toks[comma][0], short=True)  # "C, X Says."
            else:
                content = None
            if content is not None and len(text[content[0] : content[1]].split()) >= 2:
                mkind = mention_kind(text, mention)
                out.append(
                    SpeechRecord(
                        mention, Span(start=cs, end=ce), tok.lower(), content, "headline", 0.5, mkind
                    )
                )
            break
    return out


@functools.cache
def _stance_adjectives() -> re.Pattern[str]:
    """ "X is confident that ...", "X was eager to ...", "X remains skeptical of ...": a source's
    stance told with a copula and an adjective from ``stance_adjectives.txt``."""
    adjectives = _trie(sorted(_data.word_set("stance_adjectives")))
    return re.compile(
        rf"""
        (?<![\w'’])
        (?P<aux>is|are|was|were|am|remains|remained|feels|felt|became|grew|has[ ]been|have[ ]been|had[ ]been)
        (?:[ ](?:not|also|still|very|so|quite|increasingly|deeply|clearly|now|more|less|fairly|really|
                  particularly|extremely|highly|openly|publicly|already|no[ ]longer|never|always|
                  equally|somewhat|visibly|notably|firmly|absolutely|completely))*
        [ ](?P<adj>{adjectives})
        [ ](?P<prep>that|to|about|of|in|with|on|over|for)[ ]
        """,
        re.VERBOSE,
    )


def _stance_adjective_records(text: str, layout: Layout) -> list[SpeechRecord]:
    out = []
    for m in _stance_adjectives().finditer(text):
        if layout.in_quote(m.start()):
            continue
        ss, se = layout.sentence(m.start())
        mention = subject_before(text, ss, m.start())
        if mention is None:
            continue
        mkind = mention_kind(text, mention)
        words = text[mention.start : mention.end].split()
        if not _plausible_subject(text, mention, mkind) or words[0].lower() in {
            "it",
            "there",
            "this",
            "that",
        }:
            continue
        if (
            words[0][:1].islower()
            and words[0].lower() not in _PRONOUNS
            and words[-1].lower() not in _anonymous_heads()
            and _PLURAL_PEOPLE.fullmatch(words[-1]) is None
        ):
            continue  # "the results were clear that ...": a stance needs someone to hold it
        prep = m.group("prep")
        start = m.start("prep") if prep in {"that", "to"} else m.end()
        end = se
        end = _trim_end(text, start, end)
        end = _cut_clause(text, start, end)
        if prep not in {"that", "to"}:
            stop = next(
                (x for x in _OBJECT_END.finditer(text, start + 3, end) if not layout.in_quote(x.start())),
                None,
            )
            if stop is not None:
                end = stop.start()
        content = _clause(text, start, end, short=True)
        if content is None or _mostly_quoted(layout, content):
            continue
        out.append(
            SpeechRecord(
                mention,
                Span(start=m.start("adj"), end=m.end("adj")),
                m.group("adj"),
                content,
                "stance.adjective",
                0.5,
                mkind,
            )
        )
    return out


_PARTICIPLES = frozenset(
    [
        "saying",
        "adding",
        "arguing",
        "noting",
        "claiming",
        "warning",
        "insisting",
        "explaining",
        "stating",
        "declaring",
        "telling",
        "calling",
        "asserting",
        "suggesting",
        "acknowledging",
        "admitting",
    ]
)


def _previous_source(text: str, layout: Layout, ss: int, cs: int) -> Span | None:
    """The source of the attribution a participle clause continues: "“...,” the mayor said,
    adding that ..." and "..., said Smith, arguing that ..." give the mayor and Smith."""
    last = None
    for m in cue_pattern().finditer(text, ss, cs):
        if not layout.in_quote(m.start()) and not m.group("according"):
            last = m
    if last is None:
        return None
    if text[ss : last.start()].rstrip(" \"”’'").endswith(","):
        # inverted: "..., said Mayor Bill de Blasio, adding that"
        mention = subject_after(text, last.end() + 1, cs)
        if mention is None or not _inverted_subject(text, mention):
            return None
        rest = text[mention.end : cs]
    else:
        mention = subject_before(text, ss, last.start())
        rest = text[last.end() : cs]
    # the participle must follow the earlier attribution directly: "said, adding"
    if mention is None or rest.strip(" ,") != "":
        return None
    return mention


def _shares_subject(text: str, ss: int, cs: int, verb: str) -> bool:
    """Whether a cue takes the sentence's subject: ", saying ...", "... and said ...", "but added"."""
    before = text[max(ss, cs - 12) : cs].rstrip()
    if verb in _PARTICIPLES or verb.endswith("ing"):
        return before.endswith(",")
    return before.endswith((" and", " but", ",and", ", and", ", but")) or before in {"and", "but"}


def sentence_subject(text: str, ss: int, limit: int) -> Span | None:
    """The subject at the start of a sentence: a pronoun or a name, after an opening adverbial
    ("On Monday, Trump ..."). Used for cues that share it (", saying", "and said")."""
    toks = tokens(text, ss, min(limit, ss + 200))
    i = 0
    if toks and toks[0][2] in {"“", '"'}:
        return None
    # skip an opening adverbial up to its comma: "On Monday," "Last week,"
    if toks and (toks[0][2] in _CAP_PREPOSITIONS or toks[0][2] in _WEEKDAYS):
        for k, t in enumerate(toks[:7]):
            if t[2] == ",":
                i = k + 1
                break
        else:
            return None
    if i < len(toks) and toks[i][2] in _SUBORDINATORS:
        i += 1  # "While civil rights groups praised ... and embraced ...": the subject follows
    if i >= len(toks):
        return None
    first = toks[i][2]
    if first.lower() in _PRONOUNS and first.lower() not in {"it", "you"}:
        return Span(start=toks[i][0], end=toks[i][1])
    j = i
    while j < len(toks) and j - i < 6 and (_is_name_token(toks[j][2]) or toks[j][2] == "."):
        j += 1
    if j == i or not _is_name_token(toks[j - 1][2]) or toks[i][2] in _CAP_PREPOSITIONS:
        return None
    if first.lower() in _DETERMINERS and first[:1].isupper():
        # "The prime minister had ... and favored ...": the noun phrase up to its verb
        k = i + 1
        while (
            k < len(toks)
            and k - i <= 8
            and (toks[k][2][:1].isalnum() or toks[k][2] in {"(", ")", "-", "'s", "’s"})
            and toks[k][2].lower() not in _STOP
            and toks[k][2].lower() not in _BETWEEN
            and toks[k][2].lower() not in cue_classes()
        ):
            k += 1
        if k == i + 1 or k - i > 8 or k >= len(toks):
            return None
        return Span(start=toks[i][0], end=toks[k - 1][1])
    if first in _OPENERS or "’" in first or "'" in first:
        return None  # "As ...", "While ...", "Asked about ...", "It’s ...": no name
    if j < len(toks) and toks[j][2] == ",":
        # an apposition or a relative clause between the name and its verb: "Sen. Mark Kirk,
        # R-Ill., who faces a tough race, rescinded his endorsement, saying ..."
        k = j + 1
        while (
            k < len(toks)
            and k - j <= 30
            and (
                toks[k][2] not in {".", ";", "“", "”", '"'}
                or (toks[k][2] == "." and toks[k - 1][1] == toks[k][0])
            )
        ):
            if (
                toks[k][2] == ","
                and k + 1 < len(toks)
                and toks[k + 1][2][:1].islower()
                and toks[k + 1][2] not in _STOP
            ):
                return Span(start=toks[i][0], end=toks[j - 1][1])
            k += 1
        return None
    if j < len(toks) and not toks[j][2][:1].islower():
        return None  # the name must be followed by its verb
    return Span(start=toks[i][0], end=toks[j - 1][1])


def _inverted_subject(text: str, mention: Span) -> bool:
    """Whether the words after an inverted cue name a source: a name ("said Fawaz Gerges"), a
    described name ("said former governor Ed Rendell") or a described source ("said a spokesman
    for the ministry", "said the report")."""
    words = text[mention.start : mention.end].split()
    after = text[mention.end : mention.end + 2]
    if after[:1] not in {
        "",
        ",",
        ".",
        ";",
        ":",
        "!",
        "?",
        ")",
        "(",
        "\n",
        "—",
        "–",
    } and not _INVERTED_TAIL.match(text, mention.end):
        return False  # "..., said Obama failed to ...": a clause, not an inverted source
    capital = next((k for k, w in enumerate(words) if w[:1].isupper()), None)
    if capital is not None and any(
        w[:1].islower() and w not in _NAME_PARTICLES for w in words[capital + 1 :]
    ):
        return False
    if capital is not None:
        return True
    return words[0].lower() in {"a", "an", "the", "one", "two", "three", "several", "some", "many"} and (
        mention_kind(text, mention) in {"anonymous", "document"} or words[-1].lower() in _speaker_titles()
    )


_NAME_PARTICLES = frozenset(
    ["of", "de", "la", "le", "al", "el", "bin", "van", "von", "der", "da", "du", "the", "for"]
)
# what may follow an inverted source besides punctuation: "said Smith on Monday", "said Smith in a"
_INVERTED_TAIL = regex.compile(
    r"[ ](?:on|in|at|after|before|during|last|this|earlier|later|told|tells|who|when|while|as)\b"
)


@functools.cache
def _speaker_titles() -> frozenset[str]:
    return _data.word_set("speaker_titles")


def _comma_before(text: str, ss: int, pos: int) -> bool:
    j = pos
    while j > ss and text[j - 1] == " ":
        j -= 1
    return j > ss and text[j - 1] in ",—–-"


def _looks_like_evidence(mention: str) -> bool:
    low = mention.lower()
    return any(
        w in low
        for w in (
            "poll",
            "survey",
            "study",
            "data",
            "report",
            "record",
            "research",
            "analysis",
            "video",
            "footage",
            "photo",
            "image",
            "evidence",
            "figures",
            "statistics",
            "numbers",
            "results",
            "test",
            "email",
            "document",
            "review",
            "audit",
            "investigation",
            "estimate",
            "projection",
            "model",
            "count",
            "tally",
            "census",
            "index",
            "average",
        )
    )


def _mostly_quoted(layout: Layout, content: tuple[int, int]) -> bool:
    a, b = content
    covered = 0
    first = max(0, bisect.bisect_right(layout.quotes, (a, len(layout.text) + 1)) - 1)
    for qs, qe in layout.quotes[first:]:  # quotations do not nest: sorted by start and by end
        if qe <= a:
            continue
        if qs >= b:
            break
        covered += min(b, qe) - max(a, qs)
    return covered >= 0.8 * (b - a)


def _according(text: str, ss: int, se: int, cs: int, ce: int) -> SpeechRecord | None:
    """ "According to X, C", "C, according to X" and "C1, according to X, C2"."""
    mention = subject_after(text, ce + 1, se)
    if mention is None:
        return None
    # where the source phrase ends: the mention, or a longer description running to a comma
    # ("according to the officer in charge of the CIA's base that night, C")
    after = mention.end
    while after < se and text[after] == " ":
        after += 1
    if after < se and text[after] not in ",.;":
        stop = _SOURCE_PHRASE_END.search(text, after, min(se, after + 240))
        if stop is not None and text[stop.start()] == ",":
            after = stop.start()
    lead = text[ss:cs].strip(" \"“‘'")
    content: tuple[int, int] | None = None
    if after < se and text[after] == ",":
        if not lead:
            content = _clause(text, after + 1, se)  # "According to X, C."
        elif not lead.endswith(",") or len(lead.split()) <= 8:
            # "If ..., then according to X, C" or "Fundraising, according to X, has surged": the
            # sentence around it (a longer clause before the comma is the content: "C, according
            # to X, a former aide")
            content = _clause(text, ss, se)
    if content is None:
        content = _content_before(text, ss, cs)
    if content is None:
        return None
    mkind = mention_kind(text, mention)
    return SpeechRecord(mention, Span(start=cs, end=ce), "according to", content, "according_to", 0.8, mkind)


# the end of a source description: a comma (or the sentence end), not inside quotation marks
_SOURCE_PHRASE_END = regex.compile(r"[,;](?=[ \n])|[\"“”]")


def _clause(text: str, start: int, end: int, *, short: bool = False) -> tuple[int, int] | None:
    """``text[start:end]`` trimmed of spaces, marks and the full stop; None when too short to be a
    statement (with ``short``, an object as short as a name is enough: "endorsed Clinton")."""
    while start < end and (text[start].isspace() or text[start] in '"“'):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in '."”'):
        end -= 1
    if short:
        return (start, end) if end - start >= 3 and text[start : start + 1].isalnum() else None
    if end - start < 12 or len(text[start:end].split()) < 3:
        return None
    return (start, end)


_CLAIM_NOUN = regex.compile(
    r"""
    (?P<mention>(?:\p{Lu}[\p{L}.\-]*[ ]){0,3}\p{Lu}[\p{L}.\-]*)['’]s[ ]     # "Trump's "
    (?:[\p{Ll}\-]+[ ]){0,2}?                                               # "repeated "
    (?P<noun>[\p{Ll}]+)[ ]that[ ]                                          # "claim that "
    """,
    regex.VERBOSE,
)


def _noun_records(text: str, layout: Layout) -> list[SpeechRecord]:
    out = []
    nouns = _claim_nouns()
    for m in _CLAIM_NOUN.finditer(text):
        if m.group("noun") not in nouns or layout.in_quote(m.start()):
            continue
        _ss, se = layout.sentence(m.start())
        content = _clause(text, m.end(), se)
        if content is None:
            continue
        mention = Span(start=m.start("mention"), end=m.end("mention"))
        out.append(
            SpeechRecord(
                mention,
                Span(start=m.start("noun"), end=m.end("noun")),
                m.group("noun"),
                content,
                "cue_noun",
                0.6,
                mention_kind(text, mention),
            )
        )
    return out


def _per_article(func: Callable[[Article], list[Claim]]) -> Callable[[Article], list[Claim]]:
    """Remember the result for the last few articles: :func:`~ontherecord.extract_claims` asks
    again for the article :func:`~ontherecord.analyze_article` has just attributed."""
    cached = functools.lru_cache(maxsize=4)(lambda article: tuple(func(article)))

    @functools.wraps(func)
    def wrapper(article: Article) -> list[Claim]:
        if not isinstance(article, Article):
            return func(article)  # raises the library's own error
        return list(cached(article))

    return wrapper


@_per_article
def attribute(article: Article) -> list[Claim]:
    """Return every statement the article attributes to a source, sorted by position.

    Quotations with a speaker become claims carrying their :class:`~ontherecord.Quote`; reported
    speech, "according to", cue nouns, beliefs and anonymous sources are found in the text outside
    quotation marks. The content span of reported speech is the reported clause.

    Args:
        article: the article to read.

    Returns:
        The claims, sorted by content start, then end.

    Raises:
        InvalidInputError: if ``article`` is not an :class:`~ontherecord.Article`.

    .. versionadded:: 0.1.0
    """
    from ontherecord.extract._quotes import _analyse

    quotes, speech, layout = _analyse(article)
    text = article.text
    inherited: dict[int, Span] = {}
    last_mention: Span | None = None
    for q in quotes:
        if q.speaker_mention is not None:
            last_mention = q.speaker_mention
        elif q.rule == "continuation" and last_mention is not None:
            inherited[q.span.start] = last_mention
    claims: list[Claim] = []
    for q in quotes:
        if q.kind == "scare" or (
            q.speaker is None and q.speaker_mention is None and q.span.start not in inherited
        ):
            continue
        kind = "person"
        if q.speaker_mention is not None:
            mk = mention_kind(text, q.speaker_mention)
            if mk in {"anonymous", "document"}:
                kind = mk
        if q.kind == "document":
            kind = "document"
        if kind == "person" and q.speaker is not None:
            kind = _speaker_kind(q.speaker)
        a, b = q.span.start, q.span.end
        if (
            q.cue_span is not None
            and q.rule in {"before.subject", "before.inverted", "before.shared_subject"}
            and q.cue
        ):
            # "X told his Cabinet that during the lull, “ISIS has begun ...”": the reported clause
            # starts before the quotation mark
            _ss, se = layout.sentence(q.cue_span.start)
            clause = _content_after(text, q.cue_span.end, max(se, b), q.cue)
            if (
                clause is not None
                and clause[0] < a - 1
                and len(text[clause[0] : a].split()) >= (1 if q.cue in _CALLING else 2)
            ):
                a = clause[0]
                end = _clause_end(text, layout, b, clause[1])
                if end <= b + 1 and text[b : b + 1] in {"”", '"', "’", "'", "»"}:
                    end = b + 1  # the clause ends with the quotation: keep its closing mark
                b = max(b, end)
            elif clause is not None and q.kind == "partial" and clause[0] >= a - 1:
                # "he said “budget reforms” and the collection of taxes would help": the quotation
                # opens the reported clause, which runs on after it
                end = _clause_end(text, layout, b, clause[1])
                if len(text[b:end].split()) >= 3:
                    a, b = min(a, clause[0]), end
        if q.rule in {"after.subject", "after.inverted"} and q.kind in {"direct", "partial"}:
            # "The party, held every four years, “allows us to get our message out,” said X": the
            # statement starts with the sentence when the quotation opens inside it
            a = _lead_in_start(text, layout, a)
        # a continuation names its source where the speaker's previous quotation did
        mention = q.speaker_mention if q.speaker_mention is not None else inherited.get(q.span.start)
        claims.append(
            Claim(
                span=Span(start=a, end=b),
                text=text[a:b],
                source=q.speaker,
                source_mention=mention,
                source_kind=kind,
                cue=q.cue,
                cue_span=q.cue_span,
                quote=q,
                confidence=q.confidence,
                rule="quote." + q.rule,
            )
        )
    claims.extend(r.claim(text) for r in speech)
    claims.extend(_unsourced_claims(text, layout))
    claims = _dedupe(claims)
    if article.furniture:
        # a byline, a biography or a call to action is the publisher's, not a statement reported
        claims = [c for c in claims if not article.is_furniture(c.span)]
    claims.sort(key=lambda c: (c.span.start, c.span.end, c.rule))
    return claims


_JUDGEMENT = regex.compile(
    r"""
    (?<![\w'’\-])
    (?P<cue>
        (?:seem|seems|seemed|appear|appears|appeared)
        # "seemed to", "appears likely", not "appeared on a show", "appeared before the panel"
        (?![ ](?:on|in|at|before|with|for|from|alongside|during|as|together|onstage|live|by|
               [\p{Ll}]+ly[ ](?:on|in|at|before|with)[ ])\b)
        (?=[ ](?:to|like|that|as[ ]if|as[ ]though|[\p{Ll}]+ly[ ]|[\p{Ll}]+[ ,.]))
      | (?:is|are|was|were)(?:n['’]t)?
        (?:[ ](?:not|widely|also|now|still|originally|generally|largely|initially|broadly))*
        [ ](?:expected|projected|predicted)
        (?=[ ](?:to|in|on|by|at)[ ])
    )
    (?![\w\-])
    """,
    regex.VERBOSE,
)
_IMPRESSION = regex.compile(r"[ ](?:that|as[ ]if|as[ ]though|like)\b")
_RELATIVE_BEFORE = regex.compile(r"(?<![\w'’])(which|who|that)[ ]$")
_QUESTION = regex.compile(
    r"""
    (?:(?<=^|\n|[.!?]["”’]?[ ])(?P<lead>Asked)|(?<=[ ](?:when|after|if|once|while)[ ])(?P<mid>asked))
    (?:[ ]by[ ](?P<asker>(?:[\p{Lu}][\p{L}.’'\-]*[ ]?){1,4}|(?:a|an|the)[ ][\p{Ll}]+))?
    (?:[ ](?:on|last|this|early|late)[ ][\p{Lu}\p{Ll}]+)?
    [ ](?=(?:whether|if|what|why|how|who|when|where|which|about|to)[ ])
    """,
    regex.VERBOSE,
)


def _unsourced_claims(text: str, layout: Layout) -> list[Claim]:
    """Statements the article frames without naming who makes them: the writer's judgements
    ("the sale is expected to expand ...", "the fallout appears significant") and questions put to
    a source ("Asked whether he would run, Smith said ..."). Their source is None."""
    out: list[Claim] = []
    for m in _JUDGEMENT.finditer(text):
        cs, ce = m.span("cue")
        if layout.in_quote(cs):
            continue
        ss, se = layout.sentence(cs)
        subject = subject_before(text, ss, cs)
        if subject is None:
            rel = _RELATIVE_BEFORE.search(text, max(ss, cs - 12), cs)
            if rel is not None:
                subject = Span(start=rel.start(1), end=rel.end(1))  # "which is expected to draw"
        if subject is None or text[subject.start : subject.end].lower() in {"there", "you", "i"}:
            continue  # "there appears to be": no clause of its own to report
        if text[subject.start : subject.end].lower() == "it" and _IMPRESSION.match(text, ce):
            continue  # "it seemed that ...": the writer's impression with no subject of its own
        end = se
        end = _trim_end(text, ce, end)
        end = _cut_clause(text, ce, end)
        content = _clause(text, subject.start, end)
        if content is None or _mostly_quoted(layout, content):
            continue
        out.append(
            _unsourced(
                text, content, None, "author", m.group("cue"), Span(start=cs, end=ce), "judgement.author"
            )
        )
    for m in _QUESTION.finditer(text):
        cs = m.start("lead") if m.group("lead") else m.start("mid")
        if layout.in_quote(cs):
            continue
        ss, se = layout.sentence(cs)
        start = m.end()
        end = se
        if m.group("lead"):
            # "Asked whether ..., Smith said": the question runs to the comma before the answer
            comma = text.find(",", start, se)
            if comma < 0:
                continue
            end = comma
        end = _trim_end(text, start, end)
        content = _clause(text, start, end, short=True)
        if content is None or len(text[content[0] : content[1]].split()) < 2:
            continue
        asker = None
        if m.group("asker"):
            asker = Span(start=m.start("asker"), end=m.start("asker") + len(m.group("asker").rstrip()))
        kind = "anonymous" if asker is None else mention_kind_to_source(text, asker)
        out.append(
            _unsourced(text, content, asker, kind, "asked", Span(start=cs, end=cs + 5), "question.asked")
        )
    return out


_COLON_LINE = regex.compile(
    r"""
    ^[ \t"“]*
    (?P<name>(?:[\p{Lu}][\p{L}.'’\-]*[ ]){0,3}[\p{Lu}][\p{L}.'’\-]*)   # one to four capitalised words
    [ ]?:[ ]+
    (?P<content>[^\n]{12,})                                              # the rest of the line
    """,
    regex.VERBOSE | regex.MULTILINE,
)


@functools.cache
def _line_labels() -> frozenset[str]:
    return _data.word_set("line_labels")


def _colon_records(text: str, layout: Layout) -> list[SpeechRecord]:
    """A line that opens with a name and a colon: a headline's source ("Pence: Flowers Won't Be at
    Debate") or a transcript's speaker ("WALLACE: But, Governor ..."). Labels ("Update:", "Photo:",
    "Editor's note:") are not names. The names are resolved with the other sources, in text order."""
    out: list[SpeechRecord] = []
    labels = _line_labels()
    for m in _COLON_LINE.finditer(text):
        words = m.group("name").split()
        if any(w.lower().strip(".'’") in labels for w in words) or (
            len(words) == 1 and words[0].lower() in _PRONOUNS
        ):
            continue
        content = _clause(text, m.start("content"), m.end("content"))
        if content is None or layout.in_quote(m.start("name")):
            continue
        mention = Span(start=m.start("name"), end=m.end("name"))
        cue_span = Span(start=m.end("name"), end=m.end("name") + 1)
        out.append(
            SpeechRecord(mention, cue_span, ":", content, "colon.line", 0.5, mention_kind(text, mention))
        )
    return out


def _unsourced(
    text: str, content: tuple[int, int], mention: Span | None, kind: str, cue: str, cue_span: Span, rule: str
) -> Claim:
    """A claim with no resolved source: the writer's judgement or a question put to someone."""
    a, b = content
    return Claim(
        span=Span(start=a, end=b),
        text=text[a:b],
        source=None,
        source_mention=mention,
        source_kind=kind,
        cue=cue,
        cue_span=cue_span,
        confidence=0.4 if rule == "judgement.author" else 0.5,
        rule=rule,
    )


def mention_kind_to_source(text: str, mention: Span) -> str:
    """The source kind of an unresolved mention: anonymous, document or person."""
    kind = mention_kind(text, mention)
    return kind if kind in {"anonymous", "document"} else "person"


def _lead_in_start(text: str, layout: Layout, start: int) -> int:
    """Where the writer's own lead-in to a quotation starts, when the quotation opens inside a
    sentence ("After the 2014 victories, “there is a sense of urgency,” Law said"); else ``start``."""
    ss, _se = layout.sentence(start)
    mark = start - 1
    while mark > ss and text[mark - 1] in "\"“‘'«":
        mark -= 1
    lead = text[ss:mark]
    while ss < mark and text[ss].isspace():
        ss += 1
    if (
        len(lead.split()) < 3
        or any(c in lead for c in '"“”‘’«»:;\n')
        or lead.rstrip().endswith((".", "?", "!"))
        or cue_pattern().search(lead) is not None
    ):
        return start
    return ss


def _clause_end(text: str, layout: Layout, start: int, end: int) -> int:
    """Where the reported clause that runs on after a quotation ends: the sentence end, or the comma
    before a new attribution (", he said", ", according to X")."""
    for m in cue_pattern().finditer(text, start, end):
        if layout.in_quote(m.start()):
            continue
        comma = text.rfind(",", start, m.start())
        if comma >= 0 and len(text[comma : m.start()].split()) <= 5:
            end = comma
        elif m.group("according") or subject_before(text, start, m.start()) is not None:
            end = m.start()
        break
    while end > start and text[end - 1] in " ,;:—–-":
        end -= 1
    return end


def _speaker_kind(actor: Any) -> str:
    k = getattr(actor, "kind", "person")
    if k in {"person", "organization", "country", "document"}:
        return str(k)
    if k == "place":
        return "country"
    if k == "group":
        return "anonymous"
    return "person"


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop reported-speech claims whose content a quotation claim already covers."""
    claims.sort(key=lambda c: (c.quote is None, c.source_mention is None, c.span.start))
    kept: list[Claim] = []
    spans: list[tuple[int, int]] = []  # kept spans, sorted by start
    longest = 0  # the longest kept span: one that starts further back than this ends before ``a``
    for c in claims:
        a, b = c.span.start, c.span.end
        dup = False
        k = bisect.bisect_left(spans, (b, b))
        # only spans that start before this one ends can overlap it; claims stay within a few
        # sentences, so a bounded look back keeps this linear
        for j in range(k - 1, max(0, k - 64) - 1, -1):
            s, e = spans[j]
            if s + longest <= a:
                break
            ov = min(b, e) - max(a, s)
            if ov > 0 and ov >= 0.6 * (b - a):
                dup = True
                break
        if not dup:
            kept.append(c)
            bisect.insort(spans, (a, b))
            longest = max(longest, b - a)
    return kept
