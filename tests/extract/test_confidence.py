"""The confidence of a found transfer (``extract/confidence.py``) with the shipped weights."""
from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from prolifwatch.extract import confidence as conf
from prolifwatch.extract.cues import cues
from prolifwatch.extract.event import Argument, Event, Evidence


@pytest.fixture(scope="module")
def plates() -> Argument:
    """A control-list item as the knowledge base names it."""
    from prolifwatch.knowledge import default_knowledge

    name = next(n for n in default_knowledge().item_names() if n.text == "tungsten-copper alloy plates")
    assert name.key.startswith("item:")
    return Argument("tungsten-copper alloy plates", name.key, "Item")


def transfer(**roles) -> Event:
    evidence = Evidence(3, 0, 80, "LIMMT shipped tungsten-copper alloy plates to Iran aboard the M/V Iran Deyanat.")
    return Event("transfer", evidence, {role: list(args) for role, args in roles.items()}, status="completed")


def full(plates: Argument) -> Event:
    return transfer(supplier=[Argument("LIMMT", "entity:limmt", "Organization")],
                    recipient=[Argument("Iran", "country:IR", "Country")], items=[plates],
                    carrier=[Argument("M/V Iran Deyanat", None, "Vessel")])


def test_confidence_is_a_probability(plates):
    for event in (full(plates), transfer(items=[plates]), transfer()):
        assert 0.0 < conf.confidence(event) < 1.0


def test_more_found_arguments_score_higher(plates):
    only_item = transfer(items=[plates])
    assert conf.features(full(plates))["item_on_control_list"] == 1.0
    assert conf.features(full(plates))["carrier"] == 1.0
    assert conf.confidence(full(plates)) > conf.confidence(only_item)


def test_weights_change_the_score(plates):
    # the shipped weights are the ones used by default
    assert conf.confidence(full(plates)) == conf.confidence(full(plates), conf.model())
    flat = {"intercept": 0.0, "weights": {}}
    assert conf.confidence(full(plates), flat) == 0.5
    assert conf.confidence(full(plates), {"intercept": 0.0, "weights": {"carrier": 2.0}}) > 0.8


def test_explain_lists_the_features_with_their_weights(plates):
    event = full(plates)
    shares = conf.explain(event)
    names = [name for name, _ in shares]
    assert {"supplier", "recipient", "both_parties", "carrier", "item_on_control_list", "status_completed"} <= set(names)
    assert "broker" not in names and "hedged" not in names, "features the event lacks are not listed"
    weights = conf.model()["weights"]
    for name, share in shares:
        assert share == pytest.approx(weights.get(name, 0.0) * conf.features(event)[name])
    assert [abs(s) for _, s in shares] == sorted((abs(s) for _, s in shares), reverse=True)
    # the shares add up to the score
    total = conf.model()["intercept"] + sum(s for _, s in shares)
    assert conf.confidence(event) == pytest.approx(1 / (1 + math.exp(-total)))


def test_the_shipped_model_names_the_dev_split_it_was_trained_on():
    data = json.loads((resources.files("prolifwatch.extract") / "data" / "confidence.json").read_text(encoding="utf-8"))
    assert "tests/data/gold/events" in data["trained_on"]
    assert "dev split" in data["trained_on"]
    assert "test split" not in data["trained_on"] and "all" not in data["trained_on"].split()
    # every weight is a feature the model computes
    assert set(data["weights"]) <= set(conf.features(transfer()))


def test_a_transfer_that_names_no_goods_is_not_listed(plates):
    # parties and a carrier but no item and no quantity: nothing is said to move
    no_goods = transfer(supplier=[Argument("LIMMT", "entity:limmt", "Organization")],
                        recipient=[Argument("Iran", "country:IR", "Country")],
                        carrier=[Argument("M/V Iran Deyanat", None, "Vessel")])
    with conf.unfloored():
        assert conf.listed([no_goods]) == []
        shipped = full(plates)
        assert [e is shipped for e in conf.listed([no_goods, shipped])] == [True]


def test_the_floor_leaves_out_weak_transfers_and_can_be_switched_off(plates):
    strong, weak = full(plates), transfer(items=[Argument("products", None, "Item")])
    assert conf.floor() > 0.0
    assert len(conf.listed([strong])) == 1, "a full transfer on a control-list item clears the floor"
    assert len(conf.listed([weak])) == (conf.confidence(weak) >= conf.floor())
    with conf.unfloored():
        assert conf.floor() == 0.0
        assert len(conf.listed([weak])) == 1
    assert conf.floor() > 0.0, "the floor is back after the block"


def test_listing_counts_the_paragraphs_transfers_for_the_model(plates):
    events = [full(plates), transfer(items=[plates])]
    with conf.unfloored():
        conf.listed(events)
    assert all(conf.features(e)["crowded_paragraph"] == 1.0 for e in events)


def test_the_shipped_model_was_chosen_out_of_fold_and_its_high_band_holds():
    data = conf.model()
    assert 0.0 < data["floor"] < 1.0
    oof = data["out_of_fold"]
    assert "GroupKFold" in oof["folds"]
    high = oof["at_or_above_0.8"]
    assert high["events"] > 0 and high["real"] / high["events"] >= 0.8, "the issue's reliability target, out of fold"


def test_the_cables_subject_reaches_each_transfer(plates):
    trigger = cues().trigger
    # seed 002's TAGS line: "TAGS: PARM, MTCRE, PREL, PGOV, ETTC, CH, IR"
    arms = conf.cable_features(["PARM", "MTCRE", "PREL", "PGOV", "ETTC", "CH", "IR"],
                               "LIMMT shipped the plates. A second shipment followed. The sale was reported. "
                               "The goods were exported to Iran.", trigger)
    assert arms == {"proliferation_tag": 1.0, "few_transfer_words": 0.0}
    visas = conf.cable_features(["CVIS", "PREL"], "The Consular section issued 400 visas this week.", trigger)
    assert visas == {"proliferation_tag": 0.0, "few_transfer_words": 1.0}
    events = [full(plates)]
    with conf.unfloored():
        conf.listed(events, visas)
    assert conf.features(events[0])["few_transfer_words"] == 1.0
    assert conf.features(events[0])["proliferation_tag"] == 0.0


@pytest.mark.parametrize("item, tangible", [
    # found as items on ordinary cables of the random gold's dev split, none of them goods
    ("immediate relief", False), ("tangible signs", False), ("Russian citizenship", False), ("treaty", False),
    ("full-scope safeguards", False),
    # goods as the events gold names them
    ("tungsten-copper plates", True), ("machine tools", True), ("centrifuges", True), ("T-72 tanks", True),
    ("relief supplies", True), ("potassium perchlorate", True),
])
def test_items_that_name_tangible_goods(item, tangible):
    event = transfer(items=[Argument(item, None, "Item")])
    assert conf.features(event)["tangible_items"] == float(tangible)
