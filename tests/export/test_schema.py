"""The ontherecord/1 export schema: lossless round trips and a pinned format."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ontherecord as otr
from ontherecord.errors import InvalidInputError
from ontherecord.export._schema import SCHEMA, decode, encode

GOLDEN = pathlib.Path(__file__).parents[1] / "data" / "schema_golden.json"


@pytest.fixture(scope="module")
def seeds_analysis() -> otr.Analysis:
    return otr.examples.seeds().analyze()


def _fixed_analysis() -> otr.Analysis:
    """A small analysis built by hand, so the golden file pins the format, not extractor output."""
    text = "\u201cWe will stay,\u201d said Jane Roe. Officials said 30 troops left on Jan. 8."
    article = otr.Article.from_text(text, id="a1", published="2020-01-20", source="Wire")
    roe = otr.Actor(
        name="Jane Roe", kind="person", aliases=frozenset({"Jane Roe"}),
        mentions=(otr.ActorMention(article_id="a1", span=otr.Span(21, 29), text="Jane Roe", rule="name"),),
        gender="female",
    )
    quote = otr.Quote(span=otr.Span(1, 13), text="We will stay", kind="direct", speaker=roe,
                      speaker_mention=otr.Span(21, 29), cue="said", cue_span=otr.Span(16, 20),
                      confidence=0.9, rule="quote-comma-cue-name")
    claim = otr.Claim(span=otr.Span(1, 13), text="We will stay", source=roe,
                      source_mention=otr.Span(21, 29), source_kind="person", cue="said",
                      cue_span=otr.Span(16, 20), quote=quote, confidence=0.9, rule="from-quote")
    when = otr.TimeExpression(span=otr.Span(64, 70), text="Jan. 8", type="date", value="2020-01-08",
                              rule="month-day")
    return otr.Analysis(
        articles=[otr.ArticleAnalysis(article=article, quotes=[quote], claims=[claim], times=[when])],
        actors=[roe],
    )


def test_seeds_jsonl_round_trip(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """The seeds analysis written as JSON Lines reads back to an equal object."""
    path = tmp_path / "seeds.jsonl"
    seeds_analysis.to_jsonl(path)
    assert otr.Analysis.from_jsonl(path) == seeds_analysis


def test_seeds_json_round_trip(seeds_analysis: otr.Analysis) -> None:
    """The seeds analysis as one JSON document reads back to an equal object."""
    assert otr.Analysis.from_dict(json.loads(seeds_analysis.to_json())) == seeds_analysis


def test_jsonl_is_deterministic(seeds_analysis: otr.Analysis, tmp_path: pathlib.Path) -> None:
    """Writing the same analysis twice gives byte-identical files."""
    seeds_analysis.to_jsonl(tmp_path / "a.jsonl")
    otr.Analysis.from_jsonl(tmp_path / "a.jsonl").to_jsonl(tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_every_span_in_export_is_exact(seeds_analysis: otr.Analysis) -> None:
    """In the exported data, every quote and claim span indexes its article text exactly."""
    for record in seeds_analysis.records():
        if record.get("$type") != "ArticleAnalysis":
            continue
        text = record["article"]["text"]
        for item in [*record["quotes"], *record["claims"], *record["times"], *record["quantities"]]:
            assert text[item["span"]["start"]:item["span"]["end"]] == item["text"]


def test_golden_schema() -> None:
    """The encoding of a fixed analysis matches the pinned golden file (the schema's shape)."""
    data = _fixed_analysis().to_dict()
    assert data["schema"] == SCHEMA == "ontherecord/1"
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert otr.Analysis.from_dict(data) == _fixed_analysis()


def test_wrong_schema_is_refused(tmp_path: pathlib.Path) -> None:
    """A file of another schema version is refused with a library error."""
    path = tmp_path / "x.jsonl"
    path.write_text('{"$type": "Header", "schema": "ontherecord/99"}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="ontherecord/99"):
        otr.Analysis.from_jsonl(path)


def test_garbage_line_is_named(tmp_path: pathlib.Path) -> None:
    """A broken line is reported with its line number."""
    path = tmp_path / "x.jsonl"
    path.write_text('{"$type": "Header", "schema": "ontherecord/1"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match=":2:"):
        otr.Analysis.from_jsonl(path)


@settings(max_examples=200)
@given(
    text=st.text(max_size=300),
    title=st.none() | st.text(max_size=20),
    published=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
    authors=st.lists(st.text(max_size=10), max_size=3),
)
def test_article_encoding_round_trip(text: str, title: str | None, published: dt.datetime | None,
                                     authors: list[str]) -> None:
    """Any article encodes to JSON and decodes back to an equal article."""
    a = otr.Article.from_text(text, id="x", title=title, published=published, authors=authors)
    assert decode(json.loads(json.dumps(encode(a)))) == a


def test_fixed_analysis_spans_are_exact() -> None:
    """The hand-built analysis behind the golden file keeps the span invariant itself."""
    a = _fixed_analysis().articles[0]
    for item in [*a.quotes, *a.claims, *a.times]:
        assert a.article.text[item.span.start:item.span.end] == item.text
