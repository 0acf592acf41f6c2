"""Name-spelling rules shared by screening and entity resolution (data in ``data/names/``)."""
from __future__ import annotations

from ..datafiles import data_lines, data_pairs

COMPANY_SUFFIXES: frozenset[str] = frozenset(data_lines(__package__, "names/company_suffixes.txt"))
"""Words added to or dropped from the end of a company name that do not tell two parties apart."""

ROMANISATION: list[tuple[str, str]] = data_pairs(__package__, "names/romanisation.tsv")
"""(from, to) spelling folds between romanisations of one sound, applied in order to lower-case ASCII."""
