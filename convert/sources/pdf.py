"""PDF in: a paper's print PDF read into the text the kamerstuk reader reads, so both routes share one model.

The text has the shape that ``pdf2txt.py`` (pdfminer.six, default layout analysis) gives, which is
how the corpus texts were made and what the reader's rules describe: the lines of each text box,
a blank line after each box, a form feed after each page, the notes at the page foot. Where the
page shows more than its text, the text says so: a number set raised and smaller after other text
on its line is a note reference, written in superscript digits (``20235`` becomes ``2023⁵``), which
the reader links to its note where plain text could not tell the marker from the number before it.

Before any text is read, the file is opened with qpdf (pikepdf) and refused, with one line that
says what to do, when it needs a password, is damaged, is too long, or holds JavaScript, embedded
files or form fields (never run, never copied). A PDF whose pages have no text (a scan) is refused
with OCR named as the way on. docs/pdf-input.md says why pdfminer.six reads the text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from convert.diagnostics import Diagnostic, SourceError
from convert.source import Decoded

MAX_PAGES = 2000  # a bundle, not a paper: at about 12 pages a second (docs/pdf-input.md) it would read for minutes
_STREAM_NAME = re.compile(r"(?:stream )?<_io\.BytesIO object at 0x[0-9a-f]+>:?\s*")  # qpdf names its input
_RAISED_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_RAISED_SIZE = 0.8  # a raised number is set at most this share of its line's size ...
_RAISED_LIFT = 0.15  # ... and its baseline lifted at least this share of that size
_UNMAPPED_SHARE = 0.05  # more glyphs than this without a Unicode value: the text layer is unreadable
_REPAIRED = "the PDF was damaged and has been repaired (qpdf); compare the result with the print"
_ACTIVE_ANNOTATIONS = {
    "/Widget": "form fields", "/FileAttachment": "embedded files",
    "/Screen": "media", "/RichMedia": "media", "/Movie": "media", "/Sound": "media",
}  # fmt: skip
_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript", "/Launch": "launch actions", "/ImportData": "form actions",
    "/SubmitForm": "form actions", "/Rendition": "media", "/GoToE": "embedded files",
}  # fmt: skip


def read_pdf(data: bytes, path: str) -> Decoded:
    """The paper's text from its PDF's bytes, or a :class:`SourceError` that says what to do."""
    pages, repaired = _inspect(data, path)
    with _pdfminer_held_back():
        text, empty_pages, unmapped = _layout_text(data, path)
    letters = sum(1 for char in text if not char.isspace())
    if letters == 0:
        raise SourceError(
            f"the PDF has no text layer: its {_pages(pages)} only images (a scanned paper?) — run OCR on it "
            "first (for example: ocrmypdf -l nld paper.pdf paper-ocr.pdf) and convert the result",
            path=path,
        )
    if unmapped > _UNMAPPED_SHARE * letters:
        raise SourceError(
            f"the PDF's fonts do not say which letters {unmapped} of its {letters} characters are, so its text "
            "cannot be read — run OCR on it (for example: ocrmypdf --force-ocr -l nld paper.pdf paper-ocr.pdf) "
            "and convert the result",
            path=path,
        )
    diagnostics = [Diagnostic("PD002", "warning", _REPAIRED)] if repaired else []
    if empty_pages:
        listed = ", ".join(str(number) for number in empty_pages[:10]) + (", …" if len(empty_pages) > 10 else "")
        what = f"pages {listed} of the PDF have" if len(empty_pages) > 1 else f"page {listed} of the PDF has"
        diagnostics.append(
            Diagnostic(
                "PD001",
                "warning",
                f"{what} no text (scanned or drawn), so it is missing here; run OCR on the PDF to include it",
            )
        )
    return Decoded(text, "pdf", tuple(diagnostics))


def on_pages(diagnostics: tuple[Diagnostic, ...], text: str) -> tuple[Diagnostic, ...]:
    """A PDF's diagnostics with the print page instead of the line: the lines of its extracted text
    are never shown to the user, its pages are (a form feed starts each page after the first)."""
    pages = list(accumulate(line.count("\f") for line in text.split("\n")))
    return tuple(
        dataclasses.replace(
            diagnostic, line=None, message=f"page {pages[diagnostic.line - 1] + 1}: {diagnostic.message}"
        )
        if diagnostic.line is not None and 0 < diagnostic.line <= len(pages)
        else diagnostic
        for diagnostic in diagnostics
    )


def _pages(count: int) -> str:
    return "page is" if count == 1 else f"{count} pages are"


def _inspect(data: bytes, path: str) -> tuple[int, bool]:
    """Open the file with qpdf and refuse what cannot or must not be read; its page count, and whether
    qpdf had to repair it."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise SourceError(
                    f"the PDF has {count} pages, more than the limit of {MAX_PAGES} — split it into papers "
                    f"(for example: qpdf --split-pages=500 paper.pdf part-%d.pdf) and convert the parts",
                    path=path,
                )
            active = sorted(set(_active_content(pdf)))
            repaired = any("damaged" in warning for warning in pdf.get_warnings())
    except pikepdf.PasswordError:
        raise SourceError(
            "the PDF is encrypted and needs a password to open — save a copy without the password "
            "(for example: qpdf --password=PASSWORD --decrypt paper.pdf open.pdf) and convert that",
            path=path,
        ) from None
    except pikepdf.PdfError as err:
        raise SourceError(_damaged(str(err)), path=path) from None
    if active:
        raise SourceError(
            f"the PDF holds {_listed(active)}, which pubconvert never runs or copies — convert a copy without "
            "them (for example: print it to a new PDF), or the paper as published without them",
            path=path,
        )
    if count == 0:
        raise SourceError(_damaged("it has no pages"), path=path)
    return count, repaired


def _damaged(reason: str) -> str:
    reason = " ".join(_STREAM_NAME.sub("", reason).split())[:160]
    return f"the PDF is damaged or cut short ({reason}) — download or export it again and convert the new copy"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _active_content(pdf: Any) -> Iterator[str]:
    """What in the PDF could run or carry other files: document and page actions, scripts, forms, attachments.

    A key of the wrong type (a damaged or crafted file) is passed over, never followed."""
    import pikepdf

    def dictionary(value: Any) -> Any:
        return value if isinstance(value, pikepdf.Dictionary) else pikepdf.Dictionary()

    root = dictionary(pdf.Root)
    names = dictionary(root.get("/Names"))
    if "/JavaScript" in names:
        yield "JavaScript"
    if "/EmbeddedFiles" in names:
        yield "embedded files"
    form = dictionary(root.get("/AcroForm"))
    fields = form.get("/Fields")
    if (isinstance(fields, pikepdf.Array) and len(fields)) or "/XFA" in form:
        yield "form fields"
    yield from _actions(root.get("/OpenAction"))
    yield from _actions(list(dictionary(root.get("/AA")).as_dict().values()))
    for page in pdf.pages:
        yield from _actions(list(dictionary(page.obj.get("/AA")).as_dict().values()))
        annotations = page.obj.get("/Annots")
        for annotation in annotations if isinstance(annotations, pikepdf.Array) else ():
            annotation = dictionary(annotation)
            what = _ACTIVE_ANNOTATIONS.get(str(annotation.get("/Subtype", "")))
            if what:
                yield what
            yield from _actions(annotation.get("/A"))
            yield from _actions(list(dictionary(annotation.get("/AA")).as_dict().values()))


def _actions(action: Any, depth: int = 0) -> Iterator[str]:
    """An action, or several, and the actions chained after each (``/Next``: one or an array), that run code
    or pull in data."""
    import pikepdf

    if depth > 50:  # a chain this long (or a loop) is no paper's
        return
    if isinstance(action, (pikepdf.Array, list)):
        for item in action:
            yield from _actions(item, depth + 1)
    elif isinstance(action, pikepdf.Dictionary):
        what = _ACTIVE_ACTIONS.get(str(action.get("/S", "")))
        if what:
            yield what
        yield from _actions(action.get("/Next"), depth + 1)


@contextlib.contextmanager
def _pdfminer_held_back() -> Iterator[None]:
    """pdfminer logs what it reads around (a colour it cannot set, a font it guesses) as warnings, and
    Python prints a library's warnings to stderr when nobody handles them: many lines about drawing,
    none about the text, where a bad input must get one line. They are held back while a PDF is read
    (a handler that drops them, on pdfminer's logger only, taken off again after)."""
    logger = logging.getLogger("pdfminer")
    handler, propagate = logging.NullHandler(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _layout_text(data: bytes, path: str) -> tuple[str, list[int], int]:
    """The text of every page in ``pdf2txt.py``'s shape, the numbers of pages without text, and the count
    of glyphs the fonts give no Unicode value (``(cid:N)``)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTPage
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    parts: list[str] = []
    empty: list[int] = []
    try:
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            interpreter.process_page(page)
            layout: LTPage = device.get_result()
            text = page_text(layout)
            if not text.strip():
                empty.append(number)
            parts.append(text)
    except Exception as err:  # pdfminer's errors on a file qpdf could open: the file, not us (see _inspect)
        raise SourceError(_damaged(f"{type(err).__name__}: {err}"), path=path) from None
    text = "".join(parts)
    return text, empty, text.count("(cid:")


def page_text(page: Any) -> str:
    """One page as ``pdf2txt.py`` writes it (each text box's lines, a line end after each box, a form
    feed after the page), with raised note numbers in superscript digits."""
    from pdfminer.layout import LTContainer, LTText, LTTextBox, LTTextLineHorizontal

    parts: list[str] = []

    def render(item: Any) -> None:
        if isinstance(item, LTTextLineHorizontal):
            parts.append(line_text(item))
        elif isinstance(item, LTContainer):
            for child in item:
                render(child)
        elif isinstance(item, LTText):
            parts.append(item.get_text())
        if isinstance(item, LTTextBox):
            parts.append("\n")

    render(page)
    parts.append("\f")
    return "".join(parts)


def line_text(line: Any) -> str:
    """A line's text; digits set smaller and raised after other text on the line become superscript digits.

    Raised digits that open the line are left as they are: they number the note text at a page foot."""
    from pdfminer.layout import LTChar

    chars = [child for child in line if isinstance(child, LTChar) and child.get_text().strip()]
    if not chars:
        return str(line.get_text())
    size = Counter(round(char.size, 1) for char in chars).most_common(1)[0][0]
    baseline = statistics.median(char.y0 for char in chars if round(char.size, 1) == size)
    parts: list[str] = []
    opening = True  # still in the raised digits (if any) that open the line
    for child in line:
        text = child.get_text()
        raised = (
            isinstance(child, LTChar)
            and text in "0123456789"
            and len(text) == 1
            and child.size <= _RAISED_SIZE * size
            and child.y0 >= baseline + _RAISED_LIFT * size
        )
        if raised and not opening:
            text = text.translate(_RAISED_DIGITS)
        elif text.strip() and not raised:
            opening = False
        parts.append(text)
    return "".join(parts)
