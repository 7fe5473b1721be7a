"""Time expressions: finding, typing and resolving them against the publication date."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import pathlib
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontherecord import examples
from ontherecord._article import Article
from ontherecord.extract._times import TimeExpression, extract_times

GOLDEN = json.loads((pathlib.Path(__file__).parent.parent / "data" / "times_golden.json").read_text("utf-8"))


def seed(prefix: str, published: str | None) -> Article:
    """The seed article whose id starts with ``prefix``, rebuilt with a publication date."""
    corpus = examples.seeds()
    (aid,) = [i for i in corpus.ids if i.startswith(prefix)]
    return Article.from_text(corpus[aid].text, id=aid, published=published)


def find(times: list[TimeExpression], text: str) -> TimeExpression:
    hits = [t for t in times if t.text == text]
    assert hits, f"{text!r} not found in {[t.text for t in times]}"
    return hits[0]


# --- the seeds ---------------------------------------------------------------------------------


def test_seed_jan_8_resolves_against_publication() -> None:
    """'Jan. 8' in seed 002 is 2020-01-08 when the article is published on 2020-01-20."""
    times = extract_times(seed("002", "2020-01-20"))
    jan8 = [t for t in times if t.text == "Jan. 8"]
    assert len(jan8) == 2
    assert {(t.type, t.value) for t in jan8} == {("date", "2020-01-08")}


def test_seed_sunday_deadline_has_its_utc_time() -> None:
    """'Sunday at 5:00pm (1400 GMT)' in seed 003 is 14:00 UTC on the Sunday after a Saturday."""
    t = find(extract_times(seed("003", "2020-01-04T16:00:00+03:00")), "Sunday at 5:00pm (1400 GMT)")
    assert t.type == "time"
    assert t.value == "2020-01-05T14:00:00+00:00"
    assert dt.datetime.fromisoformat(t.value).utcoffset() == dt.timedelta(0)


def test_seed_sunday_published_on_that_sunday() -> None:
    """Published on the Sunday itself, 'Sunday' is that very day."""
    t = find(extract_times(seed("003", "2020-01-05T08:00:00+00:00")), "Sunday at 5:00pm (1400 GMT)")
    assert t.value == "2020-01-05T14:00:00+00:00"


def test_seed_fortnight_ago() -> None:
    """'fortnight ago' in seed 001 is fourteen days before publication."""
    t = find(extract_times(seed("001", "2020-01-17T12:00:00+00:00")), "fortnight ago")
    assert (t.type, t.value) == ("date", "2020-01-03")


def test_seed_anchored_and_durations() -> None:
    """Seed 004's '10 days after' is anchored and its 'late December' a month with a modifier."""
    times = extract_times(seed("004", "2020-01-20"))
    after = find(times, "10 days after")
    assert (after.type, after.value, after.mod) == ("anchored", "P10D", "after")
    december = find(times, "late December")
    assert (december.value, december.mod) == ("2019-12", "late")
    assert find(times, "33 years ago").value == "1987"


def test_seed_quantities_are_not_times() -> None:
    """'1,000 meters', '5,200', '329-member' and '4D chess' in seed 003 are no time expressions."""
    article = seed("003", "2020-01-04")
    for t in extract_times(article):
        assert not any(w in t.text for w in ("1,000", "5,200", "329", "4D", "2D"))


def test_without_publication_relative_expressions_stay_unresolved() -> None:
    """Without `published`, nothing relative gets a value: the wall clock is never read."""
    for article in examples.seeds():
        for t in extract_times(article):
            if t.rule in ("weekday", "deictic", "ago", "relative_period", "month", "month_day"):
                assert t.value is None or t.type == "duration", t


def test_every_seed_annotation_is_exact() -> None:
    """Every expression's text is the article text under its span, in order, without overlap."""
    for article in examples.seeds():
        times = extract_times(Article.from_text(article.text, published="2020-01-20"))
        for t in times:
            assert article.text[t.span.start : t.span.end] == t.text
            assert t.extractor == "ontherecord.times.v1"
        assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(times))


# --- traps -------------------------------------------------------------------------------------

TRAPS = [
    "Any further action may trigger a massive response.",
    "Protesters march on the embassy whenever they can.",
    "March on, they said, and the crowd moved.",
    "We haven't heard about any damage yet, and we will wait.",
    "Iran is preparing a second attack.",
    "The Iranians are clearly playing 4D chess, while Trump is playing 2D checkers.",
    "As Sun Tzu wrote, all warfare is based on deception.",
    "Inflation reached 3.67% in the quarter.",
    "Jan Egeland of the Norwegian Refugee Council warned of famine.",
]


@pytest.mark.parametrize("sentence", TRAPS)
def test_trap_words_are_no_time(sentence: str) -> None:
    """Modal 'may', the verb 'march', 'we', 'a second', '4D', 'Sun Tzu', '3.67%', 'Jan' as a name."""
    assert extract_times(Article.from_text(sentence, published="2020-01-20")) == []


def test_1400_gmt_is_a_time_not_a_year() -> None:
    """'1400 GMT' is a clock time in UTC, never the year 1400."""
    (t,) = extract_times(Article.from_text("It ends at 1400 GMT.", published="2020-01-20"))
    assert (t.text, t.type, t.value) == ("1400 GMT", "time", "14:00:00+00:00")


# --- golden file -------------------------------------------------------------------------------


def _golden_params() -> list[Any]:
    params = []
    for i, case in enumerate(GOLDEN["cases"]):
        marks = [pytest.mark.xfail(strict=True, reason=case.get("note", ""))] if case.get("xfail") else []
        params.append(pytest.param(case, id=f"{i:03d}-{case['group']}", marks=marks))
    return params


def test_golden_file_is_large_enough() -> None:
    """The golden file holds at least 80 expected time expressions."""
    assert sum(len(c["expect"]) for c in GOLDEN["cases"] if not c.get("xfail")) >= 80


@pytest.mark.parametrize("case", _golden_params())
def test_golden(case: dict[str, Any]) -> None:
    """Each golden sentence yields exactly the expected expressions with type and value."""
    article = Article.from_text(case["sentence"], published=case["published"])
    got = [[t.text, t.type, t.value] for t in extract_times(article)]
    assert got == case["expect"]


# --- properties --------------------------------------------------------------------------------

RELATIVE = [
    "The strike happened a fortnight ago.",
    "He was arrested three days ago and released yesterday.",
    "Officials met on Saturday night; the envoy arrives next Tuesday.",
    "ISIS attacked on Monday, and the cabinet will meet on Thursday.",
    "Rockets hit last night, and protesters gathered again today.",
    "The plan was announced two weeks ago; the minister said Sunday it would go ahead.",
    "Tomorrow the cabinet meets; last Friday it did not.",
]
DAY_RULES = frozenset({"weekday", "deictic", "ago"})


def resolved_days(text: str, published: dt.datetime) -> list[tuple[str, dt.date]]:
    out = []
    for t in extract_times(Article.from_text(text, published=published)):
        if t.rule.split("+")[0] in DAY_RULES and t.value is not None and len(t.value) == 10:
            out.append((t.text, dt.date.fromisoformat(t.value)))
    return out


@settings(max_examples=200)
@given(
    text=st.sampled_from(RELATIVE),
    base=st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1)),
    weeks=st.integers(min_value=-600, max_value=600),
)
@example(text=RELATIVE[0], base=dt.datetime(2020, 1, 17, 12), weeks=1)
def test_shifting_publication_shifts_relative_dates(text: str, base: dt.datetime, weeks: int) -> None:
    """Shifting `published` by d days (d a multiple of 7) shifts every resolved relative date by d."""
    d = dt.timedelta(days=7 * weeks)
    published = base.replace(tzinfo=dt.UTC)
    before = resolved_days(text, published)
    after = resolved_days(text, published + d)
    assert before
    assert [(s, day + d) for s, day in before] == after


@settings(max_examples=200)
@given(
    base=st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1)),
    days=st.integers(min_value=-4000, max_value=4000),
)
def test_shifting_publication_shifts_day_counts(base: dt.datetime, days: int) -> None:
    """Day counts ('3 days ago', 'yesterday', 'a fortnight ago') shift by any number of days."""
    text = "He was arrested three days ago, freed yesterday; the raid was a fortnight ago."
    published = base.replace(tzinfo=dt.UTC)
    d = dt.timedelta(days=days)
    before = resolved_days(text, published)
    assert len(before) == 3
    assert [(s, day + d) for s, day in before] == resolved_days(text, published + d)


@settings(max_examples=200)
@given(text=st.text(max_size=300))
@example(text="Jan. 8 at 5:00pm (1400 GMT) 1400 GMT 10 days after the 1990s")
@example(text="\u2019\u201c\u00ad May 3\u00a0p.m. \r\n March 4")
def test_never_crashes_and_offsets_are_exact(text: str) -> None:
    """Any text gives a result whose spans index the original text exactly, deterministically."""
    article = Article.from_text(text or " ", published="2020-01-20")
    times = extract_times(article)
    for t in times:
        assert article.text[t.span.start : t.span.end] == t.text
    assert times == extract_times(article)


def test_locality_appending_prose_changes_nothing_earlier() -> None:
    """Appending an unrelated paragraph changes no earlier expression."""
    text = seed("004", "2020-01-20").text
    first = extract_times(Article.from_text(text, published="2020-01-20"))
    more = extract_times(
        Article.from_text(text + "\n\nThe weather was mild. Markets closed higher.", published="2020-01-20")
    )
    assert more[: len(first)] == first


def test_import_does_not_load_dateparser_until_a_date_is_resolved() -> None:
    """`import ontherecord` (and the times module) leave dateparser unloaded; resolving loads it."""
    code = (
        "import sys, ontherecord\n"
        "from ontherecord.extract._times import extract_times\n"
        "print('dateparser' in sys.modules)\n"
        "a = ontherecord.Article.from_text('It happened on Jan. 8.', published='2020-01-20')\n"
        "print(extract_times(a)[0].value, 'dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "2020-01-08", "True"]


_PIECES = [
    "Jan.", "January", "May", "Sept.", "8", "30th", "2020", "1990s", "'90s", "the", "Since the",
    "after the", "US", "Gulf War", "invasion", "last", "next", "this", "this coming", "past", "Monday",
    "Sundays", "on", "On", "at", "5:00pm", "10", "a.m.", "ET", "GMT", "(1400 GMT)", "1400", "noon",
    "a few", "days", "two-day", "a fortnight", "ago", "from now", "later", "before", "every", "Each",
    "twice", "times", "year", "decades", "centuries", "recently", "In Recent Months", "mid-", "early",
    "2003 and 2011", "17:30", "00:00 UTC", "yesterday", "Tonight", "this morning", "2019-12-01",
    "a second", "USA", "\u0130n the past", "\u017foon",
]  # fmt: skip
_FILLER = ["x" * 150, "The minister said", "word", "U.S.", "1,000.5", "Abc Def"]


@settings(max_examples=100)
@given(
    parts=st.lists(st.sampled_from(_PIECES + _FILLER * 4), max_size=120),
    seps=st.lists(st.sampled_from([" ", "  ", "-", "", ", ", "\n"]), min_size=120, max_size=120),
)
@example(
    parts=["x " * 150] * 6
    + ["Since the", "2003", "invasion", "10", "days", "ago", "at", "5:00pm"]
    + ["x " * 150] * 6,
    seps=[" "] * 120,
)
def test_rules_scan_near_their_words_as_over_the_whole_text(parts: list[str], seps: list[str]) -> None:
    """Each rule tried only near the words its matches need finds what a scan of the whole text
    finds."""
    from ontherecord._text.triggers import WordIndex, finditer_near
    from ontherecord.extract import _times

    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    index = WordIndex(text)
    for name, pattern in _times._RULES.items():
        near = [(m.span(), m.groups()) for m in _times._rule_matches(name, pattern, index)]
        assert near == [(m.span(), m.groups()) for m in pattern.finditer(text)], name
    vague = _times._vague_pattern()
    reach = _times._REACH
    words = (_times._vague_words(),)
    near = [m.span() for m in finditer_near(vague, index, words, before=reach, after=reach, purpose="test")]
    assert near == [m.span() for m in vague.finditer(text)]
