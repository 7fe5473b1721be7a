"""Throughput of time-expression and quantity extraction on PolNeAR news text.

usage: python benchmarks/bench_times.py PATH/TO/polnear [--limit N]

Reads ``train/text/*.txt`` and ``dev/text/*.txt`` with their publication dates from
``metadata.tsv`` (the data stays outside the repository: pass its path). Prints one JSON line with
characters read, expressions found per type, the share of date-like expressions resolved, and
throughput in thousands of characters per second for times, quantities and both. The first article
is run once before timing so dateparser's import is not counted (its cost is printed apart).
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys
import time

from _polnear import load

from ontherecord._article import Article
from ontherecord.extract._quantities import extract_quantities
from ontherecord.extract._times import extract_times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=pathlib.Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    articles = load(args.path, args.limit)
    if not articles:
        print("no articles found", file=sys.stderr)
        return 1
    chars = sum(len(a.text) for a in articles)
    for a in articles:  # segmentation is the Article's cost, not ours: compute it up front
        _ = a.sentences

    t0 = time.perf_counter()
    extract_times(Article.from_text("It happened on Jan. 8.", published="2020-01-20"))
    warmup = time.perf_counter() - t0

    t0 = time.perf_counter()
    times = [extract_times(a) for a in articles]
    t_times = time.perf_counter() - t0
    t0 = time.perf_counter()
    quantities = [extract_quantities(a) for a in articles]
    t_quantities = time.perf_counter() - t0

    by_type = collections.Counter(t.type for ts in times for t in ts)
    by_rule = collections.Counter(t.rule for ts in times for t in ts)
    datelike = [t for ts in times for t in ts if t.type in ("date", "time")]
    resolved = sum(t.value is not None for t in datelike)
    approx = sum(q.approximate for qs in quantities for q in qs)
    with_unit = sum(q.unit is not None for qs in quantities for q in qs)
    n_q = sum(len(qs) for qs in quantities)
    report = {
        "articles": len(articles),
        "kchars": round(chars / 1000, 1),
        "times": sum(by_type.values()),
        "times_by_type": dict(sorted(by_type.items())),
        "times_by_rule": dict(by_rule.most_common()),
        "date_or_time_resolved": round(resolved / max(1, len(datelike)), 3),
        "quantities": n_q,
        "quantities_with_unit": round(with_unit / max(1, n_q), 3),
        "quantities_approximate": approx,
        "dateparser_first_call_s": round(warmup, 3),
        "times_kchars_per_s": round(chars / 1000 / t_times, 1),
        "quantities_kchars_per_s": round(chars / 1000 / t_quantities, 1),
        "times_and_quantities_kchars_per_s": round(chars / 1000 / (t_times + t_quantities), 1),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
