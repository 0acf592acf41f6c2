"""The store's schema as an ordered list of migrations.

A database records the number of migrations applied to it; opening it
applies the missing ones, each in its own transaction.  Never edit a
migration that has shipped: add the next one.
"""
from __future__ import annotations

V1 = """
CREATE TABLE documents (
    -- Small columns first: SQLite reads a row's columns in order, and a
    -- column after the long body costs a walk through its overflow pages.
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    date TEXT,                  -- created (cables) or published (articles), ISO 8601
    released TEXT,
    origin TEXT,
    classification TEXT,        -- level: UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET
    caveats TEXT,               -- JSON list
    preference TEXT NOT NULL,   -- which record wins when several sources give one
    title TEXT,                 -- cable subject or article title (indexed)
    tags TEXT,                  -- space-separated TAGS (indexed)
    record TEXT NOT NULL,       -- every other field, JSON
    body TEXT NOT NULL          -- the document text; paragraph offsets point into it (indexed)
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_origin ON documents(origin COLLATE NOCASE);
CREATE INDEX documents_classification ON documents(classification);

CREATE TABLE document_tags (
    pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (pk, tag)
) WITHOUT ROWID;
CREATE INDEX document_tags_tag ON document_tags(tag);

CREATE TABLE sources (
    pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    row INTEGER NOT NULL DEFAULT 0,   -- record number in a multi-document file, 0 for a whole file
    UNIQUE (path, sha256, row)
);
CREATE INDEX sources_pk ON sources(pk);

-- Paragraph text is not stored twice: it is documents.body[start:end].
CREATE TABLE paragraphs (
    pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    number TEXT,
    marking TEXT,
    classification TEXT,
    caveats TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (pk, idx)
) WITHOUT ROWID;

-- External-content FTS5 over documents(title, tags, body): the text is kept
-- once, in documents, and snippet() can still read it.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, tags, body,
    content='documents', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
"""

# Extraction results: mentions and events point at their document and paragraph
# and carry document-text offsets; extractions records which documents have
# been through extraction (a document with no mentions is still extracted).
V2 = """
CREATE TABLE extractions (
    pk INTEGER PRIMARY KEY REFERENCES documents(pk) ON DELETE CASCADE,
    extractor TEXT NOT NULL
);
CREATE TABLE mentions (
    pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    key TEXT,
    text TEXT NOT NULL,
    confidence REAL NOT NULL,
    source TEXT NOT NULL,
    attributes TEXT
);
CREATE INDEX mentions_pk ON mentions(pk);
CREATE INDEX mentions_key ON mentions(key);
CREATE INDEX mentions_type ON mentions(type, key);

CREATE TABLE events (
    event_pk INTEGER PRIMARY KEY,
    pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,          -- transfer | diplomatic_action
    kind TEXT,
    status TEXT,
    date TEXT,                   -- ISO date, month, year, or "start/end"
    confidence REAL NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    record TEXT NOT NULL         -- the event as JSON
);
CREATE INDEX events_pk ON events(pk);
CREATE INDEX events_type ON events(type, status);

CREATE TABLE event_arguments (
    event_pk INTEGER NOT NULL REFERENCES events(event_pk) ON DELETE CASCADE,
    role TEXT NOT NULL,          -- supplier, recipient, items, item_code, carrier ...
    key TEXT,
    text TEXT NOT NULL
);
CREATE INDEX event_arguments_event ON event_arguments(event_pk);
CREATE INDEX event_arguments_role ON event_arguments(role, key);
"""

# Screening: sanctions lists loaded from user files (a list name holds one
# edition: loading it again replaces it), their entries as JSON, the hits of
# stored entities against them, and which entities ``xref`` has screened
# against which editions, so an interrupted run resumes where it stopped.
V3 = """
CREATE TABLE lists (
    list_pk INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,   -- un, ofac, ftm, or a name the user gives
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    as_of TEXT,                  -- publication date the file states, ISO
    loaded_at TEXT NOT NULL,
    entries INTEGER NOT NULL
);
CREATE TABLE list_entries (
    list_pk INTEGER NOT NULL REFERENCES lists(list_pk) ON DELETE CASCADE,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    caption TEXT NOT NULL,
    record TEXT NOT NULL,        -- the entry as JSON: names, identifiers, listings ...
    PRIMARY KEY (list_pk, id)
) WITHOUT ROWID;

CREATE TABLE screening_hits (
    entity_type TEXT NOT NULL,   -- a stored entity: mention type and key (text when it has no key)
    entity_key TEXT NOT NULL,
    entity_name TEXT NOT NULL,
    list_name TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    score REAL NOT NULL,
    record TEXT NOT NULL,        -- the hit as JSON, with its explanation
    PRIMARY KEY (entity_type, entity_key, list_name, entry_id)
) WITHOUT ROWID;
CREATE INDEX screening_hits_key ON screening_hits(entity_key);

CREATE TABLE xref_done (
    entity_type TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    lists TEXT NOT NULL,         -- the list editions it was screened against
    PRIMARY KEY (entity_type, entity_key)
) WITHOUT ROWID;
"""

# Linking: what ``prolifwatch resolve`` derives from mentions, events and
# cable records.  entities, entity_members, document_links, cases and
# case_events are rebuilt whole on every resolution run; judgements are the
# analyst's and are never touched by ingest or resolution.
V4 = """
CREATE TABLE entities (
    id TEXT PRIMARY KEY,         -- stable: the key of its anchor member (a knowledge-base key when it has one)
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,       -- JSON list of surface forms, commonest first
    attributes TEXT NOT NULL,    -- JSON object: country, flag, imo, kind, parent ...
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX entities_type ON entities(type, documents);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE entity_members (
    key TEXT PRIMARY KEY,        -- a mention key (mentions.key, event_arguments.key)
    entity_id TEXT NOT NULL,
    score REAL NOT NULL,         -- 1.0 for the anchor and judged members, else the match score
    reason TEXT NOT NULL         -- anchor | judged | alias | name-match | short-form ...
) WITHOUT ROWID;
CREATE INDEX entity_members_entity ON entity_members(entity_id);

CREATE TABLE judgements (
    left_key TEXT NOT NULL,      -- mention keys, left_key < right_key
    right_key TEXT NOT NULL,
    judgement TEXT NOT NULL,     -- positive | negative (nomenklatura's Judgement values)
    user TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (left_key, right_key)
) WITHOUT ROWID;

CREATE TABLE document_links (
    src TEXT NOT NULL,           -- documents.id
    dst TEXT NOT NULL,           -- documents.id, which may not be in the store ("not in collection")
    kind TEXT NOT NULL,          -- cites | describes | names | answers
    score REAL NOT NULL,
    evidence TEXT NOT NULL,      -- JSON: {paragraph, start, end, text} in src, or the reference as printed
    description TEXT,            -- JSON: what src says of dst (date, signer, origin, topic) when dst is described
    PRIMARY KEY (src, dst, kind)
) WITHOUT ROWID;
CREATE INDEX document_links_dst ON document_links(dst);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,         -- "case-" + a hash of its earliest event's document id and index
    title TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    record TEXT NOT NULL         -- JSON: merged arguments with their sources, conflicts flagged
) WITHOUT ROWID;
CREATE TABLE case_events (
    case_id TEXT NOT NULL,
    event_pk INTEGER NOT NULL REFERENCES events(event_pk) ON DELETE CASCADE,
    PRIMARY KEY (case_id, event_pk)
) WITHOUT ROWID;
CREATE INDEX case_events_event ON case_events(event_pk);
"""

# An entity's events and counterparts are found by argument key whatever the
# role; the (role, key) index cannot serve that.
V5 = """
CREATE INDEX event_arguments_key ON event_arguments(key);
"""

# Bulk load and search over large stores.
# - FTS5 writes an index segment whenever its in-memory hash of pending terms
#   passes 'hashsize' (1 MB by default: a segment every ~100 cables); 64 MB lets
#   one ingest batch become one segment, so there are fewer segments to merge.
# - doc_values keeps column copies of the small document fields for facets
#   and filters (store/doc_values.py); a copy is current while its generation
#   equals the documents counter, which every change to documents raises.
V6 = """
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 67108864);

CREATE TABLE store_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO store_counters (name, value) VALUES ('documents', 0);
CREATE TRIGGER documents_inserted AFTER INSERT ON documents BEGIN
    UPDATE store_counters SET value = value + 1 WHERE name = 'documents';
END;
CREATE TRIGGER documents_updated AFTER UPDATE ON documents BEGIN
    UPDATE store_counters SET value = value + 1 WHERE name = 'documents';
END;
CREATE TRIGGER documents_deleted AFTER DELETE ON documents BEGIN
    UPDATE store_counters SET value = value + 1 WHERE name = 'documents';
END;

-- What doc_values are built from, readable without walking each document row.
CREATE INDEX documents_fields ON documents(kind, classification, origin, date);
CREATE TABLE doc_values (
    name TEXT PRIMARY KEY,
    generation INTEGER NOT NULL,  -- store_counters 'documents' when it was built
    data BLOB NOT NULL            -- numpy .npz
) WITHOUT ROWID;
"""

# Versions across sources (store/versions.py): what a source said when its
# record is not the one kept -- its text's sha256, header fields and
# paragraphs, as JSON -- so that show --sources can tell how the sources of a
# document differ.  NULL for the kept record's source (the documents row holds
# that version) and so for every single-source document: a bulk load writes
# nothing more.  Sources stored before this version keep NULL: their content
# was not kept.  Adding a nullable column rewrites no row.
V7 = """
ALTER TABLE sources ADD COLUMN version TEXT;
"""

# The analyst's review of events (store/event_decisions.py): accept, reject or
# correct one role of an event.  event_decisions is the analyst's and is never
# touched by ingest, extraction or resolution.  A decision names its event by
# events.eid, a short hash of the document id, the evidence's paragraph and
# span, the event type (and, for the rare events sharing all of those, their
# order): ids that re-extraction gives again.  Every extraction write re-applies
# the decisions to its events: corrected values go into the record and the
# arguments (originals kept in the record's "corrections"), ``review`` says
# accepted / rejected, and a rejected event keeps no arguments.  Readers of
# events read live_events, which leaves the rejected out.  Stores older than
# this get their eids here (prolifwatch_event_id is registered by the store).
V8 = """
ALTER TABLE events ADD COLUMN eid TEXT;
ALTER TABLE events ADD COLUMN review TEXT;   -- accepted | rejected | NULL (not reviewed)
UPDATE events SET eid = x.eid FROM (
    SELECT e.event_pk, prolifwatch_event_id(d.id, e.paragraph, e.start, e."end", e.type,
        ROW_NUMBER() OVER (PARTITION BY e.pk, e.paragraph, e.start, e."end", e.type ORDER BY e.idx) - 1) AS eid
    FROM events e JOIN documents d ON d.pk = e.pk
) AS x WHERE events.event_pk = x.event_pk;
CREATE INDEX events_eid ON events(eid);

CREATE TABLE event_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,      -- events.eid
    document TEXT NOT NULL,      -- what the id is made of, kept for reading: documents.id,
    paragraph INTEGER NOT NULL,  -- the evidence's paragraph index and span, the event type
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    action TEXT NOT NULL,        -- accept | reject | correct
    role TEXT,                   -- correct: the role (supplier ... carrier, actor, counterpart, status, kind)
    value TEXT,                  -- correct: JSON, a list of arguments or (status, kind) a string
    user TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX event_decisions_event ON event_decisions(event_id);
CREATE INDEX event_decisions_document ON event_decisions(document);
-- one verdict per event, one correction per event and role
CREATE UNIQUE INDEX event_decisions_verdict ON event_decisions(event_id) WHERE action IN ('accept', 'reject');
CREATE UNIQUE INDEX event_decisions_correction ON event_decisions(event_id, role) WHERE action = 'correct';

-- The events users see: rejected ones left out; an accepted event ranks as certain.
CREATE VIEW live_events AS
SELECT *, CASE WHEN review = 'accepted' THEN 1.0 ELSE confidence END AS ranked_confidence
FROM events WHERE review IS NOT 'rejected';
"""

# Linking as a recorded state: 'linking_pending' is set in the transaction
# that stores a document or its mentions and cleared in the one that finishes
# linking (pipeline.resolve_store), so a crash between the two leaves it set
# and the next ingest links again.  A store from before this version that has
# documents but no entities was never linked, or lost its linking to a crash.
V9 = """
INSERT INTO store_counters (name, value) VALUES ('linking_pending',
    EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM entities));
"""

# The analyst's verdicts on xref hits: a stored entity (mention type and key,
# the key that ingest and resolution give again) against a listed entry (list
# name and the list's own entry id, which a new edition keeps).  Never
# touched by ingest, resolution or xref; xref applies them to the hits it
# saves (a dismissed hit is not saved, a confirmed one is marked).
V10 = """
CREATE TABLE xref_decisions (
    entity_type TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    list_name TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
    note TEXT,
    user TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (entity_type, entity_key, list_name, entry_id)
) WITHOUT ROWID;
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10]
SCHEMA_VERSION = len(MIGRATIONS)
