"""Converted files, kept for a bounded time and a bounded total size under the server's own folder.

A conversion is stored under a random token of 192 bits (``secrets.token_urlsafe``): its URLs
cannot be guessed. A request names a token and a file name, and both are looked up in this
store's own index; a path on disk is only ever made from names the store chose itself, so no
request can reach outside the folder. Old conversions are deleted after ``keep`` seconds, and the
oldest first whenever the total passes ``limit`` bytes.
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import time
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convert.writers import get_writer

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # a fixed date: the same files give the same ZIP


@dataclass(frozen=True, slots=True)
class StoredFile:
    name: str  # "paper.pdf"
    format: str  # "pdf"
    media_type: str
    size: int


@dataclass(slots=True)
class Entry:
    """One stored conversion: its files and the report the page shows."""

    token: str
    stem: str
    files: dict[str, StoredFile]  # by file name
    report: dict[str, Any]
    created: float
    size: int
    style: str = "default"  # the style it was made in, for the page's form
    zip_cache: bytes | None = field(default=None, repr=False)

    @property
    def zip_name(self) -> str:
        return f"{self.stem}.zip"


def safe_stem(filename: str) -> str:
    """An upload's name without folders or extension, in characters safe in a URL and a header."""
    base = re.split(r"[\\/]", filename)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    cleaned = _UNSAFE.sub("-", stem).strip("-.")[:80]
    return cleaned or "paper"


class OutputStore:
    """The folder and index of stored conversions; only the server's event loop uses it."""

    def __init__(self, root: Path, keep: float, limit: int) -> None:
        self.root = root
        self.keep = keep
        self.limit = limit
        self._entries: OrderedDict[str, Entry] = OrderedDict()  # oldest first
        self._total = 0

    def write(self, stem: str, outputs: Mapping[str, bytes], report: dict[str, Any], style: str = "default") -> Entry:
        """Write one conversion's files into a new token's folder (in a thread: it touches the disk only)."""
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(parents=True)
        files: dict[str, StoredFile] = {}
        for name, data in outputs.items():
            writer = get_writer(name)
            file_name = stem + writer.suffix
            (folder / file_name).write_bytes(data)  # served only once add() lists it: never seen half written
            files[file_name] = StoredFile(file_name, name, writer.media_type, len(data))
        return Entry(token, stem, files, report, time.monotonic(), sum(f.size for f in files.values()), style)

    def add(self, entry: Entry) -> None:
        """List a written conversion (in the event loop), then prune old ones."""
        self._entries[entry.token] = entry
        self._total += entry.size
        self.prune()

    def get(self, token: str) -> Entry | None:
        """The entry of a token that is well formed, stored and not expired."""
        if not TOKEN.fullmatch(token):
            return None
        self.prune()
        return self._entries.get(token)

    def read(self, entry: Entry, name: str) -> tuple[StoredFile, bytes] | None:
        """A stored file's bytes, by the name the store gave it; any other name finds nothing."""
        stored = entry.files.get(name)
        if stored is None:
            return None
        try:
            return stored, (self.root / entry.token / stored.name).read_bytes()
        except FileNotFoundError:
            return None

    def zip(self, entry: Entry) -> bytes:
        """Every file of a conversion as one ZIP, made once and kept in memory while the entry lives."""
        if entry.zip_cache is None:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for stored in entry.files.values():
                    info = zipfile.ZipInfo(stored.name, date_time=ZIP_DATE)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, (self.root / entry.token / stored.name).read_bytes())
            entry.zip_cache = buffer.getvalue()
        return entry.zip_cache

    def prune(self) -> None:
        """Delete expired conversions, then the oldest while the total is above the limit (never the newest)."""
        now = time.monotonic()
        tokens = list(self._entries)
        for token in tokens:
            entry = self._entries[token]
            over = self._total > self.limit and token != tokens[-1]
            if now - entry.created > self.keep or over:
                self._delete(token)

    def total(self) -> int:
        return self._total

    def clear(self) -> None:
        for token in list(self._entries):
            self._delete(token)

    def _delete(self, token: str) -> None:
        entry = self._entries.pop(token)
        self._total -= entry.size
        shutil.rmtree(self.root / token, ignore_errors=True)
