"""One measured run, in a fresh process so that imports, CPU time and peak memory are its own.

    python -m benchmarks._child ours FORMATS INPUT OUTDIR     read, convert, write (like the command)
    python -m benchmarks._child typst INPUT.typ OUTPUT.pdf     typst (PyPI) with PDF/UA-1
    python -m benchmarks._child batch FORMATS INDIR OUTDIR JOBS      run_batch over a folder
    python -m benchmarks._child peer-batch FORMAT LISTFILE OUTDIR   a peer over a list of papers

It prints one JSON line: the seconds spent converting once imports are done (``convert_wall``,
``convert_cpu``), so a benchmark can tell start-up from the work itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.peers import pandoc_command


def ours(formats: list[str], source: Path, outdir: Path) -> dict[str, float]:
    from convert.output import write_atomically
    from convert.pipeline import convert
    from convert.source import decode
    from convert.style import load_style
    from convert.writers import get_writer

    wall, cpu = time.perf_counter(), time.process_time()
    conversion = convert(decode(source.read_bytes(), str(source)), formats, load_style("default"))
    for name, data in conversion.outputs.items():
        write_atomically(outdir / (source.stem + get_writer(name).suffix), data)
    return {"convert_wall": time.perf_counter() - wall, "convert_cpu": time.process_time() - cpu}


def typst_pdf(source: Path, target: Path) -> dict[str, float]:
    import typst

    wall, cpu = time.perf_counter(), time.process_time()
    target.write_bytes(typst.compile(str(source), pdf_standards=["ua-1"]))
    return {"convert_wall": time.perf_counter() - wall, "convert_cpu": time.process_time() - cpu}


def batch(formats: list[str], folder: Path, outdir: Path, jobs: int) -> dict[str, float]:
    from convert.batch import run_batch

    wall, cpu = time.perf_counter(), time.process_time()
    summary = run_batch([folder], outdir, formats, "default", jobs=jobs, progress=False, force=True)
    return {
        "convert_wall": time.perf_counter() - wall,
        "convert_cpu": time.process_time() - cpu,
        "converted": summary.converted,
        "failed": summary.failed,
    }


def peer_batch(fmt: str, listfile: Path, outdir: Path) -> dict[str, float]:
    """Each paper as a user's script would do it: one pandoc process per paper, or typst in-process."""
    sources = [Path(line) for line in listfile.read_text(encoding="utf-8").splitlines() if line]
    wall = time.perf_counter()
    if fmt == "pdf":
        import typst

        for source in sources:
            (outdir / f"{source.stem}.pdf").write_bytes(typst.compile(str(source), pdf_standards=["ua-1"]))
    else:
        for source in sources:
            subprocess.run(pandoc_command(fmt, source, outdir / f"{source.stem}.{fmt}"), check=True)
    return {"convert_wall": time.perf_counter() - wall, "convert_cpu": 0.0}


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "ours":
        result = ours(args[0].split(","), Path(args[1]), Path(args[2]))
    elif command == "typst":
        result = typst_pdf(Path(args[0]), Path(args[1]))
    elif command == "batch":
        result = batch(args[0].split(","), Path(args[1]), Path(args[2]), int(args[3]))
    elif command == "peer-batch":
        result = peer_batch(args[0], Path(args[1]), Path(args[2]))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
