"""LibreOffice as a second, independent reader of our DOCX files, and its tagged PDF/UA export as proof.

``soffice`` (Debian ``libreoffice-writer``, headless) opens each DOCX with the Word filter forced
(otherwise a broken file is silently "converted" as plain text), in a fresh profile per run (a
shared profile locks up), and exports a tagged PDF/UA-1. ``page-validation`` then checks that PDF.
LibreOffice 7.4's exporter breaks three PDF/UA-1 rules by itself on any document with notes or
links; those are listed once, in :data:`EXPORTER_RULES`, and every other rule is held at zero.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.validators import executable
from tests.validators.pdfua import pdfua1_findings

WORD_FILTER = "MS Word 2007 XML"
PDF_UA_EXPORT = "pdf:writer_pdf_Export:" + json.dumps(
    {
        "PDFUACompliance": {"type": "boolean", "value": "true"},
        "UseTaggedPDF": {"type": "boolean", "value": "true"},
        "ExportBookmarks": {"type": "boolean", "value": "true"},
    }
)
# Broken by LibreOffice 7.4's PDF exporter on any document with footnotes or links, whatever the
# DOCX says (docs: VALIDATORS.md). Nothing else may fail.
EXPORTER_RULES = frozenset({"PDFUA1-PAGE-TABS-001", "PDFUA1-NOTE-ID-001", "PDFUA1-LINK-LINK-TAG-001"})
TIMEOUT_S = 300


def soffice() -> str:
    return executable("soffice")


def export_pdf_ua(docx_files: Sequence[Path], outdir: Path) -> dict[Path, Path]:
    """Export every DOCX to a tagged PDF/UA in ``outdir`` with one soffice call; DOCX -> PDF path.

    Raises AssertionError, with soffice's own words, when a file does not open or export.
    """
    program = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        result = subprocess.run(
            [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             f"--infilter={WORD_FILTER}", "--convert-to", PDF_UA_EXPORT, "--outdir", str(outdir),
             *map(str, docx_files)],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
        )  # fmt: skip
    pdfs = {path: outdir / (path.stem + ".pdf") for path in docx_files}
    missing = [str(path) for path, pdf in pdfs.items() if not pdf.is_file()]
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("Error")]
    assert result.returncode == 0 and not missing and not errors, (
        f"LibreOffice could not open or export {missing or 'all files'} (exit {result.returncode}):\n"
        f"{result.stdout}\n{result.stderr}"
    )
    return pdfs


def pdf_ua_failures(pdf: Path) -> list[str]:
    """Every failed PDF/UA-1 rule as ``RULE-ID: message``, as :mod:`tests.validators.pdfua` reports them,
    LibreOffice's own three (:data:`EXPORTER_RULES`) left out."""
    return sorted({finding for finding in pdfua1_findings(pdf) if finding.split(":", 1)[0] not in EXPORTER_RULES})
