"""Full-pipeline throughput with 1, 2 and N worker processes, and the speed-up.

usage: python benchmarks/bench_scale.py /path/to/polnear [--limit N] [--workers 1,2,4] [--dask]

Reads every ``*/text/*.txt`` under the given folder (the PolNeAR development data; never copied
into the repository) and times :func:`ontherecord.analyze` (every extractor, actors across the
corpus, deduplication, claim clusters) with each worker count, on fresh articles each time. Prints
kchars/s of wall clock, the speed-up over one worker, and the share of the time spent in the
per-article map (the part the workers share) against the corpus-level steps (actor resolution,
deduplication, claim clustering: run once, in the calling process). With ``--dask`` it also
times :func:`ontherecord.analyze_dask` on a ``distributed.LocalCluster`` with the largest worker
count. The results are checked to be equal. On a shared machine, read the CPU-time figure of the
one-worker run as the one-core throughput.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

from _polnear import load

import ontherecord as otr


def _fresh(articles: list[otr.Article]) -> list[otr.Article]:
    return [otr.Article.from_text(a.text, id=a.id) for a in articles]


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("data", help="a folder with */text/*.txt files (PolNeAR)")
    ap.add_argument("--limit", type=int, default=None, help="read at most N files")
    cores = os.cpu_count() or 1
    ap.add_argument(
        "--workers", default=",".join(str(w) for w in sorted({1, 2, cores})),
        help="worker counts to time (default: 1, 2 and the number of cores)",
    )
    ap.add_argument("--dask", action="store_true", help="also time analyze_dask on a LocalCluster")
    args = ap.parse_args()
    articles = load(pathlib.Path(args.data), args.limit)
    if not articles:
        sys.exit(f"no */text/*.txt files under {args.data}")
    chars = sum(len(a.text) for a in articles)
    counts = [int(w) for w in args.workers.split(",")]
    otr.analyze(articles[:2])  # load lexicons and dateparser once, outside the timing
    print(f"articles: {len(articles)}  chars: {chars:,}  cores: {cores}")
    print(f"{'workers':>8} {'wall s':>8} {'kchars/s':>9} {'speed-up':>9} {'map s':>7} {'corpus s':>9}"
          f" {'CPU kchars/s':>13}")
    base = None
    reference = None
    for w in counts:
        fresh = _fresh(articles)
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in otr.iter_analyses(fresh, workers=w):
            pass
        mapped = time.perf_counter() - t0
        fresh = _fresh(articles)
        t0, c0 = time.perf_counter(), time.process_time()
        result = otr.analyze(fresh, workers=w)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0  # this process only: meaningful for one worker
        if reference is None:
            reference = result
        elif result != reference:
            sys.exit(f"the analysis with {w} workers differs from the one-worker analysis")
        base = base or wall
        cpu_rate = f"{chars / cpu / 1e3:13,.1f}" if w == 1 else f"{'':>13}"
        print(f"{w:>8} {wall:8.1f} {chars / wall / 1e3:9.1f} {base / wall:9.2f} {mapped:7.1f}"
              f" {max(0.0, wall - mapped):9.1f} {cpu_rate}")
    if args.dask:
        from distributed import Client, LocalCluster

        w = max(counts)
        with (
            LocalCluster(n_workers=w, processes=True, threads_per_worker=1, dashboard_address=None) as cl,
            Client(cl) as client,
        ):
            otr.analyze_dask(articles[:2], client=client)  # start the workers' imports
            fresh = _fresh(articles)
            t0 = time.perf_counter()
            result = otr.analyze_dask(fresh, client=client)
            wall = time.perf_counter() - t0
        if result != reference:
            sys.exit("the Dask analysis differs from the local analysis")
        assert base is not None
        print(f"{'dask ' + str(w):>8} {wall:8.1f} {chars / wall / 1e3:9.1f} {base / wall:9.2f}")


if __name__ == "__main__":
    main()
