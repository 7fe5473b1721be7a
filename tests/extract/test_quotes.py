"""Quotations: the golden cases, the seed gold, and properties every layout keeps."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import ontherecord as otr

DATA = pathlib.Path(__file__).parent.parent / "data"
GOLDEN = json.loads((DATA / "quotes_golden.json").read_text(encoding="utf-8"))["cases"]
SEEDS_GOLD = json.loads((DATA / "seeds_gold.json").read_text(encoding="utf-8"))
SEEDS_DIR = pathlib.Path(__file__).parent.parent.parent / "seeds"


def _name(actor: Any) -> str | None:
    return None if actor is None else str(actor.name)


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_golden(case: dict[str, Any]) -> None:
    """Each golden case gives back its quotations, speakers and kinds; negatives name nobody."""
    article = otr.Article.from_text(case["text"], id=case["id"])
    quotes = otr.extract_quotes(article)
    by_text = {q.text: q for q in quotes}
    for want in case["quotes"]:
        assert want["text"] in by_text, f"missing {want['text']!r}; got {list(by_text)}"
        got = by_text[want["text"]]
        if want["speaker"] != "*":
            assert _name(got.speaker) == want["speaker"], got
        if "kind" in want:
            assert got.kind == want["kind"], got
    if case["group"] == "negative":
        assert all(q.speaker is None for q in quotes), quotes


def test_golden_has_enough_cases() -> None:
    """The golden file holds at least 60 cases, negatives among them."""
    assert len(GOLDEN) >= 60
    assert sum(c["group"] == "negative" for c in GOLDEN) >= 15


def _aliases() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for actor in SEEDS_GOLD["actors"]:
        forms = {actor["name"]} | {n for names in actor["aliases"].values() for n in names}
        out[actor["name"]] = {f.casefold() for f in forms}
    return out


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    ov = min(b, d) - max(a, c)
    return ov > 0 and ov >= 0.5 * (b - a) and ov >= 0.5 * (d - c)


def test_seed_quotes_all_right() -> None:
    """Every non-scare seed quotation has the right speaker and no scare quotation has one."""
    aliases = _aliases()
    right = total = scare_with_speaker = 0
    for aid, gold in SEEDS_GOLD["articles"].items():
        text = (SEEDS_DIR / f"{aid}.txt").read_text(encoding="utf-8")
        quotes = otr.extract_quotes(otr.Article.from_text(text, id=aid))
        for g in gold["quotes"]:
            hits = [q for q in quotes if _overlap(q.span.start, q.span.end, g["start"], g["end"])]
            if g["kind"] == "scare":
                scare_with_speaker += any(q.speaker is not None for q in hits)
                continue
            total += 1
            accepted = aliases.get(g["speaker"], {g["speaker"].casefold()}) | {
                a.casefold() for a in g.get("also", ())
            }
            right += any(q.speaker is not None and q.speaker.name.casefold() in accepted for q in hits)
    assert (right - scare_with_speaker) / total == 1.0


# ------------------------------------------------------------------------------------------
# Properties

_FIRST = ["Maria", "John", "Aisha", "Pedro", "Yuki", "Fatima", "Oleg", "Grace"]
_LAST = ["Lopez", "Carter", "Rahman", "Silva", "Tanaka", "Haddad", "Petrov", "Mensah"]
_CUES = ["said", "says", "added", "told reporters", "explained", "warned"]
_QUOTES = [
    "We will not back down from this fight",
    "The numbers speak for themselves and nobody can deny them",
    "I have never seen anything like it in my whole life",
    "This budget is a disaster for working families",
]
_MARKS = [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb")]


@st.composite
def planted(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """An article of paragraphs, each one quotation by a known speaker in one of several layouts."""
    paragraphs: list[str] = []
    expected: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 4))):
        first, last = draw(st.sampled_from(_FIRST)), draw(st.sampled_from(_LAST))
        name = f"{first} {last}"
        cue = draw(st.sampled_from(_CUES))
        words = draw(st.sampled_from(_QUOTES))
        o, c = draw(st.sampled_from(_MARKS))
        layout = draw(st.integers(0, 3))
        if layout == 0:
            para = f"{o}{words},{c} {name} {cue}."
        elif layout == 1:
            para = f"{o}{words},{c} said {name}, a local official."
        elif layout == 2:
            para = f"{name} {cue}: {o}{words}.{c}"
        else:
            para = f"{name} arrived late. {o}{words},{c} {name} {cue}."
        content = words + ("." if layout == 2 else ",")
        paragraphs.append(para)
        expected.append((content, name))
    return "\n\n".join(paragraphs), expected


@settings(max_examples=200, deadline=None)
@given(planted())
def test_planted_quotations_come_back(case: tuple[str, list[tuple[str, str]]]) -> None:
    """Quotations planted in varied layouts come back with their speakers."""
    text, expected = case
    quotes = otr.extract_quotes(otr.Article.from_text(text, id="planted"))
    got = [(q.text, _name(q.speaker)) for q in quotes]
    assert got == expected


_PROSE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=200, deadline=None)
@given(planted(), _PROSE)
@example(("\u201cWe will not back down,\u201d Maria Lopez said.", []), "\u201cunclosed and more")
@example(("\u201cWe will not back down,\u201d Maria Lopez said.", []), "\n\n\u201c")
@example(("\u201cWe will not back down from this fight,\u201d Maria Lopez said.", []), "HIS")
def test_appending_prose_changes_nothing_earlier(case: tuple[str, list[tuple[str, str]]], tail: str) -> None:
    """Appending unrelated prose after a paragraph break changes no earlier quotation."""
    text = case[0]
    before = otr.extract_quotes(otr.Article.from_text(text, id="a"))
    after = otr.extract_quotes(otr.Article.from_text(text + "\n\n" + tail, id="a"))
    assert after[: len(before)] == before


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*list("ab .,\n\"'“”‘’«»5:-—"), "He said", "said X", "Al"]),
        max_size=120,
    ).map("".join)
)
def test_any_text_sorted_exact_spans(text: str) -> None:
    """Any text: no crash, spans exact, output sorted, scare quotes have no speaker."""
    article = otr.Article.from_text(text, id="x")
    quotes = otr.extract_quotes(article)
    assert [q.span.start for q in quotes] == sorted(q.span.start for q in quotes)
    for q in quotes:
        assert article.text[q.span.start : q.span.end] == q.text
        assert q.extractor == "ontherecord.quotes.v1"
        assert q.rule
        if q.kind == "scare":
            assert q.speaker is None
        if q.speaker_mention is not None:
            assert 0 <= q.speaker_mention.start < q.speaker_mention.end <= len(text)


def test_unclosed_mark_stays_in_its_paragraph() -> None:
    """An unclosed quotation mark never swallows the paragraphs after it."""
    text = "He said \u201cthis never closes.\n\nThe next paragraph is the writer's own.\n\nSo is this one."
    quotes = otr.extract_quotes(otr.Article.from_text(text, id="u"))
    assert all(q.span.end <= text.index("\n\n") for q in quotes)


def test_deterministic() -> None:
    """The same article gives the same quotations twice."""
    text = (SEEDS_DIR / "001_ae584151ea33c66f.txt").read_text(encoding="utf-8")
    a = otr.Article.from_text(text, id="s")
    assert otr.extract_quotes(a) == otr.extract_quotes(a)


def test_rejects_non_article() -> None:
    """A string instead of an Article raises InvalidInputError."""
    with pytest.raises(otr.errors.InvalidInputError):
        otr.extract_quotes("not an article")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "The crowd answered \u201c \u201d and left.",
        "The placard read \u201c\u2014\u201d all day.",
        "Marks with nothing between them: \u201c'\u00ab \u201c'\u00ab \u201c'\u00ab \u201c'\u00ab",
        'Stray marks "..." and "?!" quote no words.',
    ],
)
def test_marks_around_no_words_are_no_quotation(text: str) -> None:
    """A quotation quotes words: marks with no letter or digit between them give none."""
    assert otr.extract_quotes(otr.Article.from_text(text, id="w")) == []


def test_a_quoted_number_is_a_quotation() -> None:
    """Digits are words enough: a quoted figure is still a quotation."""
    quotes = otr.extract_quotes(otr.Article.from_text("The sign said \u201c42\u201d in red.", id="n"))
    assert [q.text for q in quotes] == ["42"]
