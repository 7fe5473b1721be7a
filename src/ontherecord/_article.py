"""The text model: spans, segments, furniture and the :class:`Article` itself."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ontherecord._text.normalize import Normalized

from ontherecord.errors import InvalidInputError

__all__ = ["Article", "Furniture", "Segment", "Span"]


def _check_span(instance: Span, attribute: attrs.Attribute[int], value: int) -> None:
    # one validator for both ends (it runs once both are set): spans are made by the hundred thousand
    if instance.start < 0:
        raise InvalidInputError(f"span start must be >= 0, got {instance.start}")
    if value < instance.start:
        raise InvalidInputError(f"span end {value} is before its start {instance.start}")


@attrs.frozen(order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into :attr:`Article.text`.

    ``Span(3, 7)`` covers ``text[3:7]``. Spans sort by start, then end.

    .. versionadded:: 0.1.0
    """

    start: int
    end: int = attrs.field(validator=_check_span)

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """Return the part of ``text`` this span covers."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """Return whether ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end


@attrs.frozen(kw_only=True)
class Segment:
    """A paragraph or a sentence: a span of the article and the text it covers.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str

    @property
    def start(self) -> int:
        """Where the segment starts in :attr:`Article.text`."""
        return self.span.start

    @property
    def end(self) -> int:
        """Where the segment ends (exclusive) in :attr:`Article.text`."""
        return self.span.end


def _str_tuple(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@attrs.frozen(kw_only=True)
class Furniture:
    """A paragraph that is page furniture rather than the article's own text.

    ``kind`` is one of ``"byline"``, ``"bio"`` (an author biography), ``"credit"`` (photo or wire
    credit, copyright line), ``"disclaimer"`` (publisher's note) or ``"call_to_action"``
    (donation, subscription and sharing prompts). ``authors`` holds the names a byline or a
    biography gives. ``rule`` names the rule that recognised it.

    .. versionadded:: 0.1.0
    """

    span: Span
    text: str
    kind: str
    rule: str
    authors: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    extractor: str = "ontherecord.furniture.v1"


def _published(value: dt.datetime | dt.date | str | None) -> dt.datetime | None:
    """Convert a publication date to a timezone-aware datetime (naive values are taken as UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise InvalidInputError(f"published must be an ISO 8601 date or datetime, got {value!r}") from exc
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    raise InvalidInputError(f"published must be a date, datetime or ISO string, got {value!r}")


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def default_id(text: str) -> str:
    """The id an article gets when none is given: 16 hex digits of the BLAKE2b digest of its text
    (UTF-8), the same in every process and on every machine."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _text_repr(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "...") + f" ({len(text)} chars)"


@attrs.frozen(kw_only=True)
class Article:
    """One news article: its text exactly as given, its metadata, and its segmentation.

    Build one with :meth:`from_text`. ``text`` is never altered: every span any part of the
    library reports indexes it. Paragraphs, sentences and furniture are computed on first use.

    .. versionadded:: 0.1.0
    """

    id: str
    text: str = attrs.field(repr=_text_repr)
    title: str | None = attrs.field(default=None, converter=_optional_str)
    published: dt.datetime | None = attrs.field(default=None, converter=_published)
    source: str | None = attrs.field(default=None, converter=_optional_str)
    url: str | None = attrs.field(default=None, converter=_optional_str)
    authors: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)

    @classmethod
    def from_text(
        cls,
        text: str | bytes,
        *,
        id: str | None = None,
        title: str | None = None,
        published: dt.datetime | dt.date | str | None = None,
        source: str | None = None,
        url: str | None = None,
        authors: Iterable[str] = (),
        errors: str = "strict",
    ) -> Article:
        """Build an article from its text.

        Args:
            text: the article text. ``bytes`` are decoded as UTF-8 with the ``errors`` policy.
            id: a stable identifier; defaults to a digest of the text (:func:`default_id`).
            title: the headline, if known separately from the text.
            published: publication date or datetime (naive values are taken as UTC, ISO strings
                are parsed); relative dates in the text are resolved against it.
            source: the outlet.
            url: where the article was found.
            authors: the authors, as given by the user's metadata.
            errors: how to decode ``bytes``: ``"strict"`` (the default) raises, ``"replace"``
                puts U+FFFD in place of bad bytes, as for :meth:`bytes.decode`.

        Returns:
            The article.

        Raises:
            InvalidInputError: ``text`` is neither ``str`` nor ``bytes``, the bytes do not decode,
                or ``published`` cannot be read as a date.
        """
        if isinstance(text, bytes | bytearray | memoryview):
            try:
                text = bytes(text).decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                raise InvalidInputError(
                    f"article text is not valid UTF-8 ({exc.reason} at byte {exc.start}); "
                    "decode it yourself or pass errors='replace'"
                ) from exc
            except LookupError as exc:
                raise InvalidInputError(f"unknown decoding error policy {errors!r}") from exc
        if not isinstance(text, str):
            raise InvalidInputError(f"article text must be str or bytes, got {type(text).__name__}")
        if id is not None and not isinstance(id, str):
            raise InvalidInputError(f"article id must be a str, got {type(id).__name__}")
        return cls(
            id=default_id(text) if id is None else id,
            text=text,
            title=title,
            published=published,
            source=source,
            url=url,
            authors=authors,
        )

    @functools.cached_property
    def _normalized(self) -> tuple[Normalized, tuple[tuple[int, int], ...]]:
        """The normalised text and its paragraph spans, shared by the segmentation and the
        furniture, each computed on first use only (attribution needs the furniture, not the
        sentences)."""
        from ontherecord._text.normalize import normalize
        from ontherecord._text.segment import paragraph_spans

        norm = normalize(self.text)
        return norm, tuple(paragraph_spans(norm))

    def _segments(
        self, spans: Iterable[tuple[int, int]], made: dict[tuple[int, int], Segment]
    ) -> tuple[Segment, ...]:
        """The segments of the normalised ``spans``, as spans of :attr:`text`; a span already in
        ``made`` is that segment (a one-sentence paragraph is one :class:`Segment`)."""
        offsets = self._normalized[0].offsets  # what Normalized.span_to_original reads
        text = self.text
        out = []
        for s, e in spans:
            seg = made.get((s, e))
            if seg is None:
                a = offsets[s]
                b = offsets[e - 1] + 1 if e > s else a
                seg = Segment(span=Span(a, b), text=text[a:b])
            out.append(seg)
        return tuple(out)

    @functools.cached_property
    def _paragraphs(self) -> tuple[Segment, ...]:
        return self._segments(self._normalized[1], {})

    @functools.cached_property
    def _sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """The sentences as spans of the normalised text (what the actor finder reads, without
        the segments)."""
        from ontherecord._text.segment import sentence_spans

        norm, para = self._normalized
        return tuple(sentence_spans(norm, list(para)))

    @functools.cached_property
    def _sentences(self) -> tuple[Segment, ...]:
        paragraphs = dict(zip(self._normalized[1], self._paragraphs, strict=True))
        return self._segments(self._sentence_spans, paragraphs)

    @functools.cached_property
    def _furniture(self) -> tuple[Furniture, ...]:
        from ontherecord._text.furniture import find_furniture

        norm, para = self._normalized
        furniture = []
        for f in find_furniture(norm.text, list(para)):
            a, b = norm.span_to_original(f.start, f.end)
            furniture.append(
                Furniture(
                    span=Span(a, b),
                    text=self.text[a:b],
                    kind=f.kind,
                    rule=f.rule,
                    authors=f.authors,
                )
            )
        return tuple(furniture)

    @property
    def paragraphs(self) -> tuple[Segment, ...]:
        """The paragraphs, in order, stripped of surrounding white space."""
        return self._paragraphs

    @property
    def sentences(self) -> tuple[Segment, ...]:
        """The sentences, in order; each lies inside one paragraph."""
        return self._sentences

    @property
    def furniture(self) -> tuple[Furniture, ...]:
        """Bylines, biographies, credits, disclaimers and calls to action, in order."""
        return self._furniture

    @property
    def body(self) -> tuple[Segment, ...]:
        """The paragraphs that are the article's own text: every paragraph but the furniture."""
        cut = {f.span for f in self.furniture}
        return tuple(p for p in self.paragraphs if p.span not in cut)

    @property
    def body_text(self) -> str:
        """The article's own text: the :attr:`body` paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.body)

    @property
    def found_authors(self) -> tuple[str, ...]:
        """The authors named by the article's bylines and biographies, in order, without repeats."""
        seen: dict[str, None] = {}
        for f in self.furniture:
            for name in f.authors:
                seen.setdefault(name, None)
        return tuple(seen)

    def is_furniture(self, span: Span) -> bool:
        """Return whether ``span`` lies inside a furniture paragraph."""
        return any(f.span.contains(span) for f in self.furniture)

    def to_dict(self) -> dict[str, Any]:
        """Return the article as a JSON-compatible dict (metadata and text, no derived data)."""
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "published": None if self.published is None else self.published.isoformat(),
            "source": self.source,
            "url": self.url,
            "authors": list(self.authors),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an article from a dict such as :meth:`to_dict` returns (``text`` required; other
        keys optional; unknown keys are ignored).

        Raises:
            InvalidInputError: ``data`` is not a mapping or has no ``text``.
        """
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"an article record must be a JSON object, got {type(data).__name__}")
        if "text" not in data:
            raise InvalidInputError("an article record needs a 'text' field")
        authors = data.get("authors") or ()
        return cls.from_text(
            data["text"],
            id=None if data.get("id") is None else str(data["id"]),
            title=data.get("title"),
            published=data.get("published"),
            source=data.get("source"),
            url=data.get("url"),
            authors=authors,
        )
