"""The json writer: a versioned schema that carries every metadata field of the seed."""

from __future__ import annotations

import json

from convert.style import load_style
from convert.writers import get_writer
from convert.writers.json import SCHEMA, VERSION
from tests.conftest import fixture_document
from tests.samples import every_node_document


def data_of(doc: object) -> dict:  # type: ignore[type-arg]
    return json.loads(get_writer("json").write(doc, load_style()))  # type: ignore[arg-type]


def test_seed_json_has_every_field_of_the_seed_readme() -> None:
    data = data_of(fixture_document("seed"))
    assert (data["schema"], data["version"]) == (SCHEMA, VERSION)
    meta = data["meta"]
    assert [(d["number"], d["title"]) for d in meta["dossiers"]] == [
        ("24 077", "Drugbeleid"),
        ("29 911", "Bestrijding georganiseerde criminaliteit"),
    ]
    assert meta["paper_number"] == "537"
    assert meta["kind"] == "Brief van de Minister van Justitie en Veiligheid"
    assert meta["addressee"] == "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"
    assert (meta["place"], meta["date"], meta["lang"]) == ("Den Haag", "2024-03-11", "nl")
    assert meta["identifier"] == "kst-24077-537"
    assert meta["signatories"] == [
        {"type": "Signatory", "name": "D. Yeşilgöz-Zegerius", "function": "De Minister van Justitie en Veiligheid"}
    ]
    paragraphs = [b for b in data["body"] if b["type"] == "Paragraph"]
    assert len(paragraphs) == 6
    assert data["diagnostics"] == []


def test_every_node_is_typed_and_lines_are_pairs() -> None:
    data = data_of(fixture_document("seed"))
    assert all("type" in block for block in data["body"])
    assert data["body"][0]["lines"] == [11, 16]


def test_json_is_repeatable_and_utf8() -> None:
    writer = get_writer("json")
    doc = every_node_document()
    first = writer.write(doc, load_style())
    assert first == writer.write(doc, load_style())
    assert "Yeşilgöz".encode() in first
