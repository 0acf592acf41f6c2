"""A tiny store written row by row, so graph and export tests know every node
and edge to expect.  The story (after the seed cables): LIMMT supplies Shahid
Bakeri Industrial Group (SBIG) twice, once on the vessel Iran Matin; the
United States démarches China; cable A cites cable B and a cable not in the
collection; an article describes cable A; both transfers form one case.

Resolution has been run for LIMMT (two keys: entity:limmt and the alias key
org:limmt-economic), Iran and China; SBIG, the vessel, the item and the
United States have no entity rows, so they stand for themselves by key.
"""
from __future__ import annotations

import json
from pathlib import Path

from prolifwatch.store import open_store

CABLE_A = "07STATE000001"
CABLE_B = "08BEIJING000002"
ARTICLE = "article-0000000000000001"
MISSING = "07STATE999999"
CASE = "case-000000000001"
LIMMT = "entity:limmt"
SBIG = "entity:sbig"
ITEM = "item:MTCR 3.B.3"
VESSEL = "vessel:iran-matin"

DOCUMENTS = [  # pk, id, kind, date, origin, title, record
    (1, CABLE_A, "cable", "2007-11-03", "Secretary of State", "DEMARCHE ON LIMMT SHIPMENT",
     {"signers": ["RICE"], "references": [CABLE_B, MISSING]}),
    (2, CABLE_B, "cable", "2008-01-10T00:00:00+08:00", "Embassy Beijing", "CHINA RESPONDS ON LIMMT", {}),
    (3, ARTICLE, "article", "2010-11-29", "The Washington Post Company", "U.S. asked China to stop shipment",
     {"author": "John Pomfret", "publisher": "The Washington Post Company"}),
]
MENTIONS = [  # document pk, type, key, text
    (1, "Organization", LIMMT, "LIMMT"), (1, "Organization", LIMMT, "LIMMT"),
    (1, "Organization", LIMMT, "LIMMT"), (1, "Organization", "org:limmt-economic", "LIMMT Economic and Trade Co."),
    (1, "Country", "country:IR", "Iran"), (1, "Country", "country:IR", "Iran"),
    (1, "Country", "country:CN", "China"), (1, "Organization", SBIG, "Shahid Bakeri\nIndustrial Group"),
    (2, "Organization", LIMMT, "LIMMT"), (2, "Country", "country:CN", "PRC"), (2, "Country", "country:CN", "China"),
    (3, "Country", "country:IR", "Iran"), (3, "Organization", LIMMT, "LIMMT"),
]
EVENTS = [  # event_pk, document pk, idx, type, kind, date, arguments [(role, key, text)]
    (1, 1, 0, "transfer", None, "2007-10",
     [("supplier", LIMMT, "LIMMT"), ("recipient", SBIG, "Shahid Bakeri Industrial Group"),
      ("items", ITEM, "flow forming machine"), ("item_code", "MTCR 3.B.3", "flow forming machine"),
      ("carrier", VESSEL, "Iran Matin")]),
    (2, 2, 0, "transfer", None, "2007-10/2007-12",
     [("supplier", "org:limmt-economic", "LIMMT Economic and Trade Co."),
      ("recipient", SBIG, "SBIG")]),
    (3, 1, 1, "diplomatic_action", "demarche", "2007-11-03",
     [("actor", "country:US", "United States"), ("counterpart", "country:CN", "China")]),
]
ENTITIES = [  # id, type, name, aliases, members
    (LIMMT, "Organization", "LIMMT Economic and Trade Company", ["LIMMT", "LIMMT Economic and Trade Co."],
     [LIMMT, "org:limmt-economic"]),
    ("country:IR", "Country", "Iran", ["Iran"], ["country:IR"]),
    ("country:CN", "Country", "China", ["China", "PRC"], ["country:CN"]),
]
LINKS = [  # src, dst, kind, score, evidence, description
    (CABLE_A, CABLE_B, "cites", 1.0, {"text": "B. 08 BEIJING 2"}, None),
    (CABLE_A, MISSING, "cites", 1.0, {"text": "A. 07 STATE 999999"}, None),
    (ARTICLE, CABLE_A, "describes", 0.8,
     {"paragraph": 2, "start": 0, "end": 60, "text": "a cable dated Nov. 3, 2007, and signed by Rice"},
     {"date": "2007-11-03", "signer": "Rice"}),
]


def build_small_store(path: Path, *, resolved: bool = True, cases: bool = True) -> Path:
    """Write the store at ``path``; ``resolved=False`` leaves entities and
    entity_members empty (resolution not run yet)."""
    with open_store(path) as store:
        db = store.db
        db.execute("BEGIN")
        for pk, id_, kind, date, origin, title, record in DOCUMENTS:
            db.execute(
                "INSERT INTO documents (pk, id, kind, date, origin, preference, title, tags, record, body) "
                "VALUES (?, ?, ?, ?, ?, 'test', ?, 'PARM IR CH', ?, ?)",
                (pk, id_, kind, date, origin, title, json.dumps(record), f"Text of {id_}."),
            )
        for pk, type_, key, text in MENTIONS:
            db.execute(
                "INSERT INTO mentions (pk, paragraph, start, \"end\", type, key, text, confidence, source) "
                "VALUES (?, 0, 0, 1, ?, ?, ?, 0.9, 'test')", (pk, type_, key, text))
        for event_pk, pk, idx, type_, kind, date, arguments in EVENTS:
            record = {"type": type_, "kind": kind, "date": date,
                      "evidence": {"paragraph": 0, "start": 0, "end": 10, "text": f"Evidence for event {idx}."}}
            for role, key, text in arguments:
                record.setdefault(role, []).append({"text": text, "key": key})
            db.execute(
                "INSERT INTO events (event_pk, pk, idx, type, kind, status, date, confidence, paragraph, start, "
                "\"end\", record) VALUES (?, ?, ?, ?, ?, 'alleged', ?, 0.8, 0, 0, 10, ?)",
                (event_pk, pk, idx, type_, kind, date, json.dumps(record)))
            db.executemany("INSERT INTO event_arguments (event_pk, role, key, text) VALUES (?, ?, ?, ?)",
                           [(event_pk, role, key, text) for role, key, text in arguments])
        if resolved:
            for id_, type_, name, aliases, members in ENTITIES:
                db.execute("INSERT INTO entities VALUES (?, ?, ?, ?, '{}', 0, 0)",
                           (id_, type_, name, json.dumps(aliases)))
                db.executemany("INSERT INTO entity_members VALUES (?, ?, 1.0, 'test')",
                               [(key, id_) for key in members])
        for src, dst, kind, score, evidence, description in LINKS:
            db.execute("INSERT INTO document_links VALUES (?, ?, ?, ?, ?, ?)",
                       (src, dst, kind, score, json.dumps(evidence),
                        json.dumps(description) if description else None))
        if cases:
            db.execute("INSERT INTO cases VALUES (?, 'LIMMT → SBIG: flow forming machine', '2007-10', "
                       "'2007-12', '{}')", (CASE,))
            db.executemany("INSERT INTO case_events VALUES (?, ?)", [(CASE, 1), (CASE, 2)])
        db.execute("COMMIT")
    return path
