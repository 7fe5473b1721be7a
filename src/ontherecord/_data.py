"""Lexicons and gazetteers shipped as plain text files in ``ontherecord/data``.

Each file starts with ``#`` comment lines that record where the list came from; blank lines and
comment lines are skipped. Files are read once, on first use, never at import.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["lines", "word_set"]


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """Return the entries of ``data/<name>.txt``: stripped, non-blank, non-comment lines, in file
    order."""
    raw = resources.files("ontherecord").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            out.append(entry)
    return tuple(out)


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """Return the entries of ``data/<name>.txt`` as a frozenset."""
    return frozenset(lines(name))
