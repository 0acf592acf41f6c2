"""WikiLeaks cable PDFs: the cable text as pypdf extracts it, with the
rendering's artefacts undone.

What the 14 corpus PDFs show: the text runs on from page to page with no
running header or footer; the renderer puts the paragraph sign on a line of
its own ("¶\\n28. (U) …") and each TAG on its own line ("TAGS: \\nPTER\\n \\nCH");
a partial cable opens with WikiLeaks' notice and an "2000HANOI00686 - CONFIDENTIAL" line.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator

from ..model import RawDocument, Source
from . import library_warnings
from .errors import FormatError
from .library_warnings import one_line

LAYOUT = "cable-pdf"
_PARTIAL = re.compile(
    r"\AThis record is a partial extract of the original cable\.[^\n]*\n"
    r"(?P<id>\d{4}[A-Z]+\d+) - (?P<classification>[A-Z /]+?)[ \t]*\n"
)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_LONE_PILCROW = re.compile(r"^¶[ \t]*\n(?=[ \t]*\d)", re.M)
# "TAGS: " followed by lines that hold one tag each (or are blank), up to SUBJECT.
_BROKEN_TAGS = re.compile(r"^(TAGS:)[ \t]*\n((?:[ \t]*[A-Z][A-Z0-9]{1,5}[ \t]*\n|[ \t]*\n)+?)(?=SUBJECT|SUBJ)", re.M)


def looks_like(head: bytes) -> bool:
    return head.startswith(b"%PDF")


def _join_tags(m: re.Match[str]) -> str:
    return m[1] + " " + " ".join(m[2].split()) + "\n"


def read(data: bytes, path: str, sha256: str) -> Iterator[RawDocument]:
    import pypdf  # imported here: only PDF input pays for it

    with library_warnings.reported_for(path):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:  # pypdf raises many types for broken files
            raise FormatError(f"unreadable PDF: {one_line(str(exc))}") from exc
    text = "\n".join(p.rstrip("\n") for p in pages).replace("\r\n", "\n")
    if not text.strip():
        raise FormatError("PDF without extractable text (a scan?)")
    meta: dict = {}
    if m := _PARTIAL.match(text):
        meta = {"partial": True, "id": m["id"], "classification": m["classification"].strip()}
        text = text[m.end() :]
    text = _LONE_PILCROW.sub("¶", text)
    text = _BROKEN_TAGS.sub(_join_tags, text)
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    yield RawDocument(text=text, source=Source(path, LAYOUT, sha256), meta=meta)
