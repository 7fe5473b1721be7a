"""Adversarial inputs: time to analyse 100 KB and 1 MB of hostile text, per pipeline stage.

usage: python benchmarks/bench_adversarial.py [--sizes 100000,1000000] [--stage NAME ...]
       [--input NAME ...]

Prints one row per input and stage: CPU seconds at each size (segmentation and furniture, then
every extractor that is installed), and the growth factor from the smallest to the largest size
(about 10 for linear time at 100 KB -> 1 MB). Each stage runs on a fresh article, so it pays for
what it needs (claims: attribution, actors, times and quantities). The ``TOTAL`` row is the whole
per-article analysis as :func:`ontherecord.analyze_article` runs it, with the results that stages
share computed once: the time to analyse the input. No assertion: read the table.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable

import ontherecord as otr


def _inputs(size: int) -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "quotes": fill('"'),
        "curly-quotes": fill("\u201c"),
        "single-quotes": fill("'"),
        "capitalised-words": fill("Abc Def Ghi "),
        "parentheses": fill("(("),
        "said": fill("said "),
        "said-names": fill("John Smith said "),
        "one-paragraph": fill("The minister said the talks would resume on Monday. "),
        "periods": fill("."),
        "initialisms": fill("U.S. "),
        "newlines": fill("\n"),
        "nested-quotes": fill("\u201c'\u00ab "),
        "mixed-scripts": fill("Москва 北京 القاهرة Athens "),
        "nul-bytes": fill("a\x00"),
        "lone-surrogates": fill("x\udc80"),
        "control-chars": "".join(chr(i % 32) for i in range(size)),
        "digits": fill("1,000.5 "),
        "dashes": fill("\u2014 "),
    }


def _stages() -> dict[str, Callable[[otr.Article], object]]:
    stages: dict[str, Callable[[otr.Article], object]] = {
        "segment+furniture": lambda a: (a.paragraphs, a.sentences, a.furniture),
    }
    for name, module, func in [
        ("actors", "ontherecord.extract._actors", "article_actors"),
        ("quotes", "ontherecord.extract._quotes", "extract_quotes"),
        ("attribution", "ontherecord.extract._attribution", "attribute"),
        ("times", "ontherecord.extract._times", "extract_times"),
        ("quantities", "ontherecord.extract._quantities", "extract_quantities"),
        ("claims", "ontherecord.extract._claims", "extract_claims"),
        ("TOTAL", "ontherecord", "analyze_article"),
    ]:
        try:
            stages[name] = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            continue
    return stages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--stage", action="append", default=None)
    ap.add_argument("--input", action="append", default=None)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = _stages()
    if args.stage:
        stages = {k: v for k, v in stages.items() if k in args.stage}
    names = list(_inputs(10))
    if args.input:
        names = [n for n in names if n in args.input]
    # lexicons and patterns load once, before anything is timed
    warm = 'Iran said 30 troops died on Jan. 8. "No," he said.'
    otr.analyze_article(otr.Article.from_text(warm, id="warm"))
    print(f"{'input':18} {'stage':18} " + " ".join(f"{s:>10}" for s in sizes) + "   growth")
    worst = 0.0
    for name in names:
        for stage, run in stages.items():
            times = []
            for size in sizes:
                text = _inputs(size)[name]
                # a fresh article per stage: no stage reuses what an earlier one cached
                article = otr.Article.from_text(text, id=f"{name}/{stage}")
                t0 = time.process_time()
                run(article)
                times.append(time.process_time() - t0)
            if stage == "TOTAL" or "TOTAL" not in stages:
                worst = max(worst, times[-1])
            growth = times[-1] / max(times[0], 1e-6)
            print(f"{name:18} {stage:18} " + " ".join(f"{t:10.3f}" for t in times) + f"   x{growth:.1f}")
    what = "analysis" if "TOTAL" in stages else "stage"
    print(f"worst {what} time at {sizes[-1]:,} chars: {worst:.3f} s")


if __name__ == "__main__":
    main()
