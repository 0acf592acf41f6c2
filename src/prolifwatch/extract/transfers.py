"""Transfers: who shipped what to whom, via where, on which carrier.

Two steps.  Each clause with a transfer word gives a candidate whose
arguments are the mentions of the clause, their roles read from the words
just before them ("via Beijing", "by LIMMT", "for Iran's DIO"), joined with
the frame the dependency parse reads for its transfer word (``frames.py``,
joined in ``frame_join.py``): the parse adds the roles the cue words miss,
goods outside the control lists, and rules out clauses whose grammar says no
transfer happened.  Then the
candidates of one paragraph are gathered: a cable paragraph usually tells one
shipment over several sentences ("The vessel was booked ... The Iran Matin is
scheduled to depart Tianjin ..."), so a candidate that takes up an earlier
one ("this vessel", the same carrier, the same parties) adds to it instead of
standing alone.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..knowledge import KnowledgeBase
from .cues import Cues, first
from .clause_parties import PARTIES, assign_parties, role_before
from .event import TRANSFER_ROLES, Argument, Event
from .frame_events import parsed, squeezed, text_for_parser, unsqueezed
from .frame_join import Sentence, candidates_of
from .frames import Reading, readings
from .gather import (Candidate, Gathered, anaphor_of, opens_sentence, prefer_named_goods, prefer_specific_parties,
                     said_once)
from .mention import Mention
from .text import is_all_caps

SCORED = ("supplier", "recipient", "end_user", "items", "carrier", "via", "destination", "origin")
# A relative clause after a party: "a Chinese firm that ships ..."
_RELATIVE = re.compile(r",?\s(?:that|which|who)\s")
# Where one clause of a sentence ends and the next may begin.
_CLAUSE_BREAK = re.compile(r";|,\s|\s(?:and|but|while|whereas)\s")


def transfers_in_paragraph(text: str, start: int, sentences: list[Sentence], c: Cues, kb: KnowledgeBase,
                           date_of, parse: str = "all") -> list[Event]:
    """The transfers of one paragraph (``text`` at document offset ``start``); ``parse``
    as in ``events.find_events``."""
    gathered = Gathered(kb)
    # each sentence's transfer words and rule candidates, found once for the parse's choice and for the join
    by_rule = {n: _rule_candidates(s, triggers, c, kb, date_of)
               for n, s in enumerate(sentences) if (triggers := _triggers(s, c))}
    frames = _frames_of(sentences, by_rule, c, is_all_caps(text), parse)
    for number, sentence in enumerate(sentences):
        found = (_route(sentence, c, date_of) or _taken_up(sentence, c) if number not in by_rule
                 else candidates_of(sentence, by_rule[number], frames.get(number), c, kb, date_of))
        for candidate in found:
            gathered.add(candidate, number)
    out = []
    for event in gathered.events:
        event.evidence.text = text[event.evidence.start - start : event.evidence.end - start]
        prefer_specific_parties(event, kb)
        prefer_named_goods(event)
        said_once(event)
        if _substantial(event):
            event.status = event.status or c.default_status
            out.append(event)
    return out


def _frames_of(sentences: list[Sentence], by_rule: dict[int, list[tuple[int, int, Candidate]]], c: Cues,
               all_caps: bool, parse: str) -> dict[int, list[Reading]]:
    """The frames of the sentences holding a transfer word, parsed in one batch; with
    ``parse="gaps"`` only of those naming goods whose rule transfer lacks a supplier or a recipient."""
    numbers = list(by_rule)
    if parse == "gaps":  # goods named, and a party missing: where the parse can add most for its cost
        numbers = [n for n in numbers if (any(m.type == "Item" for m in sentences[n].mentions)
                                          or c.goods.search(sentences[n].text)) and any(
            not (cand.event.values("supplier") and cand.event.values("recipient")) for _, _, cand in by_rule[n]
            if cand is not None)]
    texts = [text_for_parser(sentences[n].text, sentences[n].offset, sentences[n].mentions, all_caps) for n in numbers]
    squeezes = [squeezed(text) for text in texts]
    docs = parsed([short for short, _ in squeezes])
    return {n: [unsqueezed(r, at, text) for r in readings(doc)]
            for n, text, (_, at), doc in zip(numbers, texts, squeezes, docs)}


def _rule_candidates(s: Sentence, triggers: list[re.Match], c: Cues, kb: KnowledgeBase,
                     date_of) -> list[tuple[int, int, Candidate | None]]:
    """Candidates by the cue-word rules, one per clause, with the clause's span in the sentence; a clause
    that speaks in general ("any ... could", "laws prohibit") comes with None: no frame in it is a transfer."""
    out: list[tuple[int, int, Candidate | None]] = []
    parties_end = [m.end - s.offset for m in s.mentions if m.type in PARTIES]
    for start, end in _clauses(s.text, triggers, _subjects(s, c), c, parties_end):
        clause = s.text[start:end]
        if c.generic.search(clause):
            out.append((start, end, None))
            continue
        ms = [m for m in s.mentions if s.offset + start <= m.start and m.end <= s.offset + end]
        trigger = next(t for t in triggers if start <= t.start() < end)
        found = _clause_event(s, clause, start, ms, trigger.start() - start, c, kb)
        if found is None:
            continue
        event, cued = found
        event.date, event.date_precision = date_of(s.dates)
        back = c.refers_back.search(clause)
        out.append((start, end, Candidate(
            event,
            refers_back=bool(back),
            anaphor=anaphor_of(back),
            new_consignment=bool(new := c.new_consignment.search(clause)) and bool(event.values("items") or event.values("quantity")),
            opens_new=opens_sentence(new, s.text) if start == 0 else False,
            cued=cued,
        )))
    return out


def _subjects(s: Sentence, c: Cues) -> list[int]:
    """Where parties stand that no role word introduces: the subjects of clauses."""
    out = []
    for m in s.mentions:
        local = m.start - s.offset
        before = s.text[max(0, local - 40) : local]
        if m.type not in PARTIES or re.search(r"(?:\(|'s|’s|,s)\s*$", before):
            continue  # "Organization (DIO)", "Iran's DIO": part of the party before
        if not any(p.search(before) for p in c.roles.values()):
            out.append(local)
    return out


def _triggers(s: Sentence, c: Cues) -> list[re.Match]:
    if c.trigger in s.lacks:
        return []
    spoiled = [m.span() for m in c.not_trigger.finditer(s.text)]
    inside = [(m.start - s.offset, m.end - s.offset) for m in s.mentions]
    return [t for t in c.trigger.finditer(s.text)
            if not any(a <= t.start() < b for a, b in spoiled + inside)]


def _clauses(text: str, triggers: list[re.Match], subjects: list[int], c: Cues,
             parties_end: list[int] = ()) -> list[tuple[int, int]]:
    """Split at the last clause break between two triggers when a new subject
    follows it ("... to Iran, particularly given Iran's policy of providing
    arms") or the rest speaks in general (", which ban any sale"); and before a
    relative clause on a party, which tells what that party does elsewhere
    ("supplied by a Chinese firm that ships military cargoes to Iran")."""
    cuts = [r.start() for r in _RELATIVE.finditer(text, triggers[0].end())
            if any(e <= r.start() and re.fullmatch(r"(?:\s+[\w-]+)?", text[e : r.start()]) for e in parties_end)]
    for before, after in zip(triggers, triggers[1:]):
        if any(before.end() <= cut < after.start() for cut in cuts):
            continue
        breaks = [b for b in _CLAUSE_BREAK.finditer(text, before.end(), after.start())]
        if not breaks:
            continue
        cut = breaks[-1]
        if any(cut.end() <= at < after.start() for at in subjects) or c.generic.search(text, cut.start(), after.end() + 40):
            cuts.append(cut.start())
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if any(a <= t.start() < b for t in triggers)]


def _clause_event(s: Sentence, clause: str, at: int, ms: list[Mention], trigger_at: int, c: Cues,
                  kb: KnowledgeBase) -> tuple[Event, frozenset] | None:
    """The clause's transfer by the rules, and the parties a role word placed (see ``clause_parties.assign_parties``)."""
    offset = s.offset + at
    items = [m for m in ms if m.type == "Item"]
    carriers = [m for m in ms if m.type in ("Vessel", "Flight")]
    if not carriers and s.carried_vessel is not None:
        carriers = [s.carried_vessel]
    args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
    args["items"] = [Argument.of(m) for m in items] or _goods_items(clause, offset, ms, c) or _counted_goods(clause, offset, ms)
    args["carrier"] = [Argument.of(m) for m in carriers]
    args["quantity"] = [Argument.of(m) for m in ms if m.type == "Quantity"]
    cued = assign_parties(clause, offset, ms, trigger_at, c, kb, args)
    if not any(args.values()):
        return None
    status = first(c.status, clause) or first(c.status, s.text)
    return Event("transfer", replace(s.evidence), args, status=status, hedging=first(c.hedging, s.text)), cued


def _goods_items(clause: str, offset: int, ms: list[Mention], c: Cues) -> list[Argument]:
    """"providing arms": the goods word stands for the items, unless it is part of a name or a programme."""
    for g in c.goods_as_items.finditer(clause):
        inside = any(m.start <= offset + g.start() < m.end for m in ms)
        if not inside and not re.match(r"\W{0,3}program", clause[g.end():], re.I):
            return [Argument(g.group(), None, "Item")]
    return []


def _counted_goods(clause: str, offset: int, ms: list[Mention]) -> list[Argument]:
    """"208 metric tons of potassium perchlorate and liquid poly butadiene rubber", "1,150 kg of graphite to
    Ward": the goods an amount counts, each of a coordination its own, up to a preposition or punctuation."""
    for m in ms:
        if m.type != "Quantity" or _AMOUNT_OF_MONEY.search(m.text):
            continue
        counted = _COUNTED.match(clause, m.end - offset)
        if counted:
            return [Argument(part, None, "Item") for part in re.split(r"\s+and\s+", counted.group(1).strip())]
    return []


# "of" and the goods after an amount: lower-case words, up to a preposition, a clause word or punctuation
_COUNTED = re.compile(r"\s+of\s+((?:(?!(?:to|from|for|by|via|at|on|in|into|aboard|with|which|that|were|was|is|are|"
                      r"being|had|has|have)\b)[a-z][\w-]*\s*){1,8}?)(?=\s*(?:[,.;:()]|\s(?:to|from|for|by|via|at|on|"
                      r"in|into|aboard|with|which|that|were|was|is|are|being|had|has|have)\b|$))")
_AMOUNT_OF_MONEY = re.compile(r"[$€£]|\b(?:USD|dollars?|euros?|million|billion)\b", re.I)


def _route(s: Sentence, c: Cues, date_of) -> list[Candidate]:
    """"The Iran Matin is scheduled to depart Tianjin ... and arrive back at Bandar Abbas": the route of a carrier's transfers."""
    carriers = [m for m in s.mentions if m.type in ("Vessel", "Flight")] or ([s.carried_vessel] if s.carried_vessel else [])
    if not carriers or c.route in s.lacks or not c.route.search(s.text):
        return []
    args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
    args["carrier"] = [Argument.of(m) for m in carriers]
    for m in s.mentions:
        if m.type in ("Place", "Country"):
            role = role_before(s.text[max(0, m.start - s.offset - 40) : m.start - s.offset], m, c)
            if role in ("origin", "via"):
                args[role].append(Argument.of(m))
            elif role in ("destination", "recipient"):
                args["destination"].append(Argument.of(m))
    event = Event("transfer", replace(s.evidence), args, status=first(c.status, s.text))
    event.date, event.date_precision = date_of(s.dates)
    return [Candidate(event, route_only=True)]


def _taken_up(s: Sentence, c: Cues) -> list[Candidate]:
    """"the end-user for the goods, the Defense Industries Organization": a detail of the transfer just told."""
    if c.refers_back in s.lacks or not c.refers_back.search(s.text):
        return []
    args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
    for m in s.mentions:
        if m.type in PARTIES + ("Place", "Program"):
            role = role_before(s.text[max(0, m.start - s.offset - 40) : m.start - s.offset], m, c)
            if role in ("end_user", "destination", "via"):
                args[role].append(Argument.of(m))
    if not any(args.values()):
        return []
    return [Candidate(Event("transfer", replace(s.evidence), args), refers_back=True, fill_only=True)]


def _substantial(event: Event) -> bool:
    """A party, route or carrier, and something moved."""
    has_where = any(event.values(r) for r in ("supplier", "recipient", "end_user", "carrier", "via", "destination", "origin"))
    filled = sum(bool(event.values(r)) for r in SCORED)
    return has_where and (bool(event.values("items")) or filled >= 2)
