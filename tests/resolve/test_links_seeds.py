"""Document links on the five seeds alone: REF blocks become ``cites`` edges, and the
Washington Post story's description of the 3 November 2007 Rice cable -- which
the seeds do not hold -- becomes a not-in-collection node."""
from __future__ import annotations

import json

import pytest

from prolifwatch.pipeline import ingest
from prolifwatch.query.refs import refs
from prolifwatch.store import open_store
from prolifwatch.store.links import rebuild_document_links
from tests.conftest import SEEDS

WAPO_ID = "article-03c5935401c2b59c"
# Seed 000, paragraph 6, quoted as printed.
RICE_SENTENCE = (
    "According to a cable dated Nov. 3, 2007, and signed by then-Secretary of State Condoleezza Rice, "
    "a North Korean cargo of missile jet vanes destined for Iran's ballistic missile program was set to be "
    "shipped the next day from North Korea via Beijing on an Iran Air flight."
)
# Seed 003 prints: "REF: A. STATE 109649 B. BEIJING5237 C. STATE 071143 D. STATE 073601
# E. STATE 72896 F. BEIJING 6361 G. STATE 148514 H. BEIJING 6848"
REFS_159388 = {
    "A": "07STATE109649", "B": "07BEIJING5237", "C": "07STATE71143", "D": "07STATE73601",
    "E": "07STATE72896", "F": "07BEIJING6361", "G": "07STATE148514", "H": "07BEIJING6848",
}


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("links") / "seeds.sqlite"
    with open_store(path) as store:
        report = ingest([SEEDS], store, extract=False)
        assert report.read == 5 and not report.failed
        with store.transaction():
            counts = rebuild_document_links(store.db)
    store = open_store(path)
    store.counts = counts
    yield store
    store.close()


def _links(store, **where):
    clause = " AND ".join(f"{k} = ?" for k in where)
    rows = store.db.execute(
        f"SELECT src, dst, kind, score, evidence, description FROM document_links WHERE {clause}",
        tuple(where.values()),
    ).fetchall()
    return [
        {"src": s, "dst": d, "kind": k, "score": sc, "evidence": json.loads(e),
         "description": json.loads(desc) if desc else None}
        for s, d, k, sc, e, desc in rows
    ]


def test_07STATE159388_cites_its_eight_references_with_their_letters(seeds_store):
    cites = _links(seeds_store, src="07STATE159388", kind="cites")
    assert {c["dst"] for c in cites} == set(REFS_159388.values())
    assert {c["evidence"]["label"]: c["dst"] for c in cites} == REFS_159388
    by_id = {c["dst"]: c["evidence"] for c in cites}
    assert by_id["07BEIJING5237"]["printed"] == "BEIJING5237"
    assert by_id["07STATE71143"]["reference"] == "REF C: STATE 071143"


def test_every_seed_cable_reference_becomes_a_cites_edge(seeds_store):
    # Seed 001: "REF: STATE 93558"; seed 002: "REF: STATE 25689 AND PREVIOUS (NOTAL)".
    expected = {("08BEIJING3400", "08STATE93558"), ("09BEIJING724", "09STATE25689")}
    expected |= {("07STATE159388", dst) for dst in REFS_159388.values()}
    found = {(c["src"], c["dst"]) for c in _links(seeds_store, kind="cites")}
    assert found == expected


def test_cited_cables_not_in_the_seeds_are_marked_not_in_collection(seeds_store):
    found = refs(seeds_store, "07STATE159388")
    assert found["document"]["in_collection"] is True
    assert len(found["outgoing"]) == 8
    assert all(edge["node"]["in_collection"] is False for edge in found["outgoing"])
    assert [edge["evidence"]["label"] for edge in found["outgoing"]] == list("ABCDEFGH")


def test_refs_accepts_cable_ids_in_any_spelling(seeds_store):
    assert refs(seeds_store, "07 STATE 159388")["document"]["id"] == "07STATE159388"
    assert refs(seeds_store, "2008 BEIJING 003400")["document"]["id"] == "08BEIJING3400"
    assert refs(seeds_store, "07STATE999999") is None


def test_a_cited_cable_outside_the_store_shows_who_cites_it(seeds_store):
    found = refs(seeds_store, "08 STATE 93558")
    assert found["document"] == {"id": "08STATE93558", "kind": "cable", "date": None, "title": None,
                                 "origin": None, "in_collection": False}
    assert [(e["src"], e["kind"]) for e in found["incoming"]] == [("08BEIJING3400", "cites")]


def test_wapo_describes_the_rice_cable_as_not_in_collection(seeds_store):
    described = _links(seeds_store, src=WAPO_ID, kind="describes")
    rice = [d for d in described if d["description"]["signer"] == "RICE"]
    assert len(rice) == 1
    link = rice[0]
    assert link["dst"] == "cable-described:2007-11-03:STATE:RICE"
    assert link["evidence"]["text"] == RICE_SENTENCE
    assert link["evidence"]["paragraph"] is not None
    description = link["description"]
    assert (description["date"], description["origin"], description["in_collection"]) == ("2007-11-03", "STATE", False)
    assert {"jet", "vanes", "beijing", "air", "flight"} <= set(description["topic"])
    # 07STATE159388 (22 Nov 2007, signed RICE) is a near miss, not the described cable.
    closest = {c["id"]: c for c in description["closest_stored"]}
    assert closest["07STATE159388"]["ruled_out"] == ["date"]
    node = refs(seeds_store, WAPO_ID)["outgoing"]
    rice_node = next(e["node"] for e in node if e["dst"] == link["dst"])
    assert rice_node["in_collection"] is False and rice_node["date"] == "2007-11-03"


def test_evidence_offsets_point_at_the_sentence(seeds_store):
    link = next(d for d in _links(seeds_store, src=WAPO_ID, kind="describes") if d["description"]["signer"] == "RICE")
    body = seeds_store.db.execute("SELECT body FROM documents WHERE id = ?", (WAPO_ID,)).fetchone()[0]
    assert body[link["evidence"]["start"] : link["evidence"]["end"]] == RICE_SENTENCE


def test_the_asianews_seed_describes_no_cable(seeds_store):
    assert _links(seeds_store, src="article-b631413172603974") == []


def test_rebuild_is_idempotent(seeds_store, tmp_path):
    before = seeds_store.db.execute("SELECT * FROM document_links ORDER BY src, dst, kind").fetchall()
    with seeds_store.transaction():
        rebuild_document_links(seeds_store.db)
    after = seeds_store.db.execute("SELECT * FROM document_links ORDER BY src, dst, kind").fetchall()
    assert before == after
    assert seeds_store.counts["cites"] == 10
