"""How a drop-box proves who handed in each file: its identity rule, kept in the folder.

A hand-in file says which pseudonym and key made it, but a student can write anything in
their own file. What a student cannot forge depends on the hub, so the drop-box itself
records which rule holds, in a marker file its maker writes once (``mark_identity``):

- ``owner``: each student's server runs as their own Unix account (``make hub`` as root,
  The Littlest JupyterHub). A file counts for the account that owns it, and only when the
  account named in the file's name is that owner.
- ``folder``: every server runs as one shared user, but each student's server mounts only
  their own sub-folder (Zero to JupyterHub, ``deploy/z2jh``). A file counts for the
  student whose folder holds it; nothing at the top level counts.
- ``file``: files collected by hand, or a hub that does not keep students apart. Each
  learner is who their file says they are, and the report says that nothing was checked.

The marker is trusted only when it is a regular file owned by the folder's owner (or
root), not a link: in a drop-box students can add files, and the sticky bit stops them
replacing one they do not own. ``--identity`` (or ``CURRICULUM_DROPBOX_IDENTITY``, set in
an educator's server) overrides it.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from curriculum.course.files import Unread, read_regular

IDENTITIES = ("owner", "folder", "file")
MARKER = ".curriculum-dropbox"
IDENTITY_ENV = "CURRICULUM_DROPBOX_IDENTITY"
MARKER_MAX_BYTES = 4096


class DropboxError(ValueError):
    """A drop-box identity rule that cannot be used; the message names the file or setting."""


def check_identity(value: str, where: str) -> str:
    if value not in IDENTITIES:
        raise DropboxError(f"{where}: {value!r} is not an identity rule (use one of "
                           f"{', '.join(IDENTITIES)})")
    return value


def mark_identity(folder: Path, identity: str) -> Path:
    """Write the drop-box's identity rule into ``folder`` (its owner, or root, runs this).

    Written to a new file and renamed into place, 0644 so that whoever reads the
    drop-box can read the rule; it holds no learner data.
    """
    check_identity(identity, "identity")
    folder = Path(folder)
    target = folder / MARKER
    part = folder / f"{MARKER}.{os.getpid()}.new"
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"identity": identity}, fh)
            fh.write("\n")
        os.chmod(part, 0o644)
        st = os.lstat(folder)
        if os.geteuid() == 0:
            os.chown(part, st.st_uid, st.st_gid)
        os.replace(part, target)
    except BaseException:
        try:
            os.unlink(part)
        except OSError:
            pass
        raise
    return target


def marked_identity(folder: Path) -> str | None:
    """The rule the drop-box's maker wrote, or None when there is no trustworthy marker."""
    folder = Path(folder)
    try:
        folder_st = os.stat(folder)
        raw, st = read_regular(folder / MARKER, MARKER_MAX_BYTES)
    except (OSError, Unread):
        return None
    if st.st_uid not in (folder_st.st_uid, 0) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    try:
        value = json.loads(raw.decode("utf-8")).get("identity")
    except (ValueError, AttributeError):
        return None
    return value if value in IDENTITIES else None


def is_shared_dropbox(folder: Path) -> bool:
    """Others may add files but the sticky bit stops them replacing others' (mode like 3733)."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISVTX) and bool(mode & stat.S_IWOTH)


def identity_for(folder: Path, given: str | None = None) -> str:
    """The rule to read ``folder`` by: ``given`` (``--identity``), then
    ``CURRICULUM_DROPBOX_IDENTITY``, then the folder's marker; a shared drop-box
    without a marker is read by ``owner``, any other folder by ``file``."""
    if given:
        return check_identity(given, "--identity")
    env = os.environ.get(IDENTITY_ENV, "").strip()
    if env:
        return check_identity(env, IDENTITY_ENV)
    return marked_identity(folder) or ("owner" if is_shared_dropbox(folder) else "file")
