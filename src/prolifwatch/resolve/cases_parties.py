"""Which arguments of a transfer are real parties, and the host government of a cable.

A case needs real parties: a redaction mark, a programme, a directive or an
intelligence office named in a tasking cable sends and receives nothing.  What
is no party is decided by the entity's type and by names and words listed in
``data/cases.yaml`` (``not_parties``), never by code.

The host government of a cable is the country of the post it comes from
("Embassy Beijing": China) or, for a Washington cable to a single post, of that
post ("AMEMBASSY BEIJING"); a démarche is delivered to it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

PARTY_ROLES = ("supplier", "recipient", "end_user")


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class PartyRule:
    """``is_party(value, text, type)``: False for what ``not_parties`` rules out.

    ``value`` is the argument's entity id or key; ``names`` (entity id -> name and
    type) lets a resolved entity be judged by its own name and type, not only by the
    words of one mention."""

    def __init__(self, config: Mapping[str, Any], entities: Mapping[str, tuple[str, str]] | None = None):
        rules = config["not_parties"]
        self.types = set(rules["types"])
        self.names = {_fold(n) for n in rules["names"]}
        self.words = {_fold(w) for w in rules["words"]}
        self.patterns = [re.compile(p) for p in rules["patterns"]]
        self.entities = entities or {}

    def _name_rules_out(self, text: str) -> bool:
        folded = _fold(text)
        if not folded:
            return False
        if folded in self.names or any(p.search(text) for p in self.patterns):
            return True
        return bool(self.words & set(re.findall(r"\w+", folded)))

    def is_party(self, value: str, text: str, type_: str | None) -> bool:
        name, entity_type = self.entities.get(value, ("", None))
        if (entity_type or type_) in self.types:
            return False
        return not (self._name_rules_out(text) or self._name_rules_out(name))


def split_parties(record: dict[str, Any], rule: PartyRule, value_of) -> dict[str, Any]:
    """The transfer with the arguments that are no party moved out of the party roles into
    ``not_parties`` (role, text, value), where the record keeps them for the reader."""
    removed = []
    for role in PARTY_ROLES:
        kept = []
        for argument in record.get(role) or []:
            if rule.is_party(value_of(argument), str(argument.get("text", "")), argument.get("type")):
                kept.append(argument)
            else:
                removed.append({"role": role, "text": " ".join(str(argument.get("text", "")).split()),
                                "value": value_of(argument)})
        if role in record:
            record[role] = kept
    if removed:
        record["not_parties"] = removed
    return record


@lru_cache(maxsize=1)
def _place_countries() -> dict[str, str]:
    """Casefolded capital, place or country name -> ISO code, from the knowledge base."""
    from ..knowledge import default_knowledge

    kb = default_knowledge()
    found: dict[str, str] = {}
    for place in kb.entities:
        if place.country and place.type in ("Place", "Port", "City", "Site"):
            for name in (place.name, *place.aliases):
                found.setdefault(_fold(name), place.country)
    for country in kb.countries:
        if country.capital:
            found[_fold(country.capital)] = country.id
    for country in kb.countries:  # "Embassy Kuwait", "Embassy Panama": the city named like its state
        found.setdefault(_fold(country.name), country.id)
    return found


def post_country(post: str | None, config: Mapping[str, Any]) -> str | None:
    """The ISO code of the country a post ("Embassy Beijing", "AMEMBASSY BEIJING") sits in."""
    if not post:
        return None
    city = _fold(post).replace(",", " ")
    for prefix in sorted(config["post_prefixes"], key=len, reverse=True):
        if city.startswith(prefix + " "):
            city = city[len(prefix) + 1:].strip()
            break
    else:
        return None  # not a post (Secretary of State, a mission, a newspaper)
    city = " ".join(city.split())
    listed = {_fold(k): v for k, v in config["post_countries"].items()}
    return listed.get(city) or _place_countries().get(city)


def host_country(origin: str | None, recipients: Iterable[str], config: Mapping[str, Any]) -> str | None:
    """The host government's key ("country:CN") of a cable: its post's, else its one addressed post's."""
    own = post_country(origin, config)
    if own:
        return f"country:{own}"
    addressed = {c for c in (post_country(r, config) for r in recipients) if c}
    return f"country:{addressed.pop()}" if len(addressed) == 1 else None
