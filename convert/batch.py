"""Batch conversion: many papers, in parallel, resumable, on this machine or on a Dask cluster.

The unit of work is one paper. :func:`render` turns its bytes into outputs (pure: no file system),
:func:`convert_paper` reads it, renders it and writes the outputs atomically; neither raises for a
bad paper: each returns a record that says what was written, what was guessed and what went wrong.
:func:`run_batch` finds the papers, skips those whose outputs are up to date, spreads the rest over
a local process pool (``jobs``) or a Dask cluster (``scheduler``), shows a progress bar, and returns
a :class:`BatchSummary`.

Outputs mirror the inputs' folders below ``out``: ``papers/2024/a.txt`` -> ``out/2024/a.html``, so
papers with the same name in different folders never overwrite each other. A journal in
``out/.pubconvert/manifest.jsonl`` records, per paper, the content hash of its text and options and
the files written; a re-run skips a paper whose hash is unchanged and whose outputs are all there,
so an interrupted batch resumes where it stopped.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import hashlib
import importlib
import json
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any, Literal

from convert.diagnostics import ConvertError, SourceError
from convert.output import styled_stem, write_atomically, write_files

INPUT_SUFFIXES = (".txt", ".pdf")  # what a folder is searched for
STATE_DIR = ".pubconvert"  # below the output folder: the resume journal
MANIFEST = "manifest.jsonl"
EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT = 0, 1, 2

Outcome = Literal["converted", "skipped", "failed"]
FailureKind = Literal["input", "bug"]


# --- records ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    """What besides a paper's text decides its outputs (the command's options), the same for every paper."""

    formats: tuple[str, ...]
    style_name: str = "default"
    encoding: str | None = None  # None: detect it
    replace_undecodable: bool = False
    max_size: int = 0  # bytes; 0: no limit

    def fingerprint(self) -> str:
        """Program version, options and the style's tokens: a change in any converts every paper again."""
        from convert.style import load_style

        try:
            version = metadata.version("pubconvert")
        except metadata.PackageNotFoundError:
            version = "unknown"
        fields = [
            version,
            list(self.formats),
            self.encoding,
            self.replace_undecodable,
            repr(load_style(self.style_name)),
        ]
        return json.dumps(fields)


@dataclass(frozen=True, slots=True)
class PaperJob:
    """One paper to convert: where it is, and where each format goes."""

    source: Path
    name: str  # the output path below ``out`` without suffix, posix style: "2024/a"
    targets: tuple[tuple[str, Path], ...]  # (format, output path), in the order asked for
    options: Options
    key: str = ""  # content hash of text + options; empty when not known yet


@dataclass(frozen=True, slots=True)
class Rendered:
    """The in-memory result of one paper: outputs, or the reason there are none."""

    outputs: dict[str, bytes]
    warnings: tuple[str, ...] = ()
    error: str | None = None
    error_kind: FailureKind | None = None
    detail: str = ""  # the traceback of an internal error, for --debug


@dataclass(frozen=True, slots=True)
class PaperResult:
    """What happened to one paper. ``error`` is None unless it failed; then nothing was written for it."""

    source: Path
    name: str
    outcome: Outcome
    written: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    error_kind: FailureKind | None = None
    detail: str = ""
    key: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """The outcome of a batch: every paper's record, in input order, and the totals."""

    results: tuple[PaperResult, ...]
    seconds: float
    backend: str = "serial"  # "serial", "processes:N" or the Dask scheduler's address
    workers: int = 1  # local worker processes used (1: this process; 0: nothing needed converting)

    def _count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def converted(self) -> int:
        return self._count("converted")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def failures(self) -> tuple[PaperResult, ...]:
        return tuple(r for r in self.results if r.outcome == "failed")

    @property
    def warnings(self) -> int:
        """Warnings about every paper that has outputs: converted now or by an earlier run (up to date)."""
        return sum(len(r.warnings) for r in self.results if r.outcome != "failed")

    @property
    def earlier_warnings(self) -> int:
        """Of :attr:`warnings`, those given when an earlier run converted the papers now up to date."""
        return sum(len(r.warnings) for r in self.results if r.outcome == "skipped")

    def workers_used(self) -> str:
        """Who converted: the Dask scheduler, the local worker processes, or this process alone."""
        if self.backend != "serial" and not self.backend.startswith("processes:"):
            return f"Dask scheduler {self.backend}"
        if self.workers == 0:
            return "no worker needed"
        if self.workers == 1:
            return "1 worker, this process"
        return f"{self.workers} worker processes"

    @property
    def exit_status(self) -> int:
        """0 all converted (or up to date), 2 some papers were bad input, 1 an internal error occurred."""
        kinds = {r.error_kind for r in self.failures}
        if "bug" in kinds:
            return EXIT_BUG
        return EXIT_BAD_INPUT if kinds else EXIT_OK

    def format(self, *, show_warnings: bool = False, limit: int = 50) -> str:
        """A few lines for the terminal: totals, then every failure with its reason."""
        total = len(self.results)
        earlier = f" ({self.earlier_warnings} from earlier runs)" if self.earlier_warnings else ""
        lines = [
            f"{total} paper{'s' if total != 1 else ''} in {self.seconds:.1f} s ({self.workers_used()}): "
            f"{self.converted} converted, {self.skipped} up to date, "
            f"{self.warnings} warning{'s' if self.warnings != 1 else ''}{earlier}, {self.failed} failed"
        ]
        if show_warnings:
            shown = [w for r in self.results if r.outcome != "failed" for w in r.warnings]
            lines += shown[:limit]
            if len(shown) > limit:
                lines.append(f"... and {len(shown) - limit} more warnings")
        failures = self.failures
        if failures:
            lines.append("failed:")
            lines += [f"  {r.error}" for r in failures[:limit]]
            if len(failures) > limit:
                lines.append(f"  ... and {len(failures) - limit} more failures")
        return "\n".join(lines)


# --- one paper ----------------------------------------------------------------------------------


def render(data: bytes, source: str, options: Options) -> Rendered:
    """Decode, read and write every format in memory. Never raises: a failure is a value."""
    try:
        from convert.pipeline import convert
        from convert.source import decode
        from convert.style import load_style

        decoded = decode(data, source, encoding=options.encoding, replace=options.replace_undecodable)
        conversion = convert(decoded, options.formats, load_style(options.style_name))
        warnings = tuple(d.format(source) for d in conversion.document.diagnostics)
        return Rendered(dict(conversion.outputs), warnings)
    except ConvertError as err:
        err.path = err.path or source
        return Rendered({}, error=err.format(), error_kind="input")
    except MemoryError:
        return Rendered({}, error=f"{source}: not enough memory to convert it — split it", error_kind="input")
    except Exception as err:  # a bug in pubconvert: keep the batch going, report it
        return Rendered(
            {},
            error=f"{source}: internal error: {type(err).__name__}: {err} — this is a bug in pubconvert; "
            "please report it with this input",
            error_kind="bug",
            detail=traceback.format_exc(),
        )


def shown(path: Path | str) -> str:
    """A path as it can be printed: bytes not valid in the file system's encoding as \\x.. escapes."""
    return os.fsencode(path).decode(sys.getfilesystemencoding(), errors="backslashreplace")


def read_source(path: Path, max_size: int = 0) -> bytes:
    """The bytes of an input file (at most ``max_size``), or a :class:`SourceError` that says what to do."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_size and size > max_size:
                raise SourceError(
                    f"the file is {size} bytes, larger than the limit of {max_size} — split it, or raise --max-size",
                    path=shown(path),
                )
            return handle.read()
    except FileNotFoundError:
        raise SourceError("no such file — check the path", path=shown(path)) from None
    except IsADirectoryError:
        raise SourceError("is a folder, not a text file", path=shown(path)) from None
    except OSError as err:
        raise SourceError(f"cannot read it ({err.strerror}) — check its permissions", path=shown(path)) from None


def write_outputs(job: PaperJob, rendered: Rendered, started: float) -> PaperResult:
    """Write what :func:`render` made; a write error makes the paper fail, never the batch."""
    if rendered.error is not None:
        return _failed(job, rendered.error, rendered.error_kind or "bug", rendered.detail, started)
    files = {target: rendered.outputs[fmt] for fmt, target in job.targets}
    try:
        for folder in {target.parent for target in files}:
            folder.mkdir(parents=True, exist_ok=True)
        write_files(files)  # all or none: a failure leaves every earlier output as it was
    except OSError as err:
        where = shown(err.filename) if err.filename else shown(job.targets[0][1].parent)
        message = f"{where}: cannot write it ({err.strerror}) — no output of {shown(job.source)} was changed"
        return _failed(job, message, "input", "", started)
    return PaperResult(
        job.source,
        job.name,
        "converted",
        tuple(files),
        rendered.warnings,
        key=job.key,
        seconds=time.perf_counter() - started,
    )


def convert_paper(job: PaperJob) -> PaperResult:
    """Read, convert and write one paper (what a local worker runs). Never raises for a bad paper."""
    started = time.perf_counter()
    try:
        data = read_source(job.source, job.options.max_size)
    except SourceError as err:
        return _failed(job, err.format(), "input", "", started)
    return write_outputs(job, render(data, shown(job.source), job.options), started)


def _failed(job: PaperJob, error: str, kind: FailureKind, detail: str, started: float) -> PaperResult:
    return PaperResult(
        job.source,
        job.name,
        "failed",
        error=error,
        error_kind=kind,
        detail=detail,
        key=job.key,
        seconds=time.perf_counter() - started,
    )


# --- finding papers and naming outputs ----------------------------------------------------------


def find_inputs(inputs: Iterable[Path], out: Path | None = None) -> list[tuple[Path, Path]]:
    """Every paper named or found below a named folder, with the root its output name is relative to.

    A folder is searched recursively for ``*.txt`` and ``*.pdf``, skipping hidden entries and the output folder.
    The root is the common folder of all inputs (a named folder counts as its own root), so one
    folder mirrors into ``out`` as it is, and two folders keep their names apart.
    """
    skip = out.resolve() if out is not None else None
    found: list[tuple[Path, Path]] = []  # (path as given, its root)
    for given in inputs:
        if given.is_dir():
            root = given.resolve()
            for path in sorted(_walk(given, skip)):
                found.append((path, root))
        else:
            found.append((given, given.resolve().parent))
    if not found:
        return []
    common = Path(os.path.commonpath([str(root) for _, root in found]))
    unique: dict[Path, tuple[Path, Path]] = {}
    for path, _ in found:
        unique.setdefault(path.resolve(), (path, common))
    return list(unique.values())


def _walk(folder: Path, skip: Path | None) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(folder):
        here = Path(directory)
        subdirectories[:] = [
            d for d in subdirectories if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)
        ]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES):
                yield here / name


def plan_jobs(inputs: Iterable[Path], out: Path, options: Options) -> list[PaperJob]:
    """One job per paper, with output paths that mirror the inputs' folders and never collide."""
    from convert.writers import get_writer

    suffixes = [(fmt, get_writer(fmt).suffix) for fmt in options.formats]
    found = find_inputs(inputs, out)
    names: list[str] = []
    for path, root in found:
        relative = path.resolve().relative_to(root)
        names.append(relative.with_suffix("").as_posix())
    taken: dict[str, int] = {}
    for name in names:
        taken[name] = taken.get(name, 0) + 1
    jobs = []
    for (path, root), name in zip(found, names, strict=True):
        if taken[name] > 1:  # a.txt and a.text in one folder: keep the whole file name
            name = path.resolve().relative_to(root).as_posix()
        stem = styled_stem(name, options.style_name)  # "2024/a.large-print" for another style
        targets = tuple((fmt, out / f"{stem}{suffix}") for fmt, suffix in suffixes)
        jobs.append(PaperJob(path, name, targets, options))
    return jobs


# --- content hashes and the resume journal ------------------------------------------------------


def content_key(data: bytes, fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode("utf-8"))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class Manifest:
    """An append-only journal of converted papers (one JSON line each); the last line for a name wins.

    Appending a line per paper keeps an interrupted batch's progress; :meth:`compact` rewrites the
    journal atomically with one line per paper when the batch ends.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_DIR / MANIFEST
        self.entries: dict[str, dict[str, Any]] = {}
        self._handle: IO[str] | None = None
        with contextlib.suppress(FileNotFoundError):
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    self.entries[str(entry["name"])] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by an interruption

    def up_to_date(self, job: PaperJob) -> bool:
        entry = self.entries.get(job.name)
        if entry is None or entry.get("key") != job.key:
            return False
        sizes: dict[str, int] = entry.get("outputs", {})
        for _, target in job.targets:
            try:
                if target.stat().st_size != sizes.get(target.name):
                    return False
            except OSError:
                return False
        return True

    def record(self, result: PaperResult) -> None:
        if result.outcome != "converted" or not result.key:
            return
        sizes = {}
        for path in result.written:
            with contextlib.suppress(OSError):
                sizes[path.name] = path.stat().st_size
        entry = {"name": result.name, "key": result.key, "outputs": sizes, "warnings": list(result.warnings)}
        self.entries[result.name] = entry
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        self._handle.write(json.dumps(entry) + "\n")  # ASCII: file names that are not UTF-8 survive
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            text = "".join(json.dumps(e) + "\n" for e in self.entries.values())
            write_atomically(self.path, text.encode("utf-8"))


# --- running a batch ----------------------------------------------------------------------------


def run_batch(
    inputs: Sequence[Path],
    out: Path,
    formats: Sequence[str],
    style_name: str = "default",
    jobs: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
    *,
    force: bool = False,
    encoding: str | None = None,
    replace_undecodable: bool = False,
    max_size: int = 0,
) -> BatchSummary:
    """Convert every paper in ``inputs`` (files or folders) into ``out``; see the module's docstring.

    ``jobs`` is the number of local worker processes (1: in this process, 0: one per core);
    ``scheduler`` a Dask scheduler address (``tcp://host:8786``), which overrides ``jobs``.
    ``force`` converts even papers whose outputs are up to date; ``encoding``, ``replace_undecodable``
    and ``max_size`` are the command's input options. Raises :class:`ConvertError` only for problems
    with the whole batch (an unknown format or style, an unreachable scheduler); a bad paper is a
    failed record in the summary.
    """
    started = time.perf_counter()
    options = Options(tuple(formats), style_name, encoding, replace_undecodable, max_size)
    plan = plan_jobs(inputs, out, options)
    if not plan:
        folders = [path for path in inputs if path.is_dir()] or list(inputs)
        where = shown(folders[0]) if folders else None
        raise SourceError(
            "no paper (*.txt or *.pdf) in it — name the files to convert, or a folder that has some", path=where
        )
    fingerprint = options.fingerprint()
    manifest = Manifest(out)
    results: dict[str, PaperResult] = {}
    todo: list[PaperJob] = []
    data_by_name: dict[str, bytes] = {}
    for job in plan:
        try:
            data = read_source(job.source, max_size)
        except SourceError as err:
            results[job.name] = _failed(job, err.format(), "input", "", time.perf_counter())
            continue
        job = dataclasses.replace(job, key=content_key(data, fingerprint))
        if not force and manifest.up_to_date(job):
            warnings = tuple(manifest.entries[job.name].get("warnings", ()))
            outputs = tuple(target for _, target in job.targets)
            results[job.name] = PaperResult(job.source, job.name, "skipped", outputs, warnings, key=job.key)
            continue
        todo.append(job)
        if scheduler is not None:
            data_by_name[job.name] = data  # a remote worker may not see our files: send the text

    workers = _worker_count(jobs, len(todo)) if todo else 0
    backend = scheduler if scheduler is not None else ("serial" if workers <= 1 else f"processes:{workers}")
    with _Progress(len(plan), enabled=progress) as bar:
        for result in results.values():
            bar.advance(result)

        def done(result: PaperResult) -> None:
            results[result.name] = result
            manifest.record(result)
            bar.advance(result)

        try:
            if not todo:
                pass
            elif scheduler is not None:
                _run_dask(scheduler, todo, data_by_name, done)
            elif workers <= 1:
                for job in todo:
                    done(convert_paper(job))
            else:
                _run_processes(workers, todo, done)
        finally:
            manifest.close()
    ordered = tuple(results[job.name] for job in plan if job.name in results)
    return BatchSummary(ordered, time.perf_counter() - started, backend, workers)


def _worker_count(jobs: int, papers: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = cores if jobs <= 0 else jobs
    return max(1, min(wanted, papers))


def _warm_up() -> None:
    """Import the pipeline once per worker process, before its first paper."""
    import convert.pipeline  # noqa: F401


def _run_processes(workers: int, todo: list[PaperJob], done: Callable[[PaperResult], None]) -> None:
    # spawn: each worker starts clean (no fork of a process running the progress bar's thread), and is
    # this process's own child, so its CPU time and memory count in this process's accounting
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up) as pool:
        futures = {pool.submit(convert_paper, job): job for job in todo}
        try:
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    done(future.result())
                except Exception as err:  # a worker died (out of memory, killed): that paper failed
                    done(
                        _failed(
                            job,
                            f"{job.source}: worker failed: {type(err).__name__}: {err}",
                            "bug",
                            traceback.format_exc(),
                            time.perf_counter(),
                        )
                    )
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _run_dask(
    scheduler: str,
    todo: list[PaperJob],
    data_by_name: dict[str, bytes],
    done: Callable[[PaperResult], None],
) -> None:
    """Each paper a Dask task that renders in memory; the outputs come back and are written here."""
    try:
        distributed: Any = importlib.import_module("distributed")  # optional, and untyped
    except ImportError:
        raise ConvertError(
            "--scheduler needs Dask: pip install 'dask[distributed]' (on this machine and the workers)"
        ) from None
    try:
        client = distributed.Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise ConvertError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    with client:
        submitted: dict[Any, tuple[Any, PaperJob, float]] = {}
        for job in todo:
            future = client.submit(
                render,
                data_by_name[job.name],
                shown(job.source),
                job.options,
                key=f"pubconvert-{job.key[:16]}-{job.name}",
                pure=False,
            )
            submitted[future.key] = (future, job, time.perf_counter())
        for future in distributed.as_completed([future for future, _, _ in submitted.values()]):
            _, job, since = submitted.pop(future.key)
            try:
                rendered = future.result()
            except Exception as err:  # the task's worker died or the task could not run
                done(
                    _failed(
                        job,
                        f"{job.source}: cluster task failed: {type(err).__name__}: {err}",
                        "bug",
                        traceback.format_exc(),
                        since,
                    )
                )
                continue
            finally:
                future.release()
            done(write_outputs(job, rendered, since))


@dataclass
class _Progress:
    """A rich progress bar on stderr: papers done, failures, time left. Silent when disabled."""

    total: int
    enabled: bool = True
    _progress: Any = field(default=None, init=False)
    _task: Any = field(default=None, init=False)
    _failed: int = field(default=0, init=False)

    def __enter__(self) -> _Progress:
        if self.enabled and self.total:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("papers", total=self.total, failed=0)
        return self

    def advance(self, result: PaperResult) -> None:
        if result.outcome == "failed":
            self._failed += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, failed=self._failed)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)
