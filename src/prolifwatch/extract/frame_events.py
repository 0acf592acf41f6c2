"""Transfer candidates from the frames of a sentence (``frames.py``): each
role's span is filled with the mentions it holds, typed as the role needs
(a party, a place, a carrier), or with the phrase itself where no mention
names the goods or the party ("14-bit ADCs", "the government")."""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace

from ..knowledge import KnowledgeBase
from .event import TRANSFER_ROLES, Argument, Event
from .frames import Reading, Span, parse, readings
from .mention import Mention
from .ner import restore_case

PARTIES = ("Country", "Organization", "GovernmentBody", "Person")
PARTY_ROLES = ("supplier", "broker", "recipient", "end_user")
PLACE_ROLES = ("origin", "via", "destination")
# "the Chinese government": the country; "Chinese firms": a group of the country's
_STATE_NOUNS = {"government", "regime", "authorities", "military", "army", "navy", "ministry", "forces"}
_MARKING_BEFORE = re.compile(r"(?:REL(?:EASABLE)?\s+TO|//)[\s\w,/]*$")
_MARKINGS = re.compile(r"^\W*(?:¶\s*)?(?:\d+\.\s*)?(?:\((?:[A-Z]{1,4}(?:/+[A-Z ,]+)*)\))?\s*(?=\w)|"
                       r"\((?:U|C|S|TS|SBU)(?:/+[A-Z0-9 ,/]+)?\)")
_MONEY = re.compile(r"^(?:[$€£]|US\$|USD)|\b(?:million|billion|percent)\b|^[\d.,]+$", re.I)
_REDACTED = re.compile(r"X{4,}", re.I)  # a name blacked out by the releaser: never a party
_CACHE_SIZE = 4096
_parsed: OrderedDict[str, object] = OrderedDict()


def parsed(texts: list[str]) -> list:
    """Parses of sentences, each text parsed once per process (events are found twice when NER adds
    names, and the same sentence comes again in re-extraction)."""
    found = {t: _parsed[t] for t in dict.fromkeys(texts) if t in _parsed}
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    for text, doc in zip(todo, parse(todo) if todo else []):
        found[text] = _parsed[text] = doc
        if len(_parsed) > _CACHE_SIZE:  # a paragraph of more sentences than the cache holds still gets all
            _parsed.popitem(last=False)
    return [found[t] for t in texts]


def text_for_parser(text: str, offset: int, mentions: list[Mention], all_caps: bool) -> str:
    """The sentence as the parser reads it, of the same length: paragraph numbers and classification
    markings blanked ("¶1. (S) PolOff delivered": PolOff is the subject, not "S) PolOff"), and ALL-CAPS
    sentences in sentence case with names capitalised, as NER reads them."""
    text = _MARKINGS.sub(lambda m: " " * len(m.group()), text)
    if not all_caps:
        return text
    local = [replace(m, start=m.start - offset, end=m.end - offset) for m in mentions]
    return restore_case(text, local)


def squeezed(text: str) -> tuple[str, list[int]]:
    """The sentence with each run of white space one space, and where each of its characters (and its
    end) stands in ``text``.  A cable is wrapped at ~70 characters with a space before the line break: the
    parser takes the extra white space for a token of its own and reads the words around it worse
    ("North Korean \\nplans to send": "plans" a verb, the demonym no longer the sender's)."""
    out, at = [], []
    for piece in _PIECES.finditer(text):
        if piece.group().isspace():
            out.append(" ")
            at.append(piece.start())
        else:
            out.append(piece.group())
            at.extend(range(piece.start(), piece.end()))
    at.append(len(text))
    return "".join(out), at


def unsqueezed(reading: Reading, at: list[int], text: str) -> Reading:
    """A reading of the squeezed sentence (``squeezed``) with its spans moved back onto ``text`` (the
    sentence as the parser read it, of the length of the sentence: ``text_for_parser``)."""
    def back(span: Span) -> Span:
        start, end = at[span.start], (at[span.end - 1] + 1 if span.end > span.start else at[span.end])
        return replace(span, start=start, end=end, text=text[start:end],
                       head_at=at[span.head_at] if span.head_at >= 0 else span.head_at)

    return replace(reading, trigger=back(reading.trigger),
                   roles={role: [back(s) for s in spans] for role, spans in reading.roles.items()})


_PIECES = re.compile(r"\s+|\S+")


def frame_events(reading_list: list[Reading], text: str, offset: int, mentions: list[Mention], evidence,
                 kb: KnowledgeBase, people: re.Pattern | None = None) -> list[tuple[Event | None, Reading]]:
    """Each reading with its event, or None where the reading gives none (its ``drop`` says why when
    the sentence's grammar rules it out: a modal, a negation, a prohibition); a reading of goods without
    a party is marked ``goods_only`` in its features (see ``goods_only``).  ``people``: matches " "
    and a noun for people ("hackers", "firms"), who are never the goods."""
    out: list[tuple[Event | None, Reading]] = []
    for r in reading_list:
        if r.drop:
            out.append((None, r))
            continue
        args: dict[str, list[Argument]] = {role: [] for role in TRANSFER_ROLES}
        for role, spans in r.roles.items():
            for span in spans:
                if role == "items" and _people(span, people):
                    continue  # "ordered Chinese hackers to break into": people, not goods
                for target, argument in _arguments(role, span, text, offset, mentions, kb, r.direction == "give"):
                    if argument not in args.setdefault(target, []):
                        args[target].append(argument)
        _tidy(args)
        if not args["items"]:
            out.append((None, r))  # something moved between parties, or on a carrier: else no transfer
            continue
        if not any(args[role] for role in PARTY_ROLES + ("carrier",)):
            # goods the parse read moving between parties it could not name ("xxxxxxxxxxxx, Aceros supplied
            # xxxxxxxxxxxx with ... aluminum and steel"): no transfer alone, the goods of the rules' one
            r.features["goods_only"] = 1.0
        r.features["mentions"] = float(sum(1 for role in PARTY_ROLES for a in args[role] if a.key))
        event = Event("transfer", replace(evidence), args, status=r.status, hedging=r.hedging)
        out.append((event, r))
    return out


def goods_only(reading: Reading) -> bool:
    """Whether the reading's event names goods and no party nor carrier: it joins a rule candidate of
    its clause, it is no transfer alone."""
    return bool(reading.features.get("goods_only"))


def _people(span: Span, people: re.Pattern | None) -> bool:
    """The goods' phrase names people: its head (as lemma or as printed, "hackers") is a noun for people."""
    printed = span.text.split()[-1] if span.text.split() else ""
    return span.party_noun or bool(people and any(people.match(" " + w) for w in (span.head, printed) if w))


def _inside(span: Span, offset: int, mentions: list[Mention], types: tuple[str, ...]) -> list[Mention]:
    start, end = offset + span.start, offset + span.end
    found = [m for m in mentions if m.type in types and start <= m.start and m.end <= end and not _REDACTED.fullmatch(m.text)]
    return [m for i, m in enumerate(found) if not (i and place_country(m, found[i - 1], "", offset, span))]


def place_country(m: Mention, before: Mention, text: str, offset: int, span: Span | None = None) -> bool:
    """"Bandar Abbas, Iran", "Castillon, Spain": a country right after a place (or a firm) says where it
    is; it is no party or place of the transfer of its own.  ``text`` holds the mentions at ``offset`` (or
    ``span`` the phrase both are in)."""
    if m.type != "Country" or before.type not in ("Place", "Organization"):
        return False
    between = (span.text[before.end - offset - span.start : m.start - offset - span.start] if span is not None
               else text[before.end - offset : m.start - offset])
    return bool(re.fullmatch(r",\s*", between))


def _arguments(role: str, span: Span, text: str, offset: int, mentions: list[Mention], kb: KnowledgeBase,
               give: bool = True):
    if role == "items":
        items = _inside(span, offset, mentions, ("Item",))
        if items:
            return [("items", Argument.of(m)) for m in items]
        head = offset + span.head_at
        named = [m for m in _inside(span, offset, mentions, PARTIES + ("Place", "Vessel", "Flight"))
                 if m.start <= head < m.end]
        if named:
            # a name is not goods: "offered SHIG an ESIB receiver", "sold Iran missiles" name who gets them
            return [("recipient", Argument.of(m)) for m in named if m.type in PARTIES and give]
        if re.search(r"[A-Za-z]", span.text) and len(span.text) <= 80 and not _MONEY.search(span.text):
            return [("items", Argument(span.text, None, "Item"))]
        return []
    if role == "quantity":
        found = _inside(span, offset, mentions, ("Quantity",))
        return [("quantity", Argument.of(m)) for m in found] or [("quantity", Argument(span.text, None, "Quantity"))]
    if role == "carrier":
        found = _inside(span, offset, mentions, ("Vessel", "Flight", "Organization"))
        return [("carrier", Argument.of(m)) for m in found if m.type != "Organization" or _airline(m, kb)]
    if role in PLACE_ROLES:
        found = [m for m in _inside(span, offset, mentions, ("Place", "Country", "Organization"))
                 if _not_marking(m, text, offset) and not _qualifies_place(m, span, offset)]
        out = []
        for m in found:
            if m.type == "Organization":  # "from firm X": a party, not a place
                out.append(("supplier" if role == "origin" else role, Argument.of(m)))
            else:
                out.append((role, Argument.of(m)))
        if not out and span.proper and role != "origin":
            out.append((role, Argument(span.text, None, "Place")))
        return out
    # parties
    found = [m for m in _inside(span, offset, mentions, PARTIES + ("Place",)) if _not_marking(m, text, offset)]
    head = offset + span.head_at
    heads = [m for m in found if m.start <= head < m.end]
    if span.party_noun and not heads:
        countries = [m for m in found if m.type == "Country"]
        if span.head in _STATE_NOUNS:
            return [(role, Argument.of(m)) for m in countries] or [(role, Argument(span.text, None, "Organization"))]
        if countries:
            m = countries[0]
            return [(role, Argument(text[m.start - offset : span.end], m.key, "Organization"))]
        return [(role, Argument(part, None, "Organization")) for part in _conjuncts(span.text)]
    if heads or (found and span.head_at < 0):
        out = []
        for m in found:
            if m.type == "Place":
                out.append(("destination" if role == "recipient" else "origin" if role == "supplier" else role,
                            Argument.of(m)))
            elif not _possessor(m, found, text, offset):
                out.append((role, Argument.of(m)))
        return out
    if span.proper and not found and len(span.text) <= 60 and re.match(r"[A-Z][\w.&'’ -]*$", span.text) \
            and not _REDACTED.search(span.text):
        return [(role, Argument(span.text, None, "Organization"))]
    named = _name_after_demonym(span, found)
    return [(role, Argument(named, None, "Organization"))] if named else []


def _name_after_demonym(span: Span, found: list[Mention]) -> str | None:
    """"Dutch electronics manufacturer Philips": a name the NER missed at the head of the phrase, after a
    demonym that only says whose firm it is; the name is the party."""
    if not span.proper or not found or any(m.attributes.get("role") != "adjective" for m in found):
        return None
    name = re.search(r"(?<![\w-])[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}$", span.text)
    if name is None or _REDACTED.search(name.group()) or any(m.text in name.group() for m in found):
        return None
    return name.group()


def _conjuncts(text: str) -> list[str]:
    """"terrorist groups and other non-state actors": each group named is a party of its own."""
    return [part for part in _COORDINATION.split(text) if re.search(r"[A-Za-z]", part)] or [text]


_COORDINATION = re.compile(r",?\s+(?:and|or)\s+|,\s*")


def _qualifies_place(m: Mention, span: Span, offset: int) -> bool:
    """"from the Spanish port of Castillon": the demonym says whose the port is; the place is the port."""
    head = offset + span.head_at
    return m.attributes.get("role") == "adjective" and not (m.start <= head < m.end)


def _possessor(m: Mention, found: list[Mention], text: str, offset: int) -> bool:
    """"Iran's DIO": Iran qualifies the party after it."""
    after = text[m.end - offset : m.end - offset + 4]
    return bool(re.match(r"(?:'s|’s)\s", after)) and any(o.start > m.end for o in found)


def _not_marking(m: Mention, text: str, offset: int) -> bool:
    before = text[max(0, m.start - offset - 30) : m.start - offset]
    return not _MARKING_BEFORE.search(before)


def _airline(m: Mention, kb: KnowledgeBase) -> bool:
    entity = kb.entity_by_id.get((m.key or "").removeprefix("entity:"))
    return bool(entity and entity.attributes.get("kind") == "airline")


def _tidy(args: dict[str, list[Argument]]) -> None:
    # a party both gives and gets: the clause tells an onward leg; keep it as supplier
    suppliers = {a.key or a.text for a in args["supplier"]}
    args["recipient"] = [a for a in args["recipient"] if (a.key or a.text) not in suppliers]
    # "from North Korea" with no other supplier: the state of origin supplies
    if not args["supplier"] and any(a.type == "Country" for a in args["origin"]):
        args["supplier"] = [a for a in args["origin"] if a.type == "Country"][:1]
    if args["end_user"] and not args["recipient"]:
        args["recipient"], args["end_user"] = args["end_user"], []
    seen: set[str] = set()
    items = []
    for a in args["items"]:
        key = " ".join(a.text.lower().split())
        if key not in seen:
            seen.add(key)
            items.append(a)
    args["items"] = items


__all__ = ["frame_events", "parsed", "readings", "text_for_parser"]
