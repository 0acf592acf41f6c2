"""Who, what, where, through where and on what (issue 17): real sentences of dev-split cables, the
arguments read by hand from each sentence."""
from pathlib import Path

import pytest

from prolifwatch.extract import Extractor
from prolifwatch.pipeline import parse_paths

CABLES = {
    "08BEIJING2322": "../shared/corpus/wikileaks-html/2008/06/08BEIJING2322.html",
    "09STATE4134": "../shared/corpus/wikileaks-html/2009/01/09STATE4134.html",
    "03THEHAGUE2137": "../shared/corpus/scraped-text/03THEHAGUE2137.txt",
    "08STATE93558": "../shared/corpus/wikileaks-html/2008/09/08STATE93558.html",
    "09KYIV1942": "../shared/corpus/scraped-text/09KYIV1942.txt",
    "10STATE15856": "../shared/corpus/scraped-text/10STATE15856.txt",
    "09STATE96222": "../shared/corpus/scraped-text/09STATE96222.txt",
    "07TELAVIV3515": "../shared/corpus/wikileaks-html/2007/12/07TELAVIV3515.html",
    "08BEIJING2087": "../shared/corpus/wikileaks-html/2008/05/08BEIJING2087.html",
}


def _cable(id_: str, path: str):
    docs = [d for d in parse_paths([path]) if getattr(d, "id", None) == id_] if Path(path).exists() else []
    if not docs:
        pytest.skip(f"{path}: the corpus is not here")
    return docs[0]


@pytest.fixture(scope="module")
def transfers():
    extractor = Extractor()
    return {id_: [e for e in extractor(_cable(id_, path)).events if e.type == "transfer"] for id_, path in CABLES.items()}


def _telling(transfers, cable, words):
    return [e for e in transfers[cable] if words in " ".join(e.evidence.text.split())]


def _texts(event, role):
    return [" ".join(a.text.split()) for a in event.values(role)]


def test_a_place_after_the_recipient_is_where_the_goods_go(transfers):
    # 08BEIJING2322 ¶21: "... and Iran is also transferring arms to the Taliban in Afghanistan."
    (transfer,) = [t for t in _telling(transfers, "08BEIJING2322", "transferring arms to the Taliban")
                   if "Taliban" in _texts(t, "recipient")]
    assert _texts(transfer, "supplier") == ["Iran"]
    assert "Afghanistan" in _texts(transfer, "destination")
    assert "Afghanistan" not in _texts(transfer, "recipient")


def test_the_consignment_of_the_sentence_before_is_its_shipment(transfers):
    # 09STATE4134 ¶2: "Aceros supplied xxxxxxxxxxxx with over two metric tons of aluminum and steel. This consignment
    # was shipped from the Spanish port of Castillon to Lattakia, Syria aboard the M/V Fast Independence."
    (transfer,) = [t for t in _telling(transfers, "09STATE4134", "This consignment was shipped")]
    assert _texts(transfer, "supplier") == ["Aceros"]  # not "Spanish": the port is Spanish
    assert _texts(transfer, "items") == ["aluminum", "steel"]  # not the ballistic missiles of the sentence before
    assert _texts(transfer, "carrier") == ["Fast Independence"]
    assert _texts(transfer, "destination") == ["Lattakia"]  # Syria says where Lattakia is


def test_the_country_after_a_port_is_no_party(transfers):
    # 09STATE4134 ¶5: "Aceros shipped a consignment of over two metric tons of aluminum and steel aboard the M/V
    # Fast Independence from Castillon, Spain, for eventual discharge in Lattakia, Syria"
    (transfer,) = _telling(transfers, "09STATE4134", "from Castillon, Spain")
    assert "Aceros" in _texts(transfer, "supplier")
    assert "Spain" not in _texts(transfer, "supplier")
    assert "Lattakia" in _texts(transfer, "destination")
    assert "Syria" not in _texts(transfer, "destination")


def test_the_shipping_line_before_its_vessel_is_a_carrier(transfers):
    # 08STATE93558 ¶1: "This cargo was conveyed to Iran on the IRISL merchant vessel "Iran Broojerdi""
    (transfer,) = _telling(transfers, "08STATE93558", "IRISL merchant vessel")
    assert {"IRISL", "Iran Broojerdi"} <= set(_texts(transfer, "carrier"))


def test_the_seller_a_buyer_buys_from_is_no_origin(transfers):
    # 08BEIJING2322 ¶13: "Iran ... has reportedly purchased intermediate-range missiles from North Korea."
    (transfer,) = _telling(transfers, "08BEIJING2322", "purchased intermediate-range missiles from North Korea")
    assert _texts(transfer, "supplier") == ["North Korea"]
    assert _texts(transfer, "recipient") == ["Iran"]
    assert _texts(transfer, "origin") == []


def test_a_demonym_on_a_sale_names_the_seller_not_an_origin(transfers):
    # 08BEIJING2322 ¶21: "Acting U/S Rood told AFM He that Chinese arms sales to Iran are of great concern"
    sales = [t for t in _telling(transfers, "08BEIJING2322", "Chinese arms sales to Iran")
             if "Chinese" in _texts(t, "supplier")]
    assert len(sales) == 1
    assert "Iran" in _texts(sales[0], "recipient")
    assert _texts(sales[0], "origin") == []


# third round (issue 17)

def test_the_cargo_told_again_after_other_sentences_takes_its_carrier(transfers):
    # 08STATE93558 ¶6: "a Chinese firm, Dalian North Potassium Chlorate Works, booked a cargo of 208 metric tons
    # of potassium perchlorate ... The cargo was to be loaded into 13 20-foot containers ... [two sentences on the
    # firm and on LPBR] ... The cargo was probably loaded at Dalian in late May aboard the Islamic Republic of Iran
    # Shipping Lines (IRISL) vessel M/V Iran Broojerdi. -- In addition, we believe that the M/V Iran Broojerdi
    # loaded a model P-60 dewatering machine at Tianjin, China."
    (cargo,) = _telling(transfers, "08STATE93558", "booked a cargo of 208 metric tons")
    assert _texts(cargo, "supplier") == ["Dalian North Potassium Chlorate Works"]
    assert "Iran Broojerdi" in _texts(cargo, "carrier")
    assert "Dalian" in _texts(cargo, "origin")
    assert "Tianjin" not in _texts(cargo, "origin")  # where the dewatering machine was loaded
    assert "P-60" not in _texts(cargo, "items")  # "In addition": another consignment on the same vessel
    # the goods the amount counts, each of the two its own
    assert _texts(cargo, "items") == ["potassium perchlorate", "liquid poly butadiene rubber"]


def test_a_party_named_twice_in_one_role_is_one_recipient(transfers):
    # 09KYIV1942 ¶22: "Ukraine had transferred MTCR Category I items to the U.S., Russia, Germany, and Saudi
    # Arabia, and Category II items to the U.S., Russia, Saudi Arabia, the Republic of Korea, China, and India"
    (transfer,) = _telling(transfers, "09KYIV1942", "Ukraine had transferred MTCR Category I items")
    recipients = _texts(transfer, "recipient")
    assert recipients[:4] == ["U.S.", "Russia", "Germany", "Saudi Arabia"]
    assert len(recipients) == len(set(recipients))


def test_the_records_cited_are_no_party(transfers):
    # 10STATE15856 ¶6: "According to Defense Security Cooperation Agency (DSCA) records, Turkey received 181 MK-19
    # 40 mm grenade launchers from the United States in 1995."
    (transfer,) = _telling(transfers, "10STATE15856", "According to Defense Security Cooperation Agency")
    assert _texts(transfer, "recipient") == ["Turkey"]
    assert _texts(transfer, "supplier") == ["United States"]


def test_the_firm_named_after_its_description_is_the_party(transfers):
    # 09STATE96222 ¶2: "We have information the French firm Sofradir and its subsidiary Ulis continue to sell
    # cooled and uncooled infrared detectors to a Chinese firm for incorporation into thermal imaging systems."
    (transfer,) = _telling(transfers, "09STATE96222", "We have information the French firm Sofradir")
    assert "Sofradir" in _texts(transfer, "supplier")
    assert "French firm" not in _texts(transfer, "supplier")


def test_examples_of_a_group_share_its_role(transfers):
    # 07TELAVIV3515 ¶1: "Israel believes that Russia will continue to sell advanced weapons systems to countries
    # like Iran and Syria, calling the weapons systems "defensive.""
    (transfer,) = _telling(transfers, "07TELAVIV3515", "to countries like Iran and Syria")
    assert _texts(transfer, "supplier") == ["Russia"]
    assert _texts(transfer, "recipient") == ["Iran", "Syria"]


def test_coordinated_groups_are_each_a_recipient(transfers):
    # 10STATE15856 ¶8: "Iran, a U.S.-designated State Sponsor of Terrorism, has a long history of providing arms
    # and other military equipment to terrorist groups and other non-state actors, including in Iraq,
    # Afghanistan, and Lebanon."
    (transfer,) = _telling(transfers, "10STATE15856", "equipment to terrorist groups and other non-state actors")
    assert _texts(transfer, "supplier") == ["Iran"]
    assert _texts(transfer, "recipient") == ["terrorist groups", "other non-state actors"]


def test_people_are_not_goods(transfers):
    # 08BEIJING2087 ¶2: "we suggested the Chinese take advantage of a Japanese offer of Chinook helicopters and
    # crew."
    (transfer,) = _telling(transfers, "08BEIJING2087", "a Japanese offer of Chinook helicopters and crew")
    assert _texts(transfer, "items") == ["Chinook helicopters"]


# fourth round (issue 17)

def test_a_name_after_a_demonym_and_a_trade_is_the_supplier(transfers):
    # 03THEHAGUE2137 ¶2: "... confirms that Dutch electronics manufacturer Philips plans to ship 14-bit ADCs to China"
    (transfer,) = _telling(transfers, "03THEHAGUE2137", "Philips plans to ship")
    assert _texts(transfer, "supplier") == ["Philips"]  # the firm, not "Dutch electronics manufacturer"
    assert _texts(transfer, "recipient") == ["China"]
    assert _texts(transfer, "items") == ["14-bit ADCs"]


def test_the_country_goods_are_bought_from_is_the_supplier(transfers):
    # 10STATE15856 ¶2: "In addition, we understand that a Turkish firm may also be pursuing a deal to import plastic
    # explosives and nitrocellulose from Iran."
    (transfer,) = _telling(transfers, "10STATE15856", "import plastic explosives and nitrocellulose from Iran")
    assert _texts(transfer, "supplier") == ["Iran"]  # the guideline: "from X" with no other seller named
    assert _texts(transfer, "recipient") == ["Turkish firm"]  # who imports gets, though it stands first
