"""Generic names scoped by country: "the Foreign Ministry" is China's in a Beijing cable.

Every country has a foreign ministry, a parliament, a police; the bare name says
which only with a country.  A mention whose name, without its country words, is
one of ``data/generic_bodies.tsv`` gets the key ``body:SLUG:CC`` (``body:mfa:cn``),
or the knowledge-base entry of that body where there is one: the country is the
one the text names in or just before the mention ("China's Foreign Ministry",
"the Chinese MFA", "Ministry of Foreign Affairs of Japan"), else the country of
the cable's post (``data/station_countries.tsv``, else the country whose capital
the station is).  With no country at all the name is scoped to its document
(``body:mfa:doc-09usnato30``), so it still joins no other country's body.
"""
from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources

from ..cable.ids import station_of
from ..knowledge import KnowledgeBase
from .mention import Mention

DATA = resources.files(__package__) / "data"
SCOPED_TYPES = ("GovernmentBody", "Organization")
NO_COUNTRY = "-"
_LEADING_THE = re.compile(r"^(?:the|The|THE)[ \n]+")
_OF_COUNTRY = re.compile(r"[ \n]+of[ \n]+(?:the[ \n]+)?([A-Z][\w'’]*)")
_CLAUSE_BREAK = re.compile(r"[:;,()\[\]\"“”]|--")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|&")


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _WORDS.findall(text))


class GenericBodies:
    """The generic names, the country words of the knowledge base, and the posts' countries."""

    def __init__(self, kb: KnowledgeBase):
        self.slug_of: dict[tuple[str, ...], str] = {}
        self.absent_in: dict[str, set[str]] = {}
        self.only_in: dict[tuple[str, ...], set[str]] = {}
        self.own_in: dict[tuple[str, ...], set[str]] = {}
        self.otherwise: dict[tuple[str, ...], str] = {}
        self.slug_in: dict[tuple[tuple[str, ...], str], str] = {}
        for row in _rows("generic_bodies.tsv"):
            name, slug, absent, only, own, otherwise, renamed = row + [""] * (7 - len(row))
            words = _words(name)
            self.slug_of[words] = slug
            self.absent_in.setdefault(slug, set()).update(c for c in absent.split(",") if c)
            if only:
                self.only_in[words] = set(only.split(","))
            if own:
                self.own_in[words] = set(own.split(","))
                self.otherwise[words] = otherwise
            for pair in filter(None, renamed.split(",")):
                country, _, other = pair.partition("=")
                self.slug_in[(words, country)] = other
        self.longest = max(len(w) for w in self.slug_of)
        # country words, possessive forms too: "china", "chinese", "prc", "china's"
        self.country_of_words: dict[tuple[str, ...], str] = {}
        for c in kb.countries:
            for name in (c.name, *c.aliases, *c.adjectives):
                words = _words(name)
                if words:
                    self.country_of_words[words] = c.id
                    self.country_of_words[(*words[:-1], words[-1] + "'s")] = c.id
        self.station_country: dict[str, str] = {}
        for c in kb.countries:
            if c.capital:
                self.station_country.setdefault(re.sub(r"[^A-Z]", "", c.capital.upper()), c.id)
        for row in _rows("station_countries.tsv"):
            self.station_country[row[0]] = row[1]
        # The knowledge base's own entries for a country's generic body ("Chinese MFA" is
        # the PRC's Ministry of Foreign Affairs entry): (slug, country) -> entity key.
        self.known: dict[tuple[str, str], str] = {}
        for e in kb.entities:
            if not e.country:
                continue
            for name in (e.name, *e.aliases):
                found = self.split(name)
                if found and found[1] == e.country:
                    self.known.setdefault((found[0], e.country), f"entity:{e.id}")

    def post_country(self, document_id: str | None) -> str | None:
        """The ISO code of the country a cable's post is in; None if unknown or a mission."""
        station = station_of(document_id) if document_id else None
        country = self.station_country.get(station or "")
        return None if country in (None, NO_COUNTRY) else country

    def _country_at(self, words: tuple[str, ...]) -> tuple[str | None, int]:
        """The country named by the longest run of ``words`` from their start, and its length."""
        for n in range(min(4, len(words)), 0, -1):
            country = self.country_of_words.get(words[:n])
            if country:
                return country, n
        return None, 0

    def split(self, name: str) -> tuple[str, str | None] | None:
        """(slug, country or None) when ``name`` is a generic body, its country words aside:
        "Chinese Foreign Ministry" -> ("mfa", "CN"); "Bank Sepah" -> None."""
        words = _words(name)
        if words and words[0] == "the":
            words = words[1:]
        country, n = self._country_at(words)
        words = words[n:]
        if words and words[0] == "the":
            words = words[1:]
        if country is None and len(words) > 2 and words[-2] == "of":  # "Ministry of Foreign Affairs of Japan"
            country = self.country_of_words.get(words[-1:])
            if country:
                words = words[:-2]
        if country is None and len(words) > 3 and words[-3] == "of" and words[-2] == "the":
            country = self.country_of_words.get(words[-1:])
            if country:
                words = words[:-3]
        slug = self.slug_of.get(words)
        if slug and words in self.only_in and country is not None and country not in self.only_in[words]:
            return None  # "the Dutch MEA" is not India's Ministry of External Affairs
        return (slug, country) if slug else None

    def country_before(self, text_before: str) -> str | None:
        """The country named just before a mention: "China's " or "the Chinese "."""
        # only the words since the last punctuation: "-- AFGHANISTAN: MFA Political Director" is France's
        tail = _words(_CLAUSE_BREAK.split(text_before[-60:])[-1])
        tail = tail[:-1] if tail and tail[-1] == "the" else tail
        for n in range(min(4, len(tail)), 0, -1):
            country = self.country_of_words.get(tail[-n:])
            if country:
                return country
        return None

    def country_after(self, text_after: str) -> str | None:
        """The country named just after a mention: "Foreign Ministry of Japan"."""
        of = _OF_COUNTRY.match(text_after)
        return self.country_of_words.get(_words(of.group(1))) if of else None

    def key(self, mention: Mention, text_before: str, text_after: str, post: str | None,
            document: str | None) -> str | None:
        """The scoped key of a generic body, or None when ``mention`` is not one."""
        found = self.split(mention.text)
        if found is None:
            return None
        slug, country = found
        words = _words(_LEADING_THE.sub("", mention.text))
        country = country or self.country_before(text_before) or self.country_after(text_after)
        if country is None and words in self.own_in:
            # "Congress" in a Brasilia cable is Brazil's; in a Tel Aviv cable, the US Congress
            country = post if post in self.own_in[words] else self.otherwise[words] or None
        elif country is None and post and post not in self.absent_in.get(slug, ()):
            country = post
        only = self.only_in.get(words)
        if only and country is None and len(only) == 1:
            country = next(iter(only))  # "MRE" in a State Department cable is still Brazil's
        if only and country not in only:
            return None  # an acronym of one country's body ("MEA": India's) elsewhere means another
        slug = self.slug_in.get((words, country or ""), slug)  # India's "Congress" is its Congress Party
        if country is None:
            scope = "doc-" + re.sub(r"[^a-z0-9]+", "-", (document or "unknown").lower()).strip("-")
            return f"body:{slug}:{scope}"
        return self.known.get((slug, country)) or f"body:{slug}:{country.lower()}"


def scope_mentions(generic: GenericBodies, passages, mentions: list[Mention]) -> list[Mention]:
    """Mentions with each generic body's key scoped to its country (see the module)."""
    if not passages:
        return list(mentions)
    document = passages[0].document
    post = generic.post_country(document)
    texts = {p.index: p for p in passages}
    out = []
    for m in mentions:
        if m.type in SCOPED_TYPES and not (m.key or "").startswith(("entity:", "country:")):
            p = texts.get(m.paragraph)
            before = p.text[: m.start - p.start] if p is not None else ""
            after = p.text[m.end - p.start : m.end - p.start + 40] if p is not None else ""
            key = generic.key(m, before, after, post, document)
            if key is not None:
                m = replace(m, key=key, type="GovernmentBody")
        out.append(m)
    return out
