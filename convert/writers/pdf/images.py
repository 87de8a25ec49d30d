"""Images the PDF may embed: only those whose bytes the model itself holds.

A figure's ``src`` is text from the source ("[afbeelding: /etc/passwd]"). Handing it to reportlab's
``ImageReader`` would open any local path or http(s) URL it names: file and network access decided
by the input, below the CLI (STYLE.md Part 9.2: writers touch no files). So, as the DOCX writer
does, only a ``data:image/png`` or ``data:image/jpeg`` URI is decoded, in memory; anything else,
and any image that does not decode, is left to the placeholder that shows the description.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from typing import Any

from PIL import Image
from reportlab.lib.utils import ImageReader

_DATA_URI = re.compile(r"data:image/(png|jpeg);base64,(.*)", re.I | re.S)
_FORMATS = {"png": "PNG", "jpeg": "JPEG"}


def embedded_image(src: str) -> Any | None:
    """An ``ImageReader`` for a base64 PNG or JPEG data URI that decodes completely; else None.

    Never a path or URL: nothing outside the model is read.
    """
    match = _DATA_URI.fullmatch(src.strip())
    if match is None:
        return None
    kind, payload = match.groups()
    try:
        data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
        image = Image.open(io.BytesIO(data), formats=[_FORMATS[kind.lower()]])
        image.load()  # decode it all now: a truncated image fails here, not while the page is drawn
    except (binascii.Error, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if not image.width or not image.height:
        return None
    return ImageReader(image)
