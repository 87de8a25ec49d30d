"""PDF input: the official print PDFs give the text route's model or a better one; bad PDFs get one line.

The corpus PDFs are in ``fixtures/<name>/source.pdf`` (with the text made from them) and
``fixtures/pdf/`` (twelve more, without text). Bad and made-up PDFs are drawn here with reportlab
and pikepdf.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from convert import cli
from convert.diagnostics import SourceError
from convert.model import Document, Note, Paragraph, Text
from convert.pipeline import read_document
from convert.source import decode
from convert.sources.pdf import MAX_PAGES
from convert.text import plain_text
from convert.walk import notes
from tests.conftest import FIXTURES

FROM_RAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
WITH_TEXT = sorted(p.parent.name for p in FIXTURES.glob("*/source.pdf"))
CORPUS_PDFS = [FIXTURES / name / "source.pdf" for name in WITH_TEXT] + sorted((FIXTURES / "pdf").glob("*.pdf"))
# Where the PDF route's model is better than the text route's, and why (every other paper: the same model).
BETTER = {
    "01b2bcad-7296-43bb-bc44-e727fc69b23f": "note 5's raised marker follows a year (20235)",
    "1a2d8959-7ce1-411d-bffe-c78970ae8d6b": "the 2 of CO2 is not raised: plain text took it for note 2's marker",
    "1b0f0b98-7c34-418c-98dc-43de7930e685": "notes 12 and 13's raised markers follow a number and a space",
}


def paper_name(path: Path) -> str:
    return path.stem if path.parent.name == "pdf" else path.parent.name


def text_route(path: Path, pdf_text: str) -> str:
    """What the text route reads: the corpus text made by pdf2txt.py, or (for the twelve PDFs that have
    none) the PDF text with raised numbers as plain digits, which is pdf2txt.py's text (see the first test)."""
    text = path.with_suffix(".txt")
    return text.read_text(encoding="utf-8") if text.is_file() else pdf_text.translate(FROM_RAISED)


@pytest.mark.parametrize("name", WITH_TEXT)
def test_the_pdf_text_is_the_corpus_text_but_for_raised_note_numbers(name: str) -> None:
    decoded = decode((FIXTURES / name / "source.pdf").read_bytes(), "source.pdf")
    assert decoded.encoding == "pdf"
    assert decoded.text.translate(FROM_RAISED) == (FIXTURES / name / "source.txt").read_text(encoding="utf-8")


def shape(line: str) -> str:
    """A line with its numbers as ``#``: ``Pagina 3 van 15`` repeats as ``Pagina # van #``."""
    return re.sub(r"\d+", "#", line.strip())


def band_furniture(pdf: Path) -> set[str]:
    """The shapes of lines in the top or bottom tenth of the page on three quarters of the pages (and two at
    least): running heads, footers and page numbers."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox

    seen: Counter[str] = Counter()
    pages = 0
    for page in extract_pages(pdf):
        pages += 1
        band = 0.1 * page.height
        found = {
            shape(line.get_text())
            for box in page if isinstance(box, LTTextBox)
            for line in box if line.y0 < band or line.y1 > page.height - band
        }  # fmt: skip
        seen.update(found - {""})
    return {line for line, count in seen.items() if count >= max(2, 0.75 * pages)}


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=paper_name)
def test_the_pdf_route_gives_the_text_routes_model_or_a_better_one(path: Path) -> None:
    decoded = decode(path.read_bytes(), path.name)
    from_pdf = read_document(decoded)
    from_text = read_document(text_route(path, decoded.text))
    assert from_pdf.meta == from_text.meta
    assert sorted(map(str, notes(from_pdf))) == sorted(map(str, notes(from_text)))
    assert "KS011" not in {d.code for d in from_pdf.diagnostics}, "every note is linked to its marker"
    leaked = band_furniture(path) & {shape(line) for line in plain_text(from_pdf).splitlines()}
    assert not leaked, f"page furniture in the body: {leaked}"
    if paper_name(path) in BETTER:
        assert from_pdf != from_text
        assert len([d for d in from_pdf.diagnostics if d.code == "KS011"]) < len(
            [d for d in from_text.diagnostics if d.code == "KS011"]
        ) or "CO2-buis" in plain_text(from_pdf)
    else:
        assert from_pdf == from_text


def draw(pages: list[list[str]], raised: dict[tuple[int, int], str] | None = None) -> bytes:
    """A PDF of ``pages`` of lines in Helvetica 10; ``raised[(page, line)]`` is set raised after the line."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842), invariant=True)
    for page_index, lines in enumerate(pages):
        for line_index, line in enumerate(lines):
            y = 780 - 14 * line_index
            canvas.setFont("Helvetica", 10)
            canvas.drawString(72, y, line)
            mark = (raised or {}).get((page_index, line_index))
            if mark:
                canvas.setFont("Helvetica", 6)
                canvas.drawString(72 + canvas.stringWidth(line, "Helvetica", 10), y + 4, mark)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_raised_number_after_a_year_is_linked_to_its_note() -> None:
    first = ["Vragen en antwoorden", "", "Een alinea met een verwijzing.", "", "", "", "1 Eerste noot."]
    second = ["Zie de brief van 14 juli 2023", "met meer uitleg over de regels.", "", "", "", "2 Kamerstuk 1, nr. 2."]
    doc = read_document(decode(draw([first, second], {(0, 2): "1", (1, 0): "2"}), "paper.pdf"))
    assert [note.label for note in notes(doc)] == ["1", "2"]
    second_paragraph = doc.body[1]
    assert isinstance(second_paragraph, Paragraph)
    before, note = second_paragraph.children[1:3]  # after the page start
    assert before == Text("Zie de brief van 14 juli 2023") and isinstance(note, Note) and note.label == "2"
    assert "KS011" not in {d.code for d in doc.diagnostics}


def encrypted() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(draw([["Geheim"]]))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="geheim", owner="geheim"))
    return out.getvalue()


def with_root(change: str) -> bytes:
    """A paper PDF with one kind of active content added."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(draw([["Een gewone alinea."]]))) as pdf:
        script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        if change == "javascript":
            pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array(["a", script])))
        elif change == "open action":
            pdf.Root.OpenAction = script
        elif change == "page action":
            pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.URI, Next=[script]))
        elif change == "keys of the wrong type":
            pdf.Root.Names, pdf.Root.AcroForm, pdf.Root.AA = 5, pikepdf.Array([1]), pikepdf.Name.X
            pdf.pages[0].obj.Annots = pikepdf.Dictionary(Subtype=pikepdf.Name.Widget)
        elif change == "embedded file":
            pdf.attachments["data.txt"] = pikepdf.AttachedFileSpec(pdf, b"inhoud", mime_type="text/plain")
        elif change == "form":
            field = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("naam"),
                Rect=pikepdf.Array([72, 700, 200, 720]), P=pdf.pages[0].obj,
            ))  # fmt: skip
            pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
            pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        pdf.save(out)
    return out.getvalue()


def too_long() -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        for _ in range(MAX_PAGES + 1):
            pdf.add_blank_page()
        pdf.save(out)
    return out.getvalue()


def scanned() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    for _ in range(2):
        canvas.rect(72, 72, 400, 600, fill=1)  # a picture of a page, no text
        canvas.showPage()
    canvas.save()
    return out.getvalue()


# (id, the PDF's bytes, words its one line must have)
BAD_PDFS = [
    ("encrypted", encrypted, ["encrypted", "password", "--decrypt"]),
    ("cut short", lambda: draw([["Een alinea."]])[:600], ["damaged", "again"]),
    ("damaged body", lambda: draw([["Een alinea."]]).replace(b"obj", b"jbo"), ["damaged"]),
    ("no text layer", scanned, ["no text layer", "2 pages", "OCR", "ocrmypdf"]),
    ("thousands of pages", too_long, [f"{MAX_PAGES + 1} pages", f"limit of {MAX_PAGES}", "split"]),
    ("javascript", lambda: with_root("javascript"), ["JavaScript", "never runs or copies"]),
    ("javascript on opening", lambda: with_root("open action"), ["JavaScript", "never runs or copies"]),
    ("javascript chained to a page action", lambda: with_root("page action"), ["JavaScript", "never runs"]),
    ("embedded file", lambda: with_root("embedded file"), ["embedded files", "never runs or copies"]),
    ("form", lambda: with_root("form"), ["form fields", "never runs or copies"]),
]


@pytest.mark.parametrize(("make", "words"), [c[1:] for c in BAD_PDFS], ids=[c[0] for c in BAD_PDFS])
def test_a_bad_pdf_gets_one_line_exit_2_and_no_files(
    make: object, words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "paper.pdf"
    source.write_bytes(make())  # type: ignore[operator]
    out = tmp_path / "out"
    status = cli.main([str(source), "-o", str(out)])
    stdout, stderr = capsys.readouterr()
    assert status == 2
    assert stdout == ""
    (line,) = stderr.splitlines()
    assert line.startswith(f"{source}: ") and " — " in line
    for word in words:
        assert word in line
    assert not out.exists() or not any(out.iterdir())


def test_a_pdf_that_is_no_paper_converts_as_paragraphs_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "menu.pdf"
    source.write_bytes(draw([["Menukaart", "", "Soep van de dag met brood.", "", "Stamppot met worst."]]))
    status = cli.main([str(source), "-t", "html,json", "-o", str(tmp_path / "out")])
    _, stderr = capsys.readouterr()
    assert status == 0
    assert "[KS001]" in stderr and "plain paragraphs" in stderr
    assert "Stamppot met worst." in (tmp_path / "out" / "menu.html").read_text(encoding="utf-8")


def test_keys_of_the_wrong_type_are_passed_over_not_followed() -> None:
    assert "Een gewone alinea." in decode(with_root("keys of the wrong type"), "paper.pdf").text


def test_a_pdf_is_known_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    pdf = draw([["Menukaart", "", "Soep van de dag."]])
    assert decode(pdf, "menu.txt").encoding == "pdf"
    assert decode(b"A PDF file starts with %PDF- and its version.", "notes.pdf").encoding == "utf-8"


def test_a_pdf_locked_only_against_copying_converts() -> None:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(draw([["Menukaart", "", "Soep van de dag."]]))) as pdf:
        pdf.save(
            out, encryption=pikepdf.Encryption(user="", owner="eigenaar", allow=pikepdf.Permissions(extract=False))
        )
    assert "Soep van de dag." in decode(out.getvalue(), "menu.pdf").text


def test_a_page_without_text_among_pages_with_text_is_named() -> None:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    canvas.drawString(72, 700, "Een alinea op de eerste bladzijde.")
    canvas.showPage()
    canvas.rect(72, 72, 400, 600, fill=1)
    canvas.showPage()
    canvas.save()
    (warning,) = decode(out.getvalue(), "paper.pdf").diagnostics
    assert warning.code == "PD001" and "page 2 " in warning.message and "OCR" in warning.message


# what Helvetica draws in reportlab's standard encoding: ASCII and Dutch letters, quotes, dashes, euro
LINE = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("éëïöüàçñ€–—‘’“”«»"), max_size=60
)


@settings(
    max_examples=40, deadline=None, derandomize=bool(os.environ.get("CI")), suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.lists(LINE, max_size=12), min_size=1, max_size=3))
def test_a_pdf_of_any_text_reads_or_is_refused_with_one_line(pages: list[list[str]]) -> None:
    pdf = draw(pages)
    try:
        decoded = decode(pdf, "random.pdf")
    except SourceError as err:
        assert "\n" not in err.format()
        assert not "".join("".join(page) for page in pages).strip(), "only a PDF without text is refused"
        return
    drawn = [word for page in pages for line in page for word in line.split()]
    # pdfminer orders a line that is one lone sign (a "€" alone) by its own box, maybe after the next line's:
    # such a sign is read, but its place is not held to; every other word is read in order
    lone = {line.strip() for page in pages for line in page if len(line.strip()) == 1 and not line.strip().isalnum()}
    read_words = decoded.text.split()
    assert sorted(read_words) == sorted(drawn), "every word drawn is read"
    assert [w for w in read_words if w not in lone] == [w for w in drawn if w not in lone], "in order"
    try:
        doc = read_document(decoded)
    except SourceError:
        return  # text that sanitising leaves empty
    assert isinstance(doc, Document) and doc.meta.title.strip()
    assert dataclasses.replace(doc) == doc


def test_what_pdfminer_reads_around_is_not_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A drawing operator with a wrong operand makes pdfminer log a warning; the command prints no line of it."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(draw([["Menukaart", "", "Soep van de dag."]]))) as pdf:
        pdf.pages[0].contents_add(pdf.make_stream(b"q /Nope G 0 0 m 10 10 l S Q"), prepend=False)
        pdf.save(out)
    source = tmp_path / "menu.pdf"
    source.write_bytes(out.getvalue())
    status = cli.main([str(source), "-t", "json", "-o", str(tmp_path / "out"), "-q"])
    _, stderr = capsys.readouterr()
    assert status == 0
    assert [line for line in stderr.splitlines() if "[KS001]" not in line] == []


@pytest.mark.parametrize(
    ("line", "before"),
    [
        ("Zie de brief van 14 juli 2023⁵ met uitleg.", "Zie de brief van 14 juli 2023"),  # after a year
        ("Het beleid gold vanaf 2018.⁵", "Het beleid gold vanaf 2018."),  # after a number and a full stop
        ("De kosten zijn 1,5 miljoen⁵ en stijgen.", "De kosten zijn 1,5 miljoen"),  # after a word, as glued
    ],
)
def test_the_reader_links_a_raised_number_to_its_note(line: str, before: str) -> None:
    text = "Titel\n\nEen alinea met een noot.¹\n\n" + line + "\nVolgende zin.\n\n1 Eerste noot.\n\n5 Noot vijf.\n"
    text = text.replace("⁵", "²").replace("5 Noot", "2 Noot")
    doc = read_document(text)
    assert "KS011" not in {d.code for d in doc.diagnostics}
    (_, second) = [block for block in doc.body if isinstance(block, Paragraph)][:2]
    heads = [child for child in second.children if isinstance(child, Text)]
    assert heads[0].text.endswith(before.rsplit(" ", 1)[-1]) and isinstance(second.children[1], Note)


def test_a_raised_marker_at_a_line_end_ends_the_paragraph() -> None:
    from convert.readers.kamerstuk.paragraphs import ends_clause

    assert ends_clause("hulp zoeken.³") and ends_clause("hulp zoeken.³ ") and not ends_clause("hulp zoeken³")


ENDINGS = st.sampled_from(["2023", "2018.", "juli", "Kit", "is?", "nr. 12", "(2024)", "«zwart»", "1,5", "CO"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENDINGS, min_size=1, max_size=4))
def test_every_raised_marker_links_its_note_whatever_it_follows(endings: list[str]) -> None:
    lines = ["Vragen en antwoorden", ""]
    raised: dict[tuple[int, int], str] = {}
    for number, ending in enumerate(endings, start=1):
        raised[(0, len(lines))] = str(number)
        lines += [f"Een zin over het onderwerp met aan het eind {ending}", "en daarna gaat de tekst verder.", ""]
    lines += [""] * 3 + [f"{number} Noottekst nummer {number}." for number in range(1, len(endings) + 1)]
    doc = read_document(decode(draw([lines], raised), "paper.pdf"))
    assert [note.label for note in notes(doc)] == [str(n) for n in range(1, len(endings) + 1)]
    assert "KS011" not in {d.code for d in doc.diagnostics}
    text = plain_text(doc)
    for ending in endings:
        assert f"aan het eind {ending}" in text, "the marker left the word before it whole"


def test_a_pdfs_warnings_name_the_print_page_not_a_line_of_its_text() -> None:
    second = ["Een alinea met een verwijzing naar een noot die er niet is.1", "", "Een tweede alinea."]
    doc = read_document(decode(draw([["Voorblad", "", "Een eerste alinea."], second]), "paper.pdf"))
    codes = {d.code: d for d in doc.diagnostics}
    assert codes["KS001"].message.startswith("page 1: ") and codes["KS010"].message.startswith("page 2: ")
    assert all(d.line is None for d in doc.diagnostics)
