"""Each output's outline, read back from the file itself, as a reader's tools would show it.

HTML: its h1-h6; EPUB: the navigation document's table of contents and the content documents'
headings; PDF: the structure tree's H1-H6 (their text from the content streams) and the
bookmarks; DOCX: the paragraphs whose style (or own properties) give an outline level, as Word's
navigation pane lists them. Headings the writer adds itself (class ``generated``: "Voetnoten") are
the page's own, not the paper's, and are left out; so are note markers inside a heading.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pikepdf
from bs4 import BeautifulSoup, Tag
from lxml import etree

from convert.outline import HeadingLevels, OutlineEntry
from convert.text import QUOTE_MARKS

Outline = list[tuple[int, str]]
_HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPS_TYPE = "{http://www.idpf.org/2007/ops}type"


def squash(text: str) -> str:
    return " ".join(text.split())


def expected(entries: tuple[OutlineEntry, ...]) -> Outline:
    return [(entry.level, entry.text) for entry in entries]


# ---------------------------------------------------------------- HTML and EPUB


def html_headings(markup: str | bytes, parser: str = "html.parser") -> Outline:
    soup = BeautifulSoup(markup, parser)
    found: Outline = []
    for heading in soup.find_all(_HEADING_TAGS):
        assert isinstance(heading, Tag)
        if "generated" in (heading.get("class") or []) or heading.find_parent("nav"):
            continue
        for marker in heading.select('[role="doc-noteref"]'):
            marker.decompose()
        found.append((int(heading.name[1]), squash(heading.get_text())))
    return found


def epub_outlines(data: bytes) -> tuple[Outline, Outline]:
    """The table of contents of the navigation document, and the headings of the spine's documents."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        container = etree.fromstring(book.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        folder = opf_path.rpartition("/")[0]
        opf = etree.fromstring(book.read(opf_path))
        items = {item.get("id"): item for item in opf.iter(f"{OPF}item")}
        nav_item = next(item for item in items.values() if "nav" in (item.get("properties") or "").split())
        nav = etree.fromstring(book.read(_joined(folder, nav_item.get("href"))))
        toc_nav = next(n for n in nav.iter(f"{XHTML}nav") if n.get(OPS_TYPE) == "toc")
        toc = list(_nav_entries(toc_nav.find(f"{XHTML}ol"), 1))
        headings: Outline = []
        for ref in opf.iter(f"{OPF}itemref"):
            item = items[ref.get("idref")]
            if item is nav_item:
                continue
            headings += html_headings(book.read(_joined(folder, item.get("href"))), "xml")
    return toc, headings


def _joined(folder: str, href: str) -> str:
    return f"{folder}/{href}" if folder else href


def _nav_entries(ol: Any, level: int) -> Iterator[tuple[int, str]]:
    for li in ol.findall(f"{XHTML}li"):
        label = li.find(f"{XHTML}a")
        if label is None:
            label = li.find(f"{XHTML}span")
        yield level, squash("".join(label.itertext()))
        inner = li.find(f"{XHTML}ol")
        if inner is not None:
            yield from _nav_entries(inner, level + 1)


# ---------------------------------------------------------------- PDF


def pdf_outlines(data: bytes) -> tuple[Outline, Outline]:
    """The structure tree's headings and the bookmarks."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        texts = _marked_texts(pdf)
        headings: Outline = []
        for element in _struct_elements(pdf.Root.StructTreeRoot):
            role = str(element.S)
            if re.fullmatch(r"/H[1-6]", role):
                headings.append((int(role[2]), squash(_element_text(element, texts))))
        bookmarks: Outline = []
        with pdf.open_outline() as outline:
            bookmarks = list(_bookmarks(outline.root, 1))
    return headings, bookmarks


def _bookmarks(items: list[Any], level: int) -> Iterator[tuple[int, str]]:
    for item in items:
        yield level, squash(item.title)
        yield from _bookmarks(item.children, level + 1)


def _struct_elements(node: Any) -> Iterator[Any]:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from _struct_elements(kid)


def _element_text(element: Any, texts: dict[tuple[tuple[int, int], int], str]) -> str:
    """An element's text in its own order; a note reference (a Link to a note) is left out."""
    parts: list[str] = []
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            parts.append(texts.get((kid.Pg.objgen, int(kid.MCID)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            if str(kid.S) == "/Link" and _is_note_link(kid):
                continue
            parts.append(_element_text(kid, texts))
    return "".join(parts)


def _is_note_link(link: Any) -> bool:
    for kid in link.K if isinstance(link.K, pikepdf.Array) else [link.K]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            action = kid.Obj.get("/A")
            if action is not None and action.get("/S") == "/GoTo":
                return True
            if kid.Obj.get("/Dest") is not None:
                return True
    return False


def _marked_texts(pdf: pikepdf.Pdf) -> dict[tuple[tuple[int, int], int], str]:
    """The text of every marked-content sequence with an MCID, by (page, MCID), decoded through
    each font's ToUnicode map."""
    texts: dict[tuple[tuple[int, int], int], str] = {}
    maps: dict[tuple[int, int], dict[int, str]] = {}
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        font_map: dict[int, str] = {}
        mcid: int | None = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "Tf":
                font = fonts[operands[0]]
                key = font.objgen
                if key not in maps:
                    maps[key] = _to_unicode(font)
                font_map = maps[key]
            elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
            elif op == "EMC":
                mcid = None
            elif op == "Tj" and mcid is not None:
                key2 = (page.objgen, mcid)
                texts[key2] = texts.get(key2, "") + "".join(font_map.get(b, "") for b in bytes(operands[0]))
    return texts


def _to_unicode(font: Any) -> dict[int, str]:
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    text = cmap.read_bytes().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


# ---------------------------------------------------------------- DOCX


def docx_outline(data: bytes) -> Outline:
    """Paragraphs with an outline level (their own, else their style's, through ``w:basedOn``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        document = etree.fromstring(package.read("word/document.xml"))
    style_levels = _style_levels(styles)
    found: Outline = []
    for paragraph in document.iter(f"{W}p"):
        ppr = paragraph.find(f"{W}pPr")
        level: int | None = None
        style_id = None
        if ppr is not None:
            own = ppr.find(f"{W}outlineLvl")
            if own is not None:
                level = int(own.get(f"{W}val"))
            style = ppr.find(f"{W}pStyle")
            style_id = style.get(f"{W}val") if style is not None else None
        if level is None:
            level = style_levels.get(style_id or _default_paragraph_style(styles))
        if level is None or level >= 9:  # 9: body text
            continue
        runs = [run for run in paragraph.iter(f"{W}r") if not _is_note_mark(run)]
        text = "".join(t.text or "" for run in runs for t in run.iter(f"{W}t"))
        found.append((level + 1, squash(text)))
    return found


def _is_note_mark(run: Any) -> bool:
    style = run.find(f"{W}rPr/{W}rStyle")
    return (
        run.find(f"{W}footnoteReference") is not None
        or run.find(f"{W}footnoteRef") is not None
        or (style is not None and style.get(f"{W}val") == "FootnoteReference")
    )


def _default_paragraph_style(styles: Any) -> str:
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") == "1":
            return str(style.get(f"{W}styleId"))
    return "Normal"


def _style_levels(styles: Any) -> dict[str, int]:
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style") if s.get(f"{W}type") == "paragraph"}

    def level(style_id: str, seen: frozenset[str] = frozenset()) -> int | None:
        style = by_id.get(style_id)
        if style is None or style_id in seen:
            return None
        own = style.find(f"{W}pPr/{W}outlineLvl")
        if own is not None:
            return int(own.get(f"{W}val"))
        based = style.find(f"{W}basedOn")
        return level(based.get(f"{W}val"), seen | {style_id}) if based is not None else None

    levels = {style_id: level(style_id) for style_id in by_id}
    return {style_id: value for style_id, value in levels.items() if value is not None}


# ---------------------------------------------------------------- JSON


def json_outline(data: bytes) -> Outline:
    """The title and headings of the JSON model, at the levels the outline gives them."""
    model = json.loads(data)
    levels = HeadingLevels()
    found: Outline = [(1, squash(model["meta"]["title"]))]
    for heading in _json_headings(model["body"]):
        found.append((levels.level(heading["level"]), squash(_json_text(heading["children"]))))
    return found


def _json_headings(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        kind = block["type"]
        if kind == "Heading":
            yield block
        elif kind == "Section":
            yield block["heading"]
            yield from _json_headings(block["blocks"])
        elif kind == "BlockQuote":
            yield from _json_headings(block["blocks"])
        elif kind == "List":
            for item in block["items"]:
                yield from _json_headings(item["blocks"])


def _json_text(inlines: list[dict[str, Any]]) -> str:
    parts = []
    for inline in inlines:
        kind = inline["type"]
        if kind == "Text":
            parts.append(inline["text"])
        elif kind == "Quoted":
            opening, closing = QUOTE_MARKS[inline["kind"]]
            parts.append(opening + _json_text(inline["children"]) + closing)
        elif kind == "LineBreak":
            parts.append(" ")
        elif "children" in inline:
            parts.append(_json_text(inline["children"]))
    return "".join(parts)
