"""Style: the design tokens of ``styles/*.toml`` as frozen dataclasses, one source for every writer.

A style file may say ``extends = "default"`` and override only some keys. A missing or unknown
key is a :class:`StyleError` that names the key and the file.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from convert.diagnostics import StyleError


@dataclass(frozen=True, slots=True)
class BodyStyle:
    family: str
    css_family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    size_pt: float
    leading: float
    align: str
    hyphenate: bool


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    family: str
    css_family: str
    regular: str
    bold: str
    sizes_pt: tuple[float, ...]
    leading: float


@dataclass(frozen=True, slots=True)
class SmallStyle:
    size_pt: float
    leading: float


@dataclass(frozen=True, slots=True)
class Colours:
    text: str
    background: str
    muted: str
    link: str
    rule: str
    focus: str
    dark_text: str
    dark_background: str
    dark_muted: str
    dark_link: str
    dark_focus: str


@dataclass(frozen=True, slots=True)
class Layout:
    measure_em: float
    paragraph_space_em: float


@dataclass(frozen=True, slots=True)
class Screen:
    """How HTML and EPUB set the body text; ``body.align`` and ``body.hyphenate`` are for print."""

    align: str
    hyphenate: bool


@dataclass(frozen=True, slots=True)
class Page:
    size: str
    margin_mm: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    body: BodyStyle
    heading: HeadingStyle
    small: SmallStyle
    colours: Colours
    layout: Layout
    screen: Screen
    page: Page
    directory: Path  # where the style's fonts live

    def font_path(self, relative: str) -> Path:
        return self.directory / relative


_SECTIONS: dict[str, type[Any]] = {
    "body": BodyStyle,
    "heading": HeadingStyle,
    "small": SmallStyle,
    "colours": Colours,
    "layout": Layout,
    "screen": Screen,
    "page": Page,
}


def styles_directory() -> Path:
    """The bundled ``styles/``: inside the installed package, or beside it in a checkout."""
    packaged = Path(str(resources.files("convert"))) / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "styles"


def available_styles() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in styles_directory().glob("*.toml")))


@functools.cache
def load_style(name: str = "default") -> Style:
    """Load a bundled style by name ("default", "large-print") or a ``.toml`` file by path."""
    path = Path(name) if name.endswith(".toml") else styles_directory() / f"{name}.toml"
    if not path.is_file():
        raise StyleError(f"no style {name!r}; choose one of: {', '.join(available_styles())} or a .toml file")
    tokens = _read_tokens(path, seen=())
    return _build(path, tokens)


def _read_tokens(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path in seen:
        raise StyleError(f"style {path} extends itself", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise StyleError(f"cannot read style: {err}", path=str(path)) from None
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data
    parent = _read_tokens(path.parent / f"{parent_name}.toml", seen + (path,))
    for section, values in data.items():
        if not isinstance(values, dict):
            raise StyleError(f"{section!r} must be a table of keys", path=str(path))
        parent.setdefault(section, {}).update(values)
    return parent


def _build(path: Path, tokens: dict[str, Any]) -> Style:
    unknown = set(tokens) - set(_SECTIONS)
    if unknown:
        raise StyleError(f"unknown section [{sorted(unknown)[0]}]; known: {', '.join(_SECTIONS)}", path=str(path))
    parts: dict[str, Any] = {}
    for section, cls in _SECTIONS.items():
        values = dict(tokens.get(section, {}))
        names = [f.name for f in dataclasses.fields(cls)]
        for key in values:
            if key not in names:
                raise StyleError(f"unknown key {section}.{key}", path=str(path))
        for key in names:
            if key not in values:
                raise StyleError(f"missing key {section}.{key}", path=str(path))
            if isinstance(values[key], list):
                values[key] = tuple(values[key])
        parts[section] = cls(**values)
    return Style(name=path.stem, directory=path.parent, **parts)
