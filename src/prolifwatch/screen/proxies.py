"""List entries and queries as FollowTheMoney entities, the form nomenklatura's matchers compare.

nomenklatura caches the analysis of an entity's names by entity id, so an
id must stand for exactly one set of names: it is made from the list entry,
the names chosen and the extra spelling (or, for a query, from its schema and names).  An alias is
weak when the list marks it weak, and only then: "SBIG", a UN a.k.a., is a name of the party.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

from followthemoney import EntityProxy, model

from ..knowledge.lists import WEAK, ListEntry
from .query import Query

ENTRY_SCHEMATA = {"organization": "Organization", "person": "Person", "vessel": "Vessel",
                  "aircraft": "Airplane", "unknown": "LegalEntity"}
QUERY_SCHEMATA = {"company": "Company", "organization": "Organization", "person": "Person",
                  "vessel": "Vessel", "aircraft": "Airplane", None: "LegalEntity"}
ID_PROPERTIES = {"imo": "imoNumber", "mmsi": "mmsi", "registration": "registrationNumber"}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def entry_proxy(list_name: str, entry: ListEntry, names: Sequence[int] | None = None,
                spelling: str | None = None) -> EntityProxy:
    """The entry with all its names, or only those numbered in ``names`` (the ones worth comparing),
    plus one other ``spelling`` of them (see ``variants.closest_spellings``)."""
    proxy = model.make_entity(ENTRY_SCHEMATA.get(entry.type, "LegalEntity"))
    chosen = range(len(entry.names)) if names is None else names
    proxy.id = f"{list_name}:{entry.id}" + ("" if names is None else ":" + ",".join(map(str, chosen)))
    if spelling:
        proxy.id += ":" + _digest(spelling)
    for number in chosen:
        name = entry.names[number]
        proxy.add("weakAlias" if name.kind == WEAK else ("name" if number == 0 else "alias"), name.text)
    if spelling:
        proxy.add("alias", spelling)
    proxy.add("country", list(entry.countries))
    for identifier in entry.identifiers:
        prop = ID_PROPERTIES.get(identifier.kind)
        if prop and proxy.schema.get(prop):
            proxy.add(prop, identifier.value)
    if entry.flag and proxy.schema.get("flag"):
        proxy.add("flag", entry.flag)
    return proxy


def query_schema(query: Query, entry: ListEntry) -> str:
    """The query's schema for comparing with ``entry``.  A party of no stated type may be any listed
    type: logic-v2 never pairs a LegalEntity with a Vessel or an Airplane, so against those entries
    the party is compared as one."""
    if query.type is None and entry.type in ("vessel", "aircraft"):
        return ENTRY_SCHEMATA[entry.type]
    return QUERY_SCHEMATA.get(query.type, "LegalEntity")


def query_proxy(query: Query, spelling: str | None = None, schema: str | None = None) -> EntityProxy:
    proxy = model.make_entity(schema or QUERY_SCHEMATA.get(query.type, "LegalEntity"))
    proxy.id = "query:" + _digest(f"{proxy.schema.name}|{query.name}|{spelling or ''}")
    proxy.add("name", query.name)
    if spelling:
        proxy.add("alias", spelling)
    if query.country:
        proxy.add("country", query.country)
        if proxy.schema.get("flag"):
            proxy.add("flag", query.country)
    for kind, value in query.identifiers:
        prop = ID_PROPERTIES.get(kind)
        if prop and proxy.schema.get(prop):
            proxy.add(prop, value)
    return proxy
