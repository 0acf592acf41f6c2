"""``POST /api/v1/actions/...``: the analyst's writes (through ``prolifwatch.actions``
only), each answered with what undoes it.

Bodies are JSON (scripts) or form-encoded (the pages' htmx forms, which carry
the X-CSRF-Token header; security.py refuses a form without it).  An htmx
request is answered with ``HX-Redirect`` to the page that shows the result.
"""
from __future__ import annotations

import json
from typing import Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from pydantic import BaseModel, ValidationError

from ... import actions
from ...errors import BadParameter
from ...query.entities import find_entity
from ..twins import ReaderDep, Twins


class MergeRequest(BaseModel):
    entity: str               # an entity id, member key, name or alias
    other: str                # what it is the same as


class SplitRequest(BaseModel):
    entity: str
    keys: list[str]           # member keys that leave it (together)


class JudgeRequest(BaseModel):
    a: str
    b: str
    same: bool                # same actor, or different


class ForgetRequest(BaseModel):
    a: str                    # the two keys of a stored judgement
    b: str


class ReviewRequest(BaseModel):
    event: str                # an event id (ev-...)
    action: Literal["accept", "reject", "correct"]
    role: str | None = None   # correct: the role set to ``values``
    values: list[str] = []


class ReviewUndoRequest(BaseModel):
    decision: int


class XrefRequest(BaseModel):
    entity: str
    listing: str              # "list:entry_id"
    verdict: Literal["confirmed", "dismissed"]
    note: str | None = None


class Undo(BaseModel):
    endpoint: str
    body: dict[str, Any]


class ActionResult(BaseModel):
    action: str
    message: str
    location: str | None = None     # the page that shows the result
    undo: Undo | None = None
    result: dict[str, Any]


def _body_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": schema},
        "application/x-www-form-urlencoded": {"schema": schema}}}}


async def _parse(request: Request, model: type[BaseModel]):
    """The body as ``model``: JSON, or a form (repeated fields for lists)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if kind == "application/json":
            data = json.loads(await request.body() or b"null")
        else:
            form = await request.form()
            data = {}
            for name, field in model.model_fields.items():
                values = [v for v in form.getlist(name) if isinstance(v, str)]
                if "list" in str(field.annotation):
                    data[name] = [v for v in values if v.strip()]
                elif values and values[0] != "":
                    data[name] = values[0]
        return model.model_validate(data)
    except json.JSONDecodeError as exc:
        raise BadParameter("body", f"not JSON: {exc.msg}") from exc
    except UnicodeDecodeError as exc:  # json.loads guesses UTF-8/16/32 from the first bytes, and may fail
        raise BadParameter("body", f"not JSON text: {exc.reason}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BadParameter(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from exc


def _entity_location(reader, name: str) -> str | None:
    entity = find_entity(reader.store, name)
    return f"/entities/{quote(entity['id'], safe='')}" if entity else None


def _answer(request: Request, result: ActionResult) -> JSONResponse:
    response = JSONResponse(result.model_dump(mode="json"))
    if request.headers.get("hx-request"):
        # the page reloads (or moves to the entity the keys now belong to) to show the new state
        if result.location:
            response.headers["HX-Redirect"] = result.location
        else:
            response.headers["HX-Refresh"] = "true"
    return response


def _undo_judgements(result: dict[str, Any]) -> Undo | None:
    stored = result.get("judgements") or []
    if len(stored) != 1:   # a split of several keys stores several: the decisions page undoes each
        return None
    return Undo(endpoint="/api/v1/actions/forget", body={"a": stored[0]["left_key"], "b": stored[0]["right_key"]})


def register(twins: Twins, app: FastAPI) -> None:
    post = twins.api.post

    @post("/actions/merge", tags=["actions"], response_model=ActionResult, openapi_extra=_body_schema(MergeRequest))
    async def merge(request: Request, reader: ReaderDep) -> JSONResponse:
        """Judge two entities the same (a positive judgement), and rebuild entities and cases."""
        body = await _parse(request, MergeRequest)
        result = await run_in_threadpool(actions.merge, reader, body.entity, body.other)
        return _answer(request, ActionResult(
            action="merge", message=f"{body.entity} and {body.other} are now one entity",
            location=_entity_location(reader, body.entity), undo=_undo_judgements(result), result=result))

    @post("/actions/split", tags=["actions"], response_model=ActionResult, openapi_extra=_body_schema(SplitRequest))
    async def split(request: Request, reader: ReaderDep) -> JSONResponse:
        """Take member keys out of an entity (negative judgements with the rest)."""
        body = await _parse(request, SplitRequest)
        if not body.keys:
            raise BadParameter("keys", "pick at least one member key to split off")
        entity = find_entity(reader.store, body.entity)
        result = await run_in_threadpool(actions.split, reader, body.entity, body.keys)
        staying = entity["id"] if entity and entity["id"] not in body.keys else body.entity
        return _answer(request, ActionResult(
            action="split", message=f"{', '.join(body.keys)} split off {body.entity}",
            location=_entity_location(reader, staying), undo=_undo_judgements(result), result=result))

    @post("/actions/judge", tags=["actions"], response_model=ActionResult, openapi_extra=_body_schema(JudgeRequest))
    async def judge(request: Request, reader: ReaderDep) -> JSONResponse:
        """Record that two entities or keys are (or are not) the same actor."""
        body = await _parse(request, JudgeRequest)
        result = await run_in_threadpool(actions.judge, reader, body.a, body.b, same=body.same)
        return _answer(request, ActionResult(
            action="judge", message=f"{body.a} and {body.b} judged {'the same' if body.same else 'different'}",
            location=_entity_location(reader, body.a), undo=_undo_judgements(result), result=result))

    @post("/actions/forget", tags=["actions"], response_model=ActionResult, openapi_extra=_body_schema(ForgetRequest))
    async def forget(request: Request, reader: ReaderDep) -> JSONResponse:
        """Drop a stored judgement (the undo of merge, split and judge)."""
        body = await _parse(request, ForgetRequest)
        result = await run_in_threadpool(actions.forget, reader, body.a, body.b)
        return _answer(request, ActionResult(action="forget", message=f"judgement {body.a} / {body.b} forgotten",
                                             result=result))

    @post("/actions/review", tags=["actions"], response_model=ActionResult, openapi_extra=_body_schema(ReviewRequest))
    async def review(request: Request, reader: ReaderDep) -> JSONResponse:
        """Accept or reject an event, or correct one of its roles."""
        body = await _parse(request, ReviewRequest)
        if body.action == "accept":
            result = await run_in_threadpool(actions.review_accept, reader, body.event)
        elif body.action == "reject":
            result = await run_in_threadpool(actions.review_reject, reader, body.event)
        else:
            if not body.role:
                raise BadParameter("role", "a correction names the role it corrects")
            result = await run_in_threadpool(actions.review_correct, reader, body.event, body.role, body.values)
        decision = (result.get("decision") or {}).get("id")
        undo = Undo(endpoint="/api/v1/actions/review/undo", body={"decision": decision}) if decision else None
        return _answer(request, ActionResult(action=f"review {body.action}", message=f"{body.event}: {body.action}ed",
                                             undo=undo, result=result))

    @post("/actions/review/undo", tags=["actions"], response_model=ActionResult,
          openapi_extra=_body_schema(ReviewUndoRequest))
    async def review_undo(request: Request, reader: ReaderDep) -> JSONResponse:
        """Drop an event review decision and its effect."""
        body = await _parse(request, ReviewUndoRequest)
        result = await run_in_threadpool(actions.review_undo, reader, body.decision)
        return _answer(request, ActionResult(action="review undo", message=f"decision {body.decision} undone",
                                             result=result))

    @post("/actions/xref", tags=["actions"], response_model=ActionResult, openapi_extra=_body_schema(XrefRequest))
    async def xref(request: Request, reader: ReaderDep) -> JSONResponse:
        """Confirm or dismiss a screening hit of a stored entity (give the other verdict to change it)."""
        body = await _parse(request, XrefRequest)
        result = await run_in_threadpool(actions.xref_decide, reader, body.entity, body.listing, body.verdict, body.note)
        other = "dismissed" if body.verdict == "confirmed" else "confirmed"
        return _answer(request, ActionResult(
            action="xref", message=f"{body.entity} -> {body.listing}: {body.verdict}",
            undo=Undo(endpoint="/api/v1/actions/xref",
                      body={"entity": body.entity, "listing": body.listing, "verdict": other}),
            result=result))
