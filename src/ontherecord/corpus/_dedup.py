"""Duplicates and text reuse across a corpus: exact copies, near copies, reused passages.

Three layers, each cheaper than the next and each run only where the one before leaves a question:

1. **Exact.** A BLAKE2b digest of each article's normalised text (typographic variants folded,
   white space collapsed). Articles with the same digest are one ``"exact"`` group; only one of
   them goes on to the next layers.
2. **Candidates.** Each article gets a *sketch*: the word-trigram keys it contains whose top three
   bits are zero, about one trigram in eight (Broder's MOD-m sketch; the same content-defined
   sampling that winnowing and passim's n-gram index use). Because the choice depends on the
   trigram alone, a copy keeps the same sample of whatever text it shares with its source, so the
   sketch estimates containment as well as resemblance: an abridged copy, a spun copy or one
   pasted paragraph all leave shared keys. The index is a table of rows ``(band, key, doc)``,
   grouped by key into candidate pairs, counted, and kept when a pair shares at least
   ``min_shared`` keys. The same plan runs on a distributed engine as a shuffle on ``key``.
3. **Verification.** Every candidate pair is compared paragraph by paragraph on word bigrams. A
   pair is a near duplicate when the shorter article is covered nearly everywhere by the longer
   one and the longer one is covered everywhere but, at most, a tail that an abridgement cut;
   otherwise, runs of matching paragraphs are aligned word by word (local alignment, as in passim)
   and reported as reused passages with exact spans in both articles.

Near-duplicate pairs are joined into groups by union-find (connected components); the result does
not depend on the order the articles came in, and no salted built-in ``hash()`` is used anywhere.
"""

from __future__ import annotations

import functools
import gc
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

import attrs
import regex

from ontherecord._article import Article, Span
from ontherecord._claim import Quote
from ontherecord.corpus._corpus import Corpus
from ontherecord.corpus._hashing import bigram_keys, digest, sampled_trigram_keys, word_hashes
from ontherecord.errors import DuplicateIdError, InvalidInputError

__all__ = [
    "DedupParams",
    "DedupResult",
    "DuplicateGroup",
    "PairDecision",
    "QuoteOccurrence",
    "ReusedPassage",
    "SharedQuote",
    "Sketch",
    "deduplicate",
    "shared_quotes",
    "sketch",
]

EXTRACTOR = "ontherecord.dedup.v1"

# Words: a trivial pattern that cannot backtrack, compiled with the standard library's
# ``re``, which runs it about half again as fast as ``regex`` (this is the hot loop).
_WORD = re.compile(r"\w+")

# One-for-one typographic folds and deletions, as in ontherecord._text.normalize; a text without
# deletions keeps its offsets, so the fast path below needs no offset map.
_DELETABLE = regex.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


# ---------------------------------------------------------------------------------------------
# Public values


@attrs.frozen(kw_only=True)
class DedupParams:
    """The parameters of a deduplication run, recorded in its result.

    Two runs whose ``params`` are equal produce comparable sketches, so their rows can be pooled
    (for instance, sketches computed by different workers).

    Attributes:
        version: the versioned name of the method (``"ontherecord.dedup.v1"``).
        hash: how words and n-grams are hashed (a fixed, documented function).
        shingle: the sketched unit, word trigrams of the case-folded normalised text.
        sample_bits: a trigram is in the sketch when its three word hashes sum to a multiple of
            ``2**sample_bits``: one trigram in ``2**sample_bits``.
        min_shared: sketch keys two articles must share to be compared.
        max_postings: a key shared by more articles than this (a stock phrase, or a story with
            many copies) pairs each article only with its neighbour in id order, so the work stays
            linear in the number of rows; copies are still joined through the chain.
        paragraph_match: a paragraph matches the other article when at least this share of its word
            bigrams occur there.
        near_coverage: share of the shorter article's words that must lie in matching paragraphs
            (and of the longer article's, outside a cut tail) for a near duplicate.
        near_containment: the least share of the shorter article's word bigrams that must occur
            in the longer one for a near duplicate (two reports of one event that reuse a few
            sentences each stay apart).
        passage_min_words: the fewest aligned words a reused passage may have.
        furniture: ``"drop"`` reads only each article's :attr:`~Article.body` (bylines, credits,
            disclaimers and calls to action left out), so two copies that differ only in their
            furniture are exact copies; ``"keep"`` (the default) reads the whole text, several
            times faster, and such copies are near duplicates with containment close to 1.

    .. versionadded:: 0.1.0
    """

    version: str = EXTRACTOR
    hash: str = (
        "word: crc32(utf-8); trigram chosen when (a+b+c) mod 2**sample_bits == 0, "
        "key ((a<<32|b)*0x9E3779B97F4A7C15 + c*0xC2B2AE3D27D4EB4F) mod 2**64"
    )
    shingle: str = "word-3gram, case-folded normalised text, \\w+ tokens"
    sample_bits: int = 3
    min_shared: int = 4
    max_postings: int = 32
    paragraph_match: float = 0.3
    near_coverage: float = 0.9
    near_containment: float = 0.55
    furniture: Literal["keep", "drop"] = "keep"
    passage_min_words: int = 20


@attrs.frozen(kw_only=True)
class Sketch:
    """What the deduplicator keeps of one article: its exact digest and its sampled keys.

    Attributes:
        id: the article id.
        digest: hex BLAKE2b-128 of the normalised text with white space collapsed.
        keys: the sampled word-trigram keys, sorted, without repeats.
        words: the number of words.

    .. versionadded:: 0.1.0
    """

    id: str
    digest: str
    keys: tuple[int, ...]
    words: int


Verdict = Literal["exact", "near", "partial", "distinct"]


@attrs.frozen(kw_only=True)
class PairDecision:
    """Why two articles were (or were not) called duplicates.

    Attributes:
        ids: the two article ids, in id order.
        verdict: ``"exact"`` (same digest), ``"near"``, ``"partial"`` (reused passages only) or
            ``"distinct"``.
        jaccard: resemblance of the two articles' word-bigram sets.
        containment: share of the shorter article's word bigrams found in the longer one.
        coverage: share of the words of each article (same order as ``ids``) that lie in
            paragraphs matching the other article.
        shared_keys: sketch keys the two share (0 for exact copies, which are not sketched twice).
        rule: the name of the rule that decided.
        explanation: the decision in words.

    .. versionadded:: 0.1.0
    """

    ids: tuple[str, str]
    verdict: Verdict
    jaccard: float
    containment: float
    coverage: tuple[float, float]
    shared_keys: int
    rule: str
    explanation: str


def _decisions(value: Iterable[PairDecision]) -> tuple[PairDecision, ...]:
    return tuple(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DuplicateGroup:
    """Articles that are copies of one another.

    Attributes:
        ids: the member ids, the representative first, the rest in id order.
        kind: ``"exact"`` when every member has the same normalised text, else ``"near"``.
        similarity: the weakest link: the lowest containment among the pairs that joined the group
            (1.0 for exact groups).
        links: the pair decisions that joined the group (a spanning set, not every pair).
        explanation: the group in words.

    .. versionadded:: 0.1.0
    """

    ids: tuple[str, ...] = attrs.field(converter=_strs)
    kind: Literal["exact", "near"]
    similarity: float
    links: tuple[PairDecision, ...] = attrs.field(converter=_decisions)
    explanation: str

    @property
    def representative(self) -> str:
        """The id of the article kept by :meth:`DedupResult.apply`."""
        return self.ids[0]


def _span_pairs(value: Iterable[tuple[Span, Span]]) -> tuple[tuple[Span, Span], ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ReusedPassage:
    """A passage that two otherwise different articles share.

    Attributes:
        ids: the two article ids, in id order.
        spans: the passage's span in each article (same order as ``ids``), exact offsets into
            ``article.text``: from the first to the last aligned word.
        texts: ``article.text[span]`` for each.
        aligned: the word runs that match exactly, as pairs of spans (one in each article), in order.
        similarity: share of the words of the shorter side that are aligned.
        extractor: the versioned name of the method.
        rule: the rule that found the passage.

    .. versionadded:: 0.1.0
    """

    ids: tuple[str, str]
    spans: tuple[Span, Span]
    texts: tuple[str, str]
    aligned: tuple[tuple[Span, Span], ...] = attrs.field(converter=_span_pairs)
    similarity: float
    extractor: str = EXTRACTOR
    rule: str = "paragraph-run-alignment"


@attrs.frozen(kw_only=True)
class QuoteOccurrence:
    """One article's copy of a quotation that several articles carry.

    Attributes:
        id: the article id.
        span: the quotation's content in ``article.text``.
        text: ``article.text[span.start:span.end]``.
        speaker: the speaker's canonical name there, or ``None``.

    .. versionadded:: 0.1.0
    """

    id: str
    span: Span
    text: str
    speaker: str | None = None


def _occurrences(value: Iterable[QuoteOccurrence]) -> tuple[QuoteOccurrence, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class SharedQuote:
    """The same quotation in two or more articles.

    Attributes:
        key: the normalised quotation: its words, case-folded, joined by single spaces (curly and
            straight quotation marks, dashes, line breaks and punctuation do not matter).
        occurrences: where it occurs, in id then position order.

    .. versionadded:: 0.1.0
    """

    key: str
    occurrences: tuple[QuoteOccurrence, ...] = attrs.field(converter=_occurrences)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the articles that carry the quotation, without repeats, in order."""
        return tuple(dict.fromkeys(o.id for o in self.occurrences))


def _shared(value: Iterable[SharedQuote]) -> tuple[SharedQuote, ...]:
    return tuple(value)


def _groups(value: Iterable[DuplicateGroup]) -> tuple[DuplicateGroup, ...]:
    return tuple(value)


def _passages(value: Iterable[ReusedPassage]) -> tuple[ReusedPassage, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DedupResult:
    """The duplicates and reused passages of a corpus.

    Attributes:
        ids: every article id seen, in id order.
        groups: groups of two or more copies, ordered by their representative's id. Articles in no
            group are singletons.
        passages: reused passages between articles of different groups, ordered by ids and spans.
        decisions: every candidate pair that was verified, with its verdict, in id order.
        params: the parameters of the run.
        quotes: quotations carried by two or more articles (only when asked for with
            ``deduplicate(..., quotes=True)``), in key order.

    .. versionadded:: 0.1.0
    """

    ids: tuple[str, ...] = attrs.field(converter=_strs)
    groups: tuple[DuplicateGroup, ...] = attrs.field(converter=_groups)
    passages: tuple[ReusedPassage, ...] = attrs.field(converter=_passages)
    decisions: tuple[PairDecision, ...] = attrs.field(converter=_decisions)
    params: DedupParams
    quotes: tuple[SharedQuote, ...] = attrs.field(default=(), converter=_shared)
    _by_id: dict[str, DuplicateGroup] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        for g in self.groups:
            for i in g.ids:
                self._by_id[i] = g

    def group_of(self, id: str) -> DuplicateGroup | None:
        """Return the group ``id`` belongs to, or ``None`` for a singleton.

        Raises:
            UnknownNameError: ``id`` is not an article of the deduplicated corpus.
        """
        if id not in self._by_id:
            self._check(id)
            return None
        return self._by_id[id]

    def representative_of(self, id: str) -> str:
        """Return the id of the article that stands for ``id`` (``id`` itself for a singleton)."""
        g = self.group_of(id)
        return id if g is None else g.ids[0]

    def partition(self) -> tuple[tuple[str, ...], ...]:
        """Return every article's block: groups and singletons, each representative first,
        ordered by representative id."""
        blocks = [g.ids for g in self.groups]
        blocks.extend((i,) for i in self.ids if i not in self._by_id)
        return tuple(sorted(blocks, key=lambda b: b[0]))

    @property
    def representatives(self) -> tuple[str, ...]:
        """The ids :meth:`apply` keeps: every singleton and each group's representative."""
        return tuple(i for i in self.ids if self.representative_of(i) == i)

    def apply(self, corpus: Iterable[Article]) -> Corpus:
        """Return a :class:`Corpus` without the non-representative copies.

        Args:
            corpus: the corpus (or articles) that was deduplicated; articles this result has not
                seen are kept.

        Returns:
            The corpus with one article per group.
        """
        drop = {i for g in self.groups for i in g.ids[1:]}
        return Corpus(a for a in corpus if a.id not in drop)

    def _check(self, id: str) -> None:
        from bisect import bisect_left

        from ontherecord.errors import UnknownNameError

        k = bisect_left(self.ids, id)
        if k == len(self.ids) or self.ids[k] != id:
            raise UnknownNameError(f"no article {id!r} in this deduplication result")


# ---------------------------------------------------------------------------------------------
# Per-article features


def _view(text: str) -> tuple[str, array[int] | None]:
    """Return the text the words are read from and its offset map (``None``: same offsets).

    Words (``\\w+``) never contain quotation marks, dashes or spaces, so folding those changes no
    word; only the characters normalisation deletes (soft hyphens, zero-width characters) can
    split a word, and only texts that contain them pay for the full normalisation.
    """
    if text.isascii() or _DELETABLE.search(text) is None:
        return text, None
    from ontherecord._text.normalize import normalize

    norm = normalize(text)
    return norm.text, norm.offsets


@attrs.frozen
class _Doc:
    """One article read once: its word hashes, and its lines (paragraphs) as word ranges."""

    view: str
    offsets: array[int] | None
    hashes: array[int]  # CRC-32 of each lower-cased word, in order
    lines: array[int]  # per line: view start, view end, first word, end word (flat)
    digest: str


def _read(text: str, paragraphs: Iterable[Span] | None = None) -> tuple[_Doc, list[int]]:
    if paragraphs is not None:
        return _read_paragraphs(text, paragraphs)
    view, offsets = _view(text)
    low = view.lower()
    if len(low) != len(view):  # a rare character whose lower case is longer (U+0130)
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in view)
    words: list[str] = []
    lines = array("q")
    findall = _WORD.findall
    pos = 0
    for line in low.split("\n"):
        found = findall(line)
        if found:
            start = pos + len(line) - len(line.lstrip())
            end = pos + len(line.rstrip())
            lines.extend((start, end, len(words), len(words) + len(found)))
            words.extend(found)
        pos += len(line) + 1
    hashes = word_hashes(words)
    doc = _Doc(
        view=view,
        offsets=offsets,
        hashes=array("I", hashes),
        lines=lines,
        digest=digest(" ".join(words)),
    )
    return doc, hashes


_DELETE_TABLE = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}


def _read_paragraphs(text: str, paragraphs: Iterable[Span]) -> tuple[_Doc, list[int]]:
    """Read only the given paragraphs of ``text`` (an article's body, furniture left out)."""
    words: list[str] = []
    lines = array("q")
    for span in paragraphs:
        found = _WORD.findall(text[span.start : span.end].translate(_DELETE_TABLE).lower())
        if found:
            lines.extend((span.start, span.end, len(words), len(words) + len(found)))
            words.extend(found)
    hashes = word_hashes(words)
    doc = _Doc(
        view=text,
        offsets=None,
        hashes=array("I", hashes),
        lines=lines,
        digest=digest(" ".join(words)),
    )
    return doc, hashes


def _paragraphs_of(article: Article, p: DedupParams) -> Iterable[Span] | None:
    return [seg.span for seg in article.body] if p.furniture == "drop" else None


def sketch(article: Article, *, params: DedupParams | None = None) -> Sketch:
    """Return the sketch of one article: its exact digest and its sampled trigram keys.

    The values depend only on the text and ``params``: the same in every process and machine.

    Args:
        article: the article.
        params: sketch parameters (the defaults when ``None``).

    Returns:
        The :class:`Sketch`.

    .. versionadded:: 0.1.0
    """
    p = params or DedupParams()
    return _sketch(article.id, *_read(article.text, _paragraphs_of(article, p)), p)


def _sketch(id: str, doc: _Doc, hashes: list[int], p: DedupParams) -> Sketch:
    keys = sorted(set(sampled_trigram_keys(hashes, p.sample_bits)))
    return Sketch(id=id, digest=doc.digest, keys=tuple(keys), words=len(hashes))


@attrs.frozen
class _Features:
    """Paragraph-level word-bigram sets of one article, for verification and alignment."""

    view: str
    offsets: array[int] | None
    paragraphs: tuple[tuple[int, int], ...]  # spans of the view
    bigrams: tuple[frozenset[int], ...]
    hashes: tuple[array[int], ...]  # word hashes per paragraph
    words: tuple[int, ...]  # word count per paragraph
    all_bigrams: frozenset[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _features(doc: _Doc) -> _Features:
    paras: list[tuple[int, int]] = []
    grams: list[frozenset[int]] = []
    counts: list[int] = []
    slices: list[array[int]] = []
    h = doc.hashes
    every: set[int] = set()
    ln = doc.lines
    for k in range(0, len(ln), 4):
        w0, w1 = ln[k + 2], ln[k + 3]
        words = h[w0:w1]
        g = bigram_keys(words.tolist()) if w1 - w0 > 1 else {h[w0]}
        every |= g
        paras.append((ln[k], ln[k + 1]))
        grams.append(frozenset(g))
        slices.append(words)
        counts.append(w1 - w0)
    return _Features(
        doc.view,
        doc.offsets,
        tuple(paras),
        tuple(grams),
        tuple(slices),
        tuple(counts),
        frozenset(every),
    )


# ---------------------------------------------------------------------------------------------
# Verification


@attrs.frozen
class _Comparison:
    jaccard: float
    containment: float
    matched: tuple[tuple[bool, ...], tuple[bool, ...]]
    coverage: tuple[float, float]


def _compare(a: _Features, b: _Features, p: DedupParams) -> _Comparison:
    inter = len(a.all_bigrams & b.all_bigrams)
    union = len(a.all_bigrams) + len(b.all_bigrams) - inter
    smaller = min(len(a.all_bigrams), len(b.all_bigrams))
    matched: list[tuple[bool, ...]] = []
    coverage: list[float] = []
    for x, y in ((a, b), (b, a)):
        other = y.all_bigrams
        flags = tuple(
            len(g & other) >= p.paragraph_match * len(g) for g in x.bigrams
        )
        total = sum(x.words) or 1
        matched.append(flags)
        coverage.append(sum(w for w, f in zip(x.words, flags, strict=True) if f) / total)
    return _Comparison(
        jaccard=inter / union if union else 1.0,
        containment=inter / smaller if smaller else 1.0,
        matched=(matched[0], matched[1]),
        coverage=(coverage[0], coverage[1]),
    )


def _tail_cut_coverage(words: tuple[int, ...], flags: tuple[bool, ...]) -> float:
    """Coverage of an article after dropping its unmatched tail (what an abridgement cut)."""
    last = max((k for k, f in enumerate(flags) if f), default=-1)
    kept = words[: last + 1]
    total = sum(kept)
    if not total:
        return 0.0
    return sum(w for w, f in zip(kept, flags, strict=False) if f) / total


def _judge(
    ids: tuple[str, str], fa: _Features, fb: _Features, shared: int, p: DedupParams
) -> tuple[PairDecision, _Comparison]:
    c = _compare(fa, fb, p)
    a_small = sum(fa.words) <= sum(fb.words)
    small, large = (0, 1) if a_small else (1, 0)
    words = (fa.words, fb.words)
    small_cov = c.coverage[small]
    large_cov = _tail_cut_coverage(words[large], c.matched[large])
    verdict: Verdict
    if (
        small_cov >= p.near_coverage
        and large_cov >= p.near_coverage
        and c.containment >= p.near_containment
    ):
        verdict = "near"
        rule = "covered" if c.coverage[large] >= p.near_coverage else "covered-prefix"
        why = (
            f"{ids[small]!r} is covered by {ids[large]!r} ({small_cov:.0%} of its words lie in "
            f"matching paragraphs; {c.coverage[large]:.0%} the other way"
            + ("" if rule == "covered" else f", {large_cov:.0%} before the cut tail")
            + f"); word-bigram containment {c.containment:.2f}, Jaccard {c.jaccard:.2f}"
        )
    elif any(c.matched[0]) and any(c.matched[1]):
        verdict = "partial"
        rule = "some-paragraphs-match"
        why = (
            f"only part of each article matches ({c.coverage[0]:.0%} of {ids[0]!r}, "
            f"{c.coverage[1]:.0%} of {ids[1]!r}); reused passages are aligned instead"
        )
    else:
        verdict = "distinct"
        rule = "no-paragraph-matches"
        why = f"no paragraph of either article matches the other ({shared} shared sketch keys)"
    return (
        PairDecision(
            ids=ids,
            verdict=verdict,
            jaccard=round(c.jaccard, 4),
            containment=round(c.containment, 4),
            coverage=(round(c.coverage[0], 4), round(c.coverage[1], 4)),
            shared_keys=shared,
            rule=rule,
            explanation=why,
        ),
        c,
    )


# ---------------------------------------------------------------------------------------------
# Passage alignment


def _word_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(view, start, end)]


_Run = tuple[tuple[int, int], tuple[int, int]]


def _align_paragraphs(fa: _Features, fb: _Features, ka: int, kb: int) -> tuple[list[_Run], int, int]:
    """Align two paragraphs word by word; return the matching word runs (view spans), the words
    aligned, and the words of the shorter paragraph."""
    wa, wb = fa.hashes[ka], fb.hashes[kb]
    if wa == wb:  # a verbatim copy: the whole paragraph, no alignment needed
        return [(fa.paragraphs[ka], fb.paragraphs[kb])], len(wa), len(wa)
    blocks = _anchored_blocks(wa.tolist(), wb.tolist())
    if not blocks:
        return [], 0, min(len(wa), len(wb))
    sa = _word_spans(fa.view, *fa.paragraphs[ka])
    sb = _word_spans(fb.view, *fb.paragraphs[kb])
    runs = [
        ((sa[a][0], sa[a + size - 1][1]), (sb[b][0], sb[b + size - 1][1]))
        for a, b, size in blocks
    ]
    return runs, sum(size for _, _, size in blocks), min(len(wa), len(wb))


def _anchored_blocks(a: list[int], b: list[int]) -> list[tuple[int, int, int]]:
    """Return the runs of words the two sequences share, in order in both: ``(i, j, size)``.

    A greedy local alignment in linear time: every word trigram of ``a`` that occurs in ``b``
    after the previous run is an anchor, extended forward word by word while the words agree
    (passim's n-gram anchors, without the quadratic dynamic programming). Runs have at least
    three words.
    """
    first: dict[tuple[int, int, int], int] = {}
    for k, tri in enumerate(zip(b, b[1:], b[2:], strict=False)):
        first.setdefault(tri, k)
    blocks: list[tuple[int, int, int]] = []
    n, m = len(a), len(b)
    i = j_min = 0
    while i + 2 < n:
        hit = first.get((a[i], a[i + 1], a[i + 2]))
        if hit is None or hit < j_min:
            i += 1
            continue
        k = hit
        start_i, start_k = i, k
        while i < n and k < m and a[i] == b[k]:
            i += 1
            k += 1
        blocks.append((start_i, start_k, i - start_i))
        j_min = k
    return blocks


def _align(
    ids: tuple[str, str],
    texts: tuple[str, str],
    fa: _Features,
    fb: _Features,
    c: _Comparison,
    p: DedupParams,
) -> list[ReusedPassage]:
    """Pair each matching paragraph of one article with its best match in the other, join
    consecutive pairs into passages, and align each pair word by word (local alignment)."""
    cand_b = [k for k, f in enumerate(c.matched[1]) if f]
    pairs: list[tuple[int, int]] = []
    for ka, flag in enumerate(c.matched[0]):
        if not flag:
            continue
        ga = fa.bigrams[ka]
        best, best_n = -1, 0
        for kb in cand_b:
            n_shared = len(ga & fb.bigrams[kb])
            if n_shared > best_n:
                best, best_n = kb, n_shared
        if best >= 0 and best_n >= p.paragraph_match * min(len(ga), len(fb.bigrams[best])):
            pairs.append((ka, best))
    # Paragraphs consecutive in both articles form one passage.
    chains: list[list[tuple[int, int]]] = []
    for ka, kb in pairs:
        if chains and ka == chains[-1][-1][0] + 1 and kb == chains[-1][-1][1] + 1:
            chains[-1].append((ka, kb))
        else:
            chains.append([(ka, kb)])
    out: list[ReusedPassage] = []
    for chain in chains:
        runs: list[_Run] = []
        n_aligned = n_short = 0
        for ka, kb in chain:
            r, na, ns = _align_paragraphs(fa, fb, ka, kb)
            runs.extend(r)
            n_aligned += na
            n_short += ns
        if not runs or n_aligned < p.passage_min_words or n_aligned < 0.5 * n_short:
            continue
        aligned = [(Span(*fa.to_original(*ra)), Span(*fb.to_original(*rb))) for ra, rb in runs]
        span_a = Span(aligned[0][0].start, aligned[-1][0].end)
        span_b = Span(aligned[0][1].start, aligned[-1][1].end)
        out.append(
            ReusedPassage(
                ids=ids,
                spans=(span_a, span_b),
                texts=(span_a.slice(texts[0]), span_b.slice(texts[1])),
                aligned=aligned,
                similarity=round(n_aligned / max(1, n_short), 4),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# The index: rows (band, key, doc) -> candidate pairs


def _candidate_pairs(
    sketches: list[Sketch], p: DedupParams, active: list[int]
) -> list[tuple[int, int, int]]:
    """Group sketch rows by key and count the keys each pair of articles shares.

    Rows are packed as ``key_prefix << shift | doc`` into 64-bit arrays, one per partition of the
    key space (the partition is the shuffle a distributed engine would do), then each partition is
    sorted and its runs of equal keys become pairs.

    Returns:
        ``(i, j, shared)`` with ``i < j`` (indices into ``sketches``), sorted.
    """
    n = len(sketches)
    shift = max(20, n.bit_length())
    key_bits = 64 - shift
    drop = 64 - key_bits  # keep the top key_bits bits of each key
    parts_bits = 6
    parts = [array("Q") for _ in range(1 << parts_bits)]
    pmask = (1 << parts_bits) - 1
    for i in active:
        for key in sketches[i].keys:
            k = key >> drop
            parts[k & pmask].append((k << shift) | i)
    doc_mask = (1 << shift) - 1
    counts: dict[int, int] = {}
    cap = p.max_postings
    while parts:
        rows = sorted(parts.pop())  # one partition at a time: the shuffle's reduce side
        m = len(rows)
        k = 0
        while k < m:
            key = rows[k] >> shift
            j = k + 1
            while j < m and rows[j] >> shift == key:
                j += 1
            if j - k > 1:
                docs = [r & doc_mask for r in rows[k:j]]  # ascending: rows sort by doc last
                if j - k <= cap:
                    for x, di in enumerate(docs):
                        base = di * n
                        for dj in docs[x + 1 :]:
                            code = base + dj
                            counts[code] = counts.get(code, 0) + 1
                else:  # a common key: chain neighbours only, so the work stays linear
                    for di, dj in itertools.pairwise(docs):
                        code = di * n + dj
                        counts[code] = counts.get(code, 0) + 1
            k = j
    out = [(code // n, code % n, s) for code, s in counts.items() if s >= p.min_shared]
    out.sort()
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


# ---------------------------------------------------------------------------------------------
# The entry point


def _articles(items: Corpus | Iterable[Article]) -> list[Article]:
    arts = list(items)
    seen: dict[str, None] = {}
    dupes: dict[str, None] = {}
    for a in arts:
        if not isinstance(a, Article):
            raise InvalidInputError(f"deduplicate() takes Article objects, got {type(a).__name__}")
        if a.id in seen:
            dupes[a.id] = None
        seen[a.id] = None
    if dupes:
        raise DuplicateIdError(tuple(sorted(dupes)))
    arts.sort(key=lambda a: a.id)
    return arts


def deduplicate(
    corpus: Corpus | Iterable[Article],
    *,
    params: DedupParams | None = None,
    passages: bool = True,
    quotes: bool = False,
) -> DedupResult:
    """Find exact and near-duplicate articles and passages reused between articles.

    Args:
        corpus: a :class:`Corpus` or any iterable of :class:`Article` with unique ids.
        params: the method's parameters (:class:`DedupParams` defaults when ``None``).
        passages: also align and report reused passages between articles that are not copies.
        quotes: also find the quotations two or more articles share (runs the quotation extractor
            on every article; see :func:`shared_quotes`).

    Returns:
        A :class:`DedupResult`: groups (exact and near), reused passages, the decision on every
        compared pair, and the parameters.

    Raises:
        DuplicateIdError: two articles share an id.
        InvalidInputError: an item is not an :class:`Article`.

    .. versionadded:: 0.1.0
    """
    p = params or DedupParams()
    arts = _articles(corpus)
    # The work below allocates millions of small acyclic objects and frees them in order; the
    # cyclic garbage collector would only re-scan the caller's heap over and over (a quarter of
    # the time on large corpora). It is paused for the call and restored as it was.
    paused = gc.isenabled()
    gc.disable()
    try:
        result = _deduplicate(arts, p, passages=passages)
    finally:
        if paused:
            gc.enable()
    if quotes:
        result = attrs.evolve(result, quotes=shared_quotes(arts))
    return result


def _deduplicate(arts: list[Article], p: DedupParams, *, passages: bool) -> DedupResult:
    docs: list[_Doc] = []
    sketches: list[Sketch] = []
    for article in arts:
        aid, text = article.id, article.text
        doc, hashes = _read(text, _paragraphs_of(article, p))
        docs.append(doc)
        sketches.append(_sketch(aid, doc, hashes, p))

    uf, exact_members, active = _exact_layer(sketches)

    # Layer 2: candidate pairs from the sketch index.
    candidates = _candidate_pairs(sketches, p, active)

    return _finish(arts, lambda i: docs[i], sketches, candidates, uf, exact_members, p, passages=passages)


def _exact_layer(sketches: list[Sketch]) -> tuple[_UnionFind, dict[int, list[int]], list[int]]:
    """Layer 1: exact digests. Copies with one digest are joined; the first id of each digest class
    goes on to the sketch index (``active``)."""
    uf = _UnionFind(len(sketches))
    first_of: dict[str, int] = {}
    exact_members: dict[int, list[int]] = {}
    active: list[int] = []
    for i, s in enumerate(sketches):
        if not s.words:
            continue  # nothing to compare: an article without words is nobody's copy
        j = first_of.setdefault(s.digest, i)
        if j == i:
            active.append(i)
            exact_members[i] = [i]
        else:
            uf.union(j, i)
            exact_members[j].append(i)
    return uf, exact_members, active


def _finish(
    arts: list[Article],
    doc_of: Callable[[int], _Doc],
    sketches: list[Sketch],
    candidates: list[tuple[int, int, int]],
    uf: _UnionFind,
    exact_members: dict[int, list[int]],
    p: DedupParams,
    *,
    passages: bool = True,
) -> DedupResult:
    """Layers 3 and 4, shared by the local and the distributed plans: verify the candidate pairs,
    join near-duplicates into groups, and align the reused passages."""
    n = len(arts)
    ids = [a.id for a in arts]
    texts = [a.text for a in arts]
    # Layer 3: verification, near-duplicate edges, partial reuse.
    features = functools.lru_cache(maxsize=1024)(lambda i: _features(doc_of(i)))
    decisions: list[PairDecision] = []
    near_edges: list[tuple[int, int, PairDecision]] = []
    partial: list[tuple[int, int, _Comparison]] = []
    for i, j, shared in candidates:
        if uf.find(i) == uf.find(j):
            continue  # already joined: this pair cannot change the components
        d, comp = _judge((ids[i], ids[j]), features(i), features(j), shared, p)
        decisions.append(d)
        if d.verdict == "near":
            near_edges.append((i, j, d))
            uf.union(i, j)
        elif d.verdict == "partial":
            partial.append((i, j, comp))

    # Groups: connected components.
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
        if len(digests) == 1:
            kind: Literal["exact", "near"] = "exact"
            sim = 1.0
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
                ids=tuple(ids[m] for m in ordered),
                kind=kind,
                similarity=sim,
                links=all_links,
                explanation=why,
            )
        )
    groups.sort(key=lambda g: g.ids[0])

    # Reused passages: between articles of different groups, for every exact copy too.
    found: list[ReusedPassage] = []
    if passages:
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

    return DedupResult(
        ids=tuple(ids),
        groups=groups,
        passages=found,
        decisions=decisions,
        params=p,
    )


_QUOTE_WORD = re.compile(r"\w+")


def shared_quotes(
    corpus: Corpus | Iterable[Article],
    *,
    quotes: Mapping[str, Iterable[Quote]] | None = None,
    min_words: int = 5,
) -> tuple[SharedQuote, ...]:
    """Find the quotations that two or more articles carry, word for word.

    Quotations are compared on their normalised text (case-folded words), so typography, line
    breaks and punctuation do not matter. Scare quotes (titles, names, idioms) are left out, and
    so are quotations shorter than ``min_words`` words: "terrorist" in quotation marks in two
    articles is not one quotation reused.

    Args:
        corpus: a :class:`Corpus` or any iterable of :class:`Article`.
        quotes: the quotations of each article by id, when they are already extracted (for
            instance by another extractor); missing articles are run through
            :func:`ontherecord.extract_quotes`.
        min_words: the fewest words a quotation needs to count.

    Returns:
        The shared quotations, in key order, each with its occurrences in id then position order.

    .. versionadded:: 0.1.0
    """
    by_key: dict[str, list[QuoteOccurrence]] = {}
    for article in _articles(corpus):
        found: Iterable[Quote]
        if quotes is not None and article.id in quotes:
            found = quotes[article.id]
        else:
            from ontherecord.extract._quotes import extract_quotes

            found = extract_quotes(article)
        for q in found:
            if q.kind == "scare":
                continue
            words = _QUOTE_WORD.findall(q.text.lower())
            if len(words) < min_words:
                continue
            by_key.setdefault(" ".join(words), []).append(
                QuoteOccurrence(
                    id=article.id,
                    span=q.span,
                    text=q.text,
                    speaker=None if q.speaker is None else q.speaker.name,
                )
            )
    out = []
    for key in sorted(by_key):
        occ = sorted(by_key[key], key=lambda o: (o.id, o.span))
        if len({o.id for o in occ}) >= 2:
            out.append(SharedQuote(key=key, occurrences=occ))
    return tuple(out)
