"""The values that quotation and attribution extractors return: :class:`Quote` and :class:`Claim`.

A :class:`Quote` is a pair of quotation marks and what stands between them; a :class:`Claim` is a
statement the article attributes to a source, with or without quotation marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from ontherecord._article import Span

if TYPE_CHECKING:
    from ontherecord._actor import Actor

__all__ = ["Claim", "Quote", "QuoteKind", "SourceKind"]

#: What a pair of quotation marks holds.
QuoteKind = Literal["direct", "partial", "document", "scare"]
#: What kind of source an attributed statement comes from.
SourceKind = Literal["person", "organization", "country", "document", "anonymous", "author"]

_QUOTE_KINDS = frozenset({"direct", "partial", "document", "scare"})
_SOURCE_KINDS = frozenset({"person", "organization", "country", "document", "anonymous", "author"})


def _check_quote_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in _QUOTE_KINDS:
        raise ValueError(f"{attribute.name} must be one of {sorted(_QUOTE_KINDS)}, not {value!r}")


def _check_source_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in _SOURCE_KINDS:
        raise ValueError(f"{attribute.name} must be one of {sorted(_SOURCE_KINDS)}, not {value!r}")


@attrs.frozen(kw_only=True, order=False)
class Quote:
    """A quotation: the words between a pair of quotation marks, and who said them.

    Attributes:
        span: the content inside the marks, as offsets into ``Article.text``.
        text: ``article.text[span.start:span.end]``.
        kind: ``"direct"`` (someone's words), ``"partial"`` (a fragment woven into the writer's
            sentence), ``"document"`` (words quoted from a text) or ``"scare"`` (scare quotes,
            titles, names, idioms: nobody is quoted).
        speaker: the actor the words belong to, resolved (a pronoun becomes the person), or None.
        speaker_mention: the words that name the speaker here (a pronoun included), or None.
        cue: the attributing word or words ("said", "told", "according to", ":"), or None.
        cue_span: where the cue stands, or None.
        confidence: how sure the rule that fired is, from 0 to 1.
        extractor: the versioned name of the extractor.
        rule: the name of the rule that produced the attribution.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    kind: str = attrs.field(validator=_check_quote_kind)
    speaker: Actor | None = None
    speaker_mention: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    confidence: float = 0.0
    extractor: str = "ontherecord.quotes.v1"
    rule: str = ""


@attrs.frozen(kw_only=True, order=False)
class Claim:
    """A statement the article attributes to a source.

    Attributes:
        span: the reported content (for a quotation, the words inside the marks; for reported
            speech, the reported clause).
        text: ``article.text[span.start:span.end]``.
        source: the actor the statement comes from, or None (anonymous sources, unresolved).
        source_mention: the words that name the source here (a pronoun included), or None.
        source_kind: ``"person"``, ``"organization"``, ``"country"``, ``"document"``,
            ``"anonymous"`` or ``"author"``.
        cue: the attributing word or words, or None.
        cue_span: where the cue stands, or None.
        quote: the :class:`Quote` when the statement is a quotation.
        confidence: how sure the rule that fired is, from 0 to 1.
        extractor: the versioned name of the extractor.
        rule: the name of the rule that fired.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    source: Actor | None = None
    source_mention: Span | None = None
    source_kind: str = attrs.field(default="person", validator=_check_source_kind)
    cue: str | None = None
    cue_span: Span | None = None
    quote: Quote | None = None
    confidence: float = 0.0
    extractor: str = "ontherecord.attribution.v1"
    rule: str = ""
