"""Timelines show a document's date as far as it is known: "2008 (year, estimated)".

The Export Development Bank of Iran in three real cables, stored as records
built here since the parser that dates them is changing (read in
scraped-text/ID.txt):

    08BRASILIA1477  ¶4, EDBI's assets frozen; UNCLAS, "E.O. 12958: N/A", no date-time
                    group: its id's year only -> "2008", year, id-year
    09BRUSSELS536   ¶7, EDBI among the EU's designation targets; "DECL: 04/07/2019",
                    no DTG: estimated ten years before -> 2009-04-07, day, declassify-estimate
    08MADRID308     ¶2, Santander's correspondent relationship with EDBI; no date
                    (as scraped cables are stored before the dating work)
"""
from __future__ import annotations

import io

import pytest
from rich.console import Console

from prolifwatch.query.context import Reader
from prolifwatch.query.timeline import entity_timeline
from prolifwatch.query.timeline_page import timeline_page
from prolifwatch.cli.render.cases import print_timeline
from prolifwatch.store import open_store
from tests.query.date_store import cable_record
from tests.resolve.test_cases_fixtures import action, arg, mention

EDBI = "Export Development Bank of Iran"
BRASILIA = ("Also at the November 10 meeting, EST Counselor and EST Officer raised with Simao Alves the matter of "
            "freezing the assets of the Export Development Bank of Iran (EDBI) and three affiliated entities. "
            "Post had earlier delivered to MRE/DDS REFTEL B.")
DELIVERED = "Post had earlier delivered to MRE/DDS REFTEL B."
BRUSSELS = ("AA/S Glaser's formal presentation provided U.S. views and specific intelligence on financial and "
            "transport entities under active EU consideration for designation, including Bank Mellat, the Export "
            "Development Bank of Iran (EDBI), Bank Saderat, the Islamic Republic of Iran Shipping Line (IRISL), "
            "and Iran Air.")
MADRID = "Santander with the Export Development Bank of Iran, Bank Melli (cited in UNSCR 1803), and Bank Sepah."


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("timeline-dates") / "t.sqlite")
    for doc_id, created, precision, source, body, events in [
        ("08BRASILIA1477", "2008", "year", "id-year", BRASILIA, [
            action(DELIVERED, kind="demarche", actor=[arg("country:US", "Post", "Country")],
                   counterpart=[arg("country:BR", "MRE/DDS", "Country")])]),
        ("09BRUSSELS536", "2009-04-07", "day", "declassify-estimate", BRUSSELS, []),
        ("08MADRID308", None, None, None, MADRID, []),
    ]:
        cable = cable_record(doc_id, created, precision, source, classification="SECRET", origin=None, tags=["IR"],
                       subject=None, body=body)
        s.put(cable, {"mentions": [mention("entity:edbi", EDBI, body)], "events": events})
    yield s
    s.close()


def _lines(store, subject: str) -> list[str]:
    """The timeline as ``prolifwatch timeline`` prints it (from the timeline page the CLI and the API read)."""
    console = Console(width=400, record=True, file=io.StringIO())
    print_timeline(console, timeline_page(Reader(store), subject))
    return [line.strip() for line in console.export_text().splitlines()]


def test_document_items_carry_their_date_precision_and_source(store):
    items = entity_timeline(store, "entity:edbi")["items"]
    assert [i["source"]["document"] for i in items] == ["08BRASILIA1477", "09BRUSSELS536", "08MADRID308"]
    year, estimate, undated = items
    assert (year["date"], year["date_precision"]) == ("2008", "year")
    assert (year["source"]["document_date_precision"], year["source"]["document_date_source"]) == ("year", "id-year")
    assert (estimate["date"], estimate["date_precision"]) == ("2009-04-07", "day")
    assert estimate["source"]["document_date_source"] == "declassify-estimate"
    assert (undated["date"], undated["date_precision"]) == (None, None)


def test_the_text_shows_precision_and_estimates(store):
    lines = _lines(store, "entity:edbi")
    assert lines[1].startswith("2008 (year, estimated)  document 08BRASILIA1477")
    assert lines[3].startswith("2009-04-07 (estimated)  document 09BRUSSELS536")
    assert lines[5].startswith("(undated)  document 08MADRID308")


def test_an_undated_event_shows_its_documents_date_with_its_precision(store):
    timeline = entity_timeline(store, "country:BR")
    [demarche] = timeline["items"]
    assert demarche["date"] is None and demarche["source"]["document_date_precision"] == "year"
    assert _lines(store, "country:BR")[1].startswith("(2008, year, estimated)  demarche")
