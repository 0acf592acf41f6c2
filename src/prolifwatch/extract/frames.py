"""Transfer frames read from the structure of the sentence.

spaCy's dependency parser (in the installed small model; nothing is
downloaded) reads the sentences where the cheap pass found a transfer word.
Each transfer verb or noun gives a *reading*: who hands the goods over and who
gets them (the subject, "by X", "X's", a demonym before the noun, turned round
for buying verbs), what moves (the object, "of Y", "with Y"), and through
where, on what, to and from where (the prepositions below the word, wherever
the parser attached them inside its phrase).  Its status comes from the
words that govern it: modal verbs and prohibitions give no transfer at all,
"plans to" planned, "seized" interdicted, the tense completed or ongoing.

The words are data (``data/frames.yaml``); this module only walks the tree.
A reading's spans are offsets in the sentence it was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .frame_status import read_status

DATA = resources.files(__package__) / "data"
# dependency labels
_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_EDGE_PUNCT = ",;:-–—()\"'“”‘’"
_NOT_INSIDE = ("relcl", "advcl", "ccomp", "parataxis", "appos")


class FrameWords:
    def __init__(self, data: dict):
        def lemmas(ws) -> frozenset[str]:
            return frozenset(w.lower() for w in ws)

        self.verbs = {direction: lemmas(ws) for direction, ws in data["verbs"].items()}
        self.nouns = {direction: lemmas(ws) for direction, ws in data["nouns"].items()}
        self.object_is_recipient = lemmas(data["object_is_recipient"])
        self.verb_status: dict[str, str] = data["verb_status"]
        self.governors = [(status, lemmas(ws)) for status, ws in data["governors"].items()]
        self.performs = lemmas(data["performs"])
        self.brokers = lemmas(data["brokers"])
        self.stoppers = lemmas(data["stop_requests"]["stoppers"])
        self.askers = lemmas(data["stop_requests"]["askers"])
        self.modals: dict[str, str] = data["modals"]
        self.denying = lemmas(data["denying"])
        self.reporting = [(hedge, lemmas(ws)) for hedge, ws in data["reporting"].items()]
        self.not_goods = lemmas(data["not_goods"])
        self.quantity_heads = lemmas(data["quantity_heads"])
        self.party_nouns = lemmas(data["party_nouns"])
        self.not_party_heads = lemmas(data["not_party_heads"])
        self.prepositions: dict[str, dict[str, str]] = data["prepositions"]
        self.documents = lemmas(data["documents"])
        self.made_ready = lemmas(data["made_ready"])
        self.answered = lemmas(data["answered"])
        self.carried_only = lemmas(data["carried_only"])
        self.asks_for = lemmas(data["asks_for"])
        self.two_way = lemmas(data["two_way"])
        self.seeking = next((words for status, words in self.governors if status == "attempted"), frozenset())

    def direction(self, token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        table = self.verbs if token.pos_ in ("VERB", "AUX") else self.nouns if token.pos_ in ("NOUN", "PROPN") else None
        if table is None:
            return None
        for direction, words in table.items():
            if lemma in words or lower in words:
                return direction
        return None


@lru_cache(maxsize=1)
def frame_words() -> FrameWords:
    return FrameWords(yaml.safe_load((DATA / "frames.yaml").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_parser():
    import spacy  # imported here: only sentences with a transfer word pay for it

    from .ner import MODEL

    return spacy.load(MODEL, exclude=["ner"])


def parse(texts: list[str]) -> list:
    if not texts:  # spaCy's pipe costs a set-up per call even with nothing to read
        return []
    return list(load_parser().pipe(texts, batch_size=64))


@dataclass
class Span:
    start: int
    end: int
    text: str
    head: str = ""  # lemma of the phrase's head
    proper: bool = False  # the head is a proper noun
    party_noun: bool = False  # "the government", "Chinese firms"
    head_at: int = -1  # offset of the head word


@dataclass
class Reading:
    """One transfer word's frame: role -> spans of the sentence."""

    trigger: Span
    direction: str
    noun: bool
    roles: dict[str, list[Span]] = field(default_factory=dict)
    status: str | None = None
    hedging: str | None = None
    drop: str | None = None  # why it is no transfer: "negated", "modal", "policy", "generic"
    denied: bool = False  # negated under a party's word: a denial, not a negation
    features: dict[str, float] = field(default_factory=dict)

    def add(self, role: str, span: Span | None) -> None:
        if span is not None and span.text:
            self.roles.setdefault(role, []).append(span)


def readings(doc, words: FrameWords | None = None) -> list[Reading]:
    """The frames of every transfer word of a parsed sentence."""
    words = words or frame_words()
    out = []
    for token in doc:
        direction = words.direction(token)
        if direction is None:
            continue
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound" and words.direction(token.head):
            continue  # "arms sales": one frame, the head's
        if token.lemma_.lower() in words.two_way:
            direction = _way_of(token, words)
        out.append(_read(token, direction, words))
    return out


def _way_of(t, w: FrameWords) -> str:
    """"leases the planes from Blue Airways", "interest in leasing three aircraft": the subject gets them."""
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in t.children):
        return "get"
    up = t
    for _ in range(3):
        if up.head.i == up.i:
            break
        up = up.head
        if up.lemma_.lower() in w.seeking:
            return "get"
    return "give"


def _made_ready(t, w: FrameWords) -> list:
    """"graphite being readied for shipment to Ward", "the aircraft are intended for delivery to": the goods
    are what is readied, awaited or intended for the transfer."""
    verb = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "prep" else t.head if t.dep_ in ("dobj", "obj") else None
    if verb is None or verb.pos_ not in ("VERB", "ADJ") or verb.lemma_.lower() not in w.made_ready:
        return []
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return [c for c in verb.children if c.dep_ in ("nsubjpass",) or c.dep_ == "nsubj" and verb.pos_ == "ADJ"]


def _verb_preps(t, r: Reading, w: FrameWords) -> list:
    """"developing an LOR for 9,000 missiles", "made the shipment to Iran": the parser hangs the noun's phrase on
    the verb that performs or asks for it; those after the noun are the frame's."""
    verb = t.head
    if t.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB":
        return []
    if not (verb.lemma_.lower() in w.performs or r.direction == "ask" and verb.lemma_.lower() not in w.answered):
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.i > t.i]


def _cut_trigger(r: Reading) -> None:
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


def _document_head(t, w: FrameWords):
    """"Letters of Request for weapons": the letter carries the request's phrases."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in w.documents:
        return t.head.head
    return None


def _read(t, direction: str, w: FrameWords) -> Reading:
    noun = t.pos_ in ("NOUN", "PROPN")
    r = Reading(Span(t.idx, t.idx + len(t.text), t.text, t.lemma_.lower()), direction, noun)
    actor_role = "supplier" if direction == "give" else "recipient"
    goods_from: list = []
    frame = (_document_head(t, w) if noun else None) or t
    if noun:
        _noun_actor(frame, r, actor_role, w)
        for g in _made_ready(t, w):
            _goods(g, r, w)  # not a phrase of the frame: its own prepositions are not walked
    else:
        _verb_actor(t, r, actor_role, w, goods_from)
    # what moves, and the prepositions of the frame
    objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
    lemma = t.lemma_.lower()
    withs = [c for c in _preps(t, w) if c.lower_ == "with"]
    for o in objects:
        inner = next((c for c in o.children if c.dep_ in ("dobj", "obj")), None)
        if inner is not None and o.pos_ == "PROPN" and direction == "give":
            r.add("recipient", _phrase(o, w))  # "offered SHIG an ESIB receiver", parsed as the receiver below SHIG
            goods_from.append(inner)
        elif lemma in w.object_is_recipient and withs and direction == "give":
            r.add("recipient", _party(o, w))
        elif not (lemma in w.asks_for and w.direction(o)):  # "requested the sale": a frame of its own, not goods
            goods_from.append(o)
    for c in t.children:
        if c.dep_ == "dative":
            r.add("recipient", _party(_pobj(c) or c, w))
    table = w.prepositions[direction]
    on_verb = _verb_preps(frame, r, w)
    for prep in _preps(frame, w, goods_from) + on_verb:
        role = table.get(prep.lower_)
        target = _pobj(prep)
        if role is None or target is None:
            continue
        if role == "items" and prep.lower_ in ("of", "for", "on") and prep.head.i != frame.i and prep not in on_verb:
            continue  # "an overview of policy", "weapons for their F-16s": goods only right after the frame's word
        if role in ("items",):
            if prep.lower_ == "with" and lemma not in w.object_is_recipient:
                continue
            goods_from.append(target)
        elif role == "carrier":
            r.add("carrier", _phrase(target, w))
        elif role == "by" or (role == "supplier" and prep.lower_ == "by"):
            r.add(actor_role, _party(target, w))
        else:
            r.add(role, _party(target, w) if role not in ("via", "destination", "origin") else _phrase(target, w))
    for g in goods_from:
        _goods(g, r, w)
    _cut_trigger(r)
    read_status(t, r, w)
    if lemma in w.carried_only and not r.roles.get("carrier"):
        r.drop = r.drop or "message"  # "conveyed the United States' concern": words, not goods
    if _generic_argument(t, w) and not r.denied:
        r.drop = r.drop or "generic"
    r.features.update(
        noun=float(noun), give=float(direction == "give"), subject=float(bool(r.roles.get(actor_role))),
        objects=float(bool(r.roles.get("items"))),
    )
    return r


def _generic_argument(t, w: FrameWords) -> bool:
    """"to any Chinese manufacturer", "no weapons", "all parties to whom the PRC sells", "any military equipment
    transferred to Tehran": a frame about every such transfer, not one."""
    if t.dep_ in ("relcl", "acl") and any(c.dep_ == "det" and c.lower_ in ("any", "no", "all") for c in t.head.children):
        return True
    stack = [t]
    while stack:  # the frame's own phrases, not a clause hung on them ("resolutions, which ban any sale")
        node = stack.pop()
        if node.dep_ == "det" and node.lower_ in ("any", "no") and node.head.pos_ in ("NOUN", "PROPN"):
            return True
        stack.extend(c for c in node.children if c.dep_ not in _NOT_INSIDE + ("acl", "conj"))
    return False


def _verb_actor(t, r: Reading, actor_role: str, w: FrameWords, goods_from: list) -> None:
    subject, passive = _subject(t)
    if passive is not None:
        goods_from.append(passive)
    for party in _with_named(subject):
        r.add(actor_role, _party(party, w))
    # "purchased and used by the IRGC": the agent of the coordinated passive verb is this one's too
    agents = [c for c in t.children if c.dep_ == "agent"] or [
        c for v in t.conjuncts if v.i > t.i and v.tag_ == "VBN" for c in v.children if c.dep_ == "agent"]
    for c in agents:
        for party in _with_named(_pobj(c)):
            r.add(actor_role, _party(party, w))
    if t.dep_ == "amod" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN") and t.i < t.head.i \
            and not any(c.dep_ in _SUBJECTS + ("aux",) for c in t.children):
        goods_from.append(t.head)  # "previously purchased deck cranes", "smuggled weapons"
    if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"):
        # "missiles sold by X", "parts that Iran sought": the noun is what moves, or who acts
        if t.tag_ == "VBN" or any(c.dep_ in _SUBJECTS for c in t.children):
            goods_from.append(t.head)
        elif _party_like(t.head, w) or subject is None and not _infinitival_relative(t):
            r.add(actor_role, _party(t.head, w))


def _subject(t):
    """(subject, passive subject) of a verb, following xcomp and conj up to where they are said."""
    at, seen = t, 0
    passive = next((c for c in t.children if c.dep_ in _PASSIVE_SUBJECTS), None)
    while seen < 4:
        seen += 1
        subject = next((c for c in at.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and at.dep_ == "relcl":
                return at.head, passive
            return subject, passive
        if at.dep_ in ("xcomp", "conj", "advcl") and at.head.i != at.i:
            at = at.head
            continue
        if at.dep_ == "acl":
            owner = next((c for c in at.head.children if c.dep_ in ("poss", "amod", "compound") and c.i < at.head.i
                          and (c.pos_ == "PROPN" or c.text[:1].isupper())), None)
            if owner is not None:
                return owner, passive  # "Iranian attempts to smuggle", "Iran's efforts to buy"
        if (at.dep_ in ("acl", "pcomp") or _infinitival_relative(at)) and seen < 4:
            # "made a request to buy", "expressed interest in purchasing", "is interested in procuring", "pursuing a
            # deal to import": the one who made, expressed, is or pursues it buys
            up = at.head
            while up.dep_ in ("prep", "pobj", "dobj", "obj", "acomp") and up.head.i != up.i and up.pos_ != "VERB":
                up = up.head
            if up.i != at.i and up.pos_ in ("VERB", "AUX"):
                at = up
                continue
        break
    return None, passive


def _with_named(token) -> list:
    """"the Turkish companies Kolorkim Kimya San and Mercan Tanitim": the party noun and the names set beside it."""
    if token is None:
        return []
    named = [a for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and token.pos_ == "NOUN"
             for a in (c, *c.conjuncts)]
    return [token, *named]


def _infinitival_relative(t) -> bool:
    """"a deal to import": a relative clause with "to" and no subject of its own."""
    return t.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
        and not any(c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS for c in t.children)


def _party_like(token, w: FrameWords) -> bool:
    """A noun that can name who acts: a name, or a party noun ("the firm"), not "a deal" or "efforts"."""
    return token.pos_ == "PROPN" or bool(token.ent_type_) or token.lemma_.lower() in w.party_nouns


def _noun_actor(t, r: Reading, actor_role: str, w: FrameWords) -> None:
    for c in t.children:
        if c.dep_ == "poss":
            r.add(actor_role, _party(c, w))
        elif c.dep_ in ("amod", "compound", "nmod") and c.i < t.i:
            if any(ch.isdigit() for ch in c.text) and any(ch.isupper() for ch in c.text):
                _goods(c, r, w)  # "the F-15SA transfer", "T-72 sales": a model, not a party
            elif c.pos_ == "PROPN" or c.ent_type_ or c.tag_ == "NNP" or c.text[:1].isupper():
                r.add(actor_role, _party(c, w))  # "Chinese arms sales", "LIMMT shipments"
            elif c.pos_ == "NOUN" and c.lemma_.lower() not in w.not_goods and c.lemma_.lower() not in w.party_nouns \
                    and r.direction != "ask":
                _goods(c, r, w)  # "missile shipment", "arms sales"; an "action request" asks for no goods
    head = t.head
    asked = head.head if t.dep_ == "pobj" and head.dep_ == "prep" else None
    if asked is not None and w.direction(asked) == "ask":
        # "Turkish requests for immediate delivery of helicopters": who asks gets them
        for c in asked.children:
            if c.dep_ in ("poss", "compound", "amod") and c.i < asked.i and (c.pos_ == "PROPN" or c.text[:1].isupper()):
                r.add("recipient", _party(c, w))
    if t.dep_ in ("dobj", "obj", "nsubjpass") and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        subject, _ = _subject(head)
        if (lemma in w.performs or r.direction == "ask" and lemma not in w.answered) and subject is not None \
                and t.dep_ != "nsubjpass":
            r.add(actor_role, _party(subject, w))  # "LIMMT completed the sale", "the Army is developing an LOR"
        elif lemma in w.asks_for and subject is not None and r.direction == "give":
            r.add("recipient", _party(subject, w))  # "the GOT has requested the sale", "is taking delivery of"
        elif lemma in w.brokers and subject is not None:
            r.add("broker", _party(subject, w))
    if t.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in w.brokers:
        verb = head.head
        helped = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        subject, _ = _subject(verb)
        if helped is not None:
            r.add(actor_role, _party(helped, w))
            if subject is not None:
                r.add("broker", _party(subject, w))


def _preps(t, w: FrameWords, extra: list = ()) -> list:
    """The prepositions of the frame: below the word, and below what moves ("shipped plates to Iran" may hang
    "to Iran" on the plates), not inside a clause of its own."""
    out, seen = [], set()

    def walk(node, depth: int) -> None:
        for c in node.children:
            if c.dep_ in _NOT_INSIDE or (c.dep_ == "conj" and c.pos_ == "VERB"):
                continue
            if c.dep_ == "prep" and c.i not in seen:
                seen.add(c.i)
                out.append(c)
                target = _pobj(c)
                if target is not None and depth < 3 and c.lower_ != "with":
                    walk(target, depth + 1)
            elif c.dep_ in ("dobj", "obj", "acl", "nsubjpass", "pobj", "npadvmod") and depth < 3 \
                    and c.lemma_.lower() not in w.not_goods:
                walk(c, depth + 1)

    walk(t, 0)
    for e in extra:
        walk(e, 1)
    return out


def _pobj(prep):
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp", "obj")), None)


def _phrase(token, w: FrameWords) -> Span | None:
    """The noun phrase headed by ``token``: its left modifiers and the token, with compounds; no
    determiner, possessive or clause."""
    keep = [token]
    for c in token.lefts:
        if c.dep_ in ("det", "predet", "poss", "case", "punct", "cc", "preconj", "advmod") and c.i == token.left_edge.i:
            continue
        if c.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "quantmod", "punct", "hmod", "hyph"):
            keep.extend(c.subtree)
    keep = [k for k in keep if k.dep_ not in ("det", "predet", "poss", "case") or k.i == token.i]
    start_i, end_i = min(k.i for k in keep), max(k.i for k in keep)
    doc = token.doc
    while start_i < end_i and doc[start_i].text in _EDGE_PUNCT:
        start_i += 1
    return _span(doc[start_i : end_i + 1], token, w)


def _party(token, w: FrameWords) -> Span | None:
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


def _goods(token, r: Reading, w: FrameWords) -> None:
    """What moves: follow "part of an order of plates" to the plates; coordinated goods each."""
    seen = 0
    quantity = None
    while (token.lemma_.lower() in w.quantity_heads or token.like_num) and seen < 3:  # "19 of these missiles"
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = _pobj(of) if of is not None else None
        if target is None:
            break
        quantity = quantity or _phrase(token, w)
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
        phrase = _phrase(node, w)
        if phrase is None:
            continue
        r.add("items", phrase)
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
                target = _pobj(c)
                if target is not None:
                    stack.append(target)
    return out
