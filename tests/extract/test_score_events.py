"""The events scorer (``extract/score_events.py``) on hand-built gold and predicted events."""
from __future__ import annotations

import pytest

from prolifwatch.extract.score_events import EventsReport, Matcher, score_document


@pytest.fixture(scope="module")
def matcher():
    from prolifwatch.knowledge import default_knowledge

    return Matcher(default_knowledge())


def arg(text: str, key: str | None = None, type: str = "Country") -> dict:
    return {"text": text, "key": key, "type": type}


def predicted(paragraph: int, status: str | None = "completed", confidence: float = 0.5, **roles) -> dict:
    """A transfer as ``Event.to_json`` gives it; role values are texts or argument dicts."""
    out = {"type": "transfer"}
    for role, values in roles.items():
        out[role] = [v if isinstance(v, dict) else arg(v) for v in values]
    out.update(status=status, hedging=None, date=None, date_precision=None, confidence=confidence,
               evidence={"paragraph": paragraph, "paragraph_number": None, "start": 0, "end": 1, "text": "x"})
    return out


def action(paragraph: int, kind: str, actor=(), counterpart=()) -> dict:
    return {"type": "diplomatic_action", "kind": kind, "actor": [arg(a, type="Person") for a in actor],
            "counterpart": [arg(c, type="Person") for c in counterpart], "status": None, "hedging": None,
            "date": None, "date_precision": None, "confidence": 0.5, "transfer": None,
            "evidence": {"paragraph": paragraph, "paragraph_number": None, "start": 0, "end": 1, "text": "x"}}


def gold_transfer(paragraph: int, status: str = "completed", **roles) -> dict:
    out = {"paragraph": paragraph, "paragraph_number": None, "evidence": "x", "quantity": None, "date": None,
           "status": status, "hedging": None}
    for role in ("supplier", "broker", "origin", "recipient", "end_user", "items", "via", "destination", "carrier"):
        out[role] = list(roles.get(role, []))
    return out


def gold(*transfers, actions=(), policy_only=False) -> dict:
    return {"id": "TEST1", "path": "x", "policy_only": policy_only, "transfers": list(transfers),
            "diplomatic_actions": list(actions)}


def score(matcher, g, p) -> EventsReport:
    report = EventsReport()
    score_document(g, p, matcher, report)
    return report


LIMMT = gold_transfer(4, supplier=["LIMMT"], recipient=["Iran"], items=["tungsten-copper plates"])


def test_a_match_needs_an_item_and_a_party_in_the_same_role(matcher):
    right = predicted(4, supplier=["LIMMT"], recipient=["Iran"], items=["tungsten-copper plates"])
    report = score(matcher, gold(LIMMT), [right])
    assert (report.transfers.tp, report.transfers.fp, report.transfers.fn) == (1, 0, 0)
    # a party alone is not enough: other goods
    report = score(matcher, gold(LIMMT), [predicted(4, recipient=["Iran"], items=["missiles"])])
    assert (report.transfers.tp, report.transfers.fp, report.transfers.fn) == (0, 1, 1)
    # the goods alone are not enough: the parties in each other's roles
    report = score(matcher, gold(LIMMT), [predicted(4, supplier=["Iran"], recipient=["LIMMT"],
                                                    items=["tungsten-copper plates"])])
    assert report.transfers.tp == 0
    # one item and one party suffice, with the item's words inside a longer predicted phrase
    report = score(matcher, gold(LIMMT), [predicted(4, supplier=["LIMMT"], items=["the tungsten-copper plates ordered"])])
    assert report.transfers.tp == 1


def test_a_match_must_be_in_the_same_paragraph(matcher):
    report = score(matcher, gold(LIMMT), [predicted(5, supplier=["LIMMT"], recipient=["Iran"],
                                                    items=["tungsten-copper plates"])])
    assert (report.transfers.tp, report.transfers.fp, report.transfers.fn) == (0, 1, 1)


def test_prc_matches_china_through_the_knowledge_base(matcher):
    g = gold(gold_transfer(2, supplier=["China"], recipient=["Iran"], items=["C-802 missiles"]))
    report = score(matcher, g, [predicted(2, supplier=["PRC"], items=["C-802 missiles"])])
    assert report.transfers.tp == 1
    assert report.arguments["supplier"].tp == 1
    assert matcher.agree("supplier", "China", "PRC")
    assert not matcher.agree("supplier", "China", "Iran")
    assert not matcher.agree("items", "China", "PRC"), "goods are not looked up as parties"
    # the predicted argument's key is enough when its text is not a known name
    assert matcher.agree("recipient", "China", "the Chinese government", "country:CN")


def test_an_unmatched_predicted_transfer_counts_fp_and_its_values_by_role(matcher):
    wrong = predicted(4, supplier=["Germany"], recipient=["Syria"], items=["lathes", "valves"], via=["Dubai"])
    report = score(matcher, gold(LIMMT), [wrong])
    assert (report.transfers.tp, report.transfers.fp, report.transfers.fn) == (0, 1, 1)
    args = report.arguments
    assert (args["supplier"].tp, args["supplier"].fp, args["supplier"].fn) == (0, 1, 1)
    assert (args["recipient"].fp, args["recipient"].fn) == (1, 1)
    assert (args["items"].fp, args["items"].fn) == (2, 1)
    assert (args["via"].fp, args["via"].fn) == (1, 0)
    assert (args["carrier"].fp, args["carrier"].fn) == (0, 0)
    assert [f["document"] for f in report.false] == ["TEST1"]
    assert [m["supplier"] for m in report.misses] == [["LIMMT"]]


def test_matched_values_score_by_role_and_status_on_matched_pairs(matcher):
    p = predicted(4, status="planned", supplier=["LIMMT"], recipient=["Iran", "Syria"], items=["tungsten-copper plates"])
    report = score(matcher, gold(LIMMT), [p])
    assert (report.arguments["recipient"].tp, report.arguments["recipient"].fp) == (1, 1)
    assert (report.status_scored, report.status_right) == (1, 0)
    assert report.status_confusion[("completed", "planned")] == 1
    assert report.to_json()["status_accuracy"] == 0.0


def test_pairs_take_the_best_agreement_each_used_once(matcher):
    weak = predicted(4, recipient=["Iran"], items=["tungsten-copper plates"], confidence=0.3)
    strong = predicted(4, supplier=["LIMMT"], recipient=["Iran"], items=["tungsten-copper plates"], confidence=0.7)
    report = score(matcher, gold(LIMMT), [weak, strong])
    assert (report.transfers.tp, report.transfers.fp) == (1, 1)
    assert [f["confidence"] for f in report.false] == [0.3]


def test_a_transfer_on_a_policy_only_cable_is_a_policy_false_transfer(matcher):
    g = gold(policy_only=True)
    report = score(matcher, g, [predicted(1, supplier=["China"], items=["arms"]), action(1, "demarche", ["Post"])])
    assert (report.policy_documents, report.policy_false_transfers) == (1, 1)
    assert report.transfers.fp == 1
    report = score(matcher, gold(LIMMT), [predicted(1, supplier=["China"], items=["arms"])])
    assert (report.policy_documents, report.policy_false_transfers) == (0, 0)


def test_reliability_bands_count_the_real_ones(matcher):
    g = gold(LIMMT, gold_transfer(6, supplier=["Ukraine"], recipient=["Kenya"], items=["T-72 tanks"]))
    found = [
        predicted(4, supplier=["LIMMT"], items=["tungsten-copper plates"], confidence=0.9),  # real
        predicted(6, recipient=["Kenya"], items=["T-72 tanks"], confidence=0.65),  # real
        predicted(6, supplier=["Russia"], items=["rifles"], confidence=0.85),  # not
        predicted(3, supplier=["Iran"], items=["arms"], confidence=0.1),  # not
    ]
    bands = {b["confidence"]: b for b in score(matcher, g, found).to_json()["reliability"]}
    assert (bands["0.8-1.0"]["events"], bands["0.8-1.0"]["real"], bands["0.8-1.0"]["share_real"]) == (2, 1, 0.5)
    assert (bands["0.6-0.8"]["events"], bands["0.6-0.8"]["real"]) == (1, 1)
    assert (bands["0.0-0.2"]["events"], bands["0.0-0.2"]["real"]) == (1, 0)
    assert (bands["0.4-0.6"]["events"], bands["0.4-0.6"]["share_real"]) == (0, None)


def test_actions_match_by_paragraph_kind_and_actor(matcher):
    demarche = {"paragraph": 2, "paragraph_number": None, "evidence": "x", "kind": "demarche",
                "actor": ["Ambassador"], "counterpart": ["Liu Jieyi"], "date": None, "transfer": None}
    g = gold(actions=[demarche])
    assert score(matcher, g, [action(2, "demarche", ["Ambassador"])]).actions.tp == 1
    assert score(matcher, g, [action(2, "demarche", [], ["Liu Jieyi"])]).actions.tp == 1
    for wrong in (action(3, "demarche", ["Ambassador"]), action(2, "request", ["Ambassador"]),
                  action(2, "demarche", ["PolOff"], ["Li Song"])):
        report = score(matcher, g, [wrong])
        assert (report.actions.tp, report.actions.fp, report.actions.fn) == (0, 1, 1)
    # a gold action naming neither side matches any action of its paragraph and kind
    anonymous = dict(demarche, actor=[], counterpart=[])
    report = score(matcher, gold(actions=[anonymous]), [action(2, "demarche", ["PolOff"]), action(2, "demarche")])
    assert (report.actions.tp, report.actions.fp, report.actions.fn) == (1, 1, 0)


def test_a_gold_transfer_naming_no_party_is_matched_on_its_items(matcher):
    # a transfer told with its origin and destination but neither seller nor buyer
    no_party = gold_transfer(1, origin=["Italy"], destination=["Iran"], items=["fast boat"])
    assert score(matcher, gold(no_party), [predicted(1, items=["fast boat"])]).transfers.tp == 1
    assert score(matcher, gold(no_party), [predicted(1, items=["engines"])]).transfers.tp == 0
    # a gold transfer that names a party still needs one
    assert score(matcher, gold(LIMMT), [predicted(4, items=["tungsten-copper plates"])]).transfers.tp == 0


def dated(transfer: dict, date: str | None) -> dict:
    return dict(transfer, date=date)


def test_a_date_is_right_at_the_gold_precision_and_a_less_precise_one_is_wrong(matcher):
    found = predicted(4, supplier=["LIMMT"], recipient=["Iran"], items=["tungsten-copper plates"])
    for value, right in (("2007-09", True), ("2007-09-14", True), ("2007", False), ("2007-10", False),
                         ("2007-10-09", False), ("2006-09", False)):
        report = score(matcher, gold(dated(LIMMT, "2007-09")), [dated(found, value)])
        d = report.dates
        assert (d.tp, d.fp, d.fn, report.dates_wrong) == ((1, 0, 0, 0) if right else (0, 1, 1, 1)), value
    # a gold year is said by any date of that year
    assert score(matcher, gold(dated(LIMMT, "2005")), [dated(found, "2005-08")]).dates.tp == 1


def test_a_missing_date_is_missed_and_a_date_the_gold_lacks_is_false(matcher):
    found = predicted(4, supplier=["LIMMT"], items=["tungsten-copper plates"])
    missed = score(matcher, gold(dated(LIMMT, "2007-09")), [found])
    assert (missed.dates.tp, missed.dates.fp, missed.dates.fn, missed.dates_wrong) == (0, 0, 1, 0)
    false = score(matcher, gold(LIMMT), [dated(found, "2008-06-21")])
    assert (false.dates.tp, false.dates.fp, false.dates.fn) == (0, 1, 0)
    neither = score(matcher, gold(LIMMT), [found])
    assert (neither.dates.tp, neither.dates.fp, neither.dates.fn) == (0, 0, 0)
    assert [e["gold"] for e in missed.date_errors + false.date_errors] == ["2007-09", None]
    assert neither.date_errors == []


def test_dates_score_on_matched_transfers_only(matcher):
    # the predicted transfer is another one (other goods): its date is neither right nor false
    other = predicted(4, supplier=["LIMMT"], items=["centrifuges"])
    report = score(matcher, gold(dated(LIMMT, "2007-09")), [dated(other, "2007-09")])
    assert (report.dates.tp, report.dates.fp, report.dates.fn) == (0, 0, 0)
    figures = report.to_json()["date"]
    assert (figures["gold_dated"], figures["wrong"]) == (0, 0)


def test_a_window_agrees_when_both_ends_do():
    from prolifwatch.extract.score_events import date_agrees

    assert date_agrees("2007-11", "2007-11-24/2007-11-26")
    assert not date_agrees("2007-11", "2007-10-30/2007-11-02")
    assert date_agrees("2007-11-24/2007-11-26", "2007-11-24/2007-11-26")
    assert not date_agrees("2007-11-24/2007-11-26", "2007-11-24")
    assert not date_agrees("2008-1", "2008-10"), "a month is not the first digits of another"
    assert not date_agrees("2008-05", None)
