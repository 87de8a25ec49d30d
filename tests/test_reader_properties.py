"""Properties of the reader over any text: it returns a document or refuses the text, and is pure."""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from convert.diagnostics import SourceError
from convert.model import Document
from convert.readers import read
from convert.readers.kamerstuk.lines import normalise
from convert.text import plain_text
from tests.conftest import FIXTURES

# Lines built from the pieces real papers are made of, so the rules get exercised, not only skipped.
PIECES = [
    "Tweede Kamer der Staten-Generaal", "Vergaderjaar 2023–2024", "32 545", "Nr. 143", "MOTIE VAN HET LID X",
    "Voorgesteld 6 juli 2021", "Aanhangsel van de Handelingen", "2271", "Vraag 1", "Antwoord 1", "1.", "a)",
    "– item", "• punt", "1 Kamerstukken II, 2023/2024", "is?1", "Kit2  opgezet", "hulpaan-", "bod", "EU-",
    "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel", "Pagina 1 van 2", "kst-1-2", "ISSN 0921 - 7371",
    "De Minister van Financiën,", "A. Kosto", "Den Haag, 11 maart 2024", "Artikel 1", "Toelichting", "«", "»",
    "[afbeelding: x.png]", "Regio    2022    2023", "\f", " ", "", "https://", "www.example.nl/a_", "de",
    "war on drugs",
]  # fmt: skip
lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
@example(["Tweede Kamer der Staten-Generaal", "\ue002\ue003"])  # the reader's own note sentinel in the source
def test_any_text_reads_or_is_refused(parts: list[str]) -> None:
    text = "\n".join(parts)
    try:
        doc = read(text)
    except SourceError:
        assert not normalise(text).strip(), "only a text with nothing printable is refused"
        return
    assert isinstance(doc, Document)
    assert doc.meta.title.strip()
    plain_text(doc)  # every node can be walked
    assert read(text) == doc, "reading is pure: the same text gives the same document"


def test_reading_work_grows_linearly() -> None:
    """The reader's work, counted as the calls it makes (Python's and C's), grows with the text, not faster.

    Counted, not timed: a timed test fails when the machine is busy, and speed is measured in the benchmarks.
    A pattern that backtracks inside one call is not counted here; ``test_reader_linear`` holds those."""
    source = (FIXTURES / "kamervragen-ah-tk-20232024-2271" / "source.txt").read_text(encoding="utf-8")
    read(source * 2)  # warm the word-frequency caches

    def calls(copies: int) -> int:
        text = source * copies
        count = 0

        def counted(frame: object, event: str, arg: object) -> None:
            nonlocal count
            if event in ("call", "c_call"):
                count += 1

        sys.setprofile(counted)
        try:
            read(text)
        finally:
            sys.setprofile(None)
        return count

    small, large = calls(8), calls(32)
    assert large < 4 * small * 1.5, f"8 copies made {small} calls, 32 copies {large}: worse than linear"
