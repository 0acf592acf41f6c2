"""The statistical pass reads the sentences worth it, with their neighbours, not whole paragraphs."""
from prolifwatch.extract.components import Passage, read_by_ner
from prolifwatch.extract.mention import Mention
from prolifwatch.extract.ner import ner_windows

TEXT = "One is idle. Two names the Iran Matin. Three is idle. Four is idle. Five ships Scud missiles."


def _at(word: str) -> Mention:
    start = TEXT.index(word)
    return Mention("Item", word, start, start + len(word))


def _read(windows):
    return [TEXT[s:e] for s, e in windows]


def test_without_context_only_the_sentences_holding_a_mention_are_read():
    assert _read(ner_windows(TEXT, [_at("Iran Matin"), _at("Scud")], 0)) == [
        "Two names the Iran Matin.", "Five ships Scud missiles."]


def test_neighbouring_sentences_join_the_window_and_adjacent_windows_merge():
    assert _read(ner_windows(TEXT, [_at("Iran Matin")], 1)) == ["One is idle. Two names the Iran Matin. Three is idle."]
    assert _read(ner_windows(TEXT, [_at("Iran Matin"), _at("Scud")], 1)) == [
        "One is idle. Two names the Iran Matin. Three is idle. Four is idle. Five ships Scud missiles."]


def test_a_paragraph_with_nothing_worth_it_gives_nothing_to_read():
    assert ner_windows(TEXT, [], 1) == []


def test_read_by_ner_gives_paragraph_offsets_and_whole_paragraphs_without_context():
    p = Passage(3, TEXT, 1000, False)
    matin = _at("Iran Matin")
    inside = [Mention(matin.type, matin.text, matin.start + 1000, matin.end + 1000, key="vessel:iran-matin")]
    assert read_by_ner(p, inside, True, 0) == [(TEXT.index("Two"), "Two names the Iran Matin.")]
    assert read_by_ner(p, inside, True, None) == [(0, TEXT)]
