"""The corpus events gold (``tests/data/gold/events``) is honest about its cables: every file passes
``events_gold.problems`` against the cable it describes, the split is the one the guideline states, and
``problems`` does catch a broken file."""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import pytest

from prolifwatch.extract.events_gold import load, problems, read_split

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold" / "events"
GOLD_FILES = sorted(GOLD.glob("*.json"))
SPLIT_ROWS = read_split(GOLD / "split.tsv")
ROW_BY_ID = {r["id"]: r for r in SPLIT_ROWS}
SAMPLE = "09KYIV1942"  # a dev cable whose gold has many transfers and actions


@lru_cache(maxsize=None)
def cable(cable_id: str):
    from prolifwatch.pipeline import parse_paths

    row = ROW_BY_ID[cable_id]
    docs = [d for d in parse_paths([str(ROOT / row["path"])]) if not hasattr(d, "reason") and d.id == cable_id]
    assert docs, f"{row['path']}: no cable {cable_id}"
    return docs[0]


def test_there_are_gold_files():
    assert len(GOLD_FILES) >= 120


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_file_passes_its_checks(path):
    gold = load(path)
    assert gold["id"] == path.stem
    assert gold["id"] in ROW_BY_ID, f"{gold['id']} is not in split.tsv"
    assert problems(gold, cable(gold["id"])) == []


def test_split_has_128_cables_sixty_forty():
    ids = [r["id"] for r in SPLIT_ROWS]
    assert len(ids) == 128
    assert len(set(ids)) == 128
    dev = {r["id"] for r in SPLIT_ROWS if r["split"] == "dev"}
    test = {r["id"] for r in SPLIT_ROWS if r["split"] == "test"}
    assert not dev & test
    assert dev | test == set(ids), "every row is dev or test"
    assert 0.55 <= len(dev) / len(ids) <= 0.65
    assert 0.35 <= len(test) / len(ids) <= 0.45


def test_every_gold_file_is_in_the_split():
    assert {p.stem for p in GOLD_FILES} <= set(ROW_BY_ID)


@pytest.fixture()
def sample():
    gold = load(GOLD / f"{SAMPLE}.json")
    assert ROW_BY_ID[SAMPLE]["split"] == "dev"
    assert gold["transfers"] and gold["diplomatic_actions"]
    assert problems(gold, cable(SAMPLE)) == []
    return copy.deepcopy(gold)


def test_problems_catches_evidence_not_in_the_paragraph(sample):
    doc = cable(SAMPLE)
    t = sample["transfers"][0]
    # the evidence of the next paragraph's transfer, cited under this one's paragraph
    other = next(p for p in doc.paragraphs if p.index != t["paragraph"] and p.text.strip())
    t["evidence"] = other.text.strip()[:80]
    assert t["evidence"] not in next(p.text for p in doc.paragraphs if p.index == t["paragraph"])
    found = problems(sample, doc)
    assert any(line.startswith("transfer 0: evidence not found") for line in found), found


def test_problems_catches_a_bad_status_and_hedging(sample):
    sample["transfers"][0]["status"] = "happened"
    sample["transfers"][0]["hedging"] = "rumoured"
    found = problems(sample, cable(SAMPLE))
    assert any("transfer 0: status 'happened'" in line for line in found), found
    assert any("transfer 0: hedging 'rumoured'" in line for line in found), found


def test_problems_catches_a_value_not_printed(sample):
    sample["transfers"][0]["supplier"] = ["Atlantis Arms Trading"]
    found = problems(sample, cable(SAMPLE))
    assert found == ["transfer 0: supplier 'Atlantis Arms Trading' is not printed in the document"]


def test_problems_catches_wrong_paragraph_number_and_missing_items(sample):
    t = sample["transfers"][0]
    t["paragraph_number"] = "99."
    t["items"], t["quantity"] = [], None
    found = problems(sample, cable(SAMPLE))
    assert any("is printed" in line and "'99.'" in line for line in found), found
    assert "transfer 0: no items" in found


def test_problems_catches_policy_only_with_transfers_and_a_dangling_link(sample):
    sample["policy_only"] = True
    sample["diplomatic_actions"][0]["transfer"] = len(sample["transfers"])
    sample["diplomatic_actions"][0]["kind"] = "chat"
    found = problems(sample, cable(SAMPLE))
    assert "policy_only is true but transfers are listed" in found
    assert any(line.startswith("action 0: transfer") for line in found), found
    assert any(line.startswith("action 0: kind 'chat'") for line in found), found
