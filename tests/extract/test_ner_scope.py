"""NER scopes: with "events", spaCy reads only paragraphs holding an event the cheap pass found."""
import pytest

from prolifwatch.cli import NerScope
from prolifwatch.extract import CHEAP, Extractor
from prolifwatch.extract.pipeline import NER_SCOPES
from prolifwatch.pipeline import parse_paths
from tests.conftest import CORPUS, SEEDS


@pytest.fixture(scope="module")
def documents():
    return list(parse_paths([SEEDS, CORPUS / "plain-text"]))


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


def test_without_events_the_result_is_the_cheap_pass(documents, by_scope):
    cheap = Extractor(CHEAP)
    quiet = [d for d in documents if not by_scope[d.id][1].events]
    assert quiet
    for doc in quiet:
        assert by_scope[doc.id][1].to_json() == cheap(doc).to_json()


def test_scopes_are_named_alike_everywhere():
    assert tuple(s.value for s in NerScope) == NER_SCOPES
    with pytest.raises(ValueError, match="NER scope 'sentences'"):
        Extractor(ner_scope="sentences")


def test_scope_off_is_the_cheap_pass(documents):
    off, cheap = Extractor(ner_scope="off"), Extractor(CHEAP)
    assert "ner" not in off.names
    for doc in documents[:8]:
        assert off(doc).to_json() == cheap(doc).to_json()
