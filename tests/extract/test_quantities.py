"""Quantities: numbers with their unit and approximation, years and times left out."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontherecord import examples
from ontherecord._article import Article
from ontherecord.extract._quantities import Quantity, extract_quantities


def seed_quantities(prefix: str) -> list[Quantity]:
    corpus = examples.seeds()
    (aid,) = [i for i in corpus.ids if i.startswith(prefix)]
    return extract_quantities(corpus[aid])


def one(text: str) -> Quantity:
    got = extract_quantities(Article.from_text(text))
    assert len(got) == 1, got
    return got[0]


def test_seed_some_5200_us_soldiers() -> None:
    """'Some 5,200 US soldiers' is an approximate 5200 soldiers."""
    (q,) = [q for q in seed_quantities("003") if "5,200" in q.text]
    assert q.text == "Some 5,200 US soldiers"
    assert (q.value, q.unit, q.approximate, q.approximator) == (5200, "soldiers", True, "Some")


def test_seed_nearly_two_dozen_missiles() -> None:
    """'nearly two dozen missiles' is approximately 24 missiles, at most."""
    (q,) = [q for q in seed_quantities("004") if "dozen missiles" in q.text]
    assert (q.value, q.unit, q.approximate, q.approximator, q.bound) == (
        24, "missiles", True, "nearly", "upper",
    )  # fmt: skip


def test_seed_329_member_parliament_and_1000_meters() -> None:
    """'329-member' counts members; 'at least 1,000 meters' is a lower bound in meters."""
    got = {q.text: q for q in seed_quantities("003")}
    assert (got["329-member"].value, got["329-member"].unit) == (329, "member")
    meters = got["at least 1,000 meters"]
    assert (meters.value, meters.unit, meters.bound) == (1000, "meters", "lower")


def test_seed_004_counts() -> None:
    """Seed 004's troop counts, 'six times' and 'upwards of a million deaths' are read."""
    got = {(q.value, q.unit, q.approximate) for q in seed_quantities("004")}
    assert {(3000, "troops", False), (30, "troops", False), (40, "troops", False),
            (6, "times", True), (12, "times", True), (1_000_000, "deaths", True),
            (4, "soldiers", False)} <= got  # fmt: skip


def test_seed_003_excludes_years_times_and_chess() -> None:
    """Years (2014, 2016), clock times (5:00pm, 1400 GMT) and '4D chess' are not quantities."""
    texts = " | ".join(q.text for q in seed_quantities("003"))
    for bad in ("2014", "2016", "1400", "1000 GMT", "5:00", "4D", "2D", "1:00"):
        assert bad not in texts


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "approximator"),
    [
        ("The deal is worth $3.5 billion.", 3.5e9, "USD", None),
        ("The fund lost $40m in a year.", 40_000_000, "USD", None),
        ("Inflation reached 3.67% in the quarter.", 3.67, "percent", None),
        ("Only 24 percent of donors gave small sums.", 24, "percent", None),
        ("Thirty protesters were arrested.", 30, "protesters", None),
        ("A dozen rockets landed near the embassy.", 12, "rockets", None),
        ("The militias attacked about six times.", 6, "times", "about"),
        ("More than 500 people were killed.", 500, "people", "More than"),
        ("Dozens of protesters were hurt.", 24, "protesters", "Dozens of"),
        ("Officials said 1.2 million people fled.", 1_200_000, "people", None),
        ("Twenty-five soldiers were wounded.", 25, "soldiers", None),
        ("The road runs for 12 kilometres.", 12, "kilometers", None),
    ],
)
def test_quantity_forms(sentence: str, value: float, unit: str, approximator: str | None) -> None:
    """Digits, scales, currencies, percentages, number words and vague plurals are read."""
    q = one(sentence)
    assert (q.value, q.unit, q.approximator) == (value, unit, approximator)
    assert q.approximate is (approximator is not None)


@pytest.mark.parametrize(
    "sentence",
    [
        "The vote was held in 2014 under President Obama.",
        "Parliament meets at 1:00pm local time (1000 GMT).",
        "The attack came on Jan. 8 at 5 p.m.",
        "The US and Iran have competed for 17 years, since the 2003 invasion.",
        "The Iranians are playing 4D chess.",
        "Resolution 2334 was adopted by the council.",
        "He was one of those people who never forget.",
        "Iran is preparing a second attack.",
        "The F-35 and COVID-19 were discussed.",
        "1. Push for parliament to withdraw permission.",
    ],
)
def test_not_quantities(sentence: str) -> None:
    """Years, dates, times, durations, identifiers, ordinals and list markers are no quantities."""
    assert extract_quantities(Article.from_text(sentence)) == []


@settings(max_examples=200)
@given(text=st.text(max_size=300))
@example(text="Some 5,200 US soldiers and $3.5bn, 3.67% \u2014 nearly two dozen\u00a0missiles")
def test_never_crashes_and_offsets_are_exact(text: str) -> None:
    """Any text gives quantities whose spans index the original text exactly, deterministically."""
    article = Article.from_text(text or " ")
    got = extract_quantities(article)
    for q in got:
        assert article.text[q.span.start : q.span.end] == q.text
        assert q.extractor == "ontherecord.quantities.v1"
    assert got == extract_quantities(article)
    assert got == sorted(got, key=lambda q: q.span)


@settings(max_examples=200)
@given(n=st.integers(min_value=2, max_value=10**9), noun=st.sampled_from(["soldiers", "rockets", "people"]))
def test_planted_numbers_come_back(n: int, noun: str) -> None:
    """A number written with thousands separators before a plural noun is read back exactly."""
    q = one(f"Officials said {n:,} {noun} were there.")
    assert (q.value, q.unit, q.approximate) == (n, noun, False)


def test_seed_zero_counts_that_claims_can_compare() -> None:
    """'no one was injured' (000) and 'no U.S. casualties' (004) are counts of zero."""
    (injured,) = [q for q in seed_quantities("000") if q.rule == "zero"]
    assert (injured.text, injured.value, injured.unit) == ("no one", 0, "people")
    casualties = [q for q in seed_quantities("004") if q.rule == "zero"]
    assert [(q.text, q.value, q.unit) for q in casualties] == [
        ("no U.S. casualties", 0, "casualties"),
        ("no casualties", 0, "casualties"),
    ]


@pytest.mark.parametrize(
    "sentence",
    ["Iraq had no choice but to comply.", "There is no sign of de-escalation.", "No one knows."],
)
def test_no_without_a_count_noun_is_not_zero(sentence: str) -> None:
    """'no' before a noun that is not counted (choice, sign) or 'no one' without harm is no zero."""
    assert extract_quantities(Article.from_text(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Officials said 80,000 Democrats caucused on Saturday.", 80000, "Democrats"),
        ("Only 360 Republicans caucused in Keosauqua.", 360, "Republicans"),
    ],
)
def test_capitalised_plural_is_the_counted_noun(sentence: str, value: int, unit: str) -> None:
    """A capitalised plural before a verb is what is counted ('80,000 Democrats caucused')."""
    q = one(sentence)
    assert (q.value, q.unit) == (value, unit)


def test_number_before_a_hyphenated_phrase_is_no_quantity() -> None:
    """'5-to-4 votes' is a score, not five of anything."""
    assert extract_quantities(Article.from_text("The cases were decided by 5-to-4 votes.")) == []


_PIECES = [
    "Some", "nearly", "at least", "5,200", "3.5", "329", "$3.5bn", "5m", "10%", "24 per cent",
    "two dozen", "a dozen", "dozens of", "tens of thousands of", "Thirteen", "FIFTY", "twenty-five",
    "no one was injured", "no U.S. casualties", "soldiers", "329-member", "17-year-old", "two-thirds",
    "Article", "1.", "No.", "2020", "Jan. 8", "5:00", "F-35", "\u017fix", "\u0130n", "-",
    "1,000." + "1" * 90, "7" * 90, "5 trillion per cent", "12-" + "x" * 90,
]  # fmt: skip
_FILLER = ["x " * 150, "The minister said", "word", "U.S.", "Abc Def", "abcdefgh" * 20]


@settings(max_examples=100)
@given(
    parts=st.lists(st.sampled_from(_PIECES + _FILLER * 4), max_size=120),
    seps=st.lists(st.sampled_from([" ", "  ", "-", "", ", ", "\n"]), min_size=120, max_size=120),
)
@example(parts=["x " * 150] * 8 + ["1,000." + "1" * 90, "24 per cent"] + ["x " * 150] * 8, seps=[" "] * 120)
def test_numbers_scan_near_their_words_as_over_the_whole_text(parts: list[str], seps: list[str]) -> None:
    """The number pattern tried only near digits and number words finds what a scan of the whole
    text finds, a long word after a hyphen included."""
    from ontherecord._text.triggers import WordIndex, finditer_near
    from ontherecord.extract import _quantities as q

    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    pattern = q._pattern()
    near = finditer_near(
        pattern,
        WordIndex(text),
        (q._NUMBER_WORDS,),
        before=q._before(),
        after=q._AFTER,
        tail=q._TAIL,
        purpose="test",
    )
    assert [(m.span(), m.groups()) for m in near] == [(m.span(), m.groups()) for m in pattern.finditer(text)]


# words after a number: units (of one and two words), counted nouns, modifiers, capitalised words,
# plurals that are not nouns, possessives, and tokens longer than what the shortcut looks at
_AFTER_WORDS = [
    "meters", "square", "miles", "percentage", "points", "per", "cent", "dollars", "Dollars",
    "people", "casualties", "U.S.", "US", "Iraqi", "Democrats", "Class", "additional", "armed",
    "troops", "news", "this", "his", "boss", "member's", "it's", "one", "no", "x", "é", "\u0130n",
    "a" * 30, "abcdefghijklmnopqrstuvs", "abcdefghijklmnopqrstuvwxyzs", "soldiers.", "men'",
    "Abc-def", "1,000", "5", "$", ".", ",", "-",
]  # fmt: skip


@settings(max_examples=150)
@given(
    parts=st.lists(st.sampled_from(_AFTER_WORDS), max_size=60),
    seps=st.lists(st.sampled_from([" ", "  ", "   ", "", "\n", ", "]), min_size=60, max_size=60),
)
@example(parts=["one", "one", "one"], seps=[" "] * 60)
def test_noun_after_decided_by_the_next_characters_as_by_the_text(parts: list[str], seps: list[str]) -> None:
    """What the first word after a number decides, kept by the characters after the number, is
    what reading the text decides, wherever the number ends and whatever its value."""
    from ontherecord.extract import _quantities as q

    text = "".join(s + p for p, s in zip(parts, seps, strict=False))
    memo: dict[tuple[str, bool], q._Verdict] = {}
    for value in (0, 1, 2.5):
        for pos in range(len(text) + 1):
            assert q._noun_after(text, pos, value, memo) == q._noun_after(text, pos, value), (text, pos)


_NO_PIECES = [
    "no", "No", "NO", "nO", "no one was killed", "No one has been seriously hurt", "no one was",
    "no one", "noone", "know", "éno", "_no", "9no", "none", "no-one", "no troops", "no U.S. casualties",
    "\u0130no", "\u017fno", "x",
]  # fmt: skip


@settings(max_examples=150)
@given(
    parts=st.lists(st.sampled_from(_NO_PIECES), max_size=40),
    seps=st.lists(st.sampled_from([" ", "", "\n", ".", "  "]), min_size=40, max_size=40),
)
@example(parts=["no"] * 5, seps=[" "] * 40)
def test_zeros_found_where_no_stands_as_by_the_pattern(parts: list[str], seps: list[str]) -> None:
    """The counts of zero are looked for only where "no " stands, and the pattern is tried only
    before "one ": they are where the pattern tried at every "no" finds them."""
    from ontherecord._text.triggers import WordIndex, match_at
    from ontherecord.extract import _quantities as q

    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    index = WordIndex(text)
    plain = [m.span() for m in match_at(q._ZERO, index, q._NO, purpose="test")]
    assert list(q._zero_matches(WordIndex(text))) == plain


class _Forgetful(dict):  # type: ignore[type-arg]
    """A memo that keeps nothing: every number is worked out on its own."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


@settings(max_examples=60)
@given(parts=st.lists(st.sampled_from(_PIECES + _AFTER_WORDS + _NO_PIECES), max_size=80))
@example(parts=["$5", "one", "1,000.5", "no", "two", "dozens of", "troops"] * 6)
def test_quantities_worked_out_once_as_each_on_its_own(parts: list[str]) -> None:
    """Quantities whose values and nouns are worked out once for each distinct number and word are
    those worked out for each number on its own."""
    from ontherecord.extract import _quantities as q

    text = " ".join(parts)
    kept = q._iter(Article.from_text(text))

    def forgetful(self: q._Memo) -> None:
        self.nouns = _Forgetful()
        self.values = _Forgetful()
        self.words = _Forgetful()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(q._Memo, "__init__", forgetful)
        alone = q._iter(Article.from_text(text))
    assert kept == alone
