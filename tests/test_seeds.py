"""Every field of `prolifwatch parse --json` for the three seed cables, as the seeds print them.

Each expected value was written by reading the seed line by line; the
comment beside it quotes the line it comes from.
"""
from __future__ import annotations

import hashlib

import pytest

from prolifwatch.model import Cable
from prolifwatch.pipeline import parse_paths
from tests.conftest import SEED_CABLE_EXPORT, SEED_CABLE_PAGE, SEED_CABLE_PREAMBLE


def _record(path) -> dict:
    [doc] = list(parse_paths([path]))
    assert isinstance(doc, Cable), doc
    record = doc.to_json()
    for para in record["paragraphs"]:
        assert doc.text[para["start"] : para["end"]] == para["text"]
    assert record["sources"] == [
        {"path": str(path), "format": record["sources"][0]["format"],
         "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    ]
    return record


def _paragraphs(record) -> list[tuple]:
    return [(p["index"], p["number"], p["marking"], p["classification"], p["caveats"]) for p in record["paragraphs"]]


SEED_001 = {
    "id": "08BEIJING3400",  # preamble line 1
    "kind": "cable",
    "subject": "AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN OF CHINESE GOODS OF PROLIFERATION CONCERN (S)",
    "created": "2008-09-03T00:00:00+02:00",  # "Wed Sep 03 00:00:00 +0200 2008"
    "released": None,  # the layout does not say
    "origin": "Embassy Beijing",
    "classification": "SECRET",
    "caveats": [],
    "precedence": "IMMEDIATE",  # "O 031007Z SEP 08"
    "dtg": "031007Z SEP 08",
    "from": "AMEMBASSY BEIJING",  # "FM AMEMBASSY BEIJING"
    "recipients": ["SECSTATE WASHDC"],  # "TO SECSTATE WASHDC IMMEDIATE 9683S E C R E T BEIJING 003400"
    "info_recipients": [],
    "tags": ["PARM", "PREL", "PTER", "MNUC", "MASS", "IR", "CH", "UK", "AS"],
    "references": ["08STATE93558"],  # "REF: STATE 93558"
    "other_references": [],
    "classified_by": "Ambassador Clark T. Randt, Jr.",
    "reasons": ["1.4(b)", "1.4(c)", "1.4(d)"],  # "Reasons 1.4 (b), (c) and (d)."
    "declassify_on": "2033-09-03",  # "E.O. 12958: DECL: 09/03/2033"
    "signers": ["RANDT"],
    "summary": None,
}

SEED_002 = {
    "id": "09BEIJING724",
    "kind": "cable",
    "subject": "CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM",
    "created": "2009-03-20T08:40:00",  # "2009-03-20 08:40:00"
    "released": None,
    "origin": "Embassy Beijing",
    "classification": "SECRET",
    "caveats": [],
    "precedence": "IMMEDIATE",  # "O 200840Z MAR 09"
    "dtg": "200840Z MAR 09",
    "from": "AMEMBASSY BEIJING",
    "recipients": ["SECSTATE WASHDC"],  # "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2986"
    "info_recipients": ["CHINA POSTS COLLECTIVE"],  # "INFO RUEHOO/CHINA POSTS COLLECTIVE"
    "tags": ["PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR"],
    "references": ["09STATE25689"],  # "REF: STATE 25689 AND PREVIOUS (NOTAL)"
    "other_references": [],
    "classified_by": "Political Minister Counselor Aubrey Carlson",
    "reasons": ["1.4(b)", "1.4(d)", "1.4(h)"],  # "Reasons 1.4 (b),(d) and (h)."
    "declassify_on": "2034-03-20",  # "E.O. 12958: DECL: 03/20/2034"
    "signers": ["PICCUTA"],
    "summary": None,
}

SEED_003 = {
    "id": "07STATE159388",
    "kind": "cable",
    "subject": "DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER AND INTERIM FOLLOW UP ON ONGOING ISSUES OF "
    "PROLIFERATION CONCERN",
    # metadata table "2007-11-22 00:12", whose "minute" is the 12-hour clock's
    # hour; the DTG "O 220000Z NOV 07" gives the minute
    "created": "2007-11-22T00:00:00",
    "released": "2011-02-02T21:09:00",  # "2011-02-02 21:09"
    "origin": "Secretary of State",
    "classification": "SECRET",
    "caveats": [],
    "precedence": "IMMEDIATE",  # "O 220000Z NOV 07"
    "dtg": "220000Z NOV 07",
    "from": "SECSTATE WASHDC",
    "recipients": ["AMEMBASSY BEIJING"],  # "TO AMEMBASSY BEIJING IMMEDIATE 0000"
    "info_recipients": [],
    "tags": ["PARM", "PREL", "UNGA"],
    # "REF: A. STATE 109649 B. BEIJING5237 C. STATE 071143 D. STATE 073601 E. STATE 72896
    #  F. BEIJING 6361 G. STATE 148514 H. BEIJING 6848"
    "references": [
        "07STATE109649", "07BEIJING5237", "07STATE71143", "07STATE73601",
        "07STATE72896", "07BEIJING6361", "07STATE148514", "07BEIJING6848",
    ],
    "other_references": [],
    "classified_by": "ISN Acting DAS Richard Stratford",
    "reasons": ["1.4(b)", "1.4(d)"],  # "Reasons: 1.4(b) & (d)."
    "declassify_on": "2032-12-31",  # "E.O. 12958: DECL: 12/31/2032"
    "signers": ["RICE"],
    "summary": None,
}


@pytest.mark.parametrize(
    "path, expected, layout",
    [
        (SEED_CABLE_PREAMBLE, SEED_001, "cable-preamble-text"),
        (SEED_CABLE_EXPORT, SEED_002, "cable-search-export"),
        (SEED_CABLE_PAGE, SEED_003, "wikileaks-page-text"),
    ],
    ids=["001", "002", "003"],
)
def test_seed_cable_header_fields(path, expected, layout):
    record = _record(path)
    assert record["sources"][0]["format"] == layout
    assert {k: record[k] for k in expected} == expected


def test_seed_001_paragraphs():
    record = _record(SEED_CABLE_PREAMBLE)
    assert _paragraphs(record) == [
        (0, "¶1.", "(S)", "SECRET", []),
        (1, "¶2.", "(S)", "SECRET", []),
        (2, "¶3.", "(S)", "SECRET", []),
    ]
    texts = [p["text"] for p in record["paragraphs"]]
    assert texts[0].startswith("¶1. (S) The Ambassador conveyed the United States grave concern")
    assert texts[2].endswith('"to accept the P5-plus-1 foreign ministers letter and way forward paper."')


def test_seed_002_paragraphs_and_the_header_printed_twice():
    record = _record(SEED_CABLE_EXPORT)
    assert _paragraphs(record) == [
        (0, "1.", "(S)", "SECRET", []),
        (1, "2.", "(S)", "SECRET", []),
        (2, "3.", "(C)", "CONFIDENTIAL", []),
        (3, "4.", "(SBU)", "UNCLASSIFIED", ["SBU"]),
    ]
    assert record["paragraphs"][1]["text"].startswith("2. (S) Sun asked if the items sold by LIMMT to Shahid Bakeri")
    assert "3GFF-700 cold flow\nforming machine" in record["paragraphs"][1]["text"]
    assert record["paragraphs"][3]["text"].endswith('further details "would be shared soon."')


def test_seed_003_paragraphs():
    record = _record(SEED_CABLE_PAGE)
    assert _paragraphs(record) == [
        (0, "1.", "(S)", "SECRET", []),
        (1, "2.", "(S/REL CHINA)", "SECRET", ["REL CHINA"]),
        (2, "3.", "(S/NF)", "SECRET", ["NOFORN"]),
        (3, "4.", "(S/NF)", "SECRET", ["NOFORN"]),
        (4, "5.", "(S/NF)", "SECRET", ["NOFORN"]),
        (5, "6.", "(S/REL CHINA)", "SECRET", ["REL CHINA"]),
        (6, "7.", "(U)", "UNCLASSIFIED", []),
        (7, "8.", "(U)", "UNCLASSIFIED", []),
    ]
    texts = [p["text"] for p in record["paragraphs"]]
    # "...using the talking points in Para\n\n6. NOTE THAT THESE POINTS..." stays inside paragraph 1.
    assert texts[0].endswith("THE IC PROVIDED POINTS MUST BE USED VERBATIM.")
    assert texts[4].startswith("5. (S/NF) We are particularly concerned about an impending shipment")
    assert "Iran Matin" in texts[4] and "83 20-foot containers" in texts[4]
    assert texts[5].startswith("6.(S/REL CHINA) BEGIN TALIKING POINTS:")
    assert not any("RICE" in t.split()[-1:] for t in texts)  # the signature is not part of ¶8
