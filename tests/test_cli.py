"""The command line reads files and folders, reports on them, and uses documented exit codes."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

from ontherecord.cli import main


def test_seeds_report_when_no_path(capsys) -> None:  # type: ignore[no-untyped-def]
    """With no path the bundled seeds are analysed and each article is named in the report."""
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "5 article(s)" in out
    assert "003_485e55baddcabb7a" in out
    assert "by Duns Scotus" in out


def test_module_entry_point() -> None:
    """`python -m ontherecord` runs and exits 0."""
    out = subprocess.run([sys.executable, "-m", "ontherecord"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "article(s)" in out.stdout


def test_unreadable_file_is_skipped_and_listed(tmp_path: pathlib.Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A file that cannot be read is listed on stderr, the others are still analysed, exit code 1."""
    (tmp_path / "good.txt").write_text("Officials said so.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    assert main([str(tmp_path), "--format", "jsonl"]) == 1
    cap = capsys.readouterr()
    assert "bad.txt" in cap.err
    records = [json.loads(line) for line in cap.out.splitlines()]
    assert [r["id"] for r in records] == ["good"]


def test_nothing_readable_is_exit_2(tmp_path: pathlib.Path) -> None:
    """When no input can be read the exit code is 2."""
    assert main([str(tmp_path / "missing.txt")]) == 2


def test_json_output_to_file(tmp_path: pathlib.Path) -> None:
    """--format json --out writes one JSON document with the schema name and exact spans."""
    target = tmp_path / "out.json"
    assert main(["--format", "json", "--out", str(target)]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["schema"] == "ontherecord/1"
    art = doc["articles"][0]
    for start, end in art["sentences"]:
        assert art["text"][start:end].strip() == art["text"][start:end]
