"""Screening parties and goods, for both faces: one party, a batch of parties, a goods description.

The screener (the loaded entries, their candidate index and rigour's name
taggers, built on a first comparison) costs seconds to build and a
millisecond to use, so a long-lived face keeps one: ``WarmScreener`` builds it
once, again only when the loaded lists (or the screening rules) change, and
makes concurrent callers wait for the one build.  The CLI, which lives for one
command, passes none and gets a screener built for the call.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..errors import BadParameter, Unavailable
from .context import Reader

DEFAULT_LIMIT = 5
BATCH_LIMIT = 3  # hits kept per party of a batch (the CSV shows the best)
LOAD_HINT = "load a list first: POST /api/v1/lists (the Lists page) or `prolifwatch lists load FILE` (UN, OFAC or FtM)"


class Feature(BaseModel):
    """One reason for (or against) a hit, in words a reviewer can check."""

    name: str = Field(description="name, weak_alias, identifier, country, or a matcher feature")
    score: float
    detail: str


class ScreenHit(BaseModel):
    """A list entry the party may be, how well it matched and why."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    list_name: str = Field(alias="list", description="the list's name as loaded (un, ofac, ftm ...)")
    entry_id: str
    name: str = Field(description="the listed name")
    type: str | None
    score: float
    programmes: list[str]
    listed_on: str | None
    status: str | None = Field(description="on the as-of date: listed, delisted, not yet listed, unknown")
    list_as_of: str | None
    countries: list[str]
    identifiers: list[str]
    aliases: list[str]
    weak_alias: str | None
    explanation: list[Feature]


class ScreenResult(BaseModel):
    query: str
    type: str | None
    country: str | None = Field(description="the country as an ISO code, as screened")
    identifier: str | None = None
    as_of: str | None
    threshold: float | None = None
    hits: list[ScreenHit]


class GoodsItem(BaseModel):
    item: str = Field(description='regime and code, e.g. "MTCR 3.B.3"')
    regime: str
    code: str
    name: str
    confidence: float
    keywords: list[str] = Field(description="the control list's phrases found in the description")


class GoodsResult(BaseModel):
    description: str
    items: list[GoodsItem]


class PartyResult(BaseModel):
    """One party of a batch: its row as given, its hits and its goods' control-list items."""

    line: int
    row: dict[str, str]
    hits: list[ScreenHit]
    goods_items: list[GoodsItem]

    def record(self) -> dict[str, Any]:
        """The row as the batch files print it (screen/batch.py: csv_rows, write_jsonl)."""
        return {"line": self.line, **self.row, "hits": [h.model_dump(by_alias=True) for h in self.hits],
                "goods_items": [g.model_dump() for g in self.goods_items]}


class LoadedList(BaseModel):
    name: str
    format: str | None
    entries: int
    as_of: str | None = Field(description="the date the list's publisher says it is as of")
    loaded_at: str | None = None
    sha256: str | None = None
    path: str | None = None            # the file it was loaded from


class Lists(BaseModel):
    lists: list[LoadedList]
    entries: int


def loaded(reader: Reader) -> Lists:
    from ..store.listings import lists_summary

    found = [LoadedList(**{k: row.get(k) for k in LoadedList.model_fields}) for row in lists_summary(reader.db)]
    return Lists(lists=found, entries=sum(item.entries for item in found))


def _date(as_of: str | dt.date | None) -> dt.date | None:
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise BadParameter("as_of", f"{as_of!r} is not a date (YYYY-MM-DD)") from None


def make_party(name: str, type: str | None = None, country: str | None = None, identifier: str | None = None,
               as_of: str | dt.date | None = None):
    """The screening query for a party; BadParameter naming what cannot be used."""
    from ..screen.query import make_query

    if not (name or "").strip():
        raise BadParameter("name", "give the party's name")
    try:
        return make_query(name, type or None, country or None, identifier or None, _date(as_of))
    except ValueError as exc:
        parameter = "type" if "party type" in str(exc) else "country" if "country" in str(exc) else "identifier"
        raise BadParameter(parameter, str(exc)) from exc


def build(reader: Reader, threshold: float | None = None):
    """A screener over the loaded lists; Unavailable when none is loaded."""
    from .screening import NoListsLoaded, build_screener

    try:
        return build_screener(reader.store, **({"threshold": threshold} if threshold is not None else {}))
    except NoListsLoaded as exc:
        raise Unavailable(str(exc), hint=LOAD_HINT) from exc


class WarmScreener:
    """One screener and goods classifier for a long-lived face, rebuilt when the lists change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._signature: str | None = None
        self._screener = None
        self._goods = None

    @property
    def signature(self) -> str | None:
        """The lists (and rules) the screener held now was built for; None before the first build."""
        return self._signature

    def screener(self, reader: Reader):
        from .screening import screening_signature

        signature = screening_signature(reader.db)
        with self._lock:  # a request arriving during the build waits for it rather than building another
            if self._screener is None or self._signature != signature:
                self._screener, self._signature = build(reader), signature
            return self._screener

    def goods(self):
        with self._lock:
            if self._goods is None:
                from ..screen.goods import GoodsClassifier

                self._goods = GoodsClassifier()
            return self._goods

    def warm(self, reader: Reader) -> None:
        """Build everything now: the goods classifier, and, when lists are loaded, the screener and rigour's
        name taggers (made on a first comparison: screen a listed name, which cannot miss the matcher)."""
        self.goods()
        if not loaded(reader).lists:
            return
        screener = self.screener(reader)
        if screener.entries:
            screener.screen(make_party(screener.entries[0].entry.caption), limit=1)


def _hits(screener, query, limit: int, threshold: float | None) -> list[ScreenHit]:
    return [ScreenHit.model_validate(h.to_json()) for h in screener.screen(query, limit=limit, threshold=threshold)]


def screen_one(reader: Reader, name: str, type: str | None = None, country: str | None = None,
               identifier: str | None = None, as_of: str | dt.date | None = None, threshold: float | None = None,
               *, limit: int = DEFAULT_LIMIT, warm: WarmScreener | None = None) -> ScreenResult:
    """The hits for one party, best first, each with the features that explain it."""
    if threshold is not None and not 0 <= threshold <= 1:
        raise BadParameter("threshold", f"{threshold} is not between 0 and 1")
    query = make_party(name, type, country, identifier, as_of)
    screener = warm.screener(reader) if warm else build(reader, threshold)
    day = _date(as_of)
    return ScreenResult(query=name, type=type or None, country=query.country, identifier=identifier or None,
                        as_of=day.isoformat() if day else None, threshold=threshold,
                        hits=_hits(screener, query, limit, threshold))


def classify_goods(text: str, *, warm: WarmScreener | None = None) -> GoodsResult:
    """Control-list items (MTCR, NSG, Wassenaar, Australia Group, CWC) a goods description points to."""
    from ..screen.goods import GoodsClassifier

    classifier = warm.goods() if warm else GoodsClassifier()
    items = [GoodsItem(**m.to_json()) for m in classifier.classify(text)] if text.strip() else []
    return GoodsResult(description=text, items=items)


def read_batch(path: Path, as_of: str | dt.date | None = None) -> list:
    """The parties of a CSV (name, type, country, identifier [, goods]); BadParameter naming the line."""
    from ..screen.batch import BatchError, read_parties

    try:
        return read_parties(path, _date(as_of))
    except (BatchError, OSError, UnicodeDecodeError) as exc:
        raise BadParameter("file", str(exc)) from exc


def screen_batch(reader: Reader, parties: list, threshold: float | None = None, *,
                 warm: WarmScreener | None = None) -> Iterator[PartyResult]:
    """Each party's result, in the file's order (a caller counts them for its progress).  The screener is
    got before this returns, so a missing list fails here, not half-way through an output."""
    screener = warm.screener(reader) if warm else build(reader, threshold)
    goods = None
    if any(p.row.get("goods") for p in parties):
        from ..screen.goods import GoodsClassifier

        goods = warm.goods() if warm else GoodsClassifier()

    def results() -> Iterator[PartyResult]:
        for party in parties:
            # screen/batch.py's screen_party, with the threshold given per call: one warm screener serves all
            description = party.row.get("goods", "")
            items = goods.classify(description) if goods and description else []
            yield PartyResult(line=party.line, row=party.row, goods_items=[GoodsItem(**m.to_json()) for m in items],
                              hits=_hits(screener, party.query, BATCH_LIMIT, threshold))

    return results()
