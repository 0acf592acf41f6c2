"""The document reader: ``GET /api/v1/documents/{id}`` and ``/documents/{id}``.

Everything ``prolifwatch show`` knows of one document, laid out for reading:
the header fields, the paragraphs as typed segments (``document_text``) with
their events beside them, the references and what cites it (``refs``), its
request/answer thread, the article <-> cable links with their evidence, and
the sources it was read from with their differences (``versions``).

Every query is by the document's pk or id (indexed); a document page reads
one document's rows, never a table.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..citations import evidence_citation, paragraph_citation
from ..errors import NotFound, Suggestion
from ..store import doc_dates
from . import get_document
from .cache import cached
from .context import Reader
from .document_text import EventLine, Segment, events_of, hit_spans, mentions_of, segments, within
from .labels import paragraph_anchor, tag_meaning
from .lookup import find_documents, not_found
from .refs import refs, thread
from .versions import SourceLine, source_lines

class TagLine(BaseModel):
    code: str
    meaning: str | None


class ParagraphView(BaseModel):
    index: int
    number: str | None          # as printed: "¶2.", "2."
    citation: str               # "¶2", "para. 4 (unnumbered)"
    anchor: str                 # the permalink's fragment: "p2", "para-4"
    marking: str | None
    classification: str | None
    caveats: list[str]
    segments: list[Segment]
    events: list[EventLine]


class LinkedDocument(BaseModel):
    """A document at the far end of a link, and what the link rests on."""
    id: str
    link: str                   # cites | names | describes | answers
    in_collection: bool
    kind: str | None
    date: str | None
    title: str | None
    origin: str | None
    printed: str | None = None  # the reference as the citing document prints it
    evidence: str | None = None  # the citing sentence or paragraph
    evidence_document: str | None = None
    evidence_paragraph: str | None = None   # "¶5"
    evidence_anchor: str | None = None
    score: float | None = None
    description: dict[str, Any] | None = None  # what an article says of the cable it describes


class ThreadEntry(BaseModel):
    id: str
    in_collection: bool
    date: str | None
    title: str | None
    depth: int
    answers: str | None = None


class DocumentPage(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: str
    kind: str
    title: str | None
    created: str | None
    created_label: str
    released: str | None = None
    origin: str | None = None
    classification: str | None = None
    caveats: list[str] = []
    precedence: str | None = None
    dtg: str | None = None
    from_: str | None = Field(default=None, alias="from")
    to: list[str] = []
    info: list[str] = []
    tags: list[TagLine] = []
    classified_by: str | None = None
    reasons: list[str] = []
    declassify_on: str | None = None
    signers: list[str] = []
    summary: str | None = None
    author: str | None = None
    publisher: str | None = None
    dateline: str | None = None
    warnings: list[dict[str, Any]] = []
    preamble: str = ""          # the text before the first paragraph (the header as printed)
    closing: str = ""           # the text after the last one
    paragraphs: list[ParagraphView]
    references: list[LinkedDocument]
    cited_by: list[LinkedDocument]
    described: list[LinkedDocument]   # article <-> cable links
    thread: list[ThreadEntry]
    sources: list[SourceLine]
    query: str | None = None
    hits: int = 0


def resolve_document_id(reader: Reader, raw: str) -> str:
    """The stored id ``raw`` names (any cable-id spelling, a file name, an exact title); NotFound with the
    nearest ids otherwise."""
    found = find_documents(reader.store, raw)
    if len(found) == 1:
        return found[0][0]
    if found:
        raise NotFound("single document", raw, [Suggestion(i, t) for i, t in found[:10]],
                       hint="that name fits several documents: pick one by id")
    raise not_found(reader.store, "document", raw)


def document_page(reader: Reader, raw_id: str, q: str | None = None) -> DocumentPage:
    """One document in full (header, paragraphs with mentions, events and search hits, links, sources);
    kept until the store changes (``query.cache``), like the search, entity and graph pages: under
    load, an uncached document page took the server's one core from the kept ones and queued.
    The id is resolved first, so every spelling of it shares one kept page."""
    doc_id = resolve_document_id(reader, raw_id)
    return cached(reader, "document", (doc_id, q or None), lambda: _document_page(reader, doc_id, q or None))


def _document_page(reader: Reader, doc_id: str, q: str | None) -> DocumentPage:
    doc = get_document(reader.store, doc_id)
    db = reader.db
    pk = db.execute("SELECT pk FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    body = doc.text
    mentions = mentions_of(db, pk)
    hits = hit_spans(db, pk, q)
    events = events_of(db, pk)
    ends = [m.end for m in mentions]
    paragraphs, seen_anchors, counted = [], set(), 1
    for p in doc.paragraphs:
        anchor = paragraph_anchor(p.number, p.index)
        if anchor in seen_anchors:  # a number printed twice: the second is reached by its place
            anchor = f"para-{p.index + 1}"
        seen_anchors.add(anchor)
        mine = [(a, b) for a, b in hits if p.start <= a < p.end]
        parts = segments(body, p.start, p.end, within(mentions, ends, p.start, p.end), mine, counted)
        counted += len(mine)
        paragraphs.append(ParagraphView(
            index=p.index, number=p.number, citation=paragraph_citation(p.number, p.index), anchor=anchor,
            marking=p.marking, classification=p.classification, caveats=list(p.caveats), segments=parts,
            events=[e for e in events if e.paragraph == p.index]))
    linked = refs(reader.store, doc_id, depth=1) or {"outgoing": [], "incoming": []}
    common = _header(doc)
    return DocumentPage(
        **common, paragraphs=paragraphs,
        preamble=body[:doc.paragraphs[0].start] if doc.paragraphs else body,
        closing=body[doc.paragraphs[-1].end:] if doc.paragraphs else "",
        references=_references(reader, doc, linked["outgoing"]),
        cited_by=[_linked(e, e["src"]) for e in linked["incoming"] if e["kind"] != "describes"],
        described=[_linked(e, e["src"] if e["dst"] == doc_id else e["dst"])
                   for e in linked["outgoing"] + linked["incoming"] if e["kind"] == "describes"],
        thread=[ThreadEntry(id=t["id"], in_collection=t["in_collection"], date=t["date"], title=t["title"],
                            depth=t["depth"], answers=t.get("answers")) for t in thread(reader.store, doc_id) or []],
        sources=source_lines(reader, doc_id) or [],
        query=q or None, hits=counted - 1)


def _header(doc) -> dict[str, Any]:
    data = doc.to_json()
    created = data.get("created") if doc.kind != "article" else data.get("published")
    out = {"id": doc.id, "kind": doc.kind, "title": data.get("subject") if doc.kind != "article" else data.get("title"),
           "created": created,
           "created_label": doc_dates.label(created, data.get("created_precision") or doc_dates.precision_of(created),
                                            data.get("created_source"))}
    if doc.kind == "article":
        out.update(author=doc.author, publisher=doc.publisher, dateline=doc.dateline)
        return out
    out.update(released=doc.released, origin=doc.origin, classification=doc.classification, caveats=doc.caveats,
               precedence=doc.precedence, dtg=doc.dtg, from_=doc.from_, to=doc.recipients, info=doc.info_recipients,
               tags=[TagLine(code=t, meaning=tag_meaning(t)) for t in doc.tags], classified_by=doc.classified_by,
               reasons=doc.reasons, declassify_on=doc.declassify_on, signers=doc.signers, summary=doc.summary,
               warnings=doc.warnings)
    return out


def _linked(edge: dict[str, Any], far: str) -> LinkedDocument:
    node, evidence = edge["node"], edge.get("evidence")
    evidence = evidence if isinstance(evidence, dict) else {"printed": evidence}
    place = evidence.get("paragraph")  # where the link's evidence is, in the citing document
    return LinkedDocument(
        id=far, link=edge["kind"], in_collection=node["in_collection"], kind=node.get("kind"),
        date=node.get("date"), title=node.get("title"), origin=node.get("origin"),
        printed=evidence.get("printed") or evidence.get("reference"), evidence=evidence.get("text"),
        evidence_document=edge["src"] if place is not None else None,
        evidence_paragraph=evidence_citation(evidence) if place is not None else None,
        evidence_anchor=paragraph_anchor(evidence.get("paragraph_number"), place) if place is not None else None,
        score=edge.get("score"), description=edge.get("description"))


def _references(reader: Reader, doc, outgoing: list[dict[str, Any]]) -> list[LinkedDocument]:
    """What the document cites or names: its links, then the references its header lists that no link
    holds (a store not linked yet), looked up by id."""
    out = [_linked(e, e["dst"]) for e in outgoing if e["kind"] != "describes"]
    linked = {r.id for r in out}
    for ref in getattr(doc, "references", []) or []:
        if ref in linked:
            continue
        row = reader.db.execute("SELECT kind, date, title, origin FROM documents WHERE id = ?", (ref,)).fetchone()
        out.append(LinkedDocument(id=ref, link="cites", in_collection=row is not None, kind=row[0] if row else None,
                                  date=row[1] if row else None, title=row[2] if row else None,
                                  origin=row[3] if row else None))
    return out
