"""Consistency warnings: the page's id against the cable text's own serial line,
and a page showing another cable's header and text after its own header.

Every disagreement in ../shared/seeds + ../shared/corpus (5, all in station and
serial; and 4 pages showing another cable after their own header) is in the
tables below; each body was read in the file.
"""
from __future__ import annotations

import copy

import pytest

from prolifwatch.cable import consistency
from prolifwatch.cable.document import cable_from_raw
from prolifwatch.formats import read_paths
from tests.conftest import CORPUS, SEED_CABLE_PREAMBLE


def _raw(relative: str):
    [raw] = [r for r in read_paths([CORPUS / relative]) if getattr(r, "kind", None) == "cable"]
    return raw


# (file, the id its page or file name gives, the id of the text it holds, named by)
OTHER_CABLES = [
    # serial line "S e c r e t state 068250", DECL 07/01/2034 (25 years: 2009)
    ("wikileaks-html/1988/01/88BAGHDAD28.html", "88BAGHDAD28", "09STATE68250", "layout"),
    # "C O N F I D E N T I A L SECTION 01 OF 03 BEIJING 002305", DECL 06/12/2033, a June 5, 2008 meeting
    ("wikileaks-html/2005/04/05MUSCAT679.html", "05MUSCAT679", "08BEIJING2305", "layout"),
    # "S E C R E T SECTION 01 OF 04 MOSCOW 005154", "Friday, 26 October 2007, 02:25"
    ("scraped-text/07PARIS2725.txt", "07PARIS2725", "07MOSCOW5154", "file name"),
    # "C O N F I D E N T I A L SECTION 01 OF 05 MADRID 001132", DECL 11/30/2018
    ("scraped-text/08LIMA1732.txt", "08LIMA1732", "08MADRID1132", "file name"),
    # "S E C R E T ULAANBAATAR 000234", "Thursday, 13 August 2009, 08:54"
    ("scraped-text/09CHISINAU694.txt", "09CHISINAU694", "09ULAANBAATAR234", "file name"),
]


@pytest.mark.parametrize("relative, named, body, named_by", OTHER_CABLES)
def test_page_holding_another_cable(relative, named, body, named_by):
    cable = cable_from_raw(_raw(relative))
    assert cable.id == body
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == ("id", named, body)
    assert named_by in warning["message"]


def test_88baghdad28_is_stored_as_the_2009_state_cable():
    # the page's header ("R 021258Z JAN 88 / FM AMEMBASSY BAGHDAD / TO SECSTATE WASHDC 9118")
    # is Baghdad's; the text below it is STATE 068250 of 2009 (its own page:
    # wikileaks-html/2009/07/09STATE68250.html, SECRET, Secretary of State, 2009-07-01)
    cable = cable_from_raw(_raw("wikileaks-html/1988/01/88BAGHDAD28.html"))
    assert cable.id == "09STATE68250"
    assert (cable.created, cable.created_source) == ("2009-07-01", "declassify-estimate")
    assert cable.origin == "Secretary of State"
    assert cable.classification == "SECRET"
    # the header belongs to the 1988 cable: not kept as this one's
    assert (cable.dtg, cable.from_, cable.recipients, cable.precedence) == (None, None, [], None)
    assert cable.subject.lower().startswith("german test chamber")


def test_05muscat679_is_the_beijing_cable():
    cable = cable_from_raw(_raw("wikileaks-html/2005/04/05MUSCAT679.html"))
    assert (cable.origin, cable.classification) == ("Embassy Beijing", "CONFIDENTIAL")
    assert (cable.created, cable.created_source) == ("2008-06-12", "declassify-estimate")


def test_agreeing_cables_have_no_warning():
    [seed] = list(read_paths([SEED_CABLE_PREAMBLE]))
    assert cable_from_raw(seed).warnings == []
    assert cable_from_raw(_raw("wikileaks-html/2009/07/09STATE68250.html")).warnings == []


# The corpus has no disagreement in the serial or the year alone: these two
# are constructed from a real page with one metadata value changed.
def test_serial_only_disagreement_keeps_the_layout_id_and_warns():
    raw = copy.deepcopy(_raw("wikileaks-html/2009/07/09STATE68250.html"))
    raw.meta["id"] = "09STATE68205"
    cable = cable_from_raw(raw)
    assert cable.id == "09STATE68205"
    assert cable.origin == "Secretary of State"  # the layout's values stand
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == ("id", "09STATE68205", "09STATE68250")


def test_layout_date_against_the_dtg_warns():
    raw = copy.deepcopy(_raw("wikileaks-html/2008/03/08BEIJING1141.html"))  # DTG 260948Z MAR 08
    raw.meta["created"] = "2008-03-25T09:09:00"
    cable = cable_from_raw(raw)
    assert cable.created == "2008-03-25T09:09:00"  # the layout's date stands
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == (
        "created", "2008-03-25T09:09:00", "2008-03-26T09:48:00")  # the DTG's date


def test_sentence_case_serial_line_gives_the_classification():
    # "S e c r e t ulaanbaatar 000234" below the scraped page's header
    cable = cable_from_raw(_raw("scraped-text/09ULAANBAATAR234.txt"))
    assert cable.classification == "SECRET"


@pytest.mark.parametrize(
    "relative, precedence, dtg",
    [
        ("wikileaks-html/2009/07/09STATE68250.html", "PRIORITY", "011706Z JUL 09"),  # "P R 011706Z JUL 09"
        ("wikileaks-html/2009/09/09STATE97434.html", "IMMEDIATE", "182200Z SEP 09"),  # "O P 182200Z SEP 09"
    ],
)
def test_precedence_pair_before_the_dtg(relative, precedence, dtg):
    cable = cable_from_raw(_raw(relative))
    assert (cable.precedence, cable.dtg) == (precedence, dtg)


# A page showing its own cable's header (cut short with "...", or whole), then
# another cable's header and text.  Every such page in ../shared/seeds +
# ../shared/corpus (4 pages, 3 cables), each read in the file:
# (file, the page's id, the other cable's id, the header is a "..." preview,
#  the page's own subject as its header prints it)
SECOND_CABLES = [
    # "SUBJECT: AUDIENCE WITH SHAH APRIL 5 / ..." then
    # "50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL  C O N F I D E N T I A L THE HAGUE 000131"
    ("wikileaks-html/1973/04/73TEHRAN2077.html", "73TEHRAN2077", "06THEHAGUE131", True,
     "AUDIENCE WITH SHAH APRIL 5 ..."),
    ("wikileaks-html-1960s-70s/test-set/1973/04/73TEHRAN2077.html", "73TEHRAN2077", "06THEHAGUE131", True,
     "AUDIENCE WITH SHAH APRIL 5 ..."),
    # "RELIEF, USE OF ..." then "PP RUEHWEB / DE RUEHMN #0404/01 1971651 / ZNY CCCCC ZZH /
    # P 151651Z JUL 08 / FM AMEMBASSY MONTEVIDEO" and "C O N F I D E N T I A L MONTEVIDEO 000404"
    ("wikileaks-html/1990/10/90KHARTOUM10657.html", "90KHARTOUM10657", "08MONTEVIDEO404", True,
     "GOS COUNCIL REPUTEDLY SUPPORTS DISMANTLING RELIEF, USE OF ..."),
    # the whole header of UNCLAS CAIRO 001962 (no "..."), then
    # "229623 10/14/2009 14:55 09CAIRO1960 Embassy Cairo CONFIDENTIAL 09STATE94763|09VIENNA438 VZCZCXYZ0017..."
    # and "C O N F I D E N T I A L CAIRO 001960": same station, another serial and subject
    ("wikileaks-html/2009/10/09CAIRO1962.html", "09CAIRO1962", "09CAIRO1960", False,
     "BLUE LANTERN POST-SHIPMENT CHECK ON LICENSE 050086546 AND 050150345"),
]


@pytest.mark.parametrize("relative, page, other, cut, subject", SECOND_CABLES)
def test_page_showing_another_cable_after_its_header(relative, page, other, cut, subject):
    raw = _raw(relative)
    cable = cable_from_raw(raw)
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == ("text", page, other)
    assert warning["message"].startswith(
        f"the page shows {page}'s header{' cut short' if cut else ''}, then the text of {other}: ")
    # the page's cable: its id, its layout's date and origin, its own header's subject
    assert cable.id == page
    assert cable.created[:10] == raw.meta["created"][:10] and cable.created_source == "layout"
    assert cable.origin == raw.meta["origin"]
    assert cable.subject == subject
    # nothing read from the other cable's text is the page cable's
    assert (cable.paragraphs, cable.summary, cable.signers, cable.classified_by) == ([], None, [], None)
    # the page's whole text stays searchable
    assert cable.text == raw.text


def test_73tehran2077_keeps_its_own_header():
    cable = cable_from_raw(_raw("wikileaks-html/1973/04/73TEHRAN2077.html"))
    assert (cable.dtg, cable.from_, cable.classification) == ("020834Z APR 73", "AMEMBASSY TEHRAN", "SECRET")
    assert cable.declassify_on == "GDS"  # Tehran's "E. O. 11652: GDS", not The Hague's DECL 01/19/2016
    assert "NETHERLANDS" not in cable.subject


def test_second_cable_finds_where_the_page_cable_ends():
    raw = _raw("wikileaks-html/1990/10/90KHARTOUM10657.html")
    found = consistency.second_cable(raw.text)
    assert raw.text[: found.start].endswith("RELIEF, USE OF ...\n")
    assert raw.text[found.start :].lstrip().startswith("PP RUEHWEB")


# Second serial lines that are the same cable: no warning, every field read.
@pytest.mark.parametrize(
    "relative, repeated",
    [
        # scraped pages print the serial line twice (the page's preview, then the cable)
        ("scraped-text/07KABUL2249.txt", "S E C R E T SECTION 01 OF 03 KABUL 002249"),
        ("scraped-text/08THEHAGUE225.txt", "S E C R E T THE HAGUE 000225"),
        # a multi-section cable: "SECTION 01 OF 04 MOSCOW 002414" twice in its header
        ("wikileaks-html/2008/08/08MOSCOW2414.html", "C O N F I D E N T I A L SECTION 01 OF 04 MOSCOW 002414"),
        # the same shape as 73TEHRAN2077 -- a header cut short ("REF: DUSHANBE 16..."),
        # then a serial line -- but the second serial line is the page's own cable
        ("wikileaks-html/2005/10/05DUSHANBE1648.html", "DUSHANBE 001648"),
    ],
)
def test_a_repeated_serial_line_is_the_same_cable(relative, repeated):
    raw = _raw(relative)
    assert raw.text.count(repeated) >= 2
    assert consistency.second_cable(raw.text) is None
    cable = cable_from_raw(raw)
    assert [w for w in cable.warnings if w["field"] == "text"] == []
    assert cable.paragraphs


def test_later_sections_and_page_headers_are_the_same_cable():
    # sections 2 and 3 of KHARTOUM 10657 and a page header, as a full cable prints them
    text = (
        "P 111046Z OCT 90\nFM AMEMBASSY KHARTOUM\nTO SECSTATE WASHDC PRIORITY 6949\n\n"
        "C O N F I D E N T I A L SECTION 01 OF 03 KHARTOUM 10657\n\nE.O. 12356: DECL:OADR\n"
        "TAGS: PGOV SU\nSUBJECT: GOS COUNCIL\n\n"
        "PAGE 02 KHARTOUM 10657 01 OF 03 111046Z\n"
        "C O N F I D E N T I A L SECTION 02 OF 03 KHARTOUM 010657\n"
        "C O N F I D E N T I A L SECTION 03 OF 03 KHARTOUM 10657\n\n1. (C) TEXT.\n"
    )
    assert consistency.second_cable(text) is None


def test_a_file_name_disagreeing_in_the_serial_only_gives_way_to_the_serial_line():
    # scraped-text files are named by cable id; a file name is only a last resort,
    # so where it disagrees with the cable's own serial line the serial line wins
    raw = copy.deepcopy(_raw("scraped-text/08BEIJING3039.txt"))
    raw.meta.pop("id", None)
    raw.source.path = raw.source.path.replace("08BEIJING3039", "08BEIJING3093")
    cable = cable_from_raw(raw)
    assert cable.id == "08BEIJING3039"
    [warning] = [w for w in cable.warnings if w["field"] == "id"]
    assert (warning["layout"], warning["text"]) == ("08BEIJING3093", "08BEIJING3039")
    assert warning["message"].endswith("the serial line's id is kept")
