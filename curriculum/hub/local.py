"""A real JupyterHub for a class on this machine (``make hub``): accounts, lessons, drop-box.

``prepare()`` makes the accounts, the drop-box and the published lessons, and writes this
run's values as traitlets configuration; ``start()`` runs ``jupyterhub`` on it, which
starts and stops the proxy and stops every student's server when it stops (JupyterHub's
defaults). It listens on 127.0.0.1 only and calls no network. The hub tests and
``benchmarks/bench_hub.py`` drive this same class (``tests/hub_support.py``).

Run as root, every account is a real Unix user and each student's server runs as that
user (JupyterHub's ``LocalProcessSpawner``): homes are private and the drop-box is
write-only for students. The servers then run from their own environment under the
hub's folder (``server_env``). Run as anyone else, all servers run as that one user
(``SimpleLocalProcessSpawner``): fine to try the course, but students are not kept apart.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.classroom.private_file import write_private
from curriculum.course.languages import LANGS
from curriculum.course.packaged import NOTEBOOKS_DIR

from . import accounts
from .lessons import publish
from .server_env import ROOT, ServerEnvError, build_server_env, reachable_by_all
from .start import DEFAULT_DIR, DIR_ENV, REPO_ENV

POLICY = Path(__file__).with_name("jupyterhub_config.py")  # what every class hub is
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
HUB_DIR_MARK = ".curriculum-hub"  # in a folder a hub made: a later hub may use it again


class HubError(Exception):
    """The local hub could not be set up, started or used; the message says what to do."""


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class LocalHub:
    """One class's hub. ``prepare()`` then ``start()``; ``close()`` stops it and, through
    JupyterHub's own clean-up, the proxy and every student's server."""

    def __init__(self, plan: ClassPlan):
        self.plan = plan
        self.hub_dir = Path(plan.hub_dir).resolve()
        self.data_dir = self.hub_dir / "hub"
        self.dropbox = self.hub_dir / "dropbox"
        self.lessons_repo = self.hub_dir / "lessons.git"
        self.homes_dir = self.hub_dir / "homes"
        self.config_file = self.data_dir / "jupyterhub_config.py"  # and .json beside it
        self.password = secrets.token_urlsafe(9)  # the class's: opens any student's account
        self.educator_password = secrets.token_urlsafe(12)  # opens the educator's only
        self.port = plan.port or free_port()
        self.hub_port = free_port()
        self.proxy_api_port = free_port()
        self.hub: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def users(self) -> list[str]:
        return [self.plan.educator, *self.plan.student_names]

    # -- set-up -------------------------------------------------------------------------
    def prepare(self, notebooks: Path | None = None) -> None:
        """Accounts, drop-box, the students' environment, the published lessons, the config."""
        unknown = {self.plan.language, *self.plan.languages.values()} - set(LANGS)
        if unknown:
            raise HubError(f"no lessons in {', '.join(sorted(unknown))}: choose from {', '.join(LANGS)}")
        check_port(self.port)
        if not PROXY.exists():
            raise HubError(f"{PROXY} is missing: run `make hub` (it installs configurable-http-proxy "
                           "with npm)")
        claim_hub_dir(self.hub_dir)
        self.data_dir.mkdir(exist_ok=True)
        self.data_dir.chmod(0o700)
        if self.plan.unix_users:
            self.hub_dir.chmod(0o755)
            if not reachable_by_all(self.hub_dir):
                raise HubError(f"{self.hub_dir}: students' accounts cannot reach this folder; "
                               "choose one under /srv or /opt")
            for name in self.users:
                accounts.ensure_user(name)
            accounts.make_dropbox(self.dropbox, self.plan.educator)
            try:
                server_python = str(build_server_env(self.plan.server_env or self.hub_dir / "env"))
            except ServerEnvError as exc:
                raise HubError(str(exc)) from None
        else:
            self.homes_dir.mkdir(exist_ok=True)
            accounts.make_dropbox(self.dropbox, None)
            server_python = sys.executable
        publish(notebooks or NOTEBOOKS_DIR, self.lessons_repo)
        write_private(self.config_file.with_suffix(".json"),  # it holds the passwords
                      json.dumps(self.config(server_python), indent=1).encode())
        loader = ("# this run's values are in jupyterhub_config.json beside this file\n"
                  f"load_subconfig({str(POLICY)!r})  # noqa: F821\n")
        write_private(self.config_file, loader.encode())

    def language_groups(self) -> dict[str, dict]:
        """JupyterHub groups by language (``language_hook``): every account that does not
        learn in English is in its language's group."""
        groups: dict[str, dict] = {}
        for name in self.users:
            language = self.plan.languages.get(name, self.plan.language)
            if language != "en":
                groups.setdefault(language, {"users": []})["users"].append(name)
        return groups

    def config(self, server_python: str) -> dict:
        """This run's values, as the traits JupyterHub reads from ``jupyterhub_config.json``."""
        plan = self.plan
        config: dict[str, dict] = {
            "JupyterHub": {
                "port": self.port, "hub_port": self.hub_port,
                "db_url": f"sqlite:///{self.data_dir / 'jupyterhub.sqlite'}",
                "cookie_secret_file": str(self.data_dir / "jupyterhub_cookie_secret"),
                "load_groups": self.language_groups(),
                # each student's server runs as that student's Unix account; without root,
                # every server runs as the hub's user, homes under the hub's folder
                "spawner_class": "localprocess" if plan.unix_users else "simple",
            },
            "ConfigurableHTTPProxy": {"command": [str(PROXY)],
                                      "api_url": f"http://127.0.0.1:{self.proxy_api_port}"},
            "ClassPasswordAuthenticator": {"user_password": self.password,
                                           "own_passwords": {plan.educator: self.educator_password}},
            "Authenticator": {"allowed_users": self.users},
            "Spawner": {
                "cmd": [server_python, "-m", "curriculum.hub.start"],
                "environment": {"CURRICULUM_DROPBOX": str(self.dropbox), REPO_ENV: str(self.lessons_repo),
                                DIR_ENV: DEFAULT_DIR},
            },
        }
        if not plan.unix_users:
            config["SimpleLocalProcessSpawner"] = {"home_dir_template": str(self.homes_dir / "{username}")}
            if os.geteuid() == 0:
                config["Spawner"]["args"] = ["--allow-root"]  # only when root asks for one shared account
        return config

    # -- the hub process ----------------------------------------------------------------
    def command(self) -> list[str]:
        return [sys.executable, "-m", "jupyterhub", "-f", str(self.config_file)]

    def start(self, timeout: float = 60) -> None:
        """Start the hub on a new database: users and groups come from this run's config."""
        self.start_hub(timeout, ["--JupyterHub.reset_db=True"])

    def start_hub(self, timeout: float = 60, options: list[str] | None = None) -> None:
        """Start the hub process and wait until it answers through the proxy."""
        # its own session: Ctrl-C in the terminal reaches the launcher only, which stops
        # the hub (and so the class) once; the output goes to the log file, never to a
        # pipe that would break when the launcher stops
        log_file = self.data_dir / "jupyterhub.log"
        with log_file.open("ab") as log:
            self.hub = subprocess.Popen([*self.command(), *(options or [])], cwd=self.data_dir,
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.hub.poll() is not None:
                raise HubError(f"JupyterHub stopped at start (exit {self.hub.returncode}); see {log_file}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=5):
                    return
            except OSError:
                time.sleep(0.2)
        raise HubError(f"JupyterHub did not answer within {timeout:.0f} s; see {log_file}")

    def keep_running(self, stop: threading.Event, say=print, max_restarts: int = 3) -> None:
        """Until ``stop`` is set (Ctrl-C), start the hub process again whenever it dies.

        A hub that dies outright (killed, out of memory) runs no clean-up, so students'
        servers keep running and the new hub finds them in its database: stopping them here
        would end every student's lesson because one process died. After ``max_restarts``
        deaths in a row within a minute of each start the hub is given up (HubError).
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

    def close(self, timeout: float = 90) -> None:
        """Stop the hub (SIGTERM): on its way out JupyterHub stops every student's server
        and the proxy (``cleanup_servers``, ``cleanup_proxy``)."""
        if self.hub is not None and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGTERM)
            try:
                self.hub.wait(timeout)
            except subprocess.TimeoutExpired:
                self.hub.kill()
                self.hub.wait(5)
        self.hub = None

    def __enter__(self) -> LocalHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
