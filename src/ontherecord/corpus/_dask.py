"""Run :func:`~ontherecord.analyze` on a Dask cluster (the optional ``dask`` extra).

The work is split as it is on one machine, so the result is the same :class:`Analysis`:

* per-article extraction (quotes, attributions, times, quantities, claims, custom extractors)
  and each article's deduplication sketch are a map over a Dask bag;
* deduplication's candidate pairs come from the sketch rows ``(key, document)`` grouped by key on
  the cluster (a shuffle), each group turned into document pairs and the pairs counted there;
  the few candidate pairs are verified, joined and aligned on the client with the deduplicator's
  own functions (:mod:`ontherecord.corpus._dedup`), in the same order as the local run;
* actor resolution and claim clustering, which need the whole corpus, run on the client over the
  gathered articles (a reduce).

dask and distributed are imported only when :func:`analyze_dask` is called; without them it
raises :class:`~ontherecord.errors.MissingDependencyError` naming ``pip install 'ontherecord[dask]'``.
"""

from __future__ import annotations

import functools
import gc
import importlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal

import attrs

from ontherecord._article import Article
from ontherecord.corpus._analysis import Analysis, ArticleAnalysis, _analyze_one, _custom
from ontherecord.corpus._corpus import Corpus
from ontherecord.corpus._dedup import (
    DedupParams,
    DedupResult,
    DuplicateGroup,
    PairDecision,
    ReusedPassage,
    Sketch,
    _align,
    _compare,
    _Comparison,
    _Doc,
    _features,
    _judge,
    _paragraphs_of,
    _read,
    _UnionFind,
    sketch,
)
from ontherecord.errors import InvalidInputError, MissingDependencyError

__all__ = ["analyze_dask"]


def _dask_bag() -> Any:
    try:
        return importlib.import_module("dask.bag")
    except ImportError as exc:
        raise MissingDependencyError("dask[bag]", "dask") from exc


# ---------------------------------------------------------------------------------------------
# The map: one article -> its analysis and its sketch


def _analyze_partition(
    articles: Iterable[Article],
    runs: tuple[Callable[[Article], Any], ...],
    params: DedupParams | None,
) -> list[tuple[ArticleAnalysis, Sketch | None]]:
    custom = _custom(runs)
    out: list[tuple[ArticleAnalysis, Sketch | None]] = []
    for article in articles:
        if not isinstance(article, Article):
            raise InvalidInputError(f"analyze_dask() takes Article objects, got {type(article).__name__}")
        s = None if params is None else sketch(article, params=params)
        out.append((_analyze_one(article, custom), s))
    return out


# ---------------------------------------------------------------------------------------------
# The shuffle: rows (key, document) grouped by key -> (document, document) pair counts


def _rows(part: Iterable[tuple[int, Sketch]], drop: int) -> Iterator[tuple[int, int]]:
    for i, s in part:
        for key in s.keys:
            yield key >> drop, i


def _pairs_of(group: tuple[int, list[tuple[int, int]]], cap: int, n: int) -> Iterator[int]:
    """The pair codes ``i * n + j`` of one key's documents, as the local index makes them."""
    docs = sorted(i for _, i in group[1])
    if len(docs) < 2:
        return
    if len(docs) <= cap:
        for x, di in enumerate(docs):
            for dj in docs[x + 1 :]:
                yield di * n + dj
    else:  # a common key: neighbours only, as in the local index
        for di, dj in itertools.pairwise(docs):
            yield di * n + dj


def _candidate_pairs_on_cluster(
    bag_module: Any,
    sketches: list[Sketch],
    active: list[int],
    p: DedupParams,
    npartitions: int,
    compute: Callable[[Any], Any],
) -> list[tuple[int, int, int]]:
    n = len(sketches)
    shift = max(20, n.bit_length())
    drop = shift  # the local index keeps the top 64 - shift bits of each key
    indexed = [(i, sketches[i]) for i in active if sketches[i].keys]
    if not indexed:
        return []
    rows = bag_module.from_sequence(indexed, npartitions=max(1, min(npartitions, len(indexed))))
    codes = (
        rows.map_partitions(_rows, drop)
        .groupby(lambda row: row[0], shuffle="tasks")
        .map_partitions(lambda groups: [c for g in groups for c in _pairs_of(g, p.max_postings, n)])
        .frequencies()
    )
    counted: list[tuple[int, int]] = compute(codes)
    out = [(code // n, code % n, s) for code, s in counted if s >= p.min_shared]
    out.sort()
    return out


# ---------------------------------------------------------------------------------------------
# Verification, groups and passages: the deduplicator's own steps, in its order


def _finish(
    arts: list[Article],
    sketches: list[Sketch],
    candidates: list[tuple[int, int, int]],
    uf: _UnionFind,
    exact_members: dict[int, list[int]],
    p: DedupParams,
) -> DedupResult:
    n = len(arts)
    ids = [a.id for a in arts]
    texts = [a.text for a in arts]

    @functools.lru_cache(maxsize=1024)
    def features(i: int) -> Any:
        doc: _Doc = _read(texts[i], _paragraphs_of(arts[i], p))[0]
        return _features(doc)

    decisions: list[PairDecision] = []
    near_edges: list[tuple[int, int, PairDecision]] = []
    partial: list[tuple[int, int, _Comparison]] = []
    for i, j, shared in candidates:
        if uf.find(i) == uf.find(j):
            continue
        d, comp = _judge((ids[i], ids[j]), features(i), features(j), shared, p)
        decisions.append(d)
        if d.verdict == "near":
            near_edges.append((i, j, d))
            uf.union(i, j)
        elif d.verdict == "partial":
            partial.append((i, j, comp))

    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(uf.find(i), []).append(i)
    links_of: dict[int, list[PairDecision]] = {}
    for i, _j, d in near_edges:
        links_of.setdefault(uf.find(i), []).append(d)
    groups: list[DuplicateGroup] = []
    for root, mem in members.items():
        if len(mem) < 2:
            continue
        digests = {sketches[m].digest for m in mem}
        rep = min(mem, key=lambda m: (-sketches[m].words, ids[m]))
        ordered = [rep, *sorted(m for m in mem if m != rep)]
        links = links_of.get(root, [])
        exact_links = [
            PairDecision(
                ids=(ids[m0], ids[m]),
                verdict="exact",
                jaccard=1.0,
                containment=1.0,
                coverage=(1.0, 1.0),
                shared_keys=0,
                rule="same-digest",
                explanation=f"same normalised text (BLAKE2b {sketches[m0].digest})",
            )
            for m0 in mem
            if len(exact_members.get(m0, ())) > 1
            for m in exact_members[m0][1:]
        ]
        all_links = sorted([*exact_links, *links], key=lambda d: d.ids)
        kind: Literal["exact", "near"]
        if len(digests) == 1:
            kind, sim = "exact", 1.0
            why = f"{len(mem)} articles with the same normalised text"
        else:
            kind = "near"
            sim = min(d.containment for d in links) if links else 1.0
            why = (
                f"{len(mem)} articles joined by {len(all_links)} pair decisions "
                f"({len(exact_links)} exact); weakest containment {sim:.2f}"
            )
        groups.append(
            DuplicateGroup(
                ids=tuple(ids[m] for m in ordered), kind=kind, similarity=sim, links=all_links,
                explanation=why,
            )
        )
    groups.sort(key=lambda g: g.ids[0])

    found: list[ReusedPassage] = []
    for i, j, comp in partial:
        if uf.find(i) == uf.find(j):
            continue
        for a in exact_members.get(i, [i]):
            for b in exact_members.get(j, [j]):
                if (a, b) == (i, j):
                    fa, fb, cc = features(i), features(j), comp
                else:
                    fa, fb = features(a), features(b)
                    cc = _compare(fa, fb, p)
                x, y = (a, b) if ids[a] < ids[b] else (b, a)
                if (x, y) != (a, b):
                    fa, fb = fb, fa
                    cc = attrs.evolve(
                        cc,
                        matched=(cc.matched[1], cc.matched[0]),
                        coverage=(cc.coverage[1], cc.coverage[0]),
                    )
                found.extend(_align((ids[x], ids[y]), (texts[x], texts[y]), fa, fb, cc, p))
    found.sort(key=lambda r: (r.ids, r.spans))
    return DedupResult(ids=tuple(ids), groups=groups, passages=found, decisions=decisions, params=p)


def _deduplicate(
    bag_module: Any,
    arts: list[Article],
    sketches: list[Sketch],
    p: DedupParams,
    npartitions: int,
    compute: Callable[[Any], Any],
) -> DedupResult:
    uf = _UnionFind(len(arts))
    first_of: dict[str, int] = {}
    exact_members: dict[int, list[int]] = {}
    active: list[int] = []
    for i, s in enumerate(sketches):
        if not s.words:
            continue
        j = first_of.setdefault(s.digest, i)
        if j == i:
            active.append(i)
            exact_members[i] = [i]
        else:
            uf.union(j, i)
            exact_members[j].append(i)
    candidates = _candidate_pairs_on_cluster(bag_module, sketches, active, p, npartitions, compute)
    paused = gc.isenabled()
    gc.disable()
    try:
        return _finish(arts, sketches, candidates, uf, exact_members, p)
    finally:
        if paused:
            gc.enable()


# ---------------------------------------------------------------------------------------------
# The entry point


def analyze_dask(
    corpus_or_bag: Corpus | Iterable[Article] | Any,
    *,
    client: Any = None,
    partitions: int | None = None,
    extractors: Sequence[Any] = (),
    dedup: bool = True,
    clusters: bool = True,
) -> Analysis:
    """Analyse a corpus on a Dask cluster; the result equals :func:`~ontherecord.analyze`'s.

    Per-article extraction and deduplication sketches run as a map over a Dask bag; the
    deduplication index (sketch rows grouped by key) is built on the cluster; candidate
    verification, actor resolution and claim clustering run on the client. See
    :doc:`/howto/dask`.

    Args:
        corpus_or_bag: a :class:`~ontherecord.Corpus`, any iterable of articles, or a
            ``dask.bag.Bag`` of articles (for instance read and parsed on the workers).
        client: a ``distributed.Client`` to run on; None uses Dask's current default scheduler
            (the active client, if one exists).
        partitions: the number of bag partitions (default: the bag's own, or about four per
            core of the cluster for a corpus).
        extractors: custom extractors, by registered name or as picklable objects.
        dedup: also find duplicates and reused passages.
        clusters: also cluster claims across articles and flag conflicts.

    Returns:
        The :class:`~ontherecord.Analysis`.

    Raises:
        MissingDependencyError: dask is not installed (``pip install 'ontherecord[dask]'``).
        DuplicateIdError: two articles share an id.
        InvalidInputError: an item is not an :class:`~ontherecord.Article`, or ``partitions`` is
            less than 1.
        UnknownNameError: an extractor name is not registered.

    .. versionadded:: 0.1.0
    """
    db = _dask_bag()
    if partitions is not None and partitions < 1:
        raise InvalidInputError(f"partitions must be at least 1, got {partitions}")
    runs = tuple(run for _, run in _custom(extractors))

    def compute(value: Any) -> Any:
        if client is not None:
            return client.compute(value).result()
        return value.compute()

    if isinstance(corpus_or_bag, db.Bag):
        bag = corpus_or_bag
        if partitions is not None:
            bag = bag.repartition(npartitions=partitions)
    else:
        items = corpus_or_bag if isinstance(corpus_or_bag, Corpus) else Corpus(corpus_or_bag)
        if partitions is None:
            cores = sum(client.ncores().values()) if client is not None else 2
            partitions = 4 * max(1, cores)
        seq = list(items)
        bag = db.from_sequence(seq, npartitions=max(1, min(partitions, len(seq) or 1)))
    params = DedupParams() if dedup else None
    pairs: list[tuple[ArticleAnalysis, Sketch | None]] = compute(
        bag.map_partitions(_analyze_partition, runs, params)
    )
    pairs.sort(key=lambda r: r[0].article.id)
    corpus = Corpus(r[0].article for r in pairs)  # raises DuplicateIdError as the local run does
    arts = list(corpus)
    done = [r[0] for r in pairs]

    from ontherecord.extract._actors import find_actors

    duplicates = None
    if params is not None:
        sketches = [s for _, s in pairs if s is not None]
        duplicates = _deduplicate(db, arts, sketches, params, bag.npartitions, compute)
    found = None
    if clusters:
        from ontherecord.corpus._clusters import cluster_claims

        found = tuple(cluster_claims(arts))
    return Analysis(articles=done, actors=find_actors(arts), duplicates=duplicates, clusters=found)
