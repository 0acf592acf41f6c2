"""Cases an analyst can trust, on the seeds and corpus (issue 20, item 3), read by hand.

* The Iran Broojerdi shipment (08STATE93558, Washington to Embassy Beijing: the
  cargo of potassium perchlorate from Dalian to Bandar Abbas in May-June 2008)
  and Embassy Beijing's reply 08BEIJING3400: ¶2 the Ambassador delivers the
  démarche to China; ¶3 "Liu ... promised to have the proper authorities
  investigate this transaction".  China's answer belongs to the case and is its
  latest state; the démarche's counterpart is China, not the United States.
* 09STATE62393/62395/62397 (reporting and collection needs) say "GRPO can
  provide further background ... in NHCDs": an intelligence office and a
  directive, no parties to a transfer.  "XXXXXXXXXXXX" is a redaction mark.
* 10STATE16219 (and its twin 10STATE16220) ¶6 "advise P&I firms ... to refuse to
  provide coverage to HDS Lines" and ¶7 "an attempt by HDS Lines to apply for P&I
  coverage": insurance cover is a service, not goods (the events gold guideline),
  so neither is a transfer, and no case reads the two parties both ways.
"""
from __future__ import annotations

import json
import re

import pytest

from prolifwatch.query.case_page import case_list
from prolifwatch.query.cases import get_case
from prolifwatch.query.context import Reader
from prolifwatch.store import open_store


@pytest.fixture(scope="module")
def store(corpus_db):
    s = open_store(corpus_db)
    yield s
    s.close()


def _case_of(corpus_sql, document: str, evidence: str) -> str:
    rows = corpus_sql.execute(
        "SELECT ce.case_id, json_extract(e.record, '$.evidence.text') FROM events e JOIN documents d ON d.pk = e.pk"
        " JOIN case_events ce ON ce.event_pk = e.event_pk WHERE d.id = ? AND e.type = 'transfer'", (document,))
    found = {case for case, text in rows if evidence in " ".join(text.split())}
    assert len(found) == 1, f"{document}: {evidence!r} in cases {found}"
    return found.pop()


def _broojerdi(corpus_sql, store) -> dict:
    case = get_case(store, _case_of(corpus_sql, "08STATE93558", "Iran Broojerdi"))
    assert {"08STATE93558", "08BEIJING3400"} <= {d["id"] for d in case["documents"]}
    return case


def test_chinas_answer_belongs_to_the_broojerdi_case_and_is_its_latest_state(corpus_sql, store):
    case = _broojerdi(corpus_sql, store)
    answers = [a for a in case["actions"]
               if a["document"] == "08BEIJING3400" and (a["paragraph_number"] or "").rstrip(".") == "¶3"]
    assert answers and all(a["kind"] in ("response", "assurance", "denial") for a in answers)
    promises = [e for e in _events_of(corpus_sql, "08BEIJING3400") if "promised to have the proper authorities" in e]
    assert all(any(p.startswith(a["evidence"][:60]) or a["evidence"] in p for a in answers) for p in promises)
    state = case["state"]
    assert state["document"] == "08BEIJING3400" and (state["paragraph_number"] or "").rstrip(".") == "¶3"
    assert state["state"] in ("assurance", "response")


def _events_of(corpus_sql, document: str) -> list[str]:
    """The evidence of the diplomatic actions extraction found in ``document``."""
    return [" ".join(text.split()) for (text,) in corpus_sql.execute(
        "SELECT json_extract(e.record, '$.evidence.text') FROM live_events e JOIN documents d ON d.pk = e.pk"
        " WHERE d.id = ? AND e.type = 'diplomatic_action'", (document,))]


def test_demarches_name_the_host_government_as_counterpart(corpus_sql, store):
    case = _broojerdi(corpus_sql, store)
    demarches = [a for a in case["actions"] if a["kind"] == "demarche"]
    assert demarches
    for demarche in demarches:  # Embassy Beijing's, and Washington's to Embassy Beijing
        assert demarche["counterpart"] == ["China"], demarche
        assert "United States" not in demarche["counterpart"]


def test_a_month_and_a_day_inside_it_are_no_date_conflict(store):
    for summary in _all_cases(store):
        if "date" not in summary.conflicts:
            continue
        case = get_case(store, summary.id)
        (conflict,) = [c for c in case["conflicts"] if c["role"] == "date"]
        for a in conflict["values"]:
            for b in conflict["values"]:
                if a is not b and len(a["value"]) == 7:
                    assert not b["value"].startswith(a["value"]), (summary.id, a["value"], b["value"])


def test_listed_cases_have_real_parties(store):
    not_parties = re.compile(r"(?i)\bx{4,}\b|\bGRPO\b|\bdirective\b|\bHUMINT\b")
    for summary in _all_cases(store):
        case = get_case(store, summary.id)
        for role in ("supplier", "recipient", "end_user"):
            for entry in case["roles"].get(role, []):
                assert not not_parties.search(entry["name"]), (summary.id, summary.title)
        assert not not_parties.search(summary.title.split(":")[0]), summary.title


def test_the_grpo_tasking_cables_make_no_listed_case(corpus_sql, store):
    listed = {c.id for c in _all_cases(store)}
    cases = {case for (case,) in corpus_sql.execute(
        "SELECT ce.case_id FROM events e JOIN documents d ON d.pk = e.pk JOIN case_events ce"
        " ON ce.event_pk = e.event_pk WHERE d.id IN ('09STATE62393', '09STATE62395', '09STATE62397')"
        " AND e.type = 'transfer' AND json_extract(e.record, '$.evidence.text') LIKE '%GRPO%'")}
    assert not cases & listed


def test_insurance_cover_is_no_transfer_and_no_case_reads_its_parties_both_ways(corpus_sql, store):
    rows = corpus_sql.execute(
        "SELECT json_extract(e.record, '$.evidence.text') FROM events e JOIN documents d ON d.pk = e.pk"
        " WHERE d.id = '10STATE16219' AND e.type = 'transfer'")
    told = [" ".join(text.split()) for (text,) in rows]
    assert not [t for t in told if "advise P&I firms" in t or "to apply for P&I coverage" in t]
    titles = [c.title for c in _all_cases(store)]
    pairs = {tuple(t.split(":")[0].split(" → ")) for t in titles if " → " in t}
    reversed_twice = {p for p in pairs if len(p) == 2 and "?" not in p and p[0] != p[1] and (p[1], p[0]) in pairs}
    assert not {p for p in reversed_twice if "P&I" in " ".join(p)}


def _all_cases(store):
    return case_list(Reader(store), limit=None).cases
