"""The record of one case: merged arguments with their sources, statuses in
date order, related diplomatic actions, and conflicts kept side by side.

Nothing is overwritten: every value any source gives stays in the record
with the documents that give it.  A *conflict* is a role where two documents
give values that cannot both be right (no value in common): another carrier,
another quantity, contradictory statuses, dates that do not overlap.  Values
from one document never conflict with each other (a cable may well name two
containers or two legs); a country and a company on the same side are not
compared (LIMMT *is* Chinese), so party roles are compared at one level of
detail at a time.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..extract.event import TRANSFER_ROLES
from .cases_dates import parse_interval, sort_key
from .cases_outcomes import latest_state

if TYPE_CHECKING:  # the input types live with the clustering
    from .cases import ActionInput, TransferInput

ROLES = TRANSFER_ROLES


def argument_value(argument: Mapping[str, Any]) -> str:
    """The value an argument stands for: its entity id, else its normalised text."""
    key = argument.get("key")
    if key:
        return str(key)
    return "text:" + " ".join(str(argument.get("text", "")).lower().split())



def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _source(t: "TransferInput") -> dict[str, Any]:
    evidence = t.record.get("evidence") or {}
    return {"document": t.document, "idx": t.idx, "paragraph": evidence.get("paragraph"),
            "evidence": _clean(evidence.get("text", ""))}


def _ordered(transfers: Sequence["TransferInput"]) -> list["TransferInput"]:
    return sorted(transfers, key=lambda t: (sort_key(t.record.get("date"), t.document_date), t.document, t.idx))


def _roles(transfers: Sequence["TransferInput"], names: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Per role, each value once, with its display name, surface forms and sources."""
    roles: dict[str, list[dict[str, Any]]] = {}
    # One source dict per transfer, shared by the entries that cite it (records are only read and serialised).
    sourced = [(t, _source(t)) for t in transfers]
    for role in ROLES:
        entries: dict[str, dict[str, Any]] = {}
        texts: dict[str, Counter] = defaultdict(Counter)
        for t, source in sourced:
            for argument in t.record.get(role) or []:
                value = argument_value(argument)
                texts[value][_clean(argument.get("text", ""))] += 1
                entry = entries.setdefault(value, {"value": value, "sources": []})
                if source not in entry["sources"]:
                    entry["sources"].append(source)
        for value, entry in entries.items():
            entry["texts"] = [text for text, _ in texts[value].most_common()]
            entry["name"] = names.get(value) or entry["texts"][0]
        if entries:
            roles[role] = sorted(entries.values(), key=lambda e: (-len(e["sources"]), e["value"]))
    return roles


def _is_weak(value: str, config: Mapping[str, Any]) -> bool:
    return value.startswith(tuple(config["weak_prefixes"])) or value in config["generic_items"]


def _disjoint_documents(per_document: Mapping[str, set[str]]) -> bool:
    filled = [values for values in per_document.values() if values]
    return any(not a & b for a, b in combinations(filled, 2))


def _role_conflicts(roles: Mapping[str, list[dict[str, Any]]], config: Mapping[str, Any]) -> list[dict[str, Any]]:
    conflicts = []
    for role in config["conflict_roles"]:
        for weak in (False, True):  # countries with countries, companies with companies
            entries = [e for e in roles.get(role, []) if _is_weak(e["value"], config) == weak]
            per_document: dict[str, set[str]] = defaultdict(set)
            for entry in entries:
                for source in entry["sources"]:
                    per_document[source["document"]].add(entry["value"])
            if len(per_document) > 1 and _disjoint_documents(per_document):
                conflicts.append({"role": role, "values": [
                    {"value": e["value"], "name": e["name"], "sources": e["sources"]} for e in entries]})
    return conflicts


def _status_conflict(statuses: list[dict[str, Any]], config: Mapping[str, Any]) -> dict[str, Any] | None:
    contradictions = {frozenset(pair) for pair in config["status_contradictions"]}
    by_document: dict[str, set[str]] = defaultdict(set)
    for s in statuses:
        by_document[s["document"]].add(s["status"])
    clash = any(
        frozenset((x, y)) in contradictions
        for (da, a), (db, b) in combinations(by_document.items(), 2) for x in a for y in b
    )
    if not clash:
        return None
    values: dict[str, list] = defaultdict(list)
    for s in statuses:
        values[s["status"]].append({k: s[k] for k in ("document", "idx", "date")})
    return {"role": "status", "values": [{"value": v, "name": v, "sources": src} for v, src in values.items()]}


def _date_conflict(dated: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Documents giving the same status on dates that do not overlap ("delivered in May" / "in
    August").  Different statuses have different dates by nature (planned in May, seized in June).
    A month and a day inside it ("2008-08", "2008-08-21") agree: overlapping dates are listed as
    one value, named by the finest ("2008-08-21 (2008-08)"), so the conflict shows only dates
    that disagree."""
    by_status_document: dict[tuple, list] = defaultdict(list)
    for d in dated:
        by_status_document[(d["status"], d["document"])].append(parse_interval(d["date"]))
    clash = any(
        sa == sb and all(x.gap_days(y) > 0 for x in a for y in b)
        for ((sa, _), a), ((sb, _), b) in combinations(by_status_document.items(), 2)
    )
    if not clash:
        return None
    groups: list[list[dict[str, Any]]] = []      # dates joined by overlapping, one value each
    for d in sorted(dated, key=lambda d: parse_interval(d["date"]).first):
        interval = parse_interval(d["date"])
        if groups and any(interval.gap_days(parse_interval(o["date"])) == 0 for o in groups[-1]):
            groups[-1].append(d)
        else:
            groups.append([d])
    values = []
    for group in groups:
        finest = min(group, key=lambda d: (parse_interval(d["date"]).last - parse_interval(d["date"]).first,
                                           d["date"]))["date"]
        others = sorted({d["date"] for d in group} - {finest})
        values.append({"value": finest, "name": finest + (f" ({', '.join(others)})" if others else ""),
                       "sources": [{"document": d["document"], "idx": d["idx"]} for d in group]})
    return {"role": "date", "values": values}


def _top_name(roles: Mapping[str, list[dict[str, Any]]], *role_names: str, count: int = 1, unlike: str = "") -> str:
    """The names of the commonest values of the first role that has any; ``unlike``: a name to pass
    over when the role has another (a pair read in both directions is titled once each way round)."""
    for role in role_names:
        if roles.get(role):
            entries = [e for e in roles[role] if e["name"] != unlike] or roles[role]
            return ", ".join(e["name"] for e in entries[:count])
    return ""


def title_of(roles: Mapping[str, list[dict[str, Any]]], first_document: str) -> str:
    """E.g. "North Korea → Iran: jet vanes via Beijing (Iran Air)"."""
    supplier = _top_name(roles, "supplier", "origin")
    recipient = _top_name(roles, "recipient", "end_user", "destination", unlike=supplier)
    items = _top_name(roles, "items", count=2)
    parties = " → ".join(p for p in (supplier or "?", recipient or "?")) if supplier or recipient else ""
    title = ": ".join(p for p in (parties, items) if p) or f"Transfer reported in {first_document}"
    via = _top_name(roles, "via")
    if via:
        title += f" via {via}"
    carrier = _top_name(roles, "carrier")
    if carrier:
        title += f" ({carrier})"
    return title


def _action(a: "ActionInput", names: Mapping[str, str]) -> dict[str, Any]:
    evidence = a.record.get("evidence") or {}
    return {
        "event_pk": a.event_pk, "document": a.document, "document_date": a.document_date, "idx": a.idx,
        "kind": a.record.get("kind"), "date": a.record.get("date"), "transfer": a.transfer,
        "actor": [names.get(argument_value(x)) or _clean(x.get("text", "")) for x in a.record.get("actor") or []],
        "counterpart": [names.get(argument_value(x)) or _clean(x.get("text", "")) for x in a.record.get("counterpart") or []],
        # the host government replaced what the sentence named (cases_outcomes.with_host_counterpart)
        "extracted_counterpart": [_clean(x.get("text", "")) for x in a.record.get("extracted_counterpart") or []],
        "outcome": a.transfer is None,
        "paragraph": evidence.get("paragraph"), "evidence": _clean(evidence.get("text", "")),
    }


def _date_range(values: list[str | None], fallback: list[str | None]) -> tuple[str | None, str | None]:
    intervals = [(parse_interval(v), v) for v in values if v]
    intervals = [(i, v) for i, v in intervals if i is not None]
    if not intervals:
        days = sorted(d[:10] for d in fallback if d)
        return (days[0], days[-1]) if days else (None, None)
    # a coarse date that contains a finer one ("2007" and "2007-11-04") says less: keep the finer
    intervals = [(i, v) for i, v in intervals
                 if not any(o != i and i.start <= o.start and o.end <= i.end for o, _ in intervals)] or intervals
    first = min(intervals, key=lambda p: p[0].start)[1].split("/")[0]
    last = max(intervals, key=lambda p: p[0].end)[1].split("/")[-1]
    return first, last


def build_record(transfers: Sequence["TransferInput"], actions: Sequence["ActionInput"],
                 names: Mapping[str, str], config: Mapping[str, Any]) -> dict[str, Any]:
    ordered = _ordered(transfers)
    status_rank = {s: i for i, s in enumerate(config["status_order"])}
    rows = [{
        "event_pk": t.event_pk, "document": t.document, "document_date": t.document_date, "idx": t.idx,
        "date": t.record.get("date"), "status": t.record.get("status"), **_source(t),
    } for t in ordered]
    documents = list(dict.fromkeys(r["document"] for r in rows))
    roles = _roles(ordered, names)
    statuses = sorted(
        ({"status": r["status"], "date": r["date"] or (r["document_date"] or "")[:10] or None,
          "document": r["document"], "idx": r["idx"], "paragraph": r["paragraph"], "evidence": r["evidence"]}
         for r in rows if r["status"]),
        key=lambda s: (sort_key(s["date"], None), status_rank.get(s["status"], len(status_rank))),
    )
    dated = [{"date": r["date"], "status": r["status"], "document": r["document"], "idx": r["idx"]}
             for r in rows if parse_interval(r["date"])]
    conflicts = _role_conflicts(roles, config)
    conflicts += [c for c in (_status_conflict(statuses, config), _date_conflict(dated)) if c]
    related = sorted((_action(a, names) for a in actions),
                     key=lambda a: (sort_key(a["date"], a["document_date"]), a["document"], a["idx"]))
    first_date, last_date = _date_range([r["date"] for r in rows] + [a["date"] for a in related],
                                        [r["document_date"] for r in rows])
    return {
        "title": title_of(roles, documents[0]),
        "first_date": first_date,
        "last_date": last_date,
        "documents": documents,
        "transfers": rows,
        "roles": roles,
        "statuses": statuses,
        "conflicts": conflicts,
        "actions": related,
        "state": latest_state(statuses, related, config),
        # a case needs real parties: without one (and without a carrier) it is not listed
        "has_parties": any(roles.get(r) for r in ("supplier", "recipient", "end_user", "carrier")),
        "not_parties": [dict(n, document=t.document, idx=t.idx) for t in ordered
                        for n in t.record.get("not_parties") or []],
    }
