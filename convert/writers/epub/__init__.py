"""The EPUB 3 writer: EPUB Accessibility 1.1 (WCAG 2.2 AA), clean under EPUBCheck and DAISY Ace.

One content document (the HTML writer's fragments in XHTML: front matter, body, footnotes as
``aside epub:type="footnote"`` with back-links, ``pagebreak`` markers), a navigation document
derived from it (table of contents, landmarks, the print page list), the HTML writer's CSS, and
package metadata derived from the paper and from the content as written (:mod:`.a11y`).
ebooklib assembles the package (:mod:`.package`). Nothing here reads files, the clock or the
environment: ``dcterms:modified`` is the paper's date, or :data:`package.EPOCH` when it has none.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import ClassVar

from convert.model import Document, Meta
from convert.style import Style
from convert.text import full_title, paper_label, plain_text
from convert.writers.epub import a11y
from convert.writers.epub.content import (
    TEXT_FILE,
    content_document,
    nav_document,
    page_list,
    parse,
    table_of_contents,
)
from convert.writers.epub.package import Metadata, build, modified
from convert.writers.epub.words import words
from convert.writers.html import describe, stylesheet

OFFICIAL_URL = "https://zoek.officielebekendmakingen.nl/"


def book_uuid(doc: Document) -> uuid.UUID:
    """A stable UUID: from the official id's URL, or from the text when the paper has no id."""
    if doc.meta.identifier:
        return uuid.uuid5(uuid.NAMESPACE_URL, OFFICIAL_URL + doc.meta.identifier)
    digest = hashlib.sha256(plain_text(doc).encode("utf-8")).hexdigest()
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:sha256:{digest}")


def page_source(meta: Meta) -> str:
    """The print edition the page list follows, by name (the value of ``pageBreakSource``)."""
    name = ", ".join(p for p in (meta.identifier, paper_label(meta) or meta.title) if p)
    if meta.date:
        name += f", {meta.date.isoformat()}"
    return words(meta.lang)["official_edition"].format(name=name)


def dublin_core(doc: Document) -> list[tuple[str, str]]:
    meta = doc.meta
    terms = [("identifier", meta.identifier)] if meta.identifier else []
    creators = dict.fromkeys([*meta.questioners, *(s.name for s in doc.signatories)])
    terms += [("creator", name) for name in creators if name]
    terms += [("date", meta.date.isoformat())] if meta.date else []
    terms += [("publisher", meta.chamber)] if meta.chamber else []
    terms += [("subject", f"{d.number} {d.title}".strip()) for d in meta.dossiers]
    terms += [("type", meta.kind)] if meta.kind else []
    terms.append(("description", describe(meta)))
    return terms


class EpubWriter:
    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"
    media_type: ClassVar[str] = "application/epub+zip"

    def write(self, doc: Document, style: Style) -> bytes:
        meta = doc.meta
        text = content_document(doc)
        root = parse(text)
        toc = table_of_contents(root, TEXT_FILE)
        pages = page_list(root, TEXT_FILE)
        notes_href = f"{TEXT_FILE}#notes-title" if root.find(".//*[@id='notes-title']") is not None else ""
        nav = nav_document(doc, toc, pages, notes_href)
        parse(nav)
        source = page_source(meta) if pages else ""
        facts = a11y.facts(root, toc, pages)
        conforms = not a11y.problems(doc, root, pages, source)

        properties = [("schema:accessMode", mode) for mode in a11y.access_modes(facts)]
        properties += [("schema:accessModeSufficient", modes) for modes in a11y.access_modes_sufficient(facts)]
        properties += [("schema:accessibilityFeature", feature) for feature in a11y.features(facts)]
        properties += [("schema:accessibilityHazard", hazard) for hazard in a11y.hazards(facts)]
        name = paper_label(meta) or meta.title
        properties.append(("schema:accessibilitySummary", a11y.summary(doc, facts, source, conforms, name)))
        if source:
            properties.append(("pageBreakSource", source))
        if conforms:
            properties += [("dcterms:conformsTo", a11y.CONFORMANCE), ("a11y:certifiedBy", a11y.CERTIFIER)]
        metadata = Metadata(
            uid=f"urn:uuid:{book_uuid(doc)}",
            title=full_title(meta),
            lang=meta.lang,
            modified=modified(meta.date),
            dublin_core=tuple(dublin_core(doc)),
            properties=tuple(properties),
        )
        return build(metadata, stylesheet(style), text, nav, toc)
