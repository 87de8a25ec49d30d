"""Accessibility metadata, derived from the content as written and never asserted by default.

Every schema.org value below is computed from the parsed content document and navigation
(EPUB Accessibility 1.1 §2; the Schema.org Accessibility Properties vocabulary). The
conformance claim ``dcterms:conformsTo`` is made only when :func:`problems` finds nothing:
the checks a converter can make on its own output (text, language, alternatives, headings,
table headers, link names, page list). EPUBCheck and DAISY Ace confirm it in the test suite.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from convert.model import Document
from convert.text import plain_text
from convert.writers.epub.content import HEADINGS, OPS, XHTML, XML, Entry, Page, label_text
from convert.writers.epub.words import words

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CERTIFIER = "pubconvert (automated checks)"
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8}|-[0-9][A-Za-z0-9]{3})*$")
STATIC_IMAGES = (".png", ".jpg", ".jpeg", ".svg", ".webp")
TEXT_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "th", "td")


def _x(name: str) -> str:
    return f"{{{XHTML}}}{name}"


@dataclass(frozen=True, slots=True)
class Facts:
    """What the written content holds, as far as accessibility metadata is concerned."""

    images: int
    images_described: int  # with a non-empty alt
    images_static: bool  # every image in a format that cannot animate
    body_headings: int  # headings below the paper's title
    notes: int
    page_breaks: int
    page_list: int
    toc_entries: int
    aria_roles: bool


def facts(root: ET.Element, toc: tuple[Entry, ...], pages: tuple[Page, ...]) -> Facts:
    images = list(root.iter(_x("img")))
    return Facts(
        images=len(images),
        images_described=sum(1 for img in images if (img.get("alt") or "").strip()),
        images_static=all((img.get("src") or "").lower().endswith(STATIC_IMAGES) for img in images),
        body_headings=sum(1 for el in root.iter() if el.tag in HEADINGS and el.tag != _x("h1")),
        notes=sum(1 for el in root.iter() if el.get("role") == "doc-footnote"),
        page_breaks=sum(1 for el in root.iter() if el.get(f"{{{OPS}}}type") == "pagebreak"),
        page_list=len(pages),
        toc_entries=len(toc),
        aria_roles=any(el.get("role") for el in root.iter()),
    )


def access_modes(f: Facts) -> list[str]:
    return ["textual", "visual"] if f.images else ["textual"]


def access_modes_sufficient(f: Facts) -> list[str]:
    """Text alone suffices unless an image lacks a text alternative."""
    if not f.images:
        return ["textual"]
    return (["textual"] if f.images_described == f.images else []) + ["textual,visual"]


def features(f: Facts) -> list[str]:
    """Only what is true of this book."""
    found = ["readingOrder"]  # one linear spine; notes are marked up as notes at the end
    if f.toc_entries:
        found.append("tableOfContents")
    if f.body_headings:
        found.append("structuralNavigation")
    if f.page_breaks:
        found.append("pageBreakMarkers")
    if f.page_list:
        found.append("pageNavigation")
    if f.images and f.images_described == f.images:
        found.append("alternativeText")
    if f.aria_roles:
        found.append("ARIA")
    return sorted(found)


def hazards(f: Facts) -> list[str]:
    """Text, with no media or scripts: no hazard; an image that could animate is not known."""
    if f.images and not f.images_static:
        return ["noMotionSimulationHazard", "noSoundHazard", "unknownFlashingHazard"]
    return ["none"]


def reading_text(root: ET.Element) -> str:
    """The paper's text in a content document, as the "same text" check compares it.

    Elements of class ``generated`` (the notes heading, back-link arrows) are the book's own
    navigation words; a line break is a new line; an image reads as its alternative.
    """
    lines: list[str] = []

    def text_of(node: ET.Element, top: bool) -> str:
        if "generated" in (node.get("class") or "").split():
            return "" if top else (node.tail or "")
        if node.tag == _x("br"):
            inner = "\n"
        elif node.tag == _x("img"):
            inner = node.get("alt") or ""
        else:
            inner = (node.text or "") + "".join(text_of(child, False) for child in node)
        return inner if top else inner + (node.tail or "")

    blocks = {_x(name) for name in TEXT_BLOCKS}
    for element in (el for el in root.iter() if el.tag in blocks):
        if "generated" in (element.get("class") or "").split():
            continue
        if any(d.tag in {_x("p"), _x("th"), _x("td")} for d in element.iter() if d is not element):
            continue  # a container: its blocks count themselves
        lines.append(text_of(element, True))
    return normalise("\n".join(lines))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def problems(doc: Document, root: ET.Element, pages: tuple[Page, ...], source: str) -> list[str]:
    """What stands in the way of a conformance claim for this book; empty when nothing does."""
    found: list[str] = []
    lang = doc.meta.lang
    if not BCP47.match(lang) or root.get("lang") != lang or root.get(f"{{{XML}}}lang") != lang:
        found.append(f"document language {lang!r} is missing, malformed or inconsistent")  # WCAG 3.1.1
    for element in root.iter():
        if element.get("lang") is not None and (
            not BCP47.match(element.get("lang") or "") or element.get("lang") != element.get(f"{{{XML}}}lang")
        ):
            found.append(f"language of parts {element.get('lang')!r} is malformed or inconsistent")  # WCAG 3.1.2
    title = root.find(f"{_x('head')}/{_x('title')}")
    if title is None or not (title.text or "").strip():
        found.append("the content document has no title")  # WCAG 2.4.2
    for img in root.iter(_x("img")):
        if not (img.get("alt") or "").strip():
            found.append(f"image {img.get('src')!r} has no text alternative")  # WCAG 1.1.1
    for table in root.iter(_x("table")):
        if table.find(f".//{_x('th')}") is None:
            found.append("a table has no header cells")  # WCAG 1.3.1
    headings = [el for el in root.iter() if el.tag in HEADINGS]
    levels = [int(el.tag[-1]) for el in headings]
    if levels[:1] != [1] or any(b > a + 1 for a, b in itertools.pairwise(levels)):
        found.append(f"heading levels skip: {levels}")  # WCAG 1.3.1, EPUB A11y techniques
    for heading in headings:
        if not label_text(heading):
            found.append("an empty heading")  # WCAG 2.4.6
    for link in root.iter(_x("a")):
        if not ("".join(link.itertext()).strip() or (link.get("aria-label") or "").strip()):
            found.append(f"link to {link.get('href')!r} has no name")  # WCAG 2.4.4
    duplicates = [i for i, n in Counter(el.get("id") for el in root.iter() if el.get("id")).items() if n > 1]
    if duplicates:
        found.append(f"duplicate ids {duplicates}")  # WCAG 4.1.1 (obsolete in 2.2, still breaks links)
    if any(not page.label for page in pages):
        found.append("a page-break marker has no label")
    if pages and not source:
        found.append("a page list without its source edition")  # EPUB A11y 1.1 §4.1.2 (page source)
    if reading_text(root) != normalise(plain_text(doc)):
        found.append("the content documents do not read as the model's text")
    return found


def summary(doc: Document, f: Facts, source: str, conforms: bool, name: str) -> str:
    """A short accessibility summary in the paper's language, built from the same facts."""
    say = words(doc.meta.lang)
    items = [say["summary_toc"]]
    items += [say["summary_headings"]] if f.body_headings else []
    items += [say["summary_notes"]] if f.notes else []
    items += [say["summary_pages"].format(source=source)] if f.page_list else []
    items += [say["summary_alt"]] if f.images and f.images_described == f.images else []
    listed = ", ".join(items[:-1]) + f" {say['summary_and']} " + items[-1] if len(items) > 1 else items[0]
    sentences = [
        say["summary_intro"].format(name=name),
        say["summary_has"].format(items=listed),
        say["summary_order"] if f.notes else say["summary_order_plain"],
        say["summary_hazards_unknown"] if hazards(f) != ["none"] else say["summary_hazards"],
        say["summary_conforms"] if conforms else say["summary_not_conforms"],
    ]
    return " ".join(sentences)
