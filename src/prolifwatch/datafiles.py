"""Reading the data files that ship in a package's ``data/`` folder.

Word lists, cue lists and rule tables are data beside the code that uses
them; every stage reads them the same way: ``#`` starts a comment line,
blank lines are skipped.
"""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def data_text(package: str, name: str) -> str:
    """The text of ``data/<name>`` in ``package`` (``name`` may hold a sub-folder)."""
    return (resources.files(package) / "data" / name).read_text(encoding="utf-8")


def data_lines(package: str, name: str) -> list[str]:
    """The stripped lines of a word list, without blanks and ``#`` comments."""
    return [line.strip() for line in data_text(package, name).splitlines()
            if line.strip() and not line.startswith("#")]


def data_pairs(package: str, name: str) -> list[tuple[str, str]]:
    """The first two tab-separated columns of each line of a ``.tsv`` list."""
    return [(parts[0], parts[1]) for parts in (line.split("\t") for line in data_lines(package, name))]


def data_yaml(package: str, name: str) -> Any:
    return yaml.safe_load(data_text(package, name))
