"""An :class:`~ontherecord.Analysis` as flat tables: the rows that SQLite and pandas exports share.

Every row has a deterministic id built from what it is, never from a counter or a salted hash:

- an article: its id;
- a quote, claim, time, quantity or actor mention: ``"<article id>:<start>-<end>"`` (its span in
  the article; a second annotation of the same table on the same span gets ``"~2"``, in text order);
- an actor: ``"<kind>:<name>"``;
- a duplicate group: ``"group:<representative id>"``;
- a reused passage: ``"<id a>:<start>-<end>|<id b>:<start>-<end>"``.

So the same analysis always gives the same rows, and exporting it again updates rather than
duplicates them. A quote's speaker or a claim's source is linked to the corpus-wide actor with the
same kind and name, else to the only corpus actor that has the name among its aliases; when neither
exists it gets an actor row of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ontherecord._actor import Actor
from ontherecord._article import Span

if TYPE_CHECKING:
    from ontherecord.corpus._analysis import Analysis

__all__ = ["COLUMNS", "Tables", "actor_id", "tables"]

Row = dict[str, Any]


#: The columns of each table, in order (every row of the table has exactly these keys).
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "source", "url", "published", "authors", "chars", "quotes", "claims",
                 "text"),
    "quotes": ("id", "article_id", "start", "end", "text", "kind", "speaker", "speaker_id",
               "speaker_kind", "speaker_start", "speaker_end", "speaker_text", "cue", "cue_start",
               "cue_end", "confidence", "extractor", "rule"),
    "claims": ("id", "article_id", "start", "end", "text", "source", "source_id", "source_kind",
               "source_start", "source_end", "source_text", "cue", "cue_start", "cue_end",
               "quote_id", "confidence", "extractor", "rule"),
    "actors": ("id", "name", "kind", "gender", "aliases", "roles", "mentions", "quotes", "claims",
               "why"),
    "passages": ("id", "article_a", "start_a", "end_a", "text_a", "article_b", "start_b", "end_b",
                 "text_b", "similarity", "extractor", "rule"),
    "times": ("id", "article_id", "start", "end", "text", "type", "value", "mod", "extractor", "rule"),
    "quantities": ("id", "article_id", "start", "end", "text", "value", "unit", "approximate",
                   "approximator", "bound", "extractor", "rule"),
    "mentions": ("id", "article_id", "actor_id", "start", "end", "text", "rule", "extractor"),
    "actor_aliases": ("actor_id", "alias"),
    "duplicate_groups": ("id", "kind", "similarity", "representative", "size", "explanation"),
    "duplicate_members": ("group_id", "article_id", "position"),
}


def actor_id(actor: Actor) -> str:
    """The row id of an actor: ``"<kind>:<name>"``."""
    return f"{actor.kind}:{actor.name}"


def _span_id(article_id: str, span: Span) -> str:
    return f"{article_id}:{span.start}-{span.end}"


class _Ids:
    """Hands out span ids, numbering repeats of the same span in order (``~2``, ``~3``...)."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def __call__(self, article_id: str, span: Span) -> str:
        base = _span_id(article_id, span)
        self._seen[base] += 1
        n = self._seen[base]
        return base if n == 1 else f"{base}~{n}"


class ActorIndex:
    """Finds the corpus actor a quote's speaker or a claim's source stands for."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {}
        by_alias: dict[str, set[str]] = {}
        for a in actors:
            key = actor_id(a)
            self.actors.setdefault(key, a)
            for alias in a.aliases | {a.name}:
                by_alias.setdefault(alias, set()).add(key)
        self._by_alias = {alias: next(iter(keys)) for alias, keys in by_alias.items() if len(keys) == 1}
        self.extra: dict[str, Actor] = {}

    def resolve(self, actor: Actor | None) -> str | None:
        """Return the row id for ``actor``; remember actors the corpus list does not have."""
        if actor is None:
            return None
        key = actor_id(actor)
        if key in self.actors:
            return key
        found = self._by_alias.get(actor.name)
        if found is not None:
            return found
        self.extra.setdefault(key, actor)
        return key

    def counts(self, analysis: Analysis) -> tuple[Counter[str], Counter[str]]:
        """How many quotations each actor speaks and how many statements each is the source of,
        by row id."""
        quoted: Counter[str] = Counter()
        sourced: Counter[str] = Counter()
        for _, q in analysis.quotes:
            key = self.resolve(q.speaker)
            if key is not None:
                quoted[key] += 1
        for _, c in analysis.claims:
            key = self.resolve(c.source)
            if key is not None:
                sourced[key] += 1
        return quoted, sourced

    def name(self, key: str | None) -> str | None:
        """The canonical name of the actor with row id ``key``."""
        if key is None:
            return None
        actor = self.actors.get(key) or self.extra.get(key)
        return None if actor is None else actor.name


def _start(span: Span | None) -> int | None:
    return None if span is None else span.start


def _end(span: Span | None) -> int | None:
    return None if span is None else span.end


def _slice(text: str, span: Span | None) -> str | None:
    return None if span is None else span.slice(text)


@attrs.frozen(kw_only=True)
class Tables:
    """The rows of every table, keyed by table name (see the module documentation for ids)."""

    articles: tuple[Row, ...]
    actors: tuple[Row, ...]
    actor_aliases: tuple[Row, ...]
    mentions: tuple[Row, ...]
    quotes: tuple[Row, ...]
    claims: tuple[Row, ...]
    times: tuple[Row, ...]
    quantities: tuple[Row, ...]
    duplicate_groups: tuple[Row, ...]
    duplicate_members: tuple[Row, ...]
    passages: tuple[Row, ...]

    def items(self) -> Iterable[tuple[str, tuple[Row, ...]]]:
        """Yield ``(table name, rows)`` in the order the tables may be filled (parents first)."""
        for f in attrs.fields(Tables):
            yield f.name, getattr(self, f.name)


def tables(analysis: Analysis) -> Tables:
    """Flatten an analysis into rows (see the module documentation).

    Args:
        analysis: the analysis.

    Returns:
        The rows of every table.
    """
    index = ActorIndex(analysis.actors)
    articles: list[Row] = []
    mentions: list[Row] = []
    quotes: list[Row] = []
    claims: list[Row] = []
    times: list[Row] = []
    quantities: list[Row] = []
    quoted: Counter[str] = Counter()
    claimed: Counter[str] = Counter()
    known = {a.article.id for a in analysis.articles}
    seen: set[str] = set()
    for actor in analysis.actors:
        key = actor_id(actor)
        for m in actor.mentions:
            mid = f"{_span_id(m.article_id, m.span)}@{key}"
            if m.article_id not in known or mid in seen:
                continue
            seen.add(mid)
            mentions.append({
                "id": mid,
                "article_id": m.article_id, "actor_id": key, "start": m.span.start,
                "end": m.span.end, "text": m.text, "rule": m.rule, "extractor": m.extractor,
            })
    for item in analysis.articles:
        art = item.article
        text = art.text
        articles.append({
            "id": art.id, "title": art.title, "source": art.source, "url": art.url,
            "published": None if art.published is None else art.published.isoformat(),
            "authors": art.authors, "chars": len(text), "quotes": len(item.quotes),
            "claims": len(item.claims), "text": text,
        })
        ids = _Ids()
        quote_ids: dict[Span, str] = {}
        for q in item.quotes:
            qid = ids(art.id, q.span)
            quote_ids.setdefault(q.span, qid)
            speaker = index.resolve(q.speaker)
            if speaker is not None:
                quoted[speaker] += 1
            quotes.append({
                "id": qid, "article_id": art.id, "start": q.span.start, "end": q.span.end,
                "text": q.text, "kind": q.kind, "speaker": index.name(speaker), "speaker_id": speaker,
                "speaker_kind": None if q.speaker is None else q.speaker.kind,
                "speaker_start": _start(q.speaker_mention), "speaker_end": _end(q.speaker_mention),
                "speaker_text": _slice(text, q.speaker_mention), "cue": q.cue,
                "cue_start": _start(q.cue_span), "cue_end": _end(q.cue_span),
                "confidence": q.confidence, "extractor": q.extractor, "rule": q.rule,
            })
        ids = _Ids()
        for c in item.claims:
            source = index.resolve(c.source)
            if source is not None:
                claimed[source] += 1
            claims.append({
                "id": ids(art.id, c.span), "article_id": art.id, "start": c.span.start,
                "end": c.span.end, "text": c.text, "source": index.name(source), "source_id": source,
                "source_kind": c.source_kind, "source_start": _start(c.source_mention),
                "source_end": _end(c.source_mention), "source_text": _slice(text, c.source_mention),
                "cue": c.cue, "cue_start": _start(c.cue_span), "cue_end": _end(c.cue_span),
                "quote_id": None if c.quote is None else quote_ids.get(c.quote.span),
                "confidence": c.confidence, "extractor": c.extractor, "rule": c.rule,
            })
        ids = _Ids()
        for t in item.times:
            times.append({
                "id": ids(art.id, t.span), "article_id": art.id, "start": t.span.start,
                "end": t.span.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
                "extractor": t.extractor, "rule": t.rule,
            })
        ids = _Ids()
        for n in item.quantities:
            quantities.append({
                "id": ids(art.id, n.span), "article_id": art.id, "start": n.span.start,
                "end": n.span.end, "text": n.text, "value": n.value, "unit": n.unit,
                "approximate": n.approximate, "approximator": n.approximator, "bound": n.bound,
                "extractor": n.extractor, "rule": n.rule,
            })
    actors: list[Row] = []
    aliases: list[Row] = []
    mentioned = Counter(m["actor_id"] for m in mentions)
    for key, actor in sorted({**index.actors, **index.extra}.items()):
        actors.append({
            "id": key, "name": actor.name, "kind": actor.kind, "gender": actor.gender,
            "aliases": tuple(sorted(actor.aliases | {actor.name})), "roles": tuple(sorted(actor.roles)),
            "mentions": mentioned[key], "quotes": quoted[key], "claims": claimed[key],
            "why": actor.why,
        })
        aliases.extend({"actor_id": key, "alias": a} for a in sorted(actor.aliases | {actor.name}))
    groups: list[Row] = []
    members: list[Row] = []
    passages: list[Row] = []
    dup = analysis.duplicates
    if dup is not None:
        for g in dup.groups:
            gid = f"group:{g.ids[0]}"
            groups.append({
                "id": gid, "kind": g.kind, "similarity": g.similarity, "representative": g.ids[0],
                "size": len(g.ids), "explanation": g.explanation,
            })
            members.extend(
                {"group_id": gid, "article_id": i, "position": n} for n, i in enumerate(g.ids)
            )
        for p in dup.passages:
            (a, b), (sa, sb) = p.ids, p.spans
            passages.append({
                "id": f"{_span_id(a, sa)}|{_span_id(b, sb)}", "article_a": a, "start_a": sa.start,
                "end_a": sa.end, "text_a": p.texts[0], "article_b": b, "start_b": sb.start,
                "end_b": sb.end, "text_b": p.texts[1], "similarity": p.similarity,
                "extractor": p.extractor, "rule": p.rule,
            })
    return Tables(
        articles=tuple(articles), actors=tuple(actors), actor_aliases=tuple(aliases),
        mentions=tuple(mentions), quotes=tuple(quotes), claims=tuple(claims), times=tuple(times),
        quantities=tuple(quantities), duplicate_groups=tuple(groups),
        duplicate_members=tuple(members), passages=tuple(passages),
    )
