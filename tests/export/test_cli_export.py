"""``prolifwatch graph`` and ``prolifwatch export`` end to end on the small store."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from tests.export.small_store import LIMMT, MISSING, build_small_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build_small_store(tmp_path_factory.mktemp("cli") / "small.sqlite"))


def test_graph_json_to_stdout(db):
    result = runner.invoke(app, ["graph", "LIMMT Economic and Trade Company", "--db", db])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert graph["nodes"][0]["id"] == LIMMT and len(graph["nodes"]) == 8


def test_graph_graphml_and_gexf_files(db, tmp_path):
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        result = runner.invoke(app, ["graph", LIMMT, "--depth", "2", "--format", fmt, "--out", str(out), "--db", db])
        assert result.exit_code == 0, result.output
        parsed = reader(out)
        assert parsed.number_of_nodes() == 11 and parsed.number_of_edges() == 20
        assert parsed.nodes[MISSING]["in_collection"] is False


def test_graph_limit_reports_what_was_left_out(db):
    result = runner.invoke(app, ["graph", LIMMT, "--limit", "2", "--db", db])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["truncated"][LIMMT]["omitted"] == 5


def test_graph_unknown_entity_is_an_error(db):
    result = runner.invoke(app, ["graph", "Nobody Trading Co", "--db", db])
    assert result.exit_code == 1
    assert "Nobody Trading Co" in result.stderr


def test_graph_depth_above_three_is_refused(db):
    assert runner.invoke(app, ["graph", LIMMT, "--depth", "4", "--db", db]).exit_code == 2


def test_export_ftm_folder_and_summary(db, tmp_path):
    out = tmp_path / "ftm"
    result = runner.invoke(app, ["export", "--format", "ftm", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert len((out / "entities.ftm.json").read_text().splitlines()) == 31
    assert len((out / "records.jsonl").read_text().splitlines()) == 4
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert summary["format"] == "ftm" and summary["counts"]["Event"] == 4


def test_export_jsonl_to_stdout_and_graphml_to_file(db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3 + 1 + 7 + 13 + 3 + 3 + 1
    out = tmp_path / "all.graphml"
    result = runner.invoke(app, ["export", "--format", "graphml", "--out", str(out), "--db", db])
    assert result.exit_code == 0
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    parsed = nx.read_graphml(out)
    assert (parsed.number_of_nodes(), parsed.number_of_edges()) == (summary["counts"]["nodes"], summary["counts"]["edges"])
    # 7 entities, 3 documents, 1 missing, 1 case
    assert parsed.number_of_nodes() == 12
    # 8 entity-document mention pairs, 4 entity edges (both transfers make one
    # supplies edge), 3 document links, 2 reported_in and 4 party_to
    assert parsed.number_of_edges() == 21
    assert parsed.nodes[MISSING]["in_collection"] is False


def test_export_csv_needs_out(db):
    result = runner.invoke(app, ["export", "--format", "csv", "--db", db])
    assert result.exit_code == 2
