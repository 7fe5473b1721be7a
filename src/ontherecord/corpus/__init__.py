"""Corpus operations: the collection of articles and what needs more than one of them
(deduplication, actor resolution across articles, claim clusters)."""

from ontherecord.corpus._dedup import (
    DedupParams,
    DedupResult,
    DuplicateGroup,
    PairDecision,
    QuoteOccurrence,
    ReusedPassage,
    SharedQuote,
    Sketch,
    deduplicate,
    shared_quotes,
    sketch,
)

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
