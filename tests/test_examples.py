"""The bundled seed articles."""

from __future__ import annotations

import pathlib

from ontherecord import examples

SEEDS = pathlib.Path(__file__).parents[1] / "seeds"


def test_seeds_are_the_files_byte_for_byte() -> None:
    """seeds() returns the five seed files, ids = stems, texts equal to the files' bytes decoded."""
    corpus = examples.seeds()
    files = sorted(SEEDS.glob("*.txt"))
    assert len(corpus) == len(files) == 5
    assert corpus.ids == tuple(p.stem for p in files)
    for path in files:
        article = corpus[path.stem]
        assert article.text == path.read_bytes().decode("utf-8")
        assert article.text.encode("utf-8") == path.read_bytes()


def test_seeds_path_holds_the_seeds() -> None:
    """seeds_path() is a folder with the five .txt files."""
    assert len(list(examples.seeds_path().glob("*.txt"))) == 5
