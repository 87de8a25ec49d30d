"""DOCX writer: structure checks on the unzipped XML (python-docx + lxml), the same-text check, and
LibreOffice as a second reader whose tagged PDF/UA export must pass PDF/UA-1 and keep our structure.

The same-text check reads the DOCX as a screen reader does: body paragraphs in order (a table's
cells row by row, a picture as its alternative text, a footnote reference as the number Word
shows), then each footnote's paragraphs. Blank lines are dropped on both sides (an empty table
cell is a paragraph in Word but no line in the model); nothing else is normalised except the
characters XML cannot hold, which the writer drops (``xml_safe``) and so does the expectation.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import struct
import subprocess
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import docx
import pikepdf
import pytest
from lxml import etree

from convert.model import (
    Block,
    BlockQuote,
    Cell,
    Closing,
    Document,
    Dossier,
    Emphasis,
    Figure,
    Foreign,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Meta,
    Note,
    PageStart,
    Paragraph,
    Quoted,
    Row,
    Section,
    Signatory,
    Strong,
    Table,
    Text,
)
from convert.outline import outline, outline_headings
from convert.style import load_style
from convert.text import full_title, inline_text, note_lines, plain_text
from convert.walk import block_inlines, iter_blocks, notes
from convert.writers import get_writer
from convert.writers.docx import DocxWriter
from convert.writers.docx._oxml import xml_safe
from tests.conftest import FIXTURE_NAMES, fixture_document
from tests.validators import executable
from tests.validators.libreoffice import EXPORTER_RULES, export_pdf_ua, pdf_ua_failures

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# ---------------------------------------------------------------- synthetic documents


def png(width: int = 4, height: int = 3) -> bytes:
    """A tiny valid grey PNG, made here so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def para(*parts: str | Inline) -> Paragraph:
    return Paragraph(tuple(Text(p) if isinstance(p, str) else p for p in parts))


def item(*parts: str | Inline, blocks: tuple[Block, ...] = (), label: str = "") -> ListItem:
    return ListItem((para(*parts), *blocks), label=label)


def cell(text: str, **spans: int) -> Cell:
    return Cell((para(text),) if text else (), **spans)


def rich_document() -> Document:
    """Every node type of the model, and the awkward cases: spans, nested lists, notes in cells, XML specials."""
    image = "data:image/png;base64," + base64.b64encode(png()).decode()
    note_one = Note("1", (para("Zie ", Link((Text("de bron"),), "https://example.org/bron?a=1&b=2"), "."),))
    note_two = Note("2", (para("Een noot met ", Emphasis((Text("nadruk"),)), ":"),
                          List((item("eerste punt"), item("tweede punt")), kind="dash")))  # fmt: skip
    note_star = Note("*", (para("Een noot met een eigen teken."),))
    note_in_cell = Note("3", (para("Noot in een cel."),))
    table = Table(
        caption=(Text("Tabel 1. Aantallen per jaar"),),
        head=(Row((cell("Jaar", rowspan=2), cell("Aantal", colspan=2))), Row((cell("man"), cell("vrouw")))),
        body=(
            Row((cell("2023"), Cell((para("12", note_in_cell),)), cell("14"))),
            Row((cell("2024"), cell("<script>alert(1)</script>", colspan=2))),
            Row((cell("totaal"), cell(""), cell("26"))),
        ),
    )
    headless = Table(caption=(), head=(), body=(Row((cell("a"), cell("b"))), Row((cell("c"), cell("d")))))
    body: tuple[Block, ...] = (
        Heading(1, (Text("Inleiding"),), id="inleiding"),
        para(
            "Tekst met ",
            Emphasis((Text("nadruk"),)),
            ", ",
            Strong((Text("vet"),)),
            ", ",
            Quoted((Text("dubbel"),)),
            " en ",
            Quoted((Text("enkel"),), kind="single"),
            ", een ",
            Foreign((Text("war on drugs"),), "en"),
            " en een verwijzing",
            note_one,
            ".",
        ),  # fmt: skip
        para("Speciale tekens: <script>, &amp;, ]]> en \x00stuur\x0btekens\x1f blijven letterlijk.", note_two),
        para("Regel een", LineBreak(), "regel twee", PageStart("2"), " en ", Link((Text("terug"),), "#inleiding"), "."),
        Heading(3, (Text("Een overgeslagen niveau"),), id="diep"),
        Section(
            Heading(2, (Text("Vraag 1"),), id="vraag-1"),
            (para("Wat is de stand van zaken?", note_star),),
            role="vraag",
        ),
        List((item("appel"), item("peer", blocks=(para("met een tweede alinea"),)), item("kers")), kind="bullet"),
        List((item("een"), item("twee")), kind="dash"),
        List(
            (
                item("drie"),
                item("vier", blocks=(List((item("genest a", label="a)"), item("genest b")), kind="letter"),)),
            ),
            kind="number",
            start=3,
        ),  # fmt: skip
        List((item("eerste", label="a)"), item("tweede", label="b)")), kind="letter"),
        List((item("i", label="i."), item("ii", label="ii.")), kind="roman"),
        BlockQuote(
            (
                para("Een citaat van ", Foreign((Text("la vie en rose"),), "fr"), "."),
                List((item("in het citaat"),), kind="bullet"),
            )
        ),  # fmt: skip
        table,
        headless,
        Figure(image, "Een grijs vlak van vier bij drie beeldpunten.", (Text("Figuur 1. Grijs"),)),
        Figure("figuren/kaart.png", "Kaart van Nederland met de tien politie-eenheden.", (Text("Figuur 2. Kaart"),)),
        Figure("", "Een figuur zonder bron."),
        Heading(1, (Text("Slot"),)),
        para(
            "Laatste alinea.",
            Note(
                "4",
                (
                    Heading(2, (Text("Een kop in een noot"),)),
                    Table((Text("Tabel in een noot"),), (Row((cell("k"), cell("w"))),), (Row((cell("1"), cell("2"))),)),
                    Figure(image, "Een plaatje in een noot."),
                    BlockQuote((para("Citaat in een noot, met ", Note("9", (para("binnen"),)), "."),)),
                ),
            ),
        ),
        Closing(
            (
                Signatory("D. Yeşilgöz-Zegerius", "De Minister van Justitie en Veiligheid"),
                Signatory("E. van der Burg", "De Staatssecretaris"),
            ),
            place_date="Den Haag, 1 maart 2024",
        ),  # fmt: skip
    )
    meta = Meta(
        title="Een synthetische brief over <alles> & meer",
        lang="nl",
        kind="Brief van de minister",
        chamber="Tweede Kamer der Staten-Generaal",
        session="2023–2024",
        dossiers=(Dossier("24 077", "Drugbeleid"), Dossier("29 911", "Bestrijding georganiseerde criminaliteit")),
        paper_number="999",
        identifier="kst-24077-999",
        addressee="Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        place="Den Haag",
        date=dt.date(2024, 3, 1),
    )
    return Document(meta, body)


def minimal_document() -> Document:
    """Only what a document must have: a title and a language; no date, no body."""
    return Document(Meta(title="Alleen een titel", lang="en"), ())


SYNTHETIC = {"rich": rich_document, "minimal": minimal_document}
ALL_NAMES = [*FIXTURE_NAMES, *(f"synthetic-{name}" for name in SYNTHETIC)]


def model(name: str) -> Document:
    if name.startswith("synthetic-"):
        return SYNTHETIC[name.removeprefix("synthetic-")]()
    return fixture_document(name)


def write(doc: Document, style: str = "default") -> bytes:
    return DocxWriter().write(doc, load_style(style))


# ---------------------------------------------------------------- reading the DOCX back


@dataclass
class Package:
    """The parts of a written DOCX that the checks read."""

    data: bytes
    document: etree._Element = field(init=False)
    footnotes: etree._Element | None = field(init=False)
    styles: etree._Element = field(init=False)
    numbering: etree._Element = field(init=False)
    names: list[str] = field(init=False)

    def __post_init__(self) -> None:
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            self.names = archive.namelist()
            self.document = etree.fromstring(archive.read("word/document.xml"))
            self.styles = etree.fromstring(archive.read("word/styles.xml"))
            self.numbering = etree.fromstring(archive.read("word/numbering.xml"))
            footnotes = "word/footnotes.xml"
            self.footnotes = etree.fromstring(archive.read(footnotes)) if footnotes in self.names else None
            self.rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))

    def real_footnotes(self) -> list[etree._Element]:
        if self.footnotes is None:
            return []
        return [n for n in self.footnotes.findall("w:footnote", NS) if n.get(w("type")) is None]


def style_of(p: etree._Element) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(w("val")) if style is not None else "Normal"


def block_paragraphs(story: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs in reading order: a table's cells row by row, a nested table in its cell."""
    for child in story:
        if child.tag == w("p"):
            yield child
        elif child.tag == w("tbl"):
            for row in child.findall("w:tr", NS):
                for tc in row.findall("w:tc", NS):
                    yield from block_paragraphs(tc)
        elif child.tag == w("sdt"):
            content = child.find("w:sdtContent", NS)
            if content is not None:
                yield from block_paragraphs(content)


class TextReader:
    """Paragraph text as a reader hears it; footnote references as the numbers Word prints."""

    def __init__(self) -> None:
        self.auto = 0
        self.numbers: dict[str, str] = {}  # footnote id -> printed number

    def text(self, p: etree._Element) -> str:
        parts: list[str] = []
        for node in p.iter(w("t"), w("tab"), w("br"), w("footnoteReference"), w("footnoteRef"),
                           f"{{{NS['wp']}}}docPr"):  # fmt: skip
            if node.tag == w("t"):
                parts.append(node.text or "")
            elif node.tag == w("tab"):
                parts.append("\t")
            elif node.tag == w("br"):
                parts.append("\n")
            elif node.tag == w("footnoteReference"):
                if node.get(w("customMarkFollows")) not in ("1", "true"):
                    self.auto += 1
                    self.numbers[node.get(w("id"))] = str(self.auto)
                    parts.append(str(self.auto))
            elif node.tag == w("footnoteRef"):
                note = next(a for a in p.iterancestors(w("footnote")))
                parts.append(self.numbers.get(note.get(w("id")), "?"))
            else:
                parts.append(node.get("descr", ""))
        return "".join(parts)


def docx_text(package: Package) -> str:
    reader = TextReader()
    lines = [reader.text(p) for p in block_paragraphs(package.document.find("w:body", NS))]
    referenced = [r.get(w("id")) for r in package.document.iter(w("footnoteReference"))]
    by_id = {n.get(w("id")): n for n in package.real_footnotes()}
    for footnote_id in referenced:
        lines += [reader.text(p) for p in block_paragraphs(by_id[footnote_id])]
    return "\n".join(line for line in "\n".join(lines).split("\n") if line.strip())


def expected_text(doc: Document) -> str:
    return "\n".join(line for line in xml_safe(plain_text(doc)).split("\n") if line.strip())


# ---------------------------------------------------------------- what the model says should be there


def all_blocks(doc: Document) -> Iterator[Block]:
    """Every block, notes' blocks included."""
    yield from iter_blocks(doc.body)
    for note in notes(doc):
        yield from iter_blocks(note.blocks)


def foreign_spans(doc: Document) -> Counter[tuple[str, str]]:
    spans: Counter[tuple[str, str]] = Counter()
    top_blocks = [*doc.body, *(b for note in notes(doc) for b in note.blocks)]
    for block in top_blocks:
        for inline in block_inlines(block):  # enters child blocks itself
            if isinstance(inline, Foreign):
                spans[(inline.lang, xml_safe(inline_text(inline.children)))] += 1
    return spans


# ---------------------------------------------------------------- the structural check


def structural_problems(data: bytes, doc: Document) -> list[str]:
    """Everything Word's accessibility checker and a screen reader depend on, as a list of problems."""
    package = Package(data)
    problems: list[str] = []
    word = docx.Document(io.BytesIO(data))
    core = word.core_properties
    if core.title != xml_safe(full_title(doc.meta)):
        problems.append(f"core title {core.title!r}")
    if core.language != doc.meta.lang:
        problems.append(f"core language {core.language!r}")
    default_lang = package.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if default_lang is None or default_lang.get(w("val")) != doc.meta.lang:
        problems.append("document default w:lang is not the model's language")

    body = package.document.find("w:body", NS)
    stories = [body] + package.real_footnotes()
    paragraphs = [p for story in stories for p in story.iter(w("p"))]

    # Title and headings: built-in styles only, the title at outline level 1, no skipped level, the
    # model's headings in order.
    titles = [p for p in paragraphs if style_of(p) == "Title"]
    reader = TextReader()
    if [reader.text(p) for p in titles] != [xml_safe(doc.meta.title)]:
        problems.append("not exactly one Title paragraph with the document title")
    heading_styles = {f"Heading{n}" for n in range(1, 7)}
    levels, heading_texts = [], []
    for p in paragraphs:
        if p.find("w:pPr/w:outlineLvl", NS) is not None:
            problems.append("a paragraph sets its own outline level (a heading not from a heading style)")
        if style_of(p) in heading_styles:
            levels.append(int(style_of(p)[-1]))
            heading_texts.append(TextReader().text(p))
    used_styles = {style_of(p) for p in paragraphs}
    for style in package.styles.findall("w:style", NS):
        outline = style.find("w:pPr/w:outlineLvl", NS)
        style_id = style.get(w("styleId"))
        level = int(outline.get(w("val"))) if outline is not None else 9
        if level < 9 and style_id in used_styles - heading_styles and (style_id, level) != ("Title", 0):
            problems.append(f"style {style_id} makes headings")
    title_style = package.styles.find("w:style[@w:styleId='Title']/w:pPr/w:outlineLvl", NS)
    if title_style is None or title_style.get(w("val")) != "0":
        problems.append("the Title style is not outline level 1 (the title is the outline's first heading)")
    previous = 1  # the title
    for level in levels:
        if level > previous + 1:
            problems.append(f"heading level skips from {previous} to {level}")
        previous = level
    model_headings = list(outline_headings(doc.body))
    if heading_texts != [xml_safe(inline_text(h.children)) for h in model_headings]:
        problems.append(f"headings {heading_texts} are not the model's")

    # Lists: real numbering, one numbered paragraph per item, each numId defined with the kind's format.
    lists = [b for b in all_blocks(doc) if isinstance(b, List)]
    items = sum(1 for b in lists for i in b.items if i.blocks and isinstance(i.blocks[0], Paragraph))
    numbered = [p for p in paragraphs if p.find("w:pPr/w:numPr", NS) is not None]
    if len(numbered) != items:
        problems.append(f"{len(numbered)} numbered paragraphs for {items} list items")
    formats = {}
    abstracts = {a.get(w("abstractNumId")): a for a in package.numbering.findall("w:abstractNum", NS)}
    for num in package.numbering.findall("w:num", NS):
        formats[num.get(w("numId"))] = abstracts[num.find("w:abstractNumId", NS).get(w("val"))]
    used_formats = []
    for p in numbered:
        num_id = p.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
        level = p.find("w:pPr/w:numPr/w:ilvl", NS).get(w("val"))
        if num_id not in formats:
            problems.append(f"numId {num_id} has no numbering definition")
            continue
        lvl = formats[num_id].find(f"w:lvl[@w:ilvl='{level}']", NS)
        used_formats.append((lvl.find("w:numFmt", NS).get(w("val")), lvl.find("w:lvlText", NS).get(w("val"))))
    expected_formats = {"bullet": ("bullet", "•"), "dash": ("bullet", "–"), "number": ("decimal", None),
                        "letter": ("lowerLetter", None), "roman": ("lowerRoman", None)}  # fmt: skip
    kinds = {b.kind for b in lists}
    for kind in kinds:
        number_format, text = expected_formats[kind]
        if not any(f == number_format or f == number_format.replace("lower", "upper") for f, t in used_formats
                   if text is None or t == text):  # fmt: skip
            problems.append(f"no numbering definition of the {kind} kind is used")

    # Tables: one Word table per model table, header rows marked.
    tables = [b for b in all_blocks(doc) if isinstance(b, Table) and (b.head or b.body)]
    word_tables = [t for story in stories for t in story.iter(w("tbl"))]
    if len(word_tables) != len(tables):
        problems.append(f"{len(word_tables)} tables for {len(tables)} in the model")
    for table, word_table in zip(tables, word_tables, strict=False):
        rows = word_table.findall("w:tr", NS)
        header_rows = [r for r in rows if r.find("w:trPr/w:tblHeader", NS) is not None]
        wanted = len(table.head) or 1
        if rows[:wanted] != header_rows:
            problems.append(f"table header rows: {len(header_rows)} marked, {wanted} expected at the top")
        if not word_table.findall("w:tblPr/w:tblDescription", NS):
            problems.append("a table has no description")

    # Pictures: every one has alternative text.
    for doc_pr in package.document.iter(f"{{{NS['wp']}}}docPr"):
        if not (doc_pr.get("descr") or "").strip():
            problems.append("a picture has no alternative text")

    # Footnotes: real ones, one per model note, in footnotes.xml, related to the document.
    model_notes = notes(doc)
    references = list(package.document.iter(w("footnoteReference")))
    if len(references) != len(model_notes) or len(package.real_footnotes()) != len(model_notes):
        problems.append(f"{len(references)} footnote references for {len(model_notes)} notes")
    if model_notes and not any(r.get("Type") == FOOTNOTES_REL for r in package.rels):
        problems.append("footnotes.xml is not related to the document")
    for run in package.document.iter(w("r")):
        if run.find("w:rPr/w:vertAlign", NS) is not None:
            problems.append("a run is raised by hand (a fake note number?)")

    # Foreign phrases carry their language.
    spans: Counter[tuple[str, str]] = Counter()
    for p in paragraphs:
        current: tuple[str, list[str]] | None = None
        for run in p.iter(w("r")):
            lang = run.find("w:rPr/w:lang", NS)
            text = "".join(t.text or "" for t in run.findall("w:t", NS))
            if lang is not None and (current is None or current[0] != lang.get(w("val"))):
                if current:
                    spans[(current[0], "".join(current[1]))] += 1
                current = (lang.get(w("val")), [text])
            elif lang is not None and current is not None:
                current[1].append(text)
            elif current:
                spans[(current[0], "".join(current[1]))] += 1
                current = None
        if current:
            spans[(current[0], "".join(current[1]))] += 1
    if spans != foreign_spans(doc):
        problems.append(f"language spans {dict(spans)} are not the model's {dict(foreign_spans(doc))}")

    # No layout by hand: no spacer paragraphs, no page breaks, no text boxes.
    for story in stories:
        for p in story.iter(w("p")):
            if TextReader().text(p).strip() or p.find(".//w:footnoteRef", NS) is not None:
                continue
            if p.find(".//w:drawing", NS) is not None:
                continue
            parent = p.getparent()
            sole_in_cell = parent.tag == w("tc") and len(parent.findall("w:p", NS)) == 1
            # A story cannot end in a table, and two tables in a row would merge: there a paragraph must be.
            after_table = p.getprevious() is not None and p.getprevious().tag == w("tbl")
            before_table = p.getnext() is not None and p.getnext().tag == w("tbl")
            if not (sole_in_cell or (after_table and (p is parent[-1] or before_table))):
                problems.append(f"an empty paragraph ({style_of(p)}) is used for spacing")
    xml = etree.tostring(package.document).decode()
    if 'w:type="page"' in xml or "pageBreakBefore" in xml:
        problems.append("a manual page break")
    if "txbxContent" in xml or "v:textbox" in xml:
        problems.append("text in a text box")
    return problems


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("name", ALL_NAMES)
def test_structure_is_accessible(name: str) -> None:
    doc = model(name)
    assert structural_problems(write(doc), doc) == []


@pytest.mark.parametrize("name", ALL_NAMES)
def test_text_is_the_models_reading_order_text(name: str) -> None:
    doc = model(name)
    assert docx_text(Package(write(doc))) == expected_text(doc)


@pytest.mark.parametrize("style", ["default", "large-print"])
def test_output_is_repeatable_with_dates_from_the_model(style: str) -> None:
    doc = rich_document()
    data = write(doc, style)
    assert data == write(doc, style)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 3, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-03-01T00:00:00Z" in core
    assert "python-docx" not in core


def test_package_is_written_once_in_python_docx_part_order() -> None:
    """One entry per part, each deflated with an ordinary file mode; the content types and package
    relationships first, as ``Document.save`` writes them (the writer zips the parts itself)."""
    with zipfile.ZipFile(io.BytesIO(write(rich_document()))) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert len(names) == len(set(names))
        assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
        assert {info.external_attr for info in infos} == {0o644 << 16}
        assert archive.testzip() is None
        assert names.index("word/document.xml") < names.index("word/_rels/document.xml.rels")


def test_document_without_date_has_no_clock_time() -> None:
    data = write(minimal_document())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
        assert "thumbnail" not in " ".join(archive.namelist())
    assert "dcterms:created" not in core and "dcterms:modified" not in core


def test_properties_come_from_the_model() -> None:
    doc = rich_document()
    core = docx.Document(io.BytesIO(write(doc))).core_properties
    assert core.title == full_title(doc.meta)
    assert core.subject == "Drugbeleid; Bestrijding georganiseerde criminaliteit"
    assert core.author == "D. Yeşilgöz-Zegerius; E. van der Burg"
    assert core.keywords == "24 077; 29 911"
    assert core.identifier == "kst-24077-999"
    assert core.created == core.modified == dt.datetime(2024, 3, 1, tzinfo=dt.UTC)


def test_footnotes_are_word_footnotes_with_custom_marks_kept() -> None:
    package = Package(write(rich_document()))
    references = list(package.document.iter(w("footnoteReference")))
    assert [r.get(w("customMarkFollows")) for r in references] == [None, None, "1", None, None]
    star = references[2].getparent()
    assert "".join(t.text for t in star.findall("w:t", NS)) == "*"
    assert references[0].getparent().find("w:rPr/w:rStyle", NS).get(w("val")) == "FootnoteReference"
    assert package.footnotes is not None
    assert [n.get(w("type")) for n in package.footnotes][:2] == ["separator", "continuationSeparator"]


def test_lists_restart_and_keep_their_markers() -> None:
    package = Package(write(rich_document()))
    texts = {}
    abstracts = {a.get(w("abstractNumId")): a for a in package.numbering.findall("w:abstractNum", NS)}
    nums = {n.get(w("numId")): abstracts[n.find("w:abstractNumId", NS).get(w("val"))]
            for n in package.numbering.findall("w:num", NS)}  # fmt: skip
    for p in package.document.iter(w("p")):
        numpr = p.find("w:pPr/w:numPr", NS)
        if numpr is not None:
            level = numpr.find("w:ilvl", NS).get(w("val"))
            lvl = nums[numpr.find("w:numId", NS).get(w("val"))].find(f"w:lvl[@w:ilvl='{level}']", NS)
            texts[TextReader().text(p)] = (
                lvl.find("w:numFmt", NS).get(w("val")), lvl.find("w:lvlText", NS).get(w("val")),
                lvl.find("w:start", NS).get(w("val")), level,
            )  # fmt: skip
    assert texts["drie"] == ("decimal", "%1.", "3", "0")
    assert texts["genest a"] == ("lowerLetter", "%2)", "1", "1")
    assert texts["eerste"] == ("lowerLetter", "%1)", "1", "0")
    assert texts["een"][:2] == ("bullet", "–")
    assert texts["appel"][:2] == ("bullet", "•")
    assert texts["i"][:2] == ("lowerRoman", "%1.")


def test_tables_merge_spans_and_describe_themselves() -> None:
    package = Package(write(rich_document()))
    table = next(package.document.iter(w("tbl")))
    first_row = table.find("w:tr", NS)
    assert first_row.find("w:tc[2]/w:tcPr/w:gridSpan", NS).get(w("val")) == "2"
    assert table.find("w:tr[2]/w:tc[1]/w:tcPr/w:vMerge", NS) is not None
    assert table.find("w:tblPr/w:tblCaption", NS).get(w("val")) == "Tabel 1. Aantallen per jaar"
    headless = list(package.document.iter(w("tbl")))[1]
    assert headless.find("w:tblPr/w:tblDescription", NS).get(w("val")) == "a, b"


def test_special_characters_come_out_literally() -> None:
    data = write(rich_document())
    text = docx_text(Package(data))
    assert "<script>, &amp;, ]]>" in text
    assert "<script>alert(1)</script>" in text
    assert "stuurtekens" in text


# Characters XML 1.0 cannot hold (§2.2): C0 controls but tab and newline, the non-characters U+FFFE and
# U+FFFF, and lone surrogates (each half on its own, as a broken source decode leaves them).
NOT_XML = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800\udfff"
NOT_XML_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def unsafe(text: str) -> str:
    """``text`` with every character XML cannot hold in its middle."""
    middle = len(text) // 2
    return text[:middle] + NOT_XML + text[middle:]


def unsafe_document() -> Document:
    """Characters XML cannot hold in every field that reaches the package: text, notes, metadata, alt text, links."""
    image = "data:image/png;base64," + base64.b64encode(png()).decode()
    body: tuple[Block, ...] = (
        Heading(1, (Text(unsafe("Kop")),), id=unsafe("kop")),
        para(
            unsafe("Tekst"), Emphasis((Text(unsafe("nadruk")),)), Foreign((Text(unsafe("phrase")),), unsafe("en")),
            Link((Text(unsafe("extern")),), unsafe("https://example.org/pad?q=1")),
            Link((Text(unsafe("intern")),), unsafe("#kop")), PageStart(unsafe("2")),
            Note("1", (para(unsafe("Voetnoot"), Link((Text("bron"),), unsafe("https://example.org/noot"))),)),
            Note(unsafe("*"), (para(unsafe("Eigen teken")),)),
        ),
        List((item(unsafe("punt"), label=unsafe("a)")),), kind="letter"),
        Table((Text(unsafe("Bijschrift")),), (Row((cell(unsafe("kop")),)),), (Row((cell(unsafe("cel")),)),)),
        Figure(image, unsafe("Alternatieve tekst van een plaatje"), (Text(unsafe("Figuur")),)),
        Figure("", unsafe("Alternatieve tekst zonder plaatje")),
        Closing((Signatory(unsafe("A. Ondertekenaar"), unsafe("De Minister")),), place_date=unsafe("Den Haag")),
    )  # fmt: skip
    meta = Meta(
        title=unsafe("Titel"),
        lang=unsafe("nl"),
        kind=unsafe("Brief"),
        chamber=unsafe("Tweede Kamer"),
        session=unsafe("2023–2024"),
        dossiers=(Dossier(unsafe("24 077"), unsafe("Drugbeleid")),),
        paper_number=unsafe("999"),
        identifier=unsafe("kst-24077-999"),
        addressee=unsafe("Aan de Voorzitter"),
        place=unsafe("Den Haag"),
        date=dt.date(2024, 3, 1),
    )
    return Document(meta, body)


def test_characters_xml_cannot_hold_are_left_out_of_every_part() -> None:
    doc = unsafe_document()
    data = write(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist() if name.endswith((".xml", ".rels"))}
    assert {"word/document.xml", "word/footnotes.xml", "docProps/core.xml", "word/_rels/footnotes.xml.rels"} <= set(
        parts
    )
    for name, xml in parts.items():
        ElementTree.fromstring(xml)  # expat refuses every character (and reference to one) XML cannot hold
        assert not NOT_XML_PATTERN.search(xml.decode("utf-8")), name
    core = docx.Document(io.BytesIO(data)).core_properties
    assert (core.title, core.subject, core.keywords, core.author, core.language) == (
        xml_safe(full_title(doc.meta)), "Drugbeleid", "24 077", "A. Ondertekenaar", "nl"
    )  # fmt: skip
    assert core.identifier == "kst-24077-999" and core.category == "Brief"
    package = Package(data)
    assert docx_text(package) == expected_text(doc)
    assert [d.get("descr") for d in package.document.iter(f"{{{NS['wp']}}}docPr")] == [
        "Alternatieve tekst van een plaatje"
    ]
    assert {lang.get(w("val")) for lang in package.document.iter(w("lang"))} == {"en"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        targets = [
            rel.get("Target")
            for rels in ("word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels")
            for rel in etree.fromstring(archive.read(rels))
            if rel.get("TargetMode") == "External"
        ]
    assert targets == ["https://example.org/pad?q=1", "https://example.org/noot"]


def test_long_title_and_keywords_are_kept_whole() -> None:
    title = "Een titel die heel lang is, " * 20
    doc = Document(Meta(title=title, dossiers=tuple(Dossier(f"{n} 000") for n in range(40))), (para("Tekst."),))
    core = docx.Document(io.BytesIO(write(doc))).core_properties
    assert len(core.title) > 255 and core.title == full_title(doc.meta)
    assert core.keywords == "; ".join(f"{n} 000" for n in range(40))


def test_links_point_at_their_targets() -> None:
    package = Package(write(rich_document()))
    links = list(package.document.iter(w("hyperlink")))
    assert [link.get(w("anchor")) for link in links] == ["h_inleiding"]
    names = {b.get(w("name")) for b in package.document.iter(w("bookmarkStart"))}
    assert {"h_inleiding", "page_2"} <= names
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        note_rels = archive.read("word/_rels/footnotes.xml.rels").decode()
    assert "https://example.org/bron?a=1&amp;b=2" in note_rels and 'TargetMode="External"' in note_rels


def test_skipped_heading_level_is_closed_up() -> None:
    package = Package(write(rich_document()))
    levels = [style_of(p) for p in package.document.iter(w("p")) if style_of(p).startswith("Heading")]
    assert levels == ["Heading2", "Heading3", "Heading3", "Heading2"]  # under the title (outline level 1)


def test_registered_under_its_name() -> None:
    writer = get_writer("docx")
    assert isinstance(writer, DocxWriter) and writer.suffix == ".docx"


def test_styles_come_from_the_tokens() -> None:
    style = load_style("large-print")
    word = docx.Document(io.BytesIO(write(rich_document(), "large-print")))
    assert word.styles["Normal"].font.size.pt == style.body.size_pt
    assert word.styles["Normal"].font.name == style.body.family
    assert word.styles["Heading 2"].font.size.pt == style.heading.sizes_pt[1]
    assert word.styles["Title"].font.size.pt == style.heading.sizes_pt[0]
    assert str(word.styles["Normal"].font.color.rgb) == style.colours.text.lstrip("#").upper()


# ---------------------------------------------------------------- LibreOffice, a second reader


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every fixture and synthetic document as DOCX, exported by one soffice call to tagged PDF/UA."""
    executable("soffice")
    folder = tmp_path_factory.mktemp("docx")
    paths = {}
    for name in ALL_NAMES:
        try:
            doc = model(name)
        except Exception:  # the reader's failure is reported by the tests above, not hidden here
            continue
        paths[name] = folder / f"{name}.docx"
        paths[name].write_bytes(write(doc))
    pdfs = export_pdf_ua(list(paths.values()), folder / "pdf")
    return {name: pdfs[path] for name, path in paths.items()}


@dataclass
class Tag:
    """A structure element with its content in order: text pieces and child elements."""

    role: str
    content: list[str | Tag] = field(default_factory=list)

    @property
    def children(self) -> list[Tag]:
        return [c for c in self.content if isinstance(c, Tag)]

    def all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)

    def walk(self) -> Iterator[Tag]:
        yield self
        for child in self.children:
            yield from child.walk()


def structure_tree(pdf: Path) -> Tag:
    """The PDF's tags with their text, from poppler's ``pdfinfo -struct-text`` (the order a screen reader reads)."""
    out = subprocess.run([executable("pdfinfo"), "-struct-text", str(pdf)], capture_output=True, text=True,
                         check=True, timeout=120).stdout  # fmt: skip
    root = Tag("root")
    stack: list[tuple[int, Tag]] = [(-1, root)]
    for line in out.splitlines():
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("/"):
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        if stripped.startswith('"'):
            stack[-1][1].content.append(stripped[1:-1])
            continue
        tag = Tag(re.split(r"[ :(]", stripped, maxsplit=1)[0])
        stack[-1][1].content.append(tag)
        stack.append((indent, tag))
    return root


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_libreoffice_export_passes_pdf_ua(name: str, libreoffice_pdfs: dict[str, Path]) -> None:
    if name not in libreoffice_pdfs:
        pytest.fail(f"{name} could not be read into the model")
    assert pdf_ua_failures(libreoffice_pdfs[name]) == [], f"only {sorted(EXPORTER_RULES)} are LibreOffice's own"


@pytest.mark.parametrize("name", ALL_NAMES)
def test_libreoffice_keeps_headings_lists_tables_and_notes(name: str, libreoffice_pdfs: dict[str, Path]) -> None:
    if name not in libreoffice_pdfs:
        pytest.fail(f"{name} could not be read into the model")
    doc = model(name)
    tags = list(structure_tree(libreoffice_pdfs[name]).walk())
    # The title is the H1 and the first bookmark, the body's headings follow at their outline levels.
    headings = [(t.role, squash(t.all_text())) for t in tags if re.fullmatch(r"H[1-6]", t.role)]
    assert headings == [(f"H{entry.level}", squash(xml_safe(entry.text))) for entry in outline(doc)]
    with pikepdf.open(libreoffice_pdfs[name]) as pdf, pdf.open_outline() as bookmarks:
        assert bookmarks.root and squash(bookmarks.root[0].title) == squash(xml_safe(doc.meta.title))
    lists = [b for b in all_blocks(doc) if isinstance(b, List)]
    items = sum(1 for b in lists for i in b.items if i.blocks and isinstance(i.blocks[0], Paragraph))
    assert sum(1 for t in tags if t.role == "LI") == items
    assert (sum(1 for t in tags if t.role == "L") > 0) == bool(lists)
    tables = [b for b in all_blocks(doc) if isinstance(b, Table) and (b.head or b.body)]
    pdf_tables = [t for t in tags if t.role == "Table"]
    assert len(pdf_tables) == len(tables)
    for table in pdf_tables:
        first_row = next(t for t in table.walk() if t.role == "TR")
        assert all(c.role == "TH" for c in first_row.children), "the header row is not tagged TH"
    # Each model note is a Note tag (a note that runs onto the next page continues in a second one).
    pdf_notes = [squash(t.all_text()) for t in tags if t.role == "Note"]
    assert len(pdf_notes) >= len(notes(doc))
    for note in notes(doc):
        lines = note_lines(note)
        first = squash(xml_safe(lines[0].removeprefix(note.label)))[:20]
        assert any(first in text for text in pdf_notes), f"note {note.label} is not tagged as a Note"


def test_libreoffice_reads_title_and_language(libreoffice_pdfs: dict[str, Path]) -> None:
    import pikepdf

    for name, pdf in libreoffice_pdfs.items():
        doc = model(name)
        with pikepdf.open(pdf) as document:
            assert str(document.Root.Lang).split("-")[0] == doc.meta.lang.split("-")[0], name
            assert str(document.docinfo.get("/Title")) == full_title(doc.meta), name
