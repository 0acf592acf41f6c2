"""The whole sample corpus: every file ingests or is explained; layouts agree."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from prolifwatch.model import Cable
from prolifwatch.pipeline import parse_paths
from prolifwatch.query.search import search
from prolifwatch.store import open_store
from tests.conftest import CORPUS

# The only corpus files that are not cables: two scraped pages that hold just
# "Appears in these articles:<br />" (33 bytes each).
EXPECTED_FAILURES = {"08OSLO629.txt", "09OTTAWA64.txt"}


@pytest.fixture(scope="module")
def corpus_store(corpus_db, corpus_ingest_report):
    store = open_store(corpus_db)
    yield store, corpus_ingest_report
    store.close()


def test_every_corpus_file_is_ingested_or_explained(corpus_store):
    _, report = corpus_store
    failed = {os.path.basename(f["path"]): f["reason"] for f in report["failed"]}
    assert set(failed) == EXPECTED_FAILURES, failed
    assert all("no cable text" in reason for reason in failed.values())
    # 815 corpus files + 5 seeds, less the two failures; one row of cables.csv per cable.
    assert report["read"] == 815 + 5 - 2 - 1 + 2


def test_documents_read_from_two_layouts_are_stored_once(corpus_store):
    store, report = corpus_store
    assert report["merged"] >= 23
    doc = store.get("08BEIJING1141")
    formats = sorted(s.format for s in doc.sources)
    assert formats == ["scraped-cable-text", "wikileaks-html"]


def test_cold_flow_forming_finds_09beijing724_first(corpus_store):
    store, _ = corpus_store
    result = search(store, "cold flow forming", limit=5)
    assert result.hits[0].id == "09BEIJING724"


def _pairs() -> list[tuple[Path, Path]]:
    html = {p.stem: p for p in (CORPUS / "wikileaks-html").rglob("*.html")}
    return [(html[p.stem], p) for p in sorted((CORPUS / "scraped-text").glob("*.txt")) if p.stem in html]


def test_there_are_23_cross_layout_pairs():
    assert len(_pairs()) == 23


def test_scraped_pairs_with_a_date_line_get_a_created_date():
    dated = [p for _, p in _pairs() if re.match(r"<code><pre>[A-Z][a-z]+day, \d", p.read_text())]
    assert [p.stem for p in dated] == ["08BEIJING1141", "08STATE23763", "09STATE53356"]
    for path in dated:
        [cable] = list(parse_paths([path]))
        assert cable.created is not None


@pytest.mark.parametrize("html_path, scraped_path", _pairs(), ids=lambda p: p.name)
def test_cross_layout_pairs_agree(html_path, scraped_path):
    [from_html] = list(parse_paths([html_path]))
    [from_scraped] = list(parse_paths([scraped_path]))
    assert isinstance(from_html, Cable), from_html
    assert isinstance(from_scraped, Cable), from_scraped
    assert from_html.id == from_scraped.id == html_path.stem
    # Most scraped bodies start at the serial line and state no date at all;
    # where they do ("Wednesday, 26 March 2008, 09:48") it must agree.  Where
    # they do not, the date is estimated (DECL date, id year: issue 18) and
    # only its year is certain; the store keeps the page's record.
    if from_scraped.created_source in ("layout", "dtg", "date-line"):
        assert from_html.created[:10] == from_scraped.created[:10]
    assert from_html.created[:4] == from_scraped.created[:4]
    assert from_html.origin == from_scraped.origin
    assert from_html.classification == from_scraped.classification
    assert from_html.tags == from_scraped.tags
    assert from_html.references == from_scraped.references
    assert from_html.subject == from_scraped.subject
    assert [p.number for p in from_html.paragraphs] == [p.number for p in from_scraped.paragraphs]
