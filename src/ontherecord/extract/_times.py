"""Time expressions: find them with the project's own patterns, then resolve them.

The finding is done by small ``VERBOSE`` patterns, one per kind of expression (calendar dates,
day names, clock times with zones, "last year", "a fortnight ago", durations, decades, years,
expressions anchored to another event, recurring times, vague references), each tried only near
the words its matches cannot do without (a month name, a unit word), which finds what a scan of the
whole text finds in a fraction of the time. Overlapping finds are settled longest first.
Resolution is arithmetic against the article's ``published`` datetime for relative expressions,
and :mod:`dateparser` (imported lazily, English only, settings fixed per article with
``RELATIVE_BASE`` = publication) for calendar expressions such as "Jan. 8". Nothing is ever
resolved against the wall clock: without ``published``, relative expressions keep ``value=None``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import string
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs
import regex

from ontherecord._article import Span
from ontherecord._data import lines
from ontherecord._text.normalize import normalize
from ontherecord._text.triggers import WORD_CHARS, WordIndex, Words, finditer_near, match_at, word_index

if TYPE_CHECKING:
    from ontherecord._article import Article

__all__ = ["EXTRACTOR", "TimeExpression", "TimeType", "extract_times", "time_spans"]

#: The versioned name of this extractor.
EXTRACTOR = "ontherecord.times.v1"

#: What kind of time an expression denotes.
TimeType = Literal["date", "time", "duration", "set", "anchored", "vague"]
_TYPES = frozenset({"date", "time", "duration", "set", "anchored", "vague"})


def _check_type(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in _TYPES:
        raise ValueError(f"{attribute.name} must be one of {sorted(_TYPES)}, not {value!r}")


@attrs.frozen(kw_only=True)
class TimeExpression:
    """A time expression in an article, with its value when it can be resolved.

    Attributes:
        span: where the expression stands in ``Article.text``.
        text: ``article.text[span.start:span.end]``.
        type: ``"date"`` (a day, month, year or decade), ``"time"`` (a clock time, possibly on a
            day), ``"duration"`` ("10 days"), ``"set"`` (a recurring time, "every Sunday"),
            ``"anchored"`` (placed relative to another event: "10 days after", "since the 2003
            invasion") or ``"vague"`` ("recently", "in recent months").
        value: an ISO 8601 string or None when it cannot be resolved: a date ``"2020-01-08"``, a
            datetime with offset ``"2020-01-05T14:00:00+00:00"``, a clock time without a day
            ``"10:00:00+00:00"``, a month ``"2019-12"``, a year ``"2014"``, an ISO week
            ``"2020-W02"``, a decade ``"1990s"``, a duration ``"P10D"``. For anchored expressions
            it is what can be known without the anchor: the offset (``"P10D"``) or the year the
            anchor names (``"2003"``). For sets it is the period (``"P1W"``, ``"XXXX-WXX-7"``).
        mod: a modifier of the value: ``"early"``, ``"mid"``, ``"late"`` for part of a period,
            the relation word of an anchored expression (``"after"``, ``"before"``, ``"since"``,
            ``"later"``...), or None.
        extractor: the versioned name of the extractor.
        rule: the name of the pattern that found the expression.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    type: TimeType = attrs.field(validator=_check_type)
    value: str | None = None
    mod: str | None = None
    extractor: str = EXTRACTOR
    rule: str


# ---------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}  # fmt: skip

#: Number words a duration or a quantity may use (cardinal only: "second" is never a number).
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNITS = {  # unit word -> (ISO designator, is a time-of-day unit)
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "year": ("Y", False), "decade": ("Y", False), "century": ("Y", False),
}  # fmt: skip
_UNIT_SCALE = {"fortnight": 2, "decade": 10, "century": 100}

# ---------------------------------------------------------------------------------------------
# Pattern pieces (matched on the normalised text: plain spaces, ASCII hyphens and apostrophes)

_SP = r"[ ]{1,3}"
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?=[ ]))"
_MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?<![0-9.,])(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9:\p{L}])"
_YEAR = r"(?<![0-9.,$])(?P<year>1[89][0-9][0-9]|20[0-9][0-9])(?![0-9%\p{L}]|[.,][0-9]|-[0-9]|/)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten"
)
# A count of units: digits, number words, "a"/"an", or a vague count.
_COUNT = (
    rf"(?P<count>(?<![0-9.,])[0-9]{{1,4}}(?:\.5)?(?![0-9,])|(?i:{_NUMWORD})"
    r"|(?P<vaguecount>(?i:a[ ]few|a[ ]couple[ ]of|several|many|some))|(?P<article>(?i:an?)))"
)
_UNITS_RE = (
    r"(?P<unit>seconds?|minutes?|mins|hours?|hrs|days?|weeks?|fortnights?|months?|years?"
    r"|decades?|century|centuries)"
)
_DURATION = rf"{_COUNT}(?P<sep>[ ]|-){_UNITS_RE}(?![\p{{L}}0-9]|-\p{{L}})"
_AMPM = r"(?P<ampm>[AaPp])\.?[Mm]\.?(?!\p{L})"
_ZONE = r"(?:[ ]?(?P<zone>GMT|UTC|[ECMP][SD]T|[ECMP]T|BST|CEST|CET|EEST|EET|MSK|JST|KST|AEST|AEDT)(?![\p{L}0-9])|[ ](?P<local>local[ ]time))?"  # noqa: E501
_PAREN = r"(?:[ ]?\([ ]?(?P<h2>[01][0-9]|2[0-3]):?(?P<m2>[0-5][0-9])[ ]?(?P<zone2>GMT|UTC)[ ]?\))?"
_FUTURE_PREFIX = r"(?:(?P<pre>earlier|later)[ ])?"


def _compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.VERBOSE | flags)


# Each rule: name -> compiled pattern. The comment says what it finds.
_RULES: dict[str, regex.Pattern[str]] = {
    # "January 8, 2020", "Jan. 8", "Sept. 12th"
    "month_day": _compile(rf"\b{_MONTH}{_SP}{_DAY}(?:,?{_SP}{_YEAR})?"),
    # "8 January 2020", "the 8th of January"
    "day_month": _compile(rf"{_DAY}(?:{_SP}of)?{_SP}{_MONTH}(?:,?{_SP}{_YEAR})?"),
    # "December 2019", "Dec. 2019", "May of 2016"
    "month_year": _compile(rf"\b{_MONTH}{_SP}(?:of{_SP})?{_YEAR}"),
    # "in late December", "last March", "since January"; "May" only with a clear time word
    "month": _compile(
        r"""
        (?: \b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)[ ]                        # "last March"
          | (?<=\b(?i:in|since|until|till|through|during|before|after|from)[ ])   # "in March"
          | \b(?P<mod>early|mid|late|end[ ]of|beginning[ ]of)(?:-|[ ]) )     # "late December"
        (?: (?P<month>January|February|March|April|June|July|August|September|October
                      |November|December)
          | (?<=\b(?:last|next|this|since|until|early|mid|late|of)[ -])(?P<month>May) )
        (?![ ]?[0-9])
        """
    ),
    # ISO dates "2020-01-08"
    "iso_date": _compile(
        r"(?<![0-9-])(?P<year>(?:19|20)[0-9][0-9])-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?![0-9-])"
    ),
    # "Sunday", "last Monday", "Sunday night"
    "weekday": _compile(
        rf"(?:\b(?P<rel>last|next|this|this[ ]coming|this[ ]past)[ ])?\b{_WEEKDAY}(?!s\b|\p{{L}})"
        r"(?:[ ](?P<part>morning|afternoon|evening|night))?"
    ),
    # "yesterday", "today", "tomorrow morning", "tonight", "last night", "this morning"
    "deictic": _compile(
        r"""(?<!\bUSA[ ])\b(?: (?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)
              (?:[ ](?P<part>morning|afternoon|evening|night))?
            | (?P<last>[Ll]ast)[ ](?P<lastpart>night)
            | (?P<this>[Tt]his)[ ](?P<thispart>morning|afternoon|evening) )\b"""
    ),
    # "last year", "this month", "next week", "earlier this month", "the past year", "the last six years"
    "relative_period": _compile(
        rf"""\b{_FUTURE_PREFIX}(?P<the>the[ ])?(?P<rel>[Ll]ast|[Tt]his|[Nn]ext
                |[Pp]ast|[Cc]oming|[Pp]revious)[ ]
            (?:(?P<n>[0-9]{{1,3}}|{_NUMWORD}|few|several|many|couple[ ]of)[ ])?
            (?P<unit>week|month|year|decade|weekend|quarter)(?P<plural>s)?\b"""
    ),
    # "a fortnight ago", "fortnight ago", "10 days ago", "several years ago"
    "ago": _compile(
        rf"""(?: \b{_DURATION} | \b(?P<fortnight>(?i:a[ ])?fortnight) )
             [ ](?P<dir>ago|from[ ]now|hence)\b"""
    ),
    # "10 days after", "two days later", "a week before"
    "offset": _compile(
        rf"""\b{_DURATION}[ ](?P<rel>after|before|later|earlier|prior[ ]to|following|since|from)\b"""
    ),
    # "since the 2003 invasion", "since the US 2003 invasion", "after the 1991 Gulf War"
    "event": _compile(
        rf"""\b(?P<rel>[Ss]ince|[Aa]fter|[Bb]efore|[Uu]ntil|[Ff]ollowing|[Dd]uring|prior[ ]to)[ ]the[ ]
            (?:[\p{{Lu}}][\p{{L}}.]*[ ]){{0,2}}{_YEAR}[ ]
            (?P<event>[\p{{Lu}}][\p{{L}}]+(?:[ ][\p{{Lu}}][\p{{L}}]+){{0,2}}   # "Gulf War"
                    |[\p{{Ll}}][\p{{Ll}}-]{{2,}}(?<!s))\b                  # "invasion" """
    ),
    # "10 days", "17 years", "two-day", "a year" (never "a second": that is an ordinal)
    "duration": _compile(rf"\b{_DURATION}"),
    # "for months", "for years", "over several weeks"
    "vague_duration": _compile(
        r"""\b(?P<prep>[Ff]or|[Oo]ver|[Ww]ithin|[Ff]rom)[ ](?:(?:many|several|some|a[ ]few)[ ])?
            (?P<unit>days|weeks|months|years|decades)\b"""
    ),
    # "the 1990s", "the early 2000s", "the '90s"
    "decade": _compile(
        r"""(?:\b(?P<mod>early|mid|late)(?:-|[ ]))?
            (?: (?<![0-9.,$])(?P<dec4>(?:1[89]|20)[0-9]0)s                          # "1990s"
              | (?<=\bthe[ ](?:(?:early|mid|late)[ -])?)'(?P<dec2>[0-9]0)s )   # "the '90s"
            (?!\p{L})"""
    ),
    # years after a time word: "in 2014", "since 2003", "the 2016 election", "2003 and 2011"
    "year": _compile(
        rf"""(?: (?<=\b(?i:in|since|by|until|till|from|through|during|of|before|after|between
                      |the|early|late|around|circa|for|throughout|summer|spring|winter|autumn|fall)[ ])
              | (?<=\bmid-)
              | (?<=\b(?:1[89]|20)[0-9][0-9][ ](?:and|to|or|through)[ ]) )
            {_YEAR}(?![ ]?(?:GMT|UTC|hours|hrs|[AaPp]\.?[Mm]\b))"""
    ),
    # clock times with optional zone and a GMT gloss: "5:00pm (1400 GMT)", "10 a.m. ET", "noon"
    "clock": _compile(
        rf"""(?<![0-9.:,])\b(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5][0-9]))?[ ]?{_AMPM}{_ZONE}{_PAREN}"""
    ),
    # 24-hour times with a zone or after a time preposition: "14:00 GMT", "at 17:30"
    "clock24": _compile(
        rf"""(?<![0-9.:,])
        (?: (?<=\b(?:at|by|until|till|from|before|after|around|about|since)[ ])   # "at 17:30"
          | (?=[0-9]{{1,2}}:[0-9][0-9][ ]?(?:GMT|UTC)) )                              # "14:00 GMT"
            (?P<h>[01]?[0-9]|2[0-3]):(?P<m>[0-5][0-9])(?![0-9:]){_ZONE}{_PAREN}"""
    ),
    # military times with a zone: "1400 GMT" (never a year)
    "clock_zone": _compile(
        r"""(?<![0-9.,:])(?P<h>[01][0-9]|2[0-3])(?P<m>[0-5][0-9])[ ]?(?P<zone>GMT|UTC|Z)(?![\p{L}0-9])"""
    ),
    # "noon", "midnight"
    "noon": _compile(r"\b(?P<word>noon|midnight|midday)\b"),
    # "every Sunday", "each year", "every two weeks", "twice a week", "on Sundays"
    "set": _compile(
        rf"""\b(?: (?P<every>[Ee]very|[Ee]ach)[ ](?:(?P<n>other|[0-9]{{1,3}}|{_NUMWORD})[ ])?
                   (?P<unit>days?|weeks?|months?|years?|mornings?|nights?|evenings?|weekends?|
                      Mondays?|Tuesdays?|Wednesdays?|Thursdays?|Fridays?|Saturdays?|Sundays?)
                 | (?P<freq>once|twice|three[ ]times|[0-9]{{1,2}}[ ]times)[ ](?:a|per|each|every)[ ]
                   (?P<funit>day|week|month|year)
                 | (?<=\b[Oo]n[ ])(?P<plural>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays
                                       |Saturdays|Sundays) )\b"""
    ),
}


@functools.cache
def _vague_pattern() -> regex.Pattern[str]:
    phrases = sorted(lines("time_vague"), key=len, reverse=True)
    alts = "|".join(regex.escape(p).replace(r"\ ", "[ ]") for p in phrases)
    return regex.compile(rf"\b(?i:{alts})\b")


@functools.cache
def _future_pattern() -> regex.Pattern[str]:
    phrases = sorted(lines("time_future_cues"), key=len, reverse=True)
    alts = "|".join(regex.escape(p).replace(r"\ ", "[ ]") for p in phrases)
    return regex.compile(rf"(?i:(?<![\p{{L}}'])(?:{alts})(?!\p{{L}}))")


_PAST_SPEECH = regex.compile(
    r"(?i:\b(?:said|told|announced|confirmed|reported|wrote|tweeted|added|stated|declared)[ ]"
    r"(?:(?:on|late|early|last)[ ])?$)"
)


@functools.cache
def _zones() -> dict[str, tuple[dt.timedelta, dt.timedelta]]:
    """Zone abbreviation -> (standard offset, daylight offset)."""
    out: dict[str, tuple[dt.timedelta, dt.timedelta]] = {}
    for line in lines("time_zones"):
        parts = line.split("\t")
        if parts[1] == "US":
            out[parts[0]] = (_offset(parts[2]), _offset(parts[3]))
        else:
            out[parts[0]] = (_offset(parts[1]), _offset(parts[1]))
    return out


def _offset(text: str) -> dt.timedelta:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text[1:].split(":")
    return sign * dt.timedelta(hours=int(hours), minutes=int(minutes))


def _us_daylight(day: dt.date) -> bool:
    """US daylight saving time (since 2007): second Sunday of March to first Sunday of November."""
    march = dt.date(day.year, 3, 8)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7)
    nov = dt.date(day.year, 11, 1)
    end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7)
    return start <= day < end


# ---------------------------------------------------------------------------------------------
# Finding


@attrs.frozen
class _Found:
    start: int
    end: int
    rule: str
    match: regex.Match[str]
    clock: regex.Match[str] | None = None  # the clock time joined to a day, if any


# Rules that are tried later lose ties of equal length: precedence order.
_PRECEDENCE = {name: i for i, name in enumerate(_RULES)}
_PRECEDENCE["vague"] = len(_PRECEDENCE)


def _only_after(chars: str) -> str:
    """``not_after`` for words that a pattern reads only right after one of ``chars``."""
    return "".join(c for c in map(chr, range(128)) if c not in chars)


# What every match of a rule consumes: a word of each group (see ``_text.triggers``). A rule none
# of whose words is in the text is not tried; one whose words are few is tried only around them.
_AFTER_SPACE = _only_after(" ")
_MONTH_WORDS = Words(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), not_after=WORD_CHARS
)
_DIGITS = Words(tuple("123456789"), fold=True)  # a day, an hour or a year holds one (folded: as quantities)
_UNIT_WORDS = Words(  # a count and its unit are joined by a space or a hyphen ("10 days", "two-day")
    ("second", "minute", "mins", "hour", "hrs", "day", "week", "fortnight", "month", "year", "decade",
     "centur"),
    not_after=_only_after(" -"),
)  # fmt: skip
_NEEDS: dict[str, tuple[Words, ...]] = {
    "month_day": (_MONTH_WORDS, _DIGITS),
    "day_month": (_MONTH_WORDS, _DIGITS),
    "month_year": (_MONTH_WORDS, _DIGITS),
    "month": (_MONTH_WORDS,),
    "iso_date": (Words(("-0", "-1")), Words(("19", "20"))),
    "weekday": (
        Words(
            ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
            not_after=WORD_CHARS,
        ),
    ),
    "deictic": (Words(("esterday", "oday", "omorrow", "night", "morning", "afternoon", "evening")),),
    "relative_period": (Words(("week", "month", "year", "decade", "quarter"), not_after=_AFTER_SPACE),),
    "ago": (Words(("ago", "from now", "hence"), not_after=_AFTER_SPACE),),
    "offset": (
        _UNIT_WORDS,
        Words(
            ("after", "before", "later", "earlier", "prior to", "following", "since", "from"),
            not_after=_AFTER_SPACE,
        ),
    ),
    "duration": (_UNIT_WORDS,),
    "vague_duration": (Words(("day", "week", "month", "year", "decade"), not_after=_AFTER_SPACE),),
    "decade": (Words(("0s",)),),
    "year": (Words(("18", "19", "20"), not_after="0123456789.,$"),),
    # "5 pm", "5pm": a digit or a space before "pm"
    "clock": (Words(("am", "pm", "a.m", "p.m"), fold=True, not_after=string.ascii_letters + "_"), _DIGITS),
    "clock24": (Words((":",)),),  # "00:00" holds no digit but zero
    "clock_zone": (Words(("GMT", "UTC", "Z")),),
    "noon": (Words(("noon", "midnight", "midday")),),
    "set": (Words(("very ", "ach ", "once ", "twice ", "times ", "days")),),
}
# The longest match is about 45 characters ("earlier the previous twenty-seven weekends"), and no
# look-ahead reads more than 8 past a match: a window this wide around a word holds every match
# that consumes it and all that the match's look-arounds read.
_REACH = 64
# "since the 2003 invasion": an event's name may be as long as it likes, but every match starts
# where its relation word starts.
_EVENT_STARTS = Words(
    ("since the ", "after the ", "before the ", "until the ", "following the ", "during the ",
     "prior to the "),
    fold=True,
    not_after=WORD_CHARS,
)  # fmt: skip


@functools.cache
def _vague_words() -> Words:
    """The longest word of each vague phrase, less any that starts with another: every match
    holds one, at the start of one of its words."""
    longest = {max(p.lower().split(" "), key=len) for p in lines("time_vague")}
    kept = sorted(w for w in longest if not any(o != w and w.startswith(o) for o in longest))
    return Words(tuple(kept), fold=True, not_after=WORD_CHARS)


def _rule_matches(name: str, pattern: regex.Pattern[str], index: WordIndex) -> Iterator[regex.Match[str]]:
    if name == "event":
        return match_at(pattern, index, _EVENT_STARTS, purpose="times: event")
    return finditer_near(pattern, index, _NEEDS[name], before=_REACH, after=_REACH, purpose=f"times: {name}")


@functools.lru_cache(maxsize=8)
def _find(text: str) -> tuple[_Found, ...]:
    """All non-overlapping finds in the normalised ``text``, longest first, then by position.

    Cached for the last few texts: an article's times are found for its own time expressions,
    for its quantities (which leave times out) and for its claims, from the same text.
    """
    found: list[_Found] = []
    index = word_index(text)
    for name, pattern in _RULES.items():
        for m in _rule_matches(name, pattern, index):
            if m.end() > m.start() and _acceptable(name, m):
                found.append(_Found(m.start(), m.end(), name, m))
    for m in finditer_near(
        _vague_pattern(), index, (_vague_words(),), before=_REACH, after=_REACH, purpose="times: vague"
    ):
        found.append(_Found(m.start(), m.end(), "vague", m))
    found.sort(key=lambda f: f.start)
    if all(a.end <= b.start for a, b in itertools.pairwise(found)):
        return tuple(found)  # none overlaps another: the longest-first choice below keeps them all
    found.sort(key=lambda f: (-(f.end - f.start), f.start, _PRECEDENCE[f.rule]))
    taken: list[_Found] = []
    starts: list[int] = []
    for f in found:
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and taken[i - 1].end > f.start:
            continue
        if i < len(taken) and taken[i].start < f.end:
            continue
        starts.insert(i, f.start)
        taken.insert(i, f)
    return tuple(taken)


def _acceptable(rule: str, m: regex.Match[str]) -> bool:
    """Vetoes that a pattern cannot express."""
    if rule in ("duration", "ago", "offset"):
        unit = m.group("unit")
        if unit is None:  # "a fortnight ago"
            return True
        count = m.group("count") or ""
        if m.group("article") and unit.startswith(("second", "minute")):
            return False  # "a second attack", "a minute's silence"
        plural = unit.endswith("s") or unit == "centuries"
        hyphen = m.group("sep") == "-"
        if hyphen:
            return not plural
        one = count.lower() in ("1", "one", "a", "an")
        if not one and not plural and not (m.group("vaguecount") or "").startswith("a"):
            return False  # "two second-half goals"
        return not (one and plural)
    return True


def time_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of ``text`` that hold time expressions, without resolving them.

    Quantity extraction uses this to leave years, dates and clock times out.

    Args:
        text: any string.

    Returns:
        ``(start, end)`` offsets into ``text``, sorted.

    .. versionadded:: 0.1.0
    """
    norm = normalize(text)
    return [norm.span_to_original(f.start, f.end) for f in _merge(norm.text, _find(norm.text))]


_JOIN = regex.compile(r"(?:,?[ ](?:at|from|by|around|about|before|after)?[ ]?|[ ]?,[ ]?)")
_DAY_RULES = frozenset({"month_day", "day_month", "weekday", "deictic", "iso_date"})
_CLOCK_RULES = frozenset({"clock", "clock24", "clock_zone", "noon"})


def _merge(text: str, finds: Iterable[_Found]) -> list[_Found]:
    """Join a day and the clock time right after it ("Sunday at 5:00pm (1400 GMT)")."""
    out: list[_Found] = []
    for f in finds:
        if out and out[-1].rule in _DAY_RULES and f.rule in _CLOCK_RULES:
            prev = out[-1]
            gap = text[prev.end : f.start]
            if len(gap) <= 6 and _JOIN.fullmatch(gap):
                out[-1] = _Found(prev.start, f.end, f"{prev.rule}+{f.rule}", prev.match, f.match)
                continue
        out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# Resolving


@attrs.frozen
class _Context:
    """What resolution needs to know about the article: its date and its sentences."""

    base: dt.datetime | None  # publication, as naive local wall time of the publisher
    offset: dt.timedelta | None  # the publisher's UTC offset
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    text: str  # normalised text
    # what future() has read, per sentence, and where the text's quotation marks stand
    _cues: dict[tuple[int, int], _Cues] = attrs.field(factory=dict, eq=False, repr=False)
    _marks: list[int] = attrs.field(factory=list, eq=False, repr=False)

    def sentence(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sentence_starts, i) - 1
        if k >= 0 and i < self.sentence_ends[k]:
            return self.sentence_starts[k], self.sentence_ends[k]
        return max(0, i - 200), min(len(self.text), i + 200)

    def future(self, start: int, end: int, *, before: bool = False) -> bool:
        """Whether the sentence around ``[start, end)`` speaks of the future (with ``before``,
        only the words before the expression count)."""
        s, e = self.sentence(start)
        if _PAST_SPEECH.search(self.text, max(s, start - 26), start):
            return False
        # a quotation has its speaker's tense: only cues on the same side of the quotation marks
        # as the expression count ("'We will ...,' he said on Wednesday" is past): the same
        # number of marks, modulo 2, stands before the cue and before the expression
        inside = self._quote_parity(start)
        cues = self._cues.get((s, e))
        if cues is None:
            # each sentence is scanned once, however many expressions it holds (a long sentence
            # of day names made this quadratic)
            found = [m.span() for m in _future_pattern().finditer(self.text, s, e)]
            cues = self._cues[(s, e)] = _Cues(found, [self._quote_parity(a) for a, _ in found])
        if not before:
            return cues.first[inside] < len(cues.starts)
        # Only the cues before the expression count: a scan that stops at ``start`` finds what the
        # sentence's scan finds as long as the pattern cannot read up to ``start`` (cues are short);
        # nearer to it the scan is repeated with that end.
        safe = start - _future_reach()
        k = bisect.bisect_left(cues.starts, safe)
        if cues.first[inside] < k:
            return True
        # a scan that stops at ``start`` fails where the sentence's scan failed, up to ``safe``
        resume = max(cues.spans[k - 1][1] if k else s, safe)
        return any(
            self._quote_parity(m.start()) == inside
            for m in _future_pattern().finditer(self.text, resume, start)
        )

    def _quote_parity(self, pos: int) -> int:
        """How many quotation marks stand before ``pos``, modulo 2."""
        if not self._marks:
            self._marks.extend(m.start() for m in _QUOTE_MARK.finditer(self.text))
            self._marks.append(len(self.text) + 1)  # never empty once read
        return bisect.bisect_left(self._marks, pos) % 2


class _Cues:
    """The future cues of one sentence: their spans and starts, and for each quotation-mark
    parity the index of the first cue that has it (``len(spans)`` when none has)."""

    __slots__ = ("first", "spans", "starts")

    def __init__(self, spans: list[tuple[int, int]], parities: list[int]) -> None:
        self.spans = spans
        self.starts = [a for a, _ in spans]
        self.first = [len(spans), len(spans)]
        for i, parity in reversed(list(enumerate(parities))):
            self.first[parity] = i


_QUOTE_MARK = regex.compile('"')


@functools.cache
def _future_reach() -> int:
    """How far past its start a future cue (and the look-ahead after it) can read."""
    return 2 * max(len(p) for p in lines("time_future_cues")) + 8


Resolved = tuple[TimeType, str | None, str | None]  # type, value, mod


@functools.lru_cache(maxsize=8192)
def _dateparse(text: str, base: dt.datetime, prefer: str) -> dt.date | None:
    """Resolve a calendar expression with dateparser (cached on text, base and preference)."""
    # what dateparser.parse(text, languages=["en"], settings=...) does, with the parser built once
    # per base and preference rather than per call (it keeps no state between calls)
    parsed = _date_parser(base, prefer).get_date_data(text)["date_obj"]
    return None if parsed is None else cast("dt.datetime", parsed).date()


@functools.lru_cache(maxsize=64)
def _date_parser(base: dt.datetime, prefer: str) -> Any:
    from dateparser.date import DateDataParser  # lazy: never imported by ``import ontherecord``

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


# Without a publication date a fully written calendar date still resolves; the base is then a
# fixed date that dateparser never needs (the year is given), so the wall clock is never read.
_FIXED_BASE = dt.datetime(2000, 1, 1)


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _calendar(ctx: _Context, f: _Found, m: regex.Match[str]) -> Resolved:
    month = _month_number(m.group("month"))
    day = m.groupdict().get("day")
    year = m.groupdict().get("year")
    name = _MONTH_NAMES[month - 1]
    if year is None and ctx.base is None:
        return ("date", None, None)
    base = ctx.base or _FIXED_BASE
    if day is not None:
        text = f"{name} {int(day)}" + (f" {year}" if year else "")
    else:
        text = f"{name} {year}" if year else name
    if year is None:
        got = _nearest(text, base, future=ctx.future(f.start, f.end, before=True))
    else:
        got = _dateparse(text, base, "past")
    if got is None:
        return ("date", None, None)
    return ("date", got.isoformat() if day is not None else f"{got.year:04d}-{got.month:02d}", None)


def _nearest(text: str, base: dt.datetime, *, future: bool) -> dt.date | None:
    """The reading of a yearless date nearest to publication, dateparser giving the readings.

    Distances on the side the sentence does not point to count double: news speaks of the past
    unless the sentence speaks of the future, but "Dec. 30" written on Jan. 5 is last week, not
    next December, and a dateline a day ahead of the recorded publication date is not a year old.
    """
    past = _dateparse(text, base, "past")
    ahead = _dateparse(text, base, "future")
    if past is None or ahead is None:
        return past or ahead
    today = base.date()
    back = abs((today - past).days) * (2 if future else 1)
    forth = abs((ahead - today).days) * (1 if future else 2)
    return past if back <= forth else ahead


def _month_alone(ctx: _Context, f: _Found, m: regex.Match[str]) -> Resolved:
    mod = m.group("mod")
    if mod is not None:
        mod = {"end of": "late", "beginning of": "early"}.get(mod, mod)
    if ctx.base is None:
        return ("date", None, mod)
    rel = (m.group("rel") or "").lower()
    before = ctx.text[max(0, f.start - 6) : f.start].lower()
    if rel == "next":
        prefer = "future"
    elif rel == "last" or before.endswith("since "):
        prefer = "past"
    elif rel == "this":
        prefer = "current_period"
    else:
        prefer = "nearest"
    name = _MONTH_NAMES[_month_number(m.group("month")) - 1]
    if prefer == "nearest":
        got = _nearest(name, ctx.base, future=ctx.future(f.start, f.end, before=True))
    else:
        got = _dateparse(name, ctx.base, prefer)
    if got is None:  # pragma: no cover - dateparser always reads a month name
        return ("date", None, mod)
    same_month = (got.year, got.month) == (ctx.base.year, ctx.base.month)
    if same_month and rel == "last":  # "last January" written in January: a year back
        got = got.replace(year=got.year - 1)
    return ("date", f"{got.year:04d}-{got.month:02d}", mod)


def _weekday_date(ctx: _Context, f: _Found, m: regex.Match[str]) -> dt.date | None:
    if ctx.base is None:
        return None
    target = _WEEKDAYS[m.group("weekday").lower()]
    today = ctx.base.date()
    back = (today.weekday() - target) % 7
    rel = (m.group("rel") or "").lower()
    if rel == "last" or rel == "this past":
        return today - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming"):
        return today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)
    if ctx.future(f.start, f.end):
        return today + dt.timedelta(days=(target - today.weekday()) % 7)
    return today - dt.timedelta(days=back)


def _deictic_date(ctx: _Context, m: regex.Match[str]) -> dt.date | None:
    if ctx.base is None:
        return None
    word = (m.group("word") or "").lower()
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    if m.group("last"):
        shift = -1
    return ctx.base.date() + dt.timedelta(days=shift)


def _count(m: regex.Match[str]) -> float | None:
    count = m.group("count")
    if m.group("vaguecount"):
        if m.group("vaguecount").lower().startswith("a couple"):
            return 2
        return None
    if m.group("article"):
        return 1
    if count.replace(".", "", 1).isdigit():
        return float(count) if "." in count else int(count)
    return word_number(count)


def word_number(text: str) -> int | None:
    """The value of a cardinal number word or hyphenated pair ("six", "twenty-five").

    .. versionadded:: 0.1.0
    """
    total = 0
    for part in text.lower().split("-"):
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total


def _unit_name(raw: str) -> str:
    """The singular unit name: "days" -> "day", "centuries" -> "century", "hrs" -> "hour"."""
    unit = raw.lower().rstrip("s")
    if unit.startswith("centur"):
        return "century"
    return {"min": "minute", "hr": "hour"}.get(unit, unit)


def _duration_value(n: float | None, unit: str) -> str | None:
    if n is None:
        return None
    unit = _unit_name(unit)
    designator, clock = _UNITS[unit]
    amount = n * _UNIT_SCALE.get(unit, 1)
    amount_text = str(int(amount)) if float(amount).is_integer() else str(amount)
    return f"P{'T' if clock else ''}{amount_text}{designator}"


def _ago(ctx: _Context, m: regex.Match[str]) -> Resolved:
    if m.group("fortnight"):
        n: float | None = 2
        unit = "week"
    else:
        n = _count(m)
        unit = _unit_name(m.group("unit"))
    if n is None:
        return ("vague", None, None)
    if ctx.base is None:
        return ("date", None, None)
    base = ctx.base
    sign = -1 if (m.group("dir") or "ago") == "ago" else 1
    amount = n * _UNIT_SCALE.get(unit, 1)
    if unit in ("second", "minute", "hour"):
        delta = dt.timedelta(**{unit + "s": amount})
        return ("time", _with_offset(base + sign * delta, ctx.offset), None)
    if unit in ("day", "week", "fortnight"):
        days = amount * (1 if unit == "day" else 7)
        return ("date", (base.date() + sign * dt.timedelta(days=days)).isoformat(), None)
    if not float(amount).is_integer():
        return ("date", None, None)
    if unit == "month":
        months = base.year * 12 + base.month - 1 + sign * int(amount)
        return ("date", f"{months // 12:04d}-{months % 12 + 1:02d}", None)
    return ("date", f"{base.year + sign * int(amount):04d}", None)


def _with_offset(when: dt.datetime, offset: dt.timedelta | None) -> str:
    if offset is None:
        return when.replace(microsecond=0).isoformat()
    aware = when.replace(tzinfo=dt.timezone(offset))
    return aware.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def _relative_period(ctx: _Context, m: regex.Match[str]) -> Resolved:
    rel = m.group("rel").lower()
    unit = m.group("unit")
    n_text = m.group("n")
    pre = m.group("pre")
    if (
        n_text is not None
        or m.group("plural")
        or rel in ("past", "coming")
        or (m.group("the") and rel in ("last", "next"))
    ):
        # a stretch of time: "the past year", "the last six years", "the next few weeks"
        if n_text is None and m.group("plural"):
            return ("duration", None, None)
        n = 1 if n_text is None else (int(n_text) if n_text.isdigit() else word_number(n_text))
        if unit in ("weekend", "quarter"):
            return ("duration", None, None)
        return ("duration", _duration_value(n, unit), None)
    if rel == "previous":
        return ("anchored", None, "before")
    if ctx.base is None:
        return ("date", None, pre)
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    b = ctx.base.date()
    if unit == "year":
        value: str | None = f"{b.year + shift:04d}"
    elif unit == "month":
        months = b.year * 12 + b.month - 1 + shift
        value = f"{months // 12:04d}-{months % 12 + 1:02d}"
    elif unit == "week":
        iso = (b + dt.timedelta(weeks=shift)).isocalendar()
        value = f"{iso.year:04d}-W{iso.week:02d}"
    elif unit == "decade":
        value = f"{(b.year // 10 + shift) * 10}s"
    elif unit == "quarter":
        q = b.year * 4 + (b.month - 1) // 3 + shift
        value = f"{q // 4:04d}-Q{q % 4 + 1}"
    else:
        value = None
    return ("date", value, pre)


def _clock(ctx: _Context, m: regex.Match[str], day: dt.date | None) -> Resolved:
    """A clock time, on ``day`` when known. A GMT gloss in brackets gives the UTC time."""
    groups = m.groupdict()
    if "word" in groups and groups.get("word"):
        hour, minute = (0, 0) if groups["word"] == "midnight" else (12, 0)
    else:
        hour, minute = int(groups["h"]), int(groups.get("m") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    local = dt.time(hour, minute)
    offset: dt.timedelta | None = None
    zone = groups.get("zone")
    if groups.get("h2") is not None:
        utc = dt.time(int(groups["h2"]), int(groups["m2"]))
        diff = (hour * 60 + minute - utc.hour * 60 - utc.minute) % (24 * 60)
        if diff > 14 * 60:
            diff -= 24 * 60
        offset = dt.timedelta(minutes=diff)
    elif zone is not None:
        std, dst = _zones()[zone]
        if std != dst:
            ref = day or (ctx.base.date() if ctx.base else None)
            offset = None if ref is None else (dst if _us_daylight(ref) else std)
        else:
            offset = std
    if day is None:
        if offset is None:
            return ("time", local.isoformat(), None)
        stamp = dt.datetime.combine(dt.date(2000, 1, 3), local, dt.timezone(offset))
        return ("time", stamp.astimezone(dt.UTC).timetz().isoformat(), None)
    stamp = dt.datetime.combine(day, local)
    if offset is None:
        return ("time", stamp.isoformat(), None)
    return ("time", _with_offset(stamp, offset), None)


def _resolve(ctx: _Context, f: _Found) -> Resolved:
    m = f.match
    rule = f.rule.split("+")[0]
    if f.clock is not None:
        day_value = _resolve(ctx, _Found(f.start, m.end(), rule, m))[1]
        if day_value is None or len(day_value) != 10:
            return ("time", None, None)
        return _clock(ctx, f.clock, dt.date.fromisoformat(day_value))
    if rule in ("month_day", "day_month", "month_year"):
        return _calendar(ctx, f, m)
    if rule == "iso_date":
        try:
            day = dt.date(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
        except ValueError:
            return ("date", None, None)
        return ("date", day.isoformat(), None)
    if rule == "month":
        return _month_alone(ctx, f, m)
    if rule == "weekday":
        got = _weekday_date(ctx, f, m)
        return ("date", None if got is None else got.isoformat(), None)
    if rule == "deictic":
        got = _deictic_date(ctx, m)
        return ("date", None if got is None else got.isoformat(), None)
    if rule == "relative_period":
        return _relative_period(ctx, m)
    if rule == "ago":
        return _ago(ctx, m)
    if rule == "offset":
        return ("anchored", _duration_value(_count(m), m.group("unit")), m.group("rel").lower())
    if rule == "event":
        return ("anchored", m.group("year"), m.group("rel").lower())
    if rule == "duration":
        n = _count(m)
        return ("duration", _duration_value(n, m.group("unit")), None)
    if rule == "vague_duration":
        return ("duration", None, None)
    if rule == "decade":
        mod = m.group("mod")
        if m.group("dec4"):
            return ("date", m.group("dec4") + "s", mod)
        two = int(m.group("dec2"))
        century = 2000 if two <= 10 else 1900
        if two == 20:
            if ctx.base is None:
                return ("date", None, mod)
            century = 2000 if ctx.base.year >= 2020 else 1900
        return ("date", f"{century + two}s", mod)
    if rule == "year":
        before = ctx.text[max(0, f.start - 6) : f.start]
        mod = next((w for w in ("early", "mid", "late") if before.endswith((w + " ", w + "-"))), None)
        return ("date", m.group("year"), mod)
    if rule in _CLOCK_RULES:
        return _clock(ctx, m, None)
    if rule == "set":
        return ("set", _set_value(m), None)
    return ("vague", None, None)


def _set_value(m: regex.Match[str]) -> str | None:
    if m.group("plural"):
        return f"XXXX-WXX-{_WEEKDAYS[m.group('plural')[:-1].lower()] + 1}"
    if m.group("funit"):
        return _duration_value(1, m.group("funit"))
    unit = m.group("unit").rstrip("s")
    if unit.lower() in _WEEKDAYS:
        return f"XXXX-WXX-{_WEEKDAYS[unit.lower()] + 1}"
    if unit not in ("day", "week", "month", "year"):
        return None
    n_text = m.group("n")
    n = 1 if n_text is None else (2 if n_text == "other" else _number(n_text))
    return _duration_value(n, unit)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else word_number(text)


def _context(article: Article, text: str) -> _Context:
    base = offset = None
    if article.published is not None:
        base = article.published.replace(tzinfo=None)  # naive local wall time, as dateparser needs
        offset = article.published.utcoffset()
    norm = normalize(article.text)
    spans = [s.span for s in article.sentences]
    if len(norm.text) == len(article.text):  # nothing deleted: the offsets are the same
        return _Context(base, offset, tuple(s.start for s in spans), tuple(s.end for s in spans), text)
    starts: list[int] = []
    ends: list[int] = []
    for span in spans:
        # sentence offsets are into the original text; the normalised text differs only by deletions
        starts.append(bisect.bisect_left(norm.offsets, span.start))
        ends.append(bisect.bisect_left(norm.offsets, span.end))
    return _Context(base, offset, tuple(starts), tuple(ends), text)


def _iter(article: Article) -> Iterator[TimeExpression]:
    norm = normalize(article.text)
    finds = _merge(norm.text, _find(norm.text))
    if not finds:
        return
    ctx = _context(article, norm.text)
    for f in finds:
        kind, value, mod = _resolve(ctx, f)
        start, end = norm.span_to_original(f.start, f.end)
        yield TimeExpression(
            span=Span(start, end),
            text=article.text[start:end],
            type=kind,
            value=value,
            mod=mod,
            rule=f.rule,
        )


def extract_times(article: Article) -> list[TimeExpression]:
    """Find the time expressions of an article and resolve them against its publication date.

    Spans are found by the library's own patterns; calendar expressions ("Jan. 8", "in late
    December") are resolved by :mod:`dateparser` (imported on first use) with ``RELATIVE_BASE`` set
    to ``article.published``, preferring past dates unless the sentence speaks of the future;
    relative expressions ("a fortnight ago", "last year", "Sunday") are resolved arithmetically.
    Without ``article.published`` relative expressions keep ``value=None``: nothing is resolved
    against the current date.

    Args:
        article: the article to read.

    Returns:
        The time expressions, sorted by position, none overlapping another.

    Raises:
        PatternTimeoutError: a pattern could not get through the text (hostile or pathological
            text; never a long one).

    .. versionadded:: 0.1.0
    """
    return list(_found_times(article))


@functools.lru_cache(maxsize=4)
def _found_times(article: Article) -> tuple[TimeExpression, ...]:
    # the claim extractor asks again for the article just analysed: answer from the last few
    return tuple(_iter(article))
