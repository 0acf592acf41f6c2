"""Diplomatic actions: démarches, requests, responses, assurances and denials,
read from the structure of the sentence.

A sentence holding a cue word (``data/actions.yaml``, ``diplomatic``) is
parsed (spaCy, shared with the transfer frames); each verb of an action gives
one: its kind from the verb, its actor the subject ("by X" for a passive), its
counterpart the object ("urged China", "told PolOff") or "to X"/"with X".
Verbs of saying ("said", "told") give a démarche when our side speaks, else a
response, or an assurance when what is said is a promise ("will", "would").
Instructions without a subject ("Urge host governments to ...") are Post's.
Whether a verb is used as an act, and of which kind, is ``action_verbs.py``.
"""
from __future__ import annotations

import re

from .action_verbs import (ActionWords, action_words, answers, asks_for, denies, expressed_kind, fits, foreseen,
                           noun_act, not_done, reported_within, said_kind, speaks_for_us, unrealised)
from .cues import Cues
from .event import Argument, Event
from .mention import Mention
from .talking_points import addressed, bullet_act, bullet_verbs, speaks_for_office

_SUBJECT = ("nsubj", "csubj")
_PASSIVE = ("nsubjpass",)
_OBJECT = ("dobj", "iobj", "dative", "obj")
_NOUN_PHRASE = ("compound", "amod", "nmod", "poss", "flat", "nummod", "punct", "case", "det", "npadvmod")
_PRONOUN_PARTIES = {"we", "us", "i", "you", "he", "she", "they", "them", "him", "her", "me"}
_RESOLVED = {"he", "she", "him", "her"}
_PARTY_NOUNS = {"official", "officials", "government", "minister", "ministry", "side", "delegation", "embassy",
                "counterpart", "counterparts", "interlocutor", "interlocutors", "authority", "authorities",
                "leader", "leaders", "director", "secretary", "ambassador", "team", "representative", "spokesman",
                "officer", "officers", "post", "posts", "staff", "contact", "contacts", "military", "general"}
# the verb's object is the counterpart (told X, urged X); other verbs take "to X"/"with X"
_MEETINGS = {"meeting", "talk", "conversation", "discussion", "call", "dinner", "lunch", "exchange", "consultation"}
_ADDRESSED = {"tell", "urge", "ask", "press", "remind", "encourage", "inform", "assure", "approach", "advise",
              "reassure", "demarche", "invite", "call", "request", "brief"}


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
        named = [m for m in s.mentions if m.type == "Person"]
        if named:
            last_person = named[-1]
    return _addressed(out)


def _addressed(actions: list[Event]) -> list[Event]:
    """What is said without saying to whom is said to the other side of the paragraph's
    exchange (PolOff told X ... X said); with no exchange in the paragraph it is no action.
    What they say is a response only after an act of ours in the paragraph, and one response
    per speaker to each act of ours however many sentences it takes."""
    w = action_words()
    ours, theirs = [], []
    for a in actions:
        for role in ("actor", "counterpart"):
            for arg in a.values(role):
                side = ours if speaks_for_us(arg.text, w) else theirs
                if arg not in side:
                    side.append(arg)
    out = []
    answered = False  # a plain "X said" of theirs is a response only to an act of ours before it
    replied: set[str] = set()  # who has answered our last act: "X said ... He said ..." is one reply
    for a in actions:
        plain = a.features.get("plain") and not a.features.get("ours")
        if a.features.get("ours"):
            answered, replied = True, set()
        speaker = " ".join(x.key or x.text for x in a.values("actor"))
        if plain and (not answered or speaker in replied):
            continue
        if plain:
            replied.add(speaker)
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
    bullets = bullet_verbs(s.text, doc, w)
    for bullet in bullets:  # "-- Urge host governments to share": the parser often reads the verb as a name
        out.append(bullet_act(bullet, s, w, instructed))
    for token in doc:
        if any(token.i == b.i for b in bullets):
            continue
        noun_kind = noun_act(token, w)
        if noun_kind:  # "AFM He repeated assurances", "we have made requests": the verb does the act
            token = token.head
        elif token.pos_ not in ("VERB", "NOUN") or (token.pos_ == "NOUN" and token.lemma_.lower() != "demarche"):
            continue
        lemma = token.lemma_.lower()
        if not noun_kind and (lemma not in w.kind_of and lemma not in w.reporting or not fits(token, lemma, w)):
            continue
        if reported_within(token, w) or unrealised(token, w) or _told_to_act(token, w):
            continue
        actor_tokens, counterpart_tokens = _parties(token, lemma)
        if any(t.left_edge.i <= b.i <= t.right_edge.i for t in actor_tokens for b in bullets):
            continue  # the parse took the bullet's verb into a subject ("Urge Government ... approach")
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
        ours = any(speaks_for_us(a.text, w) for a in actor)
        if noun_kind:
            kind = noun_kind
        elif lemma in w.reporting:
            if not actor:
                continue
            kind = said_kind(token, ours, bool(counterpart_tokens), w, s.text)
        else:
            kind = w.kind_of[lemma]
            if lemma == "express":
                kind = expressed_kind(token, w)
            elif lemma in ("urge", "encourage") and (not ours or asks_for(token)):
                kind = "request"  # they urge us to act; we urge them to share what they know
            elif lemma in w.ours_only and not ours:
                kind = None
            elif (lemma in w.statement_verbs or lemma == "caution") and answers(s.text, w):
                kind = "response"  # "PDAS McNerney cautioned in response that", "In response ..., X emphasized"
            elif lemma in w.statement_verbs and not (ours or imperative or counterpart):
                kind = None  # "Sokolov stressed the need for ...": their view, said to no one
            elif kind == "response" and ours and not counterpart:
                kind = None  # "PDAS McNerney replied that we plan ...": our side's turn in a discussion
        if not ours and (lemma in w.reporting or lemma in w.statement_verbs) and denies(token, w):
            kind = "denial"  # "He said Ukraine had not transferred any military equipment to South Sudan"
        if kind is None or (not actor and not counterpart) or (not ours and lemma not in w.wished and foreseen(token)):
            continue
        if _negated(token) and kind != "denial":
            continue
        if not _visitor(actor) and not_done(token, w, instruction=bool(instructed)):
            continue  # a talking point or a scenesetter's advice to the visitor ("you should stress") is kept
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
                          and not counterpart and not answers(s.text, w)}
        out.append(event)
    return out




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
    if passive and head.i != token.i and head.lemma_.lower() in action_words().told_to_act:
        actor.extend(t for p in passive for t in _coordinated(p))  # "Post is requested to approach the ROKG"
        passive = []
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
            if o.pos_ in ("PROPN", "PRON") or o.text[:1].isupper() or o.lemma_.lower() in _PARTY_NOUNS \
                    or o.lower_ in _PARTY_NOUNS:  # "remind MbZ": the parse may tag a name a noun
                counterpart.extend(_coordinated(o))
    for holder in [token, *objects]:
        for ch in holder.children:
            if _to_whom(ch, lemma):
                counterpart.extend(g for p in ch.children if p.dep_ == "pobj" for g in _coordinated(p))
    if not counterpart:  # "In his meeting with Secretary Rumsfeld, Mukherjee said"
        for t in token.doc:
            if t.lemma_.lower() in _MEETINGS:
                for ch in t.children:
                    if ch.dep_ == "prep" and ch.lower_ == "with":
                        counterpart.extend(g for p in ch.children if p.dep_ == "pobj" for g in _coordinated(p))
    return actor, counterpart


def _told_to_act(token, w: ActionWords) -> bool:
    """"Post is requested to approach": our office told to act; the act is the one it is told to do."""
    return token.lemma_.lower() in w.told_to_act and any(ch.dep_ == "xcomp" for ch in token.children) and any(
        ch.dep_ in _PASSIVE and speaks_for_us(ch.text, w) for ch in token.children)


def _to_whom(prep, lemma: str) -> bool:
    """A preposition naming the counterpart: "to X" (the parse may call it a dative: "delivered
    demarches to the GOR"), "with X"; "on X" only for "called on", "of/for X" for asking ("asked of
    Syria", "asked for Russia to explain")."""
    if prep.dep_ not in ("prep", "dative"):
        return False
    word = prep.lower_
    return word in ("to", "with") or word == "on" and lemma == "call" or word in ("of", "for") and lemma in (
        "ask", "request", "inquire")


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
    if token.pos_ == "PROPN" or token.text[:1].isupper() or token.lemma_.lower() in _PARTY_NOUNS \
            or c.actor_role.search(text):
        return Argument(text, "role:" + text.lower(), "Role")
    return None


_HEAD = re.compile(r"^\W*\d+\.\s*(?:\(?[A-Z/ ]+\)\s*)?|^\([A-Z/ ]+\)\s*|^[-\u2013\u2022*]+\s*"
                   r"|^\(?[A-Z]+//[^()]*\)\s*")  # "(S//REL China) Post": a marking the parse took in
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
    """A verb opening an instruction ("-- Urge host governments", "Please deliver the points"; "Post
    should deliver" has a subject)."""
    if token.dep_ not in ("ROOT", "conj"):
        return False
    first = next((t for t in token.doc if t.is_alpha and t.lower_ != "please"), None)
    return first is not None and (first.i == token.i or (token.dep_ == "conj" and first.i == token.head.i
                                                        and first.tag_ == "VB"))


def _visitor(actor: list[Argument]) -> bool:
    """The actor is "you": the visitor a scenesetter briefs, whose advised acts the gold counts."""
    return any(a.text.lower() == "you" for a in actor)


def _negated(token) -> bool:
    return any(ch.dep_ == "neg" for ch in token.children)
