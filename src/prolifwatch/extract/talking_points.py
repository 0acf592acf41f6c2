"""Instructions in a Department cable: who is told to act, and the talking points they deliver.

A cable that instructs ("Post is requested to approach the ROKG", "Washington requests
Embassy Madrid approach ...", "Posts should deliver the points below") names the office that
will act.  In its talking points the first person ("We urge you to investigate") speaks
through that office, and the second person ("you", "your government") is the government
it addresses; an instruction without a subject ("-- Urge the German government") is the
office's own act.  The gold guideline (tests/data/gold/README.md) gives such acts the actor
``Post`` or the office named.  The words are in ``data/actions.yaml`` (``instructions``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

DATA = resources.files(__package__) / "data"

FIRST_PERSON = {"we", "us"}
# the word opening a talking-point bullet ("-- Urge host governments", "-- Please deliver")
BULLET = re.compile(r"(?:^|\n)\W*?(?:\d+\.\s*)?(?:\([A-Z/ ]+\)\s*)?(?:-+|\u2022|\*)\s*(?:[Pp]lease\s+)?([A-Z][a-z]+)\b")
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
