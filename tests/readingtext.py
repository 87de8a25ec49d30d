"""The text a reader gets from an (X)HTML element, for the HTML and EPUB "same text" tests."""

from __future__ import annotations

import re

from bs4 import Tag

BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "th", "td"]


def reading_text(element: Tag) -> str:
    """The paper's text in ``element``, without the page's own words (class ``generated``): line
    breaks as spaces, images as their alt text, each innermost block once."""
    for generated in element.select(".generated"):
        generated.decompose()
    for line_break in element.find_all("br"):
        line_break.replace_with("\n")
    for image in element.find_all("img"):
        image.replace_with(image["alt"])
    lines = [block.get_text() for block in element.find_all(BLOCKS) if not block.find(["p", "th", "td"])]
    return normalise("\n".join(lines))


def normalise(text: str) -> str:
    """White space aside: runs of it count as one space."""
    return re.sub(r"\s+", " ", text).strip()
