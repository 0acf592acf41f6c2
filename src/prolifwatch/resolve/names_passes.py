"""The matching passes of entity resolution, over nodes (mention keys and knowledge-base
entries) in a union-find that honours cannot-link pairs.  ``entities.resolve_entities``
runs them in order, most certain first; see its module docstring for what each does."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rigour.text.distance import levenshtein
from rigour.text.phonetics import metaphone

from . import names as nm

MATCHED_KINDS = (nm.PERSON, nm.PARTY, nm.PLACE, nm.VESSEL)
COUNTRY_ALIAS_KINDS = (nm.PLACE, nm.PARTY)  # a place or organisation key named "North Korea" is the country
SPELLING_MIN = 7  # letters of a name run together before one edit is taken as a spelling variant
SPELLING_MIN_ONE_WORD = 8
SPELLING_WORD_MIN = 5  # letters of the one word that differs in a name of several
ACRONYM_ALONE = 4
# Two letters ("EU", but also "MF", "MG") stand for many names: only with one candidate, met in this many documents.
TWO_LETTER_SHARED = 3  # an acronym this long with one possible expansion needs no shared document
# A short name with more longer-name candidates than this ("Ali", "Kim") is too common to resolve.
SHORT_FORM_CANDIDATES = 8
# With several candidates, one that shares at least this many documents, and this many times
# more than the next, is the one meant ("Sarkozy": Nicolas Sarkozy in 10 documents, a stray
# "Sarkozy Darfur" in 1); otherwise ("Burns": William Burns, Nicholas Burns) it stays apart.
SHORT_FORM_MIN_SHARED = 3
SHORT_FORM_DOMINANCE = 3

SCORES = {"judged": 1.0, "alias": 1.0, "name-match": 1.0, "spelling": 0.9, "acronym": 0.85, "short-form": 0.8}

DocumentsOf = Callable[[Sequence[str]], set]


@dataclass
class Node:
    key: str
    kind: str | None  # None: closed class, never matched by name
    names: list[str]  # forms compared
    record: Any  # entities.KeyRecord; None for a knowledge-base entry nobody mentions
    kb: bool
    noise: bool = False


class Clusters:
    """Union-find over nodes with cannot-link pairs and one knowledge-base anchor per cluster."""

    def __init__(self, nodes: list[Node], negatives: dict[int, set[int]]):
        self.parent = list(range(len(nodes)))
        self.members = [[i] for i in range(len(nodes))]
        self.kb = [n.key if n.kb else None for n in nodes]
        self.negatives = negatives
        self.constrained = [[i] if i in negatives else [] for i in range(len(nodes))]
        self.reason: dict[int, tuple[float, str]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, reason: str, *, forced: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if not forced and self.kb[ra] and self.kb[rb]:
            return False
        for x, other in ((ra, rb), (rb, ra)):
            for k in self.constrained[x]:
                if any(self.find(n) == other for n in self.negatives[k]):
                    return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members[rb]
        self.members[rb] = []
        self.constrained[ra] += self.constrained[rb]
        self.constrained[rb] = []
        self.kb[ra] = self.kb[ra] or self.kb[rb]
        for n in (a, b):
            self.reason.setdefault(n, (SCORES[reason], reason))
        return True


def name_pass(nodes: list[Node], clusters: Clusters) -> None:
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        kinds = COUNTRY_ALIAS_KINDS if node.kind == "country" else (node.kind,)
        for kind in kinds:
            if kind is None:
                continue
            for form in node.names:
                for match_key in nm.match_keys(form, kind):
                    by_key[(kind, match_key)].append(i)
    for group in by_key.values():
        first = group[0]
        for other in group[1:]:
            reason = "alias" if nodes[first].kb or nodes[other].kb else "name-match"
            clusters.union(first, other, reason)


def _deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1:] for i in range(len(text))}


def spelling_pass(nodes: list[Node], clusters: Clusters) -> None:
    """One edit apart, found through shared one-letter deletions (no pairwise scan)."""
    spellings: dict[tuple[str, tuple[str, ...]], int] = {}
    for i, node in enumerate(nodes):
        if node.kind not in MATCHED_KINDS:
            continue
        for form in node.names:
            tokens = nm.name_tokens(form, node.kind)
            if len("".join(tokens)) >= SPELLING_MIN:
                spellings.setdefault((node.kind, tokens), i)
    by_deletion: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for kind, tokens in spellings:
        for deleted in _deletions("".join(tokens)):
            by_deletion[(kind, deleted)].append((kind, tokens))
    for group in by_deletion.values():
        for n, a in enumerate(group):
            for b in group[n + 1:]:
                if a != b and spelling_variants(a[1], b[1], a[0]):
                    clusters.union(spellings[a], spellings[b], "spelling")


def spelling_variants(a: tuple[str, ...], b: tuple[str, ...], kind: str) -> bool:
    """Names already known to be one edit apart when run together: is that edit a
    spelling slip or a different name?  Digits and short words decide names ("DOE"/"DOJ
    Office", "Kang Nam 1"/"2"), so are the ends of one-word names and of surnames
    ("Saleh"/"Salehi")."""
    joined_a, joined_b = "".join(a), "".join(b)
    if any(c.isdigit() for c in joined_a + joined_b) or levenshtein(joined_a, joined_b) > 1:
        return False  # (a shared deletion also pairs names two edits apart: "abxd"/"aybd")
    if len(a) != len(b) or len(a) == 1:
        return (min(len(joined_a), len(joined_b)) >= SPELLING_MIN_ONE_WORD
                and joined_a[0] == joined_b[0] and joined_a[-1] == joined_b[-1]
                and metaphone(joined_a) == metaphone(joined_b))  # "Chongming" is not "Chongqing"
    differing = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if min(len(x), len(y)) < SPELLING_WORD_MIN or x[0] != y[0]:
        return False
    return kind != nm.PERSON or x[-1] == y[-1]


def _shared(clusters: Clusters, nodes: list[Node], a: int, b: int, documents_of: DocumentsOf) -> int:
    """Documents mentioning both clusters."""
    def keys(root: int) -> list[str]:
        return [nodes[i].key for i in clusters.members[root] if nodes[i].record is not None]

    left, right = keys(clusters.find(a)), keys(clusters.find(b))
    return len(documents_of(left) & documents_of(right)) if left and right else 0


def _together(clusters: Clusters, nodes: list[Node], a: int, b: int, documents_of: DocumentsOf) -> bool:
    return _shared(clusters, nodes, a, b, documents_of) > 0


def acronym_pass(nodes: list[Node], clusters: Clusters, documents_of: DocumentsOf) -> None:
    by_initials: dict[str, list[int]] = defaultdict(list)
    acronyms: list[tuple[int, str]] = []
    for i, node in enumerate(nodes):
        if node.kind != nm.PARTY:
            continue
        for form in node.names:
            if nm.is_acronym(form):
                acronyms.append((i, nm.acronym_letters(form)))
            else:
                for letters in nm.initials(form):
                    by_initials[letters].append(i)
    for i, letters in acronyms:
        candidates = {clusters.find(j) for j in by_initials.get(letters, ())} - {clusters.find(i)}
        if len(letters) == 2:
            if len(candidates) == 1 and _shared(clusters, nodes, i, min(candidates), documents_of) >= TWO_LETTER_SHARED:
                clusters.union(i, min(candidates), "acronym")
        elif len(candidates) == 1:
            (root,) = candidates
            if len(letters) >= ACRONYM_ALONE or _together(clusters, nodes, i, root, documents_of):
                clusters.union(i, root, "acronym")
        elif 1 < len(candidates) <= SHORT_FORM_CANDIDATES:  # "FATF": the Financial Action or Assets Task Force?
            chosen = _chosen_by_documents(clusters, nodes, clusters.find(i), sorted(candidates), documents_of)
            if chosen is not None:
                clusters.union(i, chosen, "acronym")


def _bridges(tokens: tuple[str, ...], root: int, tops_by_name: dict[tuple[str, ...], set[int]]) -> bool:
    """True for a name that starts with one other party's name and ends with another's
    ("Al-Qaeda Taliban", "Duma and Federation Council"): two parties, not a longer name of either."""
    def parties(parts: list[tuple[str, ...]]) -> set[int]:
        named = [p for p in parts if not all(t in nm.GENERIC_ORG_WORDS for t in p)]  # "Bank" is no party
        return {r for p in named for r in tops_by_name.get(p, ())} - {root}

    starts = parties([tokens[:k] for k in range(1, len(tokens))])
    ends = parties([tokens[-k:] for k in range(1, len(tokens))])
    return bool(starts and ends and starts.isdisjoint(ends))


def containment_pass(nodes: list[Node], clusters: Clusters, documents_of: DocumentsOf, kind: str) -> None:
    """Short forms: a cluster whose fullest name is the end of a longer name ("Sarkozy" /
    "Nicolas Sarkozy", "Van Diepen" / "Vann Van Diepen", "Sepah" / "Bank Sepah") joins the
    cluster of that longer name when it is the only such name in the collection; among
    several, the one it shares documents with, or clearly the main one.  A person's name
    that is the *start* of a longer one ("Liu" / "Liu Jieyi", "Abdallah" / "Abdallah
    Mansour": a given name, or a surname written first) joins only through shared documents.
    Knowledge-base entries are complete names already; generic words ("Council", "Bank")
    are nobody's short form; a person name that already has a given name ("Muammar
    al-Qadhafi") is not the end of a longer one ("Aisha Muammar al-Qadhafi", his daughter)."""
    names_by_root: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    has_kb: set[int] = set()
    for i, node in enumerate(nodes):
        if node.kind != kind:
            continue
        root = clusters.find(i)
        if node.kb:
            has_kb.add(root)
        names_by_root[root].update(t for t in (nm.name_tokens(f, kind) for f in node.names) if t)
    tops_by_name: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for root, names in names_by_root.items():
        fullest = max((len(t) for t in names), default=0)
        for tokens in names:
            if len(tokens) == fullest:
                tops_by_name[tokens].add(root)
    one_word = {name[0] for name in tops_by_name if len(name) == 1}  # words used alone as a name
    ends, starts = _longer_names(names_by_root, tops_by_name, one_word, kind)
    for root, names in sorted(names_by_root.items()):
        if root in has_kb or not names:
            continue
        fullest = max(len(t) for t in names)
        tops = [t for t in names if len(t) == fullest]
        if kind == nm.PARTY and fullest == 1 and tops[0][0] in nm.GENERIC_ORG_WORDS:
            continue
        here = clusters.find(root)
        by_end = sorted({clusters.find(r) for t in tops for r in ends.get(t, ())} - {here})
        by_start = sorted({clusters.find(r) for t in tops for r in starts.get(t, ())} - {here})
        if len(by_end) == 1:  # unambiguous in the whole collection: no shared document needed
            clusters.union(here, by_end[0], "short-form")
            continue
        candidates = by_end or by_start
        if not candidates or len(candidates) > SHORT_FORM_CANDIDATES:
            continue
        chosen = _chosen_by_documents(clusters, nodes, here, candidates, documents_of)
        if chosen is not None:
            clusters.union(here, chosen, "short-form")


def _chosen_by_documents(clusters: Clusters, nodes: list[Node], here: int, candidates: list[int],
                         documents_of: DocumentsOf) -> int | None:
    """The one candidate the cluster shares documents with, or the clear main one; else None."""
    shared = sorted(((_shared(clusters, nodes, here, c, documents_of), c) for c in candidates), reverse=True)
    best, runner_up = shared[0][0], (shared[1][0] if len(shared) > 1 else 0)
    if best > 0 and (runner_up == 0 or (best >= SHORT_FORM_MIN_SHARED and best >= SHORT_FORM_DOMINANCE * runner_up)):
        return shared[0][1]
    return None


def _longer_names(names_by_root, tops_by_name, one_word, kind):
    """Index of the clusters by the shorter names their names end with, and start with."""
    ends: dict[tuple[str, ...], set[int]] = defaultdict(set)
    starts: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for root, names in names_by_root.items():
        for tokens in names:
            if kind == nm.PARTY and _bridges(tokens, root, tops_by_name):
                continue
            for k in range(1, len(tokens)):
                end, before, start, after = tokens[-k:], tokens[:-k], tokens[:k], tokens[k:]
                if kind == nm.PARTY:  # an organisation's short form leaves out only generic words ("Bank" Sepah)
                    if all(t in nm.GENERIC_ORG_WORDS for t in before):
                        ends[end].add(root)
                    if all(t in nm.GENERIC_ORG_WORDS for t in after):
                        ends[start].add(root)
                    continue
                if k == 1 or end[0] not in one_word or end[0] in nm.PARTICLES:
                    ends[end].add(root)
                if k == 1:
                    starts[start].add(root)
    return ends, starts
