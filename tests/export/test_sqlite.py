"""SQLite export: the tables, foreign keys, full-text search, and updates without duplicates."""

from __future__ import annotations

import json
import pathlib
import sqlite3

import attrs
import pytest

import ontherecord as otr
from ontherecord.errors import InvalidInputError
from ontherecord.export import _sqlite
from ontherecord.export._tables import COLUMNS

GOLD = pathlib.Path(__file__).parents[1] / "data" / "seeds_gold.json"
TABLES = ("articles", "actors", "actor_aliases", "mentions", "quotes", "claims", "times", "quantities",
          "duplicate_groups", "duplicate_members", "passages", "fulltext")

# Everything said with a word, by article and speaker: quotations and other attributed statements.
SEARCH = """
SELECT f.kind, f.article_id, coalesce(q.speaker, c.source) AS speaker, f.text
FROM fulltext AS f
LEFT JOIN quotes AS q ON f.kind = 'quote' AND q.id = f.ref
LEFT JOIN claims AS c ON f.kind = 'claim' AND c.id = f.ref
WHERE fulltext MATCH ?
ORDER BY f.article_id, f.kind
"""


@pytest.fixture(scope="module")
def seeds_analysis() -> otr.Analysis:
    return otr.examples.seeds().analyze()


def _counts(path: pathlib.Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _dump(path: pathlib.Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_fts5_is_available_here() -> None:
    """This Python's SQLite has FTS5, so the full-text tests below exercise the real index."""
    assert _sqlite.has_fts5()


def test_sovereignty_full_text_query(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """A full-text query for "sovereignty" finds the quoting article and its speaker (from the gold)."""
    path = tmp_path / "seeds.db"
    assert seeds_analysis.to_sqlite(path) == "fts5"
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    expected = {
        (article_id, q["speaker"])
        for article_id, entry in gold.items()
        for q in entry["quotes"]
        if "sovereignty" in q["text"].lower()
    }
    assert expected, "the seed gold has a quotation with 'sovereignty'"
    with sqlite3.connect(path) as con:
        rows = con.execute(SEARCH, ("sovereignty",)).fetchall()
    found = {(article_id, speaker) for kind, article_id, speaker, _ in rows if kind == "quote"}
    assert expected <= found
    assert all("sovereignty" in text.lower() for *_, text in rows)


def test_second_export_changes_nothing(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """Exporting the same analysis again into the same file leaves every row count and row unchanged."""
    path = tmp_path / "seeds.db"
    seeds_analysis.to_sqlite(path)
    counts, rows = _counts(path), _dump(path)
    seeds_analysis.to_sqlite(path)
    assert _counts(path) == counts
    assert _dump(path) == rows
    assert counts["quotes"] == len(seeds_analysis.quotes)
    assert counts["claims"] == len(seeds_analysis.claims)
    assert counts["articles"] == len(seeds_analysis.articles)
    assert counts["fulltext"] == counts["quotes"] + counts["claims"]


def test_foreign_keys_hold(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """Every annotation points at an existing article and every speaker at an existing actor."""
    path = tmp_path / "seeds.db"
    seeds_analysis.to_sqlite(path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        targets = {row[2] for row in con.execute("PRAGMA foreign_key_list(quotes)")}
        assert targets == {"articles", "actors"}
        indexes = {row[1] for row in con.execute("PRAGMA index_list(quotes)")}
        assert {"quotes_article", "quotes_speaker"} <= indexes
        linked = con.execute(
            "SELECT count(*) FROM quotes AS q JOIN actors AS a ON a.id = q.speaker_id"
            " WHERE a.name = q.speaker"
        ).fetchone()[0]
    assert linked == sum(1 for _, q in seeds_analysis.quotes if q.speaker is not None)


def test_spans_index_article_text(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """In the database, every quote and claim span cuts its text out of the stored article text."""
    path = tmp_path / "seeds.db"
    seeds_analysis.to_sqlite(path)
    with sqlite3.connect(path) as con:
        for table in ("quotes", "claims", "times", "quantities", "mentions"):
            rows = con.execute(
                f'SELECT t.text, t.start, t."end", a.text FROM {table} AS t JOIN articles AS a'
                " ON a.id = t.article_id"
            ).fetchall()
            for text, start, end, article_text in rows:
                assert article_text[start:end] == text, table


def test_reanalysed_article_rows_are_replaced(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """An article analysed again replaces its own rows; the other articles' rows stay."""
    path = tmp_path / "seeds.db"
    seeds_analysis.to_sqlite(path)
    before = _counts(path)
    changed = otr.Article.from_text('"We are staying," said Jane Roe.', id="001_ae584151ea33c66f")
    update = otr.analyze([changed], dedup=False)
    update.to_sqlite(path)
    with sqlite3.connect(path) as con:
        quotes = con.execute(
            "SELECT text, speaker FROM quotes WHERE article_id = ?", ("001_ae584151ea33c66f",)
        ).fetchall()
        others = con.execute(
            "SELECT count(*) FROM quotes WHERE article_id != ?", ("001_ae584151ea33c66f",)
        ).fetchone()[0]
        gerges = con.execute(SEARCH, ("influential",)).fetchall()
    assert quotes == [(q.text, q.speaker.name if q.speaker else None) for q in update.articles[0].quotes]
    assert others == before["quotes"] - len(seeds_analysis["001_ae584151ea33c66f"].quotes)
    assert [r for r in gerges if r[1] == "001_ae584151ea33c66f"] == []
    assert _counts(path)["articles"] == before["articles"]


def test_like_fallback(
    seeds_analysis: otr.Analysis, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without FTS5 the full-text table is a plain table searched with LIKE, and the file says so."""
    monkeypatch.setattr(_sqlite, "has_fts5", lambda: False)
    path = tmp_path / "like.db"
    assert seeds_analysis.to_sqlite(path) == "like"
    assert seeds_analysis.to_sqlite(path) == "like"
    with sqlite3.connect(path) as con:
        mode = con.execute("SELECT value FROM meta WHERE key = 'fulltext'").fetchone()[0]
        rows = con.execute(
            "SELECT article_id FROM fulltext WHERE kind = 'quote' AND text LIKE ?", ("%sovereignty%",)
        ).fetchall()
        total = con.execute("SELECT count(*) FROM fulltext").fetchone()[0]
    assert mode == "like"
    assert rows
    assert total == len(seeds_analysis.quotes) + len(seeds_analysis.claims)


def test_other_schema_version_is_refused(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """A database written in another schema version is not silently mixed with this one."""
    path = tmp_path / "old.db"
    seeds_analysis.to_sqlite(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = 'ontherecord/0' WHERE key = 'schema'")
    with pytest.raises(InvalidInputError, match="ontherecord/0"):
        seeds_analysis.to_sqlite(path)


def test_hostile_text_is_stored_verbatim(tmp_path: pathlib.Path) -> None:
    """Quotation marks, SQL and FTS syntax in article text are data, stored exactly."""
    text = "\u201cRobert'); DROP TABLE quotes;-- NEAR(\"x\" *),\u201d said Jane Roe. \x00\ud7ff"
    analysis = otr.analyze([otr.Article.from_text(text, id="x'; --")], dedup=False)
    path = tmp_path / "hostile.db"
    analysis.to_sqlite(path)
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT id, text FROM articles").fetchall() == [("x'; --", text)]
        assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] == len(analysis.quotes)


def test_rows_have_the_documented_columns(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """Each SQL table has exactly the columns the shared table layout lists, in order."""
    path = tmp_path / "seeds.db"
    seeds_analysis.to_sqlite(path)
    with sqlite3.connect(path) as con:
        for table, columns in COLUMNS.items():
            names = tuple(row[1] for row in con.execute(f"PRAGMA table_info({table})"))
            assert names == columns, table


def test_evolved_analysis_without_duplicates(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """An analysis without deduplication exports with empty duplicate tables."""
    path = tmp_path / "nodup.db"
    attrs.evolve(seeds_analysis, duplicates=None).to_sqlite(path)
    counts = _counts(path)
    assert counts["duplicate_groups"] == counts["duplicate_members"] == counts["passages"] == 0


def test_duplicate_groups_and_members(tmp_path: pathlib.Path) -> None:
    """An exact copy is one duplicate group with two members, the representative at position 0."""
    seeds = otr.examples.seeds()
    first = seeds[seeds.ids[0]]
    copy = otr.Article.from_text(first.text, id="zz-copy")
    analysis = otr.analyze([*seeds, copy])
    path = tmp_path / "dup.db"
    analysis.to_sqlite(path)
    analysis.to_sqlite(path)
    with sqlite3.connect(path) as con:
        members = con.execute(
            "SELECT g.kind, m.article_id, m.position FROM duplicate_members AS m"
            " JOIN duplicate_groups AS g ON g.id = m.group_id ORDER BY m.position"
        ).fetchall()
    assert members == [("exact", first.id, 0), ("exact", "zz-copy", 1)]
