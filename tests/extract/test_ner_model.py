"""The statistical NER is loaded without the components it does not read."""
from pathlib import Path

import spacy

from prolifwatch.extract.ner import MODEL, load_model

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_only_the_entity_recogniser_runs():
    assert load_model().pipe_names == ["ner"]


def test_entities_are_those_of_the_whole_pipeline():
    whole = spacy.load(MODEL)
    texts = [p for seed in sorted(SEEDS.glob("*")) if seed.is_file()
             for p in seed.read_text(errors="replace").split("\n\n") if len(p) > 40]
    assert len(texts) > 50

    def entities(nlp):
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    lean = entities(load_model())
    assert any(lean)
    assert lean == entities(whole)
