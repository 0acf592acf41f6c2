"""Diplomatic actions by cue words alone, without the parse: the first cue of the
sentence gives the kind, the first party before it the actor and the first
after it the counterpart.  Used where the parse is not spent (the ``gaps``
scope of bulk loads); ``actions.py`` reads them from the sentence's structure."""
from __future__ import annotations

from .cues import Cues
from .event import Argument, Event
from .mention import Mention


def action_in_sentence(s, c: Cues) -> Event | None:
    if c.any_diplomatic in s.lacks:
        return None
    kind = trigger = None
    for name, pattern in c.diplomatic:
        trigger = pattern.search(s.text)
        if trigger:
            kind = name
            break
    if not kind:
        return None
    parties = [m for m in s.mentions if m.type in ("Person", "Country", "GovernmentBody")]
    roles = [
        Mention("Role", r.group(), s.offset + r.start(), s.offset + r.end(), key="role:" + r.group().lower())
        for r in c.actor_role.finditer(s.text)
    ]
    candidates = sorted(parties + [r for r in roles if not any(r.overlaps(p) for p in parties)], key=lambda m: m.start)
    at = s.offset + trigger.start()
    before = [m for m in candidates if m.end <= at]
    after = [m for m in candidates if m.start >= s.offset + trigger.end()]
    if not before and not after:
        return None
    actor = _subject(before) if before else None
    counterpart = next((m for m in after if actor is None or m.key != actor.key), None)
    args = {
        "actor": [Argument.of(actor)] if actor else [],
        "counterpart": [Argument.of(counterpart)] if counterpart else [],
    }
    return Event("diplomatic_action", s.evidence, args, kind=kind, confidence=0.6 if actor and counterpart else 0.4)


def _subject(before: list[Mention]) -> Mention:
    # The subject is the first party of the clause; a Person beats the
    # country adjective that qualifies someone ("Chinese President Hu").
    people = [m for m in before if m.type in ("Person", "Role")]
    return people[0] if people else before[0]
