"""Linking: mentions become entities, documents link to documents, events become cases.

Each module here is a pure function of plain records (what the store hands
it) plus the knowledge base; ``prolifwatch.store`` reads its inputs and
writes its outputs, and ``prolifwatch.pipeline.resolve_store`` runs the
steps in order: entities, then document links, then cases (cases compare
parties through the entities).
"""
