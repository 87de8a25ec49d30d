"""The model as JSON, for other tools and for our tests. Schema: ``docs/json-model.md``.

Each node is an object with ``"type"`` (the model class name) and its fields; tuples become
arrays, dates ISO 8601 strings, and a block's source ``lines`` a ``[first, last]`` pair. The
top level carries ``"schema"`` and ``"version"``: a change that could break a consumer raises
the version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any, ClassVar

from convert.diagnostics import Diagnostic
from convert.model import Document, Lines
from convert.style import Style

SCHEMA = "pubconvert-model"
VERSION = 1


def to_data(value: object) -> Any:
    """A model value as JSON-ready data."""
    if isinstance(value, Lines):
        return [value.first, value.last]
    if isinstance(value, Diagnostic):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if field.name == "lines" and item is None:
                continue
            data[field.name] = to_data(item)
        return data
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document_data(doc: Document) -> dict[str, Any]:
    meta = to_data(doc.meta)
    meta["signatories"] = to_data(doc.signatories)
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "meta": meta,
        "body": to_data(doc.body),
        "diagnostics": to_data(doc.diagnostics),
    }


class JsonWriter:
    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"

    def write(self, doc: Document, style: Style) -> bytes:
        return (json.dumps(document_data(doc), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
