"""The OOXML that python-docx has no API for, in one place (python-docx's own ``oxml`` layer, extended).

Footnotes, alternative text, table header rows and captions, languages, list numbering definitions,
hyperlinks, bookmarks and the settings that go with them. Element order follows the schema
(ECMA-376 Part 1, §17), because Word refuses a file whose children are out of order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.simpletypes import ST_Merge
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.parts.story import StoryPart
from docx.shared import Length
from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

# XML 1.0 §2.2: characters a document may not hold at all (C0 controls but tab and newline, and
# non-characters). Carriage return becomes a line break, as it does in Word.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (a control character in the source is noise)."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _el(tag: str, **attributes: str) -> BaseOxmlElement:
    element: BaseOxmlElement = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}") if ":" not in name else qn(name), value)
    return element


def _insert_before(parent: BaseOxmlElement, child: BaseOxmlElement, successors: Sequence[str]) -> None:
    """Insert ``child`` before the first of ``successors`` present in ``parent``, else append it."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


# ---------------------------------------------------------------- paragraphs and runs

_LINE_CONTROLS = re.compile("([\t\n])")

# Qualified names computed once: paragraphs and runs are built with lxml directly, not through
# python-docx's ``OxmlElement`` and ``_add_child`` (a tag parse and a search of sibling tags per element).
_P, _PPR, _PSTYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_R, _RPR, _RSTYLE, _B, _I, _LANG = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:b"), qn("w:i"), qn("w:lang")
_T, _TAB, _BR, _XML_SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
_SECT_PR = qn("w:sectPr")
_SUB = etree.SubElement


def add_paragraph(story: Any, style_id: str) -> BaseOxmlElement:
    """An empty ``w:p`` in a paragraph style at the end of ``story``, before the body's final ``w:sectPr``.

    Built in place (``SubElement``): a loose element would be a document of its own, moved on insertion.
    ``w:sectPr`` can only be the body's last child (§17.2.2), so only the last child is looked at.
    """
    paragraph: BaseOxmlElement = _SUB(story, _P)
    _SUB(_SUB(paragraph, _PPR), _PSTYLE, {_VAL: style_id})
    previous = paragraph.getprevious()  # the story's last child before this one (``len`` counts them all)
    if previous is not None and previous.tag == _SECT_PR:
        previous.addprevious(paragraph)
    return paragraph


def add_run(
    parent: Any, text: str, *, style_id: str = "", bold: bool = False, italic: bool = False, lang: str = ""
) -> BaseOxmlElement:
    """A ``w:r`` at the end of ``parent`` (a paragraph or hyperlink already in its story), as python-docx
    writes it: ``w:rPr`` with its children in schema order (§17.3.2.28), then the text (see :func:`set_text`)."""
    run: BaseOxmlElement = _SUB(parent, _R)
    if style_id or bold or italic or lang:
        properties = _SUB(run, _RPR)
        if style_id:
            _SUB(properties, _RSTYLE, {_VAL: style_id})
        if bold:
            _SUB(properties, _B)
        if italic:
            _SUB(properties, _I)
        if lang:
            _SUB(properties, _LANG, {_VAL: lang})
    if text:
        set_text(run, text)
    return run


def add_break(run: Any) -> None:
    """A line break (``w:br``) at the end of ``run``."""
    _SUB(run, _BR)


def set_text(run: Any, text: str) -> None:
    """Text at the end of a ``w:r``, as python-docx's ``run.text`` writes it (tab -> ``w:tab``,
    newline -> ``w:br``, ``xml:space="preserve"`` around outer spaces), one piece at a time."""
    if "\t" not in text and "\n" not in text:
        pieces: Iterable[str] = (text,)
    else:
        pieces = _LINE_CONTROLS.split(text)
    for piece in pieces:
        if piece == "\t":
            _SUB(run, _TAB)
        elif piece == "\n":
            _SUB(run, _BR)
        elif piece:
            t = _SUB(run, _T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")


# ---------------------------------------------------------------- run and paragraph properties

# CT_RPr children after w:lang (ECMA-376 §17.3.2.28): a new w:lang goes before these.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_run_language(run: BaseOxmlElement, lang: str) -> None:
    """``w:lang`` on one run: a screen reader switches voice, a spell checker switches dictionary."""
    rpr = run.get_or_add_rPr()
    existing = rpr.find(qn("w:lang"))
    if existing is None:
        existing = _el("w:lang")
        _insert_before(rpr, existing, _AFTER_LANG)
    existing.set(qn("w:val"), lang)


def set_fonts(rpr: BaseOxmlElement, family: str) -> None:
    """Name one font family for every script; theme fonts would otherwise take precedence."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        style = rpr.find(qn("w:rStyle"))
        if style is not None:
            style.addnext(fonts)
        else:
            rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), family)


def drop_theme_colour(rpr: BaseOxmlElement) -> None:
    """A theme colour overrides the RGB value; the style tokens decide colours, so drop it."""
    colour = rpr.find(qn("w:color"))
    if colour is not None:
        for attribute in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(qn(f"w:{attribute}"), None)


def remove_children(parent: BaseOxmlElement, *tags: str) -> None:
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


_AFTER_OUTLINE_LEVEL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # CT_PPrBase order


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """Outline level ``level`` (1-based; ``w:outlineLvl`` counts from 0) on paragraph properties."""
    remove_children(ppr, "w:outlineLvl")
    _insert_before(ppr, _el("w:outlineLvl", val=str(level - 1)), _AFTER_OUTLINE_LEVEL)


def set_document_language(styles: BaseOxmlElement, lang: str) -> None:
    """The document default ``w:lang`` (``w:docDefaults``), which every style and run inherits."""
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert rpr is not None, "python-docx's template has document defaults"
    lang_element = rpr.find(qn("w:lang"))
    if lang_element is None:
        lang_element = _el("w:lang")
        _insert_before(rpr, lang_element, _AFTER_LANG)
    lang_element.attrib.clear()
    lang_element.set(qn("w:val"), lang)


def add_style(
    styles: BaseOxmlElement, kind: str, style_id: str, name: str, based_on: str | None = None
) -> BaseOxmlElement:
    """A style element with a chosen id (python-docx derives ids from names, Word's own ids differ)."""
    existing: BaseOxmlElement | None = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    if existing is not None:
        return existing
    style = _el("w:style", type=kind, styleId=style_id)
    style.append(_el("w:name", val=name))
    if based_on:
        style.append(_el("w:basedOn", val=based_on))
    style.append(_el("w:qFormat"))
    styles.append(style)
    return style


# ---------------------------------------------------------------- core properties


def set_core_text(core: BaseOxmlElement, name: str, text: str) -> None:
    """The text of core property ``name`` (``title``, ``creator``...) at any length.

    python-docx's setters refuse more than 255 characters, a limit the core properties schema
    (ECMA-376 Part 2) does not set; a paper's title, or the first line the reader made its title,
    can be longer.
    """
    getattr(core, f"get_or_add_{name}")().text = text


# ---------------------------------------------------------------- settings


def tune_settings(settings: BaseOxmlElement, lang: str, hyphenate: bool) -> None:
    """Language, hyphenation and footnote separators in ``settings.xml``; no template leftovers.

    The template's ``savePreviewPicture`` would make Word store a thumbnail and ``proofState``
    claims a spelling check that never happened; both go.
    """
    remove_children(settings, "w:savePreviewPicture", "w:proofState", "w:rsids", "w:autoHyphenation")
    if hyphenate:
        tab_stop = settings.find(qn("w:defaultTabStop"))
        hyphenation = _el("w:autoHyphenation")
        if tab_stop is not None:
            tab_stop.addnext(hyphenation)
        else:
            settings.insert(0, hyphenation)
    compat = settings.find(qn("w:compat"))
    if compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, _el("w:doNotExpandShiftReturn"))  # a line break does not stretch a justified line
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.attrib.clear()
        theme_lang.set(qn("w:val"), lang)


def declare_footnote_separators(settings: BaseOxmlElement) -> None:
    """Word lists the separator footnotes (ids -1 and 0) in ``w:footnotePr`` of the settings."""
    remove_children(settings, "w:footnotePr")
    properties = _el("w:footnotePr")
    for footnote_id in ("-1", "0"):
        properties.append(_el("w:footnote", id=footnote_id))
    _insert_before(
        settings,
        properties,
        ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
         "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
         "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
         "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator"),
    )  # fmt: skip


# ---------------------------------------------------------------- footnotes

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r', 'wp', 'a', 'pic')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


class FootnotesPart(StoryPart):
    """``word/footnotes.xml``: a story part, so footnote text can hold links and pictures too."""


def add_footnotes_part(document_part: DocumentPart) -> FootnotesPart:
    """Create ``footnotes.xml`` with Word's two separator notes and relate it to the document."""
    element = parse_xml(_FOOTNOTES_XML)
    part = FootnotesPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def new_footnote(footnotes: BaseOxmlElement, footnote_id: int) -> BaseOxmlElement:
    note = _el("w:footnote", id=str(footnote_id))
    footnotes.append(note)
    return note


def footnote_reference(run: BaseOxmlElement, footnote_id: int, style_id: str, custom_mark: str | None) -> None:
    """Turn ``run`` into a reference to footnote ``footnote_id`` (§17.11.14); a custom mark is kept as text."""
    run.style = style_id
    reference = _el("w:footnoteReference", id=str(footnote_id))
    if custom_mark is not None:
        reference.set(qn("w:customMarkFollows"), "1")
    run.append(reference)
    if custom_mark is not None:
        text = _el("w:t")
        text.text = custom_mark
        run.append(text)


def footnote_mark(run: BaseOxmlElement, style_id: str, custom_mark: str | None) -> None:
    """The note's own number at the start of its text (``w:footnoteRef``), or its custom mark."""
    run.style = style_id
    if custom_mark is None:
        run.append(_el("w:footnoteRef"))
    else:
        text = _el("w:t")
        text.text = custom_mark
        run.append(text)


# ---------------------------------------------------------------- links and bookmarks


class ExternalTargets:
    """The ``rId`` of each part's external hyperlink relationships, found by target in constant time.

    python-docx's ``relate_to`` compares the target with every relationship of the part and then
    counts up from ``rId1`` for a free id: quadratic in the number of links.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[int, str], str] = {}
        self._next: dict[int, int] = {}
        self._parts: list[Part] = []  # keeps every part keyed by id() alive while its ids are in use

    def relate(self, part: Part, target: str) -> str:
        key = id(part)
        if key not in self._next:
            self._parts.append(part)
            self._next[key] = 1
            for relationship in part.rels.values():
                if relationship.is_external and relationship.reltype == RT.HYPERLINK:
                    self._ids.setdefault((key, relationship.target_ref), relationship.rId)
        found = self._ids.get((key, target))
        if found is not None:
            return found
        rels = part.rels
        number = self._next[key]
        while f"rId{number}" in rels:
            number += 1
        self._next[key] = number + 1
        rels.add_relationship(RT.HYPERLINK, target, f"rId{number}", is_external=True)
        self._ids[(key, target)] = f"rId{number}"
        return f"rId{number}"


def hyperlink(
    paragraph: BaseOxmlElement, *, relationship_id: str | None = None, anchor: str | None = None
) -> BaseOxmlElement:
    """An empty ``w:hyperlink`` at the end of ``paragraph``; the caller moves the link's runs into it."""
    link = _el("w:hyperlink")
    if relationship_id is not None:
        link.set(qn("r:id"), relationship_id)
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    paragraph.append(link)
    return link


_BOOKMARK_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(prefix: str, label: str) -> str:
    """A valid bookmark name (a letter first, letters, digits and ``_``, at most 40 characters)."""
    return (prefix + _BOOKMARK_UNSAFE.sub("_", label))[:40]


def bookmark(paragraph: BaseOxmlElement, bookmark_id: int, name: str) -> None:
    """A collapsed bookmark at the current end of ``paragraph``: a place to link to, nothing visible."""
    paragraph.append(_el("w:bookmarkStart", id=str(bookmark_id), name=name))
    paragraph.append(_el("w:bookmarkEnd", id=str(bookmark_id)))


# ---------------------------------------------------------------- tables


def mark_header_row(row: BaseOxmlElement) -> None:
    """``w:tblHeader``: the row is a header row, repeated on every page (§17.4.49)."""
    trpr = row.get_or_add_trPr()
    remove_children(trpr, "w:tblHeader", "w:cantSplit")
    trpr.append(_el("w:cantSplit"))
    trpr.append(_el("w:tblHeader"))


def span_cells(grid: Sequence[Sequence[Any]], top: int, left: int, height: int, width: int) -> None:
    """Merge cells of a new table (``grid[row][column]``, one ``w:tc`` each) into one spanning cell.

    The same XML as python-docx's ``CT_Tc.merge``: the top-left cell of each row keeps ``w:gridSpan``
    and the others' widths, the cells to its right go, and rows below the first continue a vertical
    merge (``w:vMerge``, §17.4.85). python-docx looks up the rows again for every merge, a pass over the
    table each time; here each cell is touched once.
    """
    for row in range(top, top + height):
        tc = grid[row][left]
        for swallowed in grid[row][left + 1 : left + width]:
            if tc.width and swallowed.width:
                tc.width = Length(tc.width + swallowed.width)
            tc.grid_span += swallowed.grid_span
            swallowed.getparent().remove(swallowed)
        tc.vMerge = None if height == 1 else ST_Merge.RESTART if row == top else ST_Merge.CONTINUE


def describe_table(table: BaseOxmlElement, caption: str, description: str) -> None:
    """The table's title and description (``w:tblCaption``, ``w:tblDescription``): its alternative text."""
    tblpr = table.tblPr
    remove_children(tblpr, "w:tblCaption", "w:tblDescription")
    if caption:
        _insert_before(tblpr, _el("w:tblCaption", val=caption), ("w:tblPrChange",))
    if description:
        _insert_before(tblpr, _el("w:tblDescription", val=description), ("w:tblPrChange",))


# ---------------------------------------------------------------- pictures


def describe_picture(inline: BaseOxmlElement, alt: str) -> None:
    """Alternative text of a picture: ``wp:docPr/@descr`` (what Word shows and reads) and ``pic:cNvPr``."""
    for properties in inline.iter(qn("wp:docPr"), qn("pic:cNvPr")):
        properties.set("descr", alt)


def picture_inline(part: StoryPart, image: Any, shape_id: int) -> CT_Inline:
    """A ``wp:inline`` for ``image`` in ``part`` at its native size, as python-docx's ``add_picture`` makes it,
    but with the caller's count of pictures in the part as shape id (and name "Picture n"): python-docx's
    ``next_id`` reads every id of the part for every picture. :func:`renumber_drawings` makes ids unique."""
    relationship_id, picture = part.get_or_add_image(image)
    cx, cy = picture.scaled_dimensions(None, None)
    return CT_Inline.new_pic_inline(shape_id, relationship_id, picture.filename, cx, cy)


def renumber_drawings(parts: Iterable[BaseOxmlElement]) -> None:
    """Unique ``wp:docPr/@id`` across all story parts (python-docx counts per part)."""
    number = 0
    for root in parts:
        for properties in root.iter(qn("wp:docPr")):
            number += 1
            properties.set("id", str(number))


# ---------------------------------------------------------------- numbering


@dataclass(frozen=True, slots=True)
class ListFormat:
    """One list's marker: the number format (§17.18.59) and the marker text with ``%1`` for the number."""

    number_format: str  # "bullet", "decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"
    text: str  # "–", "•", "%1.", "%1)"
    start: int = 1


class Numbering:
    """``numbering.xml`` with the next free ids and its first ``w:num`` read once, not once per list.

    ``w:abstractNum`` elements all come before the ``w:num`` elements (§17.9.20).
    """

    def __init__(self, numbering: BaseOxmlElement) -> None:
        self.element = numbering
        abstracts = numbering.findall(qn("w:abstractNum"))
        nums = numbering.findall(qn("w:num"))
        self.next_abstract_id = max((int(a.get(qn("w:abstractNumId"))) for a in abstracts), default=-1) + 1
        self.next_num_id = max((int(n.get(qn("w:numId"))) for n in nums), default=0) + 1
        self.first_num: BaseOxmlElement | None = nums[0] if nums else None


def add_numbering(numbering: Numbering, list_format: ListFormat, depth: int, indent_twips: int) -> int:
    """A numbering definition for one list and an instance of it; returns the ``w:numId``.

    Each list gets its own abstract definition, so numbering restarts per list and a list's own
    marker format holds; the list's items use level ``depth`` (nesting), indented one step a level.
    """
    abstract_id, num_id = numbering.next_abstract_id, numbering.next_num_id
    numbering.next_abstract_id += 1
    numbering.next_num_id += 1
    abstract = _el("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(_el("w:nsid", val=f"{0x5043_0000 + abstract_id:08X}"))
    abstract.append(_el("w:multiLevelType", val="hybridMultilevel"))
    for level in range(9):
        lvl = _el("w:lvl", ilvl=str(level))
        lvl.append(_el("w:start", val=str(list_format.start if level == depth else 1)))
        lvl.append(_el("w:numFmt", val=list_format.number_format))
        lvl.append(_el("w:lvlText", val=list_format.text.replace("%1", f"%{level + 1}")))
        lvl.append(_el("w:lvlJc", val="left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left=str(indent_twips * (level + 1)), hanging=str(indent_twips)))
        lvl.append(ppr)
        abstract.append(lvl)
    if numbering.first_num is not None:
        numbering.first_num.addprevious(abstract)
    else:
        numbering.element.append(abstract)
    num = _el("w:num", numId=str(num_id))
    num.append(_el("w:abstractNumId", val=str(abstract_id)))
    numbering.element.append(num)
    if numbering.first_num is None:
        numbering.first_num = num
    return num_id


def number_paragraph(paragraph: BaseOxmlElement, num_id: int, level: int) -> None:
    """``w:numPr`` on a paragraph: it is an item of list ``num_id`` at nesting ``level``."""
    ppr = paragraph.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id
