"""``show --sources``: every source of a document and how it differs from the record kept.

Changed words are written the way ``wdiff`` writes them, ``[-kept words-]
{+this source's words+}``, so the difference reads the same in a terminal
(where they are also coloured) and in a file or a pipe.
"""
from __future__ import annotations

from typing import Any

from rich.console import Console

from ...query.versions import CONTEXT_WORDS, FieldDifference, ParagraphDifference, SourceLine, WordChange
from ...terminal import Text

MAX_CHANGES = 8     # changes printed per paragraph; the JSON has them all
MAX_WORDS = 40      # words printed of one changed run or of a paragraph only one version has
INDENT = "     "


def _cut(text: str, words: int = MAX_WORDS) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def _value(value: Any) -> str:
    if value is None or value == []:
        return "(not stated)"
    return " ".join(value) if isinstance(value, list) else str(value)


def _how(diff: FieldDifference, side: str) -> str:
    """" (day, layout)", " (day, declassify-estimate)": how a created date is known."""
    if getattr(diff, side) is None:
        return ""
    qualifiers = diff.model_extra or {}
    how = [qualifiers.get(f"{side}_created_precision"), qualifiers.get(f"{side}_created_source")]
    return f" ({', '.join(h for h in how if h)})" if any(how) else ""


def _source_line(number: int, entry: SourceLine) -> Text:
    line = Text(f"{number:>3}. ", style="bold")
    line.append(entry.path)
    if entry.row:
        line.append(f" row {entry.row}")
    if entry.kept:
        line.append("  [kept record]", style="bold green")
    return line


def _checksums(entry: SourceLine) -> Text:
    text_hash = entry.text_sha256[:12] + "…" if entry.text_sha256 else "unknown"
    return Text(f"{INDENT}{entry.format} · file sha256 {entry.sha256[:12]}… · text sha256 {text_hash}")


def _change(change: WordChange) -> Text:
    # "…" where the paragraph goes on beyond the context words shown
    before, after = change.before, change.after
    text = Text(INDENT + "  " + ("… " if len(before.split()) == CONTEXT_WORDS else "") + before + " " * bool(before))
    if change.kept:
        text.append(f"[-{_cut(change.kept)}-]", style="red")
    if change.source:
        text.append(f"{{+{_cut(change.source)}+}}", style="green")
    return text.append(" " * bool(after) + after + (" …" if len(after.split()) == CONTEXT_WORDS else ""))


def _paragraph(diff: ParagraphDifference) -> list[Text]:
    index = diff.kept_index if diff.kept_index is not None else diff.source_index
    label = diff.number or f"paragraph {(index or 0) + 1} (unnumbered)"
    if diff.status == "only-kept":
        return [Text(f"{INDENT}{label} only in the kept record: ", style="bold") + Text(_cut(diff.kept or ""))]
    if diff.status == "only-source":
        return [Text(f"{INDENT}{label} only in this source: ", style="bold") + Text(_cut(diff.source or ""))]
    changes = diff.changes
    lines = [Text(f"{INDENT}{label} differs ({len(changes)} change{'s' if len(changes) != 1 else ''}):", style="bold")]
    lines += [_change(c) for c in changes[:MAX_CHANGES]]
    if len(changes) > MAX_CHANGES:
        lines.append(Text(f"{INDENT}  (+{len(changes) - MAX_CHANGES} more changes: see --json)"))
    return lines


def _differences(entry: SourceLine) -> list[Text]:
    if entry.kept:
        return []
    if not entry.recorded:
        return [Text(f"{INDENT}what this source said was not kept (stored before versions were recorded)",
                     style="dim")]
    fields, paragraphs = entry.fields, entry.paragraphs
    if entry.same_text:
        head = "same text as the kept record"
    elif paragraphs is None:
        head, paragraphs = "text differs; its paragraphs were not kept", []
    elif not paragraphs:
        head = "text differs only in layout (spacing, ¶ signs, quotes): same paragraphs"
    else:
        head = f"text differs: {len(paragraphs)} paragraph{'s' if len(paragraphs) != 1 else ''} differ"
    lines = [Text(INDENT + head + ("; same fields" if not fields else ""), style="italic")]
    for diff in fields:
        lines.append(Text(f"{INDENT}{diff.field}: ", style="bold")
                     + Text(f"kept {_value(diff.kept)}{_how(diff, 'kept')} · "
                            f"this source {_value(diff.source)}{_how(diff, 'source')}"))
    for diff in paragraphs:
        lines += _paragraph(diff)
    return lines


def print_source_versions(console: Console, entries: list[SourceLine]) -> None:
    console.print(Text(f"\nsources ({len(entries)})", style="bold"))
    for number, entry in enumerate(entries, 1):
        console.print(_source_line(number, entry))
        console.print(_checksums(entry))
        for line in _differences(entry):
            console.print(line)


def versions_json(entries: list[SourceLine]) -> list[dict[str, Any]]:
    """``show --json --sources``' "versions": each source as the typed line, less what it does not
    state (no row outside a CSV; no comparison for the kept record or a source not recorded)."""
    out = []
    for entry in entries:
        data = entry.model_dump()
        if entry.row is None:
            del data["row"]
        if not entry.compared:
            for name in ("same_text", "fields", "paragraphs"):
                del data[name]
        out.append(data)
    return out
