"""Small synthetic documents that use every node of the model, for writer tests."""

from __future__ import annotations

import datetime as dt

from convert.model import (
    BlockQuote,
    Cell,
    Closing,
    Document,
    Dossier,
    Emphasis,
    Figure,
    Foreign,
    Heading,
    LineBreak,
    Link,
    List,
    ListItem,
    Meta,
    Note,
    PageStart,
    Paragraph,
    Quoted,
    Row,
    Section,
    Signatory,
    Strong,
    Table,
    Text,
)


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def every_node_document() -> Document:
    """One document with every block and inline type, nested the way real papers nest them."""
    meta = Meta(
        title="Brief van de Minister van Proef en Toets",
        kind="Brief van de Minister van Proef en Toets",
        chamber="Tweede Kamer der Staten-Generaal",
        session="2023–2024",
        dossiers=(Dossier("21 501-02", "Raad Algemene Zaken"), Dossier("23 400 G", "")),
        paper_number="339d",
        identifier="kst-21501-02-339d",
        addressee="Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        place="Den Haag",
        date=dt.date(2024, 3, 11),
        source_pages=2,
    )
    body = (
        Paragraph(
            (
                PageStart("1"),
                Text("Een alinea met "),
                Emphasis((Text("nadruk"),)),
                Text(", "),
                Strong((Text("sterk"),)),
                Text(", een "),
                Quoted((Text("citaat"),)),
                Text(" en een "),
                Quoted((Text("enkel"),), kind="single"),
                Text(" citaat, een "),
                Foreign((Text("evidence based"),), "en"),
                Text(" aanpak en een voetnoot"),
                Note("1", (Paragraph((Text("Kamerstukken II, 2023/2024, 31 839, nr. 1024."),)),)),
                Text(". Zie "),
                Link((Text("de website"),), "https://www.tweedekamer.nl/"),
                Text("."),
            )
        ),
        Heading(1, (Text("1. Inleiding"),)),
        Paragraph((Text("Eerste regel"), LineBreak(), Text("tweede regel met <b>markup</b> & ]]> {} %"))),
        List((ListItem((para("woningzoekenden die urgent zijn;"),)), ListItem((para("starters."),))), kind="dash"),
        List((ListItem((para("punt"),)), ListItem((para("nog een punt"),))), kind="bullet"),
        List((ListItem((para("eerste lid"),), "1."), ListItem((para("tweede lid"),), "2.")), kind="number"),
        List((ListItem((para("onderdeel a"),), "a."), ListItem((para("onderdeel b"),), "b.")), kind="letter"),
        List((ListItem((para("deel I"),), "I"), ListItem((para("deel II"),), "II")), kind="roman", start=1),
        BlockQuote((para("Een aangehaalde alinea."),)),
        Table(
            caption=(Text("Bedragen per jaar"),),
            head=(Row((Cell((para("Jaar"),)), Cell((para("Bedrag (€)"),)))),),
            body=(
                Row((Cell((para("2023"),)), Cell((para("100.000"),)))),
                Row((Cell((para("2024"),)), Cell((para("120.000"),)))),
            ),
        ),
        Figure(src="", alt="Voorzijde van de munt met het portret van de Koning", caption=(Text("De munt"),)),
        Section(
            heading=Heading(2, (Text("Vraag 1"),)),
            blocks=(
                Paragraph(
                    (
                        Text("Bent u bekend met het bericht?"),
                        PageStart("2"),
                        Note("2", (para("Een tweede voetnoot."),)),
                    )
                ),
            ),
            role="vraag",
        ),
        Section(heading=Heading(2, (Text("Antwoord 1"),)), blocks=(para("Ja."),), role="antwoord"),
        Closing(
            (Signatory("D. Yeşilgöz-Zegerius", "De Minister van Proef en Toets"), Signatory("Grinwis")),
            place_date="Den Haag, 11 maart 2024",
        ),  # fmt: skip
    )
    return Document(meta, body)
