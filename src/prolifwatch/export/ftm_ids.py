"""Stable FollowTheMoney entity ids: a readable slug of what the entity is,
plus a hash of the exact value so two values with the same slug stay apart."""
from __future__ import annotations

import hashlib
import re

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def ftm_id(kind: str, value: str) -> str:
    slug = _NOT_SLUG.sub("-", value.lower()).strip("-")[:60].rstrip("-")
    digest = hashlib.sha1(f"{kind}\x00{value}".encode("utf-8")).hexdigest()[:10]
    return f"pw-{kind}-{slug}-{digest}" if slug else f"pw-{kind}-{digest}"


def document_id(doc_id: str) -> str:
    return ftm_id("doc", doc_id)


def entity_id(entity: str) -> str:
    return ftm_id("ent", entity)


def event_id(doc_id: str, idx: int) -> str:
    return ftm_id("event", f"{doc_id}#{idx}")
