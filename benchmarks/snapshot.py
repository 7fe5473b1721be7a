"""Snapshot every per-article result, to check that a speed-up changes nothing.

usage::

    PYTHONHASHSEED=0 python benchmarks/snapshot.py write /path/to/polnear /tmp/before.jsonl
    (change the code)
    PYTHONHASHSEED=0 python benchmarks/snapshot.py write /path/to/polnear /tmp/after.jsonl
    python benchmarks/snapshot.py compare /tmp/before.jsonl /tmp/after.jsonl

``write`` runs :func:`ontherecord.analyze_article` and the article-level actor analysis over every
``*/text/*.txt`` under the given folder (the PolNeAR development data; never copied into the
repository), the bundled seeds and 50 KB of each input of ``bench_adversarial.py``, and writes
one canonical JSON line per article. ``compare`` names the articles whose results differ and the
parts that differ. Keep the snapshots outside the repository. Run ``write`` with the same
``PYTHONHASHSEED`` both times: the actor analysis is compared through its ``repr``, which prints
sets in their iteration order.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

import ontherecord as otr
from ontherecord.corpus._analysis import analyze_article
from ontherecord.export._schema import encode
from ontherecord.extract._actors import analyse_article


def _line(article: otr.Article) -> str:
    row = {"id": article.id, "an": encode(analyze_article(article)), "actors": repr(analyse_article(article))}
    return json.dumps(row, sort_keys=True, default=repr)


def write(data: pathlib.Path, out: pathlib.Path) -> None:
    from bench_adversarial import _inputs

    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in sorted(data.glob("*/text/*.txt")):
            fh.write(_line(otr.Article.from_text(path.read_text(encoding="utf-8"), id=path.name)) + "\n")
            count += 1
        for article in otr.examples.seeds():
            fh.write(_line(article) + "\n")
            count += 1
        for name, text in sorted(_inputs(50_000).items()):
            fh.write(_line(otr.Article.from_text(text, id="adversarial-" + name)) + "\n")
            count += 1
    print(f"wrote {count} articles to {out}")


def compare(before: pathlib.Path, after: pathlib.Path) -> int:
    a = [json.loads(line) for line in before.open(encoding="utf-8")]
    b = [json.loads(line) for line in after.open(encoding="utf-8")]
    if [x["id"] for x in a] != [y["id"] for y in b]:
        print("the snapshots hold different articles")
        return 1
    differing = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        differing += 1
        parts = [k for k in x["an"] if x["an"][k] != y["an"].get(k)]
        if x["actors"] != y["actors"]:
            parts.append("actors")
        print(f"{x['id']}: {', '.join(parts)}")
    print(f"{len(a)} articles, {differing} differing")
    return 1 if differing else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write a snapshot")
    w.add_argument("data", type=pathlib.Path, help="a folder with */text/*.txt files (PolNeAR)")
    w.add_argument("out", type=pathlib.Path)
    c = sub.add_parser("compare", help="compare two snapshots")
    c.add_argument("before", type=pathlib.Path)
    c.add_argument("after", type=pathlib.Path)
    args = ap.parse_args()
    if args.command == "write":
        write(args.data, args.out)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
