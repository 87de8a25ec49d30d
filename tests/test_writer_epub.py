"""The EPUB writer: package, navigation and accessibility metadata, the same text as the model,
repeatable bytes, and zero findings from EPUBCheck and DAISY Ace."""

from __future__ import annotations

import dataclasses
import io
import uuid
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from convert.model import Cell, Document, Figure, Paragraph, Row, Table, Text
from convert.style import load_style
from convert.text import plain_text
from convert.walk import notes, page_starts
from convert.writers import get_writer
from convert.writers.epub import EpubWriter
from tests.conftest import FIXTURE_NAMES, fixture_document
from tests.readingtext import normalise, reading_text
from tests.samples import every_node_document
from tests.validators.epub import ace, epubcheck

DOCUMENTS = {
    **{name: (lambda name=name: fixture_document(name)) for name in FIXTURE_NAMES},
    "every-node": every_node_document,
}
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def write(doc: Document, style: str = "default") -> bytes:
    return get_writer("epub").write(doc, load_style(style))


class Book:
    """An EPUB opened for XPath assertions on its parts (Sphinx's way, not byte comparison)."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = ET.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")  # type: ignore[union-attr]
        self.opf = ET.fromstring(self.zip.read(self.opf_path))
        self.folder = PurePosixPath(self.opf_path).parent

    def part(self, href: str) -> bytes:
        return self.zip.read(str(self.folder / href))

    def manifest(self) -> dict[str, ET.Element]:
        return {item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)}  # type: ignore[misc]

    def spine(self, linear_only: bool = True) -> list[str]:
        manifest = self.manifest()
        return [
            manifest[ref.get("idref")].get("href")  # type: ignore[index, misc]
            for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)
            if not linear_only or ref.get("linear") != "no"
        ]

    def nav(self) -> ET.Element:
        href = next(i.get("href") for i in self.manifest().values() if "nav" in (i.get("properties") or "").split())
        return ET.fromstring(self.part(href))  # type: ignore[arg-type]

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def meta(self, prop: str) -> list[str]:
        return [e.text or "" for e in self.opf.iterfind("opf:metadata/opf:meta", NS) if e.get("property") == prop]


def body_text(xhtml: bytes) -> str:
    """What a reader gets from a content document's body: the paper's text, not the book's own words."""
    body = BeautifulSoup(xhtml, "html.parser").find("body")
    assert body is not None
    return reading_text(body)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("epub")
    paths = {}
    for name, make in DOCUMENTS.items():
        path = folder / f"{name}.epub"
        path.write_bytes(write(make()))
        paths[name] = path
    return paths


def test_writer_is_registered() -> None:
    writer = get_writer("epub")
    assert isinstance(writer, EpubWriter)
    assert (writer.suffix, writer.media_type) == (".epub", "application/epub+zip")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_spine_reads_as_the_model_text(name: str) -> None:
    doc = DOCUMENTS[name]()
    book = Book(write(doc))
    text = " ".join(body_text(book.part(href)) for href in book.spine())
    assert normalise(text) == normalise(plain_text(doc))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_and_the_package_state_the_language(name: str) -> None:
    doc = DOCUMENTS[name]()
    book = Book(write(doc))
    lang = doc.meta.lang
    assert book.opf.get(XML_LANG) == lang, "ebooklib leaves xml:lang off <package>; the writer adds it"
    assert book.dc("language") == [lang]
    for item in book.manifest().values():
        if item.get("media-type") == "application/xhtml+xml":
            root = ET.fromstring(book.part(item.get("href")))  # type: ignore[arg-type]
            assert (root.get("lang"), root.get(XML_LANG)) == (lang, lang), item.get("href")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_nav_has_toc_landmarks_and_a_page_list_of_the_print_pages(name: str) -> None:
    doc = DOCUMENTS[name]()
    book = Book(write(doc))
    nav = book.nav()
    kinds = {n.get(EPUB_TYPE): n for n in nav.iterfind(".//x:nav", NS)}
    toc = [a.text for a in kinds["toc"].iterfind(".//x:a", NS)]
    assert toc[0] == doc.meta.title
    assert kinds["toc"].get("role") == "doc-toc"
    assert {a.get(EPUB_TYPE) for a in kinds["landmarks"].iterfind(".//x:a", NS)} >= {"toc", "bodymatter"}
    labels = [p.label for p in page_starts(doc)]
    if labels:
        assert [a.text for a in kinds["page-list"].iterfind(".//x:a", NS)] == labels
        assert kinds["page-list"].get("role") == "doc-pagelist"
        (source,) = book.meta("pageBreakSource")
        assert doc.meta.identifier is None or doc.meta.identifier in source
        assert {"pageNavigation", "pageBreakMarkers"} <= set(book.meta("schema:accessibilityFeature"))
    else:
        assert "page-list" not in kinds and not book.meta("pageBreakSource")
        assert "pageNavigation" not in book.meta("schema:accessibilityFeature")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_accessibility_metadata_is_derived_and_the_claim_made(name: str) -> None:
    doc = DOCUMENTS[name]()
    book = Book(write(doc))
    assert book.meta("schema:accessMode") == ["textual"]
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert book.meta("schema:accessibilityHazard") == ["none"]
    features = set(book.meta("schema:accessibilityFeature"))
    assert {"tableOfContents", "readingOrder"} <= features
    assert "alternativeText" not in features, "the EPUB holds no images, so no claim about their alternatives"
    (summary,) = book.meta("schema:accessibilitySummary")
    assert summary.startswith("Deze EPUB-publicatie") and "inhoudsopgave" in summary
    assert ("voetnoten" in summary) == bool(notes(doc))
    assert book.meta("dcterms:conformsTo") == [CONFORMANCE]
    assert book.meta("a11y:certifiedBy")


def test_no_conformance_claim_when_a_check_fails() -> None:
    """A table without header cells fails WCAG 1.3.1 here: no claim, and the summary says why."""
    doc = every_node_document()
    table = Table((), (), (Row((Cell((Paragraph((Text("a"),)),)), Cell((Paragraph((Text("b"),)),)))),))
    book = Book(write(dataclasses.replace(doc, body=(*doc.body, table))))
    assert book.meta("dcterms:conformsTo") == [] and book.meta("a11y:certifiedBy") == []
    assert "geen conformiteit" in book.meta("schema:accessibilitySummary")[0]


def test_no_page_list_without_page_starts() -> None:
    book = Book(write(fixture_document("seed")))
    assert not page_starts(fixture_document("seed"))
    assert book.meta("pageBreakSource") == []


def test_figures_are_described_in_words_not_linked_to_missing_files() -> None:
    doc = every_node_document()
    figure = Figure(src="munt.png", alt="De munt, voorzijde", caption=(Text("Munt"),))
    book = Book(write(dataclasses.replace(doc, body=(*doc.body, figure))))
    text = book.part("text.xhtml").decode()
    assert "<img" not in text and "De munt, voorzijde" in text
    assert book.meta("schema:accessMode") == ["textual"]


def test_package_metadata_and_identifiers() -> None:
    doc = fixture_document("seed")
    book = Book(write(doc))
    unique = book.opf.get("unique-identifier")
    identifiers = {e.get("id"): e.text for e in book.opf.iterfind("opf:metadata/dc:identifier", NS)}
    expected = uuid.uuid5(uuid.NAMESPACE_URL, "https://zoek.officielebekendmakingen.nl/kst-24077-537")
    assert identifiers[unique] == f"urn:uuid:{expected}"
    assert "kst-24077-537" in identifiers.values()
    assert book.dc("title") == ["Kamerstuk 24 077, nr. 537 — Brief van de Minister van Justitie en Veiligheid"]
    assert book.dc("date") == ["2024-03-11"]
    assert book.meta("dcterms:modified") == ["2024-03-11T00:00:00Z"]
    assert book.dc("subject") == ["24 077 Drugbeleid", "29 911 Bestrijding georganiseerde criminaliteit"]
    assert book.dc("publisher") == ([doc.meta.chamber] if doc.meta.chamber else [])
    assert book.dc("creator") == [s.name for s in doc.signatories]
    every = Book(write(every_node_document()))
    assert every.dc("publisher") == ["Tweede Kamer der Staten-Generaal"]
    assert every.dc("creator") == ["D. Yeşilgöz-Zegerius", "Grinwis"]


def test_undated_paper_takes_the_documented_epoch() -> None:
    doc = every_node_document()
    book = Book(write(dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, date=None))))
    assert book.meta("dcterms:modified") == ["1980-01-01T00:00:00Z"]
    assert {info.date_time for info in book.zip.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_characters_xml_cannot_hold_are_left_out_of_metadata_and_text() -> None:
    """A model built by other code may carry control characters; the book must still be well-formed."""
    doc = every_node_document()
    meta = dataclasses.replace(doc.meta, title="Brief\x0c over\x01 drugs\ufffe", questioners=("Grin\x0bwis",))
    book = Book(write(dataclasses.replace(doc, meta=meta)))
    assert book.dc("title")[0].endswith(" — Brief over drugs")
    assert book.dc("creator")[0] == "Grinwis"
    title = ET.fromstring(book.part("text.xhtml")).find("x:head/x:title", NS)
    assert title is not None and (title.text or "").endswith(" — Brief over drugs")


def test_same_input_same_bytes() -> None:
    assert write(every_node_document()) == write(every_node_document())
    book = Book(write(every_node_document()))
    assert book.zip.namelist()[0] == "mimetype" and book.zip.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert {info.date_time for info in book.zip.infolist()} == {(2024, 3, 11, 0, 0, 0)}


def test_notes_are_footnote_asides_linked_both_ways() -> None:
    soup = BeautifulSoup(Book(write(every_node_document())).part("text.xhtml"), "html.parser")
    refs = soup.find_all("a", attrs={"epub:type": "noteref"})
    asides = soup.find_all("aside", attrs={"epub:type": "footnote"})
    assert [r.get_text() for r in refs] == ["1", "2"] and len(asides) == 2
    for ref, aside in zip(refs, asides, strict=True):
        assert ref["role"] == "doc-noteref" and aside["role"] == "doc-footnote"
        assert ref["href"] == f"#{aside['id']}"
        assert aside.find("a", role="doc-backlink")["href"] == f"#{ref['id']}"


def test_page_starts_are_pagebreak_markers() -> None:
    soup = BeautifulSoup(Book(write(every_node_document())).part("text.xhtml"), "html.parser")
    markers = soup.find_all(attrs={"epub:type": "pagebreak"})
    assert [(m["role"], m["title"]) for m in markers] == [("doc-pagebreak", "1"), ("doc-pagebreak", "2")]


def test_style_comes_from_the_style_tokens() -> None:
    book = Book(write(every_node_document(), "large-print"))
    css = book.part("style.css").decode()
    assert "--body-font" in css and "--measure" in css


def test_epubcheck_finds_no_error_or_warning(written: dict[str, Path]) -> None:
    findings = epubcheck(list(written.values()))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_ace_finds_no_violation(written: dict[str, Path]) -> None:
    findings = ace(list(written.values()))
    assert {str(p): f for p, f in findings.items() if f} == {}


def test_validators_do_find_faults(tmp_path: Path) -> None:
    """The validators are really running: a book with known faults is reported by both."""
    good = zipfile.ZipFile(io.BytesIO(write(every_node_document())))
    bad = tmp_path / "bad.epub"
    with zipfile.ZipFile(bad, "w") as out:
        for info in good.infolist():
            data = good.read(info)
            if info.filename.endswith("content.opf"):  # drop the package language and one required property
                data = data.replace(b' xml:lang="nl"', b"").replace(b'property="schema:accessMode"', b'property="x"')
            if info.filename.endswith("text.xhtml"):  # an image without a text alternative, and missing
                data = data.replace(b"<p>Ja.</p>", b'<p>Ja.<img src="missing.png"/></p>')
            out.writestr(info, data)
    assert any("RSC-007" in f or "RSC-" in f for f in epubcheck([bad])[bad])
    found = "\n".join(ace([bad])[bad])
    assert "epub-lang" in found and "metadata-accessmode" in found
