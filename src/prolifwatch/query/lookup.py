"""Finding what a user names, and what they may have meant when nothing is found.

Documents are named by id (cable ids in any spelling), by the file they were
read from (with or without its folder and extension: articles have opaque
ids such as article-03c5935401c2b59c, but their files have names) or by their
exact title.  When nothing matches, ``not_found`` makes the error both faces
raise, with "did you mean" from ``nearest_*`` (the closest ids and names) and,
where it helps, "run resolve" (``linking_missing``: the store has no links yet).

This is the one "did you mean" of the project: the CLI's errors and the API's
404s take their suggestions here.  On a store of up to ``FULL_SCAN_ROWS``
rows every id, name, alias, title and file name is compared; past that,
comparing all of them takes seconds (a 404 a client can ask for at will), so
only the neighbourhood of what was typed in the id and name indexes is.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from rigour.text.distance import jaro_winkler

from ..cable import canonical_id
from ..errors import NotFound, Suggestion  # Suggestion: what to type (id) and what it is called (name)

SUGGESTIONS = 5
MIN_SIMILARITY = 0.8  # Jaro-Winkler, 0-1: below this a suggestion is noise
# A typed beginning ("LIMMT" of "LIMMT Economic and Trade Company") counts, a little below a whole match.
PREFIX_WEIGHT = 0.95
FULL_SCAN_ROWS = 20000      # up to this many rows in a table, every choice is compared
NEIGHBOURS = 2000           # past it, at most this many rows from each index range compared



def find_documents(store, text: str) -> list[tuple[str, str | None]]:
    """(id, title) of the documents ``text`` names: its id, else the files it
    was read from (path, file name, or file name without extension), else its
    exact title (case-insensitive).  Several when a name fits several."""
    db = store.db
    text = text.strip()
    candidates = [text] + [c for c in (canonical_id(text),) if c and c != text]
    for doc_id in candidates:
        row = db.execute("SELECT id, title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row:
            return [tuple(row)]
    by_file = _documents_by_file(db, text)
    if by_file:
        return by_file
    return [tuple(r) for r in db.execute(
        "SELECT id, title FROM documents WHERE title = ? COLLATE NOCASE ORDER BY id", (text,))]


def _documents_by_file(db, text: str) -> list[tuple[str, str | None]]:
    """Documents read from a file whose path, base name or stem is ``text``.
    A cables.csv holds many documents: naming it names them all."""
    name = os.path.basename(text.rstrip("/"))
    if not name:
        return []
    # The base name is a suffix of the stored path: LIKE narrows, Python decides.
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found: dict[str, str | None] = {}
    for doc_id, title, path in db.execute(
        "SELECT d.id, d.title, s.path FROM sources s JOIN documents d ON d.pk = s.pk "
        "WHERE s.path LIKE ? ESCAPE '\\' ORDER BY d.id", (pattern,)):
        base = os.path.basename(path)
        if text in (path, base, os.path.splitext(base)[0]) or path.endswith("/" + text.lstrip("./")):
            found.setdefault(doc_id, title)
    return list(found.items())


def _similarity(typed: str, text: str) -> float:
    """How close ``text`` is to what was typed (both case-folded): the whole of
    it, or its beginning as long as what was typed."""
    whole = jaro_winkler(typed, text)
    if len(text) > len(typed) + 2:
        return max(whole, PREFIX_WEIGHT * jaro_winkler(typed, text[:len(typed) + 2]))
    return whole


def nearest(query: str, choices: dict[str, Suggestion], limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The suggestions whose text is closest to ``query``, best first, one per id
    (ties in the order of ``choices``)."""
    typed = " ".join(query.casefold().split())
    if not typed:
        return []
    scored = [(_similarity(typed, " ".join(text.casefold().split())), n, suggestion)
              for n, (text, suggestion) in enumerate(choices.items())]
    seen: dict[str, Suggestion] = {}
    for score, _, suggestion in sorted(scored, key=lambda t: (-t[0], t[1])):
        if score < MIN_SIMILARITY or len(seen) == limit:
            break
        seen.setdefault(suggestion.id, suggestion)
    return list(seen.values())


def not_found(store, what: str, name: str) -> NotFound:
    """The error for a ``what`` ("document", "entity", "case", "document or link") that ``name`` does not
    name, with the nearest ones and, where the store is not linked yet, the hint to link it."""
    if what == "case":
        suggestions = nearest_cases(store, name)
    elif what == "entity":
        suggestions = nearest_entities(store, name)
    else:
        suggestions = nearest_documents(store, name)
    return NotFound(what, name, suggestions, linking_missing=what != "document" and linking_missing(store))


def _few(db, table: str) -> bool:
    """Whether ``table`` is small enough to compare every row with what was typed."""
    return db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (FULL_SCAN_ROWS + 1,)
                      ).fetchone()[0] <= FULL_SCAN_ROWS


def _in_index_ranges(db, queries: list[tuple[str, list[str]]], typed: str, limit: int,
                     suggestion: Callable[[tuple], list[tuple[str, Suggestion]]]) -> list[Suggestion]:
    """``nearest`` among the rows of ``queries`` (each an SQL range ``? <= column < ?`` of an index with a
    LIMIT, and the typed forms to range over) that share the first 6 characters of a form, else its
    first 4, else 2: the first length that gives any suggestion.  ``suggestion`` makes a row's choices."""
    for length in (6, 4, 2):
        choices: dict[str, Suggestion] = {}
        for sql, forms in queries:
            for form in dict.fromkeys(f for f in forms if len(f) >= length):
                for row in db.execute(sql, (form[:length], form[:length] + "\uffff", NEIGHBOURS)):
                    for text, made in suggestion(row):
                        choices.setdefault(text, made)
        if found := nearest(typed, choices, limit):
            return found
    return []


def nearest_documents(store, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Documents whose id, title or file name is closest to ``text`` (on a big store: whose id)."""
    db = store.db
    choices: dict[str, Suggestion] = {}
    if not _few(db, "documents"):
        canonical = canonical_id(text)
        forms = [canonical] if canonical else [text.strip(), "".join(text.split()).upper()]
        return _in_index_ranges(db, [("SELECT id, title FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                                      forms)], canonical or text, limit,
                                lambda row: [(row[0], Suggestion(*row))])
    for doc_id, title in db.execute("SELECT id, title FROM documents"):
        suggestion = Suggestion(doc_id, title)
        choices.setdefault(doc_id, suggestion)
        if title:
            choices.setdefault(title, suggestion)
    for doc_id, title, path in db.execute(
            "SELECT d.id, d.title, s.path FROM sources s JOIN documents d ON d.pk = s.pk"):
        choices.setdefault(os.path.splitext(os.path.basename(path))[0], Suggestion(doc_id, title))
    return nearest(text, choices, limit)


def nearest_entities(store, name: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Entities whose id, name or an alias is closest to ``name`` (on a big store: id or name); the
    busiest entity first among equally close ones (rows come in that order)."""
    db = store.db
    if not _few(db, "entities"):
        typed = " ".join(name.split())
        return _in_index_ranges(db, [
            ("SELECT id, name FROM entities WHERE id >= ? AND id < ? LIMIT ?", [typed, typed.lower()]),
            ("SELECT id, name FROM entities WHERE name >= ? COLLATE NOCASE AND name < ? COLLATE NOCASE LIMIT ?",
             [typed])], name, limit, lambda row: [(text, Suggestion(*row)) for text in row if text])
    choices: dict[str, Suggestion] = {}
    for entity_id, entity_name, alias in db.execute(
            "SELECT e.id, e.name, a.value FROM entities e, json_each(e.aliases) a ORDER BY e.documents DESC, e.id"):
        suggestion = Suggestion(entity_id, entity_name)
        for text in (entity_name, entity_id, alias):
            choices.setdefault(text, suggestion)
    return nearest(name, choices, limit)


def nearest_cases(store, case_id: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Cases whose id or title is closest to ``case_id`` (on a big store: whose id)."""
    db = store.db
    if not _few(db, "cases"):
        return _in_index_ranges(db, [("SELECT id, title FROM cases WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                                      [case_id.strip().lower()])], case_id, limit,
                                lambda row: [(row[0], Suggestion(*row))])
    choices: dict[str, Suggestion] = {}
    for id_, title in db.execute("SELECT id, title FROM cases ORDER BY id"):
        suggestion = Suggestion(id_, title)
        choices.setdefault(id_, suggestion)
        choices.setdefault(title, suggestion)
    return nearest(case_id, choices, limit)


def linking_missing(store) -> bool:
    """Whether entities, links and cases are absent or out of date: documents
    are stored but linking has not run since (the only time 'resolve' helps)."""
    if store.linking_pending():
        return True
    has_documents = store.db.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0]
    has_entities = store.db.execute("SELECT EXISTS (SELECT 1 FROM entities)").fetchone()[0]
    return bool(has_documents and not has_entities)
