"""Claims: attributed statements and the writer's own assertions, with hedges, negation, denial,
quantities, times, actors and events."""

from __future__ import annotations

import json
import pathlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontherecord import examples
from ontherecord._article import Article
from ontherecord.extract._claims import ClaimCue, ClaimEvent, Statement, extract_claims
from ontherecord.extract._quantities import Quantity
from ontherecord.extract._times import TimeExpression

GOLD = pathlib.Path(__file__).parent.parent / "data" / "seeds_gold.json"


def seed_claims(prefix: str) -> tuple[Article, list[Statement]]:
    corpus = examples.seeds()
    (aid,) = [i for i in corpus.ids if i.startswith(prefix)]
    return corpus[aid], extract_claims(corpus[aid])


def claims_of(text: str) -> list[Statement]:
    return extract_claims(Article.from_text(text, id="t"))


def only(text: str, containing: str) -> Statement:
    got = [s for s in claims_of(text) if containing in s.text]
    assert len(got) == 1, got
    return got[0]


# --- seeds ---------------------------------------------------------------------------------


def test_seed_iran_claimed_is_attributed_to_iran_with_a_claim_cue() -> None:
    """'Iran claimed that it deliberately tried to not injure any American soldiers' is Iran's."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]["004_25411f98d3d20e07"]
    (record,) = [r for r in gold["attributions"] if r["anchor"].startswith("Then Iran claimed")]
    _, claims = seed_claims("004")
    (s,) = [s for s in claims if "deliberately tried to not injure any American soldiers" in s.text]
    assert s.source is not None and s.source.name == "Iran"
    assert s.claim.cue == "claimed"
    assert s.rule == "attributed"
    assert s.text.index("it deliberately tried to not injure any American soldiers") <= len("that ")
    assert (record["source"], record["cue"]) == (s.source.name, s.claim.cue)
    assert s.claim.cue_span is not None and record["start"] <= s.claim.cue_span.start < record["end"]


def test_seed_no_one_was_injured_is_a_hedged_zero_casualty_assertion() -> None:
    """'It appears that no one was injured' is the writer's, hedged, a zero count of the injured."""
    _, claims = seed_claims("000")
    (s,) = [s for s in claims if "no one was injured in the missile attack" in s.text]
    assert s.source_kind == "author" and s.source is None
    assert [c.text for c in s.hedges] == ["appears"]
    (e,) = [e for e in s.events if e.type == "casualty"]
    assert e.subtype == "injured" and e.count is not None and e.count.value == 0


def test_seed_no_us_casualties_and_30_killed() -> None:
    """In 004 the writer gives no U.S. casualties; Iran's reported claim gives 30 troops killed."""
    _, claims = seed_claims("004")
    (zero,) = [s for s in claims if "there were no U.S. casualties" in s.text]
    (thirty,) = [s for s in claims if "they killed 30 troops" in s.text]
    assert zero.source_kind == "author" and zero.check_worthy
    assert [(e.subtype, e.count.value) for e in zero.events if e.count] == [("casualties", 0)]
    assert thirty.source is not None and thirty.source.name == "Iran"
    assert [(e.subtype, e.count.value) for e in thirty.events if e.count] == [("killed", 30)]


def test_seed_questions_and_furniture_are_not_author_claims() -> None:
    """No writer's claim is a question or lies in furniture."""
    for aid in examples.seeds().ids:
        article, claims = seed_claims(aid[:3])
        for s in claims:
            if s.source_kind == "author":
                assert not s.text.rstrip().endswith("?")
                assert not article.is_furniture(s.span)


def test_seed_quantities_and_actors_are_carried() -> None:
    """'Some 5,200 US soldiers' comes with its claim, and so does the United States."""
    _, claims = seed_claims("003")
    (s,) = [s for s in claims if "5,200" in s.text]
    assert [q.value for q in s.quantities] == [5200]
    assert "United States" in {a.name for a in s.actors}
    assert s.rule == "author.quantity"


# --- synthetic -----------------------------------------------------------------------------


def test_denial_cue_marks_the_claim_denied() -> None:
    """A claim attributed with 'denied' is denied."""
    s = only("The ministry denied that its forces shelled the village of Kafr Nabl on Monday.",
             "shelled")  # fmt: skip
    assert s.denied and s.negated
    assert s.events[0].type == "attack"


def test_hedges_from_the_lexicon() -> None:
    """'may', 'likely', 'possibly' are hedges; 'May' as a month is not."""
    s = only("The death toll may rise to 50 people, and more bodies are possibly under the rubble.",
             "death toll")  # fmt: skip
    assert {c.text for c in s.hedges} == {"may", "possibly"}
    s = only("On May 5, a fire in the Lagos market killed 14 traders.", "fire")
    assert not s.hedges


def test_count_belongs_to_its_own_event_word() -> None:
    """In 'killed a guard and wounded 4 soldiers' the 4 are wounded, not killed."""
    s = only("A rocket attack killed a guard and wounded 4 soldiers near the airport.", "rocket")
    counts = {e.subtype: (e.count.value if e.count else None) for e in s.events if e.type == "casualty"}
    assert counts == {"killed": None, "injured": 4}


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Police said no civilians were killed in the blast in the city centre.", True),
        ("The army insisted its soldiers did not kill anyone during the raid on the camp.", True),
        ("It was not immediately clear how many people were killed in the blast on Friday.", False),
        ("At least 20 people were killed in the blast on Friday in the city of Quetta.", False),
    ],
)
def test_negated_casualty(text: str, negated: bool) -> None:
    """Negation governs the event word only when it stands close before it, not 'not clear how'."""
    events = [e for s in claims_of(text) for e in s.events if e.subtype == "killed"]
    assert events and all(e.negated is negated for e in events)


def test_plain_sentences_are_not_author_claims() -> None:
    """A sentence with no quantity, event or dated actor is not a check-worthy claim."""
    assert claims_of("This is a beautiful and complicated story about people and their hopes.") == []
    assert claims_of("Were any Americans killed in the attack on the base last night?") == []


# --- properties ----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["Iran", "said", "that", "no", "one", "was", "killed", "may", "\u201c", "\u201d", '"', "30",
     "troops", "denied", "on", "Jan.", "8", ".", "?", "\n\n", "the", "attack", "Reuters",
     "about", "a", "dozen", "missiles", "n't", "\u00a0", "\u00ad", "-", "\u2014"]
)


@settings(max_examples=200)
@given(st.lists(_WORDS, max_size=60).map(" ".join) | st.text(max_size=300))
@example("Iran said that no one was killed .")
@example("\u201cNo one was killed,\u201d Iran said on Jan. 8.")
def test_never_crashes_spans_exact_sorted_deterministic(text: str) -> None:
    """extract_claims never crashes; spans are exact, output sorted and deterministic."""
    article = Article.from_text(text, id="p")
    got = extract_claims(article)
    assert got == extract_claims(Article.from_text(text, id="p"))
    assert [s.span for s in got] == sorted(s.span for s in got)
    for s in got:
        assert article.text[s.span.start:s.span.end] == s.text
        parts: list[ClaimCue | ClaimEvent | Quantity | TimeExpression] = [
            *s.hedges, *s.negations, *s.quantities, *s.times, *s.events
        ]
        for part in parts:
            assert article.text[part.span.start:part.span.end] == part.text


def test_locality_appending_prose_changes_no_earlier_claim() -> None:
    """Appending an unrelated paragraph changes no claim found before it."""
    tail = "\n\nthe weather was mild and the roads were quiet for most of the long weekend."
    for aid in examples.seeds().ids:
        article = examples.seeds()[aid]
        before = [(s.span, s.rule, s.check_worthy, len(s.events)) for s in extract_claims(article)]
        longer = Article.from_text(article.text + tail, id=aid)
        after = [
            (s.span, s.rule, s.check_worthy, len(s.events)) for s in extract_claims(longer)
            if s.span.end <= len(article.text)
        ]  # fmt: skip
        assert after == before


_PIECES = ["killed", "kill", "wounded", "not", "n't", "may", "allegedly", "denied", "x", "7", ",", " ", "\n"]
_PHRASE_TEXT = st.tuples(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["", " "])).map(
    lambda parts: parts[1].join(parts[0])
)


@settings(max_examples=300, deadline=None)
@given(_PHRASE_TEXT, st.integers(0, 400), st.integers(0, 400))
@example("he was killed", 0, 11)
@example("at least 7", 0, 2)
def test_lexicon_matches_of_a_statement_are_the_articles_inside_it(text: str, a: int, b: int) -> None:
    """The lexicon matches read for a statement from one scan of the article are those a scan
    of the statement alone finds, when its edges cut no word; a word it cuts is none of its."""
    from ontherecord.extract._claims import _cue_lexicon, _event_lexicon, _Found

    ns, ne = sorted((min(a, len(text)), min(b, len(text))))
    clean = (ns == 0 or text[ns - 1].isspace()) and (ne == len(text) or text[ne].isspace())
    for lexicon in (_cue_lexicon, _event_lexicon):
        pattern = lexicon()[1]
        got = _Found(text, pattern, "test").within(ns, ne)
        alone = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, ns, ne)]
        if clean:
            assert got == alone
        whole = {(m.start(), m.end(), m.group()) for m in pattern.finditer(text)}
        assert all(m in whole and ns <= m[0] and m[1] <= ne for m in got)


def test_a_stuck_pattern_raises_pattern_timeout_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern that cannot get through a text raises PatternTimeoutError (also a TimeoutError
    and an OnTheRecordError) naming the rule, not the engine's bare TimeoutError."""
    import regex

    from ontherecord._text import triggers
    from ontherecord.errors import OnTheRecordError, PatternTimeoutError
    from ontherecord.extract import _quantities

    monkeypatch.setattr(triggers, "_MATCH_TIMEOUT", 0.01)
    monkeypatch.setattr(triggers, "_PER_CHARACTER", 0.0)
    # every way of splitting the run of a's is tried before the match fails (the pattern of zeros
    # is tried where "no one " stands)
    monkeypatch.setattr(_quantities, "_ZERO", regex.compile(r"(?P<no>no)[ ]one[ ](?:a|aa)+b"))
    article = Article.from_text("There were no one " + "a" * 200 + " casualties.", id="stuck")
    with pytest.raises(PatternTimeoutError, match="quantities: zero") as caught:
        extract_claims(article)
    assert isinstance(caught.value, TimeoutError)
    assert isinstance(caught.value, OnTheRecordError)


def test_long_text_does_not_reach_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The time limit bounds one search, never a whole scan: two megabytes of ordinary prose, read
    with a limit far below the time the whole text takes (a limit on each whole scan, as the
    regex engine's own ``finditer`` timeout is, fires on it), raise nothing."""
    import gc

    from ontherecord._text import triggers
    from ontherecord.corpus import _clusters

    monkeypatch.setattr(triggers, "_MATCH_TIMEOUT", 0.5)
    monkeypatch.setattr(triggers, "_PER_CHARACTER", 0.0)
    paragraph = (
        "The minister said on Monday that 12 soldiers were killed and three others wounded in an "
        "attack near the border, according to officials, who said there were no civilian "
        "casualties. Police may have arrested two men, which the ministry denied; talks resume "
        "next week.\n\n"
    )
    text = paragraph * (2_000_000 // len(paragraph))
    enabled = gc.isenabled()
    gc.disable()  # a full collection of a large heap pauses every search for a tenth of a second
    try:
        statements = extract_claims(Article.from_text(text, id="long"))
        anchors = _clusters._anchors(text)  # a claim's context, read from all of the text
    finally:
        if enabled:
            gc.enable()
    assert statements
    assert anchors[1]
