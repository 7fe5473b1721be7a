"""The actor gazetteers (given names, countries, organisations, places) on names news uses."""

from __future__ import annotations

import pytest

import ontherecord as otr
from ontherecord import _data


def _actors(text: str) -> list[otr.Actor]:
    return otr.find_actors(otr.Article.from_text(text, id="t"))


def _named(text: str, name: str) -> otr.Actor:
    hits = [a for a in _actors(text) if a.name == name]
    assert len(hits) == 1, (name, [(a.name, a.kind) for a in _actors(text)])
    return hits[0]


# (sentence, actor name the finder gives, kind, gender)
NEWS_NAMES = [
    ("Hillary Clinton said she would win.", "Hillary Clinton", "person", "female"),
    ("Kamala Harris spoke in Iowa on Monday.", "Kamala Harris", "person", "female"),
    ("Angela Merkel spoke to reporters.", "Angela Merkel", "person", "female"),
    ("Fatima Ahmed spoke to reporters.", "Fatima Ahmed", "person", "female"),
    ("Megyn Kelly asked the question.", "Megyn Kelly", "person", "female"),
    ("Jeb Bush spoke to reporters.", "Jeb Bush", "person", "male"),
    ("Narendra Modi spoke to reporters.", "Narendra Modi", "person", "male"),
    ("Antonin Scalia wrote the opinion.", "Antonin Scalia", "person", "male"),
    ("Volodymyr Zelensky spoke to reporters.", "Volodymyr Zelensky", "person", "male"),
    ("Mohammed bin Salman spoke to reporters.", "Mohammed bin Salman", "person", "male"),
    ("The Pentagon said the strike was lawful.", "Pentagon", "organization", None),
    ("The Defense Department said the strike was lawful.", "Pentagon", "organization", None),
    ("The State Department said it would respond.", "State Department", "organization", None),
    ("The Environmental Protection Agency said so.", "Environmental Protection Agency", "organization", None),
    ("The EPA said so on Monday.", "Environmental Protection Agency", "organization", None),
    ("Credit Suisse said profits fell.", "Credit Suisse", "organization", None),
    ("Goldman Sachs hired him last year.", "Goldman Sachs", "organization", None),
    ("Planned Parenthood said it would sue.", "Planned Parenthood", "organization", None),
    ("The Associated Press reported the vote.", "Associated Press", "organization", None),
    ("He told Breitbart on Friday that it was over.", "Breitbart News", "organization", None),
    ("The Daily Beast reported the story.", "Daily Beast", "organization", None),
    ("The Labour Party won the seat.", "Labour Party", "organization", None),
    ("The GOP lost the seat.", "Republican Party", "organization", None),
    ("She studied at Harvard before law school.", "Harvard University", "organization", None),
    ("The European Commission said it would act.", "European Commission", "organization", None),
    ("Moscow said the sanctions were illegal.", "Russia", "country", None),
    ("Pyongyang fired a missile on Monday.", "North Korea", "country", None),
    ("The DPRK fired a missile on Monday.", "North Korea", "country", None),
    ("The U.S. and Britain agreed.", "United Kingdom", "country", None),
    ("She flew to Cape Verde on Monday.", "Cabo Verde", "country", None),
    ("Officials in Eswatini agreed.", "Eswatini", "country", None),
    ("He grew up in Brooklyn and moved on.", "Brooklyn", "place", None),
    ("Voters in the Midwest turned out.", "Midwest", "place", None),
    ("Tim Kaine, D-Va., spoke on Monday.", "Virginia", "place", None),
]


@pytest.mark.parametrize(("text", "name", "kind", "gender"), NEWS_NAMES)
def test_news_name_kind_and_gender(text: str, name: str, kind: str, gender: str | None) -> None:
    """A name common in news gets the kind (and, for people, the gender) its gazetteer gives."""
    actor = _named(text, name)
    assert actor.kind == kind
    assert actor.gender == gender


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Taylor Swift sang on Monday.", "Taylor Swift"),
        ("Alex Jones spoke on Monday.", "Alex Jones"),
        ("Andrea Mitchell asked on Monday.", "Andrea Mitchell"),
        ("Kim Davis refused on Monday.", "Kim Davis"),
    ],
)
def test_ambiguous_given_names_give_no_gender(text: str, name: str) -> None:
    """Given names borne by both sexes (or by different sexes in different languages) give none."""
    assert _named(text, name).gender is None


def test_rose_garden_is_not_a_woman() -> None:
    """A given name that is also a common word does not make "Rose Garden" a woman."""
    assert all(a.gender != "female" for a in _actors("He spoke in the Rose Garden on Monday."))


def test_given_name_lists_are_disjoint() -> None:
    """No given name is in both lists (the code would drop it from both)."""
    female = set(_data.lines("given_names_female"))
    male = set(_data.lines("given_names_male"))
    assert not female & male
    assert len(female) > 800 and len(male) > 800


@pytest.mark.parametrize("name", ["Jordan", "Taylor", "Alex", "Jean", "Andrea", "Nicola", "Kim", "Lee"])
def test_ambiguous_names_are_in_neither_list(name: str) -> None:
    """The usual unisex or language-dependent names are in neither list."""
    assert name not in _data.lines("given_names_female")
    assert name not in _data.lines("given_names_male")


def test_countries_cover_the_un_members() -> None:
    """Every UN member and observer is a line, with the usual few others (193 + 2 + 3)."""
    rows = [line.split("|") for line in _data.lines("countries")]
    assert all(len(r) == 4 for r in rows)
    names = [r[0].strip() for r in rows]
    assert len(names) == len(set(names)) >= 198
    for name in ("Tuvalu", "Holy See", "Palestine", "Taiwan", "Kosovo", "Timor-Leste", "Eswatini"):
        assert name in names


def test_gazetteer_lines_have_their_format() -> None:
    """Organisation lines have a known kind and place lines at most one separator."""
    for line in _data.lines("organizations"):
        parts = [p.strip() for p in line.split("|")]
        assert len(parts) == 3 and parts[0] and parts[1] in {"organization", "group"}, line
    for line in _data.lines("places"):
        assert line.count("|") <= 1 and line.split("|")[0].strip(), line


def test_moscow_said_is_a_country_source() -> None:
    """A capital used as a metonym speaks for its country."""
    text = "Moscow said on Monday that the sanctions were illegal."
    (att,) = otr.attribute(otr.Article.from_text(text, id="t"))
    assert att.source is not None and (att.source.name, att.source.kind) == ("Russia", "country")


def test_state_department_said_is_an_organization_source() -> None:
    """An organisation of the gazetteer named in two words speaks as an organisation."""
    (att,) = otr.attribute(otr.Article.from_text("The State Department said it would respond.", id="t"))
    assert att.source is not None and att.source.kind == "organization"
