"""Diplomatic actions by cue words alone, without the parse: used where the parse is not spent
(the ``gaps`` scope of bulk loads); ``actions.py`` reads them from the sentence's structure.

A lexical reading of the same rules.  Each cue word of a sentence (``data/actions.yaml``,
``diplomatic``) is one act, in the order they come, unless the words just before it say the
act is not done ("should urge", "did not raise", "to raise", "if they raise").  The actor is the
party or pronoun just before the cue ("Rood strongly urged", "he said"; "he" is the last person
named), the counterpart the party right after it ("urged China", "told us", "raised with the
MFA"); what follows a verb of saying is what was said, not whom it was said to.  A verb of
saying gives our side's démarche when we tell someone, and the other side's response when they
tell us or answer; their plain "X said" is a response only after an act of ours in the paragraph.
An act with no actor is not told.
"""
from __future__ import annotations

import re

from .action_verbs import action_words, answers, asks_for_text, speaks_for_us
from .cues import Cues
from .event import Argument, Event
from .mention import Mention
from .talking_points import BULLET

_PARTIES = ("Person", "Country", "GovernmentBody")
_SAYING = {"said", "says", "told", "tell", "explained", "confirmed", "indicated", "advised", "inform", "informed"}
_ANSWERING = {"responded", "responding", "replied", "response", "reply"}
# the words just before a cue that make the act one not done: a modal, a negation, an infinitive, a condition
_NOT_DONE = re.compile(r"\b(?:not|never|should|could|would|can|might|may|must|will|to|if|unless)\W+(?:\w+\W+)?$",
                       re.I)
_STATE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|remains?|remained|when)\W+(?:\w+ly\W+)?$", re.I)
# "the request", "in response": a noun; "Turkey's request" is Turkey's act and kept
_NOUN_BEFORE = re.compile(r"\b(?:a|an|the|this|that|these|those|our|their|his|her|its|any|such|no|of|for|in|by)\W+"
                          r"(?:\w+\W+)?$", re.I)
_WISHED = {"appreciate"}
_STATEMENTS = ("stress", "emphasi", "underscor", "insist")
_PRONOUN_BEFORE = re.compile(r"\b(we|he|she|they|i)\W+(?:\w+ly\W+|also\W+|then\W+|have\W+|has\W+|had\W+){0,2}$", re.I)
_PRONOUN_AFTER = re.compile(r"^\W*(?:(?:to|with)\W+)?(us|you|him|her|them)\b", re.I)
_BETWEEN_AFTER = re.compile(r"^\W*(?:(?:to|with|on|the|a|an|his|her|their|its|our|that)\W+)*$", re.I)
# whom a talking point addresses when no name does ("-- Urge host governments to share")
_ADDRESSEE = re.compile(r"^\s+(?:the\s+)?((?:[A-Za-z-]+\s+){0,3}?(?:governments?|officials|authorities|interlocutors|"
                        r"countries|partners|counterparts|delegations))\b", re.I)
_NEAR = 40  # characters between the actor and the cue ("Acting U/S Rood also strongly urged")


def actions_by_cues(sentences: list, c: Cues, instructed: str | None = None) -> list[Event]:
    """The acts of a paragraph's sentences (``transfers.Sentence``), in order; ``instructed``: the
    office the cable instructs to act, the actor of its talking-point bullets ("-- Urge ...")."""
    out: list[Event] = []
    last_person: Mention | None = None
    answered = False  # their plain "X said" answers only an act of ours before it, once per speaker
    replied: set[str] = set()
    for s in sentences:
        for act in _acts_in_sentence(s, c, last_person, instructed):
            speaker = " ".join(x.key or x.text for x in act.values("actor"))
            if act.features["ours"]:
                answered, replied = True, set()
            elif act.features["plain"]:
                if not answered or speaker in replied:
                    continue
                replied.add(speaker)
            out.append(act)
        people = [m for m in s.mentions if m.type == "Person"]
        if people:
            last_person = people[-1]
    return out


def _acts_in_sentence(s, c: Cues, last_person: Mention | None, instructed: str | None) -> list[Event]:
    if c.any_diplomatic in s.lacks:
        return []
    found = sorted(((m.start(), m.end(), kind) for kind, words in c.diplomatic for m in words.finditer(s.text)))
    parties = _parties(s, c)
    bullets = {m.start(1) for m in BULLET.finditer(s.text)}
    out, seen = [], set()
    for start, end, kind in found:
        office = (instructed or "Post") if start in bullets else None
        act = _act(s, start, end, kind, parties, last_person, office)
        if act is None:
            continue
        key = (act.kind, tuple(a.text for a in act.values("actor")))
        if key not in seen:  # "urged X to ... and pressed": one act
            seen.add(key)
            out.append(act)
    return out


def _act(s, start: int, end: int, kind: str, parties: list[Mention], last_person: Mention | None,
         office: str | None) -> Event | None:
    """The act of one cue; ``office``: the office delivering a talking point the cue opens."""
    w = action_words()
    cue = s.text[start:end].lower()
    before = s.text[max(0, start - 30):start]
    if _NOT_DONE.search(before) and not (cue in _WISHED and re.search(r"\bwould\W+$", before)) \
            or _STATE_BEFORE.search(before) or cue in w.cue_nouns and not _done_by_light_verb(before):
        return None
    actor = Argument(office, None, "Role") if office else _actor(s, start, parties, last_person)
    if actor is None:
        return None
    counterpart = _counterpart(s, end, parties, actor) or (_addressee(s.text[end:]) if office else None)
    ours = speaks_for_us(actor.text, w)
    kind = _kind_by_words(kind, cue, _words_after(s.text, end), ours, bool(counterpart), w)
    plain = False
    if cue in _SAYING:
        if ours:
            kind = "demarche" if counterpart else None  # our side saying something to no one is no act
        elif not (counterpart and speaks_for_us(counterpart.text, w)) and not answers(s.text, w):
            plain = True  # "Saran said ...": a response only where the paragraph holds an act of ours
    elif cue in _ANSWERING and ours and not counterpart:
        kind = None  # our side's turn in a discussion
    elif kind == "demarche" and cue.startswith(("urg", "encourag")) and (not ours or asks_for_text(s.text[end:])):
        kind = "request"  # they urge us to act; we urge them to share what they know
    if kind is None:
        return None
    arguments = {"actor": [actor], "counterpart": [counterpart] if counterpart else []}
    event = Event("diplomatic_action", s.evidence, arguments, kind=kind, confidence=0.6 if counterpart else 0.4)
    event.features = {"lemma": cue, "ours": ours, "plain": plain, "cue_only": True}
    return event


def _parties(s, c: Cues) -> list[Mention]:
    """The sentence's parties: names, and the roles that act without one ("Ambassador", "PolOff")."""
    named = [m for m in s.mentions if m.type in _PARTIES]
    roles = [Mention("Role", r.group(), s.offset + r.start(), s.offset + r.end(), key="role:" + r.group().lower())
             for r in c.actor_role.finditer(s.text)]
    return sorted(named + [r for r in roles if not any(r.overlaps(p) for p in named)], key=lambda m: m.start)


def _actor(s, cue_start: int, parties: list[Mention], last_person: Mention | None) -> Argument | None:
    """The party or pronoun just before the cue."""
    before = s.text[max(0, cue_start - _NEAR):cue_start]
    pronoun = _PRONOUN_BEFORE.search(before)
    if pronoun:
        word = pronoun.group(1)
        if word.lower() in ("he", "she"):
            earlier = [m for m in parties if m.type == "Person" and m.end <= s.offset + cue_start]
            person = earlier[-1] if earlier else last_person
            return Argument.of(person) if person else None
        return Argument(word, None, "Pronoun")
    near = [m for m in parties if s.offset + cue_start - _NEAR <= m.end <= s.offset + cue_start]
    return Argument.of(near[-1]) if near else None


def _counterpart(s, cue_end: int, parties: list[Mention], actor: Argument) -> Argument | None:
    """The party right after the cue ("urged China", "told us", "raised with the MFA")."""
    after = s.text[cue_end:]
    pronoun = _PRONOUN_AFTER.match(after)
    if pronoun:
        return Argument(pronoun.group(1), None, "Pronoun")
    for m in parties:
        if m.start >= s.offset + cue_end and _BETWEEN_AFTER.match(s.text[cue_end:m.start - s.offset]):
            return Argument.of(m) if m.text != actor.text else None
    return None


def _done_by_light_verb(before: str) -> bool:
    """A cue word that can be a noun is an act as a verb, or as the object of a light verb
    ("made numerous follow-up requests", "repeated assurances")."""
    if not _NOUN_BEFORE.search(before):
        return True
    forms = {"made", "gave", "given", "sent"}
    for verb in action_words().light_verbs:
        forms.update((verb, verb + "s", verb + "d", verb + "ed", verb.rstrip("e") + "ed"))
    return any(word in forms for word in re.findall(r"[a-z]+", before.lower())[-3:])


def _words_after(text: str, end: int, n: int = 5) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text[end:end + 60].lower())[:n]


def _kind_by_words(kind: str, cue: str, following: list[str], ours: bool, addressed: bool, w) -> str | None:
    """The checks ``action_verbs.fits`` makes on the parse, made on the words after the cue: "raised"
    a concern or an issue, "expressed" concern (or willingness: an assurance), "presented" a paper,
    "suggested" an act ("suggested holding"), "asked" for something (not "asked whether"); their
    statement to no one ("Sokolov stressed the need") and their "call for" are no acts, and only our
    side "shares" what it knows."""
    near = set(following)
    if cue.startswith("rais"):
        return kind if near & w.raise_objects or "with" in near else None
    if cue.startswith("express"):
        return "assurance" if near & w.willing else "demarche" if near & w.concerns else None
    if cue.startswith("present"):
        return kind if near & (w.raise_objects | w.delivered) else None
    if cue.startswith("suggest"):
        return kind if following and (following[0].endswith("ing") or following[0] == "to") or "should" in near \
            else None
    if cue.startswith("ask") and set(following[:3]) & (w.question_words | {"about"}):
        return None
    if cue.startswith("shar") and not ours:
        return None
    if cue.startswith(_STATEMENTS) and not (ours or addressed):
        return None
    if cue.startswith("call") and not ours:
        return None
    return kind


def _addressee(after: str) -> Argument | None:
    m = _ADDRESSEE.match(after)
    return Argument(m.group(1), "role:" + m.group(1).lower(), "Role") if m else None
