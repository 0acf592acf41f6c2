"""Safe XML reading for list files: no DTDs, no external entities, no network.

defusedxml refuses entity declarations outright (billion laughs, XXE), so a
hostile file fails with an error instead of reading local files or the net.
Namespaces are dropped from tags: OFAC has published the same layout under
several namespace URIs.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from .model import ListFormatError


def parse_xml(path: Path) -> ET.Element:
    try:
        root = SafeET.parse(str(path), forbid_dtd=True).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        raise ListFormatError(f"{path}: line {line}, column {column}: malformed XML ({exc.msg})") from exc
    except defusedxml.DefusedXmlException as exc:
        raise ListFormatError(f"{path}: refused unsafe XML: {exc}") from exc
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    return root


def text(element: ET.Element | None, path: str) -> str:
    """Stripped text of the child at ``path`` ('' when absent)."""
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def texts(element: ET.Element, path: str) -> list[str]:
    return [(e.text or "").strip() for e in element.findall(path) if e.text and e.text.strip()]
