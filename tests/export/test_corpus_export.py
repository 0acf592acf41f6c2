"""Graph and exports on the seeds + corpus store (``corpus_db``, resolved).

FtM validity, GraphML parse-back and the fan-out cap hold whatever the
resolution stage produced; the references of 07STATE159388 need the
document-links stage (store/links.py)."""
from __future__ import annotations

import networkx as nx

from prolifwatch.export.ftm import write_ftm
from prolifwatch.export.store_graph import write_store_graphml
from prolifwatch.query.graph import entity_graph
from prolifwatch.store import open_store
from tests.export.ftm_checks import check_ftm_lines

# REF: A. STATE 109649 B. BEIJING5237 C. STATE 071143 D. STATE 073601 E. STATE 72896
#      F. BEIJING 6361 G. STATE 148514 H. BEIJING 6848  (seed 003, a 2007 cable)
SEED_REFERENCES = {"07STATE109649", "07BEIJING5237", "07STATE71143", "07STATE73601", "07STATE72896",
                   "07BEIJING6361", "07STATE148514", "07BEIJING6848"}


def test_corpus_ftm_export_validates_and_references_resolve(corpus_db, tmp_path):
    with open_store(corpus_db) as store:
        with open(tmp_path / "e.json", "w") as entities, open(tmp_path / "r.jsonl", "w") as records:
            counts = write_ftm(store.db, entities, records)
        stored = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        missing = store.db.execute(
            "SELECT count(DISTINCT dst) FROM document_links WHERE dst NOT IN (SELECT id FROM documents)").fetchone()[0]
    exported = check_ftm_lines(tmp_path / "e.json")
    assert len(exported) == sum(counts.values())
    assert counts["PlainText"] + counts.get("Article", 0) == stored + missing   # every document, cited ones too
    assert counts["Event"] > 0 and counts["Mention"] > 0


def test_corpus_graphml_parses_back(corpus_db, tmp_path):
    path = tmp_path / "all.graphml"
    with open_store(corpus_db) as store, open(path, "w", encoding="utf-8") as fh:
        counts = write_store_graphml(store.db, fh)
    parsed = nx.read_graphml(path)
    assert (parsed.number_of_nodes(), parsed.number_of_edges()) == (counts["nodes"], counts["edges"])


def test_busy_entity_graph_is_capped_per_node(corpus_db):
    limit = 10
    with open_store(corpus_db) as store:
        graph = entity_graph(store, "country:IR", depth=2, limit=limit)
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert len(nodes) <= 1 + limit + limit * limit
    assert graph["truncated"]["country:IR"]["omitted"] > 0      # Iran is in hundreds of corpus documents
    for edge in graph["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes


def test_seed_cable_references_are_cites_edges(corpus_db):
    with open_store(corpus_db) as store:
        graph = entity_graph(store, "07STATE159388", limit=50)
    cited = {e["target"] for e in graph["edges"] if e["source"] == "07STATE159388" and e["kind"] == "cites"}
    assert cited == SEED_REFERENCES
