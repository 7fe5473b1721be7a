"""The ``ontherecord/1`` JSON schema: a lossless, readable encoding of every public value.

Every attrs value is written as a JSON object of its fields plus ``"$type"`` (the class name), a
:class:`~ontherecord.Span` as ``{"start": s, "end": e}``, tuples and frozensets as lists
(frozensets sorted, so output is deterministic), datetimes as ISO 8601 strings. Reading follows the
same rules back, so ``decode(encode(x)) == x`` for every registered type.

Types are found by name in a registry. The built-in types register themselves on first use; a
plugin registers its own annotation types with :func:`register_type` to have them read back as
objects (unregistered ``"$type"`` objects are read back as plain dicts).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from typing import Any

import attrs

from ontherecord._article import Span
from ontherecord.errors import InvalidInputError

__all__ = ["SCHEMA", "decode", "encode", "register_type"]

#: The schema name and version written into every export.
SCHEMA = "ontherecord/1"

_BUILTIN_TYPES = {
    "Article": "ontherecord._article",
    "Segment": "ontherecord._article",
    "Furniture": "ontherecord._article",
    "Quote": "ontherecord._claim",
    "Claim": "ontherecord._claim",
    "Actor": "ontherecord._actor",
    "ActorMention": "ontherecord._actor",
    "TimeExpression": "ontherecord.extract._times",
    "Quantity": "ontherecord.extract._quantities",
    "DedupResult": "ontherecord.corpus._dedup",
    "DuplicateGroup": "ontherecord.corpus._dedup",
    "ReusedPassage": "ontherecord.corpus._dedup",
    "PairDecision": "ontherecord.corpus._dedup",
    "DedupParams": "ontherecord.corpus._dedup",
    "Statement": "ontherecord.extract._claims",
    "ClaimCue": "ontherecord.extract._claims",
    "ClaimEvent": "ontherecord.extract._claims",
    "ClaimCluster": "ontherecord.corpus._clusters",
    "ClusterMember": "ontherecord.corpus._clusters",
    "ClaimConflict": "ontherecord.corpus._clusters",
    "ArticleAnalysis": "ontherecord.corpus._analysis",
    "Analysis": "ontherecord.corpus._analysis",
    "Annotations": "ontherecord.corpus._analysis",
}
_registry: dict[str, type] = {}


def register_type(cls: type, *, name: str | None = None) -> type:
    """Register an attrs class so that exports of it are read back as instances.

    Args:
        cls: an attrs class whose fields are themselves encodable.
        name: the ``"$type"`` name; defaults to the class name.

    Returns:
        ``cls``, so this works as a class decorator.

    Raises:
        InvalidInputError: ``cls`` is not an attrs class, or another class has the name.

    .. versionadded:: 0.1.0
    """
    if not attrs.has(cls):
        raise InvalidInputError(f"{cls!r} is not an attrs class")
    key = name or cls.__name__
    if _registry.get(key, cls) is not cls:
        raise InvalidInputError(f"another type is already registered as {key!r}")
    _registry[key] = cls
    return cls


def _lookup(name: str) -> type | None:
    cls = _registry.get(name)
    if cls is None and name in _BUILTIN_TYPES:
        cls = getattr(importlib.import_module(_BUILTIN_TYPES[name]), name)
        _registry[name] = cls
    return cls


def encode(value: Any) -> Any:
    """Encode a value as JSON-compatible data (see the module documentation for the rules)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end}
    if attrs.has(type(value)):
        out: dict[str, Any] = {"$type": type(value).__name__}
        for f in attrs.fields(type(value)):
            if not f.init:
                continue
            out[f.alias or f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        items = [encode(v) for v in value]
        return sorted(items, key=_sort_key)
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    raise InvalidInputError(f"cannot encode a {type(value).__name__} in the {SCHEMA} schema")


def _sort_key(item: Any) -> str:
    import json

    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def decode(data: Any) -> Any:
    """Decode data written by :func:`encode` back to values.

    Raises:
        InvalidInputError: an object of a registered type does not fit that type.
    """
    if isinstance(data, list):
        return tuple(decode(v) for v in data)
    if not isinstance(data, dict):
        return data
    if len(data) == 2 and "start" in data and "end" in data:
        return Span(data["start"], data["end"])
    name = data.get("$type")
    cls = _lookup(name) if isinstance(name, str) else None
    if cls is None:
        return {k: decode(v) for k, v in data.items()}
    kwargs: dict[str, Any] = {}
    for f in attrs.fields(cls):
        if not f.init:
            continue
        key = f.alias or f.name
        if key not in data:
            continue
        value = decode(data[key])
        if isinstance(value, tuple) and str(f.type).startswith(("frozenset", "FrozenSet")):
            value = frozenset(value)
        kwargs[key] = value
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"cannot read a {name} from {SCHEMA} data: {exc}") from exc
