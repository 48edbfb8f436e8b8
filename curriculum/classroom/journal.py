"""Which SQLite journal a progress file gets: WAL where it is safe, the rollback journal elsewhere.

Write-ahead logging (WAL) is fast and lets a reader and a writer work at once, but it
needs shared memory between processes, which network filesystems (NFS, SMB, the home
folders of many JupyterHubs) do not give: there WAL can corrupt the file. So WAL is used
only on a filesystem known to be local (read from ``/proc/self/mountinfo``); anywhere
else, or when the type cannot be read, the rollback journal (``DELETE``, with
``synchronous = FULL``). ``CURRICULUM_PROGRESS_JOURNAL=wal|delete`` overrides the choice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .progress_file import ProgressFileError

JOURNAL_ENV_VAR = "CURRICULUM_PROGRESS_JOURNAL"
# Filesystems on which SQLite's WAL is safe: local disks and memory. Anything else (nfs,
# nfs4, cifs, smb3, 9p, fuse.sshfs, ceph, lustre, ...) or unknown gets the rollback journal.
LOCAL_FILESYSTEMS = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs",
    "nilfs2", "tmpfs", "ramfs", "overlay", "vfat", "exfat", "ntfs3", "apfs", "hfs", "hfsplus",
})
JOURNAL_MODES = ("wal", "delete")


def _unescape_mount(text: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def filesystem_type(folder: str | Path, mountinfo: str | None = None) -> str | None:
    """The type of the filesystem holding ``folder`` (``ext4``, ``nfs4``...), or None if unknown.

    Read from ``/proc/self/mountinfo`` (Linux): the mount with the longest mount point
    that contains the folder, the last one listed when several share a mount point.
    """
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(folder)
    best, best_len = None, -1
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or not tail:
            continue
        point = _unescape_mount(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best_len:
            best, best_len = tail[0], len(point)
    return best


def journal_mode(folder: str | Path) -> str:
    """``wal`` on a known local filesystem, else ``delete``; ``CURRICULUM_PROGRESS_JOURNAL`` wins."""
    chosen = os.environ.get(JOURNAL_ENV_VAR, "").strip().lower()
    if chosen:
        if chosen not in JOURNAL_MODES:
            raise ProgressFileError(f"{JOURNAL_ENV_VAR}={chosen!r}: use one of {', '.join(JOURNAL_MODES)}")
        return chosen
    return "wal" if filesystem_type(folder) in LOCAL_FILESYSTEMS else "delete"
