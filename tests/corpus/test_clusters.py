"""Claim clusters: the same event across articles, independent reports, conflicts."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord import examples
from ontherecord._article import Article
from ontherecord.corpus._clusters import ClaimCluster, cluster_claims

# A synthetic multi-outlet corpus: a wire story (12 killed), a lightly edited copy of it, a local
# outlet ("about a dozen" died), the accused side (a denial, "no civilians were killed"), and an
# unrelated bombing elsewhere with its own toll.
WIRE = (
    "SAADA, Yemen - An airstrike on a crowded market in the northern city of Saada killed 12 "
    "civilians on Tuesday, local health officials said.\n\n"
    "The strike hit the market shortly after noon, when traders were setting up their stalls for "
    "the afternoon trade, according to witnesses reached by telephone.\n\n"
    "Hospital staff said ambulances carried the wounded to the city's main hospital, which has "
    "struggled with shortages of fuel and medicine for months.\n\n"
    "The coalition fighting in Yemen has faced repeated criticism from rights groups over raids "
    "that hit markets, weddings and school buses across the north of the country."
)
COPY = WIRE.replace("on Tuesday", "on Tuesday afternoon").replace("for months", "for many months")
LOCAL = (
    "About a dozen people died in the air strike on the Saada market, residents told the Yemen "
    "Observer.\n\n"
    "Footage shared online showed smoke rising over the stalls and people carrying the injured "
    "through narrow streets.\n\n"
    "Residents said the market was the only place to buy food in the district since the siege."
)
DENIAL = (
    "The Saudi-led coalition denied that its jets carried out the airstrike on the Saada market, "
    "and a spokesman said the aircraft had been on a training flight.\n\n"
    "The coalition said no civilians were killed in the airstrike near Saada, which it said hit a "
    "weapons depot used by rebel fighters.\n\n"
    "A coalition spokesman told reporters in Riyadh that the operation followed the rules of war "
    "and that the target had been watched for weeks."
)
OTHER = (
    "A car bomb outside a police station in Kabul killed 40 people on Tuesday, the interior "
    "ministry said.\n\n"
    "No group immediately claimed the attack, which came days before talks were due to open."
)


def synthetic() -> list[Article]:
    return [
        Article.from_text(WIRE, id="a-wire", source="Wire"),
        Article.from_text(COPY, id="b-copy", source="Daily"),
        Article.from_text(LOCAL, id="c-local", source="Observer"),
        Article.from_text(DENIAL, id="d-coalition", source="Gazette"),
        Article.from_text(OTHER, id="e-kabul", source="Times"),
    ]


@functools.cache
def seed_clusters() -> tuple[ClaimCluster, ...]:
    return tuple(cluster_claims(examples.seeds()))


@functools.cache
def synthetic_clusters() -> tuple[ClaimCluster, ...]:
    return tuple(cluster_claims(synthetic()))


def cluster_with(clusters: tuple[ClaimCluster, ...], event: str, words: str) -> ClaimCluster:
    (c,) = [c for c in clusters if c.event == event and any(words in m.statement.text for m in c.members)]
    return c


def member(c: ClaimCluster, words: str, article_id: str | None = None) -> int:
    (i,) = [
        i for i, m in enumerate(c.members)
        if words in m.statement.text and article_id in (None, m.article_id)
    ]  # fmt: skip
    return i


def test_seed_casualty_claims_of_000_and_004_cluster_together() -> None:
    """'no one was injured in the missile attack' (000) and 'no U.S. casualties' (004) cluster."""
    c = cluster_with(seed_clusters(), "casualty", "no one was injured in the missile attack")
    texts = [m.statement.text for m in c.members]
    assert any("there were no U.S. casualties" in t for t in texts)
    assert c.article_ids[:1] == ("000_7eab8c8d56f92531",) and "004_25411f98d3d20e07" in c.article_ids
    assert "missile" in c.terms and c.why


def test_seed_iran_30_killed_conflicts_with_no_casualties() -> None:
    """Iran's claim that 'they killed 30 troops' is flagged against both zero-casualty claims."""
    c = cluster_with(seed_clusters(), "casualty", "no one was injured in the missile attack")
    thirty = member(c, "they killed 30 troops")
    no_one = member(c, "no one was injured")
    no_us = member(c, "there were no U.S. casualties")
    pairs = {(x.first, x.second) for x in c.conflicts if x.kind == "number"}
    assert tuple(sorted((thirty, no_one))) in pairs
    assert tuple(sorted((thirty, no_us))) in pairs
    assert (min(no_one, no_us), max(no_one, no_us)) not in pairs  # two zeros agree
    source = c.members[thirty].statement.source
    assert source is not None and source.name == "Iran"


def test_seed_rocket_attack_of_december_is_another_event() -> None:
    """The December rocket attack's casualties are not in the missile strike's cluster."""
    c = cluster_with(seed_clusters(), "casualty", "no one was injured in the missile attack")
    assert not any("American contractor" in m.statement.text for m in c.members)


def test_synthetic_reports_count_a_wire_copy_once() -> None:
    """Wire, copy, local outlet and the denial: four articles, three independent reports."""
    c = cluster_with(synthetic_clusters(), "casualty", "killed 12")
    assert c.article_ids == ("a-wire", "b-copy", "c-local", "d-coalition")
    assert c.reports == 3 and c.corroboration == 2
    assert {m.report for m in c.members if m.article_id in ("a-wire", "b-copy")} == {"a-wire"}


def test_synthetic_about_a_dozen_agrees_with_12_and_zero_conflicts() -> None:
    """'about a dozen' agrees with 12; 'no civilians were killed' conflicts with both."""
    c = cluster_with(synthetic_clusters(), "casualty", "killed 12")
    wire = member(c, "Saada killed 12", "a-wire")
    local = member(c, "About a dozen")
    zero = member(c, "no civilians were killed")
    pairs = {(x.first, x.second) for x in c.conflicts if x.kind == "number"}
    assert (min(wire, local), max(wire, local)) not in pairs
    assert (min(wire, zero), max(wire, zero)) in pairs
    assert (min(local, zero), max(local, zero)) in pairs


def test_synthetic_denial_is_flagged() -> None:
    """The coalition's denial that its jets carried out the airstrike conflicts with the reports."""
    c = cluster_with(synthetic_clusters(), "attack", "its jets carried out")
    denied = member(c, "its jets carried out")
    kinds = {(x.kind, x.first if x.second == denied else x.second) for x in c.conflicts
             if denied in (x.first, x.second)}  # fmt: skip
    assert ("denial", member(c, "Saada killed 12", "a-wire")) in kinds


def test_synthetic_other_event_stays_apart() -> None:
    """The Kabul car bomb's 40 dead are in no cluster with the Saada airstrike."""
    for c in synthetic_clusters():
        if "e-kabul" in c.article_ids:
            assert c.article_ids == ("e-kabul",)


def test_empty_corpus() -> None:
    """An empty corpus has no clusters."""
    assert cluster_claims([]) == []


def _membership(clusters: list[ClaimCluster]) -> set[frozenset[tuple[str, int, int, str]]]:
    return {
        frozenset((m.article_id, m.statement.span.start, m.statement.span.end, m.event.type)
                  for m in c.members)
        for c in clusters
    }  # fmt: skip


@settings(max_examples=200)
@given(st.permutations(synthetic()))
def test_membership_does_not_depend_on_corpus_order(articles: list[Article]) -> None:
    """Any order of the synthetic corpus gives the same clusters, reports and conflicts."""
    got = cluster_claims(articles)
    assert _membership(got) == _membership(list(synthetic_clusters()))
    assert got == list(synthetic_clusters())


def test_seed_membership_does_not_depend_on_corpus_order() -> None:
    """The seeds in reverse order cluster the same way."""
    assert cluster_claims(list(examples.seeds())[::-1]) == list(seed_clusters())


def test_denied_casualty_is_a_zero_against_a_claimed_toll() -> None:
    """'X claimed the strikes killed 30 troops' and 'Y denied that any soldiers were killed'
    conflict, within one article too."""
    text = (
        "Iran fired missiles at the Ain al-Asad base in Iraq on Wednesday.\n\n"
        "Iranian state television claimed that the missile strikes killed 30 troops. "
        "The Pentagon denied that any soldiers were killed in the missile strikes."
    )
    (c,) = [c for c in cluster_claims([Article.from_text(text, id="x")]) if c.event == "casualty"]
    assert [x.kind for x in c.conflicts] == ["number"]
    assert "denied" in c.conflicts[0].reason


def test_other_victims_are_a_partial_count() -> None:
    """'the ambassador and three other Americans' do not contradict 'four Americans killed'."""
    first = Article.from_text(
        "The bombing of the consulate in Benghazi killed the ambassador and three other Americans "
        "on Tuesday night.", id="a", published="2012-09-12",
    )  # fmt: skip
    second = Article.from_text(
        "Four Americans were killed in the bombing of the consulate in Benghazi on Tuesday.",
        id="b", published="2012-09-13",
    )  # fmt: skip
    (c,) = [c for c in cluster_claims([first, second]) if c.event == "casualty"]
    assert c.article_ids == ("a", "b") and c.conflicts == ()
