"""Time per stage, warm, in one process: the reader and each writer, on long papers of growing size.

    python -m benchmarks.stages                   10, 100 and 500 pages, every registered reader format
    python -m benchmarks.stages --pages 100 500

Warm means after one conversion of the seed, so imports and first-use caches are not counted; the
growth column is this size's time over the previous size's, divided by the growth in pages (1.0:
linear, above: worse than linear). Each figure is the fastest of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import functools
import time
import tracemalloc
from collections.abc import Callable, Sequence

from benchmarks.corpus import LONG_PAGES, SEED, long_paper


def fastest(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="*", default=list(LONG_PAGES))
    parser.add_argument("-t", "--to", default="", help="formats (default: every registered reader format)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--memory", action="store_true", help="also the peak of Python allocations per stage")
    args = parser.parse_args(argv)

    from convert.pipeline import convert
    from convert.readers import read
    from convert.style import load_style
    from convert.writers import READER_FORMATS, available_writers, get_writer

    formats = args.to.split(",") if args.to else [f for f in READER_FORMATS if f in available_writers()]
    style = load_style("default")
    convert(SEED.read_text(encoding="utf-8"), formats, style)  # warm up: imports, caches, fonts
    previous: dict[str, tuple[int, float]] = {}
    print(
        f"{'pages':>5} {'stage':<6} {'seconds':>8} {'pages/s':>8} {'growth':>7}" + ("  peak MB" if args.memory else "")
    )
    for pages in args.pages:
        text = long_paper(pages).text
        document = read(text)
        stages: list[tuple[str, Callable[[], object]]] = [("read", functools.partial(read, text))]
        stages += [(fmt, functools.partial(get_writer(fmt).write, document, style)) for fmt in formats]
        for stage, run in stages:
            seconds = fastest(run, args.repeat)
            growth = ""
            if stage in previous:
                before_pages, before_seconds = previous[stage]
                growth = f"{(seconds / before_seconds) / (pages / before_pages):7.2f}"
            previous[stage] = (pages, seconds)
            line = f"{pages:>5} {stage:<6} {seconds:>8.3f} {pages / seconds:>8.1f} {growth:>7}"
            if args.memory:
                tracemalloc.start()
                run()
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                line += f"  {peak / 2**20:7.0f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
