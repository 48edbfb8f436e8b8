"""A class on a real JupyterHub: lessons delivered, kept apart, handed in, surviving faults.

One hub for the module (``curriculum.hub.local``, what ``make hub`` runs, driven through
``tests/hub_support.py``): a real JupyterHub and configurable-http-proxy on 127.0.0.1, an
educator and three students as real Unix users (prefix ``csct-``, removed afterwards),
each student's server started by JupyterHub's LocalProcessSpawner as that user. Every
check acts through the hub and the student's own kernel, as a student in a browser would.

Making Unix users needs root. Run as anyone else these tests skip and say so; under
``CI=true`` (CI runs as root) a skip is a failure.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import signal
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from curriculum.classroom.dropbox import marked_identity
from curriculum.hub import accounts
from curriculum.hub.lessons import publish
from curriculum.hub.local import PROXY, ClassPlan
from tests.hub_support import SHARED_ENV, HubDriver, RestartableHub
from tests.simulated_student import answers_for, in_kernel
from tests.support import ROOT, require

pytestmark = pytest.mark.hub
PREFIX = "csct-"


def _unavailable() -> str | None:
    if not accounts.is_root():
        return "the hub tests make real Unix users and run servers as them: run as root (CI does)"
    if not PROXY.exists():
        return f"{PROXY} is missing: run `make test`, which installs it with npm"
    if shutil.which("useradd") is None:
        return "useradd is not installed"
    return None


def require_hub() -> None:
    reason = _unavailable()
    require(reason is None, reason or "")


@pytest.fixture(scope="module")
def hub():
    require_hub()
    for name in accounts.class_accounts(PREFIX):  # left by a run that was killed
        accounts.remove_user(name)
    top = Path(tempfile.mkdtemp(prefix="csc-hub-test-", dir="/tmp"))
    top.chmod(0o755)
    plan = ClassPlan(top / "class", students=3, prefix=PREFIX, server_env=SHARED_ENV,
                     languages={f"{PREFIX}student3": "zh-Hant-HK"})  # one student learns in Chinese
    hub = RestartableHub(plan)  # the restart tests stop and start its hub process
    try:
        hub.prepare()
        hub.start()
        yield hub
    finally:
        left = hub.close(remove_accounts=True)  # what make hub does at Ctrl-C
        shutil.rmtree(top, ignore_errors=True)
    assert left == [], f"students' servers or kernels outlived the hub and were killed: {left}"
    assert accounts.class_accounts(PREFIX) == []


@pytest.fixture(scope="module")
def running(hub):
    """Every account's server, started at once as at the start of a lesson."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(hub.users)) as pool:
        list(pool.map(hub.spawn, hub.users))
    return hub


class Kernels:
    """One kernel per student, kept between tests: starting kernels is most of these
    tests' time."""

    def __init__(self, hub: HubDriver):
        self.hub = hub
        self.open: dict[str, object] = {}

    def run(self, name: str, code: str) -> str:
        """Run ``code`` in ``name``'s kernel; return what it printed."""
        if name not in self.open:
            self.open[name] = self.hub.kernel(name).start()
        return self.open[name].execute(code).stdout.strip()

    def forget(self, name: str) -> None:
        """Before a student's server stops: its kernel goes with it."""
        kernel = self.open.pop(name, None)
        if kernel is not None:
            kernel.close()


@pytest.fixture(scope="module")
def kernels(hub):
    kept = Kernels(hub)
    yield kept
    for name in list(kept.open):
        kept.forget(name)


def login(hub_url: str, name: str, password: str) -> tuple[int, str, str]:
    """Log in through the hub's login form as a browser does: (status, final URL, page)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{hub_url}/hub/login").read().decode()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": name, "password": password, "_xsrf": xsrf}).encode()
    try:
        with opener.open(f"{hub_url}/hub/login", data=form) as resp:
            return resp.status, resp.geturl(), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.geturl(), exc.read().decode()


def test_login_with_the_shared_password_opens_the_start_here_lesson(running):
    name = running.plan.student_names[0]
    status, landed, page = login(running.url, name, running.password)
    assert status == 200
    assert landed.endswith(f"/user/{name}/lab/tree/cyber-safety-curriculum/00-start-here.ipynb"), landed
    assert "<title>JupyterLab</title>" in page
    status, landed, page = login(running.url, name, "not-the-password")
    assert status == 403 and landed.endswith("/hub/login"), (status, landed)


def test_the_class_password_does_not_open_the_educators_account_and_theirs_opens_only_theirs(running):
    educator, student = running.plan.educator, running.plan.student_names[0]
    assert running.educator_password != running.password
    status, landed, _page = login(running.url, educator, running.password)
    assert status == 403 and landed.endswith("/hub/login"), (status, landed)
    status, landed, _page = login(running.url, student, running.educator_password)
    assert status == 403 and landed.endswith("/hub/login"), (status, landed)
    status, landed, page = login(running.url, educator, running.educator_password)
    assert status == 200 and f"/user/{educator}/" in landed, (status, landed)
    assert "<title>JupyterLab</title>" in page
    # an ordinary user, not a hub admin who could open or stop students' servers
    assert running.api("GET", f"/users/{educator}")["admin"] is False


def lab_locale(hub: HubDriver, name: str) -> str:
    """The language JupyterLab's own menus start in on ``name``'s server."""
    url = hub.server_url(name) + "lab/api/settings/@jupyterlab/translation-extension:plugin"
    req = urllib.request.Request(url, headers={"Authorization": f"token {hub.token}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["schema"]["properties"]["locale"]["default"]


def test_each_student_opens_in_their_own_language(running):
    english, chinese = running.plan.student_names[0], running.plan.student_names[2]
    status, landed, _page = login(running.url, chinese, running.password)
    assert status == 200
    assert landed.endswith(f"/user/{chinese}/lab/tree/cyber-safety-curriculum/zh-Hant-HK/00-start-here.ipynb")
    assert lab_locale(running, chinese) == "zh_TW"  # the Traditional Chinese language pack
    assert lab_locale(running, english) == "en"


def test_each_student_gets_the_lessons_in_their_own_home_at_first_login(running, kernels):
    for name in running.plan.student_names:
        out = json.loads(kernels.run(name, (
            "import getpass, json, os, pathlib\n"
            "home = pathlib.Path.home()\n"
            "folder = home / 'cyber-safety-curriculum'\n"
            "print(json.dumps({'user': getpass.getuser(), 'home': str(home),"
            " 'mode': oct(home.stat().st_mode & 0o777),"
            " 'lessons': sorted(p.name for p in folder.glob('*.ipynb')),"
            " 'chinese': (folder / 'zh-Hant-HK' / '00-start-here.ipynb').exists(),"
            " 'dropbox': os.environ['CURRICULUM_DROPBOX']}))")))
        assert out["user"] == name
        assert out["home"] == str(running.home(name))
        assert out["mode"] == "0o700"
        expected = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
        assert expected and out["lessons"] == expected
        assert out["chinese"] is True
        assert out["dropbox"] == str(running.dropbox)


def test_a_course_update_reaches_students_without_overwriting_their_changes(running, tmp_path, kernels):
    name = running.plan.student_names[1]
    folder = running.home(name) / "cyber-safety-curriculum"
    kernels.run(name, "import pathlib\n"
        "f = pathlib.Path.home() / 'cyber-safety-curriculum'\n"
        "(f / '01-history.ipynb').write_text('my own notes')\n"
        "(f / 'my-notes.txt').write_text('mine')\n"
        "(f / '02-mechanics.ipynb').unlink()")
    update = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", update)
    (update / "01-history.ipynb").write_text("the course's new version of lesson 1")
    (update / "03-sexting.ipynb").write_text("the course's new version of lesson 3")
    assert publish(update, running.lessons_repo, "Update lessons 1 and 3")
    # what the student's server runs at its next start, run as the student with the
    # server's own environment (a restart that runs it is in the SIGKILL test)
    kernels.run(name, "from curriculum.hub.start import update_lessons\nupdate_lessons()")
    assert (folder / "03-sexting.ipynb").read_text() == "the course's new version of lesson 3"
    assert (folder / "01-history.ipynb").read_text() == "my own notes"  # the student's edit wins
    assert (folder / "my-notes.txt").read_text() == "mine"
    assert (folder / "02-mechanics.ipynb").exists()  # a deleted lesson comes back
    publish(ROOT / "notebooks", running.lessons_repo, "Back to the course as it is")


def test_students_cannot_read_each_others_progress_or_hand_ins_and_the_educator_reads_the_drop_box(
        running, kernels):
    first, second = running.plan.student_names[:2]
    made = json.loads(kernels.run(first, in_kernel(
        "import json\n"
        "from curriculum.classroom.store import default_path\n"
        "from curriculum.classroom.handin import hand_in\n"
        "saved = work_through(1)\n"
        "print(json.dumps({'saved': saved, 'progress': str(default_path()),"
        " 'pseudonym': store_for().pseudonym,"
        " 'handed_in': str(hand_in(store_for()))}))")))
    assert made["saved"] == answers_for(1)
    progress, handed_in = Path(made["progress"]), Path(made["handed_in"])
    assert progress.is_relative_to(running.home(first)) and handed_in.parent == running.dropbox
    assert marked_identity(running.dropbox) == "owner"  # each student a Unix user: the owner counts
    attempts = {
        "read their progress": f"open({str(progress)!r}, 'rb').read()",
        "list their home": f"os.listdir({str(running.home(first))!r})",
        "list the drop-box": f"os.listdir({str(running.dropbox)!r})",
        "read their hand-in": f"open({str(handed_in)!r}).read()",
        "delete their hand-in": f"os.unlink({str(handed_in)!r})",
        "overwrite their hand-in": f"open({str(handed_in)!r}, 'w').write('{{}}')",
    }
    code = ("import json, os\nrefused = {}\n" + "".join(
        f"try:\n    {action}\n    refused[{what!r}] = False\n"
        f"except PermissionError:\n    refused[{what!r}] = True\n"
        for what, action in attempts.items()) + "print(json.dumps(refused))")
    assert json.loads(kernels.run(second, code)) == {what: True for what in attempts}
    # the teachers' notebook, opened by a student, says it is for teachers
    view = kernels.run(second, "from widgets.class_report import ClassReportView\n"
                                "print(ClassReportView().output.value)")
    assert "You cannot open" in view and "only your teacher can read the hand-ins" in view
    educator = json.loads(kernels.run(running.plan.educator, (
        "import json, os\n"
        f"names = os.listdir({str(running.dropbox)!r})\n"
        f"data = json.load(open({str(handed_in)!r}))\n"
        "from widgets.class_report import ClassReportView\n"
        "view = ClassReportView()\n"
        "print(json.dumps({'names': names, 'attempts': len(data['attempts']),"
        " 'folder': view.folder.value, 'report': view.output.value}))")))
    assert handed_in.name in educator["names"]
    assert educator["attempts"] == answers_for(1)
    assert educator["folder"] == str(running.dropbox)  # the educator notebook opens on the drop-box
    assert made["pseudonym"] in educator["report"]


def test_a_server_killed_mid_lesson_restarts_with_every_saved_answer(running, tmp_path, kernels):
    name = running.plan.student_names[2]
    update = tmp_path / "notebooks"  # published while the server is down: the restart pulls it
    shutil.copytree(ROOT / "notebooks", update)
    (update / "04-law.ipynb").write_text("the course's new version of lesson 4")
    listing = ("json.dumps([[a.item, list(a.answer), a.correct, a.attempt, a.at]"
               " for a in store_for().attempts()])")
    kernel = running.kernel(name).start()
    before = json.loads(kernel.execute(in_kernel(
        "import itertools, json, threading\n"
        "from curriculum.activities.attempts import Attempt, emit\n"
        "work_through(3)\n"
        f"print({listing})\n"
        "def keep_answering():\n"
        "    while True:\n"
        "        emit(Attempt('05-what-to-do', 'quiz', 'quiz', 'pay', ('a',), False))\n"
        "threading.Thread(target=keep_answering, daemon=True).start()")).stdout)
    assert len(before) == answers_for(3)
    time.sleep(0.3)  # answers are being written when the server dies
    victims = running.processes(name)
    assert len(victims) >= 2  # the server and the kernel
    for proc in victims:
        proc.send_signal(signal.SIGKILL)
    kernel.close()
    kernels.forget(name)
    running.stop_server(name)
    publish(update, running.lessons_repo, "Update lesson 4")
    running.spawn(name)
    lesson = running.home(name) / "cyber-safety-curriculum" / "04-law.ipynb"
    assert lesson.read_text() == "the course's new version of lesson 4"  # pulled at the start
    publish(ROOT / "notebooks", running.lessons_repo, "Back to the course as it is")
    after = json.loads(kernels.run(name, (
        "import json, sqlite3\n"
        "from curriculum.classroom.recording import store_for\n"
        "from curriculum.classroom.store import default_path\n"
        "check = sqlite3.connect(default_path()).execute('PRAGMA integrity_check').fetchone()[0]\n"
        f"print(json.dumps({{'integrity': check, 'attempts': json.loads({listing})}}))")))
    assert after["integrity"] == "ok"
    assert after["attempts"][:len(before)] == before  # every answer saved before the kill, unchanged
    assert len(after["attempts"]) > len(before)  # and those saved while it was dying are whole


def test_students_keep_working_while_the_hub_restarts(running, kernels):
    name = running.plan.student_names[0]
    kernels.run(name, "lesson_state = 'half way through lesson 2'")
    servers = {p.pid for p in running.processes(name)}
    running.stop_hub()
    # the hub is down: the student's open kernel still answers through the proxy
    assert kernels.run(name, "print(lesson_state)") == "half way through lesson 2"
    running.start_hub()
    assert running.server(name)["ready"] is True
    assert kernels.run(name, "print(lesson_state)") == "half way through lesson 2"
    assert {p.pid for p in running.processes(name)} == servers  # the same server and kernel
    with running.kernel(name) as fresh:  # a new kernel: the new hub checks the token
        assert fresh.execute("print(6 * 7)").stdout.strip() == "42"


def test_a_hub_process_killed_outright_comes_back_and_students_keep_their_servers(running, kernels):
    """What ``make hub`` does while it runs (``keep_running``): the hub process dies
    (SIGKILL, as the out-of-memory killer does), students' servers and kernels go on, and
    a new hub is started that finds them."""
    import threading

    name = running.plan.student_names[0]
    kernels.run(name, "lesson_state = 'before the hub was killed'")
    servers = {p.pid for p in running.processes(name)}
    assert servers
    killed = running.hub
    stop, said, errors = threading.Event(), [], []

    def watch() -> None:
        try:
            running.keep_running(stop, say=said.append)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(30)
        deadline = time.monotonic() + 120
        while len(said) < 2 and watcher.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not errors, errors
        assert len(said) == 2 and "starting it again" in said[0] and "running again" in said[1], said
        assert running.hub is not killed and running.hub.poll() is None
        assert {p.pid for p in running.processes(name)} == servers  # not one server was stopped
        assert kernels.run(name, "print(lesson_state)") == "before the hub was killed"
        assert running.server(name)["ready"] is True  # the new hub knows the running server
    finally:
        stop.set()
        watcher.join(60)


def test_make_hub_serves_a_class_and_ctrl_c_stops_it(tmp_path):
    """``make hub`` runs ``python -m curriculum.hub demo``: it prints the class, the class's
    password and the educator's own, the hub answers and takes only the right password for
    each account, a hub process killed outright is started again, and Ctrl-C (SIGINT) stops
    the hub and the proxy and exits 0. (That it stops students' servers too, with the same
    ``close()``, is checked when the module's hub stops, with four servers running.)"""
    import subprocess
    import sys

    import psutil

    from curriculum.hub.local import free_port

    require_hub()
    prefix, port = "csct2-", free_port()
    top = Path(tempfile.mkdtemp(prefix="csc-make-hub-", dir="/tmp"))
    top.chmod(0o755)
    hub_dir = top / "class"
    demo = subprocess.Popen([sys.executable, "-m", "curriculum.hub", "demo", "--students", "1",
                             "--port", str(port), "--dir", str(hub_dir), "--prefix", prefix],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in demo.stdout:
            lines.append(line)
            if "Press Ctrl-C" in line:
                break
        welcome = "".join(lines)
        url = f"http://127.0.0.1:{port}"
        assert url in welcome, welcome
        shared = re.search(r"^  password:\s+(\S{12})\s", welcome, re.MULTILINE).group(1)
        own = re.search(r"^  educator's password:\s+(\S+)\s", welcome, re.MULTILINE).group(1)
        assert shared != own
        assert "opens ANY student's account" in welcome and "does not open the educator's" in welcome
        assert "its own authenticator" in welcome
        assert "~/class-reports/" in welcome and "python -m curriculum report" in welcome
        with urllib.request.urlopen(f"{url}/hub/login", timeout=30) as page:
            assert page.status == 200 and "password" in page.read().decode()
        assert login(url, f"{prefix}teacher", shared)[0] == 403
        assert login(url, f"{prefix}student1", own)[0] == 403
        # the hub process alone is killed: the launcher starts it again and goes on
        first_hub = [p for p in psutil.Process(demo.pid).children() if "jupyterhub" in " ".join(p.cmdline())]
        assert len(first_hub) == 1, first_hub
        first_hub[0].kill()
        restarted = demo.stdout.readline()
        assert "JupyterHub stopped" in restarted and "starting it again" in restarted, restarted
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/hub/api/", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        assert login(url, f"{prefix}teacher", shared)[0] == 403  # the new hub, same rules
        assert demo.poll() is None
        demo.send_signal(signal.SIGINT)
        rest = demo.communicate(timeout=120)[0]
        assert demo.returncode == 0, welcome + restarted + rest
        assert "stopping students' servers, the hub and the proxy" in rest
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/login", timeout=5)
    finally:
        if demo.poll() is None:
            demo.kill()
        for name in accounts.class_accounts(prefix):
            accounts.remove_user(name)
        shutil.rmtree(top, ignore_errors=True)

