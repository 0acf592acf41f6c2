"""Read the knowledge-base YAML files into :class:`KnowledgeBase` records.

A malformed entry is an error naming the file and the entry: the knowledge
base ships with the package, so a bad file is a bug to fix, not input to skip.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .base import (
    ControlItem,
    Country,
    KnownEntity,
    KnowledgeBase,
    Regime,
    Resolution,
    SubjectTag,
)

DATA = resources.files(__package__) / "data"


class KnowledgeError(ValueError):
    pass


def _entries(directory: Path, name: str) -> list[dict[str, Any]]:
    path = Path(directory) / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or []
    if not isinstance(data, list):
        raise KnowledgeError(f"{path}: expected a list of entries")
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise KnowledgeError(f"{path}: entry {number} is not a mapping")
    return data


def _strings(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def load_knowledge(directory: str | Path | None = None) -> KnowledgeBase:
    directory = Path(str(directory or DATA))
    countries = [
        Country(
            id=str(e["id"]),
            name=e["name"],
            tag=str(e["tag"]) if e.get("tag") else None,
            aliases=_strings(e.get("aliases")),
            adjectives=_strings(e.get("adjectives")),
            capital=e.get("capital"),
            source=e.get("source", ""),
        )
        for e in _entries(directory, "countries.yaml")
    ]
    tags = [
        SubjectTag(code=str(e["code"]), meaning=e.get("meaning", ""), source=e.get("source", ""))
        for e in _entries(directory, "tags.yaml")
    ]
    items = [
        ControlItem(
            regime=str(e["regime"]),
            code=str(e["code"]),
            name=e["name"],
            keywords=tuple(k.lower() for k in _strings(e.get("keywords"))),
            category=str(e["category"]) if e.get("category") is not None else None,
            source=e.get("source", ""),
        )
        for e in _entries(directory, "control_lists.yaml")
    ]
    resolutions = [
        Resolution(
            number=int(e["number"]),
            year=int(e["year"]) if e.get("year") else None,
            concerns=e.get("concerns"),
            title=e.get("title", ""),
            source=e.get("source", ""),
        )
        for e in _entries(directory, "resolutions.yaml")
    ]
    regimes = [
        Regime(id=str(e["id"]), name=e["name"], aliases=_strings(e.get("aliases")), source=e.get("source", ""))
        for e in _entries(directory, "regimes.yaml")
    ]
    entities = [
        KnownEntity(
            id=str(e["id"]),
            type=e["type"],
            name=e["name"],
            aliases=_strings(e.get("aliases")),
            country=e.get("country"),
            attributes=dict(e.get("attributes") or {}),
            source=e.get("source", ""),
        )
        for e in _entries(directory, "entities.yaml")
    ]
    entities += [
        KnownEntity(
            id=str(e["id"]),
            type="Place",
            name=e["name"],
            aliases=_strings(e.get("aliases")),
            country=e.get("country"),
            attributes={"kind": e.get("kind")} if e.get("kind") else {},
            source=e.get("source", ""),
        )
        for e in _entries(directory, "places.yaml")
    ]
    return KnowledgeBase(countries, tags, items, resolutions, regimes, entities)


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The knowledge base shipped in the package, loaded once per process."""
    return load_knowledge()
