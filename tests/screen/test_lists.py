"""List loaders: each published format into the one internal form, and bad files named precisely."""
from __future__ import annotations

import pytest

from prolifwatch.knowledge.lists import Identifier, ListFormatError, Listing, ListName, ListEntry, load_list
from tests.screen.conftest import FTM_JSON, OFAC_ALT, OFAC_CSV, OFAC_XML, UN_XML


def _by_id(loaded, entry_id: str) -> ListEntry:
    return next(e for e in loaded.entries if e.id == entry_id)


def test_un_xml_entities_individuals_and_vessels():
    loaded = load_list(UN_XML, "un")
    assert loaded.as_of == "2015-12-31"
    assert len(loaded.entries) == 124
    komid = _by_id(loaded, "KPe.001")
    assert komid.type == "organization"
    assert komid.caption == "Korea Mining Development Trading Corporation"
    assert ListName("KOMID") in komid.names and ListName("Changgwang Sinyong Corporation") in komid.names
    assert komid.countries == ("kp",)
    assert komid.listings == (Listing("DPRK", "UN Security Council", "2009-04-24"),)
    person = _by_id(loaded, "IRi.008")
    assert person.type == "person" and person.caption == "HOSEIN SALIMI" and person.countries == ("ir",)
    vessel = _by_id(loaded, "KPe.044")
    assert vessel.type == "vessel" and vessel.identifier_values("imo") == ("7937317",)


def test_ofac_xml_names_strength_programmes_and_vessel_data():
    loaded = load_list(OFAC_XML, "ofac")
    assert loaded.as_of == "2024-03-01"
    irisl = _by_id(loaded, "ofac-9560")
    assert irisl.caption == "ISLAMIC REPUBLIC OF IRAN SHIPPING LINES"
    assert ListName("IRISL", "strong") in irisl.names
    assert ListName("IRISL GROUP", "weak") in irisl.names
    assert irisl.programmes == ("IRAN", "NPWMD", "IFSR")
    assert irisl.listed_on is None  # SDN.XML states no designation dates
    matin = _by_id(loaded, "ofac-9580")
    assert matin.type == "vessel" and matin.flag == "ir"
    assert Identifier("imo", "9080011") in matin.identifiers
    li = _by_id(loaded, "ofac-9565")
    assert li.type == "person" and li.caption == "Fangwei LI"


def test_ofac_csv_with_alt_file_matches_the_xml_entry():
    loaded = load_list(OFAC_CSV, "ofac", aliases=OFAC_ALT)
    assert len(loaded.entries) == 6
    limmt = _by_id(loaded, "ofac-9561")
    assert limmt.caption == "LIMMT ECONOMIC AND TRADE COMPANY, LTD."
    assert ListName("DALIAN SUNNY INDUSTRIES") in limmt.names
    assert limmt.programmes == ("NPWMD",)
    li = _by_id(loaded, "ofac-9565")
    assert li.type == "person" and li.caption == "Fangwei LI"  # "LI, Fangwei" turned round
    alborz = _by_id(loaded, "ofac-9582")
    assert alborz.identifier_values("imo") == ("9051624",) and alborz.flag == "ir"
    irisl = _by_id(loaded, "ofac-9560")
    assert irisl.programmes == ("IRAN", "NPWMD", "IFSR")


def test_ftm_flat_and_nested_sanctions_with_dates():
    loaded = load_list(FTM_JSON, "ftm")
    assert loaded.as_of == "2024-02-28"
    assert {e.id for e in loaded.entries} == {"os-irisl", "os-bank-sepah", "os-komid", "os-chong-chon-gang"}
    irisl = _by_id(loaded, "os-irisl")
    assert ListName("IRISL Group", "weak") in irisl.names
    assert sorted((l.listed_on, l.delisted_on) for l in irisl.listings) == [
        ("2008-09-10", "2016-01-16"), ("2018-11-05", None)]
    komid = _by_id(loaded, "os-komid")
    assert {l.listed_on for l in komid.listings} == {"2009-04-24", "2005-06-28"}
    ship = _by_id(loaded, "os-chong-chon-gang")
    assert ship.type == "vessel" and ship.identifier_values("imo") == ("7937317",) and ship.flag == "kp"


def test_entry_json_round_trip():
    entry = _by_id(load_list(FTM_JSON, "ftm"), "os-irisl")
    assert ListEntry.from_json(entry.to_json()) == entry


def test_malformed_xml_names_file_and_line(tmp_path):
    bad = tmp_path / "consolidated.xml"
    bad.write_text("<CONSOLIDATED_LIST>\n  <ENTITIES>\n    <ENTITY>\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n")
    with pytest.raises(ListFormatError, match=r"consolidated\.xml: line 4, column \d+: malformed XML"):
        load_list(bad, "un")


def test_external_entities_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    hostile = tmp_path / "sdn.xml"
    hostile.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                       "<sdnList><sdnEntry><uid>1</uid><lastName>&x;</lastName></sdnEntry></sdnList>\n")
    with pytest.raises(ListFormatError, match="refused unsafe XML"):
        load_list(hostile, "ofac")


def test_wrong_format_is_named(tmp_path):
    with pytest.raises(ListFormatError, match="not a UN consolidated list"):
        load_list(OFAC_XML, "un")


def test_truncated_csv_row_names_the_line(tmp_path):
    lines = OFAC_CSV.read_text().splitlines()
    truncated = tmp_path / "sdn.csv"
    truncated.write_text("\n".join(lines[:2] + [lines[2][:40]]) + "\n")
    with pytest.raises(ListFormatError, match=r"sdn\.csv: line 3: expected 12 columns, found \d"):
        load_list(truncated, "ofac")


def test_invalid_json_line_is_named(tmp_path):
    bad = tmp_path / "entities.ftm.json"
    bad.write_text(FTM_JSON.read_text().splitlines()[0] + "\n{\"id\": \"x\", \"schema\": \n")
    with pytest.raises(ListFormatError, match=r"entities\.ftm\.json: line 2: invalid JSON"):
        load_list(bad, "ftm")
