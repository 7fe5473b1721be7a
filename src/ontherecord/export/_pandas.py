"""An :class:`~ontherecord.Analysis` as pandas DataFrames (the optional ``pandas`` extra).

pandas is imported only when :func:`to_pandas` is called; without it the call raises
:class:`~ontherecord.errors.MissingDependencyError`, whose message gives the install command
(``pip install 'ontherecord[pandas]'``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ontherecord.errors import MissingDependencyError
from ontherecord.export._tables import COLUMNS, tables

if TYPE_CHECKING:
    from ontherecord.corpus._analysis import Analysis

__all__ = ["FRAMES", "to_pandas"]

#: The DataFrames :func:`to_pandas` returns, in this order: the five the issue names, then the
#: passages, times, quantities and actor mentions.
FRAMES = ("articles", "quotes", "claims", "actors", "duplicates", "passages", "times", "quantities",
          "mentions")


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise MissingDependencyError("pandas", "pandas") from exc


def to_pandas(analysis: Analysis) -> dict[str, Any]:
    """Return the analysis as one pandas DataFrame per table.

    The frames hold the same columns as the SQLite tables (see :doc:`/howto/export`): ``articles``
    (one row per article, ``id`` as a column), ``quotes`` and ``claims`` (one row per annotation,
    with ``article_id``, ``start``, ``end``, the speaker or source name and actor id), ``actors``
    (name, kind, aliases, and how often each is mentioned, quoted and a source), ``duplicates``
    (one row per member of a duplicate group: ``group_id``, ``article_id``, ``position`` 0 for the
    representative, ``kind``, ``similarity``), ``passages`` (reused passages, both sides),
    ``times``, ``quantities`` and ``mentions``. Every frame has its columns even when it has no
    rows; tuples (authors, aliases, roles) stay tuples; ``articles.published`` is a UTC timestamp.

    Args:
        analysis: the analysis.

    Returns:
        A dict from frame name (:data:`FRAMES`, in that order) to DataFrame.

    Raises:
        MissingDependencyError: pandas is not installed.

    .. versionadded:: 0.1.0
    """
    pd = _pandas()
    rows = tables(analysis)
    groups = {g["id"]: g for g in rows.duplicate_groups}
    duplicates = [
        {**m, "kind": groups[m["group_id"]]["kind"], "similarity": groups[m["group_id"]]["similarity"],
         "representative": groups[m["group_id"]]["representative"]}
        for m in rows.duplicate_members
    ]
    columns = {"duplicates": ("group_id", "article_id", "position", "kind", "similarity", "representative")}
    source = {
        "articles": rows.articles, "quotes": rows.quotes, "claims": rows.claims,
        "actors": rows.actors, "duplicates": tuple(duplicates), "passages": rows.passages,
        "times": rows.times, "quantities": rows.quantities, "mentions": rows.mentions,
    }
    frames: dict[str, Any] = {}
    for name in FRAMES:
        data = list(source[name])
        cols = list(data[0]) if data else list(columns.get(name) or COLUMNS[name])
        frames[name] = pd.DataFrame.from_records(data, columns=cols)
    # Publication dates as timezone-aware timestamps (in UTC), so frames sort and group by date.
    frames["articles"]["published"] = pd.to_datetime(frames["articles"]["published"], utc=True)
    return frames
