"""Mention components, registered by name and composed by configuration.

A component takes the document's passages and the mentions found so far and
returns the new list.  Finders add mentions; refiners retype or merge them.
Each can be run alone in a test: ``COMPONENTS["gazetteer"](kb)(passages, [])``.
"""
from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ..knowledge import KnowledgeBase
from .bodies import Bodies
from .gazetteer import Gazetteer, shared
from .mention import Mention
from .ner import CONTEXT_SENTENCES, StatisticalNER, ner_windows, restore_case
from .patterns import Patterns
from .prefilter import fold
from .scopes import GenericBodies, scope_mentions
from .shortforms import ShortForms
from .redactions import without_redactions
from .body_cuts import after_coordinated, after_country
from .vessels import join_short_vessels
from .text import bounded, slug


@dataclass(frozen=True)
class Passage:
    """One paragraph of a document, with where it sits in the document text."""

    index: int
    text: str
    start: int
    all_caps: bool = False
    number: str | None = None  # as printed ("¶5.", "5."), carried to the evidence of its events
    document: str | None = None  # the document's id: its post gives generic names their country

    @cached_property
    def folded(self) -> str:
        """The text lower-cased once for every case-insensitive finder."""
        return fold(self.text)


Component = Callable[[list[Passage], list[Mention]], list[Mention]]
COMPONENTS: dict[str, Callable[..., Component]] = {}


def component(name: str):
    def register(factory: Callable[..., Component]) -> Callable[..., Component]:
        COMPONENTS[name] = factory
        return factory

    return register


def _per_passage(finder, *, folded: bool = False) -> Component:
    """Run a paragraph finder on each passage; ``folded`` finders also take the folded text."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        found = list(mentions)
        for p in passages:
            local = finder(p.text, all_caps=p.all_caps, folded=p.folded) if folded else finder(p.text, all_caps=p.all_caps)
            found += [m.shifted(p.start, p.index) for m in local]
        return found

    return run


_GAZETTEERS: dict[int, tuple[Gazetteer, ...]] = {}  # by id() of a knowledge base still alive


def _gazetteers(kb: KnowledgeBase) -> tuple[Gazetteer, ...]:
    """The names and the control-list keywords of ``kb``: one whole-word pass over
    a paragraph serves both components, so they are built together, once per knowledge base."""
    pair = _GAZETTEERS.get(id(kb))
    if pair is None:
        pair = _GAZETTEERS[id(kb)] = shared(
            Gazetteer(kb.names()),
            Gazetteer(kb.item_names(), source="control_items", confidence=0.9, proper_nouns=False),
        )
        weakref.finalize(kb, _GAZETTEERS.pop, id(kb), None)
    return pair


@component("gazetteer")
def gazetteer(kb: KnowledgeBase) -> Component:
    finder = _gazetteers(kb)[0]

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        found = list(mentions)
        for p in passages:
            found += finder(p.text, all_caps=p.all_caps, folded=p.folded, offset=p.start, paragraph=p.index)
        return found

    return run


@component("control_items")
def control_items(kb: KnowledgeBase) -> Component:
    finder = _gazetteers(kb)[1]

    def with_codes(text: str, *, all_caps: bool = False, folded: str | None = None) -> list[Mention]:
        return [
            replace(m, attributes={"codes": [m.key.removeprefix("item:")]})
            for m in finder(text, all_caps=all_caps, folded=folded)
        ]

    return _per_passage(with_codes, folded=True)


@component("patterns")
def patterns(kb: KnowledgeBase) -> Component:
    return _per_passage(Patterns(kb), folded=True)


@component("bodies")
def bodies(kb: KnowledgeBase) -> Component:
    return _per_passage(Bodies())


# Types whose presence makes a paragraph worth the statistical pass.
WORTH_NER = {"Item", "Resolution", "Regime", "Vessel", "Program", "Flight"}


def is_worth_ner(m: Mention) -> bool:
    return m.type in WORTH_NER or (m.key or "").startswith("entity:")


def worth_ner(mentions: list[Mention]) -> set[int]:
    """The paragraphs where the cheap pass found something worth the statistical pass."""
    return {m.paragraph for m in mentions if is_worth_ner(m)}


def by_paragraph(mentions: list[Mention]) -> dict[int, list[Mention]]:
    grouped: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[m.paragraph].append(m)
    return grouped


@component("ner")
def ner(kb: KnowledgeBase, *, only_if_worth_it: bool = True, restore_caps: bool = True,
        context: int | None = CONTEXT_SENTENCES) -> Component:
    """spaCy reads the sentences of a paragraph that hold a mention worth it, with
    ``context`` sentences either side (None: the whole paragraph); every
    paragraph unless ``only_if_worth_it``."""
    model = StatisticalNER(kb)

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        worth = worth_ner(mentions)
        chosen = [p for p in passages if not only_if_worth_it or p.index in worth]
        if not chosen:
            return list(mentions)
        grouped = by_paragraph(mentions)
        windows = [(p, start, text) for p in chosen
                   for start, text in read_by_ner(p, grouped.get(p.index, []), restore_caps,
                                                  context if only_if_worth_it else None)]
        found = list(mentions)
        for (p, start, _), results in zip(windows, model([text for _, _, text in windows])):
            for m in results:
                m = m.shifted(p.start + start, p.index)
                if abbreviates_common_words(p.text, m.start - p.start, m.end - p.start):
                    continue
                found.append(replace(m, text=p.text[m.start - p.start : m.end - p.start]))
        return found

    return run


_LOWER_WORDS_BEFORE_PAREN = re.compile(r"\b[a-z][a-z-]+ [a-z][a-z-]+ ?\($")


def abbreviates_common_words(text: str, start: int, end: int) -> bool:
    """An acronym in brackets right after lower-case words shortens those words, it names no body:
    "liquid poly butadiene rubber (LPBR)" is goods, where "Defense Industries Organization (DIO)" is one."""
    return text[end:end + 1] == ")" and bool(_LOWER_WORDS_BEFORE_PAREN.search(text[max(0, start - 60):start]))


def read_by_ner(p: Passage, inside: list[Mention], restore_caps: bool, context: int | None) -> list[tuple[int, str]]:
    """(offset in the paragraph, text) of each part of ``p`` spaCy reads: the whole
    paragraph if ``context`` is None, else the sentences worth it with ``context`` either side."""
    # a passage may be part of its paragraph (an event's evidence): only the mentions within it
    local = [replace(m, start=m.start - p.start, end=m.end - p.start) for m in inside
             if p.start <= m.start and m.end <= p.start + len(p.text)]
    text = restore_case(p.text, local) if p.all_caps and restore_caps else p.text
    if context is None:
        return [(0, text)]
    windows = ner_windows(text, [m for m in local if is_worth_ner(m)], context)
    return [(start, text[start:end]) for start, end in windows]


_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|via|through|near|outside|into|VIA|IN|AT|THROUGH)|Embassy|EMBASSY)[ \n]+(?:the[ \n]+)?$")
_LOCATIVE_AFTER = re.compile(r"^[ \n]+(?:airport|port|harbou?r|International|AIRPORT|PORT)\b")


@component("capitals")
def capitals(kb: KnowledgeBase) -> Component:
    """A capital names the state ("Beijing does not want") unless it is a place
    ("via Beijing", "the Beijing airport")."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        by_index = {p.index: p for p in passages}
        out = []
        for m in mentions:
            if m.attributes.get("role") == "capital" and m.paragraph in by_index:
                p = by_index[m.paragraph]
                local = m.start - p.start
                before, after = p.text[max(0, local - 20) : local], p.text[local + len(m.text) : local + len(m.text) + 20]
                if _LOCATIVE_BEFORE.search(before) or _LOCATIVE_AFTER.match(after):
                    m = replace(m, type="Place")
            out.append(m)
        return out

    return run


@component("short_forms")
def short_forms(kb: KnowledgeBase) -> Component:
    """Within a document, "Liu" after "AFM Liu Jieyi" is the same person."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        names: dict[str, str] = {}
        for m in mentions:
            # NER persons seed short forms only when they look like full names
            if m.type == "Person" and (m.source != "ner" or (len(m.text.split()) > 1 and not m.text.isupper())):
                key = m.key or person_key(m.text)
                for token in (m.text.split()[0], m.text.split()[-1]):
                    if len(token) >= 2 and token[0].isupper():
                        names.setdefault(token, key)
        if not names:
            return list(mentions)
        scan = ShortForms(names)
        found = list(mentions)
        grouped = by_paragraph(mentions)
        for p in passages:
            matches = list(scan.matches(p.text))
            if not matches:
                continue
            taken = [(m.start - p.start, m.end - p.start) for m in grouped.get(p.index, [])]
            for start, end, match_end in matches:
                if not bounded(p.text, start, match_end) or any(s < end and start < e for s, e in taken):
                    continue
                name = p.text[start:end]
                found.append(Mention("Person", name, p.start + start, p.start + end,
                                     key=names[name], confidence=0.7, source="short_forms",
                                     paragraph=p.index))
        return found

    return run


def person_key(name: str) -> str:
    return "person:" + slug(name)


_KEY_PREFIX = {"Person": "person", "Organization": "org", "GovernmentBody": "body", "Place": "place",
               "Program": "program", "Item": "item", "Vessel": "vessel", "Country": "country",
               "Regime": "regime", "Flight": "flight", "Quantity": "quantity", "Date": "date"}


@component("redactions")
def redactions(kb: KnowledgeBase) -> Component:
    """Redaction marks ("XXXXXXXXXXXX") are no mention (``redactions.py``)."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        return without_redactions(mentions)

    return run


@component("scopes")
def scopes(kb: KnowledgeBase) -> Component:
    """"The Foreign Ministry" keyed with its country (``scopes.py``), before ``keys``."""
    generic = GenericBodies(kb)

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        return scope_mentions(generic, passages, mentions)

    return run


@component("keys")
def keys(kb: KnowledgeBase) -> Component:
    """Mentions no finder could key get one from their text, so the same
    name in two documents shares a key until resolution links it further."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        return [
            m if m.key else replace(m, key=f"{_KEY_PREFIX.get(m.type, m.type.lower())}:{slug(m.text)}")
            for m in mentions
        ]

    return run


@component("vessel_short_forms")
def vessel_short_forms(kb: KnowledgeBase) -> Component:
    """"M/V Matin" after "M/V Iran Matin" in one document is that ship (``vessels.py``); after ``keys``."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        return join_short_vessels(mentions)

    return run


# Finders outrank NER; among equals the longer span wins.
_SOURCE_RANK = {"gazetteer": 3, "control_items": 3, "patterns": 2, "short_forms": 1, "ner": 0}


@component("merge")
def merge(kb: KnowledgeBase) -> Component:
    """One mention per span: join a model number to the item it names, then
    drop overlapping mentions, keeping the strongest."""

    def run(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
        joined = _without_paragraph_heads(passages, _join_models(passages, mentions))
        kept: list[Mention] = []
        for group in _overlapping_runs(joined):
            kept += group if len(group) == 1 else _strongest(group)
        return kept

    return run


def _overlapping_runs(mentions: list[Mention]) -> Iterator[list[Mention]]:
    """The mentions in runs, by start, that overlap one another and no other
    (most mentions stand alone); a run keeps the order of ``mentions``, which
    breaks ties between equally strong mentions."""
    starts = [m.start for m in mentions]
    run: list[int] = []
    run_end = -1
    for i in sorted(range(len(mentions)), key=starts.__getitem__):
        m = mentions[i]
        if run and m.start >= run_end:
            yield [mentions[run[0]]] if len(run) == 1 else [mentions[j] for j in sorted(run)]
            run = []
        run.append(i)
        run_end = max(run_end, m.end) if len(run) > 1 else m.end
    if run:
        yield [mentions[j] for j in sorted(run)]


def _strength(m: Mention) -> tuple:
    # NER last; otherwise the longer span wins ("UN Security Council Resolution 1718"
    # over "UN Security Council"), then the surer finder.
    return m.source != "ner", m.end - m.start, _SOURCE_RANK.get(m.source, 1), m.confidence


def _strongest(run: list[Mention]) -> list[Mention]:
    """The mentions of one overlapping run that no stronger one overlaps, by start."""
    countries_at: dict[int, list[Mention]] = defaultdict(list)
    known_at: dict[int, list[Mention]] = defaultdict(list)
    for m in run:
        if m.type == "Country" and m.source == "gazetteer":
            countries_at[m.start].append(m)
        if m.type in ("Organization", "GovernmentBody") and m.source == "gazetteer":
            known_at[m.start].append(m)
    kept: list[Mention] = []
    for m in sorted(run, key=_strength, reverse=True):
        if m.source == "patterns":  # only a pattern's body can follow a country or be coordinated
            m = after_country(m, countries_at.get(m.start, [])) or after_coordinated(m, known_at.get(m.start, [])) or m
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda k: k.start)


# "¶3. (S/REL CHINA)", "2.(S/NF)": the number and marking are not running text.
_PARAGRAPH_HEAD = re.compile(r"^\s*(?:¶\s*)?(?:\d{1,3}[.)]\s*)?(?:\([A-Z/ ,&-]{1,40}\)\s*)?")


def _without_paragraph_heads(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
    body_start = {p.index: p.start + _PARAGRAPH_HEAD.match(p.text).end() for p in passages}
    return [m for m in mentions if m.start >= body_start.get(m.paragraph, 0)]


def _join_models(passages: list[Passage], mentions: list[Mention]) -> list[Mention]:
    """"3GFF-700" + "cold flow forming machine" -> one Item carrying both."""
    texts = {p.index: p for p in passages}
    models = [m for m in mentions if m.type == "Item" and "model" in m.attributes]
    if not models:
        return list(mentions)
    items = [m for m in mentions if m.type == "Item" and "codes" in m.attributes]
    model_set = set(models)  # hashing keeps the equality test of `m not in models`, without the scan
    out = [m for m in mentions if m not in model_set]
    for model in models:
        p = texts.get(model.paragraph)
        follower = next(
            (i for i in items if i.paragraph == model.paragraph and i.start > model.end
             and p is not None and not p.text[model.end - p.start : i.start - p.start].strip()),
            None,
        )
        if follower is None:
            out.append(model)
            continue
        out.remove(follower)
        out.append(replace(follower, start=model.start, text=p.text[model.start - p.start : follower.end - p.start],
                           attributes={**follower.attributes, "model": model.attributes["model"]}))
    return out
