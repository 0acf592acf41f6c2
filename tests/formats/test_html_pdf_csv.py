"""WikiLeaks and PlusD pages, cable PDFs and cables.csv, checked against the files."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from prolifwatch.cable import canonical_id
from prolifwatch.formats import ReadError, read_bytes, read_file
from prolifwatch.formats import cables_csv
from prolifwatch.formats.errors import FormatError
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS

WIKILEAKS = sorted((CORPUS / "wikileaks-html").rglob("*.html")) + sorted(
    (CORPUS / "wikileaks-html-1960s-70s").rglob("*.html")
)
PLUSD = sorted((CORPUS / "plusd-html").rglob("*.html"))
PDFS = sorted((CORPUS / "pdf").glob("*.pdf"))
CSV = CORPUS / "cables-csv" / "cables_sample.csv"


def _one(path: Path) -> RawDocument:
    [raw] = list(read_file(str(path)))
    assert isinstance(raw, RawDocument), raw
    return raw


@pytest.mark.parametrize(
    "relpath, meta",
    [
        ("wikileaks-html/2005/02/05BRASILIA295.html", {
            "id": "05BRASILIA295", "created": "2005-02-01T19:07:00", "released": "2011-02-11T00:12:00",
            "classification": "CONFIDENTIAL", "origin": "Embassy Brasilia", "partial": True}),
        ("wikileaks-html-1960s-70s/test-set/1972/02/72TEHRAN1164.html", {
            "id": "72TEHRAN1164", "created": "1972-02-25T09:30:00", "released": "2011-08-30T01:44:00",
            "classification": "UNCLASSIFIED", "origin": "Embassy Tehran"}),
        ("wikileaks-html-1960s-70s/test-set/1975/11/7575LIBREVILLE1895.html", {"id": "7575LIBREVILLE1895"}),
    ],
)
def test_wikileaks_page_metadata(relpath, meta):
    raw = _one(CORPUS / relpath)
    assert raw.source.format == "wikileaks-html"
    assert {k: raw.meta.get(k) for k in meta} == meta


def test_wikileaks_page_text_keeps_tag_text_and_paragraph_signs():
    raw = _one(CORPUS / "wikileaks-html/2005/02/05BRASILIA295.html")
    assert raw.text.startswith("C O N F I D E N T I A L BRASILIA 000295")
    assert "TAGS: PARM KNNP MNUC BR IAEA NPT\n" in raw.text
    assert "\n¶1. (C) Poloff discussed ref B non-paper" in raw.text
    assert "partial extract" not in raw.text


def test_wikileaks_page_header_block_comes_first():
    raw = _one(CORPUS / "wikileaks-html-1960s-70s/test-set/1972/02/72TEHRAN1164.html")
    assert raw.text.startswith("R 250930Z FEB 72 \nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 7561 \n")
    assert "\n\nUNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164" in raw.text
    assert raw.text.rstrip().endswith("HECK")


@pytest.mark.parametrize("path", WIKILEAKS, ids=lambda p: p.name)
def test_every_wikileaks_page_reads_cleanly(path):
    raw = _one(path)
    assert raw.text.strip()
    assert "<a" not in raw.text and "&#x" not in raw.text and "</pre>" not in raw.text
    assert canonical_id(raw.meta["id"]) == canonical_id(path.stem)


def test_wikileaks_body_equals_the_scraped_copy_of_the_same_cable():
    raw = _one(CORPUS / "wikileaks-html/2008/03/08BEIJING1141.html")
    scraped = _one(CORPUS / "scraped-text/08BEIJING1141.txt")
    assert raw.text.endswith(scraped.text.rstrip())


def test_truncated_and_foreign_html_pages_are_refused():
    page = (CORPUS / "wikileaks-html/2005/02/05BRASILIA295.html").read_bytes()
    with pytest.raises(FormatError, match="truncated"):
        list(read_bytes(page[: len(page) // 3], "half.html"))
    with pytest.raises(FormatError):
        list(read_bytes(b"<html><head><title>Cable Viewer</title></head><body>nothing</body></html>", "x.html"))


def test_plusd_page():
    raw = _one(CORPUS / "plusd-html/groups/plusd/data-cleaning/HTMLexamples/1973STATE097844_b.html")
    assert raw.source.format == "plusd-html"
    assert raw.meta["id"] == "1973STATE097844_b"
    assert raw.meta["created"] == "1973-05-22T18:28:00"  # "1973 May 22, 18:28 (Tuesday)"
    assert raw.meta["classification"] == "LIMITED OFFICIAL USE"  # "Original Classification"
    assert canonical_id(raw.meta["id"]) == "73STATE97844"


@pytest.mark.parametrize("path", PLUSD, ids=lambda p: p.name)
def test_every_plusd_page_has_header_and_body(path):
    raw = _one(path)
    assert "SUBJECT:" in raw.text and "<" not in raw.text
    assert raw.meta["subject"]


def test_pdf_repairs_rendering_artefacts():
    raw = _one(CORPUS / "pdf/00BEIJING11790.pdf")
    assert raw.source.format == "cable-pdf"
    assert raw.text.startswith("R 300927Z NOV 00\nFM AMEMBASSY BEIJING\nTO SECSTATE WASHDC 1052")
    # printed as "TAGS: \nPTER\n \nCH" and "¶\n1." by the renderer
    assert "TAGS: PTER CH\nSUBJECT: CHINA:  2000 ANNUAL TERRORISM REPORT" in raw.text
    assert "¶1.  BELOW IS THE 2000 TERRORISM REPORT FOR CHINA." in raw.text
    assert "¶\n" not in raw.text


def test_partial_pdf_states_id_and_classification():
    raw = _one(CORPUS / "pdf/00HANOI686.pdf")
    assert raw.meta == {"partial": True, "id": "2000HANOI00686", "classification": "CONFIDENTIAL"}
    assert not raw.text.startswith("This record")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_pdf_reads(path):
    raw = _one(path)
    # a routing line or, for the partial 00HANOI686, the telegram printout's page header
    assert raw.text.lstrip().startswith(("R ", "P ", "O ", "VZCZC", "CONFIDENTIAL     PTQ0683"))


def test_broken_pdf_is_refused():
    data = (CORPUS / "pdf/00ANKARA8112.pdf").read_bytes()
    with pytest.raises(FormatError, match="PDF"):
        list(read_bytes(data[:2000], "cut.pdf"))


def test_cables_csv_rows():
    items = list(read_file(str(CSV)))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    first, second = items
    assert first.source.format == "cables-csv" and first.source.row == 1
    assert first.meta == {
        "id": "66BUENOSAIRES2481", "created": "1966-12-28T18:48:00", "origin": "Embassy Buenos Aires",
        "classification": "UNCLASSIFIED", "references": ["66STATE106206"],
    }
    # the \" escapes are read as plain quotes
    assert 'OF "PREFERENTIAL JURISDICTION" FOR FISHING PURPOSES' in first.text
    assert "\\" not in first.text
    assert first.text.startswith("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n")
    assert second.meta["id"] == "72TEHRAN1164" and second.meta["created"] == "1972-02-25T09:30:00"
    assert second.meta["references"] == ["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"]  # "|"-separated


def test_cables_csv_checksums_are_stable_per_row():
    once = [r.source.sha256 for r in read_file(str(CSV))]
    again = [r.source.sha256 for r in read_file(str(CSV))]
    assert once == again and once[0] != once[1]


def test_cables_csv_truncated_last_row_is_reported_with_its_line():
    data = CSV.read_bytes()
    cut = data[: len(data) - 300]
    items = list(cables_csv.read_stream(io.BytesIO(cut), "cut.csv"))
    assert isinstance(items[0], RawDocument) and items[0].meta["id"] == "66BUENOSAIRES2481"
    assert isinstance(items[1], ReadError)
    second_row_line = data[: data.index(b'"2","2/25/1972')].count(b"\n") + 1
    assert items[1].line == second_row_line
    assert "truncated" in items[1].reason


def test_cables_csv_row_with_missing_columns_is_skipped_and_reading_goes_on():
    data = b'"1","12/28/1966 18:48","66X1","Embassy X"\n' + CSV.read_bytes().split(b"\n", 0)[0]
    items = list(cables_csv.read_stream(io.BytesIO(data), "short.csv"))
    assert isinstance(items[0], ReadError) and "4 columns" in items[0].reason and items[0].line == 1
    assert [i.meta["id"] for i in items[1:]] == ["66BUENOSAIRES2481", "72TEHRAN1164"]


def test_cables_csv_is_read_as_a_stream():
    class OneWay(io.RawIOBase):
        """A file that cannot seek or be read whole, like a pipe."""

        def __init__(self, data: bytes):
            self._inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self._inner.read(min(len(buffer), 4096))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    items = list(cables_csv.read_stream(io.BufferedReader(OneWay(CSV.read_bytes())), "pipe.csv"))
    assert [i.meta["id"] for i in items] == ["66BUENOSAIRES2481", "72TEHRAN1164"]
    assert hashlib.sha256(b"").hexdigest() not in {i.source.sha256 for i in items}
