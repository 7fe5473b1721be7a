"""Actor resolution across the articles of a corpus."""

from __future__ import annotations

import itertools
import json
import pathlib

from hypothesis import given, settings
from hypothesis import strategies as st

import ontherecord as otr

CORPUS = pathlib.Path(__file__).parent.parent / "data" / "actors_corpus"


def _articles() -> list[otr.Article]:
    return [otr.Article.from_text(p.read_text(encoding="utf-8"), id=p.stem)
            for p in sorted(CORPUS.glob("*.txt"))]


def _snapshot(actors: list[otr.Actor]) -> dict[str, list[object]]:
    return {a.name: [a.kind, sorted(a.aliases)] for a in actors}


def _by_alias(actors: list[otr.Actor], alias: str) -> otr.Actor:
    hits = [a for a in actors if alias in a.aliases]
    assert len(hits) == 1, (alias, [a.name for a in actors])
    return hits[0]


def test_test_corpus_resolves_exactly() -> None:
    """The hand-checked corpus (42 actors: titles, transliterations, acronyms, metonyms, two
    Clintons) resolves to exactly the expected actors, names, kinds and aliases."""
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    assert len(expected) >= 30
    assert _snapshot(otr.find_actors(_articles())) == expected


def test_transliteration_variants_merge_with_a_reason() -> None:
    """ "Qassem" / "Qasem" / "Qasm" Soleimani and "Adel" / "Abdel" Abdul-Mahdi are one person each,
    and every merge says why."""
    actors = otr.find_actors(_articles())
    sol = _by_alias(actors, "Qasm Soleimani")
    assert {"Qassem Soleimani", "Qasem Soleimani", "Qasm Soleimani", "Solemani"} <= sol.aliases
    assert any("spelling variants" in w for w in sol.why)
    mahdi = _by_alias(actors, "Abdel Abdul-Mahdi")
    assert "Adel Abdul-Mahdi" in mahdi.aliases
    assert len({m.article_id for m in mahdi.mentions}) == 2


def test_people_sharing_a_surname_stay_apart() -> None:
    """Bill and Hillary Clinton, in one article or in two, are never merged."""
    actors = otr.find_actors(_articles())
    assert _by_alias(actors, "Hillary Clinton") != _by_alias(actors, "Bill Clinton")
    a = otr.Article.from_text("Hillary Clinton spoke in Ohio.", id="x1")
    b = otr.Article.from_text("Bill Clinton spoke in Ohio and Iowa.", id="x2")
    names = {x.name for x in otr.find_actors([a, b]) if x.kind == "person"}
    assert names == {"Hillary Clinton", "Bill Clinton"}


def test_different_given_names_do_not_merge() -> None:
    """ "Dan Smith" and "Don Smith" (one changed letter in a short name) are two people."""
    a = otr.Article.from_text("Dan Smith, a senator, spoke about Iraq and Iran.", id="d1")
    b = otr.Article.from_text("Don Smith, a senator, spoke about Iraq and Iran.", id="d2")
    names = {x.name for x in otr.find_actors([a, b]) if x.kind == "person"}
    assert names == {"Dan Smith", "Don Smith"}


def test_surname_alone_joins_the_one_full_name_in_the_corpus() -> None:
    """An article that only says "Trump" gets its mentions joined to Donald Trump."""
    a = otr.Article.from_text("President Donald Trump spoke.", id="t1")
    b = otr.Article.from_text("Critics say Trump is playing checkers while others play chess.", id="t2")
    trump = _by_alias(otr.find_actors([a, b]), "Donald Trump")
    assert {m.article_id for m in trump.mentions} == {"t1", "t2"}


def test_user_alias_table_forces_and_forbids() -> None:
    """The alias table merges what the rules keep apart, and the forbid table refuses a merge."""
    text = "The Kataeb Hezbollah group fired rockets. Badr militia members watched."
    a = otr.Article.from_text(text, id="u1")
    forced = otr.find_actors([a], aliases=[["Kataeb Hezbollah", "Badr"]])
    kh = _by_alias(forced, "Badr")
    assert "Kataeb Hezbollah" in kh.aliases
    assert any("user alias table" in w for w in kh.why)
    refused = otr.find_actors(_articles(), forbid=[["Qasem Soleimani", "Qassem Soleimani"]])
    assert _by_alias(refused, "Qasem Soleimani") != _by_alias(refused, "Qassem Soleimani")


# --- properties ----------------------------------------------------------------------------------

_ARTICLES = _articles()


@settings(max_examples=200, deadline=None)
@given(st.permutations(_ARTICLES), st.integers(min_value=1, max_value=len(_ARTICLES)))
def test_resolution_is_an_equivalence_and_order_free(order: list[otr.Article], k: int) -> None:
    """For any subset in any order: each mention belongs to exactly one actor (so "same actor" is
    reflexive, symmetric and transitive), the canonical name is an alias, and the result does not
    depend on the order of the input."""
    subset = order[:k]
    actors = otr.find_actors(subset)
    assert actors == otr.find_actors(sorted(subset, key=lambda a: a.id))
    owner: dict[tuple[str, int, int], int] = {}
    for i, actor in enumerate(actors):
        assert actor.name in actor.aliases
        for m in actor.mentions:
            key = (m.article_id, m.span.start, m.span.end)
            assert key not in owner, key  # one actor per mention: a partition
            owner[key] = i

    def same(x: tuple[str, int, int], y: tuple[str, int, int]) -> bool:
        return owner[x] == owner[y]

    keys = sorted(owner)[:25]
    for x in keys:
        assert same(x, x)
    for x, y in itertools.product(keys, repeat=2):
        assert same(x, y) == same(y, x)
    for x, y, z in itertools.product(keys[:10], repeat=3):
        if same(x, y) and same(y, z):
            assert same(x, z)


def test_corpus_of_one_equals_the_article() -> None:
    """A corpus of one article resolves as the article does on its own."""
    art = _ARTICLES[0]
    assert otr.find_actors(art) == otr.find_actors(otr.Corpus([art]))


def test_non_articles_are_refused() -> None:
    """Anything but articles in the input is a clear error."""
    import pytest

    with pytest.raises(otr.errors.InvalidInputError):
        otr.find_actors(["not an article"])  # type: ignore[list-item]


def test_titled_surname_follows_gender_across_articles() -> None:
    """ "Mrs. Clinton" in one article joins Hillary Clinton named in another, not Bill Clinton."""
    a = otr.Article.from_text("Hillary Clinton and Bill Clinton spoke in Ohio.", id="g1")
    b = otr.Article.from_text("Mrs. Clinton said she would return to Ohio.", id="g2")
    actors = otr.find_actors([a, b])
    assert "Mrs. Clinton" in _by_alias(actors, "Hillary Clinton").aliases
    assert "Mrs. Clinton" not in _by_alias(actors, "Bill Clinton").aliases
