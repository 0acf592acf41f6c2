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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .frame_actors import agent_actor, noun_actor, verb_actor
from .frame_phrases import Span, cut_trigger, goods, made_ready, name_word, party, phrase, pobj
from .frame_status import read_status

DATA = resources.files(__package__) / "data"
# "Iran,s main supplier", "Turkey,s procurement agency": cables whose apostrophes were turned into commas; read
# as the possessive they are (same length, so offsets hold)
_COMMA_POSSESSIVE = re.compile(r"(?<=[A-Za-z]),s\b")
# dependency labels
_NOT_INSIDE = ("relcl", "advcl", "ccomp", "parataxis", "appos")


class FrameWords:
    def __init__(self, data: dict, goods_heads: frozenset[str] = frozenset()):
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
        self.stopped_in_past = lemmas(data["stopped_in_past"])
        self.topic_nouns = lemmas(data["topic_nouns"])
        self.discussion_nouns = lemmas(data["discussion_nouns"])
        self.decided = lemmas(data["decided"])
        self.unnamed_sources = {kind: lemmas(ws) for kind, ws in data["unnamed_sources"].items()}
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
        self.holders = {kind: lemmas(ws) for kind, ws in data["holders"].items()}
        self.agents = {direction: lemmas(ws) for direction, ws in data["agent_nouns"].items()}
        self.tangible_only = lemmas(data["tangible_only"])
        self.goods_heads = goods_heads
        self.seeking = next((words for status, words in self.governors if status == "attempted"), frozenset())

    def direction(self, token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        table = self.verbs if token.pos_ in ("VERB", "AUX") else self.nouns if token.pos_ in ("NOUN", "PROPN") else None
        if table is None:
            return None
        for direction, words in table.items():
            if lemma in words or lower in words:
                return direction
        if token.pos_ == "NOUN" and token.dep_ != "compound":  # "Nuclear Suppliers Group" names no supplier
            return next((direction for direction, words in self.agents.items() if lemma in words or lower in words),
                        None)
        return None

    def agent(self, token) -> bool:
        """Whether a transfer noun names who acts ("supplier", "buyer") rather than the act ("supply")."""
        return token.pos_ == "NOUN" and any(token.lemma_.lower() in ws or token.lower_ in ws
                                            for ws in self.agents.values())


@lru_cache(maxsize=1)
def frame_words() -> FrameWords:
    heads = (DATA / "goods_heads.txt").read_text(encoding="utf-8").splitlines()
    return FrameWords(yaml.safe_load((DATA / "frames.yaml").read_text(encoding="utf-8")),
                      frozenset(h.strip().lower() for h in heads if h.strip() and not h.startswith("#")))


@lru_cache(maxsize=1)
def load_parser():
    import spacy  # imported here: only sentences with a transfer word pay for it

    from .ner import MODEL

    return spacy.load(MODEL, exclude=["ner"])


def parse(texts: list[str]) -> list:
    if not texts:  # spaCy's pipe costs a set-up per call even with nothing to read
        return []
    return list(load_parser().pipe([_COMMA_POSSESSIVE.sub("'s", t) for t in texts], batch_size=64))


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


def _verb_preps(t, r: Reading, w: FrameWords) -> list:
    """"developing an LOR for 9,000 missiles", "made the shipment to Iran": the parser hangs the noun's phrase on
    the verb that performs or asks for it; those after the noun are the frame's."""
    verb = t.head
    if t.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB":
        return []
    if not (verb.lemma_.lower() in w.performs or r.direction == "ask" and verb.lemma_.lower() not in w.answered):
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.i > t.i]


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
    if noun and w.agent(t):
        agent_actor(t, r, actor_role, w)
    elif noun:
        noun_actor(frame, r, actor_role, w)
        for g in made_ready(t, w):
            goods(g, r, w)  # not a phrase of the frame: its own prepositions are not walked
    else:
        verb_actor(t, r, actor_role, w, goods_from)
    # what moves, and the prepositions of the frame
    objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
    lemma = t.lemma_.lower()
    withs = [c for c in _preps(t, w) if c.lower_ == "with"]
    for o in objects:
        inner = next((c for c in o.children if c.dep_ in ("dobj", "obj")), None)
        if inner is not None and o.pos_ == "PROPN" and direction == "give":
            r.add("recipient", phrase(o, w))  # "offered SHIG an ESIB receiver", parsed as the receiver below SHIG
            goods_from.append(inner)
        elif lemma in w.object_is_recipient and withs and direction == "give":
            r.add("recipient", party(o, w))
        elif not (lemma in w.asks_for and w.direction(o)):  # "requested the sale": a frame of its own, not goods
            goods_from.append(o)
    for c in t.children:
        if c.dep_ == "dative":
            r.add("recipient", party(pobj(c) or c, w))
    table = w.prepositions[direction]
    on_verb = _verb_preps(frame, r, w)
    for prep in _preps(frame, w, goods_from) + on_verb:
        role = table.get(prep.lower_)
        target = pobj(prep)
        if role is None or target is None:
            continue
        if role == "items" and prep.lower_ in ("of", "for", "on") and prep.head.i != frame.i and prep not in on_verb:
            continue  # "an overview of policy", "weapons for their F-16s": goods only right after the frame's word
        if role in ("items",):
            if prep.lower_ == "with" and lemma not in w.object_is_recipient:
                continue
            goods_from.append(target)
        elif role == "carrier" and target.lemma_.lower() == "behalf":
            of = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and pobj(of) is not None:  # "on behalf of SAPICO": for whom, not on what
                r.add("end_user" if direction == "get" else "recipient", party(pobj(of), w))
        elif role == "carrier":
            r.add("carrier", phrase(target, w))
        elif role == "by" or (role == "supplier" and prep.lower_ == "by"):
            r.add(actor_role, party(target, w))
        else:
            r.add(role, party(target, w) if role not in ("via", "destination", "origin") else phrase(target, w))
    for g in goods_from:
        goods(g, r, w)
    cut_trigger(r)
    read_status(t, r, w)
    if noun and w.agent(t):
        if r.status == "completed" and _perfect(t.head):
            r.status = "ongoing"  # "India has been a key supplier of precursor chemicals": a role still held
        if _role_denied(t):
            r.drop = r.drop or "negated"  # "the US will not prove to be a reliable supplier", "no longer a buyer"
    if lemma in w.tangible_only and not any(_tangible(s, w) for s in r.roles.get("items", [])):
        r.drop = r.drop or "not goods"  # "gave a defiant speech", "gave France sufficient authority"
    if lemma in w.carried_only and not r.roles.get("carrier"):
        r.drop = r.drop or "message"  # "conveyed the United States' concern": words, not goods
    if _generic_argument(t, w) and not r.denied:
        r.drop = r.drop or "generic"
    if not r.roles.get("items") and _moves_only_words(goods_from, w):
        r.drop = r.drop or "not goods"  # "had provided analyses of Iran's missile programs": no goods at all
    if direction == "get" and _unnamed_source(t, w):
        r.drop = r.drop or "generic"  # "needs to buy ammonium perchlorate from abroad": a need, not a deal
    r.features.update(
        noun=float(noun), give=float(direction == "give"), subject=float(bool(r.roles.get(actor_role))),
        objects=float(bool(r.roles.get("items"))),
    )
    return r


def _role_denied(t) -> bool:
    """An agent noun said not to be, or no longer to be, what it names: a negation on the copula or on the
    verb above it ("will not prove to be a supplier"), or "no longer"."""
    above = [t.head, t.head.head] if t.head.pos_ in ("VERB", "AUX") else [t.head]
    for v in above:
        for c in v.children:
            if c.dep_ == "neg" or c.lower_ == "longer" and any(n.lower_ == "no" for n in c.children):
                return True
    return False


def _tangible(span: Span, w: FrameWords) -> bool:
    """Whether the goods' head is a noun of tangible goods (``data/goods_heads.txt``), or a model ("T-72s")."""
    head = span.head
    return head in w.goods_heads or (head.endswith("s") and head[:-1] in w.goods_heads) or any(ch.isdigit() for ch in span.text)


def _perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _moves_only_words(moved: list, w: FrameWords) -> bool:
    """What the frame says moves is named, and every one of it is a not-goods noun (analyses, trainers); a
    substance named before the noun makes it goods ("tritium gas", "rocket fuel")."""
    return bool(moved) and all(m.pos_ == "NOUN" and m.lemma_.lower() in w.not_goods
                               and not any(c.dep_ == "compound" for c in m.children) for m in moved)


def _unnamed_source(t, w: FrameWords) -> bool:
    """"buy more materials abroad", "seek this technology from abroad", "procure from foreign suppliers": a
    source no one names is a general need or practice, not a deal with a party."""
    near = [c for c in t.children] + [pobj(c) for c in t.children if c.dep_ == "prep" and c.lower_ == "from"]
    for c in filter(None, near):
        if c.lower_ in w.unnamed_sources["places"]:
            return True
        if c.lemma_.lower() in w.party_nouns and any(a.dep_ == "amod" and a.lower_ in w.unnamed_sources["qualifiers"]
                                                     for a in c.children):
            return True
    return False


def _generic_argument(t, w: FrameWords) -> bool:
    """"to any Chinese manufacturer", "no weapons", "all parties to whom the PRC sells", "any military equipment
    transferred to Tehran": a frame about every such transfer, not one."""
    if t.dep_ in ("relcl", "acl") and any(c.dep_ == "det" and c.lower_ in ("any", "no", "all") for c in t.head.children):
        return True
    stack = [t]
    while stack:  # the frame's own phrases, not a clause hung on them ("resolutions, which ban any sale")
        node = stack.pop()
        if node.dep_ == "det" and node.lower_ in ("any", "no") and node.head.pos_ in ("NOUN", "PROPN") \
                and not name_word(node):
            return True
        stack.extend(c for c in node.children if c.dep_ not in _NOT_INSIDE + ("acl", "conj"))
    return False


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
                target = pobj(c)
                if target is not None and depth < 3 and c.lower_ != "with":
                    walk(target, depth + 1)
            elif c.dep_ in ("dobj", "obj", "acl", "nsubjpass", "pobj", "npadvmod") and depth < 3 \
                    and c.lemma_.lower() not in w.not_goods:
                walk(c, depth + 1)

    walk(t, 0)
    for e in extra:
        walk(e, 1)
    return out
