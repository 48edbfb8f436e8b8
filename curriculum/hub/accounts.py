"""Unix accounts for a class and its drop-box folder, on a hub whose spawner runs each
student's server as that student (root only).

Each account gets a private home (mode 0700: no one else can read a student's progress
file) and its own group. The drop-box follows nbgrader's inbound folder: owned by the
educator, mode 3733. Students may create files in it (``-wx``) but not list it; the sticky
bit stops one student renaming or deleting another's file; the set-group-id bit gives every
hand-in the educator's group, and a hand-in is written 0640, so the educator can read them
all and no student can read anyone's. The drop-box also records how its hand-ins prove who
wrote them (``classroom.dropbox.mark_identity``): by the file's owner when each student is
a Unix user, by nothing when every server runs as one user.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
import subprocess
from pathlib import Path

from curriculum.classroom import dropbox

DROPBOX_MODE = 0o3733
HOME_MODE = 0o700
# in the comment (GECOS) field of every account this course makes: only those are reused
# or removed, so a prefix can never reach another account
CLASS_ACCOUNT = "cyber-safety-curriculum class account"


class AccountsError(Exception):
    """An account or folder could not be made; the message says which and why."""


def is_root() -> bool:
    return os.geteuid() == 0


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def is_class_account(name: str) -> bool:
    """``name`` is an account this course made (``ensure_user``)."""
    try:
        return pwd.getpwnam(name).pw_gecos == CLASS_ACCOUNT
    except KeyError:
        return False


def ensure_user(name: str) -> pwd.struct_passwd:
    """The Unix account ``name`` with a private home, made if missing. An account of the
    same name that this course did not make is refused, not taken over."""
    if not exists(name):
        result = subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash",
                                 "--comment", CLASS_ACCOUNT, name],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise AccountsError(f"useradd {name}: {result.stderr.strip()}")
    elif not is_class_account(name):
        raise AccountsError(f"there is already an account {name!r} that this course did not make: "
                            "choose another --prefix")
    user = pwd.getpwnam(name)
    os.chmod(user.pw_dir, HOME_MODE)
    return user


def remove_user(name: str) -> None:
    """Remove the account, its home and its group: only an account this course made."""
    if is_class_account(name):
        subprocess.run(["userdel", "--remove", "--force", name], capture_output=True, text=True)


def class_accounts(prefix: str) -> list[str]:
    """The accounts this course made whose names start with ``prefix`` (never others,
    whatever the prefix: an empty one included)."""
    return sorted(p.pw_name for p in pwd.getpwall()
                  if p.pw_name.startswith(prefix) and p.pw_gecos == CLASS_ACCOUNT)


def make_dropbox(folder: Path, educator: str | None) -> Path:
    """The class drop-box at ``folder``: the educator's, write-only for everyone else.

    With an educator account each student is a Unix user, so a hand-in counts for the
    account that owns the file (identity ``owner``). Without one (a hub not running as
    root) the folder is the hub user's, with the same mode: hand-ins work but students are
    not kept apart, and the report says nothing was checked (identity ``file``).

    Only a new or empty folder, or one that is a drop-box already, is made into one: this
    changes the folder's owner and mode, which must never happen to ``/etc`` or a home.
    """
    folder = Path(os.path.abspath(folder))
    try:
        _check_dropbox_place(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if educator is not None:
            user = pwd.getpwnam(educator)
            os.chown(folder, user.pw_uid, grp.getgrgid(user.pw_gid).gr_gid)
        os.chmod(folder, DROPBOX_MODE)
        dropbox.mark_identity(folder, "owner" if educator is not None else "file")
    except OSError as exc:
        raise AccountsError(f"{folder}: cannot make the drop-box here ({exc.strerror or exc})") from None
    return folder


def _check_dropbox_place(folder: Path) -> None:
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise AccountsError(f"{folder} is a symbolic link: give the drop-box's real folder")
    if not stat.S_ISDIR(info.st_mode):
        raise AccountsError(f"{folder} is not a folder")
    if dropbox.marked_identity(folder) or stat.S_IMODE(info.st_mode) == DROPBOX_MODE:
        return  # a drop-box already (made again to repair its owner, mode or marker)
    with os.scandir(folder) as entries:
        holds_files = any(entries)
    if holds_files:
        raise AccountsError(f"{folder} already holds other files and is not a drop-box: "
                            "give a new or empty folder")
