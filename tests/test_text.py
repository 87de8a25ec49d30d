"""The front matter lines every writer prints before the body."""

from __future__ import annotations

import datetime as dt

from convert.model import Dossier, Meta, Paragraph
from convert.text import front_matter, inline_text
from tests.conftest import fixture_document

AANHANGSEL = Meta(
    title="Vragen van het lid Westerveld (GroenLinks-PvdA) aan de Staatssecretaris over eetstoornissen",
    chamber="Tweede Kamer der Staten-Generaal",
    session="2023–2024",
    paper_number="2271",
    identifier="ah-tk-20232024-2271",
    date=dt.date(2024, 8, 12),
    date_label="Ontvangen",
    questioners=("Westerveld (GroenLinks-PvdA)",),
    date_submitted=dt.date(2024, 6, 21),
)
LETTER = Meta(
    title="Brief van de Minister van Justitie en Veiligheid",
    chamber="Tweede Kamer der Staten-Generaal",
    session="2023–2024",
    dossiers=(Dossier("24 077", "Drugbeleid"),),
    paper_number="537",
    addressee="Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    place="Den Haag",
    date=dt.date(2024, 3, 11),
)


def test_an_aanhangsel_says_when_the_questions_were_sent_in_not_when_answered() -> None:
    assert front_matter(AANHANGSEL) == (
        ("chamber", "Tweede Kamer der Staten-Generaal"),
        ("session", "Vergaderjaar 2023–2024"),
        ("number", "Nr. 2271"),
        ("title", AANHANGSEL.title),
        ("questioners", "Westerveld (GroenLinks-PvdA)"),
        ("date_submitted", "Ingezonden 21 juni 2024"),
    )


def test_a_letter_keeps_addressee_place_and_date() -> None:
    assert front_matter(LETTER) == (
        ("chamber", "Tweede Kamer der Staten-Generaal"),
        ("session", "Vergaderjaar 2023–2024"),
        ("dossier", "24 077 Drugbeleid"),
        ("number", "Nr. 537"),
        ("title", "Brief van de Minister van Justitie en Veiligheid"),
        ("addressee", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
        ("place_date", "Den Haag, 11 maart 2024"),
    )


def test_a_labelled_date_stays_when_nothing_was_sent_in() -> None:
    motion = Meta(title="Motie", paper_number="143", date=dt.date(2021, 7, 6), date_label="Voorgesteld")
    assert front_matter(motion)[-1] == ("date", "Voorgesteld 6 juli 2021")


def test_the_aanhangsel_fixture_reads_its_opening_once() -> None:
    doc = fixture_document("kamervragen-ah-tk-20232024-2271")
    fields = dict(front_matter(doc.meta))
    assert fields["date_submitted"] == "Ingezonden 21 juni 2024"
    assert "date" not in fields, "the answer's opening paragraph says when it was received"
    opening = doc.body[0]
    assert isinstance(opening, Paragraph) and "(ontvangen 12 augustus 2024)" in inline_text(opening.children)
