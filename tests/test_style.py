"""Style tokens: both bundled styles load, colours meet contrast targets, bad style files are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.diagnostics import StyleError
from convert.style import available_styles, load_style


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour "#rrggbb" (WCAG 2.2, definition of relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["default", "large-print"])
def test_bundled_style_loads(name: str) -> None:
    style = load_style(name)
    assert style.name == name
    for font in (style.body.regular, style.body.bold, style.body.italic, style.body.bold_italic, style.heading.bold):
        assert style.font_path(font).is_file(), font


@pytest.mark.parametrize(
    ("foreground", "background", "minimum"),
    [
        ("text", "background", 7.0),  # WCAG 1.4.6 (AAA) for body text
        ("muted", "background", 7.0),
        ("link", "background", 7.0),
        ("focus", "background", 3.0),  # WCAG 1.4.11 non-text contrast
        ("dark_text", "dark_background", 7.0),
        ("dark_muted", "dark_background", 7.0),
        ("dark_link", "dark_background", 7.0),
        ("dark_focus", "dark_background", 3.0),
    ],
)
def test_colours_have_enough_contrast(foreground: str, background: str, minimum: float) -> None:
    colours = load_style("default").colours
    assert contrast(getattr(colours, foreground), getattr(colours, background)) >= minimum


def test_large_print_is_large_and_ragged() -> None:
    style = load_style("large-print")
    assert style.body.size_pt >= 18 and style.small.size_pt >= 18  # notes and footers too
    assert min(style.heading.sizes_pt) >= style.body.size_pt
    assert style.body.align == "left" and not style.body.hyphenate
    assert style.body.leading >= 1.5


def test_large_print_inherits_what_it_does_not_override() -> None:
    assert load_style("large-print").colours == load_style("default").colours


def test_available_styles_lists_both() -> None:
    assert {"default", "large-print"} <= set(available_styles())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('extends = "default"\n[body]\nsize = 12\n', "unknown key body.size"),
        ('extends = "default"\n[bodyy]\nsize_pt = 12\n', "unknown section [bodyy]"),
        ("[body]\nsize_pt = 12\n", "missing key body.family"),
        ("[body\n", "cannot read style"),
    ],
)
def test_bad_style_file_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content)
    # extends is looked up beside the file: copy the default next to it
    (tmp_path / "default.toml").write_text(Path(load_style("default").directory / "default.toml").read_text())
    with pytest.raises(StyleError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_style(str(path))


def test_unknown_style_name_lists_the_choices() -> None:
    with pytest.raises(StyleError, match=r"choose one of: .*large-print"):
        load_style("nope")
