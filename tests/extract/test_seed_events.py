"""Events the seeds state plainly, checked against the sentences (read in the seed files)."""
import pytest

from prolifwatch.extract import Extractor
from prolifwatch.pipeline import parse_paths

SEEDS = "../shared/seeds"


@pytest.fixture(scope="module")
def extracted():
    extractor = Extractor()
    return {doc.id: extractor(doc) for doc in parse_paths([SEEDS])}


def _texts(event, role):
    return [" ".join(a.text.split()) for a in event.values(role)]


def _transfers(extraction, paragraph):
    return [e for e in extraction.events if e.type == "transfer" and e.evidence.paragraph == paragraph]


def test_jet_vanes_via_beijing_on_an_iran_air_flight(extracted):
    # 000: "a North Korean cargo of missile jet vanes destined for Iran's ballistic missile program was set to
    # be shipped the next day from North Korea via Beijing on an Iran Air flight" (cable dated Nov. 3, 2007)
    article = next(v for k, v in extracted.items() if k.startswith("article-03c5"))
    (transfer,) = _transfers(article, 5)
    assert _texts(transfer, "items") == ["missile jet vanes"]
    assert transfer.values("items")[0].key == "item:MTCR 2.A.1"
    assert _texts(transfer, "via") == ["Beijing"]
    assert _texts(transfer, "carrier") == ["Iran Air"]
    assert _texts(transfer, "recipient") == ["Iran"]
    assert transfer.status == "impending"
    assert transfer.date == "2007-11-04"


def test_iran_matin_cartridges_for_dio_to_bandar_abbas(extracted):
    # 003 ¶5 tells one shipment over several sentences: "an impending shipment of military cargo to Iran" ...
    # "This vessel was booked in October to load 83 20-foot containers of cargo, including cartridges, for
    # Iran's Defense Industries Organization (DIO) for delivery to Bandar Abbas, Iran." ... "The Iran Matin
    # is scheduled to depart Tianjin between 24 and 26 November" ... "the end-user for the goods, the
    # Defense Industries Organization (DIO), is listed ..."
    cable = extracted["07STATE159388"]
    transfer = next(t for t in _transfers(cable, 4) if "cartridges" in _texts(t, "items"))
    assert _texts(transfer, "items") == ["military cargo", "cartridges"]
    assert transfer.values("items")[1].key == "item:Wassenaar ML3"
    assert _texts(transfer, "carrier") == ["Iran Matin"]  # "This vessel" of the sentence before
    assert _texts(transfer, "quantity") == ["83 20-foot containers"]
    assert _texts(transfer, "recipient") == ["Defense Industries Organization"]  # Iran is its country
    assert "Defense Industries Organization" in _texts(transfer, "end_user")
    assert _texts(transfer, "origin") == ["Tianjin"]
    assert "Bandar Abbas" in _texts(transfer, "destination")
    assert transfer.status == "impending"
    assert transfer.date == "2007-11-24/2007-11-26"


def test_a_second_consignment_on_the_same_vessel_stays_apart(extracted):
    # "The vessel was also booked in November to load one 40-foot container of unspecified cargo at Tianjin
    # supplied by a Chinese firm that ships military cargoes to Iran via IRISL."
    cable = extracted["07STATE159388"]
    transfers = _transfers(cable, 4)
    second = next(t for t in transfers if "one 40-foot container" in _texts(t, "quantity"))
    assert "cartridges" not in _texts(second, "items")
    assert _texts(second, "supplier") == ["Chinese firm"]
    assert _texts(second, "carrier") == ["Iran Matin"]
    assert "IRISL" not in _texts(second, "via")  # a shipping line, not a transit point


def test_limmt_flow_forming_machine_is_mapped_to_mtcr_3b3(extracted):
    cable = extracted["09BEIJING724"]
    items = [m for m in cable.mentions if m.type == "Item"]
    machine = next(m for m in items if "3GFF-700" in m.text)
    assert " ".join(machine.text.split()) == "3GFF-700 cold flow forming machine"
    assert machine.key == "item:MTCR 3.B.3"


def test_polooff_demarche_to_sun_lei_on_march_20(extracted):
    # 002 ¶1: "PolOff delivered reftel demarche urging the Chinese government ... to MFA Arms Control and
    # Disarmament Department Missile and Conventional Weapons Division Deputy Director Sun Lei on March 20."
    cable = extracted["09BEIJING724"]
    action = next(e for e in cable.events if e.type == "diplomatic_action" and e.evidence.paragraph == 0)
    assert action.kind == "demarche"
    assert _texts(action, "actor") == ["PolOff"]
    assert action.date == "2009-03-20"


def test_china_denies_the_launch_vehicle_report(extracted):
    # 004: "China also denies the claim."
    article = next(v for k, v in extracted.items() if k.startswith("article-b631"))
    denial = [e for e in article.events if e.type == "diplomatic_action" and e.kind == "denial"]
    assert any(_texts(e, "actor") == ["China"] for e in denial)


def test_every_mention_and_event_points_at_its_text(extracted):
    docs = {doc.id: doc for doc in parse_paths([SEEDS])}
    for doc_id, extraction in extracted.items():
        text = docs[doc_id].text
        for m in extraction.mentions:
            assert text[m.start : m.end] == m.text
        for e in extraction.events:
            assert text[e.evidence.start : e.evidence.end] == e.evidence.text


def test_the_party_that_passes_goods_on_is_their_supplier(extracted):
    # 003 ¶6: "military equipment provided to Iran is being retransferred by Iran to terrorists, insurgents, and
    # other sub-state groups": "by Iran" names who passes it on, though the parse reads Iran as the one provided
    cable = extracted["07STATE159388"]
    transfer = next(t for t in _transfers(cable, 5) if "retransferred" in t.evidence.text)
    assert _texts(transfer, "supplier") == ["Iran"]
    assert "Iran" not in _texts(transfer, "recipient")
    assert _texts(transfer, "items") == ["military equipment"]


def test_the_one_who_requests_a_demarche_is_no_supplier(extracted):
    # 003 ¶1: "Department requests the Embassy present this demarche on a specific conventional arms transfer
    # case": the parse reads the Department as the one requesting, so it is no party to the transfer
    cable = extracted["07STATE159388"]
    assert not any("Department" in _texts(t, "supplier") for t in _transfers(cable, 0))


def test_goods_of_a_hypothesis_join_no_shipment(extracted):
    # 003 ¶5: "we are extremely concerned that any military equipment, such as ammunition, transferred to
    # Tehran could be diverted ...": said of any equipment, it adds nothing to the Chinese firm's container
    cable = extracted["07STATE159388"]
    second = next(t for t in _transfers(cable, 4) if "Chinese firm" in _texts(t, "supplier"))
    assert "military equipment" not in _texts(second, "items")


def test_goods_said_in_more_words_are_said_once(extracted):
    # 003 ¶6: "stop the transfer of Chinese-origin arms to Iran"
    cable = extracted["07STATE159388"]
    transfer = next(t for t in _transfers(cable, 5) if "Chinese-origin" in t.evidence.text)
    assert _texts(transfer, "items") == ["Chinese-origin arms"]
    assert _texts(transfer, "recipient") == ["Iran"]


def test_a_word_that_only_says_goods_gives_way_to_the_goods_named(extracted):
    # 001 ¶1: "Chinese sales of dual-use material and items to Iran"; 002 ¶2: "the items sold by LIMMT to Shahid
    # Bakeri Industrial Group" are the 3GFF-700 machine the paragraph names
    (sales,) = _transfers(extracted["08BEIJING3400"], 0)
    assert _texts(sales, "items") == ["dual-use material"]
    limmt = next(t for t in _transfers(extracted["09BEIJING724"], 1) if "LIMMT" in _texts(t, "supplier"))
    assert _texts(limmt, "items") == ["3GFF-700 cold flow forming machine"]


def test_a_relative_clause_on_the_supplier_tells_another_trade(extracted):
    # 003 ¶5: "The vessel was also booked in November to load one 40-foot container of unspecified cargo at Tianjin
    # supplied by a Chinese firm that ships military cargoes to Iran via IRISL": where this container goes the
    # sentence does not say; "to Iran" is where the firm ships in general
    cable = extracted["07STATE159388"]
    second = next(t for t in _transfers(cable, 4) if "one 40-foot container" in _texts(t, "quantity"))
    assert _texts(second, "supplier") == ["Chinese firm"]
    assert "Iran" not in _texts(second, "recipient")
