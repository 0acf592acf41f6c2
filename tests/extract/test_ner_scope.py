"""NER scopes: with "events", spaCy reads only paragraphs holding an event the
cheap pass found; with "gaps", only the evidence of its transfers that lack a party."""
import pytest

from prolifwatch.cli import NerScope
from prolifwatch.extract import CHEAP, Extractor
from prolifwatch.extract.components import Passage
from prolifwatch.extract.event import Argument, Event, Evidence
from prolifwatch.extract.pipeline import NER_SCOPES, _gap_passages
from prolifwatch.pipeline import parse_paths
from tests.conftest import CORPUS, SEEDS


@pytest.fixture(scope="module")
def documents():
    return list(parse_paths([SEEDS, CORPUS / "plain-text"]))


@pytest.fixture(scope="module")
def cheap_pass(documents):
    cheap = Extractor(CHEAP)
    return {doc.id: cheap(doc) for doc in documents}


@pytest.fixture(scope="module")
def by_scope(documents):
    worth, events = Extractor(), Extractor(ner_scope="events")
    return {doc.id: (worth(doc), events(doc)) for doc in documents}


def test_ner_reads_only_paragraphs_with_events(by_scope):
    read_somewhere = False
    for doc_id, (_, scoped) in by_scope.items():
        holding = {e.evidence.paragraph for e in scoped.events}
        from_ner = {m.paragraph for m in scoped.mentions if m.source == "ner"}
        assert from_ner <= holding, doc_id
        read_somewhere |= bool(from_ner)
    assert read_somewhere


def test_a_narrower_scope_finds_a_subset_of_the_names_ner_finds(by_scope):
    narrower = 0
    for worth, scoped in by_scope.values():
        wide = {(m.start, m.end, m.type) for m in worth.mentions if m.source == "ner"}
        narrow = {(m.start, m.end, m.type) for m in scoped.mentions if m.source == "ner"}
        assert narrow <= wide
        narrower += len(wide) > len(narrow)
    assert narrower > 0


def test_without_events_the_result_is_the_cheap_pass(documents, by_scope, cheap_pass):
    quiet = [d for d in documents if not by_scope[d.id][1].events]
    assert quiet
    for doc in quiet:
        assert by_scope[doc.id][1].to_json() == cheap_pass[doc.id].to_json()


def test_scopes_are_named_alike_everywhere():
    assert tuple(s.value for s in NerScope) == NER_SCOPES
    with pytest.raises(ValueError, match="NER scope 'sentences'"):
        Extractor(ner_scope="sentences")


def test_scope_off_is_the_cheap_pass(documents):
    off, cheap = Extractor(ner_scope="off"), Extractor(CHEAP)
    assert "ner" not in off.names
    for doc in documents[:8]:
        assert off(doc).to_json() == cheap(doc).to_json()


@pytest.fixture(scope="module")
def gaps_and_cheap(documents):
    # the cheap pass as the gaps scope runs it: the parse too spent only on the gaps
    gaps, cheap = Extractor(ner_scope="gaps"), Extractor(CHEAP, ner_scope="gaps")
    return {doc.id: (gaps(doc), cheap(doc)) for doc in documents}


def _lacking_a_party(events) -> list[tuple[int, int]]:
    return [(e.evidence.start, e.evidence.end) for e in events
            if e.type == "transfer" and not (e.values("supplier") and e.values("recipient"))]


def test_gaps_reads_only_the_evidence_of_transfers_lacking_a_party(gaps_and_cheap):
    read = 0
    for doc_id, (gaps, cheap) in gaps_and_cheap.items():
        spans = _lacking_a_party(cheap.events)
        for m in gaps.mentions:
            if m.source == "ner":
                read += 1
                assert any(s <= m.start and m.end <= e for s, e in spans), (doc_id, m)
    assert read


def test_the_parse_names_the_seller_the_cheap_pass_has_no_mention_for():
    # 04MADRID4374, lines 25-26: "He explained that Telstar did sell the freeze
    # dryer and spare parts to Iran."  No gazetteer knows the Spanish firm; the
    # sentence's structure makes the subject of "did sell" the supplier (this was
    # NER's job in the gaps scope before transfers were read from the parse).
    doc = next(parse_paths([CORPUS / "scraped-text" / "04MADRID4374.txt"]))

    def sale(extraction):
        return next(e for e in extraction.events
                    if e.type == "transfer" and e.evidence.text.startswith("He explained that Telstar did sell"))

    cheap, gaps = sale(Extractor(CHEAP)(doc)), sale(Extractor(ner_scope="gaps")(doc))
    assert [a.text for a in cheap.values("recipient")] == [a.text for a in gaps.values("recipient")] == ["Iran"]
    assert [a.text for a in cheap.values("items")] == ["freeze\ndryer", "spare parts"]
    assert cheap.values("items")[0].key.startswith("item:AustraliaGroup")  # an Australia Group item
    assert [(a.text, a.type) for a in cheap.values("supplier")] == [("Telstar", "Organization")]
    assert [(a.text, a.type) for a in gaps.values("supplier")] == [("Telstar", "Organization")]
    assert cheap.status == gaps.status == "completed"  # "did sell"


def test_a_document_where_gaps_takes_nothing_is_the_cheap_pass(gaps_and_cheap):
    whole = [doc_id for doc_id, (_, cheap) in gaps_and_cheap.items() if not _lacking_a_party(cheap.events)]
    assert whole
    for doc_id in whole:
        gaps, cheap = gaps_and_cheap[doc_id]
        assert gaps.to_json() == cheap.to_json()


def test_gap_passages_join_overlapping_evidence_and_keep_document_offsets():
    text = "Firm A sold rotors. They went via Dubai. Iran got them from Firm B."
    paragraph = Passage(3, text, 100)
    iran = [Argument("Iran", "country:IR", "Country")]
    firm = [Argument("Firm B", "org:firm-b", "Organization")]

    def transfer(start, end, **roles):
        return Event("transfer", Evidence(3, 100 + start, 100 + end, text[start:end]), roles)

    events = [transfer(0, 19), transfer(12, 40),  # overlapping, no recipient: joined
              transfer(41, 67, supplier=firm, recipient=iran),  # both parties: not read
              Event("diplomatic_action", Evidence(3, 141, 167, text[41:67]), {})]
    assert [(p.index, p.start, p.text) for p in _gap_passages([paragraph], events)] == [
        (3, 100, "Firm A sold rotors. They went via Dubai.")]
