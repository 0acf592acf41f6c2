"""The analyst's writes, in one place: both faces change the store only here.

Every function takes the ``Reader`` first (its ``user`` is recorded with the
decision) and raises ``errors.ProlifwatchError`` subclasses, so the CLI and
the HTTP API report a refused write the same way.  Decisions are kept across
re-ingest, re-extraction and re-linking, and each can be undone.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import BadParameter, Conflict, NotFound
from .query.context import Reader


def _judgement_error(exc: Exception) -> Exception:
    return Conflict(str(exc))


def merge(reader: Reader, a: str, b: str) -> dict[str, Any]:
    """Judge two entities (names, ids or mention keys) the same, and rebuild the links."""
    from .decisions import JudgementError, merge_entities

    try:
        return merge_entities(reader.store, a, b, user=reader.user)
    except JudgementError as exc:
        raise _judgement_error(exc) from exc


def split(reader: Reader, entity: str, keys: list[str]) -> dict[str, Any]:
    """Take member keys out of an entity (judged different from the rest)."""
    from .decisions import JudgementError, split_entity

    try:
        return split_entity(reader.store, entity, keys, user=reader.user)
    except JudgementError as exc:
        raise _judgement_error(exc) from exc


def judge(reader: Reader, a: str, b: str, *, same: bool) -> dict[str, Any]:
    from .decisions import JudgementError
    from .decisions import judge as store_judgement

    try:
        return store_judgement(reader.store, a, b, same, user=reader.user)
    except JudgementError as exc:
        raise _judgement_error(exc) from exc


def forget(reader: Reader, a: str, b: str) -> dict[str, Any]:
    """Drop a stored judgement between two keys (the undo of merge, split and judge)."""
    from .decisions import JudgementError
    from .decisions import forget as forget_judgement

    try:
        return forget_judgement(reader.store, a, b)
    except JudgementError as exc:
        raise _judgement_error(exc) from exc


def _review(call, *args, **kwargs) -> dict[str, Any]:
    from .event_decisions import ReviewError

    try:
        return call(*args, **kwargs)
    except ReviewError as exc:
        if exc.code == 1:
            raise NotFound("event or decision", str(args[1]) if len(args) > 1 else "", hint=str(exc)) from exc
        raise BadParameter("review", str(exc)) from exc


def review_accept(reader: Reader, event: str) -> dict[str, Any]:
    from .event_decisions import accept

    return _review(accept, reader.store, event, user=reader.user)


def review_reject(reader: Reader, event: str) -> dict[str, Any]:
    from .event_decisions import reject

    return _review(reject, reader.store, event, user=reader.user)


def review_correct(reader: Reader, event: str, role: str, values: list[str]) -> dict[str, Any]:
    from .event_decisions import correct

    return _review(correct, reader.store, event, role, values, user=reader.user)


def review_undo(reader: Reader, decision_id: int) -> dict[str, Any]:
    from .event_decisions import undo

    return _review(undo, reader.store, decision_id)


def xref_decide(reader: Reader, entity: str, listing: str, verdict: str, note: str | None = None) -> dict[str, Any]:
    """Confirm or dismiss a screening hit of a stored entity."""
    from .query.screening import HitNotFound, decide

    if verdict not in ("confirmed", "dismissed"):
        raise BadParameter("verdict", f"{verdict!r} is not one of: confirmed, dismissed")
    try:
        return decide(reader.store, entity, listing, verdict, user=reader.user, note=note)
    except HitNotFound as exc:
        raise NotFound("screening hit", f"{entity} -> {listing}", hint=str(exc)) from exc


def load_list(reader: Reader, path: str | Path, format: str | None = None, *, name: str | None = None,
              aliases: str | Path | None = None, addresses: str | Path | None = None,
              shown: str | None = None) -> dict[str, Any]:
    """Load a sanctions list file, replacing the edition of the same name (``aliases``,
    ``addresses``: OFAC's ALT.CSV and ADD.CSV beside its SDN.CSV).  ``shown``: the file's name as
    the user knows it (an upload's own name), said in messages instead of ``path`` (a server's
    temporary file)."""
    from .query.screening import load_list_file
    from .knowledge.lists import ListFormatError

    def said(message: str) -> str:
        return message.replace(str(path), shown) if shown is not None else message

    try:
        return load_list_file(reader.store, path, format, name=name, aliases=aliases, addresses=addresses)
    except (ListFormatError, OSError) as exc:  # OSError: a file that cannot be read is the user's to fix
        raise BadParameter("list file", said(str(exc))) from exc
    except UnicodeDecodeError as exc:  # a binary file given as a text format (--format ofac, ftm)
        raise BadParameter("list file", said(f"{path}: not text in UTF-8 ({exc.reason} at byte {exc.start}); "
                                             "is it the right file and format?")) from exc


# ---- background jobs (jobs.py): an ingest of uploaded files, a batch screening, an xref ------------

def start_ingest(reader: Reader, files: list[tuple[str, Any]]):
    """Save uploaded files (name, binary stream; zips expanded after their checks) and ingest them, then
    link, in a process of their own.  Returns the job (``jobs.Job``); refused uploads (TooLarge,
    BadParameter) leave nothing behind."""
    from . import jobs

    return jobs.start_ingest(reader.store.path, files)


def start_screen_batch(reader: Reader, name: str, stream: Any, *, as_of: str | None = None,
                       threshold: float | None = None, warm: Any = None):
    """Screen a CSV of parties (name, type, country, identifier [, goods]) in the background; the job's
    result is a CSV.  ``warm``: a ``query.screen_parties.WarmScreener`` to screen with."""
    from . import jobs

    return jobs.start_screen_batch(reader.store.path, name, stream, as_of=as_of, threshold=threshold, warm=warm)


def start_xref(reader: Reader, *, restart: bool = False, threshold: float | None = None, warm: Any = None):
    """Screen the stored entities against the loaded lists in the background (``restart``: every one
    again, not only those not yet screened against these lists), keeping the hits for the analyst's
    verdicts (``xref_decide``).  Unavailable with no list loaded; Conflict while an xref runs."""
    from . import jobs

    return jobs.start_xref(reader.store.path, restart=restart, threshold=threshold, warm=warm)


def job_status(reader: Reader, job_id: str):
    """A job's state and progress (``jobs.Job``); NotFound for an unknown id."""
    from . import jobs

    return jobs.load(reader.store.path, job_id)


def job_result(reader: Reader, job_id: str) -> Path:
    """The result CSV of a done batch screening; NotFound for an unknown job or one without a result."""
    from . import jobs

    return jobs.result_file(reader.store.path, job_id)


def recent_jobs(reader: Reader, limit: int = 10, kind: str | None = None) -> list:
    """The latest jobs (``jobs.Job``), newest first; ``kind``: ingest, screen or xref only."""
    from . import jobs

    return jobs.recent(reader.store.path, limit, kind)
