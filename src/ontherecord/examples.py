"""Example data bundled with the package.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import pathlib
from importlib import resources

from ontherecord.corpus._corpus import Corpus

__all__ = ["seeds", "seeds_path"]


def seeds_path() -> pathlib.Path:
    """Return the folder holding the five bundled seed articles (``*.txt``)."""
    bundled = resources.files("ontherecord").joinpath("_seeds")
    if bundled.is_dir():
        return pathlib.Path(str(bundled))
    # an editable install or a source checkout: the repository's top-level seeds/
    here = pathlib.Path(__file__).resolve().parents[2] / "seeds"
    if here.is_dir():
        return here
    raise FileNotFoundError("the bundled seed articles are missing from this installation")


def seeds() -> Corpus:
    """Return the five seed articles as a :class:`~ontherecord.Corpus` (ids are the file stems).

    The texts equal the files byte for byte. The articles are opinion and news pieces about the
    January 2020 crisis between the United States, Iran and Iraq; one is a spun copy of a wire
    story, one embeds agency copy.
    """
    return Corpus.from_dir(seeds_path())
