"""The HTML writer: structure, the same text as the model, and zero findings from axe-core and the Nu checker."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from convert.model import Document
from convert.style import load_style
from convert.text import plain_text
from convert.writers import get_writer
from convert.writers.html import css_variables
from tests.conftest import FIXTURE_NAMES, fixture_document
from tests.readingtext import normalise, reading_text
from tests.samples import every_node_document
from tests.validators.html import axe, nu_checker, typesetting

STYLES = ("default", "large-print")
DOCUMENTS = {
    **{name: (lambda name=name: fixture_document(name)) for name in FIXTURE_NAMES},
    "every-node": every_node_document,
}


def render(doc: Document, style: str = "default") -> str:
    return get_writer("html").write(doc, load_style(style)).decode("utf-8")


def soup_of(doc: Document) -> BeautifulSoup:
    return BeautifulSoup(render(doc), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    """What a reader gets from ``main``: the paper's text, without the page's own navigation words."""
    main = soup.find("main")
    assert main is not None
    return reading_text(main)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("html")
    paths = {}
    for name, make in DOCUMENTS.items():
        for style in STYLES:
            path = folder / f"{name}-{style}.html"
            path.write_text(render(make(), style), encoding="utf-8")
            paths[(name, style)] = path
    return paths


@pytest.mark.parametrize("name", DOCUMENTS)
def test_html_reads_as_the_model_text(name: str) -> None:
    doc = DOCUMENTS[name]()
    assert main_text(soup_of(doc)) == normalise(plain_text(doc))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_has_language_title_landmarks_and_one_h1(name: str) -> None:
    doc = DOCUMENTS[name]()
    soup = soup_of(doc)
    assert soup.html["lang"] == doc.meta.lang
    assert soup.title.get_text().endswith(doc.meta.title)
    assert [h.get_text() for h in soup.find_all("h1")] == [doc.meta.title]
    assert soup.find("header") and soup.find("main", id="main") and soup.find("footer")
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main" and soup.body.find(True) is skip, "the skip link comes first"
    assert soup.find("meta", attrs={"name": "description"})["content"]


def test_seed_title_description_and_metadata() -> None:
    soup = soup_of(fixture_document("seed"))
    assert soup.title.get_text() == "Kamerstuk 24 077, nr. 537 — Brief van de Minister van Justitie en Veiligheid"
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["dcterms.identifier"] == "kst-24077-537"
    assert meta["dcterms.date"] == "2024-03-11"
    assert meta["dcterms.subject"] == "29 911 Bestrijding georganiseerde criminaliteit"  # the last of two
    header = soup.find("header", class_="paper-header").get_text(" ")
    for expected in ("24 077 Drugbeleid", "Nr. 537", "Den Haag, 11 maart 2024", "Tweede Kamer der Staten-Generaal"):
        assert expected in header


def test_seed_marks_english_phrases_and_quotation() -> None:
    soup = soup_of(fixture_document("seed"))
    assert [s.get_text() for s in soup.find_all("span", lang="en")] == ["evidence based", "war on drugs"]
    assert [q.get_text() for q in soup.find_all("q")] == ["«Hoe verder met het drugsbeleid?»"]
    assert "Yeşilgöz-Zegerius" in soup.find(class_="closing").get_text()


def test_notes_link_both_ways_with_dpub_roles() -> None:
    soup = soup_of(every_node_document())
    refs = soup.find_all("a", role="doc-noteref")
    notes = soup.find_all("aside", role="doc-footnote")
    assert [r.get_text() for r in refs] == ["1", "2"] and len(notes) == 2
    for ref, note in zip(refs, notes, strict=True):
        assert ref["href"] == f"#{note['id']}"
        assert note.find("a", role="doc-backlink")["href"] == f"#{ref['id']}"


def test_page_starts_are_pagebreak_markers() -> None:
    soup = soup_of(every_node_document())
    assert [m["title"] for m in soup.find_all(role="doc-pagebreak")] == ["1", "2"]


def test_markup_in_the_text_stays_text() -> None:
    html = render(every_node_document())
    assert "&lt;b&gt;markup&lt;/b&gt; &amp; ]]&gt; {} %" in html
    assert "<b>" not in html


def test_every_table_header_has_a_scope() -> None:
    soup = soup_of(every_node_document())
    assert soup.find_all("th") and all(th["scope"] == "col" for th in soup.find_all("th"))


def test_axe_finds_no_violation(written: dict[tuple[str, str], Path]) -> None:
    findings = axe(list(written.values()))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_nu_checker_finds_no_error_or_warning(written: dict[tuple[str, str], Path]) -> None:
    findings = nu_checker(list(written.values()))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_validators_do_find_faults(tmp_path: Path) -> None:
    """The validators are really running: a page with known faults is reported by both."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head></head><body><img src='x.png'><p><div style='width:600px'>wide</div></p>"
        "</body></html>"
    )
    found = axe([bad])[bad]
    assert any("image-alt" in f for f in found)
    assert any("reflow-320" in f for f in found)
    assert nu_checker([bad])[bad.resolve()]


@pytest.mark.parametrize("style", ["default", "large-print"])
@pytest.mark.parametrize("width", [1000, 320])
def test_chromium_sets_the_text_ragged_right_with_even_word_gaps(
    written: dict[tuple[str, str], Path], style: str, width: int
) -> None:
    """WCAG 1.4.8: not justified, no automatic hyphens (Chromium on Debian has no Dutch dictionary),
    so every gap between two words on a line is one space wide."""
    paragraphs = typesetting(written[("seed", style)], width)
    assert paragraphs, "the seed's body has paragraphs"
    for paragraph in paragraphs:
        assert paragraph["align"] in ("left", "start") and paragraph["hyphens"] == "manual", paragraph
        assert float(paragraph["widest"]) <= float(paragraph["narrowest"]) * 1.01, paragraph  # type: ignore[arg-type]


def test_justified_screen_text_is_a_style_token() -> None:
    """A style may still ask for justified, hyphenated screen text; the default does not."""
    default = load_style("default")
    assert (default.screen.align, default.screen.hyphenate) == ("left", False)
    assert default.body.align == "justify"  # the print default keeps justification
    justified = dataclasses.replace(
        default, screen=dataclasses.replace(default.screen, align="justify", hyphenate=True)
    )
    variables = css_variables(justified)
    assert "--text-align: justify;" in variables and "--hyphens: auto;" in variables
    assert "--text-align: left;" in css_variables(default) and "--hyphens: manual;" in css_variables(default)
