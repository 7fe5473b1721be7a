"""Error analysis of attribution on PolNeAR: score once, pickle, then study the errors by group.

usage::

    python benchmarks/polnear_errors.py run DATA --split train --out /tmp/train.pkl
    python benchmarks/polnear_errors.py summary /tmp/train.pkl
    python benchmarks/polnear_errors.py rules /tmp/train.pkl
    python benchmarks/polnear_errors.py fp /tmp/train.pkl [--rule R] [--category C] [--samples N]
    python benchmarks/polnear_errors.py misses /tmp/train.pkl [--cue WORD] [--layer D|I] [--samples N]
    python benchmarks/polnear_errors.py boundary /tmp/train.pkl [--rule R] [--samples N]
    python benchmarks/polnear_errors.py sources /tmp/train.pkl [--rule R] [--samples N]
    python benchmarks/polnear_errors.py cues /tmp/train.pkl [--max-precision P] [--min-count K]
    python benchmarks/polnear_errors.py diff /tmp/before.pkl /tmp/after.pkl

``DATA`` is the PolNeAR folder (``<split>/text/*.txt`` and ``<split>/attributions/*.ann``, brat
standoff); it is never copied into the repository, and neither are the pickles: ``run`` refuses an
``--out`` path inside the repository. Open only pickles you wrote yourself (unpickling runs code).
``run`` scores whichever ``ontherecord`` Python imports: from a worktree, put its source first with
``PYTHONPATH=$PWD/src``; the run records the library folder it used.

``run`` scores the public API exactly as the project's PolNeAR yardstick (``polnear.py`` and
``systems.py`` in the shared tools, outside this repository) does, and the small functions that
read the annotations and match statements here mirror it line for line rather than import it:

* the predictions of an article are the claims of :func:`ontherecord.attribute` plus the
  quotations of :func:`ontherecord.extract_quotes` whose span is not already a claim's span;
* a prediction matches a gold content when, with quotation marks, spaces, commas and full stops
  trimmed from both ends, their overlap covers at least half of each; pairs are made one to one,
  largest overlap first (ties: higher gold index, then higher prediction index, as a reversed
  tuple sort gives);
* a gold relation is *direct* when its content holds one of ``" “ ” ‘``; the source is right when
  the predicted source mention overlaps the gold source;
* the figures are content P / R / F1 over all relations, recall on the direct and indirect
  subsets, and source accuracy over matched relations that have a gold source.

Each article's row keeps the text, the gold relations (content, source and cue fragments), the
predictions (span, source mention, rule, cue, quotation kind, and whether they came from
``attribute`` or only from ``extract_quotes``) and the matching, so the reports below need no
second run. A prediction's *label* is its rule, with ``Q.`` in front for a quotation that only
``extract_quotes`` found (claims made from quotations carry rules ``quote.<rule>``). Samples are
drawn at random with ``--seed`` (0 unless given), so the same command shows the same samples.

How to use it in a loop: run on **train** and keep the pickle; study the biggest groups
(``fp``, ``misses``, ``boundary``, ``cues``, ``rules``) and read their samples; change one rule
in the library so that it states a general fact of English news writing; run on train again to a
new pickle and ``diff`` the two, reading what was lost as carefully as what was gained; repeat.
Only now and then confirm on **dev** (``run --split dev``) that the figures move the same way, so
that dev stays a fair test. Never special-case a sentence, a name or an article of the data: a
rule that only fixes what you looked at is overfitting, and dev will show it.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import pathlib
import pickle
import random
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypedDict, TypeVar

import ontherecord as otr

FORMAT = 1
"""Version of the pickled layout; ``load_run`` refuses any other."""

QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb"
"""Characters trimmed from statement ends, as in the yardstick; the first four mark a direct one."""

REPO = pathlib.Path(__file__).resolve().parent.parent

Fragment = tuple[int, int]
T = TypeVar("T")


class Gold(TypedDict):
    """One gold attribution relation: each part is a list of (start, end) fragments of the text."""

    content: list[Fragment]
    source: list[Fragment] | None
    cue: list[Fragment] | None
    direct: bool


class Prediction(TypedDict):
    """One predicted statement, from a claim of ``attribute`` or a quotation of ``extract_quotes``."""

    start: int
    end: int
    mention: Fragment | None
    rule: str
    cue: str | None
    quote_kind: str | None
    origin: Literal["attr", "quote"]


class ArticleRow(TypedDict):
    """An article with its gold relations, predictions and their one-to-one matching."""

    id: str
    text: str
    gold: list[Gold]
    preds: list[Prediction]
    gold_to_pred: dict[int, int]
    pred_to_gold: dict[int, int]


class Run(TypedDict):
    """What ``run`` pickles: where the rows came from, and the rows."""

    format: int
    data: str
    split: str
    library: str
    created: str
    articles: list[ArticleRow]


class Figures(TypedDict):
    """The yardstick's counts and figures for a set of rows."""

    articles: int
    tp: int
    npred: int
    ngold: int
    direct_n: int
    direct_tp: int
    src_n: int
    src_ok: int
    content_P: float
    content_R: float
    content_F1: float
    direct_R: float
    indirect_R: float
    source_acc: float


# ---------------------------------------------------------------------------------------------
# Mirrors of the yardstick (shared tools polnear.py / systems.py)
# ---------------------------------------------------------------------------------------------


def read_ann(path: pathlib.Path, text: str) -> list[Gold]:
    """Read the attribution relations of a brat ``.ann`` file, as the yardstick's ``read_ann``.

    Args:
        path: the annotation file.
        text: the article text, to mark each relation direct or indirect.

    Returns:
        The relations that have a content span, in file order.
    """
    spans: dict[str, list[Fragment]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and "\t" in line:
            tid, rest = line.split("\t", 1)
            parts = rest.split("\t", 1)[0].split(" ", 1)
            if len(parts) != 2:
                continue
            frags: list[Fragment] = []
            for frag in parts[1].split(";"):
                try:
                    a, b = frag.split()
                    frags.append((int(a), int(b)))
                except ValueError:
                    break
            if frags:
                spans[tid] = frags
        elif line.startswith("E") and "\t" in line:
            rel: dict[str, str] = {}
            for arg in line.split("\t", 1)[1].split():
                if ":" in arg:
                    role, tid = arg.split(":", 1)
                    rel[role] = tid
            relations.append(rel)
    gold: list[Gold] = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if not content:
            continue
        gold.append(
            Gold(
                content=content,
                source=spans.get(rel.get("Source", "")),
                cue=spans.get(rel.get("Cue", "")),
                direct=is_direct(text, content),
            )
        )
    return gold


def is_direct(text: str, content: Iterable[Fragment]) -> bool:
    """Whether a gold content holds a quotation mark (the yardstick's direct subset)."""
    return any(ch in QUOTE_CHARS[:4] for s, e in content for ch in text[s:e])


def trim(text: str, a: int, b: int) -> Fragment:
    """``(a, b)`` without outer spaces, quotation marks, commas and full stops."""
    while a < b and (text[a].isspace() or text[a] in QUOTE_CHARS or text[a] in ",."):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in QUOTE_CHARS or text[b - 1] in ",."):
        b -= 1
    return a, b


def cover(frags: Iterable[Fragment], a: int, b: int) -> int:
    """How many characters of ``(a, b)`` the fragments cover."""
    return sum(max(0, min(e, b) - max(s, a)) for s, e in frags)


def _prediction(
    item: otr.Claim | otr.Quote, mention: otr.Span | None, kind: str | None, origin: Literal["attr", "quote"]
) -> Prediction:
    """One prediction from a claim or a quotation (``mention`` is its source or speaker span)."""
    return Prediction(
        start=item.span.start,
        end=item.span.end,
        mention=(mention.start, mention.end) if mention is not None else None,
        rule=item.rule,
        cue=str(item.cue) if item.cue is not None else None,
        quote_kind=kind,
        origin=origin,
    )


def predictions(article: otr.Article) -> list[Prediction]:
    """The yardstick's prediction list: claims, then quotations whose span is no claim's span."""
    out: list[Prediction] = []
    seen: set[Fragment] = set()
    for claim in otr.attribute(article):
        kind = claim.quote.kind if claim.quote is not None else None
        out.append(_prediction(claim, claim.source_mention, kind, "attr"))
        seen.add((claim.span.start, claim.span.end))
    for quote in otr.extract_quotes(article):
        if (quote.span.start, quote.span.end) not in seen:
            out.append(_prediction(quote, quote.speaker_mention, quote.kind, "quote"))
    return out


def match(text: str, gold: Sequence[Gold], preds: Sequence[Prediction]) -> dict[int, int]:
    """Pair gold relations with predictions one to one, largest trimmed overlap first.

    A pair qualifies when the overlap covers at least half of the trimmed gold content and half
    of the trimmed prediction; ties go as the yardstick's reversed tuple sort sends them.

    Returns:
        Gold index to prediction index.
    """
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        gfr = [trim(text, s, e) for s, e in g["content"]]
        glen = sum(e - s for s, e in gfr) or 1
        for pi, p in enumerate(preds):
            a, b = trim(text, p["start"], p["end"])
            ov = cover(gfr, a, b)
            if ov and ov >= 0.5 * glen and ov >= 0.5 * max(1, b - a):
                candidates.append((ov, gi, pi))
    candidates.sort(reverse=True)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, pi in candidates:
        if gi in pairs or pi in taken:
            continue
        pairs[gi] = pi
        taken.add(pi)
    return pairs


def source_right(gold: Gold, pred: Prediction) -> bool:
    """Whether the predicted source mention overlaps the gold source (which must exist)."""
    return pred["mention"] is not None and cover(gold["source"] or [], *pred["mention"]) > 0


def figures(rows: Sequence[ArticleRow]) -> Figures:
    """The yardstick's counts and rounded figures over ``rows``."""
    tp = npred = ngold = direct_n = direct_tp = src_n = src_ok = 0
    for row in rows:
        tp += len(row["gold_to_pred"])
        npred += len(row["preds"])
        ngold += len(row["gold"])
        for gi, g in enumerate(row["gold"]):
            direct_n += g["direct"]
            pi = row["gold_to_pred"].get(gi)
            if pi is None:
                continue
            direct_tp += g["direct"]
            if g["source"] is not None:
                src_n += 1
                src_ok += source_right(g, row["preds"][pi])
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Figures(
        articles=len(rows),
        tp=tp,
        npred=npred,
        ngold=ngold,
        direct_n=direct_n,
        direct_tp=direct_tp,
        src_n=src_n,
        src_ok=src_ok,
        content_P=round(p, 3),
        content_R=round(r, 3),
        content_F1=round(f, 3),
        direct_R=round(direct_tp / max(1, direct_n), 3),
        indirect_R=round((tp - direct_tp) / max(1, ngold - direct_n), 3),
        source_acc=round(src_ok / max(1, src_n), 3),
    )


# ---------------------------------------------------------------------------------------------
# Building, saving and loading a run
# ---------------------------------------------------------------------------------------------


def score_split(data: pathlib.Path, split: str, *, limit: int | None = None) -> list[ArticleRow]:
    """Read, predict and match every annotated article of a split, in file-name order.

    Args:
        data: the PolNeAR folder.
        split: ``"train"`` or ``"dev"``.
        limit: read at most this many text files (the yardstick's ``--limit``).

    Returns:
        One row per text file that has an annotation file (the first one by name).
    """
    root = data / split
    texts = sorted((root / "text").glob("*.txt"))[:limit]
    rows: list[ArticleRow] = []
    for path in texts:
        anns = sorted((root / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        gold = read_ann(anns[0], text)
        preds = predictions(otr.Article.from_text(text, id=path.stem))
        pairs = match(text, gold, preds)
        rows.append(
            ArticleRow(
                id=path.stem,
                text=text,
                gold=gold,
                preds=preds,
                gold_to_pred=pairs,
                pred_to_gold={pi: gi for gi, pi in pairs.items()},
            )
        )
    return rows


def load_run(path: pathlib.Path) -> Run:
    """Load a pickle written by ``run``.

    Raises:
        SystemExit: the file is not a run of this layout.
    """
    with path.open("rb") as fh:
        obj = pickle.load(fh)
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        sys.exit(f"{path}: not a pickle written by 'polnear_errors.py run' (format {FORMAT})")
    run: Run = obj  # type: ignore[assignment]
    return run


def inside_repo(path: pathlib.Path) -> bool:
    """Whether ``path`` would land inside this repository."""
    return path.resolve().is_relative_to(REPO)


# ---------------------------------------------------------------------------------------------
# Small helpers for the reports
# ---------------------------------------------------------------------------------------------


def label(pred: Prediction) -> str:
    """The rule of a prediction, with ``Q.`` in front when only ``extract_quotes`` found it."""
    return pred["rule"] if pred["origin"] == "attr" else "Q." + pred["rule"]


def fragments_text(text: str, frags: Sequence[Fragment] | None, sep: str = " | ") -> str | None:
    """The words of some fragments joined by ``sep``, on one line; None when there are none."""
    if not frags:
        return None
    return sep.join(text[s:e] for s, e in frags).replace("\n", " / ")


def cue_text(text: str, gold: Gold) -> str:
    """The gold cue in lower case, its fragments joined by a space, or ``NONE``."""
    return (fragments_text(text, gold["cue"], " ") or "NONE").lower()


def has_words(phrase: str, words: str | None) -> bool:
    """Whether ``phrase`` holds ``words`` as whole words, case and spacing aside (None: always)."""
    if words is None:
        return True
    return f" {' '.join(words.lower().split())} " in f" {' '.join(phrase.lower().split())} "


def extent(frags: Sequence[Fragment]) -> Fragment:
    """From the first start to the last end of some fragments."""
    return min(s for s, _ in frags), max(e for _, e in frags)


def context(text: str, a: int, b: int, *, width: int = 60, inner: int = 400) -> str:
    """``text[a:b]`` in ``[[ ]]`` with ``width`` characters either side, on one line.

    An inside longer than ``inner`` characters is cut in the middle.
    """
    mid = text[a:b]
    if len(mid) > inner:
        mid = mid[: inner // 2] + " … " + mid[-inner // 2 :]
    return (text[max(0, a - width) : a] + "[[" + mid + "]]" + text[b : b + width]).replace("\n", " / ")


def clip(s: str | None, n: int = 200) -> str:
    """``s`` cut to ``n`` characters, on one line (``-`` for None)."""
    if s is None:
        return "-"
    s = s.replace("\n", " / ")
    return s if len(s) <= n else s[: n - 1] + "…"


def overlapping(row: ArticleRow, frags: Sequence[Fragment]) -> list[int]:
    """Indices of the predictions of ``row`` that overlap the fragments at all (untrimmed)."""
    return [pi for pi, p in enumerate(row["preds"]) if cover(frags, p["start"], p["end"]) > 0]


def sample(items: Sequence[T], n: int, seed: int) -> list[T]:
    """At most ``n`` of ``items``, drawn at random with ``seed``, in their original order."""
    if n <= 0 or not items:
        return []
    picks = sorted(random.Random(seed).sample(range(len(items)), min(n, len(items))))
    return [items[i] for i in picks]


def ranked(counter: collections.Counter[T], top: int | None = None) -> list[tuple[T, int]]:
    """Counter items by count, largest first, ties in order of their keys' text."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return items[:top] if top else items


def precision_table(
    title: str, n: collections.Counter[str], tp: collections.Counter[str], keys: Iterable[str]
) -> None:
    """Print one line per key: predictions, true positives, false positives, precision."""
    print(f"{title:40s} {'pred':>6s} {'tp':>6s} {'fp':>6s} {'prec':>5s}")
    for k in keys:
        print(f"{k:40s} {n[k]:6d} {tp[k]:6d} {n[k] - tp[k]:6d} {tp[k] / n[k]:5.2f}")


# ---------------------------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------------------------


def print_figures(run: Run) -> None:
    """Print the yardstick's figures, then the counts behind them."""
    fig = figures(run["articles"])
    print(f"{run['split']}: {fig['articles']} articles, library {run['library']}, run {run['created']}")
    print(
        f"content P {fig['content_P']:.3f}  R {fig['content_R']:.3f}  F1 {fig['content_F1']:.3f}  "
        f"direct_R {fig['direct_R']:.3f}  indirect_R {fig['indirect_R']:.3f}  "
        f"source_acc {fig['source_acc']:.3f}"
    )
    print(
        f"gold {fig['ngold']} (direct {fig['direct_n']})  predictions {fig['npred']}  "
        f"matched {fig['tp']}  false positives {fig['npred'] - fig['tp']}  "
        f"misses {fig['ngold'] - fig['tp']}  wrong or missing sources {fig['src_n'] - fig['src_ok']}"
    )


def cmd_run(args: argparse.Namespace) -> None:
    """Score a split, pickle the rows to ``--out`` and print the figures."""
    out = pathlib.Path(args.out)
    if inside_repo(out):
        sys.exit(f"{out}: pickles of PolNeAR text must not go inside the repository; give a path outside")
    c0 = time.process_time()
    rows = score_split(pathlib.Path(args.data), args.split, limit=args.limit)
    run = Run(
        format=FORMAT,
        data=str(pathlib.Path(args.data).resolve()),
        split=args.split,
        library=str(pathlib.Path(otr.__file__).parent),
        created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        articles=rows,
    )
    with out.open("wb") as fh:
        pickle.dump(run, fh, protocol=pickle.HIGHEST_PROTOCOL)
    print_figures(run)
    print(f"wrote {out} ({time.process_time() - c0:.1f} s of CPU time)")


def cmd_summary(args: argparse.Namespace) -> None:
    """Print the figures of a pickled run."""
    print_figures(load_run(pathlib.Path(args.pickle)))


def cmd_rules(args: argparse.Namespace) -> None:
    """Print predictions, true positives and precision per rule label, most used first."""
    rows = load_run(pathlib.Path(args.pickle))["articles"]
    n: collections.Counter[str] = collections.Counter()
    tp: collections.Counter[str] = collections.Counter()
    for row in rows:
        for pi, p in enumerate(row["preds"]):
            n[label(p)] += 1
            tp[label(p)] += pi in row["pred_to_gold"]
    precision_table("rule", n, tp, (k for k, _ in ranked(n)))


def fp_category(row: ArticleRow, pred: Prediction) -> tuple[str, list[int]]:
    """Why an unmatched prediction is false, with the gold relations it overlaps.

    ``nogold``: it overlaps no gold content; ``dup``: every gold it overlaps is matched to another
    prediction already; ``boundary``: it overlaps a gold that stays unmatched (so its extent is off).
    """
    hit = [gi for gi, g in enumerate(row["gold"]) if cover(g["content"], pred["start"], pred["end"]) > 0]
    if not hit:
        return "nogold", hit
    if all(gi in row["gold_to_pred"] for gi in hit):
        return "dup", hit
    return "boundary", hit


def cmd_fp(args: argparse.Namespace) -> None:
    """Print false positives by category and origin, by category, rule and kind, then samples."""
    rows = load_run(pathlib.Path(args.pickle))["articles"]
    by_origin: collections.Counter[tuple[str, str]] = collections.Counter()
    by_rule: collections.Counter[tuple[str, str, str]] = collections.Counter()
    examples: list[tuple[str, str, ArticleRow, Prediction, list[int]]] = []
    for row in rows:
        for pi, p in enumerate(row["preds"]):
            if pi in row["pred_to_gold"]:
                continue
            cat, hit = fp_category(row, p)
            by_origin[cat, p["origin"]] += 1
            by_rule[cat, label(p), p["quote_kind"] or "-"] += 1
            if (args.rule is None or label(p) == args.rule) and args.category in (None, cat):
                examples.append((cat, label(p), row, p, hit))
    print("false positives by category and origin:")
    for (cat, origin), k in ranked(by_origin):
        print(f"  {k:6d}  {cat:8s} {origin}")
    print(f"by category, rule and quotation kind (top {args.top}):")
    for (cat, rule, kind), k in ranked(by_rule, args.top):
        print(f"  {k:6d}  {cat:8s} {rule:40s} {kind}")
    picked = sample(examples, args.samples, args.seed)
    if args.samples > 0:
        print(f"samples ({len(picked)} of {len(examples)}):")
    for cat, rule, row, p, hit in picked:
        t = row["text"]
        print(f"- {cat} {rule} kind={p['quote_kind']} cue={p['cue']!r}  [{row['id']}]")
        print(f"    {context(t, p['start'], p['end'], width=50)}")
        for gi in hit[:2]:
            g = row["gold"][gi]
            state = "matched" if gi in row["gold_to_pred"] else "unmatched"
            print(f"    gold ({state}): {clip(fragments_text(t, g['content']))}")


def cmd_misses(args: argparse.Namespace) -> None:
    """Print missed gold relations by cue and layer (direct / indirect), then samples."""
    rows = load_run(pathlib.Path(args.pickle))["articles"]
    total: collections.Counter[tuple[str, str]] = collections.Counter()
    missed: collections.Counter[tuple[str, str]] = collections.Counter()
    touched: collections.Counter[tuple[str, str]] = collections.Counter()
    layers: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: list[tuple[ArticleRow, Gold, list[int]]] = []
    for row in rows:
        t = row["text"]
        for gi, g in enumerate(row["gold"]):
            key = (cue_text(t, g), "D" if g["direct"] else "I")
            total[key] += 1
            if gi in row["gold_to_pred"]:
                continue
            over = overlapping(row, g["content"])
            missed[key] += 1
            touched[key] += bool(over)
            layers[key[1], "overlap" if over else "none"] += 1
            if has_words(key[0], args.cue) and args.layer in (None, key[1]):
                examples.append((row, g, over))
    print("misses by layer (D direct, I indirect) and whether any prediction overlaps:")
    for (layer, ov), k in ranked(layers):
        print(f"  {k:6d}  {layer} {ov}")
    print(f"{len(missed)} distinct cues; by gold cue and layer (top {args.top}): missed / gold, overlapped")
    for key, k in ranked(missed, args.top):
        print(f"  {k:6d} / {total[key]:<6d} {touched[key]:6d}  {key[1]} {key[0]!r}")
    picked = sample(examples, args.samples, args.seed)
    if args.samples > 0:
        print(f"samples ({len(picked)} of {len(examples)}):")
    for row, g, over in picked:
        t = row["text"]
        a, b = extent(g["content"])
        layer = "D" if g["direct"] else "I"
        print(f"- {layer} cue={cue_text(t, g)!r} source={fragments_text(t, g['source'])!r}  [{row['id']}]")
        print(f"    {context(t, a, b, width=80)}")
        for pi in over:
            p = row["preds"][pi]
            print(f"    overlapping {label(p)}: {clip(t[p['start'] : p['end']], 120)!r}")


def boundary_kind(text: str, gold: Gold, pred: Prediction) -> tuple[str, int]:
    """Why a prediction and a gold it overlaps failed to match, with their trimmed overlap.

    ``too-long``: it covers half the gold, but the gold is less than half of it; ``too-short``: it
    lies half inside the gold but covers less than half of it; ``off``: neither half holds.
    """
    gfr = [trim(text, s, e) for s, e in gold["content"]]
    glen = sum(e - s for s, e in gfr) or 1
    a, b = trim(text, pred["start"], pred["end"])
    ov = cover(gfr, a, b)
    if ov >= 0.5 * glen:
        return "too-long", ov
    if ov >= 0.5 * max(1, b - a):
        return "too-short", ov
    return "off", ov


def cmd_boundary(args: argparse.Namespace) -> None:
    """Print unmatched predictions that overlap an unmatched gold: too long, too short or off."""
    rows = load_run(pathlib.Path(args.pickle))["articles"]
    kinds: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: list[tuple[str, ArticleRow, Prediction, Gold]] = []
    for row in rows:
        t = row["text"]
        for pi, p in enumerate(row["preds"]):
            if pi in row["pred_to_gold"] or args.rule not in (None, label(p)):
                continue
            free = [
                g
                for gi, g in enumerate(row["gold"])
                if gi not in row["gold_to_pred"] and cover(g["content"], p["start"], p["end"]) > 0
            ]
            if not free:
                continue
            best = max(((boundary_kind(t, g, p), g) for g in free), key=lambda x: x[0][1])
            kind = best[0][0]
            kinds[kind, label(p)] += 1
            examples.append((kind, row, p, best[1]))
    print("unmatched predictions against the unmatched gold they overlap most:")
    for (kind, rule), k in ranked(kinds, args.top):
        print(f"  {k:6d}  {kind:9s} {rule}")
    picked = sample(examples, args.samples, args.seed)
    if args.samples > 0:
        print(f"samples ({len(picked)} of {len(examples)}):")
    for kind, row, p, g in picked:
        t = row["text"]
        print(f"- {kind} {label(p)}  [{row['id']}]")
        print(f"    P: {clip(t[p['start'] : p['end']], 300)!r}")
        print(f"    G: {clip(fragments_text(t, g['content']), 300)!r}")


def cmd_sources(args: argparse.Namespace) -> None:
    """Print matched relations whose source is wrong or missing, by rule, then samples."""
    rows = load_run(pathlib.Path(args.pickle))["articles"]
    bad: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: list[tuple[ArticleRow, Gold, Prediction]] = []
    for row in rows:
        for gi, pi in row["gold_to_pred"].items():
            g, p = row["gold"][gi], row["preds"][pi]
            if g["source"] is None or source_right(g, p):
                continue
            bad[label(p), "missing" if p["mention"] is None else "wrong"] += 1
            if args.rule in (None, label(p)):
                examples.append((row, g, p))
    print("matched relations with a gold source the prediction misses:")
    for (rule, why), k in ranked(bad, args.top):
        print(f"  {k:6d}  {why:7s} {rule}")
    picked = sample(examples, args.samples, args.seed)
    if args.samples > 0:
        print(f"samples ({len(picked)} of {len(examples)}):")
    for row, g, p in picked:
        t = row["text"]
        said = t[p["mention"][0] : p["mention"][1]] if p["mention"] else None
        print(
            f"- {label(p)} gold={fragments_text(t, g['source'])!r} predicted={said!r} "
            f"cue={fragments_text(t, g['cue'])!r}  [{row['id']}]"
        )
        print(f"    {context(t, p['start'], p['end'], width=80, inner=200)}")


def cmd_cues(args: argparse.Namespace) -> None:
    """Print predictions, true positives and precision per cue of the non-quotation claims."""
    rows = load_run(pathlib.Path(args.pickle))["articles"]
    n: collections.Counter[str] = collections.Counter()
    tp: collections.Counter[str] = collections.Counter()
    for row in rows:
        for pi, p in enumerate(row["preds"]):
            if p["origin"] != "attr" or p["rule"].startswith("quote"):
                continue
            cue = p["cue"] if p["cue"] is not None else "(none)"
            n[cue] += 1
            tp[cue] += pi in row["pred_to_gold"]
    keep = [k for k in n if n[k] >= args.min_count and tp[k] / n[k] <= args.max_precision]
    keep.sort(key=lambda k: (-(n[k] - tp[k]), k))
    precision_table("cue (most false positives first)", n, tp, keep[: args.top])


def cmd_diff(args: argparse.Namespace) -> None:
    """Print the gold relations matched in one run and not in the other."""
    before, after = load_run(pathlib.Path(args.before)), load_run(pathlib.Path(args.after))
    if before["split"] != after["split"]:
        print(f"warning: comparing split {before['split']} with split {after['split']}", file=sys.stderr)
    later = {row["id"]: row for row in after["articles"]}
    gained = lost = 0
    for ra in before["articles"]:
        rb = later.get(ra["id"])
        if rb is None or rb["text"] != ra["text"]:
            print(f"warning: {ra['id']} is not in both runs alike; skipped", file=sys.stderr)
            continue
        t = ra["text"]
        for gi, g in enumerate(ra["gold"]):
            was, now = gi in ra["gold_to_pred"], gi in rb["gold_to_pred"]
            if was == now:
                continue
            gained += now
            lost += was
            row = ra if was else rb
            p = row["preds"][row["gold_to_pred"][gi]]
            print(f"{'LOST' if was else 'GAIN'} [{ra['id']}]: {clip(fragments_text(t, g['content']))!r}")
            print(f"    {'was' if was else 'now'} {label(p)}: {clip(t[p['start'] : p['end']])!r}")
            if was:
                for pi in overlapping(rb, g["content"]):
                    q = rb["preds"][pi]
                    print(f"    now {label(q)}: {clip(t[q['start'] : q['end']])!r}")
    fa, fb = figures(before["articles"]), figures(after["articles"])
    print(f"gained {gained}, lost {lost}")
    for name, a, b in (
        ("content_P", fa["content_P"], fb["content_P"]),
        ("content_R", fa["content_R"], fb["content_R"]),
        ("content_F1", fa["content_F1"], fb["content_F1"]),
        ("direct_R", fa["direct_R"], fb["direct_R"]),
        ("indirect_R", fa["indirect_R"], fb["indirect_R"]),
        ("source_acc", fa["source_acc"], fb["source_acc"]),
    ):
        print(f"  {name:11s} {a:.3f} -> {b:.3f}")
    print(f"  predictions {fa['npred']} -> {fb['npred']}, matched {fa['tp']} -> {fb['tp']}")


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    """The command-line parser, one subparser per report."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)

    def add(
        name: str, func: Callable[[argparse.Namespace], None], *, samples: bool = False
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=(func.__doc__ or "").splitlines()[0])
        p.set_defaults(func=func)
        if name not in ("run", "diff"):
            p.add_argument("pickle", help="a pickle written by 'run'")
            p.add_argument("--top", type=int, default=40, help="show at most N groups (default 40)")
        if samples:
            p.add_argument("--samples", type=int, default=10, help="print N random samples (default 10)")
            p.add_argument("--seed", type=int, default=0, help="seed of the samples (default 0)")
        return p

    p = add("run", cmd_run)
    p.add_argument("data", help="the PolNeAR folder, with <split>/text and <split>/attributions")
    p.add_argument("--split", choices=("train", "dev"), default="train")
    p.add_argument("--out", required=True, help="the pickle to write (outside the repository)")
    p.add_argument("--limit", type=int, default=None, help="read at most N text files")
    add("summary", cmd_summary)
    add("rules", cmd_rules)
    p = add("fp", cmd_fp, samples=True)
    p.add_argument("--rule", help="samples of this rule label only (as 'rules' prints it)")
    p.add_argument("--category", choices=("nogold", "dup", "boundary"), help="samples of this category only")
    p = add("misses", cmd_misses, samples=True)
    p.add_argument("--cue", help="samples whose gold cue holds these words (e.g. 'said', 'according to')")
    p.add_argument("--layer", choices=("D", "I"), help="samples of direct (D) or indirect (I) relations only")
    p = add("boundary", cmd_boundary, samples=True)
    p.add_argument("--rule", help="this rule label only (as 'rules' prints it)")
    p = add("sources", cmd_sources, samples=True)
    p.add_argument("--rule", help="samples of this rule label only")
    p = add("cues", cmd_cues)
    p.add_argument("--max-precision", type=float, default=1.0, help="only cues at or below this precision")
    p.add_argument("--min-count", type=int, default=1, help="only cues with at least N predictions")
    p = add("diff", cmd_diff)
    p.add_argument("before", help="the earlier pickle")
    p.add_argument("after", help="the later pickle")
    return ap


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and run the subcommand."""
    if hasattr(signal, "SIGPIPE"):  # end quietly when piped into head
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
