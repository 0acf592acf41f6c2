"""The store as FollowTheMoney entities (line-delimited JSON, as ``ftm validate``,
``ftm aggregate``, Aleph and OpenSanctions' tools read it).

The mapping, and why:
- documents: cables -> ``PlainText`` (the cable text; fileName ``<id>.txt``),
  articles -> ``Article``; title, date/publishedAt, author (signers, byline),
  publisher (origin), keywords (TAGS), bodyText.  A cited document the store
  lacks is a ``PlainText`` with only its id, noted "not in collection".
- entities -> the schema export/data/ftm_schemata.yaml names (countries as
  ``PublicBody`` with ``country`` set, since they are parties to transfers).
- mentions -> ``Mention``, one per (document, entity): the surface forms as
  names, ``resolved`` to the entity when FtM allows it (a LegalEntity).
- transfers and diplomatic actions -> ``Event``.  FtM has no transfer
  schema: ``Payment``/``Trip`` would claim money or travel, ``UnknownLink``
  has no date or location.  An Event carries date, summary (the evidence
  sentence), ``involved`` parties, ``organizer`` (the acting government of a
  démarche), location (destination, transit) and ``proof`` (the document).
  Each party-to-party relation (supplies, ships_via, end_user_of, acts_on;
  query/data/graph_edges.yaml) is also an ``UnknownLink`` with that role,
  so FtM graph tools draw the edge; vessels, which an Event cannot name as
  involved, appear there.
- document links -> ``UnknownLink`` between the two documents, role = link
  kind (cites, describes, names, answers); ``Documentation`` would need one
  side to be a non-document entity.
- cases -> ``Event`` spanning first to last date, with an ``UnknownLink``
  (role "case member") to each of its transfer events.
The full event and case records, which FtM cannot hold, go to a JSONL file
beside the entities (see ``write_ftm``), each line with its ``ftm_id``.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ..citations import evidence_citation
from ..datafiles import data_yaml
from ..query import export_rows as rows
from ..query.graph_rules import event_edges
from ..store import doc_dates
from .ftm_ids import document_id, entity_id, event_id, ftm_id

_PARTY_ROLES = ("supplier", "recipient", "end_user", "actor", "counterpart")
_PLACE_ROLES = ("destination", "via", "origin")
_EVENT_TITLES = {"transfer": "Transfer", "diplomatic_action": "Diplomatic action"}


@cache
def _schemata() -> tuple[str, dict[str, str | None]]:
    data = data_yaml(__package__, "ftm_schemata.yaml")
    return data["default"], data["types"]


def schema_for(entity_type: str | None) -> str | None:
    default, types = _schemata()
    return types.get(entity_type, default) if entity_type else default


def _date(value: str | None) -> str | None:
    """ISO date without time: FtM would move a local midnight to the previous UTC day."""
    return value[:10] if value else None


def _put(proxy: EntityProxy, prop: str, values: Any) -> None:
    """Add values as FtM will keep them: names and addresses with single spaces
    (FtM's cleaning is not idempotent on line breaks), and no value longer than
    its type allows (a long cable's text is cut at 65,000 characters; the JSONL
    export keeps it whole)."""
    if values is None:
        return
    prop_type = proxy.schema.get(prop).type
    for value in [values] if isinstance(values, str) else values:
        if value is None:
            continue
        value = str(value)
        if prop_type.name in ("name", "address", "string"):
            value = " ".join(value.split())
        if prop_type.max_length and len(value) > prop_type.max_length:
            value = value[: prop_type.max_length]
        if value:
            proxy.add(prop, value)


def _make(schema: str, id_: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = id_
    return proxy


class FtmExport:
    """Streams the store as FtM proxies; ``records`` collects what FtM cannot hold."""

    def __init__(self, db: sqlite3.Connection, on_record: Callable[[dict[str, Any]], None] | None = None):
        self.db = db
        self.on_record = on_record or (lambda record: None)
        self.entity_schema: dict[str, str] = {}   # store entity id -> FtM schema, for exported entities
        self.documents: set[str] = set()

    def proxies(self) -> Iterator[EntityProxy]:
        yield from self._documents()
        yield from self._entities()
        yield from self._mentions()
        yield from self._events()
        yield from self._document_links()
        yield from self._cases()

    # -- documents -------------------------------------------------------------
    def _documents(self) -> Iterator[EntityProxy]:
        for doc in rows.iter_documents(self.db):
            record = doc["record"]
            proxy = _make("Article" if doc["doc_kind"] == "article" else "PlainText", document_id(doc["id"]))
            _put(proxy, "fileName", f"{doc['id']}.txt")
            _put(proxy, "title", doc["title"])
            _put(proxy, "name", doc["id"])
            if doc["doc_kind"] == "article":
                _put(proxy, "publishedAt", _date(doc["date"]))
                _put(proxy, "author", record.get("author"))
                _put(proxy, "publisher", record.get("publisher"))
            else:
                # FtM dates may be a year or a month: a year-precision "2008-01-01" is "2008"
                _put(proxy, "date", _date(doc_dates.shown(doc["date"], doc["created_precision"])))
                _put(proxy, "author", record.get("signers") or [])
                _put(proxy, "publisher", doc["origin"])
            _put(proxy, "keywords", doc["tags"])
            _put(proxy, "summary", record.get("summary") if isinstance(record.get("summary"), str) else None)
            _put(proxy, "notes", " ".join(filter(None, [doc["classification"], *doc["caveats"]])) or None)
            _put(proxy, "bodyText", doc.get("body"))
            self.documents.add(doc["id"])
            yield proxy
        for missing in rows.iter_missing_documents(self.db):
            proxy = _make("PlainText", document_id(missing["id"]))
            _put(proxy, "fileName", f"{missing['id']}.txt")
            _put(proxy, "name", missing["id"])
            _put(proxy, "notes", "not in collection: cited or described by documents in the collection")
            for description in missing["descriptions"]:
                _put(proxy, "description", json.dumps(description, ensure_ascii=False, sort_keys=True))
            self.documents.add(missing["id"])
            yield proxy

    # -- entities and mentions -------------------------------------------------
    def _entities(self) -> Iterator[EntityProxy]:
        for entity in rows.iter_entities(self.db):
            schema = schema_for(entity["type"])
            if schema is None:
                continue
            proxy = _make(schema, entity_id(entity["id"]))
            name_prop = "full" if schema == "Address" else "name"
            _put(proxy, name_prop, entity["name"])
            if schema != "Address":
                _put(proxy, "alias", [a for a in entity["aliases"] if a != entity["name"]])
            attributes = entity["attributes"]
            country = attributes.get("country") or _country_of_key(entity["id"])
            _put(proxy, "country", country)
            if schema == "Vessel":
                _put(proxy, "flag", attributes.get("flag"))
                _put(proxy, "imoNumber", attributes.get("imo"))
            if proxy.schema.get("keywords"):
                _put(proxy, "keywords", entity["type"])
            _put(proxy, "notes", f"ProlifWatch entity {entity['id']}; mention keys: {', '.join(entity['members'])}")
            self.entity_schema[entity["id"]] = schema
            yield proxy

    def _mentions(self) -> Iterator[EntityProxy]:
        for row in rows.iter_document_entities(self.db):
            schema = self.entity_schema.get(row["entity"])
            if schema is None:
                continue
            proxy = _make("Mention", ftm_id("mention", f"{row['document']}|{row['entity']}"))
            _put(proxy, "document", document_id(row["document"]))
            _put(proxy, "name", row["names"])
            _put(proxy, "detectedSchema", schema)
            if model.get(schema).is_a("LegalEntity"):
                _put(proxy, "resolved", entity_id(row["entity"]))
            yield proxy

    # -- events ------------------------------------------------------------------
    def _events(self) -> Iterator[EntityProxy]:
        for event in rows.iter_events(self.db):
            proxy_id = event_id(event["document"], event["idx"])
            proxy = _make("Event", proxy_id)
            by_role: dict[str, list[dict[str, Any]]] = {}
            for argument in event["arguments"]:
                by_role.setdefault(argument["role"], []).append(argument)
            _put(proxy, "name", _event_name(event, by_role))
            record = event["record"]
            evidence = record.get("evidence") or {}
            _put(proxy, "summary", evidence.get("text"))
            _put(proxy, "description", _event_description(event, by_role))
            _add_dates(proxy, event["date"])
            _put(proxy, "proof", document_id(event["document"]))
            _put(proxy, "recordId", event["id"])
            for role in _PARTY_ROLES:
                for argument in by_role.get(role, []):
                    target = argument["entity"]
                    if target and model.get(self.entity_schema.get(target, "Thing")).is_a("LegalEntity"):
                        _put(proxy, "organizer" if role == "actor" else "involved", entity_id(target))
            for role in _PLACE_ROLES:
                _put(proxy, "location", [a["text"] for a in by_role.get(role, [])])
            self.on_record({"kind": "event", "ftm_id": proxy_id, **event})
            yield proxy
            yield from self._event_links(event, proxy_id)

    def _event_links(self, event: dict[str, Any], proxy_id: str) -> Iterator[EntityProxy]:
        arguments = [(a["role"], a["entity"]) for a in event["arguments"] if a["entity"]]
        for src, kind, dst in event_edges(event["type"], arguments):
            if src not in self.entity_schema or dst not in self.entity_schema:
                continue
            link = _make("UnknownLink", ftm_id("link", f"{event['id']}|{src}|{kind}|{dst}"))
            _put(link, "subject", entity_id(src))
            _put(link, "object", entity_id(dst))
            _put(link, "role", kind)
            _add_dates(link, event["date"])
            _put(link, "proof", document_id(event["document"]))
            _put(link, "recordId", event["id"])
            _put(link, "summary", (event["record"].get("evidence") or {}).get("text"))
            yield link

    # -- links and cases ---------------------------------------------------------
    def _document_links(self) -> Iterator[EntityProxy]:
        for link in rows.iter_document_links(self.db):
            proxy = _make("UnknownLink", ftm_id("doclink", f"{link['src']}|{link['link_kind']}|{link['dst']}"))
            _put(proxy, "subject", document_id(link["src"]))
            _put(proxy, "object", document_id(link["dst"]))
            _put(proxy, "role", link["link_kind"])
            evidence = link["evidence"]
            _put(proxy, "summary", evidence.get("text") if isinstance(evidence, dict) else evidence)
            if link["description"] is not None:
                _put(proxy, "description", json.dumps(link["description"], ensure_ascii=False, sort_keys=True))
            _put(proxy, "status", "dst not in collection" if not link["dst_in_collection"] else None)
            yield proxy

    def _cases(self) -> Iterator[EntityProxy]:
        for case in rows.iter_cases(self.db):
            case_id = ftm_id("case", case["id"])
            proxy = _make("Event", case_id)
            _put(proxy, "name", case["title"] or case["id"])
            _put(proxy, "startDate", _date(case["first_date"]))
            _put(proxy, "endDate", _date(case["last_date"]))
            _put(proxy, "recordId", case["id"])
            _put(proxy, "keywords", "case")
            self.on_record({"kind": "case", "ftm_id": case_id, **case})
            yield proxy
            for event_ref in case["events"]:
                doc, _, idx = event_ref.rpartition("#")
                member = _make("UnknownLink", ftm_id("casemember", f"{case['id']}|{event_ref}"))
                _put(member, "subject", case_id)
                _put(member, "object", event_id(doc, int(idx)))
                _put(member, "role", "case member")
                yield member


def _country_of_key(key: str) -> str | None:
    prefix, _, code = key.partition(":")
    return code.lower() if prefix == "country" and len(code) == 2 else None


def _add_dates(proxy: EntityProxy, value: str | None) -> None:
    if not value:
        return
    if "/" in value:  # an event window "start/end"
        start, _, end = value.partition("/")
        _put(proxy, "startDate", _date(start) or None)
        _put(proxy, "endDate", _date(end) or None)
    else:
        _put(proxy, "date", _date(value))


def _texts(by_role: dict[str, list[dict[str, Any]]], role: str) -> str:
    return ", ".join(dict.fromkeys(a["text"] for a in by_role.get(role, [])))


def _event_name(event: dict[str, Any], by_role: dict[str, list[dict[str, Any]]]) -> str:
    title = (event["event_kind"] or _EVENT_TITLES.get(event["type"], event["type"])).capitalize()
    if event["type"] == "transfer":
        parties = " → ".join(filter(None, [_texts(by_role, "supplier"), _texts(by_role, "recipient")]))
        items = _texts(by_role, "items")
    else:
        parties = " → ".join(filter(None, [_texts(by_role, "actor"), _texts(by_role, "counterpart")]))
        items = ""
    return ": ".join(filter(None, [title, parties, items])) or f"{title} in {event['document']}"


def _event_description(event: dict[str, Any], by_role: dict[str, list[dict[str, Any]]]) -> str:
    parts = [f"{event['type']} {event['id']}"]
    evidence = event["record"].get("evidence")
    if evidence:  # where a reader finds the summary sentence: the paragraph as the document numbers it
        parts.append(f"stated in {event['document']} {evidence_citation(evidence)}")
    if event["status"]:
        parts.append(f"status: {event['status']}")
    for role in ("items", "quantity", "carrier", "via", "origin", "destination", "end_user"):
        if by_role.get(role):
            parts.append(f"{role}: {_texts(by_role, role)}")
    return "; ".join(parts)


def write_ftm(db: sqlite3.Connection, entities: TextIO, records: TextIO | None,
              on_entity: Callable[[], None] | None = None) -> dict[str, int]:
    """Write FtM entities to ``entities`` and event/case records to ``records``
    (one JSON object per line each); return counts by schema."""
    def on_record(record: dict[str, Any]) -> None:
        if records is not None:
            records.write(json.dumps(record, ensure_ascii=False) + "\n")

    counts: dict[str, int] = {}
    for proxy in FtmExport(db, on_record).proxies():
        entities.write(json.dumps(proxy.to_dict(), ensure_ascii=False) + "\n")
        counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
        if on_entity:
            on_entity()
    return counts
