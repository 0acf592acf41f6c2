"""The one citation form users see: the number as the document prints it.

Each printed form below is copied from a real document (seed or corpus file named
beside it); the index is the paragraph's place in the parsed record, from 0.
"""
from __future__ import annotations

import pytest

from prolifwatch.citations import evidence_citation, paragraph_citation, printed_number, with_paragraph_number


@pytest.mark.parametrize(("number", "index", "cited"), [
    ("¶1.", 0, "¶1"),   # seeds/001 08BEIJING3400: "¶1. (S) The Ambassador conveyed ..."
    ("¶5.", 4, "¶5"),   # corpus 08STATE93558.html: "¶5. (S/Rel UK) In June 2008 ..."
    ("5.", 4, "¶5"),    # seeds/003 07STATE159388: "5. (S/NF) We are particularly concerned ..."
    ("4.", 3, "¶4"),    # seeds/002 09BEIJING724: "4. (SBU) Sun mentioned to PolOff ..."
    # seeds/000, the Washington Post article, numbers no paragraph: "According to a
    # cable dated Nov. 3, 2007" opens its sixth
    (None, 5, "para. 6 (unnumbered)"),
])
def test_a_paragraph_is_cited_by_its_printed_number(number, index, cited):
    assert paragraph_citation(number, index) == cited


def test_the_number_alone_drops_the_sign_and_the_full_stop():
    assert [printed_number(n) for n in ("¶12.", "12.", "¶ 3.", None, "")] == ["12", "12", "3", None, None]


def test_a_paragraph_not_placed_is_not_given_a_number():
    assert paragraph_citation(None, -1) == "paragraph unknown"
    assert paragraph_citation(None, None) == "paragraph unknown"


def test_evidence_gets_the_number_beside_its_index_and_keeps_every_key():
    evidence = {"paragraph": 4, "start": 3035, "end": 3162, "text": "We would like to support the UK demarche"}
    cited = with_paragraph_number(evidence, "¶5.")
    assert list(cited) == ["paragraph", "paragraph_number", "start", "end", "text"]
    assert cited == {**evidence, "paragraph_number": "¶5."}
    assert evidence_citation(cited) == "¶5"
    # given again (a record stored with one), the number is replaced, not repeated
    assert list(with_paragraph_number(cited, "¶5.")) == list(cited)


def test_evidence_whose_number_was_not_looked_up_is_not_called_unnumbered():
    assert evidence_citation({"paragraph": 4}) == "para. 5 (printed number unknown)"
    assert evidence_citation({"paragraph": 5, "paragraph_number": None}) == "para. 6 (unnumbered)"
