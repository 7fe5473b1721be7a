"""Write an :class:`~ontherecord.Analysis` to an SQLite database (standard library ``sqlite3``).

Tables: ``articles``, ``actors``, ``actor_aliases``, ``mentions``, ``quotes``, ``claims``,
``times``, ``quantities``, ``duplicate_groups``, ``duplicate_members``, ``passages``, plus
``fulltext`` (an FTS5 index over the text of every quote and claim) and ``meta`` (the schema name
and which full-text mode the file uses). Foreign keys link every annotation to its article and
every speaker or source to its actor; indexes cover article ids, speakers and sources.

Row ids are deterministic (see :mod:`ontherecord.export._tables`), so exporting into an existing
file updates it: the rows of every article in the analysis are replaced, rows of other articles
are kept, and nothing is duplicated.

Where Python's SQLite lacks FTS5, ``fulltext`` is an ordinary table searched with ``LIKE`` and
``meta`` says ``fulltext = like``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ontherecord.errors import InvalidInputError
from ontherecord.export._schema import SCHEMA
from ontherecord.export._tables import Row, tables

if TYPE_CHECKING:
    from ontherecord.corpus._analysis import Analysis

__all__ = ["has_fts5", "to_sqlite"]

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT, source TEXT, url TEXT,
    published TEXT,              -- ISO 8601 with UTC offset, or NULL
    authors TEXT NOT NULL,       -- JSON list of names
    chars INTEGER NOT NULL, quotes INTEGER NOT NULL, claims INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,         -- "<kind>:<name>"
    name TEXT NOT NULL, kind TEXT NOT NULL, gender TEXT,
    aliases TEXT NOT NULL,       -- JSON list
    roles TEXT NOT NULL,         -- JSON list
    mentions INTEGER NOT NULL, quotes INTEGER NOT NULL, claims INTEGER NOT NULL,
    why TEXT NOT NULL            -- JSON list
);
CREATE TABLE IF NOT EXISTS actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);
CREATE INDEX IF NOT EXISTS actor_aliases_alias ON actor_aliases(alias);
CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    rule TEXT NOT NULL, extractor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
    speaker TEXT, speaker_id TEXT REFERENCES actors(id) ON DELETE SET NULL, speaker_kind TEXT,
    speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT,
    cue TEXT, cue_start INTEGER, cue_end INTEGER,
    confidence REAL NOT NULL, extractor TEXT NOT NULL, rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes(speaker_id);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    source TEXT, source_id TEXT REFERENCES actors(id) ON DELETE SET NULL,
    source_kind TEXT NOT NULL, source_start INTEGER, source_end INTEGER, source_text TEXT,
    cue TEXT, cue_start INTEGER, cue_end INTEGER,
    quote_id TEXT REFERENCES quotes(id) ON DELETE SET NULL,
    confidence REAL NOT NULL, extractor TEXT NOT NULL, rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE INDEX IF NOT EXISTS claims_source ON claims(source);
CREATE INDEX IF NOT EXISTS claims_source_id ON claims(source_id);
CREATE TABLE IF NOT EXISTS times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    type TEXT NOT NULL, value TEXT, mod TEXT, extractor TEXT NOT NULL, rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS times_article ON times(article_id);
CREATE TABLE IF NOT EXISTS quantities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value REAL NOT NULL, unit TEXT, approximate INTEGER NOT NULL, approximator TEXT, bound TEXT,
    extractor TEXT NOT NULL, rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quantities_article ON quantities(article_id);
CREATE TABLE IF NOT EXISTS duplicate_groups (
    id TEXT PRIMARY KEY,         -- "group:<representative id>"
    kind TEXT NOT NULL, similarity REAL NOT NULL, representative TEXT NOT NULL,
    size INTEGER NOT NULL, explanation TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS duplicate_members (
    group_id TEXT NOT NULL REFERENCES duplicate_groups(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,   -- 0 for the representative
    PRIMARY KEY (group_id, article_id)
);
CREATE INDEX IF NOT EXISTS duplicate_members_article ON duplicate_members(article_id);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY,
    article_a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_a INTEGER NOT NULL, end_a INTEGER NOT NULL, text_a TEXT NOT NULL,
    article_b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_b INTEGER NOT NULL, end_b INTEGER NOT NULL, text_b TEXT NOT NULL,
    similarity REAL NOT NULL, extractor TEXT NOT NULL, rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_article_a ON passages(article_a);
CREATE INDEX IF NOT EXISTS passages_article_b ON passages(article_b);
"""

_FTS5 = """
CREATE VIRTUAL TABLE IF NOT EXISTS fulltext USING fts5(
    text, kind UNINDEXED, ref UNINDEXED, article_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

_LIKE = """
CREATE TABLE IF NOT EXISTS fulltext (text TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
                                     article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS fulltext_article ON fulltext(article_id);
"""

# Tables whose rows belong to one article, children before parents (claims point at quotes).
_PER_ARTICLE = ("claims", "quotes", "times", "quantities", "mentions", "fulltext")


def has_fts5() -> bool:
    """Return whether this Python's SQLite has the FTS5 full-text extension."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()
    return True


#: Columns that hold tuples, stored as JSON lists (booleans are stored as 0 and 1 by sqlite3).
_JSON_COLUMNS = frozenset({"authors", "aliases", "roles", "why"})


def _json(value: Any) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _insert(con: sqlite3.Connection, table: str, rows: Sequence[Row], *, key: Sequence[str]) -> None:
    """Upsert ``rows``: insert new ones, update those whose ``key`` columns exist already."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key)
    conflict = ", ".join(key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({conflict}) {action}"
    if _JSON_COLUMNS.isdisjoint(columns):
        con.executemany(sql, (tuple(r.values()) for r in rows))
    else:
        con.executemany(
            sql, ([_json(r[c]) if c in _JSON_COLUMNS else r[c] for c in columns] for r in rows)
        )


def _check_schema(con: sqlite3.Connection) -> None:
    row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is not None and row[0] != SCHEMA:
        raise InvalidInputError(f"the database holds schema {row[0]!r}; this version writes {SCHEMA!r}")


def _fulltext_table(con: sqlite3.Connection, *, want_fts5: bool) -> str:
    """Create the ``fulltext`` table when missing; return its mode, ``"fts5"`` or ``"like"``."""
    row = con.execute("SELECT sql FROM sqlite_master WHERE name = 'fulltext'").fetchone()
    if row is not None:
        mode = "fts5" if "fts5" in str(row[0]).lower() else "like"
        if mode == "fts5" and not has_fts5():
            raise InvalidInputError(
                "the database has an FTS5 full-text index, which this Python's SQLite cannot update"
            )
        return mode
    mode = "fts5" if want_fts5 and has_fts5() else "like"
    con.executescript(_FTS5 if mode == "fts5" else _LIKE)
    return mode


def to_sqlite(analysis: Analysis, path: str | os.PathLike[str], *, fulltext: bool = True) -> str:
    """Write (or update) an SQLite database with the analysis.

    Args:
        analysis: the analysis to write.
        path: the database file; created when missing, updated when it exists.
        fulltext: build the FTS5 full-text index (``False`` makes ``fulltext`` a plain table
            searched with ``LIKE``, as on a Python whose SQLite lacks FTS5). A file keeps the mode
            it was created with.

    Returns:
        The full-text mode of the file: ``"fts5"`` or ``"like"``.

    Raises:
        InvalidInputError: the file holds another schema version, or an FTS5 index this Python's
            SQLite cannot update.
        sqlite3.DatabaseError: the file is not an SQLite database.

    .. versionadded:: 0.1.0
    """
    rows = tables(analysis)
    con = sqlite3.connect(os.fspath(path))
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.executescript(_TABLES)
        _check_schema(con)
        mode = _fulltext_table(con, want_fts5=fulltext)
        with con:
            _write(con, dict(rows.items()), mode)
    finally:
        con.close()
    return mode


def _write(con: sqlite3.Connection, data: dict[str, tuple[Row, ...]], mode: str) -> None:
    con.execute("CREATE TEMP TABLE IF NOT EXISTS exported (id TEXT PRIMARY KEY)")
    con.execute("CREATE TEMP TABLE IF NOT EXISTS exported_actors (id TEXT PRIMARY KEY)")
    con.execute("DELETE FROM exported")
    con.execute("DELETE FROM exported_actors")
    con.executemany("INSERT OR IGNORE INTO exported VALUES (?)", ((r["id"],) for r in data["articles"]))
    con.executemany("INSERT OR IGNORE INTO exported_actors VALUES (?)", ((r["id"],) for r in data["actors"]))
    # The rows of every exported article are replaced: delete them first (children first).
    for table in _PER_ARTICLE:
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM exported)")
    con.execute("DELETE FROM duplicate_members WHERE article_id IN (SELECT id FROM exported)")
    con.execute(
        "DELETE FROM passages WHERE article_a IN (SELECT id FROM exported)"
        " OR article_b IN (SELECT id FROM exported)"
    )
    con.execute("DELETE FROM actor_aliases WHERE actor_id IN (SELECT id FROM exported_actors)")
    keys = {"actor_aliases": ("actor_id", "alias"), "duplicate_members": ("group_id", "article_id")}
    for table, rows in data.items():
        _insert(con, table, rows, key=keys.get(table, ("id",)))
    con.executemany(
        "INSERT INTO fulltext (text, kind, ref, article_id) VALUES (?, ?, ?, ?)",
        [(r["text"], kind, r["id"], r["article_id"])
         for kind, table in (("quote", "quotes"), ("claim", "claims")) for r in data[table]],
    )
    # Groups and actors that nothing points at any more (their articles were analysed again).
    con.execute("DELETE FROM duplicate_groups WHERE id NOT IN (SELECT group_id FROM duplicate_members)")
    con.execute(
        "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)"
        " AND id NOT IN (SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL)"
        " AND id NOT IN (SELECT source_id FROM claims WHERE source_id IS NOT NULL)"
    )
    con.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [("schema", SCHEMA), ("fulltext", mode)],
    )
    con.execute("DELETE FROM exported")
