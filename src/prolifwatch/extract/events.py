"""Events in sentences: transfers of goods and the diplomatic actions around
them, each argument a mention of the sentence, each event with its evidence.

The finders are rules over the mentions of one sentence and cue words kept in
``data/events.yaml``: a trigger word opens an event, the words just before a
mention give its role ("via Beijing" -> via), and status and hedging come
from the first cue list that matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..knowledge import KnowledgeBase
from ..model import Document
from .components import Passage
from .dates import anchor_date, find_dates
from .mention import Mention
from .text import sentences

DATA = resources.files(__package__) / "data"
PARTIES = ("Country", "Organization", "GovernmentBody", "Person")


@dataclass(frozen=True)
class Argument:
    text: str
    key: str | None
    type: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "key": self.key, "type": self.type}


@dataclass
class Evidence:
    paragraph: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Event:
    type: str  # transfer | diplomatic_action
    evidence: Evidence
    arguments: dict[str, list[Argument]] = field(default_factory=dict)
    status: str | None = None
    hedging: str | None = None
    kind: str | None = None  # for diplomatic actions
    date: str | None = None
    date_precision: str | None = None
    transfer: int | None = None  # index of the transfer a diplomatic action concerns
    confidence: float = 0.5

    def values(self, role: str) -> list[Argument]:
        return self.arguments.get(role, [])

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.kind:
            out["kind"] = self.kind
        for role, args in self.arguments.items():
            out[role] = [a.to_json() for a in args]
        out.update(
            status=self.status, hedging=self.hedging, date=self.date, date_precision=self.date_precision,
            evidence=self.evidence.to_json(), confidence=round(self.confidence, 2),
        )
        if self.type == "diplomatic_action":
            out["transfer"] = self.transfer
        return out


TRANSFER_ROLES = ("supplier", "recipient", "end_user", "items", "quantity", "origin", "via", "destination", "carrier")
ACTION_ROLES = ("actor", "counterpart")


class Cues:
    def __init__(self, data: dict[str, Any]):
        self.trigger = _words(data["transfer_triggers"])
        self.goods = _words(data["goods_words"])
        self.status = [(name, _words(words)) for name, words in data["status"].items()]
        self.hedging = [(name, _words(words)) for name, words in data["hedging"].items()]
        self.roles = {
            role: re.compile(r"(?:^|\W)(?:" + "|".join(map(_cue, words)) + r")\W+(?:(?:the|an?|its)\W+)?$", re.I)
            for role, words in data["roles"].items()
        }
        self.diplomatic = [(name, _words(words)) for name, words in data["diplomatic"].items()]
        self.actor_role = _words(data["actor_roles"], case_sensitive=True)


def _cue(word: str) -> str:
    return r"\s+".join(re.escape(w) for w in str(word).split())


def _words(words: list[str], *, case_sensitive: bool = False) -> re.Pattern:
    flags = 0 if case_sensitive else re.I
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(_cue_or_regex, words)) + r")(?![\w-])", flags)


def _cue_or_regex(word: str) -> str:
    return word if any(c in word for c in ".*") and " " in word else _cue(word)


@lru_cache(maxsize=1)
def cues() -> Cues:
    return Cues(yaml.safe_load((DATA / "events.yaml").read_text(encoding="utf-8")))


def find_events(doc: Document, passages: list[Passage], mentions: list[Mention], kb: KnowledgeBase) -> list[Event]:
    anchor = anchor_date(getattr(doc, "created", None) or getattr(doc, "published", None))
    c = cues()
    events: list[Event] = []
    for p in passages:
        inside = [m for m in mentions if m.paragraph == p.index]
        if not inside:
            continue
        last_vessel: Mention | None = None
        for s, e in sentences(p.text):
            sentence = p.text[s:e]
            ms = [m for m in inside if p.start + s <= m.start and m.end <= p.start + e]
            if not ms:  # every argument is a mention: a sentence with none has no event
                continue
            vessels = [m for m in ms if m.type in ("Vessel", "Flight")]
            evidence = Evidence(p.index, p.start + s, p.start + e, sentence)
            dates = _LazyDates(sentence, anchor)
            transfer = _transfer(sentence, p.start + s, ms, c, kb, evidence, dates,
                                 last_vessel if _THIS_VESSEL.search(sentence) else None)
            if transfer:
                events.append(transfer)
            action = _action(sentence, p.start + s, ms, c, evidence, dates)
            if action:
                action.transfer = _related_transfer(events, p.index)
                events.append(action)
            if vessels:
                last_vessel = vessels[-1]
    return events


_THIS_VESSEL = re.compile(r"\b(?:this|the)\s+(?:vessel|ship)\b", re.I)


class _LazyDates:
    """Dates of a sentence, looked for only when an event needs one."""

    def __init__(self, sentence: str, anchor):
        self.sentence, self.anchor, self._found = sentence, anchor, None

    def __iter__(self):
        if self._found is None:
            self._found = find_dates(self.sentence, self.anchor)
        return iter(self._found)


def _related_transfer(events: list[Event], paragraph: int) -> int | None:
    for i in range(len(events) - 1, -1, -1):
        if events[i].type == "transfer" and events[i].evidence.paragraph == paragraph:
            return i
    return None


def _arg(m: Mention, text: str | None = None) -> Argument:
    return Argument(text or m.text, m.key, m.type)


def _first(patterns: list[tuple[str, re.Pattern]], sentence: str) -> str | None:
    return next((name for name, pattern in patterns if pattern.search(sentence)), None)


def _date(dates) -> tuple[str | None, str | None]:
    """The event's date: the first in the sentence that is not a document's own ("a cable dated Nov. 3")."""
    for d in dates:
        if not re.search(r"\bdated\W*$", dates.sentence[: d.start]):
            return d.value, d.precision
    return None, None


def _transfer(sentence, offset, ms, c: Cues, kb, evidence, dates, carried_vessel) -> Event | None:
    trigger = c.trigger.search(sentence)
    if not trigger:
        return None
    items = [m for m in ms if m.type == "Item"]
    carriers = [m for m in ms if m.type in ("Vessel", "Flight")] or ([carried_vessel] if carried_vessel else [])
    if not items and not carriers and not c.goods.search(sentence):
        return None
    args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
    args["items"] = [_arg(m) for m in items]
    args["carrier"] = [_arg(m) for m in carriers]
    args["quantity"] = [_arg(m) for m in ms if m.type == "Quantity"]
    trigger_at = offset + trigger.start()
    possessor_at: int | None = None  # "for Iran's DIO": the cue before "Iran's" is DIO's
    for i, m in enumerate(ms):
        if m.type not in PARTIES + ("Place",):
            continue
        local = m.start - offset
        cue_at, possessor_at = (possessor_at if possessor_at is not None else local), None
        after = sentence[m.end - offset : m.end - offset + 12]
        if _is_possessor(after, ms[i + 1] if i + 1 < len(ms) else None, m):
            possessor_at = cue_at
            continue
        if _is_airline(m, after, kb):
            args["carrier"].append(_arg(m))
            continue
        role = _role(sentence[max(0, cue_at - 40) : cue_at], m, c)
        if role is None:
            firm = re.match(r"\s+(firms?|compan(?:y|ies)|entit(?:y|ies)|suppliers?)\b", after, re.I)
            if m.type == "Country" and firm:  # "Chinese firms" supply as a party of their own
                args["supplier"].append(Argument(sentence[local : m.end - offset + firm.end()], m.key, "Organization"))
                continue
            if m.type == "Country" and re.match(r"\s+(cargo|shipment|goods)", after, re.I):
                role = "origin"
            elif m.start < trigger_at and m.type in ("Country", "Organization") and _nearest_before(ms, m, trigger_at):
                role = "supplier"
            elif m.start > trigger_at and m.type in PARTIES and not sentence[trigger.end() : local].strip(" ,"):
                role = "recipient"
        if role:
            args[role].append(_arg(m))
    if not args["supplier"] and any(a.type == "Country" for a in args["origin"]):
        args["supplier"] = [a for a in args["origin"] if a.type == "Country"][:1]
    status = _first(c.status, sentence)
    date, precision = _date(dates)
    filled = sum(bool(args[r]) for r in ("supplier", "recipient", "items", "carrier", "via", "destination"))
    if filled < 2 and not items:
        return None
    return Event(
        "transfer", evidence, {r: _dedupe(v) for r, v in args.items()}, status=status or "alleged",
        hedging=_first(c.hedging, sentence), date=date, date_precision=precision,
        confidence=min(0.9, 0.4 + 0.1 * filled),
    )


def _nearest_before(ms: list[Mention], m: Mention, at: int) -> bool:
    """The subject of "China shipped": the party closest before the trigger, close to it."""
    between = [o for o in ms if m.end <= o.start < at and o.type in PARTIES]
    return not between and at - m.end <= 50


def _dedupe(args: list[Argument]) -> list[Argument]:
    seen, out = set(), []
    for a in args:
        if (a.key or a.text) not in seen:
            seen.add(a.key or a.text)
            out.append(a)
    return out


def _is_possessor(after: str, following: Mention | None, m: Mention) -> bool:
    """"Iran's" in "Iran's Defense Industries Organization" qualifies the party after it."""
    if following is None or following.type not in PARTIES or following.start - m.end > 3:
        return False
    return bool(re.fullmatch(r"(?:'s|’s|s)?\s*", after[: following.start - m.end]))


def _is_airline(m: Mention, after: str, kb: KnowledgeBase) -> bool:
    if m.type != "Organization":
        return False
    entity = kb.entity_by_id.get((m.key or "").removeprefix("entity:"))
    return bool(entity and entity.attributes.get("kind") == "airline") or bool(re.match(r"\s+flights?\b", after, re.I))


def _role(before: str, m: Mention, c: Cues) -> str | None:
    for role, pattern in c.roles.items():
        if pattern.search(before):
            if role == "origin" and m.type not in ("Place", "Country") and re.search(r"\bfrom\W+(?:the\W+|an?\W+)?$", before, re.I):
                return "supplier"
            if role == "destination" and m.type in ("Country", "Organization", "GovernmentBody"):
                return "recipient"
            if role == "end_user" and m.type == "Country":
                return "recipient"
            if role == "end_user" and m.type == "Place":
                return "destination"
            return role
    return None


def _action(sentence, offset, ms, c: Cues, evidence, dates) -> Event | None:
    kind = None
    trigger = None
    for name, pattern in c.diplomatic:
        trigger = pattern.search(sentence)
        if trigger:
            kind = name
            break
    if not kind:
        return None
    parties = [m for m in ms if m.type in ("Person", "Country", "GovernmentBody")]
    roles = [
        Mention("Role", r.group(), offset + r.start(), offset + r.end(), key="role:" + r.group().lower())
        for r in c.actor_role.finditer(sentence)
    ]
    candidates = sorted(parties + [r for r in roles if not any(r.overlaps(p) for p in parties)], key=lambda m: m.start)
    at = offset + trigger.start()
    before = [m for m in candidates if m.end <= at]
    after = [m for m in candidates if m.start >= offset + trigger.end()]
    if not before and not after:
        return None
    actor = _subject(before) if before else None
    counterpart = next((m for m in after if actor is None or m.key != actor.key), None)
    date, precision = _date(dates)
    args = {
        "actor": [_arg(actor)] if actor else [],
        "counterpart": [_arg(counterpart)] if counterpart else [],
    }
    return Event("diplomatic_action", evidence, args, kind=kind, date=date, date_precision=precision,
                 confidence=0.6 if actor and counterpart else 0.4)


def _subject(before: list[Mention]) -> Mention:
    # The subject is the first party of the clause; a Person beats the
    # country adjective that qualifies someone ("Chinese President Hu").
    people = [m for m in before if m.type in ("Person", "Role")]
    return people[0] if people else before[0]
