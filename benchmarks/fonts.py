"""Fonts in HTML and EPUB: what carrying them would cost, against naming a fallback stack.

``python -m benchmarks.fonts`` (needs fontTools with brotli: ``pip install 'fonttools[woff]'``)
writes each paper's EPUB as the converter makes it (a CSS font stack, no font files), then
subsets every face the page uses to the characters of the paper (an upper bound: every character
in every face) as WOFF2 and as TrueType, and prints the EPUB's size with those files added. The
choice in ``styles/default.toml`` follows from these figures (docs/fonts.md).
"""

from __future__ import annotations

import argparse
import io
import zipfile

from benchmarks.corpus import fixtures, long_paper
from convert.readers import read
from convert.style import load_style
from convert.text import plain_text
from convert.writers import get_writer

# the faces the HTML and EPUB set: body text, its bold and italic, and the bold headings
FACES = ("regular", "bold", "italic", "heading-bold")


def subset_bytes(font_file: str, text: str, flavor: str | None) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["kern", "liga", "calt"]
    font = subset.load_font(font_file, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def font_files() -> dict[str, str]:
    style = load_style("default")
    return {
        "regular": str(style.font_path(style.body.regular)),
        "bold": str(style.font_path(style.body.bold)),
        "italic": str(style.font_path(style.body.italic)),
        "heading-bold": str(style.font_path(style.heading.bold)),
    }


def with_fonts(epub: bytes, fonts: dict[str, bytes]) -> int:
    """The EPUB's size with the font files added (deflated as a packager would store them)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(epub)) as book, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in book.infolist():
            new.writestr(info, book.read(info.filename))
        for name, data in fonts.items():
            new.writestr(f"EPUB/fonts/{name}", data)
    return len(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    files = font_files()
    samples = [s for s in fixtures() if s.name == "seed"] + [long_paper(100)]
    print("| paper | EPUB, font stack | + subset WOFF2 | + subset TrueType | + whole TrueType |")
    print("|---|--:|--:|--:|--:|")
    for sample in samples:
        doc = read(sample.text)
        epub = get_writer("epub").write(doc, load_style("default"))
        text = "".join(sorted(set(plain_text(doc)))) + "0123456789"
        woff2 = {f"{face}.woff2": subset_bytes(path, text, "woff2") for face, path in files.items()}
        ttf = {f"{face}.ttf": subset_bytes(path, text, None) for face, path in files.items()}
        whole = {f"{face}.ttf": open(path, "rb").read() for face, path in files.items()}  # noqa: SIM115
        sizes = (len(epub), with_fonts(epub, woff2), with_fonts(epub, ttf), with_fonts(epub, whole))
        print(f"| {sample.name} | " + " | ".join(f"{size / 1000:.0f} kB" for size in sizes) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
