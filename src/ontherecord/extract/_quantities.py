"""Quantities: numbers with what they count, and whether the writer hedged them.

A quantity is a number written in digits ("5,200", "3.5") or words ("thirty", "two dozen", "a
dozen", "dozens of"), with an optional approximator before it ("Some", "nearly", "at least"), an
optional currency sign, scale ("billion") or percent sign, and the noun it counts ("US soldiers",
"missiles", "meters"), found by skipping at most three modifiers ("3,000 additional troops").
Years, dates and clock times are time expressions, not quantities: every span the time extractor
finds is left out, and so is a bare four-digit number that reads as a year. Identifiers ("Article
5", "F-35", "4D chess") and list markers are not quantities either.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import functools
import string
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

import attrs
import regex

from ontherecord._article import Span
from ontherecord._data import lines
from ontherecord._text.normalize import Normalized, normalize
from ontherecord._text.triggers import (
    WORD_CHARS,
    WordIndex,
    Words,
    finditer_near,
    match,
    match_at,
    word_index,
)
from ontherecord.extract._times import NUMBER_WORDS, time_spans

if TYPE_CHECKING:
    from ontherecord._article import Article

__all__ = ["EXTRACTOR", "Quantity", "extract_quantities"]

#: The versioned name of this extractor.
EXTRACTOR = "ontherecord.quantities.v1"

Bound = Literal["lower", "upper", "about"]


@attrs.frozen(kw_only=True)
class Quantity:
    """A number in an article, with its unit and how firmly it is stated.

    Attributes:
        span: where the quantity stands in ``Article.text``, from the approximator (if any) to the
            counted noun (if any): ``"Some 5,200 US soldiers"``.
        text: ``article.text[span.start:span.end]``.
        value: the number, an ``int`` when it is whole (``5200``, ``3_500_000_000``), else a
            ``float`` (``3.67``). Vague plurals take their least value: "dozens of" is 24,
            "hundreds of" 200.
        unit: what is counted or measured, or None: a noun as written (``"soldiers"``,
            ``"missiles"``, ``"member"`` for "329-member"), a canonical unit (``"meters"``,
            ``"percent"``, ``"times"``), or an ISO 4217 currency code (``"USD"``).
        approximate: whether the writer hedged the number.
        approximator: the hedging words ("Some", "nearly", "at least", "dozens of"), or None.
        bound: which way the true figure may lie from ``value`` when approximate: ``"lower"``
            (at least: "more than"), ``"upper"`` (at most: "nearly", "up to"), ``"about"``
            (either side); None when exact.
        extractor: the versioned name of the extractor.
        rule: the name of the rule that produced it (``"digits"``, ``"words"``, ``"vague"``,
            ``"compound"``).

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    value: int | float
    unit: str | None = None
    approximate: bool = False
    approximator: str | None = None
    bound: Bound | None = None
    extractor: str = EXTRACTOR
    rule: str


# ---------------------------------------------------------------------------------------------
# Lexicons


@functools.cache
def _units() -> dict[str, dict[str, str]]:
    """kind -> {surface: canonical} from units.txt."""
    out: dict[str, dict[str, str]] = {}
    for line in lines("units"):
        parts = line.split("\t")
        canonical = parts[2] if len(parts) > 2 else ""
        out.setdefault(parts[0], {})[parts[1]] = canonical
    return out


@functools.cache
def _approximators() -> dict[str, Bound]:
    out: dict[str, Bound] = {}
    for line in lines("hedges"):
        parts = line.split("\t")
        if parts[0] == "quantity":
            bound = parts[2]
            assert bound in ("lower", "upper", "about")
            out[parts[1]] = bound  # type: ignore[assignment]
    return out


_NUMWORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_VAGUE = {
    "dozens of": 24, "scores of": 40, "hundreds of": 200, "thousands of": 2000,
    "tens of thousands of": 20000, "hundreds of thousands of": 200000,
    "millions of": 2000000, "billions of": 2000000000,
}  # fmt: skip


# The pattern's groups, in order: a match's groups() unpack into these.
_GROUPS = ("approx", "cur", "digits", "scale", "short", "words", "vague", "pct", "hunit")


@functools.cache
def _pattern() -> regex.Pattern[str]:
    approx = sorted((a for a in _approximators() if a not in _VAGUE and a != "or so"), key=len, reverse=True)
    approx_alt = "|".join(regex.escape(a).replace(r"\ ", "[ ]") for a in approx)
    pattern = regex.compile(
        rf"""
        (?<![\p{{L}}0-9])(?=[\p{{L}}0-9$£€¥])             # only where a word or number starts
                                                       # (implied by what follows: fails fast)
        (?:\b(?P<approx>(?i:{approx_alt}))[ ])?             # "Some", "nearly", "at least"
        (?: (?<![\p{{L}}0-9.,/#:$£€¥-])
            (?P<cur>US\$|\$|£|€|¥)?                        # currency sign
            (?P<digits>[0-9]{{1,3}}(?:,[0-9]{{3}})++(?:\.[0-9]++)?  # 5,200  1,000.5
                     | [0-9]++(?:\.[0-9]++)?)                    # 329  3.67
            (?: [ ]?(?P<scale>(?i:hundred|thousand|million|billion|trillion))\b
              | (?<=[0-9])(?P<short>bn|mn|m|k)\b )?           # "3.5 billion", "$3.5bn"
          | \b(?P<words>(?i:{_NUMWORD})(?:[ ]{_SCALE_WORD})*+   # "two dozen", "three hundred"
                      | (?i:an?)[ ]{_SCALE_WORD}(?:[ ](?:thousand|million|billion))?)  # "a dozen"
          | \b(?P<vague>(?i:tens[ ]of[ ]thousands|hundreds[ ]of[ ]thousands|dozens|scores
                            |hundreds|thousands|millions|billions))[ ]of\b   # "dozens of"
        )
        (?: (?P<pct>[ ]?%|[ ](?:percent|per[ ]cent)\b)       # "3.67%", "24 percent"
          | -(?P<hunit>\p{{Ll}}+(?:-old)?)(?![\p{{L}}-])      # "329-member", "17-year-old"
        )?
        (?![\p{{L}}0-9]|[.,:/][0-9]|-)                     # not "4D", "3-2", "5-to-4", "5:00"
        """,
        regex.VERBOSE,
    )
    assert tuple(pattern.groupindex) == _GROUPS
    return pattern


# Every match consumes a digit, a number word or a scale word ("thirt" for "thirteen" and
# "thirty"; "tens of thousands" holds "thousand"); the first digit of a number, and a number word,
# never follow a letter or a digit. The pattern is tried only near these words (see
# ``_text.triggers``): a match starts at most an approximator and "tens of " before its first one,
# and reads at most 24 characters past its last one (" trillion per cent" and the look-ahead) but
# for a run of digits, or of letters after a hyphen ("329-member"), which may be as long as it likes.
_NUMBER_WORDS = Words(
    (*"0123456789", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirt", "fift", "twenty", "forty", "dozen", "hundred", "thousand",
     "million", "billion", "trillion", "scores"),
    fold=True,
    not_after=string.ascii_letters + string.digits,
)  # fmt: skip
_AFTER = 24
_TAIL = regex.compile(rf"[\p{{L}}0-9.,-]*+(?s:.{{0,{_AFTER}}})")


@functools.cache
def _before() -> int:
    """How far before its first number word or digit a match can start."""
    return max(len(a) for a in _approximators()) + len(" tens of ")


_FRACTIONS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})
_TOKEN = regex.compile(r"[ ]{1,2}(?P<tok>[\p{L}][\p{L}.'-]*)")
_CAPITAL = regex.compile(r"\p{Lu}[\p{L}.]*(?:-\p{L}+)*")
_NOT_NOUNS = frozenset({
    "this", "thus", "has", "was", "does", "goes", "plus", "less", "unless", "across", "perhaps",
    "always", "whereas", "its", "his", "hers", "ours", "yours", "theirs", "towards", "afterwards",
    "besides", "news", "is", "as", "us", "yes", "since",
})  # fmt: skip


def _words_value(text: str) -> int | None:
    total = current = 0
    for token in text.lower().split():
        if token in ("a", "an"):
            current = 1
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in ("thousand", "million", "billion", "trillion"):
            scale = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
            total += (current or 1) * scale[token]
            current = 0
        else:
            n = 0
            for part in token.split("-"):
                if part not in NUMBER_WORDS:
                    return None
                n += NUMBER_WORDS[part]
            current += n
    return total + current


def _as_number(x: float) -> int | float:
    return int(x) if float(x).is_integer() and abs(x) < 1e18 else x


@functools.cache
def _pair_starts() -> frozenset[str]:
    """The first words of the units of two words ("square" of "square miles"): a token that is
    not one of them starts no unit of two words."""
    return frozenset(unit.split(" ")[0] for unit in _units()["unit"] if " " in unit)


# What the first token after a number decides alone, by the token as ``_TOKEN`` reads it and
# whether the number is other than 1: the unit and how long the token is where it ends, ``(None,
# -1)`` for no unit, or None when the tokens after it decide (a modifier, a capitalised word, the
# first word of a unit of two words).
_Verdict = tuple[str | None, int] | None


def _first_verdict(raw: str, not_one: bool) -> _Verdict:
    """What the first token decides (the first round of :func:`_noun_after`'s loop)."""
    tok = raw.rstrip(".'")
    low = tok.lower()
    units = _units()
    if low in _pair_starts():
        return None
    if tok in units["unit"]:
        return units["unit"][tok], len(tok)
    if low in units["currency"] and tok.islower():
        return units["currency"][low], len(tok)
    if tok in units["count"]:
        return units["count"][tok], len(tok)
    if tok.islower():
        if low in units.get("modifier", {}):
            return None
        plural = tok.endswith("s") and not tok.endswith(("ss", "'s")) and len(tok) >= 4
        if plural and not_one and low not in _NOT_NOUNS and "'" not in tok:
            return tok, len(tok)
        return None, -1
    if _CAPITAL.fullmatch(tok):
        return None
    return None, -1


# How much of the text after a number ``_noun_after`` looks at first: when the first token ends
# within it, what the token decides alone can be kept by these characters
_PEEK = 24
_UNSEEN: _Verdict = (None, -2)  # not looked up yet


def _peek_verdict(peek: str, not_one: bool) -> _Verdict:
    """What the first token in ``peek`` (the text after a number, ``_PEEK`` characters or up to
    the end of the text) decides alone: as :func:`_first_verdict`, but ``(None, -1)`` when there
    is no token and the end of the token from the start of ``peek``; None when the token may go on
    past ``peek``."""
    m = _TOKEN.match(peek)
    if m is None:
        return None, -1  # no token needs more than three characters
    if m.end() >= _PEEK:
        return None
    verdict = _first_verdict(m.group("tok"), not_one)
    if verdict is None or verdict[1] < 0:
        return verdict
    return verdict[0], m.start("tok") + verdict[1]


def _noun_after(
    text: str, pos: int, value: float, memo: dict[tuple[str, bool], _Verdict] | None = None
) -> tuple[str | None, int]:
    """The unit or counted noun after ``pos`` and where it ends; ``(None, pos)`` if none.

    ``memo`` keeps, for one text, what the first token decides alone, by the ``_PEEK`` characters
    after ``pos`` (:func:`_peek_verdict`): where numbers are dense, the same words follow them.
    """
    # a token is one or two spaces and a letter: most numbers in a list of numbers stop here
    first = text[pos + 1 : pos + 2] if text.startswith(" ", pos) else ""
    if first == " ":
        first = text[pos + 2 : pos + 3]
    if not first or (first.isascii() and not first.isalpha()):
        return None, pos
    if memo is not None:
        # a text shorter than _PEEK after pos ends there: the same characters are nowhere else
        key = (text[pos : pos + _PEEK], value != 1)
        verdict = memo.get(key, _UNSEEN)
        if verdict is _UNSEEN:
            verdict = memo[key] = _peek_verdict(*key)
        if verdict is not None:
            unit, size = verdict
            return (None, pos) if size < 0 else (unit, pos + size)
    units = _units()
    modifiers = units.get("modifier", {})
    pair_starts = _pair_starts()
    cur = pos
    proper: tuple[str, int] | None = None  # a capitalised plural seen on the way: "Democrats"
    for _ in range(4):
        m = _TOKEN.match(text, cur)
        if m is None:
            return proper or (None, pos)
        tok = m.group("tok").rstrip(".'")
        low = tok.lower()
        two = _TOKEN.match(text, m.end()) if low in pair_starts else None
        if two is not None:
            pair = f"{low} {two.group('tok').lower().rstrip('.')}"
            if pair in units["unit"]:
                return units["unit"][pair], two.end()
        if tok in units["unit"]:
            return units["unit"][tok], m.start("tok") + len(tok)
        if low in units["currency"] and tok.islower():
            return units["currency"][low], m.start("tok") + len(tok)
        if tok in units["count"]:
            return units["count"][tok], m.start("tok") + len(tok)
        if tok.islower():
            if low in modifiers:
                cur = m.start("tok") + len(tok)
                continue
            plural = tok.endswith("s") and not tok.endswith(("ss", "'s")) and len(tok) >= 4
            if plural and value != 1 and low not in _NOT_NOUNS and "'" not in tok:
                return tok, m.start("tok") + len(tok)
            return proper or (None, pos)
        if _CAPITAL.fullmatch(tok):  # "US", "U.S.", "Iraqi", "PMF", "Iranian-backed"
            cur = m.start("tok") + len(m.group("tok"))
            if value != 1 and tok.endswith("s") and not tok.endswith(("ss", ".S")) and len(tok) >= 4:
                proper = (tok, m.start("tok") + len(tok))
            continue
        return proper or (None, pos)
    return proper or (None, pos)


class _Memo:
    """What the numbers of one text decide again and again, worked out once for each distinct
    key: where numbers are dense, the same few numbers and words come back."""

    __slots__ = ("nouns", "values", "words")

    def __init__(self) -> None:
        self.nouns: dict[tuple[str, bool], _Verdict] = {}  # see _noun_after
        self.values: dict[tuple[str, str | None], int | float] = {}  # (digits, scale) -> value
        self.words: dict[str, int | None] = {}  # number words -> _words_value


def _iter(article: Article) -> list[Quantity]:
    norm = normalize(article.text)
    text = norm.text
    times = time_spans(article.text)
    time_starts = [s for s, _ in times]
    index = word_index(text)
    memo = _Memo()
    out: list[Quantity] = []
    for m in finditer_near(
        _pattern(), index, (_NUMBER_WORDS,), before=_before(), after=_AFTER, tail=_TAIL,
        purpose="quantities: numbers",
    ):  # fmt: skip
        groups = m.groups()
        if times:
            # where the number starts: its currency sign, its digits, its words or the vague plural
            k = 2 if groups[1] else 3 if groups[2] else 6 if groups[5] else 7
            start, end = norm.span_to_original(m.start(k), m.end())
            i = bisect.bisect_right(time_starts, end) - 1
            if i >= 0 and times[i][1] > start:
                continue  # a year, date, clock time or duration
        q = _quantity(article.text, text, norm, m, groups, memo)
        if q is not None:
            out.append(q)
    if index.count(_NO):
        out.extend(_zeros(article, index, norm, memo))
        out.sort(key=lambda q: (q.span.start, q.span.end))  # the order of spans, stable
    return out


_CAPITAL_BEFORE = regex.compile(r"\b(\p{Lu}[\p{L}]*)[ ]$")  # "Article 5": a capitalised word right before


def _named_before(before: str) -> str | None:
    """The capitalised word that ends right before ``before``'s last space, if any."""
    # "[ ]$" needs a space at the end, or before a line feed at the end, and a letter before the
    # space: most numbers (in a list of numbers, after a comma) fail here without the search
    if before.endswith(" "):
        last = before[-2:-1]
    elif before.endswith(" \n"):
        last = before[-3:-2]
    else:
        return None
    if not last or (last.isascii() and not last.isalpha()):
        return None
    prev = _CAPITAL_BEFORE.search(before)
    return None if prev is None else prev.group(1)


def _opens_line(text: str, pos: int) -> bool:
    """Only white space stands between the start of the line and ``pos`` (read back from ``pos``,
    so a text without line breaks costs no more per number)."""
    i = pos
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _quantity(
    original: str,
    text: str,
    norm: Normalized,
    m: regex.Match[str],
    groups: tuple[str | None, ...],
    memo: _Memo,
) -> Quantity | None:
    approx, cur, raw, scale_word, short, words, vague, pct, hunit = groups
    bound: Bound | None = None
    rule = "digits"
    value: int | float
    if raw:
        if len(raw) > 9 and "," not in raw:
            return None  # an identifier: a tweet id, a phone or account number
        if short and not cur:
            return None  # "5m" may be five meters: only "$5m" is read as a scale
        key = (raw, scale_word or short)
        got_value = memo.values.get(key)
        if got_value is None:
            number = float(raw.replace(",", "") if "," in raw else raw)
            scale = (scale_word or short or "").lower()
            if scale:
                number *= int(_units()["scale"][scale])
            got_value = memo.values[key] = _as_number(number)
        value = got_value
        if not approx and not cur:
            digits_start, digits_end = m.span(3)
            if text[digits_end : digits_end + 1] in (".", ")") and _opens_line(text, digits_start):
                return None  # "1. Push for parliament"
            before = text[max(0, digits_start - 40) : digits_start]
            if before.endswith(("No. ", "no. ", "#")):
                return None
            prev = _named_before(before)
            if prev and prev.lower() not in _units().get("opener", {}):
                return None  # an identifier: "Article 5", "Resolution 2334"
    elif words:
        rule = "words"
        got = memo.words.get(words, -1)
        if got == -1:
            got = memo.words[words] = _words_value(words)
        if got is None:
            return None
        value = got
    else:
        assert vague is not None
        rule = "vague"
        value = _VAGUE[vague.lower() + " of"]
        approx = approx or text[m.start(7) : m.end()]
        bound = "lower"
    unit: str | None = None
    end = m.end()
    if pct:
        unit = "percent"
    elif hunit:
        unit = hunit
        if unit in _FRACTIONS:
            return None  # "two-thirds": a fraction, not a count of thirds
        rule = "compound"
    else:
        unit, end = _noun_after(text, end, value, memo.nouns)
    if cur:
        unit = _units()["currency"][cur]
    if unit is None:
        if rule != "digits":
            return None  # "one of those moments", "two of them"
        assert raw is not None
        if len(raw) == 4 and raw.isdigit() and 1800 <= int(raw) <= 2099 and not approx:
            return None  # a year the time patterns did not claim
    if approx and bound is None:
        bound = _approximators().get(approx.lower(), "about")
    start, stop = norm.span_to_original(m.start(), end)
    return Quantity(
        span=Span(start, stop),
        text=original[start:stop],
        value=value if raw else _as_number(value),  # digits: _as_number'ed already
        unit=unit,
        approximate=approx is not None,
        approximator=approx,
        bound=bound,
        rule=rule,
    )


_ZERO = regex.compile(
    r"""
    \b(?P<no>[Nn]o)
    (?: [ ]one[ ](?:was|were|has[ ]been|had[ ]been)[ ](?:(?:seriously|critically|badly)[ ])?
        (?:killed|injured|wounded|hurt|harmed)\b            # "no one was injured"
      | (?=[ ]) )                                          # "no U.S. casualties"
    """,
    regex.VERBOSE,
)


_NO = Words(("no",), fold=True, not_after=WORD_CHARS)


def _zero_matches(index: WordIndex) -> Iterator[tuple[int, int]]:
    """The spans of the matches of ``_ZERO`` that :func:`match_at` finds, but the pattern is tried
    only where "one " follows "no ": elsewhere it can match only "no" before a space, where a
    word does not go on from the character before it (as the pattern itself answers, once for
    each such character)."""
    text = index.text
    if not index.searchable(_NO):
        for m in match_at(_ZERO, index, _NO, purpose="quantities: zero"):
            yield m.span()
        return
    starts: dict[str, bool] = {}  # the character before "no" -> whether "no" can start there
    last = 0
    for q, _ in index.spans(_NO):
        if q < last or text[q + 1 : q + 3] != "o " or text[q] not in "Nn":
            continue  # no match: "[Nn]o" and a space start every match, and matches do not overlap
        if text.startswith("one ", q + 3):
            found = match(_ZERO, text, q, purpose="quantities: zero")
            if found is None:
                continue
            last = found.end()
            yield found.span()
            continue
        before = text[q - 1 : q]
        opens = starts.get(before)
        if opens is None:
            opens = starts[before] = _ZERO.match(before + "no ", len(before)) is not None
        if opens:
            last = q + 2
            yield q, q + 2


def _zeros(article: Article, index: WordIndex, norm: Normalized, memo: _Memo) -> list[Quantity]:
    """Counts of zero stated with "no": "no U.S. casualties", "no one was injured"."""
    out = []
    text = index.text
    zero_nouns = _units().get("zero", {})
    for no, no_end in _zero_matches(index):  # every match starts at its "no"
        if no_end - no > 3:
            unit: str | None = "people"
            end = no + len("no one")
        else:
            unit, end = _noun_after(text, no_end, 0, memo.nouns)
            if unit not in zero_nouns:
                continue
        start, stop = norm.span_to_original(no, end)
        out.append(
            Quantity(
                span=Span(start, stop), text=article.text[start:stop], value=0, unit=unit,
                rule="zero",
            )
        )  # fmt: skip
    return out


def extract_quantities(article: Article) -> list[Quantity]:
    """Find the quantities of an article: numbers, what they count, and their hedges.

    Years, dates, clock times and durations are left to :func:`~ontherecord.extract_times`.

    Args:
        article: the article to read.

    Returns:
        The quantities, sorted by position.

    Raises:
        PatternTimeoutError: a pattern could not get through the text (hostile or pathological
            text; never a long one).

    .. versionadded:: 0.1.0
    """
    return list(_found_quantities(article))


@functools.lru_cache(maxsize=4)
def _found_quantities(article: Article) -> tuple[Quantity, ...]:
    # the claim extractor asks again for the article just analysed: answer from the last few
    return tuple(_iter(article))
