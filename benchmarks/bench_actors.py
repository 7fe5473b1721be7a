"""Throughput of actor extraction (per article) and of corpus resolution; time on hostile text.

usage: python benchmarks/bench_actors.py /path/to/polnear [--limit N]
       python benchmarks/bench_actors.py --hostile [--sizes 100000,1000000]

Reads every ``*/text/*.txt`` under the given folder (the PolNeAR development data; never copied
into the repository), finds the actors of each article, then resolves them across the corpus, and
prints kchars/s for both and a few counts. With ``--hostile``, times the actor stage alone
(segmentation done beforehand) on the inputs of ``bench_adversarial.py`` and on text made to
stress it (runs of capitalised words split thousands of times, very long words), at each size,
with the growth factor from the smallest size to the largest (about 10 for linear time at
100 KB -> 1 MB). Times are CPU seconds (``time.process_time``), which other work on the machine
disturbs less than the clock on the wall.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

from _polnear import load
from bench_adversarial import _inputs

import ontherecord as otr
from ontherecord.extract._actors import analyse_article

# Text made for the actor finder: what each unit stresses.
_ACTOR_UNITS = {
    "and-chain": "Bosnia and ",  # one run split at every "and"
    "stop-chain": "Abc The ",  # one run split at every stop word
    "of-and-chain": "Institute of Abc and Iraq and ",  # an organisation's of-phrase with "and"s
    "shouted": "US UK ",  # all-capital words side by side
    "titled": "Mr. Smith said. ",
    "title-lines": "Abc Def\n",
    "camel": "Ab'Cd ",
}


def _hostile(size: int) -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    out = dict(_inputs(size))
    out.update({name: fill(unit) for name, unit in _ACTOR_UNITS.items()})
    out["long-word"] = "Abc A" + "ab" * (size // 2)  # one name, one word as long as the text
    return out


def hostile(sizes: list[int]) -> None:
    """Print CPU seconds of the actor stage per hostile input and size."""
    print(f"{'input':18} " + " ".join(f"{s:>10}" for s in sizes) + "   growth")
    worst = 0.0
    for name in _hostile(10):
        times = []
        for size in sizes:
            article = otr.Article.from_text(_hostile(size)[name], id=name)
            _ = article.sentences
            t0 = time.process_time()
            analyse_article(article)
            times.append(time.process_time() - t0)
        worst = max(worst, times[-1])
        growth = times[-1] / max(times[0], 1e-6)
        print(f"{name:18} " + " ".join(f"{t:10.3f}" for t in times) + f"   x{growth:.1f}", flush=True)
    print(f"worst CPU time at {sizes[-1]:,} chars: {worst:.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", help="a folder with */text/*.txt files (PolNeAR)")
    ap.add_argument("--limit", type=int, default=None, help="read at most N files")
    ap.add_argument("--hostile", action="store_true", help="time the actor stage on hostile text")
    ap.add_argument("--sizes", default="100000,1000000", help="sizes of the hostile texts")
    args = ap.parse_args()
    if args.hostile:
        hostile([int(s) for s in args.sizes.split(",")])
        return
    if args.data is None:
        ap.error("the PolNeAR folder is needed (or --hostile)")
    articles = load(pathlib.Path(args.data), args.limit)
    if not articles:
        sys.exit(f"no */text/*.txt files under {args.data}")
    chars = sum(len(a.text) for a in articles)
    for a in articles:  # segmentation is the foundation's cost, not the actor finder's
        _ = a.sentences
    t0 = time.process_time()
    mentions = actors = 0
    for a in articles:
        found = analyse_article(a).actors
        actors += len(found)
        mentions += sum(len(x.mentions) for x in found)
    t1 = time.process_time()
    corpus_actors = otr.find_actors(articles)
    t2 = time.process_time()
    print(f"articles: {len(articles)}  chars: {chars}")
    print(f"actor extraction: {chars / 1000 / (t1 - t0):.1f} kchars/s "
          f"({actors} article actors, {mentions} mentions, {t1 - t0:.2f} s CPU)")
    print(f"find_actors over the corpus (extraction + resolution): {chars / 1000 / (t2 - t1):.1f} kchars/s "
          f"({len(corpus_actors)} corpus actors, {t2 - t1:.2f} s CPU)")


if __name__ == "__main__":
    main()
