"""Threads: a request cable and the cables that answer it (links of kind ``answers``).

Defined conservatively.  Cable S *answers* cable R when

1. S cites R (R is in its REF block) and R is in the store;
2. S and R come from different stations (a post answers Washington, or
   Washington answers a post; a post's follow-up to its own cable is not an
   answer);
3. R asks for something: a request cue ("ACTION REQUEST", "DEMARCHE",
   "post should" ...) in its subject or opening paragraphs; and
4. S reports the delivery or the reply -- a reply cue ("DEMARCHE DELIVERED",
   "delivered reftel demarche", "drawing on reftel points", "response to"
   ...) in its subject or opening paragraphs (score 1.0) -- or S's subject
   shares most of its words with R's and S asks for nothing itself (score 0.7);
5. R does not itself report a reply (a "DEMARCHE RESPONSE" cable says
   "demarche" but asks for nothing).

Cues are data (``data/links_threads.yaml``).  A thread is the set of cables
joined by ``answers`` links; ``order_thread`` lists it by date, requests
before their answers when dates are missing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any


from ..cable.ids import station_of
from ..datafiles import data_yaml
from .links import ANSWERS, DocumentInfo, DocumentLink

__all__ = ["answer_links", "order_thread", "ThreadNode", "request_cue", "reply_cue"]

_WORDS = re.compile(r"[A-Za-z]{3,}")
_SUBJECT_STOP = frozenset({"the", "and", "for", "with", "from", "its", "on", "of", "to", "in"})


@cache
def _settings() -> dict[str, Any]:
    conf = data_yaml(__package__, "links_threads.yaml")
    conf["request"] = [re.compile(p, re.I) for p in conf["request_cues"]]
    conf["reply"] = [re.compile(p, re.I) for p in conf["reply_cues"]]
    return conf


def _opening(doc: DocumentInfo) -> list[tuple[int | None, int, str]]:
    """(paragraph, offset, text) of the subject and the first paragraphs."""
    parts: list[tuple[int | None, int, str]] = []
    subject = doc.record.get("subject") or doc.title or ""
    if subject:
        parts.append((None, -1, subject))
    for idx, start, end in doc.paragraphs[: _settings()["opening_paragraphs"]]:
        parts.append((idx, start, doc.body[start:end]))
    return parts


def _find_cue(doc: DocumentInfo, patterns: list[re.Pattern]) -> dict[str, Any] | None:
    for paragraph, offset, text in _opening(doc):
        flat = " ".join(text.split())
        for pattern in patterns:
            m = pattern.search(flat)
            if m:
                where = "subject" if offset < 0 else "paragraph"
                return {"in": where, "paragraph": paragraph, "cue": m[0], "text": _clip(flat, m.start(), m.end())}
    return None


def _clip(text: str, start: int, end: int, width: int = 160) -> str:
    left = max(0, start - width // 2)
    return ("…" if left else "") + text[left : end + width // 2] + ("…" if end + width // 2 < len(text) else "")


def request_cue(doc: DocumentInfo) -> dict[str, Any] | None:
    """Where ``doc`` asks for something, or None."""
    return _find_cue(doc, _settings()["request"])


def reply_cue(doc: DocumentInfo) -> dict[str, Any] | None:
    """Where ``doc`` reports delivering or answering what it cites, or None."""
    return _find_cue(doc, _settings()["reply"])


def _subject_words(doc: DocumentInfo) -> set[str]:
    subject = doc.record.get("subject") or doc.title or ""
    return {w.lower() for w in _WORDS.findall(subject)} - _SUBJECT_STOP


def _subject_overlap(a: DocumentInfo, b: DocumentInfo) -> float:
    wa, wb = _subject_words(a), _subject_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def answer_links(cables: dict[str, DocumentInfo], cites: list[DocumentLink]) -> list[DocumentLink]:
    """``answers`` links among stored cables, from their ``cites`` links."""
    conf = _settings()
    links = []
    for cite in cites:
        src, dst = cables.get(cite.src), cables.get(cite.dst)
        if src is None or dst is None or station_of(src.id) == station_of(dst.id):
            continue
        # A cable that reports a reply ("DEMARCHE RESPONSE: ...") is no request, even if it says "demarche".
        request = request_cue(dst)
        if request is None or reply_cue(dst) is not None:
            continue
        reply = reply_cue(src)
        overlap = _subject_overlap(src, dst)
        if reply is not None:
            score = conf["score_both_cues"]
        elif overlap >= conf["subject_overlap"] and request_cue(src) is None:
            score = conf["score_subject_overlap"]
        else:
            continue
        evidence = {"reference": cite.evidence.get("reference"), "reply": reply, "request": request,
                    "subject_overlap": round(overlap, 2)}
        links.append(DocumentLink(src.id, dst.id, ANSWERS, score, evidence))
    return links


@dataclass(frozen=True)
class ThreadNode:
    id: str
    date: str | None


def order_thread(nodes: list[ThreadNode], answers: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Thread members in date order, each with its depth (0 for a request that answers nothing).

    ``answers`` are (answering id, answered id) pairs.  A cable without a date
    sorts by the year of its id and after what it answers.
    """
    answered_by: dict[str, str] = {}
    for src, dst in answers:
        answered_by.setdefault(src, dst)

    def depth(node_id: str) -> int:
        seen, d = {node_id}, 0
        while node_id in answered_by and answered_by[node_id] not in seen:
            node_id = answered_by[node_id]
            seen.add(node_id)
            d += 1
        return d

    def when(node: ThreadNode) -> str:
        if node.date:
            return node.date
        m = re.match(r"(\d\d)", node.id)
        if not m:
            return ""
        yy = int(m[1])
        return str(1900 + yy if yy > 50 else 2000 + yy)

    ordered = sorted(nodes, key=lambda n: (when(n)[:4], depth(n.id), when(n), n.id))
    return [{"id": n.id, "date": n.date, "depth": depth(n.id), "answers": answered_by.get(n.id)} for n in ordered]
