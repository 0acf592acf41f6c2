"""The extract table shows document text as typed, never as Rich markup."""
from __future__ import annotations

from types import SimpleNamespace

from rich.console import Console

from prolifwatch.model import Cable, Paragraph
from prolifwatch.cli.render.extraction import print_extraction


def test_a_mention_that_looks_like_markup_is_printed_as_typed():
    text = "1. (S) SEE [/b] HERE and [red]IRAN MATIN[/red]."
    doc = Cable(id="08STATE1", paragraphs=[Paragraph(0, text, 0, len(text), number="1.")], text=text)
    mentions = [
        SimpleNamespace(paragraph=0, type="Organization", text="[/b] HERE", key=None, source="test"),
        SimpleNamespace(paragraph=0, type="Vessel", text="[red]IRAN MATIN[/red]", key="vessel:iran-matin",
                        source="test"),
    ]
    console = Console(record=True, width=200, color_system=None)
    print_extraction(console, doc, SimpleNamespace(mentions=mentions, events=[]))
    shown = console.export_text()
    assert "[/b] HERE" in shown and "[red]IRAN MATIN[/red]" in shown
    assert "¶1" in shown
