"""A table's cells on a regular grid: where each model cell goes, and what fills the gaps.

The model allows rows of different lengths, spans that run past the table, and rows without
cells. reportlab wants a rectangle, and PDF/UA-1 (7.5) a table whose rows and columns each cover
the same number of cells; so spans are clipped to the table and to cells already placed, and a
place that no cell covers gets an empty filler cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from convert.model import Cell, Row


@dataclass(frozen=True)
class Placed:
    """A cell at its place on the grid, with its spans as drawn; ``cell`` is None for a filler."""

    row: int
    column: int
    cell: Cell | None
    rowspan: int = 1
    colspan: int = 1


def place_cells(rows: Sequence[Row]) -> tuple[list[list[Placed]], int]:
    """The cells of each row in column order (fillers included), and the number of columns."""
    taken: set[tuple[int, int]] = set()
    placed: list[list[Placed]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            colspan = 1
            while colspan < max(cell.colspan, 1) and (r, c + colspan) not in taken:
                colspan += 1  # a span stops at a cell that a span from above already put there
            rowspan = max(1, min(cell.rowspan, len(rows) - r))
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            placed[r].append(Placed(r, c, cell, rowspan, colspan))
            c += colspan
    columns = max((c + 1 for _, c in taken), default=0)
    for r, cells in enumerate(placed):
        cells += [Placed(r, c, None) for c in range(columns) if (r, c) not in taken]
        cells.sort(key=lambda p: p.column)
    return placed, columns
