"""The opening of an Aanhangsel (written questions and their answers): the question sentence is metadata.

An Aanhangsel opens with "Vragen van het lid Westerveld (GroenLinks-PvdA) aan de Staatssecretaris …
over … (ingezonden 21 juni 2024)." That one sentence names the questioners, the subject (the paper's
title) and the day the questions were sent in. Once ``Meta`` holds them the paragraph leaves the body,
so that a listener does not hear the title twice. A paragraph that says anything more (a note marker,
a further sentence) stays as it is: nothing printed is dropped. The "Antwoord van … (ontvangen …)."
paragraph that follows stays in the body; only its date is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from convert.readers.kamerstuk.blocks import Para
from convert.readers.kamerstuk.front import DATE, parse_date
from convert.readers.kamerstuk.inlines import PAGE_CLOSE, PAGE_OPEN

# "Vragen van het lid X aan de Minister …"; before 1975 "321. VRAGEN van de heer X (P.v.d.A.) over …"
_QUESTIONS = re.compile(
    r"^\W?(?:\d{1,5}\.\s+)?(?:Vragen|VRAGEN|Vraag|VRAAG) van "
    r"(?:het lid|de leden|de heer|de heren|mevrouw|mejuffrouw) (?P<who>.+?)"
    r" (?:aan (?:de|het|den) |over |in verband met |betreffende |inzake )"
)
_SUBMITTED = re.compile(r"\([Ii]ngezonden " + DATE + r"\.?\)")
_RECEIVED = re.compile(r"\(ontvangen " + DATE + r"\)")
# the whole paragraph is the question sentence and its "(ingezonden …)": nothing else printed in it
_QUESTION_ONLY = re.compile(
    r"^(?P<title>(?:Vragen|VRAGEN|Vraag|VRAAG) van .+?)\s*\([Ii]ngezonden " + DATE + r"\.?\)\.?$"
)
_PAGE = re.compile(PAGE_OPEN + "[^" + PAGE_CLOSE + "]*" + PAGE_CLOSE)
_SEARCHED = 3  # the opening sentences come first; a later "Vragen van …" is quoted text


@dataclass(frozen=True)
class Opening:
    """What the opening sentences of an Aanhangsel say."""

    title: str | None = None  # the question sentence without "(ingezonden …)."
    questioners: tuple[str, ...] = ()
    submitted: dt.date | None = None  # "(ingezonden 21 juni 2024)"
    received: dt.date | None = None  # "(ontvangen 12 augustus 2024)", in the answer's opening
    question: int | None = None  # index of the paragraph that says no more than the fields above


def read_opening(paras: list[Para]) -> Opening:
    """The title, questioners and dates from the first paragraphs of an Aanhangsel."""
    title: str | None = None
    questioners: tuple[str, ...] = ()
    submitted = received = None
    question: int | None = None
    for index, para in enumerate(paras[:_SEARCHED]):
        plain = para.plain
        if title is None and (match := _QUESTIONS.match(plain)):
            questioners = tuple(re.split(r", | en ", match.group("who")))
            title = re.sub(r"^\W?\d{1,5}\.\s+|\s*\([Ii]ngezonden [^)]*\)\.?.*$", "", plain)
            if _says_no_more(para):
                question = index
        if submitted is None and (match := _SUBMITTED.search(plain)):
            submitted = parse_date(*match.group(1, 2, 3))
        if received is None and (match := _RECEIVED.search(plain)):
            received = parse_date(*match.group(1, 2, 3))
    if submitted is None:
        question = None  # the date could not be read: the paragraph is the only place that keeps it
    return Opening(title, questioners, submitted, received, question)


def drop_question(paras: list[Para], opening: Opening) -> list[Para]:
    """The paragraphs without the question sentence, its page starts moved to the next paragraph.

    A print page that starts in the removed paragraph now starts with the next block, so the
    page list still begins at page 1. With no paragraph after it, the question stays."""
    index = opening.question
    if index is None or index + 1 >= len(paras):
        return paras
    pages = "".join(_PAGE.findall(paras[index].text))
    following = paras[index + 1]
    if pages and following.rows:
        rows = [list(row) for row in following.rows]
        rows[0][0] = pages + rows[0][0]
        following = Para(following.text, following.first, following.last, following.line_texts, rows)
    elif pages:
        following = Para(pages + following.text, following.first, following.last, following.line_texts)
    return [*paras[:index], following, *paras[index + 2 :]]


def _says_no_more(para: Para) -> bool:
    """True when the paragraph holds the question sentence, its date and page starts only."""
    if para.rows:
        return False
    words = _PAGE.sub("", para.text).strip()
    return words == para.plain and _QUESTION_ONLY.match(words) is not None
