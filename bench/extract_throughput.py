"""Extraction throughput on one core: the cheap pass (gazetteer + patterns,
then events) and the full pass (plus spaCy NER on the sentences where the
cheap pass finds something worth it).  Documents are parsed first and the
parse is not timed.

    .venv/bin/python bench/extract_throughput.py ../shared/corpus
    .venv/bin/python bench/extract_throughput.py bench/out/cables.csv --limit 5000 --full-limit 500
    nice -n 19 .venv/bin/python bench/extract_throughput.py bench/out/cables.csv --limit 2000 --full-limit 0

``--limit`` stops reading after that many documents, so the first cables of
the 2.8 GB benchmark file are read without the rest; ``--full-limit 0`` skips
the full pass.  Times are CPU seconds of this process, so other work on the
machine slows the figures less than it would wall-clock ones.
``ms_per_document`` splits one document's time into cheap mentions, events and
NER (the last from the documents of the full pass, once with NER on every
worthy paragraph, once with ``ner_scope="events"`` and once with ``ner_scope="gaps"``).
"""
from __future__ import annotations

import argparse
import json
import time
from itertools import islice

from prolifwatch.extract import CHEAP, FULL, Extractor, passages_of
from prolifwatch.extract.components import read_by_ner, worth_ner
from prolifwatch.extract.ner import CONTEXT_SENTENCES, StatisticalNER
from prolifwatch.pipeline import parse_paths


def read(paths: list[str], limit: int) -> list:
    docs = (d for d in parse_paths(paths) if not hasattr(d, "reason"))
    return list(islice(docs, limit) if limit else docs)


class NerReads:
    """Counts the characters handed to spaCy, whatever the scope decided."""

    characters = 0

    @classmethod
    def install(cls) -> None:
        original = StatisticalNER.__call__

        def counting(self, texts):
            cls.characters += sum(map(len, texts))
            return original(self, texts)

        StatisticalNER.__call__ = counting


class ParseReads:
    """Counts the sentences handed to the dependency parser (issue 17: it runs only where a cue fires)."""

    sentences = 0

    @classmethod
    def install(cls) -> None:
        from prolifwatch.extract import actions, frame_events

        for module in (frame_events, actions):
            original = getattr(module, "parse", None)
            if original is None:
                continue

            def counting(texts, _original=original):
                cls.sentences += len(texts)
                return _original(texts)

            module.parse = counting


def sentence_count(docs: list) -> int:
    from prolifwatch.extract.text import sentences

    return sum(1 for d in docs for p in d.paragraphs for _ in sentences(p.text))


def timed(extractor: Extractor, docs: list) -> dict:
    extractor(docs[0])  # load the model outside the timing
    NerReads.characters = 0
    started = time.process_time()
    mentions = events = 0
    for doc in docs:
        result = extractor(doc)
        mentions += len(result.mentions)
        events += len(result.events)
    seconds = time.process_time() - started
    read = NerReads.characters / max(sum(len(d.text) for d in docs), 1)
    return {"seconds": round(seconds, 2), "docs_per_second": round(len(docs) / seconds, 1),
            "mentions": mentions, "events": events, "ner_read_share_of_characters": round(read, 3)}


def ner_gate(docs: list) -> dict:
    """What the full pass sends to spaCy: the sentences the cheap mentions make
    worth it, with their context; and the whole paragraphs that hold them."""
    extractor = Extractor(CHEAP, events=False)
    counts = {"documents": 0, "paragraphs": 0, "paragraph_characters": 0, "characters": 0}
    for doc in docs:
        passages = passages_of(doc)
        mentions = extractor.mentions(passages)
        worth = worth_ner(mentions)
        chosen = [p for p in passages if p.index in worth]
        counts["documents"] += bool(chosen)
        counts["paragraphs"] += len(chosen)
        counts["paragraph_characters"] += sum(len(p.text) for p in chosen)
        counts["characters"] += sum(len(text) for p in chosen for _, text in
                                    read_by_ner(p, [m for m in mentions if m.paragraph == p.index], True,
                                                CONTEXT_SENTENCES))
    return counts


def per_document_ms(results: dict) -> dict:
    ms = {name: 1000 / results[name]["docs_per_second"]
          for name in ("cheap_mentions_only", "cheap", "full", "full_ner_scope_events", "full_ner_scope_gaps")
          if name in results}
    split = {"cheap_mentions": round(ms["cheap_mentions_only"], 2),
             "events": round(ms["cheap"] - ms["cheap_mentions_only"], 2)}
    if "full" in ms:
        split["ner"] = round(ms["full"] - ms["cheap"], 2)
        # the events scope also finds events twice where NER read something
        split["ner_scope_events"] = round(ms["full_ner_scope_events"] - ms["cheap"], 2)
        split["ner_scope_gaps"] = round(ms["full_ner_scope_gaps"] - ms["cheap"], 2)
    return split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="Documents to read (0: all).")
    parser.add_argument("--full-limit", type=int, default=None,
                        help="Documents for the full pass, the first of those read (default: all; 0: no full pass).")
    args = parser.parse_args()
    docs = read(args.paths, args.limit)
    paragraphs = sum(len(d.paragraphs) for d in docs)
    results = {"documents": len(docs), "paragraphs": paragraphs, "characters": sum(len(d.text) for d in docs)}
    try:
        ParseReads.install()
    except ImportError:  # a checkout from before transfers were read from the parse
        pass
    ParseReads.sentences = 0
    results["cheap"] = timed(Extractor(CHEAP), docs)
    total = sentence_count(docs)
    results["parsed_sentences"] = {"sentences": total, "parsed": ParseReads.sentences,
                                   "share": round(ParseReads.sentences / max(total, 1), 3)}
    results["cheap_mentions_only"] = timed(Extractor(CHEAP, events=False), docs)
    full_docs = docs if args.full_limit is None else docs[: args.full_limit]
    if full_docs:
        NerReads.install()
        results["full"] = {"documents": len(full_docs), **timed(Extractor(FULL), full_docs)}
        results["full_ner_scope_events"] = {"documents": len(full_docs),
                                            **timed(Extractor(FULL, ner_scope="events"), full_docs)}
        results["full_ner_scope_gaps"] = {"documents": len(full_docs),
                                          **timed(Extractor(FULL, ner_scope="gaps"), full_docs)}
    gate = ner_gate(docs)
    results["ner_gate"] = {
        **gate,
        "share_of_documents": round(gate["documents"] / len(docs), 3),
        "share_of_paragraphs": round(gate["paragraphs"] / max(paragraphs, 1), 3),
        "share_of_characters": round(gate["characters"] / max(results["characters"], 1), 3),
        "share_of_characters_in_whole_paragraphs": round(
            gate["paragraph_characters"] / max(results["characters"], 1), 3),
    }
    results["ms_per_document"] = per_document_ms(results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
