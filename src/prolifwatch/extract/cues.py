"""The cue words of the event finders, compiled from ``data/events.yaml``."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .cuewords import Prepared, Words, phrase

DATA = resources.files(__package__) / "data"


class Cues:
    def __init__(self, data: dict[str, Any]):
        prepared = self.prepared = Prepared()  # shared: one sentence is searched for many lists

        def words(ws: list[str], *, case_sensitive: bool = False) -> Words:
            return Words(ws, prepared, case_sensitive=case_sensitive)

        self.trigger = words(data["transfer_triggers"])
        self.not_trigger = words(data["not_transfer_triggers"])
        self.goods = words(data["goods_words"])
        self.goods_as_items = words(data["goods_as_items"])
        self.default_status: str = data["default_status"]
        self.generic = words(data["generic"])
        self.refers_back = words(data["refers_back"])
        self.new_consignment = words(data["new_consignment"])
        self.route = words(data["route_words"])
        self.status = [(name, words(ws)) for name, ws in data["status"].items()]
        self.hedging = [(name, words(ws)) for name, ws in data["hedging"].items()]
        self.roles = {
            role: re.compile(r"(?:^|\W)(?:" + "|".join(map(phrase, ws)) + r")\W+(?:(?:the|an?|its)\W+)?$", re.I)
            for role, ws in data["roles"].items()
        }
        self.addressed = re.compile(r"(?:^|\W)(?:" + "|".join(map(phrase, data["addressed_after"])) + r")\W+(?:the\W+)?$", re.I)
        self.not_a_party = re.compile(r"^[\s-]*(?:(?:was|is|are|were|remains?|has been)\s+)?(?:"
                                      + "|".join(map(phrase, data["not_a_party_before"])) + r")\b", re.I)
        self.not_a_route = re.compile(r"\b(?:" + "|".join(map(phrase, data["not_a_route_before_from"])) + r")\s+from\W+$", re.I)
        self.group = re.compile(r"^\s+(?:" + "|".join(map(phrase, data["group_nouns"])) + r")\b", re.I)
        self.origin_adjective = re.compile(r"^-(?:origin|made|manufactured|built)\b", re.I)
        acting = data["actions"]  # data/actions.yaml
        self.diplomatic = [(name, words(ws)) for name, ws in acting["diplomatic"].items()]
        self.any_diplomatic = words([w for ws in acting["diplomatic"].values() for w in ws])
        self.actor_role = words(acting["actor_roles"], case_sensitive=True)


def first(patterns: list[tuple[str, Words]], sentence: str) -> str | None:
    return next((name for name, pattern in patterns if pattern.search(sentence)), None)


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = yaml.safe_load((DATA / "events.yaml").read_text(encoding="utf-8"))
    data["actions"] = yaml.safe_load((DATA / "actions.yaml").read_text(encoding="utf-8"))
    return Cues(data)
