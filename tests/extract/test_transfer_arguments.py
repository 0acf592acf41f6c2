"""Where goods go, through where and on what (issue 17): real sentences of dev-split cables, the
arguments read by hand from each sentence."""
from pathlib import Path

import pytest

from prolifwatch.extract import Extractor
from prolifwatch.pipeline import parse_paths

CABLES = {
    "08BEIJING2322": "../shared/corpus/wikileaks-html/2008/06/08BEIJING2322.html",
    "09STATE4134": "../shared/corpus/wikileaks-html/2009/01/09STATE4134.html",
    "08STATE93558": "../shared/corpus/wikileaks-html/2008/09/08STATE93558.html",
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
