"""The command line: ``ontherecord [PATH ...]`` / ``python -m ontherecord [PATH ...]``.

Reads the given files and folders (the bundled seed articles when none are given) and prints a
readable report per article, or JSON / JSON Lines with ``--format``.

Exit codes: 0 everything was read and analysed; 1 some inputs could not be read (they are listed
on stderr, the rest is still analysed); 2 usage error or nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, TextIO

from ontherecord import __version__
from ontherecord._article import Article
from ontherecord.corpus._corpus import Corpus, _read_file
from ontherecord.errors import OnTheRecordError

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


def _article_record(a: Article) -> dict[str, Any]:
    return {
        **a.to_dict(),
        "paragraphs": [[p.start, p.end] for p in a.paragraphs],
        "sentences": [[s.start, s.end] for s in a.sentences],
        "furniture": [
            {"start": f.span.start, "end": f.span.end, "kind": f.kind, "rule": f.rule,
             "authors": list(f.authors)}
            for f in a.furniture
        ],
        "found_authors": list(a.found_authors),
    }


def _text_report(corpus: Corpus, out: TextIO) -> None:
    print(f"ontherecord {__version__}: {len(corpus)} article(s)", file=out)
    for a in corpus:
        print("", file=out)
        print("=" * 78, file=out)
        head = a.title or (a.body[0].text if a.body else "")
        print(f"{a.id}", file=out)
        if head:
            print(textwrap.shorten(head, 76, placeholder=" ..."), file=out)
        authors = a.authors or a.found_authors
        print(
            f"  {len(a.text):,} chars, {len(a.paragraphs)} paragraphs, {len(a.sentences)} sentences"
            + (f"; by {', '.join(authors)}" if authors else ""),
            file=out,
        )
        for f in a.furniture:
            print(f"  furniture ({f.kind}): {textwrap.shorten(f.text, 60, placeholder=' ...')}", file=out)


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="ontherecord",
        description="Who said what in the news: analyse articles and print a report.",
        epilog="With no PATH, the five bundled seed articles are analysed.",
    )
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files (.txt, .json, .jsonl) or folders")
    ap.add_argument("--format", choices=["text", "json", "jsonl"], default="text", help="output format")
    ap.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    ap.add_argument("--version", action="version", version=f"ontherecord {__version__}")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
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
    out: TextIO
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        _write(corpus, args.format, out)
    except BrokenPipeError:
        # the reader went away (`| head`): not an error; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        if args.out:
            out.close()
    return 1 if skipped else 0


def _write(corpus: Corpus, fmt: str, out: TextIO) -> None:
    if fmt == "text":
        _text_report(corpus, out)
    elif fmt == "json":
        doc = {"schema": "ontherecord/1", "articles": [_article_record(a) for a in corpus]}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for a in corpus:
            out.write(json.dumps(_article_record(a), ensure_ascii=False) + "\n")
