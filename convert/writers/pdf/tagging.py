"""Tagging: the structure tree, annotations, outlines and metadata, written into the PDF with pikepdf.

reportlab lays the pages out and marks their content; this module adds what PDF/UA-1 asks of
the document: StructTreeRoot and ParentTree (7.1), /MarkInfo, /Lang (7.2), DisplayDocTitle and
XMP with ``dc:title`` and ``pdfuaid:part`` (7.1, 5), Link annotations inside Link elements with
/Contents (7.18.5), /Tabs /S (7.18.3), bookmarks and page labels, and a ToUnicode map that maps
no code to U+0000 (7.21.7).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from convert.writers.pdf.structure import Element, Recorder, Slot

PRODUCER = "pubconvert (reportlab, pikepdf)"
_BFCHAR = re.compile(rb"\d+\s+beginbfchar\s*(.*?)endbfchar\s*", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    lang: str
    creators: tuple[str, ...]
    subject: str
    date: dt.date | None


def _xml_text(text: str) -> str:
    """``text`` escaped for XMP as ``xml.sax.saxutils.escape`` does (``&``, ``<``, ``>``), without
    that module's import of urllib, http and ssl (14 ms)."""
    return html.escape(text, quote=False)


def mend_to_unicode(cmap: bytes) -> bytes:
    """Drop the ``<code> <0000>`` entries reportlab writes for unused codes, at most 100 per block."""
    pairs: list[tuple[bytes, bytes]] = []
    for block in _BFCHAR.finditer(cmap):
        pairs += [(code, value) for code, value in _PAIR.findall(block.group(1)) if int(value, 16) != 0]
    start = _BFCHAR.search(cmap)
    if start is None:
        return cmap
    blocks = b""
    for i in range(0, len(pairs), 100):
        chunk = pairs[i : i + 100]
        blocks += b"%d beginbfchar\n" % len(chunk)
        blocks += b"".join(b"<%s> <%s>\n" % pair for pair in chunk)
        blocks += b"endbfchar\n"
    rest = _BFCHAR.sub(b"", cmap[start.start() :])
    return cmap[: start.start()] + blocks + rest


def tag(pdf_bytes: bytes, root: Element, recorder: Recorder, info: DocumentInfo) -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    _mend_fonts(pdf)
    tree = _Tree(pdf, recorder)
    struct_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    struct_root.K = tree.element(root, struct_root)
    nums = Array()
    for index, page in enumerate(pdf.pages):
        owners = recorder.mcids.get(index, [])
        page.obj.StructParents = index
        page.obj.Tabs = Name.S  # PDF/UA-1 7.18.3: tab order follows the structure
        nums.append(index)
        nums.append(Array([tree.objects[id(owner)] for owner in owners]))
    key = len(pdf.pages)
    for element_obj, annotation in tree.annotations:
        annotation.StructParent = key
        nums.append(key)
        nums.append(element_obj)
        key += 1
    struct_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    struct_root.ParentTreeNextKey = key
    catalog = pdf.Root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(info.lang)
    catalog.StructTreeRoot = struct_root
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    catalog.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
    _outlines(pdf, recorder)
    _metadata(pdf, info)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


class _Tree:
    def __init__(self, pdf: pikepdf.Pdf, recorder: Recorder) -> None:
        self.pdf = pdf
        self.recorder = recorder
        self.objects: dict[int, pikepdf.Object] = {}
        self.annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = []
        self.pages = [page.obj for page in pdf.pages]  # looked up once: pdf.pages[i] is slow

    def element(self, element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        obj = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role), P=parent))
        self.objects[id(element)] = obj
        # gathered in a list and made an Array once: appending to an Array costs a conversion each;
        # marked-content references as plain dicts, which the Array converts in half the time
        kids: list[pikepdf.Object | dict[str, object]] = []
        first_page: int | None = None
        mcr = Name.MCR
        pages = self.pages
        for kid in element.kids:
            if isinstance(kid, Slot):
                if kid.marks and first_page is None:
                    first_page = kid.marks[0][0]
                kids += [{"/Type": mcr, "/Pg": pages[page], "/MCID": mcid} for page, mcid in kid.marks]
            else:
                kids.append(self.element(kid, obj))
        for annotation in element.annotations:
            annot = self._annotation(annotation.page, annotation.rect, annotation.contents, annotation.uri,
                                     annotation.note_id)  # fmt: skip
            kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=self.pages[annotation.page]))
            self.annotations.append((obj, annot))
        if first_page is not None:
            obj.Pg = self.pages[first_page]
        obj.K = Array(kids)
        if element.lang:
            obj.Lang = String(element.lang)
        if element.alt:
            obj.Alt = String(element.alt)
        if element.actual_text:
            obj.ActualText = String(element.actual_text)
        if element.id:
            obj.ID = String(element.id)  # PDF/UA-1 7.9: a Note has an ID
        if element.attributes:
            obj.A = Dictionary({"/" + k: _value(v) for k, v in element.attributes.items()})
        return obj

    def _annotation(
        self, page: int, rect: tuple[float, float, float, float], contents: str, uri: str, note_id: str
    ) -> pikepdf.Object:
        annot = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([round(v, 2) for v in rect]),
            Border=Array([0, 0, 0]),
            F=4,
            Contents=String(contents),  # PDF/UA-1 7.18.1: annotations say what they are
        )
        if uri:
            annot.A = Dictionary(S=Name.URI, URI=String(uri))
        elif note_id in self.recorder.note_targets:
            target_page, y = self.recorder.note_targets[note_id]
            annot.Dest = Array([self.pages[target_page], Name.XYZ, None, round(y, 2), None])
        obj = self.pdf.make_indirect(annot)
        page_obj = self.pages[page]
        if "/Annots" not in page_obj:
            page_obj.Annots = Array()
        page_obj.Annots.append(obj)
        annot.P = page_obj
        return obj


def _alt(name: str, text: str) -> str:
    return f'<{name}><rdf:Alt><rdf:li xml:lang="x-default">{_xml_text(text)}</rdf:li></rdf:Alt></{name}>'


def _value(value: object) -> object:
    if isinstance(value, str) and value.startswith("/"):
        return Name(value)
    if isinstance(value, list | tuple):
        return Array([_value(v) for v in value])
    return value


def _mend_fonts(pdf: pikepdf.Pdf) -> None:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        for font in fonts.values() if fonts is not None else ():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            cmap.write(mend_to_unicode(cmap.read_bytes()))


@dataclass
class _Bookmark:
    title: str
    page: int
    y: float
    children: list[_Bookmark]


MAX_SIBLINGS = 200  # validators follow /Next chains recursively: page-validation stops at 256


def _outlines(pdf: pikepdf.Pdf, recorder: Recorder) -> None:
    """Bookmarks from the headings, nested by level; very long runs of siblings are grouped."""
    if not recorder.outlines:
        return
    root = _Bookmark("", 0, 0.0, [])
    stack: list[tuple[int, _Bookmark]] = [(0, root)]
    for entry in recorder.outlines:
        mark = _Bookmark(entry.title, entry.page, entry.y, [])
        while stack[-1][0] >= entry.level:
            stack.pop()
        stack[-1][1].children.append(mark)
        stack.append((entry.level, mark))
    with pdf.open_outline() as outline:
        outline.root.extend(_items(_grouped(root.children)))
    pdf.Root.PageMode = Name.UseOutlines


def _grouped(marks: list[_Bookmark]) -> list[_Bookmark]:
    for mark in marks:
        mark.children = _grouped(mark.children)
    while len(marks) > MAX_SIBLINGS:
        groups = [marks[i : i + MAX_SIBLINGS // 2] for i in range(0, len(marks), MAX_SIBLINGS // 2)]
        marks = [_Bookmark(f"{g[0].title} … {g[-1].title}", g[0].page, g[0].y, g) for g in groups]
    return marks


def _items(marks: list[_Bookmark]) -> list[pikepdf.OutlineItem]:
    items = []
    for mark in marks:
        item = pikepdf.OutlineItem(mark.title, mark.page, pikepdf.PageLocation.XYZ, top=round(mark.y, 2))
        item.children.extend(_items(mark.children))
        items.append(item)
    return items


def _metadata(pdf: pikepdf.Pdf, info: DocumentInfo) -> None:
    """Document info and XMP, written by hand so that the same input gives the same bytes."""
    docinfo = Dictionary(Title=String(info.title), Producer=String(PRODUCER), Creator=String("pubconvert"))
    if info.creators:
        docinfo.Author = String(", ".join(info.creators))
    if info.subject:
        docinfo.Subject = String(info.subject)
    if info.date:
        stamp = f"D:{info.date:%Y%m%d}000000Z"
        docinfo.CreationDate = String(stamp)
        docinfo.ModDate = String(stamp)
    pdf.trailer.Info = pdf.make_indirect(docinfo)
    creators = "".join(f"<rdf:li>{_xml_text(c)}</rdf:li>" for c in info.creators)
    dates = ""
    if info.date:
        dates = f"<xmp:CreateDate>{info.date.isoformat()}</xmp:CreateDate>" \
                f"<xmp:ModifyDate>{info.date.isoformat()}</xmp:ModifyDate>"  # fmt: skip
    xmp = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml_text(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{_xml_text(info.lang)}</rdf:li></rdf:Bag></dc:language>
   {f"<dc:creator><rdf:Seq>{creators}</rdf:Seq></dc:creator>" if creators else ""}
   {_alt("dc:description", info.subject) if info.subject else ""}
   <pdf:Producer>{_xml_text(PRODUCER)}</pdf:Producer>
   <xmp:CreatorTool>pubconvert</xmp:CreatorTool>
   {dates}
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    stream = pikepdf.Stream(pdf, xmp.encode("utf-8"))
    stream.Type = Name.Metadata
    stream.Subtype = Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)
