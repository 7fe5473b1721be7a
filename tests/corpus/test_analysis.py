"""Corpus analysis: the same result in one process or several, streamed or whole, in any process."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import subprocess
import sys

import attrs
import pytest

import ontherecord as otr
from ontherecord.errors import InvalidInputError, UnknownNameError


@attrs.frozen(kw_only=True)
class _Word:
    span: otr.Span
    text: str


class _Capitals:
    """A tiny custom extractor: words written in capitals."""

    name = "tests.capitals.v1"

    def __call__(self, article: otr.Article) -> list[_Word]:
        out = []
        pos = 0
        for word in article.text.split():
            start = article.text.index(word, pos)
            pos = start + len(word)
            if len(word) > 2 and word.isupper() and word.isalpha():
                out.append(_Word(span=otr.Span(start, pos), text=word))
        return out


@pytest.fixture(scope="module")
def seeds() -> otr.Corpus:
    return otr.examples.seeds()


def test_workers_give_identical_results(seeds: otr.Corpus) -> None:
    """Two worker processes give exactly the analysis one process gives."""
    assert seeds.analyze(workers=2) == seeds.analyze(workers=1)


def test_iter_analyses_streams_in_input_order(seeds: otr.Corpus) -> None:
    """iter_analyses yields one result per article in the order given, with any worker count."""
    order = list(reversed(list(seeds)))
    for workers in (1, 2):
        got = [a.article.id for a in otr.iter_analyses(iter(order), workers=workers)]
        assert got == [a.id for a in order]


def test_progress_is_reported(seeds: otr.Corpus) -> None:
    """The progress callback sees every article, with the total."""
    seen: list[tuple[int, int | None]] = []
    seeds.analyze(dedup=False, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_custom_extractor_results_are_kept(seeds: otr.Corpus) -> None:
    """A custom extractor's annotations are stored under its name, with exact spans."""
    analysis = seeds.analyze(extractors=[_Capitals()], dedup=False)
    found = [w for a in analysis.articles for w in a.annotations["tests.capitals.v1"]]
    assert any(w.text == "ISIS" for w in found)
    for a in analysis.articles:
        for w in a.annotations["tests.capitals.v1"]:
            assert a.article.text[w.span.start:w.span.end] == w.text


def test_unknown_extractor_name_is_a_lookup_error(seeds: otr.Corpus) -> None:
    """An unknown extractor name fails before any work, naming what is available."""
    with pytest.raises(UnknownNameError, match="ontherecord"):
        seeds.analyze(extractors=["nobody.nothing.v1"])


def test_bad_worker_count(seeds: otr.Corpus) -> None:
    """workers below 1 is an input error."""
    with pytest.raises(InvalidInputError):
        seeds.analyze(workers=0)


def test_read_jsonl_is_lazy(tmp_path: pathlib.Path) -> None:
    """read_jsonl yields articles before the rest of the file is read (a bad later line only
    fails when reached)."""
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "One."}) + "\n{broken\n", encoding="utf-8")
    stream = otr.read_jsonl(path)
    assert next(stream).id == "a"
    with pytest.raises(InvalidInputError, match=":2:"):
        next(stream)


_DIGEST = """
import hashlib, sys, tempfile, pathlib
import ontherecord as otr
path = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
otr.examples.seeds().analyze().to_jsonl(path)
print(hashlib.sha256(path.read_bytes()).hexdigest())
"""


def test_output_is_identical_across_hash_seeds() -> None:
    """The exported analysis is byte-identical in processes with different PYTHONHASHSEED."""
    digests = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _DIGEST], env=env, capture_output=True, text=True,
                             check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())
