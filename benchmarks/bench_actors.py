"""Throughput of actor extraction (per article) and of corpus resolution.

usage: python benchmarks/bench_actors.py /path/to/polnear [--limit N]

Reads every ``*/text/*.txt`` under the given folder (the PolNeAR development data; never copied
into the repository), finds the actors of each article, then resolves them across the corpus, and
prints kchars/s for both and a few counts.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

from _polnear import load

import ontherecord as otr
from ontherecord.extract._actors import analyse_article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", help="a folder with */text/*.txt files (PolNeAR)")
    ap.add_argument("--limit", type=int, default=None, help="read at most N files")
    args = ap.parse_args()
    articles = load(pathlib.Path(args.data), args.limit)
    if not articles:
        sys.exit(f"no */text/*.txt files under {args.data}")
    chars = sum(len(a.text) for a in articles)
    for a in articles:  # segmentation is the foundation's cost, not the actor finder's
        _ = a.sentences
    t0 = time.perf_counter()
    mentions = actors = 0
    for a in articles:
        found = analyse_article(a).actors
        actors += len(found)
        mentions += sum(len(x.mentions) for x in found)
    t1 = time.perf_counter()
    corpus_actors = otr.find_actors(articles)
    t2 = time.perf_counter()
    print(f"articles: {len(articles)}  chars: {chars}")
    print(f"actor extraction: {chars / 1000 / (t1 - t0):.1f} kchars/s "
          f"({actors} article actors, {mentions} mentions, {t1 - t0:.2f} s)")
    print(f"find_actors over the corpus (extraction + resolution): {chars / 1000 / (t2 - t1):.1f} kchars/s "
          f"({len(corpus_actors)} corpus actors, {t2 - t1:.2f} s)")


if __name__ == "__main__":
    main()
