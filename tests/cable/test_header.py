"""Header fields, one table of real examples per function.

Examples are quoted from the seeds and ../shared/corpus (the id names the file).
"""
from __future__ import annotations

import pytest

from prolifwatch.cable.header import parse_classified_by, parse_declassify_on, parse_subject
from prolifwatch.cable.routing import (
    parse_dtg,
    parse_from,
    parse_info_recipients,
    parse_precedence,
    parse_recipients,
)

# ------------------------------------------------------------------ SUBJECT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "SUBJECT: AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN OF CHINESE GOODS OF PROLIFERATION "
            "CONCERN (S)\n\nREF: STATE 93558",
            "AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN OF CHINESE GOODS OF PROLIFERATION CONCERN (S)",
            id="seed001-marking-kept",
        ),
        pytest.param(
            "TAGS: PARM, MTCRE, PREL, PGOV, ETTC, CH, IR\nSUBJECT: CHINA URGED TO HALT LIMMT'S CONTINUED\n"
            "PROLIFERATION TO IRAN'S MISSILE PROGRAM\n\nREF: STATE 25689 AND PREVIOUS (NOTAL)",
            "CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM",
            id="seed002-two-lines",
        ),
        pytest.param(
            "SUBJECT: DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER AND INTERIM FOLLOW UP ON ONGOING ISSUES "
            "OF PROLIFERATION CONCERN REF: A. STATE 109649 B. BEIJING5237 C. STATE 071143 \n\nClassified By: ISN",
            "DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER AND INTERIM FOLLOW UP ON ONGOING ISSUES OF "
            "PROLIFERATION CONCERN",
            id="seed003-ref-glued",
        ),
        pytest.param(
            "SUBJECT: A/S JONES VISIT TO THE HAGUE:  MIDDLE EAST AND \nTRANSATLANTIC IS...\n\n\n\n\n9608\n\n"
            "2003-07-23\n\nSUBJECT: A/S JONES VISIT TO THE HAGUE: MIDDLE EAST AND \nTRANSATLANTIC ISSUES \n\n\n"
            "Classified By: CLASSIFIED BY CHARGE",
            "A/S JONES VISIT TO THE HAGUE: MIDDLE EAST AND TRANSATLANTIC ISSUES",
            id="scraped-text/03THEHAGUE1865-preview-stub-skipped",
        ),
        pytest.param(
            "SUBJECT: REFORMIST MP ON POLITICAL STATE OF PLAY \nRPO DUBAI 00000023 001.2 OF 002\n"
            "CLASSIFIED BY: Jillian Burns",
            "REFORMIST MP ON POLITICAL STATE OF PLAY",
            id="scraped-text/07IRANRPODUBAI23-page-header",
        ),
        pytest.param(
            "SUBJECT: SAUDIS ON IRAN REF UPCOMING NAM FM MEETING\n\nClassified By: x",
            "SAUDIS ON IRAN REF UPCOMING NAM FM MEETING",
            id="scraped-text/08RIYADH1134-REF-as-a-word",
        ),
        pytest.param(
            "SUBJECT: STAFFDEL JANUZZI DISCUSSES NONPROLIFERATION, IRAN, \nAND DPRK WITH MFA ARMS CONTROL "
            "DIRECTOR GENERAL\nClassified By: Deputy Political Section Chief Ben Moeling.",
            "STAFFDEL JANUZZI DISCUSSES NONPROLIFERATION, IRAN, AND DPRK WITH MFA ARMS CONTROL DIRECTOR GENERAL",
            id="scraped-text/08BEIJING1141-no-blank-line",
        ),
        pytest.param("Subj: Visit of FM Lavrov\n\n1. (C) text", "Visit of FM Lavrov", id="subj-abbreviation"),
    ],
)
def test_parse_subject(text: str, expected: str) -> None:
    assert parse_subject(text) == expected


# Where a subject ends and what is not part of it, as the readers print it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one blank line inside the subject (scrapes double some line breaks)
        pytest.param("SUBJECT: UNSCR 1737/IRAN: DUTCH RECEPTIVE TO TREASURY UNDER\n\nSECRETARY LEVEY'S MESSAGE\n\n"
                     "SIPDIS\n\nClassified By: Economic Counselor Karen Enstrom,",
                     "UNSCR 1737/IRAN: DUTCH RECEPTIVE TO TREASURY UNDER SECRETARY LEVEY'S MESSAGE",
                     id="scraped-text/07THEHAGUE566-wrapped-past-blank-line"),
        pytest.param("SUBJECT: SCENESETTER FOR SECRETARY RICE\u2019S VISIT TO \n\nLIBYA \n\nCLASSIFIED BY: Chris Stevens",
                     "SCENESETTER FOR SECRETARY RICE'S VISIT TO LIBYA", id="scraped-text/08TRIPOLI680-one-word"),
        pytest.param("SUBJECT: WAITING AND WATCHING: NORTH KOREA AFTER CURRENCY \n\nREFORM \n\nREF: 09 SHENYANG 167",
                     "WAITING AND WATCHING: NORTH KOREA AFTER CURRENCY REFORM", id="scraped-text/09MOSCOW1108"),
        pytest.param("SUBJECT:  BRAZIL: FORMER U.S. AMBASSADORS DISCUSS UN \n \nREFORM, NUCLEAR PROLIFERATION WITH GOB. "
                     "\n \n \u00b61. (SBU) Summary.",
                     "BRAZIL: FORMER U.S. AMBASSADORS DISCUSS UN REFORM, NUCLEAR PROLIFERATION WITH GOB.",
                     id="wikileaks-html/05BRASILIA1044"),
        # the page's paragraph anchor before a wrapped line that starts with a year
        pytest.param("SUBJECT: READOUT NORTH ATLANTIC COUNCIL MEETING JANUARY 28, \n\u00b62009. \n \nClassified By: x",
                     "READOUT NORTH ATLANTIC COUNCIL MEETING JANUARY 28, 2009.", id="wikileaks-html/09USNATO30-year-line"),
        # a page header glued on by a scrape that joined lines; the station is the serial line's
        pytest.param("C O N F I D E N T I A L SECTION 01 OF 02 TRIPOLI 000014 \n\nSUBJECT: QADHAFI TELLS MUBARAK HE "
                     "\"MAY\" SEEK TO ATTEND UNSC IN NEW YORK TRIPOLI 00000014 001.2 OF 002 CLASSIFIED BY: John T. Godfrey",
                     'QADHAFI TELLS MUBARAK HE "MAY" SEEK TO ATTEND UNSC IN NEW YORK', id="scraped-text/08TRIPOLI14"),
        pytest.param("SUBJECT: SCENESETTER FOR THE VISIT OF MINISTER OF DEFENSE \nNELSON JOBIM TO WASHINGTON BRASILIA "
                     "00000351 001.2 OF 003 \nClassified By: Ambassador Clifford Sobel",
                     "SCENESETTER FOR THE VISIT OF MINISTER OF DEFENSE NELSON JOBIM TO WASHINGTON",
                     id="scraped-text/08BRASILIA351-no-serial-line-in-excerpt"),
        pytest.param("SUBJECT:</strong> GENERAL JAMES L. JONES' FIRST MEETINGS IN ISRAEL\n\n\n\n\nClassified By: x",
                     "GENERAL JAMES L. JONES' FIRST MEETINGS IN ISRAEL", id="scraped-text/07TELAVIV3586-markup"),
        pytest.param("SUBJECT: SUBJECT: BRITISH PRESS CASE AGAINST IRISL WITH XXXXXXXXXXXX \n\nClassified By: x",
                     "BRITISH PRESS CASE AGAINST IRISL WITH XXXXXXXXXXXX", id="wikileaks-html/09LONDON265-label-twice"),
        pytest.param("SUBJECT: ISRAEL MEDIA REACTION -------------------------------- SUBJECTS COVERED IN THIS REPORT: "
                     "--------------------------------\n\n\u00b61. Mideast", "ISRAEL MEDIA REACTION",
                     id="scraped-text/09TELAVIV2188-joined-rule"),
        # a record header printed the first line only; the cable's own (lowered) SUBJECT completes it
        pytest.param("SUBJECT: MONGOLIA'S CONSULTATIONS WITH DPRK VICE FOREIGN \n\n\nS e c r e t ulaanbaatar 000234\n\n\n"
                     "E.o. 12958: decl: 08/13/2034\nTags: prel, pgov, mops, knnp, mg\nSubject: mongolia's "
                     "consultations with dprk vice foreign\nminister kim\n\nClassified By: Political Counselor",
                     "MONGOLIA'S CONSULTATIONS WITH DPRK VICE FOREIGN MINISTER KIM", id="scraped-text/09ULAANBAATAR234"),
        pytest.param("SUBJECT: MONGOLIA\u2019S CONSULTATIONS WITH DPRK VICE FOREIGN \nMINISTER KIM\nClassified By: x",
                     "MONGOLIA'S CONSULTATIONS WITH DPRK VICE FOREIGN MINISTER KIM",
                     id="scraped-text/09CHISINAU694-same-cable-curly-quote"),
        # ... and where it does end
        pytest.param("SUBJECT: SCENESETTER FOR FM AMADO'S OCT 24 MEETING WITH\nSECRETARY RICE\n\nSIPDIS\n\nClassified By: x",
                     "SCENESETTER FOR FM AMADO'S OCT 24 MEETING WITH SECRETARY RICE", id="scraped-text/06LISBON2366-SIPDIS"),
        pytest.param("SUBJECT: SWITZERLAND & LIECHTENSTEIN: ASSESSING OUR \\\nBILATERAL RELATIONSHIPS \\\n \\\n"
                     "FROM AMBASSADOR PAMELA P. WILLEFORD \\\n \\\n1.(U) Introduction:",
                     "SWITZERLAND & LIECHTENSTEIN: ASSESSING OUR BILATERAL RELATIONSHIPS", id="wikileaks-html/06BERN898-FROM"),
        pytest.param("SUBJECT: NEA A/S WELCH MEETINGS WITH SPANISH OFFICIALS\nOCTOBER 23\n\nMADRID 00001132 001.2 OF 005\n",
                     "NEA A/S WELCH MEETINGS WITH SPANISH OFFICIALS OCTOBER 23", id="scraped-text/08LIMA1732-page-header"),
        pytest.param("SUBJECT: Secretary Abraham's 8/13 Meeting with Dutch \nEconomics (Energy) Minister Brinkhorst \n\n\n"
                     "Summary \n", "Secretary Abraham's 8/13 Meeting with Dutch Economics (Energy) Minister Brinkhorst",
                     id="scraped-text/03THEHAGUE2163-mixed-case"),
        pytest.param("SUBJECT: SECDEF MEETING WITH ITALIAN PRIME MINISTER SILVIO \nBERLUSCONI, FEBRUARY 6, 201...\n\n\n"
                     "Classified By: Alexander Vershbow", "SECDEF MEETING WITH ITALIAN PRIME MINISTER SILVIO BERLUSCONI, "
                     "FEBRUARY 6, 201...", id="wikileaks-html/10ROME174-cut-in-the-cable-itself"),
    ],
)
def test_subject_ends(text: str, expected: str) -> None:
    assert parse_subject(text) == expected


# No SUBJECT label: an upper-case title line between the header fields and the body.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("E.O. 12958: N/A \n\nTAGS: KIPR ETRD ECON KJUS BR\n\nBRAZIL'S NATIONAL PLAN TO COMBAT PIRACY: AN "
                     "UPDATE ON IMPLEMENTATION EFFORTS \n\nREF: A) Brasilia 599 \n\n\u00b61. SENSITIVE BUT UNCLASSIFIED",
                     "BRAZIL'S NATIONAL PLAN TO COMBAT PIRACY: AN UPDATE ON IMPLEMENTATION EFFORTS",
                     id="scraped-text/06SAOPAULO910"),
        pytest.param("E.O. 12958: DECL: 12/01/2016 \nTAGS: MARR PARM PREL PGOV PTER AR\nnon-proliferation and military "
                     "to military relations, to counterterrorism and counternarcotics.", None,
                     id="wikileaks-html/06BUENOSAIRES2711-body-fragment"),
        pytest.param("E.O. 12958: N/A \nTAGS: PHUM PGOV EAGR SOCI BR\n\nREF: A. 03 BRASILIA 2375 \n\u00b6B. 03 BRASILIA 2428 "
                     "\n\n\u00b61. (SBU) SUMMARY.", None, id="scraped-text/04BRASILIA873-REF-next"),
        pytest.param("E.O. 12958: DECL: 08/13/2019 \n\nTAGS: PREL PARM MNUC KNNP IR CA NA\n\nClassified By: PolMinCouns "
                     "Scott Bellard, reasons 1.4 (b) and (d)\n\n1.(S) Canada shares", None,
                     id="wikileaks-html/09OTTAWA627-Classified-next"),
    ],
)
def test_unlabelled_subject(text: str, expected: str | None) -> None:
    assert parse_subject(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("TAGS: PARM\n\n1. (C) We discussed the Subject: of arms.", id="subject-word-in-body"),
        pytest.param("", id="empty"),
        pytest.param("SUBJECT:   \n\nREF: STATE 1", id="empty-subject"),
    ],
)
def test_no_subject(text: str) -> None:
    assert parse_subject(text) is None


# ------------------------------------------------------------- CLASSIFIED BY


@pytest.mark.parametrize(
    ("text", "name", "reasons"),
    [
        pytest.param("Classified By: Ambassador Clark T. Randt, Jr. Reasons 1.4 (b), (c) and (d).",
                     "Ambassador Clark T. Randt, Jr.", ["1.4(b)", "1.4(c)", "1.4(d)"], id="seed001"),
        pytest.param("Classified By: Political Minister Counselor Aubrey Carlson.\nReasons 1.4 (b),(d) and (h).",
                     "Political Minister Counselor Aubrey Carlson", ["1.4(b)", "1.4(d)", "1.4(h)"], id="seed002"),
        pytest.param("Classified By: ISN Acting DAS Richard Stratford. Reasons: 1.4(b) & (d).",
                     "ISN Acting DAS Richard Stratford", ["1.4(b)", "1.4(d)"], id="seed003"),
        pytest.param("Classified By: AMBASSADOR CLIFFORD SOBEL. REASONS: 1.4(B) AND (D). ",
                     "AMBASSADOR CLIFFORD SOBEL", ["1.4(b)", "1.4(d)"], id="corpus-REASONS-upper"),
        pytest.param("Classified By: CLASSIFIED BY CHARGE D'AFFAIRES DANNY R. RUSSEL FOR REAS \nONS 1.5 (B AND D) ",
                     "CHARGE D'AFFAIRES DANNY R. RUSSEL", ["1.5(b)", "1.5(d)"],
                     id="scraped-text/03THEHAGUE1865-broken-word-repeated-marker"),
        pytest.param("Classified By: Deputy Political Section Chief Ben Moeling. Reasons 1.4  (b/d)",
                     "Deputy Political Section Chief Ben Moeling", ["1.4(b)", "1.4(d)"],
                     id="scraped-text/08BEIJING1141-slash"),
        pytest.param("Classified By: AMBASSADOR WILLIAM R. BROWNFIELD FOR REASON 1.4 (b and d ) ",
                     "AMBASSADOR WILLIAM R. BROWNFIELD", ["1.4(b)", "1.4(d)"], id="corpus-b-and-d-in-brackets"),
        pytest.param("Classified By: A/PolCouns Jon Dorschner for Reasons 1.4 (B, D) ",
                     "A/PolCouns Jon Dorschner", ["1.4(b)", "1.4(d)"], id="plain-text/06NEWDELHI5135"),
        pytest.param("Classified By: Charge d'Affaires Arnold A. Chacon for reasons 1.4 (b) a nd (d)",
                     "Charge d'Affaires Arnold A. Chacon", ["1.4(b)", "1.4(d)"], id="scraped-text/09MADRID392-a-nd"),
        pytest.param("Classified By: Political Minister-Counselor Kathy Allegrone, Reasons 1.\n4(b), (d).",
                     "Political Minister-Counselor Kathy Allegrone", ["1.4(b)", "1.4(d)"],
                     id="scraped-text/09PARIS1355-number-wrapped"),
        pytest.param("Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso  \nns 1.4 b and d. ",
                     "Political Minister-Counselor Josiah Rosenblatt", ["1.4(b)", "1.4(d)"],
                     id="scraped-text/08PARIS114-reaso-ns"),
        pytest.param("CLASSIFIED BY: Richard Schmierer, Ambassador, Department of State, \nEmbassy Muscat; "
                     "REASON: 1.4(A), (B), (D) ",
                     "Richard Schmierer, Ambassador, Department of State, Embassy Muscat",
                     ["1.4(a)", "1.4(b)", "1.4(d)"], id="scraped-text/10MUSCAT71"),
        pytest.param("Classified By: Kathleen Allegrone, Political Minister-Counselor, 1.4 (b  \n/d). ",
                     "Kathleen Allegrone, Political Minister-Counselor", ["1.4(b)", "1.4(d)"],
                     id="plain-text/09PARIS1040-no-reason-word"),
        pytest.param("Classified By: ECMIN T. DELARE PER E.O. 12958 REASONS  1.4 (B) AND (D) ",
                     "ECMIN T. DELARE", ["1.4(b)", "1.4(d)"], id="corpus-per-EO"),
        pytest.param("Classified By: Ambassador Gregory L. Schulte for reasons 1.4 b,d and h Summary --------",
                     "Ambassador Gregory L. Schulte", ["1.4(b)", "1.4(d)", "1.4(h)"],
                     id="wikileaks-html-glued-summary"),
        pytest.param("Classified By: Political Counselor Richard M. Mills, Jr. for reasons 1. 4 (b) and (d)  "
                     "(C) HMG is aware",
                     "Political Counselor Richard M. Mills, Jr.", ["1.4(b)", "1.4(d)"],
                     id="wikileaks-html/08LONDON1922-glued-paragraph-marking"),
        pytest.param("REF: A. KUBISKE-MCMULLEN 9/11 TELCON Classified By: Deputy Chief of Mission Lisa Kubiske. \n\n"
                     "Reasons: 1.4 (b) and (d). \n",
                     "Deputy Chief of Mission Lisa Kubiske", ["1.4(b)", "1.4(d)"],
                     id="scraped-text/08BRASILIA1226-reasons-after-blank-line"),
        pytest.param("Classified By: Ambassador Cl...\n\n\n\nClassified By: Ambassador Clifford M. Sobel for "
                     "reasons 1.4 (b,d).\n", "Ambassador Clifford M. Sobel", ["1.4(b)", "1.4(d)"],
                     id="scraped-text/05THEHAGUE2064-preview-stub"),
        pytest.param("1.(U) Classified by Bureau Assistant Secretary Jeffrey Feltman. Reasons: 1.4 (b) and (d)\n\n"
                     "2. (U) April 7, 2009",
                     "Bureau Assistant Secretary Jeffrey Feltman", ["1.4(b)", "1.4(d)"],
                     id="scraped-text/09STATE34688-inside-paragraph-1"),
        pytest.param("Classified By: Ambassador Clifford Sobel \n\n¶1. (C) Minister of Defense",
                     "Ambassador Clifford Sobel", [], id="scraped-text/08BRASILIA351-no-reasons"),
        pytest.param("Classified By: Derived from Multiple Sources\n\nSECRET//FGI//NOFORN//MR",
                     "Derived from Multiple Sources", [], id="scraped-text/08STATE116943-derived"),
    ],
)
def test_parse_classified_by(text: str, name: str, reasons: list[str]) -> None:
    assert parse_classified_by(text) == (name, reasons)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("E.O. 12958: DECLASSIFIED BY NARA 09/02/2009\nTAGS: EFIS", id="declassified-is-not-classified"),
        pytest.param("UNCLAS KINGSTON 000382\n\nE.O. 12958: N/A\n", id="plain-text/07KINGSTON382-unclassified"),
        pytest.param("", id="empty"),
    ],
)
def test_no_classified_by(text: str) -> None:
    assert parse_classified_by(text) == (None, [])


# ------------------------------------------------------------ E.O. 12958 DECL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("E.O. 12958: DECL: 09/03/2033 TAGS: PARM PREL PTER", "2033-09-03", id="seed001-tags-same-line"),
        pytest.param("E.O. 12958: DECL: 03/20/2034\nTAGS: PARM", "2034-03-20", id="seed002"),
        pytest.param("E.O. 12958: DECL: 12/31/2032 \n\nTAGS: PARM PREL UNGA", "2032-12-31", id="seed003"),
        pytest.param("EO 12958 DECL: 03/26/2033 \nTAGS PREL", "2033-03-26", id="scraped-text/08BEIJING1141"),
        pytest.param("EO 12958 DECL:  4/18/2017 \n", "2017-04-18", id="scraped-text/07IRANRPODUBAI23"),
        pytest.param("E.O. 12958: DECL: 2019/12/02 \n", "2019-12-02", id="scraped-text/09RIODEJANEIRO369-ymd"),
        pytest.param("E.O. 12958: DECL: 05/29/17 \n", "2017-05-29", id="two-digit-year"),
        pytest.param("E.O. 12958: DECL: 01/22/2020 \\\nTAGS", "2020-01-22", id="wikileaks-html-backslash"),
        pytest.param("E.O. 12958: DECL: 01/22/2020TAGS: AORC IR", "2020-01-22", id="corpus-tags-glued"),
        pytest.param("E.O. 12356: DECL:OADR\n", "OADR", id="plain-text-1990-OADR"),
        pytest.param("E.O. 12958: DECL: 1.6X6\n", "1.6X6", id="1.6X6-kept"),
        pytest.param("E.O. 12958: DECL: MR\n", "MR", id="scraped-text/08STATE116943-MR"),
        pytest.param("E. O. 11652: GDS \n", "GDS", id="wikileaks-html-1960s-70s/73TEHRAN2077"),
        pytest.param("E.O. 12958: DNG: CO 01/22/2019 \n", "DNG: CO 01/22/2019", id="scraped-text/09MEXICO193-downgrade"),
        pytest.param("E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION \n", "TEN YEARS AFTER KOREAN UNIFICATION",
                     id="scraped-text/09MOSCOW1108"),
        pytest.param("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009 \n", "DECLASSIFIED BY NARA 09/02/2009",
                     id="wikileaks-html-1960s-70s/66BUENOSAIRES2481-kept-as-printed"),
        pytest.param("E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006 \n", "AS AMENDED; DECLASSIFIED JUNE 21, 2006",
                     id="plusd-html-72TEHRAN"),
    ],
)
def test_parse_declassify_on(text: str, expected: str) -> None:
    assert parse_declassify_on(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("E.O. 12958: N/A \nTAGS: OTRA", id="plain-text/09USEUBRUSSELS1177-NA"),
        pytest.param("E.O. 12958:  N/A\n", id="NA-two-spaces"),
        pytest.param("TAGS: PARM\nSUBJECT: X", id="no-EO-line"),
    ],
)
def test_no_declassify_on(text: str) -> None:
    assert parse_declassify_on(text) is None


# ----------------------------------------------------------------- routing

SEED002_ROUTING = (
    "VZCZCXRO5199\nOO RUEHCN RUEHGH RUEHVC\nDE RUEHBJ #0724 0790840\nZNY SSSSS ZZH\nO 200840Z MAR 09\n"
    "FM AMEMBASSY BEIJING\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2986\nINFO RUEHOO/CHINA POSTS COLLECTIVE\n"
    "S E C R E T BEIJING 000724 \n\nSIPDIS\n"
)
SEED001_ROUTING = (
    "O 031007Z SEP 08\nFM AMEMBASSY BEIJING\nTO SECSTATE WASHDC IMMEDIATE 9683S E C R E T BEIJING 003400\n\n"
    "DEPT FOR ISN/CPI MFELIPE, ISN, T, EAP, EUR AND EAP/CM\n"
)
NEWDELHI_ROUTING = (  # plain-text/06NEWDELHI5135 (shortened)
    "VZCZCXRO7165\nOO RUEHBI RUEHCI RUEHLH RUEHPW\nDE RUEHNE #5135/01 2020722\nZNY CCCCC ZZH\n"
    "O 210722Z JUL 06\nFM AMEMBASSY NEW DELHI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 6818\n"
    "INFO RUEHBJ/AMEMBASSY BEIJING 3078\nRUEHLM/AMEMBASSY COLOMBO 6415\nRHEFDIA/DIA WASHDC\n"
    "RHHMUNA/CDR USPACOM HONOLULU HI\nRUEKJCS/SECDEF WASHDC\n"
    "CONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135 \n \nSIPDIS \n"
)
STATE_CIRCULAR = (  # a STATE circular: the TO block runs over several lines
    "O 112306Z FEB 09\nFM SECSTATE WASHDC\nTO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE IMMEDIATE\n"
    "RUEHRY/AMEMBASSY CONAKRY IMMEDIATE 0000\nRUEHPU/AMEMBASSY PORT AU PRINCE IMMEDIATE 0000\n"
    "UNCLAS SECTION 01 OF 03 STATE 012345\n"
)
BRUSSELS_ROUTING = (  # plain-text/09USEUBRUSSELS1177: the receiving office's INFO list comes first
    "\nINFO  LOG-00   AF-00    AMAD-00  CIAE-00\n      PESU-00  SANA-00    /000W\n \nR 251550Z AUG 09\n"
    "FM USEU BRUSSELS\nTO SECSTATE WASHDC\nUS CUSTOMS AND BORDER PROTECTION WASHINGTON DC\n"
    "UNCLAS USEU BRUSSELS 001177 \n"
)


@pytest.mark.parametrize(
    ("text", "precedence", "dtg", "from_", "to", "info"),
    [
        pytest.param(SEED002_ROUTING, "IMMEDIATE", "200840Z MAR 09", "AMEMBASSY BEIJING", ["SECSTATE WASHDC"],
                     ["CHINA POSTS COLLECTIVE"], id="seed002"),
        pytest.param(SEED001_ROUTING, "IMMEDIATE", "031007Z SEP 08", "AMEMBASSY BEIJING", ["SECSTATE WASHDC"], [],
                     id="seed001-serial-line-glued-to-TO"),
        pytest.param(NEWDELHI_ROUTING, "IMMEDIATE", "210722Z JUL 06", "AMEMBASSY NEW DELHI", ["SECSTATE WASHDC"],
                     ["AMEMBASSY BEIJING", "AMEMBASSY COLOMBO", "DIA WASHDC", "CDR USPACOM HONOLULU HI",
                      "SECDEF WASHDC"], id="plain-text/06NEWDELHI5135"),
        pytest.param(STATE_CIRCULAR, "IMMEDIATE", "112306Z FEB 09", "SECSTATE WASHDC",
                     ["ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE", "AMEMBASSY CONAKRY", "AMEMBASSY PORT AU PRINCE"],
                     [], id="state-circular-multi-line-TO"),
        pytest.param(BRUSSELS_ROUTING, "ROUTINE", "251550Z AUG 09", "USEU BRUSSELS",
                     ["SECSTATE WASHDC", "US CUSTOMS AND BORDER PROTECTION WASHINGTON DC"], [],
                     id="plain-text/09USEUBRUSSELS1177-office-distribution-ignored"),
        pytest.param("P 191558Z MAR 07\nFM AMEMBASSY KINGSTON\nTO SECSTATE WASHDC PRIORITY 4567\nUNCLAS KINGSTON 000382 \n",
                     "PRIORITY", "191558Z MAR 07", "AMEMBASSY KINGSTON", ["SECSTATE WASHDC"], [],
                     id="plain-text/07KINGSTON382"),
        pytest.param("Z 010101Z JAN 09\nFM AMEMBASSY X\n", "FLASH", "010101Z JAN 09", "AMEMBASSY X", [], [],
                     id="flash"),
        pytest.param("O 210722Z JUL 06 ZDK\nFM AMEMBASSY NEW DELHI\n", "IMMEDIATE", "210722Z JUL 06",
                     "AMEMBASSY NEW DELHI", [], [], id="plain-text-ZDK-suffix"),
    ],
)
def test_routing(text: str, precedence: str, dtg: str, from_: str, to: list[str], info: list[str]) -> None:
    assert parse_precedence(text) == precedence
    assert parse_dtg(text) == dtg
    assert parse_from(text) == from_
    assert parse_recipients(text) == to
    assert parse_info_recipients(text) == info


def test_transmission_line_is_not_the_precedence() -> None:
    # "OO RUEHCN ..." routes the message; without a date-time group there is no precedence
    text = "VZCZCXRO5199\nOO RUEHCN RUEHGH RUEHVC\nDE RUEHBJ #0724 0790840\n"
    assert parse_precedence(text) is None
    assert parse_dtg(text) is None


@pytest.mark.parametrize("fn", [parse_recipients, parse_info_recipients])
def test_no_addressees(fn) -> None:  # type: ignore[no-untyped-def]
    assert fn("S E C R E T BEIJING 000724\n\nSUBJECT: X") == []
