"""The command line: ``ontherecord [PATH ...]`` / ``python -m ontherecord [PATH ...]``.

Reads the given files and folders (``.txt``, ``.json``, ``.jsonl``; the bundled seed articles when
none are given), analyses them (quotations and speakers, attributed statements, actors across the
corpus, duplicates and reused passages) and writes a report:

- ``--format text`` (the default): a readable report per article, then the actors, the duplicates
  and the claim clusters with their conflicts;
- ``--format json``: one JSON document in the ``ontherecord/1`` schema (:meth:`Analysis.to_dict`);
- ``--format jsonl``: JSON Lines in the same schema (:meth:`Analysis.to_jsonl`);
- ``--format html``: a self-contained HTML report (:meth:`Analysis.to_html`), claim clusters
  (:func:`~ontherecord.cluster_claims`) included.

``--out FILE`` writes to FILE instead of standard output. While a corpus takes more than a moment,
a progress bar is drawn on standard error when it is a terminal (never into a pipe or a file;
``--no-progress`` turns it off).

Exit codes:

- ``0``: every input was read and analysed;
- ``1``: some inputs could not be read: each is listed on standard error as
  ``ontherecord: skipped PATH: reason``, and the rest was analysed and reported;
- ``2``: usage error, nothing could be read, the inputs do not form a corpus (two articles with
  one id), or the output file could not be written.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import textwrap
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ontherecord import __version__
from ontherecord._article import Article
from ontherecord.corpus._corpus import Corpus, _read_file
from ontherecord.errors import OnTheRecordError

if TYPE_CHECKING:
    from ontherecord.corpus._analysis import Analysis
    from ontherecord.corpus._clusters import ClaimCluster

__all__ = ["main"]

_READABLE = (".txt", ".json", ".jsonl")


def _load(paths: Sequence[str], err: TextIO) -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    skipped: list[str] = []
    files: list[pathlib.Path] = []
    for raw in paths:
        p = pathlib.Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in _READABLE))
        elif p.is_file():
            files.append(p)
        else:
            skipped.append(f"{p}: no such file or folder")
    for f in files:
        try:
            articles.extend(_read_file(f))
        except (OnTheRecordError, OSError) as exc:
            skipped.append(f"{f}: {exc}")
    for line in skipped:
        print(f"ontherecord: skipped {line}", file=err)
    return articles, skipped


_WIDTH = 78


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder=" ...")


def _text_report(analysis: Analysis, out: TextIO) -> None:
    from ontherecord.export._tables import ActorIndex, actor_id

    index = ActorIndex(analysis.actors)
    print(f"ontherecord {__version__}: {len(analysis.articles)} article(s)", file=out)
    for item in analysis.articles:
        a = item.article
        print("", file=out)
        print("=" * _WIDTH, file=out)
        head = a.title or (a.body[0].text if a.body else "")
        print(f"{a.id}", file=out)
        if head:
            print(_short(head, _WIDTH - 2), file=out)
        authors = a.authors or a.found_authors
        meta = [m for m in (a.source, a.published.date().isoformat() if a.published else None) if m]
        print(
            f"  {len(a.text):,} chars, {len(a.paragraphs)} paragraphs, {len(a.sentences)} sentences"
            + (f"; by {', '.join(authors)}" if authors else "")
            + (f"; {', '.join(meta)}" if meta else ""),
            file=out,
        )
        for f in a.furniture:
            print(f"  furniture ({f.kind}): {_short(f.text, 60)}", file=out)
        quotes = [q for q in item.quotes if q.kind != "scare"]
        if quotes:
            print(f"  quotations ({len(quotes)}):", file=out)
        for q in quotes:
            who = index.name(index.resolve(q.speaker)) or "(no speaker)"
            how = f", {q.cue}" if q.cue else ""
            print(f"    \u201c{_short(q.text, 56)}\u201d", file=out)
            print(f"        - {who} ({q.kind}{how})", file=out)
        reported = [c for c in item.claims if c.quote is None]
        if reported:
            print(f"  reported speech ({len(reported)}):", file=out)
        for c in reported:
            who = index.name(index.resolve(c.source)) or c.source_kind
            print(f"    {who}: {_short(c.text, _WIDTH - 8 - len(who))}", file=out)
    print("", file=out)
    print("=" * _WIDTH, file=out)
    quoted, _ = index.counts(analysis)
    actors = sorted(analysis.actors, key=lambda x: (-quoted.get(actor_id(x), 0), -len(x.mentions), x.name))
    print(f"actors ({len(actors)}), most quoted and most mentioned first:", file=out)
    for actor in actors:
        key = actor_id(actor)
        also = sorted(actor.aliases - {actor.name})
        line = f"  {actor.name} ({actor.kind}): {len(actor.mentions)} mention(s), quoted {quoted.get(key, 0)}"
        print(line, file=out)
        if also:
            print(f"      also: {_short(', '.join(also), _WIDTH - 12)}", file=out)
    print("", file=out)
    dup = analysis.duplicates
    if dup is None:
        print("duplicates: not looked for", file=out)
        return
    print(f"duplicates: {len(dup.groups)} group(s), {len(dup.passages)} reused passage(s)", file=out)
    for g in dup.groups:
        print(f"  {g.kind} copies (similarity {g.similarity:.2f}): {', '.join(g.ids)}", file=out)
    for p in dup.passages:
        print(f"  passage shared by {p.ids[0]} and {p.ids[1]} (similarity {p.similarity:.2f}):", file=out)
        print(f"    {_short(p.texts[0], _WIDTH - 4)}", file=out)


def _clusters_report(clusters: Sequence[ClaimCluster] | None, out: TextIO) -> None:
    if clusters is None:
        return
    print("", file=out)
    conflicts = sum(len(c.conflicts) for c in clusters)
    print(f"claim clusters: {len(clusters)}, {conflicts} conflict(s)", file=out)
    for c in clusters:
        print(
            f"  {c.event}: {len(c.members)} claim(s) in {', '.join(c.article_ids)}"
            f" ({c.reports} independent report(s))",
            file=out,
        )
        for x in c.conflicts:
            print(f"    CONFLICT ({x.kind}): {_short(x.reason, _WIDTH - 20)}", file=out)


class _Progress:
    """A one-line progress bar on a terminal, drawn once a run has taken ``delay`` seconds.

    The clock only decides whether and when to draw; it never touches the results.
    """

    def __init__(self, stream: TextIO, *, delay: float = 0.5, enabled: bool | None = None) -> None:
        self.stream = stream
        self.delay = delay
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.started = time.monotonic()
        self.drawn = False
        self.last = 0.0

    def __call__(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        last = total is not None and done >= total
        if now - self.started < self.delay or (now - self.last < 0.1 and not last):
            return
        self.last = now
        if total is None:
            line = f"analysing: {done} article(s)"
        else:
            width = 30
            filled = width * min(done, total) // max(total, 1)
            bar = "#" * filled + "." * (width - filled)
            tail = " - resolving actors, finding duplicates" if last else ""
            line = f"analysing [{bar}] {done}/{total} article(s){tail}"
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="ontherecord",
        description="Who said what in the news: analyse articles and print a report.",
        epilog="With no PATH, the five bundled seed articles are analysed. Exit codes: 0 all read; "
        "1 some inputs skipped (listed on stderr); 2 usage error, nothing readable, or output not "
        "writable.",
    )
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files (.txt, .json, .jsonl) or folders")
    ap.add_argument(
        "--format", choices=["text", "json", "jsonl", "html"], default="text", help="output format"
    )
    ap.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    ap.add_argument("--no-progress", action="store_true", help="never draw the progress bar")
    ap.add_argument("--version", action="version", version=f"ontherecord {__version__}")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module documentation)."""
    args = _parser().parse_args(argv)
    err = sys.stderr
    if args.paths:
        articles, skipped = _load(args.paths, err)
        if not articles:
            print("ontherecord: nothing could be read", file=err)
            return 2
        try:
            corpus = Corpus(articles)
        except OnTheRecordError as exc:
            print(f"ontherecord: {exc}", file=err)
            return 2
    else:
        from ontherecord.examples import seeds

        corpus, skipped = seeds(), []
    progress = _Progress(err, enabled=False if args.no_progress else None)
    try:
        analysis = corpus.analyze(progress=progress)
        clusters = None
        if args.format in ("text", "html"):
            from ontherecord.corpus._clusters import cluster_claims

            clusters = cluster_claims(corpus)
    finally:
        progress.finish()
    try:
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    except OSError as exc:
        print(f"ontherecord: cannot write {args.out}: {exc.strerror or exc}", file=err)
        return 2
    try:
        _write(analysis, args.format, out, clusters)
    except BrokenPipeError:
        # the reader went away (`| head`): not an error; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        if args.out:
            out.close()
    if skipped:
        print(f"ontherecord: {len(skipped)} input(s) skipped, listed above", file=err)
    return 1 if skipped else 0


def _write(analysis: Analysis, fmt: str, out: TextIO, clusters: Sequence[ClaimCluster] | None) -> None:
    if fmt == "text":
        _text_report(analysis, out)
        _clusters_report(clusters, out)
    elif fmt == "json":
        out.write(analysis.to_json() + "\n")
    elif fmt == "jsonl":
        for record in analysis.records():
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    else:
        from ontherecord.export._html import render

        out.write(render(analysis, clusters=clusters))
