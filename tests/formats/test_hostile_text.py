"""Escape sequences in a page are text: the reader keeps them as they are (the terminal layer
shows them as escapes when it prints); they never crash a reader."""
from __future__ import annotations

from prolifwatch.formats import read_bytes
from tests.conftest import CORPUS


def test_escape_entities_and_raw_escapes_in_a_wikileaks_page_are_kept_faithfully():
    page = next((CORPUS / "wikileaks-html").rglob("*.html")).read_bytes()
    marker = b"&#x000A;"
    assert marker in page
    hostile = page.replace(marker, b"&#x1b;[2J&#x1b;]0;pwned&#x07;\x1b[31m" + marker, 1)
    (doc,) = read_bytes(hostile, "hostile.html")
    assert "\x1b[2J\x1b]0;pwned\x07\x1b[31m" in doc.text


def test_escapes_in_an_article_page_are_kept_faithfully():
    prose = "The consignment of valves was held at the port by customs officers for inspection. " * 2
    page = f"<html><body><h1>T&#x1b;[2Jitle</h1><p>{prose}&#x1b;]8;;http://x&#x1b;\\</p></body></html>"
    (doc,) = read_bytes(page.encode(), "article.html")
    assert doc.meta["title"] == "T\x1b[2Jitle"
    assert "\x1b]8;;http://x\x1b\\" in doc.text
