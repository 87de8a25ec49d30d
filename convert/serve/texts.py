"""The page's words in Dutch (the default) and English. The converter's own messages stay English."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

LANGUAGES = ("nl", "en")

_TEXTS: dict[str, tuple[str, str]] = {  # key: (Dutch, English)
    "title": ("Publicaties toegankelijk maken", "Make publications accessible"),
    "intro": (
        "Zet de tekst van een Kamerstuk om in een getagde PDF, DOCX, EPUB 3, HTML en JSON.",
        "Convert the text of a parliamentary paper into tagged PDF, DOCX, EPUB 3, HTML and JSON.",
    ),
    "skip": ("Naar de inhoud", "Skip to content"),
    "switch": ("English", "Nederlands"),
    "switch_label": ("Switch to English", "Schakel naar Nederlands"),
    "form_heading": ("Omzetten", "Convert"),
    "source": ("Bron", "Source"),
    "file_label": ("Tekstbestand (.txt)", "Text file (.txt)"),
    "file_hint": (
        "Kies een bestand of sleep het hierheen. Het is de tekst die uit de PDF van het stuk is gehaald.",
        "Choose a file or drop it here. It is the text extracted from the paper's PDF.",
    ),
    "file_limit": ("Ten hoogste {size}.", "At most {size}."),
    "text_label": ("Of plak de tekst", "Or paste the text"),
    "formats": ("Formaten", "Formats"),
    "style": ("Stijl", "Style"),
    "style_default": ("Standaard", "Default"),
    "style_large-print": ("Grote letter (18 pt)", "Large print (18 pt)"),
    "submit": ("Omzetten", "Convert"),
    "sending": ("Het bestand wordt verstuurd: {percent} %", "Sending the file: {percent} %"),
    "converting": ("Bezig met omzetten…", "Converting…"),
    "still_converting": ("Nog bezig met omzetten ({seconds} s)…", "Still converting ({seconds} s)…"),
    "done": ("Klaar. De resultaten staan hieronder.", "Done. The results are below."),
    "failed": ("Omzetten is mislukt.", "The conversion failed."),
    "error_heading": ("Er ging iets mis", "Something went wrong"),
    "result_heading": ("Resultaat", "Result"),
    "downloads": ("Downloaden", "Downloads"),
    "download_all": ("Alles als ZIP", "Everything as one ZIP"),
    "found_heading": ("Wat de lezer vond", "What the reader found"),
    "meta_title": ("Titel", "Title"),
    "meta_label": ("Stuk", "Paper"),
    "meta_kind": ("Soort", "Kind"),
    "meta_dossiers": ("Dossier", "Dossier"),
    "meta_number": ("Nummer", "Number"),
    "meta_date": ("Datum", "Date"),
    "meta_signatories": ("Ondertekend door", "Signed by"),
    "meta_none": ("niet gevonden", "not found"),
    "outline_heading": ("Kopjes", "Headings"),
    "outline_none": ("Geen kopjes gevonden.", "No headings found."),
    "notes_heading": ("Voetnoten", "Footnotes"),
    "notes_none": ("Geen voetnoten gevonden.", "No footnotes found."),
    "warnings_heading": ("Waarschuwingen", "Warnings"),
    "warnings_none": ("Geen waarschuwingen.", "No warnings."),
    "line": ("regel {line}", "line {line}"),
    "a11y_heading": ("Toegankelijkheid per bestand", "Accessibility per file"),
    "a11y_intro": (
        "Deze snelle controles zijn op elk bestand uitgevoerd. Niet genoemd is niet gecontroleerd.",
        "These quick checks ran on each file. What is not named was not checked.",
    ),
    "check": ("Controle", "Check"),
    "outcome": ("Uitkomst", "Outcome"),
    "passed": ("in orde", "passed"),
    "not_passed": ("niet in orde", "failed"),
    "check_tags": ("Structuur (tags, landmarks)", "Structure (tags, landmarks)"),
    "check_language": ("Taal van het document", "Document language"),
    "check_outline": ("Kopjesstructuur", "Heading outline"),
    "check_alternative_text": ("Alternatieve teksten", "Alternative texts"),
    "check_reading_order": ("Leesvolgorde van de kopjes", "Reading order of the headings"),
    "check_metadata": ("Toegankelijkheidsmetadata", "Accessibility metadata"),
    "preview_heading": ("Voorbeeld van de HTML", "Preview of the HTML"),
    "preview_title": ("Voorbeeld van de HTML-uitvoer", "Preview of the HTML output"),
    "preview_none": (
        "Kies HTML bij de formaten om een voorbeeld te zien.",
        "Choose HTML among the formats to see a preview.",
    ),
    "expired": (
        "Dit resultaat bestaat niet (meer). Resultaten worden na een tijd verwijderd; zet het bestand opnieuw om.",
        "This result does not exist (any more). Results are deleted after a while; convert the file again.",
    ),
    "api": ("API-beschrijving (OpenAPI)", "API description (OpenAPI)"),
    "kept": ("Bestanden blijven {minutes} minuten bewaard.", "Files are kept for {minutes} minutes."),
}

TEXTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {lang: MappingProxyType({key: pair[i] for key, pair in _TEXTS.items()}) for i, lang in enumerate(LANGUAGES)}
)


def page_language(value: str | None) -> str:
    """``en`` when asked for, otherwise Dutch."""
    return value if value in LANGUAGES else "nl"
