"""Setting up a school's hub without one running: publishing lessons, pulling them, the drop-box.

``python -m curriculum.hub publish`` and ``dropbox`` are the steps ``deploy/`` asks a
school's IT team to run; ``curriculum.hub.lessons.pull`` is what each student's server runs
at start. The same pull, through a real hub and real accounts, is in tests/test_hub.py.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum.hub import accounts
from curriculum.hub.__main__ import main
from curriculum.hub.lessons import nbgitpuller_link, publish, pull
from tests.browser_support import require

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def lessons(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (folder / ".secret-draft.ipynb").write_text("not for students")
    return folder


def test_publish_commits_the_lessons_once_and_again_only_when_they_change(lessons, tmp_path):
    repo = tmp_path / "lessons.git"
    first = publish(lessons, repo)
    assert first and publish(lessons, repo) is None
    files = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "main"],
                           capture_output=True, text=True, check=True).stdout.split()
    expected = sorted(p.relative_to(lessons).as_posix() for p in lessons.rglob("*.ipynb")
                      if not p.name.startswith("."))
    assert expected and sorted(files) == expected  # hidden drafts stay behind
    (lessons / "01-history.ipynb").write_text("new")
    second = publish(lessons, repo, "Lesson 1 updated")
    assert second and second != first
    assert repo.stat().st_mode & stat.S_IROTH  # every student's account can read it


def test_a_pull_keeps_what_the_student_changed_and_brings_the_rest(lessons, tmp_path):
    repo, home = tmp_path / "lessons.git", tmp_path / "home" / "cyber-safety-curriculum"
    publish(lessons, repo)
    pull(str(repo), home)
    assert (home / "00-start-here.ipynb").read_bytes() == (lessons / "00-start-here.ipynb").read_bytes()
    (home / "01-history.ipynb").write_text("my notes")
    (home / "02-mechanics.ipynb").unlink()
    (home / "mine.txt").write_text("mine")
    (lessons / "01-history.ipynb").write_text("course update to lesson 1")
    (lessons / "03-sexting.ipynb").write_text("course update to lesson 3")
    publish(lessons, repo, "Update")
    pull(str(repo), home)
    assert (home / "01-history.ipynb").read_text() == "my notes"
    assert (home / "03-sexting.ipynb").read_text() == "course update to lesson 3"
    assert (home / "02-mechanics.ipynb").exists() and (home / "mine.txt").read_text() == "mine"


def test_the_link_a_teacher_shares_pulls_into_the_course_folder_and_opens_a_lesson():
    link = nbgitpuller_link("https://hub.school.example/", "https://git.school.example/lessons.git",
                            "cyber-safety-curriculum", "zh-Hant-HK/00-start-here.ipynb")
    assert link.startswith("https://hub.school.example/hub/user-redirect/git-pull?repo=https%3A%2F%2F")
    assert "targetpath=cyber-safety-curriculum" in link
    assert "urlpath=lab%2Ftree%2Fcyber-safety-curriculum%2Fzh-Hant-HK%2F00-start-here.ipynb" in link


def test_cli_publish_and_its_errors(lessons, tmp_path, capsys):
    repo = tmp_path / "lessons.git"
    assert main(["publish", str(lessons), str(repo)]) == 0
    assert "published" in capsys.readouterr().out
    assert main(["publish", str(lessons), str(repo)]) == 0
    assert "nothing to publish" in capsys.readouterr().out
    assert main(["publish", str(tmp_path / "missing"), str(repo)]) == 1
    err = capsys.readouterr().err
    assert "missing: no lessons folder to publish" in err and "Traceback" not in err


def test_cli_errors_are_one_line_and_exit_1():
    for argv, message in ((["dropbox", "/tmp/x", "--educator", "no-such-account-here"], "no Unix account"),
                          (["demo", "--students", "0"], "--students")):
        done = subprocess.run([sys.executable, "-m", "curriculum.hub", *argv], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done
        assert message in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_the_dropbox_is_write_only_for_students(tmp_path, capsys):
    require(accounts.is_root(), "giving the drop-box to another account needs root (CI is root)")
    folder = tmp_path / "dropbox"
    assert main(["dropbox", str(folder), "--educator", "nobody"]) == 0
    info = folder.stat()
    assert stat.S_IMODE(info.st_mode) == 0o3733
    import pwd

    assert info.st_uid == pwd.getpwnam("nobody").pw_uid
    assert "mode 3733" in capsys.readouterr().out


def test_make_hub_on_a_busy_port_says_which_and_what_to_do(tmp_path):
    import socket

    from curriculum.hub.local import ClassPlan, HubError, LocalHub

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        hub = LocalHub(ClassPlan(tmp_path / "class", port=port, unix_users=False))
        with pytest.raises(HubError, match=f"port {port} on 127.0.0.1 is in use.*--port {port + 10}"):
            hub.prepare()
    assert not (tmp_path / "class" / "dropbox").exists()  # nothing was set up


def test_a_class_in_a_language_with_no_lessons_is_refused(tmp_path):
    from curriculum.hub.local import ClassPlan, HubError, LocalHub

    hub = LocalHub(ClassPlan(tmp_path / "class", language="fr", unix_users=False))
    with pytest.raises(HubError, match="no lessons in fr: choose from en, zh-Hant-HK"):
        hub.prepare()
