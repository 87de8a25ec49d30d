"""Speed and memory of pubconvert against pandoc and typst, on the same texts, in the same run.

    python -m benchmarks.speed                 everything (several minutes on 2 cores)
    python -m benchmarks.speed --quick         seed, fixtures, 10 and 100 pages, a batch of 100
    python -m benchmarks.speed --markdown docs/benchmarks-run.md --json run.json

Others may be editing the working tree while you measure: to measure one commit, export it and
run the benchmark there: ``git archive HEAD | tar -x -C /tmp/snapshot && cd /tmp/snapshot &&
python3 -m benchmarks.speed``.

Every figure is one fresh process, as a user runs the command: wall time from start to exit,
CPU time (user + system, with any child processes) and peak memory (maximum resident set size)
from the kernel's accounting of that process. Each run is repeated and the fastest kept. Our
formats are whatever writers are registered; each is compared with its peer when the peer is
installed: pandoc (Debian) for HTML, DOCX and EPUB, typst (PyPI, PDF/UA-1) for PDF. A ratio is
ours / theirs: below 1.0 we are faster. No figure is asserted: this prints, it does not test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.corpus import LONG_PAGES, ROOT, SEED, Sample, batch_papers, fixtures, long_paper, write_batch
from benchmarks.peers import PEERS, available, pandoc_command, write_peer_inputs

FORMATS = ("html", "docx", "epub", "pdf")  # the formats for readers, each with a peer


@dataclass
class Run:
    wall: float  # seconds, process start to exit
    cpu: float  # seconds, user + system, children included
    peak_mb: float  # maximum resident set size
    work: float = 0.0  # seconds converting once imports are done (ours only)
    info: dict[str, float] = field(default_factory=dict)


@dataclass
class Row:
    sample: str
    pages: int
    fmt: str
    ours: Run
    peer: str = ""
    theirs: Run | None = None

    @property
    def ratio(self) -> float | None:
        """Wall time, ours / theirs: what a user waits."""
        return self.ours.wall / self.theirs.wall if self.theirs and self.theirs.wall else None

    @property
    def cpu_ratio(self) -> float | None:
        """CPU time, ours / theirs: the steadier figure when other work shares the machine."""
        return self.ours.cpu / self.theirs.cpu if self.theirs and self.theirs.cpu else None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _python_path() -> str:
    """This checkout first, then the caller's PYTHONPATH (to try a change without committing it)."""
    return os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)


def installed_environment(work: Path) -> dict[str, str]:
    """The environment of a user's install: this checkout on the path, its modules already byte-compiled.

    ``pip install`` compiles every module once; a checkout with ``PYTHONDONTWRITEBYTECODE`` set would
    compile ours again in every run. The bytecode goes to a cache under ``work``, never into the checkout.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=_python_path(), PYTHONPYCACHEPREFIX=str(work / "pycache"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", "convert", "benchmarks"], cwd=ROOT, env=env, check=True)
    return env


def measure(command: Sequence[str], env: dict[str, str]) -> Run:
    """Run ``command`` once; the kernel's rusage of the process (and its children) gives CPU and memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=err, cwd=ROOT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    info: dict[str, float] = {}
    for line in stdout.splitlines():
        if line.startswith("{"):
            info = json.loads(line)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, info.get("convert_wall", 0.0), info)


def best(command: Sequence[str], repeat: int, env: dict[str, str]) -> Run:
    """The fastest of ``repeat`` runs (the least disturbed by other work on the machine)."""
    return min((measure(command, env) for _ in range(max(1, repeat))), key=lambda run: run.wall)


def child(*args: str) -> list[str]:
    return [sys.executable, "-m", "benchmarks._child", *args]


def peer_command(fmt: str, markdown: Path, markup: Path, outdir: Path) -> list[str]:
    if PEERS[fmt] == "typst":
        return child("typst", str(markup), str(outdir / f"{markup.stem}.pdf"))
    return pandoc_command(fmt, markdown, outdir / f"{markdown.stem}.{fmt}")


def bench_sample(
    sample: Sample, formats: Sequence[str], repeat: int, peers: bool, work: Path, env: dict[str, str]
) -> list[Row]:
    source = work / f"{sample.name}.txt"
    source.write_text(sample.text, encoding="utf-8")
    markdown, markup = write_peer_inputs(sample.text, work, sample.name)
    rows = []
    for fmt in formats:
        try:
            ours = best(child("ours", fmt, str(source), str(work)), repeat, env)
        except RuntimeError as err:  # a writer that fails on this input: say so, measure the rest
            print(f"{sample.name:<34} {sample.pages:>5} {fmt:<6} FAILED: {str(err).splitlines()[-1]}", flush=True)
            continue
        row = Row(sample.name, sample.pages, fmt, ours)
        peer = PEERS.get(fmt, "")
        if peers and peer and available(peer):
            try:
                row.peer, row.theirs = peer, best(peer_command(fmt, markdown, markup, work), repeat, env)
            except RuntimeError as err:
                print(f"{peer} failed on {sample.name}: {str(err).splitlines()[-1]}", flush=True)
        rows.append(row)
        print(format_row(row), flush=True)
    return rows


def bench_seed_command(formats: Sequence[str], repeat: int, work: Path, env: dict[str, str]) -> Run:
    """All reader formats of the seed in one ``pubconvert`` command, start-up and imports included."""
    runs = [
        measure([sys.executable, "-m", "convert", str(SEED), "-t", ",".join(formats), "-o", str(work), "-q"], env)
        for _ in range(max(1, repeat))
    ]
    fastest = min(runs, key=lambda run: run.wall)
    fastest.info = {"median_wall": statistics.median(run.wall for run in runs), "runs": len(runs)}
    return fastest


def bench_batch(count: int, formats: Sequence[str], peers: bool, work: Path, env: dict[str, str]) -> list[Row]:
    """``count`` small papers, over every core: ours with run_batch, peers one paper after another per core."""
    folder, jobs = work / "papers", cores()
    sources = write_batch(folder, count)
    pages = sum(s.pages for s in batch_papers(count))
    rows = []
    for fmt in [*formats, ",".join(formats)] if len(formats) > 1 else formats:
        ours = measure(child("batch", fmt, str(folder), str(work / f"out-{fmt.replace(',', '-')}"), str(jobs)), env)
        row = Row(f"batch-{count}", pages, fmt if "," not in fmt else "all", ours)
        peer = PEERS.get(fmt, "")
        if peers and peer and available(peer):
            row.peer, row.theirs = peer, _peer_batch(fmt, sources, jobs, work, env)
        rows.append(row)
        print(format_row(row), flush=True)
    return rows


def _peer_batch(fmt: str, sources: list[Path], jobs: int, work: Path, env: dict[str, str]) -> Run:
    inputs = []
    peer_inputs = work / f"peer-{fmt}"
    peer_inputs.mkdir(exist_ok=True)
    for source in sources:
        markdown, markup = write_peer_inputs(source.read_text(encoding="utf-8"), peer_inputs, source.stem)
        inputs.append(markup if PEERS[fmt] == "typst" else markdown)
    slices = [inputs[i::jobs] for i in range(jobs)]
    started = time.perf_counter()
    processes = []
    for i, part in enumerate(slices):
        listfile = work / f"peer-{fmt}-{i}.list"
        listfile.write_text("\n".join(map(str, part)), encoding="utf-8")
        command = child("peer-batch", fmt, str(listfile), str(peer_inputs))
        processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT, env=env))
    cpu = peak = 0.0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"peer batch for {fmt} failed")
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)
    return Run(time.perf_counter() - started, cpu, peak)


# --- printing -----------------------------------------------------------------------------------

HEADER = (
    f"{'input':<34} {'pages':>5} {'format':<6} {'wall s':>7} {'work s':>7} {'cpu s':>7} {'peak MB':>7} "
    f"{'pages/s':>8} | {'peer':<6} {'wall s':>7} {'cpu s':>7} {'peak MB':>7} {'wall o/t':>8} {'cpu o/t':>7}"
)


def format_row(row: Row) -> str:
    o, t = row.ours, row.theirs
    text = (
        f"{row.sample:<34} {row.pages:>5} {row.fmt:<6} {o.wall:>7.3f} {o.work:>7.3f} {o.cpu:>7.3f} "
        f"{o.peak_mb:>7.0f} {row.pages / o.wall:>8.1f} | "
    )
    if t is None:
        return text + f"{'-':<6}"
    cpu_ratio = f"{row.cpu_ratio:>7.2f}" if row.cpu_ratio is not None else f"{'-':>7}"
    return text + f"{row.peer:<6} {t.wall:>7.3f} {t.cpu:>7.3f} {t.peak_mb:>7.0f} {row.ratio:>8.2f} {cpu_ratio}"


def markdown_table(rows: list[Row]) -> str:
    lines = [
        "| input | pages | format | wall s | work s | CPU s | peak MB | pages/s | peer | peer wall s | peer CPU s "
        "| peer peak MB | wall ours/theirs | CPU ours/theirs |",
        "|---|--:|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        o, t = row.ours, row.theirs
        theirs = "– | | | | |"
        if t is not None:
            cpu_ratio = f"{row.cpu_ratio:.2f}" if row.cpu_ratio is not None else "–"
            theirs = f"{row.peer} | {t.wall:.3f} | {t.cpu:.3f} | {t.peak_mb:.0f} | **{row.ratio:.2f}** | {cpu_ratio}"
        lines.append(
            f"| {row.sample} | {row.pages} | {row.fmt} | {o.wall:.3f} | {o.work:.3f} | {o.cpu:.3f} | "
            f"{o.peak_mb:.0f} | {row.pages / o.wall:.1f} | {theirs} |"
        )
    return "\n".join(lines)


def targets(rows: list[Row], seed: Run | None) -> list[str]:
    """The issue's targets, each with the measured figure and whether it is met."""
    found = []
    by = {(r.sample, r.fmt): r for r in rows}
    for fmt in FORMATS:
        row = by.get(("long-100", fmt))
        if row and row.ratio is not None:
            found.append(f"{fmt} at 100 pages: ours/{row.peer} = {row.ratio:.2f} wall, {row.cpu_ratio or 0:.2f} CPU "
                         "(target <= 1.0) "
                         f"{'met' if row.ratio <= 1.0 else 'NOT met'}")  # fmt: skip
    if seed is not None:
        found.append(f"seed, all formats, one command: {seed.wall:.2f} s fastest, "
                     f"{seed.info.get('median_wall', 0):.2f} s median (target < 1 s) "
                     f"{'met' if seed.wall < 1.0 else 'NOT met'}")  # fmt: skip
    for fmt in FORMATS:
        small, large = by.get(("long-100", fmt)), by.get(("long-500", fmt))
        if small and large:
            cold = large.ours.wall / small.ours.wall
            warm = large.ours.work / small.ours.work if small.ours.work else float("nan")
            found.append(f"{fmt} 500 vs 100 pages: {cold:.2f}x wall, {warm:.2f}x work (target <= 5.5) "
                         f"{'met' if max(cold, warm) <= 5.5 else 'NOT met'}")  # fmt: skip
        if large:
            found.append(f"{fmt} peak memory at 500 pages: {large.ours.peak_mb:.0f} MB (target < 500) "
                         f"{'met' if large.ours.peak_mb < 500 else 'NOT met'}")  # fmt: skip
    return found


def load_figures(path: Path) -> tuple[list[Row], Run | None]:
    figures = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for raw in figures["rows"]:
        theirs = Run(**raw["theirs"]) if raw["theirs"] else None
        rows.append(Row(raw["sample"], raw["pages"], raw["fmt"], Run(**raw["ours"]), raw["peer"], theirs))
    seed = Run(**figures["seed"]) if figures["seed"] else None
    return rows, seed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="up to 100 pages, a batch of 100, one repeat")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, fastest kept (default 3)")
    parser.add_argument("--batch", type=int, default=1000, help="papers in the batch (default 1000; 0: none)")
    parser.add_argument("--pages", type=int, nargs="*", default=list(LONG_PAGES), help="long papers' page counts")
    parser.add_argument("--formats", default="", help="comma-separated formats (default: every registered one)")
    parser.add_argument("--no-peers", action="store_true", help="only our own figures")
    parser.add_argument("--no-fixtures", action="store_true", help="skip the fixtures (long papers and batch only)")
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown to this file")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    parser.add_argument("--from-json", type=Path, metavar="FILE", help="print the tables of an earlier --json run")
    args = parser.parse_args(argv)
    if args.from_json:
        earlier, earlier_seed = load_figures(args.from_json)
        print(markdown_table(earlier) + "\n\n" + "\n".join(f"- {x}" for x in targets(earlier, earlier_seed)))
        return 0
    if args.quick:
        args.repeat, args.batch, args.pages = 1, min(args.batch, 100), [p for p in args.pages if p <= 100]

    sys.path.insert(0, str(ROOT))
    from convert.writers import available_writers

    registered = available_writers()
    wanted = args.formats.split(",") if args.formats else list(FORMATS)
    formats = [fmt for fmt in wanted if fmt in registered]
    peers = not args.no_peers
    tools = ", ".join(f"{peer} {'yes' if available(peer) else 'missing'}" for peer in ("pandoc", "typst"))
    print(f"formats: {', '.join(formats)} (registered: {', '.join(sorted(registered))}); {cores()} cores; {tools}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(HEADER, flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="pubconvert-bench-") as tmp:
        work = Path(tmp)
        env = installed_environment(work)
        samples = [] if args.no_fixtures else fixtures()
        samples += [long_paper(pages) for pages in args.pages]
        for sample in samples:
            repeat = 1 if sample.pages >= 500 else args.repeat
            rows += bench_sample(sample, formats, repeat, peers, work, env)
        seed = bench_seed_command(formats, max(args.repeat, 3), work, env) if formats else None
        if seed:
            print(f"seed, {','.join(formats)} in one command: {seed.wall:.3f} s fastest, "
                  f"{seed.info['median_wall']:.3f} s median, {seed.peak_mb:.0f} MB peak")  # fmt: skip
        if args.batch:
            rows += bench_batch(args.batch, formats, peers, work, env)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    found = targets(rows, seed)
    print("\n".join(["targets:", *(f"  {line}" for line in found)]))
    if args.markdown:
        args.markdown.write_text(markdown_table(rows) + "\n\n" + "\n".join(f"- {x}" for x in found) + "\n")
    if args.json:
        figures = {"rows": [asdict(r) for r in rows], "seed": asdict(seed) if seed else None}
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
