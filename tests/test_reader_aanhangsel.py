"""An Aanhangsel's question sentence: read into ``Meta``, then out of the body, losing nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from convert.model import PageStart, Paragraph
from convert.readers.kamerstuk.aanhangsel import Opening, drop_question, read_opening
from convert.readers.kamerstuk.blocks import Para
from convert.readers.kamerstuk.inlines import note_sentinel, page_sentinel
from convert.text import inline_text
from tests.conftest import fixture_document

QUESTION = (
    "Vragen van het lid Keijzer (BBB) aan de Minister van Binnenlandse Zaken over de publicatie "
    "van de internetconsultatie (ingezonden 11 maart 2024)."
)
ANSWER = "Antwoord van Minister De Jonge (Binnenlandse Zaken) (ontvangen 21 maart 2024)."


def para(text: str, rows: list[list[str]] | None = None) -> Para:
    return Para(text, 1, 1, [text], rows=rows or [])


def test_reads_title_questioners_and_both_dates() -> None:
    opening = read_opening([para(page_sentinel("1") + QUESTION), para(ANSWER)])
    assert opening == Opening(
        title="Vragen van het lid Keijzer (BBB) aan de Minister van Binnenlandse Zaken over de publicatie "
        "van de internetconsultatie",
        questioners=("Keijzer (BBB)",),
        submitted=dt.date(2024, 3, 11),
        received=dt.date(2024, 3, 21),
        question=0,
    )


def test_drops_the_question_and_moves_its_page_start_to_the_next_paragraph() -> None:
    paras = [para(page_sentinel("1") + QUESTION), para(ANSWER), para("Vraag 1")]
    kept = drop_question(paras, read_opening(paras))
    assert [p.text for p in kept] == [page_sentinel("1") + ANSWER, "Vraag 1"]


def test_a_page_start_moves_into_the_first_cell_of_a_following_table() -> None:
    paras = [para(page_sentinel("1") + QUESTION), para("", rows=[["Jaar", "Aantal"], ["2023", "12"]])]
    kept = drop_question(paras, read_opening(paras))
    assert kept[0].rows == [[page_sentinel("1") + "Jaar", "Aantal"], ["2023", "12"]]
    assert paras[1].rows[0][0] == "Jaar", "the reader's paragraphs are not changed in place"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (QUESTION + note_sentinel("1"), "a note marker"),
        (QUESTION + " Zie ook Aanhangsel Handelingen, nr. 2147.", "a further sentence"),
        (QUESTION.replace("11 maart", "31 februari"), "a date that does not exist, kept only here"),
        (QUESTION.replace(" (ingezonden 11 maart 2024)", ""), "no date sent in at all"),
    ],
    ids=["note", "sentence", "bad-date", "no-date"],
)
def test_keeps_a_question_paragraph_that_says_more(text: str, why: str) -> None:
    paras = [para(text), para(ANSWER)]
    opening = read_opening(paras)
    assert opening.title is not None and opening.title.startswith("Vragen van het lid Keijzer"), why
    assert drop_question(paras, opening) == paras, why


def test_keeps_the_question_when_nothing_follows_it() -> None:
    paras = [para(page_sentinel("1") + QUESTION)]
    assert drop_question(paras, read_opening(paras)) == paras


@pytest.mark.parametrize("name", ["kamervragen-ah-tk-20232024-2271", "kamervragen-ah-tk-20232024-1292"])
def test_fixture_body_opens_with_the_answer_on_page_one(name: str) -> None:
    doc = fixture_document(name)
    first = doc.body[0]
    assert isinstance(first, Paragraph)
    assert first.children[0] == PageStart("1")
    assert inline_text(first.children).startswith("Antwoord van ")
    assert doc.meta.date_submitted is not None
    assert not any(inline_text(b.children).startswith("Vragen van") for b in doc.body if isinstance(b, Paragraph)), (
        "the question sentence is the title, not a body paragraph"
    )
