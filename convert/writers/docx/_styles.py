"""Style tokens -> Word styles: the built-in styles restyled, as pandoc restyles its reference document.

The writer names styles only by the ids below; fonts, sizes, colours and spacing all come from
:class:`convert.style.Style`. Built-in Word styles keep their built-in ids and names, so Word, its
accessibility checker and screen readers know them as headings, captions and footnotes.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle, StyleFactory

from convert.style import Style
from convert.writers.docx import _oxml

TITLE = "Title"
HEADINGS = tuple(f"Heading{level}" for level in range(1, 7))
NORMAL = "Normal"
LIST_PARAGRAPH = "ListParagraph"
CAPTION = "Caption"
# LibreOffice tags a paragraph style named "Quotations" as a PDF BlockQuote; Word's own "Quote"
# becomes a role-mapped standard type there, which PDF/UA-1 forbids (§7.1, ISO 32000-1 §14.8.4).
QUOTATION = "Quotations"
FRONT_MATTER = "FrontMatter"
SIGNATURE = "Signature"
FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REFERENCE = "FootnoteReference"
HYPERLINK = "Hyperlink"
TABLE = "TableGrid"

# ISO 216 and North American paper, portrait, in millimetres.
PAPER_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A3": (297.0, 420.0), "Letter": (215.9, 279.4)}


def indent_step(style: Style) -> Pt:
    """One level of list or quotation indent: two body ems."""
    return Pt(2 * style.body.size_pt)


def apply_styles(document: WordDocument, style: Style, lang: str) -> None:
    """Turn the tokens into Word's built-in styles (and the few custom ones), the page and defaults."""
    styles = document.styles.element
    _defaults(styles, style, lang)
    body, heading = style.body, style.heading
    text, muted = _rgb(style.colours.text), _rgb(style.colours.muted)
    space_after = Pt(style.layout.paragraph_space_em * body.size_pt)

    normal = document.styles[NORMAL]
    _font(normal, body.family, body.size_pt, text)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if body.align == "justify" else WD_ALIGN_PARAGRAPH.LEFT
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.MULTIPLE, body.leading
    fmt.space_before, fmt.space_after = Pt(0), space_after
    fmt.widow_control = True

    for style_id, size in ((TITLE, heading.sizes_pt[0]), *zip(HEADINGS, _heading_sizes(style), strict=True)):
        word_style = _by_id(document, style_id)
        _font(word_style, heading.family, size, text, bold=True)
        element = word_style.element
        ppr = element.get_or_add_pPr()
        _oxml.remove_children(ppr, "w:pBdr", "w:contextualSpacing")  # a rule is a stray path in a tagged PDF
        fmt = word_style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.MULTIPLE, heading.leading
        fmt.space_before, fmt.space_after = Pt(size), Pt(size / 2)
        fmt.keep_with_next = fmt.keep_together = True
        word_style.font.italic = False
    # The title is the outline's level 1 (convert.outline): Word's navigation pane, screen readers'
    # heading lists and LibreOffice's tagged export take it from the outline level, which Word's
    # built-in Title style lacks; it keeps the Title style's name and look.
    _oxml.set_outline_level(_by_id(document, TITLE).element.get_or_add_pPr(), 1)

    quotation = _paragraph_style(document, QUOTATION, "Quotations")
    quotation.paragraph_format.left_indent = quotation.paragraph_format.right_indent = indent_step(style)

    caption = _by_id(document, CAPTION)
    _font(caption, body.family, style.small.size_pt, text, bold=True)
    caption.paragraph_format.space_after = space_after
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    front = _paragraph_style(document, FRONT_MATTER, "Front Matter")
    _font(front, body.family, style.small.size_pt, muted)
    _small_paragraph(front, style, space_after=Pt(0))

    signature = _paragraph_style(document, SIGNATURE, "Signature")
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    signature.paragraph_format.keep_with_next = True

    note_text = _paragraph_style(document, FOOTNOTE_TEXT, "footnote text")
    _font(note_text, body.family, style.small.size_pt, text)
    _small_paragraph(note_text, style, space_after=Pt(style.layout.paragraph_space_em * style.small.size_pt / 2))

    reference = _character_style(document, FOOTNOTE_REFERENCE, "footnote reference")
    reference.font.superscript = True

    link = _character_style(document, HYPERLINK, "Hyperlink")
    link.font.color.rgb = _rgb(style.colours.link)
    link.font.underline = True

    list_paragraph = _by_id(document, LIST_PARAGRAPH)
    _oxml.remove_children(list_paragraph.element.get_or_add_pPr(), "w:contextualSpacing", "w:ind")

    _page(document, style)


def _heading_sizes(style: Style) -> tuple[float, ...]:
    """Heading 1..6 sizes: the title is the outline's level 1, so Heading n takes the n-th size (the last repeats)."""
    sizes = style.heading.sizes_pt
    return tuple(sizes[min(level - 1, len(sizes) - 1)] for level in range(1, 7))


def _defaults(element: BaseOxmlElement, style: Style, lang: str) -> None:
    """Document defaults (``w:docDefaults``): body font and size, and the document's language."""
    rpr = element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _oxml.set_fonts(rpr, style.body.family)
    for size in rpr.findall(qn("w:sz")) + rpr.findall(qn("w:szCs")):
        size.set(qn("w:val"), str(round(style.body.size_pt * 2)))
    _oxml.set_document_language(element, lang)


def _page(document: WordDocument, style: Style) -> None:
    if style.page.size not in PAPER_MM:
        raise ValueError(f"page size {style.page.size!r} is not one the DOCX writer knows: {', '.join(PAPER_MM)}")
    width, height = PAPER_MM[style.page.size]
    top, right, bottom, left = style.page.margin_mm
    for section in document.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.header_distance = section.footer_distance = Mm(min(top, bottom) / 2)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _by_id(document: WordDocument, style_id: str) -> ParagraphStyle:
    """The paragraph style ``style_id``, found by id (iterating ``document.styles`` builds a proxy for every style)."""
    element = document.styles.element.get_by_id(style_id)
    candidate = StyleFactory(element) if element is not None else None
    if isinstance(candidate, ParagraphStyle):
        return candidate
    raise LookupError(f"python-docx's template has no paragraph style with id {style_id!r}")


def _paragraph_style(document: WordDocument, style_id: str, name: str) -> ParagraphStyle:
    _oxml.add_style(document.styles.element, "paragraph", style_id, name, based_on=NORMAL)
    return _by_id(document, style_id)


def _character_style(document: WordDocument, style_id: str, name: str) -> CharacterStyle:
    candidate = StyleFactory(_oxml.add_style(document.styles.element, "character", style_id, name))
    if isinstance(candidate, CharacterStyle):
        return candidate
    raise LookupError(f"style id {style_id!r} is taken by a style that is not a character style")


def _font(
    word_style: CharacterStyle, family: str, size_pt: float, colour: RGBColor, *, bold: bool | None = None
) -> None:
    font = word_style.font
    font.size = Pt(size_pt)
    font.color.rgb = colour
    if bold is not None:
        font.bold = bold
    rpr = word_style.element.get_or_add_rPr()
    _oxml.set_fonts(rpr, family)
    _oxml.drop_theme_colour(rpr)
    _oxml.remove_children(rpr, "w:spacing", "w:kern")


def _small_paragraph(word_style: ParagraphStyle, style: Style, *, space_after: Pt) -> None:
    fmt = word_style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.MULTIPLE, style.small.leading
    fmt.space_before, fmt.space_after = Pt(0), space_after
