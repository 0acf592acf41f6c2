"""One error hierarchy for both faces.

A query or an action raises a ``ProlifwatchError``; the CLI maps it once to a
message on stderr and its ``exit_code``, the HTTP API once to its
``http_status`` and a JSON (or HTML) body.  No face shows a stack trace: an
exception that is not a ``ProlifwatchError`` is a bug, reported as such.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    """A near miss offered as "did you mean": an id and, when it differs, a name."""

    id: str                  # what to type
    name: str | None = None  # what it is called, when that differs from the id

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


class ProlifwatchError(Exception):
    """Base of every error a user can cause; ``hint`` says what to do next."""

    exit_code = 1
    http_status = 500
    kind = "error"

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.kind, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        return body


class NotFound(ProlifwatchError):
    """No document, entity, case, event ... of that id or name: with the nearest ones."""

    exit_code = 1
    http_status = 404
    kind = "not_found"

    def __init__(self, what: str, name: str, suggestions: list[Any] | tuple = (), *,
                 linking_missing: bool = False, hint: str | None = None, where: str = "in the store"):
        if hint is None and linking_missing:
            hint = ("the store is not linked yet (entities, links and cases are made by linking): "
                    "run `prolifwatch resolve`")
        super().__init__(f"no {what} {name!r} {where}", hint=hint)
        self.what = what
        self.name = name
        self.suggestions = [Suggestion(s.id, s.name if s.name != s.id else None) for s in suggestions]
        self.linking_missing = linking_missing

    def to_json(self) -> dict[str, Any]:
        body = super().to_json()
        body["what"] = self.what
        body["did_you_mean"] = [s.to_json() for s in self.suggestions]
        return body


class BadParameter(ProlifwatchError):
    """A value the user gave that cannot be used; names the parameter."""

    exit_code = 2
    http_status = 422
    kind = "bad_parameter"

    def __init__(self, parameter: str, message: str, *, hint: str | None = None):
        # A message that already starts by naming the parameter ("--split must be one of ...") is kept as it is.
        super().__init__(message if message.startswith(parameter) else f"{parameter}: {message}", hint=hint)
        self.parameter = parameter

    def to_json(self) -> dict[str, Any]:
        body = super().to_json()
        body["parameter"] = self.parameter
        return body


class NoStore(ProlifwatchError):
    """No store where one was expected (a mistyped path must not make an empty one)."""

    exit_code = 2
    http_status = 503
    kind = "no_store"


class Conflict(ProlifwatchError):
    """The request contradicts what is stored (an undo of an undone decision, a judgement on itself)."""

    exit_code = 1
    http_status = 409
    kind = "conflict"


class TooLarge(ProlifwatchError):
    """An upload, a zip's expansion or a batch past its limit."""

    exit_code = 2
    http_status = 413
    kind = "too_large"


class LengthRequired(ProlifwatchError):
    """A request body (an upload above all) sent without its Content-Length: its size must be known
    before a byte is read."""

    exit_code = 2
    http_status = 411
    kind = "length_required"


class Forbidden(ProlifwatchError):
    """A request refused on its origin (CSRF) or, later, on the reader's clearance."""

    exit_code = 1
    http_status = 403
    kind = "forbidden"


class Unavailable(ProlifwatchError):
    """Something the request needs is not there yet (no sanctions list loaded, an index still loading)."""

    exit_code = 1
    http_status = 503
    kind = "unavailable"

