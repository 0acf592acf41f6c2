"""News articles saved as text or as an HTML page.

Text articles pass through as they are: ``article.parse`` finds the header,
story and chrome.  HTML pages are reduced to the same one-paragraph-per-line
text (headline, date, byline, then each ``<p>``), with what the page's
``<meta>`` tags state kept in ``meta``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ..dates import parse_date_line
from ..model import RawDocument, Source
from .errors import FormatError
from .html_depth import check_nesting

_PROSE_LINE = re.compile(r"^[^\n]{80,}$", re.M)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|p)\b", re.I)


def looks_like_article_text(text: str) -> bool:
    """A date among the first lines and at least three lines of prose."""
    head = [ln for ln in text.split("\n", 40)[:40] if ln.strip()][:12]
    has_date = any(parse_date_line(ln) for ln in head)
    return has_date and len(_PROSE_LINE.findall(text)) >= 3


def looks_like_article_html(head: bytes) -> bool:
    return _HTML.search(head) is not None


def read_text(text: str, source: Source) -> Iterator[RawDocument]:
    if not looks_like_article_text(text):
        raise FormatError("not a news article: no date line and story paragraphs found")
    yield RawDocument(text=text, source=source, kind="article")


_CHROME_TAGS = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button"
_META = {
    "title": ("og:title", "twitter:title", "title"),
    "published": ("article:published_time", "date", "pubdate", "dc.date", "publish-date"),
    "author": ("author", "article:author", "dc.creator"),
    "publisher": ("og:site_name", "publisher", "dc.publisher"),
}


def _meta_values(tree: HTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
        value = (node.attributes.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    out = {}
    for field, keys in _META.items():
        for key in keys:
            if key in found:
                out[field] = found[key]
                break
    if "published" in out:
        day = parse_date_line(out["published"][:10])
        out["published"] = day.isoformat() if day else None
    return {k: v for k, v in out.items() if v}


def read_html(data: bytes, path: str, sha256: str, *, max_nesting: int | None = None) -> Iterator[RawDocument]:
    check_nesting(data, max_nesting)
    tree = HTMLParser(data)
    if tree.body is None:
        raise FormatError("HTML page without a body")
    meta = _meta_values(tree)
    for node in tree.css(_CHROME_TAGS):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    headline = root.css_first("h1") or tree.css_first("h1")
    title = headline.text(strip=True) if headline else (meta.get("title") or "")
    if not title and (node := tree.css_first("title")):
        title = node.text(strip=True)
    paragraphs = [" ".join(p.text().split()) for p in root.css("p")]
    paragraphs = [p for p in paragraphs if p]
    if not any(len(p.split()) >= 18 for p in paragraphs):
        raise FormatError("HTML page holds no article text (no paragraphs of prose)")
    if title:
        meta["title"] = " ".join(title.split())
    lines = [meta.get("title", ""), meta.get("published", "") or ""]
    if meta.get("author"):
        lines.append(f"By {meta['author']}")
    text = "\n\n".join([ln for ln in lines if ln] + paragraphs) + "\n"
    yield RawDocument(text=text, source=Source(path, "article-html", sha256), kind="article", meta=meta)
