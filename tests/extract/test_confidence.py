"""The confidence of a found transfer (``extract/confidence.py``) with the shipped weights."""
from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from prolifwatch.extract import confidence as conf
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
