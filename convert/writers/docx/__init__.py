"""DOCX writer: a Word document that screen readers and Word's accessibility checker find nothing wrong with.

Built with python-docx on its bundled template; what python-docx lacks (footnotes, alternative
text, header rows, languages, numbering definitions) is raw OOXML in :mod:`._oxml`. The document
title is in Word's built-in Title style, given outline level 1, and the model's headings in
Heading 2..6 at their outline levels (:mod:`convert.outline`), so levels never skip. Output is repeatable: every date in
the package comes from ``Meta.date``, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any, ClassVar

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn

from convert.model import Document, Meta
from convert.style import Style
from convert.text import full_title
from convert.writers.docx import _oxml, _render, _styles

# Zip entries carry a time; without a paper date they carry the zip epoch, the same on every run.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


class DocxWriter:
    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, doc: Document, style: Style) -> bytes:
        document = docx.Document()
        _drop_template_leftovers(document)
        lang = _oxml.xml_safe(doc.meta.lang)
        _styles.apply_styles(document, style, lang)
        renderer = _render.Renderer(document, style)
        renderer.front_matter(doc.meta)
        renderer.blocks(doc.body, renderer.body())
        settings = document.settings.element
        _oxml.tune_settings(settings, lang, style.body.hyphenate)
        stories = [document.element]
        if renderer.footnotes is not None:
            _oxml.declare_footnote_separators(settings)
            stories.append(renderer.footnotes.element)
        _oxml.renumber_drawings(stories)
        _properties(document, doc)
        return _save(document, doc.meta.date)


def _drop_template_leftovers(document: WordDocument) -> None:
    """The template's thumbnail shows another document, and stylesWithEffects would contradict our styles."""
    for rels, unwanted in ((document.part.package.rels, {RT.THUMBNAIL}),
                           (document.part.rels, {_STYLES_WITH_EFFECTS, RT.CUSTOM_XML})):  # fmt: skip
        for key, relationship in list(rels.items()):
            if relationship.reltype in unwanted:
                del rels[key]


def _properties(document: WordDocument, doc: Document) -> None:
    """Core properties from the model: title, subject, creator, language, dates, dossier keywords."""
    meta = doc.meta
    core = document.core_properties
    names = "; ".join(s.name for s in doc.signatories if s.name)
    texts = {
        "title": full_title(meta),
        "subject": "; ".join(d.title for d in meta.dossiers if d.title) or meta.kind or "",
        "creator": names or meta.chamber or "",
        "keywords": "; ".join(d.number for d in meta.dossiers),
        "language": meta.lang,
        "identifier": meta.identifier or "",
        "category": meta.kind or "",
    }
    for name, text in texts.items():
        _oxml.set_core_text(core._element, name, _oxml.xml_safe(text))
    core.comments = ""
    core.last_modified_by = ""
    core.revision = 1
    element = core._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        found = element.find(qn(tag))
        if found is not None:
            element.remove(found)
    if meta.date is not None:
        moment = dt.datetime(meta.date.year, meta.date.month, meta.date.day)
        core.created = moment
        core.modified = moment
    _app_properties(document, meta)


def _app_properties(document: WordDocument, meta: Meta) -> None:
    """``docProps/app.xml`` names this program, not the Word that made python-docx's template."""
    for relationship in document.part.package.rels.values():
        if relationship.reltype == RT.EXTENDED_PROPERTIES:
            relationship.target_part._blob = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
                ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                "<Application>pubconvert</Application><DocSecurity>0</DocSecurity>"
                f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{_escape(_oxml.xml_safe(meta.title))}'
                "</vt:lpstr></vt:vector></TitlesOfParts></Properties>"
            ).encode()


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (``xml.sax.saxutils.escape``, whose import pulls in urllib.request)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


class _StampedZip:
    """python-docx's zip package writer, but with fixed entry times and modes: the same bytes for the same document."""

    def __init__(self, target: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]) -> None:
        self._target = target
        self._stamp = stamp

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._target.writestr(info, blob)


def _save(document: WordDocument, date: dt.date | None) -> bytes:
    """The package as ``Document.save`` writes it, in its part order, compressed once, with fixed entry times."""
    stamp = (date.year, date.month, date.day, 0, 0, 0) if date and date.year >= 1980 else _ZIP_EPOCH
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        writer = _StampedZip(target, stamp)
        PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]
    return out.getvalue()
