"""Hand in: put a copy of the learner's answers into the class drop-box, whole or not at all.

On a school's JupyterHub the spawner sets ``CURRICULUM_DROPBOX`` to a folder that students
may write into but not list or read (nbgrader's inbound pattern: the folder is ``-wx`` for
students, readable by the educator). A hand-in is named by the hub user and the UTC time
(``alex-20260105T090000Z.json``), so a later hand-in never overwrites an earlier one and
the report takes the latest per learner. It is written to a temporary file in the same
folder and renamed into place, so a teacher's report never reads half a file; if anything
fails, the temporary file is removed and the learner's own progress is untouched (a
hand-in only reads it).
"""

from __future__ import annotations

import errno
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from .store import ProgressStore

DROPBOX_ENV = "CURRICULUM_DROPBOX"
USER_ENV = "JUPYTERHUB_USER"
PART_SUFFIX = ".part"  # never *.json, so a report never reads a file being written


class HandInError(Exception):
    """A hand-in that could not be made; the message says why in plain words."""


def dropbox_from_env() -> Path | None:
    value = os.environ.get(DROPBOX_ENV, "").strip()
    return Path(value).expanduser() if value else None


def handin_name(user: str, when: datetime) -> str:
    """``<user>-<UTC time>.json``, safe on every file system."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", user).strip("-")[:40] or "learner"
    return f"{slug}-{when.astimezone(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}.json"


def hand_in(store: ProgressStore, dropbox: Path | None = None, user: str | None = None,
            now: datetime | None = None, export: dict | None = None) -> Path:
    """Write the learner's export (``store.export()`` unless given) into ``dropbox``
    atomically; return the file's path."""
    dropbox = dropbox or dropbox_from_env()
    if dropbox is None:
        raise HandInError(f"no drop-box folder is set for this course ({DROPBOX_ENV}): "
                          "ask your teacher how to hand in")
    if not dropbox.is_dir():
        raise HandInError(f"the drop-box folder {dropbox} does not exist: ask your teacher")
    user = user or os.environ.get(USER_ENV) or store.pseudonym
    now = now or datetime.now(timezone.utc)
    target = dropbox / handin_name(user, now)
    part = dropbox / f".{target.stem}-{os.getpid()}{PART_SUFFIX}"
    export = store.export() if export is None else export
    data = (json.dumps(export, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(part, target)
    except OSError as exc:
        try:
            part.unlink()
        except OSError:
            pass
        if exc.errno == errno.ENOSPC:
            raise HandInError(f"the drop-box folder {dropbox} is full: nothing was handed in; "
                              "tell your teacher") from None
        raise HandInError(f"could not hand in to {dropbox} ({exc.strerror or exc}): nothing "
                          "was handed in") from None
    return target
