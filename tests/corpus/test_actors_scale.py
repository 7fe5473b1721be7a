"""Actor resolution across articles on hostile names: long surnames are compared without their
deletion keys and still meet their spelling variants."""

from __future__ import annotations

import ontherecord as otr


def test_spelling_variants_of_long_surnames_meet() -> None:
    """Two spellings of a surname too long for the deletion blocks are one person when the
    articles share a role."""
    letters = "abcdefghijklmnoprstuvwxyz" * 3  # no letter the transliteration folds
    long_a = "Sol" + letters + "imani"
    long_b = "Sol" + letters[:30] + letters[31:] + "imani"
    a = otr.Article.from_text(f"Qassem {long_a}, the Quds Force commander, was killed.", id="a")
    b = otr.Article.from_text(f"Qassem {long_b}, the Quds Force commander, was buried.", id="b")
    people = [x for x in otr.find_actors([a, b]) if x.kind == "person"]
    assert len(people) == 1
    assert {m.article_id for m in people[0].mentions} == {"a", "b"}
    assert any("spelling variants" in w for w in people[0].why)


def test_surname_only_mentions_follow_merges() -> None:
    """A surname used alone joins the one person of that surname named in full, in every article."""
    a = otr.Article.from_text("Hillary Clinton spoke in Iowa. Clinton said she would win.", id="a")
    b = otr.Article.from_text("Later, Clinton left. Hillary Clinton was tired.", id="b")
    c = otr.Article.from_text("Clinton was not seen.", id="c")
    people = [x for x in otr.find_actors([a, b, c]) if x.kind == "person"]
    clinton = [x for x in people if x.name == "Hillary Clinton"]
    assert len(clinton) == 1
    assert {m.article_id for m in clinton[0].mentions} >= {"a", "b"}
