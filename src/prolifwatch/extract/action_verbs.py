"""The verbs of diplomatic actions: which words are acts and of what kind (``data/actions.yaml``).

``actions.py`` finds each verb's actor and counterpart; this module says whether the verb is
used as an act at all ("raise concern" is, "raise funds" is not; "asked whether" is a question,
"asked for" a request; an act reported, promised or foreseen is not done) and which kind it is
(a statement that answers is a response, one asking for action a request, a promise an
assurance, a denial that goods moved a denial).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

DATA = resources.files(__package__) / "data"

_SUBJECT = ("nsubj", "csubj")
_OBJECT = ("dobj", "iobj", "dative", "obj")
_PROMISE = {"will", "would", "shall", "'ll", "wo"}
_SPEAKERS = {"he", "she", "we", "they", "i", "it"}
_FORESEEN = {"may", "might", "will", "would", "could", "'ll", "wo"}
_WISH = {"should", "must", "need", "needs", "ought"}
_ADDRESSEES = {"official", "officials", "government", "minister", "delegation", "side", "counterpart", "counterparts",
               "interlocutor", "interlocutors", "ambassador", "authorities", "guest", "guests"}
_ASKED_ACTS = {"provide", "share", "inform", "investigate", "tell", "give", "send", "confirm", "clarify", "explain",
               "consider", "see", "look", "notify", "keep", "let", "supply", "report", "update", "check"}


class ActionWords:
    def __init__(self, data: dict):
        self.kind_of = {v: kind for kind, vs in data["verbs"].items() for v in vs}
        self.reporting = frozenset(data["reporting"])
        self.particles = {v: frozenset(ps) for v, ps in data["needs_particle"].items()}
        self.raise_objects = frozenset(data["raise_objects"])
        self.request_objects = frozenset(data["request_objects"])
        self.not_parties = frozenset(data["not_parties"])
        self.our_side = frozenset(w.lower() for w in data["our_side"])
        self.statement_verbs = frozenset(data["statement_verbs"])
        self.instructing = frozenset(data["instructing"])
        self.told_to_act = frozenset(data["told_to_act"])
        self.cue_nouns = frozenset(data["cue_nouns"])
        self.promise_to = frozenset(data["promise_to"])
        self.delivered = frozenset(data["delivered"])
        self.refused = frozenset(data["refused"])
        self.unrealised = frozenset(data["unrealised"])
        self.noun_kinds = {n: kind for kind, ns in data["nouns"]["kinds"].items() for n in ns}
        self.light_verbs = frozenset(data["nouns"]["light_verbs"])
        self.goods_acts = frozenset(data["goods_acts"])
        self.wished = frozenset(data["wished"])
        self.ours_only = frozenset(data["ours_only"])
        self.shared_objects = frozenset(data["shared_objects"])
        self.questions = frozenset(data["questions"]["verbs"])
        self.question_words = frozenset(data["questions"]["words"])
        self.concerns = frozenset(data["expressed"]["concern"])
        self.willing = frozenset(data["expressed"]["willing"])
        self.answer_cues = tuple(data["answer_cues"])
        self.own_capital = frozenset(data["own_capital"])
        self.proposing = frozenset(data["not_done"]["governors"])
        self.modals = frozenset(data["not_done"]["modals"])
        self.conditions = frozenset(data["not_done"]["conditions"])



@lru_cache(maxsize=1)
def action_words() -> ActionWords:
    return ActionWords(yaml.safe_load((DATA / "actions.yaml").read_text(encoding="utf-8")))



def fits(token, lemma: str, w: ActionWords) -> bool:
    """Whether the verb is used as an action: "call on", "raise concern", "seek information"."""
    if lemma in w.particles:  # "called on the Dutch to"; a "call for" of theirs to no one is their view
        particle = next((ch.lower_ for ch in token.children if ch.dep_ in ("prep", "prt")
                         and ch.lower_ in w.particles[lemma]), None)
        return particle is not None and (particle != "for" or not _theirs_to_no_one(token, w))
    obj = object_lemma(token)
    if lemma == "raise":
        return obj in w.raise_objects or any(ch.dep_ == "prep" and ch.lower_ == "with" for ch in token.children)
    if lemma == "present":
        return obj in w.raise_objects or obj in ("paper", "non-paper", "demarche", "letter", "information", "evidence")
    if lemma == "seek":
        return obj in w.request_objects or any(ch.dep_ in ("xcomp", "ccomp") and ch.lemma_.lower() not in w.goods_acts
                                               for ch in token.children)  # "sought to purchase" is procurement
    if lemma == "suggest":
        return _proposes_act(token, w)
    if lemma == "press" and token.pos_ != "VERB":
        return False
    if lemma in w.questions:
        return not _question(token, w)
    if lemma in w.promise_to:  # "offered to raise the issue", not "offered to sell"
        return any(ch.dep_ == "xcomp" and ch.lemma_.lower() not in w.goods_acts for ch in token.children)
    if lemma in w.wished:  # "would appreciate any information"
        return any(ch.dep_ == "aux" and ch.lower_ in ("would", "'d") for ch in token.children)
    if lemma in w.ours_only:  # "we shared with Indian officials information indicating"
        return obj in w.shared_objects
    if lemma == "deny":  # "denied the report", "denied that ..."; not "denied entry to your ports"
        if any(ch.dep_ == "nsubjpass" for ch in token.children):
            return False
        return obj not in w.refused
    if lemma == "deliver":  # "delivered reftel points", not "delivered $300 million" or supplies
        passive = next((ch.lemma_.lower() for ch in token.children if ch.dep_ == "nsubjpass"), None)
        what = token.head.lemma_.lower() if token.dep_ in ("relcl", "acl") else obj or passive
        return what is None or what in w.delivered
    return True



def _proposes_act(token, w: ActionWords) -> bool:
    """What is suggested is an act: a thing ("suggested joint demarches"), a gerund ("suggested
    holding"), a subjunctive or "should" clause ("suggested that the U.S. consider"); a clause in the
    past or third-person indicative or with "would"/"could" is a view ("suggested there were", "suggested it would be").
    An act suggested to our own capital ("we suggest Washington send") is internal advice."""
    if object_lemma(token) is not None:
        return True
    for clause in (ch for ch in token.children if ch.dep_ in ("ccomp", "xcomp")):
        subject = next((ch for ch in clause.children if ch.dep_ in _SUBJECT), None)
        if subject is not None and subject.lower_ in w.own_capital:
            return False
        modals = [ch.lower_ for ch in clause.children if ch.dep_ == "aux" and ch.tag_ == "MD"]
        gerund = clause.tag_ == "VBG" and not any(ch.dep_ == "aux" for ch in clause.children)  # not "is preparing"
        if gerund or "should" in modals or clause.tag_ in ("VB", "VBP") and not modals:
            return True
    return any(ch.dep_ == "prep" and ch.lower_ == "to" for ch in token.children)



def _theirs_to_no_one(token, w: ActionWords) -> bool:
    """"Boche called for revising the constitution": a subject not of our side, no one addressed."""
    subject = next((ch for ch in token.children if ch.dep_ in _SUBJECT), None)
    return subject is not None and not speaks_for_us(subject.text, w) and not any(
        ch.dep_ in ("dobj", "dative", "iobj") for ch in token.children)



def _question(token, w: ActionWords) -> bool:
    """"asked whether/how/about ...": a question put to no one named, asking for a view in a
    discussion; not a request for action or information ("asked for", "asked that", "asked X
    to", and a question put to someone: "PolOff asked Botwe about the seizure")."""
    # put to someone ("asked Botwe about"), or asking for something: not a mere question; a thing asked
    # ("asked several questions", "asked about Egypt,s view" parsed with "view" as object) is no addressee
    if any(ch.dep_ in ("xcomp", "dative", "iobj") or ch.dep_ == "prep" and ch.lower_ == "for"
           or ch.dep_ == "dobj" and (ch.pos_ in ("PROPN", "PRON") or ch.lemma_.lower() in _ADDRESSEES)
           for ch in token.children):
        return False
    for ch in token.children:
        if ch.dep_ == "prep" and ch.lower_ == "about":
            return True
        if ch.dep_ == "ccomp" and any(t.lower_ in w.question_words and t.i < ch.i for t in ch.subtree):
            return True
    return False



def noun_act(token, w: ActionWords) -> str | None:
    """The kind of an act named by a noun that a light verb governs ("repeated assurances",
    "made numerous follow-up requests", "delivered demarches"), else None."""
    if token.pos_ != "NOUN" or token.dep_ != "dobj" or token.head.lemma_.lower() not in w.light_verbs:
        return None
    return w.noun_kinds.get(token.lemma_.lower())



def denies(token, w: ActionWords) -> bool:
    """What a party says is a denial when it says goods did not move: a negated verb of supplying
    in what is said ("had not transferred", "does not supply", "is no longer exporting")."""
    said = [t for ch in token.children if ch.dep_ in ("ccomp", "xcomp") for t in ch.subtree]
    return any(t.lemma_.lower() in w.goods_acts and any(ch.dep_ == "neg" or ch.lower_ in ("never", "longer")
                                                       for ch in t.children) for t in said)



def foreseen(token) -> bool:
    """What the other side may or will do ("Merkel may raise this with you") is foreseen, not done;
    our side's "will deliver" is a plan the cable reports (kept)."""
    return any(ch.dep_ == "aux" and ch.lower_ in _FORESEEN for ch in token.children)



def not_done(token, w: ActionWords, instruction: bool = False) -> bool:
    """An act under a condition ("If host government raises points"), or, outside an instruction
    (where the talking points do their acts in these forms: "Post should deliver"), an act
    recommended, planned or wished ("We recommend that the USG urge the UK", "the UK will push to
    raise this") or under a modal of duty or ability ("We should encourage Russia and press it"):
    told of as a possibility, not done.  The verb's own clause and the clauses governing it through
    complements and coordination count."""
    node = token
    while True:
        if node.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in w.conditions for ch in node.children):
            return True
        if not instruction and any(ch.dep_ == "aux" and ch.lower_ in w.modals for ch in node.children):
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if not instruction and node.lemma_.lower() in w.proposing:
            return True



def unrealised(token, w: ActionWords) -> bool:
    """An infinitive that names an act without doing it: of a noun or an adverb ("our decision to
    respond", "how best to respond") or of a verb of trying or wishing ("trying to respond")."""
    if not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in token.children):
        return False
    return token.head.pos_ in ("NOUN", "ADJ", "ADV") or token.head.lemma_.lower() in w.unrealised



def reported_within(token, w: ActionWords) -> bool:
    """A verb inside what another action verb reports ("Russia asked if the U.S. was saying",
    "he said he appreciated Rood raising this issue") is told of, not done, in this sentence:
    the governing verb is the act."""
    child, head = token, token.head
    clause = False
    while head.i != child.i:  # spaCy makes a new Token object each time: compare positions
        # what is said, asked or promised ("asked Saif to explain", "offered to raise the issue")
        clause = clause or child.dep_ in ("ccomp", "pcomp", "advcl", "xcomp")
        lemma = head.lemma_.lower()
        if clause and head.pos_ == "VERB" and (lemma in w.kind_of or lemma in w.reporting):
            # "Washington requests that Embassy Beijing demarche ... and urge China": the
            # instruction's act is the one requested
            return lemma not in w.instructing
        child, head = head, head.head
    return False



def object_lemma(token) -> str | None:
    obj = next((ch for ch in token.children if ch.dep_ in _OBJECT), None)
    return obj.lemma_.lower() if obj is not None else None



def said_kind(token, ours: bool, addressed: bool, w: ActionWords, text: str) -> str | None:
    """The act a verb of saying reports: a reply when the sentence says it answers; what
    is said asking for action or promising it; our side telling the other side something
    ("we informed you that", "Rood told AFM He that") is a démarche, our side saying
    something to no one named is no act; theirs is a response (without an addressee, kept
    only where the paragraph holds our side's act, see ``_addressed``)."""
    if answers(text, w):
        return "response"
    said = [t for ch in token.children if ch.dep_ in ("ccomp", "xcomp") for t in ch.subtree]
    wish = any(t.lower_ in _WISH and t.dep_ in ("aux", "ROOT", "ccomp") for t in said)
    if ours:
        if _promises(said):
            return "assurance"
        return "demarche" if wish or addressed else None
    if wish or any(t.lemma_.lower() in ("ask", "request", "want", "hope") for t in said):
        return "request"
    return "assurance" if _promises(said) else "response"



def speaks_for_us(text: str, w: ActionWords) -> bool:
    """Whether a party is our side ("PolOff", "the Ambassador", "we", "U.S.")."""
    lower = text.lower()
    return lower in w.our_side or any(word in w.our_side for word in lower.split())



def answers(text: str, w: ActionWords) -> bool:
    lower = text.lower()
    return any(cue in lower for cue in w.answer_cues)



def _promises(said: list) -> bool:
    """A promise: "will"/"would" on a verb whose subject is the speaker or a party ("he would
    convey", "Ukraine would look into"), not on a thing ("the test would constitute a threat")."""
    for t in said:
        if t.lower_ in _PROMISE and t.dep_ == "aux":
            subject = next((ch for ch in t.head.children if ch.dep_ in _SUBJECT), None)
            if subject is not None and (subject.lower_ in _SPEAKERS or subject.pos_ == "PROPN"):
                return True
    return False



def expressed_kind(token, w: ActionWords) -> str | None:
    """"expressed concern" is a démarche, "expressed willingness" an assurance; "expressed
    interest/appreciation/hope" is no act.  In "the concerns expressed by X" the noun is the head."""
    what = token.head.lemma_.lower() if token.dep_ == "acl" else object_lemma(token)
    if what in w.willing:
        return "assurance"
    return "demarche" if what in w.concerns else None



def asks_for_text(text: str) -> bool:
    """Urging "to share", "to provide", "to investigate" read from the words where the parse fails."""
    return any(f"to {act}" in text.lower() for act in _ASKED_ACTS)



def asks_for(token) -> bool:
    """Urging to share, provide or look into something: a request for information or action."""
    return any(ch.dep_ in ("xcomp", "ccomp") and ch.lemma_.lower() in _ASKED_ACTS for ch in token.children)
