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
from .event import TRANSFER_ROLES, Argument, Event
from .frame_events import parsed, place_country, text_for_parser
from .frame_join import Sentence, candidates_of
from .frames import Reading, readings
from .gather import (Candidate, Gathered, anaphor_of, opens_sentence, prefer_named_goods, prefer_specific_parties,
                     said_once)
from .mention import Mention
from .text import is_all_caps

PARTIES = ("Country", "Organization", "GovernmentBody", "Person")
SCORED = ("supplier", "recipient", "end_user", "items", "carrier", "via", "destination", "origin")
# "the IRISL merchant vessel", "IRISL (IRISL) vessel M/V ...": the shipping line carries
_LINE_BEFORE_SHIP = re.compile(r"\s+(?:\([^)]{1,15}\)\s+)?(?:merchant\s+|cargo\s+|container\s+)?"
                               r"(?:vessels?|ships?|freighters?|tankers?)\b", re.I)
# A relative clause after a party: "a Chinese firm that ships ..."
_RELATIVE = re.compile(r",?\s(?:that|which|who)\s")
# Examples of a group named before them: "countries like Iran", "terrorist groups like the Taliban".
_EXAMPLES = re.compile(r"\s+(?:like|such\s+as|including)\s+(?:the\s+)?$", re.I)
# A word that may stand between a country adjective and its group noun ("Iranian defense entities"); not a
# function word ("Iran to terrorists" is no group).
_MODIFIER = re.compile(r"\s+(?!(?:to|and|or|of|for|by|from|with|in|on|at|via|the|an?|its|their|as|than|is|are|was|were)\b)"
                       r"[\w-]+(?=\s)", re.I)
# Between two parties of one role: "Iran and Syria", "Iraqi insurgents and terrorist groups like the Taliban".
_COORDINATED = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+(?:(?:[\w-]+\s+){1,3}(?:like|such\s+as|including)\s+(?:the\s+)?)?",
                          re.I)
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
    return {n: readings(doc) for n, doc in zip(numbers, parsed(texts))}


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
    """The clause's transfer by the rules, and the parties a role word placed (see ``_assign_parties``)."""
    offset = s.offset + at
    items = [m for m in ms if m.type == "Item"]
    carriers = [m for m in ms if m.type in ("Vessel", "Flight")]
    if not carriers and s.carried_vessel is not None:
        carriers = [s.carried_vessel]
    args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
    args["items"] = [Argument.of(m) for m in items] or _goods_items(clause, offset, ms, c) or _counted_goods(clause, offset, ms)
    args["carrier"] = [Argument.of(m) for m in carriers]
    args["quantity"] = [Argument.of(m) for m in ms if m.type == "Quantity"]
    cued = _assign_parties(clause, offset, ms, trigger_at, c, kb, args)
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


def _assign_parties(clause: str, offset: int, ms: list[Mention], trigger_at: int, c: Cues, kb: KnowledgeBase,
                    args: dict[str, list[Argument]]) -> frozenset:
    """Fills the parties and places of ``args``; returns the identities of those a role word placed
    ("by Iran", "to Syria"), as against those placed by where they stand."""
    cued: set[str] = set()
    possessor_at: int | None = None  # "for Iran's DIO": the cue before "Iran's" is DIO's
    previous: tuple[Mention, str] | None = None  # for "to Iran and Syria"
    previous_end = 0  # where its argument ends in the clause ("Iraqi insurgents")
    from_cue = False
    for i, m in enumerate(ms):
        if m.type not in PARTIES + ("Place", "Program"):
            continue
        local = m.start - offset
        cue_at, possessor_at = (possessor_at if possessor_at is not None else local), None
        after = clause[m.end - offset : m.end - offset + 60]
        following = ms[i + 1] if i + 1 < len(ms) else None
        if _is_possessor(after, following, m):
            possessor_at = cue_at
            if following.type != "Program":  # "destined for Iran's ballistic missile program": Iran receives
                continue
        if previous and previous[0].key == m.key and re.fullmatch(r"\s*\(", clause[previous[0].end - offset : local]):
            continue  # "Defense Industries Organization (DIO)"
        before = clause[max(0, cue_at - 40) : cue_at]
        if c.addressed.search(before) or c.not_a_party.match(after) or _office_of(after, following, m):
            continue
        if c.not_a_route.search(before):
            continue  # "a substantive response from China"
        if _is_airline(m, after, kb):
            args["carrier"].append(Argument.of(m))
            continue
        if i and place_country(m, ms[i - 1], clause, offset):
            continue  # "Lattakia, Syria": where the port is, said with it
        group = _group_after(after, c) if m.type == "Country" else None
        if group and _named_after(clause, m.end - offset + group, following, offset):
            possessor_at = cue_at  # "by the French firm Sofradir": the firm's name is the party, with the cue
            continue
        argument = Argument(clause[local : m.end - offset + group], m.key, "Organization") if group else Argument.of(m)
        role = _role(before, m, c)
        if role is None:
            role = _cue_of_examples(before, m, c)
        if role is not None:
            cued.add(argument.key or argument.text)
        if role is None and previous and _COORDINATED.fullmatch(clause[previous_end:local]):
            role = previous[1]
            if (previous[0].key or previous[0].text) in cued:  # "by Iran and Syria": the cue is both's
                cued.add(argument.key or argument.text)
        if role is None and m.type in ("Place", "Country") and _in_after_recipient(before, previous, clause, m, offset, c):
            role = "destination"  # "transfers of weapons to militants in Iraq": where the goods go
        if role is None:
            role = _positional_role(clause, m, offset, after, group, trigger_at, ms, c)
        if role == "origin" and re.search(r"\bfrom\W+(?:the\W+)?$", before, re.I):
            from_cue = True
        if role == "via" and m.type not in ("Place", "Country"):
            continue  # "ships military cargoes to Iran via IRISL": a line, not a route
        if role == "supplier_and_origin":
            args["supplier"].append(argument)
            args["origin"].append(argument)
        elif role:
            args[role].append(argument)
        if role:
            previous, previous_end = (m, role), local + len(argument.text)
    if not args["supplier"] and from_cue:
        args["supplier"] = [a for a in args["origin"] if a.type == "Country"][:1]
    recipients = {a.key for a in args["recipient"]}
    if recipients & {a.key for a in args["supplier"]}:
        # "provided to Iran is being retransferred by Iran": the clause tells the onward leg
        args["recipient"] = [a for a in args["recipient"] if a.key not in {s.key for s in args["supplier"]}]
    return frozenset(cued)


def _group_after(after: str, c: Cues) -> int | None:
    """Where the group noun after a country adjective ends, with one word between at most ("Chinese
    firms", "Iranian defense entities", "Dutch electronics manufacturer"); None without one."""
    found = c.group.match(after)
    if found:
        return found.end()
    modifier = _MODIFIER.match(after)
    found = c.group.match(after[modifier.end():]) if modifier else None
    return modifier.end() + found.end() if found else None


def _named_after(clause: str, at: int, following: Mention | None, offset: int) -> bool:
    """"the French firm Sofradir", "the Chinese firm, Zhejiang Dali Technology": a name right after the group
    says which firm it is."""
    return (following is not None and following.type in ("Organization", "Person")
            and re.fullmatch(r"\s*,?\s*", clause[at : following.start - offset]) is not None)


def _cue_of_examples(before: str, m: Mention, c: Cues) -> str | None:
    """"to countries like Iran", "suppliers such as Russia": the examples take the role word of the
    noun (of up to three words) they are examples of."""
    example = _EXAMPLES.search(before)
    if example is None:
        return None
    head = before[: example.start()]
    for _ in range(3):
        head = re.sub(r"\s*[\w-]+$", "", head)
        role = _role(head + " ", m, c)
        if role is not None:
            return role
    return None


def _in_after_recipient(before: str, previous: tuple[Mention, str] | None, clause: str, m: Mention, offset: int,
                        c: Cues) -> bool:
    """"to the Taliban in Afghanistan", "to militants in Iraq": a place right after the recipient is where
    the goods go."""
    if previous is not None and previous[1] == "recipient" and \
            re.fullmatch(r"\s+in\s+(?:the\s+)?", clause[previous[0].end - offset : m.start - offset]):
        return True
    group = re.search(r"\bto\s+(?:the\s+)?(?:[\w-]+\s+)?([\w-]+)\s+in\s+(?:the\s+)?$", before, re.I)
    return bool(group and c.group.match(" " + group.group(1)))


def _positional_role(clause: str, m: Mention, offset: int, after: str, group, trigger_at: int,
                     ms: list[Mention], c: Cues) -> str | None:
    local = m.start - offset
    if m.type == "Country" and c.origin_adjective.match(after):
        return "origin"  # "Chinese-origin arms"
    if m.type == "Country" and not group and _before_goods(after, m, ms, c):
        if _transfer_word_soon(after, c):
            return "supplier"  # "Chinese arms sales", "U.S. arms transfers": the seller, not where goods come from
        return "supplier_and_origin"  # "a North Korean cargo", "Chinese conventional arms"
    if group and re.match(r"\s+(?:firms?|compan|entit|suppliers?|manufacturers?)", after, re.I):
        return "supplier"  # "Chinese firms were supplying", "shipments by Chinese entities"
    if local < trigger_at and m.type in ("Country", "Organization") and _nearest_before(ms, m, offset + trigger_at):
        # a demonym qualifies the noun after it: "U.S. arms sales" supply, "Egyptian police ... transfer" do not
        if m.attributes.get("role") != "adjective" or re.fullmatch(r"\W*(?:[\w-]+\W+){0,2}", clause[m.end - offset : trigger_at]):
            return "supplier"
    if local > trigger_at and m.type in ("Country", "Organization", "GovernmentBody"):
        between = clause[trigger_at:local]
        if re.fullmatch(r"\w+\W*", between.strip(" ,")) or not between.strip(" ,"):
            return "recipient"
    return None


def _transfer_word_soon(after: str, c: Cues) -> bool:
    """A transfer word within the next three words ("Chinese arms sales", "Iranian arms shipments")."""
    t = c.trigger.search(after[:40])
    return t is not None and bool(re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}", after[: t.start()]))


def _before_goods(after: str, m: Mention, ms: list[Mention], c: Cues) -> bool:
    nxt = next((o for o in ms if o.start >= m.end), None)
    if nxt is not None and nxt.type == "Item" and nxt.start - m.end <= 2:
        return True
    return bool(re.match(r"\s+(?:\w+\s+)?(?:cargo|shipment|goods|weapons|arms|munitions|equipment)\b", after, re.I))


def _nearest_before(ms: list[Mention], m: Mention, at: int) -> bool:
    """The subject of "China shipped": the party closest before the trigger, close to it."""
    between = [o for o in ms if m.end <= o.start < at and o.type in PARTIES]
    return not between and at - m.end <= 50


def _is_possessor(after: str, following: Mention | None, m: Mention) -> bool:
    """"Iran's" in "Iran's Defense Industries Organization" qualifies the party after it."""
    if following is None or following.type not in PARTIES + ("Program",) or following.start - m.end > 3:
        return False
    return bool(re.fullmatch(r"(?:'s|’s|,s|s)?\s*", after[: following.start - m.end]))


def _office_of(after: str, following: Mention | None, m: Mention) -> bool:
    """"MFA" in "to MFA Assistant Foreign Minister Liu Jieyi" is the office of the person addressed."""
    if following is None or following.type != "Person" or m.type not in ("GovernmentBody", "Organization"):
        return False
    return bool(re.fullmatch(r"\s*(?:[A-Z][\w.-]*\s+){0,5}", after[: following.start - m.end]))


def _is_airline(m: Mention, after: str, kb: KnowledgeBase) -> bool:
    if m.type != "Organization":
        return False
    entity = kb.entity_by_id.get((m.key or "").removeprefix("entity:"))
    return (bool(entity and entity.attributes.get("kind") == "airline") or bool(re.match(r"\s+flights?\b", after, re.I))
            or bool(_LINE_BEFORE_SHIP.match(after)))


def _role(before: str, m: Mention, c: Cues) -> str | None:
    # the longest cue wins: "arrive back at" (destination) over "at" (origin)
    found = [(match.start(), role) for role, pattern in c.roles.items() if (match := pattern.search(before))]
    if not found:
        return None
    role = min(found)[1]
    if m.type == "Program":
        return "end_user" if role in ("recipient", "destination", "end_user") else None
    if role == "origin" and m.type not in ("Place", "Country") and re.search(r"\bfrom\W+(?:the\W+|an?\W+)?$", before, re.I):
        return "supplier"
    if role == "destination" and m.type in ("Country", "Organization", "GovernmentBody"):
        return "recipient"
    if role == "recipient" and m.type == "Place":
        return "destination"
    if role == "end_user" and m.type == "Country":
        return "recipient"
    return role


def _route(s: Sentence, c: Cues, date_of) -> list[Candidate]:
    """"The Iran Matin is scheduled to depart Tianjin ... and arrive back at Bandar Abbas": the route of a carrier's transfers."""
    carriers = [m for m in s.mentions if m.type in ("Vessel", "Flight")] or ([s.carried_vessel] if s.carried_vessel else [])
    if not carriers or c.route in s.lacks or not c.route.search(s.text):
        return []
    args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
    args["carrier"] = [Argument.of(m) for m in carriers]
    for m in s.mentions:
        if m.type in ("Place", "Country"):
            role = _role(s.text[max(0, m.start - s.offset - 40) : m.start - s.offset], m, c)
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
            role = _role(s.text[max(0, m.start - s.offset - 40) : m.start - s.offset], m, c)
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
