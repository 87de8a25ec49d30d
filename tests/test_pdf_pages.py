"""PDF pages a reader is glad to read: balanced headings, no heading at the foot of a page, no page
that ends short (benchmarks/pages.py counts them from the PDF itself).

Every fixture and the 100- and 500-page papers of the benchmarks, in both bundled styles.
"""

from __future__ import annotations

import functools

import pytest

from benchmarks.corpus import long_paper
from benchmarks.pages import Faults, Measures, count_faults
from convert.model import Document
from convert.readers import read
from convert.style import load_style
from convert.writers import get_writer
from convert.writers.pdf import pages
from convert.writers.pdf.tagging import DocumentInfo, tag
from tests.conftest import FIXTURE_NAMES, fixture_document

STYLES = ["default", "large-print"]
CASES = [*(f"fixture:{name}" for name in FIXTURE_NAMES), "long:100", "long:500"]


@functools.cache
def _document(case: str) -> Document:
    kind, _, name = case.partition(":")
    return fixture_document(name) if kind == "fixture" else read(long_paper(int(name)).text)


def faults(case: str, style: str) -> Faults:
    return count_faults(get_writer("pdf").write(_document(case), load_style(style)), Measures.of(style))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("case", CASES)
def test_headings_are_balanced_never_end_a_page_and_no_page_ends_short(case: str, style: str) -> None:
    found = faults(case, style)
    assert found.unbalanced_headings == []
    assert found.headings_ending_a_page == []
    assert found.short_pages == []


def test_the_count_sees_short_pages_where_there_are_some() -> None:
    """The counter is not blind: laid out once, without stretching, the Aanhangsel's first page ends
    short (its "Antwoord 2" had to move on with its text)."""
    doc = fixture_document("kamervragen-ah-tk-20232024-2271")
    laid, _ = pages._lay_out_once(doc, load_style("default"), {})
    info = DocumentInfo(title=doc.meta.title, lang="nl", creators=(), subject="", date=None)
    found = count_faults(tag(laid.pdf, laid.root, laid.recorder, info), Measures.of("default"))
    assert any(fault.startswith("page 1:") for fault in found.short_pages)
