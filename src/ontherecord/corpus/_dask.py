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

import gc
import importlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ontherecord._article import Article
from ontherecord.corpus._analysis import Analysis, ArticleAnalysis, _analyze_one, _custom, corpus_steps
from ontherecord.corpus._corpus import Corpus
from ontherecord.corpus._dedup import (
    DedupParams,
    DedupResult,
    Sketch,
    _exact_layer,
    _finish,
    _paragraphs_of,
    _read,
    sketch,
)
from ontherecord.errors import InvalidInputError, MissingDependencyError

if TYPE_CHECKING:
    from ontherecord.extract._actors import ArticleActors

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
) -> list[tuple[ArticleAnalysis, Sketch | None, ArticleActors]]:
    """Each article's analysis, its dedup sketch and its actors (for the corpus step)."""
    from ontherecord.extract._actors import analyse_article

    custom = _custom(runs)
    out: list[tuple[ArticleAnalysis, Sketch | None, ArticleActors]] = []
    for article in articles:
        if not isinstance(article, Article):
            raise InvalidInputError(f"analyze_dask() takes Article objects, got {type(article).__name__}")
        s = None if params is None else sketch(article, params=params)
        out.append((_analyze_one(article, custom), s, analyse_article(article)))
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


def _deduplicate(
    bag_module: Any,
    arts: list[Article],
    sketches: list[Sketch],
    p: DedupParams,
    npartitions: int,
    compute: Callable[[Any], Any],
) -> DedupResult:
    uf, exact_members, active = _exact_layer(sketches)
    candidates = _candidate_pairs_on_cluster(bag_module, sketches, active, p, npartitions, compute)
    paused = gc.isenabled()
    gc.disable()
    try:
        texts = [a.text for a in arts]
        return _finish(
            arts,
            lambda i: _read(texts[i], _paragraphs_of(arts[i], p))[0],
            sketches,
            candidates,
            uf,
            exact_members,
            p,
        )
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
    pairs: list[tuple[ArticleAnalysis, Sketch | None, ArticleActors]] = compute(
        bag.map_partitions(_analyze_partition, runs, params)
    )
    pairs.sort(key=lambda r: r[0].article.id)
    corpus = Corpus(r[0].article for r in pairs)  # raises DuplicateIdError as the local run does
    arts = list(corpus)
    done = [r[0] for r in pairs]

    duplicates = None
    if params is not None:
        sketches = [s for _, s, _ in pairs if s is not None]
        duplicates = _deduplicate(db, arts, sketches, params, bag.npartitions, compute)
    found = {r[0].article.id: r[2] for r in pairs}  # the workers' actors: not found again here
    return corpus_steps(arts, done, duplicates=duplicates, clusters=clusters, found=found)
