"""The XHTML documents of the EPUB: the paper's content document and the navigation document.

The content document wraps the HTML writer's fragments (one renderer for the whole paper, so
notes, heading ids and page markers are numbered once). The navigation document is derived
from the content document as written, not from the model again: its table of contents lists
the headings that are there, and its page list the page-break markers that are there.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from convert.model import Document
from convert.text import full_title
from convert.writers.epub.words import words
from convert.writers.html.render import Renderer, escape

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
XML = "http://www.w3.org/XML/1998/namespace"
TEXT_FILE = "text.xhtml"
NAV_FILE = "nav.xhtml"
STYLE_FILE = "style.css"
HEADINGS = tuple(f"{{{XHTML}}}h{level}" for level in range(1, 7))


def _head(title: str) -> str:
    return (
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        f'<link rel="stylesheet" type="text/css" href="{STYLE_FILE}"/></head>'
    )


def _document(lang: str, title: str, body: str) -> str:
    lang = escape(lang)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML}" xmlns:epub="{OPS}" lang="{lang}" xml:lang="{lang}">\n'
        f"{_head(title)}\n{body}\n</html>\n"
    )


def content_document(doc: Document) -> str:
    """The whole paper as one XHTML content document: front matter, body, then the footnotes."""
    renderer = Renderer(lang=doc.meta.lang, xhtml=True, epub=True, images=False)
    front = renderer.front_matter(doc.meta)
    body = renderer.blocks(doc.body)
    notes = renderer.notes_section()
    return _document(
        doc.meta.lang,
        full_title(doc.meta),
        f'<body epub:type="bodymatter"><main id="main">\n{front}\n'
        f'<div class="paper-body">{body}</div>\n{notes}\n</main></body>',
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the table of contents: a heading, its target and the headings under it."""

    label: str
    href: str
    level: int
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    label: str
    href: str


def label_text(element: ET.Element) -> str:
    """The words of a heading as a list entry: note markers left out, whitespace collapsed."""
    parts: list[str] = []

    def visit(node: ET.Element) -> None:
        if node.get("role") != "doc-noteref":
            parts.append(node.text or "")
            for child in node:
                visit(child)
        if node is not element:
            parts.append(node.tail or "")

    visit(element)
    return " ".join("".join(parts).split())


def table_of_contents(root: ET.Element, href: str) -> tuple[Entry, ...]:
    """The headings of a content document, nested by level (a skipped level nests one deeper): the
    paper's title (h1) holds the body's headings, as in every other output (convert.outline)."""
    flat = [
        (int(el.tag[-1]), label_text(el), f"{href}#{el.get('id')}")
        for el in root.iter()
        if el.tag in HEADINGS and el.get("id") and label_text(el) and "generated" not in el.get("class", "").split()
    ]

    def build(start: int, parent_level: int) -> tuple[list[Entry], int]:
        entries: list[Entry] = []
        index = start
        while index < len(flat):
            level, label, target = flat[index]
            if level <= parent_level:
                break
            children, index = build(index + 1, level)
            entries.append(Entry(label, target, level, tuple(children)))
        return entries, index

    return tuple(build(0, 0)[0])


def page_list(root: ET.Element, href: str) -> tuple[Page, ...]:
    """The print page-break markers of a content document, in order."""
    return tuple(
        Page(el.get("title") or el.get("aria-label") or "", f"{href}#{el.get('id')}")
        for el in root.iter()
        if el.get(f"{{{OPS}}}type") == "pagebreak" and el.get("id")
    )


def nav_document(doc: Document, toc: tuple[Entry, ...], pages: tuple[Page, ...], notes_href: str) -> str:
    """The EPUB navigation document: table of contents, landmarks, and the print page list."""
    say = words(doc.meta.lang)

    def entries(items: tuple[Entry, ...]) -> str:
        rendered = (
            f'<li><a href="{escape(e.href)}">{escape(e.label)}</a>{entries(e.children) if e.children else ""}</li>'
            for e in items
        )
        return "<ol>" + "".join(rendered) + "</ol>"

    landmarks = [("toc", f"{NAV_FILE}#toc", say["toc"]), ("bodymatter", TEXT_FILE, say["body"])]
    if notes_href:
        landmarks.append(("footnotes", notes_href, say["notes"]))
    parts = [
        f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
        f'<h1 id="toc-title">{escape(say["toc"])}</h1>{entries(toc)}</nav>',
        '<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">'
        f'<h2 id="landmarks-title">{escape(say["landmarks"])}</h2><ol>'
        + "".join(
            f'<li><a epub:type="{kind}" href="{escape(href)}">{escape(label)}</a></li>'
            for kind, href, label in landmarks
        )
        + "</ol></nav>",
    ]
    if pages:
        parts.append(
            '<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-labelledby="page-list-title"'
            f' hidden="hidden"><h2 id="page-list-title">{escape(say["page_list"])}</h2><ol>'
            + "".join(f'<li><a href="{escape(p.href)}">{escape(p.label)}</a></li>' for p in pages)
            + "</ol></nav>"
        )
    body = "<body>" + "\n".join(parts) + "</body>"
    return _document(doc.meta.lang, say["toc"], body)


def parse(xhtml: str) -> ET.Element:
    """Parse a document we wrote; a failure here is our bug (the renderer wrote bad XML)."""
    return ET.fromstring(xhtml.encode("utf-8"))
