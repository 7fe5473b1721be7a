"""The actors of a story: :class:`ActorMention` (one place a name stands) and :class:`Actor` (one
person, organisation, country, place, document or group under all its names)."""

from __future__ import annotations

import operator
from collections.abc import Iterable

import attrs

from ontherecord._article import Span
from ontherecord.errors import InvalidInputError

__all__ = ["ACTOR_KINDS", "Actor", "ActorMention"]

#: The kinds an :class:`Actor` may have.
ACTOR_KINDS: frozenset[str] = frozenset(
    {"person", "organization", "country", "place", "document", "group"}
)

#: The genders an :class:`Actor` may carry (``None`` when nothing tells).
_GENDERS = frozenset({"male", "female"})


def _str_frozenset(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(str(v) for v in value)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _mention_tuple(value: Iterable[ActorMention]) -> tuple[ActorMention, ...]:
    # spans sort by start, then end: compare the ints, not the attrs instances (ten times cheaper)
    return tuple(sorted(value, key=_MENTION_ORDER))


_MENTION_ORDER = operator.attrgetter("article_id", "span.start", "span.end")


def _check_kind(instance: Actor, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ACTOR_KINDS:
        raise InvalidInputError(f"actor kind must be one of {sorted(ACTOR_KINDS)}, got {value!r}")


def _check_gender(instance: Actor, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and value not in _GENDERS:
        raise InvalidInputError(f"actor gender must be 'male', 'female' or None, got {value!r}")


@attrs.frozen(kw_only=True)
class ActorMention:
    """One place where an actor is named: ``text`` is ``article.text[span.start:span.end]``.

    ``rule`` says how the words were recognised: ``"full_name"``, ``"titled"`` ("President
    Trump"), ``"surname"``, ``"given_name"``, ``"spelling_variant"``, ``"acronym"``,
    ``"acronym_definition"``, ``"gazetteer"``, ``"capital"`` (a metonym such as "Washington"),
    ``"demonym"`` ("Iranian": links to the country, never an alias), ``"org_head"``,
    ``"role_qualifier"`` ("Fatah" in "Fatah MP").

    .. versionadded:: 0.1.0
    """

    article_id: str
    span: Span
    text: str
    rule: str
    extractor: str = "ontherecord.actors.v1"


@attrs.frozen(kw_only=True)
class Actor:
    """A person, organisation, country, place, document or group, under all its names.

    Attributes:
        name: the canonical name (one of ``aliases``).
        kind: ``"person"``, ``"organization"``, ``"country"``, ``"place"``, ``"document"`` or
            ``"group"``.
        aliases: every surface form that names the actor (titled forms such as "President Trump"
            included; demonyms such as "Iranian" excluded).
        mentions: every place the actor is named, sorted by article id and position.
        roles: titles and roles the text gives the actor ("President", "caretaker Prime
            Minister", "a professor of diplomacy at the London School of Economics").
        gender: ``"male"``, ``"female"`` or ``None``, from titles, gendered roles, given names and
            (weakly) pronouns that follow a mention; for resolving pronouns.
        why: why these names were judged one actor, one reason per merge.

    .. versionadded:: 0.1.0
    """

    name: str
    kind: str = attrs.field(validator=_check_kind)
    aliases: frozenset[str] = attrs.field(converter=_str_frozenset)
    mentions: tuple[ActorMention, ...] = attrs.field(default=(), converter=_mention_tuple)
    roles: frozenset[str] = attrs.field(default=frozenset(), converter=_str_frozenset)
    gender: str | None = attrs.field(default=None, validator=_check_gender)
    why: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
