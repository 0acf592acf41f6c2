"""The events gold of the corpus (``tests/data/gold/events``): its format, and
the checks that keep a gold file honest about the document it describes (the
evidence is in the paragraph it names, the values are known words).  The
guideline is ``tests/data/gold/README.md``."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from ..model import Document

STATUSES = ("completed", "ongoing", "planned", "impending", "offered", "attempted", "blocked", "interdicted",
            "alleged", "denied")
HEDGING = ("reported", "claimed", "confirmed")
ACTION_KINDS = ("demarche", "request", "response", "assurance", "denial")
LIST_ROLES = ("supplier", "broker", "origin", "recipient", "end_user", "items", "via", "destination", "carrier")
ACTION_ROLES = ("actor", "counterpart")


def squeeze(text: str) -> str:
    """Text with runs of white space as one space: evidence may be copied with line breaks as spaces."""
    return " ".join(text.split())


def read_split(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def problems(gold: dict[str, Any], doc: Document) -> list[str]:
    """What is wrong with ``gold`` as a description of ``doc``: each problem a line naming the entry."""
    out = []
    if gold.get("id") != doc.id:
        out.append(f"id {gold.get('id')!r} is not the document's {doc.id!r}")
    paragraphs = {p.index: p for p in doc.paragraphs}
    transfers = gold.get("transfers", [])
    actions = gold.get("diplomatic_actions", [])
    if gold.get("policy_only") and transfers:
        out.append("policy_only is true but transfers are listed")
    for kind, entries, roles in (("transfer", transfers, LIST_ROLES), ("action", actions, ACTION_ROLES)):
        for n, entry in enumerate(entries):
            where = f"{kind} {n}"
            paragraph = paragraphs.get(entry.get("paragraph"))
            if paragraph is None:
                out.append(f"{where}: no paragraph {entry.get('paragraph')!r}")
                continue
            if entry.get("paragraph_number") != paragraph.number:
                out.append(f"{where}: paragraph {paragraph.index} is printed {paragraph.number!r}, "
                           f"not {entry.get('paragraph_number')!r}")
            evidence = squeeze(entry.get("evidence") or "")
            if not evidence or evidence not in squeeze(paragraph.text):
                out.append(f"{where}: evidence not found in paragraph {paragraph.index}: {evidence[:60]!r}")
            for role in roles:
                values = entry.get(role)
                if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                    out.append(f"{where}: {role} must be a list of non-empty strings")
                    continue
                for value in values:
                    if role != "items" and squeeze(value).lower() not in squeeze(doc_text(doc)).lower():
                        out.append(f"{where}: {role} {value!r} is not printed in the document")
            date = entry.get("date")
            if date is not None and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(date)):
                out.append(f"{where}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            if kind == "transfer":
                if entry.get("status") not in STATUSES:
                    out.append(f"{where}: status {entry.get('status')!r} is not one of {', '.join(STATUSES)}")
                if entry.get("hedging") not in (None, *HEDGING):
                    out.append(f"{where}: hedging {entry.get('hedging')!r} is not null or one of {', '.join(HEDGING)}")
                if not (entry.get("items") or entry.get("quantity")):
                    out.append(f"{where}: no items")
            else:
                if entry.get("kind") not in ACTION_KINDS:
                    out.append(f"{where}: kind {entry.get('kind')!r} is not one of {', '.join(ACTION_KINDS)}")
                link = entry.get("transfer")
                if link is not None and not (isinstance(link, int) and 0 <= link < len(transfers)):
                    out.append(f"{where}: transfer {link!r} is not an index of this file's transfers")
    return out


def doc_text(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs)
