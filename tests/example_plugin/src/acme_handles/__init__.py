"""acme-handles: an example ontherecord plugin.

``acme.handles.v1`` finds social-media handles (``@WHO``, ``@realDonaldTrump``) and hashtags
(``#MeToo``) in an article. Precision first: e-mail addresses, URLs, HTML entities, ``C#`` and
``#1`` are not handles or hashtags, and a would-be handle longer than 15 characters is skipped
rather than cut.
"""

from __future__ import annotations

import attrs
import regex

from ontherecord import Article, Span

__all__ = ["Handle", "HandleExtractor", "handles"]

_NAME = "acme.handles.v1"

_PATTERN = regex.compile(
    r"""
    (?<! [\w@\#&/.:+\-] )          # not inside a word, an address, a URL, an entity, a path
    (?:
        (?P<handle>
            @ [A-Za-z0-9_]{1,15}+  # a handle: 1 to 15 letters, digits or underscores
        )
        (?! [\w@] | \.\w )         # ...and no more of them, nor a domain ("@un.org" is e-mail)
    |
        (?P<hashtag>
            \# (?= [0-9_]*+ \p{L} )  # a hashtag has a letter somewhere ("#1" is a number)
            [\p{L}\p{N}_]{1,100}+    # letters, digits, underscores
        )
        (?! [\p{L}\p{N}_\#] )      # ...and nothing glued on (then it is something else)
    )
    """,
    regex.VERBOSE,
)


@attrs.frozen(kw_only=True)
class Handle:
    """A handle or a hashtag: ``text`` is ``article.text[span.start:span.end]``, sigil included."""

    span: Span
    text: str
    kind: str  # "handle" or "hashtag"
    rule: str
    extractor: str = _NAME


@attrs.frozen
class HandleExtractor:
    """The extractor: call it with an article, get its handles and hashtags in text order."""

    name: str = _NAME

    def __call__(self, article: Article, /) -> tuple[Handle, ...]:
        found = []
        # the pattern is linear (possessive repeats, fixed look-arounds); the timeout is a
        # second line of defence against text nobody foresaw
        for m in _PATTERN.finditer(article.text, timeout=10.0):
            kind = "handle" if m.group("handle") else "hashtag"
            found.append(
                Handle(
                    span=Span(m.start(), m.end()),
                    text=m.group(),
                    kind=kind,
                    rule="at_sign" if kind == "handle" else "hash_sign",
                )
            )
        return tuple(found)


#: The instance the entry point names.
handles = HandleExtractor()
