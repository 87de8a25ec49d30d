"""PDF/UA-1 with page-validation (``import page``): the failed rules of a PDF, as "RULE-ID: message"."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.validators import require


def available() -> bool:
    return importlib.util.find_spec("page") is not None


def pdfua1_findings(path: Path) -> list[str]:
    """Every failed PDF/UA-1 rule of ``path``; an empty list means compliant."""
    require(available(), "page-validation (PDF/UA-1 validator)")
    import page

    report = page.validate_pdf(str(path), profile="ua1")
    findings = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    if not report.is_compliant and not findings:
        findings.append(f"not compliant, {report.rules.failed} rule(s) failed without details")
    return findings
