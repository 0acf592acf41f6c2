"""Exports: the neighbourhood graph in JSON/GraphML/GEXF, and the whole store as
FollowTheMoney, JSONL, CSV or GraphML.  Rows come from ``query.export_rows``;
these modules only format them."""
from __future__ import annotations

FORMATS = ("ftm", "jsonl", "csv", "graphml")
GRAPH_FORMATS = ("json", "graphml", "gexf")
