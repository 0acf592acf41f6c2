"""A server restart: a batch screening or an xref runs in a thread of the server, and dies with it.
At start-up the jobs whose process is gone are marked "interrupted", with a message saying to
start them again; a job whose process still runs is left alone."""
from __future__ import annotations

import os
import subprocess
import sys

from fastapi.testclient import TestClient

from prolifwatch import jobs
from prolifwatch.api import create_app
from prolifwatch.store import open_store


def _gone_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _job(path, kind: str, **fields) -> jobs.Job:
    job, _ = jobs.new_job(path, kind)
    job = job.model_copy(update={"state": "running", "phase": "screening", "progress": 0.4, **fields})
    jobs.save(path, job)
    return job


def test_jobs_cut_by_a_restart_are_interrupted_at_start_up_and_say_to_start_again(tmp_path):
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    screening = _job(path, "screen", pid=_gone_pid())
    xref = _job(path, "xref", pid=None, pid_started=None)  # saved before jobs recorded their process
    ingest = _job(path, "ingest", pid=_gone_pid())
    alive = _job(path, "xref")  # this process runs it: it is alive
    reused = _job(path, "xref", pid_started=(jobs.process_started(os.getpid()) or 0) + 1)  # our id, another process
    assert jobs.load(path, xref.id).state == "running"  # read before the restart: nothing tells it is dead
    with TestClient(create_app(path)) as client:
        states = {job.id: client.get(f"/api/v1/jobs/{job.id}").json() for job in (screening, xref, ingest, alive,
                                                                                   reused)}
        page = client.get(f"/jobs/{screening.id}").text
    assert states[screening.id]["state"] == "interrupted"
    assert states[screening.id]["message"] == ("interrupted: the server stopped before this batch screening finished "
                                               "(40% done); upload the file again on the Screening page")
    assert states[xref.id]["state"] == "interrupted" and states[xref.id]["finished"]
    assert "start it again on the Xref page: it resumes where it stopped" in states[xref.id]["message"]
    assert states[reused.id]["state"] == "interrupted"
    assert states[ingest.id]["state"] == "failed" and "ended before it finished" in states[ingest.id]["message"]
    assert states[alive.id]["state"] == "running" and states[alive.id]["pid"] == os.getpid()
    assert '<span class="state">interrupted</span>' in page and "hx-trigger" not in page  # no longer polled
    on_disk = jobs.Job.model_validate_json((jobs.jobs_folder(path) / f"{xref.id}.json").read_text())
    assert on_disk.state == "interrupted" and on_disk.pid is None  # saved so, not only shown so


def test_an_interrupted_job_no_longer_blocks_a_new_xref(tmp_path):
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    _job(path, "xref", pid=_gone_pid())
    jobs.settle_orphans(path)
    assert not [job for job in jobs.recent(path, kind="xref") if job.state in jobs.ACTIVE]
