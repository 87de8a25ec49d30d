"""A real ``pubconvert serve`` in a subprocess on a free loopback port, for the serve tests.

The server is started as a user starts it (``python -m convert serve``), waited for until every
worker is warm, and stopped with SIGTERM (uvicorn's graceful shutdown stops the workers). Only
loopback is ever used.
"""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO

from tests.conftest import ROOT

START_LIMIT = 90.0  # seconds: a generous bound for a busy shared machine, not a speed assertion


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: IO[bytes]  # the server's standard error

    def messages(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", errors="replace")

    def health(self) -> dict[str, object]:
        with urllib.request.urlopen(self.url + "/healthz", timeout=10) as response:
            data: dict[str, object] = json.loads(response.read())
            return data

    def worker_pids(self) -> list[int]:
        """The server's worker processes (spawned children running multiprocessing's entry point)."""
        return [pid for pid in descendants(self.process.pid) if b"spawn_main" in _cmdline(pid)]

    def memory(self) -> int:
        """Resident memory of the server and every process below it, in bytes."""
        return sum(resident_bytes(pid) for pid in [self.process.pid, *descendants(self.process.pid)])

    def wait_ready(self, workers: int, limit: float = START_LIMIT) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited ({self.process.returncode}): {self.messages()}"
            with contextlib.suppress(OSError, urllib.error.URLError):
                if self.health().get("ready") == workers:
                    return
            time.sleep(0.05)
        raise AssertionError(f"the server's {workers} workers were not ready within {limit:.0f} s: {self.messages()}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(*args: str, workers: int = 2) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, "-m", "convert", "serve", "--port", str(port), "--workers", str(workers), *args]
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a pipe nobody reads could fill and stop the server
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        server = Server(f"http://127.0.0.1:{port}", process, log)
        try:
            server.wait_ready(workers)
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += [int(child), *descendants(int(child))]
    return found


def resident_bytes(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def post(
    url: str, fields: dict[str, str], file: tuple[str, bytes] | None, accept: str = ""
) -> tuple[int, Message, bytes]:
    """A multipart POST with the standard library: status, headers and body, errors included."""
    boundary = "pubconvert-test-boundary"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    if file is not None:
        filename, data = file
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    return _send(request)


def get(url: str) -> tuple[int, Message, bytes]:
    return _send(urllib.request.Request(url))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _send(request: urllib.request.Request) -> tuple[int, Message, bytes]:
    try:
        with _OPENER.open(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
