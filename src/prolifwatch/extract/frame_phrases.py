"""The phrases a transfer frame names, as spans of the sentence: a party's whole name, the goods (followed
through "part of an order of plates", lists, "such as" and numbers), and the goods waiting for a transfer noun.
Split from ``frames.py``, which walks the frame and calls these for each phrase it finds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the frames module imports this one
    from .frames import FrameWords, Reading

_EDGE_PUNCT = ",;:-–—()\"'“”‘’"


@dataclass
class Span:
    start: int
    end: int
    text: str
    head: str = ""  # lemma of the phrase's head
    proper: bool = False  # the head is a proper noun
    party_noun: bool = False  # "the government", "Chinese firms"
    head_at: int = -1  # offset of the head word


def pobj(prep):
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp", "obj")), None)


def phrase(token, w: FrameWords) -> Span | None:
    """The noun phrase headed by ``token``: its left modifiers and the token, with compounds; no
    determiner, possessive or clause."""
    keep = [token]
    for c in token.lefts:
        if name_word(c):
            keep.append(c)
            continue
        if c.dep_ in ("det", "predet", "poss", "case", "punct", "cc", "preconj", "advmod") and c.i == token.left_edge.i:
            continue
        if c.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "quantmod", "punct", "hmod", "hyph"):
            keep.extend(c.subtree)
    keep = [k for k in keep if k.dep_ not in ("det", "predet", "poss", "case") or k.i == token.i or name_word(k)]
    start_i, end_i = min(k.i for k in keep), max(k.i for k in keep)
    doc = token.doc
    while start_i < end_i and doc[start_i].text in _EDGE_PUNCT:
        start_i += 1
    return _span(doc[start_i : end_i + 1], token, w)


def name_word(token) -> bool:
    """"No Dong missiles": a capitalised "No" inside the sentence is the name's first word, not a determiner."""
    return token.lower_ == "no" and token.text[:1].isupper() and token.i > token.sent.start


def party(token, w: FrameWords) -> Span | None:
    """A party's whole span (coordinated names included), for mentions to be looked up in."""
    if token is None or token.pos_ == "PRON":
        return None
    if token.lemma_.lower() in w.not_party_heads:
        return None
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    # a relative clause or apposition after the name is not the name
    cut = next((c.left_edge.i for c in token.rights if c.dep_ in ("relcl", "acl", "appos", "prep") and c.lower_ not in ("of",)), None)
    if cut is not None and cut > token.i:
        span = token.doc[span.start : cut]
    return _span(span, token, w)


def _span(span, head, w: FrameWords) -> Span | None:
    """A phrase of the sentence as a Span, edge punctuation trimmed, described by its head word."""
    text = span.text.strip(_EDGE_PUNCT + " ")
    if not text:
        return None
    start = span.start_char + span.text.find(text)
    return Span(start, start + len(text), text, head.lemma_.lower(), head.pos_ == "PROPN" or head.tag_ == "NNP",
                head.lemma_.lower() in w.party_nouns, head.idx)


def goods(token, r: Reading, w: FrameWords) -> None:
    """What moves: follow "part of an order of plates" to the plates; coordinated goods each."""
    seen = 0
    quantity = None
    while (token.lemma_.lower() in w.quantity_heads or token.like_num) and seen < 3:  # "19 of these missiles"
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = pobj(of) if of is not None else None
        if target is None:
            break
        quantity = quantity or phrase(token, w)
        token, seen = target, seen + 1
    for node in _listed(token):
        lemma = node.lemma_.lower()
        if w.direction(node) and lemma not in w.quantity_heads:
            continue  # "requests for immediate delivery of helicopters": the delivery is a frame of its own
        if node.pos_ == "PRON" or lemma in w.not_goods or node.lower_ in w.not_goods:
            r.features["not_goods"] = 1.0
            continue
        if node.pos_ not in ("NOUN", "PROPN", "NUM", "X", "ADJ"):
            continue
        if r.direction == "ask" and not _countable_goods(node):
            continue  # "a request for a regional expert", "a tender for an assessment": a service, not goods
        said = phrase(node, w)
        if said is None:
            continue
        r.add("items", said)
        numbers = [c for c in node.children if c.dep_ == "nummod"]
        if numbers and quantity is None:
            n = numbers[0]
            quantity = Span(n.idx, n.idx + len(n.text), n.text, n.lemma_)
    if quantity is not None and "quantity" not in r.roles:
        r.add("quantity", quantity)


def _countable_goods(token) -> bool:
    """What a request asks for is goods when it is named, numbered or counted ("NVGs", "9,000 Javelin missiles",
    "additional weapons"); a singular common noun is mostly a service ("an assessment", "a regional expert")."""
    return token.pos_ == "PROPN" or token.tag_ in ("NNS", "NNPS") or any(ch.isdigit() for ch in token.text)


def _listed(token) -> list:
    """The goods a phrase lists: coordinated ("plates and rods"), named after it ("equipment such as measuring
    devices", "materials, including steel", "bullets; grenade launchers"), each once."""
    out, stack = [], [token]
    while stack and len(out) < 12:
        node = stack.pop(0)
        if node in out:
            continue
        out.append(node)
        stack.extend(c for c in node.conjuncts if c.i > node.i)
        for c in node.children:
            if c.dep_ == "appos" and c.i > node.i and not any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children):
                stack.append(c)  # "sodium perchlorate, a chemical precursor": a description, not more goods
            elif c.dep_ == "prep" and (c.lower_ == "including" or c.lower_ == "as" and any(d.lower_ == "such" for d in c.children)):
                target = pobj(c)
                if target is not None:
                    stack.append(target)
    return out


def made_ready(t, w: FrameWords) -> list:
    """"graphite being readied for shipment to Ward", "the aircraft are intended for delivery to": the goods
    are what is readied, awaited or intended for the transfer."""
    verb = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "prep" else t.head if t.dep_ in ("dobj", "obj") else None
    if verb is None or verb.pos_ not in ("VERB", "ADJ") or verb.lemma_.lower() not in w.made_ready:
        return []
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return [c for c in verb.children if c.dep_ in ("nsubjpass",) or c.dep_ == "nsubj" and verb.pos_ == "ADJ"]


def cut_trigger(r: Reading) -> None:
    """"previously purchased deck cranes": the goods are what follows the transfer word."""
    kept = []
    for span in r.roles.get("items", []):
        if span.start <= r.trigger.start < span.end:
            rest = span.text[r.trigger.end - span.start :].lstrip()
            if not rest:
                continue
            span = Span(span.end - len(rest), span.end, rest, span.head, span.proper, span.party_noun, span.head_at)
        kept.append(span)
    if "items" in r.roles:
        r.roles["items"] = kept
