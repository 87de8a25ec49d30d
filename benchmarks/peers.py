"""The tools a user would otherwise pick, fed the same text: pandoc (HTML, DOCX, EPUB), typst (PDF/UA-1).

pandoc reads the text as Markdown (blank lines part paragraphs, as in our sources). typst gets the
text as markup with every markup character escaped, a document title and ``lang: "nl"``, which
PDF/UA-1 requires. Form feeds become blank lines for both.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

PEERS = {"html": "pandoc", "docx": "pandoc", "epub": "pandoc", "pdf": "typst"}
_PANDOC_TO = {"html": "html5", "docx": "docx", "epub": "epub3"}
_TYPST_SPECIAL = re.compile(r"([\\#$*_`<>@\[\]=\-+/~])")


def available(peer: str) -> bool:
    if peer == "pandoc":
        return shutil.which("pandoc") is not None
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def pandoc_command(fmt: str, source: Path, target: Path) -> list[str]:
    return [
        "pandoc", "--from", "markdown", "--to", _PANDOC_TO[fmt], "--standalone",
        "--metadata", f"title={source.stem}", "--metadata", "lang=nl", "--output", str(target), str(source),
    ]  # fmt: skip


def title_of(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "Document")
    return first.replace("\\", "").replace('"', "'")


def as_markdown(text: str) -> str:
    return text.replace("\f", "\n\n")


def as_typst(text: str) -> str:
    body = _TYPST_SPECIAL.sub(r"\\\1", text.replace("\f", "\n\n"))
    return f'#set document(title: "{title_of(text)}")\n#set text(lang: "nl")\n\n{body}'


def write_peer_inputs(text: str, folder: Path, stem: str) -> tuple[Path, Path]:
    """The text as ``stem.md`` for pandoc and ``stem.typ`` for typst."""
    markdown, markup = folder / f"{stem}.md", folder / f"{stem}.typ"
    markdown.write_text(as_markdown(text), encoding="utf-8")
    markup.write_text(as_typst(text), encoding="utf-8")
    return markdown, markup
