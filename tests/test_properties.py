"""Properties: no text crashes the reader, no model crashes a writer, every output is structurally sound.

Every registered writer is tested (``available_writers()``), so a new writer is covered the day it
registers; the structural check is chosen by the output's suffix. On CI (``CI`` set) hypothesis
runs derandomised, so a run never fails by chance on an unrelated change; run locally to explore.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from convert.diagnostics import SourceError
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
from convert.pipeline import read_document
from convert.sanitize import sanitize
from convert.style import Style, load_style
from convert.writers import available_writers, get_writer

WRITERS = sorted(available_writers())
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    # on CI a failure is reported at once, unshrunk: shrinking through six writers can take many minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate] if os.environ.get("CI") else list(Phase),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def style() -> Style:
    return load_style("default")


# ------------------------------------------------------------------ structural checks, by suffix


def _xml(data: bytes, where: str) -> etree._Element:
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        raise AssertionError(f"{where} is not well-formed XML: {err}") from None


def check_html(data: bytes) -> None:
    page = lxml_html.document_fromstring(data.decode("utf-8"))
    assert page.tag == "html" and page.find("body") is not None
    assert not page.xpath("//script"), "the text made a script element"
    assert not page.xpath("//@*[starts-with(name(), 'on')]"), "the text made an event handler attribute"


def check_json(data: bytes) -> None:
    assert json.loads(data.decode("utf-8"))["schema"] == "pubconvert-model"


def check_text(data: bytes) -> None:
    data.decode("utf-8")


def check_pdf(data: bytes) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 1
        if "/Metadata" in pdf.Root:
            _xml(pdf.Root.Metadata.read_bytes(), "the XMP metadata")


def _check_zip_xml(data: bytes, suffixes: tuple[str, ...]) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    for name in archive.namelist():
        if name.endswith(suffixes):
            _xml(archive.read(name), name)
    return archive


def check_docx(data: bytes) -> None:
    import docx

    _check_zip_xml(data, (".xml", ".rels"))
    docx.Document(io.BytesIO(data))


def check_epub(data: bytes) -> None:
    archive = _check_zip_xml(data, (".xhtml", ".opf", ".ncx", ".xml", ".html"))
    assert archive.namelist()[0] == "mimetype"
    assert archive.read("mimetype") == b"application/epub+zip"


STRUCTURE: dict[str, Callable[[bytes], None]] = {
    ".html": check_html,
    ".htm": check_html,
    ".json": check_json,
    ".tree": check_text,
    ".txt": check_text,
    ".pdf": check_pdf,
    ".docx": check_docx,
    ".epub": check_epub,
}


def check_structure(name: str, data: bytes) -> None:
    """The output of writer ``name`` is sound for its format (any bytes at all for an unknown suffix)."""
    assert data, f"{name} wrote nothing"
    STRUCTURE.get(get_writer(name).suffix, lambda data: None)(data)


# ------------------------------------------------------------------ text of an output, by suffix


def _html_text(data: bytes) -> str:
    return str(lxml_html.document_fromstring(data.decode("utf-8")).text_content())


def _json_text(data: bytes) -> str:
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk(json.loads(data.decode("utf-8")))
    return "\n".join(strings)


def _pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            raise AssertionError("pdftotext is missing: scripts/install --test installs poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed; scripts/install --test installs it")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def _zip_text(data: bytes, suffixes: tuple[str, ...]) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = []
    for name in archive.namelist():
        if name.endswith(suffixes):
            root = _xml(archive.read(name), name)
            parts.append("".join(root.itertext()))
    return "\n".join(parts)


EXTRACT: dict[str, Callable[[bytes], str]] = {
    ".html": _html_text,
    ".json": _json_text,
    ".tree": lambda data: re.sub(r"\\(.)", r"\1", data.decode("utf-8")),  # tree quotes strings: "a \\"b\\""
    ".pdf": _pdf_text,
    ".docx": lambda data: _zip_text(data, ("word/document.xml", "word/footnotes.xml")),
    ".epub": lambda data: _zip_text(data, (".xhtml",)),
}

# ------------------------------------------------------------------ markup in the text is text

MARKUP = (
    "<script>alert(1)</script>",
    "&amp;",
    "&lt;i&gt;",
    "<b>vet</b>",
    "]]>",
    "5% of 10%s",
    "{x} {{y}} {0}",
    '<font color="red">rood</font>',
    "<para>",
    "<br/>",
    "\\n",
)


@pytest.mark.parametrize("name", WRITERS)
def test_markup_is_literal_in_every_writer(name: str, style: Style) -> None:
    """Each line of ``MARKUP`` is its own paragraph, so that no writer breaks or hyphenates inside it."""
    text = "Titel met <b>vet</b> & ]]> en {x}\n\n" + "\n\n".join(MARKUP) + "\n"
    data = get_writer(name).write(read_document(text), style)
    check_structure(name, data)
    extract = EXTRACT.get(get_writer(name).suffix)
    if extract is None:
        pytest.skip(f"no text extraction known for {get_writer(name).suffix}")
    found = re.sub(r"\s+", "", extract(data))
    for piece in MARKUP:
        assert re.sub(r"\s+", "", piece) in found, f"{piece!r} did not come out literally"


# ------------------------------------------------------------------ arbitrary text

NASTY = [
    "\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "\r", "\r\n", "\n", "\n\n", "\f", "\t",
    "\ud800", "\udfff", "\ufeff", "\ufffe", "\uffff", "\ufffc", "\ufffd", "\u200b", "\u200d", "\u2028", "\u2029",
    "\u202e", "\u2066", "\u200f", "\ue000", "\uf0b7", "\U0010fffd", "\u0301", "\u0336" * 40, "e\u0301", "👩\u200d💻",
    "<", ">", "&", "&amp;", "]]>", "<script>", '"', "'", "%", "{}", "\\", "«", "»", "–", "€", "ĳ", "ß", "İ",
]  # fmt: skip
LINES = [
    "24 077 Drugbeleid", "Nr. 537 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Den Haag, 11 maart 2024",
    "Tweede Kamer der Staten-Generaal", "Vergaderjaar 2023–2024", "De Minister van Justitie en Veiligheid,",
    "D. Yeşilgöz-Zegerius", "1. Inleiding", "– een streepje;", "a. onderdeel", "Vraag 1", "Antwoord 1",
    "1 Kamerstukken II, 2023/24, 24 077, nr. 1.", "[afbeelding: figuur.png – een figuur]", "Artikel I",
    "«Hoe verder met het drugs-", "beleid?» georganiseerd door", "   ingesprongen regel", "",
]  # fmt: skip

any_character = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
pieces = st.one_of(st.sampled_from(NASTY), st.sampled_from(LINES), st.text(any_character, max_size=30))
source_texts = st.lists(pieces, max_size=40).map("".join) | st.lists(
    st.one_of(st.sampled_from(LINES), st.text(any_character, max_size=60)), max_size=30
).map("\n".join)


@PROPERTY
@given(source_texts)
def test_reader_takes_any_text(text: str) -> None:
    """Any text gives a document or the documented input error, never another exception."""
    with contextlib.suppress(SourceError):
        read_document(text)


@PROPERTY
@given(source_texts)
def test_every_writer_writes_a_sound_file_from_any_text(text: str) -> None:
    try:
        doc = read_document(text)
    except SourceError:
        return
    style = load_style("default")
    for name in WRITERS:
        check_structure(name, get_writer(name).write(doc, style))


# ------------------------------------------------------------------ arbitrary models


def clean(text: str) -> str:
    """Model text is what the reader gets: sanitised."""
    return sanitize(text).text


words = st.text(any_character, max_size=20).map(clean)
nonblank = words.filter(lambda s: bool(s.strip())) | st.sampled_from(["Titel", "Een titel & <b>", "x"])
languages = st.sampled_from(["nl", "en", "de", "fr", "en-GB", "la"])


def inlines(blocks: st.SearchStrategy[Block] | None = None) -> st.SearchStrategy[tuple[Inline, ...]]:
    leaf: st.SearchStrategy[Inline] = st.one_of(
        words.map(Text), st.sampled_from(["1", "2", "ii"]).map(PageStart), st.just(LineBreak())
    )
    tree = st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, max_size=3).map(tuple).map(Emphasis),
            st.lists(children, max_size=3).map(tuple).map(Strong),
            st.builds(Quoted, st.lists(children, max_size=3).map(tuple), st.sampled_from(["double", "single"])),
            st.builds(Foreign, st.lists(children, max_size=3).map(tuple), languages),
            st.builds(
                Link,
                st.lists(children, max_size=3).map(tuple),
                st.sampled_from(["https://www.tweedekamer.nl/", "https://x.nl/?a=1&b=<2>", 'mailto:"a"@b.nl']),
            ),
        ),
        max_leaves=8,
    )
    if blocks is not None:
        note = st.builds(Note, st.sampled_from(["1", "2", "*"]), st.lists(blocks, min_size=1, max_size=2).map(tuple))
        tree = tree | note
    return st.lists(tree, max_size=6).map(tuple)


def paragraph() -> st.SearchStrategy[Block]:
    return inlines().map(Paragraph)


def blocks() -> st.SearchStrategy[Block]:
    simple = st.one_of(
        paragraph(),
        st.builds(Heading, st.integers(1, 6), inlines()),
        st.builds(Figure, st.just(""), words, inlines()),
    )

    def nested(children: st.SearchStrategy[Block]) -> st.SearchStrategy[Block]:
        item_blocks = st.lists(children, min_size=1, max_size=2).map(tuple)
        items = st.lists(
            st.builds(ListItem, item_blocks, st.sampled_from(["", "a.", "1."])), min_size=1, max_size=3
        ).map(tuple)
        cells = st.lists(st.builds(Cell, st.lists(paragraph(), max_size=1).map(tuple)), min_size=1, max_size=3)
        rows = st.lists(cells.map(tuple).map(Row), max_size=3).map(tuple)
        return st.one_of(
            st.builds(
                List, items, st.sampled_from(["bullet", "dash", "number", "letter", "roman"]), st.integers(1, 30)
            ),
            st.lists(children, min_size=1, max_size=2).map(tuple).map(BlockQuote),
            st.builds(Table, inlines(), rows, rows),
            st.builds(
                Section,
                st.builds(Heading, st.integers(2, 6), inlines()),
                st.lists(children, max_size=2).map(tuple),
                st.sampled_from(["", "vraag", "antwoord", "artikel"]),
            ),
            paragraph().map(lambda p: Paragraph(p.children + (Note("1", (Paragraph((Text("noot"),)),)),))),
        )

    return st.recursive(simple, nested, max_leaves=6)


closings = st.builds(
    Closing,
    st.lists(st.builds(Signatory, nonblank, words), min_size=1, max_size=2).map(tuple),
    words,
)
metas = st.builds(
    Meta,
    title=nonblank,
    lang=st.sampled_from(["nl", "en"]),
    kind=st.none() | nonblank,
    dossiers=st.lists(st.builds(Dossier, st.sampled_from(["24 077", "21 501-02", "36 410 VI"]), words), max_size=2).map(
        tuple
    ),
    paper_number=st.none() | st.sampled_from(["537", "339d"]),
    identifier=st.none() | st.just("kst-24077-537"),
    addressee=st.none() | words,
    place=st.none() | words,
    date=st.none() | st.dates(dt.date(1800, 1, 1), dt.date(2100, 12, 31)),
)
documents = st.builds(
    lambda meta, body, closing: Document(meta, tuple(body) + ((closing,) if closing else ())),
    metas,
    st.lists(blocks(), max_size=6),
    st.none() | closings,
)


@PROPERTY
@given(documents)
def test_every_writer_writes_a_sound_file_from_any_model(doc: Document) -> None:
    style = load_style("default")
    for name in WRITERS:
        check_structure(name, get_writer(name).write(doc, style))
