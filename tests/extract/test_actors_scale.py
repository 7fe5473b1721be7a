"""The actor finder on hostile text: the fast paths give what the plain scans give, long runs and
long words stay cheap and never recurse."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import ontherecord as otr
from ontherecord._text.normalize import normalize
from ontherecord.extract import _actors as A

_words = st.sampled_from(
    ["Iraq", "U.S.", "U.S", "US", "UK", "President", "Trump", "said", "the", "The", "Gen.", "Mr.",
     "al", "al-Sadr", "bin", "of", "for", "on", "in", "and", "And", "Bosnia", "Herzegovina", "State",
     "Department", "Institute", "Center", "Forces", "Force", "Popular", "Mobilization", "a", "an", "A",
     "Prime", "Minister", "Iranian", "Secretary", "Smith", "John", "Sarah", "NATO", "ABC", "CARLY",
     "X.", "\u201c", "\u201d", '"', "'", ":", ".", ",", "\n", "\n\n", "-", "(PMF)", "12", "Abc",
     "New", "York", "United", "States", "America", "he", "She", "Of", "St.", "Jr.", "Following"]
)
_texts = st.lists(_words, max_size=60).map(" ".join) | st.lists(_words, max_size=60).map("".join) | st.text(
    max_size=200
)


def _tokens(text: str) -> A._Tokens:
    norm = normalize(text)
    return A._Tokens(norm.text, [0])


# --- reference scans (the plain loops the indexed code replaced) --------------------------------


def _ref_tokens(text: str, starts: list[int]) -> list[tuple[int, int, str, bool]]:
    out: list[tuple[int, int, str, bool]] = []
    si = 0
    prev_end = 0
    for m in A._TOKEN.finditer(text):
        s = m.start()
        initial = False
        while si < len(starts) and starts[si] <= s:
            si += 1
            initial = True
        gap = text[prev_end:s]
        if gap != " " and s:
            initial = initial or not out or A._OPENING_GAP.search(gap) is not None
            if A._STOP_GAP.search(gap) and not (out and A._is_abbrev(out[-1][2])):
                initial = True
        out.append((s, m.end(), m.group(), initial))
        prev_end = m.end()
    return out


def _ref_join(text: str, a: tuple[int, int, str, bool], b: tuple[int, int, str, bool]) -> str | None:
    gap = text[a[1] : b[0]]
    if gap == "-":
        return "-"
    if gap in (" ", "  "):
        return " "
    if gap in (". ", ".  ") and A._is_abbrev(a[2]) and not a[2].endswith("."):
        return "."
    if gap == " " or (gap.strip() == "" and "\n" not in gap and len(gap) <= 3):
        return " "
    return None


def _ref_gaz_at(tk: A._Tokens, idx: list[int], p: int) -> int:
    lex = A._lexicons()
    for ln in range(min(lex.gazetteer_max, len(idx) - p), 0, -1):
        if tuple(tk.key[idx[q]] for q in range(p, p + ln)) in lex.gazetteer:
            return ln
    return 0


def _ref_title_at(tk: A._Tokens, idx: list[int], p: int) -> int:
    lex = A._lexicons()
    best = 0
    for ln in range(1, min(lex.titles_max, len(idx) - p) + 1):
        if tuple(tk.text[idx[q]].rstrip(".") for q in range(p, p + ln)) in lex.titles:
            best = ln
    return best


def _ref_head_position(tk: A._Tokens, idx: list[int]) -> int | None:
    lex = A._lexicons()
    last = tk.text[idx[-1]].rstrip(".")
    if last in lex.heads and not lex.heads[last][1] and len(idx) >= 2:
        return len(idx) - 1
    for p in range(len(idx) - 2, -1, -1):
        if tk.text[idx[p]].rstrip(".") in lex.heads and tk.text[idx[p + 1]] in {"of", "for", "on"}:
            return p
    return None


def _ref_and_split(tk: A._Tokens, idx: list[int]) -> int | None:
    lex = A._lexicons()
    for p, q in enumerate(idx):
        if tk.text[q] == "and" and 0 < p < len(idx) - 1 and _ref_gaz_at(tk, idx, 0) != len(idx):
            left, right = idx[:p], idx[p + 1 :]
            if (_ref_gaz_at(tk, left, 0) == len(left) or tk.text[left[-1]].rstrip(".") in lex.heads
                    or _ref_gaz_at(tk, right, 0) == len(right)):
                return q
    return None


def _ref_stop_split(tk: A._Tokens, idx: list[int]) -> int | None:
    lex = A._lexicons()
    for p in range(1, len(idx)):
        w = tk.text[idx[p]]
        if (w in lex.stop and w not in A._CONTENT_STOP and (tk.key[idx[p]],) not in lex.gazetteer
                and (w.rstrip("."),) not in lex.titles and _ref_gaz_at(tk, idx, 0) != len(idx)):
            return idx[p]
    return None


def _ref_sequences(tk: A._Tokens) -> list[range]:
    """Runs of name words, extended word by word."""
    lex = A._lexicons()
    words, name_part, join, initial, n = tk.text, tk.name_part, tk.join, tk.initial, tk.n
    out: list[range] = []
    pos = 0
    for i in range(n):
        w = words[i]
        if i < pos or w[0].isdigit() or not (name_part[i] or w in A._NAME_CONNECTORS):
            continue
        if not name_part[i] and not (i + 1 < n and name_part[i + 1] and join[i + 1] == "-"):
            continue
        j = i + 1
        while j < n:
            how, low = join[j], words[j]
            if how is None or (initial[j] and how != "."):
                break
            if name_part[j] and not low[0].isdigit():
                j += 1
                continue
            if (low in A._NAME_CONNECTORS and j + 1 < n and name_part[j + 1]
                    and (join[j + 1] == "-" or (join[j + 1] == " " and low not in A._HYPHEN_CONNECTORS))):
                j += 1
                continue
            if low in A._WEAK_CONNECTORS:
                k = j + 1
                if k < n and words[k] == "the" and low in {"of", "for", "in", "on"}:
                    k += 1
                if (k < n and name_part[k] and join[k] == " "
                        and (words[k] not in lex.stop or words[k] in A._CONTENT_STOP)):
                    prev = tk.bare[j - 1]
                    if (
                        (low in A._HEAD_LINKS and (prev in lex.heads or (prev,) in lex.titles))
                        or (tk.key[j - 1], low) in A._gazetteer_bigrams()
                        or (low == "and" and A._first_in(tk.head_of, i, j) is not None)
                        or (low not in {"of", "for"} and A._ends_in_head(tk, k))
                    ):
                        j = k
                        continue
            break
        out.append(range(i, j))
        pos = j
    return out


# --- the indexed code gives what the scans give ---------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(_texts)
@example("U.S. U.S. Smith. Jones al-Sadr of the Institute of Peace in Iraq Center 12 Abc")
@example("Abc Def al-Sadr of the Institute Xy " * 20 + "and Iraq. " + "U.S. " * 50 + "12 Abc " * 40)
def test_runs_are_those_of_a_word_by_word_scan(text: str) -> None:
    """The runs of name words, whose plain stretches are skipped in one scan, are the runs a
    word-by-word scan finds."""
    tk = _tokens(text)
    assert list(A._sequences(tk)) == _ref_sequences(tk)


@settings(max_examples=300, deadline=None)
@given(_texts)
@example("U.S.-led (US) U.S")
@example("Gen. Smith. X. Y said: 'Abc' \u201cDef\u201d")
@example("abc12Def O'Brien's I've")
def test_tokens_are_those_of_a_plain_scan(text: str) -> None:
    """Words, offsets, sentence openings and joins equal a word-by-word scan of the text."""
    norm = normalize(text).text
    starts = sorted({0, *(i + 1 for i, ch in enumerate(norm) if ch == "!")})
    tk = A._Tokens(norm, starts)
    ref = _ref_tokens(norm, starts)
    assert list(zip(tk.start, tk.end, tk.text, tk.initial, strict=True)) == ref
    for i in range(1, tk.n):
        assert tk.join[i] == _ref_join(norm, ref[i - 1], ref[i])
    for i, (_, _, w, _) in enumerate(ref):
        assert tk.key[i] == A._norm_token(w)
        assert tk.bare[i] == w.rstrip(".")
        assert tk.allcaps[i] == A._allcaps(w)
        assert tk.name_part[i] == A._is_name_part(w)


@settings(max_examples=300, deadline=None)
@given(_texts)
@example("Bosnia and Herzegovina and Iraq and Institute of Peace and Iraq")
@example("Following Monday The State Department Is Right")
def test_run_lookups_are_those_of_plain_scans(text: str) -> None:
    """Longest gazetteer and title matches, head words and the splits at stop words and at "and"
    equal the plain scans over every run and every piece of it."""
    tk = _tokens(text)
    for run in A._sequences(tk):
        for a in range(run[0], run[-1] + 1):
            for b in range(a + 1, min(run[-1] + 1, a + 12) + 1):
                idx = range(a, b)
                lst = list(idx)
                assert A._gaz_at(tk, idx, 0)[0] == _ref_gaz_at(tk, lst, 0)
                assert A._title_at(tk, idx, 0) == _ref_title_at(tk, lst, 0)
                assert A._head_position(tk, idx) == _ref_head_position(tk, lst)
                assert A._whole_gaz(tk, idx) == (_ref_gaz_at(tk, lst, 0) == len(lst))
                stop = A._first_in(tk.split_stops, a + 1, b)
                assert (stop if stop is not None and not A._whole_gaz(tk, idx) else None) == (
                    _ref_stop_split(tk, lst)
                )
                split = A._first_and_split(tk, idx) if len(idx) >= 3 and not A._whole_gaz(tk, idx) else None
                assert split == _ref_and_split(tk, lst)


@settings(max_examples=300, deadline=None)
@given(_texts)
@example("a John Smith said. Sarah Jane Smith and Osama bin Laden")
@example("Aa-B-B")
def test_plain_runs_parse_as_the_general_path_does(text: str) -> None:
    """A run with no special word gives the candidates the general parse gives."""
    tk = _tokens(text)
    for run in A._sequences(tk):
        fast: list[A._Cand] = []
        A._parse_run(tk, run, fast)
        special = tk.special
        tk.special = list(range(tk.n))  # every word special: the general path
        try:
            general: list[A._Cand] = []
            A._parse_run(tk, run, general)
        finally:
            tk.special = special
        assert fast == general


@settings(max_examples=200, deadline=None)
@given(_texts)
@example("US UK NATO U.S. ABC CARLY")
def test_acronyms_parse_as_plain_words_do(text: str) -> None:
    """An acronym in a shouted run gives what the plain parse of the one word gives."""
    tk = _tokens(text)
    for q in range(tk.n):
        if A._acronym_ok(tk, q):
            plain: list[A._Cand] = []
            A._parse_plain(tk, [q], plain)
            direct: list[A._Cand] = []
            A._parse_acronym(tk, q, direct)
            assert direct == plain


# --- hostile text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    ["Bosnia and ", "Abc The ", "Iraq and ", "Institute of Abc and Iraq and ", "Abc Bosnia and Abc ",
     "U.S. ", "US UK ", "Mr. Smith said. "],
)
def test_long_runs_do_not_recurse(unit: str) -> None:
    """A run of thousands of words split at every stop word or "and" is parsed without recursion."""
    text = unit * 4000
    art = otr.Article.from_text(text, id="h")
    for actor in A.article_actors(art):
        for m in actor.mentions:
            assert text[m.span.start : m.span.end] == m.text


def test_hyphenated_run_of_three_words() -> None:
    """Three words joined by hyphens opening a sentence are one name, not a crash."""
    actors = A.article_actors(otr.Article.from_text("Aa-B-B", id="h"))
    assert [m.text for a in actors for m in a.mentions] in ([], ["Aa-B-B"])


def test_spelling_variant_of_a_long_surname() -> None:
    """A surname too long for the deletion index still takes its one-letter variants."""
    surname = "Sol" + "e" * 70 + "imani"
    variant = "Sol" + "e" * 69 + "imani"
    text = f"Qassem {surname} spoke. Then {variant} said nothing."
    actors = A.article_actors(otr.Article.from_text(text, id="v"))
    person = [a for a in actors if a.kind == "person"]
    assert len(person) == 1
    assert {m.text for m in person[0].mentions} == {f"Qassem {surname}", variant}
    assert any(m.rule == "spelling_variant" for m in person[0].mentions)


@settings(max_examples=200, deadline=None)
@given(_texts)
@example("US UK NATO U.S. ABC CARLY IS")
@example("U.S. U.S. AFP GETTY U.S.")
def test_shouted_runs_parse_as_word_by_word(text: str) -> None:
    """A run in capitals gives, word by word, what each acronym alone gives."""
    tk = _tokens(text)
    for run in A._sequences(tk):
        fast: list[A._Cand] = []
        A._parse_acronyms(tk, run, fast)
        slow: list[A._Cand] = []
        for q in run:
            if A._acronym_ok(tk, q):
                A._parse_acronym(tk, q, slow)
        assert fast == slow


_units = st.lists(_words, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_units, min_size=1, max_size=4), st.integers(1, 6), st.sampled_from([" ", ". ", "\n", ", "]))
@example(["Smith said", "President Obama", "Obama"], 4, " ")
@example(["Sarah Smith", "Smith", "Mr. Smith"], 3, ". ")
@example(["a new top Gen. Smith said", "the former top Gen. Smith said", "Done"], 1, ". ")  # role words
def test_repeated_runs_and_words_resolve_as_if_parsed_anew(units: list[str], times: int, gap: str) -> None:
    """Names repeated in the same context, and single words repeated alike, give the actors that
    parsing and resolving each occurrence anew gives (to the order of every set)."""
    text = gap.join(units * times)
    reused = repr(A.analyse_article(otr.Article.from_text(text, id="reused")))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(A, "_run_context", lambda tk, run: object())  # never seen before
        m.setattr(A, "_single_alike", lambda c, titled: object())
        anew = repr(A.analyse_article(otr.Article.from_text(text, id="anew")))
    assert reused.replace("'reused'", "'anew'") == anew


def _ref_title_case_lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped and not stripped.endswith((".", "?", "!", '"', ":")):
            words = A._LETTERS.findall(stripped)[:21]
            long = [w for w in words if len(w) >= 4]
            if len(words) <= 20 and len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.75 * len(long):
                out.append((pos, end))
        pos = end + 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Black Lawmakers Rip Donald Trump", "the vote", "Iran Strikes Back.", " ",
                                 "\n", "\n\n", "\x1c", "\u3000", "Abcd Efgh Ijkl", "x" * 30]),
                max_size=20).map("".join))
@example("\n\n  \nIran Strikes Back Hard\n \x1c\nBlack Lawmakers Rip Donald Trump")
def test_title_case_lines_are_those_of_a_line_by_line_reading(text: str) -> None:
    """The headline finder, which passes blank lines over in one scan, finds the lines a reading
    line by line finds."""
    assert A._title_case_lines(text) == _ref_title_case_lines(text)
