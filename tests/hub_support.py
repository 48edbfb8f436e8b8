"""Driving a class hub from the tests and the hub benchmark, as students in browsers would.

``HubDriver`` is ``make hub``'s ``LocalHub`` plus what only a test needs: the hub's REST
API (with a service token of its own), starting and stopping students' servers, a kernel
on a student's server reached through the proxy (``KernelClient``), and the processes
each student runs. ``RestartableHub`` runs its own proxy and keeps students' servers when
the hub stops, so a test can restart the hub under running lessons; when it closes it
hands the class back to JupyterHub's defaults and stops it the way ``make hub`` does.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import count
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

from curriculum.hub import accounts
from curriculum.hub.local import PROXY, HubError, LocalHub

# the students' environment shared by the hub tests and the hub benchmark (rebuilt only
# when the course's files change)
SHARED_ENV = Path("/tmp/cyber-safety-curriculum-hub-env")
SERVICE = "curriculum-tests"  # the hub's service the tests act through


class KernelError(Exception):
    """The code raised in the kernel, or the kernel could not be reached."""


@dataclass
class Result:
    stdout: str
    seconds: float


class KernelClient:
    """Run code in a kernel on a student's server: start it through the server's REST API,
    send ``execute_request`` messages over its websocket, collect what it prints. Only the
    Jupyter message fields these uses need are filled in. Each client owns a private event
    loop, so one client per thread is safe."""

    def __init__(self, server_url: str, token: str, timeout: float = 120):
        self.server_url = server_url.rstrip("/") + "/"
        self.headers = {"Authorization": f"token {token}"}
        self.timeout = timeout
        self.loop = asyncio.new_event_loop()
        self.kernel_id: str | None = None
        self._ws = None
        self._ids = count(1)
        self.session = f"csc-{id(self):x}"

    def _run(self, coro):
        return self.loop.run_until_complete(asyncio.wait_for(coro, self.timeout))

    async def _request(self, method: str, path: str, body: dict | None = None) -> dict | None:
        req = HTTPRequest(self.server_url + path, method=method, headers=self.headers,
                          body=json.dumps(body) if body is not None else None,
                          request_timeout=self.timeout)
        resp = await AsyncHTTPClient().fetch(req, raise_error=False)
        if resp.code >= 400:
            raise KernelError(f"{method} {self.server_url}{path}: HTTP {resp.code} {resp.body[:200]!r}")
        return json.loads(resp.body) if resp.body else None

    def start(self) -> KernelClient:
        async def go():
            kernel = await self._request("POST", "api/kernels", {"name": "python3"})
            self.kernel_id = kernel["id"]
            url = (self.server_url.replace("http", "ws", 1)
                   + f"api/kernels/{self.kernel_id}/channels?session_id={self.session}")
            self._ws = await websocket_connect(HTTPRequest(url, headers=self.headers,
                                                           request_timeout=self.timeout))
        self._run(go())
        return self

    def execute(self, code: str) -> Result:
        """Run ``code``; return what it printed. Raise ``KernelError`` if it raised."""
        msg_id = f"{self.session}-{next(self._ids)}"
        message = {
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "csc",
                       "session": self.session, "version": "5.3",
                       "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }

        async def go() -> Result:
            started = time.perf_counter()
            await self._ws.write_message(json.dumps(message))
            out, error, replied, idle = [], None, False, False
            while not (replied and idle):
                raw = await self._ws.read_message()
                if raw is None:
                    raise KernelError(f"{self.server_url}: the kernel's connection closed")
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    out.append(content["text"])
                elif kind == "error":
                    error = f"{content['ename']}: {content['evalue']}"
                elif kind == "execute_reply":
                    replied = True
                elif kind == "status" and content.get("execution_state") == "idle":
                    idle = True
            if error:
                raise KernelError(error)
            return Result("".join(out), time.perf_counter() - started)

        return self._run(go())

    def close(self) -> None:
        try:
            if self._ws is not None:
                self._ws.close()
            if self.kernel_id:
                self._run(self._request("DELETE", f"api/kernels/{self.kernel_id}"))
        except Exception:  # noqa: BLE001 - the server may already be gone (a fault test)
            pass
        finally:
            self.loop.close()

    def __enter__(self) -> KernelClient:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def running(where) -> list[psutil.Process]:
    """Every process ``where(process)`` holds for; one that ended or is out of reach is skipped."""
    found = []
    for proc in psutil.process_iter():
        try:
            if where(proc):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


class HubDriver(LocalHub):
    """A class hub with the REST API, kernels and processes the tests look at."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.token = secrets.token_hex(32)

    def config(self, server_python: str) -> dict:
        """``make hub``'s configuration and a service that may list users and start,
        stop and open their servers (not an admin token)."""
        config = super().config(server_python)
        config["JupyterHub"]["services"] = [{"name": SERVICE, "api_token": self.token}]
        config["JupyterHub"]["load_roles"] = [{
            "name": SERVICE,
            "scopes": ["list:users", "read:users", "admin:servers", "access:servers"],
            "services": [SERVICE],
        }]
        return config

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
    def processes(self, name: str | None = None) -> list[psutil.Process]:
        """The servers and kernels this hub started for ``name`` (every account when None),
        found by the hub's API address JupyterHub puts in their environment."""
        api = f"http://127.0.0.1:{self.hub_port}/"

        def started_here(proc: psutil.Process) -> bool:
            env = proc.environ()
            return (env.get("JUPYTERHUB_API_URL", "").startswith(api)
                    and (name is None or env.get("JUPYTERHUB_USER") == name))

        return running(started_here)

    def proxy_processes(self) -> list[psutil.Process]:
        """The configurable-http-proxy serving this hub, found by its API port."""
        option = ["--api-port", str(self.proxy_api_port)]

        def serves_here(proc: psutil.Process) -> bool:
            line = proc.cmdline()
            return any(line[i:i + 2] == option for i in range(len(line) - 1))

        return running(serves_here)

    def home(self, name: str) -> Path:
        if self.plan.unix_users:
            return Path(pwd.getpwnam(name).pw_dir)
        return self.homes_dir / name

    def stop_hub(self) -> None:
        """Stop the hub process only (SIGTERM), as its clean-up is configured."""
        LocalHub.close(self)

    def close(self, remove_accounts: bool = False) -> list[int]:
        """``make hub``'s Ctrl-C (``LocalHub.close``), then kill whatever outlived it: the
        proxy, servers or kernels. Returns those processes' ids (none when JupyterHub
        stopped everything itself)."""
        super().close()
        leftovers = self.processes() + self.proxy_processes()
        for proc in leftovers:
            try:
                proc.kill()
            except psutil.Error:
                pass  # gone already
        if remove_accounts and self.plan.unix_users:
            for name in self.users:
                accounts.remove_user(name)
        return [proc.pid for proc in leftovers]


# JupyterHub's own switches: students' servers and the proxy outlive a hub that stops
RESTART_SAFE = ["--JupyterHub.cleanup_servers=False", "--ConfigurableHTTPProxy.should_start=False"]


class RestartableHub(HubDriver):
    """A hub the tests can stop and start again while students keep working: it runs
    with ``RESTART_SAFE`` and its own proxy. Closing it starts the hub once more with
    ``make hub``'s defaults (its own proxy, ``cleanup_servers``), over the servers still
    running, and stops it as Ctrl-C does, so what is left over is what ``make hub`` leaves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.proxy_token = secrets.token_hex(32)
        self.proxy: subprocess.Popen | None = None
        self.restart_safe = True

    def config(self, server_python: str) -> dict:
        config = super().config(server_python)
        config["ConfigurableHTTPProxy"]["auth_token"] = self.proxy_token
        return config

    def command(self) -> list[str]:
        return [*super().command(), *(RESTART_SAFE if self.restart_safe else [])]

    def start(self, timeout: float = 60) -> None:
        self.start_proxy()
        super().start(timeout)

    def start_proxy(self) -> None:
        env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": self.proxy_token}
        with (self.data_dir / "proxy.log").open("ab") as log:  # the proxy keeps its own copy
            self.proxy = subprocess.Popen(
                [str(PROXY), "--ip", "127.0.0.1", "--port", str(self.port), "--api-ip", "127.0.0.1",
                 "--api-port", str(self.proxy_api_port),
                 "--default-target", f"http://127.0.0.1:{self.hub_port}",
                 "--error-target", f"http://127.0.0.1:{self.hub_port}/hub/error"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop_proxy(self) -> None:
        if self.proxy is not None and self.proxy.poll() is None:
            self.proxy.terminate()
            self.proxy.wait(15)
        self.proxy = None

    def close(self, remove_accounts: bool = False) -> list[int]:
        ran = self.hub is not None and self.hub.poll() is None
        self.stop_hub()
        self.stop_proxy()
        if ran:
            self.restart_safe = False
            try:
                self.start_hub()
            except HubError:
                pass  # what it left running is killed and counted below
        return super().close(remove_accounts)
