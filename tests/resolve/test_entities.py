"""The pure resolver on small hand-made inputs: what must merge, what must stay apart."""
from __future__ import annotations

from collections import Counter

import pytest

from prolifwatch.knowledge.load import default_knowledge
from prolifwatch.resolve.entities import Judgement, KeyRecord, resolve_entities
from prolifwatch.resolve.names import is_noise, name_tokens


def record(key: str, type_: str, *forms: str, documents: int = 1) -> KeyRecord:
    counts = Counter(forms)
    return KeyRecord(key, type_, counts, sum(counts.values()), documents)


def clusters_of(records, judgements=(), documents: dict[str, set[int]] | None = None):
    """key -> entity id, and the clusters; ``documents`` maps keys to the documents naming them."""
    def documents_of(keys):
        return set().union(*(documents.get(k, set()) for k in keys))

    found = resolve_entities(records, default_knowledge(), judgements,
                             documents_of if documents is not None else None)
    return {m.key: c.id for c in found for m in c.members}, {c.id: c for c in found}


def test_acronym_and_spelling_join_the_knowledge_base_entity():
    ids, clusters = clusters_of([
        record("org:dio", "Organization", "DIO"),
        record("entity:defense-industries-organization", "Organization", "Defense Industries Organization"),
        record("org:shahid-bagheri-industrial-group", "Organization", "Shahid Bagheri Industrial Group"),
        record("org:shahid-bakeri-industries-group", "Organization", "Shahid Bakeri Industries Group"),
    ])
    assert ids["org:dio"] == "entity:defense-industries-organization"
    assert ids["org:shahid-bagheri-industrial-group"] == "entity:shahid-bakeri-industrial-group"
    assert ids["org:shahid-bakeri-industries-group"] == "entity:shahid-bakeri-industrial-group"
    dio = clusters["entity:defense-industries-organization"]
    assert dio.type == "Organization" and dio.name == "Defense Industries Organization"
    assert dio.attributes["country"] == "IR" and dio.attributes["parent"] == "modafl"
    reasons = {m.key: m.reason for m in dio.members}
    assert reasons == {"entity:defense-industries-organization": "anchor", "org:dio": "alias"}


def test_suffix_and_word_order_variants_merge():
    ids, clusters = clusters_of([
        record("org:golden-harbor-trading-co-ltd", "Organization", "Golden Harbor Trading Co., Ltd.", "Golden Harbor Trading Co., Ltd."),
        record("org:golden-harbor-trading-company", "Organization", "Golden Harbor Trading Company"),
        record("body:ministry-of-defense", "GovernmentBody", "Ministry of Defense", "Ministry of Defense"),
        record("body:defense-ministry", "GovernmentBody", "Defense Ministry"),
    ])
    assert ids["org:golden-harbor-trading-company"] == ids["org:golden-harbor-trading-co-ltd"]
    assert ids["body:defense-ministry"] == ids["body:ministry-of-defense"] == "body:ministry-of-defense"
    # the anchor is the most-mentioned key; the name its commonest full form
    assert clusters["org:golden-harbor-trading-co-ltd"].name == "Golden Harbor Trading Co., Ltd."


def test_similar_names_of_different_actors_stay_apart():
    ids, _ = clusters_of([
        record("entity:iran-air", "Organization", "Iran Air"),
        record("org:iran-aircraft-industries", "Organization", "Iran Aircraft Industries"),
        record("org:shahid-hemmat", "Organization", "Shahid Hemmat"),
        record("org:shahid-bakeri", "Organization", "Shahid Bakeri"),
        record("person:kim-jong-il", "Person", "Kim Jong Il"),
        record("person:kim-jong-un", "Person", "Kim Jong Un"),
        record("body:doe-office", "GovernmentBody", "DOE Office"),
        record("body:doj-office", "GovernmentBody", "DOJ Office"),
        record("place:chongming", "Place", "Chongming"),
        record("place:chongqing", "Place", "Chongqing"),
        record("person:saleh", "Person", "Saleh"),
        record("person:salehi", "Person", "Salehi"),
    ], documents={})
    assert ids["org:iran-aircraft-industries"] != ids["entity:iran-air"]
    assert ids["org:shahid-hemmat"] != ids["org:shahid-bakeri"]
    assert ids["person:kim-jong-il"] != ids["person:kim-jong-un"]
    assert ids["body:doe-office"] != ids["body:doj-office"]
    assert ids["place:chongming"] != ids["place:chongqing"]
    assert ids["person:saleh"] != ids["person:salehi"]


def test_types_never_mix():
    ids, _ = clusters_of([
        record("vessel:iran-matin", "Vessel", "Iran Matin"),
        record("org:iran-matin", "Organization", "Iran Matin"),
        record("person:jordan", "Person", "Jordan"),
        record("country:JO", "Country", "Jordan"),
        record("body:iranian-government", "GovernmentBody", "Iranian Government"),
        record("country:IR", "Country", "Iran"),
    ])
    assert ids["vessel:iran-matin"] != ids["org:iran-matin"]
    assert ids["person:jordan"] == "person:jordan"
    assert ids["body:iranian-government"] != ids["country:IR"]


def test_place_or_organisation_named_like_a_country_is_the_country():
    ids, clusters = clusters_of([
        record("place:north-korea", "Place", "North Korea"),
        record("country:KP", "Country", "DPRK", "Pyongyang", "North Korea"),
        record("org:united-states", "Organization", "United States"),
    ])
    assert ids["place:north-korea"] == "country:KP"
    assert ids["org:united-states"] == "country:US"  # the country entity, though only the org key is mentioned
    assert clusters["country:KP"].type == "Country" and clusters["country:KP"].name == "North Korea"


def test_person_titles_spelling_and_unambiguous_surname():
    ids, clusters = clusters_of([
        record("person:nicolas-sarkozy", "Person", "Nicolas Sarkozy"),
        record("person:nicholas-sarkozy", "Person", "Nicholas Sarkozy"),
        record("person:pres-sarkozy", "Person", "Pres Sarkozy"),
        record("person:sarkozy", "Person", "Sarkozy", "Sarkozy", "Sarkozy"),
        record("person:gen-odierno", "Person", "Gen Odierno"),
        record("person:raymond-odierno", "Person", "Raymond Odierno"),
        record("person:ahmadinejad", "Person", "Ahmadinejad"),
        record("person:ahmedinejad", "Person", "Ahmedinejad"),
    ], documents={})
    group = {ids[k] for k in ("person:nicolas-sarkozy", "person:nicholas-sarkozy", "person:pres-sarkozy",
                              "person:sarkozy")}
    assert group == {"person:sarkozy"}
    assert clusters["person:sarkozy"].name == "Nicolas Sarkozy"
    assert ids["person:gen-odierno"] == ids["person:raymond-odierno"]
    assert ids["person:ahmedinejad"] == ids["person:ahmadinejad"]


def test_ambiguous_surname_stays_apart_unless_the_documents_decide():
    people = [
        record("person:burns", "Person", "Burns"),
        record("person:william-burns", "Person", "William Burns"),
        record("person:nicholas-burns", "Person", "Nicholas Burns"),
    ]
    ids, _ = clusters_of(people, documents={"person:burns": {1, 2}, "person:william-burns": {1},
                                             "person:nicholas-burns": {2}})
    assert len({ids["person:burns"], ids["person:william-burns"], ids["person:nicholas-burns"]}) == 3
    # "Burns" in six documents with William Burns and one with Nicholas: William is meant
    ids, _ = clusters_of(people, documents={"person:burns": {1, 2, 3, 4, 5, 6, 7},
                                             "person:william-burns": {1, 2, 3, 4, 5, 6},
                                             "person:nicholas-burns": {7}})
    assert ids["person:burns"] == ids["person:william-burns"] != ids["person:nicholas-burns"]


def test_acronym_of_an_open_organisation_needs_a_shared_document_when_short():
    records = [record("org:mfa", "Organization", "MFA"),
               record("body:ministry-of-foreign-affairs", "GovernmentBody", "Ministry of Foreign Affairs")]
    apart, _ = clusters_of(records, documents={"org:mfa": {1}, "body:ministry-of-foreign-affairs": {2}})
    together, _ = clusters_of(records, documents={"org:mfa": {1}, "body:ministry-of-foreign-affairs": {1}})
    assert apart["org:mfa"] != apart["body:ministry-of-foreign-affairs"]
    assert together["org:mfa"] == together["body:ministry-of-foreign-affairs"]


def test_noise_keys_glue_nothing():
    ids, clusters = clusters_of([
        record("person:ref-b-the", "Person", "Ref B the"),
        record("person:the", "Person", "The"),
        record("person:and-his-wife", "Person", "AND HIS WIFE"),
        record("person:his-wife", "Person", "HIS WIFE"),
        record("person:general", "Person", "General"),
        record("person:general-petraeus", "Person", "General Petraeus"),
    ], documents={})
    assert len({ids["person:ref-b-the"], ids["person:the"], ids["person:and-his-wife"], ids["person:his-wife"]}) == 4
    assert ids["person:general"] != ids["person:general-petraeus"]
    assert clusters["person:general"].attributes.get("noise") is True
    assert clusters["person:general"].name == "General"


def test_judgements_win_over_the_matcher():
    records = [record("person:nicolas-sarkozy", "Person", "Nicolas Sarkozy"),
               record("person:nicholas-sarkozy", "Person", "Nicholas Sarkozy"),
               record("org:liberty-bell", "Organization", "Liberty Bell"),
               record("person:bell", "Person", "Bell")]
    ids, _ = clusters_of(records, [Judgement("person:nicholas-sarkozy", "person:nicolas-sarkozy", False),
                                   Judgement("org:liberty-bell", "person:bell", True)])
    assert ids["person:nicholas-sarkozy"] != ids["person:nicolas-sarkozy"]
    assert ids["org:liberty-bell"] == ids["person:bell"]


def test_negative_judgement_is_a_cannot_link_across_the_cluster():
    """A split-off key cannot come back through a third key that matches both."""
    records = [record("person:he-yafei", "Person", "He Yafei", "He Yafei"),
               record("person:afm-he-yafei", "Person", "AFM He Yafei"),
               record("person:asst-fm-he-yafei", "Person", "FM He Yafei")]
    ids, _ = clusters_of(records, [Judgement("person:afm-he-yafei", "person:he-yafei", False)])
    assert ids["person:afm-he-yafei"] != ids["person:he-yafei"]
    assert ids["person:asst-fm-he-yafei"] in {ids["person:afm-he-yafei"], ids["person:he-yafei"]}


def test_ids_are_stable_and_do_not_depend_on_input_order():
    records = [record("person:nicolas-sarkozy", "Person", "Nicolas Sarkozy"),
               record("person:sarkozy", "Person", "Sarkozy", "Sarkozy"),
               record("person:pres-sarkozy", "Person", "Pres Sarkozy", "Pres Sarkozy")]
    forward, _ = clusters_of(records, documents={})
    backward, _ = clusters_of(list(reversed(records)), documents={})
    assert forward == backward
    # a tie in mentions goes to the smallest key
    assert set(forward.values()) == {"person:pres-sarkozy"}


@pytest.mark.parametrize("form, tokens", [
    ("AFM Liu Jieyi", ("liu", "jieyi")),
    ("Vann H. Van Diepen", ("vann", "van", "diepen")),
    ("Bashar al-Asad", ("bashar", "asad")),
    ("Bill Burns", ("viliam", "burns")),
    ("Sarkozy's", ("sarkozi",)),
])
def test_person_name_tokens(form, tokens):
    assert name_tokens(form, "person") == tokens


@pytest.mark.parametrize("form, noise", [
    ("AND HIS WIFE", True), ("Ref B the", True), ("General", True), ("He", True), ("XXXXXXXXXXXX", True),
    ("He Yafei", False), ("Secretary Rice", False), ("de la Vega", False),
])
def test_noise(form, noise):
    assert is_noise(form, "person") is noise
