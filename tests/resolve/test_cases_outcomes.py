"""Cases with their outcomes, host counterparts, real parties and one pair per two parties
(resolve/cases_outcomes.py, cases_parties.py), on hand-written records."""
from __future__ import annotations

from prolifwatch.resolve.cases import ActionInput, TransferInput, build_cases, default_config
from prolifwatch.resolve.cases_parties import host_country
from tests.resolve.test_cases_fixtures import action, arg, transfer

CHINA = arg("country:CN", "China", "Country")
IRAN = arg("country:IR", "Iran", "Country")
DALIAN = arg("entity:dalian-north", "Dalian North Potassium Chlorate Works")
BROOJERDI = arg("entity:iran-broojerdi", "Iran Broojerdi", "Vessel")
OUR_SIDE = {"ambassador", "u.s.", "united states", "embassy", "post"}


def _build(transfers, actions=(), **kwargs):
    cases, counts = build_cases(transfers, actions, names={"country:CN": "China"}, our_side=OUR_SIDE, **kwargs)
    return cases, counts


def _shipment(document="08BEIJING3400", paragraph=1):
    return TransferInput(1, document, "2008-09-03", 0, transfer(
        "a Chinese-origin shipment of proliferation concern", paragraph=paragraph, date="2008-06",
        supplier=[DALIAN], recipient=[IRAN], origin=[CHINA], carrier=[BROOJERDI]))


def _answer(idx, text, kind, paragraph, **roles):
    return ActionInput(10 + idx, "08BEIJING3400", "2008-09-03", idx, None,
                       action(text, kind=kind, paragraph=paragraph, **roles))


def test_an_answer_that_concerns_the_shipment_joins_its_case_and_is_its_latest_state():
    promise = _answer(2, "Liu promised to have the proper authorities investigate this transaction.", "assurance", 2,
                      actor=[arg("person:liu", "Liu", "Person")])
    unrelated = _answer(3, "He said the weather was fine.", "response", 2)
    far = _answer(4, "Liu promised to investigate the shipment.", "assurance", 9)
    (case,), counts = _build([_shipment()], [promise, unrelated, far], hosts={"08BEIJING3400": "country:CN"})
    assert [a["idx"] for a in case.record["actions"]] == [2]
    assert case.record["state"]["state"] == "assurance"
    assert case.record["state"]["paragraph"] == 2 and case.record["state"]["document"] == "08BEIJING3400"
    assert counts["outcomes_attached"] == 1


def test_an_answer_to_the_cable_reporting_the_case_joins_it():
    request = TransferInput(1, "08STATE93558", "2008-09-02", 0, transfer(
        "Dalian North shipped cargo on the Iran Broojerdi.", paragraph=0, date="2008-06", supplier=[DALIAN],
        recipient=[IRAN], carrier=[BROOJERDI]))
    reply = TransferInput(2, "08BEIJING3400", "2008-09-03", 0, transfer(
        "a shipment that occurred in May and June", paragraph=1, date="2008-06", supplier=[CHINA],
        recipient=[IRAN], carrier=[BROOJERDI]))
    vague = _answer(5, "AFM Liu responded that China shares the same objective.", "response", 2)
    cases, _ = _build([request, reply], [vague], links=[("08BEIJING3400", "08STATE93558")],
                      answers=[("08BEIJING3400", "08STATE93558")])
    (case,) = [c for c in cases if 15 in c.event_pks]
    assert {"08STATE93558", "08BEIJING3400"} <= set(case.record["documents"])


def test_a_demarche_names_the_host_government_not_the_united_states():
    demarche = ActionInput(20, "08BEIJING3400", "2008-09-03", 1, 0, action(
        "The Ambassador expressed U.S. concern regarding the shipment.", kind="demarche", paragraph=1,
        actor=[arg("role:ambassador", "Ambassador", "Role")], counterpart=[arg("country:US", "U.S.", "Country")]))
    (case,), _ = _build([_shipment()], [demarche], hosts={"08BEIJING3400": "country:CN"})
    (shown,) = case.record["actions"]
    assert shown["counterpart"] == ["China"] and shown["extracted_counterpart"] == ["U.S."]


def test_the_host_is_the_posts_country_or_the_one_post_addressed():
    config = default_config()
    assert host_country("Embassy Beijing", [], config) == "country:CN"
    assert host_country("Consulate Sao Paulo", [], config) == "country:BR"
    assert host_country("Secretary of State", ["AMEMBASSY BEIJING"], config) == "country:CN"
    assert host_country("Secretary of State", ["AMEMBASSY BEIJING", "AMEMBASSY LONDON"], config) is None
    assert host_country("USUN New York", [], config) is None


def _dated(pk, document, date):
    return TransferInput(pk, document, "2008-09-30", 0, transfer(
        f"shipped ({date})", date=date, supplier=[DALIAN], recipient=[IRAN], carrier=[BROOJERDI]))


def test_a_month_and_a_day_inside_it_are_no_date_conflict():
    month, day, may = _dated(1, "08STATE1", "2008-08"), _dated(2, "08STATE2", "2008-08-21"), _dated(3, "08STATE3",
                                                                                                  "2008-05")
    (case,), _ = _build([month, day])
    assert case.record["conflicts"] == []
    (case,), _ = _build([month, day, may])
    (conflict,) = case.record["conflicts"]
    # two values that disagree: May, and August told as a month and as a day of it
    assert [v["name"] for v in conflict["values"]] == ["2008-05", "2008-08-21 (2008-08)"]
    assert [len(v["sources"]) for v in conflict["values"]] == [1, 2]


def test_redaction_marks_directives_and_offices_are_no_parties():
    grpo = TransferInput(1, "09STATE62397", "2009-06-11", 0, transfer(
        "GRPO can provide further background in NHCDs.", supplier=[arg("org:grpo", "GRPO")],
        recipient=[arg("org:nhcd", "National HUMINT Collection Directive")]))
    redacted = TransferInput(2, "07NEWDELHI1", "2007-11-20", 0, transfer(
        "XXXXXXXXXXXX sold graphite to Ward.", supplier=[arg("org:xxxxxxxxxxxx", "XXXXXXXXXXXX")],
        recipient=[arg("entity:ward", "Ward Commercial Company")]))
    cases, counts = _build([grpo, redacted], entities={"org:nhcd": ("National HUMINT Collection Directive",
                                                                    "Organization")})
    by_doc = {c.record["documents"][0]: c for c in cases}
    assert by_doc["09STATE62397"].record["has_parties"] is False
    assert {n["text"] for n in by_doc["09STATE62397"].record["not_parties"]} == {
        "GRPO", "National HUMINT Collection Directive"}
    assert by_doc["07NEWDELHI1"].title.startswith("? → Ward Commercial Company")
    assert counts["cases_without_parties"] == 1


def test_the_same_parties_in_reverse_order_are_one_case():
    pni, hds = arg("org:p-i", "P&I"), arg("entity:hafiz-darya-shipping", "HDS Lines")
    advise = TransferInput(1, "10STATE16219", "2010-02-23", 0, transfer(
        "advise P&I firms to refuse to provide coverage to HDS Lines", paragraph=5, supplier=[pni], recipient=[hds]))
    apply_for = TransferInput(2, "10STATE16219", "2010-02-23", 1, transfer(
        "an attempt by HDS Lines to apply for P&I coverage", paragraph=6, supplier=[hds], recipient=[pni]))
    cases, _ = _build([advise, apply_for])
    assert len(cases) == 1
    assert cases[0].title in ("P&I → HDS Lines", "HDS Lines → P&I")  # not "HDS Lines → HDS Lines"
