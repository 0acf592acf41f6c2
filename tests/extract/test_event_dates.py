"""Transfer dates (``extract/event_dates.py``) on sentences of dev cables of the events gold and of the
seeds, quoted as printed; each expected date was written by reading the sentence with the cable's date."""
from __future__ import annotations

from datetime import date

import pytest

from prolifwatch.extract.components import Passage
from prolifwatch.extract.cues import cues
from prolifwatch.extract.event import Event, Evidence
from prolifwatch.extract.event_dates import date_transfers


def dated(paragraph: str, anchor: date | None, status: str = "completed", evidence: str | None = None,
          earlier: str | None = None) -> str | None:
    """The date given to a transfer stated by ``evidence`` (default: the whole paragraph)."""
    evidence = evidence or paragraph
    start = paragraph.index(evidence)
    transfer = Event("transfer", Evidence(0, start, start + len(evidence), evidence), status=status, date=earlier)
    date_transfers([transfer], Passage(0, paragraph, 0), anchor, cues())
    return transfer.date


# (cable, cable's date, status, sentence, the transfer's date)
SAID_OF_THE_TRANSFER = [
    ("07RANGOON105", date(2007, 1, 30), "completed",
     "Summary: Embassy contacts XXXXXXXXXXXX shared with us on XXXXXXXXXXXX documents for 112 metric tons of "
     "“mixed ore” shipped on January 25 from Burma to China via Singapore.", "2007-01-25"),
    # the talk's date opens the sentence; the offer's is in the clause it reports
    ("09STATE53356", date(2009, 5, 26), "offered",
     "-- In October 2007, we shared information with you indicating that in July 2007, the Indian company "
     "XXXXXXXXXXXX offered to provide 255 blocks of MTCR-controlled, high density graphite to Iran’s Ward "
     "Commercial Company.", "2007-07"),
    # informed us "of" the proposal: the proposal as it stood in October 2007
    ("08MOSCOW1647", date(2008, 6, 10), "offered",
     "In October 2007, Russia informed us of its proposal to provide $200 million worth of weapons and material "
     "to the Afghan National Army, but complained that it had difficulty coordinating with the Afghans.", "2007-10"),
    # the letter's date is not the deliveries'
    ("10ANKARA126", date(2010, 1, 22), "planned",
     "The Turks took SecDef's May 2009 letter to provide up to four AH-1W helicopters each in 2011, 2012 and 2013 "
     "as a firm commitment, and now have asked us to advance that date to 2010.", "2011"),
    # June without its year, told after "July 2008": June 2008, not the cable's 2009
    ("09KYIV1942", date(2009, 11, 5), "planned",
     "Van Diepen recalled that when the U.S. had raised with Ukraine in July 2008 that an additional shipment of "
     "T-72 tanks, BM-1 GRAD armored vehicles, small arms, and other military equipment planned for a late June or "
     "early July shipment to Kenya was being purchased by the Kenyan Ministry of State Defense for South Sudan, "
     "Ukraine had assured us the arms were for the Government of Kenya.", "2008-06"),
    # a month after the cable's, of a transfer still to come: this December, not last
    ("09KYIV1942", date(2009, 11, 5), "planned",
     "(The Finnish regulatory authority subsequently reported that they hoped to provide it in December.)",
     "2009-12"),
    # seed 000: the cable's date is a document's, "the next day" the shipment's
    ("000_64ff7e57a2bd5472", date(2010, 11, 29), "planned",
     "According to a cable dated Nov. 3, 2007, and signed by then-Secretary of State Condoleezza Rice, a North "
     "Korean cargo of missile jet vanes destined for Iran's ballistic missile program was set to be shipped the "
     "next day from North Korea via Beijing on an Iran Air flight.", "2007-11-04"),
]


@pytest.mark.parametrize("cable, anchor, status, sentence, expected", SAID_OF_THE_TRANSFER,
                         ids=[case[0] for case in SAID_OF_THE_TRANSFER])
def test_a_date_said_of_the_transfer_is_its_date(cable, anchor, status, sentence, expected):
    assert dated(sentence, anchor, status) == expected


SAID_OF_THE_TALK = [
    ("08BEIJING1373", date(2008, 4, 11), "impending",
     "China determined that the end-user of sodium sulfide to be transported on the M/V Iran Teyfouri is located "
     "in Armenia and not Iran, MFA Arms Control and Disarmament Department Chemical and Biological Weapons "
     "Division Deputy Director Yang Yi told PolOff on April 11."),
    ("08STATE23763", date(2008, 3, 7), "planned",
     "In November, we learned that XXXXXXXXXXXX was working to ship additional consignments of graphite to Ward,"),
    ("09TRIPOLI941", date(2009, 11, 30), "blocked",
     "During the November 27 meeting, the Ambassador expressed his deep concern about Libya’s decision to halt "
     "shipment of its remaining Highly Enriched Uranium (HEU) stockpile to Russia for treatment and disposal."),
]


@pytest.mark.parametrize("cable, anchor, status, sentence", SAID_OF_THE_TALK, ids=[case[0] for case in SAID_OF_THE_TALK])
def test_a_date_said_of_the_talk_is_not_the_transfers(cable, anchor, status, sentence):
    assert dated(sentence, anchor, status) is None


def test_a_sentence_taking_up_the_shipment_takes_its_date_from_the_sentence_before():
    # 08STATE93558 ¶1, a cable of 2 September 2008: "This cargo" is the shipment that arrived on 21 June
    paragraph = ("Washington has information about a Chinese origin shipment of proliferation concern that arrived "
                 "in Bandar Abbas, Iran on 21 June. This cargo was conveyed to Iran on the IRISL merchant vessel "
                 "\"Iran Broojerdi\" and was consigned to companies associated with designated entities in Iran.")
    second = paragraph[paragraph.index("This cargo"):]
    assert dated(paragraph, date(2008, 9, 2), evidence=second) == "2008-06-21"
    # a sentence that takes nothing up does not
    other = "IRISL was consigned a cargo of arms for designated entities in Iran."
    assert dated(paragraph.replace(second, other), date(2008, 9, 2), evidence=other) is None


def test_a_month_after_the_cables_month_was_last_year_for_a_transfer_told_as_done():
    # written for the rule from 08STATE23763 ¶3 (a cable of 7 March 2008), with "in December" added:
    # no dev sentence tells a finished transfer in a month after its cable's without printing the year
    sentence = ("This graphite - like the shipment at the Mumbai airport - had been placed on hold by Indian "
                "authorities in December, preventing its onward shipment.")
    assert dated(sentence, date(2008, 3, 7), "interdicted") == "2007-12"
    assert dated(sentence, date(2008, 3, 7), "planned") == "2008-12", "still to come: this year's December"


def test_the_finders_date_is_kept_when_it_is_one_said_of_the_transfer():
    # seed 003 ¶5: the booking sentence gathered the route sentence's departure window
    paragraph = ("This vessel was booked in October to load 83 20-foot containers of cargo, including cartridges, for "
                 "Iran's Defense Industries Organization (DIO) for delivery to Bandar Abbas, Iran. The Iran Matin is "
                 "scheduled to depart Tianjin between 24 and 26 November and arrive back at Bandar Abbas on 14 "
                 "December.")
    assert dated(paragraph, date(2007, 11, 22), "impending", earlier="2007-11-24/2007-11-26") == "2007-11-24/2007-11-26"
    # a date the finders took from the talk is not kept
    talk = "In November, we learned that XXXXXXXXXXXX was working to ship additional consignments of graphite to Ward,"
    assert dated(talk, date(2008, 3, 7), "planned", earlier="2007-11") is None


@pytest.mark.parametrize("cable, anchor, status, sentence, expected",
                         [SAID_OF_THE_TRANSFER[1], SAID_OF_THE_TRANSFER[3]], ids=["09STATE53356", "10ANKARA126"])
def test_an_all_caps_cable_reads_the_same(cable, anchor, status, sentence, expected):
    assert dated(sentence.upper(), anchor, status) == expected


def test_an_all_caps_talk_date_is_not_the_transfers():
    assert dated(SAID_OF_THE_TALK[1][3].upper(), date(2008, 3, 7), "planned") is None
