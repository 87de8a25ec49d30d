"""Golden model trees: every fixture's ``expected.tree`` is ``pformat`` of what the reader makes of it.

This is the main regression net for the reader: any change in parsing shows up here as a text diff.
Regenerate with ``pytest --update-goldens`` and review the diff before committing.
"""

from __future__ import annotations

import pytest

from convert.tree import pformat
from tests.conftest import FIXTURE_NAMES, FIXTURES, fixture_document


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_model_tree_matches_golden(name: str, update_goldens: bool) -> None:
    golden = FIXTURES / name / "expected.tree"
    actual = pformat(fixture_document(name))
    if update_goldens or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"{golden} did not exist; it was written now: review it and commit it")
    assert actual == golden.read_text(encoding="utf-8")


def test_every_fixture_has_a_golden() -> None:
    assert FIXTURE_NAMES, "no fixtures found"
    missing = [name for name in FIXTURE_NAMES if not (FIXTURES / name / "expected.tree").exists()]
    assert not missing, f"fixtures without expected.tree: {missing}"
