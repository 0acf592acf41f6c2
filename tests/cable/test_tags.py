"""TAGS lines, from real cables (file names under ../shared/corpus unless a seed)."""
from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prolifwatch.cable.parse import parse_cable
from prolifwatch.cable.tags import parse_tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "E.O. 12958: DECL: 09/03/2033 TAGS: PARM PREL PTER MNUC MASS IR CH UK AS\n\nSUBJECT: AMBASSADOR URGES",
            ["PARM", "PREL", "PTER", "MNUC", "MASS", "IR", "CH", "UK", "AS"],
            id="seed001-after-EO-on-one-line",
        ),
        pytest.param(
            "TAGS: PARM, MTCRE, PREL, PGOV, ETTC, CH, IR\nSUBJECT: CHINA URGED TO HALT LIMMT'S CONTINUED",
            ["PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR"],
            id="seed002-commas",
        ),
        pytest.param("TAGS: PARM PREL UNGA\n\nSUBJECT: DEMARCHE", ["PARM", "PREL", "UNGA"], id="seed003"),
        pytest.param(
            "EO 12958 DECL: 04/30/2034 \nTAGS PREL, ECON, EFIN, PARM, PHUM, KUNR, CH, TW, KN, KS, \n"
            "JA, IR, PK, AF \nSUBJECT: XXXXXXXXXXXXDISCUSSES G-20, DPRK, ",
            ["PREL", "ECON", "EFIN", "PARM", "PHUM", "KUNR", "CH", "TW", "KN", "KS", "JA", "IR", "PK", "AF"],
            id="scraped-text/09BEIJING1176-no-colon-continued",
        ),
        pytest.param(
            "TAGS OVIP (STEINBERG, JAMES B.), PREL, MNUC, ECON, SN, CH, \nKN \nSUBJECT: DEPUTY SECRETARY",
            ["OVIP", "STEINBERG, JAMES B.", "PREL", "MNUC", "ECON", "SN", "CH", "KN"],
            id="scraped-text/09SINGAPORE529-ovip-parenthesised",
        ),
        pytest.param(
            "TAGS OVIP (CLINTON, HILLARY), UAE \nSUBJECT: (U) Secretary Clinton's April 7, 2009 meeting",
            ["OVIP", "CLINTON, HILLARY", "UAE"],
            id="scraped-text/09STATE34688",
        ),
        pytest.param(
            "TAGS: OVIP STEINBERG, JAMES B., PREL, PARM\nSUBJECT: X",
            ["OVIP", "STEINBERG, JAMES B.", "PREL", "PARM"],
            id="ovip-unbracketed-with-initial",
        ),
        pytest.param(
            "TAGS: OVIP CLINTON HILLARY PREL KPAL FR IR RS\nNATO, UK, CN \nSUBJECT: (U) Secretary Clinton's",
            ["OVIP", "CLINTON HILLARY", "PREL", "KPAL", "FR", "IR", "RS", "NATO", "UK", "CN"],
            id="scraped-text/09STATE11937-name-and-codes-line",
        ),
        pytest.param(
            "TAGS: OVIP CLINTON HILLARY KDRG OVIP MOPS MNUC MARR PREL\nPGOV, ZL, AF, CU, WI, EUN, SP\nSUBJECT: (U)",
            ["OVIP", "CLINTON HILLARY", "KDRG", "MOPS", "MNUC", "MARR", "PREL", "PGOV", "ZL", "AF", "CU", "WI",
             "EUN", "SP"],
            id="scraped-text/09STATE129362-repeated-ovip",
        ),
        pytest.param(
            "TAGS: OVIP MQADHAFI PREL PGOV MARR MASS PARM PHUM\nPINR, PTER, KNNP, ENRG, LY \nSUBJECT: MUATASSIM'S",
            ["OVIP", "MQADHAFI", "PREL", "PGOV", "MARR", "MASS", "PARM", "PHUM", "PINR", "PTER", "KNNP", "ENRG",
             "LY"],
            id="scraped-text/09TRIPOLI310",
        ),
        pytest.param(
            "TAGS: MASS MOPS OVIP PARM PINR PREL PTER YM COUNTER TERRORISM\nSUBJECT: PRESIDENT SALEH",
            ["MASS", "MOPS", "OVIP", "PARM", "PINR", "PREL", "PTER", "YM", "COUNTER TERRORISM"],
            id="scraped-text/04SANAA2346-multiword",
        ),
        pytest.param(
            "TAGS: PREL PGOV CVIS IT ITALY NATIONAL ELECTIONS ITALIAN POLITICS IRAQI FREEDOM\nSUBJECT: SCENESETTER",
            ["PREL", "PGOV", "CVIS", "IT", "ITALY NATIONAL ELECTIONS", "ITALIAN POLITICS", "IRAQI FREEDOM"],
            id="scraped-text/05ROME3585-multiword",
        ),
        pytest.param(
            "TAGS: PARM PREL MNUC KNNP EU IR IS GOI EXTERNAL\nSUBJECT: C-NE4-01083: ISRAELI INTENTIONS",
            ["PARM", "PREL", "MNUC", "KNNP", "EU", "IR", "IS", "GOI EXTERNAL"],
            id="scraped-text/05TELAVIV1593-multiword",
        ),
        pytest.param(
            "TAGS: <a href='/tag/PREL_0.html'>PREL</a> <a href='/tag/PGOV_0.html'>PGOV</a> "
            "<a href='/tag/CH_0.html'>CH</a>\nSUBJECT: BEIJING-BASED G-5",
            ["PREL", "PGOV", "CH"],
            id="scraped-text/09BEIJING1247-tag-links",
        ),
        pytest.param(
            "TAGS: ENRG KNNP PREL KSCA BR NPT Classified By: Sci/C Daniel Rubinstein; Reasons 1.5 (B), (D).",
            ["ENRG", "KNNP", "PREL", "KSCA", "BR", "NPT"],
            id="wikileaks-html/04BRASILIA913-classified-by-on-line",
        ),
        pytest.param(
            "TAGS: IR MNUC PARM PHUM PREL PTER KWAC ECON ETRD EINV, SZ \\\nSUBJECT: X",
            ["IR", "MNUC", "PARM", "PHUM", "PREL", "PTER", "KWAC", "ECON", "ETRD", "EINV", "SZ"],
            id="wikileaks-html/09BERN273-backslash",
        ),
        pytest.param(
            "E.O. 12958: DECL: 01/29/2019  \n\nTAG: PTER, PREL, PGOV, ECON, ETTC, EAID, EFIN, EAGR, ASEC, KCIP, "
            "ENRG,  QA \n\nSUBJECT: QATAR",
            ["PTER", "PREL", "PGOV", "ECON", "ETTC", "EAID", "EFIN", "EAGR", "ASEC", "KCIP", "ENRG", "QA"],
            id="scraped-text/09DOHA214-TAG-singular",
        ),
        pytest.param(
            " TAG PARM, PREL, NATO, IS, XF, GM \n SUBJECT: ISRAELI DEPUTY FM",
            ["PARM", "PREL", "NATO", "IS", "XF", "GM"],
            id="scraped-text/10BERLIN193-TAG-no-colon",
        ),
        pytest.param(
            "Tags: ovip (steinberg, james b.), prel, parm, pgov, econ,\netra, mnuc, marr, ch, jp, kn, ks, ir\n"
            "Subject: x",
            ["OVIP", "STEINBERG, JAMES B.", "PREL", "PARM", "PGOV", "ECON", "ETRA", "MNUC", "MARR", "CH", "JP",
             "KN", "KS", "IR"],
            id="scraped-text/09BEIJING2963-sentence-cased",
        ),
        pytest.param(
            "TAGS: PINS, GR, (KALOUDIS, NICK), (AMBATIELOS, ANTHONY)\nSUBJECT: ARRESTS OF KALOUDIS AND AMBATIELOS",
            ["PINS", "GR", "KALOUDIS, NICK", "AMBATIELOS, ANTHONY"],
            id="plusd/1974ATHENS03099_b-person-tags",
        ),
        pytest.param(
            "TAGS:AMBATIELOS, ANTHONY | GR - Greece; Crete | KALOUDIS, NICK | PINS - Political Affairs--Internal "
            "Security",
            ["AMBATIELOS, ANTHONY", "GR", "KALOUDIS, NICK", "PINS"],
            id="plusd/1974ATHENS03099_b-metadata-table",
        ),
        pytest.param(
            "TAGS: PREL KNNPMNUC PARM IR NL\nSUBJECT: NETHERLANDS/IRAN",
            ["PREL", "KNNPMNUC", "PARM", "IR", "NL"],
            id="scraped-text/08THEHAGUE553-glued-kept-as-printed",
        ),
        pytest.param("TAGS: PREL PREL PGOV prel\nSUBJ: X", ["PREL", "PGOV"], id="duplicates"),
        pytest.param(
            "Tags:  PARM MTCRE PREL PGOV ETTC CH IR \npdf how-to read a cable\nVZCZCXRO5199",
            ["PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR"],
            id="seed002-preamble-next-line-not-tags",
        ),
        pytest.param(
            "C O R R E C T E D C O P Y (ADDED TAGS) \nTAGS: PREL PGOV FR\nSUBJECT: PRESIDENT SARKOZY",
            ["PREL", "PGOV", "FR"],
            id="scraped-text/08PARIS130-added-tags-is-not-a-marker",
        ),
    ],
)
def test_parse_tags(text: str, expected: list[str]) -> None:
    assert parse_tags(text) == expected


# The TAGS word in odd letter case, as some exports print it.  No cable in
# ../shared/corpus has one (grep -rn "tAgs\|TaGS" finds none): these are real
# TAGS lines with only the word's case changed to the forms reported (issue 18).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("E.O. 12958: DECL: 03/19/2024\ntAgs: AORC IR IAEA KNNP MNUC\n\nClassified By: Ambassador",
                     ["AORC", "IR", "IAEA", "KNNP", "MNUC"], id="scraped-text/09UNVIEVIENNA192-tAgs-colon"),
        pytest.param("EO 12958 DECL: 08/13/2034 \nTaGS PREL, PGOV, MOPS, KNNP, MG \nSUBJECT: MONGOLIA",
                     ["PREL", "PGOV", "MOPS", "KNNP", "MG"], id="scraped-text/09CHISINAU694-TaGS-no-colon"),
        pytest.param("E.o. 12958: decl: 08/13/2034\ntAGS: prel, pgov, mops, knnp, mg\nSubject: mongolia's",
                     ["PREL", "PGOV", "MOPS", "KNNP", "MG"], id="scraped-text/09ULAANBAATAR234-lowered-copy"),
    ],
)
def test_tags_word_in_any_case(text: str, expected: list[str]) -> None:
    assert parse_tags(text) == expected
    assert parse_cable(text).tags == expected  # parse_cable's quick look for the word too


def test_a_body_line_starting_with_tag_is_no_tags_line() -> None:
    # scraped-text/09THEHAGUE596, paragraph 14: no colon and no tag code after the word
    text = ("Affairs Minister Maria van der Hoeven constitute an active\ntag team on energy diplomacy "
            "with producer countries as they\npursue the Netherlands' vision of becoming a gas hub.\n")
    assert parse_tags(text) == []


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("PARM MTCRE PREL PGOV ETTC CH IR", ["PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR"]),
        ("prel, pgov", ["PREL", "PGOV"]),
        ("OVIP (STEINBERG, JAMES B.), PREL", ["OVIP", "STEINBERG, JAMES B.", "PREL"]),
        ("", []),
    ],
)
def test_fragment_is_the_tag_list(fragment: str, expected: list[str]) -> None:
    assert parse_tags(fragment) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Appears in these articles:<br />",  # scraped-text/08OSLO629: a stub page
        "SUBJECT: NO TAGS HERE\n\n1. (C) Body text without a tags line.\n",
        "Browse by TAGS\nUS PFOR PGOV\n",  # PlusD page navigation, not a TAGS line
    ],
)
def test_no_tags(text: str) -> None:
    assert parse_tags(text) == []


def test_seeds(shared) -> None:
    seeds = shared / "seeds"
    assert parse_tags((seeds / "001_9c014b750e386666.txt").read_text(encoding="utf-8")) == [
        "PARM", "PREL", "PTER", "MNUC", "MASS", "IR", "CH", "UK", "AS",
    ]
    assert parse_tags((seeds / "002_f43618049e87ecce.txt").read_text(encoding="utf-8")) == [
        "PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR",
    ]
    assert parse_tags((seeds / "003_9b312f05c89310a6.txt").read_text(encoding="utf-8")) == ["PARM", "PREL", "UNGA"]


_codes = st.lists(st.from_regex(r"[A-Z]{2,6}", fullmatch=True), max_size=12)


@given(codes=_codes, sep=st.sampled_from([" ", ", ", ","]))
@example(codes=["AA", "REF"], sep=" ")  # found by CI: "REF" without its colon was kept as a tag
def test_tags_round_trip_in_order_without_duplicates(codes: list[str], sep: str) -> None:
    got = parse_tags("TAGS: " + sep.join(codes) + "\nSUBJECT: X")
    assert got == list(dict.fromkeys(c for c in codes if c not in ("SUBJ", "REF", "REFS")))


@given(st.text(max_size=200))
def test_never_duplicates(text: str) -> None:
    got = parse_tags(text)
    assert len(got) == len(set(got))
    assert all(tag == tag.upper() and tag.strip() == tag and tag for tag in got)
