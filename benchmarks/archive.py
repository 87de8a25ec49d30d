"""How well the reader reads the parliamentary archive: the whole file converted as one batch, then measured.

``python3 -m benchmarks.archive [ARCHIVE.jsonl] [-j 2] [--ids CAUSE] [--json OUT]``

Each record of ``../shared/archive/sgd-train.jsonl`` (``{"id", "url", "text"}``, the OCR text of one
record of Staten-Generaal Digitaal) is written out as ``{id}.txt`` and the folder is converted with
``pubconvert DIR -t html,json -j 2 --force`` in a fresh process, as a user would convert the archive;
the papers per second are that command's wall time. Then every paper's JSON and HTML are measured
against what its own text says, per kind of paper and overall:

* header found: the reader gave no KS001 (minutes of a sitting count when their title is the sitting);
* dossier and number: for papers that print a page footer naming them ("Tweede Kamer, zitting
  1980-1981, 14986, nr. 24"), the first dossier's digits and the paper number equal the footer's;
* footer in the body: a footer line's text left in the HTML's ``<main>``;
* furniture title: a title that is page furniture (a sheet mark, page number, running head,
  ``Bijlagen``) or a bare chamber name;
* kind line: for papers with a kind line in capitals in their first 25 lines ("BRIEF VAN DE
  MINISTER …"), that line as the title or the first heading;
* words: recall of the body's words (after the header's ``Nr.`` line, or its kind line where no number
  is printed; footers, colophons, running heads, sheet marks, lone page numbers and the chamber and
  session lines, which the metadata holds, left out; hyphens ignored, so a joined word counts; list
  labels such as "1", "b" and "ii" left out, as an ordered list shows them by its numbering), and how
  many papers reach 99.5 %;
* crashes (exit status 1 for a paper: our bug).

The truth comes from the papers' own text by the patterns below, which are the benchmark's, not
the reader's: a reader rule that merely copied them would still have to find the lines in context.
Failing ids are listed per cause (``--ids CAUSE`` prints them all), so the next rule is chosen from data.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from benchmarks.corpus import archive_file

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = archive_file() or ROOT.parent / "shared" / "archive" / "sgd-train.jsonl"
WORD_TARGET = 0.995

# --- the truth, from the paper's own text --------------------------------------------------------

FOOTER = re.compile(
    r"(?:(?:Tweede|Eerste|Éérste|[TI1l]weede)\s*Kamer|Staten-Generaal)\W{0,2}\s*(?:[Vv]ergaderjaar|[Zz]itting)"
    r"\s*1[\d ]{3,5}\s*(?:[-–—]\s*1[\d ]{3,5})?\s*[,.]\s*(?P<dossier>\d[\d ]*\d|\d)"
    r"(?P<rest>[^,]{0,30}(?:,\s*(?:hfdst|hoofdstuk)[^,]*)?)\s*[,.]?\s*"
    r"(?:[Nn]rs?[.,]?\s*(?P<number>\d[\d ]*[a-z]?)|(?P<letter>[A-Z]{1,2}))(?:\s*(?:[-–]|en|t/m)\s*\w+)?\W{0,3}$"
)
AANHANGSEL_FOOTER = re.compile(
    r"^\s*(?:Tweede|Eerste) Kamer\s?,?\s*(?:vergaderjaar|zitting)\s*[\d -]+,\s*Aanhangsel\b", re.IGNORECASE
)
AANHANGSEL_KIND = re.compile(r"\s*(?:VRAGEN|Vragen),? (?:gesteld )?door")
AANHANGSEL_NUMBER_LINE = re.compile(r"^\s*(?:\W?\d{1,5}\b[^a-z]*(?:Herdruk\d?)?|Schriftelijk beantwoorde vragen)\s*$")
# header lines that say only what the metadata says: the chamber and the session
HEADER_ONLY = re.compile(
    r"^\s*(?:(?:Tweede|Eerste) Kamer der Staten\W?\w+|Staten\W?Generaal|(?:Vergaderjaar|Zitting)\s+[\d -]{9,11})\s*$",
    re.IGNORECASE,
)
AANHANGSEL_NUMBER = re.compile(r"^\s*\d{2,5}\s*$")
# running heads and sheet marks of papers before about 1975 (issue 12, point 2: furniture)
OLD_FURNITURE = re.compile(
    r"^\s*(?:Handelingen der Staten.{0,60}|\d{4}\s*[—–-]\s*\d{4}\.(?:\s*(?:Tweede|Eerste) Kamer\.?)?"
    r"|[(\[]?\w{0,4}\s?[lj1i!I]?\w{0,2}a[gc]\w{0,3}[.,]?(?:\s+[A-Z]\.?)?|Vel\s*\d{0,3}\.?|\d{1,3}\s+vel"
    r"|\[\S{1,5}\.?|\d{1,3}\s*[—–-]\s*\d{1,3}\.?\]?|(?:I|II|1|11)\s+\d{3,5}(?:\s+\S+){0,2}\s+\d{1,3}[a-z]?"
    r"|(?:ZITTING|Zitting)\s+\d{4}\s*[—–-]\s*\d{4}[^a-z]{0,40}|(?:Zitting|ZITTING)\s+\d{4}\s*[—–-]\s*\d{4}\s+Aanhangsel\.?"
    r"|(?:Tweede|Eerste) Kamer(?:\.(?:\s*[\dil]{1,4}\.?)?|,?\s+\d{1,4}\.?)|(?:TWEEDE|EERSTE) KAMER\.?)\s*$"
)
COLOPHON = re.compile(r"ISSN|^\s*[’'`]?\s*s[- ]?Gravenhage\s+\d[\d ]{3,4}\s*$|^\s*[’'`]\s*$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\s*[\[(]?\d{1,4}[.,\])]?\s*$")
NUMBER_LINE = re.compile(
    r"^\s*(?:(?:Vergaderjaar|Zitting)\s+[\d ]{4,6}\s*[-–]\s*[\d ]{4,6}\s+|[A-Z][A-Z ]{3,}\s)?"
    r"(?:Nrs?|NR|IMr|No)\s?[.,]?\s*\d+[a-zA-Z]?\.?\s*$"
    r"|^\s*(?:Nrs?|NR|IMr|No)\s?[.,]?\s*\d+[a-zA-Z]?\b"
)
KIND_WORDS = (
    "BRIEF|MEMORIE|NOTA|VERSLAG|MOTIE|AMENDEMENT|GEWIJZIGD|VOORSTEL|ONTWERP|KONINKLIJKE|ADVIES|RAPPORT|"
    "NADER|EINDVERSLAG|VOORLOPIG|VERSLAGEN|LIJST|VRAGEN|ANTWOORD|REGERINGSBESLUIT|BESLUIT|NOTULEN|"
    "TEKST|JAARVERSLAG|ADRES|WETSVOORSTEL|AANVULLENDE|DERDE|TWEEDE|VIERDE|ZESDE|ZEVENDE|VIJFDE|"
    "AFSCHRIFT|BERICHT|MEDEDELING|OVERZICHT|STAAT|VERZOEKSCHRIFT|INTERPELLATIE|VOORLOPIGE|NAMENLIJST|"
    "PROCES-VERBAAL|BIJLAGE|ERRATUM|REGLEMENT|ONDERZOEK|BEANTWOORDING|VERKLARING|HERDRUK|RECTIFICATIE"
)
KIND_LINE = re.compile(r"^\s*(?:\d+[.)]?\s+)?(?:" + KIND_WORDS + r")\b")
# furniture a title must never be: sheet marks, page numbers, running heads, the annex mark, a bare chamber
FURNITURE_TITLE = re.compile(
    r"^\s*(?:[\[(]?\d{1,4}[.\])]?|Vel\s*\d*\.?|[\[(]?\d+\.?\s*[\d-]*\.?[\])]?"
    r"|Handelingen der Staten.*|Bijl\w{0,6}[.,]?(?:\s+[A-Z]\.?)?|B\w{1,5}agen\w{0,2}[.,]?|\w{0,3}\s?lagen\w{0,2}[.,]?"
    r"|(?:Zitting|ZITTING|Vergaderjaar)\s+\d{4}\s*[-–—]\s*\d{4}.*"
    r"|(?:Tweede|Eerste|TWEEDE|EERSTE)(?:\s+(?:Kamer|KAMER)(?:\s+(?:der|DER)"
    r"(?:\s+Staten[- ]Generaal|\s+STATEN[- ]GENERAAL)?)?)?[.,]?"
    r"|(?:Staten[- ]Generaal|STATEN[- ]GENERAAL)[.,]?"
    r"|\W*)\s*$"
)
SITTING = re.compile(r"\bVERGADERING\b|\bvergadering\b", re.IGNORECASE)
YEAR = re.compile(r"\b(1[89]\d\d)\s*[-–—/]\s*(?:1[89])?\d\d\b")
WORD = re.compile(r"\w+", re.UNICODE)
# a list item's label ("1.", "b.", "ii"): an ordered list shows it by its numbering, not as text
LABEL = re.compile(r"\d{1,2}|[a-z]|[ivx]{1,4}")
# "beleg- gingen": a word the print broke, which the reader joins ("Noord- en Zuid-Holland" stays apart)
SPLIT_WORD = re.compile(r"(\w)-\s+(?!(?:en|of|tot|als|dan)\b)([a-zë])")
GLUED_DATE = re.compile(r"\b(\d{1,2})([a-z]{3,})")  # "15juli": the reader reads the date apart
GLUED_MARKER = re.compile(r"([^\W\d_]{2,})(\d{1,2})\b")


def kind_of(text: str) -> str:
    """The kind of record by its first line, as the archive's README sorts them."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    lowered = first.lower()
    if re.match(r"^(?:\S?weede|eerste|tweede)\b", lowered) or "staten-generaal" in lowered.replace(" ", "-")[:40]:
        return "1975-1995 header"
    if lowered.startswith("aanhangsel"):
        return "Aanhangsel"
    if re.match(r"^zitting\s+\d{4}", lowered):
        return "Zitting running head"
    if len(first) <= 25 and re.match(r"^\W*(?:b\w{0,3}[lj1i!]\w{0,2}a?[gc]\w{0,3}|\w{0,4}\s?lagen\w{0,2})\b", lowered):
        return "Bijlagen"
    return "older / other"


def footers(text: str) -> list[re.Match[str]]:
    """The page footers that name the paper: a line that ends in one (the OCR may glue a line before it)."""
    return [match for line in text.splitlines() if len(line) < 200 and (match := FOOTER.search(line))]


def footer_truth(found: list[re.Match[str]]) -> tuple[str, str] | None:
    """The dossier digits and (first) paper number most footers of the paper print, or None."""
    votes: Counter[tuple[str, str]] = Counter()
    for match in found:
        number = (match.group("number") or match.group("letter")).replace(" ", "").lower()
        votes[(match.group("dossier").replace(" ", ""), number)] += 1
    return votes.most_common(1)[0][0] if votes else None


def kind_line(text: str) -> str | None:
    """The first line in capitals among the first 25 that starts with a kind word, or None."""
    for line in text.splitlines()[:25]:
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters) and KIND_LINE.match(line):
            return line.strip()
    return None


def session_year(text: str) -> int | None:
    match = YEAR.search(text[:3000])
    return int(match.group(1)) if match else None


def body_words(text: str) -> Counter[str]:
    """The body's words: after the header's ``Nr.`` line (when one is in the first 40 lines); footers,
    colophon lines and lone page numbers left out; hyphens and soft hyphens ignored."""
    lines = text.splitlines()
    start = next((i + 1 for i, line in enumerate(lines[:40]) if NUMBER_LINE.match(line)), 0)
    if any(line.startswith("Aanhangsel") for line in lines[:6]):
        # an Aanhangsel's header ends with its kind ("Vragen gesteld door de leden der Kamer …") and number
        start = next((i + 1 for i, line in enumerate(lines[:8]) if AANHANGSEL_KIND.match(line)), start)
        while start < len(lines) and AANHANGSEL_NUMBER_LINE.match(lines[start]):
            start += 1
    elif start == 0 and (kind := kind_line(text)):  # no "Nr." printed: the header ends with the kind line
        start = lines.index(next(line for line in lines if line.strip() == kind)) + 1
    furniture = (COLOPHON, PAGE_NUMBER, AANHANGSEL_FOOTER, OLD_FURNITURE, HEADER_ONLY)
    kept = [FOOTER.sub("", ln) for ln in lines[start:] if not any(pattern.search(ln) for pattern in furniture)]
    return words("\n".join(kept))


def words(text: str) -> Counter[str]:
    """Words, case and hyphens ignored; a note marker glued to a word ("commissie2") counts apart."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = SPLIT_WORD.sub(r"\1\2", text).replace("-", "").casefold()
    text = GLUED_DATE.sub(r"\1 \2", text)
    return Counter(w for w in WORD.findall(GLUED_MARKER.sub(r"\1 \2", text)) if not LABEL.fullmatch(w))


def recall(truth: Counter[str], got: Counter[str]) -> float:
    total = sum(truth.values())
    if not total:
        return 1.0
    return sum(min(count, got[word]) for word, count in truth.items()) / total


def _same_start(wanted: str, got: str) -> bool:
    """The kind line's letters start the title, or the title is the kind line less a date at its end."""
    return bool(wanted) and (got.startswith(wanted) or (len(got) >= 12 and wanted.startswith(got)))


def normalised_letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text).casefold())


# --- one paper's measures ------------------------------------------------------------------------


@dataclass
class Measure:
    id: str
    kind: str
    year: int | None
    crashed: bool = False
    header: bool = False
    footer: tuple[str, str] | None = None
    dossier_right: bool = False
    footer_in_body: bool = False
    furniture_title: bool = False
    kind_line: str | None = None
    kind_title: bool = False
    words: float = 1.0
    title: str = ""
    got: tuple[str, str] = ("", "")


def measure(record: dict[str, str], out: Path) -> Measure:
    text = record["text"]
    result = Measure(record["id"], kind_of(text), session_year(text))
    found_footers = footers(text)
    result.footer = footer_truth(found_footers)
    result.kind_line = kind_line(text)
    json_path, html_path = out / f"{record['id']}.json", out / f"{record['id']}.html"
    if not json_path.exists() or not html_path.exists():
        result.crashed = True
        return result
    model = json.loads(json_path.read_text(encoding="utf-8"))
    meta = model["meta"]
    codes = {d["code"] for d in model["diagnostics"]}
    result.title = meta["title"] or ""
    result.header = "KS001" not in codes
    dossiers = meta.get("dossiers") or []
    digits = re.match(r"[\d ]*", dossiers[0]["number"]).group(0).replace(" ", "") if dossiers else ""
    number = (meta.get("paper_number") or "").lower()
    result.got = (digits, number)
    if result.footer:
        result.dossier_right = result.got == result.footer
    page = lxml_html.fromstring(html_path.read_bytes())
    main = page.find(".//main")
    main_text = " ".join(main.itertext()) if main is not None else ""
    main_text = re.sub(r"\s+", " ", main_text)
    result.footer_in_body = any(" ".join(match.group(0).split()) in main_text for match in found_footers)
    result.furniture_title = bool(FURNITURE_TITLE.match(result.title))
    if result.kind_line:
        headings = [re.sub(r"\s+", " ", " ".join(h.itertext())) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        wanted = normalised_letters(result.kind_line)[:40]
        candidates = [result.title, *headings[:2]]
        result.kind_title = any(_same_start(wanted, normalised_letters(c)) for c in candidates)
    result.words = recall(body_words(text), words(main_text))
    return result


# --- the whole file ------------------------------------------------------------------------------


@dataclass
class Tally:
    papers: int = 0
    crashed: int = 0
    header: int = 0
    footer_papers: int = 0
    dossier_right: int = 0
    footer_in_body: int = 0
    footer_in_body_of_footer_papers: int = 0
    furniture_title: int = 0
    kind_papers: int = 0
    kind_title: int = 0
    words_ok: int = 0
    words_sum: float = 0.0
    failing: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, m: Measure) -> None:
        self.papers += 1
        if m.crashed:
            self.crashed += 1
            self.failing["crash"].append(m.id)
            return
        self.header += m.header
        if not m.header:
            self.failing["no header"].append(m.id)
        if m.footer:
            self.footer_papers += 1
            self.dossier_right += m.dossier_right
            self.footer_in_body_of_footer_papers += m.footer_in_body
            if not m.dossier_right:
                self.failing["dossier/number"].append(m.id)
        self.footer_in_body += m.footer_in_body
        if m.footer_in_body:
            self.failing["footer in body"].append(m.id)
        self.furniture_title += m.furniture_title
        if m.furniture_title:
            self.failing["furniture title"].append(m.id)
        if m.kind_line:
            self.kind_papers += 1
            self.kind_title += m.kind_title
            if not m.kind_title:
                self.failing["kind line not title"].append(m.id)
        self.words_sum += m.words
        self.words_ok += m.words >= WORD_TARGET
        if m.words < WORD_TARGET:
            self.failing["words < 99.5 %"].append(m.id)


def percent(part: int | float, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    —  "


def group_of(m: Measure) -> list[str]:
    """The groups a paper is counted in: its kind, the footer group and the 1945-1975 group of the issue."""
    groups = [m.kind]
    if m.footer and (m.year is None or m.year >= 1975):
        groups.append("1975-1995 with footer")
    if m.kind in ("Bijlagen", "Zitting running head") and m.year is not None and 1945 <= m.year < 1975:
        groups.append("1945-1975 Bijlagen/Zitting")
    if m.kind == "Aanhangsel":
        groups.append("Aanhangsel")
    return list(dict.fromkeys(groups))


def report(measures: list[Measure], seconds: float, show_ids: str | None) -> dict[str, object]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for m in measures:
        for group in [*group_of(m), "all papers"]:
            tallies[group].add(m)
    order = ["1975-1995 header", "1975-1995 with footer", "Zitting running head", "Bijlagen",
             "1945-1975 Bijlagen/Zitting", "Aanhangsel", "older / other", "all papers"]  # fmt: skip
    head = (f"{'group':28} {'papers':>6} {'header':>8} {'dossier+nr':>11} {'footer in body':>15} "
            f"{'furn. title':>11} {'kind title':>11} {'words≥99.5':>11} {'mean words':>10} {'crash':>5}")  # fmt: skip
    print(head)
    print("-" * len(head))
    figures: dict[str, object] = {}
    for name in order:
        t = tallies.get(name)
        if t is None:
            continue
        done = t.papers - t.crashed
        print(f"{name:28} {t.papers:6d} {percent(t.header, done):>8} {percent(t.dossier_right, t.footer_papers):>11} "
              f"{percent(t.footer_in_body, done):>15} {percent(t.furniture_title, done):>11} "
              f"{percent(t.kind_title, t.kind_papers):>11} {percent(t.words_ok, done):>11} "
              f"{percent(t.words_sum, done):>10} {t.crashed:5d}")  # fmt: skip
        figures[name] = {k: v for k, v in vars(t).items() if k != "failing"}
    everything = tallies["all papers"]
    footer_group = tallies.get("1975-1995 with footer", Tally())
    print(f"\nfooter in the body of papers with a footer: {footer_group.footer_in_body} of {footer_group.papers}")
    print(f"{len(measures)} papers in {seconds:.1f} s: {len(measures) / seconds:.0f} papers per second "
          "(pubconvert DIR -t html,json -j 2, wall time)")  # fmt: skip
    print("\nfailing papers by cause (first 12; --ids CAUSE lists all):")
    for cause, ids in sorted(everything.failing.items()):
        print(f"  {cause} ({len(ids)}): {' '.join(ids[:12])}")
    if show_ids:
        print(f"\n{show_ids}:")
        for ident in everything.failing.get(show_ids, []):
            m = next(x for x in measures if x.id == ident)
            print(f"  {ident} [{m.kind}] title={m.title[:70]!r} got={m.got} footer={m.footer} words={m.words:.3f}")
    figures["papers_per_second"] = len(measures) / seconds
    figures["failing"] = {cause: ids for cause, ids in everything.failing.items()}
    return figures


def run(archive: Path, jobs: int, workdir: Path) -> tuple[list[dict[str, str]], Path, float]:
    records = [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines() if line.strip()]
    source, out = workdir / "papers", workdir / "out"
    source.mkdir()
    for record in records:
        (source / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    command = [sys.executable, "-m", "convert", str(source), "-t", "html,json", "-j", str(jobs), "-o", str(out),
               "--force", "-q"]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return records, out, seconds


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", nargs="?", type=Path, default=ARCHIVE, help="the archive's JSON lines file")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes for the batch (default 2)")
    parser.add_argument("--ids", metavar="CAUSE", help='list every failing paper of one cause, e.g. "no header"')
    parser.add_argument("--json", type=Path, help="also write the figures and failing ids to this file")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder (it is replaced)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    with tempfile.TemporaryDirectory(prefix="pubconvert-archive-") as temp:
        records, out, seconds = run(args.archive, args.jobs, Path(temp))
        measures = [measure(record, out) for record in records]
        figures = report(measures, seconds, args.ids)
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(out, args.keep)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
