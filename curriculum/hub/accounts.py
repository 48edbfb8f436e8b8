"""Unix accounts for a class and its drop-box folder, on a hub whose spawner runs each
student's server as that student (root only).

Each account gets a private home (mode 0700: no one else can read a student's progress
file) and its own group. The drop-box follows nbgrader's inbound folder: owned by the
educator, mode 3733. Students may create files in it (``-wx``) but not list it; the sticky
bit stops one student renaming or deleting another's file; the set-group-id bit gives every
hand-in the educator's group, and a hand-in is written 0640, so the educator can read them
all and no student can read anyone's.
"""

from __future__ import annotations

import grp
import os
import pwd
import subprocess
from pathlib import Path

DROPBOX_MODE = 0o3733
HOME_MODE = 0o700


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


def ensure_user(name: str) -> pwd.struct_passwd:
    """The Unix account ``name`` with a private home, made if missing."""
    if not exists(name):
        result = subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash",
                                 "--comment", "cyber-safety-curriculum class account", name],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise AccountsError(f"useradd {name}: {result.stderr.strip()}")
    user = pwd.getpwnam(name)
    os.chmod(user.pw_dir, HOME_MODE)
    return user


def remove_user(name: str) -> None:
    """Remove the account, its home and its group (used for test and demo accounts only)."""
    if exists(name):
        subprocess.run(["userdel", "--remove", "--force", name], capture_output=True, text=True)


def users_with_prefix(prefix: str) -> list[str]:
    return sorted(p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(prefix))


def make_dropbox(folder: Path, educator: str | None) -> Path:
    """The class drop-box at ``folder``: the educator's, write-only for everyone else.

    Without an educator account (a hub not running as root) the folder is the hub user's,
    with the same mode, so hand-ins work but students are not kept apart.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if educator is not None:
        user = pwd.getpwnam(educator)
        os.chown(folder, user.pw_uid, grp.getgrgid(user.pw_gid).gr_gid)
    os.chmod(folder, DROPBOX_MODE)
    return folder
