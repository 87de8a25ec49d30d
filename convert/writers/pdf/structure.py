"""The structure tree as the layout builds it, and what drawing records into it.

Layout creates one :class:`Element` per structure element, in reading order, before anything is
drawn. Drawing then fills each element's :class:`Slot` kids with marked-content references
(page, MCID) and records link annotations, heading positions and note placements; :mod:`tagging`
turns all of it into the PDF's StructTreeRoot. Order in the tree is therefore the model's reading
order, never the order of drawing (PDF/UA-1 7.2: the structure tree gives the logical order).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Slot:
    """A run of an element's own content, between its child elements: gets MCIDs as it is drawn."""

    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)


@dataclass(eq=False)
class Annotation:
    """A link annotation to create on a page: to a URI, or to a place (page index, y) in the PDF."""

    page: int
    rect: tuple[float, float, float, float]
    contents: str
    uri: str = ""
    note_id: str = ""  # a note reference: the destination is where the note is drawn


@dataclass(eq=False)
class Element:
    """One structure element: a standard role and its attributes, kids in reading order."""

    role: str
    kids: list[Element | Slot] = field(default_factory=list)
    lang: str = ""
    alt: str = ""
    actual_text: str = ""
    id: str = ""
    attributes: dict[str, object] = field(default_factory=dict)  # /A (owner /Table or /List)
    annotations: list[Annotation] = field(default_factory=list)

    def add(self, child: Element) -> Element:
        self.kids.append(child)
        return child

    def slot(self) -> Slot:
        """The slot for content that follows: the last kid when it is one, else a new slot."""
        if self.kids and isinstance(self.kids[-1], Slot):
            return self.kids[-1]
        new = Slot()
        self.kids.append(new)
        return new


@dataclass
class Outline:
    title: str
    level: int
    page: int
    y: float


@dataclass
class Recorder:
    """What drawing found out: MCIDs per page, annotations, outline targets, note targets."""

    mcids: dict[int, list[Element]] = field(default_factory=dict)  # page -> element of each MCID
    outlines: list[Outline] = field(default_factory=list)
    note_targets: dict[str, tuple[int, float]] = field(default_factory=dict)  # note id -> (page, y)
    pages: int = 0

    def mark(self, page: int, element: Element, slot: Slot) -> int:
        """A new MCID on ``page`` for content of ``element`` (PDF/UA-1 7.1: all content tagged)."""
        owners = self.mcids.setdefault(page, [])
        owners.append(element)
        mcid = len(owners) - 1
        slot.marks.append((page, mcid))
        return mcid
