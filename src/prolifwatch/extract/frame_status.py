"""The status of a transfer frame, read from the words that govern it.

Modal verbs, conditions and prohibitions give no transfer at all ("should not
transfer", "if the firm is found to have supplied", "barred from transferring"); a negation under a party's word is a denial
("said it had not exported"); "plans to" gives planned, "seized"
interdicted, a request to stop a shipment under way impending; otherwise the
tense says completed or ongoing.  The words are ``data/frames.yaml``'s
(``frames.FrameWords``); this module only walks up the tree.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .frame_phrases import name_word

if TYPE_CHECKING:  # the frames module imports this one
    from .frames import FrameWords, Reading


def _governors(t, w: FrameWords | None = None) -> list:
    """The words above a transfer word, nearest first, up to the clause that says it; with ``w``, only up to a
    noun the transfer is the topic of ("offered evidence of the transfer": the offer is of evidence)."""
    out, at = [], t
    for _ in range(5):
        if out and w is not None and at.pos_ == "NOUN" and at.lemma_.lower() in w.topic_nouns:
            break
        if at.dep_ == "ROOT" or at.head.i == at.i:
            break
        dep, head = at.dep_, at.head
        if dep == "relcl" or (dep == "acl" and at.tag_ in ("VBN", "VBG")):
            break  # "the items sold by LIMMT were controlled": the clause says nothing of the sale
        if dep == "pobj" and head.dep_ == "prep":
            at = head.head
            out.append(at)
            continue
        at = head
        out.append(at)
    return out


def read_status(t, r: Reading, w: FrameWords) -> None:
    chain = [t, *_governors(t, w)]
    # modifiers of the word itself: "impending shipment", "any transfer", "no sales"
    for c in t.children:
        if c.dep_ in ("det", "amod", "advmod", "neg") and c.lower_ in ("any", "no", "such", "all", "never") \
                and not name_word(c):
            r.drop = "generic"
    # negation and modals on the word or the verb that says it
    verbs = _saying_verbs(t, chain)
    modal_status = None  # a modal's status yields to a governor's ("will continue to sell": ongoing)
    for v in verbs:
        for c in v.children:
            if c.dep_ == "neg" or c.lower_ in ("never",):
                if any(g.lemma_.lower() in w.denying for g in chain[1:]):
                    r.status = "denied"  # "Lysenko said Ukraine had not transferred ...": a party's denial
                    r.denied = True
                else:
                    r.drop = r.drop or "negated"
            if c.dep_ == "aux" and c.tag_ == "MD":
                said = _reported(chain, w)
                verdict = w.modals.get(c.lower_, "drop")
                r.features["modal"] = 1.0
                if verdict == "drop" and not (said and c.lower_ == "would"):
                    r.drop = r.drop or "modal"
                else:
                    modal_status = modal_status or (verdict if verdict != "drop" else "planned")
    if _conditional(chain, w):
        r.drop = r.drop or "hypothetical"
    if len(chain) > 1 and chain[-1].pos_ == "NOUN" and chain[-1].lemma_.lower() in w.discussion_nouns:
        r.drop = r.drop or "topic"  # "a non-paper on potential arms transfers", "the issue of transfers": talk
    # a request to stop a shipment under way, or sales that go on ("urged China to cease arms sales")
    lemmas = [g.lemma_.lower() for g in chain[1:]]
    if lemmas and lemmas[0] in w.stoppers and any(x in w.askers for x in lemmas[1:4]):
        r.status = r.status or ("ongoing" if _habitual(t) else "impending")
        r.drop = None if r.drop in ("policy",) else r.drop
    else:
        _governed(t, chain, r, w)
    verb_status = w.verb_status.get(t.lemma_.lower())
    if modal_status == "alleged" and verb_status:
        modal_status = None  # "may be seeking armaments": what the verb means; "may" says it is not sure (hedging)
    # the tense of the clause, even above a topic noun ("discussed concerns over arms shipments": told as done)
    r.status = r.status or modal_status or verb_status or _tense(t if not r.noun else _verb_of([t, *_governors(t)]))
    if r.status is None and not r.noun and t.tag_ == "VB":
        r.status = "planned"  # "a deal to import", "in order to ship": not yet done
    r.hedging = _reported(chain, w)
    for c in t.children:
        if c.lower_ in ("reportedly", "allegedly", "apparently"):
            r.status = "alleged" if r.status in (None, "completed", "ongoing") else r.status
            r.hedging = r.hedging or "reported"


def _governed(t, chain: list, r: Reading, w: FrameWords) -> None:
    """The status the nearest governing word gives ("plans to ship", "seized shipment"), or no transfer
    where it is a prohibition or policy ("prohibit the export")."""
    for g in [*[c for c in t.children if c.dep_ in ("amod", "advmod")], *chain[1:4]]:
        if t.dep_ == "conj" and g.i == t.head.i and t.pos_ in ("VERB", "AUX"):
            continue  # "to which the U.S. objected but Ukraine transferred the items": a verb beside, not above
        lemma = g.lemma_.lower()
        hit = next((status for status, words in w.governors if lemma in words or g.lower_ in words), None)
        if hit is None:
            continue
        if hit == "drop" and g.dep_ == "amod" and g.tag_ in ("VBN", "JJ") and g.head.i == t.i:
            continue  # "prohibited Iranian exports": exports that broke a ban, told as fact
        if lemma in ("deny",) and g in chain[1:] and t.dep_ in ("ccomp",):
            r.status = "denied"
        elif hit == "drop" and lemma in w.stopped_in_past and _said_done(g):
            r.status = r.status or "interdicted"  # "Customs prevented X from shipping": this one was stopped
        elif hit == "interdicted" and g.head.lemma_.lower() in w.decided:
            r.status = r.status or "blocked"  # "Libya's decision to halt shipment": stopped by a decision
        elif hit == "drop" or hit == "interdicted" and _goal(g):
            r.drop = r.drop or "policy"  # "is essential to stop Iran's acquisition": an aim, no shipment stopped
        else:
            r.status = r.status or hit
        r.features["governed"] = 1.0
        return


def _goal(v) -> bool:
    """"to stop", "to interdict": a verb in the infinitive says what is aimed at, not what was done."""
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _habitual(t) -> bool:
    """"arms sales", "transfers to Iran": a bare plural noun tells transfers that go on, not one shipment."""
    return t.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "det" for c in t.children)


def _said_done(v) -> bool:
    """A verb told in the past as done: "prevented", "had prevented", "was stopped"."""
    auxes = {c.lemma_.lower() for c in v.children if c.dep_ in ("aux", "auxpass")}
    return v.tag_ == "VBD" and not auxes - {"have", "be"} or v.tag_ == "VBN" and bool(auxes & {"have", "be"}) \
        and not any(c.tag_ == "MD" for c in v.children)


def _conditional(chain: list, w: FrameWords) -> bool:
    """"if the firm is found to have supplied", "If Ukraine were to transfer": a condition, not a fact.
    The conjunction marks the clause the transfer word is in, so the search stops at that clause's head."""
    for g in chain:
        if any(c.dep_ == "mark" and w.modals.get(c.lower_) == "drop" for c in g.children):
            return True
        if g.dep_ in ("advcl", "ccomp", "ROOT"):
            return False
    return False


def _saying_verbs(t, chain: list) -> list:
    """The verbs whose negation or modal bears on the transfer: the word itself, the verb it is the
    infinitive of ("should not plan to ship"), or for a noun the verb it is the object or subject of
    ("could halt the shipment").  Not verbs further up: "Egypt must confront attempts to smuggle"."""
    if t.pos_ in ("VERB", "AUX"):
        return [t, t.head] if t.dep_ == "xcomp" and t.head.pos_ in ("VERB", "AUX") else [t]
    if t.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
        return [t.head]
    return []


def _verb_of(chain: list):
    return next((g for g in chain[1:] if g.pos_ in ("VERB", "AUX")), None)


def _tense(v) -> str | None:
    if v is None:
        return None
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    aux_lemmas = {a.lemma_.lower() for a in auxes}
    aux_tags = {a.tag_ for a in auxes}
    if v.tag_ == "VBD" or ("have" in aux_lemmas and v.tag_ == "VBN"):
        if "have" in aux_lemmas and any(a.tag_ in ("VBP", "VBZ") for a in auxes) and any(
                c.tag_ == "VBN" and c.lemma_ == "be" for c in auxes) and v.tag_ == "VBG":
            return "ongoing"
        return "completed"
    if v.tag_ == "VBN" and aux_tags & {"VBD"}:
        return "completed"
    if v.tag_ == "VB" and "do" in aux_lemmas:
        return "completed" if aux_tags & {"VBD"} else "ongoing"  # "Telstar did sell the freeze dryer"
    if v.tag_ == "VBG" and "be" in aux_lemmas:
        return "completed" if aux_tags & {"VBD"} else "ongoing"
    if v.tag_ in ("VBZ", "VBP") or (v.tag_ == "VBN" and aux_tags & {"VBZ", "VBP"}):
        return "ongoing"
    return None


def _reported(chain: list, w: FrameWords) -> str | None:
    for g in chain[1:]:
        lemma = g.lemma_.lower()
        for hedge, words in w.reporting:
            if lemma in words:
                return hedge
    return None
