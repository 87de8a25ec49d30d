"""A short accessibility summary per output, from checks that really run on the output's bytes.

Each check opens the file just written and looks for one thing: structure tags, the document
language, the heading outline, alternative texts, and headings in the model's reading order. A
check that was not run is not listed, so the page claims nothing beyond these. They are quick
look-ups (milliseconds), not the validators of the test suite (PDF/UA-1, EPUBCheck, Ace, axe).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pikepdf
from lxml import etree, html  # type: ignore[import-untyped]  # no stubs installed

from convert.model import Document, Heading
from convert.text import inline_text
from convert.walk import iter_blocks

Check = dict[str, Any]  # {"name": "language", "passed": True, "found": "nl"}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EPUB_A11Y = ("schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
              "schema:accessibilitySummary")  # fmt: skip
_HEADING_STYLE = re.compile(r"Heading([1-6])")
_SPACE = re.compile(r"\s+")


def accessibility_checks(document: Document, outputs: Mapping[str, bytes]) -> dict[str, list[Check]]:
    """The checks of each output format that has some (JSON and the tree are data, not reading formats)."""
    headings = [_normal(inline_text(b.children)) for b in iter_blocks(document.body) if isinstance(b, Heading)]
    checkers: dict[str, Callable[[bytes, str, list[str]], list[Check]]] = {
        "pdf": pdf_checks, "html": html_checks, "docx": docx_checks, "epub": epub_checks,
    }  # fmt: skip
    return {
        name: checkers[name](data, document.meta.lang, headings) for name, data in outputs.items() if name in checkers
    }


def pdf_checks(data: bytes, lang: str, headings: list[str]) -> list[Check]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        marked = mark_info is not None and bool(mark_info.get("/Marked", False))
        roles = list(_struct_roles(root.get("/StructTreeRoot")))
        levels = [int(role[2]) for role, _ in roles if re.fullmatch(r"/H[1-6]", role)]
        figures = [alt for role, alt in roles if role == "/Figure"]
        with pdf.open_outline() as tree:
            bookmarks = [_normal(item.title) for item in _flatten(tree.root)]
        pdf_lang = str(root.get("/Lang", ""))
    return [
        _check("tags", marked and bool(roles), _count(len(roles), "structure element") if marked else "not marked"),
        _check("language", pdf_lang == lang, pdf_lang or "none"),
        _outline_check(levels, headings),
        _alt_check(len(figures), sum(1 for alt in figures if alt)),
        _order_check(bookmarks, headings, "bookmarks"),
    ]


def html_checks(data: bytes, lang: str, headings: list[str]) -> list[Check]:
    page = html.fromstring(data)
    found = [(int(h.tag[1]), _normal(h.text_content())) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    images = list(page.iter("img"))
    landmarks = [tag for tag in ("header", "main", "footer") if next(page.iter(tag), None) is not None]
    return [
        _check("tags", "main" in landmarks, ", ".join(landmarks) or "no landmarks"),
        _check("language", page.get("lang") == lang, page.get("lang") or "none"),
        _outline_check([level for level, _ in found], headings, single_top=True),
        _alt_check(len(images), sum(1 for image in images if image.get("alt") is not None)),
        _order_check([text for _, text in found], headings, "headings"),
    ]


def docx_checks(data: bytes, lang: str, headings: list[str]) -> list[Check]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    default_lang = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
    doc_lang = default_lang.get(f"{_W}val", "") if default_lang is not None else ""
    found: list[tuple[int, str]] = []
    for paragraph in body.iter(f"{_W}p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        match = _HEADING_STYLE.fullmatch(style.get(f"{_W}val", "")) if style is not None else None
        if match:
            found.append((int(match.group(1)), _normal("".join(paragraph.itertext()))))
    pictures = list(body.iter(_WP_DOCPR))
    return [
        _check("language", doc_lang.split("-")[0] == lang.split("-")[0], doc_lang or "none"),
        _outline_check([level for level, _ in found], headings),
        _alt_check(len(pictures), sum(1 for p in pictures if p.get("descr"))),
        _order_check([text for _, text in found], headings, "heading styles"),
    ]


def epub_checks(data: bytes, lang: str, headings: list[str]) -> list[Check]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        container = etree.fromstring(book.read("META-INF/container.xml"))
        opf_path = next(e.get("full-path") for e in container.iter() if e.get("full-path"))
        opf = etree.fromstring(book.read(opf_path))
        folder = opf_path.rpartition("/")[0]
        items = {i.get("id"): i for i in opf.iter(f"{_OPF}item")}
        spine = [items[r.get("idref")] for r in opf.iter(f"{_OPF}itemref") if r.get("linear") != "no"]
        documents = [
            etree.fromstring(book.read(f"{folder}/{i.get('href')}" if folder else i.get("href"))) for i in spine
        ]
    language = opf.findtext(f".//{_DC_LANGUAGE}") or ""
    declared = {m.get("property") for m in opf.iter(f"{_OPF}meta") if m.get("property")}
    missing = [name for name in _EPUB_A11Y if name not in declared]
    found = [
        (int(e.tag[-1]), _normal("".join(e.itertext())))
        for d in documents for e in d.iter(*(f"{_XHTML}h{n}" for n in range(1, 7)))
    ]  # fmt: skip
    images = [e for d in documents for e in d.iter(f"{_XHTML}img")]
    return [
        _check("metadata", not missing, "missing " + ", ".join(missing) if missing else ", ".join(_EPUB_A11Y)),
        _check("language", language == lang and opf.get(_XML_LANG) == lang, language or "none"),
        _outline_check([level for level, _ in found], headings),
        _alt_check(len(images), sum(1 for image in images if image.get("alt") is not None)),
        _order_check([text for _, text in found], headings, "headings"),
    ]


def _check(name: str, passed: bool, found: str) -> Check:
    return {"name": name, "passed": passed, "found": found}


def _outline_check(levels: list[int], headings: list[str], single_top: bool = False) -> Check:
    """Headings present for every model heading, no level skipped on the way down (and one h1 for a page)."""
    skipped = any(later > earlier + 1 for earlier, later in zip([0, *levels], levels, strict=False))
    passed = len(levels) >= len(headings) and not skipped and (not single_top or levels.count(1) == 1)
    return _check("outline", passed, _count(len(levels), "heading") + (", a level skipped" if skipped else ""))


def _alt_check(count: int, described: int) -> Check:
    return _check("alternative_text", described == count, f"{described} of {_count(count, 'image')} described")


def _order_check(found: list[str], headings: list[str], where: str) -> Check:
    """The model's headings appear among the output's ``where``, in the model's order."""
    remaining = iter(found)
    in_order = all(any(text == heading for text in remaining) for heading in headings)
    return _check("reading_order", in_order, f"{_count(len(headings), 'heading')} in the order of the {where}")


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def _struct_roles(node: Any) -> Iterable[tuple[str, str]]:
    """(role, alternative text) of every structure element below a StructTreeRoot, depth first."""
    if node is None:
        return
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield str(kid.S), str(kid.get("/Alt", ""))
            yield from _struct_roles(kid)


def _flatten(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _flatten(item.children)


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
