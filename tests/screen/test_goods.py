"""Goods descriptions to control-list items."""
from __future__ import annotations

import pytest

from prolifwatch.screen.goods import GoodsClassifier


@pytest.fixture(scope="module")
def goods() -> GoodsClassifier:
    return GoodsClassifier()


def test_cold_flow_forming_machine_is_mtcr_3b3(goods):
    best = goods.classify("cold flow forming machine 3GFF-700")[0]
    assert best.item_key == "MTCR 3.B.3"
    assert best.confidence >= 0.9
    assert "cold flow forming machine" in best.keywords


def test_hyphens_case_and_plurals_do_not_matter(goods):
    assert goods.classify("Cold Flow-Forming Machines")[0].item_key == "MTCR 3.B.3"


def test_jet_vanes_are_mtcr_2a1(goods):
    assert goods.classify("graphite jet vanes")[0].item_key == "MTCR 2.A.1"


def test_several_items_ranked_whole_phrases_first(goods):
    found = goods.classify("machines for flow forming of rocket motor cases")
    keys = [m.item_key for m in found]
    assert keys[:2] == ["MTCR 3.A.3", "MTCR 3.B.3"]
    assert found[0].confidence > found[1].confidence  # 3.B.3's words are scattered


def test_chemical_precursor(goods):
    best = goods.classify("20 tonnes of sodium cyanide")[0]
    assert best.regime == "AustraliaGroup" and "sodium cyanide" in best.keywords


def test_unrelated_goods_find_nothing(goods):
    assert goods.classify("office chairs and desks") == []
