"""Importing the package is cheap and side-effect free."""

from __future__ import annotations

import subprocess
import sys

OPTIONAL = ("dateparser", "pandas", "dask", "distributed", "spacy", "datasketch", "numpy")


def test_import_loads_no_optional_or_heavy_module() -> None:
    """`import ontherecord` loads neither dateparser nor any optional extra."""
    code = (
        "import sys, ontherecord\n"
        f"print(','.join(m for m in {OPTIONAL!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_reads_no_data_file() -> None:
    """Lexicons are read on first use, not at import."""
    code = (
        "import ontherecord\n"
        "from ontherecord._data import lines\n"
        "print(lines.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
