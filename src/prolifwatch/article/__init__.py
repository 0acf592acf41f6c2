"""News and report parsing: title, date, byline, publisher, story paragraphs."""
from .parse import article_id, parse_article

__all__ = ["article_id", "parse_article"]
