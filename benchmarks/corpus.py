"""Benchmark inputs: the seed, every fixture, long papers made from them, and a batch of small papers.

A *page* is a print page of the source: the text between form feeds, as pdf text extraction gives
it. The long papers are the seed's header, then pages that alternate between the seed's body and
the pages of the longest fixture (a 15-page EU fiche with lists and running footers), each page
about 3 000 characters, then the seed's signature, so the reader sees what real long papers hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed" / "source.txt"
LONG_SOURCE = FIXTURES / "bijlage-bnc-fiche-5-mifir-2021" / "source.txt"
PAGE_CHARS = 3000
LONG_PAGES = (10, 100, 500)


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    text: str
    pages: int


def archive_file(start: Path = ROOT) -> Path | None:
    """The parliamentary archive (``shared/archive/sgd-train.jsonl``) beside the checkout or beside one of
    the folders it sits in (a clean clone in a folder of its own), or None where it is not."""
    for folder in start.parents:
        candidate = folder / "shared" / "archive" / "sgd-train.jsonl"
        if candidate.is_file():
            return candidate
    return None


def count_pages(text: str) -> int:
    """Print pages: form feeds + 1, or the length in 3 000-character pages when the text has none."""
    body = text.strip()
    if "\f" in body:
        return body.count("\f") + 1
    return max(1, math.ceil(len(body) / PAGE_CHARS))


def fixtures() -> list[Sample]:
    """The seed first, then every fixture by name."""
    names = ["seed"] + sorted(
        p.name for p in FIXTURES.iterdir() if (p / "source.txt").is_file() and p.name != "seed"
    )  # fmt: skip
    samples = []
    for name in names:
        text = (FIXTURES / name / "source.txt").read_text(encoding="utf-8")
        samples.append(Sample(name, text, count_pages(text)))
    return samples


def _seed_parts() -> tuple[str, list[str], str]:
    """The seed's header (up to the date line), its body paragraphs, and its signature."""
    text = SEED.read_text(encoding="utf-8")
    chunks = [c for c in text.split("\n\n") if c.strip()]
    date = next(i for i, c in enumerate(chunks) if c.strip().startswith("Den Haag,"))
    header = "\n\n".join(chunks[: date + 1])
    body = chunks[date + 1 : -1]
    return header, body, chunks[-1]


def _fiche_pages() -> list[str]:
    pages = LONG_SOURCE.read_text(encoding="utf-8").split("\f")
    return [p.strip("\n") for p in pages[1:] if p.strip()]  # its first page is its own header


def long_paper(pages: int) -> Sample:
    """A paper of ``pages`` print pages, built from the seed and the longest fixture."""
    header, seed_body, signature = _seed_parts()
    fiche = _fiche_pages()
    out = [header]
    seed_index = fiche_index = 0
    for page in range(pages):
        if page % 2 == 0:
            chunk: list[str] = []
            while sum(len(c) for c in chunk) < PAGE_CHARS:
                chunk.append(seed_body[seed_index % len(seed_body)])
                seed_index += 1
            out.append("\n\n".join(chunk))
        else:
            out.append(fiche[fiche_index % len(fiche)])
            fiche_index += 1
        if page < pages - 1:
            out.append("\f")
    out.append(signature)
    text = "\n\n".join(out) + "\n"
    return Sample(f"long-{pages}", text, pages)


def batch_papers(count: int) -> list[Sample]:
    """``count`` seed-sized papers: the seed and the small fixtures in turn, each with its own number."""
    small = [s for s in fixtures() if len(s.text) < 2 * PAGE_CHARS]
    papers = []
    for i in range(count):
        base = small[i % len(small)]
        text = base.text.replace("Nr. 537", f"Nr. {1000 + i}") + f"\n\nKenmerk {i}.\n"
        papers.append(Sample(f"paper-{i:05d}", text, base.pages))
    return papers


def write_batch(folder: Path, count: int) -> list[Path]:
    """Write the batch papers into ``folder``, one subfolder per hundred (as archives are laid out)."""
    paths = []
    for i, sample in enumerate(batch_papers(count)):
        path = folder / f"{i // 100:03d}" / f"{sample.name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, encoding="utf-8")
        paths.append(path)
    return paths
