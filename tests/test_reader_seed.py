"""The seed (Kamerstuk 24 077, nr. 537) keeps exactly the reference structure of shared/seed/README.md."""

from __future__ import annotations

import datetime as dt

from convert.model import Closing, Foreign, Paragraph, Quoted, Signatory
from convert.text import inline_text, plain_text
from convert.walk import block_inlines
from tests.conftest import fixture_document


def seed():  # type: ignore[no-untyped-def]
    return fixture_document("seed")


def test_metadata() -> None:
    meta = seed().meta
    assert [(d.number, d.title) for d in meta.dossiers] == [
        ("24 077", "Drugbeleid"),
        ("29 911", "Bestrijding georganiseerde criminaliteit"),
    ]
    assert meta.paper_number == "537"
    assert meta.kind == meta.title == "Brief van de Minister van Justitie en Veiligheid"
    assert meta.addressee == "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"
    assert (meta.place, meta.date, meta.date_label) == ("Den Haag", dt.date(2024, 3, 11), None)
    assert meta.lang == "nl"
    assert meta.identifier == "kst-24077-537"


def test_six_paragraphs_then_the_closing() -> None:
    body = seed().body
    assert [type(b).__name__ for b in body] == ["Paragraph"] * 6 + ["Closing"]
    assert inline_text(body[4].children).startswith("Met deze aanpak")  # type: ignore[union-attr]


def test_signature_is_nfc() -> None:
    closing = seed().body[-1]
    assert isinstance(closing, Closing)
    assert closing.signatories == (Signatory("D. Yeşilgöz-Zegerius", "De Minister van Justitie en Veiligheid"),)
    assert "\u015f" in closing.signatories[0].name and "\u0327" not in plain_text(seed())


def test_hyphens_removed_and_kept() -> None:
    text = plain_text(seed())
    for joined in ("drugsbeleid?»", "gedachtewisseling", "beleidsmogelijkheden"):
        assert joined in text
    for kept in ("Michon-Derkzen", "Staten-Generaal", "Yeşilgöz-Zegerius", "non-profit"):
        assert kept in text


def test_quoted_title_and_english_phrases() -> None:
    inlines = [i for b in seed().body for i in block_inlines(b)]
    assert [inline_text(q.children) for q in inlines if isinstance(q, Quoted)] == ["Hoe verder met het drugsbeleid?"]
    foreign = [(inline_text(f.children), f.lang) for f in inlines if isinstance(f, Foreign)]
    assert foreign == [("evidence based", "en"), ("war on drugs", "en")]


def test_no_diagnostics_and_no_page_markers() -> None:
    doc = seed()
    assert doc.diagnostics == ()
    assert all(isinstance(b, Paragraph | Closing) for b in doc.body)
