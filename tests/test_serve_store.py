"""The server's file store: bounded in time and size, names that cannot be guessed or escape its folder."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from convert.serve.store import OutputStore, safe_stem


def stored(store: OutputStore, stem: str, size: int) -> str:
    entry = store.write(stem, {"json": b"x" * size}, {})
    store.add(entry)
    return entry.token


def test_an_entry_expires_after_its_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = OutputStore(tmp_path, keep=60, limit=10**9)
    token = stored(store, "paper", 10)
    assert store.get(token) is not None
    later = time.monotonic() + 61
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert store.get(token) is None
    assert not (tmp_path / token).exists()


def test_the_oldest_entries_go_when_the_total_passes_the_limit(tmp_path: Path) -> None:
    store = OutputStore(tmp_path, keep=3600, limit=250)
    tokens = [stored(store, f"paper{i}", 100) for i in range(4)]
    assert [store.get(t) is not None for t in tokens] == [False, False, True, True]
    assert store.total() == 200
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(tokens[2:])


def test_a_single_entry_above_the_limit_is_kept_until_the_next(tmp_path: Path) -> None:
    store = OutputStore(tmp_path, keep=3600, limit=50)
    first = stored(store, "big", 100)
    assert store.get(first) is not None
    second = stored(store, "next", 10)
    assert store.get(first) is None and store.get(second) is not None


def test_only_the_stores_own_names_are_read(tmp_path: Path) -> None:
    store = OutputStore(tmp_path / "store", keep=3600, limit=10**9)
    (tmp_path / "secret.json").write_text("secret")
    entry = store.get(stored(store, "paper", 3))
    assert entry is not None
    assert store.read(entry, "paper.json") is not None
    for name in ["../secret.json", "../../secret.json", "/etc/passwd", "paper.pdf", ""]:
        assert store.read(entry, name) is None
    assert store.get("../../etc") is None and store.get("x" * 33) is None


def test_zip_holds_every_file_and_is_the_same_each_time(tmp_path: Path) -> None:
    store = OutputStore(tmp_path, keep=3600, limit=10**9)
    entry = store.write("paper", {"json": b"{}", "html": b"<p>"}, {})
    store.add(entry)
    data = store.zip(entry)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["paper.json", "paper.html"]
    entry.zip_cache = None
    assert store.zip(entry) == data


@pytest.mark.parametrize(
    ("filename", "stem"),
    [("paper.txt", "paper"), ("C:\\docs\\brief 12.txt", "brief-12"), ("../../etc/passwd", "passwd"),
     (".hidden", "hidden"), ("", "paper"), ("..", "paper"), ("kamer stuk (2).TXT", "kamer-stuk-2")],
)  # fmt: skip
def test_safe_stem_keeps_a_plain_name_without_folders(filename: str, stem: str) -> None:
    assert safe_stem(filename) == stem
