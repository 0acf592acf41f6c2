"""Document links over seeds + corpus: explicit ids, descriptions matched to stored
cables, threads, and walks of depth 2.  Expected values come from reading the
files under ../shared/corpus (quoted beside each test)."""
from __future__ import annotations

import json
import sqlite3

import pytest

from prolifwatch.pipeline import ingest
from prolifwatch.query.refs import refs, thread
from prolifwatch.store import open_store
from prolifwatch.store.links import rebuild_document_links
from tests.conftest import CORPUS, SEEDS

WAPO_ID = "article-03c5935401c2b59c"


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """Seeds and corpus without extraction (links need none), linked."""
    path = tmp_path_factory.mktemp("links") / "corpus.sqlite"
    with open_store(path) as store:
        ingest([SEEDS, CORPUS], store, extract=False)
        with store.transaction():
            rebuild_document_links(store.db)
    store = open_store(path)
    yield store
    store.close()


def _link(store, src, dst, kind):
    row = store.db.execute(
        "SELECT score, evidence, description FROM document_links WHERE src = ? AND dst = ? AND kind = ?",
        (src, dst, kind),
    ).fetchone()
    if row is None:
        return None
    return {"score": row[0], "evidence": json.loads(row[1]), "description": json.loads(row[2]) if row[2] else None}


def test_the_rice_cable_of_3_november_2007_is_in_the_corpus_and_matched(linked):
    # corpus/wikileaks-html/2007/11/07STATE152317.html: created 2007-11-03 05:05, FM SECSTATE,
    # signed RICE, "ballistic missile jet vanes that frequently transit Beijing on regularly
    # scheduled flights on Air Koryo and Iran Air" -- the cable the Post describes.
    link = _link(linked, WAPO_ID, "07STATE152317", "describes")
    assert link is not None
    features = link["description"]["matched"]["features"]
    assert (features["date"], features["signer"], features["origin"]) == (1.0, 1.0, 1.0)
    assert features["topic"] >= 0.5
    assert link["description"]["described_as"] == "cable-described:2007-11-03:STATE:RICE"
    assert link["evidence"]["text"].startswith("According to a cable dated Nov. 3, 2007, and signed by")
    # ... so no not-in-collection node is left for it.
    assert _link(linked, WAPO_ID, "cable-described:2007-11-03:STATE:RICE", "describes") is None


@pytest.mark.parametrize(
    ("src", "dst", "sentence_part"),
    [
        ("09SANJOSE978", "09SANJOSE897", "See 09 San Jose 897 for further details."),
        ("10BERLIN164", "10BERLIN157", "see Berlin 157"),
        ("09WARSAW1139", "09WARSAW1071", "This corrected cable replaces WARSAW 01071."),
        ("06NEWDELHI5239", "05NEWDELHI3846", "see Ref 05 New Delhi 3846 and 05 New Delhi 4449"),
        ("06NEWDELHI5239", "05NEWDELHI4449", "see Ref 05 New Delhi 3846 and 05 New Delhi 4449"),
    ],
)
def test_explicit_ids_in_running_text_become_names_links(linked, src, dst, sentence_part):
    link = _link(linked, src, dst, "names")
    assert link is not None
    assert sentence_part in link["evidence"]["text"]
    assert isinstance(link["evidence"]["paragraph"], int)


@pytest.mark.parametrize(
    ("src", "not_dst"),
    [
        ("90BAGHDAD4237", "90KUWAIT20"),      # "SHE HAD SERVED IN KUWAIT 20 YEARS BEFORE"
        ("90CAPETOWN97", "90STATE5366"),      # routing line "TO SECSTATE WASHDC 5366"
        ("90CAPETOWN97", "03CAPETOWN97"),     # serial line "SECTION 02 OF 03 CAPE TOWN 00097"
        ("74ATHENS2959", "74ATHENS2959"),     # page header of its own "PAGE 02 ATHENS 02959 171944Z"
    ],
)
def test_numbers_that_are_not_cable_ids_make_no_links(linked, src, not_dst):
    assert _link(linked, src, not_dst, "names") is None


def test_a_demarche_and_its_answers_form_a_thread(linked):
    # 10STATE9124 "MOBILIZING PRESSURE TO PERSUADE IRAN'S ENGAGEMENT ...": "This is an action request."
    # Answers: 10TRIPOLI135 "DEMARCHE DELIVERED: ..." (REF: STATE 9124), 10BRASILIA33 "delivered the
    # reftel demarche", 10KUWAIT88 "raised ref A points" (REF: A. STATE 9124).
    members = thread(linked, "10 STATE 9124")
    assert members[0]["id"] == "10STATE9124" and members[0]["depth"] == 0
    assert {m["id"] for m in members[1:]} == {"10TRIPOLI135", "10BRASILIA33", "10KUWAIT88"}
    assert all(m["answers"] == "10STATE9124" and m["depth"] == 1 for m in members[1:])
    # The same thread from any member.
    assert [m["id"] for m in thread(linked, "10KUWAIT88")] == [m["id"] for m in members]


def test_the_beijing_seed_answers_the_state_demarche_it_cites(linked):
    # Seed 001 (08BEIJING3400, REF: STATE 93558): "Drawing on reftel points, the Ambassador ...";
    # 08STATE93558 (corpus): "1.(S) ACTION REQUEST: Washington has information about a Chinese origin shipment".
    link = _link(linked, "08BEIJING3400", "08STATE93558", "answers")
    assert link is not None
    assert link["evidence"]["reply"]["cue"].lower() == "drawing on reftel points"
    assert link["evidence"]["request"]["cue"].lower() == "action request"
    members = thread(linked, "08BEIJING3400")
    assert [m["id"] for m in members] == ["08STATE93558", "08BEIJING3400"]  # 2 Sep 2008, then 3 Sep 2008


@pytest.mark.parametrize(
    ("src", "dst"),
    [
        ("06MADRID2938", "06MADRID2908"),    # the same post following up its own report
        ("09STATE118094", "09BRASILIA1300"),  # a demarche request citing a post's report: not an answer
        ("09STATE97244", "09STATE96550"),    # a corrected copy of a State cable
    ],
)
def test_citations_that_are_not_answers(linked, src, dst):
    assert _link(linked, src, dst, "cites") is not None
    assert _link(linked, src, dst, "answers") is None


def test_depth_two_walk_out_and_in(linked):
    # 09THEHAGUE725 REF B. THE HAGUE 2; 09THEHAGUE2 REF C. 07 THE HAGUE 935;
    # 09THEHAGUE87 REF (B) THE HAGUE 2.
    out = refs(linked, "09THEHAGUE725", depth=2, kinds=("cites",))["outgoing"]
    assert ("09THEHAGUE725", "09THEHAGUE2", 1) in {(e["src"], e["dst"], e["depth"]) for e in out}
    assert ("09THEHAGUE2", "07THEHAGUE935", 2) in {(e["src"], e["dst"], e["depth"]) for e in out}
    incoming = refs(linked, "07THEHAGUE935", depth=2, kinds=("cites",))["incoming"]
    level = {(e["src"], e["depth"]) for e in incoming}
    assert ("09THEHAGUE2", 1) in level
    assert {("09THEHAGUE725", 2), ("09THEHAGUE87", 2)} <= level
    one = refs(linked, "07THEHAGUE935", depth=1, kinds=("cites",))["incoming"]
    assert all(e["depth"] == 1 for e in one)


def test_corpus_db_is_linked_by_resolve_store(corpus_db):
    # The shared fixture runs pipeline.resolve_store: the links step must have run.
    db = sqlite3.connect(corpus_db)
    try:
        kinds = dict(db.execute("SELECT kind, COUNT(*) FROM document_links GROUP BY kind").fetchall())
    finally:
        db.close()
    assert kinds.get("cites", 0) >= 900 and kinds.get("answers", 0) >= 5 and kinds.get("describes", 0) >= 1


def _linking_tables(path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    try:
        return {
            "document_links": db.execute("SELECT * FROM document_links ORDER BY 1, 2, 3").fetchall(),
            "entities": db.execute("SELECT * FROM entities ORDER BY 1").fetchall(),
            "entity_members": db.execute("SELECT * FROM entity_members ORDER BY 1").fetchall(),
            "cases": db.execute("SELECT * FROM cases ORDER BY 1").fetchall(),
        }
    finally:
        db.close()


def test_reading_documents_in_two_processes_links_the_same_as_one(corpus_db, corpus_copy):
    # corpus_db was resolved in one process; the copy is re-resolved with the
    # per-document pass of the links step spread over two.
    from prolifwatch.pipeline import resolve_store

    with open_store(corpus_copy) as store:
        figures = resolve_store(store, workers=2)
    assert figures["links"]["cites"] >= 900
    one, two = _linking_tables(corpus_db), _linking_tables(corpus_copy)
    for table in one:
        assert two[table] == one[table], table
