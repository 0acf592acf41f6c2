"""The xref hits: stored entities that may be listed parties, for the analyst's verdicts.

``xref`` (query/screening.py) screens every stored entity against the loaded
lists and keeps the hits; this reads them back, best first, each with what
explains it (the features of the match) and what the entity rests on (its
surface forms and documents).  A dismissed hit is no longer stored: the
decisions page lists it, and can change the verdict.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .context import Reader
from .screen_parties import Feature, loaded
from .screening import hits_for

DEFAULT_LIMIT = 200
Review = Literal["all", "open", "confirmed"]


class SurfaceForm(BaseModel):
    text: str
    count: int


class Evidence(BaseModel):
    mentions: list[SurfaceForm] = Field(default_factory=list, description="the entity's names as written, commonest "
                                                                          "first")
    documents: list[str] = Field(default_factory=list, description="documents naming it (the first ones by id)")
    document_count: int = 0


class XrefHit(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    entity_type: str
    entity_key: str = Field(description="the stored entity's key (its entity page: /entities/{key})")
    entity_name: str = Field(description="its commonest name, as screened")
    list_name: str = Field(alias="list")
    entry_id: str
    listing: str = Field(description="LIST:ENTRY_ID, as the verdict action takes it")
    name: str = Field(description="the listed name")
    type: str | None = Field(None, description="the listed party's type (Organization, Person, Vessel ...)")
    score: float
    programmes: list[str] = Field(default_factory=list)
    listed_on: str | None = None
    status: str | None = Field(None, description="listed, delisted ... (stored hits are screened without a date: "
                                                 "None)")
    list_as_of: str | None = None
    countries: list[str] = Field(default_factory=list)
    identifiers: list[str] = Field(default_factory=list, description="the listing's identifiers, kind:value")
    aliases: list[str] = Field(default_factory=list, description="the listing's other names")
    weak_alias: str | None = Field(None, description="the listed weak alias the entity is written as: a lead, "
                                                     "not an identification")
    explanation: list[Feature] = Field(default_factory=list)
    evidence: Evidence = Field(default_factory=Evidence)
    review: Literal["confirmed"] | None = Field(None, description="the analyst's verdict (a dismissed hit is gone)")


class XrefHits(BaseModel):
    lists: int = Field(description="sanctions lists loaded")
    total: int = Field(description="stored hits matching the filter")
    open: int = Field(description="stored hits without a verdict")
    confirmed: int
    review: Review = Field(description="the filter: all, open (no verdict yet) or confirmed")
    hits: list[XrefHit] = Field(description="best first, at most limit")
    limit: int | None = Field(description="None: every hit")


def _hit(record: dict[str, Any]) -> XrefHit:
    return XrefHit.model_validate({**record, "listing": f"{record['list']}:{record['entry_id']}",
                                   "evidence": record.get("evidence") or {}})


def xref_hits(reader: Reader, review: Review = "all", limit: int | None = DEFAULT_LIMIT) -> XrefHits:
    """The stored xref hits, best first: all, those without a verdict (``open``) or the confirmed ones;
    at most ``limit`` (None: all of them, as ``xref --show`` lists them)."""
    records = hits_for(reader.store)
    confirmed = sum(1 for r in records if r.get("review") == "confirmed")
    chosen = [r for r in records if review == "all" or (r.get("review") == "confirmed") == (review == "confirmed")]
    return XrefHits(lists=len(loaded(reader).lists), total=len(chosen), open=len(records) - confirmed,
                    confirmed=confirmed, review=review, hits=[_hit(r) for r in chosen[:limit]], limit=limit)
