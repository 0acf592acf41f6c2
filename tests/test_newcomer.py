"""What a newcomer meets (issue 20, item 6): a missing store, names not found,
documents named by their file or title, listing dates, empty folders, and a
README that covers every command."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.timeline import entity_timeline
from prolifwatch.store import open_store
from tests.conftest import SEEDS

README = Path(__file__).resolve().parents[1] / "README.md"
ARTICLE_FILE = "000_64ff7e57a2bd5472"  # the seed article, stored as article-03c5935401c2b59c
ARTICLE_ID = "article-03c5935401c2b59c"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("newcomer") / "seeds.sqlite")
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", path, "--ner-scope", "off"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture()
def runner():
    return CliRunner()


READ_COMMANDS = [
    ["search", "Iran"], ["show", "09BEIJING724"], ["stats"], ["entity", "LIMMT"], ["entities"],
    ["timeline", "LIMMT"], ["case", "case-97ecd6898461"], ["cases"], ["refs", "09BEIJING724"], ["events"],
    ["lists"], ["xref"], ["resolve"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_a_missing_store_stops_and_creates_nothing(runner, tmp_path, command):
    missing = tmp_path / "no-such-folder" / "store.sqlite"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2, result.output
    assert f"no store at {missing}: run `prolifwatch ingest` first" in result.stderr
    assert not missing.parent.exists()


def test_ingest_still_creates_the_store_and_its_folder(runner, tmp_path):
    fresh = tmp_path / "new" / "store.sqlite"
    result = runner.invoke(app, ["ingest", str(SEEDS / f"{ARTICLE_FILE}.txt"), "--db", str(fresh),
                                 "--ner-scope", "off"])
    assert result.exit_code == 0, result.output
    assert fresh.exists()


def test_ingest_of_an_empty_folder_exits_1_naming_it(runner, tmp_path):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "README.md").write_text("not a document")
    store = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["ingest", str(empty), "--db", str(store)])
    assert result.exit_code == 1
    assert f"no files to read in {empty}" in result.stderr
    assert not store.exists()


@pytest.mark.parametrize("name", [
    ARTICLE_FILE, f"{ARTICLE_FILE}.txt", str(SEEDS / f"{ARTICLE_FILE}.txt"),
    "U.S. asked China to stop missile parts shipment to Iran", "u.s. asked china to stop missile parts shipment to iran",
])
def test_show_finds_an_article_by_its_file_or_title(runner, db, name):
    result = runner.invoke(app, ["show", name, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == ARTICLE_ID


def test_refs_finds_a_document_by_its_file(runner, db):
    result = runner.invoke(app, ["refs", ARTICLE_FILE, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["id"] == ARTICLE_ID


def test_a_file_name_naming_several_documents_lists_them(runner, tmp_path):
    for folder, seed in (("a", "001_9c014b750e386666.txt"), ("b", "002_f43618049e87ecce.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(SEEDS / seed, tmp_path / folder / "cable.txt")
    store = str(tmp_path / "s.sqlite")
    assert runner.invoke(app, ["ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--db", store,
                               "--no-resolve", "--no-extract"]).exit_code == 0
    result = runner.invoke(app, ["show", "cable", "--db", store])
    assert result.exit_code == 1
    assert "'cable' names 2 documents; give one of their ids:" in result.stderr
    ids = re.findall(r"^\s+(\S+)", result.stderr, re.M)
    assert len(set(ids)) == 2


def test_a_document_not_found_offers_the_nearest_ids(runner, db):
    result = runner.invoke(app, ["show", "09BEIJING72", "--db", db])
    assert result.exit_code == 1
    assert "no document '09BEIJING72' in the store" in result.stderr
    assert "did you mean:" in result.stderr and "09BEIJING724" in result.stderr


@pytest.mark.parametrize("command, typo, expected", [
    (["entity"], "LIMT", "entity:limmt"),
    (["timeline"], "Dalian Sunny Industris", "entity:limmt"),
    (["refs"], "07STATE15938", "07STATE159388"),
    (["cases", "--entity"], "Dalian Sunyy", "entity:limmt"),
])
def test_not_found_on_a_linked_store_offers_names_not_resolve(runner, db, command, typo, expected):
    result = runner.invoke(app, [*command, typo, "--db", db])
    assert result.exit_code == 1
    assert "did you mean:" in result.stderr and expected in result.stderr
    assert "resolve" not in result.stderr


def test_a_case_not_found_offers_the_nearest_case_ids(runner, db):
    with open_store(db) as store:
        case_id = store.db.execute("SELECT id FROM cases ORDER BY id LIMIT 1").fetchone()[0]
    result = runner.invoke(app, ["case", case_id[:-2], "--db", db])
    assert result.exit_code == 1
    assert case_id in result.stderr and "resolve" not in result.stderr


def test_not_found_on_an_unlinked_store_says_to_resolve(runner, tmp_path):
    store = str(tmp_path / "unlinked.sqlite")
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", store, "--no-resolve",
                               "--ner-scope", "off"]).exit_code == 0
    result = runner.invoke(app, ["entity", "LIMMT", "--db", store])
    assert result.exit_code == 1
    assert "run `prolifwatch resolve`" in result.stderr


def test_a_listing_hit_through_two_member_keys_is_one_item_with_no_made_up_date(tmp_path, db):
    copy = tmp_path / "listed.sqlite"
    shutil.copy(db, copy)
    with open_store(copy) as store:
        keys = ["entity:limmt", "org:dalian-sunny"]  # an entity screened through two member keys
        with store.db:
            store.db.execute("INSERT OR IGNORE INTO entity_members VALUES ('org:dalian-sunny', 'entity:limmt', 1.0,"
                             " 'judged')")
            for n, key in enumerate(keys):
                store.db.execute(
                    "INSERT INTO screening_hits VALUES ('org', ?, 'LIMMT', 'ofac', 'OFAC-1', ?, ?)",
                    (key, 0.9 - n / 10, json.dumps({"name": "LIMMT ECONOMIC AND TRADE COMPANY, LTD.",
                                                     "listed_on": "", "programmes": ["NPWMD"]})))
        listings = [i for i in entity_timeline(store, "LIMMT")["items"] if i["type"] == "listing"]
    assert len(listings) == 1
    assert listings[0]["date"] is None and listings[0]["score"] == 0.9


def _readme_command_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Command line")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(command, "commands", {})]
    return names


def test_the_readme_command_line_section_names_every_command():
    section = _readme_command_section()
    missing = [name for name in _command_names() if f"prolifwatch {name}" not in section]
    assert missing == []
