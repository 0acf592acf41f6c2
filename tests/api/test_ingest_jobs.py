"""/ingest: uploads become a job run in its own process, with its progress readable at
/api/v1/jobs/{id}; hostile uploads (too big, zip bombs, paths leaving the folder, links) are
refused whole, and nothing is stored."""
from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import time
import warnings
import zipfile

import pytest
from fastapi.testclient import TestClient

from prolifwatch import jobs, uploads
from prolifwatch.api import create_app
from prolifwatch.store import open_store
from tests.conftest import SEED_CABLE_EXPORT


def _token(client) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/v1/session").json()["csrf_token"]}


def _wait(client, job_id: str, seconds: float = 600) -> dict:
    deadline = time.monotonic() + seconds
    seen = set()
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        seen.add(job["state"])
        if job["state"] in ("done", "failed"):
            return {**job, "states_seen": seen}
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} still {job['state']} after {seconds} s")


@pytest.fixture
def fresh(tmp_path):
    """A client on an empty store: ingesting a seed into it is new, and linking it is quick."""
    path = tmp_path / "fresh.sqlite"
    open_store(path).close()
    with TestClient(create_app(path)) as client:
        yield client, path


def _zip(members: dict[str, bytes] | list[tuple[str, bytes]], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: some tests want one
        for name, data in (members.items() if isinstance(members, dict) else members):
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _nothing_kept(path) -> None:
    folder = jobs.jobs_folder(path)
    assert not folder.exists() or not any(folder.iterdir()), list(folder.iterdir())
    with open_store(path) as store:
        assert store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_a_seed_upload_runs_to_done_and_the_document_is_stored(fresh):
    client, path = fresh
    response = client.post("/api/v1/ingest", headers=_token(client), files=[
        ("files", ("002_f43618049e87ecce.txt", SEED_CABLE_EXPORT.read_bytes())),
        ("files", ("noise.bin", b"\x00\x01\x02 not a document"))])
    assert response.status_code == 202, response.text
    started = response.json()
    assert started["state"] == "queued" and started["files"] == ["002_f43618049e87ecce.txt", "noise.bin"]
    assert client.get("/api/v1/home").status_code == 200  # the server answers while the job runs
    job = _wait(client, started["id"])
    assert job["state"] == "done", job
    assert (job["read"], job["new"], job["progress"]) == (1, 1, 1.0)
    assert [(f["path"], "binary" in f["reason"]) for f in job["failed"]] == [("noise.bin", True)]
    assert job["linked"]["entities"]["entities"] > 0  # linked after storing
    with open_store(path) as store:
        document = store.get("09BEIJING724")
    assert document is not None and "LIMMT" in document.text
    page = client.get(f"/jobs/{job['id']}").text
    assert '<span class="state">done</span>' in page and "<td>noise.bin</td>" in page
    assert "hx-trigger" not in page  # a finished job is not polled
    listing = client.get("/ingest").text
    assert f'href="/jobs/{job["id"]}"' in listing
    job_folder = jobs.jobs_folder(path) / job["id"]
    assert not (job_folder / "upload").exists() and (job_folder / "job.log").is_file()  # the store has the text


def test_a_zip_is_expanded_and_its_members_named_in_failures(fresh):
    client, path = fresh
    upload = _zip({"cables/002.txt": SEED_CABLE_EXPORT.read_bytes(), "cables/empty.txt": b""})
    response = client.post("/api/v1/ingest", files={"files": ("batch.zip", upload)}, headers=_token(client))
    assert response.status_code == 202, response.text
    assert response.json()["files"] == ["batch.zip/cables/002.txt", "batch.zip/cables/empty.txt"]
    job = _wait(client, response.json()["id"])
    assert job["state"] == "done" and job["new"] == 1
    assert [f["path"] for f in job["failed"]] == ["batch.zip/cables/empty.txt"]


def test_a_running_job_is_polled_by_its_page(fresh):
    client, _ = fresh
    fragment = client.post("/ingest", files={"files": ("002.txt", SEED_CABLE_EXPORT.read_bytes())},
                           headers={**_token(client), "HX-Request": "true"})
    assert fragment.status_code == 202 and "<html" not in fragment.text
    job_id = fragment.text.split('id="job-', 1)[1].split('"', 1)[0]
    assert f'hx-get="/jobs/{job_id}" hx-trigger="every 1s"' in fragment.text
    assert '<progress max="1" value="0.0"' in fragment.text
    assert _wait(client, job_id)["state"] == "done"


@pytest.mark.parametrize("members, links, status, words", [
    ({"../../evil.txt": b"x"}, (), 422, "points outside"),
    ({"/etc/cron.d/evil": b"x"}, (), 422, "points outside"),
    ({"ok.txt": b"x"}, ("link.txt",), 422, "symbolic link"),
])
def test_hostile_zips_are_refused_and_nothing_is_kept(fresh, members, links, status, words):
    client, path = fresh
    response = client.post("/api/v1/ingest", files={"files": ("evil.zip", _zip(members, links))}, headers=_token(client))
    assert response.status_code == status and words in response.json()["message"]
    _nothing_kept(path)


def test_a_zip_bomb_is_refused(fresh, monkeypatch):
    client, path = fresh
    monkeypatch.setattr(uploads, "MAX_ZIP_EXPANSION", 1024 * 1024)
    bomb = _zip({"zeros.txt": b"0" * (8 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024  # small to send, 8 MB once expanded
    response = client.post("/api/v1/ingest", files={"files": ("bomb.zip", bomb)}, headers=_token(client))
    assert response.status_code == 413 and "expands to 8,388,608 bytes" in response.json()["message"]
    _nothing_kept(path)


def test_a_zip_of_too_many_members_is_refused(fresh, monkeypatch):
    client, path = fresh
    monkeypatch.setattr(uploads, "MAX_ZIP_MEMBERS", 5)
    response = client.post("/api/v1/ingest", files={"files": ("many.zip", _zip({f"{n}.txt": b"x" for n in range(6)}))},
                           headers=_token(client))
    assert response.status_code == 413 and "6 members" in response.json()["message"]
    _nothing_kept(path)


def test_an_oversize_upload_is_refused_before_it_is_read(fresh, monkeypatch):
    client, path = fresh
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    response = client.post("/api/v1/ingest", files={"files": ("big.txt", b"x" * 5000)}, headers=_token(client))
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    assert "PROLIFWATCH_MAX_UPLOAD_BYTES" in response.json()["hint"]
    _nothing_kept(path)


def test_an_upload_without_the_csrf_token_is_refused(fresh):
    client, path = fresh
    response = client.post("/api/v1/ingest", files={"files": ("002.txt", SEED_CABLE_EXPORT.read_bytes())})
    assert response.status_code == 403
    _nothing_kept(path)


def test_unknown_and_malformed_job_ids_are_404(api):
    for job_id in ("0123456789abcdef", "..%2F..%2Fetc%2Fpasswd", "x" * 40):
        response = api.get(f"/api/v1/jobs/{job_id}")
        assert response.status_code == 404 and response.json()["error"] == "not_found", job_id


def test_the_ingest_page_has_the_upload_form(api):
    page = api.get("/ingest").text
    assert 'hx-post="/ingest"' in page and 'hx-encoding="multipart/form-data"' in page
    assert 'type="file" name="files" multiple' in page and "200.0 MB" in page


def test_the_budget_is_one_for_the_whole_upload_not_one_per_zip(fresh, monkeypatch):
    client, path = fresh
    monkeypatch.setattr(uploads, "MAX_ZIP_EXPANSION", 1024 * 1024)
    small_bomb = _zip({"zeros.txt": b"0" * (400 * 1024)})  # each under the limit, three over it
    response = client.post("/api/v1/ingest", headers=_token(client), files=[
        ("files", (f"bomb{n}.zip", small_bomb)) for n in range(3)])
    assert response.status_code == 413, response.text
    assert response.json()["message"].startswith("bomb2.zip expands to 409,600 bytes")
    assert "1,048,576 bytes in all" in response.json()["message"]
    _nothing_kept(path)


def test_plain_files_count_against_the_expansion_budget(fresh, monkeypatch):
    client, path = fresh
    monkeypatch.setattr(uploads, "MAX_ZIP_EXPANSION", 1024 * 1024)
    response = client.post("/api/v1/ingest", headers=_token(client), files=[
        ("files", ("plain.txt", b"x" * (700 * 1024))), ("files", ("bomb.zip", _zip({"z.txt": b"0" * 400 * 1024})))])
    assert response.status_code == 413 and "bomb.zip expands to 409,600 bytes" in response.json()["message"]
    _nothing_kept(path)


def test_the_member_count_is_one_for_the_whole_upload(fresh, monkeypatch):
    client, path = fresh
    monkeypatch.setattr(uploads, "MAX_ZIP_MEMBERS", 5)
    three = _zip({f"{n}.txt": b"x" for n in range(3)})
    response = client.post("/api/v1/ingest", headers=_token(client),
                           files=[("files", ("a.zip", three)), ("files", ("b.zip", three))])
    assert response.status_code == 413 and "b.zip has 3 members" in response.json()["message"]
    _nothing_kept(path)


@pytest.mark.parametrize("members, words", [
    ([("a.txt", b"x"), ("a.txt", b"y")], "member 'a.txt' is in the archive twice"),
    ([("a.txt", b"x"), ("./a.txt", b"y")], "member './a.txt' is in the archive twice"),
    ([("a", b"x"), ("a/b", b"y")], "member 'a' is both a file and a folder"),
    ([("a/b", b"y"), ("a", b"x")], "member 'a' is both a file and a folder"),
    ([("d/", b""), ("d", b"x")], "member 'd' is both a file and a folder"),
    ([("." , b"x")], "the zip holds none"),
    ([("n" * 300 + ".txt", b"x")], "cannot be saved: File name too long"),
])
def test_zips_the_server_cannot_lay_out_are_refused_naming_the_member(fresh, members, words):
    client, path = fresh
    response = client.post("/api/v1/ingest", files={"files": ("odd.zip", _zip(members))}, headers=_token(client))
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["parameter"] == "files" and words in body["message"], body
    assert "/tmp" not in body["message"] and ".jobs" not in body["message"]
    _nothing_kept(path)


def test_a_long_file_name_is_shortened_keeping_its_extension(fresh):
    client, path = fresh
    long_name = "é" * 150 + ".txt"  # 304 bytes: over the 255 a file name may have
    response = client.post("/api/v1/ingest", headers=_token(client), files=[
        ("files", (long_name, SEED_CABLE_EXPORT.read_bytes())), ("files", (long_name[1:], b"other"))])
    assert response.status_code == 202, response.text
    first, second = response.json()["files"]
    assert first != second and first.endswith(".txt") and first.startswith("é" * 90)
    assert len(first.encode()) <= uploads.MAX_NAME_BYTES and len(second.encode()) <= uploads.MAX_NAME_BYTES
    job = _wait(client, response.json()["id"])
    assert job["state"] == "done" and job["new"] == 1 and [f["path"] for f in job["failed"]] == [second]


def test_a_zip_member_named_dot_is_skipped_and_the_rest_read(fresh):
    client, path = fresh
    upload = _zip([(".", b"nothing"), ("cables/002.txt", SEED_CABLE_EXPORT.read_bytes())])
    response = client.post("/api/v1/ingest", files={"files": ("batch.zip", upload)}, headers=_token(client))
    assert response.status_code == 202 and response.json()["files"] == ["batch.zip/cables/002.txt"]
    assert _wait(client, response.json()["id"])["new"] == 1


def _running_job(path, kind: str = "ingest") -> jobs.Job:
    job, folder = jobs.new_job(path, kind)
    (folder / "upload").mkdir()
    (folder / "upload" / "000-a.txt").write_text("uploaded")
    job.state = "running"
    jobs.save(path, job)
    return job


def test_a_dead_ingest_process_says_so_without_its_traceback(tmp_path):
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    job = _running_job(path)
    log = jobs.jobs_folder(path) / job.id / "job.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-c", "import sys; print('Traceback: secret at /srv/x.py'); "
                                    "sys.exit(3)"], stdout=out)
    jobs._watch(path, job.id, process)
    failed = jobs.load(path, job.id)
    assert failed.state == "failed" and "secret" not in failed.message and "Traceback" not in failed.message
    assert failed.message == (f"the ingest stopped unexpectedly (exit status 3); the job's log on the server "
                              f"(store.sqlite.jobs/{job.id}/job.log) has the details")
    assert "Traceback: secret" in log.read_text()  # the details stay in the log
    assert not (jobs.jobs_folder(path) / job.id / "upload").exists()


def test_an_unexpected_error_in_the_ingest_is_not_shown_to_the_client(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"not a database " * 100)  # sqlite3.DatabaseError inside the ingest
    job = _running_job(path)
    with pytest.raises(Exception, match="not a database"):  # raised on: the process's log has the traceback
        jobs.run_ingest(str(path), job.id)
    failed = jobs.load(path, job.id)
    assert failed.state == "failed" and "DatabaseError" not in failed.message and str(tmp_path) not in failed.message
    assert failed.message.startswith("the ingest stopped unexpectedly; the job's log on the server")
    assert not (jobs.jobs_folder(path) / job.id / "upload").exists()


def test_only_the_most_recent_jobs_folders_are_kept(fresh):
    client, path = fresh
    made = []
    for age in range(jobs.KEPT_JOBS + 5):  # the oldest first
        job = _running_job(path)
        job.state = "running" if age == 0 else "done"  # a job still running is never removed
        jobs.save(path, job)
        os.utime(jobs.jobs_folder(path) / f"{job.id}.json", (1_000_000 + age, 1_000_000 + age))
        made.append(job.id)
    # any upload starts a job, a refused one too: the oldest finished jobs go first
    response = client.post("/api/v1/ingest", files={"files": ("none.zip", _zip({}))}, headers=_token(client))
    assert response.status_code == 422
    folder = jobs.jobs_folder(path)
    kept = {p.stem for p in folder.glob("*.json")}
    assert kept == {made[0], *made[-(jobs.KEPT_JOBS - 1):]}
    assert {p.name for p in folder.iterdir() if p.is_dir()} == kept
    assert [job.id for job in jobs.recent(path, 3)] == made[:-4:-1]


def test_an_upload_of_unknown_length_is_refused_with_411(fresh):
    client, path = fresh
    response = client.post("/api/v1/ingest", content=iter([b"--x\r\n"]),
                           headers={**_token(client), "Content-Type": "multipart/form-data; boundary=x"})
    assert response.status_code == 411 and response.json()["error"] == "length_required"
    _nothing_kept(path)
