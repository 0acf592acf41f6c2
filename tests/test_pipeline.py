"""The process pool gives the same records, in the same order, as one process."""
from __future__ import annotations

from prolifwatch import pipeline
from prolifwatch.formats import ReadError
from tests.conftest import CORPUS, SEEDS


def test_pool_and_single_process_agree(monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK", 7)  # several chunks in flight
    paths = [SEEDS, CORPUS / "plain-text", CORPUS / "scraped-text" / "08OSLO629.txt"]
    single = [x.to_json() if not isinstance(x, ReadError) else str(x) for x in pipeline.parse_paths(paths)]
    pooled = [
        x.to_json() if not isinstance(x, ReadError) else str(x) for x in pipeline.parse_paths(paths, workers=2)
    ]
    assert len(single) == 5 + 24 + 1
    assert pooled == single
    assert "08OSLO629.txt: scraped page holds no cable text" in single[-1]
