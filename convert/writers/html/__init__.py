"""The semantic HTML writer: one complete, self-contained, accessible page per document.

Landmarks (``header``, ``main``, ``footer``), a skip link, one ``h1``, the paper's metadata as
text and as ``<meta>``, ``lang`` on foreign phrases, DPUB-ARIA notes and page breaks. The CSS is
``styles/html.css`` behind the style's tokens as custom properties (:func:`css_variables`).
"""

from __future__ import annotations

from typing import ClassVar

from convert.model import Document, Meta
from convert.style import Style
from convert.text import format_date, full_title, paper_label
from convert.writers.html.render import Renderer, escape, labels


def css_variables(style: Style) -> str:
    """The style's tokens as CSS custom properties: the only place HTML meets the design tokens."""
    c = style.colours
    tokens = {
        "body-font": style.body.css_family,
        "heading-font": style.heading.css_family,
        "body-size": f"{style.body.size_pt / 11:.4g}rem",  # screens read larger: 11 pt print is 1 rem (16 px)
        "small-size": f"{style.small.size_pt / style.body.size_pt:.4g}em",
        "leading": f"{style.body.leading:.4g}",
        "heading-leading": f"{style.heading.leading:.4g}",
        "measure": f"{style.layout.measure_em:.4g}em",
        "paragraph-space": f"{style.layout.paragraph_space_em:.4g}em",
        "text-align": "justify" if style.screen.align == "justify" else "left",
        "hyphens": "auto" if style.screen.hyphenate else "manual",  # visual only: never in the text
        "text": c.text,
        "background": c.background,
        "muted": c.muted,
        "link": c.link,
        "rule": c.rule,
        "focus": c.focus,
        "dark-text": c.dark_text,
        "dark-background": c.dark_background,
        "dark-muted": c.dark_muted,
        "dark-link": c.dark_link,
        "dark-focus": c.dark_focus,
    }
    for level, size in enumerate(style.heading.sizes_pt, start=1):
        tokens[f"h{level}-size"] = f"{size / style.body.size_pt:.4g}em"
    lines = "".join(f"--{name}: {value};" for name, value in tokens.items())
    return f":root{{{lines}}}"


def stylesheet(style: Style) -> str:
    return css_variables(style) + "\n" + (style.directory / "html.css").read_text(encoding="utf-8")


def head_metadata(meta: Meta) -> list[tuple[str, str]]:
    """Dublin Core names for the paper's metadata, as ``<meta name content>`` pairs."""
    pairs = [("description", describe(meta)), ("dcterms.title", meta.title), ("dcterms.language", meta.lang)]
    if meta.identifier:
        pairs.append(("dcterms.identifier", meta.identifier))
    if meta.date:
        pairs.append(("dcterms.date", meta.date.isoformat()))
    pairs += [("dcterms.subject", f"{d.number} {d.title}".strip()) for d in meta.dossiers]
    pairs += [("dcterms.type", meta.kind)] if meta.kind else []
    return pairs


def describe(meta: Meta) -> str:
    """A one-sentence description of the paper, from its metadata."""
    parts = [paper_label(meta) or meta.title]
    if meta.kind and meta.kind != parts[0]:
        parts.append(meta.kind)
    if meta.dossiers:
        parts.append("over " + "; ".join(d.title for d in meta.dossiers if d.title))
    if meta.date:
        parts.append(format_date(meta.date, meta.lang))
    return ", ".join(p for p in parts if p.strip() and p != "over ") + "."


class HtmlWriter:
    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html"

    def write(self, doc: Document, style: Style) -> bytes:
        meta = doc.meta
        words = labels(meta.lang)
        renderer = Renderer(lang=meta.lang)
        body = renderer.blocks(doc.body)
        notes = renderer.notes_section()
        head_meta = "".join(
            f'<meta name="{escape(name)}" content="{escape(value)}">' for name, value in head_metadata(meta)
        )
        banner = escape(paper_label(meta) or meta.title)
        footer = escape(" · ".join(p for p in (meta.identifier or "", words["generated"]) if p))
        page = (
            "<!DOCTYPE html>\n"
            f'<html lang="{escape(meta.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(full_title(meta))}</title>\n{head_meta}\n"
            f"<style>\n{stylesheet(style)}</style>\n</head>\n<body>\n"
            f'<a class="skip-link" href="#main">{escape(words["skip"])}</a>\n'
            f'<header class="site-header"><p>{banner}</p></header>\n'
            f'<main id="main">\n{renderer.front_matter(meta)}\n'
            f'<div class="paper-body">{body}</div>\n{notes}\n</main>\n'
            f'<footer class="site-footer"><p>{footer}</p></footer>\n'
            "</body>\n</html>\n"
        )
        return page.encode("utf-8")
