"""``pubconvert``: the thin shell around reader and writers — arguments, files, messages, exit status."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from convert.diagnostics import ConvertError, SourceError
from convert.output import write_atomically
from convert.pipeline import convert
from convert.source import decode
from convert.style import available_styles, load_style
from convert.writers import READER_FORMATS, available_writers, get_writer

EXIT_BAD_INPUT = 2
EXIT_BUG = 1

EXAMPLES = """\
examples:
  pubconvert fixtures/seed/source.txt
      every format (pdf, docx, epub, html, json) into dist/
  pubconvert paper.txt -t html,epub -o out/
      only HTML and EPUB, into out/
  pubconvert paper.txt --style large-print -t pdf
      a large-print PDF (18 pt, ragged right)
  pubconvert paper.txt -t tree
      the document model as an indented tree, to see what the reader found

Each output is named after its input (paper.txt -> paper.html) and written atomically:
a file is complete or untouched, never half written. Warnings about guesses the reader
made are printed as "path:line: warning: ...". Exit status: 0 converted, 2 bad input
(nothing written for it), 1 a bug in pubconvert (please report it).
"""


def default_formats() -> list[str]:
    """``all``: every format for readers that is installed, then the model as json."""
    installed = available_writers()
    return [name for name in (*READER_FORMATS, "json") if name in installed]


def parse_formats(value: str) -> list[str]:
    if value == "all":
        return default_formats()
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        get_writer(name)  # an unknown name fails here, before any work, listing the known ones
    return list(dict.fromkeys(names))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pubconvert",
        description=(
            "Convert the plain text of a Dutch parliamentary paper (as extracted from its PDF) into "
            "accessible formats: tagged PDF (PDF/UA-1), DOCX, EPUB 3 and semantic HTML, plus the "
            "document model as JSON."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", type=Path, help="text file(s) to convert")
    parser.add_argument(
        "-t", "--to", default="all", metavar="FORMATS",
        help=f"comma-separated output formats, or 'all' (default); known: {', '.join(sorted(available_writers()))}",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", default=Path("dist"), type=Path, metavar="DIR", help="output folder (default: dist/)"
    )
    parser.add_argument(
        "--style", default="default", metavar="NAME",
        help=f"style: {', '.join(available_styles())}, or a .toml file (default: default)",
    )  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("--debug", action="store_true", help="show the Python traceback of a failure")
    return parser


def read_input(path: Path) -> str:
    """The text of an input file, or a :class:`SourceError` that says what to do."""
    if not path.exists():
        raise SourceError("no such file — check the path", path=str(path))
    if path.is_dir():
        raise SourceError("is a folder, not a text file — name the files inside it", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"cannot read it ({err.strerror}) — check its permissions", path=str(path)) from None
    return decode(data, str(path))


def convert_one(path: Path, formats: list[str], args: argparse.Namespace) -> list[Path]:
    """Convert one input; all outputs are made in memory before the first one is written."""
    style = load_style(args.style)
    conversion = convert(read_input(path), formats, style)
    for diagnostic in conversion.document.diagnostics:
        print(diagnostic.format(str(path)), file=sys.stderr)
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConvertError(f"cannot create the output folder ({err.strerror})", path=str(args.output)) from None
    written = []
    for name, data in conversion.outputs.items():
        target = args.output / (path.stem + get_writer(name).suffix)
        try:
            write_atomically(target, data)
        except OSError as err:
            raise ConvertError(
                f"cannot write it ({err.strerror}) — choose another folder with -o", path=str(target)
            ) from None
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        formats = parse_formats(args.to)
        load_style(args.style)
    except ConvertError as err:
        print(f"pubconvert: {err.format()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    status = 0
    for path in args.inputs:
        try:
            for target in convert_one(path, formats, args):
                if not args.quiet:
                    print(f"wrote {target}")
        except ConvertError as err:
            err.path = err.path or str(path)
            print(err.format(), file=sys.stderr)
            status = max(status, EXIT_BAD_INPUT)
        except KeyboardInterrupt:
            print("pubconvert: interrupted; no partial file was left behind", file=sys.stderr)
            return 130
        except Exception as err:  # anything else is our bug: say so and ask for a report
            if args.debug:
                traceback.print_exc()
            print(
                f"{path}: internal error: {type(err).__name__}: {err} — this is a bug in pubconvert; "
                "please report it with this input (run with --debug for the traceback)",
                file=sys.stderr,
            )
            status = EXIT_BUG if status == 0 else status
    return status
