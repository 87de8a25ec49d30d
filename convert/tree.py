"""``pformat``: the model as indented pseudo-XML, for golden files and ``-t tree`` (after docutils)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from convert.model import Document, Lines


def pformat(doc: Document) -> str:
    lines: list[str] = []
    _node(doc, 0, lines)
    return "\n".join(lines) + "\n"


def _node(value: object, depth: int, out: list[str]) -> None:
    indent = "    " * depth
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        out.append(f"{indent}{_quote(value)}")
        return
    attributes: list[str] = []
    children: list[tuple[str, object]] = []
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        # source lines and print breaks say where the print put things, not what the paper says
        if field.name in ("lines", "print_breaks") or item in (None, (), "") or isinstance(item, Lines):
            continue
        if field.name == "text" and isinstance(item, str) and type(value).__name__ == "Text":
            children.append(("", item))
        elif isinstance(item, tuple) and not all(isinstance(x, str) for x in item):
            children.extend((field.name, child) for child in item)
        elif dataclasses.is_dataclass(item):
            children.append((field.name, item))
        else:
            attributes.append(f"{field.name}={_quote(item)}")
    name = type(value).__name__
    if name == "Text":
        out.append(f"{indent}{_quote(value.text)}")  # type: ignore[attr-defined]
        return
    out.append(f"{indent}<{' '.join([name, *attributes])}>")
    for _, child in children:
        _node(child, depth + 1, out)


def _quote(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return _quote(", ".join(value))
    return str(value)
