"""Quotations: pairs of quotation marks, what stands between them, and who said it.

One linear scan per paragraph pairs the marks: straight, curly and low double quotes, guillemets,
and single quotes in UK style outside double ones. Apostrophes (don't, Iran’s, ’90s, rock ’n’
roll) and inch marks (5'11") are not quotation marks. A quotation never runs past its paragraph,
unless the paragraph opens a quotation without closing it and the next paragraph opens with a
quotation mark (a quotation across paragraphs). Each quotation is then attributed from the words
around it: "..., he said", "said X", "X said: ...", "according to X", "— X", or, with no cue, the
previous speaker when it continues a speaker's quotation.
"""

from __future__ import annotations

import bisect
import functools
from typing import Any

import regex

from ontherecord._article import Article, Span
from ontherecord._claim import Quote
from ontherecord.errors import InvalidInputError
from ontherecord.extract._attribution import (
    Layout,
    _shares_subject,
    cue_classes,
    cue_pattern,
    mention_kind,
    sentence_subject,
    subject_after,
    subject_before,
    tokens,
)
from ontherecord.extract._speakers import SpeakerResolver

__all__ = ["extract_quotes"]

EXTRACTOR = "ontherecord.quotes.v1"

# every character that can be a quotation mark (and the apostrophe look-alikes among them)
_MARK = regex.compile(r"""''|["“”„‟«»‘’'‚‛]""")  # '' is a double mark in some wire copy
_DOUBLE_OPEN = frozenset("“„‟«")
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE = frozenset("‘’'‚‛")
_OPEN_BEFORE = frozenset(" \t\n([{—–―-/:;")  # characters after which a mark opens
_ELISIONS = frozenset({"em", "cause", "til", "tis", "twas", "n", "bout", "round", "s"})
_LINE = regex.compile(r"[^\n]+")
_LETTERS = regex.compile(r"[\p{L}]+")
# a quotation quotes words: marks with no letter or digit between them ("“ ”", "“—”", "“'«") quote
# nothing, and hostile text made of marks would otherwise pair into a quotation every few characters
_WORDY = regex.compile(r"[\p{L}\p{N}]")
_DASH_NAME = regex.compile(r"(?:\p{Lu}[\p{L}.'’\-]*[ ]?){1,5}")  # "— Senator X"
_COLON_INTRO = regex.compile(r"(?:\p{Lu}[\p{L}.'’\-]*[ ]){0,3}\p{Lu}[\p{L}.'’\-]*:[ ]*$")  # "Smith: “"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LINE.finditer(text)]


def _is_apostrophe(text: str, i: int, start: int, end: int) -> bool:
    """Whether the single mark at ``i`` is an apostrophe (don't, Iran’s, ’90s, rock ’n’ roll, 5'11)."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isalnum() and nxt.isalnum():
        return True  # don't, Iran’s, 5'11
    if nxt.isdigit():
        return True  # ’90s
    if not prev.isalnum() and nxt.isalpha():
        # an opening mark, unless it is an elision: 'em, 'cause, ’n’
        m = _LETTERS.match(text, i + 1, min(end, i + 8))
        word = m.group().lower() if m else ""
        if word in _ELISIONS and (i + 1 + len(word) >= end or not text[i + 1 + len(word)].isalpha()):
            return True
        return text[i] == "’"
    return False


def _scan_paragraph(
    text: str, start: int, end: int, carry: bool
) -> tuple[list[tuple[int, int, int, int, str]], bool]:
    """Pair the marks of one paragraph.

    Returns (quotes, open_at_end): quotes as (open mark, content start, content end, close end,
    flags); ``carry`` says the previous paragraph left a quotation open.
    """
    out: list[tuple[int, int, int, int, str]] = []
    open_at: int | None = None
    open_len = 1
    flags = "continued" if carry else ""
    singles: list[int] = []
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if m.end() - i == 2:
            ch = '"'  # two apostrophes make one double mark
        elif ch in _SINGLE:
            singles.append(i)
            continue
        j = m.end()
        prev = text[i - 1] if i > start else " "
        nxt = text[j] if j < end else " "
        can_open = prev in _OPEN_BEFORE or i == start
        can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum() or j >= end)
        if ch == '"' and prev.isdigit() and open_at is None and not can_open:
            continue  # an inch mark: 5'11"
        if open_at is None:
            if ch in _DOUBLE_CLOSE and not can_open:
                continue  # a stray closing mark
            if can_open or ch in _DOUBLE_OPEN or not can_close:
                open_at, open_len = i, j - i
            continue
        # a quotation is open
        if ch in _DOUBLE_OPEN and can_open and not can_close:
            open_at, open_len = i, j - i  # the earlier mark never closed: start again here
            flags = "restarted"
            continue
        if can_close or ch in _DOUBLE_CLOSE or ch == '"':
            cs, ce = open_at + open_len, i
            if ce > cs and _WORDY.search(text, cs, ce) is not None:
                out.append((open_at, cs, ce, j, flags))
            open_at = None
            flags = ""
    open_end = False
    if open_at is not None:
        cs = open_at + open_len
        ce = end
        while ce > cs and text[ce - 1].isspace():
            ce -= 1
        if ce > cs and _WORDY.search(text, cs, ce) is not None:
            out.append((open_at, cs, ce, end, flags + "+unclosed"))
            open_end = True
    if singles:
        out.extend(_single_quotes(text, start, end, singles, out))
        out.sort()
    return out, open_end


def _single_quotes(
    text: str, start: int, end: int, marks: list[int], doubles: list[tuple[int, int, int, int, str]]
) -> list[tuple[int, int, int, int, str]]:
    """UK-style single quotation marks outside double ones."""

    starts = [a for a, _, _, _, _ in doubles]

    def inside(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and doubles[k][0] <= i < doubles[k][3]

    out = []
    open_at: int | None = None
    for i in marks:
        if inside(i) or _is_apostrophe(text, i, start, end):
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if open_at is None:
            if (prev in _OPEN_BEFORE or i == start) and nxt.isalpha() and text[i] != "’":
                open_at = i
            continue
        if not prev.isspace() and (i + 1 >= end or not nxt.isalnum()):
            if prev == "s" and i + 1 < end and nxt == " " and i - open_at < 4:
                continue
            cs, ce = open_at + 1, i
            if ce - cs >= 2:
                out.append((open_at, cs, ce, i + 1, "single"))
            open_at = None
    return out


# --------------------------------------------------------------------------------------------


def _words(s: str) -> int:
    return len(s.split())


def _sentence_like(content: str) -> bool:
    stripped = content.lstrip(" .…")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit()) and _words(content) >= 4


_LEAD_PUNCT = " \t,.;!?…—–―-"


def _after_quote(text: str, pos: int, end: int) -> tuple[Span, Span, str, str] | None:
    """A cue after the closing mark: ``, he said``, ``said X``, ``as they proclaimed``, ``— X``.

    Returns (mention, cue span, cue, rule) or None.
    """
    classes = cue_classes()
    p = pos
    while p < end and text[p] in " \t,;!?…":
        p += 1
    full_stop = "." in text[pos:p] or (p < end and text[p] == ".")
    # a quotation that ends its own sentence ("... this." The star then ...) starts a new one
    k = pos - 1
    while k > 0 and text[k] in "\"”’'»":
        k -= 1
    if text[k] in ".!?…" and p < end and text[p].isupper() and text[p] not in "I":
        full_stop = True
    while p < end and text[p] in ".":
        p += 1
    while p < end and text[p] == " ":
        p += 1
    if p >= end:
        return None
    # dash attribution: "..." — Senator X
    if text[p] in "—–―-" and not full_stop:
        q = p
        while q < end and text[q] in "—–―- ":
            q += 1
        name = _DASH_NAME.match(text, q, end)
        if name and name.group().strip():
            return Span(start=q, end=q + len(name.group().rstrip())), Span(start=p, end=p + 1), "—", "dash"
        return None
    k_end = pos - 1  # the last character of the quotation's content
    while k_end > 0 and text[k_end] in "\"”’'»":
        k_end -= 1
    toks = tokens(text, p, min(end, p + 160))
    if not toks:
        return None
    if toks[0][2].lower() == "as" and len(toks) > 1:
        toks = toks[1:]
    first = toks[0][2]
    if first in classes and classes[first] in {"speech", "weak"} and not first.startswith("continu"):
        # inverted: "said Fawaz Gerges, a professor"
        if full_stop:
            return None
        mention = subject_after(text, toks[0][1] + 1, end)
        if mention is None:
            return None
        return mention, Span(start=toks[0][0], end=toks[0][1]), first, "after.inverted"
    # subject then cue within a few tokens: "he said", "the Kataeb Hezbollah faction said"
    for k, (s, e, tok) in enumerate(toks[:11]):
        if (
            tok in classes
            and classes[tok] in {"speech", "weak"}
            and k > 0
            # "continued" attributes only when nothing follows it: "“A,” Blackwell continued, “B.”"
            and (not tok.startswith("continu") or (text[e : e + 1] in {",", "."} and text[k_end] in ",?!"))
        ):
            mention = subject_before(text, toks[0][0], s)
            if mention is None or (
                mention.start != toks[0][0] and not _apposition(text, toks[0][0], mention)
            ):
                return None
            if full_stop:
                # "A." he said.  — allowed only when the cue ends the clause
                nxt = text[e : e + 1]
                if nxt not in {".", ",", ""} and not text[e:].startswith(" in a statement"):
                    return None
            return mention, Span(start=s, end=e), tok, "after.subject"
        if (
            tok == "."
            and k > 0
            and toks[k - 1][1] == s
            and len(toks[k - 1][2]) <= 3
            and toks[k - 1][2][:1].isupper()
        ):
            continue  # "Mr. Pawlenty", "Jeffrey M. Jones"
        if not tok[:1].isalnum() and tok != ",":
            return None
    return None


def _apposition(text: str, start: int, mention: Span) -> bool:
    return mention.start == start


# "called him “a total stiff”": a naming verb, its object and the words the speaker used for it
_NAMING_VERBS = frozenset({"called", "calling", "calls"})
_NAMED_OBJECT = regex.compile(
    r"""
    [ ](?:him|her|it|them|this|that|himself|herself               # a pronoun object
        |\p{Lu}[\p{L}'’.\-]*+(?:[ ]\p{Lu}[\p{L}'’.\-]*+){0,2})    # or a name of up to three words
    (?:[ ](?:a|an|the|his|her|their|its|just|simply|both))?        # an article or determiner
    [ ]*+$                                                        # and nothing else before the mark
    """,
    regex.VERBOSE,
)


def _before_quote(text: str, lo: int, open_at: int, short: bool) -> tuple[Span, Span, str, str] | None:
    """A cue before the opening mark in the same sentence: ``X said: “``, ``X said the move would “``,
    ``According to X, “``."""
    classes = cue_classes()
    best = None
    for m in cue_pattern().finditer(text, lo, open_at):
        if (
            m.group("according")
            or classes[m.group("verb")] not in {"evidence", "stance"}
            or (m.group("verb") in _NAMING_VERBS and _NAMED_OBJECT.match(text, m.end(), open_at))
        ):
            best = m  # the last cue that may introduce a quotation
    if best is None:
        # "Smith: “..." a bare colon after a name
        window = text[max(lo, open_at - 60) : open_at]
        # a match ends with the colon (and spaces): most windows are ruled out without a search
        m2 = _COLON_INTRO.search(window) if window.rstrip(" \n").endswith(":") else None
        if m2:
            base = max(lo, open_at - 60)
            s = base + m2.start()
            e = base + m2.end() - len(m2.group()) + len(m2.group().rstrip(": "))
            first = m2.group().split()[0]
            if first.lower() in classes and " " in m2.group().strip():
                # "Stated Stone:", "Said the senator:": an inverted cue before the colon
                s2 = s + len(first) + 1
                return (
                    Span(start=s2, end=e),
                    Span(start=s, end=s + len(first)),
                    first.lower(),
                    "before.inverted",
                )
            if s > lo and text[s - 1] not in " \n":
                return None
            return Span(start=s, end=e), Span(start=e, end=e + 1), ":", "before.colon"
        return None
    cs, ce = best.span()
    gap = text[ce:open_at]
    gap_words = _words(gap)
    if gap_words > (6 if short else 15) or any(c in gap for c in '“”"') or ";" in gap:
        return None
    if best.group("according"):
        mention = subject_after(text, ce + 1, open_at)
        if mention is None:
            return None
        return mention, Span(start=cs, end=ce), "according to", "before.according_to"
    verb = best.group("verb")
    naming = verb in _NAMING_VERBS and _NAMED_OBJECT.match(text, ce, open_at) is not None
    if (
        (classes[verb] in {"evidence", "stance"} and not naming)
        or verb.startswith("continu")
        or (short and classes[verb] != "speech" and gap_words > 4)
    ):
        return None
    mention = subject_before(text, lo, cs)
    rule = "before.subject"
    if mention is None and _shares_subject(text, lo, cs, verb):
        mention = sentence_subject(text, lo, cs)
        rule = "before.shared_subject"
    if mention is None:
        if naming:
            return None  # "by calling Alwaleed “dopey”": the named object is no speaker
        mention = subject_after(text, ce + 1, open_at)
        rule = "before.inverted"
        if mention is None or not (
            text[mention.start].isupper() or text[mention.start : mention.end] in {"he", "she"}
        ):
            return None
    if naming and classes[verb] == "stance" and mention_kind(text, mention) == "anonymous":
        return None  # "Analysts called it a “dead cat bounce”": an idiom, nobody's own words
    return mention, Span(start=cs, end=ce), verb, rule


class _QuoteRecord:
    """A quotation found by the scanner, before its speaker is resolved."""

    __slots__ = (
        "close_end",
        "confidence",
        "cue",
        "cue_span",
        "end",
        "flags",
        "hint",
        "kind",
        "mention",
        "open_at",
        "para",
        "rule",
        "speaker",
        "start",
    )

    def __init__(self, open_at: int, start: int, end: int, close_end: int, flags: str, para: int) -> None:
        self.open_at, self.start, self.end, self.close_end = open_at, start, end, close_end
        self.flags, self.para = flags, para
        self.mention: Span | None = None
        self.cue_span: Span | None = None
        self.cue: str | None = None
        self.rule = ""
        self.confidence = 0.0
        self.speaker: Any = None
        self.kind = "direct"
        self.hint: str | None = None


def _scan(article: Article) -> tuple[list[_QuoteRecord], Layout, list[tuple[int, int]]]:
    """Pair the quotation marks of an article and find the cue of each quotation."""
    if not isinstance(article, Article):
        raise InvalidInputError(f"expected an Article, got {type(article).__name__}")
    text = article.text
    layout = Layout(text)
    records: list[_QuoteRecord] = []
    carry = False
    paragraphs = _paragraphs(text)
    for pi, (ps, pe) in enumerate(paragraphs):
        first_mark = ps
        while first_mark < pe and text[first_mark].isspace():
            first_mark += 1
        continued = carry and first_mark < pe and text[first_mark] in "\"“«‘'"
        found, carry = _scan_paragraph(text, ps, pe, continued)
        records.extend(_QuoteRecord(a, b, c, d, f, pi) for a, b, c, d, f in found)
    layout.quotes = sorted((r.open_at, r.close_end) for r in records)
    for n, r in enumerate(records):
        ps, pe = paragraphs[r.para]
        ss, _ = layout.sentence(r.open_at)
        lo = max(ss, ps)
        if n and records[n - 1].para == r.para:
            lo = max(lo, records[n - 1].close_end)
        nxt_open = records[n + 1].open_at if n + 1 < len(records) and records[n + 1].para == r.para else pe
        content = text[r.start : r.end]
        short = _words(content) <= 3
        cue_found = None
        if "unclosed" not in r.flags or r.close_end < pe:
            cue_found = _after_quote(text, r.close_end, min(nxt_open, pe))
        if cue_found is None:
            cue_found = _before_quote(text, lo, r.open_at, short)
        if cue_found is None and r.para > 0 and not text[ps : r.open_at].strip():
            # "Stated Stone:" closing the paragraph before: a colon introduction across paragraphs
            pps, ppe = paragraphs[r.para - 1]
            intro = text[pps:ppe].rstrip()
            if intro.endswith(":"):
                colon = pps + len(intro)
                cue_found = _before_quote(text, max(pps, layout.sentence(colon - 1)[0]), colon, short)
        if cue_found is not None:
            mention, r.cue_span, r.cue, r.rule = cue_found
            r.mention = mention
            mk = mention_kind(text, mention)
            r.hint = mk if mk in {"anonymous", "document"} else None
            r.confidence = 0.9 if r.rule.startswith("after") else 0.8
        r.kind = _kind_of(text, content, r.open_at, ps, None, r.mention, r.cue, short)
        if r.kind == "scare":
            r.mention = r.cue_span = None
            r.cue = None
            r.rule = "scare"
            r.confidence = 0.6
    return records, layout, paragraphs


def _analyse(article: Article, *, with_speech: bool = True) -> tuple[list[Quote], list[Any], Layout]:
    """Quotations and reported speech of one article, with speakers resolved in text order.

    Returns (quotes, speech records, layout); the speech records are resolved. With speech (the
    default) the result comes from a small cache: :func:`extract_quotes`, :func:`attribute` and
    :func:`extract_claims` all ask for the article just read. The lists are the caller's own; the
    records and the layout are shared and must not be changed.
    """
    if not isinstance(article, Article):
        raise InvalidInputError(f"expected an Article, got {type(article).__name__}")
    if not with_speech:
        quotes, speech, layout = _read(article, with_speech=False)
    else:
        quotes, speech, layout = _analysed(article)
    return list(quotes), list(speech), layout


@functools.lru_cache(maxsize=4)
def _analysed(article: Article) -> tuple[tuple[Quote, ...], tuple[Any, ...], Layout]:
    # keyed on the article (a frozen value: equal articles give equal results); the last few only,
    # so memory does not grow with the corpus
    return _read(article, with_speech=True)


def _read(article: Article, *, with_speech: bool) -> tuple[tuple[Quote, ...], tuple[Any, ...], Layout]:
    from ontherecord.extract._attribution import speech_records

    text = article.text
    records, layout, paragraphs = _scan(article)
    used = {r.cue_span.start for r in records if r.cue_span is not None}
    speech = speech_records(article, layout, used) if with_speech else []
    resolver = SpeakerResolver(article, in_quote=layout.in_quote)
    events: list[tuple[int, int, Any]] = []
    for r in records:
        if r.mention is not None:
            events.append((r.mention.start, 0, r))
        else:
            events.append((r.open_at, 1, r))
    for sr in speech:
        events.append((sr.mention.start, 0, sr))
    events.sort(key=lambda e: (e[0], e[1]))
    prev: _QuoteRecord | None = None
    for _, _, item in events:
        if isinstance(item, _QuoteRecord):
            r = item
            if r.mention is not None:
                r.speaker, _ = resolver.resolve(r.mention, kind_hint=r.hint)
                if r.speaker is not None:
                    resolver.remember(r.mention.start, r.speaker)
                r.kind = _kind_of(
                    text,
                    text[r.start : r.end],
                    r.open_at,
                    paragraphs[r.para][0],
                    r.speaker,
                    r.mention,
                    r.cue,
                    _words(text[r.start : r.end]) <= 3,
                )
            elif (
                prev is not None
                and (prev.speaker is not None or prev.mention is not None)
                and (
                    _split_second(text, prev, r)
                    or (r.kind != "scare" and _continues(text, prev, r, paragraphs))
                )
            ):
                r.speaker = prev.speaker
                r.rule = "continuation"
                r.confidence = 0.7
                r.kind = "direct"
            if r.kind != "scare":
                prev = r if (r.speaker is not None or r.mention is not None) else None
        else:
            item.resolve(resolver)
    quotes = tuple(
        Quote(
            span=Span(start=r.start, end=r.end),
            text=text[r.start : r.end],
            kind=r.kind,
            speaker=r.speaker,
            speaker_mention=r.mention,
            cue=r.cue,
            cue_span=r.cue_span,
            confidence=r.confidence if "unclosed" not in r.flags else r.confidence * 0.7,
            rule=r.rule or "unattributed",
        )
        for r in records
    )
    return quotes, tuple(speech), layout


def _split_second(text: str, prev: _QuoteRecord, r: _QuoteRecord) -> bool:
    """Whether ``r`` is the second half of a split quotation: “A,” X said, “b ...” (only the
    attribution and a comma or colon stand between the two)."""
    if prev.para != r.para or prev.cue_span is None or prev.mention is None:
        return False
    if not prev.rule.startswith("after") or prev.cue_span.start < prev.close_end:
        return False
    gap = text[max(prev.cue_span.end, prev.mention.end) : r.open_at]
    return bool(gap) and gap.strip() in {",", ":"}


def _continues(text: str, prev: _QuoteRecord, r: _QuoteRecord, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether quotation ``r`` (no cue of its own) continues the previous speaker's quotation."""
    if not _sentence_like(text[r.start : r.end]):
        return False
    if r.para == prev.para:
        return True
    if r.para == prev.para + 1:
        ps = paragraphs[r.para][0]
        return not text[ps : r.open_at].strip() or "continued" in r.flags
    return False


def _kind_of(
    text: str,
    content: str,
    open_at: int,
    para_start: int,
    speaker: Any,
    mention: Span | None,
    cue: str | None,
    short: bool,
) -> str:
    if (
        _title_like(content)
        and content.rstrip()[-1:] not in {",", ".", "!", "?", "…"}
        and _words(content) <= 6
    ):
        return "scare"  # a title or a name: told "Fox and Friends", a "Daily Show" segment
    if mention is not None and mention_kind(text, mention) == "document":
        return "document"
    if speaker is not None and getattr(speaker, "kind", "") == "document":
        return "document"
    if open_at == para_start:
        return "direct"
    before = text[max(para_start, open_at - 3) : open_at].rstrip()
    starts_sentence = open_at == para_start or not before or before[-1] in ":.,?!" or before.endswith("that")
    if speaker is None and mention is None:
        if short or _words(content) <= 4 or _title_like(content):
            return "scare"
        return "direct" if starts_sentence and _sentence_like(content) else "partial"
    if starts_sentence and (content[:1].isupper() or content[:1] in "…."):
        return "direct"
    return "partial"


def _title_like(content: str) -> bool:
    words = [w for w in content.split() if w[:1].isalpha()]
    if not words or len(words) > 8:
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with"}
    return all(w[:1].isupper() or w in small for w in words) and words[0][:1].isupper()


def extract_quotes(article: Article) -> list[Quote]:
    """Return the quotations of an article with their speakers, sorted by position.

    Args:
        article: the article to read.

    Returns:
        One :class:`~ontherecord.Quote` per pair of quotation marks: the content inside the marks,
        its kind (direct, partial, document or scare), the speaker resolved to an actor where the
        article says who spoke, the speaker mention, the cue and the rule that fired.

    Raises:
        InvalidInputError: if ``article`` is not an :class:`~ontherecord.Article`.

    .. versionadded:: 0.1.0
    """
    quotes, _, _ = _analyse(article, with_speech=True)
    return quotes
