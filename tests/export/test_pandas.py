"""pandas export: one DataFrame per table, and a clear error when pandas is missing."""

from __future__ import annotations

import sys

import pytest

import ontherecord as otr
from ontherecord.errors import MissingDependencyError
from ontherecord.export._pandas import FRAMES


@pytest.fixture(scope="module")
def seeds_analysis() -> otr.Analysis:
    return otr.examples.seeds().analyze()


def _pandas():  # type: ignore[no-untyped-def]
    try:
        import pandas
    except ImportError:
        pytest.skip("pandas is not installed: pip install 'ontherecord[pandas]' to run the pandas tests")
    return pandas


def test_frames(seeds_analysis: otr.Analysis) -> None:
    """to_pandas gives one DataFrame per table, with a row per article, quote, claim and actor."""
    pd = _pandas()
    frames = seeds_analysis.to_pandas()
    assert tuple(frames) == FRAMES
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    assert list(frames["articles"]["id"]) == [a.article.id for a in seeds_analysis.articles]
    assert len(frames["quotes"]) == len(seeds_analysis.quotes)
    assert len(frames["claims"]) == len(seeds_analysis.claims)
    assert len(frames["actors"]) >= len(seeds_analysis.actors)
    assert list(frames["quotes"]["text"]) == [q.text for _, q in seeds_analysis.quotes]


def test_quotes_by_speaker(seeds_analysis: otr.Analysis) -> None:
    """Each quote's speaker is its corpus actor: the same name, or the actor that has it as an alias."""
    _pandas()
    quotes = seeds_analysis.to_pandas()["quotes"]
    aliases = {a.name: a.aliases | {a.name} for a in seeds_analysis.actors}
    for (_, q), speaker in zip(seeds_analysis.quotes, quotes["speaker"], strict=True):
        if q.speaker is None:
            assert speaker is None or speaker != speaker  # None or NaN
        else:
            assert speaker == q.speaker.name or q.speaker.name in aliases[speaker]
    with_speaker = sum(q.speaker is not None for _, q in seeds_analysis.quotes)
    assert quotes.groupby("speaker").size().sum() == with_speaker


def test_spans_cut_article_text(seeds_analysis: otr.Analysis) -> None:
    """Joining quotes to articles, every span cuts the quote text out of the article text."""
    _pandas()
    frames = seeds_analysis.to_pandas()
    merged = frames["quotes"].merge(frames["articles"][["id", "text"]], left_on="article_id",
                                    right_on="id", suffixes=("", "_article"))
    for row in merged.itertuples():
        assert row.text_article[row.start:row.end] == row.text


def test_duplicates_frame() -> None:
    """An exact copy shows as a duplicates row per member, with columns even when there are none."""
    _pandas()
    seeds = otr.examples.seeds()
    first = seeds[seeds.ids[0]]
    frames = otr.analyze([*seeds, otr.Article.from_text(first.text, id="zz-copy")]).to_pandas()
    dup = frames["duplicates"]
    assert list(dup["article_id"]) == [first.id, "zz-copy"]
    assert list(dup["position"]) == [0, 1]
    empty = otr.examples.seeds().analyze(dedup=False).to_pandas()["duplicates"]
    assert empty.empty
    assert "group_id" in empty.columns


def test_published_is_a_timestamp() -> None:
    """Publication dates become timezone-aware pandas timestamps."""
    pd = _pandas()
    article = otr.Article.from_text("Officials said so.", id="a", published="2020-01-08T10:00:00+03:00")
    frames = otr.analyze([article], dedup=False).to_pandas()
    assert frames["articles"]["published"][0] == pd.Timestamp("2020-01-08T07:00:00Z")


def test_missing_pandas_names_the_extra(
    seeds_analysis: otr.Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas, to_pandas raises MissingDependencyError naming the install command."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'ontherecord\[pandas\]'") as info:
        seeds_analysis.to_pandas()
    assert isinstance(info.value, ImportError)
    assert info.value.package == "pandas"
