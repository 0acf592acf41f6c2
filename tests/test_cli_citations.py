"""Paragraph citations as the document prints them, through the real CLI on a store
of the seeds plus 08STATE93558 (from the corpus: the request 08BEIJING3400 answers).

The expected citations were read in the documents, not taken from the code:
- seeds/001 (08BEIJING3400) prints its shipment paragraph "¶2. (S) Drawing on reftel
  points, ... expressed U.S. concern regarding a Chinese-origin shipment of
  proliferation concern that occurred in May and June" -- the second paragraph.
- corpus/wikileaks-html/2008/09/08STATE93558.html prints the UK démarche as "¶5.
  (S/Rel UK) In June 2008, while this shipment was en route to Iran, the UK approached
  Chinese officials ... We would like to support the UK demarche", and "6.(S/Rel
  China) -- In the spirit of our nonproliferation cooperation" as paragraph 6.
- seeds/000 (the Washington Post article) numbers no paragraph; "According to a cable
  dated Nov. 3, 2007" opens its sixth paragraph.
The parsed record counts paragraphs from 0 (index 1 for "¶2."): the index stays in
the JSON as "paragraph"; the printed number is what users see.
"""
from __future__ import annotations

import csv
import json
import re

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.cli import out as cli_out
from tests.conftest import CORPUS, SEEDS

STATE_93558 = CORPUS / "wikileaks-html" / "2008" / "09" / "08STATE93558.html"
ARTICLE = "article-03c5935401c2b59c"  # seeds/000, the Washington Post article
SHIPMENT = "Chinese-origin shipment of proliferation concern that occurred in May and June"
UK_DEMARCHE = "the UK approached Chinese officials in Beijing and objected to the transfer"
NOV_3_CABLE = "According to a cable dated Nov. 3, 2007"


SHIPMENT_UNDER_THE_FLOOR = pytest.mark.xfail(strict=True, reason=(
    "issue 17, third round: 08BEIJING3400 ¶2's shipment scores 0.251 under the retrained model's listing "
    "floor (0.27), read with no supplier.  It has none to read: the guideline (tests/data/gold/README.md) and "
    "this seed's gold give 'a Chinese-origin shipment' China as origin only (the dev gold does the same with "
    "'French-origin' in 08STATE23763), so the finder is right and the floor hides it; for the confidence "
    "retrain to list it (the fourth round kept the third round's model), not for a supplier rule"))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("citations") / "store.sqlite")
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), str(STATE_93558), "--db", path])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def uk_index(db) -> int:
    """The record's index of 08STATE93558's "¶5." (read from ``show --json``, so that a
    change in how the cable's earlier paragraphs are split does not change what is tested)."""
    record = _json_lines(_run("show", "08STATE93558", "--db", db, "--json"))[0]
    return next(p["index"] for p in record["paragraphs"] if p["text"].startswith("¶5. (S/Rel UK) In June 2008"))


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    # The console is made at import, before any COLUMNS a test could set: widen it so
    # table cells holding a citation are not wrapped.
    monkeypatch.setattr(cli_out, "width", 250)


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _event_blocks(output: str) -> list[tuple[str, str]]:
    """(head line, the rest in one line) of each event the text of ``events`` prints."""
    blocks: list[tuple[str, list[str]]] = []
    for line in output.splitlines():
        if line and not line.startswith(" "):
            blocks.append((line, []))
        elif blocks:
            blocks[-1][1].append(line.strip())
    return [(head, " ".join(rest)) for head, rest in blocks]


def _heading_before(output: str, paragraph_start: str) -> str:
    """The line ``show`` prints just before the paragraph whose text starts so."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(paragraph_start))
    return lines[at - 1]


# -- events -------------------------------------------------------------------------------

@SHIPMENT_UNDER_THE_FLOOR
def test_events_cite_the_08beijing3400_shipment_paragraph_as_printed(db):
    blocks = _event_blocks(_run("events", "--limit", "500", "--db", db))
    heads = [head for head, rest in blocks if head.startswith("transfer") and SHIPMENT in rest]
    assert heads and all(head.endswith("· 08BEIJING3400 ¶2") for head in heads), heads


def test_events_cite_the_08state93558_uk_demarche_as_printed(db):
    blocks = _event_blocks(_run("events", "--limit", "500", "--db", db))
    heads = [head for head, rest in blocks if head.startswith("demarche") and UK_DEMARCHE in rest]
    assert heads and all(head.endswith("· 08STATE93558 ¶5") for head in heads), heads


def test_events_json_keeps_the_index_and_adds_the_number_as_printed(db, uk_index):
    found = _json_lines(_run("events", "--limit", "500", "--db", db, "--json"))
    shipment = [e["evidence"] for e in found if e["document"] == "08BEIJING3400" and SHIPMENT in e["evidence"]["text"]]
    demarche = [e["evidence"] for e in found if e["document"] == "08STATE93558" and UK_DEMARCHE in e["evidence"]["text"]]
    assert shipment and demarche
    assert {(e["paragraph"], e["paragraph_number"]) for e in shipment} == {(1, "¶2.")}
    assert {(e["paragraph"], e["paragraph_number"]) for e in demarche} == {(uk_index, "¶5.")}
    assert list(shipment[0]) == ["paragraph", "paragraph_number", "start", "end", "text"]


def test_an_unnumbered_paragraph_is_cited_by_its_place_and_said_to_be_unnumbered(db):
    found = _json_lines(_run("events", "--limit", "500", "--db", db, "--json"))
    evidence = next(e["evidence"] for e in found if e["document"] == ARTICLE and NOV_3_CABLE in e["evidence"]["text"])
    assert (evidence["paragraph"], evidence["paragraph_number"]) == (5, None)
    blocks = _event_blocks(_run("events", "--limit", "500", "--db", db))
    heads = [head for head, rest in blocks if NOV_3_CABLE in rest]
    assert heads and all(head.endswith(f"· {ARTICLE} para. 6 (unnumbered)") for head in heads), heads


def test_extract_json_carries_the_number_as_printed_in_evidence_and_mentions():
    record = _json_lines(_run("extract", str(SEEDS / "001_9c014b750e386666.txt"), "--json", "--no-ner"))[0]
    shipment = [e["evidence"] for e in record["events"] if SHIPMENT in e["evidence"]["text"]]
    assert shipment and {(e["paragraph"], e["paragraph_number"]) for e in shipment} == {(1, "¶2.")}
    # "Liu Jieyi" is named in ¶1 only
    liu = next(m for m in record["mentions"] if m["text"] == "Liu Jieyi")
    assert (liu["paragraph"], liu["paragraph_number"]) == (0, "¶1.")


# -- show ---------------------------------------------------------------------------------

def test_show_heads_each_paragraph_with_its_printed_number(db):
    beijing = _run("show", "08BEIJING3400", "--db", db)
    assert _heading_before(beijing, "¶2. (S) Drawing on reftel points") == "¶2 (S)"
    state = _run("show", "08STATE93558", "--db", db)
    assert _heading_before(state, "¶5. (S/Rel UK) In June 2008") == "¶5 (S/Rel UK)"
    assert _heading_before(state, "6.(S/Rel China) -- In the spirit") == "¶6 (S/Rel China)"
    # the internal index ("[4]") is no longer printed as if it were a citation
    assert not re.search(r"^\[\d+\]", beijing + state, re.MULTILINE)


def test_show_heads_an_unnumbered_paragraph_by_its_place(db):
    article = _run("show", ARTICLE, "--db", db)
    assert _heading_before(article, NOV_3_CABLE) == "para. 6 (unnumbered)"


# -- entity, case, timeline ---------------------------------------------------------------

def test_entity_events_cite_the_uk_demarche_as_printed(db, uk_index):
    profile = _json_lines(_run("entity", "UK", "--db", db, "--json"))[0]
    demarche = [e["source"] for e in profile["events"] if UK_DEMARCHE in e["source"]["evidence"]]
    assert demarche and {(s["document"], s["paragraph"], s["paragraph_number"], s["citation"]) for s in demarche} == {
        ("08STATE93558", uk_index, "¶5.", "¶5")}
    assert "08STATE93558 ¶5" in _run("entity", "UK", "--db", db)


def _shipment_case(db: str) -> str:
    """The case 08BEIJING3400 and 08STATE93558 both report (the Iran Broojerdi shipment)."""
    cases = _json_lines(_run("cases", "--db", db, "--json"))
    return next(c["id"] for c in cases if {"08BEIJING3400", "08STATE93558"} <= set(c["document_ids"]))


@SHIPMENT_UNDER_THE_FLOOR
def test_case_cites_its_evidence_by_printed_number(db):
    case_id = _shipment_case(db)
    case = _json_lines(_run("case", case_id, "--db", db, "--json"))[0]
    shipment = [t["source"] for t in case["transfers"] if SHIPMENT in t["source"]["evidence"]]
    assert shipment and {(s["document"], s["paragraph"], s["paragraph_number"]) for s in shipment} == {
        ("08BEIJING3400", 1, "¶2.")}
    role_sources = [s for role in case["roles"] for e in role["values"] for s in e["sources"]]
    assert role_sources and all("paragraph_number" in s for s in role_sources)
    text = _run("case", case_id, "--db", db)
    shipment_lines = [line for line in text.splitlines() if SHIPMENT in line]
    assert shipment_lines and all(re.search(r"08BEIJING3400 ¶2 \[", line) for line in shipment_lines)
    spirit_lines = [line for line in text.splitlines() if "In the spirit of our nonproliferation" in line]
    assert spirit_lines and all(re.search(r"08STATE93558 ¶6 \[", line) for line in spirit_lines)


@SHIPMENT_UNDER_THE_FLOOR
def test_timeline_cites_its_sources_by_printed_number(db):
    case_id = _shipment_case(db)
    timeline = _json_lines(_run("timeline", case_id, "--db", db, "--json"))[0]
    sources = [i["source"] for i in _timeline_items(timeline) if SHIPMENT in i["source"]["evidence"]]
    assert sources and {(s["paragraph"], s["paragraph_number"]) for s in sources} == {(1, "¶2.")}
    lines = _run("timeline", case_id, "--db", db).splitlines()
    # the quoted evidence is printed on the line after the item it belongs to
    items = [lines[i - 1] for i, line in enumerate(lines) if SHIPMENT in line]
    assert items and all(item.endswith("(08BEIJING3400 ¶2)") for item in items), items


def _timeline_items(timeline: dict) -> list[dict]:
    """``timeline --json`` is the timeline page's JSON: its items grouped by day."""
    return [item for day in timeline["days"] for item in day["items"] if item["source"]]  # listings have none


def test_entity_timeline_documents_carry_the_number_as_printed(db, uk_index):
    timeline = _json_lines(_run("timeline", "UK", "--db", db, "--json"))[0]
    events = [i["source"] for i in _timeline_items(timeline) if UK_DEMARCHE in i["source"]["evidence"]]
    assert events and {(s["paragraph"], s["paragraph_number"]) for s in events} == {(uk_index, "¶5.")}
    documents = [i["source"] for i in _timeline_items(timeline) if i["type"] == "document"]
    assert documents and all("paragraph_number" in s for s in documents)


# -- exports ------------------------------------------------------------------------------

def test_csv_export_cites_events_and_mentions_by_printed_number(db, uk_index, tmp_path):
    _run("export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", db)
    with open(tmp_path / "csv" / "events.csv", encoding="utf-8", newline="") as fh:
        events = [r for r in csv.DictReader(fh) if r["document"] == "08STATE93558" and UK_DEMARCHE in r["evidence"]]
    assert events and {(r["paragraph"], r["paragraph_number"]) for r in events} == {(str(uk_index), "¶5.")}
    with open(tmp_path / "csv" / "mentions.csv", encoding="utf-8", newline="") as fh:
        liu = [r for r in csv.DictReader(fh) if r["document"] == "08BEIJING3400" and r["text"] == "Liu Jieyi"]
    assert liu and {(r["paragraph"], r["paragraph_number"]) for r in liu} == {("0", "¶1.")}


def test_jsonl_and_ftm_exports_cite_the_uk_demarche_by_printed_number(db, uk_index, tmp_path):
    _run("export", "--format", "jsonl", "--out", str(tmp_path / "all.jsonl"), "--db", db)
    records = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    demarche = [r["record"]["evidence"] for r in records
                if r["kind"] == "event" and UK_DEMARCHE in r["record"]["evidence"]["text"]]
    assert demarche and {(e["paragraph"], e["paragraph_number"]) for e in demarche} == {(uk_index, "¶5.")}
    _run("export", "--format", "ftm", "--out", str(tmp_path / "ftm"), "--db", db)
    entities = [json.loads(line) for line in (tmp_path / "ftm" / "entities.ftm.json").read_text().splitlines()]
    described = [e["properties"]["description"][0] for e in entities if e["schema"] == "Event"
                 and UK_DEMARCHE in " ".join(e["properties"].get("summary", []))]
    assert described and all("stated in 08STATE93558 ¶5" in d for d in described), described


def test_refs_json_cites_the_request_paragraph_an_answer_points_to(tmp_path):
    # 08BEIJING3039 ("CHINA'S RESPONSE TO EFFORTS TO HALT IRANIAN PROCUREMENT IN
    # CHINA", REF: STATE 083144) answers 08STATE83144, whose first paragraph,
    # printed "¶1.", says "This is an action request."
    path = str(tmp_path / "answers.sqlite")
    files = [CORPUS / "scraped-text" / "08BEIJING3039.txt", CORPUS / "wikileaks-html" / "2008" / "08" / "08STATE83144.html"]
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", *map(str, files), "--db", path, "--no-extract"]).exit_code == 0
    result = runner.invoke(app, ["refs", "08BEIJING3039", "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    answers = [e for e in record["outgoing"] if e["kind"] == "answers"]
    assert [e["dst"] for e in answers] == ["08STATE83144"]
    request = answers[0]["evidence"]["request"]
    assert (request["paragraph"], request["paragraph_number"]) == (0, "¶1.")
    assert "action request" in request["text"]
