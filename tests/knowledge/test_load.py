import pytest

from prolifwatch.knowledge import KnowledgeError, default_knowledge, load_knowledge


@pytest.fixture(scope="module")
def kb():
    return default_knowledge()


def test_cable_tag_codes_differ_from_iso(kb):
    assert kb.country_by_tag["CH"].id == "CN"
    assert kb.country_by_tag["KN"].id == "KP"
    assert kb.country_by_tag["KS"].id == "KR"
    assert kb.country_by_tag["IZ"].id == "IQ"


def test_states_named_by_acronym_adjective_and_capital(kb):
    names = {(n.text, n.key, n.role) for n in kb.names()}
    assert ("DPRK", "country:KP", "alias") in names
    assert ("North Korean", "country:KP", "adjective") in names
    assert ("Pyongyang", "country:KP", "capital") in names
    assert ("PRC", "country:CN", "alias") in names


def test_control_items_carry_the_codes_the_seeds_need(kb):
    assert "flow forming machine" in kb.item_by_key["MTCR 3.B.3"].keywords
    assert "jet vanes" in kb.item_by_key["MTCR 2.A.1"].keywords


def test_resolutions_know_the_country_they_concern(kb):
    assert kb.resolution_by_number[1737].concerns == "IR"
    assert kb.resolution_by_number[1718].concerns == "KP"
    assert {1540, 1695, 1718, 1737, 1747, 1803, 1874, 1929, 2087, 2094, 2231, 2270, 2321, 2371, 2375, 2397} <= set(
        kb.resolution_by_number
    )


def test_actors_named_in_the_seeds_are_known(kb):
    for ident in ("irisl", "defense-industries-organization", "shahid-bakeri-industrial-group",
                  "shahid-hemmat-industrial-group", "aerospace-industries-organization", "limmt", "komid",
                  "iran-air", "cn-mfa-acdd", "iran-matin", "harmony-wish"):
        assert ident in kb.entity_by_id, ident
    assert kb.entity_by_id["iran-air"].attributes["kind"] == "airline"


def test_every_entry_cites_a_source(kb):
    for collection in (kb.countries, kb.tags, kb.control_items, kb.resolutions, kb.regimes, kb.entities):
        for entry in collection:
            assert entry.source, entry


def test_a_malformed_file_is_named(tmp_path):
    (tmp_path / "countries.yaml").write_text("id: CN\nname: China\n")
    with pytest.raises(KnowledgeError, match="countries.yaml"):
        load_knowledge(tmp_path)


def test_an_entry_missing_a_field_is_named_by_file_and_number(tmp_path):
    (tmp_path / "regimes.yaml").write_text("- {id: MTCR, name: Missile Technology Control Regime}\n- {id: NSG}\n")
    with pytest.raises(KnowledgeError, match=r"regimes.yaml: entry 2: .*name"):
        load_knowledge(tmp_path)
