"""Entity-to-entity edges read off one event's arguments (rules in data/graph_edges.yaml).

Pure: no store access, so the neighbourhood query and the whole-store export
derive the same edges from the same events.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ..datafiles import data_yaml



@dataclass(frozen=True)
class EdgeRule:
    kind: str
    event_type: str
    from_roles: tuple[str, ...]   # the first non-empty one is used
    to_roles: tuple[str, ...]     # all of them


@cache
def edge_rules() -> tuple[EdgeRule, ...]:
    raw = data_yaml(__package__, "graph_edges.yaml")
    return tuple(
        EdgeRule(r["kind"], r["event_type"], tuple(r["from"]), tuple(r["to"])) for r in raw
    )


def rule_roles(event_type: str | None = None) -> frozenset[str]:
    """Every argument role some rule reads (for one event type, or all)."""
    return frozenset(
        role for rule in edge_rules() if event_type in (None, rule.event_type)
        for role in rule.from_roles + rule.to_roles
    )


def event_edges(event_type: str, arguments: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(source key, kind, target key) for one event, given its (role, key) arguments.
    Self-loops (an entity supplying itself after resolution) are left to the caller,
    which sees entities rather than keys."""
    by_role: dict[str, list[str]] = {}
    for role, key in arguments:
        if key and key not in by_role.setdefault(role, []):
            by_role[role].append(key)
    seen: set[tuple[str, str, str]] = set()
    for rule in edge_rules():
        if rule.event_type != event_type:
            continue
        sources = next((by_role[r] for r in rule.from_roles if by_role.get(r)), [])
        for source in sources:
            for role in rule.to_roles:
                for target in by_role.get(role, []):
                    edge = (source, rule.kind, target)
                    if source != target and edge not in seen:
                        seen.add(edge)
                        yield edge
