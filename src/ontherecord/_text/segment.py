"""Paragraphs and sentences of news text, as spans of the original text.

Paragraphs are lines: news copy puts one paragraph on a line and often a blank line between them.
A line that starts in lower case after a line without final punctuation continues the paragraph
(hard-wrapped copy). Sentences are found inside paragraphs by a single left-to-right scan for
terminal punctuation; each candidate boundary is then vetoed or kept by a small set of named rules
(abbreviations, initials, list markers) so that every decision can be explained. Everything runs in
time linear in the text.
"""

from __future__ import annotations

import attrs
import regex

from ontherecord._data import word_set
from ontherecord._text.normalize import Normalized

__all__ = ["Boundary", "paragraph_spans", "sentence_spans"]

_LINE = regex.compile(r"[^\n]*+")
_LOWER_START = regex.compile(r"[ ]*+\p{Ll}")
_FINAL = frozenset('.!?:;"\')]\u2026\u00bb')

# A candidate sentence end: terminal punctuation, closing quotes or brackets glued to it, then
# white space, then something that can open a sentence. Possessive quantifiers: no backtracking.
_CANDIDATE = regex.compile(
    r"""
    (?P<term> \.\.\.++ | \u2026++ | [.?!]++ )      # full stop(s), ellipsis, ? or ! (runs kept whole)
    (?P<close> ["')\]\u00bb]*+ )                 # closing quotation marks or brackets
    (?P<space> \s++ )                            # the gap between the sentences
    (?= ["'(\[\u00ab]*+ [\p{Lu}\p{Nd}] )          # next sentence: opening marks, then a capital or digit
    """,
    regex.VERBOSE,
)
_TOKEN_BEFORE = regex.compile(r"(?r)[^\s\"'(\[\u00ab]++")
_NEXT_WORD = regex.compile(r"[\"'(\[\u00ab]*+(?P<word>[\p{L}\p{Nd}]++)")
_INITIALISM = regex.compile(r"(?:\p{L}\.)++\p{L}")  # U.S, U.S.A, a.m, p.m, D.C (final dot cut)
_INITIAL = regex.compile(r"\p{Lu}")  # E. Smith
_LIST_MARKER = regex.compile(r"(?:\p{Nd}{1,3}|[\p{L}]|[ivxIVX]{1,4})")
_MONTHS = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_NEVER_END = frozenset({"e.g", "i.e", "viz", "cf"})


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
    for m in _LINE.finditer(text):
        a, b = m.span()
        if a == b and a > 0 and text[a - 1] != "\n":
            continue  # the empty match regex yields right after a non-empty line
        line = text[a:b]
        stripped = line.strip()
        if not stripped:
            if cur_start >= 0:
                spans.append((cur_start, cur_end))
                cur_start = -1
            continue
        s = a + (len(line) - len(line.lstrip()))
        e = a + len(line.rstrip())
        if (
            cur_start >= 0
            and text[cur_end - 1] not in _FINAL
            and _LOWER_START.match(line) is not None
        ):
            cur_end = e  # a hard-wrapped line continues the paragraph
            continue
        if cur_start >= 0:
            spans.append((cur_start, cur_end))
        cur_start, cur_end = s, e
    if cur_start >= 0:
        spans.append((cur_start, cur_end))
    return spans


def _keep_boundary(text: str, para_start: int, m: regex.Match[str]) -> str | None:
    """Decide whether the candidate ``m`` ends a sentence; return the rule that keeps it, or None
    when a rule vetoes it."""
    term = m.group("term")
    nxt = _NEXT_WORD.match(text, m.end())
    next_word = nxt.group("word") if nxt else ""
    opener = next_word in word_set("sentence_starters")
    if term in ("...", "\u2026"):
        # an ellipsis ends a sentence before an opener or after a closing mark; before any other
        # capitalised word it usually marks an omission ("the ... President said")
        return "ellipsis" if opener or m.group("close") else None
    if term != ".":
        return "terminal"  # ? and ! before a capital
    if m.group("close"):
        return "terminal-closed"  # `."` or `.)`: the quotation or bracket closes the sentence
    tok_m = _TOKEN_BEFORE.search(text, para_start, m.start())
    token = tok_m.group() if tok_m and tok_m.end() == m.start() else ""
    if not token:
        return "terminal"
    if token in word_set("abbreviations_prefix") or token in _NEVER_END:
        return None
    if tok_m is not None and tok_m.start() == para_start and _LIST_MARKER.fullmatch(token):
        return None  # "1. Push for ..." at the start of a paragraph is a list item
    if _INITIALISM.fullmatch(token) or _INITIAL.fullmatch(token):
        return "initialism-then-opener" if opener else None
    if token in word_set("abbreviations"):
        if token in _MONTHS and next_word[:1].isdigit():
            return None
        return "abbreviation-then-opener" if opener else None
    return "terminal"


def sentence_spans(norm: Normalized, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the sentences of each paragraph as spans of the normalised text, in order. Sentences
    never cross a paragraph boundary."""
    text = norm.text
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs:
        start = ps
        for m in _CANDIDATE.finditer(text, ps, pe):
            if _keep_boundary(text, ps, m) is None:
                continue
            end = m.start("space")
            if end > start:
                out.append((start, end))
            start = m.end()
        if pe > start:
            out.append((start, pe))
    return out
