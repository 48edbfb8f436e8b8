"""Setting up a school's hub without one running: publishing lessons, pulling them, the drop-box.

``python -m curriculum.hub publish`` and ``dropbox`` are the steps ``deploy/`` asks a
school's IT team to run; ``curriculum.hub.lessons.pull`` is what each student's server runs
at start. The same pull, through a real hub and real accounts, is in tests/test_hub.py.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum.classroom.dropbox import marked_identity
from curriculum.hub import accounts
from curriculum.hub.__main__ import main
from curriculum.hub.lessons import nbgitpuller_link, publish, pull
from tests.support import ROOT, require
from tests.test_deploy import spawner


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


def hub_cli(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curriculum.hub", *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def assert_one_line_error(done: subprocess.CompletedProcess, *names: str) -> None:
    """Exit 1, one line on stderr naming each of ``names`` (an option, a path), no traceback."""
    assert done.returncode == 1, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for name in names:
        assert name in lines[0], (name, lines[0])


@pytest.fixture
def busy_port():
    """A port in use: a demo that got past the check under test stops there, starting nothing."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        yield str(busy.getsockname()[1])


def test_cli_errors_are_one_line_and_exit_1():
    for argv, names in ((["dropbox", "/tmp/x", "--educator", "no-such-account-here"], ["no Unix account"]),
                        (["demo", "--students", "0"], ["--students"]),
                        (["demo", "--students", "many"], ["--students", "many"]),
                        (["demo", "--port", "99999"], ["--port", "99999", "1 to 65535"]),
                        (["demo", "--port", "-1"], ["--port"]),
                        (["demo", "--port", "eighty"], ["--port", "eighty"]),
                        (["demo", "--prefix", ""], ["--prefix"]),
                        (["demo", "--prefix", "Bad Name!"], ["--prefix", "Bad Name!"]),
                        (["demo", "--remove-accounts", "--prefix", ""], ["--prefix"]),
                        (["publish"], ["notebooks"])):
        assert_one_line_error(hub_cli(*argv), *names)


def a_file_and_a_full_folder(tmp_path: Path, folder: str, name: str, text: str) -> tuple[Path, Path]:
    """A file where a folder is wanted, and a folder already holding someone's file."""
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    full = tmp_path / folder
    full.mkdir()
    (full / name).write_text(text)
    return a_file, full


def test_make_hub_refuses_a_dir_it_cannot_use_in_one_line(tmp_path, busy_port):
    a_file, full = a_file_and_a_full_folder(tmp_path, "someone-elses", "their-file", "theirs")
    before = stat.S_IMODE(full.stat().st_mode)
    for hub_dir, cwd in ((str(a_file), ROOT), ("/proc/no-such-place/hub", ROOT),
                         ("a-relative-folder", Path("/proc")), (str(full), ROOT)):
        done = hub_cli("demo", "--dir", hub_dir, "--port", busy_port, "--prefix", "cscdir-", cwd=cwd)
        assert_one_line_error(done, "--dir", hub_dir)
    assert stat.S_IMODE(full.stat().st_mode) == before  # another folder is left as it was
    assert sorted(p.name for p in full.iterdir()) == ["their-file"]
    assert accounts.class_accounts("cscdir-") == []


def test_make_hub_may_use_its_own_folder_again(tmp_path, busy_port):
    hub_dir = tmp_path / "class"
    for _ in range(2):  # the second run finds the first one's folder, and takes it
        done = hub_cli("demo", "--dir", str(hub_dir), "--port", busy_port, "--prefix", "cscdir-")
        assert_one_line_error(done, f"port {busy_port}")
    assert (hub_dir / ".curriculum-hub").is_file()


def test_publish_and_dropbox_refuse_a_bad_path_in_one_line(lessons, tmp_path):
    a_file, etc = a_file_and_a_full_folder(tmp_path, "etc", "shadow", "root:$6$secret")
    for argv, names in ((["publish", str(a_file), str(tmp_path / "r.git")], [str(a_file)]),
                        (["publish", str(etc), str(tmp_path / "r.git")], [str(etc), "00-start-here.ipynb"]),
                        (["publish", str(lessons), str(a_file)], [str(a_file)]),
                        (["publish", str(lessons), str(etc)], [str(etc), "not a bare git repository"]),
                        (["publish", str(lessons), "/proc/nowhere/r.git"], ["/proc/nowhere/r.git"])):
        assert_one_line_error(hub_cli(*argv), *names)
    assert not (tmp_path / "r.git").exists() and sorted(p.name for p in etc.iterdir()) == ["shadow"]


def test_publish_commits_only_lessons_and_names_what_it_left_out(lessons, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret")
    (lessons / "shadow").write_text("root:$6$secret")
    (lessons / "notes.txt").write_text("a teacher's notes")
    (lessons / "leak.ipynb").symlink_to(secret)
    (lessons / "etc").symlink_to("/etc", target_is_directory=True)
    os.mkfifo(lessons / "pipe.ipynb")  # read, it would block the publish forever
    (lessons / "zh-Hant-HK" / "deeper").mkdir()
    (lessons / "zh-Hant-HK" / "deeper" / "x.ipynb").write_text("{}")
    repo = tmp_path / "lessons.git"
    done = hub_cli("publish", str(lessons), str(repo))
    assert done.returncode == 0, done
    files = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "main"],
                           capture_output=True, text=True, check=True).stdout.split()
    course = ROOT / "notebooks"
    expected = sorted(p.relative_to(course).as_posix() for p in course.rglob("*.ipynb"))
    assert expected and sorted(files) == expected
    blobs = subprocess.run(["git", "--git-dir", str(repo), "cat-file", "--batch-all-objects", "--batch"],
                           capture_output=True, check=True).stdout
    assert b"$6$secret" not in blobs  # not in any object of the repository
    left_out = done.stderr.strip().splitlines()
    assert len(left_out) == 1 and left_out[0].startswith("left out of the lessons"), done.stderr
    for name in ("shadow", "notes.txt", "leak.ipynb", "etc", "pipe.ipynb", "zh-Hant-HK/deeper/",
                 ".secret-draft.ipynb"):
        assert name in left_out[0], name


def test_the_dropbox_is_write_only_for_students_and_hand_ins_count_for_their_owner(tmp_path, capsys):
    require(accounts.is_root(), "giving the drop-box to another account needs root (CI is root)")
    folder = tmp_path / "dropbox"
    assert main(["dropbox", str(folder), "--educator", "nobody"]) == 0
    info = folder.stat()
    assert stat.S_IMODE(info.st_mode) == 0o3733
    assert info.st_uid == pwd.getpwnam("nobody").pw_uid
    assert "mode 3733" in capsys.readouterr().out
    assert marked_identity(folder) == "owner"
    handed_in = folder / "csc-student1-hand-in.json"
    handed_in.write_text("{}")
    assert main(["dropbox", str(folder), "--educator", "nobody"]) == 0  # made again: repaired, kept
    assert handed_in.read_text() == "{}" and marked_identity(folder) == "owner"


def test_a_dropbox_without_an_educator_account_says_nothing_is_checked(tmp_path):
    folder = accounts.make_dropbox(tmp_path / "dropbox", None)  # make hub without root
    assert stat.S_IMODE(folder.stat().st_mode) == 0o3733
    assert marked_identity(folder) == "file"


def test_the_dropbox_command_refuses_a_folder_that_is_not_a_new_drop_box(tmp_path):
    require(accounts.is_root(), "giving the drop-box to another account needs root (CI is root)")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    etc = tmp_path / "etc"
    etc.mkdir(mode=0o755)
    (etc / "passwd").write_text("root:x:0:0")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)  # like /tmp: shared by everyone, not a drop-box
    (sticky / "someones-file").write_text("x")
    for folder in (a_file, etc, link, sticky, Path("/proc/no-such-place/dropbox")):
        assert_one_line_error(hub_cli("dropbox", str(folder), "--educator", "nobody"), str(folder))
    assert stat.S_IMODE(etc.stat().st_mode) == 0o755 and etc.stat().st_uid == 0
    assert stat.S_IMODE(sticky.stat().st_mode) == 0o1777 and sticky.stat().st_uid == 0
    assert not (tmp_path / "elsewhere").exists()


def test_class_accounts_are_only_the_ones_this_course_made():
    everyone = accounts.class_accounts("")
    assert "root" not in everyone and "nobody" not in everyone
    with pytest.raises(accounts.AccountsError, match="'nobody'.*did not make.*--prefix"):
        accounts.ensure_user("nobody")  # taken over, its home would be chmod 0700


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


def test_make_hub_gives_jupyterhub_this_runs_values_as_its_own_private_config(tmp_path):
    """What JupyterHub reads (the generated .py, then the .json beside it, as it loads any
    config file): every per-run value a trait, the files readable by the hub's user only,
    JupyterHub's own proxy and clean-up left at their defaults, the language by group."""
    from traitlets.config import Application

    from curriculum.course.languages import LANGS
    from curriculum.hub.auth import ClassPasswordAuthenticator
    from curriculum.hub.local import PROXY, ClassPlan, LocalHub

    require(PROXY.exists(), f"{PROXY} is missing: run `make test`, which installs it with npm")
    plan = ClassPlan(tmp_path / "class", students=2, languages={"csc-student2": "zh-Hant-HK"},
                     unix_users=False)
    hub = LocalHub(plan)
    hub.prepare()
    settings = hub.config_file.with_suffix(".json")
    assert {p.name for p in hub.data_dir.iterdir()} >= {"jupyterhub_config.py", "jupyterhub_config.json"}
    for private in (hub.config_file, settings):
        assert stat.S_IMODE(private.stat().st_mode) == 0o600, private
    assert stat.S_IMODE(hub.data_dir.stat().st_mode) == 0o700
    app = Application()
    app.load_config_file(str(hub.config_file))
    c = app.config
    assert (c.JupyterHub.ip, c.JupyterHub.port) == ("127.0.0.1", hub.port)
    assert c.JupyterHub.hub_port == hub.hub_port
    assert c.ConfigurableHTTPProxy.command == [str(PROXY)]
    assert c.ConfigurableHTTPProxy.api_url == f"http://127.0.0.1:{hub.proxy_api_port}"
    for default in ("cleanup_servers", "cleanup_proxy"):
        assert default not in c.JupyterHub  # JupyterHub stops the servers and the proxy itself
    assert "should_start" not in c.ConfigurableHTTPProxy
    assert c.JupyterHub.load_groups == {"zh-Hant-HK": {"users": ["csc-student2"]}}
    assert sorted(c.Authenticator.allowed_users) == sorted(hub.users)
    auth = ClassPasswordAuthenticator(config=c)  # the authenticator takes them as they are
    assert auth.user_password == hub.password
    assert auth.own_passwords == {plan.educator: hub.educator_password}
    assert "admin_users" not in c.Authenticator  # the educator is never a hub admin
    assert c.Spawner.environment["CURRICULUM_DROPBOX"] == str(hub.dropbox)
    assert "CURRICULUM_HUB_SETTINGS" not in hub.config_file.read_text()
    hook = c.Spawner.pre_spawn_hook  # the language hook every hub loads
    assert tuple(hook.__globals__["START"]) == LANGS  # a lesson for every course language
    for name, groups, start in (("csc-student1", [], "00-start-here.ipynb"),
                                ("csc-student2", ["zh-Hant-HK"], "zh-Hant-HK/00-start-here.ipynb")):
        student = spawner(name, groups)
        hook(student)
        assert student.default_url == f"/lab/tree/cyber-safety-curriculum/{start}"
    # a class taught in Chinese: every account is in the group
    chinese = LocalHub(ClassPlan(tmp_path / "other", students=2, language="zh-Hant-HK", unix_users=False))
    assert chinese.language_groups() == {"zh-Hant-HK": {"users": chinese.users}}


def test_make_hub_starts_on_a_new_database_and_a_restart_keeps_it(tmp_path, monkeypatch):
    """Groups (the language) and accounts come from this run's config: JupyterHub only adds
    members from ``load_groups``, so a database kept from a run in another language would
    keep students in the old group. A hub restarted under running servers keeps its
    database: that is where it finds them."""
    from curriculum.hub import local

    started: list[list[str]] = []

    class Hub:  # a hub process that answers at once
        returncode = None

        def __init__(self, argv, **_kwargs):
            started.append(argv)

        def poll(self):
            return None

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(subprocess, "Popen", Hub)
    monkeypatch.setattr(local.urllib.request, "urlopen", lambda *_a, **_k: Answer())
    hub = local.LocalHub(local.ClassPlan(tmp_path / "class", unix_users=False))
    hub.data_dir.mkdir(parents=True)
    hub.start()
    hub.start_hub()  # what keep_running does when the hub process died
    assert started[0][:-1] == started[1] == hub.command()
    assert started[0][-1] == "--JupyterHub.reset_db=True"
