"""Instructions in a Department cable: who is told to act, and the talking points they deliver.

A cable that instructs ("Post is requested to approach the ROKG", "Washington requests
Embassy Madrid approach ...", "Posts should deliver the points below") names the office that
will act.  In its talking points the first person ("We urge you to investigate") speaks
through that office, and the second person ("you", "your government") is the government
it addresses; an instruction without a subject ("-- Urge the German government") is the
office's own act.  The gold guideline (tests/data/gold/README.md) gives such acts the actor
``Post`` or the office named.  The words are in ``data/actions.yaml`` (``instructions``).
A bullet opening with a verb ("-- Urge host governments to share") is read from its words, as
the parser often takes the verb for an adjective or a name.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from .action_verbs import ActionWords, asks_for_text
from .event import Argument, Event

DATA = resources.files(__package__) / "data"

FIRST_PERSON = {"we", "us"}
# the word opening a talking-point bullet ("-- Urge host governments", "-- Please deliver")
BULLET = re.compile(r"(?:^|\n)\W*?(?:\d+\.\s*)?(?:\([A-Z/ ]+\)\s*)?(?:-+|\u2022|\*)\s*(?:[Pp]lease\s+)?([A-Z][a-z]+)\b")
# whom a talking point addresses ("Urge host countries", "Request that partners")
_ADDRESSEES = {"official", "officials", "government", "governments", "minister", "ministry", "side", "delegation",
               "delegations", "embassy", "counterpart", "counterparts", "interlocutor", "interlocutors", "authority",
               "authorities", "leader", "leaders", "director", "secretary", "ambassador", "team", "representative",
               "officer", "officers", "staff", "contact", "contacts", "military", "country", "countries", "partner",
               "partners", "firm", "firms", "company", "companies"}
SECOND_PERSON = re.compile(r"\byour\s+(?:government|authorities|country|countries|officials)\b|\byou\b", re.I)


@lru_cache(maxsize=1)
def _instruction_patterns() -> tuple[re.Pattern, ...]:
    data = yaml.safe_load((DATA / "actions.yaml").read_text(encoding="utf-8"))["instructions"]
    office = "(?P<office>" + "|".join(data["offices"]) + ")"
    told = "|".join(data["told"])
    acts = "|".join(data["acts"])
    return (
        re.compile(rf"\b{office}\s+(?:is|are)\s+(?:{told})\b"),  # "Post is requested to approach"
        re.compile(rf"\b(?:{'|'.join(data['instructing'])})\s+(?:that\s+)?{office}\b"),  # "requests Embassy Madrid"
        re.compile(rf"\b{office}\s+(?:should|must|may)\s+(?:also\s+)?(?:{acts})\b"),  # "Post should deliver"
    )


def instructed_office(text: str) -> str | None:
    """The office a cable instructs to act ("Post", "Posts", "Embassy Madrid"), or None
    when the cable gives no instruction."""
    found = [m for pattern in _instruction_patterns() for m in pattern.finditer(text)]
    if not found:
        return None
    return " ".join(min(found, key=lambda m: m.start()).group("office").split())


def speaks_for_office(verb, actor_texts: list[str]) -> bool:
    """Whether a talking point's verb is the first person speaking now ("We urge you",
    "We request that your government"), not telling what was done ("we informed you")."""
    if not actor_texts or any(t.lower() not in FIRST_PERSON for t in actor_texts):
        return False
    return verb.tag_ in ("VBP", "VB") or any(ch.dep_ == "aux" and ch.lower_ in ("would", "will")
                                              for ch in verb.children)


def addressed(sentence: str) -> str | None:
    """The second person a talking point addresses ("your government", "you"), as printed."""
    m = SECOND_PERSON.search(sentence)
    return m.group() if m else None


def bullet_verbs(text: str, doc, w: ActionWords) -> list:
    """The verbs opening the talking-point bullets of a sentence ("-- Urge host governments", "--
    Inform the GOT that", "-- Please deliver"; the splitter may join bullets into one sentence),
    each in the base form of an action verb.  Read on the sentence as printed: the parser's copy has
    the dashes blanked."""
    out = []
    for m in BULLET.finditer(text):
        word = m.group(1).lower()
        if word in w.kind_of or word in w.reporting:
            out.extend(t for t in doc if t.idx == m.start(1))
    return out


def bullet_act(verb, s, w: ActionWords, instructed: str | None) -> Event:
    """The act of a talking-point bullet: the office told to deliver it acts; the counterpart is the
    party named right after the verb ("Urge the German government", "Emphasize to French officials"),
    none when what follows is what is said ("Stress that IRISL ...")."""
    word = verb.lower_
    kind = w.kind_of.get(word, "demarche")  # "Inform", "Tell", "Remind": our side telling theirs
    if word in ("urge", "encourage") and asks_for_text(s.text[verb.idx:]):
        kind = "request"
    counterpart = [a for a in [_following_party(verb, s)] if a]
    event = Event("diplomatic_action", s.evidence, {"actor": [Argument(instructed or "Post", None, "Role")],
                                                    "counterpart": counterpart},
                  kind=kind, confidence=0.6 if counterpart else 0.4)
    event.features = {"lemma": word, "said": False, "actor": True, "counterpart": bool(counterpart),
                      "imperative": True, "ours": True, "dep": "bullet", "plain": False}
    return event


def _following_party(verb, s) -> Argument | None:
    """The noun phrase right after the verb (or after "to"), when it names a party."""
    doc = verb.doc
    first = verb.i + 1 + (verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "to")
    # the chunk may open with the verb itself, read as an adjective ("Urge host governments")
    chunk = next((ch for ch in doc.noun_chunks if ch.start <= first < ch.end
                  or ch.start == first + 1 and doc[first].is_punct), None)
    if chunk is None:
        return None
    words = [t for t in chunk if t.i > verb.i and t.pos_ != "DET" and not t.is_punct]
    root = chunk.root
    if not words or not (root.pos_ in ("PROPN", "PRON") or root.lemma_.lower() in _ADDRESSEES):
        return None
    start, end = words[0].idx, root.idx + len(root.text)
    text = s.text[start:end].strip()
    inside = [m for m in s.mentions if s.offset + start <= m.start and m.end <= s.offset + end]
    return Argument(text, inside[-1].key, inside[-1].type) if inside else Argument(text, "role:" + text.lower(), "Role")
