"""The exceptions ontherecord raises.

Every exception the library raises on purpose derives from :class:`OnTheRecordError`, and each also
derives from the built-in exception a caller would naturally catch, so ``except ValueError`` keeps
working for code that does not know about this library.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

__all__ = [
    "DuplicateIdError",
    "InvalidInputError",
    "MissingDependencyError",
    "OnTheRecordError",
    "PatternTimeoutError",
    "PluginError",
    "UnknownNameError",
]


class OnTheRecordError(Exception):
    """Root of every exception raised by ontherecord.

    .. versionadded:: 0.1.0
    """


class InvalidInputError(OnTheRecordError, ValueError):
    """An argument the library cannot use: input that cannot be read as news text or as a corpus
    (wrong type, undecodable bytes, malformed JSON, an unreadable file), or an option or
    registration that does not fit (a malformed extractor name, a name registered twice).

    .. versionadded:: 0.1.0
    """


class DuplicateIdError(InvalidInputError):
    """Two articles in one corpus share an id. ``ids`` lists the ids that occur more than once.

    .. versionadded:: 0.1.0
    """

    def __init__(self, ids: tuple[str, ...]) -> None:
        self.ids = ids
        shown = ", ".join(repr(i) for i in ids[:10])
        more = f" and {len(ids) - 10} more" if len(ids) > 10 else ""
        super().__init__(f"duplicate article ids in corpus: {shown}{more}")


class MissingDependencyError(OnTheRecordError, ImportError):
    """An optional dependency is needed for this feature and is not installed. The message names
    the exact command that installs it.

    .. versionadded:: 0.1.0
    """

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{package} is required for this feature; install it with: "
            f"pip install 'ontherecord[{extra}]'"
        )


class UnknownNameError(OnTheRecordError, LookupError):
    """A name (an article id, an extractor name) is not known. The message lists what is available.

    .. versionadded:: 0.1.0
    """


class PluginError(OnTheRecordError, ImportError):
    """A plugin extractor could not be loaded: its entry point failed to import or to build. The
    message names the extractor, the entry point and the distribution; the cause is chained.

    .. versionadded:: 0.1.0
    """


class PatternTimeoutError(OnTheRecordError, TimeoutError):
    """One of the library's patterns ran past its time limit on one match: the text is hostile or
    pathological for it (it makes the regular expression engine try without end), not a fault of
    the installation. The message names the pattern's purpose (the extractor and its rule) and the
    length of the text; the engine's :class:`TimeoutError` is chained.

    The limit bounds one search of the text (a few matches at a time and the stretch of text
    between them), never a whole scan: a long text or a busy machine does not set it off.

    Attributes:
        purpose: what the pattern finds, e.g. ``"times: date"``.
        length: the length of the text it searched, in characters.
        limit: the time limit it ran past, in seconds.

    .. versionadded:: 0.1.0
    """

    def __init__(self, purpose: str, length: int, limit: float) -> None:
        self.purpose = purpose
        self.length = length
        self.limit = limit
        super().__init__(
            f"the pattern for {purpose} ran past its time limit of {limit:.3g} s on one search of "
            f"a text of {length:,} characters: the text is hostile or pathological for it, and "
            "nothing is wrong with the installation (if the text is ordinary prose, please report "
            "it with the text)"
        )

    def __reduce__(self) -> tuple[type[PatternTimeoutError], tuple[str, int, float]]:
        return type(self), (self.purpose, self.length, self.limit)
