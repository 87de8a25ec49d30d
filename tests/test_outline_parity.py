"""One outline in every format: each output's headings, read back from the file, are the model's.

For every fixture, the 100-page paper of the benchmarks and 200 papers of the archive
(``../shared/archive/sgd-train.jsonl``, read at test time; an evenly spaced sample), the HTML's
h1-h6, the EPUB's table of contents and headings, the PDF's structure-tree headings and its
bookmarks, the DOCX's outline paragraphs and the JSON model's headings all equal
:func:`convert.outline.outline`: the title at level 1, then the body's headings, in order and level.
"""

from __future__ import annotations

import functools
import json

import pytest

from benchmarks.corpus import archive_file, long_paper
from convert.diagnostics import ConvertError
from convert.model import Document
from convert.outline import outline
from convert.readers import read
from convert.style import load_style
from convert.writers import get_writer
from tests import outlines
from tests.conftest import FIXTURE_NAMES, ROOT, fixture_document
from tests.samples import every_node_document

ARCHIVE = archive_file()
ARCHIVE_SAMPLE = 200


@functools.cache
def archive_records() -> tuple[tuple[str, str], ...]:
    """An evenly spaced sample of the archive's papers, as (id, text)."""
    if ARCHIVE is None:  # data beside the checkout, not a validator: where it is not, say so and skip
        pytest.skip(f"the parliamentary archive (shared/archive/sgd-train.jsonl) is in no folder above {ROOT}")
    with ARCHIVE.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    step = max(1, len(records) // ARCHIVE_SAMPLE)
    return tuple((r["id"], r["text"]) for r in records[::step][:ARCHIVE_SAMPLE])


def _document(case: str) -> Document:
    kind, _, name = case.partition(":")
    if kind == "fixture":
        return fixture_document(name)
    if kind == "long":
        return read(long_paper(int(name)).text)
    if kind == "archive":
        return read(dict(archive_records())[name])
    return every_node_document()


def assert_outline_parity(doc: Document) -> None:
    style = load_style("default")
    want = outlines.expected(outline(doc))
    found = {"html": outlines.html_headings(get_writer("html").write(doc, style))}
    found["epub nav"], found["epub headings"] = outlines.epub_outlines(get_writer("epub").write(doc, style))
    found["pdf structure"], found["pdf bookmarks"] = outlines.pdf_outlines(get_writer("pdf").write(doc, style))
    found["docx"] = outlines.docx_outline(get_writer("docx").write(doc, style))
    found["json"] = outlines.json_outline(get_writer("json").write(doc, style))
    wrong = {name: got for name, got in found.items() if got != want}
    assert not wrong, f"model outline {want}\ndiffers in {sorted(wrong)}: {wrong}"


CASES = ["synthetic:every-node", *(f"fixture:{name}" for name in FIXTURE_NAMES), "long:100"]


@pytest.mark.parametrize("case", CASES)
def test_every_output_has_the_model_outline(case: str) -> None:
    assert_outline_parity(_document(case))


@pytest.mark.parametrize("index", range(ARCHIVE_SAMPLE))
def test_archive_papers_have_the_model_outline_in_every_output(index: int) -> None:
    records = archive_records()
    if index >= len(records):
        pytest.fail(f"the archive has only {len(records)} papers in its sample, not {ARCHIVE_SAMPLE}")
    paper_id, text = records[index]
    try:
        doc = read(text)
    except ConvertError as error:  # a paper the reader refuses has no outputs to compare
        pytest.fail(f"archive paper {paper_id}: {error}")
    assert_outline_parity(doc)


def test_outline_puts_the_title_first_and_nests_body_headings_under_it() -> None:
    doc = every_node_document()
    assert [(e.level, e.text) for e in outline(doc)] == [
        (1, "Brief van de Minister van Proef en Toets"),
        (2, "1. Inleiding"),
        (3, "Vraag 1"),
        (3, "Antwoord 1"),
    ]


def test_docx_reader_sees_no_outline_where_word_would_see_none() -> None:
    """The DOCX outline reader is not trivially true: a body paragraph has no outline level."""
    data = get_writer("docx").write(every_node_document(), load_style("default"))
    found = outlines.docx_outline(data)
    assert found[0] == (1, "Brief van de Minister van Proef en Toets")
    assert all(text != "Eerste regel tweede regel met <b>markup</b> & ]]> {} %" for _, text in found)
