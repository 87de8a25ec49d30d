"""Inline structure of a re-flowed paragraph: quotations and changes of language.

Foreign phrases are found with word frequencies (wordfreq's Dutch and English lists): a run of two
or more lower-case words that are each more common in English than in Dutch, one of them clearly so,
is marked English. Capitalised words are names and are left alone (WCAG 3.1.2 excepts proper names).
"""

from __future__ import annotations

import functools
import re

from convert.model import Foreign, Inline, Quoted, Text

_QUOTE = re.compile(r"«([^«»]+)»")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\s+|.", re.UNICODE)

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
    tokens = _TOKEN.findall(text)
    words = [i for i, token in enumerate(tokens) if token[:1].isalpha()]
    runs: list[tuple[int, int]] = []
    run: list[int] = []
    for index in words + [len(tokens)]:
        leaning = index < len(tokens) and _leans_english(tokens[index])
        adjacent = bool(run) and index < len(tokens) and all(t.isspace() for t in tokens[run[-1] + 1 : index])
        if leaning and (not run or adjacent):
            run.append(index)
            continue
        if len(run) >= 2 and any(_clearly_english(tokens[i]) for i in run):
            runs.append((run[0], run[-1]))
        run = [index] if leaning else []
    out: list[Inline] = []
    position = 0
    for first, last in runs:
        if first > position:
            out.append(Text("".join(tokens[position:first])))
        out.append(Foreign((Text("".join(tokens[first : last + 1])),), "en"))
        position = last + 1
    if position < len(tokens):
        out.append(Text("".join(tokens[position:])))
    return tuple(out)


@functools.cache
def _frequencies(word: str) -> tuple[float, float]:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en"), zipf_frequency(word, "nl")


def _leans_english(word: str) -> bool:
    if not word.islower():
        return False
    english, dutch = _frequencies(word)
    return english - dutch >= _LEANS


def _clearly_english(word: str) -> bool:
    english, dutch = _frequencies(word)
    return english >= _COMMON and english - dutch >= _CLEARLY
