"""The command line reads files and folders, reports on them, and uses documented exit codes."""

from __future__ import annotations

import io
import json
import pathlib
import subprocess
import sys

import ontherecord as otr
from ontherecord.cli import _Progress, main


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
    assert records[0]["$type"] == "Header"
    assert [r["article"]["id"] for r in records if r["$type"] == "ArticleAnalysis"] == ["good"]


def test_nothing_readable_is_exit_2(tmp_path: pathlib.Path) -> None:
    """When no input can be read the exit code is 2."""
    assert main([str(tmp_path / "missing.txt")]) == 2


def test_json_output_to_file(tmp_path: pathlib.Path) -> None:
    """--format json --out writes one ontherecord/1 document that reads back as the same analysis."""
    target = tmp_path / "out.json"
    assert main(["--format", "json", "--out", str(target)]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["schema"] == "ontherecord/1"
    assert otr.Analysis.from_dict(doc) == otr.examples.seeds().analyze()


def test_jsonl_output_reads_back(tmp_path: pathlib.Path) -> None:
    """--format jsonl --out writes JSON Lines that Analysis.from_jsonl reads back."""
    target = tmp_path / "out.jsonl"
    assert main(["--format", "jsonl", "--out", str(target)]) == 0
    assert otr.Analysis.from_jsonl(target) == otr.examples.seeds().analyze()


def test_html_output(tmp_path: pathlib.Path) -> None:
    """--format html writes the self-contained report with the highlighted, labelled quotations."""
    target = tmp_path / "report.html"
    assert main(["--format", "html", "--out", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<mark class="quote' in page
    assert 'data-speaker="Fawaz Gerges"' in page
    assert "<script" not in page


def test_text_report_has_quotes_actors_duplicates(capsys) -> None:  # type: ignore[no-untyped-def]
    """The text report lists quotations with their speakers, the actors, and the duplicates."""
    assert main(["--no-progress"]) == 0
    out = capsys.readouterr().out
    analysis = otr.examples.seeds().analyze()
    gerges = next(q for _, q in analysis.quotes if q.speaker and q.speaker.name == "Fawaz Gerges")
    assert f"\u201c{' '.join(gerges.text.split())[:30]}" in out
    assert "- Fawaz Gerges (direct" in out
    assert "actors (" in out
    assert "Fawaz Gerges (person):" in out
    assert "duplicates: 0 group(s)" in out


def test_text_report_shows_duplicate_groups(tmp_path: pathlib.Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Two copies of one article are reported as a duplicate group."""
    text = (otr.examples.seeds()[otr.examples.seeds().ids[1]]).text
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert "exact copies (similarity 1.00): a, b" in capsys.readouterr().out


def test_unwritable_output_is_exit_2(tmp_path: pathlib.Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """An --out path that cannot be written is a clear error with exit code 2."""
    assert main(["--out", str(tmp_path / "no" / "such" / "dir" / "x.txt")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys) -> None:  # type: ignore[no-untyped-def]
    """Into a pipe or a file, stderr gets no progress bar (no carriage returns, no escapes)."""
    assert main([]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "analysing" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal() -> None:
    """On a terminal the bar counts articles, says what comes after them, and is wiped at the end."""
    stream = _Terminal()
    progress = _Progress(stream, delay=0)
    assert progress.enabled
    for done in range(1, 4):
        progress(done, 3)
    progress.finish()
    text = stream.getvalue()
    assert "3/3 article(s)" in text
    assert "finding duplicates" in text
    assert text.endswith("\r\x1b[K")
    assert _Progress(io.StringIO()).enabled is False
    unknown = _Terminal()
    _Progress(unknown, delay=0)(7, None)
    assert "7 article(s)" in unknown.getvalue()


def test_progress_bar_is_quiet_for_a_quick_run() -> None:
    """A run shorter than the delay draws nothing, even on a terminal."""
    stream = _Terminal()
    progress = _Progress(stream, delay=3600)
    progress(1, 1)
    progress.finish()
    assert stream.getvalue() == ""


def test_exit_codes_are_documented() -> None:
    """The module docstring documents every exit code main returns."""
    import ontherecord.cli as cli

    doc = cli.__doc__ or ""
    for code in ("``0``", "``1``", "``2``"):
        assert code in doc


def test_text_report_lists_claim_conflicts(capsys) -> None:  # type: ignore[no-untyped-def]
    """The text report ends with the claim clusters and flags the conflicts in them."""
    assert main([]) == 0
    out = capsys.readouterr().out
    clusters = otr.cluster_claims(otr.examples.seeds())
    conflicts = sum(len(c.conflicts) for c in clusters)
    assert f"claim clusters: {len(clusters)}, {conflicts} conflict(s)" in out
    assert out.count("CONFLICT (") == conflicts
