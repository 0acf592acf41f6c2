"""The cue-word rules' transfer candidates of a sentence joined with the frames the dependency parse
reads in it (``frame_events.py``): within a clause the rules' roles stand where they read one (the parse
fills what they leave empty), a party the parse placed by its grammar keeps the parse's role unless a
role word placed it for the rules, the goods of both are said once, and a clause the grammar or the
rules rule out (a modal, a negation, a general statement) gives no transfer."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge import KnowledgeBase
from .cues import Cues, first
from .event import Argument, Event, Evidence
from .frame_events import frame_events, goods_only
from .frames import Reading
from .gather import Candidate, anaphor_of, opens_sentence
from .mention import Mention


@dataclass
class Sentence:
    text: str
    offset: int  # of the sentence in the document
    mentions: list[Mention]
    evidence: Evidence
    dates: object  # iterable of dates, looked for lazily
    carried_vessel: Mention | None = None
    # cue lists (cues.Words) none of whose words the sentence holds, known from its paragraph: not searched
    lacks: frozenset = frozenset()


def candidates_of(s: Sentence, by_rule: list[tuple[int, int, Candidate | None]], frames: list[Reading] | None,
                   c: Cues, kb: KnowledgeBase, date_of) -> list[Candidate]:
    """A sentence with a transfer word: the rules' candidates joined with its frames, or as they are
    where it was not parsed (the gaps scope)."""
    if frames is None:
        found = [candidate for _, _, candidate in by_rule if candidate is not None]
        for candidate in found:
            candidate.event.features = {"rules_only": 1.0}
        return found
    return _joined(s, frames, by_rule, c, kb, date_of)


def _joined(s: Sentence, frames: list[Reading], by_rule: list[tuple[int, int, Candidate | None]], c: Cues,
            kb: KnowledgeBase, date_of) -> list[Candidate]:
    """The frames' transfers joined with the rules' candidate of their clause (``_complete``); a rule
    candidate whose clause the parse rules out (modal, negation, prohibition) is dropped, one whose
    clause holds no frame is kept as the rules found it (its confidence says how far to trust it).
    The frames of a clause the rules found general ("any equipment ... could be diverted") give none."""
    found = frame_events(frames, s.text, s.offset, s.mentions, s.evidence, kb, c.group)
    general = [(start, end) for start, end, candidate in by_rule if candidate is None]
    found = [(event, r) for event, r in found if not any(a <= r.trigger.start < b for a, b in general)]
    out, joined = [], set()
    for start, end, candidate in by_rule:
        if candidate is None:
            continue
        inside = [(event, r) for event, r in found if start <= r.trigger.start < end]
        if not inside:
            candidate.event.features = {"rules_only": 1.0}
            out.append(candidate)
            continue
        kept = [(event, r) for event, r in inside if event is not None and not goods_only(r)]
        if not kept:
            if any(r.drop for _, r in inside) and not _only_some_without_goods([r for _, r in inside]):
                continue  # the grammar rules the clause out: a modal, a negation, a prohibition
            _unplace(candidate, [r for _, r in inside], s)
            # the parse read goods given but not who gave or got them: where its goods are the rules' goods,
            # the two agree on what moved, and the rules' parties gave or got it (not for a buying word,
            # where the rules' parties, placed as for giving, would be the wrong way round)
            kept = [(event, r) for event, r in inside if event is not None and id(event) not in joined
                    and r.direction == "give" and _names_a_party(candidate.event)
                    and _same_goods(event, candidate.event)]
        if not kept:
            candidate.event.status = candidate.event.status or _one_status([r for _, r in inside])
            candidate.event.features = {"rules_only": 1.0}
            out.append(candidate)
            continue
        event, reading = max(kept, key=lambda pair: _overlap(pair[0], candidate.event))
        joined.add(id(event))
        # goods alone agreeing is not the agreement the confidence learned (on parties and goods both)
        reading.features["rules_agree"] = float(_overlap(event, candidate.event) > 0)
        _complete(event, candidate.event, candidate.cued if reading.direction == "give" else frozenset(),
                  every_good=goods_only(reading))
        if reading.direction == "get":  # "purchased missiles from North Korea": the seller, not an origin
            sellers = {a.key or a.text for a in event.values("supplier")}
            event.arguments["origin"] = [a for a in event.values("origin") if (a.key or a.text) not in sellers]
            if not sellers:  # "import plastic explosives ... from Iran", read by the rules as origin: supplier too
                event.arguments["supplier"] = _bought_from(event.values("origin"), s.text)
        event.status = candidate.event.status or event.status
    for event, reading in found:
        if event is None or (goods_only(reading) and id(event) not in joined):
            continue
        if not event.values("carrier"):
            carriers = [m for m in s.mentions if m.type in ("Vessel", "Flight")]
            if not carriers and s.carried_vessel is not None:
                carriers = [s.carried_vessel]
            event.arguments["carrier"] = [Argument.of(m) for m in carriers]
        if not event.values("quantity"):
            event.arguments["quantity"] = [Argument.of(m) for m in s.mentions if m.type == "Quantity"][:1]
        event.hedging = event.hedging or first(c.hedging, s.text)
        event.date, event.date_precision = date_of(s.dates)
        event.features = reading.features
        back = c.refers_back.search(s.text)
        out.append(Candidate(
            event,
            refers_back=bool(back),
            anaphor=anaphor_of(back),
            new_consignment=bool(new := c.new_consignment.search(s.text)) and bool(event.values("items") or event.values("quantity")),
            opens_new=opens_sentence(new, s.text),
        ))
    return out


def _bought_from(origins: list[Argument], text: str) -> list[Argument]:
    """The country a buying word's goods come "from" (the guideline: "from X" makes X the supplier when no
    other is named), not one of a "Chinese-origin" good."""
    return [a for a in origins if a.type == "Country"
            and re.search(r"\bfrom\s+(?:the\s+)?" + re.escape(a.text), text, re.I)][:1]


def _same_goods(a: Event, b: Event) -> bool:
    """Whether two events name goods in the same words (one's within the other's)."""
    return any(_words_within(x.text, y.text) or _words_within(y.text, x.text)
               for x in a.values("items") for y in b.values("items"))


def _names_a_party(event: Event) -> bool:
    return any(event.values(role) for role in ("supplier", "broker", "recipient", "end_user"))


def _only_some_without_goods(frames: list[Reading]) -> bool:
    """Whether the only frames ruled out are some that move no goods, beside one that reads goods ("provide the
    results" beside "investigate the shipment of the dual-use items"): they rule out themselves, not the clause."""
    return all(r.drop in (None, "not goods") for r in frames) and any(
        r.drop is None and r.roles.get("items") for r in frames)


def _one_status(frames: list[Reading]) -> str | None:
    """The status every frame of the clause reads, if they agree (none where one reads none or they differ)."""
    statuses = {r.status for r in frames}
    return statuses.pop() if len(statuses) == 1 else None


def _unplace(candidate: Candidate, frames: list[Reading], s: Sentence) -> None:
    """A party the rules placed by where it stands, which the parse reads in another role of the clause's
    frames ("Department requests ... a transfer": the one who requests, not the supplier), is in neither."""
    placed = {}
    for r in frames:
        for role in ("supplier", "broker", "recipient", "end_user"):
            for span in r.roles.get(role, []):
                for m in s.mentions:
                    if s.offset + span.start <= m.start and m.end <= s.offset + span.end:
                        placed.setdefault(m.key or m.text, role)
    for role in ("supplier", "broker", "recipient", "end_user"):
        candidate.event.arguments[role] = [
            a for a in candidate.event.values(role)
            if (a.key or a.text) in candidate.cued or placed.get(a.key or a.text, role) == role]


def _complete(event: Event, rules: Event, cued: frozenset = frozenset(), every_good: bool = False) -> None:
    """The rules' event of the same clause over the parse's: where both read a role, the rules' value
    (on dev the two orders score alike; on the seeds, where the rules were written, theirs is right more
    often), the parse's where the rules read nothing, the goods of both.  ``cued``: the parties the rules
    placed by a role word before them ("retransferred by Iran"), which keep the rules' role.  ``every_good``:
    the parse read only the goods of one transfer word of the clause (no party), so it cannot tell which of
    the rules' goods move; all of them are kept."""
    parties = ("supplier", "broker", "recipient", "end_user")
    placed = {(a.key or a.text): role for role in parties for a in event.values(role)}
    for role, values in rules.arguments.items():
        if not values:
            continue
        if role == "items":  # goods both read: the rules' names, and what else the parse saw moving
            event.arguments[role] = _goods_of_both(values, event.values(role), every_good)
            continue
        # a party the parse placed by position keeps the parse's role ("Iran's efforts to obtain": Iran gets)
        kept = [a for a in values
                if role not in parties or (a.key or a.text) in cued or placed.get(a.key or a.text, role) == role]
        if kept or role not in parties:
            event.arguments[role] = kept
    # "provided to Iran is being retransferred by Iran": the party that passes the goods on supplies
    suppliers = {a.key or a.text for a in event.values("supplier")}
    event.arguments["recipient"] = [a for a in event.values("recipient") if (a.key or a.text) not in suppliers]


def _goods_of_both(rules: list[Argument], parse: list[Argument], every_good: bool = False) -> list[Argument]:
    """The goods the rules named (only those the parse sees moving, when it sees any of them), each said in
    the parse's words where the parse says more of the same goods ("Chinese-origin arms" for "arms", keeping
    the rules' control-list key), and the goods only the parse saw."""
    out, used = [], set()
    moving = [item for item in rules if any(_words_within(item.text, p.text) for p in parse)]
    if moving and not every_good:  # "upgrading their AH-64 helicopters ... has requested 1300 Hellfire missiles": the
        rules = moving  # clause's other goods are there for another reason
    for item in rules:
        longer = next((i for i, p in enumerate(parse) if i not in used and _words_within(item.text, p.text)), None)
        if longer is not None:
            used.add(longer)
            item = Argument(parse[longer].text, item.key, item.type)
        out.append(item)
    said = [*rules, *out]
    return out + [p for i, p in enumerate(parse) if i not in used and not any(
        _words_within(p.text, r.text) or _initials_of(p.text, r.text) for r in said)]


def _initials_of(short: str, long: str) -> bool:
    """"liquid poly butadiene rubber (LPBR)": the short form of goods already named is no more goods."""
    words = re.findall(r"[A-Za-z][\w-]*", long)
    return len(words) > 1 and short.strip().isupper() and short.strip() == "".join(w[0] for w in words).upper()


def _words_within(short: str, long: str) -> bool:
    """Whether the words of ``short`` are a run of the words of ``long``."""
    a, b = " ".join(re.findall(r"[a-z0-9]+", short.lower())), " ".join(re.findall(r"[a-z0-9]+", long.lower()))
    return bool(a) and f" {a} " in f" {b} "


def _overlap(a: Event, b: Event) -> int:
    """How many argument values two events share (by key, else by text)."""
    def values(e: Event) -> set[tuple[str, str]]:
        return {(role, v.key or v.text.lower()) for role, vs in e.arguments.items() for v in vs}

    return len(values(a) & values(b))
