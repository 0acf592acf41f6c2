"""The subject a layout states outside the cable text: the WikiLeaks page's
"Viewing cable ID, SUBJECT" heading and PlusD's title cell, in ``meta["subject"]``.

Headings are quoted from the pages under ../shared/corpus/wikileaks-html (the id
names the page); the record takes them only where the cable text has no subject.
"""
from __future__ import annotations

import dataclasses

import pytest

from prolifwatch.cable.document import cable_from_raw
from prolifwatch.formats import read_file
from prolifwatch.formats.wikileaks_html import subject_from_heading
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS


def _one(path) -> RawDocument:
    [raw] = list(read_file(str(path)))
    assert isinstance(raw, RawDocument), raw
    return raw


def _page(cable_id: str):
    [path] = sorted((CORPUS / "wikileaks-html").rglob(f"{cable_id}.html"))
    return path


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        pytest.param("Viewing cable 08LONDON1352, IRANIAN BANKING IN LONDON: UK PLANS AND CONCERNS",
                     "IRANIAN BANKING IN LONDON: UK PLANS AND CONCERNS", id="08LONDON1352-plain"),
        # WikiLeaks dropped the opening bracket of the subject's marking "(S)"
        pytest.param("Viewing cable 08STATE93558, S) SHIPMENT OF CHINESE ORIGIN GOODS DESTINED FOR IRAN",
                     "(S) SHIPMENT OF CHINESE ORIGIN GOODS DESTINED FOR IRAN", id="08STATE93558-marking"),
        pytest.param("Viewing cable 09LONDON2199, C/NF) P5 HEADS OF DELEGATION SIDE-MEETING ON NPT",
                     "(C/NF) P5 HEADS OF DELEGATION SIDE-MEETING ON NPT", id="09LONDON2199-marking-with-caveat"),
        pytest.param("Viewing cable 08STATE15220, s) further scheming by german firm to export",
                     "(s) further scheming by german firm to export", id="08STATE15220-lower-case"),
        # the REF block, the Classified By line, a page header and "----" rules run on into the heading
        pytest.param("Viewing cable 08LONDON2179, HMG'S ENDORSEMENT OF THE DESIGNATION OF ADDITIONAL IRANIAN "
                     "ENTITIES AND INDIVIDUALS UNDER E.O. 13382 REF: STATE 88759",
                     "HMG'S ENDORSEMENT OF THE DESIGNATION OF ADDITIONAL IRANIAN ENTITIES AND INDIVIDUALS UNDER "
                     "E.O. 13382", id="08LONDON2179-REF"),
        pytest.param("Viewing cable 08LONDON2798, C) UK'S POTENTIAL NEW FINANCIAL TOOL AGAINST IRAN  Classified "
                     "By: KATHLEEN DOHERTY, ECON COUNSELOR FOR REASONS 1.4 B & D",
                     "(C) UK'S POTENTIAL NEW FINANCIAL TOOL AGAINST IRAN", id="08LONDON2798-classified-by"),
        pytest.param("Viewing cable 09BERLIN1297, S) GERMANY PLANNING TO RECALL COMPUTERS CONNECTED WITH IRAN'S "
                     "NUCLEAR PROGRAM REF: A. BERLIN 487 B. BERLIN 406 C. STATE 31434 BERLIN 00001297 001.2 OF 002",
                     "(S) GERMANY PLANNING TO RECALL COMPUTERS CONNECTED WITH IRAN'S NUCLEAR PROGRAM",
                     id="09BERLIN1297-REF-then-page-header"),
        pytest.param("Viewing cable 08UNVIEVIENNA215, IAEA: HAYWARD DELEGATION TOUR D,HORIZON WITH SENIOR AGENCY "
                     "OFFICIALS Classified By: Ambassador Gregory L. Schulte for reasons 1.4 b,d and h Summary --------",
                     "IAEA: HAYWARD DELEGATION TOUR D,HORIZON WITH SENIOR AGENCY OFFICIALS", id="08UNVIEVIENNA215"),
        pytest.param("Viewing cable 09LONDON265, SUBJECT: BRITISH PRESS CASE AGAINST IRISL WITH XXXXXXXXXXXX",
                     "BRITISH PRESS CASE AGAINST IRISL WITH XXXXXXXXXXXX", id="09LONDON265-label"),
        # only the subject's first line, ending in the cable's line-continuation "\"
        pytest.param("Viewing cable 06BERN1971, EUR A/S FRIED AND SWISS STATE SECRETARY AMBUHL \\",
                     "EUR A/S FRIED AND SWISS STATE SECRETARY AMBUHL", id="06BERN1971-first-line"),
        pytest.param("Viewing cable 09USNATO30, READOUT NORTH ATLANTIC COUNCIL MEETING JANUARY 28,",
                     "READOUT NORTH ATLANTIC COUNCIL MEETING JANUARY 28", id="09USNATO30-trailing-comma"),
        # the page shows no subject
        pytest.param("Viewing cable 09DAMASCUS195,", None, id="09DAMASCUS195-empty"),
        pytest.param("Browse by tag", None, id="not-the-heading"),
    ],
)
def test_subject_from_heading(heading: str, expected: str | None) -> None:
    assert subject_from_heading(heading, heading.split()[2].rstrip(",") if "cable" in heading else None) == expected


def test_page_header_station_of_two_words() -> None:
    # 07LONDON4328's heading as on the page; the second heading is constructed (no heading in
    # the corpus carries a page header of a two-word station): "TEL AVIV" is dropped whole
    heading = ("Viewing cable 07LONDON4328, C/NF) UK SHARES U.S. GOALS ON IRAN; WE SHOULD RE-FOCUS UK DOMESTIC "
               "EFFORTS AND INCREASE COORDINATION REF: A. STATE 156409 B. STATE 157039 LONDON 00004328 001.2 OF 006")
    assert subject_from_heading(heading, "07LONDON4328") == (
        "(C/NF) UK SHARES U.S. GOALS ON IRAN; WE SHOULD RE-FOCUS UK DOMESTIC EFFORTS AND INCREASE COORDINATION"
    )
    assert subject_from_heading("Viewing cable 07TELAVIV3515, PDAS MCNERNEY'S OCTOBER 24 DISCUSSIONS TEL AVIV "
                                "00003515 001.2 OF 004", "07TELAVIV3515") == "PDAS MCNERNEY'S OCTOBER 24 DISCUSSIONS"


@pytest.mark.parametrize(
    ("cable_id", "expected"),
    [
        ("08STATE93558", "(S) SHIPMENT OF CHINESE ORIGIN GOODS DESTINED FOR IRAN"),
        ("72TEHRAN1164", "ACCELERATION OF F-4ES FOR IRAN"),
        ("09STATE4134", "spanish metal merchant supplies syrian entities"),
        ("09DAMASCUS195", None),  # "Viewing cable 09DAMASCUS195," and no SUBJECT line in the text either
    ],
)
def test_wikileaks_page_meta_subject(cable_id: str, expected: str | None) -> None:
    assert _one(_page(cable_id)).meta.get("subject") == expected


def test_record_takes_the_heading_only_where_the_text_has_no_subject() -> None:
    raw = _one(_page("09STATE4134"))
    # the text's own SUBJECT runs on to its second line; the heading shows the first
    assert cable_from_raw(raw).subject == "spanish metal merchant supplies syrian entities of proliferation concern (s)"
    without = raw.text.replace("SUBJECT:", "", 1).replace("Subject:", "", 1)
    assert cable_from_raw(dataclasses.replace(raw, text=without)).subject == (
        "spanish metal merchant supplies syrian entities"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("1974ATHENS02959_b.html", "ARRESTS OF KALOUDIS AND AMBATIELOS"),
        ("1974ATHENS03099_b.html", "ARRESTS OF KALOUDIS AND AMBATIELOS"),
        ("1973STATE097844_b.html", "INFORMATION TO FORMER SENATOR TYDINGS"),
    ],
)
def test_plusd_title(name: str, expected: str) -> None:
    [path] = sorted((CORPUS / "plusd-html").rglob(name))
    assert _one(path).meta["subject"] == expected
