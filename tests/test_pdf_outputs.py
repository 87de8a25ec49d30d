"""Every output of the PDF route passes the validators the text route passes, for each corpus PDF.

The papers are converted once (all formats, as ``pubconvert paper.pdf`` does) and each validator
runs once over all of them: PDF/UA-1 (page-validation), axe-core and the Nu checker on the HTML,
EPUBCheck and DAISY Ace on the EPUB, LibreOffice's tagged export of the DOCX against PDF/UA-1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.pipeline import convert
from convert.source import decode
from convert.style import load_style
from tests.test_pdf_source import CORPUS_PDFS, paper_name
from tests.validators import executable
from tests.validators.epub import ace, epubcheck
from tests.validators.html import axe, nu_checker
from tests.validators.libreoffice import EXPORTER_RULES, export_pdf_ua, pdf_ua_failures
from tests.validators.pdfua import pdfua1_findings

FORMATS = ["pdf", "docx", "epub", "html"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Paper name -> format -> the written file."""
    folder = tmp_path_factory.mktemp("pdf-route")
    style = load_style("default")
    written: dict[str, dict[str, Path]] = {}
    for path in CORPUS_PDFS:
        name = paper_name(path)
        conversion = convert(decode(path.read_bytes(), path.name), FORMATS, style)
        written[name] = {}
        for fmt, data in conversion.outputs.items():
            target = folder / f"{name}.{fmt}"
            target.write_bytes(data)
            written[name][fmt] = target
    return written


def of_format(outputs: dict[str, dict[str, Path]], fmt: str) -> list[Path]:
    return [files[fmt] for files in outputs.values()]


def test_every_pdf_passes_pdf_ua_1(outputs: dict[str, dict[str, Path]]) -> None:
    findings = {name: pdfua1_findings(files["pdf"]) for name, files in outputs.items()}
    assert {name: found for name, found in findings.items() if found} == {}


def test_every_html_passes_axe(outputs: dict[str, dict[str, Path]]) -> None:
    findings = axe(of_format(outputs, "html"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_html_passes_the_nu_checker(outputs: dict[str, dict[str, Path]]) -> None:
    findings = nu_checker(of_format(outputs, "html"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_epub_passes_epubcheck(outputs: dict[str, dict[str, Path]]) -> None:
    findings = epubcheck(of_format(outputs, "epub"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_epub_passes_ace(outputs: dict[str, dict[str, Path]]) -> None:
    findings = ace(of_format(outputs, "epub"))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_every_docx_exports_to_pdf_ua_1_in_libreoffice(outputs: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    executable("soffice")
    pdfs = export_pdf_ua(of_format(outputs, "docx"), tmp_path)
    findings = {str(docx): pdf_ua_failures(pdf) for docx, pdf in pdfs.items()}
    assert {p: f for p, f in findings.items() if f} == {}, f"only {sorted(EXPORTER_RULES)} are LibreOffice's own"
