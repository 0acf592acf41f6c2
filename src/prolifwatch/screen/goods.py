"""Goods descriptions to control-list items (MTCR, NSG, Wassenaar, Australia Group, CWC).

The knowledge base gives each item keyword phrases.  A phrase found whole in
the description (word-bounded, case and hyphens ignored: "flow-forming" =
"flow forming") is strong evidence, the more so the longer it is; a phrase
whose words all occur but apart ("forming machine for cold flow") is weaker.
A model number such as "3GFF-700" says nothing about the category and is
ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick

from ..knowledge import KnowledgeBase, default_knowledge

_WORD = re.compile(r"[a-z0-9]+")
# Confidence of a whole-phrase match by the phrase's number of words.
PHRASE_CONFIDENCE = {1: 0.6, 2: 0.85}
LONG_PHRASE_CONFIDENCE = 0.95
SCATTERED_CONFIDENCE = 0.5
MIN_SCATTERED_WORDS = 2
ANY_ITEM = "General"  # the knowledge base's catch-all for unspecified dual-use goods


def _words(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(text.lower())]


def _singular(word: str) -> str:
    # "machines" and "machine" are the same goods; "gas" and "process" are not plurals
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@dataclass
class GoodsMatch:
    item_key: str  # "MTCR 3.B.3"
    regime: str
    code: str
    name: str
    confidence: float
    keywords: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"item": self.item_key, "regime": self.regime, "code": self.code, "name": self.name,
                "confidence": self.confidence, "keywords": self.keywords}


class GoodsClassifier:
    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb or default_knowledge()
        self._automaton = ahocorasick.Automaton()
        self._phrases: dict[str, list[tuple[str, str]]] = {}  # normalised phrase -> [(item key, keyword)]
        for item in self.kb.control_items:
            if item.regime == ANY_ITEM:
                continue
            for keyword in item.keywords:
                phrase = " ".join(_words(keyword))
                owners = self._phrases.setdefault(phrase, []) if phrase else []
                if phrase and item.key not in (key for key, _ in owners):  # "machine"/"machines": one phrase
                    owners.append((item.key, keyword))
        for phrase, owners in self._phrases.items():
            self._automaton.add_word(f" {phrase} ", (phrase, owners))
        self._automaton.make_automaton()

    def classify(self, description: str, *, limit: int = 5) -> list[GoodsMatch]:
        words = _words(description)
        text = f" {' '.join(words)} "
        found: dict[str, GoodsMatch] = {}
        whole: set[str] = set()
        for _, (phrase, owners) in self._automaton.iter(text):
            whole.add(phrase)
            length = len(phrase.split())
            self._add(found, owners, PHRASE_CONFIDENCE.get(length, LONG_PHRASE_CONFIDENCE))
        present = set(words)
        for phrase, owners in self._phrases.items():
            parts = phrase.split()
            if phrase not in whole and len(parts) >= MIN_SCATTERED_WORDS and present.issuperset(parts):
                self._add(found, owners, SCATTERED_CONFIDENCE)
        ranked = sorted(found.values(), key=lambda m: (-m.confidence, -len(m.keywords), m.item_key))
        return ranked[:limit]

    def _add(self, found: dict[str, GoodsMatch], owners: list[tuple[str, str]], confidence: float) -> None:
        for key, keyword in owners:
            item = self.kb.item_by_key[key]
            match = found.setdefault(key, GoodsMatch(key, item.regime, item.code, item.name, 0.0))
            match.confidence = max(match.confidence, confidence)
            if keyword not in match.keywords:
                match.keywords.append(keyword)
