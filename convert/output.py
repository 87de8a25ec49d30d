"""Atomic output: a file is either its complete new content or untouched, never half written.

Each file is written to a hidden temporary file beside its target (``.paper.html.x1y2.part``),
flushed to disk, and renamed over the target with :func:`os.replace`, which POSIX and Windows
make atomic within one folder. :func:`write_files` writes all of one input's outputs that way in
two phases: every temporary file first, then the renames. A failure while writing (a full disk,
a folder without write permission, Ctrl-C) then leaves every earlier output as it was, and no
temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

DEFAULT_STYLE = "default"


def styled_stem(stem: str, style: str) -> str:
    """An output's name before its suffix: the input's stem, and the style when it is not the default
    (``paper`` -> ``paper.large-print``), so that outputs of two styles in one folder never replace
    each other. ``style`` is a bundled style's name or a ``.toml`` file (its stem names it)."""
    name = Path(style).stem if style.endswith(".toml") else style
    return stem if name == DEFAULT_STYLE else f"{stem}.{name}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write one file atomically: a temporary file beside ``path``, flushed, then renamed over it."""
    write_files({path: data})


def write_files(files: Mapping[Path, bytes]) -> None:
    """Write several files so that a failure before the renames changes none of them."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise
    for folder in {path.parent for path in files}:
        _sync_folder(folder)


def _stage(path: Path, data: bytes) -> str:
    """A complete, flushed temporary copy of ``data`` beside ``path``, with the mode a new file gets."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary


def _umask() -> int:
    """The process's umask (mkstemp makes files 0600; outputs should get the usual mode)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush the renames themselves to disk, where the system allows opening a folder."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | flags)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
