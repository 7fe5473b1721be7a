"""The :class:`Corpus`: an ordered, id-indexed collection of articles, and its readers."""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from ontherecord._article import Article
from ontherecord.errors import DuplicateIdError, InvalidInputError, UnknownNameError

if TYPE_CHECKING:
    from ontherecord.corpus._analysis import Analysis, Progress

__all__ = ["Corpus", "iter_jsonl", "json_lines", "read_jsonl"]

_READABLE = (".txt", ".json", ".jsonl")


def _record(obj: Any, where: str) -> Article:
    if not isinstance(obj, Mapping):
        raise InvalidInputError(f"{where}: expected a JSON object with a 'text' field")
    try:
        return Article.from_dict(obj)
    except InvalidInputError as exc:
        raise InvalidInputError(f"{where}: {exc}") from exc


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[Article]:
    """Yield the articles of a JSON Lines file one at a time (one JSON object a line, with
    ``text`` and optional ``id``, ``title``, ``published``, ``source``, ``url``, ``authors``).

    Blank lines are skipped. Memory use does not grow with the file.

    Raises:
        InvalidInputError: a line is not valid JSON or not an article record (the message gives
            the file and line number), or the file is not UTF-8.
    """
    p = pathlib.Path(path)
    for lineno, obj in json_lines(p):
        yield _record(obj, f"{p}:{lineno}")


def json_lines(path: pathlib.Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, decoded JSON)`` for each non-blank line of a JSON Lines file, lazily.

    Raises:
        InvalidInputError: a line is not valid JSON, or the file is not UTF-8 (the message names
            the file and line).
    """
    try:
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidInputError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[Article]:
    """Yield the articles of a JSON Lines file lazily, one at a time, for corpora that do not fit
    in memory (pair it with :func:`~ontherecord.iter_analyses`). Each line is an object with
    ``text`` and optional ``id``, ``title``, ``published``, ``source``, ``url``, ``authors``.

    Raises:
        InvalidInputError: a line is not valid JSON or not an article record (the message gives
            the file and line number), or the file is not UTF-8.

    .. versionadded:: 0.1.0
    """
    return iter_jsonl(path)


def _read_file(p: pathlib.Path) -> list[Article]:
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        return list(iter_jsonl(p))
    try:
        raw = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if suffix == ".json":
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{p}: invalid JSON: {exc.msg} (line {exc.lineno})") from exc
        items = obj if isinstance(obj, list) else [obj]
        out = []
        for k, item in enumerate(items):
            art = _record(item, f"{p}[{k}]")
            if isinstance(item, Mapping) and item.get("id") is None:
                art = Article.from_dict({**item, "id": p.stem if len(items) == 1 else f"{p.stem}-{k}"})
            out.append(art)
        return out
    # plain text: the file stem is the id, the text is the file as it is on disk
    with p.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    return [Article.from_text(text, id=p.stem)]


class Corpus:
    """An ordered collection of articles with unique ids.

    Iteration is in the order of the ids (sorted as strings), whatever order the articles were
    given or the file system listed them in, so every run sees the same corpus the same way.

    ``Corpus(articles)`` takes any iterable of :class:`Article`; ``corpus[id]`` looks one up.

    .. versionadded:: 0.1.0

    Raises:
        DuplicateIdError: two articles share an id (all such ids are named).
        InvalidInputError: an item is not an :class:`Article`.
    """

    __slots__ = ("_articles", "_by_id")

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        items = list(articles)
        by_id: dict[str, Article] = {}
        dupes: dict[str, None] = {}
        for a in items:
            if not isinstance(a, Article):
                raise InvalidInputError(f"a Corpus holds Article objects, got {type(a).__name__}")
            if a.id in by_id:
                dupes.setdefault(a.id, None)
            by_id[a.id] = a
        if dupes:
            raise DuplicateIdError(tuple(sorted(dupes)))
        self._by_id = by_id
        self._articles = tuple(by_id[k] for k in sorted(by_id))

    @classmethod
    def from_dir(cls, path: str | os.PathLike[str], *, recursive: bool = False) -> Corpus:
        """Read every ``*.txt`` (id = file stem), ``*.json`` (an object or a list of objects) and
        ``*.jsonl`` file in a folder.

        Args:
            path: the folder.
            recursive: also read sub-folders.

        Raises:
            InvalidInputError: the folder does not exist or a file cannot be read (named).
            DuplicateIdError: two files give the same id.
        """
        root = pathlib.Path(path)
        if not root.is_dir():
            raise InvalidInputError(f"{root}: not a folder")
        files = root.rglob("*") if recursive else root.iterdir()
        chosen = sorted(p for p in files if p.is_file() and p.suffix.lower() in _READABLE)
        articles: list[Article] = []
        for p in chosen:
            articles.extend(_read_file(p))
        return cls(articles)

    @classmethod
    def from_files(cls, paths: Iterable[str | os.PathLike[str]]) -> Corpus:
        """Read the given files and folders (folders as :meth:`from_dir` does)."""
        articles: list[Article] = []
        for raw in paths:
            p = pathlib.Path(raw)
            if p.is_dir():
                articles.extend(cls.from_dir(p))
            elif p.is_file():
                articles.extend(_read_file(p))
            else:
                raise InvalidInputError(f"{p}: no such file or folder")
        return cls(articles)

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str]) -> Corpus:
        """Read a JSON Lines file (see :func:`iter_jsonl`)."""
        return cls(iter_jsonl(path))

    def analyze(
        self,
        *,
        extractors: Sequence[Any] = (),
        dedup: bool = True,
        clusters: bool = True,
        workers: int = 1,
        progress: Progress | None = None,
    ) -> Analysis:
        """Analyse the corpus: every extractor on every article, actors across articles,
        duplicates and reused passages. See :func:`ontherecord.analyze`.

        .. versionadded:: 0.1.0
        """
        from ontherecord.corpus._analysis import analyze

        return analyze(
            self, extractors=extractors, dedup=dedup, clusters=clusters, workers=workers, progress=progress
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The article ids, in iteration order."""
        return tuple(a.id for a in self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Article):
            return self._by_id.get(item.id) == item
        return item in self._by_id

    @overload
    def __getitem__(self, key: str) -> Article: ...
    @overload
    def __getitem__(self, key: int) -> Article: ...
    def __getitem__(self, key: str | int) -> Article:
        if isinstance(key, int):
            return self._articles[key]
        try:
            return self._by_id[key]
        except KeyError:
            shown = ", ".join(repr(i) for i in self.ids[:5])
            raise UnknownNameError(
                f"no article with id {key!r} in this corpus of {len(self)} (ids: {shown}"
                f"{', ...' if len(self) > 5 else ''})"
            ) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Corpus) and self._articles == other._articles

    def __hash__(self) -> int:
        return hash(self._articles)

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles)"
