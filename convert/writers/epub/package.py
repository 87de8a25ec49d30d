"""The EPUB package: ebooklib assembles it in memory, then two fixes ebooklib cannot make.

ebooklib writes the package document without ``xml:lang`` (DAISY Ace: ``epub-lang``, serious)
and stamps every zip entry with the current time. :func:`finish` adds the language and rewrites
the zip with one fixed timestamp, so the same paper always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from ebooklib import epub

from convert.writers.epub.content import NAV_FILE, STYLE_FILE, TEXT_FILE, Entry
from convert.writers.html.render import escape, xml_text

XHTML_TYPE = "application/xhtml+xml"
FOLDER = "EPUB"
OPF = f"{FOLDER}/content.opf"
# The date of an undated paper, and the floor for every date: the first moment a zip can record.
EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def modified(date: dt.date | None) -> dt.datetime:
    """``dcterms:modified`` and the zip timestamps: the paper's own date, never the clock."""
    if date is None:
        return EPOCH
    return max(EPOCH, dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC))


@dataclass(frozen=True, slots=True)
class Metadata:
    """The package metadata, already derived: Dublin Core terms and ``meta`` properties."""

    uid: str  # the package's unique identifier ("urn:uuid:...")
    title: str
    lang: str
    modified: dt.datetime
    dublin_core: tuple[tuple[str, str], ...]  # ("identifier", "kst-24077-537"), ("creator", ...)
    properties: tuple[tuple[str, str], ...]  # ("schema:accessMode", "textual"), ...


def build(metadata: Metadata, css: str, text: str, nav: str, toc: tuple[Entry, ...]) -> bytes:
    """The finished EPUB as bytes: one content document, the navigation document, the CSS."""
    book = epub.EpubBook()
    book.IDENTIFIER_ID = "pub-id"
    book.set_identifier(metadata.uid)
    book.set_title(xml_text(metadata.title))
    book.set_language(xml_text(metadata.lang))
    counts: dict[str, int] = {}
    for name, value in metadata.dublin_core:
        counts[name] = counts.get(name, 0) + 1
        book.add_metadata("DC", name, xml_text(value), {"id": f"{name}-{counts[name]}"})
    for prop, value in metadata.properties:
        book.add_metadata(None, "meta", xml_text(value), {"property": prop})

    book.add_item(epub.EpubItem(uid="style", file_name=STYLE_FILE, media_type="text/css", content=css.encode()))
    text_item = epub.EpubItem(uid="text", file_name=TEXT_FILE, media_type=XHTML_TYPE, content=text.encode())
    book.add_item(text_item)
    nav_item = epub.EpubItem(uid="nav", file_name=NAV_FILE, media_type=XHTML_TYPE, content=nav.encode())
    nav_item.properties = ["nav"]  # our own navigation document, not ebooklib's generated one
    book.add_item(nav_item)
    book.add_item(epub.EpubNcx())  # for EPUB 2 reading systems; ebooklib derives it from book.toc
    book.toc = _ncx_entries(toc, iter(range(1, 1_000_000)))
    # The navigation document is a non-linear spine item, so the landmarks may link to it (EPUBCheck
    # RSC-011) while the reading order stays the paper's own.
    book.spine = [text_item, (nav_item, "no")]

    raw = io.BytesIO()
    options = {"mtime": metadata.modified, "epub2_guide": False, "epub3_landmark": False, "epub3_pages": False}
    epub.write_epub(raw, book, {**options, "raise_exceptions": True})
    return finish(raw.getvalue(), metadata.lang, metadata.modified)


def _ncx_entries(entries: tuple[Entry, ...], numbers: Iterable[int]) -> list[object]:
    numbers = iter(numbers)
    items: list[object] = []
    for entry in entries:
        link = epub.Link(entry.href, entry.label, f"toc-{next(numbers)}")
        items.append((link, _ncx_entries(entry.children, numbers)) if entry.children else link)
    return items


def finish(data: bytes, lang: str, when: dt.datetime) -> bytes:
    """Add ``xml:lang`` to the package document and rewrite the zip with fixed timestamps."""
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        for name in ["mimetype", *(n for n in names if n != "mimetype")]:  # OCF: mimetype first, stored
            content = source.read(name)
            if name == OPF:
                content = _package_language(content, lang)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, content, compresslevel=9 if name != "mimetype" else None)
    return out.getvalue()


def _package_language(opf: bytes, lang: str) -> bytes:
    """``xml:lang`` on ``<package>`` (EPUB 3.3 §5.4.1): the language of the package's own text."""
    fixed, count = re.subn(rb"<package ", b'<package xml:lang="' + escape(lang).encode() + b'" ', opf, count=1)
    if count != 1:
        raise AssertionError("ebooklib wrote no <package> element")  # our bug, not the user's
    return fixed
