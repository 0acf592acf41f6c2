"""A small store holding one hostile cable, for the reading pages' escaping tests.

The cable's subject starts with ``=`` (a spreadsheet formula) and holds a
``<script>``; its paragraphs hold ``<script>``, ``<img onerror>`` and a
``javascript:`` link; it mentions LIMMT, so a mention wraps hostile-adjacent text.
"""
from __future__ import annotations

from pathlib import Path

HOSTILE_ID = "09BEIJING999"
HOSTILE_CABLE = """\
Identifier
Created
Classification
Origin
09BEIJING999
2009-03-21 08:40:00
SECRET
Embassy Beijing
Cable title:

=HYPERLINK("http://evil.example","x") <script>alert(1)</script>

Tags:  PARM PREL CH
pdf how-to read a cable

S E C R E T BEIJING 000999

E.O. 12958: DECL: 03/20/2034
TAGS: PARM, PREL, CH
SUBJECT: =HYPERLINK("http://evil.example","x") <script>alert(1)</script>

REF: STATE 25689

Classified By: Political Minister Counselor Aubrey Carlson.
Reasons 1.4 (b),(d) and (h).

1. (S) PolOff raised the <script>alert(1)</script> sale by LIMMT
of a 3GFF-700 cold flow forming machine to Iran.

2. (C) The firm's page shows <img src=x onerror=alert(1)> and
<a href="javascript:alert(1)">a link</a> beside LIMMT's name.

PICCUTA
"""


def build_hostile_store(folder: Path) -> Path:
    from prolifwatch.pipeline import ingest, resolve_store
    from prolifwatch.store import open_store

    source = folder / "hostile_cable.txt"
    source.write_text(HOSTILE_CABLE, encoding="utf-8")
    db = folder / "hostile.sqlite"
    with open_store(db) as store:
        ingest([str(source)], store, ner_scope="off")
        resolve_store(store)
    return db
