"""The PDF writer: PDF/UA-1 with zero findings, the model's text in both orders, and its structure.

Two text checks, each exact after whitespace (STYLE.md Part 7, "same text"):

* Structure order (``pdfinfo -struct-text``: what a screen reader follows) equals the model's
  reading order as :mod:`convert.text` gives it: front matter, body, closing, notes. Two
  differences are by design and explicit in :func:`reading_blocks`: a list item's marker is
  tagged ``Lbl`` (text in the PDF, not in ``plain_text``), and a figure whose image the model does
  not hold shows its description (the ``/Alt``, checked in the tree test) in a frame instead.
* Page order (``pdftotext``) equals the same text with each note at the foot of the page that
  cites it: every page must end with exactly its own notes and then the running footer (an
  artifact, which pdftotext prints anyway), which are taken off by exact match, never by search.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from convert.model import (
    Block,
    BlockQuote,
    Cell,
    Closing,
    Document,
    Dossier,
    Figure,
    Foreign,
    Heading,
    LineBreak,
    Link,
    List,
    ListItem,
    Meta,
    Note,
    Paragraph,
    Row,
    Section,
    Signatory,
    Table,
    Text,
)
from convert.style import load_style
from convert.text import block_lines, front_matter, inline_text
from convert.walk import block_inlines, iter_blocks, notes
from convert.writers import get_writer
from convert.writers.pdf.images import embedded_image
from convert.writers.pdf.layout import NO_ALT, list_label
from convert.writers.pdf.pages import running_footer
from convert.writers.pdf.tagging import mend_to_unicode
from tests.conftest import FIXTURE_NAMES, fixture_document
from tests.samples import every_node_document, para
from tests.validators import require
from tests.validators.pdfua import pdfua1_findings

STYLES = ("default", "large-print")
WORDS = (
    "Het kabinet onderschrijft de noodzaak van een integrale aanpak van de drugsproblematiek, waarbij "
    "preventie, zorgverlening, handhaving en internationale samenwerking elkaar versterken; "
    "ondermijningsbestrijding, verantwoordelijkheidsverdeling en gemeentelijke beleidsvoorbereiding "
    "vragen daarbij om bestuurlijke samenwerkingsovereenkomsten."
)


# ---------------------------------------------------------------- documents


def _meta(title: str, **extra: Any) -> Meta:
    return Meta(title=title, dossiers=(Dossier("24 077", "Drugbeleid"),), paper_number="999", date=dt.date(2024, 3, 11),
                place="Den Haag", **extra)  # fmt: skip


def long_document() -> Document:
    """Pages of text: notes on many pages, split paragraphs, a table over a page break, nesting."""
    body: list[Block] = [Heading(3, (Text("Een kop die niveaus overslaat"),))]
    for i in range(1, 25):
        body.append(
            Paragraph(
                (
                    Text(f"{i}. {WORDS} "),
                    Foreign((Text("war on drugs"),), "en"),
                    Text(f" {WORDS}"),
                    Note(str(i), (para(f"Voetnoot {i}: {WORDS[:120]}"),)),
                    Text(" Einde."),
                )
            )  # fmt: skip
        )
        if i == 8:
            body.append(
                List(
                    (
                        ListItem((para("buiten"), List((ListItem((para("binnen " + WORDS),)),), kind="letter"))),
                        ListItem((List((ListItem((para("alleen genest"),)),), kind="roman"),)),
                        ListItem(()),
                    ),
                    kind="number",
                    start=3,
                )
            )
        if i == 12:
            rows = tuple(Row((Cell((para(f"Rij {r}"),)), Cell((para(f"{r * 1000} euro"),)))) for r in range(40))
            body.append(
                Table(
                    (Text("Een lange tabel"),),
                    head=(Row((Cell((para("Jaar"),), rowspan=1), Cell((para("Bedrag"),)))),),
                    body=(Row((Cell((para("Samen"),), colspan=2),)), *rows),
                )
            )
    body.append(Closing((Signatory("A. de Vries", "De Minister"),)))
    return Document(_meta("Een lang stuk"), tuple(body))


def long_paragraph_document() -> Document:
    """One paragraph over pages, citing notes all along: each page's split must leave room for its notes."""
    children: list[Any] = []
    for i in range(1, 25):
        children += [Text(f" {i}. {WORDS}"), Note(str(i), (para(f"Noot {i} bij de lange alinea. {WORDS[:90]}"),))]
    return Document(_meta("Een lange alinea"), (Paragraph(tuple(children)), para("Daarna.")))


def escapes_document() -> Document:
    text = "Letterlijk: <b>vet</b> &amp; <script>alert('x')</script> <para> &lt; ]]> ’s-Gravenhage ë ş € «» – …"
    return Document(_meta("Tekens <i>en</i> & markup"), (para(text), Paragraph((Text("a"), LineBreak(), Text("b")))))


def data_uri(size: tuple[int, int], colour: tuple[int, int, int], kind: str = "png", mode: str = "RGB") -> str:
    """An image as the model holds one: a base64 data URI (the writer reads no files)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, format=kind.upper())
    return f"data:image/{kind};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"


def figure_document(tmp: Path) -> Document:
    from PIL import Image

    on_disk = tmp / "figure.png"
    Image.new("RGB", (120, 60), (20, 90, 160)).save(on_disk)
    figures = (
        Figure(data_uri((120, 60), (20, 90, 160)), "Een blauw vlak", (Text("Afbeelding 1"),)),
        Figure(str(on_disk), "Een afbeelding op schijf, die de schrijver niet leest"),
        Figure(data_uri((200, 3000), (160, 40, 20), "jpeg"), "Een balk, hoger dan een bladzijde"),
        Figure("", "", (Text("Alleen een bijschrift"),)),
        Figure("", " ", (Text(" "),)),  # says nothing: the writer says that it has no description
        Figure("kaart.png", "Een beschrijving over meer dan een regel, in een kader op de plaats van de figuur. " * 4),
    )
    return Document(_meta("Figuren"), (para("Voor."), *figures, para("Na.")))


SYNTHETIC: dict[str, Callable[[Path], Document]] = {
    "every-node": lambda tmp: every_node_document(),
    "long": lambda tmp: long_document(),
    "long-paragraph": lambda tmp: long_paragraph_document(),
    "escapes": lambda tmp: escapes_document(),
    "figures": figure_document,
}
CASES = [f"fixture:{name}" for name in FIXTURE_NAMES] + [f"synthetic:{name}" for name in SYNTHETIC]


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@functools.cache
def _document(case: str, tmp: Path) -> Document:
    kind, _, name = case.partition(":")
    return fixture_document(name) if kind == "fixture" else SYNTHETIC[name](tmp)


@functools.cache
def _written(case: str, style: str, tmp: Path) -> Path:
    doc = _document(case, tmp)
    path = tmp / f"{case.replace(':', '-')}-{style}.pdf"
    path.write_bytes(get_writer("pdf").write(doc, load_style(style)))
    return path


@pytest.fixture(params=[(c, s) for c in CASES for s in STYLES], ids=lambda p: f"{p[0]}-{p[1]}")
def written(request: pytest.FixtureRequest, pdf_dir: Path) -> tuple[Document, Path, str]:
    case, style = request.param
    return _document(case, pdf_dir), _written(case, style, pdf_dir), style


# ---------------------------------------------------------------- expected text


def reading_blocks(block: Block) -> Iterator[str]:
    """The text of each tagged block, in reading order: ``block_lines`` with the two differences above."""
    match block:
        case List():
            for i, item in enumerate(block.items):
                yield item.label or list_label(block.kind, block.start + i)
                for child in item.blocks:
                    yield from reading_blocks(child)
        case Figure():
            yield described(block)
            if block.caption:
                yield inline_text(block.caption)
        case BlockQuote():
            for child in block.blocks:
                yield from reading_blocks(child)
        case Section():
            yield from reading_blocks(block.heading)
            for child in block.blocks:
                yield from reading_blocks(child)
        case Table():
            if block.caption:
                yield inline_text(block.caption)
            for row in block.head + block.body:
                for cell in row.cells:
                    for child in cell.blocks:
                        yield from reading_blocks(child)
        case Heading() | Paragraph() | Closing():
            yield from block_lines(block)


def described(figure: Figure, lang: str = "nl") -> str:
    """The text drawn for a figure: none beside an image, its description in place of one."""
    if figure.src.startswith("data:image/") and embedded_image(figure.src) is not None:
        return ""
    return figure.alt if figure.alt.strip() else NO_ALT[lang]


def note_blocks(note: Note) -> list[str]:
    return [note.label] + [text for b in note.blocks for text in reading_blocks(b)]


def body_blocks(doc: Document) -> list[str]:
    return [text for _, text in front_matter(doc.meta)] + [t for b in doc.body for t in reading_blocks(b)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def struct_blocks(path: Path) -> list[str]:
    """Text of each block-level element from ``pdfinfo -struct-text`` (inline elements join their block)."""
    output = _run("pdfinfo", "-struct-text", str(path))
    blocks: list[str] = []
    current: list[str] | None = None
    for line in output.splitlines():
        text = re.match(r'^\s*"(.*)"$', line)
        if text:
            assert current is not None, line
            current.append(text.group(1))
        elif re.search(r"\(block\):?$", line) or line.strip() in ("Document", "Figure", "Figure:"):
            if current:
                blocks.append("".join(current))
            current = []
    if current:
        blocks.append("".join(current))
    return [squash(b) for b in blocks if squash(b)]


def _run(*command: str) -> str:
    require(shutil.which(command[0]) is not None, f"poppler-utils ({command[0]})")
    return subprocess.run(command, check=True, capture_output=True, text=True, encoding="utf-8").stdout


# ---------------------------------------------------------------- the tests


def test_passes_pdf_ua_1_with_no_findings(written: tuple[Document, Path, str]) -> None:
    _, path, _ = written
    assert pdfua1_findings(path) == []


def test_structure_text_is_the_model_reading_order(written: tuple[Document, Path, str]) -> None:
    doc, path, _ = written
    assert_structure_text(doc, path)


def assert_structure_text(doc: Document, path: Path) -> None:
    expected = [squash(t) for t in body_blocks(doc) + [t for n in notes(doc) for t in note_blocks(n)]]
    assert struct_blocks(path) == [t for t in expected if t]


def oversized_document() -> Document:
    """A note longer than a page's foot can hold, and a table row taller than a page."""
    big = " ".join([WORDS] * 30)
    return Document(
        _meta("Te groot voor een bladzijde"),
        (
            Paragraph((Text("Tekst"), Note("1", (para(big),)), Text(" verder."))),
            Paragraph((Text("Kort"), Note("2", (para("Een korte noot."),)), Text("."))),
            Table(
                (),
                head=(Row((Cell((para("A"),)), Cell((para("B"),)))),),
                body=(Row((Cell((para(big),)), Cell((para("x"),)))),),
            ),  # fmt: skip
        ),
    )


def test_a_long_note_runs_on_after_the_text_and_a_tall_row_breaks(pdf_dir: Path) -> None:
    doc = oversized_document()
    path = pdf_dir / "oversized.pdf"
    path.write_bytes(get_writer("pdf").write(doc, load_style("default")))
    assert pdfua1_findings(path) == []
    assert_structure_text(doc, path)
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        first, second = [e for e in walk(pdf.Root.StructTreeRoot) if e.S == "/Note"]
        assert min(pages[k.Pg.objgen] for k in mcrs(first)) > 0, "the long note follows the text"
        assert {pages[k.Pg.objgen] for k in mcrs(second)} == {0}, "the short note stays at the foot"


def test_page_text_is_the_model_text_with_notes_at_the_foot(written: tuple[Document, Path, str]) -> None:
    """All real content (artifacts taken out of the page) reads as the model, each note at its page's foot."""
    doc, path, _ = written
    placed = note_pages(path)
    assert [label for label, _ in placed] == [n.label for n in notes(doc)]
    body = ""
    for number, text in enumerate(page_texts(without_artifacts(path)), start=1):
        for note in reversed([n for n, (_, page) in zip(notes(doc), placed, strict=True) if page == number - 1]):
            note_text = bare("".join(note_blocks(note)))
            assert text.endswith(note_text), f"page {number} should end with note {note.label}"
            text = text[: -len(note_text)]
        body += text
    assert body == bare("".join(body_blocks(doc)))


def test_pdftotext_reads_no_hyphens_and_only_known_furniture(written: tuple[Document, Path, str]) -> None:
    """pdftotext on the PDF itself (artifacts included): each page is its real content, then the footer.

    The only other furniture a page may add is a table's header row repeated at its top; set
    hyphens are artifacts that poppler drops, so no page has "drugs- beleid" in it.
    """
    doc, path, style = written
    footer = bare(running_footer(doc, load_style(style)))
    heads = {
        bare("".join(t for row in b.head for c in row.cells for x in c.blocks for t in reading_blocks(x)))
        for b in iter_blocks(doc.body + tuple(x for n in notes(doc) for x in n.blocks)) if isinstance(b, Table)
    }  # fmt: skip
    real = page_texts(without_artifacts(path))
    for number, (raw, content) in enumerate(zip(page_texts(path), real, strict=True), start=1):
        assert raw in {head + content + furniture for head in heads | {""}
                       for furniture in (footer + str(number), str(number) + footer)}, f"page {number}"  # fmt: skip


def page_texts(path: Path) -> list[str]:
    """pdftotext of each page, whitespace removed."""
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(path))).group(1))  # type: ignore[union-attr]
    text = _run("pdftotext", "-enc", "UTF-8", str(path), "-")
    parts = text.split("\f")
    assert len(parts) in (pages, pages + 1)
    return [bare(part) for part in parts[:pages]]


def without_artifacts(path: Path) -> Path:
    """A copy of the PDF with every /Artifact marked-content sequence removed from its pages."""
    out = path.with_suffix(".content.pdf")
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            kept = []
            depth = 0  # nesting inside an artifact
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BMC", "BDC"):
                    if depth or operands[0] == "/Artifact":
                        depth += 1
                        continue
                elif name == "EMC" and depth:
                    depth -= 1
                    continue
                if not depth:
                    kept.append((operands, operator))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        pdf.save(out)
    return out


def note_pages(path: Path) -> list[tuple[str, int]]:
    """(label, page index) of each Note element, in tree order; each on the page of its reference."""
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        found = []
        references: dict[str, set[int]] = {}
        for element in walk(pdf.Root.StructTreeRoot):
            if element.S == "/Link":
                for kid in element.K:
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/Dest" in kid.Obj:
                        references.setdefault(str(kid.Obj.Contents).split()[-1], set()).add(pages[kid.Pg.objgen])
            if element.S == "/Note":
                label = text_of(pdf, element.K[0])
                note_page = {pages[k.Pg.objgen] for k in mcrs(element)}
                assert len(note_page) == 1, "a note is drawn on one page"
                found.append((label, note_page.pop()))
        for label, page in found:
            assert references.get(label) == {page}, f"note {label} is not on the page that cites it"
        return found


def walk(node: Any) -> Iterator[Any]:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from walk(kid)


def mcrs(element: Any) -> Iterator[Any]:
    for kid in element.K:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            yield kid
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield from mcrs(kid)


def text_of(pdf: pikepdf.Pdf, element: Any) -> str:
    """The text of one element's marked content, read from its pages' content streams."""
    wanted = {(k.Pg.objgen, int(k.MCID)) for k in mcrs(element)}
    parts = []
    for page in pdf.pages:
        mcid = None
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
            elif str(operator) == "EMC":
                mcid = None
            elif str(operator) == "Tj" and (page.objgen, mcid) in wanted:
                parts.append(bytes(operands[0]))
    return "".join(p.decode("latin-1") for p in parts) if parts else ""


def expected_roles(doc: Document) -> list[str]:
    """Structure roles in tree order, from the model (headings without skipped levels)."""
    roles = ["H1" if name == "title" else "P" for name, _ in front_matter(doc.meta)]
    shift = 1 if any(isinstance(b, Heading) and b.level == 1 for b in iter_blocks(doc.body)) else 0
    last = [1]

    def inline_roles(inlines: tuple[Any, ...]) -> list[str]:
        out: list[str] = []
        for inline in inlines:
            role = {"Quoted": "Quote", "Foreign": "Span", "Link": "Link", "Note": "Link"}.get(type(inline).__name__)
            if role:
                out.append(role)
            out += inline_roles(getattr(inline, "children", ()))
        return out

    def block(b: Block) -> list[str]:
        match b:
            case Paragraph():
                return ["P", *inline_roles(b.children)]
            case Heading():
                last[0] = max(2, min(b.level + shift, last[0] + 1, 6))
                return [f"H{last[0]}", *inline_roles(b.children)]
            case List():
                out = ["L"]
                for item in b.items:
                    out += ["LI", "Lbl", "LBody"]
                    if not item.blocks:
                        out.append("P")
                    for child in item.blocks:
                        out += block(child)
                return out
            case BlockQuote():
                return ["BlockQuote", *[r for c in b.blocks for r in block(c)]]
            case Table():
                out = ["Table"] + (["Caption", *inline_roles(b.caption)] if b.caption else [])
                for rows, cell_role in ((b.head, "TH"), (b.body, "TD")):
                    for row in rows:
                        out.append("TR")
                        for cell in row.cells:
                            out += [cell_role, *[r for c in cell.blocks for r in block(c)]]
                return out
            case Figure():
                return ["Figure"] + (["P", *inline_roles(b.caption)] if b.caption else [])
            case Section():
                return ["Sect", *block(b.heading), *[r for c in b.blocks for r in block(c)]]
            case Closing():
                return ["P"] * len(block_lines(b))
        raise AssertionError(b)

    for b in doc.body:
        roles += block(b)
    for note in notes(doc):
        roles += ["Note", "Lbl"] + [r for b in note.blocks for r in block(b)]
    return roles


def all_inlines(doc: Document) -> list[Any]:
    """Inlines of the body, then of the notes (in the order of the structure tree)."""
    body = [i for b in doc.body for i in block_inlines(b)]
    return body + [i for n in notes(doc) for b in n.blocks for i in block_inlines(b)]


def test_structure_tree_matches_the_model(written: tuple[Document, Path, str]) -> None:
    doc, path, _ = written
    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot.K
        assert root.S == "/Document"
        elements = list(walk(root))
        assert [str(e.S)[1:] for e in elements] == expected_roles(doc)
        figures = [b for b in iter_blocks(doc.body) if isinstance(b, Figure)]
        no_alt = NO_ALT[doc.meta.lang]  # the source gave none: the caption, or say there is none
        alts = [f.alt if f.alt.strip() else inline_text(f.caption).strip() or no_alt for f in figures]
        assert [str(e.Alt) for e in elements if e.S == "/Figure"] == alts
        for figure in (e for e in elements if e.S == "/Figure"):
            x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
            assert figure.A.O == "/Layout" and x0 < x1 and y0 < y1
        foreign = [i.lang for i in all_inlines(doc) if isinstance(i, Foreign)]
        assert [str(e.Lang) for e in elements if e.S == "/Span"] == foreign
        ids = [str(e.ID) for e in elements if e.S == "/Note"]
        assert len(ids) == len(set(ids)) == len(notes(doc))
        for th in (e for e in elements if e.S == "/TH"):
            assert th.A.O == "/Table" and th.A.Scope == "/Column"
        for link in (e for e in elements if e.S == "/Link"):
            objrs = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            assert objrs and all(str(k.Obj.Contents) for k in objrs)
        uris = [str(k.Obj.A.URI) for e in elements if e.S == "/Link" for k in e.K
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" and "/A" in k.Obj]  # fmt: skip
        links = [i.target for i in all_inlines(doc) if isinstance(i, Link)]
        assert sorted(set(uris)) == sorted(set(links))


def test_document_level_metadata(pdf_dir: Path) -> None:
    doc = fixture_document("seed")
    with pikepdf.open(_written("fixture:seed", "default", pdf_dir)) as pdf:
        assert str(pdf.Root.Lang) == doc.meta.lang
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
        assert "/PageLabels" in pdf.Root
        with pdf.open_metadata() as xmp:
            assert doc.meta.title in xmp["dc:title"]
            assert set(xmp["dc:language"]) == {doc.meta.lang}
            assert xmp["dc:creator"] == [s.name for s in doc.signatories]
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["xmp:CreateDate"].startswith(doc.meta.date.isoformat())  # type: ignore[union-attr]
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == [doc.meta.title]


def test_bookmarks_follow_the_headings(pdf_dir: Path) -> None:
    with pikepdf.open(_written("synthetic:every-node", "default", pdf_dir)) as pdf, pdf.open_outline() as outline:
        top = outline.root[0]
        assert top.title == "Brief van de Minister van Proef en Toets"
        assert [child.title for child in top.children] == ["1. Inleiding"]
        assert [c.title for c in top.children[0].children] == ["Vraag 1", "Antwoord 1"]


def test_same_input_gives_the_same_bytes() -> None:
    """Within a process and in a fresh one with another hash seed (no set or dict order leaks out)."""
    doc = every_node_document()
    writer = get_writer("pdf")
    first = writer.write(doc, load_style("default"))
    assert first == writer.write(doc, load_style("default"))
    script = (
        "import sys; from tests.samples import every_node_document; from convert.writers import get_writer; "
        "from convert.style import load_style; "
        "sys.stdout.buffer.write(get_writer('pdf').write(every_node_document(), load_style('default')))"
    )
    other = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout
    assert other == first


def test_fonts_are_embedded_subsets_with_no_code_mapped_to_nothing(pdf_dir: Path) -> None:
    with pikepdf.open(_written("synthetic:escapes", "default", pdf_dir)) as pdf:
        fonts = {f.objgen: f for page in pdf.pages for f in page.Resources.Font.values()}
        assert fonts
        for font in fonts.values():
            assert "+" in str(font.BaseFont) and "/FontFile2" in font.FontDescriptor
            cmap = font.ToUnicode.read_bytes()
            assert b"<0000>" not in cmap
            assert all(int(n) <= 100 for n in re.findall(rb"(\d+) beginbfchar", cmap))


def test_mending_drops_only_codes_mapped_to_nothing() -> None:
    cmap = b"begincmap\n3 beginbfchar\n<00> <0000>\n<01> <00E9>\n<20> <0020>\nendbfchar\nendcmap\n"
    assert mend_to_unicode(cmap) == b"begincmap\n2 beginbfchar\n<01> <00E9>\n<20> <0020>\nendbfchar\nendcmap\n"


def test_hyphenation_is_an_artifact(pdf_dir: Path) -> None:
    path = _written("synthetic:long", "default", pdf_dir)
    with pikepdf.open(path) as pdf:
        hyphens = 0
        for page in pdf.pages:
            artifact = False
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("BMC", "BDC"):
                    artifact = operands[0] == "/Artifact"
                elif str(operator) == "EMC":
                    artifact = False
                elif str(operator) == "Tj" and bytes(operands[0]) == b"-":
                    assert artifact, "a set hyphen must be an artifact"
                    hyphens += 1
        assert hyphens > 0, "the long document should need hyphenation"


def test_markup_in_the_source_comes_out_literally(pdf_dir: Path) -> None:
    text = _run("pdftotext", "-enc", "UTF-8", str(_written("synthetic:escapes", "default", pdf_dir)), "-")
    assert "<b>vet</b> &amp; <script>alert('x')</script> <para> &lt; ]]>" in text
    assert "Tekens <i>en</i> & markup" in text


def test_large_print_sets_body_text_at_least_18_pt(pdf_dir: Path) -> None:
    style = load_style("large-print")
    assert style.body.size_pt >= 18 and style.body.align == "left"
    with pikepdf.open(_written("fixture:seed", "large-print", pdf_dir)) as pdf:
        sizes = {float(ops[1]) for page in pdf.pages for ops, op in pikepdf.parse_content_stream(page)
                 if str(op) == "Tf"}  # fmt: skip
        assert style.body.size_pt in sizes
        assert min(sizes) >= style.small.size_pt


def test_a_paragraph_split_over_pages_stays_one_element(pdf_dir: Path) -> None:
    with pikepdf.open(_written("synthetic:long", "large-print", pdf_dir)) as pdf:
        split = [e for e in walk(pdf.Root.StructTreeRoot) if e.S == "/P" and len({k.Pg.objgen for k in mcrs(e)}) > 1]
        assert split, "some paragraph of the long document should run over a page break"


def test_repeated_table_header_is_an_artifact(pdf_dir: Path) -> None:
    with pikepdf.open(_written("synthetic:long", "default", pdf_dir)) as pdf:
        headers = [e for e in walk(pdf.Root.StructTreeRoot) if e.S == "/TH"]
        assert headers and all(len(list(mcrs(th))) == 1 for th in headers)
        drawn = sum(bytes(ops[0]) == b"Jaar" for page in pdf.pages for ops, op in pikepdf.parse_content_stream(page)
                    if str(op) == "Tj")  # fmt: skip
        assert drawn >= 2, "the table should repeat its header on the next page"


def test_headings_stay_with_the_text_they_introduce(written: tuple[Document, Path, str]) -> None:
    """No page ends with a heading: each starts on the page where the next block's content starts."""
    _, path, _ = written
    assert_headings_stay_with_their_text(path)


def assert_headings_stay_with_their_text(path: Path) -> None:
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        drawn = [e for e in walk(pdf.Root.StructTreeRoot) if any(True for _ in mcrs(e)) and e.S != "/Note"]
        blocks = [e for e in drawn if not str(e.S).startswith(("/Span", "/Link", "/Quote", "/Lbl"))]
        for heading, following in itertools.pairwise(blocks):
            if re.fullmatch(r"/H[1-6]", str(heading.S)):
                last = max(pages[k.Pg.objgen] for k in mcrs(heading))
                first = min(pages[k.Pg.objgen] for k in mcrs(following))
                assert last == first, f"heading {text_of(pdf, heading)!r} is parted from its text"


def test_hundreds_of_headings_give_grouped_bookmarks_that_validate(pdf_dir: Path) -> None:
    """page-validation follows bookmark chains recursively (and stops at 256): long runs are grouped."""
    body = tuple(b for i in range(300) for b in (Heading(2, (Text(f"Vraag {i}"),)), para("Ja.")))
    path = pdf_dir / "headings.pdf"
    path.write_bytes(get_writer("pdf").write(Document(_meta("Veel vragen"), body), load_style("default")))
    assert pdfua1_findings(path) == []
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        groups = outline.root[0].children
        assert [g.title for g in groups] == ["Vraag 0 … Vraag 99", "Vraag 100 … Vraag 199", "Vraag 200 … Vraag 299"]
        assert sum(len(g.children) for g in groups) == 300


def test_without_the_mended_to_unicode_maps_the_validator_fails(pdf_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why the mending exists: reportlab's own maps send unused codes to U+0000 (PDF/UA-1 7.21.7)."""
    from convert.writers.pdf import tagging

    monkeypatch.setattr(tagging, "_mend_fonts", lambda pdf: None)
    path = pdf_dir / "unmended.pdf"
    path.write_bytes(get_writer("pdf").write(fixture_document("seed"), load_style("default")))
    assert [finding.split(":")[0] for finding in pdfua1_findings(path)] == ["PDFUA1-FONT-UNICODE-VALUE-001"]


# ---------------------------------------------------------------- models that once crashed the writer


def _write(doc: Document, path: Path, style: str = "default") -> Path:
    path.write_bytes(get_writer("pdf").write(doc, load_style(style)))
    return path


SIGNED = Closing((Signatory("D. Yeşilgöz-Zegerius", "De Minister"),))
EDGE_CASES: dict[str, Document] = {
    "heading before a closing": Document(_meta("Kop"), (Heading(2, (Text("Ondertekening"),)), SIGNED)),
    "list item of a heading before a closing": Document(
        Meta(title="Titel"), (List((ListItem((Heading(1, ()),)),)), Closing((Signatory("Titel"),)))
    ),
    "table without rows": Document(_meta("Tabel"), (para("Voor."), Table((), (), ()), para("Na."))),
    "table with a caption and a row without cells": Document(
        _meta("Tabel"), (Table((Text("Bijschrift"),), (Row(()),), ()), para("Na."))
    ),
    "table with ragged rows and spans past its edge": Document(
        _meta("Tabel"),
        (
            Table(
                (Text("Scheef"),),
                head=(Row((Cell((para("A"),)), Cell((para("B"),)), Cell((para("C"),)))),),
                body=(
                    Row(()),
                    Row((Cell((para("een"),)),)),
                    Row((Cell((para("breed"),), colspan=5),)),
                    Row((Cell((para("hoog"),), rowspan=9), Cell((para("x"),)))),
                    Row((Cell((para("onder hoog"),), colspan=2), Cell((para("y"),)))),
                ),
            ),
        ),
    ),
}


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_writes_models_that_once_crashed_it(name: str, pdf_dir: Path) -> None:
    doc = EDGE_CASES[name]
    path = _write(doc, pdf_dir / f"edge-{name.replace(' ', '-')}.pdf")
    assert pdfua1_findings(path) == []
    assert_structure_text(doc, path)
    assert_headings_stay_with_their_text(path)


@pytest.mark.parametrize("before", range(16, 26))  # the page ends at the heading around 20
def test_a_heading_stays_with_the_closing_after_it_wherever_the_page_ends(before: int, pdf_dir: Path) -> None:
    """The closing is kept together (a KeepTogether), so the heading keeps with all of it."""
    body = (*[para(f"Alinea {i}.") for i in range(before)], Heading(2, (Text("Ondertekening"),)), SIGNED)
    path = _write(Document(_meta("Kop en ondertekening"), body), pdf_dir / f"closing-{before}.pdf")
    assert_headings_stay_with_their_text(path)
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        closing = [e for e in walk(pdf.Root.StructTreeRoot) if e.S == "/P"][-2:]
        assert len({pages[k.Pg.objgen] for e in closing for k in mcrs(e)}) == 1, "the closing is parted"


def test_a_table_without_cells_leaves_its_caption_as_a_paragraph(pdf_dir: Path) -> None:
    doc = EDGE_CASES["table with a caption and a row without cells"]
    path = _write(doc, pdf_dir / "caption-only.pdf")
    with pikepdf.open(path) as pdf:
        roles = [str(e.S)[1:] for e in walk(pdf.Root.StructTreeRoot)]
    assert "Table" not in roles and "TR" not in roles
    assert struct_blocks(path)[-2:] == ["Bijschrift", "Na."]
    empty = _write(EDGE_CASES["table without rows"], pdf_dir / "no-rows.pdf")
    with pikepdf.open(empty) as pdf:
        assert "/Table" not in [e.S for e in walk(pdf.Root.StructTreeRoot)]


def test_a_ragged_table_is_set_on_a_regular_grid(pdf_dir: Path) -> None:
    """PDF/UA-1 7.5: every row covers as many columns as the widest, every column as many rows."""
    path = _write(EDGE_CASES["table with ragged rows and spans past its edge"], pdf_dir / "ragged.pdf")
    with pikepdf.open(path) as pdf:
        rows = [e for e in walk(pdf.Root.StructTreeRoot) if e.S == "/TR"]
        covered: set[tuple[int, int]] = set()
        for r, tr in enumerate(rows):
            c = 0
            for cell in (k for k in tr.K if k.get("/Type") == "/StructElem"):
                while (r, c) in covered:
                    c += 1
                attributes = cell.get("/A", {})
                rowspan, colspan = int(attributes.get("/RowSpan", 1)), int(attributes.get("/ColSpan", 1))
                assert r + rowspan <= len(rows)
                covered |= {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)}
                c += colspan
        assert covered == {(r, c) for r in range(len(rows)) for c in range(5)}


def test_splitting_a_long_paragraph_looks_at_one_page_of_lines_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each split walks only the lines that fit (it used to try every place from the paragraph's end,
    recounting notes each time: cubic). So twice the text costs about twice the work."""
    from convert.writers.pdf import flowables

    looked = [0]
    can_split = flowables._can_split

    def counting(lines: Any, n: int) -> bool:
        looked[0] += 1
        return bool(can_split(lines, n))

    monkeypatch.setattr(flowables, "_can_split", counting)
    counts = []
    for words in (6_000, 12_000):
        looked[0] = 0
        text = " ".join(itertools.islice(itertools.cycle(WORDS.split()), words))
        get_writer("pdf").write(Document(Meta(title="Lang"), (para(text),)), load_style("default"))
        counts.append(looked[0])
    assert counts[1] < 2.5 * counts[0], counts


# ---------------------------------------------------------------- figures: only bytes the model holds


def _images(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return sum(len(page.get_images()) for page in pdf.pages)


def _png_bytes() -> bytes:
    return base64.b64decode(data_uri((8, 6), (10, 120, 30)).split(",", 1)[1])


FIGURE_SOURCES = {
    "png data URI": (data_uri((80, 40), (10, 120, 30)), 1),
    "jpeg data URI": (data_uri((80, 40), (10, 120, 30), "jpeg"), 1),
    "png with alpha": (data_uri((30, 30), (10, 120, 30), mode="RGBA"), 1),
    "png with a palette": (data_uri((30, 30), (3, 0, 0), mode="P"), 1),
    "gif data URI": (data_uri((30, 30), (3, 0, 0), "gif", mode="P"), 0),
    "not base64": ("data:image/png;base64,@@@niet-base64@@@", 0),
    "truncated png": ("data:image/png;base64," + base64.b64encode(_png_bytes()[:40]).decode("ascii"), 0),
    "jpeg bytes called png": ("data:image/png;base64," + data_uri((8, 8), (0, 0, 0), "jpeg").split(",", 1)[1], 0),
    "absolute path": ("/etc/passwd", 0),
    "file URL": ("file:///etc/hostname", 0),
    "http URL": ("http://127.0.0.1:9/kaart.png", 0),
    "empty": ("", 0),
}


@pytest.mark.parametrize("name", list(FIGURE_SOURCES))
def test_embeds_an_image_only_from_a_data_uri_that_decodes(name: str, pdf_dir: Path) -> None:
    src, images = FIGURE_SOURCES[name]
    doc = Document(_meta("Figuur"), (para("Voor."), Figure(src, "Een groen vlak"), para("Na.")))
    path = _write(doc, pdf_dir / f"figure-{name.replace(' ', '-')}.pdf")
    assert _images(path) == images
    assert pdfua1_findings(path) == []
    assert_structure_text(doc, path)  # a placeholder shows "Een groen vlak"; an image shows no text
    with pikepdf.open(path) as pdf:
        assert [str(e.Alt) for e in walk(pdf.Root.StructTreeRoot) if e.S == "/Figure"] == ["Een groen vlak"]


_WATCHING: list[list[tuple[str, tuple[Any, ...]]]] = []


@functools.cache
def _audit_hook() -> None:
    """Record file opens and network use while a test watches (an audit hook cannot be removed)."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if _WATCHING and (event == "open" or event.startswith(("socket.", "urllib."))):
            _WATCHING[-1].append((event, args))

    sys.addaudithook(hook)


def test_the_writer_opens_no_file_and_no_connection_that_the_text_names(tmp_path: Path) -> None:
    """'[afbeelding: /etc/passwd]' in a source must not make the writer read /etc/passwd (STYLE.md 9.2)."""
    from PIL import Image

    secret = tmp_path / "private.png"
    Image.new("RGB", (4, 4), "red").save(secret)
    sources = (
        str(secret),
        "/etc/passwd",
        f"file://{secret}",
        "http://127.0.0.1:9/kaart.png",
        "https://example.org/x.png",
    )
    doc = Document(_meta("Figuren"), tuple(Figure(src, f"Figuur {i}") for i, src in enumerate(sources)))
    style = load_style("default")
    writer = get_writer("pdf")
    writer.write(doc, style)  # warm up: fonts and modules load once, and may open files
    _audit_hook()
    _WATCHING.append([])
    try:
        data = writer.write(doc, style)
    finally:
        events = _WATCHING.pop()
    assert [e for e in events if e[0] != "open" or any(str(secret) in str(a) or "passwd" in str(a) for a in e[1])] == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not any(page.get_images() for page in pdf.pages)


# ---------------------------------------------------------------- characters the fonts lack


def test_characters_the_fonts_lack_are_drawn_as_a_stand_in_and_read_as_themselves(pdf_dir: Path) -> None:
    """ "→", CHINESE and emoji are not in the fonts: drawn as "�", they keep their text as /ActualText
    on the Span (structure) and on its marked content (so pdftotext and copying give the real text)."""
    doc = Document(
        _meta("Pijlen → 日本"),
        (
            Heading(2, (Text("Kop → vet"),)),
            para("pijl → 日本語 😀 en 👍🏽 of 👨\u200d👩\u200d👧, é blijft é."),
            List((ListItem((para("een punt"),), label="→"),)),
        ),
    )
    path = _write(doc, pdf_dir / "glyphs.pdf")
    assert pdfua1_findings(path) == []
    assert page_texts(without_artifacts(path)) == [bare("".join(body_blocks(doc)))]
    stand_ins = ["→", "日", "本", "→", "→", "日", "本", "語", "😀", "👍🏽", "👨\u200d👩\u200d👧", "→"]
    with pikepdf.open(path) as pdf:
        spans = [e for e in walk(pdf.Root.StructTreeRoot) if e.S == "/Span"]
        assert [str(e.ActualText) for e in spans] == stand_ins
    assert struct_blocks(path)[-4:] == [
        "Kop � vet",
        "pijl � ��� � en � of �, é blijft é.",
        "�",
        "een punt",
    ]


def test_a_description_too_long_for_a_page_is_cut_in_its_frame_but_whole_in_alt(pdf_dir: Path) -> None:
    alt = " ".join(f"Zin {i} van een beschrijving die nooit op een bladzijde past." for i in range(300))
    doc = Document(_meta("Lange beschrijving"), (para("Voor."), Figure("kaart.png", alt), para("Na.")))
    path = _write(doc, pdf_dir / "long-alt.pdf")
    assert pdfua1_findings(path) == []
    with pikepdf.open(path) as pdf:
        assert [str(e.Alt) for e in walk(pdf.Root.StructTreeRoot) if e.S == "/Figure"] == [alt]
    shown = struct_blocks(path)[-2]
    assert shown.endswith(" …") and alt.startswith(shown.removesuffix(" …").rstrip())
    assert len(shown) < len(alt)


def test_a_blocks_items_are_made_once_and_its_lines_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Line breaking is asked again and again for the same block (wrap, split, keep with next):
    its boxes and hyphenation points are made once, and the lines are those of a fresh break."""
    from convert.writers.pdf import breaking
    from convert.writers.pdf.fonts import block_styles
    from convert.writers.pdf.lines import InlineBuilder
    from convert.writers.pdf.structure import Element

    style = block_styles(load_style("default"))["body"]
    words = InlineBuilder(style, "nl", lambda note: "").build((Text(WORDS + " https://example.org/" + "x" * 200),),
                                                              Element("P"))  # fmt: skip
    made: list[int] = []
    base_items = breaking._base_items
    monkeypatch.setattr(breaking, "_base_items", lambda *args: made.append(1) or base_items(*args))
    breaker = breaking.Breaker(words, True)
    widths = (300.0, 120.0, 300.0)  # the URL is wider than both: cut into boxes per width

    def shown(lines: list[Any]) -> list[tuple[str, float, Any]]:
        return [("".join(p.text for p in line.pieces), line.width, line.hyphen) for line in lines]

    cached = [shown(breaker.lines(width)) for width in widths]
    assert len(made) == 1
    assert cached == [shown(breaking.break_lines(words, width, True)) for width in widths]
    assert any(hyphen for _, _, hyphen in cached[1])


def test_the_cycle_collector_is_paused_while_writing_and_left_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer pauses Python's cycle collector for its many long-lived objects; it restarts it
    after (also after an error), and leaves it off if it was off."""
    import gc

    import convert.writers.pdf

    doc = Document(_meta("Collector"), (para("Een alinea."),))
    writer = get_writer("pdf")
    lay_out = convert.writers.pdf.lay_out
    seen: list[bool] = []

    def spying(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return lay_out(*args)

    def failing(*args: Any) -> Any:
        raise RuntimeError("layout failed")

    try:
        monkeypatch.setattr(convert.writers.pdf, "lay_out", spying)
        writer.write(doc, load_style("default"))
        assert seen == [False] and gc.isenabled()
        monkeypatch.setattr(convert.writers.pdf, "lay_out", failing)
        with pytest.raises(RuntimeError):
            writer.write(doc, load_style("default"))
        assert gc.isenabled()
        gc.disable()
        monkeypatch.setattr(convert.writers.pdf, "lay_out", spying)
        writer.write(doc, load_style("default"))
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()
