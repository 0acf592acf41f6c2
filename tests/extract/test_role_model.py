"""The learned roles of a transfer's mentions (issue 17): the model file, and sentences of dev-split cables
(quoted from the cable, spaces joined), what each mention is read by hand from the sentence."""
import json
from importlib import resources

import pytest

from prolifwatch.extract.frame_events import parsed
from prolifwatch.extract.frames import readings
from prolifwatch.extract.role_model import (NONE, PRIORITY, best_role, current_model, mention_features, predict,
                                            saved_model, transfer_words, using)

# 03THEHAGUE2137 ¶2 (dev)
PHILIPS = ("The Netherlands Ministry of Economic Affairs confirms that Dutch electronics manufacturer Philips plans "
           "to ship 14-bit ADCs to China, but has not completed the transaction.")
# 10STATE15856 (dev)
KOLORKIM = ("-- We further understand that in September 2009, the Turkish companies Kolorkim Kimya San and Mercan "
            "Tanitim were considering a deal to import nitrocellulose (NC) from Iran.")
# 07ABUDHABI1214 (dev)
WARDAK = ("During the June visit of Afghan Defense Minister Wardak to Abu Dhabi, MbZ agreed to donate nine Mi-19 "
          "helicopters to Afghanistan.")


def _features(sentence: str, name: str, kind: str, rules: str) -> dict[str, float]:
    doc = parsed([sentence])[0]
    start = sentence.index(name)
    frames = {r.trigger.start: r for r in readings(doc)}
    return mention_features(doc, start, start + len(name), kind, transfer_words(doc), rules, frames)


def test_the_model_is_data_of_consistent_shape():
    model = saved_model()
    assert model is not None, "extract/data/role_model.json is missing"
    assert NONE in model["classes"] and set(model["classes"]) <= {NONE, *PRIORITY}
    assert len(model["weights"]) == len(model["intercepts"]) == len(model["classes"])
    assert all(len(weights) == len(model["features"]) for weights in model["weights"])
    assert len(set(model["features"])) == len(model["features"])
    assert 0.5 <= model["threshold"] < 1.0
    assert isinstance(model["enabled"], bool)


def test_the_model_reads_the_same_twice():
    text = (resources.files("prolifwatch.extract") / "data" / "role_model.json").read_text(encoding="utf-8")
    features = _features(PHILIPS, "China", "Country", "recipient")
    first, second = predict(json.loads(text), features), predict(json.loads(text), dict(features))
    assert first == second
    assert abs(sum(first.values()) - 1.0) < 1e-9
    assert best_role(json.loads(text), features) == best_role(json.loads(text), features)


def test_the_post_pass_is_off_unless_the_file_or_a_caller_turns_it_on():
    model = saved_model()
    with using(False):
        assert current_model() is None
    with using(model):
        assert current_model() is model
    assert current_model() is (model if model["enabled"] else None)


def test_the_place_a_shipment_goes_to_is_linked_by_to():
    # "plans to ship 14-bit ADCs to China": China is where the ADCs go, reached through "to" below "ship"
    f = _features(PHILIPS, "China", "Country", "recipient")
    assert f["trigger=give_verb"] and f["prep=to"] and f["voice=active"] and f["side=after"]
    assert "source_phrase" not in f


def test_who_confirms_a_shipment_is_a_source_not_a_party():
    # the Ministry confirms what Philips plans: it tells of the shipment, in a clause above it
    f = _features(PHILIPS, "Netherlands Ministry of Economic Affairs", "GovernmentBody", NONE)
    assert f["side=before"]
    assert f.get("other_clause") or f.get("source_phrase")
    assert "below_trigger=1" not in f


def test_the_seller_of_a_buying_verb_is_after_from():
    # "a deal to import nitrocellulose (NC) from Iran": import is a buying verb; Iran sells
    f = _features(KOLORKIM, "Iran", "Country", "supplier")
    assert f["trigger=get_verb"] and f["prep=from"] and f["side=after"]


def test_a_coordinated_buyer_is_marked_so():
    # "the Turkish companies Kolorkim Kimya San and Mercan Tanitim": two buyers side by side
    assert _features(KOLORKIM, "Mercan Tanitim", "Place", "destination").get("coordinated")


def test_the_model_keeps_a_plain_recipient():
    # "donate nine Mi-19 helicopters to Afghanistan": Afghanistan gets them
    assert best_role(saved_model(), _features(WARDAK, "Afghanistan", "Country", "recipient"))[0] == "recipient"


def test_the_model_keeps_the_goods():
    # "plans to ship 14-bit ADCs to China": the ADCs are what moves
    assert best_role(saved_model(), _features(PHILIPS, "14-bit ADCs", "Item", "items"))[0] == "items"


@pytest.mark.parametrize("sentence, name, kind, rules", [
    # the Ministry only confirms the plan; the rules gave it no role, and none it has
    (PHILIPS, "Netherlands Ministry of Economic Affairs", "GovernmentBody", NONE),
    # the place of the visit is not where the helicopters go: the rules call it a recipient
    pytest.param(WARDAK, "Abu Dhabi", "Country", "recipient", marks=pytest.mark.xfail(strict=True, reason=(
        "the model leans on the rules' role (weight 2.17 for rules=recipient) and keeps it; one reason it is off "
        "by default (docs/extraction-quality.md, learned roles)"))),
])
def test_the_model_gives_no_role_to_who_only_stands_near(sentence, name, kind, rules):
    role, _ = best_role(saved_model(), _features(sentence, name, kind, rules))
    assert role == NONE
