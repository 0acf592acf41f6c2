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


def _each(directory: Path, name: str, build) -> list:
    """Build one record per entry; a missing or malformed field names the file and entry."""
    records = []
    for number, entry in enumerate(_entries(directory, name), 1):
        try:
            records.append(build(entry))
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeError(f"{Path(directory) / name}: entry {number}: bad or missing field {exc}") from exc
    return records


def _strings(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _country(e: dict[str, Any]) -> Country:
    return Country(
        id=str(e["id"]),
        name=e["name"],
        tag=str(e["tag"]) if e.get("tag") else None,
        aliases=_strings(e.get("aliases")),
        adjectives=_strings(e.get("adjectives")),
        capital=e.get("capital"),
        source=e.get("source", ""),
    )


def _tag(e: dict[str, Any]) -> SubjectTag:
    return SubjectTag(code=str(e["code"]), meaning=e.get("meaning", ""), source=e.get("source", ""))


def _control_item(e: dict[str, Any]) -> ControlItem:
    return ControlItem(
        regime=str(e["regime"]),
        code=str(e["code"]),
        name=e["name"],
        keywords=tuple(k.lower() for k in _strings(e.get("keywords"))),
        category=str(e["category"]) if e.get("category") is not None else None,
        source=e.get("source", ""),
    )


def _resolution(e: dict[str, Any]) -> Resolution:
    return Resolution(
        number=int(e["number"]),
        year=int(e["year"]) if e.get("year") else None,
        concerns=e.get("concerns"),
        title=e.get("title", ""),
        source=e.get("source", ""),
    )


def _regime(e: dict[str, Any]) -> Regime:
    return Regime(id=str(e["id"]), name=e["name"], aliases=_strings(e.get("aliases")), source=e.get("source", ""))


def _entity(e: dict[str, Any]) -> KnownEntity:
    return KnownEntity(
        id=str(e["id"]),
        type=e["type"],
        name=e["name"],
        aliases=_strings(e.get("aliases")),
        country=e.get("country"),
        attributes=dict(e.get("attributes") or {}),
        source=e.get("source", ""),
    )


def _place(e: dict[str, Any]) -> KnownEntity:
    # places.yaml states the kind of place as a field of its own
    return _entity({**e, "type": "Place", "attributes": {"kind": e["kind"]} if e.get("kind") else {}})


def load_knowledge(directory: str | Path | None = None) -> KnowledgeBase:
    directory = Path(str(directory or DATA))
    return KnowledgeBase(
        countries=_each(directory, "countries.yaml", _country),
        tags=_each(directory, "tags.yaml", _tag),
        control_items=_each(directory, "control_lists.yaml", _control_item),
        resolutions=_each(directory, "resolutions.yaml", _resolution),
        regimes=_each(directory, "regimes.yaml", _regime),
        entities=_each(directory, "entities.yaml", _entity) + _each(directory, "places.yaml", _place),
    )


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The knowledge base shipped in the package, loaded once per process."""
    return load_knowledge()
