"""The entity list (``prolifwatch entities`` and ``GET /api/v1/entities``) on a store linked and not yet linked."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.context import Reader
from prolifwatch.query.entity_page import entity_list
from tests.conftest import SEED_CABLE_EXPORT


def _ingest(path, *options: str) -> str:
    result = CliRunner().invoke(app, ["ingest", str(SEED_CABLE_EXPORT), "--db", str(path), "--ner-scope", "off",
                                      *options])
    assert result.exit_code == 0, result.output
    return str(path)


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory) -> str:
    return _ingest(tmp_path_factory.mktemp("unlinked") / "s.sqlite", "--no-resolve")


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> str:
    return _ingest(tmp_path_factory.mktemp("linked") / "s.sqlite")


def test_before_linking_the_list_is_of_mention_keys(unlinked):
    # 09BEIJING724 asks China to stop LIMMT's sales to Iran's missile programme
    with Reader.open(unlinked) as reader:
        found = entity_list(reader, per_page=500)
        organizations = entity_list(reader, type="Organization", per_page=500)
        limmt = entity_list(reader, q="limmt")
    assert found.entities and all(line.members == 0 and line.aliases == [] for line in found.entities)
    assert "LIMMT" in " ".join(line.name for line in found.entities)
    assert not {"Quantity", "Date"} & {line.type for line in found.entities}
    assert organizations.entities and {line.type for line in organizations.entities} == {"Organization"}
    assert limmt.entities and all("limmt" in line.id for line in limmt.entities)


def test_after_linking_the_list_is_of_entities_with_their_members(linked):
    with Reader.open(linked) as reader:
        found = entity_list(reader, q="LIMMT")
    assert [line.id for line in found.entities] == ["entity:limmt"]
    assert found.entities[0].members >= 1 and "LIMMT" in found.entities[0].aliases


def test_the_cli_prints_the_list_s_lines(linked):
    with Reader.open(linked) as reader:
        expected = [line.model_dump() for line in entity_list(reader, per_page=5).entities]
    assert len(expected) == 5  # a linked store of the seeds holds more than five entities
    result = CliRunner().invoke(app, ["entities", "--limit", "5", "--db", linked, "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected
