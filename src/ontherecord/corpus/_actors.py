"""Actor resolution across the articles of a corpus.

Each article's actors (:func:`ontherecord.extract._actors.article_actors`) are merged into corpus
actors:

- gazetteer actors (countries, places, well-known organisations) by their gazetteer identity, other
  organisations and documents by a shared name ("Quds Forces" and "Quds Force" are one name);
- people by the same full name; by transliteration and spelling variants of the same name
  ("Qassem" / "Qasem" / "Qasm" Soleimani, "Adel" / "Abdel" Abdul-Mahdi) when the articles also share
  context (a role word, or at least two other actors); a surname alone ("Trump", "President Obama")
  by the one person of that surname named in full in the corpus, never when two people share it;
- a user alias table forces merges, a forbid table refuses them.

Every merge records why on :attr:`Actor.why`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import regex

from ontherecord._actor import Actor, ActorMention
from ontherecord._article import Article
from ontherecord.errors import DuplicateIdError, InvalidInputError

if TYPE_CHECKING:
    from ontherecord.extract._actors import ArticleActors

__all__ = ["resolve_actors", "same_actor"]

_ROLE_STOP = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "at",
        "in",
        "for",
        "and",
        "on",
        "to",
        "top",
        "former",
        "senior",
        "then",
        "late",
        "current",
        "acting",
        "deputy",
    }
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ARTICLE = regex.compile(r"^(?:al|el|ul)[-\s]")  # the Arabic article opening a name
_DOUBLED = regex.compile(r"(\p{L})\1+")  # a doubled letter
_LETTERS = regex.compile(r"\p{L}+")
# Surnames (transliterated) longer than this are not blocked by their deletions (see step 3).
_DELETION_MAX = 64


@functools.lru_cache(maxsize=65536)
def _translit(word: str) -> str:
    """A name word folded so that transliteration variants meet: case and accents off, the Arabic
    article ("al-") off, q as k, ou as u, ee as i, ph as f, doubled letters single, no hyphens or
    apostrophes."""
    w = unicodedata.normalize("NFKD", word.casefold())
    w = "".join(ch for ch in w if not unicodedata.combining(ch))
    w = _ARTICLE.sub("", w)
    w = w.replace("'", "").replace("-", "")
    w = w.replace("ph", "f").replace("ou", "u").replace("ee", "i").replace("q", "k")
    return _DOUBLED.sub(r"\1", w)


def _indel1(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one inserted or deleted letter."""
    if abs(len(a) - len(b)) != 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _edit1(a: str, b: str) -> bool:
    if _indel1(a, b):
        return True
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or (
        len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    )


def _name_words(name: str) -> list[str]:
    words = [w for w in name.replace(".", " ").split() if w.casefold() not in _SUFFIXES]
    return words


def _person_parts(actor: Actor) -> tuple[str, str] | None:
    """(given name, surname) of a person named in full, from its canonical name."""
    words = _name_words(actor.name)
    if actor.kind != "person" or len(words) < 2:
        return None
    return words[0], words[-1]


def _role_words(actor: Actor) -> set[str]:
    out: set[str] = set()
    for r in actor.roles:
        out.update(w for w in _LETTERS.findall(r.casefold()) if w not in _ROLE_STOP)
    return out


def _similar_given(a: str, b: str) -> bool:
    """Given names that may be one name: equal once transliterated, or one letter inserted or
    dropped in names of four letters or more ("Qasm" / "Qassem", "Adel" / "Abdel"), never a
    changed letter ("Dan" / "Don")."""
    ta, tb = _translit(a), _translit(b)
    if ta == tb:
        return True
    return min(len(ta), len(tb)) >= 4 and ta[0] == tb[0] and _indel1(ta, tb)


def _similar_surname(a: str, b: str) -> bool:
    ta, tb = _translit(a), _translit(b)
    return ta == tb or (min(len(ta), len(tb)) >= 6 and ta[0] == tb[0] and _edit1(ta, tb))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i


def _folded(names: Iterable[str]) -> set[str]:
    return {n.casefold() for n in names}


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors found by :func:`resolve_actors` on the same input are one actor.

    Args:
        a: an actor.
        b: another actor.

    Returns:
        True when they share a mention.

    .. versionadded:: 0.1.0
    """
    return bool(set(a.mentions) & set(b.mentions))


def resolve_actors(
    articles: Iterable[Article],
    *,
    aliases: Iterable[Iterable[str]] | None = None,
    forbid: Iterable[Iterable[str]] | None = None,
    found: Mapping[str, ArticleActors] | None = None,
) -> list[Actor]:
    """Resolve the actors of several articles into corpus actors.

    Args:
        articles: the articles (any order; the result does not depend on it).
        aliases: groups of names the user knows to be one actor: every actor named by one of a
            group's names is merged with the others (``[["Hashd", "PMF"]]``).
        forbid: groups of names that must never be one actor (``[["Bill Clinton", "Hillary
            Clinton"]]``); a merge that would bring two of them together is refused.
        found: each article's actors as :func:`~ontherecord.extract._actors.analyse_article`
            found them, by article id, when already computed (by the worker processes of
            :func:`~ontherecord.analyze`); the others are found here.

    Returns:
        The actors, sorted by kind, then name, then first mention.

    Raises:
        InvalidInputError: an element is not an Article.
        DuplicateIdError: two different articles share an id.

    .. versionadded:: 0.1.0
    """
    from ontherecord.extract._actors import analyse_article

    by_id: dict[str, Article] = {}
    for art in articles:
        if not isinstance(art, Article):
            raise InvalidInputError(f"find_actors needs Article objects, got {type(art).__name__}")
        prev = by_id.get(art.id)
        if prev is not None and prev.text != art.text:
            raise DuplicateIdError((art.id,))
        by_id[art.id] = art
    arts = [by_id[k] for k in sorted(by_id)]
    nodes: list[Actor] = []
    art_of: list[str] = []
    orphans: list[tuple[str, ActorMention]] = []
    for art in arts:
        res = found.get(art.id) if found is not None else None
        if res is None:
            res = analyse_article(art)
        for a in res.actors:
            nodes.append(a)
            art_of.append(art.id)
        orphans.extend((art.id, m) for m in res.orphans)
    uf = _UnionFind(len(nodes))
    members: dict[int, set[int]] = {i: {i} for i in range(len(nodes))}
    why: dict[int, list[str]] = {i: [] for i in range(len(nodes))}
    forbidden = [_folded(g) for g in (forbid or ())]
    forbidden = [g for g in forbidden if len(g) >= 2]

    def names_of(root: int) -> set[str]:
        out: set[str] = set()
        for i in members[root]:
            out |= _folded(nodes[i].aliases)
        return out

    # from step 4 on: the roots of the classes that hold a person named in full, by surname
    # (transliterated), and the other way round; union() keeps both up to date
    surname_roots: dict[str, set[int]] = {}
    root_surnames: dict[int, set[str]] = {}

    def union(i: int, j: int, reason: str) -> bool:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            return True
        if forbidden:
            ni, nj = names_of(ri), names_of(rj)
            for g in forbidden:
                if (ni & g) and (nj & g) and (ni & g) != (nj & g):
                    return False
        lo, hi = min(ri, rj), max(ri, rj)
        uf.parent[hi] = lo
        members[lo] |= members.pop(hi)
        why[lo].extend(why.pop(hi))
        if reason and reason not in why[lo]:
            why[lo].append(reason)
        moved = root_surnames.pop(hi, None)
        if moved:
            for key in moved:
                surname_roots[key].discard(hi)
                surname_roots[key].add(lo)
            root_surnames.setdefault(lo, set()).update(moved)
        return True

    # 1. the user's alias table
    for group in aliases or ():
        names = _folded(group)
        hit = [i for i, a in enumerate(nodes) if _folded(a.aliases) & names]
        for i in hit[1:]:
            union(hit[0], i, f"user alias table: {', '.join(sorted(group))}")
    # 2. same name and kind: gazetteer identities, organisations, documents, people in full
    seen: dict[tuple[str, str], int] = {}
    for i, a in enumerate(nodes):
        keys: list[tuple[str, str]] = []
        if a.kind == "person":
            if _person_parts(a) is not None:
                keys.append(("person", " ".join(_translit(w) for w in _name_words(a.name))))
        else:
            keys.append((a.kind, _org_form(a.name)))
            keys.extend((a.kind, _org_form(x)) for x in a.aliases)
        for k in sorted(set(keys)):
            if k in seen:
                first = nodes[seen[k]].name
                reason = ""
                if a.kind == "person":
                    reason = (
                        f"same name in several articles: {a.name}"
                        if first == a.name
                        else f"{first} and {a.name} are one name transliterated alike"
                    )
                union(seen[k], i, reason)
            else:
                seen[k] = i
    # 3. people: transliteration and spelling variants with shared context. Work on distinct
    # name forms (identical full names are already one actor), blocked by surname deletion keys.
    full = [i for i, a in enumerate(nodes) if _person_parts(a) is not None]
    art_names: dict[str, set[str]] = {}
    for i, a in enumerate(nodes):
        if a.kind != "person":
            art_names.setdefault(art_of[i], set()).add(a.name.casefold())
    forms: dict[tuple[str, str], list[int]] = {}
    for i in full:
        parts = _person_parts(nodes[i])
        assert parts is not None
        forms.setdefault(parts, []).append(i)
    tried: set[tuple[tuple[str, str], tuple[str, str]]] = set()

    def try_pair(fa: tuple[str, str], fb: tuple[str, str]) -> None:
        pair = (fa, fb) if fa < fb else (fb, fa)
        if pair in tried or fa == fb:
            return
        tried.add(pair)
        if not _similar_surname(fa[1], fb[1]) or not _similar_given(fa[0], fb[0]):
            return
        ia, ib = forms[fa], forms[fb]
        if uf.find(ia[0]) == uf.find(ib[0]):
            return
        ga = {nodes[i].gender for i in ia} - {None}
        gb = {nodes[i].gender for i in ib} - {None}
        if len(ga) == 1 and len(gb) == 1 and ga != gb:
            return
        ra = set().union(*(_role_words(nodes[i]) for i in ia))
        rb = set().union(*(_role_words(nodes[i]) for i in ib))
        ca = set().union(*(art_names.get(art_of[i], set()) for i in ia))
        cb = set().union(*(art_names.get(art_of[i], set()) for i in ib))
        shared_roles, shared_ctx = ra & rb, ca & cb
        if not shared_roles and len(shared_ctx) < 2:
            return
        basis = (
            f"shared role {', '.join(sorted(shared_roles))}"
            if shared_roles
            else f"both articles name {', '.join(sorted(shared_ctx)[:3])}"
        )
        union(ia[0], ib[0], f"{' '.join(fa)} and {' '.join(fb)} are spelling variants ({basis})")

    blocks: dict[str, list[tuple[str, str]]] = {}
    by_length: dict[int, list[tuple[str, str]]] = {}  # surnames of _DELETION_MAX letters or more
    for form in sorted(forms):
        t = _translit(form[1])
        if len(t) >= _DELETION_MAX:
            by_length.setdefault(len(t), []).append(form)
            if len(t) > _DELETION_MAX:
                continue  # n deletions of n letters each: a hostile long name would cost n squared
        for dk in {t} | {t[:x] + t[x + 1 :] for x in range(len(t))}:
            blocks.setdefault(dk, []).append(form)
    for block in sorted(blocks):
        bucket = blocks[block]
        for x, fa in enumerate(bucket):
            for fb in bucket[x + 1 :]:
                try_pair(fa, fb)
    # surnames too long for the deletion blocks: compared with every surname within one letter of
    # their length (none such in news)
    for n in sorted(by_length):
        if n <= _DELETION_MAX:
            continue
        for fa in by_length[n]:
            for fb in sorted({*by_length.get(n - 1, ()), *by_length[n], *by_length.get(n + 1, ())}):
                try_pair(fa, fb)
    # 4. people named by surname only: the one person of that surname named in full
    for i in full:
        key = _translit(_person_parts(nodes[i])[1])  # type: ignore[index]
        root = uf.find(i)
        surname_roots.setdefault(key, set()).add(root)
        root_surnames.setdefault(root, set()).add(key)

    def full_roots_with_surname(word: str) -> list[int]:
        return sorted(surname_roots.get(_translit(word), ()))

    for i, a in enumerate(nodes):
        if a.kind != "person" or _person_parts(a) is not None:
            continue
        words = _name_words(a.name)
        if len(words) != 1:
            continue
        roots = full_roots_with_surname(words[0])
        if a.gender is not None:  # "Mrs. Clinton" never joins a man of that surname
            roots = [r for r in roots if {nodes[m].gender for m in members[r]} - {None} <= {a.gender}]
        if len(roots) > 1:
            rw = _role_words(a)
            roots = [r for r in roots if rw & set().union(*(_role_words(nodes[m]) for m in members[r]))]
        if len(roots) == 1:
            target = min(members[roots[0]])
            union(
                roots[0],
                i,
                f"{a.name} is the surname of {nodes[target].name}, the only "
                f"person of that surname named in full",
            )
    # 5. single words an article could not place: the surname of one person named in full
    extra: dict[int, list[ActorMention]] = {}
    for aid, m in orphans:
        roots = full_roots_with_surname(m.text)
        if len(roots) == 1:
            extra.setdefault(uf.find(roots[0]), []).append(
                ActorMention(article_id=aid, span=m.span, text=m.text, rule="surname", extractor=m.extractor)
            )
    out = [_merge([nodes[i] for i in sorted(members[r])], why[r], extra.get(r, [])) for r in sorted(members)]
    out.sort(key=_sort_key)
    return out


def _sort_key(actor: Actor) -> tuple[str, str, str, int, int]:
    first = actor.mentions[0] if actor.mentions else None
    if first is None:
        return (actor.kind, actor.name, "", 0, 0)
    return (actor.kind, actor.name, first.article_id, first.span.start, first.span.end)


def _org_form(name: str) -> str:
    words = name.casefold().replace(".", "").split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] in {"forces", "brigades", "guards", "accords"}:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _merge(parts: list[Actor], reasons: list[str], extra: list[ActorMention]) -> Actor:
    if len(parts) == 1 and not extra and not reasons:
        return parts[0]
    aliases: set[str] = set()
    roles: set[str] = set()
    mentions: list[ActorMention] = list(extra)
    why: list[str] = []
    kinds: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for a in parts:
        aliases |= a.aliases
        roles |= a.roles
        mentions.extend(a.mentions)
        for w in a.why:
            if w not in why:
                why.append(w)
        kinds[a.kind] += len(a.mentions)
        if a.gender:
            genders[a.gender] += 1
        names[a.name] += 1
    for r in reasons:
        if r not in why:
            why.append(r)
    aliases |= {m.text for m in extra}
    kind = max(kinds, key=lambda k: (kinds[k], k))
    name = max(names, key=lambda n: (len(_name_words(n)), names[n], n))
    gender = None
    if len(genders) == 1:
        gender = next(iter(genders))
    elif genders:
        top = genders.most_common()
        gender = top[0][0] if top[0][1] > top[1][1] else None
    return Actor(
        name=name,
        kind=kind,
        aliases=frozenset(aliases),
        mentions=tuple(mentions),
        roles=frozenset(roles),
        gender=gender,
        why=tuple(why),
    )
