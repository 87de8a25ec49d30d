"""Inline structure of a re-flowed paragraph: page starts, note references, links, quotations and
changes of language.

Earlier steps leave sentinels (private-use characters) in the text where a print page starts
(``\ue000label\ue001``) and where a note is referenced (``\ue002key\ue003``); they become
``PageStart`` and ``Note`` inlines here. URLs become links and are never searched for language.

Foreign phrases are found with word frequencies (wordfreq's Dutch and English lists, as the table in
``wordtable`` keeps them): a run of two
or more lower-case words that are each more common in English than in Dutch, one of them clearly so,
is marked English. Capitalised words are names and are left alone (WCAG 3.1.2 excepts proper names).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from convert.model import Foreign, Inline, Link, Note, PageStart, Quoted, Text
from convert.readers.kamerstuk.wordtable import zipf_frequencies

PAGE_OPEN, PAGE_CLOSE, NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
_SPECIAL = re.compile(
    "\ue000([^\ue001]*)\ue001|\ue002([^\ue003]*)\ue003"
    r"|((?:https?://|www\.)[^\s«»\ue000\ue002]*[^\s«».,;:!?)\]”’\ue000\ue002])",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"«([^«»]+)»")
_SENTINELS = re.compile("\ue000[^\ue001]*\ue001|\ue002[^\ue003]*\ue003")

NoteFor = Callable[[str], Note | None]  # None: no note has that key (a stray sentinel in the source)


def page_sentinel(label: str) -> str:
    return f"{PAGE_OPEN}{label}{PAGE_CLOSE}"


def note_sentinel(key: str) -> str:
    return f"{NOTE_OPEN}{key}{NOTE_CLOSE}"


def strip_sentinels(text: str) -> str:
    """The text without page and note sentinels (for tests on the words alone)."""
    if PAGE_OPEN not in text and NOTE_OPEN not in text:
        return text  # most paragraphs have none: no copy
    return _SENTINELS.sub("", text)


def parse_text(text: str, note_for: NoteFor | None = None, lang: str = "nl") -> tuple[Inline, ...]:
    """Text with sentinels, URLs, «quotes» and foreign phrases as model inlines."""
    parts: list[Inline] = []
    position = 0
    for match in _specials(text):
        parts.extend(parse_inlines(text[position : match.start()], lang))
        if match.group(1) is not None:
            parts.append(PageStart(match.group(1)))
        elif match.group(2) is not None:
            note = note_for(match.group(2)) if note_for is not None else None
            if note is not None:
                parts.append(note)
        else:
            url = match.group(3)
            target = url if "://" in url else f"https://{url}"
            parts.append(Link((Text(url),), target))
        position = match.end()
    parts.extend(parse_inlines(text[position:], lang))
    return _merge_text(parts)


def _specials(text: str) -> Iterator[re.Match[str]]:
    """The sentinels and URLs in ``text``. Most paragraphs have none, and checking for their marks
    (a sentinel's first character, "://", "www." in any case) costs less than searching for them."""
    if PAGE_OPEN in text or NOTE_OPEN in text or "://" in text or "www." in text.lower():
        return _SPECIAL.finditer(text)
    return iter(())


def _merge_text(parts: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for part in parts:
        if isinstance(part, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + part.text)
        elif not (isinstance(part, Text) and not part.text):
            merged.append(part)
    return tuple(merged)


# A word: letters, with hyphens and apostrophes inside (split keeps the words, at odd places).
_WORD = re.compile(r"([^\W\d_]+(?:[-'][^\W\d_]+)*)", re.UNICODE)

# A word leans English when its Zipf frequency in English is this much above its Dutch one ...
_LEANS = 0.25
# ... and a run is English when at least one word is clearly English and common in English.
_CLEARLY = 1.5
_COMMON = 4.0


def parse_inlines(text: str, lang: str = "nl") -> tuple[Inline, ...]:
    """Text with «quotes» and foreign phrases as model inlines."""
    parts: list[Inline] = []
    position = 0
    for match in _QUOTE.finditer(text):
        parts.extend(mark_languages(text[position : match.start()], lang))
        parts.append(Quoted(mark_languages(match.group(1), lang)))
        position = match.end()
    parts.extend(mark_languages(text[position:], lang))
    return tuple(parts)


def mark_languages(text: str, lang: str) -> tuple[Inline, ...]:
    """Split ``text`` into plain text and English runs (only inside Dutch text)."""
    if not text:
        return ()
    if lang != "nl":
        return (Text(text),)
    pieces = _WORD.split(text)  # text between words, a word, text between words, …, text after the last
    signs = list(map(_word_signs, pieces[1::2]))  # the word at pieces[2 * n + 1] has signs[n]
    if _mostly_english(signs):
        lead = len(text) - len(text.lstrip())
        tail = len(text.rstrip())
        parts: list[Inline] = [Text(text[:lead])] if lead else []
        parts.append(Foreign((Text(text[lead:tail]),), "en"))
        return tuple(parts + ([Text(text[tail:])] if tail < len(text) else []))
    if not any(map(_LEANS_ENGLISH, signs)):
        return (Text(text),)  # most stretches: no word leans English
    runs: list[tuple[int, int]] = []
    run: list[int] = []  # the run of English-leaning words so far, only white space between them
    # most words lean Dutch: a run they would end is closed at the next English-leaning word
    for index in compress(range(1, len(pieces), 2), map(_LEANS_ENGLISH, signs)):
        if not (run and run[-1] == index - 2 and pieces[index - 1].isspace()):
            _close_run(run, pieces, runs)
            run = []
        run.append(index)
    _close_run(run, pieces, runs)
    out: list[Inline] = []
    position = 0
    for first, last in runs:
        if before := "".join(pieces[position:first]):
            out.append(Text(before))
        out.append(Foreign((Text("".join(pieces[first : last + 1])),), "en"))
        position = last + 1
    if rest := "".join(pieces[position:]):
        out.append(Text(rest))
    return tuple(out)


def _close_run(run: list[int], pieces: list[str], runs: list[tuple[int, int]]) -> None:
    """Keep a run of English-leaning words that has two words of more than a letter, one clearly English."""
    if sum(len(pieces[i]) > 1 for i in run) >= 2 and any(_word_signs(pieces[i]).clearly_english for i in run):
        runs.append((run[0], run[-1]))


def _mostly_english(signs: list[_Signs]) -> bool:
    """A whole stretch in English (a title quoted from an EU proposal): most words lean English."""
    english: int = sum(map(attrgetter("any_case_english"), signs))
    if english < 5:
        return False  # most stretches: too few English words to look further
    dutch: int = sum(map(attrgetter("any_case_dutch"), signs))
    words: int = sum(map(attrgetter("word"), signs))
    return words >= 6 and english >= 0.75 * (english + dutch)


class _Signs(NamedTuple):
    """What a word's frequencies say of its language; worked out once per word (a paper repeats its words)."""

    any_case_english: bool  # in lower case, the word leans English ...
    any_case_dutch: bool  # ... or Dutch (for a stretch that is English as a whole)
    leans_english: bool  # a lower-case word that leans English (capitalised words are names) ...
    clearly_english: bool  # ... and is common in English and much more so than in Dutch
    word: bool = True  # False: no letter first ("²x"), so not counted as a word and no sign at all


_LEANS_ENGLISH = attrgetter("leans_english")
_NO_WORD = _Signs(any_case_english=False, any_case_dutch=False, leans_english=False, clearly_english=False, word=False)


@functools.cache
def _word_signs(word: str) -> _Signs:
    if not word[:1].isalpha():
        return _NO_WORD
    lower = word.lower()
    lower_en, lower_nl = _frequencies(lower)
    any_case_english, any_case_dutch = lower_en - lower_nl >= _LEANS, lower_nl - lower_en >= _LEANS
    if not word.islower():
        return _Signs(any_case_english, any_case_dutch, leans_english=False, clearly_english=False)
    english, dutch = (lower_en, lower_nl) if lower == word else _frequencies(word)
    return _Signs(
        any_case_english,
        any_case_dutch,
        leans_english=english - dutch >= _LEANS,
        clearly_english=english >= _COMMON and english - dutch >= _CLEARLY,
    )


def _frequencies(word: str) -> tuple[float, float]:
    """The word's Zipf frequencies in English and in Dutch."""
    dutch, english = zipf_frequencies(word)
    return english, dutch
