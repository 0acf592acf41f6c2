"""``/lists``: the sanctions lists loaded for screening, and loading one from a file."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ... import actions, uploads
from ...errors import BadParameter
from ...query.screen_parties import Lists, loaded
from ..templating import render
from ..twins import ReaderDep, Twins
from .jobs import multipart_body, read_uploads, start_in_background
from .screening import rewarm

FORMATS = ("un", "ofac", "ftm")
LOAD_BODY = multipart_body({
    "file": {"type": "string", "format": "binary", "description": "the list as published: UN XML, OFAC SDN.XML or "
                                                                  "SDN.CSV, OpenSanctions FtM JSON lines"},
    "format": {"type": "string", "enum": list(FORMATS), "description": "default: told by the content"},
    "name": {"type": "string", "description": "name to keep it under (default: the format)"}}, ["file"])


class ListLoaded(BaseModel):
    name: str
    format: Literal["un", "ofac", "ftm"] | str
    entries: int
    as_of: str | None = Field(description="the date the list says it is as of")


def _load(reader, name: str, stream, format: str | None, list_name: str | None) -> ListLoaded:
    """Save the upload under its own name (the store keeps the path it was read from) and load it."""
    if format and format not in FORMATS:
        raise BadParameter("format", f"{format!r} is not one of: {', '.join(FORMATS)}")
    if list_name is not None and not list_name.strip():
        list_name = None
    folder = Path(tempfile.mkdtemp(prefix="prolifwatch-list-"))
    try:
        target = folder / uploads.safe_name(name)  # shortened when too long for the file system
        budget = [uploads.MAX_UPLOAD_BYTES]
        try:
            uploads.copy_limited(stream, target, budget, uploads.MAX_UPLOAD_BYTES, "the list file")
        except OSError as exc:
            raise uploads.cannot_save(uploads.upload_name(name), exc, "file") from exc
        summary = actions.load_list(reader, target, format or None, name=list_name, shown=uploads.upload_name(name))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return ListLoaded(name=summary["name"], format=summary["format"], entries=summary["entries"],
                      as_of=summary["as_of"])


async def _upload(request: Request, reader) -> ListLoaded:
    files, fields = await read_uploads(request, "file")
    if len(files) != 1:
        raise BadParameter("file", "upload one list file")
    summary = await start_in_background(_load, reader, files[0][0], files[0][1], fields.get("format") or None,
                                        fields.get("name"))
    rewarm(request.app)  # the screener is built again for the new lists now, not on the next screening
    return summary


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/lists", "/lists", "lists/index.html", tags=["screening"])
    def lists(reader: ReaderDep) -> Lists:
        """The sanctions lists loaded: name, format, entries, the date each is as of."""
        return loaded(reader)

    @twins.api.post("/lists", tags=["screening"], response_model=ListLoaded, openapi_extra=LOAD_BODY,
                    responses={422: {"description": "a file in no known list format (the message names the line)"},
                               413: {"description": "a file over the upload limit"}})
    async def load_list(request: Request, reader: ReaderDep) -> ListLoaded:
        """Load a sanctions list file, replacing the list of the same name."""
        return await _upload(request, reader)

    @app.post("/lists", include_in_schema=False)
    async def load_list_form(request: Request, reader: ReaderDep):
        summary = await _upload(request, reader)
        return render(request, "lists/table.html", page=loaded(reader), loaded=summary)
