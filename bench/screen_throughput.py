"""Screening throughput on one core against a 50,000-entry list, and the index's memory.

The list is the test fixtures (UN, OFAC, OpenSanctions excerpts) plus
generated entries with realistic names: Chinese, Korean and Persian company
names, persons, and vessels with IMO numbers.  Queries mix variants of
listed names (the screening test set), misspelled generated entries, and
names that are on no list.  The one-off start-up (rigour builds its name
tagger, ~10 s, on the first comparison in a process) is timed apart.

    .venv/bin/python bench/screen_throughput.py --entries 50000 --queries 3000
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prolifwatch.knowledge.lists import Identifier, ListEntry, Listing, ListName, load_list  # noqa: E402
from prolifwatch.screen import IndexedEntry, Screener, make_query  # noqa: E402
from prolifwatch.screen.evaluate import read_pairs  # noqa: E402
from prolifwatch.screen.index import CandidateIndex  # noqa: E402

LISTS = ROOT / "tests" / "data" / "lists"
PLACES = ["Shenzhen", "Dalian", "Tianjin", "Shanghai", "Ningbo", "Xiamen", "Qingdao", "Wuhan", "Harbin", "Dandong",
          "Pyongyang", "Nampo", "Tehran", "Isfahan", "Bandar Abbas", "Mashhad", "Dubai", "Sharjah", "Hong Kong",
          "Singapore", "Minsk", "Moscow", "Damascus", "Karachi", "Lahore", "Tabriz", "Shiraz", "Guangzhou"]
STEMS = ["Huaxin", "Jinhai", "Xinyuan", "Dongfang", "Hengtai", "Zhongxing", "Tianrui", "Kumsong", "Ryongsong",
         "Chilsong", "Paektu", "Haegumgang", "Moranbong", "Pars", "Kaveh", "Sina", "Arya", "Tavan", "Sepehr",
         "Behsaz", "Farzan", "Rayan", "Golden Star", "Blue Ocean", "Silk Road", "Great Eastern", "Sun Rise",
         "Everbright", "Oriental", "Pioneer", "Unity", "Sinotrans", "Hongda", "Jiahe", "Minghua", "Kunlun"]
TRADES = ["Electronics", "Trading", "Machinery", "Chemical", "Industrial", "Metallurgy", "Shipping", "Logistics",
          "Import and Export", "Technology", "Engineering", "Aerospace", "Precision Instruments", "Materials",
          "Energy", "Petrochemical", "Marine Services", "Steel", "Composite Materials", "Optics"]
SUFFIXES = ["Co., Ltd.", "Company", "Corporation", "Limited", "Group", "Industries", "LLC", "FZE", "General Company"]
GIVEN = ["Wei", "Fang", "Jian", "Ming", "Hua", "Chol", "Song-il", "Myong-ho", "Kwang", "Mohammad", "Ali", "Reza",
         "Hossein", "Mehdi", "Ahmad", "Sergei", "Viktor", "Ahmed", "Omar", "Tariq", "Li", "Jong-nam", "Hyon"]
FAMILY = ["Zhang", "Wang", "Chen", "Liu", "Zhao", "Kim", "Pak", "Ri", "Choe", "Jang", "Rezaei", "Hosseini",
          "Ahmadi", "Karimi", "Moradi", "Jafari", "Ivanov", "Petrov", "Al-Hassan", "Khan", "Malik", "Sun", "Zhou"]
SHIPS = ["Star", "Glory", "Pearl", "Ocean", "Fortune", "Harmony", "Wish", "Dragon", "Phoenix", "Venus", "Jade"]


def generated_entry(rng: random.Random, number: int) -> ListEntry:
    kind = rng.choices(["organization", "person", "vessel"], weights=[70, 20, 10])[0]
    listing = (Listing(rng.choice(["NPWMD", "DPRK", "IRAN", "SDGT"]), "generated",
                       f"{rng.randint(2005, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),)
    if kind == "person":
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        names = (ListName(name), ListName(" ".join(reversed(name.split()))))
        return ListEntry(f"gen-{number}", kind, names, (rng.choice(["cn", "kp", "ir", "ru"]),), listings=listing)
    if kind == "vessel":
        name = f"{rng.choice(STEMS)} {rng.choice(SHIPS)} {rng.randint(1, 99)}"
        imo = str(rng.randint(7000000, 9999999))
        return ListEntry(f"gen-{number}", kind, (ListName(name.upper()),), (rng.choice(["pa", "kp", "ir", "sl"]),),
                         (Identifier("imo", imo),), listings=listing)
    name = f"{rng.choice(PLACES)} {rng.choice(STEMS)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}"
    alias = f"{rng.choice(STEMS)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}"
    return ListEntry(f"gen-{number}", kind, (ListName(name), ListName(alias)), (rng.choice(["cn", "kp", "ir", "hk", "ae"]),),
                     listings=listing)


def typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(len(name))
    return name[:i] + name[i + 1:] if rng.random() < 0.5 else name[:i] + rng.choice("aeiou") + name[i:]


def build_entries(total: int, rng: random.Random) -> list[IndexedEntry]:
    entries = []
    for path, fmt in ((LISTS / "un_consolidated.xml", "un"), (LISTS / "ofac_sdn.xml", "ofac"),
                      (LISTS / "opensanctions.ftm.json", "ftm")):
        loaded = load_list(path, fmt)
        entries += [IndexedEntry(loaded.name, e, loaded.as_of) for e in loaded.entries]
    entries += [IndexedEntry("generated", generated_entry(rng, n)) for n in range(total - len(entries))]
    return entries


def build_queries(entries: list[IndexedEntry], count: int, rng: random.Random) -> list[tuple]:
    """(query, expected key or None): test-set pairs, misspelled generated entries, fresh names."""
    pairs = read_pairs(ROOT / "tests" / "data" / "screening_pairs.tsv")
    queries = [(make_query(p.query, p.type, p.country), None) for p in pairs]
    generated = [e.entry for e in entries if e.list_name == "generated"]
    while len(queries) < count:
        if rng.random() < 0.5:
            entry = rng.choice(generated)
            query = make_query(typo(rng, entry.caption), "vessel" if entry.type == "vessel" else None)
            queries.append((query, f"generated:{entry.id}"))
        else:  # most likely on no list: a fresh combination
            queries.append((make_query(generated_entry(rng, -1).caption), None))
    rng.shuffle(queries)
    return queries[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(args.seed)
    process = psutil.Process()
    entries = build_entries(args.entries, rng)
    queries = build_queries(entries, args.queries, rng)

    gc.collect()
    tracemalloc.start()
    index = CandidateIndex([e.entry for e in entries])
    index_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del index
    gc.collect()

    started = time.perf_counter()
    screener = Screener(entries)
    build_seconds = time.perf_counter() - started
    rss_ready = process.memory_info().rss

    started = time.perf_counter()
    screener.screen(make_query("Li Fangwei", "person"))  # rigour's one-off name-tagger build
    screener.screen(make_query("Korea Mining Development Trading Corporation"))
    warmup_seconds = time.perf_counter() - started
    rss_tagger = process.memory_info().rss - rss_ready

    started = time.perf_counter()
    results = [(screener.screen(q), expected) for q, expected in queries]
    seconds = time.perf_counter() - started
    hits = sum(bool(found) for found, _ in results)
    typos = [(found, expected) for found, expected in results if expected]
    # generated names repeat: a hit with the expected entry's name counts as found
    captions = {f"{e.list_name}:{e.entry.id}": e.entry.caption for e in entries}
    typo_found = sum(any(h.entry.caption == captions[expected] for h in found[:1]) for found, expected in typos)
    print(json.dumps({
        "entries": len(entries), "queries": len(queries), "queries_with_hits": hits,
        "misspelled_entries_found_top1": f"{typo_found}/{len(typos)}",
        "names_per_second": round(len(queries) / seconds, 1), "ms_per_name": round(1000 * seconds / len(queries), 2),
        "index_build_seconds": round(build_seconds, 2), "first_comparison_seconds": round(warmup_seconds, 2),
        "index_mib_tracemalloc": round(index_bytes / 2**20, 1),
        "rss_with_entries_and_index_mib": round(rss_ready / 2**20, 1),
        "rss_added_by_first_comparison_mib": round(rss_tagger / 2**20, 1),
        "rss_at_end_mib": round(process.memory_info().rss / 2**20, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
