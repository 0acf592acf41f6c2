"""Diplomatic actions: démarches, requests, responses, assurances and denials,
read from the structure of the sentence.

A sentence holding a cue word (``data/actions.yaml``, ``diplomatic``) is
parsed (spaCy, shared with the transfer frames); each verb of an action gives
one: its kind from the verb, its actor the subject ("by X" for a passive), its
counterpart the object ("urged China", "told PolOff") or "to X"/"with X".
Verbs of saying ("said", "told") give a démarche when our side speaks, else a
response, or an assurance when what is said is a promise ("will", "would").
Instructions without a subject ("Urge host governments to ...") are Post's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from .cues import Cues
from .event import Argument, Event
from .mention import Mention
from .talking_points import addressed, speaks_for_office

DATA = resources.files(__package__) / "data"

_SUBJECT = ("nsubj", "csubj")
_PASSIVE = ("nsubjpass",)
_OBJECT = ("dobj", "iobj", "dative", "obj")
_NOUN_PHRASE = ("compound", "amod", "nmod", "poss", "flat", "nummod", "punct", "case", "det", "npadvmod")
_PRONOUN_PARTIES = {"we", "us", "i", "you", "he", "she", "they", "them", "him", "her", "me"}
_RESOLVED = {"he", "she", "him", "her"}
_PROMISE = {"will", "would", "shall", "'ll", "wo"}
_SPEAKERS = {"he", "she", "we", "they", "i", "it"}
_FORESEEN = {"may", "might", "will", "would", "could", "'ll", "wo"}
_PARTY_NOUNS = {"official", "officials", "government", "minister", "ministry", "side", "delegation", "embassy",
                "counterpart", "counterparts", "interlocutor", "interlocutors", "authority", "authorities",
                "leader", "leaders", "director", "secretary", "ambassador", "team", "representative", "spokesman",
                "officer", "officers", "post", "posts", "staff", "contact", "contacts", "military", "general"}
# the verb's object is the counterpart (told X, urged X); other verbs take "to X"/"with X"
_WISH = {"should", "must", "need", "needs", "ought"}
_ASKED_ACTS = {"provide", "share", "inform", "investigate", "tell", "give", "send", "confirm", "clarify", "explain",
               "consider", "see", "look", "notify", "keep", "let", "supply", "report", "update", "check"}
_MEETINGS = {"meeting", "talk", "conversation", "discussion", "call", "dinner", "lunch", "exchange", "consultation"}
_ADDRESSED = {"tell", "urge", "ask", "press", "remind", "encourage", "inform", "assure", "approach", "advise",
              "reassure", "demarche", "invite", "call", "request", "brief"}


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


@lru_cache(maxsize=1)
def action_words() -> ActionWords:
    return ActionWords(yaml.safe_load((DATA / "actions.yaml").read_text(encoding="utf-8")))


def actions_in_paragraph(sentences: list, c: Cues, all_caps: bool, instructed: str | None = None) -> list[Event]:
    """The actions of a paragraph's sentences (``transfers.Sentence``), in order; ``instructed``:
    the office the cable instructs to act (``talking_points.instructed_office``), if any."""
    from .frame_events import parsed, text_for_parser  # the parser is loaded only where a cue word is

    numbers = [n for n, s in enumerate(sentences) if c.any_diplomatic not in s.lacks and c.any_diplomatic.search(s.text)]
    if not numbers:
        return []
    docs = dict(zip(numbers, parsed([text_for_parser(sentences[n].text, sentences[n].offset, sentences[n].mentions,
                                                     all_caps) for n in numbers])))
    out: list[Event] = []
    last_person: Mention | None = None
    for n, s in enumerate(sentences):
        if n in docs:
            out.extend(actions_in_sentence(s, docs[n], c, last_person, instructed))
        people = [m for m in s.mentions if m.type == "Person"]
        if people:
            last_person = people[-1]
    return _addressed(out)


def _addressed(actions: list[Event]) -> list[Event]:
    """What is said without saying to whom is said to the other side of the paragraph's
    exchange (PolOff told X ... X said); with no exchange in the paragraph it is no action.
    What they say is a response only after an act of ours in the paragraph."""
    w = action_words()
    ours, theirs = [], []
    for a in actions:
        for role in ("actor", "counterpart"):
            for arg in a.values(role):
                side = ours if _ours(arg.text, w) else theirs
                if arg not in side:
                    side.append(arg)
    out = []
    answered = False  # a plain "X said" of theirs is a response only to an act of ours before it
    for a in actions:
        plain = a.features.get("plain") and not a.features.get("ours")
        answered = answered or bool(a.features.get("ours"))
        if plain and not answered:
            continue
        if not a.features.get("said") or a.values("counterpart"):
            out.append(a)
            continue
        other = theirs if a.features.get("ours") else ours
        other = [arg for arg in other if arg not in a.values("actor")]
        if other:
            a.arguments["counterpart"] = other[:1]
            out.append(a)
    return out


def actions_in_sentence(s, doc, c: Cues, last_person: Mention | None = None,
                        instructed: str | None = None) -> list[Event]:
    w = action_words()
    out: list[Event] = []
    seen = set()
    for token in doc:
        noun_kind = _noun_act(token, w)
        if noun_kind:  # "AFM He repeated assurances", "we have made requests": the verb does the act
            token = token.head
        elif token.pos_ not in ("VERB", "NOUN") or (token.pos_ == "NOUN" and token.lemma_.lower() != "demarche"):
            continue
        lemma = token.lemma_.lower()
        if not noun_kind and (lemma not in w.kind_of and lemma not in w.reporting or not _fits(token, lemma, w)):
            continue
        if _reported_within(token, w) or _unrealised(token, w):
            continue
        actor_tokens, counterpart_tokens = _parties(token, lemma)
        actor = [_argument(t, s, w, c, last_person) for t in actor_tokens]
        actor = [a for a in actor if a]
        counterpart = [a for a in (_argument(t, s, w, c, last_person) for t in counterpart_tokens) if a]
        imperative = not actor_tokens and _imperative(token)
        if imperative:
            actor = [Argument("Post", None, "Role")]
        you = addressed(s.text) if instructed else None
        if instructed and (imperative or you and speaks_for_office(token, [a.text for a in actor])):
            # a talking point: "we" speak to "you" through the office told to deliver it (where
            # the host is named in the third person, "we" is Washington telling Post its aims)
            actor = [Argument(instructed, None, "Role")]
            counterpart = counterpart or ([Argument(you, None, "Pronoun")] if you else [])
        ours = any(_ours(a.text, w) for a in actor)
        if noun_kind:
            kind = noun_kind
        elif lemma in w.reporting:
            if not actor:
                continue
            kind = _said_kind(token, ours, bool(counterpart_tokens), w, s.text)
        else:
            kind = w.kind_of[lemma]
            if lemma == "express":
                kind = _expressed_kind(token, w)
            elif lemma in ("urge", "encourage") and (not ours or _asks_for(token)):
                kind = "request"  # they urge us to act; we urge them to share what they know
            elif lemma in w.ours_only and not ours:
                kind = None
            elif lemma in w.statement_verbs and not (ours or imperative or counterpart):
                kind = None  # "Sokolov stressed the need for ...": their view, said to no one
        if not ours and (lemma in w.reporting or lemma in w.statement_verbs) and _denies(token, w):
            kind = "denial"  # "He said Ukraine had not transferred any military equipment to South Sudan"
        if kind is None or (not actor and not counterpart) or (not ours and lemma not in w.wished and _foreseen(token)):
            continue
        if _negated(token) and kind != "denial":
            continue
        key = (kind, tuple(a.text for a in actor), tuple(a.text for a in counterpart))
        if key in seen or (not counterpart and key[:2] in seen):  # "urged X to ... and encourage": one act
            continue
        seen.update((key, key[:2]))
        args = {"actor": actor, "counterpart": counterpart}
        event = Event("diplomatic_action", s.evidence, args, kind=kind,
                      confidence=0.6 if actor and counterpart else 0.4)
        event.features = {"lemma": lemma, "said": lemma in w.reporting, "actor": bool(actor),
                          "counterpart": bool(counterpart), "imperative": imperative, "ours": ours,
                          "dep": token.dep_, "plain": lemma in w.reporting and kind == "response"
                          and not counterpart and not _answers(s.text, w)}
        out.append(event)
    return out


def _fits(token, lemma: str, w: ActionWords) -> bool:
    """Whether the verb is used as an action: "call on", "raise concern", "seek information"."""
    if lemma in w.particles:
        return any(ch.dep_ in ("prep", "prt") and ch.lower_ in w.particles[lemma] for ch in token.children)
    obj = _object_lemma(token)
    if lemma == "raise":
        return obj in w.raise_objects or any(ch.dep_ == "prep" and ch.lower_ == "with" for ch in token.children)
    if lemma == "present":
        return obj in w.raise_objects or obj in ("paper", "non-paper", "demarche", "letter", "information", "evidence")
    if lemma == "seek":
        return obj in w.request_objects or any(ch.dep_ in ("xcomp", "ccomp") and ch.lemma_.lower() not in w.goods_acts
                                               for ch in token.children)  # "sought to purchase" is procurement
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


def _question(token, w: ActionWords) -> bool:
    """"asked whether/how/about ...": a question put to no one named, asking for a view in a
    discussion; not a request for action or information ("asked for", "asked that", "asked X
    to", and a question put to someone: "PolOff asked Botwe about the seizure")."""
    if any(ch.dep_ in ("xcomp", "dobj", "dative", "iobj") or ch.dep_ == "prep" and ch.lower_ == "for"
           for ch in token.children):
        return False
    for ch in token.children:
        if ch.dep_ == "prep" and ch.lower_ == "about":
            return True
        if ch.dep_ == "ccomp" and any(t.lower_ in w.question_words and t.i < ch.i for t in ch.subtree):
            return True
    return False


def _noun_act(token, w: ActionWords) -> str | None:
    """The kind of an act named by a noun that a light verb governs ("repeated assurances",
    "made numerous follow-up requests", "delivered demarches"), else None."""
    if token.pos_ != "NOUN" or token.dep_ != "dobj" or token.head.lemma_.lower() not in w.light_verbs:
        return None
    return w.noun_kinds.get(token.lemma_.lower())


def _denies(token, w: ActionWords) -> bool:
    """What a party says is a denial when it says goods did not move: a negated verb of supplying
    in what is said ("had not transferred", "does not supply", "is no longer exporting")."""
    said = [t for ch in token.children if ch.dep_ in ("ccomp", "xcomp") for t in ch.subtree]
    return any(t.lemma_.lower() in w.goods_acts and any(ch.dep_ == "neg" or ch.lower_ in ("never", "longer")
                                                       for ch in t.children) for t in said)


def _foreseen(token) -> bool:
    """What the other side may or will do ("Merkel may raise this with you") is foreseen, not done;
    our side's "will deliver" is a plan the cable reports (kept)."""
    return any(ch.dep_ == "aux" and ch.lower_ in _FORESEEN for ch in token.children)


def _unrealised(token, w: ActionWords) -> bool:
    """An infinitive that names an act without doing it: of a noun or an adverb ("our decision to
    respond", "how best to respond") or of a verb of trying or wishing ("trying to respond")."""
    if not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in token.children):
        return False
    return token.head.pos_ in ("NOUN", "ADJ", "ADV") or token.head.lemma_.lower() in w.unrealised


def _reported_within(token, w: ActionWords) -> bool:
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


def _object_lemma(token) -> str | None:
    obj = next((ch for ch in token.children if ch.dep_ in _OBJECT), None)
    return obj.lemma_.lower() if obj is not None else None


def _parties(token, lemma: str):
    """The tokens heading the actor and the counterpart of the verb."""
    actor, counterpart = [], []
    head = token
    # "continued to urge", "urged ... and pressed": the subject is the governing verb's
    while True:
        subj = [ch for ch in head.children if ch.dep_ in _SUBJECT]
        passive = [ch for ch in head.children if ch.dep_ in _PASSIVE]
        if subj or passive or head.dep_ not in ("xcomp", "conj") or head.head is head:
            break
        head = head.head
    passive = [ch for ch in head.children if ch.dep_ in _PASSIVE]
    for ch in head.children:
        if ch.dep_ in _SUBJECT:
            actor.extend(_coordinated(ch))
    if passive:
        agents = [g for ch in token.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
        for g in agents:
            actor.extend(_coordinated(g))
        if lemma in _ADDRESSED:
            for p in passive:
                counterpart.extend(_coordinated(p))
    if token.dep_ == "acl" and not actor:  # "the concerns expressed by the United States"
        for ch in token.children:
            if ch.dep_ == "agent":
                actor.extend(g for g in ch.children if g.dep_ == "pobj")
    objects = [ch for ch in token.children if ch.dep_ in _OBJECT]
    if lemma in _ADDRESSED:
        for o in objects:
            if o.pos_ in ("PROPN", "PRON") or o.lower_ in _PARTY_NOUNS or o.lemma_.lower() in _PARTY_NOUNS:
                counterpart.extend(_coordinated(o))
    for holder in [token, *objects]:
        for ch in holder.children:
            if ch.dep_ == "prep" and ch.lower_ in ("to", "with", "on", "of") and (ch.lower_ != "on" or lemma == "call") \
                    and (ch.lower_ != "of" or lemma in ("ask", "request", "inquire")):
                counterpart.extend(g for p in ch.children if p.dep_ == "pobj" for g in _coordinated(p))
    if not counterpart:  # "In his meeting with Secretary Rumsfeld, Mukherjee said"
        for t in token.doc:
            if t.lemma_.lower() in _MEETINGS:
                for ch in t.children:
                    if ch.dep_ == "prep" and ch.lower_ == "with":
                        counterpart.extend(g for p in ch.children if p.dep_ == "pobj" for g in _coordinated(p))
    return actor, counterpart


def _coordinated(token) -> list:
    out = [token]
    for ch in token.children:
        if ch.dep_ == "conj":
            out.extend(_coordinated(ch))
    return out


def _span(token) -> tuple[int, int]:
    """Character span of the name a token heads: its compounds and titles to the left."""
    left = token
    for ch in reversed([ch for ch in token.children if ch.i < token.i]):
        if ch.dep_ in _NOUN_PHRASE and ch.i == left.i - 1 or ch.dep_ in _NOUN_PHRASE and ch.right_edge.i == left.i - 1:
            left = ch.left_edge
        else:
            break
    right = token
    for ch in token.children:
        if ch.i > token.i and ch.dep_ in ("flat", "compound") and ch.i == right.i + 1:
            right = ch
    while left.i < right.i and (left.is_punct or left.lower_ in ("the", "a", "an", "our", "their", "its")):
        left = left.nbor(1)
    return left.idx, right.idx + len(right.text)


def _argument(token, s, w: ActionWords, c: Cues, last_person: Mention | None) -> Argument | None:
    lower = token.lower_
    if token.lemma_.lower() in w.not_parties or lower in w.not_parties:
        return None
    named = [m for m in s.mentions if m.start <= s.offset + token.idx < m.end and m.type == "Person"]
    if token.pos_ == "PRON" and not named:  # "AFM He" is a name
        if lower not in _PRONOUN_PARTIES:
            return None
        if lower in _RESOLVED:
            before = [m for m in s.mentions if m.type == "Person" and m.end <= s.offset + token.idx]
            person = before[-1] if before else last_person
            return Argument.of(person) if person else None
        return Argument(token.text, None, "Pronoun")
    start, end = _span(token)
    start += _paragraph_head(s.text[start:end])
    start -= _title_before(s.text[:start])
    text = s.text[start:end].strip()
    if not text:
        return None
    inside = [m for m in s.mentions if s.offset + start <= m.start and m.end <= s.offset + end
              and m.type in ("Person", "Country", "GovernmentBody", "Organization", "Company")]
    if inside:
        m = inside[-1]
        return Argument(text, m.key, m.type)
    if token.pos_ == "PROPN" or any(t.isupper() for t in text[:1]) or token.lemma_.lower() in _PARTY_NOUNS \
            or c.actor_role.search(text):
        return Argument(text, "role:" + text.lower(), "Role")
    return None


_HEAD = re.compile(r"^\W*\d+\.\s*(?:\(?[A-Z/ ]+\)\s*)?|^\([A-Z/ ]+\)\s*|^[-\u2013\u2022*]+\s*")
_TITLE = re.compile(r"\b(?:[A-Z][A-Za-z]{0,4}/)+(?:[A-Z][A-Za-z]{0,4}\s?)?$")


def _paragraph_head(text: str) -> int:
    """Length of a paragraph head or bullet the parse took into a name ("¶31. (S) The U.S.",
    "16.(S) Rood", "-- The U.S.")."""
    m = _HEAD.match(text)
    return m.end() if m and m.end() < len(text) else 0


def _title_before(before: str) -> int:
    """Length of a slashed title the parse split from a name ("A/S" of "A/S Shapiro")."""
    m = _TITLE.search(before)
    return len(m.group()) if m else 0


def _imperative(token) -> bool:
    """A verb opening an instruction ("-- Urge host governments", "Post should deliver" has a subject)."""
    if token.dep_ not in ("ROOT", "conj"):
        return False
    first = next((t for t in token.doc if t.is_alpha), None)
    return first is not None and (first.i == token.i or (token.dep_ == "conj" and first.i == token.head.i
                                                        and first.tag_ == "VB"))


def _said_kind(token, ours: bool, addressed: bool, w: ActionWords, text: str) -> str | None:
    """The act a verb of saying reports: a reply when the sentence says it answers; what
    is said asking for action or promising it; our side telling the other side something
    ("we informed you that", "Rood told AFM He that") is a démarche, our side saying
    something to no one named is no act; theirs is a response (without an addressee, kept
    only where the paragraph holds our side's act, see ``_addressed``)."""
    if _answers(text, w):
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


def _answers(text: str, w: ActionWords) -> bool:
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


def _expressed_kind(token, w: ActionWords) -> str | None:
    """"expressed concern" is a démarche, "expressed willingness" an assurance; "expressed
    interest/appreciation/hope" is no act.  In "the concerns expressed by X" the noun is the head."""
    what = token.head.lemma_.lower() if token.dep_ == "acl" else _object_lemma(token)
    if what in w.willing:
        return "assurance"
    return "demarche" if what in w.concerns else None


def _asks_for(token) -> bool:
    """Urging to share, provide or look into something: a request for information or action."""
    return any(ch.dep_ in ("xcomp", "ccomp") and ch.lemma_.lower() in _ASKED_ACTS for ch in token.children)


def _ours(text: str, w: ActionWords) -> bool:
    lower = text.lower()
    return lower in w.our_side or any(word in w.our_side for word in lower.split())


def _negated(token) -> bool:
    return any(ch.dep_ == "neg" for ch in token.children)
