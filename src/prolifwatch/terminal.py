"""What reaches the user's terminal: text from documents, lists and file names
is shown, never obeyed.

A document can hold escape sequences (raw, or as ``&#x1b;`` entities the HTML
reader rightly decodes) that clear the screen, retitle the window, recolour
the rest of the session or plant a hidden OSC 8 hyperlink; a file name or a CSV
field can hold ``[/x]``, which Rich would parse as markup and fail on.  So:

- :func:`visible` is the one rule for characters: each one a terminal could
  obey, or that would hide or reorder what is shown, is replaced by its escape
  (``\\x1b``, ``\\u202e``).  Newline and tab stay.
- :class:`SafeConsole` is the choke point: every string and every segment it
  renders passes through :func:`visible`, whatever renderable carried it (our
  tables, Text built anywhere, progress bars), so a new command cannot forget
  it; and markup is off unless a call asks for it, so a value interpolated into
  a message is printed as it is.  Our own styles come from :func:`labelled`
  and ``Text(..., style=...)``.
- :class:`Text` is Rich's Text with :func:`visible` applied on the way in: Rich
  would drop BEL, BS, VT, FF and CR silently (and keep ESC), and a table must be
  measured on the text as shown.
- :func:`json_line` is the same rule for ``--json`` output, lossless.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import rich.text
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

# C0 controls but newline and tab; DEL; C1 controls (U+0080-U+009F: 8-bit CSI,
# OSC and ST, obeyed by some terminals in UTF-8 mode too); the bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder the text
# after them, so "exe.txt" can be shown as "txt.exe" (CVE-2021-42574); and lone
# surrogates (from undecodable file names), which cannot be written as UTF-8 at all.
# The bidi *marks* (U+200E, U+200F, U+061C) stay: they are zero-width, reorder
# only neutral characters next to them, and are in ordinary Arabic and Hebrew text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What json.dumps(ensure_ascii=False) leaves raw: it escapes C0 controls only.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character a terminal would obey, or that would reorder
    or hide what is shown, replaced by its Python-style escape (ESC -> ``\\x1b``).

    Backslashes are not doubled: a document's own ``C:\\temp`` stays readable,
    and applying this twice changes nothing."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def json_line(obj: Any) -> str:
    """One JSON line for stdout: readable UTF-8 (``ensure_ascii=False``), but DEL,
    C1 controls, bidi overrides and lone surrogates as ``\\uXXXX`` escapes (which
    json.dumps leaves raw).  A JSON parser reads back exactly the same values."""
    dumped = json.dumps(obj, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


class Text(rich.text.Text):
    """Rich's Text with :func:`visible` applied to every string put in."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(visible(text), *args, **kwargs)

    def append(self, text: str | rich.text.Text, style: Any = None) -> Text:
        return super().append(visible(text) if isinstance(text, str) else text, style)


def labelled(label: str, message: str, style: str = "red") -> Text:
    """``label`` in ``style``, then the message as plain text: "error: cannot read a[/x]b.pdf"."""
    return Text.assemble((label, style), " ", message)


class SafeConsole(Console):
    """A Rich console that never sends a control character it was given as text.

    Markup is off by default: ``print(f"... {path}")`` prints the path as it
    is.  Styles come from Text objects (or an explicit ``markup=True`` on a
    literal of our own)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(**kwargs)

    def render_str(self, text: str, **kwargs: Any) -> rich.text.Text:
        # Before Rich makes a Text of it: Rich would drop some controls and keep
        # ESC, and a table sizes its columns on what this returns.
        return super().render_str(visible(text), **kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        # The last look at every piece of text, whatever renderable made it;
        # control segments are Rich's own cursor moves (progress bars), kept.
        for segment in super().render(renderable, options):
            if segment.control or not _UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)
