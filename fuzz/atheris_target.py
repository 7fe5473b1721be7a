"""Coverage-guided fuzzing of the whole per-article pipeline with atheris (on demand).

usage: pip install atheris && python fuzz/atheris_target.py -runs=100000

Any exception outside ontherecord's own hierarchy, or a span whose text differs from the article
text it indexes, is a crash.
"""

from __future__ import annotations

import sys

import ontherecord as otr
from ontherecord.errors import OnTheRecordError


def test_one_input(data: bytes) -> None:
    try:
        article = otr.Article.from_text(data, id="fuzz", errors="replace")
        for run in (otr.extract_quotes, otr.attribute, otr.extract_times, otr.extract_quantities,
                    otr.find_actors):
            for item in run(article):
                span = getattr(item, "span", None)
                if span is not None and article.text[span.start:span.end] != item.text:
                    raise AssertionError(f"{run.__name__}: span {span} does not match {item.text!r}")
        _ = article.furniture
    except OnTheRecordError:
        pass


def main() -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris")
    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
