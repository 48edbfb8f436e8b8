"""What a student can do to a drop-box, and what the class report makes of it.

Issue 19's probe, as tests. A student can put anything into a drop-box: a file named for a
classmate, thousands of made-up learners, names a classmate's hand-in will want, a pipe,
a link to a teacher's file or to ``/dev/zero``, a huge or deeply nested file. None of it
may count for someone else, block a classmate, hang or crash the report, or reach the
teacher's report file. The tests marked "real Unix users" make accounts (prefix
``csct3-``) and act as them in a forked process that has dropped root, exactly as a
student's server would; they skip when not root and fail under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import pwd
import random
import stat
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom import handin
from curriculum.classroom.dropbox import MARKER, identity_for, mark_identity, marked_identity
from curriculum.classroom.handin import HandInError, hand_in, handin_name
from curriculum.classroom.private_file import PrivateFileError, write_private
from curriculum.classroom.report import build_report
from curriculum.classroom.results import MAX_FILE_BYTES, load_results
from curriculum.classroom.sample import sample_export
from curriculum.classroom.store import ProgressStore
from curriculum.cli import main
from curriculum.present.class_report import body_html
from tests.support import require

WHEN = datetime(2026, 1, 5, 9, 30, 15, tzinfo=timezone.utc)
PREFIX = "csct3-"


def _export(course, number: int, pseudonym: str | None = None, key: str | None = None) -> dict:
    data = sample_export(course, number, random.Random(number))
    if pseudonym:
        data["learner"]["pseudonym"] = pseudonym
    if key:
        data["learner"]["key"] = key
    return data


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / "me" / "progress.sqlite3")
    s.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
    yield s
    s.close()


# -- hand-in names: not guessable, and a taken name is no obstacle ---------------------------

def test_a_name_taken_in_advance_makes_the_hand_in_try_another(store, tmp_path, monkeypatch):
    box = tmp_path / "dropbox"
    box.mkdir()
    tokens = iter(["0" * 16, "1" * 16, "2" * 16])
    monkeypatch.setattr(handin.secrets, "token_hex", lambda n=8: next(tokens))
    taken = box / handin_name("alex", WHEN, "0" * 16)
    taken.write_text("planted by someone else")
    part_taken = box / f".{'1' * 16}-{os.getpid()}{handin.PART_SUFFIX}"
    part_taken.write_text("also planted")
    made = hand_in(store, box, user="alex", now=WHEN)
    assert made.name == handin_name("alex", WHEN, "2" * 16)
    assert taken.read_text() == "planted by someone else"  # nothing of theirs touched
    assert part_taken.read_text() == "also planted"
    assert json.loads(made.read_text())["learner"]["key"] == store.learner_key


def test_a_drop_box_where_every_name_is_taken_says_so_and_hands_in_nothing(store, tmp_path,
                                                                             monkeypatch):
    box = tmp_path / "dropbox"
    box.mkdir()
    monkeypatch.setattr(handin.secrets, "token_hex", lambda n=8: "f" * 16)
    (box / handin_name("alex", WHEN, "f" * 16)).write_text("planted")
    with pytest.raises(HandInError, match="could not find a free name"):
        hand_in(store, box, user="alex", now=WHEN)
    assert sorted(p.name for p in box.iterdir()) == [handin_name("alex", WHEN, "f" * 16)]


def test_names_are_not_guessable():
    names = {handin_name("alex", WHEN) for _ in range(200)}
    assert len(names) == 200


# -- reading a drop-box: only regular files, no links followed, nothing blocks ----------------

def _good(folder: Path, course, name: str, number: int = 1, **kw) -> Path:
    path = folder / name
    path.write_text(json.dumps(_export(course, number, **kw)), encoding="utf-8")
    return path


def test_links_pipes_and_devices_are_named_and_never_read(tmp_path, course):
    box = tmp_path / "box"
    box.mkdir()
    secret = tmp_path / "teachers-own.json"
    _good(tmp_path, course, "teachers-own.json", 5, pseudonym="SECRET-TEACHER-FILE")
    _good(box, course, "alex-20260105T093015Z.json", 1)
    (box / "link-to-teacher.json").symlink_to(secret)
    (box / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(box / "pipe.json")
    (box / "sub").mkdir()
    _good(box / "sub", course, "sam-20260105T093015Z.json", 2)
    (box / "sub" / "link.json").symlink_to(secret)
    (box / "linked-folder").symlink_to(tmp_path)
    (box / "dangling.json").symlink_to(tmp_path / "nowhere")

    done: dict = {}
    reader = threading.Thread(target=lambda: done.setdefault("loaded", load_results(box)),
                              daemon=True)
    reader.start()
    reader.join(60)  # a safety net only: a pipe opened for reading would block forever
    assert "loaded" in done, "the report blocked on an entry of the drop-box"
    loaded = done["loaded"]
    assert sorted(r.pseudonym for r in loaded.learners) == ["sample-001", "sample-002"]
    skipped = {s.name: s.reason for s in loaded.skipped}
    for name in ("link-to-teacher.json", "zero.json", "sub/link.json", "linked-folder",
                 "dangling.json"):
        assert skipped[name] == "a link, not a file: not followed", name
    assert skipped["pipe.json"] == "not a regular file (a pipe, device or socket): not read"
    assert "SECRET-TEACHER-FILE" not in repr(loaded)


def test_one_unreadable_entry_does_not_hide_the_others(tmp_path, course):
    """glob skipped every sub-folder without a word when one link could not be followed."""
    box = tmp_path / "box"
    for student in ("a", "b", "c"):
        (box / student).mkdir(parents=True)
        _good(box / student, course, f"{student}-20260105T093015Z.json", ord(student))
    (box / "b" / "loop.json").symlink_to(box / "b" / "loop.json")
    (box / "aa").symlink_to("/proc/1/root")  # a link nobody may follow
    loaded = load_results(box)
    assert loaded.files_read == 3 and len(loaded.learners) == 3


def test_a_file_larger_than_the_cap_is_named_and_not_read(tmp_path, course):
    box = tmp_path / "box"
    box.mkdir()
    _good(box, course, "ok.json")
    with open(box / "huge.json", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    loaded = load_results(box)
    assert {s.name: s.reason for s in loaded.skipped}["huge.json"].startswith("larger than 20 MB")
    assert len(loaded.learners) == 1


CRAFTED = {
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "deep-object.json": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "digits.json": '{"format": "cyber-safety-curriculum/progress-export", "schema_version": '
                   + "9" * 5000 + "}",
    "nan.json": '{"format": NaN}',
}


def test_crafted_hand_ins_are_named_and_the_report_is_still_written(tmp_path, course, capsys):
    box = tmp_path / "box"
    box.mkdir()
    _good(box, course, "ok.json")
    for name, text in CRAFTED.items():
        (box / name).write_text(text, encoding="utf-8")
    year_one = _export(course, 3)
    year_one["exported_at"] = "0001-01-01T00:00:00+05:00"
    (box / "year-one.json").write_text(json.dumps(year_one))
    naive = _export(course, 4, key="naive-key")
    naive["exported_at"] = "0001-01-01T00:00:00"
    (box / "naive.json").write_text(json.dumps(naive))
    deep_attempt = _export(course, 6, key="deep-attempt")
    deep_attempt["attempts"][0]["answer"] = [[[[["x"]]]]]
    (box / "deep-attempt.json").write_text(json.dumps(deep_attempt))
    out = tmp_path / "report.html"
    assert main(["report", str(box), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name in [*CRAFTED, "deep-attempt.json"]:
        assert f"skipped {name}: " in err, name
    assert out.exists()


def test_a_hand_in_with_a_byte_order_mark_is_read(tmp_path, course):
    box = tmp_path / "box"
    box.mkdir()
    data = json.dumps(_export(course, 1)).encode("utf-8")
    (box / "bom.json").write_bytes(b"\xef\xbb\xbf" + data)
    loaded = load_results(box)
    assert [r.pseudonym for r in loaded.learners] == ["sample-001"] and not loaded.skipped


def test_a_folder_that_cannot_be_opened_is_named_not_a_traceback(tmp_path, capsys):
    loaded = load_results(tmp_path / "missing")
    assert not loaded.learners and loaded.skipped[0].reason.startswith("cannot read this folder")


# -- the identity rule kept in the drop-box ---------------------------------------------------

def test_the_drop_box_records_its_identity_rule_and_a_planted_marker_is_ignored(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    assert identity_for(box) == "file"  # a plain folder: files collected by hand
    box.chmod(0o3733)
    assert identity_for(box) == "owner"  # a shared drop-box with no marker
    mark_identity(box, "file")
    assert identity_for(box) == "file" and stat.S_IMODE((box / MARKER).stat().st_mode) == 0o644
    (box / MARKER).chmod(0o666)  # writable by others: not trusted
    assert marked_identity(box) is None
    (box / MARKER).unlink()
    (box / MARKER).symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").write_text('{"identity": "file"}')
    assert marked_identity(box) is None and identity_for(box) == "owner"
    assert identity_for(box, "folder") == "folder"


def test_an_unknown_identity_rule_is_one_line(tmp_path, course, capsys, monkeypatch):
    box = tmp_path / "box"
    box.mkdir()
    _good(box, course, "ok.json")
    monkeypatch.setenv("CURRICULUM_DROPBOX_IDENTITY", "trust-me")
    assert main(["report", str(box), "--out", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "CURRICULUM_DROPBOX_IDENTITY: 'trust-me' is not an identity rule" in err
    assert "Traceback" not in err


# -- the teacher's report: private, never in the drop-box, never through a planted file ---------

def test_the_report_is_never_written_into_the_folder_it_reads(tmp_path, course, capsys):
    box = tmp_path / "box"
    box.mkdir()
    _good(box, course, "ok.json")
    for out in (box / "class-report.html", box / "sub" / "r.html"):
        assert main(["report", str(box), "--out", str(out)]) == 1
        assert "is inside the folder being read" in capsys.readouterr().err
    assert sorted(p.name for p in box.iterdir()) == ["ok.json"]


def test_by_default_the_report_goes_to_a_private_folder_in_the_teachers_home(tmp_path, course,
                                                                             monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    box = tmp_path / "dropbox"
    box.mkdir()
    _good(box, course, "ok.json")
    old = os.umask(0o000)  # a permissive umask must not make the report readable
    try:
        assert main(["report", str(box)]) == 0
    finally:
        os.umask(old)
    out = home / "class-reports" / "class-report-dropbox.html"
    assert f"wrote {out} (readable by you only)" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temporary file left


def test_a_planted_file_or_link_at_the_report_path_is_replaced_not_written_through(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir(mode=0o700)
    target = folder / "class-report.html"
    victim = tmp_path / "teachers-notes.txt"
    victim.write_text("the teacher's own notes")
    target.symlink_to(victim)
    write_private(target, b"<p>report</p>")
    assert not target.is_symlink() and target.read_bytes() == b"<p>report</p>"
    assert victim.read_text() == "the teacher's own notes"
    planted = target.stat().st_ino
    write_private(target, b"<p>again</p>")  # a new file each time: an old handle sees nothing
    assert target.stat().st_ino != planted


def test_a_folder_others_can_write_is_refused_for_the_report(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    with pytest.raises(PrivateFileError, match=r"others can write in it \(mode 1777\)"):
        write_private(shared / "r.html", b"x")
    assert list(shared.iterdir()) == []


# -- real Unix users: a student acting against a classmate and the teacher --------------------

def _need_root() -> None:
    require(os.geteuid() == 0 and bool(shutil_which("useradd")),
            "these tests make real Unix users and act as them: run as root (CI does)")


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


def _as_user(name: str, action) -> str:
    """Run ``action()`` in a forked process that has become ``name`` (no root left); return
    what it printed as its result, or raise with the child's error."""
    user = pwd.getpwnam(name)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the student's process
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.environ["HOME"] = user.pw_dir
            result = "ok:" + str(action())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            result = f"error:{type(exc).__name__}: {exc}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    text = b"".join(chunks).decode()
    assert text.startswith("ok:"), text
    return text[3:]


@pytest.fixture(scope="module")
def class_box():
    """A drop-box made as ``make hub`` makes it (root, the educator's, mode 3733, the
    ``owner`` rule), and three real accounts: a teacher and two students."""
    _need_root()
    from curriculum.hub import accounts

    names = {role: f"{PREFIX}{role}" for role in ("teacher", "alex", "sam")}
    for name in names.values():
        accounts.remove_user(name)
        accounts.ensure_user(name)
    top = Path(tempfile.mkdtemp(prefix="csc-dropbox-test-", dir="/tmp"))
    top.chmod(0o755)
    box = accounts.make_dropbox(top / "dropbox", names["teacher"])
    yield box, names
    subprocess.run(["rm", "-rf", str(top)], check=False)
    for name in names.values():
        accounts.remove_user(name)


def _student_hands_in(name: str, course, number: int, box: Path) -> str:
    def act() -> str:
        home = Path(pwd.getpwnam(name).pw_dir)
        with ProgressStore(home / "progress.sqlite3") as store:
            store.set_pseudonym(f"pseudo-{number}")
            store.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
            return hand_in(store, box).name
    return _as_user(name, act)


def test_a_student_cannot_hand_in_as_a_classmate_or_as_many_learners(class_box, course):
    box, names = class_box
    alex, sam = names["alex"], names["sam"]
    assert _student_hands_in(sam, course, 2, box).startswith(f"{sam}-")
    assert _student_hands_in(alex, course, 1, box).startswith(f"{alex}-")

    def forge() -> str:
        # named for sam, claiming sam's pseudonym; then 50 made-up learners in alex's name
        forged = _export(course, 7, pseudonym="pseudo-2", key="sams-key")
        forged_name = handin_name(sam, WHEN)
        (box / forged_name).write_text(json.dumps(forged))
        for n in range(50):
            fake = _export(course, 100 + n, pseudonym=f"made-up-{n}", key=f"fake-{n}")
            (box / handin_name(alex, WHEN.replace(second=n % 60))).write_text(json.dumps(fake))
        os.environ["JUPYTERHUB_USER"] = sam  # only an environment variable: changes nothing
        with ProgressStore(Path(pwd.getpwnam(alex).pw_dir) / "progress.sqlite3") as store:
            hand_in(store, box)
        return forged_name
    forged_name = _as_user(alex, forge)

    loaded = load_results(box)  # read as root, the way the educator (or IT) would
    assert loaded.identity == "owner"
    by_account = {r.account: r for r in loaded.learners}
    assert sorted(by_account) == [alex, sam]  # one learner per account, whatever the files say
    assert by_account[sam].pseudonym == "pseudo-2" and by_account[sam].key != "sams-key"
    assert {s.name: s.reason for s in loaded.skipped}[forged_name] == (
        f"named for the account {sam!r} but handed in by {alex!r}: not counted")
    # the teacher sees the account beside the pseudonym
    page = body_html(build_report(loaded, course))
    assert f"<th scope=\"row\">pseudo-2</th><td>{sam}</td>" in page
    assert "made-up-" not in page  # alex's own latest hand-in is alex's one row


def test_a_student_cannot_block_a_classmates_hand_in(class_box, course):
    box, names = class_box
    alex, sam = names["alex"], names["sam"]

    def plant() -> int:
        # every name sam's hand-in could have had under the old scheme, for the next minutes
        now = datetime.now(timezone.utc).replace(microsecond=0)
        for s in range(300):
            when = datetime.fromtimestamp(now.timestamp() + s, timezone.utc)
            old_style = f"{sam}-{when.strftime('%Y%m%dT%H%M%SZ')}.json"
            (box / old_style).write_text("{}")
        return 300
    _as_user(alex, plant)
    assert _student_hands_in(sam, course, 2, box).startswith(f"{sam}-")


def test_the_teachers_report_cannot_be_read_or_taken_over_by_a_student(class_box, course, tmp_path):
    box, names = class_box
    teacher, alex = names["teacher"], names["alex"]
    _student_hands_in(alex, course, 1, box)
    reports = Path(pwd.getpwnam(teacher).pw_dir) / "class-reports"
    env = {**os.environ, "HOME": pwd.getpwnam(teacher).pw_dir}

    def teacher_report() -> str:
        os.environ.update(env)
        code = main(["report", str(box)])
        return str(code)
    assert _as_user(teacher, teacher_report) == "0"
    (report,) = reports.iterdir()
    st = report.stat()
    assert stat.S_IMODE(st.st_mode) == 0o600 and pwd.getpwuid(st.st_uid).pw_name == teacher
    assert stat.S_IMODE(reports.stat().st_mode) == 0o700

    def student_tries() -> str:
        tried = []
        for attempt in (lambda: report.read_text(), lambda: (reports / "x.html").write_text("x"),
                        lambda: os.listdir(box)):
            try:
                attempt()
                tried.append("allowed")
            except PermissionError:
                tried.append("refused")
        return ",".join(tried)
    assert _as_user(alex, student_tries) == "refused,refused,refused"
    # the report written into the drop-box is refused, whoever asks
    assert main(["report", str(box), "--out", str(box / "class-report.html")]) == 1
    assert not (box / "class-report.html").exists()


def test_a_report_into_a_folder_a_student_can_write_is_refused(class_box, course):
    box, names = class_box
    shared = box.parent / "shared"  # like /tmp: anyone may add files
    shared.mkdir()
    shared.chmod(0o1777)

    def plant() -> str:
        (shared / "class-report.html").write_text("<script>alert('planted')</script>")
        return "planted"
    _as_user(names["alex"], plant)
    assert main(["report", str(box), "--out", str(shared / "class-report.html")]) == 1
    assert (shared / "class-report.html").read_text() == "<script>alert('planted')</script>"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
