"""Speaker resolution: turn the words that name a speaker into an :class:`~ontherecord.Actor`.

A pronoun resolves to the previous compatible speaker, else to the nearest earlier compatible name
outside quotation marks (gender from given names and titles for he/she; a country or organisation
of the shared gazetteers for they/it); a surname to the earlier full name; a title and name to the
name ("Fatah MP Ahmad al-Kinany"); a role ("Iraq's caretaker prime minister") to an actor named by
the role when the article gives no name. Names are read from the text around the mention rather
than from :func:`ontherecord.extract._actors.article_actors`, which costs about twenty times more
than attribution itself; the actors are matched to speakers by name at corpus level.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable

import regex

from ontherecord import _data
from ontherecord._actor import ACTOR_KINDS, Actor, ActorMention
from ontherecord._article import Article, Span

__all__ = ["SpeakerResolver", "mention_name", "pronoun_info"]

# A capitalised name token, or a name particle ("al-Kinany", "bin", "de").
_NAME_TOKEN = (
    r"(?:\p{Lu}[\p{L}\p{M}.'’\-]*"  # a capitalised word
    r"|(?:al|el|bin|ibn|de|van|von|da|del|der|la|le|du)(?:-\p{Lu}[\p{L}\p{M}'’\-]*)?)"  # a particle
)
_NAME_TOKEN_RE = regex.compile(_NAME_TOKEN)
_LOWER_AFTER_HYPHEN = regex.compile(r"-\p{Ll}")  # "pro-Iranian", "Iranian-backed"
_LOWER_WORD = regex.compile(r"[a-z]+")
_GENDERED_PRONOUN = regex.compile(r"\b(he|his|him|she|her)\b")
_POSSESSIVE_END = regex.compile(r"['’]s$")
_LEADING_THE = regex.compile(r"^(?:the|The)\s+")


def _is_name(word: str) -> bool:
    return _NAME_TOKEN_RE.fullmatch(word) is not None


_NAME_RUN = regex.compile(
    rf"""
    {_NAME_TOKEN}(?:[ ]{_NAME_TOKEN}){{0,5}}+   # up to six capitalised words in a row
    """,
    regex.VERBOSE,
)
# Words that head a group or organisation description ("the Kataeb Hezbollah faction").
_GENERIC_TAIL = frozenset(
    ["faction", "group", "militia", "movement", "party", "bloc", "coalition", "organization", "organisation"]
)
_OFFICE_WORDS = frozenset(
    [
        "State",
        "Defense",
        "Defence",
        "Foreign",
        "Affairs",
        "Interior",
        "Treasury",
        "Justice",
        "Homeland",
        "Security",
        "House",
        "Senate",
        "Energy",
        "Health",
        "Education",
        "Commerce",
        "Labor",
        "Agriculture",
        "Finance",
        "Staff",
        "Joint",
        "Chiefs",
        "Navy",
        "Army",
    ]
)
_STOP_CAPS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(t.rstrip(".") for t in _data.lines("speaker_titles"))


@functools.cache
def _pronouns() -> dict[str, tuple[str, str]]:
    out = {}
    for line in _data.lines("pronouns"):
        word, kind, gender = line.split()
        out[word] = (kind, gender)
    return out


@functools.cache
def _gender_words() -> tuple[frozenset[str], frozenset[str]]:
    return _data.word_set("female_markers"), _data.word_set("male_markers")


def pronoun_info(word: str) -> tuple[str, str] | None:
    """Return ``(kind, gender)`` for a speaker pronoun ("he" -> person, male), else None.

    .. versionadded:: 0.1.0
    """
    return _pronouns().get(word.casefold())


@functools.lru_cache(maxsize=4096)  # a pure function of the words: the same mention recurs
def mention_name(mention: str) -> tuple[str, str]:
    """Return the name a mention gives its speaker, and a guessed kind.

    Titles and leading articles are stripped ("Fatah MP Ahmad al-Kinany" -> "Ahmad al-Kinany"),
    generic heads dropped ("the Kataeb Hezbollah faction" -> "Kataeb Hezbollah"); a description
    without a name ("Iraq's caretaker prime minister") is kept whole.

    .. versionadded:: 0.1.0
    """
    words = mention.split()
    titles = _titles()
    last_title = -1
    for i, w in enumerate(words):
        if w.rstrip(".") in titles or w.rstrip(".") in {
            "Prime",
            "Minister",
            "Secretary",
            "Deputy",
            "Foreign",
        }:
            last_title = i
    if 0 <= last_title < len(words) - 1 and _is_name(words[-1]):
        rest = words[last_title + 1 :]
        run: list[str] = []
        for w in reversed(rest):  # the trailing run of names: "of State Mike Pompeo" -> "Mike Pompeo"
            if not _is_name(w) or w in _OFFICE_WORDS:
                break
            run.insert(0, w)
        if run:
            return " ".join(run), "person"
    if words and words[0].lower() == "the":
        words = words[1:]
    # "Priorities USA chief strategist Guy Cecil": a description ending in a full name
    run = []
    for w in reversed(words):
        if not _is_name(w) or w.endswith(("'s", "’s")):
            break
        run.insert(0, w)
    if (
        2 <= len(run) < len(words)
        and words[-len(run) - 1][:1].islower()
        and words[-len(run) - 1] not in {"of", "for", "at"}
    ):
        return " ".join(run), "person"
    if len(words) >= 2 and words[-1].lower() in _GENERIC_TAIL and words[-2][:1].isupper():
        core: list[str] = []
        for w in reversed(words[:-1]):  # "pro-Iranian Kataeb Hezbollah" -> "Kataeb Hezbollah"
            if not w[:1].isupper() or _LOWER_AFTER_HYPHEN.search(w):
                break
            core.insert(0, w)
        if core:
            return " ".join(core), "organization"
    if words and all(_is_name(w) for w in words) and not words[-1].endswith(("'s", "’s")):
        return " ".join(words), "person" if len(words) >= 2 else "unknown"
    return mention.strip(), "group"


def _make_actor(article: Article, name: str, kind: str, span: Span, gender: str | None) -> Actor:
    """An actor built from a speaker mention the article's actor finder did not give."""
    k = kind if kind in ACTOR_KINDS else "person"
    mention = ActorMention(
        article_id=article.id, span=span, text=article.text[span.start : span.end], rule="speaker"
    )
    return Actor(
        name=name,
        kind=k,
        aliases=frozenset({name}),
        mentions=(mention,),
        gender=gender if k == "person" else None,
        why=("named as a speaker",),
    )


def _actor_spans(actor: Actor) -> tuple[Span, ...]:
    return tuple(m.span for m in actor.mentions)


class SpeakerResolver:
    """Resolves the speaker mentions of one article, in text order, remembering earlier speakers.

    .. versionadded:: 0.1.0
    """

    def __init__(self, article: Article, in_quote: Callable[[int], bool] | None = None) -> None:
        self.text = article.text
        self._article = article
        self._in_quote = in_quote or (lambda pos: False)
        self.history: list[tuple[int, Actor]] = []  # (mention start, actor), in resolution order
        self._people: list[tuple[int, int, str, str | None]] | None = None
        self._groups: list[tuple[int, int, str, str]] | None = None
        self._made: dict[str, Actor] = {}
        # per surname: (asked before, scanned up to, full name found, where) of the last lookup
        self._full_names: dict[str, tuple[int, int, str | None, int]] = {}

    def _named(self, name: str, kind: str, span: Span) -> Actor:
        key = name.casefold()
        for prev in self._made.values():  # a surname resolves to an earlier full name
            pname = prev.name
            if pname.casefold() == key or (
                kind in {"person", "unknown"}
                and prev.kind == "person"
                and " " not in name
                and pname.split()[-1].casefold() == key
            ):
                return prev
        gender = self._gender_of(span)
        actor = _make_actor(self._article, name, kind, span, gender)
        self._made[key] = actor
        return actor

    def _gender_of(self, span: Span) -> str | None:
        female, male = _gender_words()
        words = set(_LOWER_WORD.findall(self.text[span.start : span.end].lower()))
        if words & female:
            return "female"
        if words & male:
            return "male"
        given_male, given_female = _given_names()
        for w in self.text[span.start : span.end].split():
            if w in given_female:
                return "female"
            if w in given_male:
                return "male"
        # else the first gendered pronoun after the mention, within its paragraph (so that
        # text appended after the paragraph never changes an earlier result)
        end = self.text.find("\n", span.end, span.end + 200)
        window = self.text[span.start : end if end >= 0 else min(len(self.text), span.end + 200)].lower()
        after = _GENDERED_PRONOUN.findall(window)
        if after:
            return "female" if after[0] in {"she", "her"} else "male"
        return None

    def remember(self, start: int, actor: Actor) -> None:
        """Record that ``actor`` spoke at ``start`` (the previous-speaker memory)."""
        self.history.append((start, actor))

    def resolve(self, span: Span, kind_hint: str | None = None) -> tuple[Actor | None, str]:
        """Return ``(actor or None, source kind)`` for the speaker mention at ``span``.

        The source kind is one of person, organization, country, document, anonymous.
        """
        mention = self.text[span.start : span.end]
        if mention == "who":
            # ", who said": the name before the comma
            m = regex.search(
                rf"({_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,4}}),[ ]$",
                self.text[max(0, span.start - 80) : span.start],
            )
            if m is None:
                return None, "person"
            base = max(0, span.start - 80)
            return self.resolve(Span(start=base + m.start(1), end=base + m.end(1)), kind_hint)
        pron = pronoun_info(mention)
        if pron is not None:
            return self._resolve_pronoun(span, mention.casefold(), pron)
        name, guess = mention_name(mention)
        known = _gazetteer()[0].get(name) or _gazetteer()[0].get(_POSSESSIVE_END.sub("", name))
        if known is not None and (guess != "person" or (" " in name and known[1] != "country")):
            # a country or organisation of the shared gazetteers: "Iran denied", "the Taliban said";
            # a name of several words found whole in them is no person's name, whatever its shape
            # ("the State Department said", "Credit Suisse said")
            return self._named(known[0], known[1], span), _source_kind(known[1])
        if kind_hint == "document":
            return self._named(name, "document", span), "document"
        if guess == "group":
            if kind_hint == "anonymous":
                return None, "anonymous"
            if _is_role(mention):
                # a role the article gives no name for: "Iraq's caretaker prime minister"
                role = _LEADING_THE.sub("", mention.strip())
                return self._named(role, "person", span), "person"
            return None, "person"
        if guess == "unknown":
            # a single capitalised word: a surname of an earlier speaker, else a name of its own
            for _, prev in reversed(self.history):
                if (
                    prev is not None
                    and prev.kind == "person"
                    and prev.name.split()[-1].casefold() == name.casefold()
                ):
                    return prev, "person"
            full = self._full_name_before(name, span.start)
            if full:
                return self._named(full, "person", span), "person"
            return self._named(name, "person", span), "person"
        return self._named(name, guess, span), _source_kind(guess)

    def _full_name_before(self, surname: str, before: int) -> str | None:
        """The earliest full name ("Fawaz Gerges") that ends in ``surname`` within the window
        before ``before``. Lookups come in text order, so what an earlier lookup of the same
        surname found (or ruled out) is reused: each occurrence is examined once, and a text that
        repeats one surname thousands of times stays linear."""
        lo = max(0, before - _FULL_NAME_WINDOW)
        start = lo
        memo = self._full_names.get(surname)
        if memo is not None and memo[0] <= before:
            _asked, scanned, found, at = memo
            if found is not None and lo <= at < before:
                return found
            if found is None:
                start = max(lo, min(scanned, before))  # occurrences before ``scanned`` gave nothing
        i = self.text.find(surname, start, before)
        looked = 0
        while i >= 0 and looked < _FULL_NAME_TRIES:
            looked += 1
            at = i
            after = i + len(surname)
            nxt = self.text[after : after + 1]
            m = _NAMES_BEFORE.search(self.text, max(0, i - 80), i) if not (nxt.isalnum()) else None
            i = self.text.find(surname, after, before)
            if m is None:
                continue
            first = m.group().split()
            first = [
                w
                for w in first
                if w.rstrip(".") not in _titles()
                and w not in _STOP_CAPS
                and w not in {"Prime", "Minister", "Secretary", "Deputy", "Foreign"}
            ]
            if first:
                full = " ".join([*first, surname])
                self._full_names[surname] = (before, at, full, at)
                return full
        self._full_names[surname] = (before, before if i < 0 else i, None, -1)
        return None

    def _resolve_pronoun(self, span: Span, word: str, info: tuple[str, str]) -> tuple[Actor | None, str]:
        kind, gender = info
        if word in {"i", "you", "we"}:
            # outside quotation marks "I" is the writer (quotations are resolved by their cue)
            if word == "i" and not self._in_quote(span.start):
                return None, "author"
            return None, "person" if word != "we" else "organization"
        want_person = kind == "person"
        # prefer the previous speaker when compatible
        for _, prev in reversed(self.history[-3:]):
            if prev is None:
                continue
            pk = prev.kind
            if want_person and pk == "person":
                pg = prev.gender
                if pg is None or pg == gender:
                    return prev, "person"
                continue
            if not want_person and pk in {"organization", "country", "group"}:
                return prev, _source_kind(pk)
            break
        # else the nearest earlier compatible name outside quotations
        found = self._nearest_person(span.start, gender) if want_person else self._nearest_group(span.start)
        if found is not None:
            return found, _source_kind(found.kind)
        return None, "person" if want_person else "organization"

    def _nearest_person(self, pos: int, gender: str) -> Actor | None:
        """The nearest earlier person named in full ("Donald Trump") or by title ("President Trump")."""
        if self._people is None:
            self._people = self._find_people()
        k = bisect.bisect_left(self._people, (pos,))
        while k > 0:
            k -= 1
            start, end, name, g = self._people[k]
            if start < pos - _WINDOW:
                break
            if end <= pos and (g is None or g == gender):
                return self._named(name, "person", Span(start=start, end=end))
        return None

    def _find_people(self) -> list[tuple[int, int, str, str | None]]:
        """Every full or titled person name outside quotations, with its gender where known."""
        male, female = _given_names()
        out: list[tuple[int, int, str, str | None]] = []
        for m in _PERSON_NAME.finditer(self.text):
            if self._in_quote(m.start()):
                continue
            words = m.group().split()
            name, kind = mention_name(m.group())
            if kind != "person":
                continue
            first = name.split()[0]
            titled = len(words) > len(name.split())
            g = "male" if first in male else "female" if first in female else None
            if g is None and titled:
                g = _title_gender(words[0])
            if g is None and not titled:
                continue  # two capitalised words nobody calls a person
            out.append((m.start(), m.end(), name, g))
        return out

    def _nearest_group(self, pos: int) -> Actor | None:
        """The nearest earlier country or organisation of the gazetteer ("they", "it")."""
        if self._groups is None:
            surfaces, pattern = _gazetteer()
            self._groups = [
                (m.start(), m.end(), *surfaces[m.group()])
                for m in pattern.finditer(self.text)
                if not self._in_quote(m.start())
            ]
        k = bisect.bisect_left(self._groups, (pos,))
        while k > 0:
            k -= 1
            start, end, canonical, kind = self._groups[k]
            if start < pos - _WINDOW:
                break
            if end <= pos:
                return self._named(canonical, kind, Span(start=start, end=end))
        return None


_WINDOW = 1500
_FULL_NAME_TRIES = 48  # earlier occurrences of a surname examined for its full name
_FULL_NAME_WINDOW = 20000


# one to three names right before a surname: "Fawaz " in "Fawaz Gerges"
_NAMES_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_NAME_TOKEN} ){{1,3}}\Z")


_PERSON_NAME = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{N}}'’.\-])
    (?:(?:{_NAME_TOKEN})[ ]){{1,3}}{_NAME_TOKEN}     # two to four capitalised words: a full name
    (?![\p{{L}}\p{{N}}\-])
    """,
    regex.VERBOSE,
)


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    return _data.word_set("given_names_male"), _data.word_set("given_names_female")


def _title_gender(title: str) -> str | None:
    female, male = _gender_words()
    t = title.rstrip(".").lower()
    return "female" if t in female else "male" if t in male else None


@functools.cache
def _gazetteer() -> tuple[dict[str, tuple[str, str]], regex.Pattern[str]]:
    """Country names, capitals and organisation names, with their canonical name and kind, from
    the shared gazetteers (countries.txt, organizations.txt)."""
    surfaces: dict[str, tuple[str, str]] = {}
    for line in _data.lines("countries"):
        fields = [f.strip() for f in line.split("|")]
        canonical = fields[0]
        for field in fields[:3]:
            for name in field.split(";"):
                name = name.strip()
                if name and name[:1].isupper():
                    surfaces.setdefault(name, (canonical, "country"))
    for line in _data.lines("organizations"):
        fields = [f.strip() for f in line.split("|")]
        canonical, kind = fields[0], fields[1] if len(fields) > 1 and fields[1] else "organization"
        if kind not in ACTOR_KINDS:
            kind = "organization"
        names = [canonical] + ([n.strip() for n in fields[2].split(";")] if len(fields) > 2 else [])
        for name in names:
            if name and len(name) > 2:
                surfaces.setdefault(name, (canonical, kind))
    # a prefix tree of the names: greedy at every branch, so the longest name that ends at a word
    # boundary wins, as with a longest-first alternation, at a fraction of the cost
    alternatives = _data.trie(sorted(surfaces))
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}\-])(?:{alternatives})(?![\p{{L}}\p{{N}}\-])")
    return surfaces, pattern


_ROLE_WORDS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "chief",
        "director",
        "governor",
        "senator",
        "ambassador",
        "general",
        "commander",
        "chairman",
        "chairwoman",
        "head",
        "official",
        "adviser",
        "advisor",
        "envoy",
        "mayor",
        "king",
        "queen",
        "prince",
        "ayatollah",
        "cleric",
        "premier",
        "chancellor",
        "founder",
        "ceo",
    ]
)


@functools.lru_cache(maxsize=4096)
def _is_role(mention: str) -> bool:
    """Whether a description names one office holder ("Iraq's caretaker prime minister")."""
    words = mention.lower().split()
    return (
        bool(words)
        and words[-1] in _ROLE_WORDS
        and words[0] not in {"a", "an", "some", "many"}
        and ("'s" in mention or "’s" in mention or any(w[:1].isupper() for w in mention.split()[1:]))
    )


def _source_kind(kind: str) -> str:
    if kind in {"person", "organization", "country", "document"}:
        return kind
    if kind == "place":
        return "country"
    if kind == "group":
        return "anonymous"
    return "person"
