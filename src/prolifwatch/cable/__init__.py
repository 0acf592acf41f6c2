"""Cable parsing: one function per header field, and ``parse_cable`` for all of them.

Each function accepts a whole cable or a fragment of one (a single header
line, a header without its body).
"""
from __future__ import annotations

from .header import parse_classified_by, parse_declassify_on, parse_subject
from .ids import canonical_id, id_from_serial_line, station
from .markings import marking_label, parse_caveat_line, parse_classification, parse_marking
from .paragraphs import parse_paragraphs
from .parse import created_from_dtg, parse_cable
from .references import References, parse_references
from .routing import parse_dtg, parse_from, parse_info_recipients, parse_precedence, parse_recipients
from .signature import parse_signers
from .summary import parse_summary
from .tags import parse_tags

__all__ = [
    "References",
    "canonical_id",
    "created_from_dtg",
    "id_from_serial_line",
    "marking_label",
    "parse_cable",
    "parse_caveat_line",
    "parse_classification",
    "parse_classified_by",
    "parse_declassify_on",
    "parse_dtg",
    "parse_from",
    "parse_info_recipients",
    "parse_marking",
    "parse_paragraphs",
    "parse_precedence",
    "parse_recipients",
    "parse_references",
    "parse_signers",
    "parse_subject",
    "parse_summary",
    "parse_tags",
    "station",
]
