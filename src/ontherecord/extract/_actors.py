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
import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet

import attrs
import regex

from ontherecord import _data
from ontherecord._actor import Actor, ActorMention
from ontherecord._article import Article, Span
from ontherecord._text.normalize import Normalized

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
# The same words as one group: splitting on it gives the gaps and the words in one pass.
_TOKEN_SPLIT = regex.compile(f"({_TOKEN.pattern}\n)", regex.VERBOSE)

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
# "he" and "she" in every casing: the words whose lower case is "he" or "she".
_HE_SHE = frozenset(
    "".join(p) for w in ("he", "she") for p in itertools.product(*((c, c.upper()) for c in w))
)
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
    gazetteer_prefixes: frozenset[tuple[str, ...]]  # every beginning of a gazetteer name
    titles: dict[tuple[str, ...], str | None]  # token tuple -> gender
    titles_max: int
    titles_prefixes: frozenset[tuple[str, ...]]
    heads: dict[str, tuple[str, bool]]  # word -> (kind, may follow in lower case)
    stop: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    given: frozenset[str]  # male | female
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
        gazetteer_prefixes=_prefixes(gaz),
        titles=titles,
        titles_max=max(len(k) for k in titles),
        titles_prefixes=_prefixes(titles),
        heads=heads,
        stop=frozenset(_data.lines("actor_stopwords")),
        male=male - female,
        female=female - male,
        given=(male - female) | (female - male),
        modifiers=frozenset(_data.lines("role_modifiers")),
    )


def _prefixes(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every non-empty beginning of every key: a longest match can stop as soon as it leaves them."""
    return frozenset(k[:i] for k in keys for i in range(1, len(k) + 1))


# ---------------------------------------------------------------------------------------------
# tokens and capitalised sequences


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
# Words after an organisation head that make it one ("School of Economics", "Fund for Peace").
_HEAD_LINKS = frozenset({"of", "for", "on"})
_TRAILING = _WEAK_CONNECTORS | _NAME_CONNECTORS
# How a gap joins two words inside a name: " ", "-", None, or _MAYBE_DOT (". " after an abbreviation).
_MAYBE_DOT = "?"


def _gap_join(gap: str) -> str | None:
    """How the white space or punctuation ``gap`` joins the words on either side inside a name."""
    if gap == "-":
        return "-"
    if gap in (" ", "  "):
        return " "
    if gap in (". ", ".  "):
        return _MAYBE_DOT  # "." after an abbreviation without its own full stop, else nothing
    if gap.strip() == "" and "\n" not in gap and len(gap) <= 3:
        return " "
    return None


def _gap_opens(gap: str) -> int:
    """Whether a word after ``gap`` may open a sentence: 1 after a quotation mark, a line break or a
    colon; 2 after a full stop (unless the word before it is an abbreviation); 3 both; 0 neither."""
    if gap == " ":
        return 0
    return (_OPENING_GAP.search(gap) is not None) | ((_STOP_GAP.search(gap) is not None) << 1)


def _allcaps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_name_part(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isalpha() and any(c.isupper() for c in word[:3]))


def _is_abbrev(word: str) -> bool:
    """Whether a full stop after ``word`` belongs to an abbreviation (a title, an initial)."""
    t = word.rstrip(".")
    return (len(t) == 1 and t.isupper()) or (t,) in _lexicons().titles or "." in word


def _flags(words: list[str], subset: AbstractSet[str]) -> list[bool]:
    """For each word, whether it is in ``subset``."""
    if not subset:
        return [False] * len(words)
    return list(map(subset.__contains__, words))


def _where(words: list[str], subset: AbstractSet[str]) -> list[int]:
    """The indices of the words in ``subset``."""
    if not subset:
        return []
    return list(itertools.compress(range(len(words)), map(subset.__contains__, words)))


class _Tokens:
    """The words of the normalised text as parallel lists, one entry per word.

    What the actor finder asks of a word (its gazetteer key, whether it is in capitals, whether it
    may be part of a name) is computed once per distinct word, and the lists are filled in C loops:
    on hostile text (a megabyte of one word) the cost per word stays a few list entries.
    """

    __slots__ = (
        "allcaps", "and_after_head", "ands", "bare", "distinct", "end", "gaps", "head_of", "initial",
        "join", "key", "lower", "n", "name_part", "name_parts", "source", "special", "split_stops",
        "start", "text",
    )

    def __init__(self, source: str, starts: Sequence[int]) -> None:
        """Tokenise ``source`` (the normalised text); ``starts`` are its sentence starts (sorted)."""
        lex = _lexicons()
        parts: list[str] = _TOKEN_SPLIT.split(source)
        words = parts[1::2]
        gaps = parts[0::2]  # gaps[i] stands before words[i]; gaps[n] ends the text
        n = len(words)
        self.gaps = gaps
        self.source = source
        self.n = n
        self.text = words
        lengths = [0] * (2 * n)
        lengths[0::2] = list(map(len, gaps[:n]))
        lengths[1::2] = list(map(len, words))
        offsets = list(itertools.accumulate(lengths))
        self.start: list[int] = offsets[0::2]  # offsets into the normalised text
        self.end: list[int] = offsets[1::2]
        distinct = set(words)
        self.distinct = distinct
        # only words with a capital can be name parts or capitals, only dotted ones change key
        capitalised = [w for w in distinct if not w.islower()]
        self.lower = distinct.difference(capitalised)
        dotted = [w for w in capitalised if "." in w]
        keys = {w: _norm_token(w) for w in dotted}
        bare = {w: w.rstrip(".") for w in dotted}
        self.key: list[str] = list(map(keys.get, words, words)) if keys else words
        self.bare: list[str] = list(map(bare.get, words, words)) if bare else words
        shouted = {w for w in capitalised if _allcaps(w)}
        self.allcaps = _flags(words, shouted)
        self.name_parts = {w for w in capitalised if _is_name_part(w)}
        self.name_part = _flags(words, self.name_parts)
        # a word opens a sentence, a quotation or a line
        initial = [False] * n
        for s in starts:
            k = bisect.bisect_left(self.start, s)
            if k < n:
                initial[k] = True
        if n and gaps[0] not in ("", " "):
            initial[0] = True
        inner = gaps[1:n]  # inner[i - 1] stands between words[i - 1] and words[i]
        kinds = set(inner)
        opens = {g: _gap_opens(g) for g in kinds}
        if any(opens.values()):
            codes = list(map(opens.__getitem__, inner))
            for i in itertools.compress(range(1, n), codes):
                if codes[i - 1] & 1 or not _is_abbrev(words[i - 1]):
                    initial[i] = True
        self.initial = initial
        # how each word joins the word before it inside a name
        joins = {g: _gap_join(g) for g in kinds}
        join: list[str | None] = [None]
        if len(joins) == 1:
            join += [joins.popitem()[1]] * len(inner)
        else:
            join += map(joins.__getitem__, inner)
        if _MAYBE_DOT in join:
            for i in itertools.compress(range(n), [j == _MAYBE_DOT for j in join]):
                prev = words[i - 1]
                join[i] = "." if _is_abbrev(prev) and not prev.endswith(".") else None
        self.join = join
        # positions the run splitter looks for: an organisation head before "of"/"for"/"on", a
        # stop word that ends a name, "and" (after a head word or not)
        heads = {w for w in distinct if bare.get(w, w) in lex.heads}
        stops = {
            w for w in distinct
            if w in lex.stop and w not in _CONTENT_STOP and (keys.get(w, w),) not in lex.gazetteer
            and (bare.get(w, w),) not in lex.titles
        }
        self.head_of: list[int] = []
        self.split_stops: list[int] = []
        self.ands: list[int] = []
        for x in _where(words, heads | stops | ({"and"} & distinct)):
            w = words[x]
            if w in heads and x + 1 < n and words[x + 1] in _HEAD_LINKS:
                self.head_of.append(x)
            if w in stops:
                self.split_stops.append(x)
            if w == "and":
                self.ands.append(x)
        self.and_after_head = [i for i in self.ands if i > 0 and self.bare[i - 1] in lex.heads]
        # words that may change how a run is parsed: in a run of none of them, every word is part
        # of one person name (see _parse_piece)
        self.special = _where(words, (distinct & _TRAILING) | {
            w for w in capitalised
            if w in lex.stop or w.lower() in _TRAILING or w in shouted or bare.get(w, w) in lex.heads
            or (keys.get(w, w),) in lex.gazetteer_prefixes or (bare.get(w, w),) in lex.titles_prefixes
        })

    def gap(self, a: int, b: int) -> str:
        """The text between word ``a`` and a later word ``b``."""
        return self.source[self.end[a] : self.start[b]]


def _first_in(positions: list[int], lo: int, hi: int) -> int | None:
    """The first of the sorted ``positions`` in ``[lo, hi)``."""
    k = bisect.bisect_left(positions, lo)
    if k < len(positions) and positions[k] < hi:
        return positions[k]
    return None


def _sequences(tk: _Tokens) -> Iterator[range]:
    """Maximal runs of consecutive words that may form names."""
    lex = _lexicons()
    bigrams = _gazetteer_bigrams()
    words, name_part, join, initial = tk.text, tk.name_part, tk.join, tk.initial
    n = tk.n
    firsts = {w for w in tk.name_parts | (tk.distinct & _NAME_CONNECTORS) if not w[0].isdigit()}
    if not firsts:
        return
    goes_on: list[bool] | None = None  # made once a run is long (see _goes_on)
    pos = 0
    for i in itertools.compress(range(n), map(firsts.__contains__, words)):
        if i < pos:
            continue
        starts_al = words[i] in _NAME_CONNECTORS and i + 1 < n and name_part[i + 1] and join[i + 1] == "-"
        if not name_part[i] and not starts_al:
            continue
        j = i + 1
        while j < n:
            if goes_on is not None and goes_on[j]:
                try:
                    j = goes_on.index(False, j + 1)
                except ValueError:
                    j = n
                continue
            how = join[j]
            if how is None or (initial[j] and how != "."):
                break
            low = words[j]
            if name_part[j] and not low[0].isdigit():
                j += 1
                if goes_on is None and j - i > _LONG_RUN:
                    goes_on = _goes_on(tk)
                continue
            if low in _NAME_CONNECTORS and j + 1 < n and name_part[j + 1]:
                nxt = join[j + 1]
                if nxt == "-" or (nxt == " " and low not in _HYPHEN_CONNECTORS):
                    j += 1
                    continue
            if low in _WEAK_CONNECTORS:
                # "of the", "for the": look ahead for the capitalised continuation
                k = j + 1
                if k < n and words[k] == "the" and low in {"of", "for", "in", "on"}:
                    k += 1
                if (k < n and name_part[k] and join[k] == " "
                        and (words[k] not in lex.stop or words[k] in _CONTENT_STOP)):
                    prev_word = tk.bare[j - 1]
                    # "and" inside the of-phrase of an organisation ("Institute of Allergy and
                    # Infectious Diseases"); "in", "and", "the" before a head ("Peace in Iraq Center")
                    if (
                        (low in _HEAD_LINKS and (prev_word in lex.heads or (prev_word,) in lex.titles))
                        or (tk.key[j - 1], low) in bigrams
                        or (low == "and" and _first_in(tk.head_of, i, j) is not None)
                        or (low not in {"of", "for"} and _ends_in_head(tk, k))
                    ):
                        j = k
                        continue
            break
        yield range(i, j)
        pos = j


# A run longer than this many words has the rest of its plain stretch skipped in one list scan.
_LONG_RUN = 32


def _goes_on(tk: _Tokens) -> list[bool]:
    """For each word, whether it simply goes on the run before it (the first test of the loop of
    ``_sequences``), all found in one pass: a run of two hundred thousand words is then one scan."""
    goes_on = [
        how is not None and (how == "." or not opens) and part
        for how, opens, part in zip(tk.join, tk.initial, tk.name_part, strict=True)
    ]
    for w in tk.name_parts:
        if w[0].isdigit():  # (a name part that is a number does not go on a run)
            for q in _where(tk.text, {w}):
                goes_on[q] = False
    return goes_on


@functools.cache
def _gazetteer_bigrams() -> frozenset[tuple[str, str]]:
    """Word + connector pairs inside gazetteer names ("House of", "State of", "Iraq and")."""
    out = set()
    for key in _lexicons().gazetteer:
        for a, b in itertools.pairwise(key):
            if b in _WEAK_CONNECTORS:
                out.add((a, b))
    return frozenset(out)


def _ends_in_head(tk: _Tokens, k: int) -> bool:
    """Whether the capitalised run from ``k`` ends in an organisation head word."""
    lex = _lexicons()
    j = k
    last = -1
    while j < tk.n and tk.name_part[j]:
        last = j
        if j + 1 < tk.n and tk.join[j + 1] in (" ", "-"):
            j += 1
        else:
            break
    if last < 0:
        return False
    head = lex.heads.get(tk.text[last])
    return head is not None and head[0] != "event"


# ---------------------------------------------------------------------------------------------
# candidates


@attrs.define
class _Cand:
    """A name found in the article before resolution."""

    start: int  # normalised offsets of the mention (title included when it is one)
    end: int
    name: str  # the name without title, as written
    kind: str | None  # None: not yet known (a name that may be a person)
    rule: str
    key: str | None = None  # gazetteer / acronym identity
    roles: tuple[str, ...] = ()  # (a tuple: copies of a candidate share it)
    gender: str | None = None
    tokens: tuple[str, ...] = ()
    initial: bool = False
    cue: bool = False  # followed by a speech verb
    titled: bool = False


def _title_at(tk: _Tokens, idx: Sequence[int], p: int) -> int:
    """Length (in tokens) of the longest title at position ``p`` of the run ``idx``; 0 if none."""
    lex = _lexicons()
    best = 0
    key: tuple[str, ...] = ()
    for ln in range(1, min(lex.titles_max, len(idx) - p) + 1):
        key = (*key, tk.bare[idx[p + ln - 1]])
        if key not in lex.titles_prefixes:
            break
        if key in lex.titles:
            best = ln
    return best


def _gaz_at(tk: _Tokens, idx: Sequence[int], p: int) -> tuple[int, _Entry | None]:
    """The longest gazetteer name at position ``p`` of ``idx``: its length and entry."""
    lex = _lexicons()
    best: tuple[int, _Entry | None] = (0, None)
    key: tuple[str, ...] = ()
    for ln in range(1, min(lex.gazetteer_max, len(idx) - p) + 1):
        key = (*key, tk.key[idx[p + ln - 1]])
        if key not in lex.gazetteer_prefixes:
            break
        e = lex.gazetteer.get(key)
        if e is not None:
            best = (ln, e)
    return best


def _whole_gaz(tk: _Tokens, idx: range) -> bool:
    """Whether the words ``idx`` are one gazetteer name, or none at all (``_gaz_at`` covers them)."""
    if not idx:
        return True
    lex = _lexicons()
    return len(idx) <= lex.gazetteer_max and tuple(tk.key[idx[0] : idx[-1] + 1]) in lex.gazetteer


def _joined_words(tk: _Tokens, idx: Sequence[int]) -> tuple[str, ...]:
    """The words of a run, hyphenated parts joined ("al-Sadr", "Abdul-Mahdi")."""
    words: list[str] = []
    prev = -1
    for q in idx:
        if prev >= 0 and words and tk.gap(prev, q) == "-":
            words[-1] = words[-1] + "-" + tk.text[q]
        else:
            words.append(tk.text[q])
        prev = q
    return tuple(words)


def _words_text(tk: _Tokens, idx: Sequence[int]) -> str:
    return tk.source[tk.start[idx[0]] : tk.end[idx[-1]]]


def _acronym_ok(tk: _Tokens, pos: int) -> bool:
    """An all-capitals token is an acronym unless it stands among other all-capitals words (a
    headline or a shouted line, where "US" and "IS" are ordinary words)."""
    lex = _lexicons()
    if tk.key[pos] in lex.stop or not _acronym_shape(tk.text[pos]):
        return False
    for q in (pos - 1, pos + 1):
        if (
            0 <= q < tk.n
            and tk.allcaps[q]
            and (tk.key[q],) not in lex.gazetteer
            and abs(tk.start[q] - (tk.start[pos] if q < pos else tk.end[pos])) <= 3
        ):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _acronym_shape(word: str) -> bool:
    return _ACRONYM.fullmatch(word) is not None


@functools.lru_cache(maxsize=4096)
def _run_together(word: str) -> bool:
    """Words run together by page furniture: "FlagShareLikeReplySara"."""
    return len(_CAMEL_JOIN.findall(word)) >= 2


def _parse_run(tk: _Tokens, run: range, out: list[_Cand]) -> None:
    """Split one capitalised run into candidates: pieces split off a run are parsed in order, left
    first, with an explicit stack (a hostile run may split a hundred thousand times)."""
    stack = [run]
    while stack:
        split = _parse_piece(tk, stack.pop(), out)
        if split is not None:
            left, right = split
            if right:
                stack.append(right)
            stack.append(left)


def _first_and_split(tk: _Tokens, idx: range) -> int | None:
    """The first "and" between two names in ``idx`` ("Al Jazeera and CBS News"): one whose left
    part is a gazetteer name or ends in a head word, or whose right part is a gazetteer name."""
    lex = _lexicons()
    a, b = idx[0], idx[-1] + 1
    longest = lex.gazetteer_max
    found: list[int] = []
    ands = tk.ands
    # a gazetteer name on the left or on the right is at most `longest` words long
    k = bisect.bisect_left(ands, a + 1)
    while k < len(ands) and ands[k] <= min(b - 2, a + longest):
        x = ands[k]
        if _whole_gaz(tk, range(a, x)) or tk.bare[x - 1] in lex.heads or _whole_gaz(tk, range(x + 1, b)):
            found.append(x)
            break
        k += 1
    head = _first_in(tk.and_after_head, a + 1, b - 1)
    if head is not None:
        found.append(head)
    k = bisect.bisect_left(ands, max(a + 1, b - 1 - longest))
    while k < len(ands) and ands[k] <= b - 2:
        if _whole_gaz(tk, range(ands[k] + 1, b)):
            found.append(ands[k])
            break
        k += 1
    return min(found) if found else None


def _parse_piece(tk: _Tokens, idx: range, out: list[_Cand]) -> tuple[range, range] | None:
    """Parse one piece of a run, or return the two pieces it splits into."""
    lex = _lexicons()
    words = tk.text
    if _first_in(tk.special, idx[0], idx[-1] + 1) is None:
        # no stop word, connector, capitals, head word, nor beginning of a gazetteer name or a
        # title: every test below fails but the first, and the whole run is one person name
        if idx[0] > 0 and words[idx[0] - 1] in _ARTICLES_BEFORE:
            return None
        c = _person_cand(tk, idx)
        if c is not None:
            out.append(c)
        return None
    # opening function words and furniture verbs: "But", "The", "However", "Read"
    if (
        idx[0] > 0
        and words[idx[0] - 1] in _ARTICLES_BEFORE
        and not _whole_gaz(tk, idx)
        and _head_position(tk, idx) is None
    ):
        return None  # "a Program Manager", "a Truman National Security Fellow": a role, not a name
    while idx and (words[idx[0]] in lex.stop or words[idx[0]].lower() in _WEAK_CONNECTORS):
        first = idx[0]
        if words[first] in lex.stop and (tk.key[first],) in lex.gazetteer and not tk.initial[first]:
            break  # "US" is in the stop list as a pronoun but a country mid-sentence
        if words[first] in _CONTENT_STOP and len(idx) > 1 and (
            _gaz_at(tk, idx, 0)[0] > 1 or _head_position(tk, idx) is not None
        ):
            break  # "State Department", "National Security Agency"
        idx = idx[1:]
    if not idx:
        return None
    # a stop word inside the run ends a name ("Donald Trump Is Right", "Following Monday")
    stop = _first_in(tk.split_stops, idx[0] + 1, idx[-1] + 1)
    if stop is not None and not _whole_gaz(tk, idx):
        return range(idx[0], stop), range(stop + 1, idx[-1] + 1)
    # two names joined by "and" ("Al Jazeera and CBS News"): split unless the whole is one name
    if len(idx) >= 3 and not _whole_gaz(tk, idx):
        x = _first_and_split(tk, idx)
        if x is not None:
            return range(idx[0], x), range(x + 1, idx[-1] + 1)
    while idx and words[idx[-1]].lower() in _TRAILING:
        idx = idx[:-1]
    if not idx:
        return None
    # a whole run that is all capitals and longer than one word: a credit line or a shout
    if (
        len(idx) >= 2
        and (False not in tk.allcaps[idx[0] : idx[-1] + 1]  # (all in capitals: one list scan)
             or all(tk.allcaps[q] or words[q] in _NAME_CONNECTORS for q in idx))
        and not _whole_gaz(tk, idx)
    ):
        _parse_acronyms(tk, idx, out)
        return None
    # the whole run in the gazetteer, or a run ending in a head word
    n, entry = _gaz_at(tk, idx, 0)
    if entry is not None and n == len(idx):
        out.append(_gaz_cand(tk, idx, entry))
        return None
    head_pos = _head_position(tk, idx)
    if head_pos is not None:
        head_kind = lex.heads[tk.bare[idx[head_pos]]][0]
        # leading demonyms and countries qualify the name: "Iranian Quds Force" is the Quds Force
        p = 0
        while p < head_pos:
            ln, e = _gaz_at(tk, idx, p)
            if e is None or (e.rule == "gazetteer" and e.kind not in {"country"}):
                break
            rest = idx[p + ln :]
            n2, e2 = _gaz_at(tk, rest, 0)
            if e2 is not None and n2 == len(rest):
                out.append(_gaz_cand(tk, idx[p : p + ln], e))
                p += ln
                continue
            break
        rest = idx[p:]
        n2, e2 = _gaz_at(tk, rest, 0)
        if e2 is not None and n2 == len(rest):
            out.append(_gaz_cand(tk, rest, e2))
            return None
        if head_kind == "event":
            return None
        out.append(
            _Cand(start=tk.start[rest[0]], end=tk.end[rest[-1]], name=_words_text(tk, rest),
                  kind=head_kind, rule="org_head", tokens=_joined_words(tk, rest),
                  initial=tk.initial[rest[0]])
        )
        return None
    # a title inside the run: prefix (qualifier) + title + name
    for p in range(len(idx)):
        tl = _title_at(tk, idx, p)
        if not tl:
            continue
        name_idx = idx[p + tl :]
        if p + tl < len(idx) and words[idx[p + tl - 1]].islower() and words[idx[p + tl - 1]] not in {
            "commander", "spokesman", "spokeswoman", "president", "senator", "governor", "minister",
            "ambassador", "chairman", "chairwoman", "mayor", "leader", "lawmaker", "cleric", "envoy"
        }:
            continue
        if name_idx and len(name_idx) <= 5 and not any(
            tk.bare[q] in lex.heads or _title_at(tk, name_idx, k) for k, q in enumerate(name_idx)
        ):
            if p:
                qualifier = [q for q in idx[:p] if words[q].lower() not in lex.modifiers]
                _parse_qualifier(tk, qualifier, out)
            title_text = _words_text(tk, idx[p : p + tl])
            if tk.source[tk.end[idx[p + tl - 1]] : tk.end[idx[p + tl - 1]] + 1] == ".":
                title_text += "."
            gender = lex.titles[tuple(tk.bare[q] for q in idx[p : p + tl])]
            before = _modifiers_before(tk, idx[0])
            qual = _words_text(tk, idx[:p]) + " " if p else ""
            role = (before + qual + title_text).strip()
            cand = _person_cand(tk, name_idx)
            if cand is None:
                return None
            cand.start = tk.start[idx[p]]
            cand.rule = "titled"
            cand.titled = True
            cand.kind = "person"
            cand.roles = (*cand.roles, role)
            cand.gender = gender or cand.gender
            out.append(cand)
            return None
        if not name_idx:
            # a role without a name ("the Iraqi Prime Minister"): only the qualifier is an actor
            if p:
                qualifier = [q for q in idx[:p] if words[q].lower() not in lex.modifiers]
                _parse_qualifier(tk, qualifier, out)
            return None
    _parse_plain(tk, idx, out)
    return None


def _modifiers_before(tk: _Tokens, first: int) -> str:
    """Lower-case role words and demonyms just before a title ("caretaker", "top Iranian")."""
    lex = _lexicons()
    words: list[str] = []
    q = first - 1
    while q >= 0 and len(words) < 3:
        if tk.gap(q, q + 1) not in (" ", "-"):
            break
        e = lex.gazetteer.get((tk.key[q],))
        if tk.text[q] in lex.modifiers or (e is not None and e.rule == "demonym"):
            words.insert(0, tk.text[q])
            q -= 1
            continue
        break
    return " ".join(words) + (" " if words else "")


def _head_position(tk: _Tokens, idx: range) -> int | None:
    """Position of the head word that makes the run an organisation, document, place or event
    name: the last word, or a word followed only by an of/for-phrase ("School of Economics")."""
    lex = _lexicons()
    last = tk.bare[idx[-1]]
    if last in lex.heads and not lex.heads[last][1] and len(idx) >= 2:
        return len(idx) - 1
    # the last head word followed by "of", "for" or "on" inside the run
    k = bisect.bisect_right(tk.head_of, idx[-1] - 1) - 1
    if k >= 0 and tk.head_of[k] >= idx[0]:
        return tk.head_of[k] - idx[0]
    return None


def _parse_qualifier(tk: _Tokens, idx: list[int], out: list[_Cand]) -> None:
    """A name before a title ("US" in "US Secretary of State", "Fatah" in "Fatah MP")."""
    if not idx:
        return
    before = len(out)
    _parse_plain(tk, idx, out)
    for c in out[before:]:
        if c.kind is None:
            c.kind = "organization"
            c.rule = "role_qualifier"


def _parse_plain(tk: _Tokens, idx: Sequence[int], out: list[_Cand]) -> None:
    """A run without titles or head words: gazetteer pieces, acronyms and person names."""
    lex = _lexicons()
    p = 0
    pending: list[int] = []

    def flush() -> None:
        if pending:
            c = _person_cand(tk, pending)
            if c is not None:
                out.append(c)
            pending.clear()

    while p < len(idx):
        ln, e = _gaz_at(tk, idx, p)
        if e is not None and ln == 1:
            q = idx[p]
            if (tk.allcaps[q] and not _acronym_ok(tk, q)) or (tk.text[q] in lex.stop and tk.initial[q]):
                e = None
        if e is not None:
            flush()
            out.append(_gaz_cand(tk, idx[p : p + ln], e))
            p += ln
            continue
        pending.append(idx[p])
        p += 1
    flush()


def _parse_acronyms(tk: _Tokens, idx: range, out: list[_Cand]) -> None:
    """``_parse_acronym`` of each word of ``idx`` that is ``_acronym_ok``: what is asked of a word
    alone (its shape, its gazetteer entry) is asked once per distinct word, as a megabyte of
    "U.S. " is one run of two hundred thousand words."""
    lex = _lexicons()
    words, keys, allcaps, initial = tk.text, tk.key, tk.allcaps, tk.initial
    start, end, n = tk.start, tk.end, tk.n
    alone: dict[str, tuple[bool, _Entry | None, bool, tuple[str, ...]]] = {}
    # the neighbour test of _acronym_ok: a word in capitals that is no gazetteer name, for every
    # word of the run and the one on either side (lo + i is word i)
    lo, hi = max(0, idx[0] - 1), min(n, idx[-1] + 2)
    named = {k: (k,) in lex.gazetteer for k in set(keys[lo:hi])}
    loud = [caps and not named[k] for caps, k in zip(allcaps[lo:hi], keys[lo:hi], strict=True)]
    for q in idx:
        w = words[q]
        seen = alone.get(w)
        if seen is None:
            ok = keys[q] not in lex.stop and _acronym_shape(w)
            seen = alone[w] = (ok, lex.gazetteer.get((keys[q],)), w in lex.stop, (w,))
        ok, e, stop, tokens = seen
        # (as _acronym_ok: no neighbour in capitals within three characters)
        if not ok or (q > 0 and loud[q - 1 - lo] and start[q] - start[q - 1] <= 3) or (
            q + 1 < n and loud[q + 1 - lo] and start[q + 1] - end[q] <= 3
        ):
            continue
        if e is not None and not (stop and initial[q]):
            # (as _gaz_cand of the one word: its text is the word)
            out.append(_Cand(start[q], end[q], w, e.kind, e.rule, e.key, (), None, tokens, initial[q]))
            continue
        c = _person_cand(tk, (q,))
        if c is not None:
            out.append(c)


def _parse_acronym(tk: _Tokens, q: int, out: list[_Cand]) -> None:
    """What ``_parse_plain`` makes of the one word ``q``, an acronym (``_acronym_ok``)."""
    lex = _lexicons()
    e = lex.gazetteer.get((tk.key[q],))
    if e is not None and not (tk.text[q] in lex.stop and tk.initial[q]):
        out.append(_gaz_cand(tk, (q,), e))
        return
    c = _person_cand(tk, (q,))
    if c is not None:
        out.append(c)


def _gaz_cand(tk: _Tokens, idx: Sequence[int], e: _Entry) -> _Cand:
    return _Cand(
        start=tk.start[idx[0]], end=tk.end[idx[-1]], name=_words_text(tk, idx),
        kind=e.kind, rule=e.rule, key=e.key, initial=tk.initial[idx[0]],
        tokens=_joined_words(tk, idx),
    )


def _person_cand(tk: _Tokens, idx: Sequence[int]) -> _Cand | None:
    """A run that is neither gazetteer nor organisation: an acronym, or a (possible) person."""
    lex = _lexicons()
    while True:
        skip = 0
        while skip < len(idx) and tk.text[idx[skip]] in lex.stop:
            skip += 1
        idx = idx[skip:]
        if not idx:
            return None
        if len(idx) == 1 and tk.allcaps[idx[0]]:
            q = idx[0]
            if len(tk.key[q]) > 4 or not _acronym_ok(tk, q):
                return None  # "CARLY": a shouted word; acronyms longer than four letters need a definition
            return _Cand(start=tk.start[q], end=tk.end[q], name=tk.text[q], kind=None, rule="acronym",
                         tokens=(tk.text[q],), initial=tk.initial[q])
        several = len(idx) > 1
        for q in idx:
            w = tk.text[q]
            if several and tk.allcaps[q] and len(w) > 1 and w not in _SUFFIXES:
                return None  # "AFP Getty": not a person name
            if _run_together(w):
                return None  # "FlagShareLikeReplySara": words run together by page furniture
        words = _joined_words(tk, idx)
        if len(words) == 1 and len(words[0]) < 2:
            return None
        if (
            len(idx) >= 3 and len(words) >= 2  # "Aa-B-B": three words joined into one
            and tk.initial[idx[0]] and words[0] not in lex.given and words[1] in lex.given
        ):
            # "Comedian Sarah Silverman", "Rival Hillary Clinton": a role word opens the sentence
            idx = idx[1:]
            continue
        break
    if len(words) >= 2 and words[0].rstrip(".") in _PLACE_PREFIXES:
        return _Cand(start=tk.start[idx[0]], end=tk.end[idx[-1]], name=_words_text(tk, idx),
                     kind="place", rule="org_head", tokens=words, initial=tk.initial[idx[0]])
    first = words[0]
    gender = "male" if first in lex.male else "female" if first in lex.female else None
    rule = "full_name" if len(idx) >= 2 else "single"
    return _Cand(
        start=tk.start[idx[0]], end=tk.end[idx[-1]], name=_words_text(tk, idx),
        kind="person" if gender else None, rule=rule, gender=gender, tokens=words,
        initial=tk.initial[idx[0]],
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
    return _analyse(article)


def _analyse(article: Article) -> ArticleActors:
    norm = article._normalized[0]  # (the article's own: normalize()'s cache holds few articles)
    text = norm.text
    # where the sentences start in the normalised text (sorted: sentences are disjoint, in order)
    starts = [s for s, _ in article._sentence_spans]
    tk = _Tokens(text, starts)
    cands: list[_Cand] = []
    # a run parses as the same run with the same words around it did (see _run_context): a name
    # repeated a hundred thousand times is parsed once
    parsed: dict[tuple[object, ...], tuple[int, int, int]] = {}  # context -> where, cands[a:b]
    begun: set[tuple[str, int]] = set()  # (first word, length) of the runs seen: the context of
    # a run is looked for (and kept) only from the second run that begins so (most runs of a
    # news article are the first of their kind)
    for run in _sequences(tk):
        base = tk.start[run[0]]
        context: tuple[object, ...] | None = None
        beginning = (tk.text[run[0]], len(run))
        if beginning in begun:
            context = _run_context(tk, run)
            seen = parsed.get(context)
            if seen is not None:
                where, a, b = seen
                cands.extend([_moved(c, base - where) for c in cands[a:b]])
                continue
        else:
            begun.add(beginning)
        before = len(cands)
        _parse_run(tk, run, cands)
        # "the Badr militia", "the Fatah bloc": a lower-case head after the run
        last = run[-1]
        if last + 1 < tk.n and len(cands) > before:
            head = _lexicons().heads.get(tk.text[last + 1])
            c = cands[-1]
            if (
                head is not None
                and head[1]
                and c.end == tk.end[last]
                and c.kind in (None, "person")
                and not c.titled
                and tk.gap(last, last + 1) == " "
            ):
                c.kind = "organization"
                c.rule = "org_head"
        if context is not None:
            parsed[context] = (base, before, len(cands))  # (nothing changes them before the loop ends)
    lex = _lexicons()
    headlines = _title_case_lines(text)
    if headlines:
        cands = [c for c in cands if c.key is not None or not _inside(headlines, c.start)]
    _mark_cues(tk, cands)
    # a single capitalised word that stands in lower case elsewhere in the article is a common word
    lower_words = tk.lower
    acronyms = _acronym_definitions(text, cands)
    groups: list[_Group] = []
    by_key: dict[str, _Group] = {}
    persons: list[_Group] = []
    orphans: list[_Cand] = []
    singles: list[_Cand] = []
    cands.sort(key=operator.attrgetter("start", "end"))

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
    # a single word resolves as the same word did before (with the same title, gender and roles,
    # and, once a titled surname is seen, that surname seen): each resolved once
    resolved: dict[tuple[object, ...], tuple[tuple[_Group, str] | None, str]] = {}
    for c in singles:
        alike = _single_alike(c, titled_singles)
        known = resolved.get(alike)
        if known is None:
            target = _resolve_single(c, titled_singles, index, org_names)
            resolved[alike] = (target, c.rule)  # (the rule a spelling variant gets)
        else:
            target, rule = known
            c.rule = rule
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
    _pronoun_votes(tk, groups)
    built = (_build(article, norm, g) for g in groups if g.cands)
    actors = [a for a in built if a is not None]
    actors.sort(key=lambda a: (a.mentions[0].span.start if a.mentions else 0, a.name))
    orphan_mentions = tuple(_mentions(article, norm, orphans, "single"))
    return ArticleActors(actors=tuple(actors), orphans=orphan_mentions)


def _run_context(tk: _Tokens, run: range) -> tuple[object, ...]:
    """All that parsing the run reads: its words and the gaps between them, whether each opens a
    sentence, and around it up to three words before (articles, role words before a title, a
    neighbour in capitals) and one after (a lower-case head: "the Badr militia"), with the gaps
    between them and the gap after the last (the full stop after a title)."""
    a, b = run[0], run[-1] + 1
    lo, hi = max(0, a - 3), min(tk.n, b + 1)
    return (a - lo, hi - b, tuple(tk.text[lo:hi]), tuple(tk.gaps[lo + 1 : hi + 1]), tuple(tk.initial[a:b]))


def _single_alike(c: _Cand, titled_singles: dict[str, _Group]) -> tuple[object, ...]:
    """All that resolving the single word ``c`` reads of it (``_resolve_single``), and whether its
    word has been seen as a titled surname (once seen, seen for good)."""
    word = c.tokens[-1] if c.tokens else c.name
    return (c.name, c.tokens, c.rule, c.titled, c.gender, c.roles, word in titled_singles)


def _moved(c: _Cand, by: int) -> _Cand:
    """A copy of the candidate ``c`` (as parsed: nothing resolved yet), ``by`` characters on."""
    # (by position: a keyword call costs twice as much, and copies are made by the hundred thousand)
    return _Cand(c.start + by, c.end + by, c.name, c.kind, c.rule, c.key, c.roles, c.gender, c.tokens,
                 c.initial, False, c.titled)


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case (headlines, section titles: "Black Lawmakers Rip Donald
    Trump"), where capitals do not mark names. A line counts when it is short, does not end like a
    sentence, and three quarters of its words of four letters or more are capitalised."""
    out: list[tuple[int, int]] = []
    # the lines with something on them, each found from its first non-space character: a
    # megabyte of blank lines is one pattern scan
    at = 0
    while (found := _NOT_SPACE.search(text, at)) is not None:
        pos = text.rfind("\n", at, found.start()) + 1 or at  # where its line starts
        end = text.find("\n", found.start())
        if end < 0:
            end = len(text)
        at = end + 1
        stripped = text[pos:end].strip()
        if not stripped.endswith((".", "?", "!", '"', ":")):
            # a line of more than 20 words is no title: on a long line, count no further
            if len(stripped) < 500:
                words = _LETTERS.findall(stripped)
            else:
                words = [m.group() for m in itertools.islice(_LETTERS.finditer(stripped), 21)]
            long = [w for w in words if len(w) >= 4]
            if len(words) <= 20 and len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.75 * len(long):
                out.append((pos, end))
    return out


# A character that is not white space (as str.strip sees it: the pattern's \s lacks U+001C..U+001F).
_NOT_SPACE = regex.compile(r"[^\s\x1c-\x1f]")


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect.bisect_right(spans, (i, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


@functools.lru_cache(maxsize=4096)
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
    if "(" not in text:
        return out
    for c in cands:
        # the definition opens with "(" right after the name or one space later
        if not (text.startswith("(", c.end) or text.startswith("(", c.end + 1)):
            continue
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
    by_length: dict[int, list[str]]  # surnames longer than _DELETION_MAX, by length (casefolded)
    variants: dict[str, list[_Group]] = attrs.field(factory=dict)  # memo of spelling_variants

    @classmethod
    def build(cls, persons: list[_Group]) -> _PersonIndex:
        full = tuple(g for g in persons if any(len(x.tokens) >= 2 for x in g.cands))
        by_surname: dict[str, list[_Group]] = {}
        by_given: dict[str, list[_Group]] = {}
        for g in full:
            # each group once per name (groups are told apart by identity: their keys differ)
            surnames: set[str] = set()
            givens: set[str] = set()
            for tokens in dict.fromkeys(x.tokens for x in g.cands):  # each way of writing it once
                if len(tokens) >= 2:
                    sn = _strip_al(_surname(tokens))
                    if sn not in surnames:
                        surnames.add(sn)
                        by_surname.setdefault(sn, []).append(g)
                    if tokens[0] not in givens:
                        givens.add(tokens[0])
                        by_given.setdefault(tokens[0], []).append(g)
        by_deletion: dict[str, list[str]] = {}
        by_length: dict[int, list[str]] = {}
        for sn in by_surname:
            low = sn.casefold()
            if len(low) > _DELETION_MAX:
                by_length.setdefault(len(low), []).append(sn)
                continue
            for k in _deletions(low):
                by_deletion.setdefault(k, []).append(sn)
        return cls(full=full, by_surname=by_surname, by_given=by_given, by_deletion=by_deletion,
                   by_length=by_length)

    def spelling_variants(self, bare: str) -> list[_Group]:
        """The people whose surname is one edit from ``bare`` (same first letter)."""
        found = self.variants.get(bare)
        if found is None:
            low = bare.casefold()
            found = [g for sn in sorted(self.near(low)) if sn[:1] == bare[:1] and _edit1(sn.casefold(), low)
                     for g in self.by_surname[sn]]
            self.variants[bare] = found
        return found

    def near(self, low: str) -> set[str]:
        """The surnames that may be one edit from ``low`` (casefolded): every surname that is,
        and some that are not."""
        out: set[str] = set()
        if len(low) <= _DELETION_MAX + 1:  # a longer word is more than one edit from every key
            out.update(sn for k in _deletions(low) for sn in self.by_deletion.get(k, ()))
        for n in (len(low) - 1, len(low), len(low) + 1):
            out.update(self.by_length.get(n, ()))
        return out


# Words longer than this are not indexed by their deletions (a word of n letters has n of them,
# n letters long): a hostile megabyte-long word would cost a terabyte.
_DELETION_MAX = 64


def _deletions(low: str) -> set[str]:
    """A word and the words it makes with one letter dropped."""
    return {low} | {low[:i] + low[i + 1 :] for i in range(len(low))}


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
    hits = index.by_surname.get(bare, [])  # filtered into new lists below, never changed
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
        var = index.spelling_variants(bare)
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


def _mark_cues(tk: _Tokens, cands: list[_Cand]) -> None:
    """Mark candidates followed by a speech verb ("Gerges said"), or preceded by one ("said
    Gerges"), a single space between."""
    verbs = _SPEECH_VERBS & tk.distinct
    if not verbs or not cands:
        return
    source, start, end, n, words = tk.source, tk.start, tk.end, tk.n, tk.text
    said = _where(words, verbs)
    if len(cands) < len(said):
        # fewer names than speech verbs: look beside each name
        for c in cands:
            i = bisect.bisect_left(end, c.end)  # the word that ends the candidate
            if (
                i + 1 < n and end[i] == c.end and words[i + 1] in verbs
                and source[c.end : start[i + 1]] == " "
            ):
                c.cue = True
            k = bisect.bisect_left(start, c.start)  # the word that starts it
            if (
                0 < k < n and start[k] == c.start and words[k - 1] in verbs
                and source[end[k - 1] : c.start] == " "
            ):
                c.cue = True
        return
    ends: set[int] = set()  # where a word before a speech verb ends
    starts: set[int] = set()  # where a word after one starts
    for i in said:
        if i > 0 and source[end[i - 1] : start[i]] == " ":
            ends.add(end[i - 1])
        if i + 1 < n and source[end[i] : start[i + 1]] == " ":
            starts.add(start[i + 1])
    for c in cands:
        if c.end in ends or c.start in starts:
            c.cue = True


def _pronoun_votes(tk: _Tokens, groups: list[_Group]) -> None:
    """The first gendered pronoun after a person mention, before the next person mention, is a
    weak gender cue ("Smith said he ...")."""
    pronouns = _HE_SHE & tk.distinct
    if not pronouns:
        return  # no votes to give
    persons = sorted(
        ((c.end, g) for g in groups if g.kind == "person" for c in g.cands), key=operator.itemgetter(0)
    )
    if not persons:
        return
    pron = [(tk.start[i], _PRONOUNS[tk.text[i].lower()])
            for i in itertools.compress(range(tk.n), map(pronouns.__contains__, tk.text))]
    pi = 0
    for k, (end, g) in enumerate(persons):
        nxt = persons[k + 1][0] if k + 1 < len(persons) else len(tk.source)
        while pi < len(pron) and pron[pi][0] < end:
            pi += 1
        if pi < len(pron) and pron[pi][0] < nxt and pron[pi][0] - end < 300:
            g.pronoun_votes[pron[pi][1]] += 1


def _mentions(
    article: Article, norm: Normalized, cands: list[_Cand], rule: str | None = None
) -> list[ActorMention]:
    """The mentions of ``cands``, as spans of the article's text (``rule`` for all, or each its own)."""
    offsets = norm.offsets  # what Normalized.span_to_original reads
    text = article.text
    article_id = article.id
    out = []
    for c in cands:
        s, e = c.start, c.end
        a = offsets[s]
        b = offsets[e - 1] + 1 if e > s else a
        out.append(ActorMention(article_id=article_id, span=Span(a, b), text=text[a:b], rule=rule or c.rule,
                                extractor=EXTRACTOR))
    return out


def _appositive(text: str, end: int) -> str | None:
    """", a professor of diplomacy at the London School of Economics," after a name."""
    if not text.startswith(",", end):
        return None  # the pattern opens with a comma
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


def _forms(names: Iterable[str]) -> Counter[str]:
    """How often each cleaned form of ``names`` is written (each distinct name cleaned once)."""
    forms: Counter[str] = Counter()
    for name, k in Counter(names).items():
        forms[_clean(name)] += k
    return forms


def _build(article: Article, norm: Normalized, g: _Group) -> Actor | None:
    lex = _lexicons()
    mentions = _mentions(article, norm, g.cands)
    text = norm.text
    # everything but the mentions comes from the names (demonyms name no actor): a name repeated a
    # hundred thousand times is cleaned once
    named = [c for c in g.cands if c.rule != "demonym"]
    # aliases and roles go into their sets in the order the names come (a set's order is the order
    # of its first insertions, and shows in its repr)
    aliases: set[str] = set()
    written_forms = dict.fromkeys((text[c.start : c.end], c.name if c.titled else None) for c in named)
    for written, titled in written_forms:
        aliases.add(_clean(written))
        if titled is not None:
            aliases.add(_clean(titled))
    roles: set[str] = set()
    genders: Counter[str] = Counter()  # (only the counts matter: ties tell nothing)
    for gendered, k in Counter(c.gender for c in named if c.gender).items():
        genders[gendered] += 2 * k
    kinds = Counter(c.kind for c in named if c.kind)  # (first seen first: ties go to it)
    for c in named:
        if c.roles:
            roles.update(c.roles)
        if (c.kind == "person" or (c.kind is None and len(c.tokens) >= 2)) and text.startswith(",", c.end):
            app = _appositive(text, c.end)
            if app:
                roles.add(app)
                words = set(_LETTERS.findall(app.lower()))
                for w in words:
                    gen = lex.titles.get((w,))
                    if gen:
                        genders[gen] += 2
    canonical_entry = next(
        (c.key.split(":", 1)[1] for c in named if c.key is not None and c.rule in {"gazetteer", "capital"}),
        None,
    )
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
    bare = named
    if canonical_entry is not None and (canonical_entry in aliases or not bare):
        name = canonical_entry
        aliases.add(name)
    else:
        forms = _forms(c.name for c in bare if not c.name.isupper() or len(bare) == 1 or kind != "person")
        if not forms:
            forms = _forms(c.name for c in bare)
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
