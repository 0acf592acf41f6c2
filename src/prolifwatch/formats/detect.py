"""Name the layout of a file from its content, not its extension.

Order matters: the binary and markup layouts are recognised from their first
bytes; the text layouts are told apart by the wrapping around the cable, the
most specific first, and a plain cable or a news article last.
"""
from __future__ import annotations

from . import article, cable_text, cables_csv, pdf, plusd_html, wikileaks_html
from .decode import decode_bytes, looks_binary
from .errors import FormatError

HEAD_BYTES = 8192

# (layout, sniff on decoded text) for text files, most specific first.
_TEXT_LAYOUTS = (
    ("scraped-cable-text", cable_text.looks_like_scraped),
    ("cable-search-export", cable_text.looks_like_search_export),
    ("cable-preamble-text", cable_text.looks_like_preamble),
    ("wikileaks-page-text", cable_text.looks_like_wikileaks_page_text),
    ("plain-cable-text", cable_text.looks_like_plain_cable),
    ("article-text", article.looks_like_article_text),
)


def detect_layout(head: bytes, text: str | None = None) -> str:
    """The layout name for a file whose first bytes are ``head``.

    ``text`` is the decoded file when the caller has it; the text layouts
    need more than the head to be told apart.  Raises FormatError naming
    why nothing fits.
    """
    if not head.strip():
        raise FormatError("empty file")
    if pdf.looks_like(head):
        return "cable-pdf"
    if looks_binary(head):
        raise FormatError("binary data, not a text, HTML, PDF or CSV document")
    if cables_csv.looks_like(head):
        return "cables-csv"
    if wikileaks_html.looks_like(head):
        return "wikileaks-html"
    if plusd_html.looks_like(head):
        return "plusd-html"
    if text is None:
        text = decode_bytes(head)[0]
    for layout, sniff in _TEXT_LAYOUTS:
        if sniff(text):
            return layout
    if article.looks_like_article_html(head):
        return "article-html"
    raise FormatError("not a cable or article layout ProlifWatch reads")
