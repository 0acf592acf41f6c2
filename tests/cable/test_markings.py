"""Classification markings as printed in real cables (corpus paths under ../shared/corpus)."""
from __future__ import annotations

import pytest

from prolifwatch.cable.markings import marking_label, parse_caveat_line, parse_classification, parse_marking


@pytest.mark.parametrize(
    ("marking", "level", "caveats"),
    [
        pytest.param("(S)", "SECRET", [], id="seed001-(S)"),
        pytest.param("(C)", "CONFIDENTIAL", [], id="seed002-(C)"),
        pytest.param("(SBU)", "UNCLASSIFIED", ["SBU"], id="seed002-(SBU)"),
        pytest.param("(U)", "UNCLASSIFIED", [], id="seed003-(U)"),
        pytest.param("(S/REL CHINA)", "SECRET", ["REL CHINA"], id="seed003-(S/REL CHINA)"),
        pytest.param("(S/NF)", "SECRET", ["NOFORN"], id="seed003-(S/NF)"),
        pytest.param("(C/NF)", "CONFIDENTIAL", ["NOFORN"], id="scraped-text/10PARIS207-(C/NF)"),
        pytest.param("(S//NF)", "SECRET", ["NOFORN"], id="corpus-(S//NF)"),
        pytest.param("(C NF)", "CONFIDENTIAL", ["NOFORN"], id="corpus-(C NF)-no-slash"),
        pytest.param("( C )", "CONFIDENTIAL", [], id="corpus-spaced"),
        pytest.param("(c)", "CONFIDENTIAL", [], id="corpus-lower-case"),
        pytest.param("(U//FOUO)", "UNCLASSIFIED", ["FOR OFFICIAL USE ONLY"], id="corpus-(U//FOUO)"),
        pytest.param("(SBU/NF)", "UNCLASSIFIED", ["SBU", "NOFORN"], id="corpus-(SBU/NF)"),
        pytest.param("(S//FGI//NF)", "SECRET", ["FGI", "NOFORN"], id="corpus-(S//FGI//NF)"),
        pytest.param("(S/Rel China)", "SECRET", ["REL CHINA"], id="corpus-(S/Rel China)"),
        pytest.param("(S/Rel China and UK)", "SECRET", ["REL CHINA AND UK"], id="corpus-rel-two"),
        pytest.param("(S//REL TO USA, FVEY)", "SECRET", ["REL TO USA, FVEY"], id="corpus-rel-to-usa-fvey"),
        pytest.param("(C/REL NATO/AUS)", "CONFIDENTIAL", ["REL NATO/AUS"], id="corpus-rel-with-slash"),
        pytest.param("(C/ REL ISAF)", "CONFIDENTIAL", ["REL ISAF"], id="corpus-space-after-slash"),
        pytest.param("(SECRET/REL FRANCE)", "SECRET", ["REL FRANCE"], id="corpus-spelled-out"),
        pytest.param("(LOU)", "UNCLASSIFIED", ["LIMITED OFFICIAL USE"], id="LOU-decision"),
        pytest.param("(TS)", "TOP SECRET", [], id="TS"),
    ],
)
def test_parse_marking(marking: str, level: str, caveats: list[str]) -> None:
    assert parse_marking(marking) == (level, caveats)


@pytest.mark.parametrize(
    "not_a_marking",
    [
        pytest.param("(Afghanistan)", id="corpus-1.(Afghanistan)-heading"),
        pytest.param("(a)", id="letter-label"),
        pytest.param("(b)", id="letter-label-b"),
        pytest.param("(NF)", id="caveat-without-level"),
        pytest.param("(S/Afghanistan)", id="unknown-word"),
        pytest.param("()", id="empty"),
        pytest.param("", id="nothing"),
    ],
)
def test_not_a_marking(not_a_marking: str) -> None:
    assert parse_marking(not_a_marking) == (None, [])


def test_parse_marking_result_is_a_fresh_list() -> None:
    parse_marking("(S/NF)")[1].append("X")
    assert parse_marking("(S/NF)") == ("SECRET", ["NOFORN"])


@pytest.mark.parametrize(
    ("line", "level", "caveats"),
    [
        pytest.param("S E C R E T BEIJING 000724", "SECRET", [], id="seed002-serial-line"),
        pytest.param("C O N F I D E N T I A L SECTION 01 OF 02 THE HAGUE 001865", "CONFIDENTIAL", [],
                     id="scraped-text/03THEHAGUE1865"),
        pytest.param("CO N F I D E N T I A L", "CONFIDENTIAL", [], id="corpus-broken-spacing"),
        pytest.param("UNCLAS KINGSTON 000382", "UNCLASSIFIED", [], id="plain-text/07KINGSTON382"),
        pytest.param("UNCLAS SENSITIVE", "UNCLASSIFIED", ["SBU"], id="unclas-sensitive"),
        pytest.param("UNCLAS E F T O LONDON 002187", "UNCLASSIFIED", ["EFTO"], id="unclas-efto"),
        pytest.param("SECRET NOFORN", "SECRET", ["NOFORN"], id="secret-noforn"),
        pytest.param("SECRET//NOFORN", "SECRET", ["NOFORN"], id="corpus-secret//noforn"),
        pytest.param("SECRET//FGI//NOFORN//MR", "SECRET", ["FGI", "NOFORN", "MR"], id="scraped-text/08STATE116943"),
        pytest.param("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "UNCLASSIFIED", ["FOR OFFICIAL USE ONLY"],
                     id="corpus-fouo"),
        pytest.param("LIMITED OFFICIAL USE", "UNCLASSIFIED", ["LIMITED OFFICIAL USE"], id="lou"),
        pytest.param("Secret", "SECRET", [], id="metadata-spelling"),
        pytest.param("CONFIDENTIAL//NOFORN", "CONFIDENTIAL", ["NOFORN"], id="wikileaks-metadata"),
    ],
)
def test_parse_classification(line: str, level: str, caveats: list[str]) -> None:
    assert parse_classification(line) == (level, caveats)


@pytest.mark.parametrize("line", ["BEIJING 000724", "", "SIPDIS", "NOFORN"])
def test_no_classification(line: str) -> None:
    assert parse_classification(line) == (None, [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("NOFORN", ["NOFORN"]),
        ("NOFORN SIPDIS", ["NOFORN"]),
        ("SIPDIS NOFORN", ["NOFORN"]),
        ("SENSITIVE", ["SBU"]),
        ("SIPDIS", None),
        ("STATE FOR INR/B", None),
        ("SECRET", None),
    ],
)
def test_parse_caveat_line(line: str, expected: list[str] | None) -> None:
    assert parse_caveat_line(line) == expected


def test_marking_label() -> None:
    assert marking_label("SECRET", ["NOFORN"]) == "SECRET//NOFORN"
    assert marking_label("SECRET", ["REL CHINA"]) == "SECRET//REL CHINA"
    assert marking_label(None, []) is None
