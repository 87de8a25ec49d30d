"""Blocks from re-flowed paragraphs: headings, Vraag/Antwoord and Artikel sections, lists, figures,
the motion formula and the closing signatures.

Each paragraph arrives as text (page and note sentinels in it) with its source lines. The rules
look at the form of the text only, as a reader of the printed paper would:

* ``Vraag 3`` / ``Antwoord 3, 4 en 5`` / ``Mededeling``, ``Artikel 1`` / ``ARTIKEL I``,
  ``Toelichting`` head sections that hold what follows, up to the next such heading;
* ``1.  Algemene gegevens`` and ``a)  Titel voorstel`` are headings when short and without a
  closing stop, list items otherwise; other short lines without a stop before running text are
  headings one level down;
* ``– ``, ``• ``, ``1.``, ``a.`` start list items; lettered items after a numbered item that
  ends in a colon belong to it (the leden and onderdelen of an article);
* runs of lines with columns set apart by spaces are tables (see ``paragraphs.table_runs``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from convert.diagnostics import Diagnostic
from convert.model import (
    Block,
    Cell,
    Figure,
    Heading,
    Inline,
    Lines,
    List,
    ListItem,
    ListKind,
    Paragraph,
    Row,
    Section,
    Table,
)
from convert.readers.kamerstuk.inlines import strip_sentinels

ParseText = Callable[[str], tuple[Inline, ...]]

_SECTION = re.compile(
    r"^(?P<role>Vraag|Antwoord|Mededeling|Artikel|ARTIKEL|Toelichting)"
    r"(?P<rest>(?: (?:\d+[a-z]?|[IVXLC]+)(?:(?:, | en | t/m |-)\d+[a-z]?)*)?)\.?(?P<after>\s+\S.*)?$"
)
_NUMBERED = re.compile(r"^(?P<label>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_DECIMAL = re.compile(r"^(?:§ ?)?(?P<label>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<text>[A-Z]\S*(?: \S+)*)$")
_SECTION_SIGN = re.compile(r"^§ ?(?P<label>\d{1,2})\.?\s+(?P<text>[A-Z].*)$")
_LETTERED = re.compile(r"^(?P<label>[a-z])[.)]\s+(?P<text>\S.*)$")
_ROMAN = re.compile(r"^(?P<label>[ivx]{1,4})[.)]\s+(?P<text>\S.*)$")
_BULLET = re.compile(r"^(?P<label>[•▪●◦])\s*(?P<text>\S.*)$")
_DASH = re.compile(r"^(?P<label>[–-])\s+(?P<text>\S.*)$")
_LONE_MARKER = re.compile(r"^(\d{1,2}|[a-z])[.)]$")
_PART = re.compile(r"^([IVX]{1,5}|[A-Z])$")  # amendment part "II", onderdeel "A"
_FIGURE = re.compile(r"^\[afbeelding:\s*(?P<src>[^\]–]+?)\s*(?:–\s*(?P<alt>[^\]]*))?\]$")
_TERMINAL = ".?!:;"

ROLES = {"vraag": "vraag", "antwoord": "antwoord", "mededeling": "mededeling", "artikel": "artikel",
         "toelichting": "toelichting"}  # fmt: skip


@dataclass
class Para:
    """One re-flowed paragraph: its text (with sentinels) and source lines."""

    text: str
    first: int
    last: int
    line_texts: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, row by row

    @property
    def plain(self) -> str:
        return strip_sentinels(self.text).strip()

    @property
    def lines(self) -> Lines:
        return Lines(self.first, self.last)


@dataclass
class _Item:
    kind: ListKind
    label: str
    blocks: list[Block]
    first: int
    last: int
    children: list[_Item] = field(default_factory=list)  # lettered items inside a numbered one


class BlockBuilder:
    """Turns paragraphs into blocks, one at a time, keeping open sections and lists."""

    def __init__(self, parse: ParseText, width: int, unwrapped: bool) -> None:
        self.parse = parse
        self.width = width
        self.unwrapped = unwrapped
        self.out: list[Block] = []
        self.section: tuple[Heading, str, list[Block], int] | None = None
        self.items: list[_Item] = []
        self.numbered_level = 1  # level of the last numbered or lettered heading
        self.diagnostics: list[Diagnostic] = []

    # ------------------------------------------------------------------ output

    def _target(self) -> list[Block]:
        return self.section[2] if self.section else self.out

    def _emit(self, block: Block) -> None:
        self._close_list()
        self._target().append(block)

    def _close_section(self) -> None:
        self._close_list()
        if self.section:
            heading, role, blocks, first = self.section
            last = heading.lines.last if heading.lines else first
            for block in blocks:
                if block_lines := getattr(block, "lines", None):
                    last = max(last, block_lines.last)
            self.out.append(Section(heading, tuple(blocks), role, lines=Lines(first, last)))
            self.section = None

    def _close_list(self) -> None:
        if not self.items:
            return
        items, self.items = self.items, []
        self._target().append(_build_list(items))

    def finish(self) -> list[Block]:
        self._close_section()
        return self.out

    # ------------------------------------------------------------------ rules

    def add(self, para: Para, following: Para | None) -> None:
        if para.rows:
            self._emit(self._table(para))
            return
        plain = para.plain
        if match := _SECTION.match(plain):
            role = match.group("role").lower()
            after = match.group("after")
            rest = match.group("rest")
            if role != "toelichting" and after:
                pass  # running text that starts with the word, not a heading
            elif role == "artikel" and not rest:
                pass
            else:
                self._close_section()
                head_text = para.text if not after else para.text[: para.text.find(after.strip()[:12])].rstrip()
                heading = Heading(2, self.parse(head_text.strip()), lines=Lines(para.first, para.first))
                self.section = (heading, ROLES[role], [], para.first)
                self.numbered_level = 2
                if after:
                    self._paragraph(Para(after.strip(), para.first, para.last, [after.strip()]))
                del rest
                return
        if match := _FIGURE.match(plain):
            figure = Figure(match.group("src").strip(), (match.group("alt") or "").strip(), lines=para.lines)
            if not figure.alt:
                self.diagnostics.append(
                    Diagnostic("KS040", "warning", f"image {figure.src} is only named in the text and has no "
                               "description; add one (alt text) before publishing", line=para.first)
                )  # fmt: skip
            if self.items:
                item = self.items[-1].children[-1] if self.items[-1].children else self.items[-1]
                item.blocks.append(figure)
                item.last = para.last
            else:
                self._emit(figure)
            return
        if _PART.match(plain) and following is not None:
            self._close_section()
            self._emit(Heading(2, self.parse(para.text.strip()), lines=para.lines))
            return
        if self._list_item(para, following):
            return
        if self._heading(para, following):
            return
        self._paragraph(para)

    def _table(self, para: Para) -> Table:
        """Rows of cells; the first row is the head when it holds names: no figures, or years and
        whole numbers over rows of amounts."""
        width = max(len(row) for row in para.rows)

        def row(cells: list[str]) -> Row:
            padded = cells + [""] * (width - len(cells))
            return Row(tuple(Cell((Paragraph(self.parse(cell)),) if cell else ()) for cell in padded))

        rows = para.rows

        def amounts(cells: list[str]) -> bool:
            return any(re.search(r"\d[.,]\d|[€%]", strip_sentinels(c)) for c in cells)

        first_plain = [strip_sentinels(c) for c in rows[0]]
        has_head = len(rows) > 1 and (
            not any(re.search(r"\d", c) for c in first_plain) or (not amounts(rows[0]) and any(map(amounts, rows[1:])))
        )
        head = (row(rows[0]),) if has_head else ()
        body = tuple(row(r) for r in rows[1 if has_head else 0 :])
        return Table((), head, body, lines=para.lines)

    def _paragraph(self, para: Para) -> None:
        self._emit(Paragraph(self.parse(para.text.strip()), lines=para.lines))

    def _heading(self, para: Para, following: Para | None) -> bool:
        plain = para.plain
        decimal = _DECIMAL.match(plain) or _SECTION_SIGN.match(plain)
        if decimal and following is not None and plain[-1] not in _TERMINAL + "," and len(plain) <= 200:
            # "2.3 Financiële gevolgen": one level down for each number after the first; "§ 2" is a top part
            depth = decimal.group("label").count(".")
            return self._numbered_heading(para, min(2 + depth, 6))
        if following is None or len(plain) > 200 or plain[-1] in _TERMINAL + ",":
            return False
        if not plain[:1].isupper() and not _NUMBERED.match(plain) and not _LETTERED.match(plain):
            return False
        nxt = following.plain
        if nxt[:1].islower() and not re.match(r"(?:https?://|www\.)", nxt) and not _LETTERED.match(nxt):
            return False
        if _NUMBERED.match(plain):
            level = 2
        elif _LETTERED.match(plain):
            level = 3
        else:
            if len(plain) > max(100, self.width) or len(plain.split()) > 14:
                return False
            if not (nxt[-1:] in _TERMINAL or len(nxt) > 120):
                return False  # a heading is followed by running text
            level = min(self.numbered_level + 1, 6)
            self._close_list()
            self._target().append(Heading(level, self.parse(para.text.strip()), lines=para.lines))
            return True
        return self._numbered_heading(para, level)

    def _numbered_heading(self, para: Para, level: int) -> bool:
        """A numbered heading: inside a Q&A section it stays below the section's own heading."""
        if self.section and self.section[1] in ("vraag", "antwoord", "mededeling"):
            level = max(level, 3)
        else:
            self._close_section()
        self.numbered_level = level
        self._emit(Heading(level, self.parse(para.text.strip()), lines=para.lines))
        return True

    def _list_item(self, para: Para, following: Para | None) -> bool:
        plain = para.plain
        kinds: tuple[tuple[ListKind, re.Pattern[str]], ...] = (
            ("dash", _DASH),
            ("bullet", _BULLET),
            ("number", _NUMBERED),
            ("letter", _LETTERED),
            ("roman", _ROMAN),
        )
        found = next(((kind, m) for kind, pattern in kinds if (m := pattern.match(plain))), None)
        if found is None:
            return False
        kind_, match = found
        text = match.group("text")
        if kind_ in ("number", "letter") and self._looks_like_heading(text, kind_, following):
            return False
        body = _after_marker(para.text, match.group("label"))
        label = "" if kind_ in ("dash", "bullet") else plain[: len(match.group("label")) + 1]
        item = _Item(kind_, label, [Paragraph(self.parse(body), lines=para.lines)], para.first, para.last)
        if self.items and self.items[-1].kind == kind_:
            self.items.append(item)
        elif self.items and self.items[-1].kind == "number" and kind_ in ("letter", "dash", "bullet", "roman"):
            children = self.items[-1].children
            if children and children[-1].kind != kind_:
                return self._restart_list(item)
            children.append(item)
        else:
            return self._restart_list(item)
        return True

    def _restart_list(self, item: _Item) -> bool:
        self._close_list()
        self.items = [item]
        return True

    def _looks_like_heading(self, text: str, kind: ListKind, following: Para | None) -> bool:
        """``1.  Algemene gegevens``: short, capitalised, no closing stop, and no item of its kind next."""
        plain = strip_sentinels(text).strip()
        if following is None or not plain or plain[-1] in _TERMINAL + "," or len(plain) > 200:
            return False
        if not plain[:1].isupper():
            return False
        nxt = following.plain
        same_kind = _NUMBERED if kind == "number" else _LETTERED
        return not same_kind.match(nxt)


def _after_marker(text: str, label: str) -> str:
    """The text after a list marker (page sentinels before the marker are kept)."""
    lead = re.match("(?:\ue000[^\ue001]*\ue001\\s*)*", text)
    index = text.find(label, lead.end() if lead else 0)
    head = text[:index]
    rest = text[index + len(label) :]
    rest = rest[1:] if rest[:1] in ".)" else rest
    return (head + rest.lstrip()).strip()


def _build_list(items: list[_Item]) -> List:
    kind = items[0].kind
    built: list[ListItem] = []
    for item in items:
        blocks = list(item.blocks)
        if item.children:
            blocks.append(_build_list(item.children))
        built.append(ListItem(tuple(blocks), item.label, lines=Lines(item.first, max(item.first, item.last))))
    start = 1
    label = items[0].label.rstrip(".)")
    if kind == "number" and label.isdigit():
        start = int(label)
    elif kind == "letter" and len(label) == 1:
        start = ord(label) - ord("a") + 1
    return List(tuple(built), kind, start, lines=Lines(items[0].first, max(items[0].first, items[-1].last)))
