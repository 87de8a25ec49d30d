"""Words the EPUB itself says (navigation headings, the accessibility summary), by language.

They are the book's own navigation and description, not the paper's text; the paper's language
chooses them, English for any language without its own table.
"""

from __future__ import annotations

WORDS = {
    "nl": {
        "toc": "Inhoudsopgave",
        "landmarks": "Oriëntatiepunten",
        "page_list": "Paginalijst",
        "body": "Tekst",
        "notes": "Voetnoten",
        "official_edition": "officiële uitgave {name}",
        "summary_intro": "Deze EPUB-publicatie is een toegankelijke tekstuele weergave van {name}.",
        "summary_has": "Ze heeft {items}.",
        "summary_toc": "een inhoudsopgave",
        "summary_headings": "koppen voor navigatie",
        "summary_notes": "voetnoten met terugverwijzingen naar de tekst",
        "summary_pages": "paginamarkeringen met een paginalijst van de gedrukte uitgave ({source})",
        "summary_alt": "tekstalternatieven voor alle afbeeldingen",
        "summary_and": "en",
        "summary_order": "De leesvolgorde is die van het origineel; voetnoten staan aan het einde.",
        "summary_order_plain": "De leesvolgorde is die van het origineel.",
        "summary_hazards": "De publicatie bevat geen flitsende, bewegende of geluidsinhoud.",
        "summary_hazards_unknown": "Van de afbeeldingen is niet bekend of ze flitsen.",
        "summary_conforms": (
            "Volgens de automatische controles van de omzetter voldoet ze aan "
            "EPUB Accessibility 1.1 en WCAG 2.2 niveau AA."
        ),
        "summary_not_conforms": (
            "Er wordt geen conformiteit met EPUB Accessibility 1.1 geclaimd, omdat niet alle "
            "automatische controles van de omzetter slaagden."
        ),
    },
    "en": {
        "toc": "Contents",
        "landmarks": "Landmarks",
        "page_list": "Page list",
        "body": "Text",
        "notes": "Footnotes",
        "official_edition": "official edition {name}",
        "summary_intro": "This EPUB publication is an accessible text rendition of {name}.",
        "summary_has": "It has {items}.",
        "summary_toc": "a table of contents",
        "summary_headings": "headings for navigation",
        "summary_notes": "footnotes with links back to the text",
        "summary_pages": "page break markers with a page list of the print edition ({source})",
        "summary_alt": "text alternatives for every image",
        "summary_and": "and",
        "summary_order": "The reading order is that of the original; footnotes come at the end.",
        "summary_order_plain": "The reading order is that of the original.",
        "summary_hazards": "The publication has no flashing, motion or sound content.",
        "summary_hazards_unknown": "Whether the images flash is not known.",
        "summary_conforms": (
            "According to the converter's automated checks it meets EPUB Accessibility 1.1 and WCAG 2.2 Level AA."
        ),
        "summary_not_conforms": (
            "No conformance to EPUB Accessibility 1.1 is claimed, because not all of the converter's "
            "automated checks passed."
        ),
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang.split("-")[0], WORDS["en"])
