"""ontherecord: who said what in the news.

Quotations and their speakers, attributed statements and their sources, the actors in a story
under all their names, claims with their numbers and dates, and copied or reused text across a
corpus. See https://ontherecord.readthedocs.io/ for the documentation.
"""

from ontherecord import errors, examples, export, testing
from ontherecord._actor import Actor, ActorMention
from ontherecord._article import Article, Furniture, Segment, Span
from ontherecord._claim import Claim, Quote
from ontherecord.corpus._analysis import (
    Analysis,
    ArticleAnalysis,
    analyze,
    analyze_article,
    iter_analyses,
)
from ontherecord.corpus._clusters import ClaimCluster, ClaimConflict, ClusterMember, cluster_claims
from ontherecord.corpus._corpus import Corpus, read_jsonl
from ontherecord.corpus._dask import analyze_dask
from ontherecord.corpus._dedup import (
    DedupParams,
    DedupResult,
    DuplicateGroup,
    PairDecision,
    ReusedPassage,
    deduplicate,
)
from ontherecord.extract._actors import find_actors
from ontherecord.extract._attribution import attribute
from ontherecord.extract._claims import ClaimCue, ClaimEvent, Statement, extract_claims
from ontherecord.extract._quantities import Quantity, extract_quantities
from ontherecord.extract._quotes import extract_quotes
from ontherecord.extract._times import TimeExpression, extract_times
from ontherecord.plugins import (
    Annotation,
    Extractor,
    available_extractors,
    get_extractor,
    register_extractor,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "Actor",
    "ActorMention",
    "Analysis",
    "Annotation",
    "Article",
    "ArticleAnalysis",
    "Claim",
    "ClaimCluster",
    "ClaimConflict",
    "ClaimCue",
    "ClaimEvent",
    "ClusterMember",
    "Corpus",
    "DedupParams",
    "DedupResult",
    "DuplicateGroup",
    "Extractor",
    "Furniture",
    "PairDecision",
    "Quantity",
    "Quote",
    "ReusedPassage",
    "Segment",
    "Span",
    "Statement",
    "TimeExpression",
    "__version__",
    "analyze",
    "analyze_article",
    "analyze_dask",
    "attribute",
    "available_extractors",
    "cluster_claims",
    "deduplicate",
    "errors",
    "examples",
    "export",
    "extract_claims",
    "extract_quantities",
    "extract_quotes",
    "extract_times",
    "find_actors",
    "get_extractor",
    "iter_analyses",
    "read_jsonl",
    "register_extractor",
    "testing",
]
