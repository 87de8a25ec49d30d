"""Shared test set-up: the fixtures (sample papers), golden updating, and validator availability."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from convert.model import Document
from convert.readers import read

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if (p / "source.txt").is_file())


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@functools.cache
def fixture_document(name: str) -> Document:
    """The model of ``fixtures/<name>/source.txt`` (read once per test run)."""
    return read((FIXTURES / name / "source.txt").read_text(encoding="utf-8"))
