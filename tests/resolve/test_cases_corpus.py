"""Cases on the seeds and corpus: shipments reported by several documents, read by hand.

* The 4 November 2007 Iran Air flight carrying North Korean jet vanes via
  Beijing to Iran's ballistic missile programme (SBIG) is told by the Rice
  cable 07STATE152317 (¶2 "scheduled Iran Air flight on November 4") and by
  the seed news article of 29 November 2010 ("a cable dated Nov. 3, 2007 ...
  set to be shipped the next day from North Korea via Beijing on an Iran Air
  flight").  The same cable's account of the *earlier* flights (about ten in
  2006-2007) is other shipments.
* The M/V Monchegorsk arms shipment from Iran to Syria halted in early 2009 is
  discussed in 09DAMASCUS195 and listed in 09STATE116029; the same
  09STATE116029 recalls a 2007 munitions cargo by train through Turkey: another case.
"""
from __future__ import annotations

import json
import sqlite3

import pytest

WAPO = "article-03c5935401c2b59c"


@pytest.fixture(scope="module")
def db(corpus_db):
    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def _cases_of(db, document: str, evidence: str) -> set[str]:
    """The cases of the transfers of ``document`` whose evidence contains ``evidence``."""
    rows = db.execute(
        "SELECT ce.case_id, json_extract(e.record, '$.evidence.text') FROM events e"
        " JOIN documents d ON d.pk = e.pk JOIN case_events ce ON ce.event_pk = e.event_pk"
        " WHERE d.id = ? AND e.type = 'transfer'", (document,)).fetchall()
    found = {case for case, text in rows if evidence in " ".join(text.split())}
    assert found, f"no transfer in {document} with evidence {evidence!r}"
    return found


def test_the_november_4_jet_vane_flight_is_one_case_across_cable_and_article(db):
    from_cable = _cases_of(db, "07STATE152317", "scheduled Iran Air flight on November 4")
    from_article = _cases_of(db, WAPO, "signed by then-Secretary of State Condoleezza Rice")
    shared = from_cable & from_article
    assert len(shared) == 1
    (case,) = shared
    record = json.loads(db.execute("SELECT record FROM cases WHERE id = ?", (case,)).fetchone()[0])
    assert set(record["documents"]) >= {"07STATE152317", WAPO}
    carriers = {v["value"] for v in record["roles"]["carrier"]}
    assert any("iran-air" in c for c in carriers)
    earlier_flights = _cases_of(db, "07STATE152317", "We believe this has been the case on about 10 flights")
    assert case not in earlier_flights


@pytest.mark.xfail(strict=True, reason=(
    "issue 17: 09DAMASCUS195's sentence that tied the Monchegorsk to Iran ('whether UNSCR 1747 applied to all "
    "Iranian shipments') is no longer read as a transfer; its remaining transfer ('a Russian ship ... carrying "
    "small arms', delivering them to Syria) shares only the vessel with 09STATE116029's (3.5 against the case "
    "threshold of 4.0: 'small arms' and 'arms' do not count as the same goods)"))
def test_the_monchegorsk_shipment_is_one_case_across_both_cables(db):
    damascus = _cases_of(db, "09DAMASCUS195", "Monchegorsk")
    state = _cases_of(db, "09STATE116029", "MONCHEGORSK")
    assert damascus & state


def test_the_2007_train_cargo_is_not_the_monchegorsk_case(db):
    state = _cases_of(db, "09STATE116029", "MONCHEGORSK")
    train = _cases_of(db, "09STATE116029", "cargo of munitions to Syria via train through Turkey")
    assert not train & state


def test_multi_document_cases_are_listed_first(db):
    counts = [n for (n,) in db.execute(
        "SELECT json_array_length(record, '$.documents') FROM cases")]
    assert counts and max(counts) >= 2
    every_transfer_in_a_case = db.execute(
        "SELECT COUNT(*) FROM events e WHERE e.type = 'transfer'"
        " AND NOT EXISTS (SELECT 1 FROM case_events ce WHERE ce.event_pk = e.event_pk)").fetchone()[0]
    assert every_transfer_in_a_case == 0
