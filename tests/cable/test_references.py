"""REF blocks, from real cables (file names under ../shared/corpus unless a seed)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prolifwatch.cable.references import References, parse_references

# (REF text as printed, year of the citing cable, cited cables, other references)
REAL = [
    pytest.param("REF: STATE 93558", 2008, ["08STATE93558"], [], id="seed001"),
    pytest.param(
        "REF: STATE 25689 AND PREVIOUS (NOTAL)", 2009, ["09STATE25689"], [], id="seed002-and-previous-notal"
    ),
    pytest.param(
        "SUBJECT: DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER AND INTERIM FOLLOW UP ON ONGOING ISSUES OF "
        "PROLIFERATION CONCERN REF: A. STATE 109649 B. BEIJING5237 C. STATE 071143 D. STATE 073601 "
        "E. STATE 72896 F. BEIJING 6361 G. STATE 148514 H. BEIJING 6848 \n\n"
        "Classified By: ISN Acting DAS Richard Stratford. Reasons: 1.4(b) & (d).",
        2007,
        [
            "07STATE109649",
            "07BEIJING5237",
            "07STATE71143",
            "07STATE73601",
            "07STATE72896",
            "07BEIJING6361",
            "07STATE148514",
            "07BEIJING6848",
        ],
        [],
        id="seed003-inside-subject",
    ),
    pytest.param(
        "REF: (A)07 STATE 4837 (NOTAL), (B)07 BEIJING 331, (C)07 BEIJING 473, (D)07 STATE 4836, (E)07 BEIJING 4185",
        2008,
        ["07STATE4837", "07BEIJING331", "07BEIJING473", "07STATE4836", "07BEIJING4185"],
        [],
        id="wikileaks-html/08STATE1265-paren-labels-with-years",
    ),
    pytest.param("REF: 06 TBILISI 2601", 2007, ["06TBILISI2601"], [], id="year-given"),
    pytest.param(
        "REF: A. 2007 STATE 162091  B. USDAO RANGOON IIR 6 812 0131 08",
        2008,
        ["07STATE162091"],
        ["USDAO RANGOON IIR 6 812 0131 08"],
        id="scraped-text/08RANGOON749-four-digit-year-and-iir",
    ),
    pytest.param(
        "REF: A. A. STATE 56282 B. B. STATE 56666 C. C. STATE 41252 AND 44603 D. D. BRASILIA 616 "
        "Classified By: AMBASSADOR HRINAK. REASONS: 1.5 (b) (d)",
        2004,
        ["04STATE56282", "04STATE56666", "04STATE41252", "04STATE44603", "04BRASILIA616"],
        [],
        id="scraped-text/04BRASILIA676-doubled-labels-and-serial",
    ),
    pytest.param(
        "REF: A. STATE 021770B. STATE 039585C. STATE 052030 ",
        2008,
        ["08STATE21770", "08STATE39585", "08STATE52030"],
        [],
        id="wikileaks-html/08STATE99666-glued-labels",
    ),
    pytest.param("REF: TRIPOLI 33, 53", 2006, ["06TRIPOLI33", "06TRIPOLI53"], [], id="scraped-text/06TRIPOLI198"),
    pytest.param(
        "REF: TEHRAN 1091: TEHRAN 263: MOSCOW 1603 ",
        1972,
        ["72TEHRAN1091", "72TEHRAN263", "72MOSCOW1603"],
        [],
        id="wikileaks-html-1960s-70s/72TEHRAN1164-colons",
    ),
    pytest.param(
        "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966 ",
        1966,
        ["66STATE106206"],
        ["STATE CA-3400 NOV 2, 1966"],
        id="cables-csv/66BUENOSAIRES2481-airgram",
    ),
    pytest.param(
        "REF: TEHRAN'S A-077 OF MAY 15, 1972: TEHRAN 3312 ",
        1972,
        ["72TEHRAN3312"],
        ["TEHRAN'S A-077 OF MAY 15, 1972"],
        id="wikileaks-html-1960s-70s/72TEHRAN4789-airgram",
    ),
    pytest.param(
        "REF: A. SECSTATE 15113       B. DOHA 152 (08)      C. DOHA 75 (08)      D. DOHA 311 (07)   ",
        2009,
        ["09STATE15113", "08DOHA152", "08DOHA75", "07DOHA311"],
        [],
        id="scraped-text/09DOHA214-year-after-serial",
    ),
    pytest.param(
        "REF: A) JACUBEC-CARNAHAN EMAIL 06/17/2008, B) TRIPOLI 481, C) TRIPOLI 478 (NOTAL)  "
        "CLASSIFIED BY: Chris Stevens, CDA, U.S. Embassy Tripoli, Dept of State. REASON: 1.4 (b), (d) 1. (C)",
        2008,
        ["08TRIPOLI481", "08TRIPOLI478"],
        ["JACUBEC-CARNAHAN EMAIL 06/17/2008"],
        id="wikileaks-html/08TRIPOLI505-email",
    ),
    pytest.param(
        "REF: A. 07 STATE 141892  B. 07 STATE 158831  C. 07 NEW DELHI 5058  D. 07 NEW DELHI 5107  "
        "E. 07 STATE 167377  F. 07 NEW DELHI 5333  G. LOWE E-MAIL (JAN 02 2008)",
        2008,
        ["07STATE141892", "07STATE158831", "07NEWDELHI5058", "07NEWDELHI5107", "07STATE167377", "07NEWDELHI5333"],
        ["LOWE E-MAIL (JAN 02 2008)"],
        id="wikileaks-html/08STATE23763-new-delhi",
    ),
    pytest.param(
        "REF: A. KUBISKE-MCMULLEN 9/11 TELCON B. BRASILIA 01224 C. STATE 97316 "
        "Classified By: Deputy Chief of Mission Lisa Kubiske. ",
        2008,
        ["08BRASILIA1224", "08STATE97316"],
        ["KUBISKE-MCMULLEN 9/11 TELCON"],
        id="scraped-text/08BRASILIA1226-telcon",
    ),
    pytest.param(
        "REF: A. DAR ES SALAAM 01376  B. UNVIE VIENNA 00601  C. KINSHASA 01309\n\n"
        "Classified By: Charge d'Affaires D. Purnell Delly for reasons 1.4(b),(d) and (e).",
        2006,
        ["06DARESSALAAM1376", "06UNVIEVIENNA601", "06KINSHASA1309"],
        [],
        id="scraped-text/06DARESSALAAM1593-multiword-stations",
    ),
    pytest.param(
        "REF: A. UNVIE 109 \n     \u00b6B. UNVIE 201 \n \n\u00b61. (SBU) Summary:  IAEA Director General",
        2009,
        ["09UNVIEVIENNA109", "09UNVIEVIENNA201"],
        [],
        id="plain-text/09UNVIEVIENNA279-pilcrow-labels",
    ),
    pytest.param(
        "REF: A. THE HAGUE 1701 \n\n<a id='parB' href='#parB'>\u00b6</a>B. SECSTATE 147536 \n\n"
        "Classified By: Ambassador",
        2004,
        ["04THEHAGUE1701", "04STATE147536"],
        [],
        id="scraped-text/04THEHAGUE1717-markup-and-blank-line",
    ),
    pytest.param(
        "REF: (A) BRASILIA 1666 (B) BRASILIA 1159 BRASILIA 00000028 001.4 OF 003 ",
        2009,
        ["09BRASILIA1666", "09BRASILIA1159"],
        [],
        id="scraped-text/09BRASILIA28-page-header-inside",
    ),
    pytest.param(
        "REF: STATE 297614 AND PREVIOUS 03 RANGOON 1427",
        2004,
        ["04STATE297614", "03RANGOON1427"],
        [],
        id="scraped-text/04RANGOON88",
    ),
    pytest.param(
        "REF: A)PARIS 5364, B)PARIS 4255, C)PARIS 4170, D)PARIS 3970, E)PARIS\n\n"
        "3967, F)PARIS 3853, G)PARIS 3429, H)PARIS 3399, I)PARIS 3429\n\nClassified By: x",
        2007,
        [
            "07PARIS5364",
            "07PARIS4255",
            "07PARIS4170",
            "07PARIS3970",
            "07PARIS3967",
            "07PARIS3853",
            "07PARIS3429",
            "07PARIS3399",
        ],
        [],
        id="scraped-text/07PARIS4723-wrapped-over-blank-line",
    ),
    pytest.param(
        "REF A SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS \nREF B SECSTATE 76108 \n \n \n"
        "\u00b61. (S) Summary: Abu Dhabi Crown Prince",
        2009,
        ["09STATE76108"],
        ["SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS"],
        id="scraped-text/09ABUDHABI754-one-ref-per-line",
    ),
    pytest.param(
        "Ref: a. 05 state 201650\n\n\u00b6B. 05 berlin 3726\nc. 05 state 211408\n\n\u00b61. (s) This is",
        2008,
        ["05STATE201650", "05BERLIN3726", "05STATE211408"],
        [],
        id="wikileaks-html/08STATE15220-lower-case",
    ),
    pytest.param(
        "REF: A. A. 09 CIAWASH 542085 - ALLEGED THREAT BY AL-QA'IDA B. B. 08 TRIPOLI 120 - EXTREMISM IN "
        'EASTERN LIBYA C. C. 07 TRIPOLI 370 - QADHAFI: "REGAN WAS CRAZY; LIBYA NOW HAS BETTER RELATIONS',
        2009,
        ["08TRIPOLI120", "07TRIPOLI370"],
        ["09 CIAWASH 542085 - ALLEGED THREAT BY AL-QA'IDA"],
        id="scraped-text/09TRIPOLI190-titled-refs",
    ),
    pytest.param(
        "REF: BRASILIA 1099; RIO DE JANEIRO 294; RIO DE JANEIRO 288 CLASSIFIED BY: Dennis W. Hearne",
        2009,
        ["09BRASILIA1099", "09RIODEJANEIRO294", "09RIODEJANEIRO288"],
        [],
        id="scraped-text/09RIODEJANEIRO369-semicolons",
    ),
    pytest.param(  # a Secretary of Defense message is cited like a cable (issue 18: "SECDEF 122723")
        "REF: A. ABU DHABI 1214, B) ABU DHABI 702, C) SECDEF 31828 \n\nClassified by Charge",
        2007,
        ["07ABUDHABI1214", "07ABUDHABI702", "07SECDEF31828"],
        [],
        id="scraped-text/07ABUDHABI1479-secdef-message",
    ),
    pytest.param(
        "REF: BRASILIA 09 MDA 839 CLASSIFIED BY: Alex Featherstone, A/DCM; REASON: 1.4(B), (D) ",
        2009,
        [],
        ["BRASILIA 09 MDA 839"],
        id="wikileaks-html/09BUENOSAIRES1305-not-brasilia-9",
    ),
    pytest.param(
        "REF: 10 STATE 9124; STATE 120288 DERIVED FROM: Derived from previous message. ",
        2010,
        ["10STATE9124", "10STATE120288"],
        [],
        id="scraped-text/10BRASILIA33-derived-from",
    ),
    pytest.param(
        "REF: SECTO 0008", 2009, ["09SECTO8"], [], id="scraped-text/09NEWDELHI1624-secto"
    ),
    pytest.param("REF: Taipei 405", 2009, ["09AITTAIPEI405"], [], id="scraped-text/09AITTAIPEI975"),
    pytest.param("REF: STATE 272523; USUN 6028 ", 1975, ["75STATE272523", "75USUNNEWYORK6028"], [],
                 id="wikileaks-html-1960s-70s/7575LIBREVILLE1895"),
    pytest.param("REF: STATE -097844", 1974, ["74STATE97844"], [], id="plusd/1974ATHENS02959_b"),
    pytest.param("REF: ANDREW/ASHE EMAIL 6 NOV 09 ", 2009, [], ["ANDREW/ASHE EMAIL 6 NOV 09"],
                 id="wikileaks-html/09SANJOSE978-email-only"),
    pytest.param("REF: (A) STATE 253201 (B) WILSON/MACK TELECON", 1990, ["90STATE253201"],
                 ["WILSON/MACK TELECON"], id="wikileaks-html/90BAGHDAD4397"),
    pytest.param("REF: A. (A) BAKU 1224  B. (B) TBILISI 2498", 2007, ["07BAKU1224", "07TBILISI2498"], [],
                 id="scraped-text/07BAKU1227"),
    pytest.param("REF: A. 08 KIGALI 00830--05/DEC/2008 ", 2009, ["08KIGALI830"], [],
                 id="scraped-text/09STATE37561-date-glued"),
    pytest.param("REF: A. THE HAGUE 1701 \n \n     \u00b6B. SECSTATE 1...\n", 2004, ["04THEHAGUE1701"], [],
                 id="scraped-text/04THEHAGUE1717-truncated-preview"),
]


@pytest.mark.parametrize(("text", "year", "cables", "other"), REAL)
def test_parse_references(text: str, year: int, cables: list[str], other: list[str]) -> None:
    assert parse_references(text, year) == References(cables, other)


@pytest.mark.parametrize(
    ("fragment", "year", "cables", "other"),
    [
        pytest.param("STATE 93558", 2008, ["08STATE93558"], [], id="bare"),
        pytest.param("2007 MANAGUA 2135", 2008, ["07MANAGUA2135"], [], id="four-digit-year"),
        pytest.param("72MOSCOW1603|72TEHRAN1091|72TEHRAN263", 1972,
                     ["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"], [], id="cables-csv-column"),
        pytest.param("261300Z MAR 08", 2008, [], ["261300Z MAR 08"], id="date-time-group"),
        pytest.param("B. BEIJING 6361", "2007", ["07BEIJING6361"], [], id="string-year"),
    ],
)
def test_fragments(fragment: str, year: int | str, cables: list[str], other: list[str]) -> None:
    assert parse_references(fragment, year) == References(cables, other)


def test_self_reference_dropped() -> None:
    refs = parse_references("REF: A. STATE 16220 B. LONDON 2351", 2010, reference_id="10STATE16220")
    assert refs.cables == ["10LONDON2351"]


def test_duplicates_dropped_in_order() -> None:
    refs = parse_references("REF: A. STATE 1 B. STATE 001 C. PARIS 2 D. STATE 1", 2009)
    assert refs.cables == ["09STATE1", "09PARIS2"]


def test_unknown_year_keeps_text() -> None:
    assert parse_references("REF: STATE 93558", None) == References([], ["STATE 93558"])


def test_seeds(shared) -> None:
    seeds = shared / "seeds"
    seed001 = (seeds / "001_9c014b750e386666.txt").read_text(encoding="utf-8")
    seed002 = (seeds / "002_f43618049e87ecce.txt").read_text(encoding="utf-8")
    seed003 = (seeds / "003_9b312f05c89310a6.txt").read_text(encoding="utf-8")
    assert parse_references(seed001, 2008, "08BEIJING3400") == References(["08STATE93558"], [])
    assert parse_references(seed002, 2009, "09BEIJING724") == References(["09STATE25689"], [])
    assert parse_references(seed003, 2007, "07STATE159388").cables == [
        "07STATE109649",
        "07BEIJING5237",
        "07STATE71143",
        "07STATE73601",
        "07STATE72896",
        "07BEIJING6361",
        "07STATE148514",
        "07BEIJING6848",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Body prose mentions reftel and REF A) -- none of it is a REF block.
        "SUBJECT: X\n\n\u00b61. (S) Drawing on reftel points, the Ambassador ...\n"
        "\u00b62. (S) ... QADHAFI - REF C), AND SHOW IT IS\nREF A).  AT THE SAME TIME THE GOS\n\n",
        # A REF line after the first paragraph is body text (no REF in the header).
        "E.O. 12958: N/A\nTAGS: PGOV CO\n\n1.  This is an action request.\n\nREF: STATE 12345\n\nmore text\n",
        "REF, between 23 and 29 May, the Democratic Republic of Congo\n\nMore text here.\n",
    ],
)
def test_body_text_is_not_a_reference(text: str) -> None:
    assert parse_references(text, 2009) == References([], [])


def test_block_ends_at_first_paragraph() -> None:
    text = "REF: STATE 126167 \n \nEmbassy conveyed Mrs. Laura Bush's invitation (see STATE 999999).\n"
    assert parse_references(text, 2007) == References(["07STATE126167"], [])  # plain-text/07KUALALUMPUR1376


_station = st.sampled_from(["STATE", "BEIJING", "THE HAGUE", "SECSTATE", "UNVIE", "NEW DELHI", "PARIS"])
_label = st.sampled_from(["{}. ", "({}) ", "{}) ", ""])


@given(
    refs=st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 10)), _station, st.integers(1, 999_999)), max_size=8),
    label=_label,
)
def test_cables_are_canonical_unique_and_ordered(refs, label: str) -> None:
    parts = []
    for i, (year, name, serial) in enumerate(refs):
        prefix = label.format(chr(ord("A") + i)) if label else ""
        parts.append(f"{prefix}{'' if year is None else f'{year:02d} '}{name} {serial}")
    text = "REF: " + ("; " if not label else " ").join(parts)
    got = parse_references(text, 2009)
    assert len(got.cables) == len(set(got.cables))
    assert got.other == []
    expected = list(
        dict.fromkeys(
            f"{'09' if y is None else f'{y:02d}'}"
            f"{ {'SECSTATE': 'STATE', 'THE HAGUE': 'THEHAGUE', 'UNVIE': 'UNVIEVIENNA', 'NEW DELHI': 'NEWDELHI'}.get(n, n)}{s}"
            for y, n, s in refs
        )
    )
    assert got.cables == expected


@given(st.text(max_size=300))
def test_never_crashes_and_ids_are_canonical(text: str) -> None:
    from prolifwatch.cable.ids import canonical_id

    got = parse_references(text, 2009)
    for cable_id in got.cables:
        assert canonical_id(cable_id) == cable_id
    assert len(got.cables) == len(set(got.cables))
