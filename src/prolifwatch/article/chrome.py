"""Recognise page chrome in news articles from the patterns in data/chrome.tsv."""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    groups: dict[str, list[str]] = {"skip": [], "end": []}
    text = files(__package__).joinpath("data/chrome.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, pattern = line.split("\t", 1)
        groups[kind].append(pattern)
    return tuple(  # type: ignore[return-value]
        re.compile(r"(?:%s)\Z" % "|".join(f"(?:{p})" for p in groups[k]), re.I)
        for k in ("skip", "end")
    )


def is_skip_line(line: str) -> bool:
    return _rules()[0].match(line.strip()) is not None


def is_end_line(line: str) -> bool:
    return _rules()[1].match(line.strip()) is not None
