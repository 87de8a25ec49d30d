"""Every output of the PDF route reads as the model's text and passes the validators the text route
passes, for each corpus PDF.

The papers are converted once (all formats, as ``pubconvert paper.pdf`` does) and each validator
runs once over all of them: PDF/UA-1 (page-validation), axe-core and the Nu checker on the HTML,
EPUBCheck and DAISY Ace on the EPUB, LibreOffice's tagged export of the DOCX against PDF/UA-1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from convert.model import Document
from convert.pipeline import convert
from convert.source import decode
from convert.style import load_style
from convert.text import plain_text
from tests.readingtext import normalise
from tests.test_pdf_source import CORPUS_PDFS, paper_name
from tests.test_writer_html import main_text, soup_of
from tests.test_writer_pdf import assert_structure_text
from tests.validators import executable
from tests.validators.epub import ace, epubcheck
from tests.validators.html import axe, nu_checker
from tests.validators.libreoffice import EXPORTER_RULES, export_pdf_ua, pdf_ua_failures
from tests.validators.pdfua import pdfua1_findings

FORMATS = ["pdf", "docx", "epub", "html"]


@dataclass(frozen=True)
class Converted:
    document: Document
    files: dict[str, Path]  # format -> the written file


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    """Paper name -> its PDF route model and written files."""
    folder = tmp_path_factory.mktemp("pdf-route")
    style = load_style("default")
    converted: dict[str, Converted] = {}
    for path in CORPUS_PDFS:
        name = paper_name(path)
        conversion = convert(decode(path.read_bytes(), path.name), FORMATS, style)
        files = {fmt: folder / f"{name}.{fmt}" for fmt in conversion.outputs}
        for fmt, data in conversion.outputs.items():
            files[fmt].write_bytes(data)
        converted[name] = Converted(conversion.document, files)
    return converted


def of_format(outputs: dict[str, Converted], fmt: str) -> list[Path]:
    return [paper.files[fmt] for paper in outputs.values()]


def test_the_html_and_the_pdf_read_as_the_model_text(outputs: dict[str, Converted]) -> None:
    for name, paper in outputs.items():
        assert main_text(soup_of(paper.document)) == normalise(plain_text(paper.document)), name
        assert_structure_text(paper.document, paper.files["pdf"])


def test_every_pdf_passes_pdf_ua_1(outputs: dict[str, Converted]) -> None:
    findings = {name: pdfua1_findings(paper.files["pdf"]) for name, paper in outputs.items()}
    assert {name: found for name, found in findings.items() if found} == {}


def test_every_html_passes_axe(outputs: dict[str, Converted]) -> None:
    findings = axe(of_format(outputs, "html"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_html_passes_the_nu_checker(outputs: dict[str, Converted]) -> None:
    findings = nu_checker(of_format(outputs, "html"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_epub_passes_epubcheck(outputs: dict[str, Converted]) -> None:
    findings = epubcheck(of_format(outputs, "epub"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_epub_passes_ace(outputs: dict[str, Converted]) -> None:
    findings = ace(of_format(outputs, "epub"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_docx_exports_to_pdf_ua_1_in_libreoffice(outputs: dict[str, Converted], tmp_path: Path) -> None:
    executable("soffice")
    pdfs = export_pdf_ua(of_format(outputs, "docx"), tmp_path)
    findings = {str(docx): pdf_ua_failures(pdf) for docx, pdf in pdfs.items()}
    assert {p: f for p, f in findings.items() if f} == {}, f"only {sorted(EXPORTER_RULES)} are LibreOffice's own"
