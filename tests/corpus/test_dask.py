"""The Dask backend: on a two-worker LocalCluster, the same analysis as the local run."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Iterator

import pytest

import ontherecord as otr
from ontherecord.errors import InvalidInputError, MissingDependencyError

_HAVE_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))
needs_dask = pytest.mark.skipif(
    not _HAVE_DASK, reason="dask and distributed are not installed: pip install 'ontherecord[dask]'"
)

_NAMES = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Peter Novak", "Fatima Hassan", "Liam Byrne",
          "Grace Okafor", "Omar Haddad", "Elena Petrova", "David Kim"]
_ORGS = ["the Ministry of Health", "Acme Corp", "the city council", "the United Nations",
         "the central bank", "Northwind Airlines"]
_PLACES = ["Lisbon", "Nairobi", "Toronto", "Osaka", "Denver", "Krakow", "Lima", "Perth"]
_NOUNS = ["budget", "bridge", "vaccine", "strike", "election", "flood", "tariff", "stadium",
          "pipeline", "school", "hospital", "railway", "harvest", "reactor", "port"]
_VERBS = ["approved", "delayed", "rejected", "announced", "cancelled", "reviewed", "expanded"]


def _sentence(r: random.Random) -> str:
    """One news sentence: a reported fact, a quotation with its speaker, a number or a date."""
    kind = r.randrange(4)
    noun, place = r.choice(_NOUNS), r.choice(_PLACES)
    if kind == 0:
        return (f'"The {noun} in {place} will be {r.choice(_VERBS)} by {r.randint(1, 30)} March," '
                f"said {r.choice(_NAMES)}, a spokesperson for {r.choice(_ORGS)}.")
    if kind == 1:
        return (f"{r.choice(_ORGS).capitalize()} {r.choice(_VERBS)} the {noun} on Tuesday, "
                f"{r.randint(2, 900)} people in {place} were affected.")
    if kind == 2:
        return (f"{r.choice(_NAMES)} said the {noun} would cost {r.randint(2, 90)} million dollars "
                f"over {r.randint(2, 9)} years.")
    return (f"Officials in {place} {r.choice(_VERBS)} a plan for the {noun} after "
            f"{r.randint(2, 60)} days of talks with {r.choice(_ORGS)}.")


def _paragraph(r: random.Random) -> str:
    return " ".join(_sentence(r) for _ in range(r.randint(1, 2)))


def synthetic(n: int, seed: int = 8) -> list[otr.Article]:
    """``n`` deterministic articles: originals, exact and near copies, and reused paragraphs."""
    r = random.Random(seed)
    texts: list[str] = []
    for _ in range(n):
        roll = r.random()
        if texts and roll < 0.08:  # an exact copy
            text = r.choice(texts)
        elif texts and roll < 0.2:  # a near copy: one paragraph edited, a byline added
            paras = r.choice(texts).split("\n\n")
            i = r.randrange(len(paras))
            paras[i] = paras[i].replace(" the ", " a ", 1)
            text = f"By {r.choice(_NAMES)}\n\n" + "\n\n".join(paras)
        elif texts and roll < 0.35:  # reuses one paragraph of another story
            reused = r.choice(r.choice(texts).split("\n\n"))
            own = [_paragraph(r) for _ in range(r.randint(1, 2))]
            own.insert(r.randrange(len(own) + 1), reused)
            text = "\n\n".join(own)
        else:
            text = "\n\n".join(_paragraph(r) for _ in range(r.randint(2, 3)))
        texts.append(text)
    return [
        otr.Article.from_text(t, id=f"syn-{k:05d}", published=None, source=f"wire-{k % 7}")
        for k, t in enumerate(texts)
    ]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    if not _HAVE_DASK:
        pytest.skip("dask and distributed are not installed: pip install 'ontherecord[dask]'")
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


@needs_dask
def test_seeds_equal_local_run(client: object) -> None:
    """On a two-worker LocalCluster the seeds' analysis equals the local one."""
    from ontherecord.corpus._dask import analyze_dask

    seeds = otr.examples.seeds()
    assert analyze_dask(seeds, client=client) == otr.analyze(seeds)


@needs_dask
def test_synthetic_corpus_equals_local_run(client: object) -> None:
    """A few thousand synthetic articles with copies and reuse: identical to the local run."""
    from ontherecord.corpus._dask import analyze_dask

    arts = synthetic(2000)
    local = otr.analyze(arts, clusters=False)
    assert local.duplicates is not None
    assert local.duplicates.groups, "the synthetic corpus must give dedup some copies to find"
    assert local.duplicates.passages, "and some reused passages"
    assert any(g.kind == "near" for g in local.duplicates.groups)
    remote = analyze_dask(arts, client=client, clusters=False)
    assert remote.duplicates == local.duplicates
    assert remote == local


@needs_dask
def test_claim_clusters_equal_local_run(client: object) -> None:
    """Claim clusters (the reduce) match the local run on a smaller synthetic corpus."""
    from ontherecord.corpus._dask import analyze_dask

    arts = synthetic(150, seed=3)
    assert analyze_dask(arts, client=client, partitions=3) == otr.analyze(arts)


@needs_dask
def test_bag_input_and_partitions(client: object) -> None:
    """A bag of articles in any partitioning gives the same analysis as a corpus."""
    import dask.bag as db

    from ontherecord.corpus._dask import analyze_dask

    arts = synthetic(60, seed=5)
    bag = db.from_sequence(list(reversed(arts)), npartitions=4)
    local = otr.analyze(arts, clusters=False)
    assert analyze_dask(bag, client=client, clusters=False) == local
    assert analyze_dask(bag, client=client, partitions=1, clusters=False, dedup=False) == otr.analyze(
        arts, clusters=False, dedup=False
    )


@needs_dask
def test_duplicate_ids_and_bad_items_raise(client: object) -> None:
    """Duplicate ids and non-articles fail as they do locally; partitions must be positive."""
    from ontherecord.corpus._dask import analyze_dask
    from ontherecord.errors import DuplicateIdError

    a = otr.Article.from_text("Some text here.", id="x")
    with pytest.raises(DuplicateIdError):
        analyze_dask([a, a], client=client)
    with pytest.raises(InvalidInputError):
        analyze_dask([a], client=client, partitions=0)


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dask the call raises MissingDependencyError naming the install command."""
    import sys

    from ontherecord.corpus._dask import analyze_dask

    monkeypatch.setitem(sys.modules, "dask.bag", None)  # as if dask were not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'ontherecord\[dask\]'"):
        analyze_dask([otr.Article.from_text("Text.", id="a")])
