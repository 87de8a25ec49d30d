"""Bad input never crashes, corrupts or injects (issue 7): one table row per case, then atomic output.

Each row runs the whole command (``convert.cli.main``) on a file made for it and checks the exit
status, the messages and the outputs. Rows about characters run every registered writer; rows
about size and paths run the quick writers (html, json): they test the reader and the command,
and each writer's own scaling is tested at the end of this file.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from convert import cli, pipeline
from convert.model import Closing, Document, Figure, Heading, Meta, Row, Signatory, Table, Text
from convert.output import write_files
from convert.pipeline import read_document
from convert.style import load_style
from convert.writers import available_writers, get_writer
from tests.conftest import FIXTURES, ROOT

SEED_TEXT = (FIXTURES / "seed" / "source.txt").read_text(encoding="utf-8")
SENTENCE = "Met deze brief geef ik gehoor aan dit verzoek."
QUOTES = "‘enkel’ “dubbel” € 5"
FAST = ("html", "json")


def paper(insert: str = "", text: str = SEED_TEXT) -> str:
    """The seed paper with ``insert`` in the middle of its first body paragraph."""
    assert SENTENCE in text
    return text.replace(SENTENCE, f"{SENTENCE} {insert}".rstrip(), 1)


def model_text(dist: Path) -> str:
    """Every string in the JSON model, joined: what the reader kept of the input."""
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    (model,) = dist.glob("*.json")
    data = json.loads(model.read_text(encoding="utf-8"))
    walk({"meta": data["meta"], "body": data["body"]})
    return "\n".join(strings)


Setup = Callable[[Path, pytest.MonkeyPatch], list[Path]]
Check = Callable[[Path, str], None]


def file(data: bytes | str, name: str = "paper.txt") -> Setup:
    def setup(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [path]

    return setup


def keeps(*pieces: str) -> Check:
    def check(dist: Path, err: str) -> None:
        text = model_text(dist)
        for piece in pieces:
            assert piece in text

    return check


def lacks(*pieces: str) -> Check:
    def check(dist: Path, err: str) -> None:
        text = model_text(dist)
        for piece in pieces:
            assert piece not in text

    return check


def same_model_as(text: str) -> Check:
    """The JSON model equals that of ``text`` (line endings and such make no difference)."""

    def check(dist: Path, err: str) -> None:
        expected = get_writer("json").write(read_document(text), load_style("default"))
        assert (dist / "paper.json").read_bytes() == expected

    return check


def both(*checks: Check) -> Check:
    def check(dist: Path, err: str) -> None:
        for each in checks:
            each(dist, err)

    return check


def nothing_written(dist: Path, err: str) -> None:
    assert not dist.exists() or not any(dist.iterdir())


@dataclass(frozen=True)
class Case:
    id: str
    setup: Setup
    status: int = 0
    messages: tuple[str, ...] = ()  # each must appear in the command's stderr
    check: Check | None = None
    formats: tuple[str, ...] = ()  # () = every registered writer
    options: tuple[str, ...] = field(default=())


def missing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return [folder / "paper.txt"]


def directory(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (folder / "paper.txt").mkdir()
    return [folder / "paper.txt"]


def unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (path,) = file(SEED_TEXT)(folder, monkeypatch)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # root can read anything: fake the refusal
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    return [path]


def output_not_writable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (folder / "dist").write_text("a file where the output folder should be", encoding="utf-8")
    return file(SEED_TEXT)(folder, monkeypatch)


def several_one_bad(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (good,) = file(SEED_TEXT)(folder, monkeypatch)
    (bad,) = file(b"", "empty.txt")(folder, monkeypatch)
    (other,) = file(SEED_TEXT, "other.txt")(folder, monkeypatch)
    return [bad, good, other]


def big_sparse(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    path = folder / "paper.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    return [path]


def earlier_output(folder: Path) -> dict[Path, bytes]:
    """A good earlier output of every format, which a failed run must leave as it is."""
    dist = folder / "dist"
    dist.mkdir(exist_ok=True)
    files = {dist / f"paper{get_writer(name).suffix}": f"good earlier {name}".encode() for name in FAST}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def failing_writer(error: BaseException) -> Setup:
    """The json writer fails after the html one has finished: nothing may be written or replaced."""

    def setup(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
        earlier_output(folder)
        real = pipeline.get_writer

        class Failing:
            suffix = ".json"

            def write(self, doc: Document, style: object) -> bytes:
                raise error

        monkeypatch.setattr(pipeline, "get_writer", lambda name: Failing() if name == "json" else real(name))
        return file(SEED_TEXT)(folder, monkeypatch)

    return setup


def earlier_output_untouched(dist: Path, err: str) -> None:
    for name in FAST:
        assert (dist / f"paper.{name}").read_bytes() == f"good earlier {name}".encode()
    assert sorted(p.name for p in dist.iterdir()) == ["paper.html", "paper.json"]  # no temporary file left


LF = paper(QUOTES)
NL = "\n"
SENTENCE_LINE = SEED_TEXT[: SEED_TEXT.index(SENTENCE)].count(NL) + 1
CASES = [
    # encodings
    Case("utf-8", file(LF), check=keeps(QUOTES)),
    Case("utf-8 with bom", file(codecs.BOM_UTF8 + LF.encode()), check=same_model_as(LF)),
    Case("utf-16 with bom", file(LF.encode("utf-16")), check=same_model_as(LF)),
    Case("windows-1252", file(LF.encode("cp1252", "replace")), 0, ("read as Windows-1252", "[IN003]"), keeps(QUOTES)),
    Case(
        "latin-1",
        file(paper("café ± ½").encode("latin-1", "replace")),
        0,
        ("read as Latin-1", "[IN003]"),
        keeps("café ± ½"),
    ),  # fmt: skip
    Case(
        "undecodable bytes",
        file(LF.encode() + b"\n\xff\xfe"),
        2,
        (
            f"paper.txt:{LF.count(NL) + 2}: not valid UTF-8 text: byte 0xff at byte offset {len(LF.encode()) + 1}",
            "--replace-undecodable",
        ),
        nothing_written,
    ),  # fmt: skip
    Case(
        "undecodable bytes replaced on request",
        file(paper("x\udcff").encode("utf-8", "surrogateescape")),
        0,
        (f"paper.txt:{SENTENCE_LINE}: warning: 1 undecodable byte was replaced", "[IN002]"),
        keeps("x\ufffd"),
        options=("--replace-undecodable",),
    ),  # fmt: skip
    Case("crlf line ends", file(LF.replace("\n", "\r\n")), check=same_model_as(LF)),
    Case("cr line ends", file(LF.replace("\n", "\r")), check=same_model_as(LF)),
    Case("form feeds between pages", file(LF.replace("\n\nZoals ik", "\n\f\nZoals ik")), check=keeps(QUOTES)),
    # control and odd characters
    Case("nul and c0 controls", file(paper("a\x00b\x01c\x1b[0md")), 0, ("[IN001]",), keeps("abc[0md")),
    Case("c1 controls", file(paper("a\u0080b\u009fc")), 0, ("[IN001]",), keeps("abc")),
    Case(
        "lone surrogate (encoded as utf-8 would)",
        file(paper("a").encode() + b"\xed\xa0\x80"),
        0,
        ("[IN002]",),
        lacks("\ud800"),
        options=("--replace-undecodable",),
    ),  # fmt: skip
    Case("zero-width characters stay", file(paper("zero\u200bwidth jo\u200din")), check=keeps("zero\u200bwidth")),
    Case(
        "bidi overrides removed",
        file(paper("abc\u202efed\u202c")),
        0,
        ("U+202E RIGHT-TO-LEFT OVERRIDE", "[IN004]"),
        keeps("abcfed"),
    ),  # fmt: skip
    Case("private-use characters", file(paper("logo \ue000 en \uf0b7")), 0, ("[IN006]",), keeps("\ue000", "•")),
    Case("combining sequences to nfc", file(paper("Cafe\u0301 e\u0308")), check=keeps("Café ë")),
    Case("overlong combining run", file(paper("Z" + "\u0336" * 500)), 0, ("[IN005]",), keeps("Z" + "\u0336" * 30)),
    # markup in the text is text (every writer: see test_markup_is_literal_in_every_writer)
    Case("markup", file(paper("<script>alert(1)</script> &amp; <b>b</b> ]]> 5% {x}")), check=keeps("<script>")),
    # size
    Case("empty file", file(b""), 2, ("paper.txt: the file is empty (0 bytes)",), nothing_written),
    Case("only white space", file(" \n\t\r\n  \f\n"), 2, ("paper.txt: the text is empty or only white space",)),
    Case("one line of 10 MB", file("woord " * 1_750_000), formats=FAST),
    Case(
        "50 000 short paragraphs",
        file("Titel\n\n" + "".join(f"Alinea {i} is kort.\n\n" for i in range(50_000))),
        formats=FAST,
    ),
    Case("100 MB file", big_sparse, 2, ("larger than the limit of 50M", "--max-size"), nothing_written, FAST),
    # paths and outputs
    Case("input that does not exist", missing, 2, ("paper.txt: no such file — check the path",), nothing_written),
    Case("input that is a folder", directory, 2, ("paper.txt: no paper (*.txt or *.pdf) in it",), nothing_written),
    Case("unreadable input", unreadable, 2, ("cannot read it (Permission denied)",), nothing_written),
    Case("output folder cannot be made", output_not_writable, 2, ("cannot create the output folder",)),
    Case("names with spaces and non-ascii", file(LF, "brief – één ü.txt"), check=keeps(QUOTES)),
    Case("several inputs, one bad", several_one_bad, 2, ("empty.txt: the file is empty",), formats=FAST),
    Case("interrupted run", failing_writer(KeyboardInterrupt()), 130, ("interrupted",), earlier_output_untouched, FAST),
    Case(
        "writer failing halfway",
        failing_writer(RuntimeError("halfway")),
        1,
        ("bug in pubconvert",),
        earlier_output_untouched,
        FAST,
    ),  # fmt: skip
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # fmt: skip
    inputs = case.setup(tmp_path, monkeypatch)
    dist = tmp_path / "dist"
    formats = ",".join(case.formats or sorted(available_writers()))
    status = cli.main([*map(str, inputs), "-t", formats, "-o", str(dist), *case.options])
    out, err = capsys.readouterr()
    assert status == case.status, err
    for message in case.messages:
        assert message in err
    if case.status:
        problems = [line for line in err.splitlines() if ": warning: " not in line]
        assert len(problems) == 1  # one line for the bad input
    else:
        written = sorted(p.name for p in dist.iterdir())
        stems = {path.stem for path in inputs}
        assert written == sorted(f"{stem}{get_writer(name).suffix}" for stem in stems for name in formats.split(","))
        assert out.count("wrote ") == len(written)
    if case.check is not None:
        case.check(dist, err)


def test_several_inputs_one_bad_converts_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = several_one_bad(tmp_path, pytest.MonkeyPatch())
    status = cli.main([*map(str, inputs), "-t", "html,json", "-o", str(tmp_path / "dist")])
    assert status == cli.EXIT_BAD_INPUT
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [
        "other.html", "other.json", "paper.html", "paper.json",
    ]  # fmt: skip


# ------------------------------------------------------------------ atomic output


def test_failed_write_of_a_later_output_replaces_no_earlier_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # fmt: skip
    """The disk fills up while the second file is written: the first is not replaced either."""
    old = {tmp_path / "paper.html": b"old html", tmp_path / "paper.json": b"old json"}
    for path, data in old.items():
        path.write_bytes(data)
    real_fsync, calls = os.fsync, []

    def full_disk(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_files({path: b"new " + data for path, data in old.items()})
    assert {path: path.read_bytes() for path in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.html", "paper.json"]


def test_interrupt_while_writing_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "paper.pdf"
    target.write_bytes(b"good")

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files({target: b"half"})
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.pdf"]


def test_write_error_through_the_command_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # fmt: skip
    (source,) = file(SEED_TEXT)(tmp_path, monkeypatch)
    files = earlier_output(tmp_path)

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    status = cli.main([str(source), "-t", "html,json", "-o", str(tmp_path / "dist")])
    err = capsys.readouterr().err
    assert status == cli.EXIT_BAD_INPUT
    assert "cannot write it (No space left on device) — no output of" in err
    assert {path: path.read_bytes() for path in files} == {path: data for path, data in files.items()}
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["paper.html", "paper.json"]


def test_new_outputs_get_the_usual_file_mode(tmp_path: Path) -> None:
    write_files({tmp_path / "a.html": b"x"})
    mask = os.umask(0o022)
    os.umask(mask)
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == 0o666 & ~mask


# ------------------------------------------------------------------ bounded time and memory


# The peak is VmHWM of the child's own address space: ru_maxrss would keep the parent's peak, which a
# fork carries over the exec (and pytest's process is large after the property tests).
MEASURED = (
    "import re, sys\n"
    "from convert.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "status_text = open('/proc/self/status').read()\n"
    "print('PEAK', re.search(r'VmHWM:\\s*(\\d+) kB', status_text).group(1), file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def run_measured(*argv: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the command in a child process: its result, seconds, and its own peak memory in MB."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, *argv], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    peak = int(result.stderr.rsplit("PEAK ", 1)[1]) / 1024  # VmHWM is in KiB
    return result, time.perf_counter() - started, peak


def test_refusing_a_100_mb_file_is_quick_and_small(tmp_path: Path) -> None:
    big = big_sparse(tmp_path, pytest.MonkeyPatch())[0]
    result, seconds, peak = run_measured(str(big), "-o", str(tmp_path / "dist"))
    assert result.returncode == cli.EXIT_BAD_INPUT
    assert seconds < 30 and peak < 400, (seconds, peak)


def test_a_10_mb_line_converts_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "line.txt"
    source.write_text("woord " * 1_750_000, encoding="utf-8")
    result, seconds, peak = run_measured(str(source), "-t", "html,json", "-o", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    assert seconds < 300 and peak < 500, (seconds, peak)  # html and json only: 211 MB measured; --help says 50 times


# ------------------------------------------------------------------ writers on hard models and large input
# Each was a problem these tests found in a writer (fixed there since): now a regression test.

HEADING_BEFORE_CLOSING = Document(
    Meta(title="Titel"),
    (Heading(2, (Text("Ondertekening"),)), Closing((Signatory("D. Yeşilgöz-Zegerius", "De Minister"),))),
)


def test_pdf_writes_a_heading_followed_by_a_closing() -> None:
    get_writer("pdf").write(HEADING_BEFORE_CLOSING, load_style("default"))


@pytest.mark.parametrize(
    "table", [Table((), (), ()), Table((Text("Bijschrift"),), (Row(()),), ())], ids=["no rows", "no cells"]
)
def test_pdf_writes_a_table_without_cells(table: Table) -> None:
    get_writer("pdf").write(Document(Meta(title="Titel"), (table,)), load_style("default"))


def test_docx_takes_a_long_title() -> None:
    doc = read_document("Een eerste regel die heel lang is, " * 10 + "\n\nEen alinea.\n")
    get_writer("docx").write(doc, load_style("default"))


def _writer_seconds(name: str, body: str, limit: float, meta: str = "Meta(title='Titel')") -> float:
    """Seconds for writer ``name`` on the model ``body`` (Python source), in a child process killed after ``limit``."""
    program = (
        "import time\n"
        "from convert.model import Document, Meta, Paragraph, Text\n"
        "from convert.style import load_style\n"
        "from convert.writers import get_writer\n"
        f"doc = Document({meta}, {body})\n"
        "started = time.perf_counter()\n"
        f"get_writer({name!r}).write(doc, load_style('default'))\n"
        "print(time.perf_counter() - started)\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=limit, check=True
        )
    except subprocess.TimeoutExpired:
        return float("inf")
    return float(result.stdout)


@pytest.mark.skipif("pdf" not in available_writers(), reason="no pdf writer registered")
def test_pdf_lays_out_one_long_paragraph_in_linear_time() -> None:
    words = "'de het een van en in is dat op te voor met zijn niet aan er om ook als bij ' * 2000"
    assert _writer_seconds("pdf", f"(Paragraph((Text({words}),)),)", limit=25) < 25


@pytest.mark.skipif("docx" not in available_writers(), reason="no docx writer registered")
def test_docx_writes_many_paragraphs_in_linear_time() -> None:
    body = "tuple(Paragraph((Text('Een korte alinea.'),)) for _ in range(40_000))"
    assert _writer_seconds("docx", body, limit=30) < 30


@pytest.mark.skipif("pdf" not in available_writers(), reason="no pdf writer registered")
def test_pdf_does_not_open_files_the_text_names(tmp_path: Path) -> None:
    import pikepdf
    from PIL import Image

    secret = tmp_path / "private.png"
    Image.new("RGB", (4, 4), "red").save(secret)
    doc = read_document(f"Titel\n\n[afbeelding: {secret} – een plaatje]\n")
    assert any(isinstance(block, Figure) and block.src == str(secret) for block in doc.body)
    with pikepdf.open(io.BytesIO(get_writer("pdf").write(doc, load_style("default")))) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert not images, "an image XObject was made from a file the text only names"


@pytest.mark.skipif("pdf" not in available_writers(), reason="no pdf writer registered")
def test_pdf_takes_a_very_long_title_in_linear_time() -> None:
    assert _writer_seconds("pdf", "()", limit=20, meta="Meta(title='woord ' * 20_000)") < 20
