"""Claims: what an article asserts or reports, how firmly, with which numbers, dates and actors.

:func:`extract_claims` returns one :class:`Statement` per claim: every statement
:func:`~ontherecord.attribute` attributes to a source, and every check-worthy sentence the writer
asserts in their own voice (a body sentence, not a question, not furniture, not an attribution,
with a quantity, an event word, or a date and a named actor). Each statement carries its hedging
cues, negation and denial cues, the quantities and time expressions inside it, the actors it
names, and the events it reports (:class:`ClaimEvent`: "killed 30 troops", "no one was
injured"), which is what :func:`~ontherecord.cluster_claims` compares across articles.

Everything here is a pure function of the article; lexicons are the ``claim_*.txt`` and
``hedges.txt`` data files.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, TypeVar

import attrs
import regex

from ontherecord._article import Span
from ontherecord._claim import Claim
from ontherecord._data import lines, trie
from ontherecord._text.normalize import normalize
from ontherecord._text.triggers import scan, search

if TYPE_CHECKING:
    from ontherecord._actor import Actor
    from ontherecord._article import Article
    from ontherecord.extract._quantities import Quantity
    from ontherecord.extract._times import TimeExpression

__all__ = ["EXTRACTOR", "ClaimCue", "ClaimEvent", "Statement", "extract_claims"]

#: The versioned name of this extractor.
EXTRACTOR = "ontherecord.claims.v1"

CueKind = Literal["hedge", "negation", "denial"]
_T = TypeVar("_T")
#: Event types whose count is a number of people.
_COUNTED = frozenset({"casualty", "arrest"})

#: How far (characters) a count may stand from the event word it counts.
_COUNT_REACH = 60
#: How far (characters) before an event word a negation still negates it.
_NEGATION_REACH = 40


@attrs.frozen(kw_only=True)
class ClaimCue:
    """A word or phrase that qualifies a claim.

    Attributes:
        span: where the cue stands in ``Article.text``.
        text: ``article.text[span.start:span.end]``.
        kind: ``"hedge"`` ("may", "likely", "it appears"), ``"negation"`` ("not", "no one") or
            ``"denial"`` ("denied", "baseless").
        rule: the lexicon entry that matched, e.g. ``"hedges:appears"``.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    kind: CueKind
    rule: str


@attrs.frozen(kw_only=True)
class ClaimEvent:
    """An event a claim reports: a word from the event lexicon, with its count if one is given.

    Attributes:
        span: where the event word stands in ``Article.text``.
        text: ``article.text[span.start:span.end]``.
        type: the kind of event: ``"casualty"``, ``"attack"``, ``"damage"`` or ``"arrest"``.
        subtype: finer kind: for casualties ``"killed"``, ``"injured"`` or ``"casualties"``
            (either).
        count: the quantity that counts the event ("30 troops" for "killed 30 troops", the zero
            of "no one was injured"), or None.
        negated: whether a negation governs the event word: at most three words before it in
            its clause ("did not kill", "no civilians were killed"), none of them "how",
            "whether", "clear" ("it was not clear how many were killed" is not negated).
        rule: how the count was found: ``"event"`` (no count), ``"event.count"``.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    type: str
    subtype: str
    count: Quantity | None = None
    negated: bool = False
    rule: str = "event"


def _cues(value: Iterable[ClaimCue]) -> tuple[ClaimCue, ...]:
    return tuple(value)


def _events(value: Iterable[ClaimEvent]) -> tuple[ClaimEvent, ...]:
    return tuple(value)


def _quantities(value: Iterable[Quantity]) -> tuple[Quantity, ...]:
    return tuple(value)


def _times(value: Iterable[TimeExpression]) -> tuple[TimeExpression, ...]:
    return tuple(value)


def _actors(value: Iterable[Actor]) -> tuple[Actor, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Statement:
    """A claim an article makes or reports, with everything needed to check it.

    Attributes:
        span: the claim's words in ``Article.text``: the reported content of an attributed claim,
            the sentence of the writer's own assertion.
        text: ``article.text[span.start:span.end]``.
        claim: the attribution: a :class:`~ontherecord.Claim` from
            :func:`~ontherecord.attribute`, or for the writer's own assertion a ``Claim`` with
            ``source=None`` and ``source_kind="author"``.
        sentence: the sentence the claim starts in.
        hedges: hedging cues inside the claim or its attribution cue ("may", "appears").
        negations: negation and denial cues inside the claim, and the attribution cue when it is
            a denial ("denied").
        quantities: the quantities inside the claim.
        times: the time expressions inside the claim.
        actors: the article's actors named inside the claim, and its source.
        events: the events the claim reports, with their counts.
        check_worthy: whether the claim states something a fact-checker could verify: a
            quantity, a reported event, or a date and a named actor.
        extractor: the versioned name of the extractor.
        rule: ``"attributed"`` (from :func:`~ontherecord.attribute`) or the reason a writer's
            sentence was kept: ``"author.quantity"``, ``"author.event"``, ``"author.dated"``.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    claim: Claim
    sentence: Span
    hedges: tuple[ClaimCue, ...] = attrs.field(default=(), converter=_cues)
    negations: tuple[ClaimCue, ...] = attrs.field(default=(), converter=_cues)
    quantities: tuple[Quantity, ...] = attrs.field(default=(), converter=_quantities)
    times: tuple[TimeExpression, ...] = attrs.field(default=(), converter=_times)
    actors: tuple[Actor, ...] = attrs.field(default=(), converter=_actors)
    events: tuple[ClaimEvent, ...] = attrs.field(default=(), converter=_events)
    check_worthy: bool = False
    extractor: str = EXTRACTOR
    rule: str

    @property
    def source(self) -> Actor | None:
        """The claim's source (None for the writer and unresolved sources)."""
        return self.claim.source

    @property
    def source_kind(self) -> str:
        """``"author"`` for the writer's own assertion, else the attribution's source kind."""
        return self.claim.source_kind

    @property
    def hedged(self) -> bool:
        """Whether the claim carries a hedging cue."""
        return bool(self.hedges)

    @property
    def negated(self) -> bool:
        """Whether the claim carries a negation or denial cue."""
        return bool(self.negations)

    @property
    def denied(self) -> bool:
        """Whether the claim is denied: a denial cue inside it or as its attribution cue."""
        return any(c.kind == "denial" for c in self.negations)


# ---------------------------------------------------------------------------------------------
# Lexicons


def _phrase_pattern(phrases: Iterable[str]) -> regex.Pattern[str]:
    """A case-insensitive pattern for whole-word phrases, longest first; inner spaces match any
    run of white space."""
    # a prefix tree, so the engine reads each letter once; it prefers the longest phrase, as an
    # alternation sorted longest first does. A space stands for any run of white space.
    body = trie(sorted({" ".join(p.lower().split()) for p in phrases})).replace(r"\ ", r"\s+")
    # n't attaches to its verb, so it needs no word boundary before it
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'])(?:{body})(?![\p{{L}}\p{{N}}])|n't(?![\p{{L}}])",
        regex.IGNORECASE,
    )


def _rows(name: str, width: int) -> list[list[str]]:
    out = []
    for line in lines(name):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) >= width:
            out.append(parts)
    return out


@functools.cache
def _cue_lexicon() -> tuple[dict[str, CueKind], regex.Pattern[str]]:
    kinds: dict[str, CueKind] = {}
    for row in _rows("hedges", 2):
        if row[0] == "claim":
            kinds[row[1].lower()] = "hedge"
    for row in _rows("claim_cues", 2):
        kind = row[0]
        if kind in ("hedge", "negation", "denial"):
            kinds[row[1].lower()] = kind  # type: ignore[assignment]
    return kinds, _phrase_pattern(k for k in kinds if k != "n't")


@functools.cache
def _event_lexicon() -> tuple[dict[str, tuple[str, str]], regex.Pattern[str]]:
    words = {row[2].lower(): (row[0], row[1]) for row in _rows("claim_events", 3)}
    return words, _phrase_pattern(words)


@functools.cache
def anchor_lexicon() -> tuple[dict[str, tuple[str, bool]], regex.Pattern[str]]:
    """The anchor lexicon: word -> (canonical anchor, specific), and a pattern that finds them."""
    words = {row[2].lower(): (row[1], row[0] == "specific") for row in _rows("claim_anchors", 3)}
    return words, _phrase_pattern(words)


@functools.cache
def _victims() -> frozenset[str]:
    return frozenset(w.lower() for w in lines("claim_victims"))


def _key(text: str) -> str:
    return " ".join(text.lower().split())


# ---------------------------------------------------------------------------------------------
# Sentences


_QUESTION_END = regex.compile(r"\?[\s\"'\p{Pf}\p{Pe}]*+$")
# A clause boundary: a count or a negation does not reach across one.
_CLAUSE_BREAK = regex.compile(
    r"""
    [;:]                                          # semicolon, colon
    | ,\s*+(?:which|who|but|while|although|whereas)\b   # a new clause after a comma
    | \s-\s                                       # a dash between spaces
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# A negation that governs the next event word: at most three words between them, none of which
# turns the sentence into a question of fact ("it was not clear how many were killed").
_NEGATED = regex.compile(
    r"""
    (?<![\p{L}'])(?:not|never|no|none|nobody|n't)     # the negation
    (?![\p{L}])
    (?:[\s,]++(?!(?:how|whether|if|clear|known|immediately|yet)\b)[\p{L}'-]++){0,3}+  # <= 3 words
    [\s,]*+$                                       # then the event word
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'-]*+")


def _within(items: Sequence[_T], starts: Sequence[int], span: Span) -> list[_T]:
    """Items (sorted by start; ``starts`` their starts) whose span lies inside ``span``."""
    lo = bisect.bisect_left(starts, span.start)
    hi = bisect.bisect_left(starts, span.end)
    return [x for x in items[lo:hi] if x.span.end <= span.end]  # type: ignore[attr-defined]


class _Reader:
    """What extract_claims computes once per article."""

    def __init__(self, article: Article) -> None:
        from ontherecord.extract._actors import analyse_article
        from ontherecord.extract._quantities import extract_quantities
        from ontherecord.extract._times import extract_times

        self.article = article
        self.norm = normalize(article.text)
        self.quantities = extract_quantities(article)
        self.q_starts = [q.span.start for q in self.quantities]
        self.zeros = _Cover(q.span for q in self.quantities if q.rule == "zero")
        self.times = extract_times(article)
        self.t_starts = [t.span.start for t in self.times]
        self.actors = analyse_article(article).actors
        mentions = sorted(
            ((m.span.start, m.span.end, i) for i, a in enumerate(self.actors) for m in a.mentions)
        )
        self.m_starts = [m[0] for m in mentions]
        self.mentions = mentions
        self.sentences = article.sentences
        self.s_starts = [s.start for s in self.sentences]
        # map original offsets to normalised ones
        self._to_norm: list[int] | None = None
        self._found: dict[str, _Found] = {}

    def found(self, name: str, pattern: regex.Pattern[str], ns: int, ne: int) -> list[tuple[int, int, str]]:
        """The matches of a lexicon pattern in the article (normalised) that lie inside
        ``norm.text[ns:ne]``, as (start, end, text)."""
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = _Found(self.norm.text, pattern, name)
        return found.within(ns, ne)

    def norm_pos(self, original: int) -> int:
        """The normalised offset of an original offset (the first one not before it)."""
        if len(self.norm.text) == len(self.article.text):
            return original
        if self._to_norm is None:
            self._to_norm = [self.norm.to_original(i) for i in range(len(self.norm.text) + 1)]
        return bisect.bisect_left(self._to_norm, original)

    def orig_span(self, start: int, end: int) -> Span:
        s, e = self.norm.span_to_original(start, end)
        return Span(s, e)

    def sentence_of(self, pos: int) -> Span:
        k = bisect.bisect_right(self.s_starts, pos) - 1
        if k < 0:
            return Span(0, 0) if not self.sentences else self.sentences[0].span
        return self.sentences[k].span

    def actors_in(self, span: Span) -> list[Actor]:
        lo = bisect.bisect_left(self.m_starts, span.start)
        hi = bisect.bisect_left(self.m_starts, span.end)
        seen: dict[int, None] = {}
        for _s, e, i in self.mentions[lo:hi]:
            if e <= span.end:
                seen.setdefault(i, None)
        return [self.actors[i] for i in seen]


class _Found:
    """The matches of a pattern of whole-word phrases in a whole text, looked up by range.

    The text is scanned once: scanning each statement again cost more than the statement's other
    work on text dense with statements. A word that a range cuts is not a word of the range.
    """

    def __init__(self, text: str, pattern: regex.Pattern[str], name: str) -> None:
        self.matches = [
            (m.start(), m.end(), m.group()) for m in scan(pattern, text, purpose=f"claims: {name}")
        ]
        self.starts = [a for a, _, _ in self.matches]

    def within(self, ns: int, ne: int) -> list[tuple[int, int, str]]:
        """The matches inside ``[ns, ne)``."""
        lo = bisect.bisect_left(self.starts, ns)
        hi = bisect.bisect_left(self.starts, ne)
        return [m for m in self.matches[lo:hi] if m[1] <= ne]


def _find_cues(r: _Reader, span: Span, skip: Sequence[Span]) -> list[ClaimCue]:
    kinds, pattern = _cue_lexicon()
    out = []
    ns, ne = r.norm_pos(span.start), r.norm_pos(span.end)
    for start, end, matched in r.found("cues", pattern, ns, ne):
        word = _key(matched)
        kind = kinds.get(word)
        if kind is None:
            continue
        where = r.orig_span(start, end)
        if any(t.overlaps(where) for t in skip):
            continue  # "May" in "May 5", "no" inside a time expression
        if word == "no" and _is_zero(r, where):
            kind = "negation"
        out.append(
            ClaimCue(span=where, text=r.article.text[where.start:where.end], kind=kind,
                     rule=f"{'hedges' if kind == 'hedge' else 'claim_cues'}:{word}")
        )  # fmt: skip
    return out


def _is_zero(r: _Reader, where: Span) -> bool:
    return r.zeros.overlaps(where)


class _Breaks:
    """The clause breaks of ``text[lo:hi]``, scanned once for every event word in it."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi
        found = [m.span() for m in scan(_CLAUSE_BREAK, text, lo, hi, purpose="claims: clause breaks")]
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]  # breaks never overlap: sorted too

    def clause(self, pos: int) -> tuple[int, int]:
        """From the end of the last break that ends by ``pos`` to the first that starts at or
        after it."""
        k = bisect.bisect_right(self.ends, pos)
        j = bisect.bisect_left(self.starts, pos)
        return (self.ends[k - 1] if k else self.lo), (self.starts[j] if j < len(self.starts) else self.hi)


def _find_events(r: _Reader, span: Span, quantities: Sequence[Quantity]) -> list[ClaimEvent]:
    words, pattern = _event_lexicon()
    text = r.article.text
    ntext = r.norm.text
    out: list[ClaimEvent] = []
    victims = _victims()
    ns, ne = r.norm_pos(span.start), r.norm_pos(span.end)
    found = [m for m in r.found("events", pattern, ns, ne) if _key(m[2]) in words]
    if not found:
        return out
    spans = [r.orig_span(a, b) for a, b, _ in found]
    types = [words[_key(m[2])] for m in found]
    span_starts = [sp.start for sp in spans]
    q_starts = [q.span.start for q in quantities]
    q_longest = max((len(q.span) for q in quantities), default=0)
    breaks = _Breaks(text, span.start, span.end)
    for k, m in enumerate(found):
        etype, subtype = types[k]
        where = spans[k]
        cs, ce = breaks.clause(where.start)
        # the count: a quantity of people (or a zero) in the clause, nearest the event word, with
        # no other event word of the same type between them ("killed an American contractor and
        # wounded 4 Iraqi soldiers": the 4 are wounded, not killed). Only events that happen to
        # people are counted. Only quantities that start in the clause and near enough can count.
        best: tuple[int, Quantity] | None = None
        lo_q = bisect.bisect_left(q_starts, max(cs, where.start - _COUNT_REACH - q_longest))
        hi_q = bisect.bisect_right(q_starts, where.end + _COUNT_REACH)
        for q in quantities[lo_q:hi_q] if etype in _COUNTED else ():
            if q.span.start < cs or q.span.end > ce:
                continue
            if q.span.overlaps(where):
                dist = 0
            else:
                dist = min(abs(q.span.start - where.end), abs(where.start - q.span.end))
            if dist > _COUNT_REACH:
                continue
            lo, hi = min(q.span.end, where.end), max(q.span.start, where.start)
            between = range(bisect.bisect_left(span_starts, lo), bisect.bisect_right(span_starts, hi))
            if any(types[i][0] == etype and spans[i].end <= hi and spans[i] != where for i in between):
                continue
            unit = (q.unit or "").lower()
            if q.rule != "zero" and unit not in victims and unit not in words:
                continue
            if best is None or dist < best[0]:
                best = (dist, q)
        window = ntext[max(r.norm_pos(cs), m[0] - _NEGATION_REACH) : m[0]]
        negated = search(_NEGATED, window, purpose="claims: negation") is not None
        out.append(
            ClaimEvent(span=where, text=text[where.start:where.end], type=etype, subtype=subtype,
                       count=None if best is None else best[1], negated=negated,
                       rule="event" if best is None else "event.count")
        )  # fmt: skip
    return out


def _statement(r: _Reader, claim: Claim, rule: str, *, author: bool = False) -> Statement | None:
    """The statement of a claim. With ``author`` (a sentence in the writer's own voice), None
    when it is not worth checking: the hedge and negation cues are only looked for then."""
    span = claim.span
    quantities = _within(r.quantities, r.q_starts, span)
    times = _within(r.times, r.t_starts, span)
    actors = r.actors_in(span)
    if claim.source is not None and claim.source not in actors:
        actors.insert(0, claim.source)
    events = _find_events(r, span, quantities)
    named = any(a.kind != "document" for a in actors if a is not claim.source)
    dated = any(t.type in ("date", "time") for t in times)
    check_worthy = bool(quantities) or bool(events) or (dated and named)
    if author:
        rule = "author.quantity" if quantities else "author.event" if events else "author.dated"
        if not check_worthy:
            return None
    cues = _find_cues(r, span, [t.span for t in times])
    kinds, _ = _cue_lexicon()
    if claim.cue is not None and claim.cue_span is not None:
        ck = kinds.get(_key(claim.cue))
        if ck in ("hedge", "denial"):
            cues.append(ClaimCue(span=claim.cue_span, text=claim.cue, kind=ck,
                                 rule=f"cue:{_key(claim.cue)}"))  # fmt: skip
    cues.sort(key=lambda c: (c.span.start, c.span.end, c.kind))
    return Statement(
        span=span, text=claim.text, claim=claim, sentence=r.sentence_of(span.start),
        hedges=[c for c in cues if c.kind == "hedge"],
        negations=[c for c in cues if c.kind != "hedge"],
        quantities=quantities, times=times, actors=actors, events=events,
        check_worthy=check_worthy, rule=rule,
    )  # fmt: skip


_OPENING_QUOTE = regex.compile(r"""\s*+["\p{Pi}]""")


def _reported(r: _Reader, span: Span) -> bool:
    """Whether a sentence reports someone else's words: it opens with a quotation mark, or holds
    a speech cue verb ("said", "told") or "according to"."""
    from ontherecord.extract._attribution import cue_classes, cue_pattern

    ns, ne = r.norm_pos(span.start), r.norm_pos(span.end)
    if _OPENING_QUOTE.match(r.norm.text, ns, ne):
        return True
    classes = cue_classes()
    for m in cue_pattern().finditer(r.norm.text, ns, ne):
        if m.group("according") or classes.get(m.group("verb")) == "speech":
            return True
    return False


class _Cover:
    """Spans looked up by position: which one overlaps or contains a span, in log time (an
    article can hold thousands of attributed statements or furniture paragraphs)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans, key=lambda s: (s.start, s.end))  # as Span orders, faster
        self._starts = [s.start for s in ordered]
        self._ends = [s.end for s in ordered]
        self._reach = list(itertools.accumulate(self._ends, max))  # the furthest end so far

    def overlaps(self, span: Span) -> bool:
        """Whether a span shares a character with ``span`` (as :meth:`Span.overlaps`)."""
        k = bisect.bisect_left(self._starts, span.end)  # the spans that start before it ends
        return k > 0 and self._reach[k - 1] > span.start

    def contains(self, span: Span) -> bool:
        """Whether a span contains ``span`` (as :meth:`Span.contains`)."""
        k = bisect.bisect_right(self._starts, span.start)  # the spans that start at or before it
        return k > 0 and self._reach[k - 1] >= span.end


def extract_claims(article: Article) -> list[Statement]:
    """Find the claims of an article: attributed statements and the writer's own assertions.

    Attributed statements come from :func:`~ontherecord.attribute`, every one of them. The
    writer's own assertions are body sentences (not furniture, not questions, not overlapping an
    attributed statement, not opening with a quotation mark, without a speech cue such as "said"
    or "according to" that attribution could not place) that carry a quantity, an event word
    from the event lexicon, or a date and a named actor. Each claim is returned as a
    :class:`Statement` with its hedges, negation and denial cues, quantities, times, actors and
    events.

    Args:
        article: the article to read.

    Returns:
        The statements, sorted by position.

    Raises:
        PatternTimeoutError: a pattern could not get through the text (hostile or pathological
            text; never a long one).

    .. versionadded:: 0.1.0
    """
    from ontherecord.extract._attribution import attribute

    r = _Reader(article)
    out = [s for c in attribute(article) if (s := _statement(r, c, "attributed")) is not None]
    taken = _Cover(s.span for s in out)
    furniture = _Cover(f.span for f in article.furniture)
    for sent in article.sentences:
        span = sent.span
        if not sent.text.strip() or furniture.contains(span):
            continue
        if _QUESTION_END.search(sent.text):
            continue
        if taken.overlaps(span):
            continue
        if sum(1 for _ in itertools.islice(_WORD.finditer(sent.text), 4)) < 4:
            continue  # counted up to four: a sentence can be a megabyte long
        if _reported(r, span):
            continue  # reported speech or a quotation attribute() could not place: not the writer's
        claim = Claim(span=span, text=sent.text, source=None, source_kind="author",
                      confidence=1.0, extractor=EXTRACTOR, rule="author")  # fmt: skip
        s = _statement(r, claim, "author", author=True)
        if s is not None:
            out.append(s)
    out.sort(key=lambda s: (s.span.start, s.span.end, s.rule))
    return out
