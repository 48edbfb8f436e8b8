"""Hand in: put a copy of the learner's answers into the class drop-box, whole or not at all.

On a school's JupyterHub the spawner sets ``CURRICULUM_DROPBOX`` to a folder that students
may write into but not list or read (nbgrader's inbound pattern: the folder is ``-wx`` for
students, readable by the educator). How the report then knows who handed in each file is
the drop-box's identity rule (``classroom.dropbox``): on a hub where each student is a
Unix user, the file's owner.

A hand-in is named ``<account>-<UTC time>-<random>.json``: the account is the Unix account
the learner's server runs as (what the report matches against the file's owner), and the
random part makes the name impossible to guess, so a classmate cannot create it first
(in a sticky folder nobody can replace another's file, so a name taken in advance would
block the hand-in). The file is written under a temporary name (never ``*.json``, so the
report never reads half a file), then linked to its final name, which fails rather than
overwrites if that name exists; then the hand-in simply tries a new name. If anything
fails, the temporary file is removed and the learner's own progress is untouched (a
hand-in only reads it).
"""

from __future__ import annotations

import errno
import json
import os
import pwd
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path

from .store import ProgressStore

DROPBOX_ENV = "CURRICULUM_DROPBOX"
PART_SUFFIX = ".part"  # never *.json, so a report never reads a file being written
TRIES = 8  # names to try before giving up (a clash of 64 random bits means someone interferes)
HANDIN_MODE = 0o640  # the educator reads it through the drop-box's group; no student can


class HandInError(Exception):
    """A hand-in that could not be made; the message says why in plain words."""


def dropbox_from_env() -> Path | None:
    value = os.environ.get(DROPBOX_ENV, "").strip()
    return Path(value).expanduser() if value else None


def os_account() -> str:
    """The Unix account this process runs as: on a hub, the student's own, which they cannot
    change (``JUPYTERHUB_USER`` is only an environment variable in their own server)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def account_slug(account: str) -> str:
    """The account as it appears in a file name: safe on every file system."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", account).strip("-")[:40] or "learner"


def handin_name(account: str, when: datetime, token: str | None = None) -> str:
    """``<account>-<UTC time>-<random>.json``."""
    token = token or secrets.token_hex(8)
    stamp = when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{account_slug(account)}-{stamp}-{token}.json"


def name_account(filename: str) -> str | None:
    """The account a hand-in's file name is for (``alex`` in ``alex-20260105T093015Z-….json``),
    or None when the name is not a hand-in's."""
    match = re.fullmatch(r"(.+?)-(\d{8}T\d{6}Z)(?:-[0-9a-f]{8,64})?\.json", filename)
    return match.group(1) if match else None


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (never an existing file, never through a link) holding ``data``, synced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, HANDIN_MODE)
    try:
        os.fchmod(fd, HANDIN_MODE)  # whatever the umask
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.unlink(path)  # ours (O_EXCL made it): a disk that filled up keeps no half file
        raise
    finally:
        os.close(fd)


def _publish(part: Path, target: Path) -> bool:
    """Give ``part`` the name ``target`` unless that name is taken; False if it was taken."""
    try:
        os.link(part, target)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
    # A file system without hard links: a rename, after checking the name is free (the
    # random name already makes a clash all but impossible).
    if os.path.lexists(target):
        return False
    os.rename(part, target)
    return True


def hand_in(store: ProgressStore, dropbox: Path | None = None, user: str | None = None,
            now: datetime | None = None, export: dict | None = None) -> Path:
    """Write the learner's export (``store.export()`` unless given) into ``dropbox``
    under a new name; return the file's path. ``user`` is the account for the file name
    (default: the Unix account this runs as)."""
    dropbox = dropbox or dropbox_from_env()
    if dropbox is None:
        raise HandInError(f"no drop-box folder is set for this course ({DROPBOX_ENV}): "
                          "ask your teacher how to hand in")
    if not dropbox.is_dir():
        raise HandInError(f"the drop-box folder {dropbox} does not exist: ask your teacher")
    account = user or os_account()
    now = now or datetime.now(timezone.utc)
    export = store.export() if export is None else export
    data = (json.dumps(export, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    for _ in range(TRIES):
        token = secrets.token_hex(8)
        target = dropbox / handin_name(account, now, token)
        part = dropbox / f".{token}-{os.getpid()}{PART_SUFFIX}"
        created = False
        try:
            try:
                _write_new(part, data)
            except FileExistsError:
                continue  # not ours: leave it, try another name
            created = True
            if _publish(part, target):
                return target
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise HandInError(f"the drop-box folder {dropbox} is full: nothing was handed "
                                  "in; tell your teacher") from None
            raise HandInError(f"could not hand in to {dropbox} ({exc.strerror or exc}): "
                              "nothing was handed in") from None
        finally:
            if created:
                try:
                    os.unlink(part)
                except OSError:
                    pass
    raise HandInError(f"could not find a free name in {dropbox} after {TRIES} tries: nothing "
                      "was handed in; tell your teacher")
