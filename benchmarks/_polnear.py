"""Shared by the benchmarks: read the PolNeAR development data (never copied into the repository;
its path is an argument) as articles with their publication dates."""

from __future__ import annotations

import csv
import pathlib

from ontherecord import Article


def load(root: pathlib.Path, limit: int | None = None) -> list[Article]:
    """The train and dev articles under ``root``, dated from ``metadata.tsv``, at most ``limit``."""
    dates: dict[str, str] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    articles = []
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            published = dates.get(path.stem) or None
            text = path.read_text(encoding="utf-8")
            articles.append(Article.from_text(text, id=path.stem, published=published))
            if limit is not None and len(articles) >= limit:
                return articles
    return articles
