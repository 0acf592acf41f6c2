"""Body paragraphs: numbering, markings, headings, offsets (examples from seeds and ../shared/corpus)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prolifwatch.cable.paragraphs import body_start, parse_paragraphs


def _summary(text: str) -> list[tuple[str | None, str | None, str]]:
    paragraphs = parse_paragraphs(text)
    for p in paragraphs:
        assert p.text == text[p.start : p.end]
        assert p.text == p.text.strip()
    return [(p.number, p.marking, p.text[:25]) for p in paragraphs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Classified By: Ambassador Clark T. Randt, Jr. Reasons 1.4 (b), (c) and (d).\n\n"
            "¶1. (S) The Ambassador conveyed\n\n¶2. (S) Drawing on reftel points\nRANDT",
            [("¶1.", "(S)", "¶1. (S) The Ambassador co"), ("¶2.", "(S)", "¶2. (S) Drawing on reftel")],
            id="seed001-pilcrow-and-signature",
        ),
        pytest.param(
            "Classified By: ISN Acting DAS Richard Stratford. Reasons: 1.4(b) & (d).\n\n"
            "1. (S) ACTION REQUEST: ... using the talking points in Para\n\n"
            "6. NOTE THAT THESE POINTS ARE EXTREMELY TIME SENSITIVE AND THE IC PROVIDED POINTS MUST BE USED VERBATIM."
            "\n\n---------- OBJECTIVES ----------\n\n2.(S/REL CHINA) Post should:\n\n-- Press China\n",
            [("1.", "(S)", "1. (S) ACTION REQUEST: .."), ("2.", "(S/REL CHINA)", "2.(S/REL CHINA) Post shou")],
            id="seed003-out-of-sequence-6-and-heading",
        ),
        pytest.param(
            "Classified By: CLASSIFIED BY CHARGE D'AFFAIRES DANNY R. RUSSEL FOR REAS \nONS 1.5 (B AND D) \n\n"
            "(C) 1. In a visit to The Hague, July 15-16\n\n-------------------------------- \n"
            "Transatlantic Relations and Iraq \n-------------------------------- \n\n"
            "(C) 2. MFA Deputy Political Director Schaper\n",
            [("1.", "(C)", "(C) 1. In a visit to The "), ("2.", "(C)", "(C) 2. MFA Deputy Politic")],
            id="scraped-text/03THEHAGUE1865-marking-before-number",
        ),
        pytest.param(
            "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966 \n \n \n¶1.  PRESS REPORTS AND VARIETY "
            "EMBASSY SOURCES CONFIRM \n \n¶2.  NAVATT STATES ARGENTINE NAVY \n \nGP-3 \nSACCIO",
            [("¶1.", None, "¶1.  PRESS REPORTS AND VA"), ("¶2.", None, "¶2.  NAVATT STATES ARGENT")],
            id="wikileaks-html-1960s-70s/66BUENOSAIRES2481-unmarked",
        ),
        pytest.param(
            "Classified By: POLITICAL COUNSELOR DENNIS HEARNE. REASON 1.4 (D). \n"
            "7. (C) We met.\n"
            "both Iran and Brazil signed the Article 98 agreement with the U.S. 8. (U) The Assistant Secretary "
            "cleared this cable.\nDANILOVICH",
            [("7.", "(C)", "7. (C) We met.\nboth Iran "), ("8.", "(U)", "8. (U) The Assistant Secr")],
            id="scraped-text/05BRASILIA1152-run-in-number-with-marking",
        ),
        pytest.param(
            "Classified By: x. Reasons 1.4 (b).\n\n1. (C) See section 3. below\n3. A sub point\n"
            "2. (C) Next paragraph.\n",
            [("1.", "(C)", "1. (C) See section 3. bel"), ("2.", "(C)", "2. (C) Next paragraph.")],
            id="number-in-prose-and-list",
        ),
        pytest.param(
            "Classified By: x. Reasons 1.4 (b).\n\n¶8. (U) In response to FM Saud's comment\n\nCOMMENT: \n-------- "
            "\n \n¶9. (C) Deputy Foreign Minister\n \n¶9. (C) Since King Abdullah's historic visit\n¶10.  (C) COMMENT",
            [("¶8.", "(U)", "¶8. (U) In response to FM"), ("¶9.", "(C)", "¶9. (C) Deputy Foreign Mi"),
             ("¶9.", "(C)", "¶9. (C) Since King Abdull"), ("¶10.", "(C)", "¶10.  (C) COMMENT")],
            id="scraped-text/10RIYADH123-repeated-number",
        ),
        pytest.param(
            "Classified By: x. Reasons 1.4 (b).\n\n¶1. (C/NF) SUMMARY\n\n¶2. (C/NF) When asked\n\n"
            "¶4. (C/NF) Asked about Georgia\n",
            [("¶1.", "(C/NF)", "¶1. (C/NF) SUMMARY"), ("¶2.", "(C/NF)", "¶2. (C/NF) When asked"),
             ("¶4.", "(C/NF)", "¶4. (C/NF) Asked about Ge")],
            id="scraped-text/10PARIS207-skipped-number-as-printed",
        ),
        pytest.param(
            "SUBJECT: CONTINUING TERRORIST VIOLENCE \n \nREF: TEHRAN 4887 \n \nSUMMARY: FOLLOWING ASSASSINATION "
            "OF GENERAL SAID TAHERI.\nEND SUMMARY \n \n¶1. IN WAKE OF SMOOTHLY HANDLED ASSASSINATION \n \nFARLAND",
            [(None, None, "SUMMARY: FOLLOWING ASSASS"), ("¶1.", None, "¶1. IN WAKE OF SMOOTHLY H")],
            id="plusd-html-72TEHRAN5055-unnumbered-summary-kept",
        ),
        pytest.param(
            "Classified By: x, Reasons 1.4 (b).\n\nSummary\n------- \n¶1. (C) Current bilateral cooperation\n"
            "¶2. (C) Frank Januzzi\n“Remarkable” Cooperation\n------------------------ \n¶3. (C) Arms control\n"
            "PICCUTA",
            [("¶1.", "(C)", "¶1. (C) Current bilateral"), ("¶2.", "(C)", "¶2. (C) Frank Januzzi"),
             ("¶3.", "(C)", "¶3. (C) Arms control")],
            id="scraped-text/08BEIJING1141-underlined-headings",
        ),
        pytest.param(
            "Classified By: x. Reasons 1.4 (b).\n\n¶6.(S/REL CHINA) BEGIN TALKING POINTS:\n"
            "------------------\n-- We continue to stress\n\n¶7.(U) Please report",
            [("¶6.", "(S/REL CHINA)", "¶6.(S/REL CHINA) BEGIN TA"), ("¶7.", "(U)", "¶7.(U) Please report")],
            id="sub-heading-stays-inside",
        ),
        pytest.param(
            "SUBJECT: NOTHING NUMBERED\n\nFirst block of text.\n\nSecond block\nof text.\n\nSMITH",
            [(None, None, "First block of text."), (None, None, "Second block\nof text.")],
            id="no-numbers-blank-line-blocks",
        ),
    ],
)
def test_parse_paragraphs(text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert _summary(text) == expected


def test_paragraph_fields_from_marking() -> None:
    text = "Classified By: x. Reasons 1.4 (b).\n\n1. (S/NF) Washington remains concerned.\n2. (SBU) Fine.\n"
    first, second = parse_paragraphs(text)
    assert (first.index, first.classification, first.caveats) == (0, "SECRET", ["NOFORN"])
    assert (second.index, second.classification, second.caveats) == (1, "UNCLASSIFIED", ["SBU"])


def test_not_a_marking_is_no_marking() -> None:
    text = "Classified By: x. Reasons 1.4 (b).\n\n1. (Afghanistan) The first.\n2. (Lebanon) The second.\n"
    assert [(p.number, p.marking, p.classification) for p in parse_paragraphs(text)] == [
        ("1.", None, None),
        ("2.", None, None),
    ]


def test_body_starts_after_the_last_header_field() -> None:
    text = "SUBJECT: X\n\nREF: A. STATE 1\n\nB. STATE 2\n\nClassified By: Y. Reasons 1.4 (b).\n\nBody text."
    assert text[body_start(text) :].strip() == "Body text."
    assert body_start("just text") == 0


def test_empty() -> None:
    assert parse_paragraphs("") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("12345 .()SCU/NF¶\n-abc:")), max_size=300))
def test_offsets_invariant_on_anything(text: str) -> None:
    paragraphs = parse_paragraphs(text)
    numbers = []
    for i, p in enumerate(paragraphs):
        assert p.index == i
        assert p.text == text[p.start : p.end] and p.text == p.text.strip() and p.text
        if p.number:
            numbers.append(int(p.number.strip("¶ \t.")))
    assert numbers == sorted(numbers)
    assert all(a.end <= b.start for a, b in zip(paragraphs, paragraphs[1:]))
