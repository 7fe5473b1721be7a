"""Everything the library finds in a corpus, in one value that explains itself and exports.

:func:`analyze` runs every built-in extractor over each article (plus any custom extractor you
name), resolves actors across the corpus and finds duplicates and reused passages. The result,
:class:`Analysis`, writes and reads the versioned ``ontherecord/1`` JSON Lines schema losslessly.
"""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ontherecord._actor import Actor
from ontherecord._article import Article
from ontherecord._claim import Claim, Quote
from ontherecord.corpus._corpus import Corpus, json_lines
from ontherecord.errors import InvalidInputError
from ontherecord.export._schema import SCHEMA, decode, encode
from ontherecord.extract._quantities import Quantity
from ontherecord.extract._times import TimeExpression

if TYPE_CHECKING:
    from ontherecord.corpus._clusters import ClaimCluster
    from ontherecord.corpus._dedup import DedupResult
    from ontherecord.extract._actors import ArticleActors
    from ontherecord.extract._claims import Statement

__all__ = ["Analysis", "ArticleAnalysis", "analyze", "analyze_article", "iter_analyses"]

#: Called after each article with (articles done, articles in all or None when unknown).
Progress = Callable[[int, int | None], None]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


def _annotations(value: Mapping[str, Iterable[Any]] | None) -> dict[str, tuple[Any, ...]]:
    return {str(k): tuple(v) for k, v in sorted((value or {}).items())}


@attrs.frozen(kw_only=True)
class ArticleAnalysis:
    """What the extractors found in one article.

    Attributes:
        article: the article.
        quotes: its quotations (:func:`~ontherecord.extract_quotes`).
        claims: its attributed statements (:func:`~ontherecord.attribute`).
        times: its time expressions (:func:`~ontherecord.extract_times`).
        quantities: its quantities (:func:`~ontherecord.extract_quantities`).
        statements: its claims with hedges, negations, numbers, times and actors, the writer's
            own check-worthy assertions included (:func:`~ontherecord.extract_claims`).
        annotations: what custom extractors found, by extractor name.

    .. versionadded:: 0.1.0
    """

    article: Article
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_tuple)
    times: tuple[TimeExpression, ...] = attrs.field(default=(), converter=_tuple)
    quantities: tuple[Quantity, ...] = attrs.field(default=(), converter=_tuple)
    statements: tuple[Statement, ...] = attrs.field(default=(), converter=_tuple)
    annotations: dict[str, tuple[Any, ...]] = attrs.field(factory=dict, converter=_annotations)


def _articles(value: Iterable[ArticleAnalysis]) -> tuple[ArticleAnalysis, ...]:
    return tuple(sorted(value, key=lambda a: a.article.id))


def _actors(value: Iterable[Actor]) -> tuple[Actor, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Analysis:
    """The analysis of a corpus: per-article annotations, actors across the corpus, duplicates.

    Attributes:
        articles: one :class:`ArticleAnalysis` per article, in id order.
        actors: the actors of the corpus, resolved across articles (:func:`~ontherecord.find_actors`).
        duplicates: the duplicates and reused passages (:func:`~ontherecord.deduplicate`), or
            None when deduplication was not asked for.
        clusters: claims from different articles that state the same thing, with conflicts
            flagged (:func:`~ontherecord.cluster_claims`); None when not asked for.
        schema: the export schema this value follows.

    .. versionadded:: 0.1.0
    """

    articles: tuple[ArticleAnalysis, ...] = attrs.field(converter=_articles)
    actors: tuple[Actor, ...] = attrs.field(default=(), converter=_actors)
    duplicates: DedupResult | None = None
    clusters: tuple[ClaimCluster, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    schema: str = SCHEMA

    def __getitem__(self, article_id: str) -> ArticleAnalysis:
        for a in self.articles:
            if a.article.id == article_id:
                return a
        raise KeyError(article_id)

    @property
    def quotes(self) -> tuple[tuple[str, Quote], ...]:
        """Every quotation of the corpus as ``(article id, quote)``, in article and text order."""
        return tuple((a.article.id, q) for a in self.articles for q in a.quotes)

    @property
    def claims(self) -> tuple[tuple[str, Claim], ...]:
        """Every attributed statement as ``(article id, claim)``, in article and text order."""
        return tuple((a.article.id, c) for a in self.articles for c in a.claims)

    def records(self) -> Iterable[dict[str, Any]]:
        """Yield the JSON Lines records of this analysis: a header, one record per article, one
        per actor, the duplicates, and one per claim cluster."""
        yield {
            "$type": "Header",
            "schema": self.schema,
            "articles": len(self.articles),
            "actors": len(self.actors),
        }
        for a in self.articles:
            yield encode(a)
        for actor in self.actors:
            yield encode(actor)
        if self.duplicates is not None:
            yield encode(self.duplicates)
        if self.clusters is not None:
            yield {"$type": "Clusters", "clusters": [encode(c) for c in self.clusters]}

    def to_jsonl(self, path: str | os.PathLike[str]) -> None:
        """Write the analysis as JSON Lines in the ``ontherecord/1`` schema (UTF-8, one record a
        line, deterministic). :meth:`from_jsonl` reads it back to an equal value."""
        with pathlib.Path(path).open("w", encoding="utf-8", newline="\n") as fh:
            for record in self.records():
                fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    def to_dict(self) -> dict[str, Any]:
        """Return the analysis as one JSON-compatible dict in the ``ontherecord/1`` schema."""
        data: dict[str, Any] = encode(self)
        return data

    def to_json(self, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
        """Return the analysis as a JSON document (``ontherecord/1``); also write it to ``path``
        when one is given."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=indent)
        if path is not None:
            pathlib.Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    def to_sqlite(self, path: str | os.PathLike[str], *, fulltext: bool = True) -> str:
        """Write the analysis to an SQLite database, or update the one at ``path``: the rows of
        every article analysed again are replaced, never duplicated. Tables for articles, actors,
        aliases, mentions, quotes, claims, times, quantities, duplicates and passages, with foreign
        keys, and an FTS5 full-text index ``fulltext`` over quotes and claims. See
        :doc:`/howto/export`.

        Returns:
            The full-text mode: ``"fts5"``, or ``"like"`` where SQLite lacks FTS5.

        Raises:
            InvalidInputError: the file holds another schema version.

        .. versionadded:: 0.1.0
        """
        from ontherecord.export._sqlite import to_sqlite

        return to_sqlite(self, path, fulltext=fulltext)

    def to_pandas(self) -> dict[str, Any]:
        """Return one pandas DataFrame per table: ``articles``, ``quotes``, ``claims``, ``actors``,
        ``duplicates``, ``passages``, ``times``, ``quantities``, ``mentions``.

        Raises:
            MissingDependencyError: pandas is not installed (``pip install 'ontherecord[pandas]'``).

        .. versionadded:: 0.1.0
        """
        from ontherecord.export._pandas import to_pandas

        return to_pandas(self)

    def to_html(
        self,
        path: str | os.PathLike[str],
        *,
        title: str = "ontherecord report",
        clusters: Sequence[Any] | None = None,
    ) -> None:
        """Write a self-contained HTML report (no scripts, no fetches): each article with its
        quotations highlighted and labelled with the speaker, an actor table, duplicates and reused
        passages side by side, and the claim clusters given (:func:`~ontherecord.cluster_claims`)
        with their conflicts marked.

        .. versionadded:: 0.1.0
        """
        from ontherecord.export._html import to_html

        to_html(self, path, title=title, clusters=self.clusters if clusters is None else clusters)

    def _repr_html_(self) -> str:
        """The HTML report for Jupyter, with the text of the first 20 articles."""
        from ontherecord.export._html import render_fragment

        return render_fragment(self, max_articles=20)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Analysis:
        """Read an analysis from :meth:`to_dict` data.

        Raises:
            InvalidInputError: the data is not an ``ontherecord/1`` analysis.
        """
        _check_schema(data.get("schema"))
        value = decode(dict(data))
        if not isinstance(value, Analysis):
            raise InvalidInputError("the data is not an ontherecord analysis")
        return value

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str]) -> Analysis:
        """Read an analysis written by :meth:`to_jsonl`.

        Raises:
            InvalidInputError: the file is not an ``ontherecord/1`` analysis (the message says
                which line is wrong).
        """
        p = pathlib.Path(path)
        articles: list[ArticleAnalysis] = []
        actors: list[Actor] = []
        duplicates = None
        clusters: tuple[Any, ...] | None = None
        header: dict[str, Any] | None = None
        for lineno, record in json_lines(p):
            if header is None:
                if not isinstance(record, dict) or record.get("$type") != "Header":
                    raise InvalidInputError(f"{p}:{lineno}: no ontherecord header line")
                _check_schema(record.get("schema"))
                header = record
                continue
            value = decode(record)
            if isinstance(value, ArticleAnalysis):
                articles.append(value)
            elif isinstance(value, Actor):
                actors.append(value)
            elif type(value).__name__ == "DedupResult":
                duplicates = value
            elif isinstance(value, dict) and value.get("$type") == "Clusters":
                clusters = tuple(value["clusters"])
            else:
                kind = record.get("$type") if isinstance(record, dict) else type(record).__name__
                raise InvalidInputError(f"{p}:{lineno}: unexpected record {kind!r}")
        if header is None:
            raise InvalidInputError(f"{p}: empty file")
        return cls(
            articles=articles,
            actors=actors,
            duplicates=duplicates,
            clusters=clusters,
            schema=header["schema"],
        )


def _check_schema(schema: object) -> None:
    if schema != SCHEMA:
        raise InvalidInputError(f"unsupported schema {schema!r}; this version reads {SCHEMA!r}")


def _custom(extractors: Sequence[Any]) -> list[tuple[str, Callable[[Article], Any]]]:
    from ontherecord.plugins import resolve_extractors

    return [(ex.name, ex) for ex in resolve_extractors(extractors)]


def analyze_article(article: Article, *, extractors: Sequence[Any] = ()) -> ArticleAnalysis:
    """Run every built-in extractor (and the given custom ones) over one article.

    Args:
        article: the article.
        extractors: custom extractors, by registered name or as objects with a ``name``.

    Returns:
        The :class:`ArticleAnalysis`.

    Raises:
        PatternTimeoutError: a pattern could not get through the (hostile) text in its time limit.

    .. versionadded:: 0.1.0
    """
    return _analyze_one(article, _custom(extractors))


def _analyze_one(article: Article, custom: list[tuple[str, Callable[[Article], Any]]]) -> ArticleAnalysis:
    from ontherecord.extract._attribution import attribute
    from ontherecord.extract._claims import extract_claims
    from ontherecord.extract._quantities import extract_quantities
    from ontherecord.extract._quotes import extract_quotes
    from ontherecord.extract._times import extract_times

    annotations = {name: tuple(run(article)) for name, run in custom}
    return ArticleAnalysis(
        article=article,
        quotes=extract_quotes(article),
        claims=attribute(article),
        times=extract_times(article),
        quantities=extract_quantities(article),
        statements=extract_claims(article),
        annotations=annotations,
    )


_worker_custom: list[tuple[str, Callable[[Article], Any]]] = []


def _init_worker(extractors: Sequence[Any]) -> None:
    global _worker_custom
    _worker_custom = _custom(extractors)


def _work(article: Article) -> ArticleAnalysis:
    return _analyze_one(article, _worker_custom)


def _work_with_actors(article: Article) -> tuple[ArticleAnalysis, ArticleActors]:
    """A worker's analysis of one article, with the actors it found on the way (the corpus steps
    in the parent need them and would otherwise find them again)."""
    from ontherecord.extract._actors import analyse_article

    return _analyze_one(article, _worker_custom), analyse_article(article)


def iter_analyses(
    articles: Iterable[Article],
    *,
    extractors: Sequence[Any] = (),
    workers: int = 1,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse articles one by one and yield each result as soon as it is ready, in input order.

    Memory use does not grow with the number of articles: with ``workers > 1`` at most
    ``4 * workers`` articles are in flight at once, so a stream from
    :func:`~ontherecord.read_jsonl` of any length can be analysed and written out as it goes.
    Results are identical whatever the number of workers.

    Args:
        articles: any iterable of articles (read lazily).
        extractors: custom extractors, by registered name or as picklable objects.
        workers: processes to use; 1 runs in this process.
        progress: called as ``progress(done, total)`` after each article (``total`` is None when
            unknown).
        total: the number of articles, if known, for ``progress``.

    Yields:
        One :class:`ArticleAnalysis` per article.

    Raises:
        InvalidInputError: ``workers`` is less than 1.
        UnknownNameError: an extractor name is not registered.
        PatternTimeoutError: a pattern could not get through an article in its time limit.

    .. versionadded:: 0.1.0
    """
    for result, _actors_found in _iter_pairs(
        articles, extractors=extractors, workers=workers, progress=progress, total=total, actors=False
    ):
        yield result


def _iter_pairs(
    articles: Iterable[Article],
    *,
    extractors: Sequence[Any],
    workers: int,
    progress: Progress | None,
    total: int | None,
    actors: bool,
) -> Iterator[tuple[ArticleAnalysis, ArticleActors | None]]:
    """:func:`iter_analyses`, with each article's actors when ``actors`` (from the workers)."""
    if workers < 1:
        raise InvalidInputError(f"workers must be at least 1, got {workers}")
    custom = _custom(extractors)  # resolve names here too, so unknown names fail early
    done = 0
    if workers == 1:
        from ontherecord.extract._actors import analyse_article

        for article in articles:
            result = _analyze_one(article, custom)
            # the actors were found for the claims (cached): keep them for the corpus step
            yield result, analyse_article(article) if actors else None
            done += 1
            if progress is not None:
                progress(done, total)
        return
    import collections
    import concurrent.futures as cf
    import itertools

    it = iter(articles)
    # extractors are resolved here and sent as objects: names registered in this process do not
    # exist in a freshly spawned worker
    with cf.ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(tuple(run for _, run in custom),)
    ) as pool:
        work: Callable[[Article], Any] = _work_with_actors if actors else _work
        window: collections.deque[cf.Future[Any]] = collections.deque(
            pool.submit(work, a) for a in itertools.islice(it, 4 * workers)
        )
        while window:
            result = window.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                window.append(pool.submit(work, nxt))
            yield result if actors else (result, None)
            done += 1
            if progress is not None:
                progress(done, total)


def analyze(
    corpus: Corpus | Iterable[Article],
    *,
    extractors: Sequence[Any] = (),
    dedup: bool = True,
    clusters: bool = True,
    workers: int = 1,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse a corpus: every extractor on every article, actors across articles, duplicates.

    Args:
        corpus: a :class:`~ontherecord.Corpus` or any iterable of articles.
        extractors: custom extractors to run as well, by registered name
            (``"acme.hashtags.v1"``) or as objects; their results are in
            :attr:`ArticleAnalysis.annotations` under their names.
        dedup: also find duplicates and reused passages.
        clusters: also cluster claims across articles and flag conflicts.
        workers: processes for the per-article work (the result is identical for any number).
        progress: called as ``progress(done, total)`` after each article.

    Returns:
        The :class:`Analysis`.

    Raises:
        UnknownNameError: an extractor name is not registered (the message lists those that are).
        InvalidInputError: ``workers`` is less than 1.
        PatternTimeoutError: a pattern could not get through an article in its time limit.

    .. versionadded:: 0.1.0
    """
    items = corpus if isinstance(corpus, Corpus) else Corpus(corpus)
    done: list[ArticleAnalysis] = []
    found: dict[str, ArticleActors] = {}
    for result, actors_found in _iter_pairs(
        items, extractors=extractors, workers=workers, progress=progress, total=len(items), actors=True
    ):
        done.append(result)
        if actors_found is not None:
            found[result.article.id] = actors_found
    duplicates = None
    if dedup:
        from ontherecord.corpus._dedup import deduplicate

        duplicates = deduplicate(items)
    return corpus_steps(list(items), done, duplicates=duplicates, clusters=clusters, found=found or None)


def corpus_steps(
    articles: list[Article],
    done: list[ArticleAnalysis],
    *,
    duplicates: DedupResult | None,
    clusters: bool,
    found: Mapping[str, ArticleActors] | None = None,
) -> Analysis:
    """The steps that need the whole corpus, shared by the local and the distributed plans: actors
    across articles and claim clusters, reusing what the per-article pass already found (the
    statements, and with ``found`` each article's actors, by article id)."""
    from ontherecord.corpus._actors import resolve_actors

    actors = resolve_actors(articles, found=found)  # find_actors, with what the workers found
    grouped: tuple[ClaimCluster, ...] | None = None
    if clusters:
        from ontherecord.corpus._clusters import cluster_claims

        grouped = tuple(
            cluster_claims(
                articles,
                statements={a.article.id: a.statements for a in done},
                actors=actors,
                duplicates=duplicates,
            )
        )
    return Analysis(articles=done, actors=actors, duplicates=duplicates, clusters=grouped)
