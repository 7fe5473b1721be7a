"""Deduplication and text reuse: exact, near, abridged, spun and partial copies of the seeds."""

from __future__ import annotations

import json
import os
import pathlib
import random
import subprocess
import sys

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import ontherecord as otr
from ontherecord.corpus import DedupParams, shared_quotes, sketch
from ontherecord.errors import DuplicateIdError, UnknownNameError

SEED_002 = "002_cb7897ab3861c419"
SEED_000 = "000_7eab8c8d56f92531"

# A small thesaurus for the spinner below: the kind of swaps article spinners make.
_SYNONYMS = {
    "war": "conflict", "wars": "conflicts", "region": "area", "understand": "grasp",
    "intentions": "aims", "major": "big", "mistake": "error", "poor": "weak",
    "internal": "domestic", "conditions": "circumstances", "believed": "thought",
    "choice": "option", "still": "yet", "high": "elevated", "meaningful": "significant",
    "achieve": "attain", "real": "genuine", "campaign": "drive", "nothing": "naught",
    "behave": "act", "badly": "poorly", "additional": "further", "expect": "anticipate",
    "continue": "keep", "respond": "react", "likely": "probably", "borders": "frontiers",
    "government": "administration", "people": "folk", "country": "nation", "said": "stated",
    "military": "armed", "attack": "assault", "attacks": "assaults", "leaders": "chiefs",
    "killed": "slain", "political": "governmental", "security": "safety", "forces": "troops",
}
_FILLERS = ("material", "lifestyle", "matter", "thing", "manner", "fashion", "method")


def _spin(text: str, share: float, seed: int = 0) -> str:
    """Swap ``share`` of the words of four letters or more for a synonym (a filler if none)."""
    import re

    rng = random.Random(seed)
    words = list(re.finditer(r"[A-Za-z]{4,}", text))
    chosen = sorted(rng.sample(range(len(words)), int(share * len(words))))
    out, prev = [], 0
    for k in chosen:
        m = words[k]
        w = m.group()
        swap = _SYNONYMS.get(w.lower(), _FILLERS[k % len(_FILLERS)])
        out.append(text[prev : m.start()])
        out.append(swap.capitalize() if w[0].isupper() else swap)
        prev = m.end()
    out.append(text[prev:])
    return "".join(out)


@pytest.fixture(scope="module")
def seeds() -> otr.Corpus:
    return otr.examples.seeds()


@pytest.fixture(scope="module")
def copies(seeds: otr.Corpus) -> otr.Corpus:
    """The seeds plus five kinds of copy of seed 002."""
    src = seeds[SEED_002].text
    paras = src.split("\n\n")
    lines = src.split("\n")
    host_paras = seeds[SEED_000].text.split("\n\n")
    cut = "\n\n".join(paras[: (2 * len(paras)) // 3])
    pasted = "\n\n".join(host_paras[:3] + paras[4:6] + host_paras[3:])
    made = {
        "copy-exact": src,
        "copy-headline": "Why killing Soleimani was a strategic blunder\n" + src,
        "copy-cut": cut,
        "copy-spun": _spin(src, 0.30),
        "copy-pasted": pasted,
    }
    assert len(lines) > 3
    return otr.Corpus([*seeds, *(otr.Article.from_text(t, id=k) for k, t in made.items())])


def test_seeds_are_not_duplicates(seeds: otr.Corpus) -> None:
    """The five seeds share a topic, not a text: no two are grouped."""
    result = otr.deduplicate(seeds)
    assert result.groups == ()
    assert result.partition() == tuple((i,) for i in seeds.ids)


def test_copies_of_seed_002_found_with_their_kind(copies: otr.Corpus) -> None:
    """Exact, retitled, cut and spun copies join seed 002; the exact one is an exact copy."""
    result = otr.deduplicate(copies)
    group = result.group_of(SEED_002)
    assert group is not None
    assert set(group.ids) == {SEED_002, "copy-exact", "copy-headline", "copy-cut", "copy-spun"}
    assert group.kind == "near"
    by_pair = {frozenset(d.ids): d for d in group.links}
    assert by_pair[frozenset({SEED_002, "copy-exact"})].verdict == "exact"
    for other in ("copy-headline", "copy-cut", "copy-spun"):
        linked = [d for d in group.links if other in d.ids]
        assert linked and all(d.verdict == "near" for d in linked), other
    assert result.group_of("copy-pasted") is None
    assert result.group_of(SEED_000) is None


def test_exact_copy_alone_is_an_exact_group(seeds: otr.Corpus) -> None:
    """A byte-identical re-post makes an ``exact`` group of two with similarity 1."""
    corpus = otr.Corpus([*seeds, otr.Article.from_text(seeds[SEED_002].text, id="repost")])
    (group,) = otr.deduplicate(corpus).groups
    assert group.kind == "exact"
    assert set(group.ids) == {SEED_002, "repost"}
    assert group.similarity == 1.0


def test_pasted_paragraphs_are_a_reused_passage(copies: otr.Corpus) -> None:
    """Two paragraphs of seed 002 pasted into seed 000 come back as passages with exact spans."""
    result = otr.deduplicate(copies)
    found = [p for p in result.passages if p.ids == (SEED_002, "copy-pasted")]
    assert found
    src = copies[SEED_002].text
    for p in found:
        for aid, span, text in zip(p.ids, p.spans, p.texts, strict=True):
            assert copies[aid].text[span.start : span.end] == text
        for sa, sb in p.aligned:
            assert src[sa.start : sa.end] == copies["copy-pasted"].text[sb.start : sb.end]
    joined = " ".join(p.texts[0] for p in found)
    for para in src.split("\n\n")[4:6]:
        assert para.strip() in joined


def test_params_are_recorded(copies: otr.Corpus) -> None:
    """The result records the sketch parameters it was made with."""
    params = DedupParams(min_shared=5)
    assert otr.deduplicate(copies, params=params).params == params


def test_apply_keeps_one_article_per_group(copies: otr.Corpus) -> None:
    """apply() drops every group member but the representative."""
    result = otr.deduplicate(copies)
    kept = result.apply(copies)
    assert set(kept.ids) == set(result.representatives)
    assert len(kept) == len(copies) - sum(len(g.ids) - 1 for g in result.groups)


def test_group_of_unknown_id_raises(seeds: otr.Corpus) -> None:
    """Asking for an article that was not deduplicated is an error, not a singleton."""
    with pytest.raises(UnknownNameError):
        otr.deduplicate(seeds).group_of("nope")


def test_duplicate_ids_are_rejected(seeds: otr.Corpus) -> None:
    """Two articles with one id cannot be told apart: a clear error."""
    a = seeds[SEED_000]
    with pytest.raises(DuplicateIdError):
        otr.deduplicate([a, a])


def test_empty_and_tiny_articles() -> None:
    """Empty, one-word and punctuation-only articles get a result; wordless ones join no group."""
    texts = ["", "word", "...", "", "word"]
    result = otr.deduplicate(otr.Article.from_text(t, id=str(k)) for k, t in enumerate(texts))
    assert {frozenset(g.ids) for g in result.groups} == {frozenset({"1", "4"})}


# ---------------------------------------------------------------------------------------------
# Properties over corpora built from seed paragraphs


def _seed_paragraphs() -> list[str]:
    out = []
    for a in otr.examples.seeds():
        out.extend(p for p in a.text.split("\n\n") if len(p.split()) >= 20)
    return out


PARAGRAPHS = _seed_paragraphs()


@st.composite
def corpora(draw: st.DrawFn) -> list[otr.Article]:
    """Articles made of seed paragraphs: some fresh, some copies or cuts of earlier ones."""
    n = draw(st.integers(1, 8))
    texts: list[str] = []
    for _ in range(n):
        op = draw(st.sampled_from(["fresh", "copy", "cut", "paste"])) if texts else "fresh"
        if op == "fresh":
            idx = draw(st.lists(st.integers(0, len(PARAGRAPHS) - 1), min_size=1, max_size=5))
            texts.append("\n\n".join(PARAGRAPHS[i] for i in idx))
        else:
            base = texts[draw(st.integers(0, len(texts) - 1))].split("\n\n")
            if op == "copy":
                texts.append("\n\n".join(base))
            elif op == "cut":
                texts.append("\n\n".join(base[: max(1, len(base) // 2)]))
            else:
                extra = PARAGRAPHS[draw(st.integers(0, len(PARAGRAPHS) - 1))]
                texts.append("\n\n".join([extra, *base[:1]]))
    ids = draw(st.permutations([f"d{k:02d}" for k in range(n)]))
    return [otr.Article.from_text(t, id=i) for i, t in zip(ids, texts, strict=True)]


def _blocks(result: otr.DedupResult) -> set[frozenset[str]]:
    return {frozenset(b) for b in result.partition()}


@settings(max_examples=200)
@given(corpora())
def test_groups_partition_the_corpus(articles: list[otr.Article]) -> None:
    """Every article is in exactly one block; groups have two or more members, no repeats."""
    result = otr.deduplicate(articles)
    seen = [i for b in result.partition() for i in b]
    assert sorted(seen) == sorted(a.id for a in articles)
    for g in result.groups:
        assert len(g.ids) >= 2
        assert result.group_of(g.ids[-1]) == g


@settings(max_examples=200)
@given(corpora())
def test_dedup_twice_changes_nothing(articles: list[otr.Article]) -> None:
    """Deduplicating the deduplicated corpus finds no more groups; a rerun gives the same result."""
    result = otr.deduplicate(articles)
    assert otr.deduplicate(result.apply(articles)).groups == ()
    assert otr.deduplicate(articles) == result


@settings(max_examples=200)
@given(corpora(), st.randoms(use_true_random=False))
def test_input_order_does_not_change_groups(articles: list[otr.Article], rnd: random.Random) -> None:
    """Shuffling the input gives the same groups, passages and decisions."""
    shuffled = list(articles)
    rnd.shuffle(shuffled)
    assert otr.deduplicate(shuffled) == otr.deduplicate(articles)


@settings(max_examples=200)
@given(st.text(max_size=300))
@example("\u00adsoft\u00adhyphen\u200b and İstanbul \r\n\r\n lines")
def test_sketch_never_crashes_and_is_stable(text: str) -> None:
    """Any text gets a sketch; equal texts give equal sketches."""
    a = otr.Article.from_text(text, id="x")
    assert sketch(a) == sketch(otr.Article.from_text(text, id="x"))


def test_soft_hyphen_does_not_split_a_word() -> None:
    """Characters normalisation deletes do not change the sketch (or the digest)."""
    plain = otr.Article.from_text("an extraordinary claim was made today by the minister", id="x")
    soft = otr.Article.from_text("an extra\u00adordinary claim was made today by the min\u200bister", id="x")
    assert sketch(plain) == sketch(soft)


_SUBPROCESS = """
import json, sys
import ontherecord as otr
from ontherecord.corpus import sketch
out = [[s.digest, list(s.keys)] for s in map(sketch, otr.examples.seeds())]
json.dump(out, sys.stdout)
"""


def test_sketches_equal_across_hash_seeds() -> None:
    """Sketches do not depend on the per-process string hash salt (PYTHONHASHSEED)."""
    outputs = []
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _SUBPROCESS], env=env, capture_output=True, text=True,
            check=True, cwd=pathlib.Path(__file__).parent,
        )
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert all(keys for _, keys in outputs[0])


def test_result_values_are_frozen(copies: otr.Corpus) -> None:
    """Results are immutable values."""
    result = otr.deduplicate(copies)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.groups = ()  # type: ignore[misc]


def test_same_quotation_across_articles() -> None:
    """A quotation two articles carry comes back once, with its span in each; typography aside."""
    a = otr.Article.from_text(
        "Talks resumed on Tuesday. \u201cWe will not negotiate with anyone under these threats,\u201d "
        "the minister said.",
        id="a",
    )
    b = otr.Article.from_text(
        'Talks stalled. "We will not negotiate with anyone  under these threats," the minister '
        "said, according to Reuters. It was \"a disaster\", one official said.",
        id="b",
    )
    c = otr.Article.from_text('Elsewhere, "a disaster" was averted.', id="c")
    result = otr.deduplicate([c, b, a], quotes=True)
    (shared,) = result.quotes
    assert shared.key == "we will not negotiate with anyone under these threats"
    assert shared.ids == ("a", "b")
    for occ in shared.occurrences:
        article = {"a": a, "b": b}[occ.id]
        assert article.text[occ.span.start : occ.span.end] == occ.text
    assert otr.deduplicate([a, b]).quotes == ()


def test_shared_quotes_takes_precomputed_quotes(seeds: otr.Corpus) -> None:
    """Quotations already extracted are used as given, not extracted again."""
    first = seeds[SEED_000]
    quotes = otr.extract_quotes(first)
    long_quotes = [q for q in quotes if q.kind != "scare" and len(q.text.split()) >= 5]
    assert long_quotes
    twin = otr.Article.from_text(first.text, id="twin")
    found = shared_quotes([first, twin], quotes={first.id: quotes, "twin": quotes})
    assert {s.key for s in found} and all(s.ids == (first.id, "twin") for s in found)


def test_copies_differing_in_furniture_are_exact_when_furniture_is_dropped(seeds: otr.Corpus) -> None:
    """A wire credit appended to a copy: near by default, exact when furniture is dropped."""
    src = seeds[SEED_002].text
    credited = otr.Article.from_text(src + "\n\nCopyright 2020 Reuters. All rights reserved.", id="b")
    arts = [seeds[SEED_002], credited]
    (kept,) = otr.deduplicate(arts).groups
    assert kept.kind == "near"
    (dropped,) = otr.deduplicate(arts, params=DedupParams(furniture="drop")).groups
    assert dropped.kind == "exact"


@settings(max_examples=200)
@given(st.lists(st.integers(0, 6), max_size=60), st.lists(st.integers(0, 6), max_size=60))
@example([1, 2, 3, 4, 9, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7])
def test_anchored_alignment_runs_match_and_keep_order(a: list[int], b: list[int]) -> None:
    """Aligned runs are equal word runs of three or more, in increasing order in both texts."""
    from ontherecord.corpus._dedup import _anchored_blocks

    blocks = _anchored_blocks(a, b)
    end_a = end_b = 0
    for i, j, size in blocks:
        assert size >= 3
        assert a[i : i + size] == b[j : j + size]
        assert i >= end_a and j >= end_b
        end_a, end_b = i + size, j + size
