"""The ``pubconvert`` command: one clear line per bad input, exit status 2, nothing written for it.

Run in-process through ``convert.cli.main`` and once as ``python -m convert`` in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convert import cli
from tests.conftest import FIXTURES, ROOT

SEED = FIXTURES / "seed" / "source.txt"
FAST = ["-t", "html,json"]  # the command's behaviour, not the writers': the quick formats


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_good_input_writes_html_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dist = tmp_path / "dist"
    status, out, err = run(capsys, SEED, *FAST, "-o", dist)
    assert status == 0, err
    assert sorted(p.name for p in dist.iterdir()) == ["source.html", "source.json"]
    assert out.splitlines() == [f"wrote {dist / 'source.html'}", f"wrote {dist / 'source.json'}"]
    assert "Drugbeleid" in (dist / "source.html").read_text(encoding="utf-8")


def make_binary(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 16)
    return path


def make_empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def make_folder(path: Path) -> Path:
    path.mkdir()
    return path


BAD_INPUTS = [
    ("missing", lambda p: p, "no such file"),
    ("folder", make_folder, "no paper (*.txt or *.pdf) in it"),  # a folder is a batch; this one has no paper
    ("empty", make_empty, "empty"),
    ("binary", make_binary, "binary file"),
]


@pytest.mark.parametrize(("make", "words"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_prints_one_line_and_exits_2(
    make, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # fmt: skip
    source = make(tmp_path / "paper.txt")
    dist = tmp_path / "dist"
    status, out, err = run(capsys, source, *FAST, "-o", dist)
    assert status == cli.EXIT_BAD_INPUT
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith(f"{source}: ") and words in line and " — " in line
    assert not dist.exists() or not any(dist.iterdir())


def test_as_a_module_in_a_subprocess(tmp_path: Path) -> None:
    dist = tmp_path / "out put"
    bad = tmp_path / "missing.txt"
    result = subprocess.run(
        [sys.executable, "-m", "convert", str(SEED), str(bad), *FAST, "-o", str(dist)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == cli.EXIT_BAD_INPUT
    assert result.stderr.splitlines() == [f"{bad}: no such file — check the path"]
    assert (dist / "source.html").is_file() and (dist / "source.json").is_file()


def test_help_has_examples_and_limits(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for word in ("examples:", "--max-size", "--encoding", "--replace-undecodable", "Exit status"):
        assert word in text


def test_unknown_format_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, SEED, "-t", "html,nope", "-o", tmp_path)
    assert status == cli.EXIT_BAD_INPUT
    assert err.splitlines() == [err.strip()] and "'nope'" in err
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("value", ["50M", "1.5G", "200k", "1024", "10MiB", "0"])
def test_size_option_accepts_units(value: str) -> None:
    assert cli.parse_size(value) >= 0


def test_bad_size_or_encoding_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    for option in (["--max-size", "lots"], ["--encoding", "klingon"]):
        with pytest.raises(SystemExit) as exited:
            cli.main([str(SEED), *option])
        assert exited.value.code == 2
    assert "klingon" in capsys.readouterr().err


def test_refuses_a_file_over_the_limit_before_reading_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB that takes no disk
    status, _, err = run(capsys, big, *FAST, "-o", tmp_path / "dist")
    assert status == cli.EXIT_BAD_INPUT
    assert err.strip() == (
        f"{big}: the file is 100M, larger than the limit of 50M — split it, or raise the limit with "
        "--max-size (converting can take up to 50 times the file size in memory)"
    )


def test_a_smaller_limit_is_respected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, SEED, *FAST, "--max-size", "1K", "-o", tmp_path)
    assert status == cli.EXIT_BAD_INPUT and "limit of 1K" in err


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "secret.txt"
    source.write_text("tekst", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # root reads anything: fake the refusal
        if self == source:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    status, _, err = run(capsys, source, *FAST, "-o", tmp_path / "dist")
    assert status == cli.EXIT_BAD_INPUT
    assert err.strip() == f"{source}: cannot read it (Permission denied) — check its permissions"


def test_output_folder_that_cannot_be_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, _, err = run(capsys, SEED, *FAST, "-o", blocker / "dist")
    assert status == cli.EXIT_BAD_INPUT
    assert err.strip().startswith(f"{blocker / 'dist'}: cannot create the output folder (")
    assert "-o" in err


def test_names_with_spaces_and_accents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "brief van de minister – één.txt"
    source.write_bytes(SEED.read_bytes())
    dist = tmp_path / "uitvoer map ü"
    status, out, _ = run(capsys, source, *FAST, "-o", dist)
    assert status == 0
    assert (dist / "brief van de minister – één.html").is_file()
    assert f"wrote {dist / 'brief van de minister – één.json'}" in out


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    source.write_bytes(SEED.read_bytes())
    status, out, _ = run(capsys, source, *FAST, "-o", tmp_path / "dist")
    assert status == 0
    assert "caf\\xe9.html" in out


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = make_empty(tmp_path / "empty.txt")
    dist = tmp_path / "dist"
    status, out, err = run(capsys, empty, SEED, tmp_path / "missing.txt", *FAST, "-o", dist)
    assert status == cli.EXIT_BAD_INPUT
    assert len(err.splitlines()) == 2
    assert sorted(p.name for p in dist.iterdir()) == ["source.html", "source.json"]
    assert out.count("wrote") == 2


def test_two_inputs_with_the_same_name_do_not_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "b" / "source.txt"
    other.parent.mkdir()
    other.write_text("Een andere tekst\n\nMet een alinea.\n", encoding="utf-8")
    dist = tmp_path / "dist"
    status, _, err = run(capsys, SEED, other, *FAST, "-o", dist)
    assert status == cli.EXIT_BAD_INPUT
    assert "would replace those of" in err
    assert "Drugbeleid" in (dist / "source.html").read_text(encoding="utf-8")


def test_an_output_never_replaces_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "paper.json"
    source.write_bytes(SEED.read_bytes())
    status, _, err = run(capsys, source, "-t", "json", "-o", tmp_path)
    assert status == cli.EXIT_BAD_INPUT
    assert "would replace the input itself" in err
    assert source.read_bytes() == SEED.read_bytes()


def test_warnings_name_path_line_and_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "oud.txt"
    source.write_bytes("Titel\n\nEen \x93citaat\x94 en \x00 een NUL.\n".encode("latin-1"))
    status, _, err = run(capsys, source, *FAST, "-o", tmp_path / "dist")
    assert status == 0
    assert f"{source}: warning: read as Windows-1252" in err and "[IN003]" in err
    assert f"{source}:3: warning: 1 control character was removed" in err and "[IN001]" in err


def test_internal_error_exits_1_and_asks_for_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # fmt: skip
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "convert", broken)
    status, _, err = run(capsys, SEED, *FAST, "-o", tmp_path)
    assert status == cli.EXIT_BUG
    assert err.strip() == (
        f"{SEED}: internal error: RuntimeError: boom — this is a bug in pubconvert; please report it with "
        "this input (run with --debug for the traceback)"
    )
    status, _, err = run(capsys, SEED, *FAST, "-o", tmp_path, "--debug")
    assert status == cli.EXIT_BUG
    assert "Traceback (most recent call last)" in err and 'raise RuntimeError("boom")' in err


def test_a_bug_outranks_bad_input_in_the_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # fmt: skip
    real = cli.convert

    def broken_for_seed(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Drugbeleid" in source.text:
            raise RuntimeError("boom")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(cli, "convert", broken_for_seed)
    status, _, _ = run(capsys, tmp_path / "missing.txt", SEED, *FAST, "-o", tmp_path / "dist")
    assert status == cli.EXIT_BUG


def test_another_style_carries_its_name_and_keeps_the_default_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dist = tmp_path / "dist"
    assert run(capsys, SEED, *FAST, "-o", dist)[0] == 0
    default_html = (dist / "source.html").read_bytes()
    status, out, err = run(capsys, SEED, *FAST, "-o", dist, "--style", "large-print")
    assert status == 0, err
    assert f"wrote {dist / 'source.large-print.html'}" in out.splitlines()
    assert sorted(p.name for p in dist.iterdir()) == [
        "source.html", "source.json", "source.large-print.html", "source.large-print.json",
    ]  # fmt: skip
    assert (dist / "source.html").read_bytes() == default_html  # the default output was not replaced
    assert (dist / "source.large-print.html").read_bytes() != default_html
    own = tmp_path / "wide.toml"
    own.write_text('extends = "default"\n[layout]\nmeasure_em = 40\n', encoding="utf-8")
    own.with_name("default.toml").write_text((ROOT / "styles" / "default.toml").read_text(encoding="utf-8"))
    assert run(capsys, SEED, "-t", "json", "-o", dist, "--style", own)[0] == 0
    assert (dist / "source.wide.json").is_file()


def test_help_explains_style_names_and_the_batch_summary(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "paper.large-print.pdf" in out
    assert "the workers used" in out and "earlier runs" in out
