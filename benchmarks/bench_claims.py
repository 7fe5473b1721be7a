"""Throughput of claim extraction and clustering on PolNeAR news text.

usage: python benchmarks/bench_claims.py PATH/TO/polnear [--limit N] [--cluster N]

Reads ``train/text/*.txt`` and ``dev/text/*.txt`` with their publication dates from
``metadata.tsv`` (the data stays outside the repository: pass its path). Prints one JSON line with
characters read, claims found (attributed and the writer's own, by rule), the share hedged,
negated, denied and carrying events, throughput of :func:`ontherecord.extract_claims` in thousands
of characters per second (attribution, actors, times and quantities included), and the time and
result of :func:`ontherecord.cluster_claims` on the first ``--cluster`` articles.
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
from ontherecord.corpus._clusters import cluster_claims
from ontherecord.extract._claims import extract_claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=pathlib.Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cluster", type=int, default=200, help="articles to cluster (0: none)")
    args = parser.parse_args(argv)
    articles = load(args.path, args.limit)
    if not articles:
        print("no articles found", file=sys.stderr)
        return 1
    chars = sum(len(a.text) for a in articles)
    for a in articles:  # segmentation is the Article's cost, not ours: compute it up front
        _ = a.sentences
    extract_claims(Article.from_text("Iran said 30 troops were killed on Jan. 8.", published="2020-01-20"))

    t0 = time.perf_counter()
    claims = [extract_claims(a) for a in articles]
    seconds = time.perf_counter() - t0

    flat = [s for cs in claims for s in cs]
    by_rule = collections.Counter(s.rule for s in flat)
    n = max(1, len(flat))
    report: dict[str, object] = {
        "articles": len(articles),
        "kchars": round(chars / 1000, 1),
        "claims": len(flat),
        "claims_by_rule": dict(by_rule.most_common()),
        "check_worthy": round(sum(s.check_worthy for s in flat) / n, 3),
        "hedged": round(sum(s.hedged for s in flat) / n, 3),
        "negated": round(sum(s.negated for s in flat) / n, 3),
        "denied": round(sum(s.denied for s in flat) / n, 3),
        "with_events": round(sum(bool(s.events) for s in flat) / n, 3),
        "with_counts": round(sum(any(e.count for e in s.events) for s in flat) / n, 3),
        "claims_seconds": round(seconds, 2),
        "claims_kchars_per_s": round(chars / 1000 / seconds, 1),
    }
    if args.cluster:
        subset = articles[: args.cluster]
        t0 = time.perf_counter()
        clusters = cluster_claims(subset)
        report["cluster_articles"] = len(subset)
        report["cluster_seconds"] = round(time.perf_counter() - t0, 2)
        report["clusters"] = len(clusters)
        report["clusters_by_event"] = dict(collections.Counter(c.event for c in clusters).most_common())
        report["clusters_multi_article"] = sum(len(c.article_ids) > 1 for c in clusters)
        report["clusters_with_conflicts"] = sum(bool(c.conflicts) for c in clusters)
        report["largest_cluster"] = max((len(c.members) for c in clusters), default=0)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
