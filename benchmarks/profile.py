"""Where the time goes: profile one conversion, cold (first call: lazy imports, caches) and warm.

    python -m benchmarks.profile                         the seed, every reader format, cProfile
    python -m benchmarks.profile --pages 100 -t pdf      a 100-page paper, PDF only
    python -m benchmarks.profile --pyinstrument          a call tree instead (pip install pyinstrument)
    python -m benchmarks.profile --imports               the slowest imports of one command (-X importtime)

cProfile's table lists the functions with the most time of their own (tottime) and the most time
including what they call (cumtime); the reader, each writer and the libraries show up by file.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from benchmarks.corpus import ROOT, SEED, long_paper


def conversion(text: str, formats: list[str]) -> Callable[[], object]:
    from convert.pipeline import convert
    from convert.style import load_style

    style = load_style("default")
    return lambda: convert(text, formats, style)


def with_cprofile(run: Callable[[], object], label: str, lines: int) -> None:
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    run()
    profiler.disable()
    print(f"\n=== {label}: {time.perf_counter() - started:.3f} s (under the profiler) ===")
    for key in ("tottime", "cumulative"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(key)
        stats.print_stats(lines)
        text = buffer.getvalue()
        print(text[text.index("   ncalls") :] if "   ncalls" in text else text)


def with_pyinstrument(run: Callable[[], object], label: str) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    run()
    profiler.stop()
    print(f"\n=== {label} ===")
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def slowest_imports(formats: Sequence[str], lines: int) -> None:
    command = [sys.executable, "-X", "importtime", "-m", "convert", str(SEED), "-t", ",".join(formats)]
    command += ["-o", "/tmp/pubconvert-imports", "-q"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    print(f"slowest imports (cumulative microseconds) of: {' '.join(command[3:])}")
    for micros, name in sorted(rows, reverse=True)[:lines]:
        print(f"{micros / 1000:9.1f} ms  {name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=0, help="a long paper of this many pages (default: the seed)")
    parser.add_argument("-t", "--to", default="", help="formats (default: every registered reader format)")
    parser.add_argument("--lines", type=int, default=25, help="rows per table")
    parser.add_argument("--pyinstrument", action="store_true", help="print pyinstrument's call tree")
    parser.add_argument("--imports", action="store_true", help="only list the slowest imports")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from convert.writers import READER_FORMATS, available_writers

    formats = args.to.split(",") if args.to else [f for f in READER_FORMATS if f in available_writers()]
    if args.imports:
        slowest_imports(formats, args.lines)
        return 0
    text = long_paper(args.pages).text if args.pages else SEED.read_text(encoding="utf-8")
    name = f"{args.pages} pages" if args.pages else "seed"
    run = conversion(text, formats)
    for label in (f"{name}, {','.join(formats)}, cold", f"{name}, {','.join(formats)}, warm"):
        if args.pyinstrument:
            with_pyinstrument(run, label)
        else:
            with_cprofile(run, label, args.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
