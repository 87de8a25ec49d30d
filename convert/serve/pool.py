"""A warm pool of worker processes, each owned by one request at a time.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: when one of its workers dies, the whole
pool breaks and every queued and running job fails with it, and a job past its time limit cannot
be stopped. Here each worker is a process with its own pipe, so a crash or a time-out kills and
replaces only that worker and fails only the request it was running.

- Workers are started with ``spawn`` (safe beside the server's threads), import the reader and
  every writer and convert a tiny text once (:func:`convert.serve.work.warm_up`), then wait.
- Admission is bounded: at most ``workers + queue`` requests are running or waiting; one more gets
  :class:`PoolBusy` at once (the server's 503 with Retry-After) instead of an unbounded queue.
- The blocking pipe calls run in one thread per worker, never in the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import multiprocessing
import signal
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

from convert.serve.work import Converted, Job, Refused, run_job, warm_up

LOG = logging.getLogger("pubconvert.serve")  # for whoever runs the server: workers lost and replaced
READY_TIMEOUT = 60.0  # seconds a new worker may take to import and warm up before it counts as failed
RECENT = 20  # conversions whose durations estimate the Retry-After of a 503


class PoolBusy(Exception):
    """Every worker is busy and the queue is full: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"all workers are busy and the queue is full — try again in {retry_after} s")
        self.retry_after = retry_after


class WorkerCrashed(Exception):
    """The worker process died while converting (killed, out of memory, a crash in a C library)."""


class WorkTimedOut(Exception):
    """The conversion ran past the per-request time limit; its worker was stopped and replaced."""


class ConversionBug(Exception):
    """The converter raised an unexpected exception: a bug in pubconvert, reported with its name."""


def _serve_jobs(connection: Connection) -> None:
    """A worker process: warm up, say ready, then convert each job sent until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    warm_up()
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(("done", run_job(job)))
        except Exception as err:  # our bug: the request gets a 500 that names it, the worker lives on
            connection.send(("bug", f"{type(err).__name__}: {err}"))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process: SpawnProcess = context.Process(target=_serve_jobs, args=(child,), daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end, so its death is an EOF here

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait_ready(self) -> None:
        if not self.connection.poll(READY_TIMEOUT):
            self.stop()
            raise WorkerCrashed(f"a new worker did not start within {READY_TIMEOUT:.0f} s")
        try:
            self.connection.recv()
        except (EOFError, OSError):
            self.stop()
            raise WorkerCrashed(f"a new worker exited while starting (exit code {self.process.exitcode})") from None

    def run(self, job: Job, timeout: float) -> Converted | Refused:
        """Send a job and wait for its answer; a dead or overdue worker raises (and is then stopped)."""
        try:
            self.connection.send(job)
            if not self.connection.poll(timeout):
                self.stop()
                raise WorkTimedOut(f"the conversion took longer than the limit of {timeout:g} s")
            kind, value = self.connection.recv()
        except (EOFError, OSError):
            self.process.join(1)
            raise WorkerCrashed(f"the worker converting it stopped (exit code {self.process.exitcode})") from None
        if kind == "bug":
            raise ConversionBug(value)
        result: Converted | Refused = value
        return result

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class WorkerPool:
    """``workers`` warm processes, ``queue`` more requests allowed to wait, ``timeout`` seconds per job."""

    def __init__(self, workers: int, queue: int, timeout: float) -> None:
        self.size = workers
        self.queue = queue
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()  # started, warm or not
        self._ready: set[_Worker] = set()  # warm and not failed
        self._admitted = 0
        self._durations: deque[float] = deque(maxlen=RECENT)
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pubconvert-pool")
        self._starting: set[asyncio.Task[None]] = set()
        self._closed = False

    async def start(self) -> None:
        """Start every worker in the background: the server listens at once, jobs wait until one is warm."""
        for _ in range(self.size):
            self._spawn()

    async def close(self) -> None:
        self._closed = True
        for task in list(self._starting):
            task.cancel()
        for worker in list(self._all):
            worker.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

    def status(self) -> dict[str, Any]:
        """Workers warm and requests in progress, for ``GET /healthz``."""
        return {"workers": self.size, "ready": len(self._ready), "in_progress": self._admitted,
                "limit": self.size + self.queue}  # fmt: skip

    def worker_pids(self) -> list[int]:
        return sorted(w.pid for w in self._all if w.pid is not None)

    async def run(self, job: Job) -> Converted | Refused:
        """Convert on a warm worker; :class:`PoolBusy` at once when the queue is full."""
        if self.full():
            raise PoolBusy(self.retry_after())
        self._admitted += 1
        try:
            try:  # bounded even when no worker can start (an import that fails in every new process)
                worker = await asyncio.wait_for(self._idle.get(), self._longest_wait())
            except TimeoutError:
                raise PoolBusy(self.retry_after()) from None
            started = time.monotonic()
            running = asyncio.get_running_loop().run_in_executor(self._threads, worker.run, job, self.timeout)
            running.add_done_callback(lambda done: self._release(worker, done, started))
            # shielded: a request that goes away leaves its job to finish, and the worker to come back
            return await asyncio.shield(running)
        finally:
            self._admitted -= 1

    def _release(self, worker: _Worker, done: asyncio.Future[Converted | Refused], started: float) -> None:
        """Back to the idle workers after a job; replaced when it crashed or ran out of time."""
        error = None if done.cancelled() else done.exception()
        if isinstance(error, WorkerCrashed | WorkTimedOut) or not worker.alive():
            LOG.warning("worker %s replaced: %s", worker.pid, error or "it stopped")
            worker.stop()
            self._all.discard(worker)
            self._ready.discard(worker)
            self._spawn()
            return
        if error is None:
            self._durations.append(time.monotonic() - started)
        self._idle.put_nowait(worker)

    def _longest_wait(self) -> float:
        """How long an admitted request may wait for a worker: the queue ahead of it at the time limit each."""
        return READY_TIMEOUT + self.timeout * (self.queue // self.size + 1)

    def full(self) -> bool:
        """No place left to wait: a new request would get :class:`PoolBusy`."""
        return self._admitted >= self.size + self.queue

    def retry_after(self) -> int:
        """Seconds until a place in the queue is likely free: the queue's work spread over the workers."""
        typical = sum(self._durations) / len(self._durations) if self._durations else 1.0
        return max(1, math.ceil(typical * (self.queue + self.size) / self.size))

    def _spawn(self) -> None:
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._start_worker())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _start_worker(self) -> None:
        worker = await asyncio.to_thread(_Worker)
        self._all.add(worker)
        try:
            await asyncio.to_thread(worker.wait_ready)
        except WorkerCrashed as error:
            LOG.warning("%s; trying again in 1 s", error)
            self._all.discard(worker)
            if not self._closed:
                await asyncio.sleep(1)  # a worker that cannot start is retried, not spun on
                self._spawn()
            return
        if self._closed:
            worker.stop()
            return
        self._ready.add(worker)
        self._idle.put_nowait(worker)
