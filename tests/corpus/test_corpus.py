"""Corpus: stable order whatever the input order, duplicate ids, readers."""

from __future__ import annotations

import json
import pathlib
import random
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord import Article, Corpus
from ontherecord.errors import DuplicateIdError, InvalidInputError, UnknownNameError

IDS = st.lists(
    st.text(st.characters(categories=["Ll", "Lu", "Nd"], max_codepoint=0x2FF), min_size=1,
             max_size=8),
    min_size=1, max_size=8, unique=True,
)


@settings(max_examples=200, deadline=None)
@given(IDS, st.randoms(use_true_random=False))
def test_order_does_not_depend_on_input_order(ids: list[str], rnd: random.Random) -> None:
    """Corpus(articles) iterates in the same order however the articles are given."""
    articles = [Article.from_text(f"text of {i}", id=i) for i in ids]
    shuffled = articles[:]
    rnd.shuffle(shuffled)
    a, b = Corpus(articles), Corpus(shuffled)
    assert list(a) == list(b) and a.ids == b.ids == tuple(sorted(ids))
    assert a == b


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=6,
                unique=True), st.randoms(use_true_random=False))
def test_from_dir_order_does_not_depend_on_file_order(stems: list[str], rnd: random.Random) -> None:
    """Folders written in different orders (and mixing .txt, .json, .jsonl) read as the same corpus."""
    kinds = [".txt", ".json", ".jsonl"]
    plan = [(stem, kinds[k % 3]) for k, stem in enumerate(stems)]
    corpora = []
    for _ in range(2):
        rnd.shuffle(plan)
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            for stem, kind in plan:
                text = f"Article {stem}.\r\nSecond line \u201cquoted\u201d."
                path = root / f"{stem}{kind}"
                if kind == ".txt":
                    path.write_bytes(text.encode("utf-8"))
                elif kind == ".json":
                    path.write_text(json.dumps({"text": text}), encoding="utf-8")
                else:
                    path.write_text(json.dumps({"id": f"{stem}-l", "text": text}) + "\n",
                                    encoding="utf-8")
            corpora.append(Corpus.from_dir(root))
    assert corpora[0] == corpora[1]
    assert list(corpora[0].ids) == sorted(corpora[0].ids)
    for stem, kind in plan:
        if kind == ".txt":
            assert corpora[0][stem].text == f"Article {stem}.\r\nSecond line \u201cquoted\u201d."


def test_duplicate_ids_are_named() -> None:
    """Two articles with one id raise DuplicateIdError naming every duplicated id."""
    articles = [Article.from_text(t, id=i) for t, i in
                [("a", "x"), ("b", "y"), ("c", "x"), ("d", "z"), ("e", "y")]]
    with pytest.raises(DuplicateIdError) as info:
        Corpus(articles)
    assert info.value.ids == ("x", "y")
    assert "'x'" in str(info.value) and "'y'" in str(info.value)
    assert isinstance(info.value, InvalidInputError) and isinstance(info.value, ValueError)


def test_duplicate_ids_across_files(tmp_path: pathlib.Path) -> None:
    """A .txt file and a .jsonl record with the same id clash, and the error names the id."""
    (tmp_path / "a1.txt").write_text("one", encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "a1", "text": "two"}) + "\n",
                                         encoding="utf-8")
    with pytest.raises(DuplicateIdError, match="a1"):
        Corpus.from_dir(tmp_path)


def test_lookup_and_errors(tmp_path: pathlib.Path) -> None:
    """corpus[id] finds an article; unknown ids, bad JSON and non-UTF-8 files are library errors."""
    c = Corpus([Article.from_text("t", id="b"), Article.from_text("s", id="a")])
    assert c["a"].text == "s" and c[0].id == "a" and len(c) == 2 and "b" in c
    with pytest.raises(UnknownNameError, match="'a', 'b'"):
        c["nope"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match=":2:"):
        Corpus.from_jsonl(bad)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "latin.txt").write_bytes(b"caf\xe9")
    with pytest.raises(InvalidInputError, match=r"latin\.txt"):
        Corpus.from_dir(tmp_path / "sub")
    with pytest.raises(InvalidInputError):
        Corpus(["not an article"])  # type: ignore[list-item]
