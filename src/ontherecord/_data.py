"""Lexicons and gazetteers shipped as plain text files in ``ontherecord/data``.

Each file starts with ``#`` comment lines that record where the list came from; blank lines and
comment lines are skipped. Files are read once, on first use, never at import.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any

import regex

__all__ = ["lines", "trie", "word_set"]


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


def trie(words: Sequence[str]) -> str:
    """A regular expression matching any of ``words``, factored by common prefixes so the engine
    tries each letter once (a flat alternation of hundreds of words is several times slower)."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(tree)
