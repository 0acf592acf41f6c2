"""A news article's text to an Article: title, date, byline, publisher, story.

News text as users save it is one paragraph per line, with the page's
header (section, headline, date, byline) above the story and chrome (share
links, "See also" lists, newsletter boxes, copyright lines, a closing
quotation) below it.  Paragraph offsets point into the text as given.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..model import Article, Paragraph, RawDocument
from .chrome import is_end_line, is_skip_line
from ..dates import parse_date_line

_BYLINE = re.compile(r"(?:by|By|BY)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\Z")
_SIGNOFF = re.compile(r"[-–—]\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\Z")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<holder>.+?)\.?\Z", re.I)
# "Seoul (AsiaNews) - The Chinese government ..."; "WASHINGTON — Officials ..."
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z .'-]{1,40}?)(?:,\s*[A-Z][a-z]{2}\.? \d{1,2})?"
    r"\s*(?:\((?P<agency>[A-Za-z .]+)\))?\s*[-–—]\s+(?=[A-Z\"“])"
)
_SECTION = re.compile(r"[A-Z][A-Z ]+(?:\s+-\s+[A-Z][A-Z ]+)*\Z")
_PROSE_WORDS = 18


@dataclass
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS


def parse_article(raw: RawDocument) -> Article:
    text = raw.text
    meta = raw.meta
    lines = [ln for ln in _lines(text) if not is_skip_line(ln.text)]
    article = Article(
        title=meta.get("title"),
        published=meta.get("published"),
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        text=text,
        sources=[raw.source],
    )

    # Header: everything above the first line of prose.
    body_start = next((i for i, ln in enumerate(lines) if _is_prose(ln.text)), len(lines))
    for ln in lines[:body_start]:
        if article.published is None and (day := parse_date_line(ln.text)):
            article.published = day.isoformat()
        elif m := _BYLINE.match(ln.text):
            article.author = article.author or m["name"]
        elif _SECTION.match(ln.text) or parse_date_line(ln.text):
            continue
        elif article.title is None:
            article.title = ln.text

    # Story: prose lines until the first chrome line; a sign-off "- Name"
    # or a copyright line also ends it and tells us author and publisher.
    story: list[_Line] = []
    for ln in lines[body_start:]:
        if m := _SIGNOFF.fullmatch(ln.text):
            article.author = article.author or m["name"]
            continue
        if m := _COPYRIGHT.match(ln.text):
            article.publisher = article.publisher or m["holder"].strip()
            break
        if is_end_line(ln.text):
            break
        story.append(ln)

    # The dateline opens the story proper, which may follow a standfirst.
    for ln in story[:3]:
        if m := _DATELINE.match(ln.text):
            article.dateline = m["place"].strip()
            if m["agency"]:
                article.publisher = article.publisher or m["agency"].strip()
            break

    article.paragraphs = [
        Paragraph(index=i, text=ln.text, start=ln.start, end=ln.end) for i, ln in enumerate(story)
    ]
    article.id = meta.get("id") or article_id(article)
    return article


def article_id(article: Article) -> str:
    """A content hash of what the story says, so the same story saved as text
    or as HTML, with different chrome, gets the same id."""
    words = " ".join(p.text for p in article.paragraphs).split()
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    return f"article-{digest[:16]}"
