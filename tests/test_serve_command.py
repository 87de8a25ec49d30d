"""``pubconvert serve``'s arguments: bad values are refused before anything starts; the loopback warning."""

from __future__ import annotations

import pytest

from convert import cli
from convert.serve.command import is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.0.2.1", False), ("example.org", False)],
)  # fmt: skip
def test_only_loopback_addresses_count_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("argv", [["--workers", "0"], ["--queue", "-1"], ["--timeout", "0"]])
def test_bad_values_exit_2_before_starting(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", *argv]) == 2
    assert "pubconvert serve: --workers must be at least 1" in capsys.readouterr().err
