"""A real JupyterLab server for the browser tests, started and stopped by process id.

The server runs the venv's ``jupyter lab`` on 127.0.0.1 at a free port with a random-free,
per-run token, in a temporary copy of ``notebooks/``, with its own user settings, config
folder, workspace, runtime folder and progress database, so a test run touches nothing of
the user's. Its application settings (overrides.json) are the environment's, the ones a
learner's JupyterLab reads.
Stopping it is by its own process id: a polite SIGTERM to its process group first (the
server then shuts its kernels down), then SIGKILL to whatever of the server and its
descendants (kernels run in their own sessions) is still alive. ``stop`` returns the
processes that survived, so the fixture can assert that none did.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from curriculum.hub.local import free_port  # the one helper for a free loopback port

# User settings written before the server starts (the same files JupyterLab writes when a
# user changes a setting). Windowing off keeps every cell in the DOM, so a test can look at
# all outputs; no space after the last cell, so a screenshot of the whole notebook ends
# where the notebook does. Nothing here turns the news prompt or update checks off: the
# course's own JupyterLab settings (``{sys.prefix}/share/jupyter/lab/settings/
# overrides.d/cyber-safety-curriculum.json``, installed with the package) must do that, as for a learner, and
# test_lab_settings.py checks that they did.
SETTINGS: dict[str, dict] = {
    "@jupyterlab/apputils-extension/themes": {"theme": "JupyterLab Light", "adaptive-theme": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
}


# Page config: no build check (it runs node/yarn on the server for nothing when the
# course installs no source extensions). Given in the server's own config folder
# (labconfig/page_config.json), so JupyterLab keeps reading its application settings,
# overrides.d among them, from the environment, where a learner's JupyterLab does.
PAGE_CONFIG = {"buildCheck": False, "buildAvailable": False}


def write_settings(settings_dir: Path, settings: dict[str, dict] = SETTINGS) -> None:
    for key, values in settings.items():
        path = settings_dir / f"{key}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2), encoding="utf-8")


@dataclass
class LabServer:
    root: Path
    notebooks: Path
    port: int
    token: str
    process: subprocess.Popen
    log_path: Path
    known: set[int] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self, path: str = "lab") -> str:
        return f"{self.url}/{path}?token={self.token}"

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def api(self, path: str, method: str = "GET", timeout: float = 10) -> object:
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - localhost only
            body = resp.read()
        return json.loads(body) if body else None

    def lab_setting(self, plugin: str) -> dict:
        """A plugin's settings as JupyterLab serves them: ``schema`` (its defaults, with
        overrides.json applied) and ``settings`` (what the user changed)."""
        return self.api(f"/lab/api/settings/{plugin}")

    def descendants(self) -> set[int]:
        """The server's process and every process under it (kernels included), by pid."""
        try:
            proc = psutil.Process(self.process.pid)
            found = {proc.pid} | {c.pid for c in proc.children(recursive=True)}
        except psutil.NoSuchProcess:
            found = set()
        self.known |= found
        return found

    def wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("/api/status", timeout=5)
                return
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.5)  # polling a socket: there is nothing to wait on instead
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self, grace: float = 60) -> list[str]:
        """Stop the server and its kernels; return a description of any survivor."""
        self.descendants()
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        for pid in sorted(self.known | {self.process.pid}):
            _kill(pid)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait(timeout=30)
        gone, alive = psutil.wait_procs([p for p in map(_proc, self.known) if p], timeout=10)
        return [f"{p.pid} {' '.join(p.cmdline()[:3])}" for p in alive if _running(p)]


def _proc(pid: int) -> psutil.Process | None:
    try:
        return psutil.Process(pid)
    except psutil.NoSuchProcess:
        return None


def _running(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def start_lab(src_notebooks: Path, workdir: Path, ready_timeout: float = 900) -> LabServer:
    """Copy the notebooks and start JupyterLab on them; return once it answers."""
    notebooks = workdir / "notebooks"
    shutil.copytree(src_notebooks, notebooks,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    settings = workdir / "settings"
    write_settings(settings)
    config = workdir / "config"  # JUPYTER_CONFIG_DIR: none of the user's own config
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={notebooks}", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
           "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), JUPYTER_CONFIG_DIR=str(config),
               CURRICULUM_PROGRESS_DB=str(workdir / "progress.sqlite"))
    log_path = workdir / "jupyterlab.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=notebooks, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    server = LabServer(workdir, notebooks, port, token, proc, log_path)
    try:
        server.wait_until_ready(ready_timeout)
    except BaseException:
        server.stop(grace=10)
        raise
    return server
