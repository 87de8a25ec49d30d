"""``pubconvert serve``: start time, warm conversion latency of the seed, and the CLI's cold time beside it.

    python -m benchmarks.serve                   3 starts, 30 warm requests, 5 CLI runs
    python -m benchmarks.serve --requests 100

*Listening* is the time from starting ``python -m convert serve`` to the first ``GET /healthz``
that answers 200; *warm* is until every worker has imported the writers and converted a tiny text
(``ready`` in /healthz). A *warm conversion* is ``POST /api/convert`` of the seed, all formats (pdf,
docx, epub, html, json), answered with JSON, measured by the client over loopback after three
requests to warm up; the files are on disk under the server's folder when the answer comes. The
*CLI cold time* is ``pubconvert fixtures/seed/source.txt`` in a fresh process, same formats. This
prints figures; no test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from benchmarks.corpus import ROOT, SEED
from tests.serving import free_port, post, running_server

WORKERS = 2


def start_times(runs: int) -> list[tuple[float, float]]:
    """(listening, warm) seconds of each of ``runs`` fresh starts."""

    found = []
    for _ in range(runs):
        port = free_port()
        started = time.perf_counter()
        command = [sys.executable, "-m", "convert", "serve", "--port", str(port), "--workers", str(WORKERS)]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        listening = None
        try:
            while time.perf_counter() - started < 60:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                        health = json.loads(answer.read())
                except OSError:
                    time.sleep(0.01)
                    continue
                listening = listening or time.perf_counter() - started
                if health["ready"] == WORKERS:
                    found.append((listening, time.perf_counter() - started))
                    break
                time.sleep(0.01)
        finally:
            process.terminate()
            process.wait(20)
    return found


def warm_latencies(requests: int, accept: str = "") -> list[float]:
    seed = SEED.read_bytes()
    times = []
    with running_server(workers=WORKERS) as server:
        for index in range(requests + 3):
            started = time.perf_counter()
            status, _, _ = post(server.url + "/api/convert", {}, ("source.txt", seed), accept=accept)
            elapsed = time.perf_counter() - started
            assert status == 200, status
            if index >= 3:
                times.append(elapsed)
    return times


def cli_cold_times(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "convert", str(SEED), "-o", folder, "-q"], cwd=ROOT, check=True)
            times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{min(times):.3f} | {statistics.median(times):.3f} | {p90:.3f} | {len(times)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--cli-runs", type=int, default=5)
    args = parser.parse_args()
    starts = start_times(args.starts)
    json_times = warm_latencies(args.requests)
    zip_times = warm_latencies(args.requests, accept="application/zip")
    cli_times = cli_cold_times(args.cli_runs)
    print("| what (seed, all formats) | fastest s | median s | p90 s | runs |")
    print("|---|--:|--:|--:|--:|")
    print(f"| serve: start until listening (/healthz 200) | {summary([s for s, _ in starts])} |")
    print(f"| serve: start until {WORKERS} workers warm | {summary([w for _, w in starts])} |")
    print(f"| serve: warm conversion, JSON answer | {summary(json_times)} |")
    print(f"| serve: warm conversion, ZIP answer | {summary(zip_times)} |")
    print(f"| CLI: one command, cold process | {summary(cli_times)} |")


if __name__ == "__main__":
    main()
