"""Who acts in a transfer frame: the subject of a transfer verb (followed up through "plans to", "made a
request to buy", "prevented X from shipping"), the agent of a passive, the noun a relative clause hangs on,
and for a transfer noun the possessor, a name or demonym before it, or the subject of the verb that performs,
asks for or brokers it.  Split from ``frames.py``, which walks the rest of the frame."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .frame_phrases import goods, party, pobj

if TYPE_CHECKING:  # the frames module imports this one
    from .frames import FrameWords, Reading

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")


def verb_actor(t, r: Reading, actor_role: str, w: FrameWords, goods_from: list) -> None:
    subject, passive = _subject(t, w)
    if passive is not None:
        goods_from.append(passive)
    for named in _with_named(subject):
        r.add(actor_role, party(named, w))
    # "purchased and used by the IRGC": the agent of the coordinated passive verb is this one's too
    agents = [c for c in t.children if c.dep_ == "agent"] or [
        c for v in t.conjuncts if v.i > t.i and v.tag_ == "VBN" for c in v.children if c.dep_ == "agent"]
    for c in agents:
        for named in _with_named(pobj(c)):
            r.add(actor_role, party(named, w))
    if t.dep_ == "amod" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN") and t.i < t.head.i \
            and not any(c.dep_ in _SUBJECTS + ("aux",) for c in t.children):
        goods_from.append(t.head)  # "previously purchased deck cranes", "smuggled weapons"
    if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"):
        # "missiles sold by X", "parts that Iran sought": the noun is what moves, or who acts
        if t.tag_ == "VBN" or any(c.dep_ in _SUBJECTS for c in t.children):
            goods_from.append(t.head)
        elif _party_like(t.head, w) or subject is None and not _infinitival_relative(t):
            r.add(actor_role, party(t.head, w))


def _subject(t, w: FrameWords):
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
        stopped = _stopped_from(at)
        if stopped is not None:
            return stopped, passive  # "Customs prevented X from shipping": X would have shipped
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
                if up.dep_ == "acomp" and up.lemma_.lower() not in w.seeking:
                    break  # "firms are capable of supplying", "be cautious about requests to transfer": no actor
                up = up.head
            if up.i != at.i and up.pos_ in ("VERB", "AUX"):
                at = up
                continue
        break
    return None, passive


def _stopped_from(t):
    """"prevented XXXX from shipping", "barred firms from transferring": the object of the verb that keeps
    someone from the transfer is who would have made it."""
    if t.dep_ != "pcomp" or t.head.lower_ != "from" or t.head.head.pos_ != "VERB":
        return None
    return next((c for c in t.head.head.children if c.dep_ in ("dobj", "obj") and c.i < t.i), None)


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


def noun_actor(t, r: Reading, actor_role: str, w: FrameWords) -> None:
    for c in t.children:
        if c.dep_ == "poss":
            r.add(actor_role, party(c, w))
        elif c.dep_ in ("amod", "compound", "nmod") and c.i < t.i:
            if any(ch.isdigit() for ch in c.text) and any(ch.isupper() for ch in c.text):
                goods(c, r, w)  # "the F-15SA transfer", "T-72 sales": a model, not a party
            elif c.pos_ == "PROPN" or c.ent_type_ or c.tag_ == "NNP" or c.text[:1].isupper():
                r.add(actor_role, party(c, w))  # "Chinese arms sales", "LIMMT shipments"
            elif c.pos_ == "NOUN" and c.lemma_.lower() not in w.not_goods and c.lemma_.lower() not in w.party_nouns \
                    and r.direction != "ask":
                goods(c, r, w)  # "missile shipment", "arms sales"; an "action request" asks for no goods
    head = t.head
    asked = head.head if t.dep_ == "pobj" and head.dep_ == "prep" else None
    if asked is not None and w.direction(asked) == "ask":
        # "Turkish requests for immediate delivery of helicopters": who asks gets them
        for c in asked.children:
            if c.dep_ in ("poss", "compound", "amod") and c.i < asked.i and (c.pos_ == "PROPN" or c.text[:1].isupper()):
                r.add("recipient", party(c, w))
    if t.dep_ in ("dobj", "obj", "nsubjpass") and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        subject, _ = _subject(head, w)
        if (lemma in w.performs or r.direction == "ask" and lemma not in w.answered) and subject is not None \
                and t.dep_ != "nsubjpass":
            r.add(actor_role, party(subject, w))  # "LIMMT completed the sale", "the Army is developing an LOR"
        elif lemma in w.asks_for and subject is not None and r.direction == "give":
            r.add("recipient", party(subject, w))  # "the GOT has requested the sale", "is taking delivery of"
        elif lemma in w.brokers and subject is not None:
            r.add("broker", party(subject, w))
    if t.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in w.brokers:
        verb = head.head
        helped = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        subject, _ = _subject(verb, w)
        if helped is not None:
            r.add(actor_role, party(helped, w))
            if subject is not None:
                r.add("broker", party(subject, w))
    if not r.roles.get(actor_role):
        holder = _holder(t, r.direction, w)
        if holder is not None:
            r.add(actor_role, party(holder, w))


def _holder(t, direction: str, w: FrameWords):
    """Who holds the interest, part or plan the transfer noun is the object of: "India has indicated interest in
    acquisition of P-3Cs" (India would get them), "Aceros has been involved in negotiations for the supply of
    steels" (Aceros would supply them), "the Army is interested in the purchase of".  Up through the
    prepositions and the nouns of ``w.holders`` only, to the verb whose subject that is; a buyer's wish (interest,
    plan) is said only of the buying and asking nouns, whose actor gets the goods."""
    words = w.holders["takes_part"] | (w.holders["wants"] if direction in ("get", "ask") else frozenset())
    node = t
    for _ in range(6):
        if node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.head.i == node.head.i:
            break
        up = node.head.head
        if up.lemma_.lower() not in words and up.lower_ not in words:
            break
        if up.pos_ in ("VERB", "AUX") or up.dep_ == "acomp":  # "has been involved in", "is interested in"
            subject, passive = _subject(up if up.pos_ in ("VERB", "AUX") else up.head, w)
            return _party_or_none(subject or passive, w)
        owner = next((c for c in up.children if c.dep_ == "poss"), None)
        if owner is not None:
            return _party_or_none(owner, w)  # "Iran's interest in the purchase of"
        node = up
        if node.dep_ in ("dobj", "obj", "attr") and node.head.pos_ in ("VERB", "AUX"):
            subject, _ = _subject(node.head, w)  # "indicated interest in", "expressed its desire for"
            return _party_or_none(subject, w)
    return None


def _party_or_none(token, w: FrameWords):
    return token if token is not None and _party_like(token, w) else None


def agent_actor(t, r: Reading, actor_role: str, w: FrameWords) -> None:
    """A noun that names who acts ("supplier", "buyer"): who it is said of acts ("China is Iran's main supplier of
    dual-use goods", "Iran's main suppliers of dual-use equipment are Russia, India, and China", "Zibo, a supplier
    of", "acted as a broker and supplier"); its possessor is the other side ("Iran's supplier": Iran gets); a name or
    demonym before it acts ("Chinese suppliers")."""
    other = "recipient" if actor_role == "supplier" else "supplier"
    r.add(actor_role, party(_said_of(t, w), w))
    for c in t.children:
        if c.dep_ == "poss":
            r.add(other, party(c, w))
        elif c.dep_ in ("amod", "compound", "nmod") and c.i < t.i and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "NORP", "ORG")):
            r.add(actor_role, party(c, w))


def _said_of(t, w: FrameWords):
    """Who an agent noun is said of: the subject when it is the complement of "be", the complement when it is
    the subject, the name it stands beside, the subject of "act as"."""
    head = t.head
    copula = head.lemma_.lower() == "be"
    if t.dep_ == "attr" and copula or t.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
        subject, passive = _subject(head if copula else head.head, w)
        who = subject or passive
    elif t.dep_ in _SUBJECTS and copula:
        who = next((c for c in head.children if c.dep_ == "attr"), None)
    elif t.dep_ == "appos" or t.dep_ == "conj" and head.dep_ == "appos":
        who = head if t.dep_ == "appos" else head.head
    else:
        return None
    return who if who is not None and who.pos_ != "PRON" else None
