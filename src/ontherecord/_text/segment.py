"""Paragraphs and sentences of news text, as spans of the original text.

Paragraphs are lines: news copy puts one paragraph on a line and often a blank line between them.
A line that starts in lower case after a line without final punctuation continues the paragraph
(hard-wrapped copy). Sentences are found inside paragraphs by a single left-to-right scan for
terminal punctuation; each candidate boundary is then vetoed or kept by a small set of named rules
(abbreviations, initials, list markers) so that every decision can be explained. Everything runs in
time linear in the text.

The rules, in the order they are tried:

- a full stop standing alone between spaces (" . ", spun copy) ends a sentence even before a
  lower-case word; no other mark does;
- a quotation closed by ``?``, ``!``, an ellipsis or a full stop and followed by a speech tag
  (``"Why?" Trump asked.``, ``?" Trump said Friday``) does not end the sentence;
- ``...`` or ``…`` ends a sentence only before a common sentence opener or after a closing mark;
  longer or mixed runs (``….``) do;
- ``?`` and ``!`` end a sentence before a capital; so do ``."`` and ``.)``;
- a title that stands before a name (``Mr.``, ``Lt. Col.``, ``then-Sen.``, ``No.``) never does;
- ``a.m.``/``p.m.`` end a sentence unless a weekday, month or time zone follows;
- initialisms and initials (``U.S.``, ``D.C.``, ``E.``) and other abbreviations (``Inc.``,
  ``Calif.``, ``Jan.``) end one only before a common opener (``sentence_starters.txt``) or an
  opening quotation mark (not a nickname: ``C.L. "Butch" Otter``), months never before a number;
- ``1.`` at the start of a paragraph is a list marker.

Multi-sentence quotations are cut into their sentences; the quotation marks stay with the sentence
they open or close.
"""

from __future__ import annotations

import functools

import attrs
import regex

from ontherecord._data import lines, trie, word_set
from ontherecord._text.normalize import Normalized

__all__ = ["Boundary", "paragraph_spans", "sentence_spans"]

# White space as str.isspace() and str.strip() see it: the pattern's \s lacks the four
# separators U+001C..U+001F.
_SPACE = r"\s\x1c-\x1f"
# What a line holds from its first non-space character to its last (lines end at "\n" only).
_LINE_BODY = regex.compile(rf"[^{_SPACE}](?:[^\n]*[^{_SPACE}])?")
_LOWER_START = regex.compile(r"[ ]*+\p{Ll}")
_FINAL = frozenset('.!?:;"\')]\u2026\u00bb')

# A candidate sentence end: terminal punctuation, closing quotes or brackets glued to it, then
# white space, then something that can open a sentence (or, for a full stop standing alone between
# spaces, any letter). Possessive quantifiers: no backtracking.
_RUN_START = r"""
    (?<! [.?!\u2026] )                          # only where a run of marks starts (linear time)
    (?= [.?!\u2026] [.?!\u2026"')\]\u00bb\s] )     # and goes on to white space (the "." of "U.S"
                                                 # does not: it is passed over at once)
"""
_BOUNDARY = r"""
    (?P<term> [.?!\u2026]++ )                     # full stop(s), ellipsis, ? or ! (runs kept whole:
                                                 # "…." and "...." are an ellipsis and a full stop)
    (?P<close> ["')\]\u00bb]*+ )                 # closing quotation marks or brackets
    (?P<space> \s++ )                            # the gap between the sentences
    (?= ["'(\[\u00ab]*+ (?P<word> [\p{Lu}\p{Nd}][\p{L}\p{Nd}]*+ )  # next sentence: opening marks,
                                                 # then a word with a capital or digit first
      | (?P<lower> \p{Ll} ) )                    # or a lower-case letter (kept only after a lone stop)
"""
_CANDIDATE = regex.compile(_RUN_START + _BOUNDARY, regex.VERBOSE)
_SPACE_GROUP = _CANDIDATE.groupindex["space"]
# The token before a full stop, read backwards from it: up to white space or an opening mark.
_TOKEN_BEFORE = regex.compile(rf"[^{_SPACE}\"'(\[\u00ab]*+", regex.REVERSE)
# Initialisms (U.S, U.S.A, a.m, p.m, D.C: the final dot cut) and initials (E. Smith).
_INITIALISM = regex.compile(r"(?:\p{L}\.)++\p{L}|\p{Lu}")
_LIST_MARKER = regex.compile(r"(?:\p{Nd}{1,3}|[\p{L}]|[ivxIVX]{1,4})")
_MONTHS = frozenset(
    ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)
_NEVER_END = frozenset({"e.g", "i.e", "viz", "cf"})
_NICKNAME = regex.compile(r"[\"'\u00ab][^\s\"'\u00bb]{1,30}+[\"'\u00bb]")  # "Butch"
_OPENING_QUOTES = frozenset('"\'\u00ab')
# Words that go on a sentence after "5 p.m.": weekdays, months, and time-zone words that are not
# written in capitals (capitalised zones such as EST are recognised by shape).
_AFTER_TIME = frozenset(
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Eastern", "Central", "Mountain", "Pacific",
        "Atlantic", "Greenwich", "Local", "Today", "Tonight", "Tomorrow", "Yesterday",
    }
)
# A speech tag after a closing quotation mark: capitalised names, a verb, then punctuation, the end
# of the paragraph, or a preposition.
_SPEECH_TAG = regex.compile(
    r"""
    (?P<names> \p{Lu}[\p{L}'\-.]{0,30}+
               (?: [ ] \p{Lu}[\p{L}'\-.]{0,30}+ ){0,3}+ )       # "Trump", "Sen. Ted Cruz"
    [ ] (?P<verb> \p{Ll}{1,20}+ )                                       # "said", "asked"
    (?= [ ]*+ (?: [.,;:!?\-] | $ )                                 # then punctuation or the end
      | [ ] (?: of | to | in | on | at | about | after | before | during | while | when
              | from | with | as | through | via | later | earlier | again   # a preposition
              | Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday
              | today | yesterday | tonight | last | this ) \b )           # or a time: "said Friday"
    """,
    regex.VERBOSE,
)


@functools.cache
def _candidates() -> regex.Pattern[str]:
    """``_CANDIDATE`` without the candidates that :func:`_keep_boundary` is sure to veto for the
    word before the full stop: an initialism, an initial or an abbreviation ("U.S.", "E.",
    "Calif.") that no opener and no quotation follows, or a title ("Mr.", "Sen.", "e.g."). A
    megabyte of "U.S. " then costs the pattern one scan, not Python two hundred thousand decisions.

    Exact where the character before each paragraph is white space (or there is none), as in the
    spans :func:`paragraph_spans` returns: the word before the full stop then starts where
    :func:`_keep_boundary` reads its token from."""
    starters = sorted(word_set("sentence_starters"))
    single = "".join(regex.escape(w) for w in starters if len(w) == 1) or "\\n"
    titles = (*word_set("abbreviations_prefix"), *_NEVER_END)
    never = sorted(w for w in titles if "-" not in w and len(w) < 40)
    after = sorted(word_set("abbreviations"))
    edge = r"(?<![^\s\x1c-\x1f\"'(\[\u00ab])"  # the word starts here: white space or an opening mark before
    skip = rf"""
    (?! \. (?= \s )                                       # a full stop, then white space,
        (?<= {edge} (?: (?:\p{{L}}\.){{1,19}}\p{{L}} | \p{{Lu}} | \L<after> ) \. )  # "U.S.", "E.", "Calif."
        (?<! {edge} (?: a\.m | p\.m | A\.M | P\.M ) \. )  # (times have rules of their own)
        \s++
        (?: [\p{{L}}\p{{Nd}}] (?! [\p{{L}}\p{{Nd}}] ) (?<! [{single}] )   # an initial ("U.S. U.S."),
          | (?! ["'\u00ab]                                  # or anything but a quotation
              | ["'(\[\u00ab]*+ {trie(starters)} (?! [\p{{L}}\p{{Nd}}] ) ) )  # or an opener
      | \. (?= \s ) (?<= {edge} \L<never> \. )             # "Mr.", "Sen.", "e.g." (not "then-Sen.")
    )
    """
    return regex.compile(_RUN_START + skip + _BOUNDARY, regex.VERBOSE, never=never, after=after)


@attrs.frozen
class Boundary:
    """A sentence boundary decision (used by tests and by ``explain`` tooling)."""

    end: int
    rule: str


def paragraph_spans(norm: Normalized) -> list[tuple[int, int]]:
    """Return the paragraphs of a normalised text as spans of the normalised text, stripped of
    surrounding white space."""
    text = norm.text
    spans: list[tuple[int, int]] = []
    cur_start = -1
    cur_end = -1
    # one match per line with something on it, from its first to its last non-space character;
    # blank lines (a megabyte of line breaks) are passed over by the pattern, not by Python
    for m in _LINE_BODY.finditer(text):
        s, e = m.span()
        if cur_start >= 0:
            between = text.count("\n", cur_end, s)
            if between == 1 and text[cur_end - 1] not in _FINAL:
                line_start = text.rfind("\n", cur_end, s) + 1
                if _LOWER_START.match(text, line_start) is not None:
                    cur_end = e  # a hard-wrapped line continues the paragraph
                    continue
            spans.append((cur_start, cur_end))  # a new line, or a blank line between
        cur_start, cur_end = s, e
    if cur_start >= 0:
        spans.append((cur_start, cur_end))
    return spans


@functools.cache
def _cue_verbs() -> frozenset[str]:
    """Speech and cue verbs (every inflected form) from ``data/cue_verbs.txt``: the first word of
    each entry line."""
    return frozenset(line.split()[0] for line in lines("cue_verbs"))


def _attribution_follows(text: str, at: int, end: int, *, full_stop: bool) -> bool:
    """Whether the words at ``at`` are a speech tag that closes the quotation before it: one to
    four capitalised words that are not sentence openers, then a cue verb, then punctuation, the
    end of the paragraph, or a preposition (``"Why?" Trump asked.``, ``?" Trump said of Apple``).
    After a quotation closed by a full stop only a bare tag counts (``." Trump said.``): ``."
    Cruz says, "That ...`` opens a new sentence."""
    m = _SPEECH_TAG.match(text, at, end)
    if m is None or m.group("verb") not in _cue_verbs():
        return False
    if full_stop:
        rest = text[m.end() : m.end() + 1]
        if rest not in ("", ".") or m.end() > end:
            return False
    starters = word_set("sentence_starters")
    return not any(w in starters for w in m.group("names").split())


def _keep_boundary(text: str, para_start: int, m: regex.Match[str], para_end: int) -> str | None:
    """Decide whether the candidate ``m`` ends a sentence; return the rule that keeps it, or None
    when a rule vetoes it."""
    term, close, _, next_word, lower = m.groups()  # (by name, each group costs more than all)
    j, after = m.span()
    if lower is not None:
        # before a lower-case word only a full stop standing alone between spaces ends a sentence
        # (" . " in spun or badly edited copy); ". . ." is a spaced ellipsis
        lone = (
            term == "."
            and not close
            and j > para_start
            and text[j - 1] == " "
            and text[max(para_start, j - 2)] != "."
        )
        return "lone-stop" if lone else None
    opener = next_word in word_set("sentence_starters")
    quoted = '"' in close or "'" in close or "\u00bb" in close
    if quoted and _attribution_follows(text, after, para_end, full_stop=term == "."):
        return None  # the quotation is the object of "Trump said": one sentence
    if term in ("...", "\u2026"):
        # an ellipsis ends a sentence before an opener or after a closing mark; before any other
        # capitalised word it usually marks an omission ("the ... President said")
        return "ellipsis" if opener or close else None
    if term != ".":
        return "terminal"  # ? and ! before a capital
    if close:
        return "terminal-closed"  # `."` or `.)`: the quotation or bracket closes the sentence
    # the token before the full stop, read backwards at most 40 characters (linear time: a longer
    # token is no abbreviation)
    lo = max(para_start, j - 40)
    read = _TOKEN_BEFORE.match(text, lo, j)  # (it may be empty: it always matches)
    k = j if read is None else read.start()
    token = text[k:j] if k == para_start or not (k == lo and lo > para_start) else ""
    if not token:
        return "terminal"
    # "then-Sen. Barack Obama", "ex-Gov. Jeb Bush": the title after the hyphen decides
    if token.rpartition("-")[2] in word_set("abbreviations_prefix") or token in _NEVER_END:
        return None
    if k == para_start and _LIST_MARKER.fullmatch(token):
        return None  # "1. Push for ..." at the start of a paragraph is a list item
    # an opening quotation mark after an abbreviation starts a new sentence, unless it only wraps
    # a nickname (`Gov. C.L. "Butch" Otter`)
    quote_opens = (
        text[after : after + 1] in _OPENING_QUOTES
        and _NICKNAME.match(text, after, para_end) is None
    )
    if token in ("a.m", "p.m", "A.M", "P.M"):
        # "at 5 p.m. Tuesday", "9 p.m. EST", "10 a.m. Eastern" go on; anything else is a new sentence
        return None if _continues_time(next_word) else "time-then-capital"
    # (an initialism holds a full stop, an initial is one letter: most words are neither)
    if ("." in token or len(token) == 1) and _INITIALISM.fullmatch(token):
        if opener:
            return "initialism-then-opener"
        if quote_opens and len(token) > 1:
            return "initialism-then-quotation"  # `in Binghamton, N.Y. "Secretary Clinton ...`
        return None
    if token in word_set("abbreviations"):
        if token in _MONTHS and next_word[:1].isdigit():
            return None
        if opener:
            return "abbreviation-then-opener"
        return "abbreviation-then-quotation" if quote_opens else None
    return "terminal"


def _continues_time(word: str) -> bool:
    """Whether ``word`` can follow "5 p.m." in the same sentence: a weekday, a month, a time zone
    (capitals, or a word such as Eastern), or "local"."""
    if not word:
        return True
    if word in _AFTER_TIME or word.rstrip(".") in _MONTHS:
        return True
    return word.isupper() and len(word) <= 5 and word.isalpha()


def sentence_spans(norm: Normalized, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the sentences of each paragraph as spans of the normalised text, in order. Sentences
    never cross a paragraph boundary."""
    text = norm.text
    candidates = _candidates()
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs:
        start = ps
        for m in candidates.finditer(text, ps, pe):
            if _keep_boundary(text, ps, m, pe) is None:
                continue
            end = m.start(_SPACE_GROUP)
            if end > start:
                out.append((start, end))
            start = m.end()
        if pe > start:
            out.append((start, pe))
    return out
