"""A learned second opinion on the roles of a transfer's mentions (issue 17).

The rules and the parse frames give each mention of a transfer's sentence a
role (or none).  This module reads, for each (transfer, mention) pair, a few
explainable features of the dependency parse — the relation and the
preposition that link the mention to the nearest transfer word, the length of
that path, the mention's type, which side of the word it stands, the word's
class (giving or buying, verb or noun), the voice, whether the mention is in a
coordination or in a source phrase ("according to X"), and the role the rules
gave it — and a multinomial logistic regression over them, learned on the dev
splits of the events gold by ``bench/train_roles.py`` (folds grouped by cable),
says which role the gold would give it.

The model is data (``data/role_model.json``: feature names, one weight per
class and feature, the intercepts, the threshold, and whether it is on), so
each decision can be explained.  ``reassign_roles`` is the post-pass
``events.find_events`` calls on a paragraph's transfers before they are
scored: where the model's best role differs from the rules' and its
probability reaches the threshold, the mention is moved.  It does nothing
while the model is off (``enabled`` false in the file) unless a model is set
with ``using`` (the training script's out-of-fold check does so).

Each mention has one *primary* role, the first of ``PRIORITY`` it holds: a
country that supplies and is the origin is a supplier; the place roles of a
party ("China", recipient and destination) are left as the rules gave them.
"""
from __future__ import annotations

import json
import math
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

from .event import Argument, Event
from .frame_events import parsed, text_for_parser
from .frames import frame_words, readings
from .mention import Mention

DATA = resources.files(__package__) / "data"
PRIORITY = ("supplier", "recipient", "end_user", "broker", "items", "carrier", "origin", "via", "destination")
PARTY_ROLES = ("supplier", "recipient", "end_user", "broker")
PLACE_ROLES = ("origin", "via", "destination")
NONE = "none"
# the mentions that can hold a transfer's role; quantities and dates are values, not parties or goods
ROLE_TYPES = ("Country", "Organization", "GovernmentBody", "Person", "Vessel", "Flight", "Place", "Item")
# preposition-like links that carry a role ("agent" is the parser's "by" of a passive)
_LINKS = ("prep", "agent", "dative")
_active: dict | bool | None = None  # a model set by ``using`` (False: none); None: the file's, when it is enabled
_recorder: list | None = None  # rows collected by ``recording``


@lru_cache(maxsize=1)
def saved_model() -> dict | None:
    path = DATA / "role_model.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def current_model() -> dict | None:
    """The model the post-pass uses: one set by ``using``, else the file's if it is enabled."""
    if _active is not None:
        return _active or None
    model = saved_model()
    return model if model and model.get("enabled") else None


@contextmanager
def using(model: dict | bool):
    """Run the post-pass with ``model`` (a dict as in the file; False: none), whatever the file says."""
    global _active
    before, _active = _active, model
    try:
        yield
    finally:
        _active = before


@contextmanager
def recording(rows: list):
    """Collect, for every transfer the post-pass sees, ``{"event": Event, "mentions": [...]}`` with
    each mention's features and the rules' role (for the training script)."""
    global _recorder
    before, _recorder = _recorder, rows
    try:
        yield
    finally:
        _recorder = before


def reassign_roles(transfers: list[Event], sentences: list, all_caps: bool) -> list[Event]:
    """The post-pass: each transfer's mentions moved to the role the model gives them, where it is
    confident.  ``sentences``: the paragraph's sentences (``frame_join.Sentence``)."""
    model = current_model()
    if (model is None and _recorder is None) or not transfers:
        return transfers
    for event in transfers:
        pairs = list(_event_mentions(event, sentences, all_caps))
        if _recorder is not None:
            _recorder.append({"event": event, "mentions": [
                {"sentence": s.text, "text": m.text, "key": m.key, "type": m.type, "features": f, "rules": rules}
                for s, m, f, rules in pairs]})
        if model is None:
            continue
        for _, m, f, rules in pairs:
            role, p = best_role(model, f)
            if role != rules and p >= model["threshold"]:
                move(event, m, rules, role)
    return transfers


def best_role(model: dict, features: dict[str, float]) -> tuple[str, float]:
    """The class of highest probability and its probability."""
    probabilities = predict(model, features)
    role = max(probabilities, key=lambda c: (probabilities[c], c))
    return role, probabilities[role]


def predict(model: dict, features: dict[str, float]) -> dict[str, float]:
    """Softmax of the classes' linear scores (``model``: classes, features, weights, intercepts)."""
    index = model.get("_index") or model.setdefault("_index", {n: i for i, n in enumerate(model["features"])})
    scores = {}
    for c, weights, intercept in zip(model["classes"], model["weights"], model["intercepts"]):
        scores[c] = intercept + sum(weights[index[n]] * v for n, v in features.items() if n in index)
    top = max(scores.values())
    total = sum(math.exp(s - top) for s in scores.values())
    return {c: math.exp(s - top) / total for c, s in scores.items()}


def move(event: Event, m: Mention, was: str, role: str) -> None:
    """``m`` out of the roles it held that clash with ``role``, and into ``role`` (none: out of all).
    A party's place roles stay: "China", recipient and destination, is moved as a recipient only."""
    if role == NONE:
        clear = PRIORITY
    elif role in PARTY_ROLES:
        clear = tuple(r for r in PRIORITY if r not in PLACE_ROLES)
    else:
        clear = PRIORITY
    for r in clear:
        if r != role:
            event.arguments[r] = [a for a in event.values(r) if not holds(a, m)]
    if role != NONE and not any(holds(a, m) for a in event.values(role)):
        event.arguments.setdefault(role, []).append(Argument.of(m))


def holds(a: Argument, m: Mention) -> bool:
    """Whether an argument is the mention's: the same entity, or its words within the argument's."""
    if a.key and m.key:
        return a.key == m.key
    inner, outer = _words(m.text), _words(a.text)
    return bool(inner) and f" {inner} " in f" {outer} "


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def rules_role(event: Event, m: Mention) -> str:
    """The primary role the finder gave the mention, or none."""
    return next((r for r in PRIORITY if any(holds(a, m) for a in event.values(r))), NONE)


def _event_mentions(event: Event, sentences: list, all_caps: bool):
    """(sentence, mention, features, rules' role) for each mention of a role type in the event's sentences."""
    inside = [s for s in sentences if event.evidence.start <= s.offset < event.evidence.end]
    docs = parsed([text_for_parser(s.text, s.offset, s.mentions, all_caps) for s in inside])
    for s, doc in zip(inside, docs):
        triggers = transfer_words(doc)
        frames = {r.trigger.start: r for r in readings(doc)} if triggers else {}
        for m in s.mentions:
            if m.type in ROLE_TYPES:
                rules = rules_role(event, m)
                yield s, m, mention_features(doc, m.start - s.offset, m.end - s.offset, m.type, triggers, rules,
                                             frames), rules


def transfer_words(doc) -> list:
    """The tokens of the sentence that are transfer words of the frames (the head of "arms sales" only)."""
    w = frame_words()
    return [t for t in doc if w.direction(t) is not None
            and not (t.dep_ == "compound" and w.direction(t.head) is not None)]


def mention_features(doc, start: int, end: int, kind: str, triggers: list, rules: str,
                     frames: dict | None = None) -> dict[str, float]:
    """The named 0/1 features of a mention (at ``start``-``end`` of the parsed sentence ``doc``); ``frames``:
    the frames (``frames.readings``) of the sentence by the offset of their transfer word."""
    f = {f"type={kind}": 1.0, f"rules={rules}": 1.0}
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not triggers:
        f["trigger=none"] = 1.0
        return f
    head = span.root
    trigger, up, down = min(((t, *_path(head, t)) for t in triggers),
                            key=lambda x: (len(x[1]) + len(x[2]), abs(x[0].i - head.i)))
    w = frame_words()
    cls = f"{w.direction(trigger)}_{'noun' if trigger.pos_ in ('NOUN', 'PROPN') else 'verb'}"
    voice = "noun" if cls.endswith("noun") else "passive" if _passive(trigger) else "active"
    attach = up[-1].dep_ if up else "trigger"  # how the mention's branch hangs below the common ancestor
    prep = next((t.lower_ for t in up if t.dep_ in _LINKS), "none")
    if prep == "none" and attach == "trigger":
        prep = "self"
    length = len(up) + len(down)
    f.update({
        f"trigger={cls}": 1.0,
        f"voice={voice}": 1.0,
        f"dep={head.dep_}": 1.0,
        f"attach={attach}": 1.0,
        f"prep={prep}": 1.0,
        f"path={min(length, 6)}": 1.0,
        f"below_trigger={int(not down)}": 1.0,
        f"side={'before' if head.i < trigger.i else 'after'}": 1.0,
        # the links that change meaning with the word's class or voice: a buying verb's subject gets the goods
        f"{cls}|attach={attach}": 1.0,
        f"{voice}|attach={attach}": 1.0,
        f"{cls}|prep={prep}": 1.0,
        f"type={kind}|prep={prep}": 1.0,
        f"type={kind}|attach={attach}": 1.0,
    })
    if any(t.dep_ == "conj" or any(c.dep_ in ("conj", "cc") for c in t.children) for t in span):
        f["coordinated"] = 1.0
    if _source_phrase(head, trigger, w):
        f["source_phrase"] = 1.0
    if any(t.dep_ in _CLAUSES for t in up + down):
        f["other_clause"] = 1.0  # "we shared with Indian officials information that X had offered ...": not X's clause
    f[f"words_apart={_apart(abs(head.i - trigger.i))}"] = 1.0
    f[f"frame={_frame_role(frames or {}, trigger, start, end)}"] = 1.0
    return f


_CLAUSES = ("ccomp", "advcl", "relcl", "parataxis", "csubj")


def _apart(n: int) -> str:
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _frame_role(frames: dict, trigger, start: int, end: int) -> str:
    """The role the parse's frame of the transfer word gives the span (before the rules are joined), "dropped"
    when the frame is ruled out (a modal, a negation), none when no role span holds it."""
    reading = frames.get(trigger.idx)
    if reading is None:
        return "unread"
    role = next((role for role, spans in reading.roles.items() for sp in spans if sp.start <= start and end <= sp.end),
                NONE)
    return f"dropped_{role}" if reading.drop else role


def _path(a, b) -> tuple[list, list]:
    """The tokens from ``a`` up to (not including) the lowest common ancestor of ``a`` and ``b``, and from ``b``."""
    above_b = {t.i for t in [b, *b.ancestors]}
    up = []
    for t in [a, *a.ancestors]:
        if t.i in above_b:
            common = t
            break
        up.append(t)
    else:
        return up, []
    down = []
    for t in [b, *b.ancestors]:
        if t.i == common.i:
            break
        down.append(t)
    return up, down


def _passive(t) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in t.children) or (
        t.tag_ == "VBN" and t.dep_ in ("acl", "amod"))


def _source_phrase(head, trigger, w) -> bool:
    """"according to X", "X said/reported that ...": who tells of the transfer, not a party to it."""
    reporting = set().union(*(words for _, words in w.reporting))
    for t in head.ancestors:
        if t.i == trigger.i:
            return False
        if t.lower_ == "according" or (t.pos_ == "VERB" and t.lemma_.lower() in reporting):
            return True
    return False
