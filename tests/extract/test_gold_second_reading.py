"""The second, independent reading of 16 test cables (``tests/data/gold/events_second``), which
measures how far two annotators agree and so what any finder can reach: each file passes the same
checks as the first reading, covers a test cable, and the agreement script scores a reading against
itself perfectly and against the first reading imperfectly."""
from __future__ import annotations

import importlib.util
from functools import cache

import pytest

from prolifwatch.extract.events_gold import load, problems
from prolifwatch.extract.score_events import EventsReport, Matcher, score_document
from prolifwatch.knowledge import default_knowledge
from tests.extract.test_events_gold import GOLD, ROOT, ROW_BY_ID, cable

SECOND = ROOT / "tests" / "data" / "gold" / "events_second"
SECOND_FILES = sorted(SECOND.glob("*.json"))


@cache
def agreement_module():
    spec = importlib.util.spec_from_file_location("gold_agreement", ROOT / "bench" / "gold_agreement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sixteen_test_cables_were_read_again():
    assert len(SECOND_FILES) == 16
    assert all(ROW_BY_ID[p.stem]["split"] == "test" for p in SECOND_FILES)


@pytest.mark.parametrize("path", SECOND_FILES, ids=[p.stem for p in SECOND_FILES])
def test_second_reading_passes_the_gold_checks(path):
    reading = load(path)
    assert reading["id"] == path.stem
    assert problems(reading, cable(reading["id"])) == []


def score(first: dict, second: dict) -> EventsReport:
    report = EventsReport()
    score_document(first, agreement_module().as_found(second), Matcher(default_knowledge()), report)
    return report


def test_a_reading_agrees_with_itself():
    reading = load(SECOND / "08STATE50524.json")
    report = score(reading, reading)
    assert report.transfers.fp == report.transfers.fn == 0
    assert report.transfers.tp == len(reading["transfers"]) == 8
    assert report.actions.fp == report.actions.fn == 0


def test_the_two_readings_of_kinshasa_differ():
    # The second reader made each row of the ¶10 export table a transfer (18 in all); the first did not.
    first, second = load(GOLD / "07KINSHASA797.json"), load(SECOND / "07KINSHASA797.json")
    report = score(first, second)
    assert len(second["transfers"]) == 18
    assert report.transfers.fp > 0
