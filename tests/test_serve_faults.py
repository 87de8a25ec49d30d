"""``pubconvert serve`` under pressure, on loopback only: a full queue, a time limit, a killed worker, load.

Every loop here is bounded in count and time and stops by itself. Speed is not asserted; the
memory bound of the load test is a limit on the server, stated in docs/serve.md.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.corpus import long_paper
from tests.conftest import FIXTURES
from tests.serving import post, running_server

SEED = FIXTURES / "seed" / "source.txt"
LOAD_REQUESTS = 200
LOAD_CONCURRENCY = 20
BACK_OFF = 0.1  # seconds a load-test client waits after a 503 before its next request (Retry-After is >= 1 s)
MEMORY_LIMIT = 512 * 1024 * 1024  # server and its 2 workers, resident, during the load test (measured: 315 MiB)


def slow_paper(pages: int) -> bytes:
    """A long made-up paper whose PDF takes the workers a while (about 25 ms a page here)."""
    return long_paper(pages).text.encode("utf-8")


def test_a_full_queue_gets_503_with_retry_after() -> None:
    paper = slow_paper(30)
    with running_server("--queue", "1", workers=1) as server:

        def send(_: int) -> tuple[int, str]:
            status, headers, _ = post(server.url + "/api/convert", {"formats": "pdf"}, ("long.txt", paper))
            return status, headers.get("Retry-After", "")

        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(send, range(6)))
    statuses = sorted(status for status, _ in answers)
    assert set(statuses) == {200, 503}, statuses
    assert statuses.count(200) >= 2  # one converting, one waiting in the queue
    assert all(retry.isdigit() and int(retry) >= 1 for status, retry in answers if status == 503)


def test_a_conversion_past_the_time_limit_gets_504_and_its_worker_is_replaced() -> None:
    with running_server("--timeout", "0.5", workers=1) as server:
        before = server.worker_pids()
        status, _, body = post(server.url + "/api/convert", {"formats": "pdf"}, ("long.txt", slow_paper(100)))
        assert status == 504, body
        assert "long.txt: the conversion took longer than the limit of 0.5 s" in json.loads(body)["error"]
        server.wait_ready(1)
        status, _, body = post(server.url + "/api/convert", {"formats": "html"}, ("source.txt", SEED.read_bytes()))
        assert status == 200, body
        assert server.worker_pids() != before


def test_a_worker_killed_mid_request_costs_only_that_request() -> None:
    paper = slow_paper(100)
    with running_server(workers=2) as server:
        before = server.worker_pids()
        assert len(before) == 2
        answers: list[tuple[int, bytes]] = []

        def send() -> None:
            status, _, body = post(server.url + "/api/convert", {"formats": "pdf"}, ("long.txt", paper))
            answers.append((status, body))

        senders = [threading.Thread(target=send) for _ in range(2)]
        for sender in senders:
            sender.start()
        deadline = time.monotonic() + 30
        while server.health()["in_progress"] != 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # both are converting now
        os.kill(before[0], signal.SIGKILL)
        for sender in senders:
            sender.join(120)
        statuses = sorted(status for status, _ in answers)
        assert statuses == [200, 500], answers
        error = json.loads(next(body for status, body in answers if status == 500))["error"]
        assert error.startswith("long.txt: internal error: the worker converting it stopped (exit code -9)")
        server.wait_ready(2)
        after = server.worker_pids()
        assert before[0] not in after and before[1] in after and len(after) == 2
        assert f"worker {before[0]} replaced: the worker converting it stopped (exit code -9)" in server.messages()
        status, _, _ = post(server.url + "/api/convert", {}, ("source.txt", SEED.read_bytes()))
        assert status == 200


def test_stopping_the_server_stops_its_workers_and_deletes_its_files(tmp_path: Path) -> None:
    with running_server("--store", str(tmp_path), workers=2) as server:
        workers = server.worker_pids()
        assert len(workers) == 2
        assert post(server.url + "/api/convert", {"formats": "json"}, ("source.txt", SEED.read_bytes()))[0] == 200
        assert len(list(tmp_path.iterdir())) == 1
    assert list(tmp_path.iterdir()) == []
    assert server.process.returncode in (0, -signal.SIGTERM)  # uvicorn shuts down, then re-raises the signal
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_expired_files_are_deleted_without_a_request_to_trigger_it(tmp_path: Path) -> None:
    with running_server("--store", str(tmp_path), "--keep", "1", workers=1) as server:
        assert post(server.url + "/api/convert", {"formats": "json"}, ("source.txt", SEED.read_bytes()))[0] == 200
        assert len(list(tmp_path.iterdir())) == 1
        deadline = time.monotonic() + 20
        while list(tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(tmp_path.iterdir()) == []
        assert server.health()["stored_bytes"] == 0


def test_load_of_200_requests_20_at_a_time_gets_only_200_or_503_within_the_memory_limit() -> None:
    seed = SEED.read_bytes()
    with running_server(workers=2) as server:
        peak = server.memory()
        done = threading.Event()

        def sample_memory() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, server.memory())

        def send(_: int) -> int:
            status = post(server.url + "/api/convert", {}, ("source.txt", seed))[0]
            if status == 503:
                time.sleep(BACK_OFF)  # a client that is told to wait does not ask again at once
            return status

        sampler = threading.Thread(target=sample_memory)
        sampler.start()
        try:
            with ThreadPoolExecutor(LOAD_CONCURRENCY) as pool:
                statuses = list(pool.map(send, range(LOAD_REQUESTS)))
        finally:
            done.set()
            sampler.join()
        health = server.health()
    assert len(statuses) == LOAD_REQUESTS
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    assert statuses.count(200) >= 2 + 8  # at least the first wave: every worker busy and the default queue full
    assert peak < MEMORY_LIMIT, f"the server used {peak / 2**20:.0f} MiB"
    assert health["in_progress"] == 0
    print(f"load: {statuses.count(200)} x 200, {statuses.count(503)} x 503, peak {peak / 2**20:.0f} MiB")
