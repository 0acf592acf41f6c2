"""How the sources of one document differ: field by field, paragraph by paragraph.

``compare(kept, other)`` is pure: it takes two versions as the store keeps
them (``store/versions.py``: ``text_sha256``, ``fields``, ``paragraphs`` as
[printed number, text]) and says what differs.  ``source_lines(reader, id)``
reads a document's versions and compares each source with the kept record,
as typed ``SourceLine``s: ``show --sources`` prints them and the document
page (and its JSON twin) shows them.

Only wording counts as a difference.  Layouts render the same cable with
other line breaks, a "¶" before paragraph numbers (the WikiLeaks pages add it,
also where a paragraph number is cited in running text: "Para ¶6.") or
typographic quotes (’ for ') -- a text hash tells those apart, and so does
``same_text``, but comparing paragraphs ignores them, else every paragraph of
every page/scrape pair would "differ".
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..citations import printed_number
from .context import Reader

# Rendering, not wording: see the module docstring.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_PILCROW = re.compile(r"¶\s*")
CONTEXT_WORDS = 4  # words shown either side of a change


def _words(text: str) -> list[str]:
    return _PILCROW.sub("", text).translate(_QUOTES).split()


# Fields that say how another is known: shown with it, not compared on their own.
QUALIFIERS = {"created": ("created_precision", "created_source")}
_QUALIFYING = {name for names in QUALIFIERS.values() for name in names}


def field_differences(kept: dict[str, Any], other: dict[str, Any]) -> list[dict[str, Any]]:
    """Fields whose values differ; a value one version states and the other
    does not (None, empty list) is a difference too.  A differing created date
    carries each side's precision and source (``kept_created_precision`` ...)."""
    out = []
    for name in [*kept, *(name for name in other if name not in kept)]:
        if name in _QUALIFYING or (kept.get(name) or None) == (other.get(name) or None):
            continue
        entry = {"field": name, "kept": kept.get(name), "source": other.get(name)}
        for qualifier in QUALIFIERS.get(name, ()):
            entry[f"kept_{qualifier}"] = kept.get(qualifier)
            entry[f"source_{qualifier}"] = other.get(qualifier)
        out.append(entry)
    return out


def word_changes(kept: str, other: str) -> list[dict[str, str]]:
    """The runs of words that differ between two paragraph texts, each with a
    few words of the kept text around it."""
    a, b = _words(kept), _words(other)
    changes = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            changes.append({
                "before": " ".join(a[max(0, i1 - CONTEXT_WORDS):i1]),
                "kept": " ".join(a[i1:i2]),
                "source": " ".join(b[j1:j2]),
                "after": " ".join(a[i2:i2 + CONTEXT_WORDS]),
            })
    return changes


def _key(paragraph: list) -> str:
    number, text = paragraph
    key = printed_number(number)  # "¶5." and "5." are one paragraph number
    return f"n:{key}" if key else "t:" + " ".join(_words(text))


def paragraph_differences(kept: list[list], other: list[list]) -> list[dict[str, Any]]:
    """Paragraphs that differ, are missing from one version or only in it.

    Paragraphs are paired by printed number, unnumbered ones by their words;
    where a run of them does not pair up (a number misread, an unnumbered
    paragraph reworded) they are paired in order."""
    out: list[dict[str, Any]] = []

    def entry(i: int | None, j: int | None) -> None:
        k = kept[i] if i is not None else None
        o = other[j] if j is not None else None
        if k is not None and o is not None:
            if _words(k[1]) == _words(o[1]):
                return
            status = "differs"
        else:
            status = "only-kept" if o is None else "only-source"
        out.append({
            "number": (k or o)[0],
            "kept_index": i,
            "source_index": j,
            "status": status,
            "kept": k[1] if k else None,
            "source": o[1] if o else None,
            "changes": word_changes(k[1], o[1]) if status == "differs" else [],
        })

    keys_a, keys_b = [_key(p) for p in kept], [_key(p) for p in other]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        paired = min(i2 - i1, j2 - j1)
        for n in range(paired):
            entry(i1 + n, j1 + n)
        for i in range(i1 + paired, i2):
            entry(i, None)
        for j in range(j1 + paired, j2):
            entry(None, j)
    return out


def compare(kept: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """What ``other`` says that the kept version does not: ``same_text`` (the
    text hashes are equal), ``fields`` and ``paragraphs`` that differ (None:
    ``other`` has no paragraphs to compare)."""
    same_text = kept["text_sha256"] == other["text_sha256"]
    if same_text:
        paragraphs: list | None = []  # the same text gives the same paragraphs: parsing reads nothing else
    elif other["paragraphs"] is None:
        paragraphs = None  # not kept (the store keeps them for every text but the kept one's)
    else:
        paragraphs = paragraph_differences(kept["paragraphs"], other["paragraphs"])
    return {"same_text": same_text, "fields": field_differences(kept["fields"], other["fields"]),
            "paragraphs": paragraphs}


class WordChange(BaseModel):
    before: str                 # up to CONTEXT_WORDS words of the kept text before the change
    kept: str
    source: str
    after: str


class FieldDifference(BaseModel):
    model_config = ConfigDict(extra="allow")   # a differing created date carries each side's precision
    field: str
    kept: Any = None
    source: Any = None


class ParagraphDifference(BaseModel):
    number: str | None          # as printed, of the kept paragraph (else of the source's)
    kept_index: int | None      # its place in the kept record (None: only in this source)
    source_index: int | None    # its place in this source (None: only in the kept record)
    status: str                 # differs | only-kept | only-source
    kept: str | None
    source: str | None
    changes: list[WordChange]


class SourceLine(BaseModel):
    path: str
    format: str
    sha256: str
    row: int | None = None
    kept: bool
    recorded: bool              # false: stored before versions were kept, what it said is unknown
    text_sha256: str | None
    same_text: bool | None = None   # None: not compared (the kept record itself, or not recorded)
    fields: list[FieldDifference] = []
    paragraphs: list[ParagraphDifference] | None = None  # None: not compared, or its paragraphs were not kept

    @property
    def compared(self) -> bool:
        """Whether this source was compared with the kept record (the fields above say how it differs)."""
        return self.recorded and not self.kept


def source_lines(reader: Reader, doc_id: str) -> list[SourceLine] | None:
    """Every source of a stored document (by its stored id), in ingest order: its path, layout,
    file and text checksums, whether its record is the one kept and, for the others, how what it
    said differs from the kept record (``recorded`` is false for a source stored before versions
    were kept: its text is unknown).  None: no such document."""
    found = reader.store.versions(doc_id)
    if found is None:
        return None
    kept, sources = found
    out = []
    for item in sources:
        entry: dict[str, Any] = {**item.source.to_json(), "kept": item.kept, "recorded": item.version is not None,
                                 "text_sha256": item.version["text_sha256"] if item.version else None}
        if item.version is not None and not item.kept:
            entry.update(compare(kept, item.version))
        out.append(SourceLine.model_validate(entry))
    return out
