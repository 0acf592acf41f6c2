"""Where the parties, places and carriers of a transfer clause stand, read by the cue-word rules: the
role word just before a mention ("via Beijing", "by LIMMT", "for Iran's DIO"), and where no role word
says, where it stands against the transfer word (the subject of "China shipped", the demonym of "Chinese
arms sales", the object after "supplied").  Split from ``transfers.py``, which finds the clauses and
gathers their candidates."""
from __future__ import annotations

import re

from ..knowledge import KnowledgeBase
from .cues import Cues
from .event import Argument
from .frame_events import place_country
from .mention import Mention

PARTIES = ("Country", "Organization", "GovernmentBody", "Person")
# "the IRISL merchant vessel", "IRISL (IRISL) vessel M/V ...": the shipping line carries
_LINE_BEFORE_SHIP = re.compile(r"\s+(?:\([^)]{1,15}\)\s+)?(?:merchant\s+|cargo\s+|container\s+)?"
                               r"(?:vessels?|ships?|freighters?|tankers?)\b", re.I)
# Examples of a group named before them: "countries like Iran", "terrorist groups like the Taliban".
_EXAMPLES = re.compile(r"\s+(?:like|such\s+as|including)\s+(?:the\s+)?$", re.I)
# A word that may stand between a country adjective and its group noun ("Iranian defense entities"); not a
# function word ("Iran to terrorists" is no group).
_MODIFIER = re.compile(r"\s+(?!(?:to|and|or|of|for|by|from|with|in|on|at|via|the|an?|its|their|as|than|is|are|was|were)\b)"
                       r"[\w-]+(?=\s)", re.I)
# Between two parties of one role: "Iran and Syria", "Iraqi insurgents and terrorist groups like the Taliban".
_COORDINATED = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+(?:(?:[\w-]+\s+){1,3}(?:like|such\s+as|including)\s+(?:the\s+)?)?",
                          re.I)


def assign_parties(clause: str, offset: int, ms: list[Mention], trigger_at: int, c: Cues, kb: KnowledgeBase,
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
        role = role_before(before, m, c)
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
            role = _positionalrole_before(clause, m, offset, after, group, trigger_at, ms, c)
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
        role = role_before(head + " ", m, c)
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


def _positionalrole_before(clause: str, m: Mention, offset: int, after: str, group, trigger_at: int,
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


def role_before(before: str, m: Mention, c: Cues) -> str | None:
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
