"""Claim clusters: claims from across a corpus that report the same event, and where they disagree.

:func:`cluster_claims` reads every article's claims (:func:`~ontherecord.extract_claims`), keeps
those that report an event (a word of the event lexicon: "killed", "casualties", "attacked"), and
links two of them when they report the same kind of event and

* name the same specific anchor ("missile", "drone", "airstrike": ``claim_anchors.txt``) in
  the claim's sentence (or, when it names none, the two sentences before it in its paragraph),
  and no different
  specific anchors on both sides (rule ``"anchor"``); or
* name the same person, organisation or place (actors resolved across the corpus with
  :func:`~ontherecord.find_actors`) and the same anchor word, where one side names no specific
  anchor (rule ``"actor"``);

attack claims ("attacked", "struck", "airstrike") only when a specific anchor stands around them,
since political news uses "attack" for words as often as for weapons;

and, when both give a calendar date, the same date (at the precision both give). Claims of two
articles are linked only when the articles share at least two actors (the same story) and were
published within ``window_days`` of each other; claims of one article only when they stand close
together (overlapping context) or name the same actor, since an article can recall several
events of a kind ("the 2012 shooting" in a story about another). Linked claims form a cluster
(connected components, so membership does not depend on corpus order). Only claims that share
the kind of event and a specific anchor or an identifying actor are compared; when more than 129
share one (a large corpus), each is compared with the next 128 of them in order of publication
(undated last, then by article id and position) rather than with all, so the work stays linear:
such a cluster joins through that chain and may split where the chain breaks. Each cluster counts its
independent reports: copies found by :func:`~ontherecord.deduplicate` (duplicate articles, and
claims inside a passage reused between two articles) count once. Conflicts are flagged: counts of
the same event that cannot both be true (30 killed vs no casualties, 12 vs 40 dead; a negated or
denied casualty without a figure is a zero), and a claim against its denial.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs
import regex

from ontherecord._article import Article, Span
from ontherecord._text.triggers import scan, search
from ontherecord.errors import InvalidInputError

if TYPE_CHECKING:
    from ontherecord._actor import Actor
    from ontherecord.corpus._dedup import DedupResult, ReusedPassage
    from ontherecord.extract._claims import ClaimEvent, Statement
    from ontherecord.extract._quantities import Quantity

__all__ = ["EXTRACTOR", "ClaimCluster", "ClaimConflict", "ClusterMember", "cluster_claims"]

#: The versioned name of the method.
EXTRACTOR = "ontherecord.claim_clusters.v1"

ConflictKind = Literal["number", "denial"]

#: How far an approximate figure ("about a dozen") may lie from its value, as a factor.
_ABOUT = 1.35
#: Actor kinds that identify an event (countries are too broad: every story names them).
_IDENTIFYING_KINDS = frozenset({"person", "organization", "place"})
#: Event types whose words are as often figurative ("attacks on her record") as not: a claim of
#: this type is clustered only when a specific anchor ("missile", "airstrike") stands around it.
_NEEDS_MEANS = frozenset({"attack"})
#: Actors two articles must share to be about the same story (or one capitalised name in the
#: claims' contexts: "Saada" in "the airstrike near Saada" and "the Saada market").
_STORY_OVERLAP = 2
#: Pairs tested per claim in a large candidate bucket (see :func:`_candidates`).
_MAX_PAIRED = 128
#: Zero counts of these subtypes deny any casualty; a zero of "killed" denies only deaths.
_ZERO_COVERS = {
    "injured": frozenset({"killed", "injured", "casualties"}),
    "casualties": frozenset({"killed", "injured", "casualties"}),
    "killed": frozenset({"killed"}),
}


@attrs.frozen(kw_only=True)
class ClusterMember:
    """One claim of a cluster.

    Attributes:
        article_id: the article the claim is in.
        statement: the claim (from :func:`~ontherecord.extract_claims`).
        event: the event of the claim that the cluster is about.
        report: the id of the independent report the claim counts in: the first article id
            among the copies (duplicate articles, reused passages) that carry it.
        anchors: the anchors named around the claim ("missile", "attack").
        actors: the names of the identifying actors (corpus-resolved) named around the claim.

    .. versionadded:: 0.1.0
    """

    article_id: str
    statement: Statement
    event: ClaimEvent
    report: str
    anchors: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ClaimConflict:
    """Two claims of a cluster that cannot both be true.

    Attributes:
        first: index into the cluster's ``members``.
        second: index into the cluster's ``members`` (greater than ``first``).
        kind: ``"number"`` (counts that disagree) or ``"denial"`` (a claim and its denial).
        reason: the conflict in words.

    .. versionadded:: 0.1.0
    """

    first: int
    second: int
    kind: ConflictKind
    reason: str


def _members(value: Iterable[ClusterMember]) -> tuple[ClusterMember, ...]:
    return tuple(value)


def _conflicts(value: Iterable[ClaimConflict]) -> tuple[ClaimConflict, ...]:
    return tuple(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ClaimCluster:
    """Claims from one or more articles that report the same event.

    Attributes:
        event: the kind of event (``"casualty"``, ``"attack"``...).
        members: the claims, sorted by article id and position.
        terms: the anchors and actor names the links rest on, sorted.
        reports: how many independent reports carry the claims (copies count once).
        article_ids: the articles with a claim in the cluster, sorted.
        conflicts: pairs of members that cannot both be true.
        why: one line per link that joined the cluster.
        extractor: the versioned name of the method.
        rule: ``"anchor"``, ``"actor"`` or ``"anchor+actor"``: which linking rules joined it.

    .. versionadded:: 0.1.0
    """

    event: str
    members: tuple[ClusterMember, ...] = attrs.field(converter=_members)
    terms: tuple[str, ...] = attrs.field(converter=_strs)
    reports: int
    article_ids: tuple[str, ...] = attrs.field(converter=_strs)
    conflicts: tuple[ClaimConflict, ...] = attrs.field(default=(), converter=_conflicts)
    why: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    extractor: str = EXTRACTOR
    rule: str

    @property
    def corroboration(self) -> int:
        """Independent reports that carry the event beyond the first (``reports - 1``)."""
        return max(0, self.reports - 1)


# ---------------------------------------------------------------------------------------------
# Nodes


@attrs.frozen(kw_only=True)
class _Node:
    article_id: str
    statement: Statement
    event: ClaimEvent
    context: Span
    specific: frozenset[str]
    anchors: frozenset[str]
    actors: frozenset[str]
    dates: frozenset[str]
    story: frozenset[str]  # every resolved actor of the article
    names: frozenset[str]  # capitalised words inside the sentence around the claim
    published: dt.date | None


def _main_event(s: Statement) -> dict[str, ClaimEvent]:
    """The event of each type a statement reports: the first with a count, else the first."""
    out: dict[str, ClaimEvent] = {}
    for e in s.events:
        have = out.get(e.type)
        if have is None or (have.count is None and e.count is not None):
            out[e.type] = e
    return out


def _context(article: Article, s: Statement) -> Span:
    """The claim's sentence and the two before it in the same paragraph."""
    sents = article.sentences
    paras = article.paragraphs
    para = next((p.span for p in paras if p.start <= s.sentence.start < p.end), s.sentence)
    k = next((i for i, x in enumerate(sents) if x.span == s.sentence), None)
    start = s.sentence.start
    if k is not None:
        for j in (k - 1, k - 2):
            if j >= 0 and sents[j].start >= para.start:
                start = sents[j].start
    return Span(min(start, s.span.start), max(s.sentence.end, s.span.end))


def _anchors(text: str) -> tuple[frozenset[str], frozenset[str]]:
    from ontherecord._text.normalize import normalize
    from ontherecord.extract._claims import anchor_lexicon

    words, pattern = anchor_lexicon()
    specific: set[str] = set()
    every: set[str] = set()
    for m in scan(pattern, normalize(text).text, purpose="claim clusters: event anchors"):
        hit = words.get(" ".join(m.group().lower().split()))
        if hit is None:
            continue
        every.add(hit[0])
        if hit[1]:
            specific.add(hit[0])
    return frozenset(specific), frozenset(every)


# A capitalised word inside a sentence (not its first word): a name ("Saada", "Kabul").
_NAME = regex.compile(r"(?<=[\p{Ll},;][\s\p{Pi}\p{Ps}\"']*+)\p{Lu}\p{Ll}{2,}+(?![\p{L}'])")
_CALENDAR = regex.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)", regex.I
)
_ISO_DATE = regex.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _nodes(
    article: Article,
    statements: list[Statement],
    names: dict[tuple[int, int], str],
    story: frozenset[str],
) -> list[_Node]:
    out = []
    by_article = sorted(names.items())  # this article's identifying mentions, by position
    published = None if article.published is None else article.published.date()
    for s in statements:
        events = _main_event(s)
        if not events:
            continue
        ctx = _context(article, s)
        # the claim's own sentence names the event when it can; the sentences before it only
        # when it does not ("there were no casualties" after "fired two dozen missiles")
        own = Span(min(s.sentence.start, s.span.start), max(s.sentence.end, s.span.end))
        specific, every = _anchors(article.text[own.start:own.end])
        if not specific:
            specific, every = _anchors(article.text[ctx.start:ctx.end])
        source = s.claim.source_mention
        actors = frozenset(
            name for (st, en), name in by_article
            if s.sentence.start <= st and en <= s.sentence.end
            and not (source is not None and source.start <= st < source.end)
        )  # fmt: skip
        dates = frozenset(
            t.value for t in s.times
            if t.type == "date" and t.value is not None and _ISO_DATE.match(t.value)
        )  # fmt: skip
        words = frozenset(
            m.group().lower()
            for m in scan(_NAME, article.text, ctx.start, ctx.end, purpose="claim clusters: names")
            if not _CALENDAR.match(m.group())
        )
        for e in events.values():
            if e.type in _NEEDS_MEANS and not specific:
                continue  # "Sanders' attacks on Clinton": no weapon, no event to check
            out.append(_Node(article_id=article.id, statement=s, event=e, context=ctx,
                             specific=specific, anchors=every, actors=actors, dates=dates,
                             story=story, names=words, published=published))  # fmt: skip
    return out


def _same_day(a: str, b: str) -> bool:
    """Whether two ISO dates of any precision (year, month, day) can name the same day."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _link(a: _Node, b: _Node, window: int) -> tuple[str, str] | None:
    """Why two claims report the same event (rule, reason), or None."""
    if a.event.type != b.event.type:
        return None
    if a.statement is b.statement and a.article_id == b.article_id:
        return None
    if a.dates and b.dates and not any(_same_day(x, y) for x in a.dates for y in b.dates):
        return None
    if a.article_id == b.article_id:
        # one article can report several events of a kind: nearby claims, or the same actor
        if not (a.context.overlaps(b.context) or a.actors & b.actors):
            return None
    else:
        if a.published and b.published and abs((a.published - b.published).days) > window:
            return None
        if len(a.story & b.story) < _STORY_OVERLAP and not a.names & b.names:
            return None
    if a.specific and b.specific:
        shared = a.specific & b.specific
        if not shared:
            return None
        return "anchor", f"both report a {a.event.type} event with {', '.join(sorted(shared))}"
    actors = a.actors & b.actors
    anchors = a.anchors & b.anchors
    if actors and anchors:
        return "actor", (
            f"both report a {a.event.type} event ({', '.join(sorted(anchors))}) naming "
            f"{', '.join(sorted(actors))}"
        )
    return None


# ---------------------------------------------------------------------------------------------
# Conflicts


# "three other Americans", "4 more soldiers": a count of some of the victims only, so a floor.
_PARTIAL = regex.compile(r"(?<!\p{L})(?:other|more|additional|further)(?!\p{L})", regex.IGNORECASE)


def _range(q: Quantity) -> tuple[float, float]:
    v = float(q.value)
    if v and search(_PARTIAL, q.text, purpose="claim clusters: partial counts"):
        return v, math.inf
    if not q.approximate or q.bound is None:
        return v, v
    if q.bound == "lower":
        return v, math.inf
    if q.bound == "upper":
        return v / _ABOUT, v
    return v / _ABOUT, v * _ABOUT


def _count(m: ClusterMember) -> tuple[tuple[float, float], str] | None:
    """The range a claim gives for the count of its event, and the words that give it. A negated
    or denied casualty without a figure ("no civilians were killed", "denied that any soldiers
    were killed") is a zero."""
    e = m.event
    if e.count is not None and not ((e.negated or m.statement.denied) and e.count.value != 0):
        return _range(e.count), e.count.text
    if e.type == "casualty" and e.count is None:
        if e.negated:
            return (0.0, 0.0), f"{e.text} (negated)"
        if m.statement.denied:
            return (0.0, 0.0), f"{e.text} (denied)"
    return None


def _number_conflict(
    ma: ClusterMember,
    mb: ClusterMember,
    ca: tuple[tuple[float, float], str] | None,
    cb: tuple[tuple[float, float], str] | None,
) -> str | None:
    """The conflict between the counts ``ca`` and ``cb`` (:func:`_count`) of two members."""
    a, b = ma.event, mb.event
    if ca is None or cb is None:
        return None
    (ra, ta), (rb, tb) = ca, cb
    if ra[1] < rb[0] or rb[1] < ra[0]:
        if ra == (0.0, 0.0) or rb == (0.0, 0.0):
            zero, other = (a, b) if ra == (0.0, 0.0) else (b, a)
            if other.subtype not in _ZERO_COVERS.get(zero.subtype, frozenset({zero.subtype})):
                return None
        elif a.subtype != b.subtype:
            return None
        return f"{ta!r} ({a.subtype}) and {tb!r} ({b.subtype}) cannot both count the same event"
    return None


def _conflicts_of(members: list[ClusterMember]) -> list[ClaimConflict]:
    out = []
    # every pair is compared: what each member says is read once
    counts = [_count(m) for m in members]
    denials = [m.statement.denied for m in members]
    for (i, a), (j, b) in itertools.combinations(enumerate(members), 2):
        reason = _number_conflict(a, b, counts[i], counts[j])
        if reason is not None:
            out.append(ClaimConflict(first=i, second=j, kind="number", reason=reason))
            continue
        if a.article_id == b.article_id:
            continue  # an article that reports a denial and what is denied does not contradict itself
        if denials[i] != denials[j] and not (a.event.negated or b.event.negated):
            denied = a if denials[i] else b
            out.append(ClaimConflict(
                first=i, second=j, kind="denial",
                reason=f"{denied.statement.text!r} is denied by its source",
            ))  # fmt: skip
    return out


# ---------------------------------------------------------------------------------------------
# Independent reports


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _articles(corpus: Iterable[Article]) -> list[Article]:
    from ontherecord.errors import DuplicateIdError

    arts = list(corpus)
    seen: set[str] = set()
    dupes: set[str] = set()
    for a in arts:
        if not isinstance(a, Article):
            raise InvalidInputError(f"cluster_claims() takes Article objects, got {type(a).__name__}")
        if a.id in seen:
            dupes.add(a.id)
        seen.add(a.id)
    if dupes:
        raise DuplicateIdError(tuple(sorted(dupes)))
    return sorted(arts, key=lambda a: a.id)


def cluster_claims(
    corpus: Iterable[Article],
    *,
    window_days: int = 7,
    statements: Mapping[str, Sequence[Statement]] | None = None,
    actors: Sequence[Actor] | None = None,
    duplicates: DedupResult | None = None,
) -> list[ClaimCluster]:
    """Group the claims of a corpus that report the same event, and flag those that conflict.

    Args:
        corpus: a :class:`~ontherecord.Corpus` or any iterable of articles with unique ids.
        window_days: two articles whose publication dates are further apart than this are not
            about the same event (articles without a date are not held apart by it).
        statements: each article's :func:`~ontherecord.extract_claims` result, by article id,
            when already computed (as :func:`~ontherecord.analyze` has them); missing articles
            are extracted here.
        actors: the corpus's :func:`~ontherecord.find_actors` result, when already computed.
        duplicates: the corpus's :func:`~ontherecord.deduplicate` result, when already computed.

    Claims that share the kind of event and an anchor or actor are compared pairwise; when more
    than 129 share one, each is compared with the next 128 in order of publication only (see the
    module documentation), so the time grows linearly with the corpus.

    Returns:
        The clusters of two or more claims, sorted by their first member (article id, position).
        Each says why it was formed, how many independent reports carry it, and which members
        conflict.

    Raises:
        InvalidInputError: an item is not an :class:`~ontherecord.Article`.
        DuplicateIdError: two articles share an id.
        PatternTimeoutError: a pattern could not get through an article's text (hostile or
            pathological text; never a long one).

    .. versionadded:: 0.1.0
    """
    from ontherecord.corpus._dedup import deduplicate
    from ontherecord.extract._actors import find_actors
    from ontherecord.extract._claims import extract_claims

    arts = _articles(corpus)
    if not arts:
        return []
    names: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)  # by article, then span
    stories: dict[str, set[str]] = defaultdict(set)
    for actor in find_actors(arts) if actors is None else actors:
        for m in actor.mentions:
            if actor.kind != "document":
                stories[m.article_id].add(actor.name)
            if actor.kind in _IDENTIFYING_KINDS:
                names[m.article_id][(m.span.start, m.span.end)] = actor.name
    nodes: list[_Node] = []
    for a in arts:
        found = statements.get(a.id) if statements is not None else None
        claims = list(found) if found is not None else extract_claims(a)
        nodes.extend(_nodes(a, claims, names[a.id], frozenset(stories[a.id])))

    # candidate pairs share a specific anchor or an identifying actor
    index: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        for key in sorted({f"a:{x}" for x in n.specific} | {f"p:{x}" for x in n.actors}):
            index[f"{n.event.type}|{key}"].append(i)
    parent = list(range(len(nodes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: dict[tuple[int, int], tuple[str, str]] = {}
    for key in sorted(index):
        for i, j in _candidates(nodes, index[key]):
            if (i, j) in links:
                continue
            why = _link(nodes[i], nodes[j], window_days)
            if why is not None:
                links[(i, j)] = why
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        components[find(i)].append(i)
    component_links: dict[int, list[tuple[tuple[int, int], tuple[str, str]]]] = defaultdict(list)
    for pair, why in sorted(links.items()):
        component_links[find(pair[0])].append((pair, why))

    dedup = deduplicate(arts) if duplicates is None else duplicates
    passages_of: dict[str, list[ReusedPassage]] = defaultdict(list)
    for p in dedup.passages:
        passages_of[p.ids[0]].append(p)
    out = []
    for root, members_idx in components.items():
        if len(members_idx) < 2:
            continue
        out.append(_cluster(nodes, members_idx, component_links[root], dedup, passages_of))
    out.sort(key=lambda c: (c.members[0].article_id, c.members[0].statement.span, c.event))
    return out


def _candidates(nodes: list[_Node], bucket: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs of a bucket (node indices, ascending) worth testing, each as (lower, higher).

    Every pair of a bucket of up to :data:`_MAX_PAIRED` + 1 claims. A larger bucket (a kind of
    event and an anchor or actor shared by many claims of a large corpus) pairs each claim only
    with the next :data:`_MAX_PAIRED` in order of publication (undated claims last, then corpus
    order), so the work stays linear in the number of claims; claims published close together
    are still compared, and clusters still join through the chain.
    """
    if len(bucket) <= _MAX_PAIRED + 1:
        yield from itertools.combinations(bucket, 2)
        return
    order = sorted(bucket, key=lambda i: (nodes[i].published is None, nodes[i].published or dt.date.min, i))
    for k, i in enumerate(order):
        for j in order[k + 1 : k + 1 + _MAX_PAIRED]:
            yield min(i, j), max(i, j)


def _cluster(
    nodes: list[_Node],
    idx: list[int],
    links: list[tuple[tuple[int, int], tuple[str, str]]],
    dedup: DedupResult,
    passages_of: Mapping[str, Sequence[ReusedPassage]],
) -> ClaimCluster:
    """One cluster: ``links`` are the links between its members, sorted; ``passages_of`` the
    reused passages by their first article id."""
    idx = sorted(
        idx, key=lambda i: (nodes[i].article_id, nodes[i].statement.span, nodes[i].event.span)
    )
    uf = _UnionFind()
    ids = sorted({nodes[i].article_id for i in idx})
    for aid in ids:
        uf.union(aid, dedup.representative_of(aid))
    id_set = set(ids)
    for p in [p for aid in ids for p in passages_of.get(aid, ())]:
        a, b = p.ids
        if b not in id_set:
            continue
        in_a = any(
            nodes[i].article_id == a and p.spans[0].contains(nodes[i].statement.span) for i in idx
        )
        in_b = any(
            nodes[i].article_id == b and p.spans[1].contains(nodes[i].statement.span) for i in idx
        )
        if in_a and in_b:
            uf.union(a, b)
    members = [
        ClusterMember(
            article_id=nodes[i].article_id, statement=nodes[i].statement, event=nodes[i].event,
            report=uf.find(nodes[i].article_id), anchors=tuple(sorted(nodes[i].anchors)),
            actors=tuple(sorted(nodes[i].actors)),
        )
        for i in idx
    ]  # fmt: skip
    rules: set[str] = set()
    why: list[str] = []
    terms: set[str] = set()
    for (i, j), (rule, reason) in links:
        rules.add(rule)
        x, y = nodes[i], nodes[j]
        why.append(f"{x.article_id}@{x.statement.span.start} ~ {y.article_id}@"
                   f"{y.statement.span.start}: {reason}")  # fmt: skip
        if rule == "anchor":
            terms |= x.specific & y.specific
        else:
            terms |= (x.actors & y.actors) | (x.anchors & y.anchors)
    return ClaimCluster(
        event=nodes[idx[0]].event.type, members=members, terms=tuple(sorted(terms)),
        reports=len({m.report for m in members}), article_ids=ids,
        conflicts=_conflicts_of(members), why=why, rule="+".join(sorted(rules)),
    )  # fmt: skip
