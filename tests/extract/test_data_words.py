"""The word lists in ``extract/data/*.yaml`` hold words: YAML 1.1 reads a bare ``on``, ``no``, ``yes``
or ``off`` as a boolean, which once made "on the vessel" and "call on" silently never match."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "prolifwatch" / "extract" / "data"


def booleans(node, where="") -> list[str]:
    if isinstance(node, bool):
        return [where]
    if isinstance(node, dict):
        return [w for k, v in node.items()
                for w in ([f"{where}/{k} (key)"] if isinstance(k, bool) else []) + booleans(v, f"{where}/{k}")]
    if isinstance(node, list):
        return [w for i, v in enumerate(node) for w in booleans(v, f"{where}[{i}]")]
    return []


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_no_word_is_read_as_a_boolean(path):
    assert booleans(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_the_check_sees_a_bare_on():
    assert booleans(yaml.safe_load("call: [on, for]\non: [vessel]")) == ["/call[0]", "/True (key)"]
