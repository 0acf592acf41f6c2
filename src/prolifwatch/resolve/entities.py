"""Entity resolution: mention keys become canonical entities.

Input: every distinct mention key with its surface forms and counts, the
knowledge base, and the analyst's judgements.  Output: clusters of keys, each
an entity whose id is its anchor key (a knowledge-base key when the cluster
has one, else its most-mentioned key, ties by the smallest key), so ids stay
the same from one run to the next.

Keys are compared only within a kind (``names.PERSON``, ``PARTY`` =
organisations and government bodies, ``PLACE``, ``VESSEL``): a vessel never
joins an organisation.  Closed-class keys (countries, regimes, items,
resolutions, programmes) are canonical already; a place or organisation key
whose name is a country's name or alias joins the ``country:`` entity.  The
passes, most certain first:

1. name-match / alias: forms equal once normalised (``names.match_keys``:
   case, suffixes, word order, romanisation, titles) - also against the
   names and aliases of knowledge-base entries;
2. spelling: names one edit apart where the edit is a slip, not another name
   (``names_passes.spelling_variants``: "Ahmadinejad"/"Ahmedinejad",
   "Nicolas"/"Nicholas Sarkozy", but not "DOE"/"DOJ Office" nor "Saleh"/"Salehi");
3. acronym: an all-capital form whose letters are the initials of exactly
   one other organisation ("MFA" ... "Ministry of Foreign Affairs"); of up to
   three letters only when the two share a document;
4. short-form (``names_passes.containment_pass``): a name that is the end of
   a longer one ("Sarkozy", "Van Diepen", "Sepah" for Bank Sepah) joins it when
   that longer name is the only one in the collection (the surname is
   unambiguous); among several, the one it shares documents with, or clearly
   the main one; otherwise ("Burns": William Burns in some cables, Nicholas
   Burns in others) it stays apart.  A name that is the start of a longer one
   ("Liu" ... "AFM Liu Jieyi") joins only through shared documents.

nomenklatura's logic-v2 was tried as the pair scorer and not kept: it scores
"Shahid Hemmat"/"Shahid Bakeri Industrial Group" as high as
"Shahid Bagheri"/"Shahid Bakeri" (0.62) and "Kim Jong Il"/"Kim Jong Un" at
0.70, so it cannot tell spelling variants from different actors here.

Two knowledge-base entries never merge on their own; the analyst's
judgements win over every pass: a positive one joins two clusters, a
negative one keeps two keys apart (cannot-link) whatever the names say.
Noise keys (``names.is_noise``) stay entities of their own and take no part; a
redaction mark ("XXXXXXXXXXXX") makes no entity at all.  A generic body keyed with its
country by extraction (``body:mfa:cn``, ``extract/scopes.py``) is matched by no pass: the
same name is another country's body.  (A store extracted before scoping keeps its unscoped
keys, "Ministry of Foreign Affairs" of every country, until it is extracted again.)
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..extract.redactions import is_redaction
from ..knowledge.base import KnowledgeBase
from . import names as nm
from .names_passes import (
    Clusters, DocumentsOf, Node, acronym_pass, containment_pass, name_pass, spelling_pass,
)

PREFIX_KIND = {"person": nm.PERSON, "org": nm.PARTY, "body": nm.PARTY, "place": nm.PLACE, "vessel": nm.VESSEL}
KB_TYPE_KIND = {"Person": nm.PERSON, "Organization": nm.PARTY, "GovernmentBody": nm.PARTY,
                "Place": nm.PLACE, "Vessel": nm.VESSEL}
KB_PREFIXES = ("entity:", "country:", "regime:", "resolution:", "item:")
ALIASES_KEPT = 50



@dataclass
class KeyRecord:
    """What the store knows of one mention key."""

    key: str
    type: str  # commonest mention type
    forms: Counter = field(default_factory=Counter)  # surface form -> mentions
    mentions: int = 0
    documents: int = 0


@dataclass(frozen=True)
class Judgement:
    left: str
    right: str
    positive: bool


@dataclass
class Member:
    key: str
    score: float
    reason: str


@dataclass
class Cluster:
    id: str
    type: str
    name: str
    aliases: list[str]
    attributes: dict
    members: list[Member]
    mentions: int
    documents: int  # sum over members: an upper bound the store replaces by the distinct count


def _key_slug(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def _slug(text: str) -> str:
    return "-".join(nm.raw_tokens(text))


def _primary_forms(record: KeyRecord) -> list[str]:
    """The forms the key was made from (its slug), else its commonest form: the
    other forms are often the extractor's own short forms ("Yafei" for He Yafei)."""
    slug = _key_slug(record.key)
    commonest = [f for f, _ in _commonest_first(record.forms)]
    forms = [f for f in commonest if _slug(f) == slug]
    return forms or commonest[:1]


def _nodes(records: Iterable[KeyRecord], kb: KnowledgeBase) -> list[Node]:
    nodes: list[Node] = []
    seen: dict[str, KeyRecord] = {r.key: r for r in records}
    for entity in kb.entities:
        key = f"entity:{entity.id}"
        nodes.append(Node(key, KB_TYPE_KIND.get(entity.type), [entity.name, *entity.aliases],
                           seen.pop(key, None), kb=True))
    for country in kb.countries:
        key = f"country:{country.id}"
        nodes.append(Node(key, "country", [country.name, *country.aliases], seen.pop(key, None), kb=True))
    for record in seen.values():
        prefix = record.key.split(":", 1)[0]
        kind = PREFIX_KIND.get(prefix)
        forms = _primary_forms(record)
        if forms and all(is_redaction(f) for f in forms):
            continue  # a redaction mark is nobody: no entity, no party
        if _is_scoped(record.key):
            kind = None  # a country's generic body joins no other by name (see _is_scoped)
        noise = kind is not None and (not forms or all(nm.is_noise(f, kind) for f in forms))
        nodes.append(Node(record.key, None if noise else kind, [f for f in forms if not nm.is_noise(f, kind or "")],
                           record, kb=record.key.startswith(KB_PREFIXES), noise=noise))
    return nodes


def _is_scoped(key: str) -> bool:
    """A generic body keyed with its country or document by extraction (``body:mfa:cn``,
    ``extract/scopes.py``): all its names are in the key already, and the same name of
    another country's body ("Foreign Ministry") must not join it."""
    return key.startswith("body:") and key.count(":") == 2


def resolve_entities(
    records: Iterable[KeyRecord],
    kb: KnowledgeBase,
    judgements: Iterable[Judgement] = (),
    documents_of: DocumentsOf | None = None,
) -> list[Cluster]:
    """Clusters of mention keys, one per real-world actor.  ``documents_of(keys)`` gives
    the documents (any hashable ids) where any of ``keys`` is mentioned; without it the
    passes that need co-occurrence (acronym, short-form) are skipped."""
    nodes = _nodes(records, kb)
    index = {n.key: i for i, n in enumerate(nodes)}
    negatives: dict[int, set[int]] = defaultdict(set)
    positives: list[tuple[int, int]] = []
    for j in judgements:
        if j.left in index and j.right in index:
            a, b = index[j.left], index[j.right]
            if j.positive:
                positives.append((a, b))
            else:
                negatives[a].add(b)
                negatives[b].add(a)
    clusters = Clusters(nodes, dict(negatives))
    for a, b in positives:
        clusters.union(a, b, "judged", forced=True)
    judged = {i for pair in positives for i in pair}
    name_pass(nodes, clusters)
    spelling_pass(nodes, clusters)
    if documents_of is not None:
        acronym_pass(nodes, clusters, documents_of)
        for kind in (nm.PERSON, nm.PARTY):
            containment_pass(nodes, clusters, documents_of, kind)
    for i in judged:
        clusters.reason[i] = (1.0, "judged")
    return _assemble(nodes, clusters, kb)


def _assemble(nodes: list[Node], clusters: Clusters, kb: KnowledgeBase) -> list[Cluster]:
    found: list[Cluster] = []
    for root, members in enumerate(clusters.members):
        if not members or all(nodes[i].record is None for i in members):
            continue
        found.append(_cluster([nodes[i] for i in members], [clusters.reason.get(i) for i in members], kb))
    found.sort(key=lambda c: c.id)
    return found


def _anchor(members: list[Node]) -> Node:
    def weight(node: Node) -> tuple:
        return (not node.kb, -(node.record.mentions if node.record else 0), node.key)

    return min(members, key=weight)


def _commonest_first(counts: Counter) -> list[tuple[str, int]]:
    """Ties in alphabetical order, not in the order the store happens to hold the
    mentions, so that a store rebuilt after a crash links to the same entities."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _cluster(members: list[Node], reasons: list[tuple[float, str] | None], kb: KnowledgeBase) -> Cluster:
    anchor = _anchor(members)
    kind_of_anchor = anchor.kind or PREFIX_KIND.get(anchor.key.split(":", 1)[0])
    forms: Counter = Counter()
    for node in members:
        if node.record:
            for form, count in node.record.forms.items():
                forms[" ".join(form.split())] += count
    by_fold: dict[str, str] = {}
    fold_count: Counter = Counter()
    for form, count in _commonest_first(forms):
        by_fold.setdefault(form.casefold(), form)
        fold_count[form.casefold()] += count
    aliases = [by_fold[f] for f, _ in _commonest_first(fold_count)
               if not nm.is_noise(by_fold[f], kind_of_anchor or "")]
    type_, name, attributes = _knowledge(anchor.key, kb)
    if name is None:
        type_ = anchor.record.type if anchor.record else "Unknown"
        name = _best_name([n for n in members if not n.noise] or members, kind_of_anchor) or anchor.key
    if name in aliases:
        aliases.remove(name)
    aliases.insert(0, name)
    for node in members:
        if node.kb:
            aliases += [a for a in (" ".join(n.split()) for n in node.names) if a not in aliases]
    if anchor.noise:
        attributes["noise"] = True
    ordered = sorted(zip(members, reasons), key=lambda m: (m[0] is not anchor, m[0].key))
    return Cluster(
        id=anchor.key, type=type_, name=name, aliases=aliases[:ALIASES_KEPT], attributes=attributes,
        members=[Member(n.key, 1.0, "anchor") if n is anchor else Member(n.key, *(r or (1.0, "name-match")))
                 for n, r in ordered],
        mentions=sum(n.record.mentions for n in members if n.record),
        documents=sum(n.record.documents for n in members if n.record),
    )


def _best_name(members: list[Node], kind: str | None) -> str | None:
    """The commonest of the fullest forms: "Nicolas Sarkozy" rather than "Sarkozy"."""
    counts: Counter = Counter()
    for node in members:
        if node.record:
            for form, count in node.record.forms.items():
                if not nm.is_noise(form, kind or ""):
                    counts[" ".join(form.split())] += count
    if not counts:  # only noise: its commonest form
        counts = Counter({" ".join(f.split()): c for n in members if n.record for f, c in n.record.forms.items()})
    if not counts:
        return None
    one_word = {"".join(nm.name_tokens(f, kind or nm.PLACE)) for f in counts if len(nm.name_tokens(f, kind or nm.PLACE)) == 1}

    def fullness(form: str) -> tuple[int, bool]:
        tokens = nm.name_tokens(form, kind or nm.PLACE)
        untitled = kind != nm.PERSON or len(nm.strip_titles(nm.raw_tokens(form))) == len(nm.raw_tokens(form))
        return (1 if "".join(tokens) in one_word else len(tokens)), untitled

    return max(counts, key=lambda f: (fullness(f), counts[f], f))


def _knowledge(key: str, kb: KnowledgeBase) -> tuple[str, str | None, dict]:
    prefix, _, ident = key.partition(":")
    if prefix == "entity" and ident in kb.entity_by_id:
        e = kb.entity_by_id[ident]
        attributes = {"country": e.country, **e.attributes, "source": e.source}
        return e.type, e.name, {k: v for k, v in attributes.items() if v}
    if prefix == "country" and ident in kb.country_by_id:
        c = kb.country_by_id[ident]
        attributes = {"iso": c.id, "tag": c.tag, "capital": c.capital, "source": c.source}
        return "Country", c.name, {k: v for k, v in attributes.items() if v}
    return "", None, {}
