"""Actor mentions found in one article and resolved within it."""

from __future__ import annotations

import json
import pathlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import ontherecord as otr
from ontherecord.extract._actors import analyse_article, article_actors

DATA = pathlib.Path(__file__).parent.parent / "data"


def _one(text: str) -> list[otr.Actor]:
    return otr.find_actors(otr.Article.from_text(text, id="t"))


def _by_alias(actors: list[otr.Actor], alias: str) -> otr.Actor:
    hits = [a for a in actors if alias in a.aliases]
    assert len(hits) == 1, (alias, [a.name for a in actors])
    return hits[0]


# --- the seed gold -------------------------------------------------------------------------------

GENERIC_TAIL = ("militia", "group", "faction", "bloc", "coalition", "movement", "organization", "party")


def _form(name: str) -> str:
    """A surface form compared as the seeds yardstick compares it (shared/tools/seeds.py)."""
    f = name.casefold().replace("\u2019", "'").strip()
    f = f.removeprefix("the ").removesuffix("'s")
    for tail in GENERIC_TAIL:
        f = f.removesuffix(" " + tail)
    return f


def test_seed_gold_actor_score() -> None:
    """On the five seeds, actors carry every gold surface form: score >= 0.93 with none mixed."""
    gold = json.loads((DATA / "seeds_gold.json").read_text(encoding="utf-8"))
    preds = otr.find_actors(otr.examples.seeds())
    pred_forms = [{_form(f) for f in p.aliases} | {_form(p.name)} for p in preds]
    gold_forms = [{_form(x) for names in a["aliases"].values() for x in names} for a in gold["actors"]]
    right = sum(1 for forms in gold_forms if any(forms <= pf for pf in pred_forms))
    mixed = sum(1 for pf in pred_forms if sum(1 for gf in gold_forms if gf & pf) > 1)
    score = (right - mixed) / len(gold["actors"])
    assert mixed == 0
    assert score >= 0.93


# --- what a mention is ---------------------------------------------------------------------------


def test_titles_are_stripped_for_matching_and_kept_as_roles() -> None:
    """ "President Trump" and "Trump" are one actor; the title is a role and the titled form an alias."""
    actors = _one("President Donald Trump spoke on Monday. Later, Trump said he was pleased.")
    trump = _by_alias(actors, "Trump")
    assert trump.name == "Donald Trump"
    assert {"President Donald Trump", "Donald Trump", "Trump"} <= trump.aliases
    assert "President" in trump.roles
    assert trump.kind == "person" and trump.gender == "male"


def test_multiword_titles_and_qualifiers() -> None:
    """ "US Secretary of State Mike Pompeo": US is a country mention, the rest a titled person."""
    actors = _one("US Secretary of State Mike Pompeo denied the report. Pompeo said nothing else.")
    pompeo = _by_alias(actors, "Pompeo")
    assert pompeo.name == "Mike Pompeo"
    assert "US Secretary of State" in pompeo.roles
    assert _by_alias(actors, "US").name == "United States"


@pytest.mark.parametrize("title", ["Executive Chairman", "Executive Director", "Executive Editor"])
def test_executive_titles_are_roles_not_organizations(title: str) -> None:
    """ "Acme News Executive Chairman Jane Roe": the executive title is her role, not a body."""
    actors = _one(f"Acme News {title} Jane Roe said the company would grow. Roe left early.")
    assert all(a.name != "Executive" for a in actors), [a.name for a in actors]
    assert _by_alias(actors, "Roe").name == "Jane Roe"


def test_party_before_mp_is_an_organization() -> None:
    """In "Fatah MP Ahmad al-Kinany" Fatah is an organisation and al-Kinany a person."""
    actors = _one('"We will vote," said Fatah MP Ahmad al-Kinany.')
    assert _by_alias(actors, "Fatah").kind == "organization"
    kinany = _by_alias(actors, "Ahmad al-Kinany")
    assert kinany.kind == "person" and "Fatah MP" in kinany.roles


def test_appositive_is_a_role() -> None:
    """ "X, a professor of ... at Y," gives X a role and Y its own actor."""
    actors = _one("Fawaz Gerges, a professor at the London School of Economics, said so. Gerges smiled.")
    gerges = _by_alias(actors, "Gerges")
    assert any("professor" in r for r in gerges.roles)
    assert _by_alias(actors, "London School of Economics").kind == "organization"


def test_acronym_defined_in_parentheses() -> None:
    """An acronym defined after its expansion is the same actor wherever it appears."""
    actors = _one("The Middle East Institute (MEI) is independent. MEI welcomes donations.")
    mei = _by_alias(actors, "MEI")
    assert mei.name == "Middle East Institute"
    assert len(mei.mentions) == 3


def test_org_head_words_and_lowercase_heads() -> None:
    """Head words make organisations ("Quds Force") and documents ("Framework Agreement");
    "the Badr militia" is the organisation Badr."""
    actors = _one(
        "Hadi al-Ameri leads the Badr militia. The Strategic Framework Agreement states otherwise."
    )
    assert _by_alias(actors, "Badr").kind == "organization"
    assert _by_alias(actors, "Strategic Framework Agreement").kind == "document"


def test_gazetteer_metonyms_and_demonyms() -> None:
    """Capitals name their country; demonyms link to it without becoming aliases."""
    actors = _one("Tehran and Washington have competed for years. Iranian officials said Iran would wait.")
    iran = _by_alias(actors, "Tehran")
    assert iran.name == "Iran" and iran.kind == "country"
    assert "Iranian" not in iran.aliases
    assert any(m.rule == "demonym" and m.text == "Iranian" for m in iran.mentions)
    assert _by_alias(actors, "Washington").name == "United States"


def test_sentence_initial_function_words_are_not_names() -> None:
    """ "But", "The", "However", "Read" opening a sentence are never part of a name."""
    text = (
        "But Iraq waited. However, the vote passed. The Kataeb Hezbollah group objected. "
        "Read more. Officials said nothing. Despite Iran losing, Syria held."
    )
    names = {alias for a in _one(text) for alias in a.aliases}
    for junk in ("But", "However", "The", "Read", "Officials", "Despite", "But Iraq", "The Kataeb Hezbollah"):
        assert junk not in names
    assert {"Iraq", "Kataeb Hezbollah", "Iran", "Syria"} <= names


def test_spelling_variant_of_a_surname_in_the_same_article() -> None:
    """A misspelt surname ("Solemani") joins the one person whose surname it nearly is."""
    actors = _one("Qassem Soleimani was killed. The drone targeted Solemani near the airport.")
    sol = _by_alias(actors, "Solemani")
    assert sol.name == "Qassem Soleimani"
    assert any("spelling variant" in w for w in sol.why)


def test_gender_from_titles_given_names_and_pronouns() -> None:
    """Gender comes from Mr./Mrs., from given names, and weakly from a following pronoun."""
    actors = _one(
        "Hillary Clinton and Bill Clinton spoke. Mrs. Clinton said she would run; Mr. Clinton said "
        "he would not. Zorblat Quenby, a lawyer, said she disagreed."
    )
    hillary = _by_alias(actors, "Mrs. Clinton")
    bill = _by_alias(actors, "Mr. Clinton")
    assert hillary.name == "Hillary Clinton" and hillary.gender == "female"
    assert bill.name == "Bill Clinton" and bill.gender == "male"
    assert _by_alias(actors, "Zorblat Quenby").gender == "female"


def test_shared_surname_without_a_cue_stays_unresolved() -> None:
    """Two people share a surname and nothing tells which one a bare surname means: no guess."""
    actors = _one("Hillary Clinton and Bill Clinton arrived. Clinton waved.")
    hillary = _by_alias(actors, "Hillary Clinton")
    bill = _by_alias(actors, "Bill Clinton")
    assert "Clinton" not in hillary.aliases and "Clinton" not in bill.aliases


def test_article_actors_is_pure_and_cached() -> None:
    """The per-article function returns the same tuple for equal articles."""
    a = otr.Article.from_text("Mike Pompeo met Iraq's leaders.", id="x")
    b = otr.Article.from_text("Mike Pompeo met Iraq's leaders.", id="x")
    assert article_actors(a) == article_actors(b)
    assert isinstance(article_actors(a), tuple)


def test_metadata_of_mentions() -> None:
    """Every mention records its article, exact text, rule and extractor."""
    art = otr.Article.from_text("President Trump said the U.S.\u2019s forces would stay in Iraq.", id="m1")
    for actor in otr.find_actors(art):
        for m in actor.mentions:
            assert m.article_id == "m1"
            assert art.text[m.span.start : m.span.end] == m.text
            assert m.rule and m.extractor == "ontherecord.actors.v1"


# --- properties ----------------------------------------------------------------------------------

_words = st.sampled_from(
    ["Iraq", "U.S.", "President", "Trump", "said", "the", "Gen.", "al-Sadr", "(PMF)", "Popular",
     "Mobilization", "Forces", "But", "The", "\u201c", "\u201d", ".", ",", "\n\n", "Mr.", "Smith",
     "he", "she", "of", "and", "Institute", "Iranian", "\u00a0", "Washington", "IS", "US", "-", "'s"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_words, max_size=40).map(" ".join) | st.text(max_size=300))
@example("Smith. Smith. Smith Smith said he")
@example("U.S.-led (US) U.S")
@example("")
def test_never_crashes_offsets_exact_deterministic(text: str) -> None:
    """Any text gives actors whose mentions slice the text exactly, the same on every run."""
    art = otr.Article.from_text(text, id="p")
    first = otr.find_actors(art)
    analyse_article.cache_clear()
    assert otr.find_actors(art) == first
    for actor in first:
        assert actor.name in actor.aliases
        assert actor.kind in {"person", "organization", "country", "place", "document", "group"}
        for m in actor.mentions:
            assert text[m.span.start : m.span.end] == m.text


@pytest.mark.parametrize("tail", ["", " The weather was fine.", "\n\nMr. Jones said it rained."])
def test_locality(tail: str) -> None:
    """Appending unrelated prose changes no earlier mention."""
    base = "Qassem Soleimani, the Quds Force commander, was killed in Baghdad. Soleimani was 62."
    before = {(a.name, m.span) for a in _one(base) for m in a.mentions}
    after = {(a.name, m.span) for a in _one(base + tail) for m in a.mentions if m.span.end <= len(base)}
    assert before == after


def test_headline_case_and_page_furniture_are_not_names() -> None:
    """Title-case lines, role words opening a sentence and words run together by share buttons
    make no actors; names in the body still do."""
    text = (
        "Black Lawmakers Rip Heavy Price Plan\n\n"
        "Comedian Sarah Silverman said the plan was cruel. "
        "FlagShareLikeReplySara Bondioli posted a reply. Iran said nothing."
    )
    actors = _one(text)
    names = {a.name for a in actors}
    assert "Sarah Silverman" in names
    assert not any("Black" in n or "Heavy" in n or "Comedian" in n or "Flag" in n for n in names)
    assert "Iran" in names
