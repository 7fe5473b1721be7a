"""The code is typed (mypy --strict) and lint-clean (ruff): part of the test command."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    beside = pathlib.Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the dev extra (pip install -e '.[dev]')")
    return [found]


def test_mypy_strict() -> None:
    """mypy --strict finds no error in src/."""
    out = subprocess.run([*_tool("mypy"), "--strict", "src/ontherecord"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:]


def test_ruff() -> None:
    """ruff finds nothing in src/, tests/, benchmarks/ and fuzz/."""
    out = subprocess.run([*_tool("ruff"), "check", "src", "tests", "benchmarks", "fuzz"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:]
