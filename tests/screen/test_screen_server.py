"""The warm screener beside the store: later `screen` calls ask it instead of building their own."""
from __future__ import annotations

import json
import threading
import time

from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.screening import screening_signature, serve
from prolifwatch.screen import server
from prolifwatch.store import open_store
from tests.screen.conftest import OFAC_XML, UN_XML


def test_screen_asks_the_warm_screener_and_it_follows_the_lists(tmp_path, monkeypatch):
    monkeypatch.setenv(server.ENVIRONMENT, "on")
    runner, db = CliRunner(), str(tmp_path / "s.sqlite")
    assert runner.invoke(app, ["lists", "load", str(UN_XML), "--db", db]).exit_code == 0
    thread = threading.Thread(target=serve, args=(db,), daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.ask(db, {"ping": True}):
                break
            time.sleep(0.1)
        store = open_store(db)
        request = {"signature": screening_signature(store.db), "name": "SBIG", "type": None, "country": None,
                   "identifier": None, "as_of": None, "threshold": None, "limit": 5}
        assert [h["entry_id"] for h in server.ask(db, request)["hits"]][:1] == ["IRe.003"]
        assert server.ask(db, {**request, "country": "Narnia"}) == {"invalid": "unknown country 'Narnia'"}
        # a list loaded since: the server says its screener is stale instead of answering from old lists
        assert runner.invoke(app, ["lists", "load", str(OFAC_XML), "--db", db]).exit_code == 0
        assert server.ask(db, request)["error"] == "stale"
        request["signature"] = screening_signature(store.db)
        store.close()
        assert "hits" in server.ask(db, {**request, "name": "Iran Matin"})
        # the command's answer comes from the server (its socket is there) and reads as before
        result = runner.invoke(app, ["screen", "Iran Matin", "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        assert [h["entry_id"] for h in json.loads(result.stdout)["hits"]][:1] == ["ofac-9580"]
        assert server.socket_path(db).stat().st_mode & 0o077 == 0  # its owner's only
    finally:
        assert server.stop(db)
        thread.join(10)
    assert not thread.is_alive() and not server.socket_path(db).exists()
