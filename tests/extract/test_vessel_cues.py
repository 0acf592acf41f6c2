"""Ships named after the cue words of ``data/vessel_cues.txt`` (read by ``patterns.py``), on sentences of
dev cables of the events gold quoted as printed; the expected names were read off the sentences."""
from __future__ import annotations

import pytest

from prolifwatch.extract.patterns import Patterns
from prolifwatch.knowledge import default_knowledge


@pytest.fixture(scope="module")
def patterns():
    return Patterns(default_knowledge())


def vessels(patterns, text: str, all_caps: bool = False) -> list[str]:
    return [m.text for m in patterns(text, all_caps=all_caps) if m.type == "Vessel"]


def test_a_name_in_quotes_after_the_cue(patterns):
    # 08STATE93558 ¶3
    text = ('The IRISL merchant vessel "Iran Broojerdi" traveled from Dalian, China, to Bandar Abbas, Iran, with '
            "several cargoes of proliferation concern.")
    assert vessels(patterns, text) == ["Iran Broojerdi"]


def test_the_vessel_label_of_a_shipping_document(patterns):
    # 07RANGOON105 ¶3: the bill of lading's fields run on in one line
    text = ("Rangoon Shipped from Rangoon: January 25, 2007 Vessel: Kota Teraju to Singapore Destination: Fang Chen, "
            "China Port of Discharge")
    assert vessels(patterns, text) == ["Kota Teraju"]


def test_a_barge_without_a_name_is_no_vessel_mention(patterns):
    # 04RANGOON88 ¶1: the barge is unnamed; "containing" begins no ship's name, even in capitals
    text = "The businessman added that he personally had seen a “massive” barge containing large-sized rebar being unloaded"
    assert vessels(patterns, text) == []
    assert vessels(patterns, text.upper(), all_caps=True) == []
