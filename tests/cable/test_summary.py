"""SUMMARY ... END SUMMARY, from real cables (../shared/corpus)."""
from __future__ import annotations

import pytest

from prolifwatch.cable.summary import parse_summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Classified By: A/PolCouns Jon Dorschner for Reasons 1.4 (B, D) \n \n¶1.  (C) Summary: The National "
            "Security Advisory Board -- \npopulated by civilians.  This report includes \nbiographic notes of the "
            "current NSAB members.  End Summary. \n \n¶2. (C) Next",
            "The National Security Advisory Board -- populated by civilians. This report includes biographic notes "
            "of the current NSAB members.",
            id="plain-text/06NEWDELHI5135-in-paragraph-1",
        ),
        pytest.param(
            "Classified By: Deputy Political Section Chief Ben Moeling. Reasons 1.4  (b/d)\nSummary\n------- \n"
            "¶1. (C) Current bilateral cooperation on arms control is “remarkable,” Cheng said.\n"
            "¶2. (C) On North Korea, Cheng urged a creative resolution. End Summary.\n¶3. (C) Frank",
            "Current bilateral cooperation on arms control is “remarkable,” Cheng said. On North Korea, Cheng urged "
            "a creative resolution.",
            id="scraped-text/08BEIJING1141-heading-and-two-paragraphs",
        ),
        pytest.param(
            "REF: TEHRAN 4887 \n \nSUMMARY: FOLLOWING ASSASSINATION OF GENERAL SAID TAHERI, BOMBING AND OTHER "
            "TERRORIST ACTIVITIES HAVE CONTINUED TO INCREASE. \nEND SUMMARY \n \n¶1. IN WAKE OF",
            "FOLLOWING ASSASSINATION OF GENERAL SAID TAHERI, BOMBING AND OTHER TERRORIST ACTIVITIES HAVE CONTINUED "
            "TO INCREASE.",
            id="plusd-html-72TEHRAN5055-unnumbered",
        ),
        pytest.param(
            "Classified By: DCM CAROL URBAN, REASONS 1.4 B/D \\\n \\\n------- \\\nSummary \\\n------- \\\n \\\n"
            "1.(C) Swiss FM Calmy-Rey met with Larijani. \\\nEnd Summary. \\\n",
            "Swiss FM Calmy-Rey met with Larijani.",
            id="wikileaks-html/07BERN130-overlined-heading-backslashes",
        ),
        pytest.param(
            "¶1. (C) SUMMARY. NSC WMD Coordinator Gary Samore visited Brasilia August 6-7. END SUMMARY.\n",
            "NSC WMD Coordinator Gary Samore visited Brasilia August 6-7.",
            id="scraped-text/09BRASILIA1038-SUMMARY-period",
        ),
        pytest.param(
            "¶1. (S/NF) Summary and Background: Fifteen months into his term. End Summary.\n",
            "Fifteen months into his term.",
            id="scraped-text/08MANAGUA573-summary-and-background",
        ),
        pytest.param(
            "¶1.  (C)  SUMMARY  During their trip to Israel, CODEL Cardin met. (END SUMMARY)\n",
            "During their trip to Israel, CODEL Cardin met.",
            id="scraped-text/09TELAVIV457-no-colon",
        ),
        pytest.param(
            "¶1. (C) Summary: A reformist member of the Majles spoke.\n\n¶2. (C) He said",
            "A reformist member of the Majles spoke.",
            id="no-end-marker-ends-with-paragraph",
        ),
        pytest.param(
            "Classified By: Ambassador Charles Rivkin for reasons 1.4(b) and (d).\n\n¶1. (C/NF) Madam Secretary: "
            "President Sarkozy looks forward\nto welcoming you.  End Summary.\n\n¶2. (C) Next",
            "Madam Secretary: President Sarkozy looks forward to welcoming you.",
            id="scraped-text/10PARIS79-end-without-opening",
        ),
        pytest.param(
            "¶1. (C) Summary: First part.\nBEIJING 00001141 002 OF 002\nsecond part. End Summary.",
            "First part. second part.",
            id="page-header-removed",
        ),
    ],
)
def test_parse_summary(text: str, expected: str) -> None:
    assert parse_summary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("¶1. (C) Post will provide authorities with a quarterly summary report on the matter.\n",
                     id="scraped-text/05THEHAGUE484-summary-in-prose"),
        pytest.param("1. (S) ACTION REQUEST: In September ...\n\n2.(S/REL CHINA) Post should:\n", id="seed003-none"),
        pytest.param("", id="empty"),
    ],
)
def test_no_summary(text: str) -> None:
    assert parse_summary(text) is None
