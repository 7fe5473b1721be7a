"""Scaling of deduplication: time and peak memory from 10^3 to 10^5 synthetic articles.

usage: python benchmarks/bench_dedup.py [--sizes 1000 10000 100000] [--no-memory] [DEV_DATA]

Synthetic articles are generated deterministically (``random.Random(seed)``): words drawn from a
Zipf-like vocabulary, six paragraphs of about 45 words each; one article in five is a copy of an
earlier one (exact, retitled, cut after half, or with one word in six replaced) and one in twenty
has two paragraphs of another pasted in, so the index, the verification and the alignment all
get work in proportion to the corpus. For each size it prints the wall time and documents per
second of ``deduplicate`` (and its CPU time, which a busy machine disturbs less), then, unless
``--no-memory``, the peak memory of a second run under ``tracemalloc`` above the corpus itself.

Given DEV_DATA (the dedup-dev folder with ``docs.jsonl``; never copied into the repository), it
also prints documents per second on that real data, counting ``deduplicate`` alone as the
yardstick does.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pathlib
import random
import time
import tracemalloc

import ontherecord as otr

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _vocabulary(rng: random.Random, size: int = 30_000) -> tuple[list[str], list[float]]:
    words = sorted({"".join(rng.choices(_LETTERS, k=rng.randint(2, 10))) for _ in range(size)})
    rng.shuffle(words)
    cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(words))))
    return words, cum


def _paragraph(rng: random.Random, words: list[str], cum: list[float]) -> str:
    n = rng.randint(25, 65)
    chosen = rng.choices(words, cum_weights=cum, k=n)
    return " ".join(chosen).capitalize() + "."


def synthetic(n: int, seed: int = 0) -> list[otr.Article]:
    """Return ``n`` synthetic articles, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    words, cum = _vocabulary(rng)
    texts: list[str] = []
    for _ in range(n):
        roll = rng.random()
        if texts and roll < 0.2:
            paras = texts[rng.randrange(len(texts))].split("\n\n")
            op = rng.randrange(4)
            if op == 1:
                paras = [_paragraph(rng, words, cum)[:60], *paras[1:]]
            elif op == 2:
                paras = paras[: max(2, len(paras) // 2)]
            elif op == 3:
                paras = [
                    " ".join(
                        w if rng.random() > 1 / 6 else rng.choice(words) for w in p.split(" ")
                    )
                    for p in paras
                ]
            texts.append("\n\n".join(paras))
        elif texts and roll < 0.25:
            donor = texts[rng.randrange(len(texts))].split("\n\n")
            own = [_paragraph(rng, words, cum) for _ in range(6)]
            at = rng.randrange(1, 6)
            texts.append("\n\n".join(own[:at] + donor[1:3] + own[at:]))
        else:
            head = " ".join(rng.choices(words, cum_weights=cum, k=6)).title()
            texts.append("\n\n".join([head] + [_paragraph(rng, words, cum) for _ in range(6)]))
    return [otr.Article.from_text(t, id=f"syn{k:07d}") for k, t in enumerate(texts)]


def _run(corpus: otr.Corpus, memory: bool) -> tuple[float, float, int | None, otr.DedupResult]:
    t0, c0 = time.perf_counter(), time.process_time()
    result = otr.deduplicate(corpus)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = None
    if memory:
        tracemalloc.start()
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        otr.deduplicate(corpus)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak = top - base
    return dt, cpu, peak, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", help="the dedup-dev folder (docs.jsonl)")
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000, 3_000, 10_000, 30_000, 100_000])
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    args = ap.parse_args()

    if args.data:
        path = pathlib.Path(args.data) / "docs.jsonl"
        with path.open(encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh]
        corpus = otr.Corpus(otr.Article.from_text(d["text"], id=d["id"]) for d in docs)
        dt, cpu, peak, res = _run(corpus, not args.no_memory)
        print(
            f"dev data: {len(corpus)} docs in {dt:.2f} s = {len(corpus) / dt:.0f} docs/s "
            f"(CPU {cpu:.2f} s = {len(corpus) / cpu:.0f} docs/s); "
            f"{len(res.groups)} groups, {len(res.passages)} passages"
            + ("" if peak is None else f"; peak {peak / 2**20:.1f} MiB")
        )

    print(f"{'docs':>8} {'seconds':>8} {'CPU s':>8} {'docs/s':>8} {'CPU us/doc':>10}"
          f" {'peak MiB':>9} {'KiB/doc':>8}"
          f" {'groups':>7} {'passages':>8}")
    for n in sorted(args.sizes):
        corpus = otr.Corpus(synthetic(n))
        dt, cpu, peak, res = _run(corpus, not args.no_memory)
        mem = "-" if peak is None else f"{peak / 2**20:.1f}"
        per = "-" if peak is None else f"{peak / 1024 / n:.2f}"
        print(f"{n:>8} {dt:>8.2f} {cpu:>8.2f} {n / dt:>8.0f} {1e6 * cpu / n:>10.0f} {mem:>9} {per:>8}"
              f" {len(res.groups):>7} {len(res.passages):>8}", flush=True)


if __name__ == "__main__":
    main()
