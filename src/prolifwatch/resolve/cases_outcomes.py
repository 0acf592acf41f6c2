"""What became of a case: the governments' answers, the host of a démarche, the latest state.

* **Outcomes.**  An answer (a response, assurance or denial: ``outcomes.kinds``)
  rarely names the shipment it answers; it follows the paragraph that does.  An
  outcome pointing at no transfer joins the case of a transfer of its own
  document at most ``max_paragraphs`` before it (else after it) when it
  concerns that case: the document it answers (document_links 'answers')
  reports the case too, or the outcome names one of the case's specific
  parties, items or places, or a country of the case (its speaker, when not
  our side, speaks for the host government) while speaking of the shipment.
  08BEIJING3400 ¶3 ("Liu ... promised to have the proper authorities
  investigate") answers ¶2's démarche about the Iran Broojerdi shipment, which
  08STATE93558, the cable it answers, reports.
* **Host counterpart.**  A démarche is delivered to the host government
  (``cases_parties.host_country``), whatever the sentence's object ("conveyed
  the United States' grave concern" names no counterpart).
* **Latest state.**  The latest of a case's statuses and outcomes, with its source.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .cases_dates import sort_key


def is_our_side(argument: Mapping[str, Any], our_side: set[str]) -> bool:
    """Our own side: "U.S.", "Washington", "Embassy Beijing", "Post" (the words of extract/data/actions.yaml)."""
    text = " ".join(str(argument.get("text", "")).split()).casefold()
    return text in our_side or text.split(" ", 1)[0] in our_side


def paragraph_of(record: Mapping[str, Any]) -> int | None:
    return (record.get("evidence") or {}).get("paragraph")


def _argument_values(record: Mapping[str, Any], value_of) -> set[str]:
    return {value_of(a) for value in record.values() if isinstance(value, list)
            for a in value if isinstance(a, dict) and ("key" in a or "text" in a)}


def _speaks_of_shipment(record: Mapping[str, Any], words: Sequence[str]) -> bool:
    text = " ".join(str((record.get("evidence") or {}).get("text", "")).split()).casefold()
    return any(re.search(r"\b" + re.escape(w), text) for w in words)


def outcome_values(action: Any, host: str | None, our_side: set[str], value_of) -> set[str]:
    """What an outcome names: its arguments, and the host government when its speaker is not our side."""
    values = _argument_values(action.record, value_of)
    if host and not any(is_our_side(a, our_side) for a in action.record.get("actor") or []):
        values.add(host)
    return values


def attach_outcomes(actions: Iterable[Any], transfer_roots: Mapping[tuple[str, int], int],
                    transfer_paragraphs: Mapping[tuple[str, int], int | None],
                    answers: Iterable[tuple[str, str]], config: Mapping[str, Any], *,
                    case_values: Mapping[int, set[str]], named: Mapping[int, set[str]],
                    is_weak) -> dict[int, list[Any]]:
    """Case root -> the outcome actions (pointing at no transfer) that concern it.

    ``transfer_roots`` maps (document, idx) of every transfer to its case root;
    ``answers`` are (reply document, request document) pairs; ``case_values`` the
    values each case's transfers name, ``named`` those each action names (by event_pk);
    ``is_weak(value)`` tells a country or programme from a specific value."""
    rules = config["outcomes"]
    kinds, reach, words = set(rules["kinds"]), rules["max_paragraphs"], rules["shipment_words"]
    in_document: dict[str, list[tuple[int, int]]] = defaultdict(list)   # document -> (paragraph, root)
    for (document, idx), root in transfer_roots.items():
        paragraph = transfer_paragraphs.get((document, idx))
        if paragraph is not None:
            in_document[document].append((paragraph, root))
    answered_roots: dict[str, set[int]] = defaultdict(set)               # reply -> roots its requests report
    for reply, request in answers:
        answered_roots[reply].update(root for _, root in in_document.get(request, ()))
    attached: dict[int, list[Any]] = defaultdict(list)
    for action in actions:
        if action.transfer is not None or action.record.get("kind") not in kinds:
            continue
        paragraph = paragraph_of(action.record)
        near = [(abs(paragraph - p), p > paragraph, root) for p, root in in_document.get(action.document, ())
                if paragraph is not None and abs(paragraph - p) <= reach]
        if not near:
            continue
        answered = [n for n in near if n[2] in answered_roots.get(action.document, ())]
        about_shipment = _speaks_of_shipment(action.record, words)

        def concerns(root: int) -> bool:
            shared = case_values.get(root, set()) & named.get(action.event_pk, set())
            return any(not is_weak(v) for v in shared) or bool(shared and about_shipment)

        concerned = answered or [n for n in near if concerns(n[2])]
        if concerned:
            attached[min(concerned)[2]].append(action)
    return attached


def with_host_counterpart(record: dict[str, Any], host: str | None, host_name: str | None,
                          our_side: set[str], config: Mapping[str, Any]) -> dict[str, Any]:
    """The action with the host government as counterpart where the rules say so; the counterpart
    the sentence gave stays as ``extracted_counterpart`` when it differs."""
    if not host:
        return record
    kind = record.get("kind")
    extracted = record.get("counterpart") or []
    ours = all(is_our_side(a, our_side) for a in extracted)
    if kind in config["host_counterpart_kinds"] or (kind in config["host_when_our_side_kinds"] and ours):
        if [a.get("key") for a in extracted] != [host]:
            record["extracted_counterpart"] = extracted
            record["counterpart"] = [{"text": host_name or host, "key": host, "type": "Country", "host": True}]
    return record


def latest_state(statuses: Sequence[Mapping[str, Any]], actions: Sequence[Mapping[str, Any]],
                 config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The latest status or outcome of a case, with its source (document, paragraph, evidence)."""
    order = {s: i for i, s in enumerate(config["state_order"])}
    outcome_kinds = set(config["outcomes"]["kinds"])
    candidates = [{"state": s["status"], "date": s["date"], "document": s["document"], "idx": s["idx"],
                   "paragraph": s.get("paragraph"), "evidence": s.get("evidence", ""), "by": []}
                  for s in statuses]
    candidates += [{"state": a["kind"], "date": a["date"] or (a["document_date"] or "")[:10] or None,
                    "document": a["document"], "idx": a["idx"], "paragraph": a["paragraph"],
                    "evidence": a["evidence"], "by": a["actor"]}
                   for a in actions if a["kind"] in outcome_kinds]
    if not candidates:
        return None
    # an undated one ("0000") is the earliest: it cannot be shown to come last
    return max(candidates, key=lambda c: (sort_key(c["date"], "0000"), order.get(c["state"], -1),
                                          c["document"], c["idx"]))
