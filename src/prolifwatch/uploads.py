"""Uploads, checked before anything runs and refused whole (nothing is kept).

Checked: their size, and their zips' members and expansion counted over the
whole upload (zip bombs, also many small ones: ``TooLarge``); members whose
path leaves the folder (``../``, absolute paths), symbolic links, two members
of one path, a path both a file and a folder, names the server cannot save
(``BadParameter``).  Over-long file names are shortened (extension kept, a
short hash added).

The limits come from the environment, read once at import; the jobs (jobs.py)
and the list upload (api/routes/lists.py) save what they receive through here.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import BadParameter, ProlifwatchError, TooLarge


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


MAX_UPLOAD_BYTES = _limit("PROLIFWATCH_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
MAX_ZIP_MEMBERS = _limit("PROLIFWATCH_MAX_ZIP_MEMBERS", 10_000)
MAX_ZIP_EXPANSION = _limit("PROLIFWATCH_MAX_ZIP_EXPANSION", 1024 * 1024 * 1024)
MAX_NAME_BYTES = 200  # a saved file's name, with room for the "000-" and ".d" added to it (255 is the usual limit)
CHUNK = 1024 * 1024
LIMIT_HINT = ("the server's limits: PROLIFWATCH_MAX_UPLOAD_BYTES, PROLIFWATCH_MAX_ZIP_MEMBERS, "
              "PROLIFWATCH_MAX_ZIP_EXPANSION; for a bigger load run `prolifwatch ingest` on the machine")


def upload_name(name: str) -> str:
    """An uploaded file's own name, as the user knows it: never a path."""
    base = PurePosixPath((name or "").replace("\\", "/")).name.strip()
    if base in ("", ".", ".."):
        raise BadParameter("files", f"{name!r} is not a file name")
    try:
        os.fsencode(base)  # a lone surrogate cannot be a file name
        encodable = "\x00" not in base
    except UnicodeEncodeError:
        encodable = False
    if not encodable:
        raise BadParameter("files", f"{name!r} is not a file name the server can save")
    return base


def safe_name(name: str) -> str:
    """An uploaded file's name to save it under: its own name, shortened when over MAX_NAME_BYTES
    (most file systems refuse names over 255 bytes) keeping its extension, with a short hash of the
    whole name so that two long names stay apart."""
    base = upload_name(name)
    if len(os.fsencode(base)) <= MAX_NAME_BYTES:
        return base
    stem, extension = os.path.splitext(base)
    if len(os.fsencode(extension)) > 16:  # not an extension: a long name with a dot in it
        stem, extension = base, ""
    digest = hashlib.sha256(os.fsencode(base)).hexdigest()[:10]
    room = MAX_NAME_BYTES - len(os.fsencode(extension)) - len(digest) - 1
    stem = os.fsencode(stem)[:room].decode("utf-8", "ignore")  # never half a character
    return f"{stem}-{digest}{extension}"


def copy_limited(source: BinaryIO, target: Path, budget: list[int], limit: int, what: str) -> None:
    """Copy while counting against ``budget[0]`` bytes left; refused the moment it is spent."""
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise TooLarge(f"{what} is over the limit of {limit:,} bytes", hint=LIMIT_HINT)
            out.write(chunk)


class UploadBudget:
    """What is left to one upload, shared by all its files and zips: bytes received, bytes saved once
    the zips are expanded (plain files count too), zip members.  One budget per upload, not per zip:
    else one upload could carry hundreds of zip bombs, each under the limit."""

    def __init__(self) -> None:
        self.received = [MAX_UPLOAD_BYTES]
        self.expansion = [MAX_ZIP_EXPANSION]
        self.members = MAX_ZIP_MEMBERS

    def count_members(self, shown: str, count: int) -> None:
        self.members -= count
        if self.members < 0:
            raise TooLarge(f"{shown} has {count:,} members; an upload's zips may hold {MAX_ZIP_MEMBERS:,} "
                           "members in all", hint=LIMIT_HINT)

    def count_expansion(self, shown: str, size: int, verb: str = "expands to") -> None:
        if size > self.expansion[0]:
            raise TooLarge(f"{shown} {verb} {size:,} bytes; an upload may come to {MAX_ZIP_EXPANSION:,} bytes "
                           f"in all once its zips are expanded ({max(self.expansion[0], 0):,} were left)",
                           hint=LIMIT_HINT)


def cannot_save(shown: str, exc: OSError, parameter: str = "files") -> ProlifwatchError:
    """An upload the server could not save, said without the server's paths."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return TooLarge(f"{shown}: the server has no room to save it ({reason})", hint=LIMIT_HINT)
    return BadParameter(parameter, f"{shown} cannot be saved: {reason}")


def _member_path(archive: str, info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in path.parts:
        raise BadParameter("files", f"{archive}: member {info.filename!r} points outside the archive's folder")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise BadParameter("files", f"{archive}: member {info.filename!r} is a symbolic link")
    return path


def _members(archive: str, infos: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files to extract, every member checked first: none leaves the folder or is a link, no two
    have the same path, none is both a file and a folder (``a`` and ``a/b``)."""
    files, folders, seen = [], set(), set()
    for info in infos:
        path = _member_path(archive, info)
        if not path.parts or path.parts[0] == "__MACOSX":  # "." or "./": nothing to extract
            continue
        if info.is_dir():
            folders.add(path)
            continue
        if path in seen:
            raise BadParameter("files", f"{archive}: member {info.filename!r} is in the archive twice")
        seen.add(path)
        folders.update(path.parents[:-1])
        files.append((info, path))
    if clashes := sorted(seen & folders):
        raise BadParameter("files", f"{archive}: member {str(clashes[0])!r} is both a file and a folder")
    return files


def _unzip(archive: Path, into: Path, shown: str, budget: UploadBudget) -> list[str]:
    """The archive's files, extracted under ``into`` after every member is checked."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            infos = zipped.infolist()
            budget.count_members(shown, len(infos))
            members = _members(shown, infos)
            budget.count_expansion(shown, sum(info.file_size for info, _ in members))
            names = []
            for info, path in members:
                target = into.joinpath(*path.parts)
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zipped.open(info) as source:  # sizes are counted again: a header can lie
                        copy_limited(source, target, budget.expansion, MAX_ZIP_EXPANSION, f"{shown} expanded")
                except OSError as exc:
                    raise cannot_save(f"{shown}/{path}", exc) from exc
                names.append(f"{shown}/{path}")
            return names
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # a damaged archive, a compression zipfile cannot read, an encrypted member
        raise BadParameter("files", f"{shown} is not a readable zip archive: {exc}") from exc


def receive(files: list[tuple[str, BinaryIO]], upload: Path) -> list[str]:
    """Save the uploads into ``upload``, zips expanded; the names as the user knows them."""
    budget, names = UploadBudget(), []
    upload.mkdir(parents=True, exist_ok=True)
    for number, (name, stream) in enumerate(files):
        base = safe_name(name)
        target = upload / f"{number:03d}-{base}"  # two uploads of the same name stay apart
        try:
            copy_limited(stream, target, budget.received, MAX_UPLOAD_BYTES, "the upload")
            if zipfile.is_zipfile(target):
                names += _unzip(target, upload / f"{number:03d}-{base}.d", base, budget)
                target.unlink()
            else:
                size = target.stat().st_size
                budget.count_expansion(base, size, "brings")
                budget.expansion[0] -= size
                names.append(base)
        except OSError as exc:
            raise cannot_save(base, exc) from exc
    if not names:
        raise BadParameter("files", "no file was uploaded (or the zip holds none)")
    return names
