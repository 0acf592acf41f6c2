"""What every FollowTheMoney export must satisfy, shared by the small-store and corpus tests."""
from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model
from followthemoney.exc import InvalidData


def check_ftm_lines(path: Path) -> list[dict]:
    """Each line re-parses with full cleaning to the same entity, validates against
    its schema, has a unique id, and every entity it references is in the file."""
    entities, referenced, problems = [], [], []
    ids: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)   # re-validates and normalises every value
        try:
            proxy.schema.validate(data)
        except InvalidData as exc:
            problems.append(f"line {number} {data['id']}: {exc.errors}")
        if proxy.to_dict()["properties"] != data["properties"]:
            problems.append(f"line {number} {data['id']}: values change when cleaned")
        if data["id"] in ids:
            problems.append(f"line {number}: duplicate id {data['id']}")
        ids.add(data["id"])
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                referenced.extend((data["id"], ref) for ref in proxy.get(prop))
        entities.append(data)
    problems.extend(f"{src} references missing {ref}" for src, ref in referenced if ref not in ids)
    assert not problems, "\n".join(problems[:20])
    return entities
