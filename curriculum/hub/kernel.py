"""Run code in a kernel on a student's server, over the hub's proxy, as a browser would.

Tests and the hub benchmark use it to act as a student: start a kernel through the
server's REST API, send ``execute_request`` messages over the kernel's websocket, collect
what it prints. Only the Jupyter message fields these uses need are filled in. Each client
owns a private event loop, so one client per thread is safe.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import count

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect


class KernelError(Exception):
    """The code raised in the kernel, or the kernel could not be reached."""


@dataclass
class Result:
    stdout: str
    seconds: float


class KernelClient:
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
