"""The canonical document model: every reader produces it, every writer consumes it.

Small, closed and immutable (after pandoc's ``Definition.hs``): frozen, slotted dataclasses with
tuple children. Nothing here knows about a file format. A footnote is an inline ``Note`` at the
point where it is referenced, so a reference can never dangle; a print page start is an inline
``PageStart`` so that it keeps its exact place in the text.

Reading order is fixed by :mod:`convert.text`: front matter (from ``Meta``), then the body
(which ends with the ``Closing`` block of signatures), then the notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from convert.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Lines:
    """First and last source line (1-based) of a node, for messages only."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if not 1 <= self.first <= self.last:
            raise ValueError(f"bad source line range {self.first}..{self.last}")


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Quoted:
    """Quoted words; writers choose the marks (``«»`` in the source, ``<q>`` in HTML)."""

    children: tuple[Inline, ...]
    kind: Literal["double", "single"] = "double"


@dataclass(frozen=True, slots=True)
class Foreign:
    """A change of language inside the text (BCP 47 tag): "war on drugs" is ``en``."""

    children: tuple[Inline, ...]
    lang: str

    def __post_init__(self) -> None:
        if not self.lang:
            raise ValueError("a Foreign span needs a language tag")


@dataclass(frozen=True, slots=True)
class Link:
    children: tuple[Inline, ...]
    target: str


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote, placed where it is referenced; ``label`` is the printed marker ("1")."""

    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class PageStart:
    """The start of a print page of the source edition ("2"), for page lists and markers."""

    label: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A forced line break inside a block (an address, a signature line)."""


Inline: TypeAlias = Text | Emphasis | Strong | Quoted | Foreign | Link | Note | PageStart | LineBreak

# ---------------------------------------------------------------- blocks

ListKind = Literal["bullet", "dash", "number", "letter", "roman"]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    children: tuple[Inline, ...]
    id: str = ""
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 6:
            raise ValueError(f"heading level must be 1..6, not {self.level}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    label: str = ""  # the printed marker when it carries meaning ("a.", "3°"); writers may renumber
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


@dataclass(frozen=True, slots=True)
class List:
    items: tuple[ListItem, ...]
    kind: ListKind = "bullet"
    start: int = 1
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only

    @property
    def ordered(self) -> bool:
        return self.kind in ("number", "letter", "roman")


@dataclass(frozen=True, slots=True)
class BlockQuote:
    blocks: tuple[Block, ...]
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


@dataclass(frozen=True, slots=True)
class Cell:
    blocks: tuple[Block, ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    caption: tuple[Inline, ...]
    head: tuple[Row, ...]
    body: tuple[Row, ...]
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


@dataclass(frozen=True, slots=True)
class Figure:
    src: str
    alt: str
    caption: tuple[Inline, ...] = ()
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part whose heading and content belong together (a Vraag, an Artikel)."""

    heading: Heading
    blocks: tuple[Block, ...]
    role: str = ""  # what the part is in the paper's own terms: "vraag", "antwoord", "artikel"
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str
    function: str = ""


@dataclass(frozen=True, slots=True)
class Closing:
    """The signature block that ends a paper: who signed, in what function, where and when."""

    signatories: tuple[Signatory, ...]
    place_date: str = ""  # "Den Haag, 11 maart 2024" when the closing carries its own
    lines: Lines | None = field(default=None, compare=False, repr=False)  # for messages only


Block: TypeAlias = Heading | Paragraph | List | BlockQuote | Table | Figure | Section | Closing

# ---------------------------------------------------------------- metadata


@dataclass(frozen=True, slots=True)
class Dossier:
    """A parliamentary dossier the paper belongs to: ``24 077`` "Drugbeleid"."""

    number: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Meta:
    """What the paper says about itself; every field is optional but the title and language."""

    title: str
    lang: str = "nl"
    kind: str | None = None  # "Brief van de Minister van Justitie en Veiligheid"
    chamber: str | None = None  # "Tweede Kamer der Staten-Generaal"
    session: str | None = None  # vergaderjaar "2023–2024"
    dossiers: tuple[Dossier, ...] = ()
    paper_number: str | None = None  # "537", "339d"
    identifier: str | None = None  # official id: "kst-24077-537", "ah-tk-20232024-2271"
    addressee: str | None = None
    place: str | None = None
    date: dt.date | None = None
    date_label: str | None = None  # "Voorgesteld", "Ontvangen", "Vastgesteld"; None for a letter's date
    questioners: tuple[str, ...] = ()  # Aanhangsel: who asked the questions
    date_submitted: dt.date | None = None  # Aanhangsel: when the questions were sent in ("ingezonden")
    source_pages: int = 0  # print pages of the source edition, 0 when unknown

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("a document needs a title")
        if not self.lang:
            raise ValueError("a document needs a language")


@dataclass(frozen=True, slots=True)
class PrintBreak:
    """A word the print broke at a line end, which the reader joined again: the typesetter's own
    hyphenation point, which a writer that hyphenates may prefer ("vroeginterven-tie": 13)."""

    word: str  # the joined word, lower case: "vroeginterventie"
    position: int  # letters before the break


@dataclass(frozen=True, slots=True)
class Document:
    """A paper: its metadata, its body, what the reader was unsure of (kept for the json), and
    where the print hyphenated words (a typesetting hint, like a block's source lines)."""

    meta: Meta
    body: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    print_breaks: tuple[PrintBreak, ...] = field(default=(), compare=False)

    @property
    def signatories(self) -> tuple[Signatory, ...]:
        """Everyone who signed, from the closing blocks: one fact, one place."""
        return tuple(s for block in self.body if isinstance(block, Closing) for s in block.signatories)
