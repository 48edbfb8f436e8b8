"""A real JupyterHub for a class on this machine: proxy, hub, accounts, lessons, drop-box.

``make hub`` (through ``python -m curriculum.hub``), the hub tests and
``benchmarks/bench_hub.py`` all use ``LocalHub``, so what a teacher tries is what is
tested and measured. It listens on 127.0.0.1 only and calls no network.

Run as root, every account is a real Unix user and each student's server runs as that
user (JupyterHub's ``LocalProcessSpawner``): homes are private and the drop-box is
write-only for students. The servers then run from their own environment under the
hub's folder, because this clone's ``.venv`` may sit where other users cannot reach
(``/root``). Run as anyone else, all servers run as that one user
(``SimpleLocalProcessSpawner``): fine to try the course, but students are not kept apart.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import accounts
from .kernel import KernelClient
from .lessons import publish
from .start import DEFAULT_DIR, DIR_ENV, REPO_ENV

ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILE = Path(__file__).with_name("jupyterhub_config.py")
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
HUB_MARK = "CURRICULUM_HUB"  # in every server's environment: which hub started it
HUB_DIR_MARK = ".curriculum-hub"  # in a folder a hub made: a later hub may use it again
# the students' environment shared by the hub tests and the hub benchmark (rebuilt only
# when the course's files change)
SHARED_ENV = Path("/tmp/cyber-safety-curriculum-hub-env")
OPEN_PATH = {"en": "00-start-here.ipynb", "zh-Hant-HK": "zh-Hant-HK/00-start-here.ipynb"}


class HubError(Exception):
    """The local hub could not be set up, started or used; the message says what to do."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ClassPlan:
    """Who is in the demo class and where its files live."""

    hub_dir: Path
    students: int = 3
    prefix: str = "csc-"
    language: str = "en"  # the class's language
    languages: dict[str, str] = field(default_factory=dict)  # a student's own, by account
    port: int = 0  # 0: any free port
    unix_users: bool = field(default_factory=accounts.is_root)
    server_env: Path | None = None  # the students' environment (default: in hub_dir)

    @property
    def educator(self) -> str:
        return f"{self.prefix}teacher"

    @property
    def student_names(self) -> list[str]:
        return [f"{self.prefix}student{n}" for n in range(1, self.students + 1)]


def check_port(port: int) -> None:
    """``port`` on 127.0.0.1 can be listened on now, or a HubError that says what to do."""
    if not 0 < port < 65536:
        raise HubError(f"port {port}: give a number from 1 to 65535")
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError as exc:
            why = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
            raise HubError(f"port {port} on 127.0.0.1 {why}: choose another, "
                           f'e.g. make hub HUB_ARGS="--port {port + 10 if port < 65526 else 8000}"') from None


def claim_hub_dir(path: Path) -> Path:
    """Make ``path`` the hub's folder (created if missing) and return it, resolved.

    Only a new or empty folder, or one an earlier hub made (it holds ``HUB_DIR_MARK``, or
    ``hub/settings.json`` from before the mark), is taken: the hub changes the folder's
    mode and fills it, so ``--dir /tmp`` or ``--dir ~`` as root must not go ahead.
    """
    try:
        path = Path(path).resolve()
        if path.exists() and not path.is_dir():
            raise HubError(f"{path} is not a folder")
        path.mkdir(parents=True, exist_ok=True)
        mark = path / HUB_DIR_MARK
        earlier = mark.is_file() or (path / "hub" / "settings.json").is_file()
        if not earlier and any(path.iterdir()):
            raise HubError(f"{path} already holds other files: give a new or empty folder")
        mark.touch()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links
        raise HubError(f"{path}: cannot make the hub's folder here "
                       f"({getattr(exc, 'strerror', None) or exc})") from None
    return path


def _reachable_by_all(path: Path) -> bool:
    """Every folder above ``path`` can be passed through by other users (o+x)."""
    path = path.resolve()
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in [path, *path.parents] if p.exists())


def shared_python() -> str:
    """A Python interpreter every class account can run, same version as this one."""
    here = Path(os.path.realpath(sys.executable))
    if _reachable_by_all(here.parent):
        return str(here)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (Path("/usr/bin") / version, Path("/usr/local/bin") / version, Path("/usr/bin/python3")):
        if candidate.exists():
            return str(candidate)
    raise HubError(f"no Python that other users can run: {here} is not reachable by them; "
                   f"install {version} from your system's packages")


def source_fingerprint() -> str:
    """What the students' environment is built from: the project file and the packages."""
    import hashlib

    digest = hashlib.sha256()
    files = [ROOT / "pyproject.toml", *sorted((ROOT / "curriculum").rglob("*")),
             *sorted((ROOT / "widgets").rglob("*")), *sorted((ROOT / "jupyter-settings").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build_server_env(target: Path) -> Path:
    """Install the course (not editable) and the hub's single-user parts into ``target``,
    a virtual environment every class account can run; return its python.

    Built again only when the course's files changed since (``source_fingerprint``), so
    a second ``make hub`` or test run starts at once; a lock keeps two runs that share
    ``target`` from building it at the same time.
    """
    import fcntl

    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        raise HubError("uv is not installed in this environment: run `make hub`, which installs it")
    python = target / "bin" / "python"
    target.parent.mkdir(parents=True, exist_ok=True)
    marker = target / ".curriculum-source"
    wanted = source_fingerprint()
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if python.exists() and marker.exists() and marker.read_text() == wanted:
            return python
        steps = [[uv, "venv", "--quiet", "--allow-existing", "--python", shared_python(), str(target)],
                 [uv, "pip", "install", "--quiet", "--python", str(python),
                  "--reinstall-package", "cyber-safety-curriculum", f"{ROOT}[hub]"]]
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True)
            if result.returncode != 0:
                raise HubError(f"could not build the students' environment in {target}: "
                               f"{result.stderr.strip()[-500:]}")
        target.chmod(0o755)
        marker.write_text(wanted)
    return python


class LocalHub:
    """One class's hub. ``prepare()`` then ``start()``; ``close()`` stops everything it started."""

    def __init__(self, plan: ClassPlan):
        self.plan = plan
        self.hub_dir = Path(plan.hub_dir).resolve()
        self.data_dir = self.hub_dir / "hub"
        self.dropbox = self.hub_dir / "dropbox"
        self.lessons_repo = self.hub_dir / "lessons.git"
        self.homes_dir = self.hub_dir / "homes"
        self.settings_file = self.data_dir / "settings.json"
        self.password = secrets.token_urlsafe(9)  # the class's: opens any student's account
        self.educator_password = secrets.token_urlsafe(12)  # opens the educator's only
        self.token = secrets.token_hex(32)
        self.proxy_token = secrets.token_hex(32)
        self.port = plan.port or free_port()
        self.hub_port = free_port()
        self.proxy_api_port = free_port()
        self.proxy: subprocess.Popen | None = None
        self.hub: subprocess.Popen | None = None

    # -- set-up -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def users(self) -> list[str]:
        return [self.plan.educator, *self.plan.student_names]

    def prepare(self, notebooks: Path | None = None) -> None:
        """Accounts, drop-box, the students' environment, the published lessons, settings."""
        unknown = {self.plan.language, *self.plan.languages.values()} - set(OPEN_PATH)
        if unknown:
            raise HubError(f"no lessons in {', '.join(sorted(unknown))}: choose from {', '.join(OPEN_PATH)}")
        check_port(self.port)
        if not PROXY.exists():
            raise HubError(f"{PROXY} is missing: run `make hub` (it installs configurable-http-proxy "
                           "with npm)")
        claim_hub_dir(self.hub_dir)
        self.data_dir.mkdir(exist_ok=True)
        self.data_dir.chmod(0o700)
        if self.plan.unix_users:
            self.hub_dir.chmod(0o755)
            if not _reachable_by_all(self.hub_dir):
                raise HubError(f"{self.hub_dir}: students' accounts cannot reach this folder; "
                               "choose one under /srv or /opt")
            for name in self.users:
                accounts.ensure_user(name)
            accounts.make_dropbox(self.dropbox, self.plan.educator)
            server_python = str(build_server_env(self.plan.server_env or self.hub_dir / "env"))
        else:
            self.homes_dir.mkdir(exist_ok=True)
            accounts.make_dropbox(self.dropbox, None)
            server_python = sys.executable
        publish(notebooks or ROOT / "notebooks", self.lessons_repo)
        environment = {
            "CURRICULUM_DROPBOX": str(self.dropbox),
            REPO_ENV: str(self.lessons_repo),
            DIR_ENV: DEFAULT_DIR,
            HUB_MARK: str(self.hub_dir),
        }
        settings = {
            "port": self.port, "hub_port": self.hub_port, "proxy_api_port": self.proxy_api_port,
            "proxy_token": self.proxy_token, "data_dir": str(self.data_dir),
            "password": self.password, "educator_password": self.educator_password,
            "service_token": self.token,
            "educator": self.plan.educator, "students": self.plan.student_names,
            "unix_users": self.plan.unix_users, "homes_dir": str(self.homes_dir),
            "server_python": server_python,
            "language": self.plan.language,
            "languages": self.plan.languages,
            "default_urls": {lang: f"/lab/tree/{DEFAULT_DIR}/{path}" for lang, path in OPEN_PATH.items()},
            "server_environment": environment,
        }
        fd = os.open(self.settings_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(settings, fh, indent=1)

    # -- processes ----------------------------------------------------------------------
    def start(self, timeout: float = 60) -> None:
        self.start_proxy()
        self.start_hub(timeout)

    def start_proxy(self) -> None:
        env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": self.proxy_token}
        with (self.data_dir / "proxy.log").open("ab") as log:  # the proxy keeps its own copy
            self.proxy = subprocess.Popen(
                [str(PROXY), "--ip", "127.0.0.1", "--port", str(self.port), "--api-ip", "127.0.0.1",
                 "--api-port", str(self.proxy_api_port),
                 "--default-target", f"http://127.0.0.1:{self.hub_port}",
                 "--error-target", f"http://127.0.0.1:{self.hub_port}/hub/error"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def start_hub(self, timeout: float = 60) -> None:
        env = {**os.environ, "CURRICULUM_HUB_SETTINGS": str(self.settings_file)}
        # its own session: Ctrl-C in the terminal reaches the launcher only, which stops
        # the class in order (servers first); the servers' output goes to the log file,
        # never to a pipe that would break when the hub dies
        with (self.data_dir / "jupyterhub.log").open("ab") as log:
            self.hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG_FILE)],
                                        cwd=self.data_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.hub.poll() is not None:
                raise HubError(f"JupyterHub stopped at start (exit {self.hub.returncode}); "
                               f"see {self.data_dir / 'jupyterhub.log'}")
            try:
                self.api("GET", "/users")
                return
            except (HubError, OSError):
                time.sleep(0.2)
        raise HubError(f"JupyterHub did not answer within {timeout:.0f} s; "
                       f"see {self.data_dir / 'jupyterhub.log'}")

    def keep_running(self, stop: threading.Event, say=print, max_restarts: int = 3) -> None:
        """Until ``stop`` is set (Ctrl-C), start the hub process again whenever it dies.

        A hub that dies (killed, out of memory) leaves students' servers and the proxy
        running, as JupyterHub itself does (``cleanup_servers`` is off): students keep
        working, and the new hub finds their servers in its database. Stopping everything
        here instead would end every student's lesson because one process died. After
        ``max_restarts`` deaths in a row within a minute of each start the hub is given up
        (HubError), and ``close()`` then stops the class.
        """
        deaths = 0
        started = time.monotonic()
        while not stop.wait(1):
            if self.hub is None or self.hub.poll() is None:
                continue
            deaths = deaths + 1 if time.monotonic() - started < 60 else 1
            if deaths > max_restarts:
                raise HubError(f"JupyterHub stopped {deaths} times in a row; "
                               f"see {self.data_dir / 'jupyterhub.log'}")
            say(f"JupyterHub stopped (exit {self.hub.returncode}); starting it again, students' "
                f"servers keep running (see {self.data_dir / 'jupyterhub.log'})")
            self.start_hub()
            say("JupyterHub is running again")
            started = time.monotonic()

    def stop_hub(self) -> None:
        """Stop the hub process only: the proxy and students' servers keep running."""
        _terminate(self.hub)
        self.hub = None

    # -- the hub's REST API -------------------------------------------------------------
    def api(self, method: str, path: str, body: dict | None = None) -> dict | list | None:
        req = urllib.request.Request(f"{self.url}/hub/api{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"},
                                     data=json.dumps(body).encode() if body is not None else None)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                text = resp.read()
        except urllib.error.HTTPError as exc:
            raise HubError(f"{method} {path}: HTTP {exc.code} {exc.read()[:300]!r}") from None
        return json.loads(text) if text else None

    def server(self, name: str) -> dict | None:
        return self.api("GET", f"/users/{name}")["servers"].get("")

    def spawn(self, name: str, timeout: float = 180) -> float:
        """Start ``name``'s server as the hub does at login; return seconds until it is ready."""
        started = time.perf_counter()
        self.api("POST", f"/users/{name}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{name}")
            server = model["servers"].get("")
            if server and server.get("ready"):
                return time.perf_counter() - started
            if not server and not model.get("pending"):
                raise HubError(f"{name}'s server stopped while starting; "
                               f"see {self.data_dir / 'jupyterhub.log'}")
            time.sleep(0.2)
        raise HubError(f"{name}'s server was not ready within {timeout:.0f} s")

    def stop_server(self, name: str, timeout: float = 60) -> None:
        try:
            self.api("DELETE", f"/users/{name}/server")
        except HubError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{name}")
            if not model["servers"] and not model.get("pending"):
                return
            time.sleep(0.2)

    def server_url(self, name: str) -> str:
        return f"{self.url}/user/{name}/"

    def kernel(self, name: str, timeout: float = 180) -> KernelClient:
        """A kernel on ``name``'s server, reached through the proxy like a browser would."""
        return KernelClient(self.server_url(name), self.token, timeout)

    # -- what runs for whom ---------------------------------------------------------------
    def processes(self, name: str | None = None) -> list:
        """The processes this hub started for ``name`` (every student when None):
        servers and their kernels, found by the marker in their environment."""
        import psutil

        found = []
        for proc in psutil.process_iter():
            try:
                env = proc.environ()
            except (psutil.Error, OSError):
                continue
            if env.get(HUB_MARK) != str(self.hub_dir):
                continue
            if name is None or env.get("JUPYTERHUB_USER") == name:
                found.append(proc)
        return found

    def home(self, name: str) -> Path:
        if self.plan.unix_users:
            import pwd

            return Path(pwd.getpwnam(name).pw_dir)
        return self.homes_dir / name

    # -- stopping -------------------------------------------------------------------------
    def close(self, remove_accounts: bool = False) -> list[int]:
        """Stop every student's server, the hub and the proxy; kill anything left over and
        return those processes' ids (none, when the hub stopped every server itself)."""
        if self.hub is not None and self.hub.poll() is None:
            from concurrent.futures import ThreadPoolExecutor

            def stop(name: str) -> None:
                try:
                    if self.server(name) is not None:
                        self.stop_server(name, timeout=20)
                except (HubError, OSError):
                    pass  # whatever is left is killed below

            with ThreadPoolExecutor(min(16, len(self.users))) as pool:
                list(pool.map(stop, self.users))
        _terminate(self.hub)
        _terminate(self.proxy)
        self.hub = self.proxy = None
        leftovers = self.processes()
        for proc in leftovers:
            try:
                proc.kill()
            except Exception:  # noqa: BLE001 - gone already
                pass
        if remove_accounts and self.plan.unix_users:
            for name in self.users:
                accounts.remove_user(name)
        return [proc.pid for proc in leftovers]

    def __enter__(self) -> LocalHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _terminate(proc: subprocess.Popen | None, timeout: float = 15) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
