"""Hand-in to a class drop-box: named by user and UTC time, whole or not at all.

The drop-box is the folder a school's hub sets in CURRICULUM_DROPBOX. A hand-in is a new
file (never overwriting an earlier one), written under a temporary name that the report
never reads and renamed into place; a missing or full drop-box is a clear message (exit 1
on the command line) and the learner's progress is untouched.
"""

from __future__ import annotations

import errno
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom import handin
from curriculum.classroom.handin import (
    HandInError,
    account_slug,
    hand_in,
    handin_name,
    name_account,
    os_account,
)
from curriculum.classroom.results import load_results
from curriculum.classroom.store import ProgressStore
from curriculum.cli import main

WHEN = datetime(2026, 1, 5, 9, 30, 15, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / "me" / "progress.sqlite3")
    s.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
    s.record(Attempt("01-history", "quiz", "quiz", "q2", ("b",), False))
    yield s
    s.close()


def test_a_hand_in_is_named_by_user_and_utc_time_and_read_by_the_report(store, tmp_path):
    box = tmp_path / "dropbox"
    box.mkdir()
    first = hand_in(store, box, user="alex", now=WHEN)
    assert re.fullmatch(r"alex-20260105T093015Z-[0-9a-f]{16}\.json", first.name), first.name
    again = hand_in(store, box, user="alex", now=WHEN)  # same second: a name nobody can guess
    assert again != first
    again.unlink()
    store.record(Attempt("01-history", "quiz", "quiz", "q3", ("c",), True))
    later = hand_in(store, box, user="alex", now=WHEN.replace(minute=45))
    assert sorted(p.name for p in box.iterdir()) == [first.name, later.name]  # nothing overwritten
    assert oct(first.stat().st_mode & 0o777) == "0o640"
    loaded = load_results(box)
    assert len(loaded.learners) == 1 and loaded.replaced == [first.name]  # latest wins
    assert len(json.loads(later.read_text(encoding="utf-8"))["attempts"]) == 3


def test_the_name_is_the_os_account_not_what_the_environment_says(store, tmp_path, monkeypatch):
    """JUPYTERHUB_USER is only a variable in the student's own server: they can set it to a
    classmate's name. The Unix account the server runs as is what the report checks."""
    box = tmp_path / "dropbox"
    box.mkdir()
    monkeypatch.setenv("JUPYTERHUB_USER", "a-classmate")
    monkeypatch.setenv(handin.DROPBOX_ENV, str(box))
    name = hand_in(store, now=WHEN).name
    assert name.startswith(f"{account_slug(os_account())}-20260105T093015Z-")
    assert handin_name("../../etc", WHEN).startswith("etc-20260105T093015Z-")
    assert handin_name("s.chan@school", WHEN).startswith("s-chan-school-20260105T093015Z-")
    assert name_account(handin_name("s.chan@school", WHEN)) == "s-chan-school"
    assert name_account("alex-20260105T093015Z.json") == "alex"  # the first version's names
    assert name_account("notes.json") is None


def test_a_half_written_hand_in_is_never_seen_as_one(store, tmp_path, monkeypatch):
    """The write dies half way: no *.json appears, the part file is removed, progress kept."""
    box = tmp_path / "dropbox"
    box.mkdir()
    before = store.attempts()
    real_write = os.write

    def dies_half_way(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(handin.os, "write", dies_half_way)
    with pytest.raises(HandInError, match="nothing was handed in"):
        hand_in(store, box, user="alex", now=WHEN)
    assert list(box.iterdir()) == []
    assert store.attempts() == before


def test_a_full_drop_box_says_so(store, tmp_path, monkeypatch):
    box = tmp_path / "dropbox"
    box.mkdir()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handin.os, "write", full)
    with pytest.raises(HandInError, match="is full"):
        hand_in(store, box, user="alex", now=WHEN)
    assert list(box.iterdir()) == []


def test_cli_hand_in_and_its_errors(store, tmp_path, capsys, monkeypatch):
    db = store.path
    box = tmp_path / "dropbox"
    monkeypatch.setenv("JUPYTERHUB_USER", "alex")
    assert main(["progress", "--db", str(db), "hand-in", "--dropbox", str(box)]) == 1
    err = capsys.readouterr().err
    assert f"the drop-box folder {box} does not exist" in err and "Traceback" not in err
    monkeypatch.delenv(handin.DROPBOX_ENV, raising=False)
    assert main(["progress", "--db", str(db), "hand-in"]) == 1
    assert "no drop-box folder is set" in capsys.readouterr().err
    box.mkdir()
    assert main(["progress", "--db", str(db), "hand-in", "--dropbox", str(box)]) == 0
    out = capsys.readouterr().out
    (written,) = box.glob(f"{account_slug(os_account())}-*.json")
    assert f"handed in 2 answers for {store.pseudonym} as {written.name}" in out
    assert len(store.attempts()) == 2  # the learner's own file is only read


def test_my_progress_shows_hand_in_only_with_a_drop_box(store, tmp_path, monkeypatch):
    from curriculum.course.packaged import packaged_course
    from curriculum.present.progress import EXPORT_COMMAND
    from curriculum.present.strings import t
    from widgets.progress_view import progress_view

    course = packaged_course()
    monkeypatch.delenv(handin.DROPBOX_ENV, raising=False)
    alone = progress_view(course, store)
    assert alone.hand_in is None
    intro = alone.children[0].value
    assert EXPORT_COMMAND in intro and "Hand in" not in intro  # on a laptop: the command
    box = tmp_path / "dropbox"
    monkeypatch.setenv(handin.DROPBOX_ENV, str(box))
    view = progress_view(course, store)
    assert view.hand_in is not None and view.hand_in.description == t("progress_hand_in")
    intro = view.children[0].value  # on a hub: the button, and who can see the answers
    assert "Press Hand in" in intro and EXPORT_COMMAND not in intro
    assert "other students cannot see them" in intro
    view.hand_in.click()  # the folder is missing: a readable alert, no traceback
    assert "role='alert'" in view.message.value and "does not exist" in view.message.value
    box.mkdir()
    view.hand_in.click()
    assert "role='status'" in view.message.value
    assert [p.suffix for p in box.iterdir()] == [".json"]


def test_a_part_file_is_not_read_by_the_report(tmp_path):
    box = tmp_path / "dropbox"
    box.mkdir()
    (box / f".alex-20260105T093015Z-1{handin.PART_SUFFIX}").write_text("{half", encoding="utf-8")
    loaded = load_results(Path(box))
    assert loaded.files_read == 0 and not loaded.learners
    assert [(s.name, s.reason) for s in loaded.skipped] == [
        (f".alex-20260105T093015Z-1{handin.PART_SUFFIX}",
         "a hand-in still being written (or one that failed): not read")]
