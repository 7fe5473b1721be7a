"""The public API is pinned: every name in ``ontherecord.__all__`` with its signature.

A change to this snapshot is a change to the public API: it needs a CHANGELOG entry (and, for a
removal or an incompatible change, a deprecation first). Regenerate with
``ONTHERECORD_UPDATE_SNAPSHOT=1 pytest tests/test_public_api.py``.
"""

from __future__ import annotations

import inspect
import os
import pathlib

import ontherecord

SNAPSHOT = pathlib.Path(__file__).parent / "data" / "public_api.txt"


def _describe(name: str, obj: object) -> list[str]:
    if inspect.ismodule(obj):
        public = getattr(obj, "__all__", ())
        return [f"{name}: module"] + [
            f"{name}.{sub}: {_signature(getattr(obj, sub))}" for sub in sorted(public)
        ]
    return [f"{name}: {_signature(obj)}"]


def _signature(obj: object) -> str:
    if isinstance(obj, str):
        return "str"
    kind = "class" if inspect.isclass(obj) else "function"
    try:
        sig = str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        sig = "(...)"
    if inspect.isclass(obj):
        methods = sorted(
            m for m, v in vars(obj).items()
            if not m.startswith("_") and (callable(v) or isinstance(v, classmethod | property))
        )
        attributes = getattr(obj, "__attrs_attrs__", ())
        fields = sorted(a.name for a in attributes)
        extra = ""
        if fields:
            extra += f" fields={fields}"
        if methods:
            extra += f" members={methods}"
        return f"{kind}{sig}{extra}"
    return f"{kind}{sig}"


def current() -> str:
    lines: list[str] = []
    for name in ontherecord.__all__:
        lines.extend(_describe(name, getattr(ontherecord, name)))
    return "\n".join(lines) + "\n"


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted, has no duplicates, and every name in it exists."""
    names = list(ontherecord.__all__)
    assert names == sorted(names)
    assert len(set(names)) == len(names)
    for name in names:
        assert hasattr(ontherecord, name), name


def test_public_api_snapshot() -> None:
    """The public names and their signatures match the pinned snapshot."""
    now = current()
    if os.environ.get("ONTHERECORD_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(now, encoding="utf-8")
    assert now == SNAPSHOT.read_text(encoding="utf-8")
