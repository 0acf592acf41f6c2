"""Name-spelling rules shared by screening and entity resolution (data in ``data/names/``)."""
from __future__ import annotations

from importlib import resources


def _data_lines(name: str) -> list[str]:
    text = (resources.files(__package__) / "data" / "names" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


COMPANY_SUFFIXES: frozenset[str] = frozenset(_data_lines("company_suffixes.txt"))
"""Words added to or dropped from the end of a company name that do not tell two parties apart."""

ROMANISATION: list[tuple[str, str]] = [
    (parts[0], parts[1]) for parts in (line.split("\t") for line in _data_lines("romanisation.tsv"))
]
"""(from, to) spelling folds between romanisations of one sound, applied in order to lower-case ASCII."""
