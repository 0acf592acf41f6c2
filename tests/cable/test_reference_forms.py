"""REF forms of issue 18, and what never becomes a cable id.

Rows marked "issue 18" are lines quoted there from the larger collection (they
are not in ../shared/corpus); the others name the corpus file they come from.
"""
from __future__ import annotations

import pytest

from prolifwatch.cable.references import References, parse_references

# (REF text as printed, year of the citing cable, cited cables, other references)
FORMS = [
    pytest.param(
        "Ref(s): A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044",
        2008,
        ["08RIODEJANEIRO138", "08RIODEJANEIRO44"],
        [],
        id="issue18-Ref(s)-rio-de-jan",
    ),
    pytest.param(
        "REF: (A) USUNESCO PARIS FR 000087", 2009, ["09UNESCOPARISFR87"], [], id="issue18-usunesco-paris-fr"
    ),
    pytest.param(
        "REF: SECDEF 122723; CAIRO IIR 6 899 0149 10",
        2010,
        ["10SECDEF122723"],
        ["CAIRO IIR 6 899 0149 10"],
        id="issue18-secdef-cable-iir-text",
    ),
    pytest.param(
        "REF: (A) BRASILIA 685 (B) BRASILIA 607 (C) 03 BRASILIA IIR 6 809 0381 03 (D) 03 BRASILIA 2544 ",
        2004,
        ["04BRASILIA685", "04BRASILIA607", "03BRASILIA2544"],
        ["03 BRASILIA IIR 6 809 0381 03"],
        id="scraped-text/04BRASILIA745-iir",
    ),
    pytest.param(
        "REF: A. A) E-MAILS JULY 29-AUG 1 EMB LONDON (GAYLE) TO         NEA/IR      B. B) LONDON 1645      "
        "C. C) DUBAI 28  Classified By: Political Counselor",
        2009,
        ["09LONDON1645", "09DUBAI28"],
        ["E-MAILS JULY 29-AUG 1 EMB LONDON (GAYLE) TO NEA/IR"],
        id="wikileaks-html/09LONDON2199-e-mails",
    ),
    pytest.param(
        "REF: A. STATE 97844\n\nB. ATHENS 2959\n\n1. EMBASSY RECEIVED INFORMATION",
        1974,
        ["74STATE97844", "74ATHENS2959"],
        [],
        id="plusd/1974ATHENS03099_b",
    ),
    pytest.param(
        "REF: 09 STATE 96625; A. A)STATE 70789; B. B) SEOUL 1144 \n\u00b6\n"
        "C. C) SINGAPORE 675; D. D) THE HAGUE 4750; E. E) NAIROBI 1812 \n\u00b6\n"
        "F. F) ADDIS 1556; G. G) STATE 87385; H. H) STATE 58996 \n \n\u00b61. (SBU) DepEconCouns",
        2009,
        ["09STATE96625", "09STATE70789", "09SEOUL1144", "09SINGAPORE675", "09THEHAGUE4750", "09NAIROBI1812",
         "09ADDISABABA1556", "09STATE87385", "09STATE58996"],
        [],
        id="pdf/00ATHENS1501-addis-short-form",
    ),
]


@pytest.mark.parametrize(("text", "year", "cables", "other"), FORMS)
def test_reference_forms(text: str, year: int, cables: list[str], other: list[str]) -> None:
    assert parse_references(text, year) == References(cables, other)


# A page header inside a REF block is not a reference.  The older header (PDFs,
# 1970s cables) is "PAGE nn STATION SERIAL nn OF nn [DTG]"; read as a reference
# "PAGE 02 ROME 01196" would be 02ROME1196.
@pytest.mark.parametrize(
    "page_header",
    [
        pytest.param("PAGE 02 ROME 01196 01 OF 02", id="issue18-rome"),
        pytest.param("PAGE 02        HANOI  00686  01 OF 07  050821Z", id="pdf/00HANOI686-as-printed"),
    ],
)
def test_page_header_inside_block(page_header: str) -> None:
    text = f"REF: A) HANOI 637\n{page_header}\nB) HANOI 232 \n\n(U) CLASSIFIED BY POLITICAL COUNSELOR"
    assert parse_references(text, 2000) == References(["00HANOI637", "00HANOI232"], [])


def test_date_time_group_is_text() -> None:
    # A DTG is day, hour, minute and Z: never a serial, even after a station.
    assert parse_references("REF: SECSTATE 261300Z MAR 08", 2008) == References([], ["SECSTATE 261300Z MAR 08"])


def test_message_header_alone_is_not_a_ref_block() -> None:
    # pdf/00DAMASCUS3013.pdf holds only the routing header: nothing in it is a reference.
    text = (
        "O 131830Z JUN 00\nFM AMEMBASSY DAMASCUS\nTO SECSTATE WASHDC IMMEDIATE 1438\n"
        "INFO ARAB ISRAELI COLLECTIVE IMMEDIATE\nAMEMBASSY NICOSIA \nAMEMBASSY ANKARA"
    )
    assert parse_references(text, 2000) == References([], [])
