"""``/browse``: the collection by creation date (year, month), origin, tag and classification."""
from __future__ import annotations

from fastapi import FastAPI, Path, Query

from ...query.browse import BrowseIndex, BrowseListing, browse, browse_index
from ..twins import ReaderDep, Twins

PAGE = Query(1, ge=1, le=1_000_000, description="Page of the listing, from 1.")


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/browse", "/browse", "browse/index.html", tags=["browse"])
    def browse_all(reader: ReaderDep) -> BrowseIndex:
        """Every year, origin, tag (with its meaning) and classification, with their document counts."""
        return browse_index(reader)

    @twins.page("/browse/date/{value}", "/browse/date/{value}", "browse/listing.html", tags=["browse"])
    def by_date(reader: ReaderDep, value: str = Path(description="A year (2008), a month (2008-03) or (undated)."),
                page: int = PAGE) -> BrowseListing:
        """The documents created in a year or a month, oldest first."""
        return browse(reader, "date", value, page)

    @twins.page("/browse/date/{year}/{month}", "/browse/date/{year}/{month}", "browse/listing.html", tags=["browse"])
    def by_month(reader: ReaderDep, year: str = Path(pattern=r"^\d{4}$"), month: str = Path(pattern=r"^\d{1,2}$"),
                 page: int = PAGE) -> BrowseListing:
        """The documents created in one month, oldest first."""
        return browse(reader, "date", f"{year}-{int(month):02d}", page)

    for dimension, what in (("origin", "an origin, e.g. 'Embassy Beijing'"), ("tag", "a TAG, e.g. PARM"),
                            ("classification", "a classification level, e.g. SECRET, or (unknown)")):
        _listing(twins, dimension, what)


def _listing(twins: Twins, dimension: str, what: str) -> None:
    def listing(reader: ReaderDep, value: str = Path(description=what.capitalize()), page: int = PAGE) -> BrowseListing:
        return browse(reader, dimension, value, page)

    listing.__name__ = f"browse_by_{dimension}"  # distinct operation ids in the OpenAPI document
    # {value:path}: an origin or tag as printed may hold a "/" (sent as %2F, which the server decodes)
    twins.page(f"/browse/{dimension}/{{value:path}}", f"/browse/{dimension}/{{value:path}}", "browse/listing.html",
               tags=["browse"], summary=f"The documents of {what.split(',')[0]}, newest first.")(listing)
