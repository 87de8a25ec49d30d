"""Batch conversion: folders in, mirrored outputs, failures that never stop the batch, resume, workers, Dask."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from convert.batch import (
    EXIT_BAD_INPUT,
    EXIT_BUG,
    EXIT_OK,
    BatchSummary,
    Options,
    find_inputs,
    plan_jobs,
    render,
    run_batch,
)
from convert.diagnostics import SourceError
from tests.conftest import FIXTURES
from tests.validators import require

SEED = FIXTURES / "seed" / "source.txt"
OTHER = FIXTURES / "motie-32545-143" / "source.txt"
FORMATS = ["html", "json"]


def paper(folder: Path, name: str, source: Path = SEED) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """papers/a.txt, papers/2024/b.txt, papers/2024/a.txt (same stem as the first), plus noise to ignore."""
    root = tmp_path / "papers"
    paper(root, "a.txt")
    paper(root / "2024", "b.txt", OTHER)
    paper(root / "2024", "a.txt", OTHER)
    (root / "notes.md").write_text("not a paper", encoding="utf-8")
    paper(root / ".hidden", "c.txt")
    return root


def outputs(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".pubconvert" not in p.parts}


def test_a_folder_is_searched_for_text_files_and_mirrored_below_the_output(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([archive], out, FORMATS, progress=False)
    assert summary.converted == 3 and summary.failed == 0 and summary.exit_status == EXIT_OK
    assert outputs(out) == {
        "a.html", "a.json", "2024/a.html", "2024/a.json", "2024/b.html", "2024/b.json",
    }  # fmt: skip
    assert [r.name for r in summary.results] == ["2024/a", "2024/b", "a"]  # input order: sorted paths
    assert (out / "a.html").read_bytes() != (out / "2024/a.html").read_bytes()  # no paper overwrote another


def test_files_with_one_stem_in_different_folders_do_not_collide(tmp_path: Path) -> None:
    first = paper(tmp_path / "x", "paper.txt")
    second = paper(tmp_path / "y", "paper.txt", OTHER)
    out = tmp_path / "out"
    summary = run_batch([first, second], out, ["html"], progress=False)
    assert summary.converted == 2
    assert outputs(out) == {"x/paper.html", "y/paper.html"}


def test_files_from_one_folder_are_named_like_single_conversions(tmp_path: Path) -> None:
    first = paper(tmp_path, "one.txt")
    second = paper(tmp_path, "two.txt")
    jobs = plan_jobs([first, second], tmp_path / "out", Options(("html",)))
    assert [j.targets[0][1] for j in jobs] == [tmp_path / "out" / "one.html", tmp_path / "out" / "two.html"]


def test_same_stem_with_another_suffix_keeps_the_whole_file_name(tmp_path: Path) -> None:
    first = paper(tmp_path, "p.txt")
    second = paper(tmp_path, "p.text")
    jobs = plan_jobs([first, second], tmp_path / "out", Options(("html",)))
    assert {j.targets[0][1].name for j in jobs} == {"p.txt.html", "p.text.html"}


def test_the_output_folder_inside_an_input_folder_is_not_searched(tmp_path: Path) -> None:
    paper(tmp_path, "a.txt")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("an output, not a paper", encoding="utf-8")
    assert [p.name for p, _ in find_inputs([tmp_path], tmp_path / "out")] == ["a.txt"]


def test_a_bad_paper_fails_alone_and_the_summary_says_why(archive: Path, tmp_path: Path) -> None:
    (archive / "broken.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (archive / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    summary = run_batch([archive, tmp_path / "missing.txt"], out, FORMATS, progress=False)
    assert summary.converted == 3
    assert summary.failed == 3
    reasons = {r.source.name: r.error or "" for r in summary.failures}
    assert "PDF is damaged" in reasons["broken.txt"]  # recognised by its bytes, whatever its name
    assert "empty" in reasons["empty.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert all(r.error_kind == "input" for r in summary.failures)
    assert summary.exit_status == EXIT_BAD_INPUT
    assert not (out / "papers" / "broken.html").exists() and not (out / "broken.html").exists()
    text = summary.format()
    assert "3 converted" in text and "3 failed" in text and "no such file" in text


def test_a_paper_over_the_size_limit_fails_before_it_is_read(archive: Path, tmp_path: Path) -> None:
    summary = run_batch([archive], tmp_path / "out", FORMATS, progress=False, max_size=2000)
    too_large = {r.name for r in summary.failures if "larger than the limit" in (r.error or "")}
    assert too_large == {"a"}  # the seed is 2 500 bytes; the motion is smaller
    assert summary.converted == 2


def test_an_output_that_cannot_be_written_fails_that_paper_only(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a.html").mkdir(parents=True)  # a folder where the output file should go
    summary = run_batch([archive], out, FORMATS, progress=False)
    assert summary.converted == 2
    [failure] = summary.failures
    assert failure.name == "a" and "cannot write it" in (failure.error or "") and failure.error_kind == "input"
    assert not (out / "a.json").exists()  # all outputs of a paper or none


def test_a_bug_on_one_paper_is_reported_as_a_bug_and_the_batch_goes_on(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import convert.pipeline

    real = convert.pipeline.convert

    def flaky(source: object, *args: object, **kwargs: object) -> object:
        if "Fiche" in getattr(source, "text", str(source)):
            raise ZeroDivisionError("boom")
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(convert.pipeline, "convert", flaky)
    paper(archive, "fiche.txt", FIXTURES / "bijlage-bnc-fiche-5-mifir-2021" / "source.txt")
    summary = run_batch([archive], tmp_path / "out", FORMATS, progress=False)
    assert summary.converted == 3
    [failure] = summary.failures
    assert failure.error_kind == "bug" and "ZeroDivisionError: boom" in (failure.error or "")
    assert "Traceback" in failure.detail
    assert summary.exit_status == EXIT_BUG


def test_render_never_raises_and_tells_input_errors_from_bugs() -> None:
    bad = render(b"\x00", "x.txt", Options(("html",)))
    assert bad.error_kind == "input" and bad.outputs == {}
    unknown = render(SEED.read_bytes(), "seed.txt", Options(("no-such-format",)))
    assert unknown.error_kind == "input" and "unknown output format" in (unknown.error or "")
    good = render(SEED.read_bytes(), "seed.txt", Options(("html",)))
    assert good.error is None and good.outputs["html"].startswith(b"<!DOCTYPE html>")


def test_a_rerun_skips_papers_whose_outputs_are_up_to_date(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([archive], out, FORMATS, progress=False)
    assert first.converted == 3
    again = run_batch([archive], out, FORMATS, progress=False)
    assert again.converted == 0 and again.skipped == 3 and again.exit_status == EXIT_OK

    (archive / "a.txt").write_text(SEED.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    (out / "2024" / "b.json").unlink()  # an output gone: redo that paper too
    changed = run_batch([archive], out, FORMATS, progress=False)
    assert {r.name for r in changed.results if r.outcome == "converted"} == {"a", "2024/b"}
    assert b"Een nieuwe alinea." in (out / "a.html").read_bytes()

    other_formats = run_batch([archive], out, ["html"], progress=False)
    assert other_formats.converted == 3  # other options, other outputs: convert again
    other_style = run_batch([archive], out, ["html"], "large-print", progress=False)
    assert other_style.converted == 3
    forced = run_batch([archive], out, ["html"], "large-print", progress=False, force=True)
    assert forced.converted == 3
    other_input_options = run_batch([archive], out, ["html"], "large-print", progress=False, encoding="utf-8")
    assert other_input_options.converted == 3


def test_an_interrupted_journal_line_is_ignored(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([archive], out, FORMATS, progress=False)
    journal = out / ".pubconvert" / "manifest.jsonl"
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('{"name": "a", "key": "cut sho')
    assert run_batch([archive], out, FORMATS, progress=False).skipped == 3


def test_two_worker_processes_give_the_same_outputs(archive: Path, tmp_path: Path) -> None:
    (archive / "broken.txt").write_bytes(b"\x00")
    serial = run_batch([archive], tmp_path / "serial", FORMATS, progress=False)
    parallel = run_batch([archive], tmp_path / "parallel", FORMATS, jobs=2, progress=False)
    assert parallel.backend == "processes:2"
    assert (parallel.converted, parallel.failed) == (serial.converted, serial.failed) == (3, 1)
    for name in outputs(tmp_path / "serial"):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes()


def test_the_progress_bar_does_not_disturb_the_batch(archive: Path, tmp_path: Path) -> None:
    summary = run_batch([archive], tmp_path / "out", FORMATS, progress=True)
    assert summary.converted == 3


def test_a_folder_without_papers_is_an_error_for_the_whole_batch(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not a paper", encoding="utf-8")
    with pytest.raises(SourceError, match=r"no paper \(\*\.txt or \*\.pdf\) in it") as caught:
        run_batch([tmp_path], tmp_path / "out", FORMATS, progress=False)
    assert caught.value.path == str(tmp_path)


def test_the_summary_counts_and_lists(archive: Path, tmp_path: Path) -> None:
    (archive / "broken.txt").write_bytes(b"\x00")
    summary = run_batch([archive], tmp_path / "out", FORMATS, progress=False)
    assert isinstance(summary, BatchSummary)
    assert (len(summary.results), summary.converted, summary.skipped, summary.failed) == (4, 3, 0, 1)
    first_line, *rest = summary.format().splitlines()
    assert first_line.startswith("4 papers in ") and "3 converted, 0 up to date" in first_line
    assert rest[0] == "failed:" and rest[1].startswith(f"  {archive / 'broken.txt'}: ")


def test_a_dask_cluster_of_two_workers_converts_like_this_machine(archive: Path, tmp_path: Path) -> None:
    require(importlib.util.find_spec("distributed") is not None, "dask.distributed (pip install 'dask[distributed]')")
    from distributed import LocalCluster

    (archive / "broken.txt").write_bytes(b"\x00")
    local = run_batch([archive], tmp_path / "local", FORMATS, progress=False)
    cluster_options = {"n_workers": 2, "threads_per_worker": 1, "processes": False, "dashboard_address": None}
    with LocalCluster(**cluster_options) as cluster:  # type: ignore[no-untyped-call]
        remote = run_batch([archive], tmp_path / "dask", FORMATS, scheduler=cluster.scheduler_address, progress=False)
        assert remote.backend == cluster.scheduler_address
        assert (remote.converted, remote.failed) == (3, 1)
        assert [r.error for r in remote.failures] == [r.error for r in local.failures]
        for name in outputs(tmp_path / "local"):
            assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
        resumed = run_batch([archive], tmp_path / "dask", FORMATS, scheduler=cluster.scheduler_address)
        assert resumed.skipped == 3 and resumed.failed == 1


def test_pdfs_next_to_texts_convert_in_workers_resume_and_run_on_dask(tmp_path: Path) -> None:
    """``*.pdf`` beside ``*.txt``: the same progress, resume and Dask path; a bad PDF fails alone."""
    require(importlib.util.find_spec("distributed") is not None, "dask.distributed (pip install 'dask[distributed]')")
    from distributed import LocalCluster

    root = tmp_path / "papers"
    paper(root, "motie.pdf", FIXTURES / "motie-32545-143" / "source.pdf")
    paper(root, "motie.txt", FIXTURES / "motie-32545-143" / "source.txt")
    paper(root / "2024", "vragen.pdf", FIXTURES / "kamervragen-ah-tk-20232024-1292" / "source.pdf")
    (root / "2024" / "cut.pdf").write_bytes((FIXTURES / "motie-32545-143" / "source.pdf").read_bytes()[:2000])
    out = tmp_path / "out"
    summary = run_batch([root], out, FORMATS, jobs=2, progress=False)
    assert (summary.converted, summary.failed) == (3, 1)
    assert "PDF is damaged" in (summary.failures[0].error or "")
    assert outputs(out) == {
        "motie.pdf.html", "motie.pdf.json", "motie.txt.html", "motie.txt.json", "2024/vragen.html", "2024/vragen.json",
    }  # fmt: skip  # the same stem twice in one folder: each keeps its whole name
    assert (out / "motie.pdf.html").read_bytes() == (out / "motie.txt.html").read_bytes()  # one model, either route
    again = run_batch([root], out, FORMATS, progress=False)
    assert (again.converted, again.skipped, again.failed) == (0, 3, 1)
    cluster_options = {"n_workers": 2, "threads_per_worker": 1, "processes": False, "dashboard_address": None}
    with LocalCluster(**cluster_options) as cluster:  # type: ignore[no-untyped-call]
        remote = run_batch([root], tmp_path / "dask", FORMATS, scheduler=cluster.scheduler_address, progress=False)
        assert (remote.converted, remote.failed) == (3, 1)
        for name in outputs(out):
            assert (out / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()


def warning_paper(folder: Path, name: str) -> Path:
    """A paper the reader converts with warnings (Windows-1252 text with a control character)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes("Titel\n\nEen \x93citaat\x94 en \x00 een NUL.\n".encode("latin-1"))
    return path


def test_a_resumed_batch_counts_the_warnings_of_earlier_runs(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    warning_paper(papers, "oud.txt")
    out = tmp_path / "out"
    first = run_batch([papers], out, FORMATS, progress=False)
    assert first.converted == 1 and first.warnings >= 2
    paper(papers, "nieuw.txt")  # the seed: no warnings
    resumed = run_batch([papers], out, FORMATS, progress=False)
    assert (resumed.converted, resumed.skipped) == (1, 1)
    assert resumed.warnings == resumed.earlier_warnings == first.warnings
    line = resumed.format().splitlines()[0]
    assert f"{first.warnings} warnings ({first.warnings} from earlier runs)" in line
    assert any("read as Windows-1252" in text for text in resumed.format(show_warnings=True).splitlines())


def test_the_summary_says_how_many_workers_it_used(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    parallel = run_batch([archive], out, FORMATS, jobs=2, progress=False)
    assert (parallel.workers, parallel.workers_used()) == (2, "2 worker processes")
    assert "(2 worker processes)" in parallel.format()
    resumed = run_batch([archive], out, FORMATS, jobs=2, progress=False)  # all up to date: none needed
    assert resumed.skipped == 3 and "(no worker needed)" in resumed.format() and "serial" not in resumed.format()
    paper(archive, "extra.txt")  # one paper left: one worker, however many were allowed
    one_left = run_batch([archive], out, FORMATS, jobs=2, progress=False)
    assert one_left.converted == 1 and "(1 worker, this process)" in one_left.format()


def test_outputs_of_another_style_carry_its_name(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([archive], out, FORMATS, progress=False)
    run_batch([archive], out, FORMATS, "large-print", progress=False)
    assert {"a.html", "a.large-print.html", "2024/b.json", "2024/b.large-print.json"} <= outputs(out)
