"""``/documents/{id}``: the document reader; ``GET /api/v1/refs/{id}``: its links as a graph."""
from __future__ import annotations

from fastapi import FastAPI, Path, Query

from ...query.documents import DocumentPage, document_page
from ...query.refs import MAX_REFS_DEPTH, RefsGraph, refs_graph
from ..twins import ReaderDep, Twins

DOC_ID = Path(description="Document id (07STATE159388, any spelling), the file it was read from, or its exact title.")


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/documents/{doc_id}", "/documents/{doc_id}", "documents/document.html", tags=["documents"])
    def document(reader: ReaderDep, doc_id: str = DOC_ID,
                 q: str | None = Query(None, description="A search to highlight in the text (its hits are marked).")
                 ) -> DocumentPage:
        """One document: header, paragraphs with mentions and events, references, cited by, thread, sources."""
        return document_page(reader, doc_id, q)

    @twins.page("/refs/{doc_id}", None, "", tags=["documents"])
    def document_refs(reader: ReaderDep, doc_id: str = DOC_ID,
                      depth: int = Query(1, ge=1, le=MAX_REFS_DEPTH, description="How many links to follow.")
                      ) -> RefsGraph:
        """What a document links to (cites, names, describes, answers) and what links to it, to ``depth``."""
        return refs_graph(reader, doc_id, depth)
