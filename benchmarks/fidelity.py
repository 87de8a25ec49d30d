"""How faithfully the reader gets each corpus paper, measured against its official XML or HTML.

    python3 -m benchmarks.fidelity            # the table, as Markdown
    python3 -m benchmarks.fidelity --json     # the figures as JSON

For every fixture (``fixtures/<name>/source.txt``) it prints:

* **words**: the share of the official text's words that the model's reading-order text
  (``convert.text.plain_text``: front matter, body, notes) has, in order. Both sides are split into
  words (letters and digits, inner hyphens and apostrophes kept) and aligned with difflib; words are
  compared without case, because the reader re-cases the title printed in capitals on purpose.
  List labels ("1.", "a.") are left out on both sides: the model keeps them as labels, not text.
* **extra**: model words that the official text does not have (should be near 0).
* **para P / para R**: precision and recall of paragraph starts. A paragraph start is the word that
  opens a block: a ``<p>``/``<h*>``/``<li>`` in HTML, a block element (``al``, ``titel``, ...) in
  XML, a line of ``plain_text`` in the model. Starts are compared after the word alignment.
* **notes**: footnotes found, and how many of them sit at a marker in the text (a note the reader had
  to place without a marker is counted as found, not linked); the official count where known.
* **leaked**: lines of furniture (running footers, page numbers, colophon, ISSN and printer lines,
  ``Pagina N van M``) in the model's text. Must be 0 for every paper.

Papers without an official XML or HTML get the notes and furniture columns only.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree, html

from convert.readers import read
from convert.text import plain_text
from convert.walk import notes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_FURNITURE = re.compile(
    r"(?:Tweede|Eerste) Kamer, (?:vergaderjaar|zitting) \d{4}|Staten-Generaal, vergaderjaar|ISSN ?\d{4}"
    r"|Pagina \d+ van \d+|^(?:kst|ah-tk|ah-ek)-\d|^[’']s[- ]Gravenhage \d{4}$|Sdu Uitgeverij|^\d{1,3}$"
)
# KOOP XML elements that hold one printed block of text; list and lid numbers are labels.
_XML_BLOCKS = {
    "titel", "subtitel", "intitule", "wij", "considerans.al", "al", "dossiernr", "stuknr", "datumtekst",
    "dagtekening", "koning", "functie", "naam", "datum", "kop", "tussenkop", "tekstregel",
}  # fmt: skip
_XML_SKIP = {"metadata", "lidnr", "li.nr", "plaatje", "illustratie", "noot", "meta"}
_XML_SKIP_LINES = {"kamernummer", "documenttype"}  # margin number and series name: not printed as text
_HTML_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"}


@dataclass
class Fidelity:
    paper: str
    official: str  # "xml", "html" or ""
    words: float | None = None  # % of official words present, in order
    extra: float | None = None  # % of model words not in the official text
    para_precision: float | None = None
    para_recall: float | None = None
    notes_found: int = 0
    notes_linked: int = 0
    notes_official: int | None = None
    leaked: int = 0


def official_blocks_xml(path: Path) -> tuple[list[str], int]:
    """The printed blocks of a KOOP XML file, in order, and its number of footnotes."""
    tree = etree.parse(str(path))
    blocks: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _XML_SKIP or (tag == "tekstregel" and element.get("inhoud") in _XML_SKIP_LINES):
            return
        if tag in _XML_BLOCKS and not (tag == "datum" and element.getparent().tag == "dagtekening"):
            text = " ".join(_xml_text(element).split())
            if text:
                blocks.append(text)
            return
        for child in element:
            walk(child)

    root = tree.getroot()
    for head in root.iter("kamerstukkop"):
        # print order is chamber, then vergaderjaar; the XML lists them the other way round
        lines = sorted(head.findall("tekstregel"), key=lambda e: e.get("inhoud") != "kameraanduiding")
        for line in head.findall("tekstregel"):
            head.remove(line)
        head.extend(lines)
    for dossier in root.iter("dossier"):
        # the dossier number and title form one line ("32 545 Wet- en regelgeving …")
        number, title = dossier.find("dossiernummer/dossiernr"), dossier.find("titel")
        if number is not None and title is not None:
            number.text = f"{_xml_text(number)} {_xml_text(title)}"
            dossier.remove(title)
    walk(root)
    return [b for b in blocks if b], len(tree.findall(".//noot"))


def _xml_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _XML_SKIP:
            parts.append(_xml_text(child))
        parts.append(child.tail or "")
    return " ".join(parts) if element.tag in ("kop", "naam", "dagtekening") else "".join(parts)


def official_blocks_html(path: Path) -> tuple[list[str], int]:
    """The printed blocks of an officielebekendmakingen HTML page (``div#broodtekst``), and its notes."""
    document = html.fromstring(path.read_bytes())
    body = document.get_element_by_id("broodtekst", None)
    root = body if body is not None else document.body
    for junk in root.xpath(".//script|.//style|.//*[contains(@class,'toc')]"):
        junk.drop_tree()
    blocks: list[str] = []
    for element in root.iter():
        if element.tag in _HTML_BLOCKS and not any(a.tag in _HTML_BLOCKS for a in element.iterancestors()):
            text = " ".join(element.text_content().split())
            text = re.sub(r"^[•–-]\s*", "", text)  # a bullet is a label in the model
            if text:
                blocks.append(text)
    return blocks, len(root.xpath(".//*[contains(@class,'noot')]"))


def words(text: str) -> list[str]:
    """Words without case; a dash between numbers ("2020–2021", XML "2020-2021") separates them."""
    text = re.sub(r"(?<=\d)[-–](?=\d)", " ", text)
    return [w.casefold() for w in _WORD.findall(text)]


def compare(official: list[str], model: list[str]) -> tuple[float, float, float, float]:
    """Words right, extra words, paragraph-start precision and recall (all in %)."""
    official_words, official_starts = _flatten(official)
    model_words, model_starts = _flatten(model)
    matcher = difflib.SequenceMatcher(None, official_words, model_words, autojunk=False)
    mapping: dict[int, int] = {}  # model word index -> official word index
    matched = 0
    for block in matcher.get_matching_blocks():
        matched += block.size
        for offset in range(block.size):
            mapping[block.b + offset] = block.a + offset
    right = 100 * matched / max(1, len(official_words))
    extra = 100 * (len(model_words) - matched) / max(1, len(model_words))
    mapped_starts = {mapping[s] for s in model_starts if s in mapping}
    hits = len(mapped_starts & official_starts)
    precision = 100 * hits / max(1, len(model_starts))
    recall = 100 * hits / max(1, len(official_starts))
    return right, extra, precision, recall


def _flatten(blocks: list[str]) -> tuple[list[str], set[int]]:
    flat: list[str] = []
    starts: set[int] = set()
    for block in blocks:
        found = words(block)
        if found:
            starts.add(len(flat))
            flat.extend(found)
    return flat, starts


def measure(name: str) -> Fidelity:
    folder = FIXTURES / name
    doc = read((folder / "source.txt").read_text(encoding="utf-8"))
    text = plain_text(doc)
    found = notes(doc)
    unplaced = sum(1 for d in doc.diagnostics if d.code == "KS011")
    result = Fidelity(name, "", notes_found=len(found), notes_linked=len(found) - unplaced)
    result.leaked = sum(1 for line in text.split("\n") if _FURNITURE.search(line.strip()))
    if (folder / "official.xml").exists():
        result.official = "xml"
        blocks, result.notes_official = official_blocks_xml(folder / "official.xml")
    elif (folder / "official.html").exists():
        result.official = "html"
        blocks, result.notes_official = official_blocks_html(folder / "official.html")
    else:
        return result
    model_blocks = text.split("\n")
    right, extra, precision, recall = compare(blocks, model_blocks)
    result.words, result.extra = round(right, 2), round(extra, 2)
    result.para_precision, result.para_recall = round(precision, 1), round(recall, 1)
    return result


def table(results: list[Fidelity]) -> str:
    def cell(value: float | None, suffix: str = "") -> str:
        return "—" if value is None else f"{value:g}{suffix}"

    lines = [
        "| paper | official | words right | extra words | para P | para R "
        "| notes found / linked (official) | furniture leaked |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        official_notes = "" if r.notes_official is None else f" ({r.notes_official})"
        lines.append(
            f"| {r.paper} | {r.official or '—'} | {cell(r.words, ' %')} | {cell(r.extra, ' %')} "
            f"| {cell(r.para_precision, ' %')} | {cell(r.para_recall, ' %')} "
            f"| {r.notes_found} / {r.notes_linked}{official_notes} | {r.leaked} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    names = sorted(p.name for p in FIXTURES.iterdir() if (p / "source.txt").is_file())
    results = [measure(name) for name in names]
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
