"""``/api/docs``: the API described from the OpenAPI document, served from here
(no CDN); ``/api/v1/session``: a CSRF token for scripts that post forms."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel

from ..templating import render
from ..twins import Twins


class Session(BaseModel):
    csrf_token: str
    header: str = "X-CSRF-Token"


def register(twins: Twins, app: FastAPI) -> None:
    @twins.api.get("/session", tags=["session"], response_model=Session)
    def session(request: Request) -> Session:
        """A CSRF token (also set as a cookie) for posting forms or files from a script."""
        return Session(csrf_token=request.state.csrf_token)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        """Browsers ask for it whatever the page says."""
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request):
        spec = app.openapi()
        endpoints = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                params = [(p["name"], p["in"], p.get("required", False), p.get("description") or "")
                          for p in op.get("parameters", [])]
                endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "",
                                  "description": op.get("description") or "", "params": params,
                                  "tags": op.get("tags", [])})
        return render(request, "api_docs.html", endpoints=endpoints, spec_url=app.openapi_url)
