"""``prolifwatch eval-events`` end to end through Typer's runner, on a small gold folder: two short dev
cables of the real events gold (one with transfers, one policy-only), their rows of split.tsv and their
gold files copied into a temporary folder."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "events"
CABLES = ("09BRASILIA1228", "07BANDARSERIBEGAWAN112")  # short dev cables: 2 transfers; policy-only


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def small_gold(tmp_path) -> Path:
    with open(GOLD / "split.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        fields = reader.fieldnames
        rows = [r for r in reader if r["id"] in CABLES]
    assert [r["split"] for r in rows] == ["dev", "dev"]
    folder = tmp_path / "gold"
    folder.mkdir()
    with open(folder / "split.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for r in rows:
            # the real rows name the cable relative to the checkout; here it is read from anywhere
            writer.writerow(dict(r, path=str((ROOT / r["path"]).resolve())))
            shutil.copy(GOLD / f"{r['id']}.json", folder / f"{r['id']}.json")
    return folder


def test_eval_events_scores_the_dev_cables(runner, small_gold):
    result = runner.invoke(app, ["eval-events", str(small_gold), "--split", "dev", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["policy_documents"] == 1
    t = data["transfers"]
    assert set(t) >= {"tp", "fp", "fn", "precision", "recall", "f1"}
    assert t["tp"] + t["fn"] == 2, "the gold of the two cables holds two transfers"
    assert set(data["arguments"]) >= {"supplier", "recipient", "items"}
    assert [b["confidence"] for b in data["reliability"]] == ["0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1.0"]
    assert sum(b["events"] for b in data["reliability"]) == t["tp"] + t["fp"]
    assert sum(b["real"] for b in data["reliability"]) == t["tp"]
    # dates are scored on matched transfers: never more gold dates than matches
    assert set(data["date"]) >= {"tp", "fp", "fn", "gold_dated", "wrong"}
    assert data["date"]["gold_dated"] <= t["tp"]


def test_eval_events_table_has_a_date_row(runner, small_gold):
    result = runner.invoke(app, ["eval-events", str(small_gold), "--split", "dev"])
    assert result.exit_code == 0, result.output
    assert "date (matched)" in result.stdout


def test_eval_events_on_the_test_split_of_a_dev_only_folder_scores_nothing(runner, small_gold):
    result = runner.invoke(app, ["eval-events", str(small_gold), "--split", "test", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 0


def test_eval_events_refuses_an_unknown_split(runner, small_gold):
    result = runner.invoke(app, ["eval-events", str(small_gold), "--split", "nonsense"])
    assert result.exit_code == 2
    assert "--split must be one of dev, test, all, not 'nonsense'" in result.stderr


def test_eval_events_names_a_missing_split_file(runner, tmp_path):
    empty = tmp_path / "no-gold"
    empty.mkdir()
    result = runner.invoke(app, ["eval-events", str(empty)])
    assert result.exit_code == 2
    assert f"{empty}/split.tsv not found" in result.stderr
