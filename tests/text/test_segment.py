"""Sentence and paragraph segmentation: news phenomena, the seeds, hostile input."""

from __future__ import annotations

import itertools
import json
import pathlib
import sys

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontherecord import Article
from ontherecord._text.normalize import normalize
from ontherecord._text.segment import (
    _CANDIDATE,
    _FINAL,
    _LOWER_START,
    _SPACE,
    _candidates,
    _keep_boundary,
    paragraph_spans,
)
from ontherecord.examples import seeds

DATA = pathlib.Path(__file__).parents[1] / "data"

# Synthetic news sentences, each with the sentences it must be cut into.
PHENOMENA: list[tuple[str, list[str]]] = [
    # initialisms: inside a sentence, and ending one
    ("The U.S. Embassy in Baghdad was attacked. Officials said so.",
     ["The U.S. Embassy in Baghdad was attacked.", "Officials said so."]),
    ("He lives in the U.S. He moved there in 2001.",
     ["He lives in the U.S.", "He moved there in 2001."]),
    ("He lives in the U.S.A. The move was in 2001.",
     ["He lives in the U.S.A.", "The move was in 2001."]),
    ("Relations with the U.S. Other groups were numerous.",
     ["Relations with the U.S.", "Other groups were numerous."]),
    ("She works for the U.S. Department of State.", ["She works for the U.S. Department of State."]),
    ("The U.N. Security Council met. It voted.", ["The U.N. Security Council met.", "It voted."]),
    ("He moved to Washington, D.C. The city welcomed him.",
     ["He moved to Washington, D.C.", "The city welcomed him."]),
    ("The firm, based in Washington, D.C., said it would appeal. It did.",
     ["The firm, based in Washington, D.C., said it would appeal.", "It did."]),
    # months and dates
    ("The strike came on Jan. 8, officials said. Nobody was hurt.",
     ["The strike came on Jan. 8, officials said.", "Nobody was hurt."]),
    ("Prices rose in Jan. The Fed responded in Feb. by raising rates.",
     ["Prices rose in Jan.", "The Fed responded in Feb. by raising rates."]),
    # titles and ranks
    ("Gen. Qassem Soleimani was killed. Lt. Col. John Smith said it was planned.",
     ["Gen. Qassem Soleimani was killed.", "Lt. Col. John Smith said it was planned."]),
    ("Mr. Smith and Dr. Jones met at St. Mary's Church. They talked.",
     ["Mr. Smith and Dr. Jones met at St. Mary's Church.", "They talked."]),
    ("Sen. Lindsey Graham (R-S.C.) said no. Sen. Chuck Schumer (D-N.Y.) said yes.",
     ["Sen. Lindsey Graham (R-S.C.) said no.", "Sen. Chuck Schumer (D-N.Y.) said yes."]),
    ("The Rev. Martin Luther King Jr. spoke. He was eloquent.",
     ["The Rev. Martin Luther King Jr. spoke.", "He was eloquent."]),
    ('Gov. C.L. "Butch" Otter spoke. He left.', ['Gov. C.L. "Butch" Otter spoke.', "He left."]),
    ("He lost to then-Sen. Barack Obama. It hurt.", ["He lost to then-Sen. Barack Obama.", "It hurt."]),
    ("It hangs in the Museum of Modern Art. The museum is closed.",
     ["It hangs in the Museum of Modern Art.", "The museum is closed."]),
    ("The bill was named for Joe Kennedy Sr. He was a diplomat.",
     ["The bill was named for Joe Kennedy Sr.", "He was a diplomat."]),
    # companies
    ("Acme Co. said profits rose. Acme Inc. said nothing.",
     ["Acme Co. said profits rose.", "Acme Inc. said nothing."]),
    ("Shares of Acme Inc. fell 3 percent. The company declined to comment.",
     ["Shares of Acme Inc. fell 3 percent.", "The company declined to comment."]),
    # times
    ("The meeting starts at 9 a.m. and ends at 5 p.m. Reporters were barred.",
     ["The meeting starts at 9 a.m. and ends at 5 p.m.", "Reporters were barred."]),
    ("It ended at 5 p.m. Tuesday. Then at 9 p.m. EST the vote began.",
     ["It ended at 5 p.m. Tuesday.", "Then at 9 p.m. EST the vote began."]),
    # numbers, initials, money
    ("He wore No. 5 for the team. It was retired.", ["He wore No. 5 for the team.", "It was retired."]),
    ("E. Smith wrote the report. It was long.", ["E. Smith wrote the report.", "It was long."]),
    ("It was written by J.R.R. Tolkien. The book sold well.",
     ["It was written by J.R.R. Tolkien.", "The book sold well."]),
    ("The deal is worth $3.5 billion. Analysts were surprised.",
     ["The deal is worth $3.5 billion.", "Analysts were surprised."]),
    ("Smith et al. found that. The results held.", ["Smith et al. found that.", "The results held."]),
    # ellipses
    ("He paused... Then he left.", ["He paused...", "Then he left."]),
    ("The president said ... the country would not yield.",
     ["The president said ... the country would not yield."]),
    ("He said . . . the deal was off.", ["He said . . . the deal was off."]),
    ("Polls were close\u2026. Nobody knew.", ["Polls were close\u2026.", "Nobody knew."]),
    ("Polls were close.... Nobody knew.", ["Polls were close....", "Nobody knew."]),
    ("Really?! Nobody knew.", ["Really?!", "Nobody knew."]),
    ("The fight is not over. . . . We will return.", ["The fight is not over. . . .", "We will return."]),
    # quotations
    ('"We will win." The crowd cheered.', ['"We will win."', "The crowd cheered."]),
    ("\u201cWill we win?\u201d she asked. Nobody answered.",
     ["\u201cWill we win?\u201d she asked.", "Nobody answered."]),
    ('"Why?" Trump asked. Nobody knew.', ['"Why?" Trump asked.', "Nobody knew."]),
    ('"Who are they?" Trump said of Apple in February. He left.',
     ['"Who are they?" Trump said of Apple in February.', "He left."]),
    ('"Was she poor?" Trump said Friday. "She lied."', ['"Was she poor?" Trump said Friday.', '"She lied."']),
    ('"It is over." He added, "We lost."', ['"It is over."', 'He added, "We lost."']),
    ('"It is over," he said. "We lost. Nobody expected it."',
     ['"It is over," he said.', '"We lost.', 'Nobody expected it."']),
    ('"We will fight. We will never surrender," he said.',
     ['"We will fight.', 'We will never surrender," he said.']),
    ('He said: "No." Then he left.', ['He said: "No."', "Then he left."]),
    ("(This is a note.) This is the text.", ["(This is a note.)", "This is the text."]),
    ("What now? Nobody knows!", ["What now?", "Nobody knows!"]),
    # a full stop standing alone, as spun copy writes it
    ("Iraqis have come to believe . it's made surrogates of them.",
     ["Iraqis have come to believe .", "it's made surrogates of them."]),
    # lists and headings
    ("The plan:\n1. Push for a vote.\n2. Call for talks\n3. Launch attacks.",
     ["The plan:", "1. Push for a vote.", "2. Call for talks", "3. Launch attacks."]),
    ("Iran Strikes Back\n\nMissiles hit two bases. Nobody died.",
     ["Iran Strikes Back", "Missiles hit two bases.", "Nobody died."]),
]


@pytest.mark.parametrize(("text", "expected"), PHENOMENA, ids=[t[:40] for t, _ in PHENOMENA])
def test_news_phenomena(text: str, expected: list[str]) -> None:
    """Abbreviations, initials, times, ellipses, quotations and lists are cut where a reader cuts."""
    assert [s.text for s in Article.from_text(text).sentences] == expected


@pytest.mark.xfail(strict=True, reason="a state abbreviation before a capitalised name is ambiguous")
def test_state_abbreviation_then_name() -> None:
    """Known failure: "Ill. Eksili donated" is two sentences, but "Ill." before a name usually is not."""
    text = "He lives in Mount Prospect, Ill. Eksili donated a total of $500."
    assert len(Article.from_text(text).sentences) == 2


def test_hard_wrapped_lines_join() -> None:
    """A line without final punctuation followed by a lower-case line continues the paragraph."""
    a = Article.from_text("The minister said the\nvote would go ahead. It did.\n\nNext paragraph.")
    assert [p.text for p in a.paragraphs] == [
        "The minister said the\nvote would go ahead. It did.", "Next paragraph."]
    assert [s.text for s in a.sentences][:2] == ["The minister said the\nvote would go ahead.", "It did."]


def test_seed_sentences() -> None:
    """Every sentence boundary of the five seeds is where tests/data/seed_sentences.json puts it."""
    expected = json.loads((DATA / "seed_sentences.json").read_text(encoding="utf-8"))
    corpus = seeds()
    assert sorted(expected) == list(corpus.ids)
    for article in corpus:
        got = [s.text for s in article.sentences]
        assert got == expected[article.id], article.id


def test_seed_sentences_cover_paragraphs() -> None:
    """In the seeds, the sentences of each paragraph join back into the paragraph."""
    for article in seeds():
        for p in article.paragraphs:
            inside = [s for s in article.sentences if p.span.contains(s.span)]
            assert inside and inside[0].start == p.start and inside[-1].end == p.end
            for a, b in itertools.pairwise(inside):
                assert article.text[a.end : b.start].isspace()


@pytest.mark.parametrize(
    "text",
    [
        "U.S. " * 200_000,
        '"' * 1_000_000,
        "." * 1_000_000,
        ". " * 100_000,
        '."' * 100_000 + " Trump said.",
        "A. " * 70_000,
        "x" * 200_000 + ". The end.",
        " . " * 70_000,
        "?\" " * 70_000,
    ],
    ids=["us-runs", "quotes", "stops", "spaced-stops", "closed-quotes", "initials", "long-word",
         "lone-stops", "questions"],
)
def test_hostile_text_finishes(text: str) -> None:
    """A megabyte of "U.S. ", quotation marks or full stops, and long runs of other hostile
    patterns, are segmented (in linear time: no backtracking)."""
    a = Article.from_text(text)
    assert all(a.text[s.start : s.end] == s.text for s in a.sentences)
    assert a.furniture is not None


# Sentences with abbreviations, initials, numbers and quotations inside, each ending on an
# ordinary word, so that any sequence of them must come back sentence by sentence.
PLANTED = [
    "The U.S. Embassy in Baghdad was attacked on Jan. 8 by militia groups.",
    "Lt. Col. John Smith said the base at Ain al-Asad was hit.",
    "Mr. Trump and Dr. E. Jones spoke at 5 p.m. Tuesday in Washington.",
    "Shares of Acme Inc. fell 3.5 percent to $12.40 in New York.",
    "He wore No. 5 for the St. Louis team.",
    '"We will not leave," Gen. Mark Milley told reporters.',
    '"Why should we stay?" Trump asked.',
    "Sen. Lindsey Graham (R-S.C.) disagreed with the plan.",
    "Who will pay for the war?",
    "The vote was 170-0!",
    "The president said ... the country would not yield.",
    "Iran's foreign minister called it a \u201cmaximum pressure\u201d campaign.",
    "Iraqis have come to believe in the U.N. Security Council.",
    "It is, e.g., a matter of months.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PLANTED), min_size=1, max_size=6), min_size=1, max_size=5),
       st.sampled_from([" ", "  ", "\u00a0"]), st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
def test_planted_sentences_come_back(paragraphs: list[list[str]], gap: str, breaks: str) -> None:
    """Paragraphs built from known sentences segment back into exactly those sentences."""
    text = breaks.join(gap.join(p) for p in paragraphs)
    article = Article.from_text(text)
    assert [s.text for s in article.sentences] == [s for p in paragraphs for s in p]
    assert [p.text for p in article.paragraphs] == [gap.join(p) for p in paragraphs]


# Pieces that put abbreviations, initials, titles, quotation marks and white space of every kind
# next to full stops, to compare the fast paths of the segmenter with the rules they stand for.
_PIECES = st.sampled_from([
    "U.S.", "U.S", "D.C.", "a.m.", "p.m.", "e.g.", "Mr.", "Sen.", "then-Sen.", "Calif.", "Jan.", "Inc.",
    "E.", "e.", "A.", "I.", "No.", "1.", "x.y.z.", "\u00c9.", "al.", "The", "He", "It", "But", "Smith",
    "Tuesday", "EST", "said", "it", "5", '"', "'", "(", ")", "\u00ab", "\u00bb", ".", "..", "...",
    "\u2026", "?", "!", '"Butch"', " ", "  ", "\n", "\n\n", " \n ", "\x1c", "\u00a0", "\u3000",
])
_TEXTS = st.lists(_PIECES, max_size=40).map(" ".join) | st.lists(_PIECES, max_size=40).map("".join)


def _lines_reference(text: str) -> list[tuple[int, int]]:
    """Paragraph spans found line by line, as the rules say: blank lines part paragraphs, and a line
    that starts in lower case after one without final punctuation continues it."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        a = pos
        pos += len(line) + 1
        if not line.strip():
            if spans and spans[-1][1] >= 0:
                spans.append((-1, -1))  # a blank line closes the paragraph
            continue
        s, e = a + len(line) - len(line.lstrip()), a + len(line.rstrip())
        if spans and spans[-1][0] >= 0 and text[spans[-1][1] - 1] not in _FINAL and _LOWER_START.match(line):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return [s for s in spans if s[0] >= 0]


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example("The minister said the\nvote would go ahead.\n \n\x1c\nNext.\n\n")
def test_paragraphs_as_read_line_by_line(text: str) -> None:
    """The paragraph finder, which passes blank lines over in one pattern, finds the paragraphs a
    line-by-line reading finds."""
    assert paragraph_spans(normalize(text)) == _lines_reference(normalize(text).text)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example("U.S. U.S. It. A. I. Mr. Smith. Calif. The e.g. \"Butch\" (U.S.) Then at 5 p.m. Tuesday.")
def test_skipped_candidates_are_vetoed(text: str) -> None:
    """Every sentence-end candidate that the fast pattern passes over is one the rules veto, and
    the fast pattern finds every other."""
    norm = normalize(text)
    for ps, pe in paragraph_spans(norm):
        kept = {m.start() for m in _candidates().finditer(norm.text, ps, pe)}
        for m in _CANDIDATE.finditer(norm.text, ps, pe):
            assert m.start() in kept or _keep_boundary(norm.text, ps, m, pe) is None, norm.text[ps:pe]
        assert kept <= {m.start() for m in _CANDIDATE.finditer(norm.text, ps, pe)}


def test_white_space_is_what_str_strip_removes() -> None:
    """The patterns' white space is exactly what ``str.isspace`` calls white space."""
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    pattern = regex.compile(f"[{_SPACE}]")
    assert {chr(c) for c in range(sys.maxunicode + 1) if pattern.fullmatch(chr(c))} == spaces
