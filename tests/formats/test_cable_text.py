"""Text layouts of cables: the wrapping goes to meta, the cable text stays as printed."""
from __future__ import annotations

import pytest

from prolifwatch.formats import read_bytes, read_file
from prolifwatch.formats.cable_text import drop_repeated_header, strip_scraped_markup
from prolifwatch.formats.errors import FormatError
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS, SEED_CABLE_EXPORT, SEED_CABLE_PAGE, SEED_CABLE_PREAMBLE


def _one(path) -> RawDocument:
    items = list(read_file(str(path)))
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    return items[0]


def test_preamble_seed_001():
    raw = _one(SEED_CABLE_PREAMBLE)
    assert raw.source.format == "cable-preamble-text"
    assert raw.meta == {
        "id": "08BEIJING3400",
        "subject": "AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN OF CHINESE GOODS OF PROLIFERATION CONCERN (S)",
        "created": "2008-09-03T00:00:00+02:00",  # "Wed Sep 03 00:00:00 +0200 2008"
        "classification": "SECRET",
        "origin": "Embassy Beijing",
    }
    assert raw.text.startswith("O 031007Z SEP 08\nFM AMEMBASSY BEIJING\n")
    assert raw.text.rstrip().endswith("RANDT")


def test_search_export_seed_002_keeps_one_copy_of_the_repeated_header():
    raw = _one(SEED_CABLE_EXPORT)
    assert raw.source.format == "cable-search-export"
    assert raw.meta["id"] == "09BEIJING724"
    assert raw.meta["created"] == "2009-03-20T08:40:00"
    assert raw.meta["classification"] == "SECRET"
    assert raw.meta["origin"] == "Embassy Beijing"
    assert raw.meta["subject"] == "CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM"
    assert raw.meta["tags"] == ["PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR"]
    assert raw.text.startswith("VZCZCXRO5199\n")
    # The seed prints "S E C R E T BEIJING 000724 … Reasons 1.4 (b),(d) and (h)." twice.
    assert raw.text.count("S E C R E T BEIJING 000724") == 1
    assert raw.text.count("Classified By: Political Minister Counselor Aubrey Carlson.") == 1
    assert "1. (S) Stressing the long history" in raw.text
    assert "pdf how-to read a cable" not in raw.text


def test_drop_repeated_header_leaves_a_single_header_alone():
    text = "S E C R E T BEIJING 000724\nSUBJECT: X\n\n1. (S) Body.\n"
    assert drop_repeated_header(text) == text


def test_saved_wikileaks_page_seed_003():
    raw = _one(SEED_CABLE_PAGE)
    assert raw.source.format == "wikileaks-page-text"
    assert raw.meta == {
        "id": "07STATE159388",
        "created": "2007-11-22T00:12:00",
        "released": "2011-02-02T21:09:00",
        "classification": "SECRET",
        "origin": "Secretary of State",
        # the page's heading, "Viewing cable 07STATE159388, DEMARCHE ON ... CONCERN REF: A. STATE 109649 ..."
        "subject": "DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER AND INTERIM FOLLOW UP ON ONGOING ISSUES "
        "OF PROLIFERATION CONCERN",
    }
    assert raw.text.startswith("VZCZCXYZ0001\n")
    for chrome in ("Understanding cables", "Browse by tag", "Keep Us Strong", "#cablegate"):
        assert chrome not in raw.text
    assert raw.text.rstrip().endswith("RICE")


def test_scraped_text_with_preview_and_metadata_block():
    raw = _one(CORPUS / "scraped-text" / "03THEHAGUE1865.txt")
    assert raw.source.format == "scraped-cable-text"
    # The page's metadata lines: "9608 / 2003-07-23 / 03THEHAGUE1865 / Embassy The Hague / CONFIDENTIAL"
    assert raw.meta == {
        "id": "03THEHAGUE1865",
        "created": "2003-07-23T00:00:00",
        "origin": "Embassy The Hague",
        "classification": "CONFIDENTIAL",
    }
    # The truncated preview ("TRANSATLANTIC IS...") is gone; the full body stays.
    assert "IS..." not in raw.text
    assert raw.text.startswith("C O N F I D E N T I A L SECTION 01 OF 02 THE HAGUE 001865")
    assert "TAGS: ECON EFIN ETRD IZ NL PREL NATO" in raw.text
    assert "<a" not in raw.text and "</pre>" not in raw.text
    assert raw.text.rstrip().endswith("RUSSEL")


def test_scraped_text_metadata_block_with_references():
    raw = _one(CORPUS / "scraped-text" / "04THEHAGUE1717.txt")
    assert raw.meta["references"] == ["04THEHAGUE1701"]
    assert raw.meta["classification"] == "SECRET"


def test_scraped_text_body_only_keeps_paragraph_signs():
    raw = _one(CORPUS / "scraped-text" / "08BEIJING1141.txt")
    assert raw.meta == {}
    assert raw.text.startswith("Wednesday, 26 March 2008, 09:48\nC O N F I D E N T I A L SECTION 01 OF 02 BEIJING 001141")
    assert "\n¶1. (C) Current bilateral cooperation" in raw.text
    assert raw.text.rstrip().endswith("PICCUTA")


@pytest.mark.parametrize("name", ["08OSLO629.txt", "09OTTAWA64.txt"])
def test_scraped_page_without_a_cable_is_reported(name):
    [error] = list(read_file(str(CORPUS / "scraped-text" / name)))
    assert not isinstance(error, RawDocument)
    assert error.path.endswith(name)
    assert "no cable text" in error.reason


def test_strip_scraped_markup_handles_a_link_cut_in_half():
    assert strip_scraped_markup("TAGS: <a href='/tag/EPET_0.html'>EPET</a> <a href='/tag/TPHY_0.h") == "TAGS: EPET "


def test_plain_text_cable_in_windows_1252():
    raw = _one(CORPUS / "plain-text" / "07BOGOTA1165.txt")
    assert raw.source.format == "plain-cable-text"
    assert raw.text.startswith("VZCZCXRO0594\n")
    assert "\r" not in raw.text
    # byte 0xB6 is the paragraph sign in Windows-1252
    assert "¶1.  This is an action request" in raw.text


def test_plain_looking_text_without_a_cable_header_is_refused():
    with pytest.raises(FormatError):
        list(read_bytes(b"FM: me\nTO: you\nlunch?\n", "note.txt"))
