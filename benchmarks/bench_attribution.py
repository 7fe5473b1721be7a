"""Throughput of quotation extraction and attribution, per article, on one core.

usage: python benchmarks/bench_attribution.py /path/to/polnear [--limit N] [--repeat R]

Reads every ``*/text/*.txt`` under the given folder (the PolNeAR development data; never copied
into the repository), builds the articles, then times :func:`ontherecord.attribute` (which finds
the quotations too) over all of them and prints kchars/s with a few counts. Building the
articles is the foundation's cost and is timed apart. Both wall-clock and CPU-time throughput are
printed: on a shared machine the CPU-time figure is the one-core figure.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

import ontherecord as otr


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("data", help="a folder with */text/*.txt files (PolNeAR)")
    ap.add_argument("--limit", type=int, default=None, help="read at most N files")
    ap.add_argument("--repeat", type=int, default=1, help="time the whole set R times, report the best")
    args = ap.parse_args()
    paths = sorted(pathlib.Path(args.data).glob("*/text/*.txt"))[: args.limit]
    if not paths:
        sys.exit(f"no */text/*.txt files under {args.data}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    articles = [otr.Article.from_text(t, id=p.stem) for t, p in zip(texts, paths, strict=True)]
    build = time.perf_counter() - t0
    otr.attribute(articles[0])  # load the lexicons once, outside the timing
    best = best_cpu = float("inf")
    claims = quotes = 0
    for _ in range(args.repeat):
        fresh = [otr.Article.from_text(a.text, id=a.id) for a in articles]
        t0, c0 = time.perf_counter(), time.process_time()
        claims = quotes = 0
        for a in fresh:
            found = otr.attribute(a)
            claims += len(found)
            quotes += sum(1 for c in found if c.quote is not None)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"articles: {len(articles)}  chars: {chars:,}  claims: {claims:,}  (from quotations: {quotes:,})")
    print(f"Article.from_text: {chars / build / 1e3:,.0f} kchars/s")
    print(
        f"attribute (quotes + attribution): {chars / best / 1e3:,.0f} kchars/s wall clock, "
        f"{chars / best_cpu / 1e3:,.0f} kchars/s of CPU time (the figure on a loaded machine)"
    )


if __name__ == "__main__":
    main()
