"""parse_cable on the seed cables, field by field, and over the whole text corpus."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from prolifwatch.cable import parse_cable
from prolifwatch.cable.document import cable_from_raw
from prolifwatch.cable.parse import created_from_dtg
from prolifwatch.formats import read_paths
from tests.conftest import CORPUS, SEED_CABLE_EXPORT, SEED_CABLE_PAGE, SEED_CABLE_PREAMBLE


def _seed(path: Path, start: str) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index(start) :]


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # plain-text/ is Windows-1252 (the ¶ is byte 0xB6)
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n")


_LINK = re.compile(r"</?a\b[^>]*>")


def _scraped(path: Path) -> str:
    text = _LINK.sub("", _read(path))
    if text.startswith("<code><pre>"):
        text = text[len("<code><pre>") :]
    return text


def test_seed_001_preamble_layout() -> None:
    text = _seed(SEED_CABLE_PREAMBLE, "O 031007Z SEP 08")
    cable = parse_cable(text)
    assert cable.id == "08BEIJING3400"
    assert cable.subject == (
        "AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN OF CHINESE GOODS OF PROLIFERATION CONCERN (S)"
    )
    assert cable.created == "2008-09-03T10:07:00"
    assert (cable.created_source, cable.created_precision) == ("dtg", "day")  # "O 031007Z SEP 08"
    assert cable.released is None and cable.origin is None  # layout metadata, merged elsewhere
    assert (cable.classification, cable.caveats) == ("SECRET", [])
    assert cable.precedence == "IMMEDIATE"
    assert cable.dtg == "031007Z SEP 08"
    assert cable.from_ == "AMEMBASSY BEIJING"
    assert cable.recipients == ["SECSTATE WASHDC"]
    assert cable.info_recipients == []
    assert cable.tags == ["PARM", "PREL", "PTER", "MNUC", "MASS", "IR", "CH", "UK", "AS"]
    assert cable.references == ["08STATE93558"]
    assert cable.other_references == []
    assert cable.classified_by == "Ambassador Clark T. Randt, Jr."
    assert cable.reasons == ["1.4(b)", "1.4(c)", "1.4(d)"]
    assert cable.declassify_on == "2033-09-03"
    assert cable.signers == ["RANDT"]
    assert cable.summary is None
    assert [(p.index, p.number, p.marking, p.classification, p.caveats) for p in cable.paragraphs] == [
        (0, "¶1.", "(S)", "SECRET", []),
        (1, "¶2.", "(S)", "SECRET", []),
        (2, "¶3.", "(S)", "SECRET", []),
    ]
    first, _, last = cable.paragraphs
    assert first.text.startswith("¶1. (S) The Ambassador conveyed the United States grave concern")
    assert first.text.endswith("(The Ambassador also urged PRC support for the draft exception for India at the "
                               "upcoming Nuclear Suppliers Group Plenary and responded to AFM Lius demarche on "
                               "Taiwan-related issues. See septels.)")
    assert last.text.endswith('"to accept the P5-plus-1 foreign ministers letter and way forward paper."')
    assert "RANDT" not in last.text
    for p in cable.paragraphs:
        assert p.text == text[p.start : p.end]
    assert cable.text == text


def test_seed_003_wikileaks_page_text() -> None:
    text = _seed(SEED_CABLE_PAGE, "VZCZCXYZ0001")
    cable = parse_cable(text)
    assert cable.id == "07STATE159388"
    assert cable.subject == (
        "DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER AND INTERIM FOLLOW UP ON ONGOING ISSUES OF "
        "PROLIFERATION CONCERN"
    )
    assert cable.created == "2007-11-22T00:00:00"
    assert (cable.classification, cable.caveats) == ("SECRET", [])
    assert cable.precedence == "IMMEDIATE"
    assert cable.dtg == "220000Z NOV 07"
    assert cable.from_ == "SECSTATE WASHDC"
    assert cable.recipients == ["AMEMBASSY BEIJING"]
    assert cable.info_recipients == []
    assert cable.tags == ["PARM", "PREL", "UNGA"]
    assert cable.references == [
        "07STATE109649", "07BEIJING5237", "07STATE71143", "07STATE73601",
        "07STATE72896", "07BEIJING6361", "07STATE148514", "07BEIJING6848",
    ]
    assert cable.other_references == []
    assert cable.classified_by == "ISN Acting DAS Richard Stratford"
    assert cable.reasons == ["1.4(b)", "1.4(d)"]
    assert cable.declassify_on == "2032-12-31"
    assert cable.signers == ["RICE"]
    assert cable.summary is None
    assert [(p.number, p.marking) for p in cable.paragraphs] == [
        ("1.", "(S)"), ("2.", "(S/REL CHINA)"), ("3.", "(S/NF)"), ("4.", "(S/NF)"),
        ("5.", "(S/NF)"), ("6.", "(S/REL CHINA)"), ("7.", "(U)"), ("8.", "(U)"),
    ]
    assert [(p.classification, p.caveats) for p in cable.paragraphs] == [
        ("SECRET", []), ("SECRET", ["REL CHINA"]), ("SECRET", ["NOFORN"]), ("SECRET", ["NOFORN"]),
        ("SECRET", ["NOFORN"]), ("SECRET", ["REL CHINA"]), ("UNCLASSIFIED", []), ("UNCLASSIFIED", []),
    ]
    p1, p2, p3, p4, p5, p6, p7, p8 = cable.paragraphs
    # "6. NOTE THAT ..." is out of sequence: it is the end of paragraph 1, and the heading closes it.
    assert p1.text.endswith(
        "using the talking points in Para\n\n6. NOTE THAT THESE POINTS ARE EXTREMELY TIME SENSITIVE AND THE IC "
        "PROVIDED POINTS MUST BE USED VERBATIM."
    )
    assert "OBJECTIVES" not in p1.text
    assert p2.text.startswith("2.(S/REL CHINA) Post should:")
    assert p2.text.endswith("more detailed demarche on the subject of conventional arms transfers to Iran.")
    assert "Background" not in p2.text
    assert p5.text.endswith("is listed in the Annex to UN Security Council Resolution 1718.")
    assert p6.text.startswith("6.(S/REL CHINA) BEGIN TALIKING POINTS:")
    assert "BEGIN CLEARED IC TALKING POINTS THAT MUST BE USED VERBATIM:" in p6.text  # no heading, stays inside
    assert p6.text.endswith("Immediate and effective action will demonstrate China,s commitment to continued "
                            "improvement in our bilateral relations.")
    assert p7.text == "7.(U) Please report delivery of cable and any immediate response by November 23, 2007."
    assert p8.text == (
        "8.(U) Washington point-of-contact for follow-up information is XXXXXX XXXXXX. Please slug all "
        "responses for ISN, T, and EAP. Washington appreciates Post,s assistance."
    )
    for i, p in enumerate(cable.paragraphs):
        assert p.index == i and p.text == text[p.start : p.end]


def test_seed_002_export_layout_repeated_header() -> None:
    text = SEED_CABLE_EXPORT.read_text(encoding="utf-8")
    cable = parse_cable(text)
    assert cable.id == "09BEIJING724"
    assert cable.subject == "CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM"
    assert (cable.created, cable.dtg, cable.precedence) == ("2009-03-20T08:40:00", "200840Z MAR 09", "IMMEDIATE")
    assert (cable.from_, cable.recipients, cable.info_recipients) == (
        "AMEMBASSY BEIJING", ["SECSTATE WASHDC"], ["CHINA POSTS COLLECTIVE"])
    assert cable.classified_by == "Political Minister Counselor Aubrey Carlson"
    assert cable.reasons == ["1.4(b)", "1.4(d)", "1.4(h)"]
    assert cable.declassify_on == "2034-03-20"
    assert cable.references == ["09STATE25689"]
    assert cable.signers == ["PICCUTA"]
    assert [(p.number, p.marking) for p in cable.paragraphs] == [
        ("1.", "(S)"), ("2.", "(S)"), ("3.", "(C)"), ("4.", "(SBU)")]
    assert cable.paragraphs[-1].text.endswith('Sun said\nfurther details "would be shared soon."')


def test_scraped_date_line_gives_created_and_year() -> None:
    cable = parse_cable(_scraped(CORPUS / "scraped-text" / "08BEIJING1141.txt"))
    assert cable.created == "2008-03-26T09:48:00"  # "Wednesday, 26 March 2008, 09:48"
    assert (cable.created_source, cable.created_precision) == ("date-line", "day")
    assert cable.id == "08BEIJING1141"
    assert cable.summary is not None and cable.summary.startswith("Current bilateral cooperation on arms control")
    assert cable.summary.endswith("Cheng urged the United States to find a creative resolution to the declaration "
                                  "issue.")
    assert [p.number for p in cable.paragraphs] == [f"¶{n}." for n in range(1, 11)]
    assert cable.signers == ["PICCUTA"]


def test_caveat_line_after_serial_line() -> None:
    text = "S E C R E T SECTION 01 OF 04 PARIS 000207\n\nNOFORN\nSIPDIS\n\nE.O. 12958: DECL: 02/11/2020\n"
    cable = parse_cable(text)
    assert (cable.classification, cable.caveats) == ("SECRET", ["NOFORN"])


def test_fragment_and_empty_text() -> None:
    assert parse_cable("").paragraphs == []
    cable = parse_cable("SUBJECT: ONLY A SUBJECT")
    assert cable.subject == "ONLY A SUBJECT" and cable.id is None


@pytest.mark.parametrize(
    ("dtg", "iso"),
    [("200840Z MAR 09", "2009-03-20T08:40:00"), ("031007Z SEP 08", "2008-09-03T10:07:00"),
     ("130854Z AUG 74", "1974-08-13T08:54:00"), ("320000Z JAN 09", None), ("bad", None)],
)
def test_created_from_dtg(dtg: str, iso: str | None) -> None:
    assert created_from_dtg(dtg) == iso


# ------------------------------------------------------------------ the corpus

_CORPUS_FILES = sorted((CORPUS / "plain-text").glob("*.txt")) + sorted((CORPUS / "scraped-text").glob("*.txt"))


def _corpus_text(path: Path) -> str:
    return _scraped(path) if path.parent.name == "scraped-text" else _read(path)


# The scraped page saved under these names holds a different cable (read the serial line and DTG).
_MISNAMED = {
    "07PARIS2725.txt": "07MOSCOW5154",  # "S E C R E T SECTION 01 OF 04 MOSCOW 005154", 26 October 2007
    "09CHISINAU694.txt": "09ULAANBAATAR234",  # "FM AMEMBASSY ULAANBAATAR", 8/13/2009
}


@pytest.mark.skipif(not _CORPUS_FILES, reason="the shared corpus is not beside the repository")
def test_corpus_invariants() -> None:
    problems = []
    for path in _CORPUS_FILES:
        text = _corpus_text(path)
        cable = parse_cable(text)
        numbers = [int(p.number.strip("¶ \t.")) for p in cable.paragraphs if p.number]
        for i, p in enumerate(cable.paragraphs):
            if p.index != i or p.text != text[p.start : p.end] or p.text != p.text.strip() or not p.text:
                problems.append(f"{path.name}: paragraph {i} offsets")
        if numbers != sorted(numbers):
            problems.append(f"{path.name}: numbers {numbers}")
        if any(a.end > b.start for a, b in zip(cable.paragraphs, cable.paragraphs[1:])):
            problems.append(f"{path.name}: overlapping paragraphs")
        for name in cable.signers:
            if cable.paragraphs and name in cable.paragraphs[-1].text[-len(name) - 5 :]:
                problems.append(f"{path.name}: signature {name} inside the last paragraph")
        # every id the text itself yields must be the one the file is named after,
        # except in two files whose content is another cable
        if cable.id is not None and cable.id != _MISNAMED.get(path.name, path.stem):
            problems.append(f"{path.name}: id {cable.id}")
    assert problems == []


@pytest.mark.skipif(not _CORPUS_FILES, reason="the shared corpus is not beside the repository")
def test_plain_text_corpus_fields() -> None:
    # Plain texts carry the whole transmission header: every one has all of these.
    for path in sorted((CORPUS / "plain-text").glob("*.txt")):
        cable = parse_cable(_read(path))
        assert cable.id == path.stem, path.name
        assert cable.dtg and cable.created and cable.precedence and cable.from_, path.name
        assert cable.recipients, path.name
        assert cable.classification in ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET"), path.name
        assert cable.subject, path.name
        assert cable.paragraphs, path.name


def test_text_without_a_date_leaves_created_empty() -> None:
    # scraped-text/06BAKU1835.txt starts at the serial line: no DTG, no date line
    # (cable_from_raw then estimates it, see tests/cable/test_created.py)
    cable = parse_cable(_scraped(CORPUS / "scraped-text" / "06BAKU1835.txt"), year=2006)
    assert (cable.created, cable.created_source, cable.created_precision) == (None, None, None)
    assert cable.id == "06BAKU1835"


# WikiLeaks pages print the time as hour and 12-hour-clock hour ("09:09" for
# 09:48); where the page's day and hour agree with the DTG, its minute is taken.
@pytest.mark.parametrize(
    ("page", "page_time", "dtg", "created"),
    [
        ("wikileaks-html/2008/03/08BEIJING1141.html", "2008-03-26 09:09", "260948Z MAR 08", "2008-03-26T09:48:00"),
        ("wikileaks-html/1966/12/66BUENOSAIRES2481.html", "1966-12-28 18:06", "281848Z DEC 66",
         "1966-12-28T18:48:00"),
        ("wikileaks-html/1972/02/72TEHRAN1164.html", "1972-02-25 09:09", "250930Z FEB 72", "1972-02-25T09:30:00"),
    ],
)
def test_a_wikileaks_page_time_takes_the_minute_of_its_dtg(page, page_time, dtg, created) -> None:
    raw = next(iter(read_paths([str(CORPUS / page)])))
    assert raw.meta["created"] == page_time.replace(" ", "T") + ":00"  # the page as printed
    cable = cable_from_raw(raw)
    assert (cable.dtg, cable.created, cable.created_source) == (dtg, created, "layout")
