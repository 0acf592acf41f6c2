"""Gathering the transfer candidates of one paragraph: a candidate that takes
up an earlier transfer ("this vessel", the same carrier, the same parties
close by) adds to it; a route or end-user sentence fills in the transfer it
belongs to; "also" with a new quantity opens a new consignment."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge import KnowledgeBase
from .event import Argument, Event, Evidence


@dataclass
class Candidate:
    event: Event
    refers_back: bool = False
    new_consignment: bool = False
    opens_new: bool = False  # the sentence opens with the cue ("In addition, ..."): all its readings are that one
    route_only: bool = False
    fill_only: bool = False  # adds details to the transfer it takes up, never stands alone
    cued: frozenset = frozenset()  # parties the rules placed by a role word ("by Iran"), not by position
    anaphor: str = ""  # the noun a refers-back phrase takes up ("cargo" in "The cargo was probably loaded")


def opens_sentence(match, text: str) -> bool:
    """Whether the cue ``match`` in ``text`` opens it ("-- In addition, as recently as ...")."""
    return match is not None and not re.search(r"\w", text[: match.start()])


def anaphor_of(match) -> str:
    """The noun of a refers-back phrase ("The cargo" -> "cargo"), or "" without one."""
    return match.group().split()[-1].lower() if match else ""


class Gathered:
    """The transfers of a paragraph so far, and the sentence each was last told in."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.events: list[Event] = []
        self.last_told: list[int] = []
        self.told: list[str] = []  # the sentences each transfer was told in, for its antecedent nouns

    def add(self, candidate: Candidate, sentence_no: int) -> None:
        event = candidate.event
        if candidate.route_only:
            for i, earlier in enumerate(self.events):
                if _shares(earlier, event, "carrier"):
                    _add(earlier, event, fill_only=True)
                    self._told(i, event, sentence_no)
            return
        target = (self._same_sentence(candidate, sentence_no) if candidate.opens_new else None) \
            if candidate.new_consignment else self._taken_up_by(candidate, sentence_no)
        if candidate.fill_only:
            if target is not None:
                _add(self.events[target], event, fill_only=True)
                self._told(target, event, sentence_no)
            return
        if target is None:
            self.events.append(event)
            self.last_told.append(sentence_no)
            self.told.append(event.evidence.text)
        else:
            _add(self.events[target], event)
            self._told(target, event, sentence_no)

    def _told(self, i: int, event: Event, sentence_no: int) -> None:
        self.last_told[i] = sentence_no
        if event.evidence.text not in self.told[i]:
            self.told[i] += " " + event.evidence.text

    def _same_sentence(self, candidate: Candidate, sentence_no: int) -> int | None:
        """"In addition, ... Aceros shipped a consignment ... aboard the M/V Fast Independence": a sentence that
        opens by saying it tells a new consignment tells one, whatever the readings of its words; within a
        sentence "additional consignments ... one such consignment" may be two."""
        for i in range(len(self.events) - 1, -1, -1):
            earlier = self.events[i]
            if self.last_told[i] == sentence_no and _compatible(earlier, candidate.event, candidate, self.kb) and any(
                    _shares(earlier, candidate.event, r, self.kb) for r in ("carrier", "supplier", "recipient")):
                return i
        return None

    def _taken_up_by(self, candidate: Candidate, sentence_no: int) -> int | None:
        event = candidate.event
        parties = any(event.values(r) for r in ("supplier", "recipient", "carrier"))
        if candidate.fill_only:  # "the end-user for the goods, the DIO": the transfer that names DIO
            named = _party_keys(event)
            for i in range(len(self.events) - 1, -1, -1):
                if named & _party_keys(self.events[i]) and sentence_no - self.last_told[i] <= 2:
                    return i
        for i in range(len(self.events) - 1, -1, -1):
            earlier, distance = self.events[i], sentence_no - self.last_told[i]
            if not _compatible(earlier, event, candidate, self.kb):
                continue
            if _shares(earlier, event, "carrier"):
                return i
            if distance <= 3 and any(_shares(earlier, event, r, self.kb) for r in ("supplier", "recipient")):
                return i
            # "This vessel was booked ...": the transfer just told, not one told paragraphs of talking points ago
            if (candidate.refers_back or not parties) and distance <= 2:
                return i
        return self._antecedent(candidate, sentence_no)

    def _antecedent(self, candidate: Candidate, sentence_no: int) -> int | None:
        """"... booked a cargo of 208 metric tons ... [two sentences on the firm] ... The cargo was probably
        loaded at Dalian": a definite noun that refers back takes up the latest transfer told with that
        noun, a few sentences back, even past sentences that told no transfer."""
        if not candidate.anaphor:
            return None
        noun = re.compile(rf"\b{re.escape(candidate.anaphor)}\b", re.I)
        for i in range(len(self.events) - 1, -1, -1):
            if sentence_no - self.last_told[i] > _ANTECEDENT_REACH:
                break
            if noun.search(self.told[i]) and _compatible(self.events[i], candidate.event, candidate, self.kb):
                return i
        return None


# How many sentences back a definite noun ("the cargo") may find the transfer it refers to
_ANTECEDENT_REACH = 6


def _keys(event: Event, role: str, kb: KnowledgeBase | None = None) -> set[str]:
    """The keys of a role; with ``kb``, a known body also stands for its country (DIO for Iran)."""
    keys = {a.key or a.text.lower() for a in event.values(role)}
    return keys | _countries_of_bodies(keys, kb) if kb is not None else keys


def _countries_of_bodies(keys, kb: KnowledgeBase) -> set[str]:
    return {f"country:{e.country}" for k in keys if k and (e := kb.entity_by_id.get(k.removeprefix("entity:"))) and e.country}


def _party_keys(event: Event) -> set[str]:
    return _keys(event, "supplier") | _keys(event, "recipient") | _keys(event, "end_user")


def _shares(a: Event, b: Event, role: str, kb: KnowledgeBase | None = None) -> bool:
    return bool(_keys(a, role, kb) & _keys(b, role, kb))


def _compatible(a: Event, b: Event, candidate: Candidate, kb: KnowledgeBase) -> bool:
    for role in ("supplier", "recipient", "carrier"):
        if a.values(role) and b.values(role) and not _shares(a, b, role, kb):
            return False
    if _keys(a, "supplier") & _keys(b, "recipient") or _keys(a, "recipient") & _keys(b, "supplier"):
        return False
    a_items, b_items = _item_identities(a), _item_identities(b)
    if a_items and b_items and not a_items & b_items and not candidate.refers_back:
        return False  # other goods, other transfer ("has requested Hellfire missiles" after "HIMARS")
    return True


def _item_identities(event: Event) -> set[str]:
    """What the goods are: their control-list key, else their head word ("Blackhawk helicopters": helicopters)."""
    out = set()
    for x in event.values("items"):
        words = x.text.lower().split()
        out.add(x.key or (words[-1].rstrip("s") if words else ""))
    return out - {""} - _ANY_GOODS - _ANY_ARMS


# Words that name goods without saying which: "the items sold by LIMMT" may be the machine of the next sentence
_ANY_GOODS = {"item", "good", "product", "material", "commoditie", "equipment", "cargo", "shipment", "consignment",
              "technology", "component", "part", "supplie", "thing"}
# Words that name arms without saying which: "Chinese weapons ... transferred to Iran" may be the arms just told
_ANY_ARMS = {"weapon", "arm", "munition", "ammunition", "materiel"}


def _add(into: Event, other: Event, *, fill_only: bool = False) -> None:
    for role, values in other.arguments.items():
        have = into.arguments.setdefault(role, [])
        if fill_only and have:
            continue
        known = {_identity(role, a) for a in have}
        for a in values:
            if _identity(role, a) in known:
                continue
            if role == "items" and any(f" {_identity(role, a)} " in f" {_identity(role, b)} " for b in have):
                continue  # "cargo" after "military cargo": the same goods said again
            have.append(a)
    into.status = into.status or other.status
    into.hedging = into.hedging or other.hedging
    if not into.date or fill_only and other.date:
        into.date, into.date_precision = other.date or into.date, other.date_precision or into.date_precision
    if other.evidence.end > into.evidence.end:
        into.evidence = _spanning(into.evidence, other.evidence)


def _identity(role: str, a: Argument) -> str:
    # items keep each description ("conventional arms", "military equipment": one code, two things said)
    return " ".join(a.text.lower().split()) if role == "items" else (a.key or a.text)


def _spanning(a: Evidence, b: Evidence) -> Evidence:
    """One evidence for sentences of one paragraph: from the first to the last (text set by the caller)."""
    return Evidence(a.paragraph, a.start, max(a.end, b.end), a.text, a.number)


def prefer_specific_parties(event: Event, kb: KnowledgeBase) -> None:
    """"for Iran's DIO" after "a shipment to Iran": DIO is the recipient, Iran its country; "the French firm
    Sofradir": Sofradir is the supplier, "French firm" what it is."""
    for role in ("supplier", "recipient"):
        values = event.values(role)
        countries = _countries_of_bodies({a.key for a in values}, kb)
        if countries:
            values = [a for a in values if not (a.type == "Country" and a.key in countries)]
        named = [a for a in values if a.type in ("Organization", "Person") and not _group_of_country(a)]
        event.arguments[role] = [a for a in values if not (_group_of_country(a) and any(
            _names(a, firm, event.evidence.text) for firm in named))]


def _group_of_country(a: Argument) -> bool:
    """"Chinese firms", "French firm": a country's group noun, said without a name."""
    return a.type == "Organization" and (a.key or "").startswith("country:")


def _names(group: Argument, firm: Argument, text: str) -> bool:
    """Whether ``text`` says the group right before the firm's name: "the French firm Sofradir"."""
    return re.search(_spaced(group.text) + r"\s*,?\s*" + _spaced(firm.text), text) is not None


def _spaced(said: str) -> str:
    """A pattern for words as said, across the cable's line breaks."""
    return r"\s+".join(map(re.escape, said.split()))


def said_once(event: Event) -> None:
    """"to the U.S., Russia ... and Category II items to the U.S., Russia": a party, place or carrier named
    twice in one role is one value (the first said); goods keep each description."""
    for role, values in event.arguments.items():
        if role in ("items", "quantity"):
            continue
        seen: set[str] = set()
        event.arguments[role] = [a for a in values if not (_identity(role, a) in seen or seen.add(_identity(role, a)))]


def prefer_named_goods(event: Event) -> None:
    """"83 containers of cargo, including cartridges", "the items sold by LIMMT ... a forming machine": the
    goods named say what moved; the word that only says there were goods is dropped beside them."""
    named = [a for a in event.values("items") if not _vague(a)]
    if named:
        event.arguments["items"] = named


def _vague(item: Argument) -> bool:
    """Goods said without saying which: "items", "the cargo", "such goods"."""
    words = [w.rstrip("s") for w in item.text.lower().split() if w not in _DETERMINERS]
    return bool(words) and all(w in _ANY_GOODS for w in words)


_DETERMINERS = {"the", "a", "an", "this", "these", "that", "those", "such", "some", "its", "their", "other"}
