"""The case pages (``/cases`` and ``/cases/{id}``): a case is one transfer as
several documents report it.  Each party, item, route and carrier comes with
the sentences it was read from; where documents disagree on a role, the
values stand side by side with their sources.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from ..errors import BadParameter
from .cases import find_cases, get_case
from .context import Reader
from .lookup import not_found
from .page_sources import Source, folded, source_of

# the roles a case merges, in the order a reader follows a transfer
ROLES = ("supplier", "broker", "origin", "items", "via", "carrier", "destination", "recipient", "end_user")


class CaseState(BaseModel):
    """The latest state the case's documents report (resolve/cases): e.g. interdicted, with where it is said."""
    state: str | None
    date: str | None
    document: str | None


class CaseLine(BaseModel):
    id: str
    title: str
    first_date: str | None
    last_date: str | None
    documents: int
    document_ids: list[str]
    transfers: int
    actions: int
    statuses: list[str]
    conflicts: list[str]
    state: CaseState | None = None
    confidence: float | None
    mean_confidence: float | None


class CaseList(BaseModel):
    entity: str | None
    entity_resolved: list[str]     # what ``entity`` resolved to (entity ids)
    entity_described: str | None = None  # the same, said: "China (country:CN)"
    min_documents: int
    min_confidence: float | None
    limit: int | None              # None: every case
    cases: list[CaseLine]


class CaseSource(Source):
    idx: int | None = None         # the event's place among its document's events ("07STATE159388#17")


class RoleValue(BaseModel):
    value: str | None              # an entity id or key, or None for a text without one
    name: str | None
    texts: list[str]               # as the documents write it
    link: str | None               # the entity page
    sources: list[CaseSource]


class Role(BaseModel):
    role: str
    values: list[RoleValue]
    conflict: bool                 # the documents disagree on it


class CaseEvent(BaseModel):
    event_id: str | None
    type: str
    kind: str | None = None
    date: str | None
    status: str | None = None
    confidence: float | None
    review: str | None
    actor: list[str] = []
    counterpart: list[str] = []
    extracted_counterpart: list[str] = []   # an action: whom the text names, when the case's party differs
    document_date: str | None = None        # what an undated action is dated by
    source: CaseSource


class CaseDocument(BaseModel):
    id: str
    kind: str | None = None
    date: str | None = None
    title: str | None = None
    in_collection: bool
    link: str | None


class Status(BaseModel):
    status: str
    date: str | None
    document: str


class LatestState(BaseModel):
    """The latest state the case's documents report (interdicted, delivered ...), who brought it
    about, and the sentence that says so."""
    state: str
    by: list[str] = []
    date: str | None
    source: CaseSource


class NotParty(BaseModel):
    """An argument the case does not count as a party (a programme as "end user"), with where it was read."""
    role: str
    text: str
    value: str | None = None
    document: str
    idx: int | None = None


class CasePage(BaseModel):
    id: str
    title: str
    first_date: str | None
    last_date: str | None
    confidence: float | None
    mean_confidence: float | None
    roles: list[Role]
    conflicts: list[Role]          # the disagreeing roles again, for the side-by-side view
    transfers: list[CaseEvent]
    actions: list[CaseEvent]
    statuses: list[Status]
    documents: list[CaseDocument]
    timeline_url: str
    graph_url: str
    state: LatestState | None = None
    not_parties: list[NotParty] = []


def case_list(reader: Reader, entity: str | None = None, min_documents: int = 1,
              min_confidence: float | None = None, limit: int | None = 50) -> CaseList:
    """Cases, most documents first; with ``entity``, those it takes part in.  ``limit``
    None lists every case (the CLI's ``--limit 0``; the API asks for pages of at most 500)."""
    if min_documents < 1:
        raise BadParameter("min_documents", "must be 1 or more")
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise BadParameter("min_confidence", "must be between 0 and 1")
    if limit is not None and not 1 <= limit <= 500:
        raise BadParameter("limit", "must be between 1 and 500")
    cases, party = find_cases(reader.store, entity=entity or None, min_documents=min_documents,
                              min_confidence=min_confidence, limit=-1 if limit is None else limit)
    if party is not None and not party.resolved:
        raise not_found(reader.store, "entity", entity or "")
    return CaseList(entity=entity, entity_resolved=[e["id"] for e in party.entities] if party else [],
                    entity_described=party.described() if party else None,
                    min_documents=min_documents, min_confidence=min_confidence, limit=limit,
                    cases=[CaseLine(**{k: c.get(k) for k in CaseLine.model_fields}) for c in cases])


def _source(evidence: dict[str, Any]) -> CaseSource:
    return CaseSource(**source_of(evidence).model_dump(), idx=evidence.get("idx"))


def _value(value: dict[str, Any]) -> RoleValue:
    key = value.get("value")
    return RoleValue(value=key, name=value.get("name"), texts=[folded(t) for t in value.get("texts", [])],
                     link=f"/entities/{quote(key, safe='')}" if key else None,
                     sources=[_source(s) for s in value.get("sources", [])])


def _event(event: dict[str, Any], type_: str) -> CaseEvent:
    return CaseEvent(event_id=event.get("event_id"), type=type_, kind=event.get("kind"), date=event.get("date"),
                     status=event.get("status"), confidence=event.get("confidence"), review=event.get("review"),
                     actor=event.get("actor") or [], counterpart=event.get("counterpart") or [],
                     extracted_counterpart=event.get("extracted_counterpart") or [],
                     document_date=event.get("document_date"), source=_source(event))


def _state(state: dict[str, Any] | None) -> LatestState | None:
    if not state or not state.get("state") or not state.get("document"):
        return None
    return LatestState(state=state["state"], by=state.get("by") or [], date=state.get("date"), source=_source(state))


def case_page(reader: Reader, case_id: str) -> CasePage:
    case = get_case(reader.store, case_id)
    if case is None:
        raise not_found(reader.store, "case", case_id)
    conflicting = {c["role"]: c for c in case["conflicts"]}
    roles = [Role(role=r, values=[_value(v) for v in case["roles"].get(r, [])], conflict=r in conflicting)
             for r in [*ROLES, *sorted(set(case["roles"]) - set(ROLES))] if case["roles"].get(r)]
    quoted = quote(case["id"], safe="")
    return CasePage(
        id=case["id"], title=case["title"], first_date=case["first_date"], last_date=case["last_date"],
        confidence=case.get("confidence"), mean_confidence=case.get("mean_confidence"), roles=roles,
        conflicts=[Role(role=c["role"], values=[_value(v) for v in c["values"]], conflict=True)
                   for c in case["conflicts"]],
        transfers=[_event(e, "transfer") for e in case["transfers"]],
        actions=[_event(e, "diplomatic_action") for e in case["actions"]],
        statuses=[Status(status=s["status"], date=s.get("date"), document=s["document"]) for s in case["statuses"]],
        documents=[CaseDocument(**d, link=f"/documents/{quote(d['id'], safe='')}" if d["in_collection"] else None)
                   for d in case["documents"]],
        timeline_url=f"/timeline/{quoted}", graph_url=f"/graph?start={quoted}",
        state=_state(case.get("state")),
        not_parties=[NotParty(**{k: n.get(k) for k in NotParty.model_fields}) for n in case.get("not_parties", [])],
    )
