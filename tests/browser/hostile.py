"""Hostile documents: a news page and a cable whose text holds script, event
handlers, ``javascript:`` links, entities that decode to tags, Rich markup and
ANSI escapes.  Each must be read in its own layout (an HTML article, a plain
cable), so the hostile text reaches the store and the pages as text."""
from __future__ import annotations

from pathlib import Path

MARKER = "zanzibarite"  # a word found in both documents and nowhere in the corpus
SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(2)">'
LINK = '<a href="javascript:window.__pwned=1;alert(3)">click me</a>'
RICH = "[bold red]loud[/]"
ANSI = "\x1b[31mred\x1b[0m"

# The article page's tags are markup (its reader strips script and keeps the
# text of <p>), so the hostile text in it is written as entities: they decode
# to "<script>..." in the document's text, which the web page must show as text.
_ENTITY_SCRIPT = SCRIPT.replace("<", "&lt;").replace(">", "&gt;")
_ENTITY_IMG = IMG.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

ARTICLE_HTML = f"""<!doctype html>
<html><head>
<title>Shipment story</title>
<meta property="og:title" content="Freighter held over {MARKER} cargo {_ENTITY_SCRIPT}">
<meta property="article:published_time" content="2010-11-29T10:00:00Z">
<meta name="author" content="A. Reporter {_ENTITY_IMG}">
<script>window.__pwned = 1; alert("head script");</script>
</head>
<body onload="window.__pwned=1">
<article>
<h1>Freighter held over {MARKER} cargo {_ENTITY_SCRIPT}</h1>
<p>Customs officers in the port held a freighter carrying {MARKER} and
machine tools bound for Iran, officials said on Monday, in a case that
{_ENTITY_SCRIPT} diplomats had followed for months.</p>
<p>The manifest listed {_ENTITY_IMG} and a note reading {RICH} beside
{ANSI} codes, which the shipping agent said was a printing fault of no
importance to anyone at all.</p>
<p>A spokesman pointed reporters to {LINK} and to &lt;a href="javascript:alert(4)"&gt;a
second link&lt;/a&gt; for the ministry's full statement on the seized goods.</p>
<script>window.__pwned = 1; alert("body script");</script>
<img src=x onerror="window.__pwned=1">
</article>
</body></html>
"""

CABLE_ID = "10VALLETTA99"
CABLE_TEXT = f"""UNCLASSIFIED
R 291200Z NOV 10
FM AMEMBASSY VALLETTA
TO SECSTATE WASHDC PRIORITY 0001
UNCLAS VALLETTA 000099

E.O. 12958: N/A
TAGS: ETTC PARM MT
SUBJECT: {SCRIPT} FREIGHTER HELD OVER {MARKER.upper()} CARGO

1. (U) Maltese customs held the freighter carrying {MARKER} consigned
to {IMG} in Tehran; the bill of lading named {LINK} as the
notify party.

2. (U) The agent's e-mail, quoted as received: {SCRIPT} and &lt;script&gt;alert(5)&lt;/script&gt;
{RICH} and {ANSI}; post will report further.
"""


def write_hostile_files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / "freighter.html"
    cable = folder / "valletta.txt"
    article.write_text(ARTICLE_HTML, encoding="utf-8")
    cable.write_text(CABLE_TEXT, encoding="utf-8")
    return article, cable
