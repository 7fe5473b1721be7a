"""Actor mentions in one article, resolved within it.

Names are found as capitalised sequences (with connectors such as "al-", "bin", "Abu", "de", and
"of"/"for"/"in"/"and" inside organisation names), split into titles ("President", "Gen.",
"Secretary of State"), gazetteer names (countries, capitals, demonyms, places, well-known
organisations), organisation, document and place names (by their head word), acronyms, and person
names. Within the article, surnames and given names resolve to the full name seen in it, acronyms
to their expansion, spelling variants of a surname to the surname. Everything here is a pure
function of the article.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import attrs
import regex

from ontherecord import _data
from ontherecord._actor import Actor, ActorMention
from ontherecord._article import Article, Span
from ontherecord._text.normalize import normalize

__all__ = ["EXTRACTOR", "article_actors", "find_actors"]

#: The versioned name of this extractor.
EXTRACTOR = "ontherecord.actors.v1"

_TOKEN = regex.compile(
    r"""
    \p{Lu}\.(?:\p{Lu}(?:\.|(?!\p{L})))++     # dotted initialism: U.S., U.N., U.S (final dot lost)
    | \p{L}[\p{L}\p{M}]*+                    # a word ...
      (?:'(?![sS](?!\p{L})|(?:ve|re|ll|m|d|t)(?!\p{L}))\p{L}[\p{L}\p{M}]*+)*+   # O'Brien; not 's, I've
    | \p{Nd}++                               # a number (breaks a name)
    """,
    regex.VERBOSE,
)

# Lower-case words that join the parts of a name ("Muqtada al-Sadr", "Osama bin Laden").
_NAME_CONNECTORS = frozenset(
    {"al", "el", "bin", "ibn", "bint", "de", "del", "della", "da", "di", "du", "dos", "das",
     "van", "von", "der", "den", "la", "le", "ul", "ad", "as", "ash", "an"}
)
# Connectors that join only with a hyphen ("as-Sadr", never "as Sanders").
_HYPHEN_CONNECTORS = frozenset({"al", "el", "ad", "as", "ash", "an", "ul"})
# Lower-case words allowed inside organisation names only ("London School of Economics",
# "Enabling Peace in Iraq Center", "Bosnia and Herzegovina").
_WEAK_CONNECTORS = frozenset({"of", "the", "for", "and", "in", "on"})
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
_SPEECH_VERBS = frozenset(
    {"said", "says", "told", "tells", "added", "wrote", "writes", "tweeted", "argued", "argues",
     "claimed", "claims", "asked", "insisted", "noted", "warned", "warns", "announced", "explained",
     "stated", "declared", "replied", "responded", "acknowledged", "admitted", "denied", "vowed"}
)
_PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
             "she": "female", "her": "female", "hers": "female", "herself": "female"}
# Acronyms that are not names of actors ("TV", "GMT") come from actor_stopwords.txt; an acronym
# needs at least two capitals.
_ACRONYM = regex.compile(r"(?:\p{Lu}\.?){2,6}+(?:-\p{Lu}{1,4})?+")
_ARTICLES_BEFORE = frozenset({"a", "an"})
# Capitalised words of the stop list that open real names ("State Department").
_CONTENT_STOP = frozenset(
    {"State", "States", "National", "Federal", "International", "Government", "Embassy",
     "Administration", "Parliament", "Cabinet", "Coalition", "Constitution", "Internet"}
)


# ---------------------------------------------------------------------------------------------
# lexicons


@attrs.frozen(kw_only=True)
class _Entry:
    """A gazetteer entry: the actor a fixed name stands for."""

    key: str  # identity of the actor, e.g. "country:Iran"
    canonical: str
    kind: str
    rule: str  # gazetteer / capital / demonym


@attrs.frozen(kw_only=True)
class _Lexicons:
    gazetteer: dict[tuple[str, ...], _Entry]
    gazetteer_max: int
    titles: dict[tuple[str, ...], str | None]  # token tuple -> gender
    titles_max: int
    heads: dict[str, tuple[str, bool]]  # word -> (kind, may follow in lower case)
    stop: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    modifiers: frozenset[str]


def _split_field(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def _token_key(name: str) -> tuple[str, ...]:
    return tuple(_norm_token(m.group()) for m in _TOKEN.finditer(name))


def _norm_token(tok: str) -> str:
    """A token as the gazetteer compares it: dotted initialisms without dots ("U.S." is "US")."""
    if "." in tok:
        return tok.replace(".", "")
    return tok


@functools.cache
def _lexicons() -> _Lexicons:
    gaz: dict[tuple[str, ...], _Entry] = {}

    def add(name: str, entry: _Entry) -> None:
        key = _token_key(name)
        if key and key not in gaz:
            gaz[key] = entry

    for line in _data.lines("countries"):
        parts = [p.strip() for p in line.split("|")]
        while len(parts) < 4:
            parts.append("")
        canon, alts, capitals, demonyms = parts[:4]
        key = f"country:{canon}"
        add(canon, _Entry(key=key, canonical=canon, kind="country", rule="gazetteer"))
        for a in _split_field(alts):
            add(a, _Entry(key=key, canonical=canon, kind="country", rule="gazetteer"))
        for c in _split_field(capitals):
            add(c, _Entry(key=key, canonical=canon, kind="country", rule="capital"))
        for d in _split_field(demonyms):
            add(d, _Entry(key=key, canonical=canon, kind="country", rule="demonym"))
    for line in _data.lines("organizations"):
        parts = [p.strip() for p in line.split("|")]
        while len(parts) < 3:
            parts.append("")
        canon, kind, alts = parts[:3]
        key = f"{kind}:{canon}"
        for a in [canon, *_split_field(alts)]:
            add(a, _Entry(key=key, canonical=canon, kind=kind, rule="gazetteer"))
    for line in _data.lines("places"):
        parts = [p.strip() for p in line.split("|")]
        canon = parts[0]
        key = f"place:{canon}"
        for a in [canon, *(_split_field(parts[1]) if len(parts) > 1 else [])]:
            add(a, _Entry(key=key, canonical=canon, kind="place", rule="gazetteer"))
    titles: dict[tuple[str, ...], str | None] = {}
    for line in _data.lines("titles"):
        name, _, gender = (p.strip() for p in line.partition("|"))
        titles.setdefault(tuple(t.rstrip(".") for t in name.split()), gender or None)
    heads: dict[str, tuple[str, bool]] = {}
    for line in _data.lines("org_heads"):
        parts = line.split()
        heads[parts[0].rstrip(".")] = (parts[1], len(parts) > 2 and parts[2] == "lower")
    male = frozenset(_data.lines("given_names_male"))
    female = frozenset(_data.lines("given_names_female"))
    return _Lexicons(
        gazetteer=gaz,
        gazetteer_max=max(len(k) for k in gaz),
        titles=titles,
        titles_max=max(len(k) for k in titles),
        heads=heads,
        stop=frozenset(_data.lines("actor_stopwords")),
        male=male - female,
        female=female - male,
        modifiers=frozenset(_data.lines("role_modifiers")),
    )


# ---------------------------------------------------------------------------------------------
# tokens and capitalised sequences


@attrs.frozen(kw_only=True)
class _Tok:
    start: int  # offsets into the normalised text
    end: int
    text: str
    initial: bool  # opens a sentence, a quotation or a line

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def key(self) -> str:
        return _norm_token(self.text)

    @property
    def allcaps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


# What stands between two words when the second opens a quotation, a line or a clause after a colon.
_OPENING_GAP = regex.compile(r"""
    [\"\n:]       # a double quotation mark, a line break, a colon
    | '\s*\Z      # an opening single quotation mark
    """, regex.VERBOSE)
# A full stop (with closing marks) and space before a word: a sentence may start there.
_STOP_GAP = regex.compile(r"\.[\"')\]]?\s+\Z")
_AL_PREFIX = regex.compile(r"^(?:al|el|Al|El)-")
_APPOSITIVE = regex.compile(
    r""",\s((?:an?|the)\s(?:[^,.;:\"()\n]|(?<=\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gov|Sen|Rep|\p{Lu}))\.){3,120}?)
    # ", a professor of diplomacy at ...", ", a spokesman for Mrs. Clinton"
    (?=[,;:\"()\n]                                     # up to the next punctuation,
      |(?<!\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gov|Sen|Rep|\p{Lu}))\.  # a full stop that ends no abbreviation,
      |\s(?:said|says|told|who)\b)                      # or a verb
    """,
    regex.VERBOSE,
)
_CAMEL_JOIN = regex.compile(r"\p{Ll}\p{Lu}")  # a lower-case letter then a capital: "ShareLike"
# First words of place names ("San Juan", "Fort Worth", "Mount Vernon").
_PLACE_PREFIXES = frozenset({"San", "Santa", "Los", "Las", "Fort", "Mount", "Lake", "Port", "Saint", "St"})
_FINITE = regex.compile(r"\b(?:is|was|are|were|has|have|had)\b")
_LETTERS = regex.compile(r"\p{L}+")


def _tokens(text: str, starts: Sequence[int]) -> list[_Tok]:
    """Tokens of ``text``; ``starts`` are normalised sentence start offsets (sorted)."""
    out: list[_Tok] = []
    si = 0
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s = m.start()
        initial = False
        while si < len(starts) and starts[si] <= s:
            si += 1
            initial = True
        gap = text[prev_end:s]
        if gap != " " and s:
            # after a quotation mark, a colon, a line break, a full stop: sentence-like opening
            initial = initial or not out or _OPENING_GAP.search(gap) is not None
            if _STOP_GAP.search(gap) and not _abbrev_before(out[-1] if out else None):
                initial = True
        out.append(_Tok(start=s, end=m.end(), text=m.group(), initial=initial))
        prev_end = m.end()
    return out


def _abbrev_before(tok: _Tok | None) -> bool:
    """Whether a full stop after ``tok`` belongs to an abbreviation (a title, an initial)."""
    if tok is None:
        return False
    lex = _lexicons()
    t = tok.text.rstrip(".")
    return (len(t) == 1 and t.isupper()) or (t,) in lex.titles or "." in tok.text


def _joinable(text: str, a: _Tok, b: _Tok) -> str | None:
    """How ``a`` and ``b`` join inside a name: ``" "``, ``"-"``, ``"."`` or ``None``."""
    gap = text[a.end : b.start]
    if gap == "-":
        return "-"
    if gap in (" ", "  "):
        return " "
    if gap in (". ", ".  ") and _abbrev_before(a) and not a.text.endswith("."):
        return "."
    if gap == " " or (gap.strip() == "" and "\n" not in gap and len(gap) <= 3):
        return " "
    return None


def _is_name_part(tok: _Tok) -> bool:
    return tok.cap or (tok.text[:1].isalpha() and any(c.isupper() for c in tok.text[:3]))


def _sequences(text: str, toks: list[_Tok]) -> Iterator[list[int]]:
    """Maximal runs of token indices that may form names."""
    lex = _lexicons()
    i = 0
    n = len(toks)
    while i < n:
        starts_al = (
            toks[i].text in _NAME_CONNECTORS and i + 1 < n and _is_name_part(toks[i + 1])
            and text[toks[i].end : toks[i + 1].start] == "-"
        )
        if (not _is_name_part(toks[i]) and not starts_al) or toks[i].text[0].isdigit():
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n:
            prev = toks[run[-1]]
            how = _joinable(text, prev, toks[j])
            if how is None or (toks[j].initial and how != "."):
                break
            t = toks[j]
            if _is_name_part(t) and not t.text[0].isdigit():
                run.append(j)
                j += 1
                continue
            low = t.text
            if low in _NAME_CONNECTORS and j + 1 < n and _is_name_part(toks[j + 1]):
                nxt = _joinable(text, t, toks[j + 1])
                if nxt == "-" or (nxt == " " and low not in _HYPHEN_CONNECTORS):
                    run.append(j)
                    j += 1
                    continue
            if low in _WEAK_CONNECTORS:
                # "of the", "for the": look ahead for the capitalised continuation
                k = j + 1
                if k < n and toks[k].text == "the" and low in {"of", "for", "in", "on"}:
                    k += 1
                if (k < n and _is_name_part(toks[k]) and _joinable(text, toks[k - 1], toks[k]) == " "
                        and (toks[k].text not in lex.stop or toks[k].text in _CONTENT_STOP)):
                    prev_word = prev.text.rstrip(".")
                    before_ok = (low in {"of", "for", "on"} and (
                        prev_word in lex.heads or (prev_word,) in lex.titles
                    )) or (prev.key, low) in _gazetteer_bigrams()
                    # "and" inside the of-phrase of an organisation ("Institute of Allergy and
                    # Infectious Diseases"); "in", "and", "the" before a head ("Peace in Iraq Center")
                    in_of_phrase = low == "and" and any(
                        toks[x].text.rstrip(".") in lex.heads
                        and x + 1 < n
                        and toks[x + 1].text in {"of", "for", "on"}
                        for x in run
                    )
                    head_after = low not in {"of", "for"} and _ends_in_head(text, toks, k)
                    if before_ok or in_of_phrase or head_after:
                        run.extend(range(j, k))
                        j = k
                        continue
            break
        yield run
        i = j if j > i else i + 1


@functools.cache
def _gazetteer_bigrams() -> frozenset[tuple[str, str]]:
    """Word + connector pairs inside gazetteer names ("House of", "State of", "Iraq and")."""
    out = set()
    for key in _lexicons().gazetteer:
        for a, b in itertools.pairwise(key):
            if b in _WEAK_CONNECTORS:
                out.add((a, b))
    return frozenset(out)


def _ends_in_head(text: str, toks: list[_Tok], k: int) -> bool:
    """Whether the capitalised run from ``k`` ends in an organisation head word."""
    lex = _lexicons()
    j = k
    last = None
    while j < len(toks) and _is_name_part(toks[j]):
        last = toks[j]
        if j + 1 < len(toks) and _joinable(text, toks[j], toks[j + 1]) in (" ", "-"):
            j += 1
        else:
            break
    return last is not None and last.text in lex.heads and lex.heads[last.text][0] != "event"


# ---------------------------------------------------------------------------------------------
# candidates


@attrs.define(kw_only=True)
class _Cand:
    """A name found in the article before resolution."""

    start: int  # normalised offsets of the mention (title included when it is one)
    end: int
    name: str  # the name without title, as written
    kind: str | None  # None: not yet known (a name that may be a person)
    rule: str
    key: str | None = None  # gazetteer / acronym identity
    roles: list[str] = attrs.field(factory=list)
    gender: str | None = None
    tokens: tuple[str, ...] = ()
    initial: bool = False
    cue: bool = False  # followed by a speech verb
    titled: bool = False


def _title_at(toks: list[_Tok], idx: list[int], p: int) -> int:
    """Length (in tokens) of the longest title at position ``p`` of the run ``idx``; 0 if none."""
    lex = _lexicons()
    best = 0
    for ln in range(1, min(lex.titles_max, len(idx) - p) + 1):
        key = tuple(toks[idx[q]].text.rstrip(".") for q in range(p, p + ln))
        if key in lex.titles:
            best = ln
    return best


def _gaz_at(toks: list[_Tok], idx: list[int], p: int) -> tuple[int, _Entry | None]:
    lex = _lexicons()
    for ln in range(min(lex.gazetteer_max, len(idx) - p), 0, -1):
        key = tuple(toks[idx[q]].key for q in range(p, p + ln))
        e = lex.gazetteer.get(key)
        if e is not None:
            return ln, e
    return 0, None


def _joined_words(text: str, toks: list[_Tok], idx: Sequence[int]) -> tuple[str, ...]:
    """The words of a run, hyphenated parts joined ("al-Sadr", "Abdul-Mahdi")."""
    words: list[str] = []
    prev: _Tok | None = None
    for q in idx:
        t = toks[q]
        if prev is not None and text[prev.end : t.start] == "-" and words:
            words[-1] = words[-1] + "-" + t.text
        else:
            words.append(t.text)
        prev = t
    return tuple(words)


def _words_text(text: str, toks: list[_Tok], idx: Sequence[int]) -> str:
    return text[toks[idx[0]].start : toks[idx[-1]].end]


def _acronym_ok(tok: _Tok, toks: list[_Tok], pos: int) -> bool:
    """An all-capitals token is an acronym unless it stands among other all-capitals words (a
    headline or a shouted line, where "US" and "IS" are ordinary words)."""
    lex = _lexicons()
    if tok.key in lex.stop or not _ACRONYM.fullmatch(tok.text):
        return False
    for q in (pos - 1, pos + 1):
        if (
            0 <= q < len(toks)
            and toks[q].allcaps
            and (toks[q].key,) not in lex.gazetteer
            and abs(toks[q].start - (tok.start if q < pos else tok.end)) <= 3
        ):
            return False
    return True


def _parse_run(text: str, toks: list[_Tok], run: list[int], out: list[_Cand]) -> None:
    """Split one capitalised run into candidates."""
    lex = _lexicons()
    idx = list(run)
    # opening function words and furniture verbs: "But", "The", "However", "Read"
    if (
        run[0] > 0
        and toks[run[0] - 1].text in _ARTICLES_BEFORE
        and _gaz_at(toks, idx, 0)[0] != len(idx)
        and _head_position(toks, idx) is None
    ):
        return  # "a Program Manager", "a Truman National Security Fellow": a role, not a name
    while idx and (toks[idx[0]].text in lex.stop or toks[idx[0]].text.lower() in _WEAK_CONNECTORS):
        first = toks[idx[0]]
        if first.text in lex.stop and (first.key,) in lex.gazetteer and not first.initial:
            break  # "US" is in the stop list as a pronoun but a country mid-sentence
        if first.text in _CONTENT_STOP and len(idx) > 1 and (
            _gaz_at(toks, idx, 0)[0] > 1 or _head_position(toks, idx) is not None
        ):
            break  # "State Department", "National Security Agency"
        idx.pop(0)
    # a stop word inside the run ends a name ("Donald Trump Is Right", "Following Monday")
    for p in range(1, len(idx)):
        w = toks[idx[p]].text
        if (
            w in lex.stop
            and w not in _CONTENT_STOP
            and (toks[idx[p]].key,) not in lex.gazetteer
            and (w.rstrip("."),) not in lex.titles
            and _gaz_at(toks, idx, 0)[0] != len(idx)
        ):
            _parse_run(text, toks, idx[:p], out)
            if p + 1 < len(idx):
                _parse_run(text, toks, idx[p + 1 :], out)
            return
    # two names joined by "and" ("Al Jazeera and CBS News"): split unless the whole is one name
    for p, q in enumerate(idx):
        if toks[q].text == "and" and 0 < p < len(idx) - 1 and _gaz_at(toks, idx, 0)[0] != len(idx):
            left, right = idx[:p], idx[p + 1 :]
            if _gaz_at(toks, left, 0)[0] == len(left) or toks[left[-1]].text.rstrip(".") in lex.heads or (
                _gaz_at(toks, right, 0)[0] == len(right)
            ):
                _parse_run(text, toks, left, out)
                _parse_run(text, toks, right, out)
                return
    while idx and toks[idx[-1]].text.lower() in _WEAK_CONNECTORS | _NAME_CONNECTORS:
        idx.pop()
    if not idx:
        return
    # a whole run that is all capitals and longer than one word: a credit line or a shout
    if (
        len(idx) >= 2
        and all(toks[q].allcaps or toks[q].text in _NAME_CONNECTORS for q in idx)
        and _gaz_at(toks, idx, 0)[0] != len(idx)
    ):
        for q in idx:
            if _acronym_ok(toks[q], toks, q):
                _parse_plain(text, toks, [q], out)
        return
    # the whole run in the gazetteer, or a run ending in a head word
    n, entry = _gaz_at(toks, idx, 0)
    if entry is not None and n == len(idx):
        out.append(_gaz_cand(text, toks, idx, entry))
        return
    head_pos = _head_position(toks, idx)
    if head_pos is not None:
        head_kind = lex.heads[toks[idx[head_pos]].text.rstrip(".")][0]
        # leading demonyms and countries qualify the name: "Iranian Quds Force" is the Quds Force
        p = 0
        while p < head_pos:
            ln, e = _gaz_at(toks, idx, p)
            if e is None or (e.rule == "gazetteer" and e.kind not in {"country"}):
                break
            rest = idx[p + ln :]
            n2, e2 = _gaz_at(toks, rest, 0)
            if e2 is not None and n2 == len(rest):
                out.append(_gaz_cand(text, toks, idx[p : p + ln], e))
                p += ln
                continue
            break
        rest = idx[p:]
        n2, e2 = _gaz_at(toks, rest, 0)
        if e2 is not None and n2 == len(rest):
            out.append(_gaz_cand(text, toks, rest, e2))
            return
        if head_kind == "event":
            return
        name = _words_text(text, toks, rest)
        out.append(
            _Cand(start=toks[rest[0]].start, end=toks[rest[-1]].end, name=name, kind=head_kind,
                  rule="org_head", tokens=_joined_words(text, toks, rest),
                  initial=toks[rest[0]].initial)
        )
        return
    # a title inside the run: prefix (qualifier) + title + name
    for p in range(len(idx)):
        tl = _title_at(toks, idx, p)
        if not tl:
            continue
        name_idx = idx[p + tl :]
        if p + tl < len(idx) and toks[idx[p + tl - 1]].text.islower() and toks[idx[p + tl - 1]].text not in {
            "commander", "spokesman", "spokeswoman", "president", "senator", "governor", "minister",
            "ambassador", "chairman", "chairwoman", "mayor", "leader", "lawmaker", "cleric", "envoy"
        }:
            continue
        if name_idx and not any(
            toks[q].text.rstrip(".") in lex.heads or _title_at(toks, name_idx, k)
            for k, q in enumerate(name_idx)
        ) and len(name_idx) <= 5:
            if p:
                qualifier = [q for q in idx[:p] if toks[q].text.lower() not in lex.modifiers]
                _parse_qualifier(text, toks, qualifier, out)
            title_text = _words_text(text, toks, idx[p : p + tl])
            if text[toks[idx[p + tl - 1]].end : toks[idx[p + tl - 1]].end + 1] == ".":
                title_text += "."
            gender = lex.titles[tuple(toks[q].text.rstrip(".") for q in idx[p : p + tl])]
            before = _modifiers_before(text, toks, idx[0])
            qual = _words_text(text, toks, idx[:p]) + " " if p else ""
            role = (before + qual + title_text).strip()
            cand = _person_cand(text, toks, name_idx)
            if cand is None:
                return
            cand.start = toks[idx[p]].start
            cand.rule = "titled"
            cand.titled = True
            cand.kind = "person"
            cand.roles.append(role)
            cand.gender = gender or cand.gender
            out.append(cand)
            return
        if not name_idx:
            # a role without a name ("the Iraqi Prime Minister"): only the qualifier is an actor
            if p:
                qualifier = [q for q in idx[:p] if toks[q].text.lower() not in lex.modifiers]
                _parse_qualifier(text, toks, qualifier, out)
            return
    _parse_plain(text, toks, idx, out)


def _modifiers_before(text: str, toks: list[_Tok], first: int) -> str:
    """Lower-case role words and demonyms just before a title ("caretaker", "top Iranian")."""
    lex = _lexicons()
    words: list[str] = []
    q = first - 1
    while q >= 0 and len(words) < 3:
        t = toks[q]
        if text[t.end : toks[q + 1].start] not in (" ", "-"):
            break
        e = lex.gazetteer.get((t.key,))
        if t.text in lex.modifiers or (e is not None and e.rule == "demonym"):
            words.insert(0, t.text)
            q -= 1
            continue
        break
    return " ".join(words) + (" " if words else "")


def _head_position(toks: list[_Tok], idx: list[int]) -> int | None:
    """Position of the head word that makes the run an organisation, document, place or event
    name: the last word, or a word followed only by an of/for-phrase ("School of Economics")."""
    lex = _lexicons()
    last = toks[idx[-1]].text.rstrip(".")
    if last in lex.heads and not lex.heads[last][1] and len(idx) >= 2:
        return len(idx) - 1
    for p in range(len(idx) - 2, -1, -1):
        w = toks[idx[p]].text.rstrip(".")
        if w in lex.heads and toks[idx[p + 1]].text in {"of", "for", "on"}:
            return p
    return None


def _parse_qualifier(text: str, toks: list[_Tok], idx: list[int], out: list[_Cand]) -> None:
    """A name before a title ("US" in "US Secretary of State", "Fatah" in "Fatah MP")."""
    if not idx:
        return
    before = len(out)
    _parse_plain(text, toks, idx, out)
    for c in out[before:]:
        if c.kind is None:
            c.kind = "organization"
            c.rule = "role_qualifier"


def _parse_plain(text: str, toks: list[_Tok], idx: list[int], out: list[_Cand]) -> None:
    """A run without titles or head words: gazetteer pieces, acronyms and person names."""
    lex = _lexicons()
    p = 0
    pending: list[int] = []

    def flush() -> None:
        if pending:
            c = _person_cand(text, toks, pending)
            if c is not None:
                out.append(c)
            pending.clear()

    while p < len(idx):
        ln, e = _gaz_at(toks, idx, p)
        if e is not None:
            tok = toks[idx[p]]
            if ln == 1 and (
                (tok.allcaps and not _acronym_ok(tok, toks, idx[p])) or (tok.text in lex.stop and tok.initial)
            ):
                e = None
        if e is not None:
            flush()
            out.append(_gaz_cand(text, toks, idx[p : p + ln], e))
            p += ln
            continue
        pending.append(idx[p])
        p += 1
    flush()


def _gaz_cand(text: str, toks: list[_Tok], idx: list[int], e: _Entry) -> _Cand:
    return _Cand(
        start=toks[idx[0]].start, end=toks[idx[-1]].end, name=_words_text(text, toks, idx),
        kind=e.kind, rule=e.rule, key=e.key, initial=toks[idx[0]].initial,
        tokens=_joined_words(text, toks, idx),
    )


def _person_cand(text: str, toks: list[_Tok], idx: list[int]) -> _Cand | None:
    """A run that is neither gazetteer nor organisation: an acronym, or a (possible) person."""
    lex = _lexicons()
    idx = [q for q in idx]
    while idx and toks[idx[0]].text in lex.stop:
        idx.pop(0)
    if not idx:
        return None
    if len(idx) == 1 and toks[idx[0]].allcaps:
        tok = toks[idx[0]]
        if len(tok.key) > 4 or not _acronym_ok(tok, toks, idx[0]):
            return None  # "CARLY": a shouted word; acronyms longer than four letters need a definition
        return _Cand(start=tok.start, end=tok.end, name=tok.text, kind=None, rule="acronym",
                     tokens=(tok.text,), initial=tok.initial)
    if len(idx) > 1 and any(
        toks[q].allcaps and len(toks[q].text) > 1 and toks[q].text not in _SUFFIXES for q in idx
    ):
        return None  # "AFP Getty": not a person name
    if any(len(_CAMEL_JOIN.findall(toks[q].text)) >= 2 for q in idx):
        return None  # "FlagShareLikeReplySara": words run together by page furniture
    words = _joined_words(text, toks, idx)
    if len(words) == 1 and len(words[0]) < 2:
        return None
    if (
        len(idx) >= 3
        and toks[idx[0]].initial
        and words[0] not in lex.male | lex.female
        and words[1] in lex.male | lex.female
    ):
        # "Comedian Sarah Silverman", "Rival Hillary Clinton": a role word opens the sentence
        return _person_cand(text, toks, idx[1:])
    if len(words) >= 2 and words[0].rstrip(".") in _PLACE_PREFIXES:
        return _Cand(start=toks[idx[0]].start, end=toks[idx[-1]].end, name=_words_text(text, toks, idx),
                     kind="place", rule="org_head", tokens=words, initial=toks[idx[0]].initial)
    first = words[0]
    gender = "male" if first in lex.male else "female" if first in lex.female else None
    rule = "full_name" if len(idx) >= 2 else "single"
    return _Cand(
        start=toks[idx[0]].start, end=toks[idx[-1]].end, name=_words_text(text, toks, idx),
        kind="person" if gender else None, rule=rule, gender=gender, tokens=words,
        initial=toks[idx[0]].initial,
    )


# ---------------------------------------------------------------------------------------------
# resolution within the article


@attrs.frozen(kw_only=True)
class ArticleActors:
    """What the actor finder knows of one article: its actors and the single capitalised words it
    could not place (surnames of people named in full elsewhere in a corpus)."""

    actors: tuple[Actor, ...]
    orphans: tuple[ActorMention, ...]


@attrs.define(kw_only=True)
class _Group:
    cands: list[_Cand]
    kind: str | None
    key: str | None
    why: list[str] = attrs.field(factory=list)
    pronoun_votes: Counter[str] = attrs.field(factory=Counter)


def _surname(tokens: tuple[str, ...]) -> str:
    words = [w for w in tokens if w.rstrip(".") not in _SUFFIXES]
    return words[-1] if words else tokens[-1]


def _strip_al(word: str) -> str:
    return _AL_PREFIX.sub("", word) if "-" in word else word


def _edit1(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or transposition."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1
        return swapped and (a[diff[0]], a[diff[1]]) == (b[diff[1]], b[diff[0]])
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


_ACRONYM_DEF = regex.compile(r"\s?\(\s?((?:\p{Lu}\.?){2,8}+)s?\s?\)")


def _initials(tokens: Sequence[str], skip_connectors: bool) -> str:
    out = []
    for w in tokens:
        if skip_connectors and w.lower() in _WEAK_CONNECTORS | _NAME_CONNECTORS:
            continue
        for part in w.split("-"):
            if part:
                out.append(part[0].upper())
    return "".join(out)


@functools.lru_cache(maxsize=512)
def analyse_article(article: Article) -> ArticleActors:
    """Find and resolve the actors of one article (cached; a pure function of the article).

    Args:
        article: the article.

    Returns:
        The article's actors and its unplaced single words.

    .. versionadded:: 0.1.0
    """
    norm = normalize(article.text)
    text = norm.text
    starts = sorted({_to_norm(norm, s.start) for s in article.sentences})
    toks = _tokens(text, starts)
    cands: list[_Cand] = []
    for run in _sequences(text, toks):
        before = len(cands)
        _parse_run(text, toks, run, cands)
        # "the Badr militia", "the Fatah bloc": a lower-case head after the run
        last = run[-1]
        if last + 1 < len(toks) and len(cands) > before:
            nxt = toks[last + 1]
            head = _lexicons().heads.get(nxt.text)
            c = cands[-1]
            if (
                head is not None
                and head[1]
                and c.end == toks[last].end
                and c.kind in (None, "person")
                and not c.titled
                and text[toks[last].end : nxt.start] == " "
            ):
                c.kind = "organization"
                c.rule = "org_head"
    lex = _lexicons()
    headlines = _title_case_lines(text)
    if headlines:
        cands = [c for c in cands if c.key is not None or not _inside(headlines, c.start)]
    _mark_cues(text, toks, cands)
    # a single capitalised word that stands in lower case elsewhere in the article is a common word
    lower_words = {t.text for t in toks if t.text.islower()}
    acronyms = _acronym_definitions(text, cands)
    groups: list[_Group] = []
    by_key: dict[str, _Group] = {}
    persons: list[_Group] = []
    orphans: list[_Cand] = []
    singles: list[_Cand] = []
    cands.sort(key=lambda c: (c.start, c.end))

    def group_for(key: str, kind: str | None, why: str) -> _Group:
        g = by_key.get(key)
        if g is None:
            g = _Group(cands=[], kind=kind, key=key, why=[why] if why else [])
            by_key[key] = g
            groups.append(g)
        return g

    # pass 1: names with an identity of their own (gazetteer, organisations, full person names)
    for c in cands:
        if c.key is not None:
            group_for(c.key, c.kind, "").cands.append(c)
        elif c.rule == "acronym" or (c.kind in {"organization", "document", "place"} and c.rule != "single"):
            if c.rule == "acronym" and c.name.replace(".", "") in acronyms:
                defined = acronyms[c.name.replace(".", "")]
                why = f"{c.name} is defined as the acronym of {defined.split(':', 1)[1]}"
                group_for(defined, None, why).cands.append(c)
                continue
            if c.rule == "acronym" and c.kind is None:
                if c.name.lower() in lower_words:
                    continue  # "TEXT", "EDGE": a shouted word, not an acronym
                c.kind = "organization"
            key = f"{c.kind}:{_org_key(c.name)}"
            group_for(key, c.kind, "").cands.append(c)
        elif len(c.tokens) >= 2 or c.titled:
            if len(c.tokens) == 1:
                singles.append(c)
                continue
            key = "person:" + " ".join(c.tokens)
            g = by_key.get(key)
            if g is None:
                g = group_for(key, "person", "")
                persons.append(g)
            g.cands.append(c)
        else:
            singles.append(c)
    # an organisation's lower-case-head form ("the Fatah bloc") and its bare form ("Fatah's") are one
    org_names = {_org_key(c.name): g for g in groups if g.kind == "organization" for c in g.cands}
    # pass 2: single words and titled surnames resolve to a full name or stay single
    index = _PersonIndex.build(persons)
    titled_singles: dict[str, _Group] = {}
    for c in singles:
        target = _resolve_single(c, titled_singles, index, org_names)
        if target is not None:
            tg, reason = target
            if reason and reason not in tg.why:
                tg.why.append(reason)
            tg.cands.append(c)
            continue
        if c.titled or (c.cue and not c.initial) or c.kind == "person":
            key = "person:" + c.name
            g = by_key.get(key)
            if g is None:
                g = group_for(key, "person", "")
                persons.append(g)
            g.cands.append(c)
            titled_singles.setdefault(c.tokens[-1] if c.tokens else c.name, g)
            continue
        if c.initial or c.name in lower_words or c.name.lower() in lower_words or c.name in lex.stop:
            continue
        orphans.append(c)
    # single words seen again: a bare surname that repeats a titled surname ("President Obama" ...
    # "Obama") resolved in pass 2 against persons; other repeats stay orphans.
    _pronoun_votes(text, toks, groups)
    built = (_build(article, norm, g) for g in groups if g.cands)
    actors = [a for a in built if a is not None]
    actors.sort(key=lambda a: (a.mentions[0].span.start if a.mentions else 0, a.name))
    orphan_mentions = tuple(_mention(article, norm, c, "single") for c in orphans)
    return ArticleActors(actors=tuple(actors), orphans=orphan_mentions)


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case (headlines, section titles: "Black Lawmakers Rip Donald
    Trump"), where capitals do not mark names. A line counts when it is short, does not end like a
    sentence, and three quarters of its words of four letters or more are capitalised."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped and not stripped.endswith((".", "?", "!", '"', ":")):
            words = _LETTERS.findall(stripped)
            long = [w for w in words if len(w) >= 4]
            if len(words) <= 20 and len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.75 * len(long):
                out.append((pos, end))
        pos = end + 1
    return out


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect.bisect_right(spans, (i, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _to_norm(norm: object, original: int) -> int:
    """Map an original offset to the normalised text (the first normalised index at or after)."""
    offsets = norm.offsets  # type: ignore[attr-defined]
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if offsets[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _org_key(name: str) -> str:
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and len(words) > 1 and words[-1].endswith("s") and words[-1][:-1] in _lexicons().heads:
        words[-1] = words[-1][:-1]  # "Quds Forces" is the "Quds Force"
    return " ".join(words).casefold()


def _acronym_definitions(text: str, cands: list[_Cand]) -> dict[str, str]:
    """Acronyms defined in parentheses after a name: "Popular Mobilization Forces (PMF)"."""
    out: dict[str, str] = {}
    for c in cands:
        m = _ACRONYM_DEF.match(text, c.end)
        if m is None or c.rule == "acronym":
            continue
        acro = m.group(1).replace(".", "")
        toks = c.tokens
        if acro in (_initials(toks, True), _initials(toks, False)) and len(toks) >= 2:
            if c.key is None:
                c.kind = c.kind or "organization"
                if c.kind == "person":
                    continue
                c.key = f"{c.kind}:{_org_key(c.name)}"
            out.setdefault(acro, c.key)
    return out


@attrs.frozen(kw_only=True)
class _PersonIndex:
    """The people named in full in an article, by surname and by given name."""

    full: tuple[_Group, ...]
    by_surname: dict[str, list[_Group]]
    by_given: dict[str, list[_Group]]
    by_deletion: dict[str, list[str]]  # a surname with one letter dropped -> surnames

    @classmethod
    def build(cls, persons: list[_Group]) -> _PersonIndex:
        full = tuple(g for g in persons if any(len(x.tokens) >= 2 for x in g.cands))
        by_surname: dict[str, list[_Group]] = {}
        by_given: dict[str, list[_Group]] = {}
        for g in full:
            for x in g.cands:
                if len(x.tokens) >= 2:
                    lst = by_surname.setdefault(_strip_al(_surname(x.tokens)), [])
                    if g not in lst:
                        lst.append(g)
                    lst = by_given.setdefault(x.tokens[0], [])
                    if g not in lst:
                        lst.append(g)
        by_deletion: dict[str, list[str]] = {}
        for sn in by_surname:
            low = sn.casefold()
            for k in {low} | {low[:i] + low[i + 1 :] for i in range(len(low))}:
                by_deletion.setdefault(k, []).append(sn)
        return cls(full=full, by_surname=by_surname, by_given=by_given, by_deletion=by_deletion)


def _resolve_single(
    c: _Cand,
    titled_singles: dict[str, _Group],
    index: _PersonIndex,
    org_names: dict[str, _Group],
) -> tuple[_Group, str] | None:
    word = c.tokens[-1] if c.tokens else c.name
    bare = _strip_al(word)
    org = org_names.get(_org_key(c.name))
    if org is not None and not c.titled:
        return org, ""
    # surname: the last word of a full name ("Gerges", "al-Sadr" / "Sadr")
    hits = list(index.by_surname.get(bare, ()))
    if not hits and not c.titled:
        # given name: the first word of exactly one full name
        given = index.by_given.get(word, [])
        if len(given) == 1:
            return given[0], ""
    if len(hits) > 1 and c.gender:
        # "Mrs. Clinton" among Bill and Hillary Clinton
        hits = [g for g in hits if {x.gender for x in g.cands} - {None} in ({c.gender}, set())]
        if len(hits) > 1:
            hits = [g for g in hits if c.gender in {x.gender for x in g.cands}]
    if len(hits) > 1 and c.roles:
        title = c.roles[-1].split()[-1].casefold()
        hits = [g for g in hits if any(title in r.casefold() for x in g.cands for r in x.roles)]
    if len(hits) == 1:
        return hits[0], f"{c.name} is the surname of {_full_name(hits[0])}"
    if hits:
        return None  # two people of this surname and nothing to tell them apart
    if index.by_surname.get(bare):
        return None
    # a titled surname already seen with its title ("President Obama" ... "Obama")
    seen = titled_singles.get(word)
    if seen is not None:
        return seen, ""
    # a spelling variant of a surname in the same article ("Solemani" for "Soleimani")
    if len(bare) >= 6 and not c.titled:
        low = bare.casefold()
        near = {sn for k in {low} | {low[:i] + low[i + 1 :] for i in range(len(low))}
                for sn in index.by_deletion.get(k, ())}
        var = [g for sn in sorted(near) if sn[:1] == bare[:1] and _edit1(sn.casefold(), low)
               for g in index.by_surname[sn]]
        if len(var) == 1:
            c.rule = "spelling_variant"
            return var[0], f"{c.name} is a spelling variant of {_full_name(var[0])} in the same article"
    return None


def _nearest(groups: list[_Group], c: _Cand) -> _Group:
    def last_before(g: _Group) -> tuple[int, int]:
        before = [x.start for x in g.cands if x.start < c.start and len(x.tokens) >= 2]
        if before:
            return (1, max(before))
        return (0, -min(x.start for x in g.cands))

    return max(groups, key=last_before)


def _full_name(g: _Group) -> str:
    best = max(g.cands, key=lambda x: (len(x.tokens), -x.start))
    return " ".join(best.tokens)


def _mark_cues(text: str, toks: list[_Tok], cands: list[_Cand]) -> None:
    """Mark candidates followed by a speech verb ("Gerges said")."""
    starts = {t.start: i for i, t in enumerate(toks)}
    ends = {t.end: i for i, t in enumerate(toks)}
    for c in cands:
        i = ends.get(c.end)
        if (
            i is not None
            and i + 1 < len(toks)
            and toks[i + 1].text in _SPEECH_VERBS
            and text[c.end : toks[i + 1].start] == " "
        ):
            c.cue = True
        k = starts.get(c.start)
        if (
            k is not None
            and k > 0
            and toks[k - 1].text in _SPEECH_VERBS
            and text[toks[k - 1].end : c.start] == " "
        ):
            c.cue = True


def _pronoun_votes(text: str, toks: list[_Tok], groups: list[_Group]) -> None:
    """The first gendered pronoun after a person mention, before the next person mention, is a
    weak gender cue ("Smith said he ...")."""
    persons = sorted(
        ((c.end, g) for g in groups if g.kind == "person" for c in g.cands), key=lambda t: t[0]
    )
    if not persons:
        return
    pron = [(t.start, _PRONOUNS[t.text.lower()]) for t in toks if t.text.lower() in {"he", "she"}]
    pi = 0
    for k, (end, g) in enumerate(persons):
        nxt = persons[k + 1][0] if k + 1 < len(persons) else len(text)
        while pi < len(pron) and pron[pi][0] < end:
            pi += 1
        if pi < len(pron) and pron[pi][0] < nxt and pron[pi][0] - end < 300:
            g.pronoun_votes[pron[pi][1]] += 1


def _mention(article: Article, norm: object, c: _Cand, rule: str | None = None) -> ActorMention:
    a, b = norm.span_to_original(c.start, c.end)  # type: ignore[attr-defined]
    return ActorMention(article_id=article.id, span=Span(a, b), text=article.text[a:b],
                        rule=rule or c.rule, extractor=EXTRACTOR)


def _appositive(text: str, end: int) -> str | None:
    """", a professor of diplomacy at the London School of Economics," after a name."""
    m = _APPOSITIVE.match(text[end : end + 160])
    if m is None:
        return None
    role = m.group(1)
    if _FINITE.search(role):
        return None
    return role.strip()


def _clean(name: str) -> str:
    """A name as an alias: white space runs as one space (the normalised view's quotes and dashes)."""
    return " ".join(name.split())


def _build(article: Article, norm: object, g: _Group) -> Actor | None:
    lex = _lexicons()
    mentions: list[ActorMention] = []
    aliases: set[str] = set()
    roles: set[str] = set()
    genders: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    text = norm.text  # type: ignore[attr-defined]
    canonical_entry = None
    for c in g.cands:
        m = _mention(article, norm, c)
        mentions.append(m)
        if c.rule == "demonym":
            continue
        aliases.add(_clean(text[c.start : c.end]))
        if c.titled:
            aliases.add(_clean(c.name))
        roles.update(c.roles)
        if c.gender:
            genders[c.gender] += 2
        if c.kind:
            kinds[c.kind] += 1
        if c.kind == "person" or (c.kind is None and len(c.tokens) >= 2):
            app = _appositive(text, c.end)
            if app:
                roles.add(app)
                words = set(_LETTERS.findall(app.lower()))
                for w in words:
                    gen = lex.titles.get((w,))
                    if gen:
                        genders[gen] += 2
        if c.key is not None and canonical_entry is None and c.rule in {"gazetteer", "capital", "demonym"}:
            canonical_entry = c.key.split(":", 1)[1]
    kind = g.kind or (kinds.most_common(1)[0][0] if kinds else None)
    if kind is None:
        # a name nothing marks as a person's: a given name, a title, a middle initial, an
        # appositive, a speech verb, the surname used alone, a pronoun that follows
        evidence = (
            roles or genders
            or any(c.cue or c.titled or len(c.tokens) == 1 for c in g.cands)
            or any(len(w) == 1 or (len(w) == 2 and w.endswith(".")) for c in g.cands for w in c.tokens[1:-1])
            or any(text[c.end : c.end + 1] == "." and len(c.tokens[-1]) == 1 for c in g.cands)
        )
        if not evidence:
            return None
        kind = "person"
    if kind not in {"person", "organization", "country", "place", "document", "group"}:
        return None
    if not aliases:
        if canonical_entry is None:
            return None
        aliases.add(canonical_entry)
    # the canonical name: the gazetteer's own when the article uses it, else the longest untitled form
    bare = [c for c in g.cands if c.rule != "demonym"]
    if canonical_entry is not None and (canonical_entry in aliases or not bare):
        name = canonical_entry
        aliases.add(name)
    else:
        forms = Counter(
            _clean(c.name) for c in bare if not c.name.isupper() or len(bare) == 1 or kind != "person"
        )
        if not forms:
            forms = Counter(_clean(c.name) for c in bare)
        if kind in {"organization", "document", "group", "place"}:
            name = max(forms, key=lambda f: (not f.isupper(), len(f.split()), forms[f], f))
        else:
            name = max(forms, key=lambda f: (len(f.split()), forms[f], f))
        if canonical_entry is not None:
            name = canonical_entry
            aliases.add(name)
    gender = None
    if kind == "person":
        if genders:
            top = genders.most_common()
            if len(top) == 1 or top[0][1] > top[1][1]:
                gender = top[0][0]
        elif g.pronoun_votes:
            top = g.pronoun_votes.most_common()
            if len(top) == 1 or top[0][1] > top[1][1]:
                gender = top[0][0]
    why = list(g.why)
    if not why:
        why = [f"named {len(mentions)} time(s) as {', '.join(sorted(aliases))}"]
    return Actor(name=name, kind=kind, aliases=frozenset(aliases), mentions=tuple(mentions),
                 roles=frozenset(roles), gender=gender, why=tuple(why))


def article_actors(article: Article) -> tuple[Actor, ...]:
    """The actors of one article, resolved within it, in order of first mention.

    Args:
        article: the article.

    Returns:
        The actors, each with every mention in the article.

    .. versionadded:: 0.1.0
    """
    return analyse_article(article).actors


def find_actors(
    article_or_corpus: Article | Iterable[Article],
    *,
    aliases: Iterable[Iterable[str]] | None = None,
    forbid: Iterable[Iterable[str]] | None = None,
) -> list[Actor]:
    """Find the actors of an article, or of a corpus resolved across its articles.

    Args:
        article_or_corpus: an :class:`~ontherecord.Article` (resolved within it), or a
            :class:`~ontherecord.Corpus` or any iterable of articles (resolved across them).
        aliases: groups of names the user knows to be one actor (forces merges); see
            :func:`ontherecord.corpus._actors.resolve_actors`.
        forbid: pairs (or groups) of names that must never be merged.

    Returns:
        The actors, sorted by kind, then name.

    Raises:
        InvalidInputError: an element of the input is not an Article.

    .. versionadded:: 0.1.0
    """
    from ontherecord.corpus._actors import resolve_actors

    if isinstance(article_or_corpus, Article):
        arts: list[Article] = [article_or_corpus]
    else:
        arts = list(article_or_corpus)
    return resolve_actors(arts, aliases=aliases, forbid=forbid)
