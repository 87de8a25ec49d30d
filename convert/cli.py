"""``pubconvert``: the thin shell around reader and writers — arguments, files, messages, exit status."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from convert.diagnostics import ConvertError, SourceError
from convert.output import DEFAULT_STYLE, styled_stem, write_files
from convert.pipeline import convert
from convert.source import Decoded, decode
from convert.style import Style, available_styles, load_style
from convert.writers import READER_FORMATS, available_writers, get_writer

EXIT_BAD_INPUT = 2
EXIT_BUG = 1
EXIT_INTERRUPTED = 130
DEFAULT_MAX_SIZE = "50M"

EXAMPLES = """\
examples:
  pubconvert fixtures/seed/source.txt
      every format (pdf, docx, epub, html, json) into dist/
  pubconvert paper.pdf
      the same from the official print PDF (known by its bytes, whatever its name)
  pubconvert paper.txt -t html,epub -o out/
      only HTML and EPUB, into out/
  pubconvert paper.txt --style large-print -t pdf
      a large-print PDF (18 pt, ragged right), named paper.large-print.pdf
  pubconvert paper.txt -t tree
      the document model as an indented tree, to see what the reader found
  pubconvert old-letter.txt --encoding cp1252
      a text saved by an old Windows program (the encoding is guessed when not given)
  pubconvert damaged.txt --replace-undecodable
      convert although some bytes are not text: each becomes U+FFFD, with a warning
  pubconvert archive/ -o out/ -j 4
      every *.txt and *.pdf below archive/, on 4 cores, into out/ mirroring archive/'s folders;
      run it again to resume: papers whose outputs are up to date are skipped
  pubconvert archive/ -o /shared/out --scheduler tcp://scheduler:8786
      the same batch on a Dask cluster, one task per paper (see docs/benchmarks.md)
  pubconvert serve --port 8000
      a web page and an HTTP API on http://127.0.0.1:8000 (see pubconvert serve --help, docs/serve.md)

Input: a paper's print PDF (with a text layer: a scan needs OCR first), or plain text in UTF-8
(with or without byte-order mark), UTF-16 or UTF-32 with a byte-order mark, or Windows-1252 /
Latin-1 (guessed, with a warning that says so). Control characters, bidirectional overrides and
other characters no output format can hold are removed, with a warning. Files larger than
--max-size (default 50M) are refused before they are read.

Each output is named after its input (paper.txt -> paper.html), with the style when it is not
the default (--style large-print: paper.large-print.html), and written atomically:
a file is complete or untouched, never half written, and a failed conversion never
replaces a good earlier output. Warnings about guesses the reader made are printed as
"path:line: warning: ... [code]". With several inputs, a bad one does not stop the others.
Exit status: 0 all converted, 2 bad input (nothing written for it), 1 a bug in pubconvert
(please report it), 130 interrupted.
"""


def default_formats() -> list[str]:
    """``all``: every format for readers that is installed, then the model as json."""
    installed = available_writers()
    return [name for name in (*READER_FORMATS, "json") if name in installed]


def parse_formats(value: str) -> list[str]:
    if value == "all":
        return default_formats()
    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names:
        raise ConvertError(f"no output format in -t {value!r} — name one or more, such as html,pdf")
    for name in names:
        get_writer(name)  # an unknown name fails here, before any work, listing the known ones
    return list(dict.fromkeys(names))


_SIZE = re.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*")
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str) -> int:
    """``50M``, ``1.5G``, ``200k`` or a number of bytes; ``0`` means no limit."""
    match = _SIZE.fullmatch(value)
    if match is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size: write a number with K, M or G, such as 50M")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def parse_encoding(value: str) -> str:
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {value!r}: use a name such as utf-8, utf-16, cp1252 or latin-1"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pubconvert",
        description=(
            "Convert a Dutch parliamentary paper, its print PDF or its plain text, into "
            "accessible formats: tagged PDF (PDF/UA-1), DOCX, EPUB 3 and semantic HTML, plus the "
            "document model as JSON."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", type=Path,
        help="PDF or text file(s) to convert, or folders: every *.txt and *.pdf below them, converted as a batch",
    )  # fmt: skip
    parser.add_argument(
        "-t", "--to", default="all", metavar="FORMATS",
        help=f"comma-separated output formats, or 'all' (default); known: {', '.join(sorted(available_writers()))}",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", default=Path("dist"), type=Path, metavar="DIR", help="output folder (default: dist/)"
    )
    parser.add_argument(
        "--style", default="default", metavar="NAME",
        help=f"style: {', '.join(available_styles())}, or a .toml file (default: default); outputs of "
        "another style carry its name: paper.large-print.pdf",
    )  # fmt: skip
    parser.add_argument(
        "--encoding", type=parse_encoding, metavar="NAME",
        help="read the input in this encoding (utf-8, utf-16, cp1252, latin-1, ...) instead of guessing it",
    )  # fmt: skip
    parser.add_argument(
        "--replace-undecodable", action="store_true",
        help="replace bytes that are not text in the encoding with U+FFFD (with a warning) instead of stopping",
    )  # fmt: skip
    parser.add_argument(
        "--max-size", type=parse_size, default=parse_size(DEFAULT_MAX_SIZE), metavar="SIZE",
        help=f"refuse inputs larger than this, before reading them: 200K, 50M, 1G; 0 for no limit "
        f"(default: {DEFAULT_MAX_SIZE}; converting can take up to 50 times the input size in memory)",
    )  # fmt: skip
    batch = parser.add_argument_group(
        "batch conversion (when an input is a folder, or with any of these options)",
        "Outputs mirror the inputs' folders below -o, a progress bar shows papers done, failures and "
        "time left, and a summary ends the run: papers converted, up to date and failed, the workers used, "
        "and the warnings, those of papers converted by earlier runs included; a failed paper never stops "
        "the batch. Re-running skips papers whose text and options are unchanged and whose outputs are "
        "there, so a stopped batch resumes.",
    )
    batch.add_argument(
        "-j", "--jobs", type=int, metavar="N",
        help="convert N papers at a time in worker processes (default in a batch: one per core)",
    )  # fmt: skip
    batch.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run the batch on a Dask cluster, e.g. tcp://host:8786 (needs pip install 'dask[distributed]')",
    )  # fmt: skip
    batch.add_argument("--force", action="store_true", help="convert every paper, even those that are up to date")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("--debug", action="store_true", help="show the Python traceback of a failure")
    return parser


def shown(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not valid in the file system's encoding as \\x.. escapes."""
    return os.fsencode(path).decode(sys.getfilesystemencoding(), errors="backslashreplace")


def _size(count: int) -> str:
    for unit, factor in (("G", 1024**3), ("M", 1024**2), ("K", 1024)):
        if count >= factor:
            return f"{count / factor:.4g}{unit}"
    return f"{count} bytes"


def read_input(path: Path, max_size: int = 0) -> bytes:
    """The bytes of an input file (at most ``max_size``), or a :class:`SourceError` that says what to do."""
    where = shown(path)
    if path.is_dir():
        raise SourceError("is a folder, not a text file — name the files inside it", path=where)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_size and size > max_size:
                raise SourceError(_too_large(size, max_size), path=where)
            data = handle.read(max_size + 1) if max_size else handle.read()
    except FileNotFoundError:
        raise SourceError("no such file — check the path", path=where) from None
    except IsADirectoryError:
        raise SourceError("is a folder, not a text file — name the files inside it", path=where) from None
    except OSError as err:
        raise SourceError(f"cannot read it ({err.strerror}) — check its permissions", path=where) from None
    if max_size and len(data) > max_size:  # a pipe or device, whose size was not known beforehand
        raise SourceError(_too_large(len(data), max_size, at_least=True), path=where)
    return data


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    return (
        f"the file is {'more than ' if at_least else ''}{_size(size)}, larger than the limit of {_size(limit)} "
        "— split it, or raise the limit with --max-size (converting can take up to 50 times the file size in memory)"
    )


def decode_input(path: Path, args: argparse.Namespace) -> Decoded:
    return decode(
        read_input(path, args.max_size), shown(path), encoding=args.encoding, replace=args.replace_undecodable
    )


def targets_of(path: Path, formats: Sequence[str], folder: Path, style: str = DEFAULT_STYLE) -> dict[str, Path]:
    stem = styled_stem(path.stem, style)
    return {name: folder / (stem + get_writer(name).suffix) for name in formats}


def convert_one(path: Path, formats: list[str], args: argparse.Namespace, style: Style | None = None) -> list[Path]:
    """Convert one input; all outputs are made in memory before the first one is written."""
    targets = targets_of(path, formats, args.output, args.style)
    for target in targets.values():
        if _same_file(target, path):
            raise SourceError(
                f"its output {shown(target)} would replace the input itself — choose another folder with -o",
                path=shown(path),
            )
    conversion = convert(decode_input(path, args), formats, style or load_style(args.style))
    for diagnostic in conversion.document.diagnostics:
        print(diagnostic.format(shown(path)), file=sys.stderr)
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConvertError(
            f"cannot create the output folder ({err.strerror}) — choose another folder with -o",
            path=shown(args.output),
        ) from None
    files = {targets[name]: data for name, data in conversion.outputs.items()}
    try:
        write_files(files)
    except OSError as err:
        where = shown(err.filename) if err.filename else shown(args.output)
        raise ConvertError(
            f"cannot write it ({err.strerror}) — no output of {shown(path)} was changed; "
            "free some space or choose another folder with -o",
            path=where,
        ) from None
    return list(files)


def _same_file(target: Path, source: Path) -> bool:
    try:
        return target.exists() and os.path.samefile(target, source)
    except OSError:
        return False


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while converting, so temporary files are removed on the way out."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if list(argv[:1]) == ["serve"]:  # a subcommand; a paper named "serve" is converted as ./serve
        from convert.serve.command import main as serve

        return serve(argv[1:])
    for stream in (sys.stdout, sys.stderr):  # a file name that is not valid text must not crash a message
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        formats = parse_formats(args.to)
        style = load_style(args.style)
    except ConvertError as err:
        print(f"pubconvert: {err.format()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if any(path.is_dir() for path in args.inputs) or args.jobs is not None or args.scheduler or args.force:
        return run_as_batch(args, formats)
    failures: list[int] = []
    claimed: dict[Path, Path] = {}  # output path -> the input that wrote it in this run
    with _terminate_as_interrupt():
        for path in args.inputs:
            try:
                _check_unclaimed(path, formats, args.output, args.style, claimed)
                for target in convert_one(path, formats, args, style):
                    claimed[target] = path
                    if not args.quiet:
                        print(f"wrote {shown(target)}")
            except ConvertError as err:
                if args.debug:
                    traceback.print_exc()
                err.path = err.path or shown(path)
                print(err.format(), file=sys.stderr)
                failures.append(EXIT_BAD_INPUT)
            except MemoryError:
                print(
                    f"{shown(path)}: not enough memory to convert it — split it, or lower --max-size so that "
                    "such files are refused before reading",
                    file=sys.stderr,
                )
                failures.append(EXIT_BAD_INPUT)
            except KeyboardInterrupt:
                print("pubconvert: interrupted; no partial file was left behind", file=sys.stderr)
                return EXIT_INTERRUPTED
            except Exception as err:  # anything else is our bug: say so and ask for a report
                if args.debug:
                    traceback.print_exc()
                print(
                    f"{shown(path)}: internal error: {type(err).__name__}: {err} — this is a bug in pubconvert; "
                    "please report it with this input (run with --debug for the traceback)",
                    file=sys.stderr,
                )
                failures.append(EXIT_BUG)
    # a bug outranks bad input: it is the failure that needs a report
    return EXIT_BUG if EXIT_BUG in failures else (EXIT_BAD_INPUT if failures else 0)


def run_as_batch(args: argparse.Namespace, formats: list[str]) -> int:
    """Folders or many papers: :func:`convert.batch.run_batch`, with a progress bar on a terminal."""
    from convert.batch import run_batch

    try:
        with _terminate_as_interrupt():
            summary = run_batch(
                args.inputs, args.output, formats, args.style,
                jobs=0 if args.jobs is None else args.jobs, scheduler=args.scheduler,
                progress=sys.stderr.isatty() and not args.quiet, force=args.force, encoding=args.encoding,
                replace_undecodable=args.replace_undecodable, max_size=args.max_size,
            )  # fmt: skip
    except ConvertError as err:  # the whole batch: no paper found, no scheduler reached
        print(err.format() if err.path else f"pubconvert: {err.format()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("pubconvert: interrupted; run the same command again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.debug:
        for result in summary.failures:
            if result.detail:
                print(result.detail, file=sys.stderr)
    if not args.quiet or summary.failed:
        print(summary.format(show_warnings=not args.quiet), file=sys.stderr)
    return summary.exit_status


def _check_unclaimed(path: Path, formats: Sequence[str], folder: Path, style: str, claimed: dict[Path, Path]) -> None:
    """Refuse an input whose outputs would replace those another input wrote in this run."""
    for target in targets_of(path, formats, folder, style).values():
        earlier = claimed.get(target)
        if earlier is not None:
            raise SourceError(
                f"its outputs would replace those of {shown(earlier)} (same name) — rename it or convert it "
                "on its own with another -o",
                path=shown(path),
            )
