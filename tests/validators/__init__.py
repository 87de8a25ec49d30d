"""Runners for the real validators. Locally a missing validator skips its test; in CI it fails it.

Each runner module exposes functions that take paths and return a list of findings (strings);
an empty list means the validator found nothing wrong.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(condition: bool, what: str) -> None:
    """Skip (locally) or fail (in CI) when a validator is not installed: in CI none is ever skipped."""
    if condition:
        return
    message = f"{what} is not installed; run scripts/install --test"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def executable(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, name)
    assert path is not None
    return path


def node_package(name: str) -> Path:
    path = NODE_MODULES / name
    require(path.exists(), f"npm package {name}")
    return path
