"""The reader on real papers: metadata, identifiers, furniture, notes, pages and structure per fixture.

Expected values come from the papers themselves (and the corpus manifest), not from the reader.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from convert.model import Closing, Document, Figure, Heading, List, Note, PageStart, Paragraph, Section
from convert.text import block_lines, front_matter, inline_text, plain_text
from convert.walk import iter_blocks, notes, page_starts
from tests.conftest import FIXTURE_NAMES, FIXTURES, fixture_document

FURNITURE = [
    re.compile(r"(?:Tweede|Eerste) Kamer, (?:vergaderjaar|zitting) \d{4}"),
    re.compile(r"Staten-Generaal, vergaderjaar"),
    re.compile(r"ISSN ?\d{4}"),
    re.compile(r"Pagina \d+ van \d+"),
    re.compile(r"\b(?:kst|ah-tk)-\d"),
    re.compile(r"[’']s[- ]Gravenhage \d{4}\b"),
    re.compile(r"Sdu Uitgeverij"),
]

IDENTIFIERS = {
    "seed": "kst-24077-537",
    "motie-32545-143": "kst-32545-143",
    "kamervragen-ah-tk-20232024-2271": "ah-tk-20232024-2271",
    "kamervragen-ah-tk-20232024-1292": "ah-tk-20232024-1292",
    "hist-brief-21980-14": "kst-21980-14",
    "hist-amendement-21561-37": "kst-21561-37",
    # the text of these three does not carry an identifier, and the reader does not invent one
    "bijlage-bnc-fiche-5-mifir-2021": None,
    "stb-2018-84": None,
    "stcrt-2013-10981": None,
}

NOTE_COUNTS = {
    "kamervragen-ah-tk-20232024-2271": 17,
    "kamervragen-ah-tk-20232024-1292": 1,
    "bijlage-bnc-fiche-5-mifir-2021": 13,
    "hist-brief-21980-14": 1,
}

DIAGNOSTICS = {
    "seed": [],
    "motie-32545-143": [],
    "kamervragen-ah-tk-20232024-1292": [],
    "kamervragen-ah-tk-20232024-2271": [],  # "2." and "3." at the page bottom go back to their titles
    "bijlage-bnc-fiche-5-mifir-2021": ["KS001"],  # a rijksoverheid.nl attachment, not a kst paper
    "stcrt-2013-10981": ["KS001"],  # a municipal notice, not a kst paper
    "stb-2018-84": ["KS040", "KS040"],  # two images named only
    "hist-brief-21980-14": [],
    "hist-amendement-21561-37": [],
}


def body_text(doc: Document) -> str:
    return "\n".join(line for block in doc.body for line in block_lines(block))


def test_every_fixture_is_covered_by_these_tables() -> None:
    assert set(FIXTURE_NAMES) == set(IDENTIFIERS) == set(DIAGNOSTICS)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_official_identifier(name: str) -> None:
    assert fixture_document(name).meta.identifier == IDENTIFIERS[name]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_furniture_in_the_body(name: str) -> None:
    text = plain_text(fixture_document(name))
    leaked = [pattern.pattern for pattern in FURNITURE if pattern.search(text)]
    assert not leaked, f"furniture in the text: {leaked}"
    assert "\f" not in text


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_page_number_lines_in_the_body(name: str) -> None:
    lines = [line.strip() for line in body_text(fixture_document(name)).split("\n")]
    assert not [line for line in lines if re.fullmatch(r"\d{1,3}", line)]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_note_has_text_and_notes_count_up(name: str) -> None:
    found = notes(fixture_document(name))
    assert [note.label for note in found] == [str(n) for n in range(1, len(found) + 1)]
    for note in found:
        assert note.blocks and all(inline_text(b.children).strip() for b in note.blocks if isinstance(b, Paragraph))
    assert len(found) == NOTE_COUNTS.get(name, 0)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_diagnostics_are_exactly_the_expected_ones(name: str) -> None:
    doc = fixture_document(name)
    assert [d.code for d in doc.diagnostics] == DIAGNOSTICS[name]
    assert all(d.line for d in doc.diagnostics), "every diagnostic names its line"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_text_is_normalised(name: str) -> None:
    text = plain_text(fixture_document(name))
    assert unicodedata.is_normalized("NFC", text)
    assert not re.search("[\ue000-\ue003]", text), "a sentinel leaked"


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("kamervragen-ah-tk-20232024-2271", 6),
        ("kamervragen-ah-tk-20232024-1292", 3),
        ("bijlage-bnc-fiche-5-mifir-2021", 15),
        ("motie-32545-143", 1),
    ],
)
def test_every_print_page_starts_with_a_marker_in_order(name: str, pages: int) -> None:
    doc = fixture_document(name)
    assert [p.label for p in page_starts(doc)] == [str(n) for n in range(1, pages + 1)]
    assert doc.meta.source_pages == pages


def test_page_marker_inside_a_paragraph_that_runs_over_the_page() -> None:
    doc = fixture_document("kamervragen-ah-tk-20232024-2271")
    para = next(b for b in iter_blocks(doc.body) if isinstance(b, Paragraph) and PageStart("4") in b.children)
    text = inline_text(para.children)
    assert "ggz-instellingen houdt zich specifiek bezig met onderzoek" in text


# ---------------------------------------------------------------- per paper


def test_motion_metadata_and_formula() -> None:
    doc = fixture_document("motie-32545-143")
    meta = doc.meta
    assert (meta.chamber, meta.session, meta.paper_number) == ("Tweede Kamer der Staten-Generaal", "2020–2021", "143")
    assert [(d.number, d.title) for d in meta.dossiers] == [("32 545", "Wet- en regelgeving financiële markten")]
    assert meta.title == "Motie van de leden Inge van Dijk en Grinwis"
    assert (meta.date_label, meta.date) == ("Voorgesteld", dt.date(2021, 7, 6))
    starts = [inline_text(b.children).split(" ")[0] for b in doc.body if isinstance(b, Paragraph)]
    assert starts == ["De", "gehoord", "constaterende", "constaterende", "overwegende", "verzoekt", "verzoekt", "en"]
    assert [s.name for s in doc.signatories] == ["Inge van Dijk", "Grinwis"]


def test_aanhangsel_header_and_questions() -> None:
    doc = fixture_document("kamervragen-ah-tk-20232024-2271")
    meta = doc.meta
    assert meta.paper_number == "2271"
    assert meta.questioners == ("Westerveld (GroenLinks-PvdA)",)
    assert (meta.date_submitted, meta.date, meta.date_label) == (
        dt.date(2024, 6, 21),
        dt.date(2024, 8, 12),
        "Ontvangen",
    )
    assert meta.title.startswith("Vragen van het lid Westerveld") and "ingezonden" not in meta.title
    sections = [b for b in doc.body if isinstance(b, Section)]
    assert [s.role for s in sections] == ["vraag", "antwoord"] * 12
    assert [inline_text(s.heading.children) for s in sections[:2]] == ["Vraag 1", "Antwoord 1"]
    assert not doc.signatories, "an Aanhangsel has no signature"


def test_aanhangsel_notes_link_to_their_markers() -> None:
    doc = fixture_document("kamervragen-ah-tk-20232024-2271")
    text = plain_text(doc)
    for glued in ("«code zwart» is?1", "First Eet Kit2 opgezet", "heeft gepubliceerd13.", "ambtsvoorganger17."):
        assert glued in text
    assert "4 april jl. heeft gepubliceerd13." in text, "a body line starting with a number stays in the body"
    note13 = notes(doc)[12]
    assert inline_text(note13.blocks[0].children) == "https://puc.overheid.nl/nza/doc/PUC_760147_22/"  # type: ignore[union-attr]


def test_dash_list_with_an_item_over_a_blank_line() -> None:
    doc = fixture_document("kamervragen-ah-tk-20232024-1292")
    lists = [b for b in iter_blocks(doc.body) if isinstance(b, List)]
    assert [(lst.kind, len(lst.items)) for lst in lists] == [("dash", 2)]
    second = inline_text(lists[0].items[1].blocks[0].children)  # type: ignore[union-attr]
    assert second.endswith("van de Wet maatschappelijke ondersteuning 2015 verlenen of ontvangen.")
    assert "paspoort- en verblijfsstatushouders" in plain_text(doc)


def test_fiche_numbered_and_lettered_headings() -> None:
    doc = fixture_document("bijlage-bnc-fiche-5-mifir-2021")
    headings = [(b.level, inline_text(b.children)) for b in iter_blocks(doc.body) if isinstance(b, Heading)]
    numbered = [text for level, text in headings if level == 2]
    assert [t.split(".")[0] for t in numbered] == [str(n) for n in range(1, 9)]
    assert (3, "a) Titel voorstel") in headings
    text = plain_text(doc)
    for kept in ("EU-regelgeving", "otc-derivaten", "niet-professionele", "beleggingsdiensten en -producten"):
        assert kept in text


def test_staatsblad_articles_leden_and_closings() -> None:
    doc = fixture_document("stb-2018-84")
    assert doc.meta.title.startswith("Besluit van 9 maart 2018, houdende vaststelling")
    assert doc.meta.date == dt.date(2018, 3, 9)
    articles = [b for b in doc.body if isinstance(b, Section) and b.role == "artikel"]
    assert [inline_text(a.heading.children) for a in articles] == ["Artikel 1", "Artikel 2", "Artikel 3"]
    leden = articles[0].blocks[0]
    assert isinstance(leden, List) and [i.label for i in leden.items] == ["1.", "2.", "3."]
    letters = leden.items[0].blocks[-1]
    assert isinstance(letters, List) and letters.kind == "letter" and len(letters.items) == 2
    assert sum(isinstance(b, Figure) for b in iter_blocks(doc.body)) == 2
    closings = [b for b in doc.body if isinstance(b, Closing)]
    assert closings[0].place_date == "Wassenaar, 9 maart 2018"
    assert [s.name for s in doc.signatories] == ["Willem-Alexander", "M. Snel", "F.B.J. Grapperhaus"]


def test_ocr_papers() -> None:
    letter = fixture_document("hist-brief-21980-14")
    assert letter.meta.title == "Brief van de Staatssecretaris van Justitie"
    assert (letter.meta.place, letter.meta.date) == ("'s-Gravenhage", dt.date(1993, 3, 19))
    assert [(s.function, s.name) for s in letter.signatories] == [("De Staatssecretaris van Justitie", "A. Kosto")]
    assert "jeugdwelzijnsbeleid" in plain_text(letter)
    amendment = fixture_document("hist-amendement-21561-37")
    assert (amendment.meta.date_label, amendment.meta.date) == ("Ontvangen", dt.date(1994, 2, 17))
    assert [s.name for s in amendment.signatories] == ["Van der Vlies", "Willems"]
    roles = [b.role for b in amendment.body if isinstance(b, Section)]
    assert roles == ["artikel", "toelichting"]


def test_notice_headings_and_bullet() -> None:
    doc = fixture_document("stcrt-2013-10981")
    headings = [inline_text(b.children) for b in iter_blocks(doc.body) if isinstance(b, Heading)]
    assert headings == ["Voornemen", "Ter visie legging", "Zienswijzen"]
    assert [b.kind for b in doc.body if isinstance(b, List)] == ["bullet"]


def test_front_matter_comes_from_meta_only() -> None:
    doc = fixture_document("motie-32545-143")
    fields = dict(front_matter(doc.meta))
    assert fields["number"] == "Nr. 143" and fields["date"] == "Voorgesteld 6 juli 2021"
    assert not any(isinstance(i, Note) for b in doc.body if isinstance(b, Paragraph) for i in b.children)


def test_fixtures_have_provenance() -> None:
    for name in FIXTURE_NAMES:
        assert (FIXTURES / name / "PROVENANCE.md").is_file(), name
