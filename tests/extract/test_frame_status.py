"""The status of a transfer frame read from its governors (``extract/frame_status.py``), on
sentences quoted from cables of the events gold's **dev** split ("ID ¶N", N as printed).

Each expectation comes from reading the sentence: a transfer under a condition ("if the firm
is found to have supplied"), inside a rule or restriction, or of things that are not goods
(insurance) is no transfer.
"""
from __future__ import annotations

import pytest

from prolifwatch.extract.frames import parse, readings

NOT_TRANSFERS = [
    pytest.param("09KYIV1942 ¶23", "If Ukraine were to transfer Category I items to Saudi Arabia, that would be yet "
                 "another unfortunate precedent.", "transfer", id="if-were-to"),
    pytest.param("09STATE4134 ¶3", "We also want to advise the GOS that sanctions pursuant to U.S. law could be imposed "
                 "on Aceros if the firm is found to have supplied Syria with regime-controlled items.", "supplied",
                 id="if-found-to-have-supplied"),
    pytest.param("08BEIJING3039 ¶2", "Zhang cited past efforts to educate local governments and companies about "
                 "restrictions on selling sensitive commodities to Iran, but admitted that \u201csome companies are "
                 "still not aware\u201d of these restrictions.", "selling", id="restrictions-on-selling"),
    pytest.param("09AITTAIPEI975 ¶3", "(Note: Taiwan has stricter rules on exports of certain commodities to China "
                 "than the US.", "exports", id="rules-on-exports"),
    pytest.param("07TELAVIV3515 ¶18", "PDAS McNerney replied that designation of the Qods Force and IRGC as entities "
                 "that support terrorism will hamper arms transfers to Iran.", "transfers", id="hamper-transfers"),
    # buying from a source no one names: a need, not a deal
    pytest.param("10STATE17263 ¶35", "Russia noted that even Israel needs to buy ammonium perchlorate from abroad.", "buy",
                 id="buy-from-abroad"),
    pytest.param("10STATE17263 ¶49", "(S) General Comments Russia said it sees it as significant that Iran and North "
                 "Korea are trying to buy more materials abroad and trying to get around existing export control "
                 "regimes.", "buy", id="buy-abroad"),
    # what front companies are for, not a shipment
    pytest.param("08STATE99666 ¶4", "Iranian entities also form front companies in other countries for the sole purpose "
                 "of sending dual-use items to Iran for use in these programs.", "sending", id="purpose-of-sending"),
    # a share of a bank is no goods
    pytest.param("09TRIPOLI293 ¶16", "The Governor of Libya's Central Bank announced Libya's intention to sell at least "
                 "15 percent of Al Jumhuriya Bank on the local stock market.", "sell", id="sell-part-of-a-bank"),
    # what is provided is analyses: no goods
    pytest.param("10STATE17263 ¶2", "(S) Van Diepen recalled that the July 2009 U.S.-Russia Joint Statement called for "
                 "U.S. and Russian experts to work together to analyze ballistic missile threats and that the U.S. side "
                 "had provided analyses of Iran's and North Korea's missile programs at the September JTA.", "provided",
                 id="provided-analyses"),
    # an aim ("to stop"), not a shipment stopped
    pytest.param("08ROME1530 ¶3", "He praised the EU's successful entry-into-force of the Common Position executing "
                 "UNSCR 1803 and noted that due diligence on the export controls aspect of the UNSCRs is essential to "
                 "stop Iran's acquisition of strategic materials.", "acquisition", id="essential-to-stop"),
]


def reading_of(sentence: str, trigger: str):
    found = [r for r in readings(parse([sentence])[0]) if r.trigger.text == trigger]
    assert found, f"no reading for {trigger!r}"
    return found[0]


@pytest.mark.parametrize(("source", "sentence", "trigger"), NOT_TRANSFERS)
def test_no_transfer(source, sentence, trigger):
    r = reading_of(sentence, trigger)
    assert r.drop is not None or not r.roles.get("items"), f"{source}: read as a transfer: {r}"


def test_a_substance_named_before_a_not_goods_noun_is_goods():
    # 08THEHAGUE313 ¶1: "tritium gas" moves, though a bare "gas" (energy) is no goods; the frame is not ruled out
    r = reading_of("Summary: The GONL confirmed an attempted shipment of tritium gas to Iran by a Dutch firm in "
                   "December 2007.", "shipment")
    assert r.drop is None, r.drop


def test_insurance_is_not_goods():
    # 10STATE16220 ¶2: IRISL buys cover, not goods
    r = reading_of("IRISL subsequently obtained substandard insurance from the Bermuda-based South of England "
                   "Protection and Indemnity Association (SEPIA).", "obtained")
    assert not r.roles.get("items"), r.roles.get("items")



STATUSES = [
    pytest.param("07TELAVIV3515 ¶20", "Ziv said she believes that the Russians will continue to sell arms to Iran, "
                 "explaining to Israel and other concerned parties that they are defensive systems.", "sell", "ongoing",
                 id="will-continue-to-sell"),
    pytest.param("10STATE15856 ¶8", "-- Iran, a U.S.-designated State Sponsor of Terrorism, has a long history of "
                 "providing arms and other military equipment to terrorist groups and other non-state actors, "
                 "including in Iraq, Afghanistan, and Lebanon.", "providing", "ongoing", id="long-history-of-providing"),
    pytest.param("07TELAVIV3515 ¶15", "He then handed to PDAS McNerney a list of companies that may be supplying such "
                 "dual-use parts to Iran.", "supplying", "alleged", id="may-be-supplying"),
    pytest.param("10STATE15856 ¶8", "-- In addition, according to the Defense Security Cooperation Agency (DSCA) "
                 "records, Turkey received 181 MK-19 40 mm grenade launchers from the United States in 1995.",
                 "received", "completed", id="according-to-records-received"),
    # the verb's own meaning over the "may" of the report
    pytest.param("06CARACAS958 ¶1", "Sensitive reporting indicates Venezuela may also be seeking armaments, cooperation "
                 "on maintaining aircraft purchased from the United States, and help in training its military reserves.",
                 "seeking", "attempted", id="may-be-seeking"),
    # sales pending (awaiting a licence) are planned, not about to happen (the paragraph has no printed number)
    pytest.param("05THEHAGUE484, first paragraph", "At that meeting the Dutch said Philips Electronics had pending sales "
                 "of 14-bit ADCs to Chinese companies.", "sales", "planned", id="pending-sales"),
    # "a market for arms sales" offers nothing: the sales go on
    pytest.param("10PARIS207 ¶6", "Russians have an interest in strong ties with Tehran, especially because Iran is still "
                 "a primary market for Russian arms sales.", "sales", "ongoing", id="market-for-sales"),
    # a decision to halt blocks the shipment; it was not stopped in transit
    pytest.param("09TRIPOLI941 ¶3", "During the November 27 meeting, the Ambassador expressed his deep concern about "
                 "Libya\u2019s decision to halt shipment of its remaining Highly Enriched Uranium (HEU) stockpile to "
                 "Russia for treatment and disposal.", "shipment", "blocked", id="decision-to-halt"),
]


@pytest.mark.parametrize(("source", "sentence", "trigger", "status"), STATUSES)
def test_status(source, sentence, trigger, status):
    r = reading_of(sentence, trigger)
    assert r.drop is None, f"{source}: dropped as {r.drop!r}"
    assert r.status == status, f"{source}: {r.status}"
