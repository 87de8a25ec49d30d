"""``pubconvert serve``'s HTTP API on a real server: every status code, downloads equal to the CLI's files.

One server (2 workers, a 64 KiB upload limit) serves the whole module.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from convert import cli
from tests.conftest import FIXTURES
from tests.serving import Server, get, post, running_server

SEED = FIXTURES / "seed" / "source.txt"
FORMATS = ["pdf", "docx", "epub", "html", "json"]
MAX_SIZE = 64 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("--max-size", "64K") as running:
        yield running


@pytest.fixture(scope="module")
def cli_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seed converted by the command line, every format: what the server must hand out byte for byte."""
    folder = tmp_path_factory.mktemp("cli")
    assert cli.main([str(SEED), "-o", str(folder), "-q"]) == 0
    return {path.suffix[1:]: path.read_bytes() for path in folder.iterdir()}


def convert_seed(server: Server, **fields: str) -> dict[str, object]:
    status, _, body = post(server.url + "/api/convert", fields, ("source.txt", SEED.read_bytes()))
    assert status == 200, body
    result: dict[str, object] = json.loads(body)
    return result


def test_healthz_answers_200(server: Server) -> None:
    status, _, body = get(server.url + "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"


def test_every_download_equals_the_cli_output(server: Server, cli_outputs: dict[str, bytes]) -> None:
    result = convert_seed(server)
    outputs = result["outputs"]
    assert isinstance(outputs, dict)
    assert sorted(outputs) == sorted(FORMATS) == sorted(cli_outputs)
    for name, url in outputs.items():
        assert url.startswith("/api/files/")
        status, headers, data = get(server.url + url)
        assert status == 200
        assert data == cli_outputs[name], f"{name} differs from the CLI's"
        assert headers["Content-Disposition"] == f'attachment; filename="source.{name}"'
        assert "sandbox" in headers["Content-Security-Policy"]


def test_result_carries_meta_outline_notes_diagnostics_and_checks(server: Server) -> None:
    result = convert_seed(server, formats="html,pdf")
    meta = result["meta"]
    assert isinstance(meta, dict)
    assert meta["paper_number"] == "537"
    assert meta["date"] == "2024-03-11"
    assert [d["number"] for d in meta["dossiers"]][:1] == ["24 077"]
    assert result["diagnostics"] == []
    checks = result["accessibility"]
    assert isinstance(checks, dict)
    assert sorted(checks) == ["html", "pdf"]
    names = {c["name"] for c in checks["pdf"]}
    assert names == {"tags", "language", "outline", "alternative_text", "reading_order"}
    assert all(c["passed"] for found in checks.values() for c in found), checks


def test_accept_zip_answers_with_every_file(server: Server, cli_outputs: dict[str, bytes]) -> None:
    status, headers, body = post(
        server.url + "/api/convert", {}, ("source.txt", SEED.read_bytes()), accept="application/zip"
    )
    assert status == 200
    assert headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == {
            f"source.{name}": data for name, data in cli_outputs.items()
        }


def test_formats_and_style_choose_the_outputs(server: Server) -> None:
    result = convert_seed(server, formats="html,json", style="large-print")
    assert sorted(result["outputs"]) == ["html", "json"]  # type: ignore[arg-type]


def test_pasted_text_converts(server: Server) -> None:
    status, _, body = post(
        server.url + "/api/convert", {"text": SEED.read_text(encoding="utf-8"), "formats": "json"}, None
    )
    assert status == 200, body
    assert json.loads(body)["outputs"]["json"].endswith("/pasted-text.json")


ERRORS = [
    # (id, fields, file, status, words of the CLI's one-line message)
    ("empty", {}, ("empty.txt", b""), 400, "empty.txt: the file is empty (0 bytes)"),
    ("white-space", {}, ("blank.txt", b"  \n\n  "), 400, "blank.txt: the text is empty or only white space"),
    ("undecodable", {}, ("bad.txt", b"caf\xc3\xa9 ok \xff more"), 400, "bad.txt:1: not valid UTF-8 text: byte 0xff"),
    ("no-file", {}, None, 400, "upload: no file and no text"),
    ("nothing-chosen", {"text": ""}, ("", b""), 400, "upload: no file and no text"),  # the page's form, left empty
    (
        "text-too-large",
        {"text": "a" * (MAX_SIZE + 10)},
        None,
        413,
        "pasted-text.txt: the file is more than 64.01K, larger than the limit of 64K",
    ),
    ("unknown-format", {"formats": "html,rtf"}, ("a.txt", b"Tekst\n"), 400, "unknown output format 'rtf'"),
    ("unknown-style", {"style": "huge"}, ("a.txt", b"Tekst\n"), 400, "no style 'huge'"),
    ("style-path", {"style": "../../etc/x.toml"}, ("a.txt", b"Tekst\n"), 400, "no style"),
    ("too-large", {}, ("big.txt", b"a" * (MAX_SIZE + 1)), 413, "larger than the limit of 64K"),
    ("too-large-body", {}, ("big.txt", b"a" * (MAX_SIZE * 3)), 413, "larger than the limit of 64K"),
    ("png", {}, ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64)), 415, "scan.png: this is a PNG image"),
    ("binary", {}, ("data.txt", bytes(range(256)) * 8), 415, "data.txt: this is a binary file, not text"),
]


@pytest.mark.parametrize(("fields", "file", "status", "words"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_bad_input_gets_its_status_and_the_cli_line(
    server: Server, fields: dict[str, str], file: tuple[str, bytes] | None, status: int, words: str
) -> None:
    got, headers, body = post(server.url + "/api/convert", fields, file)
    assert got == status, body
    assert headers["Content-Type"] == "application/json"
    error = json.loads(body)["error"]
    assert words in error
    assert "\n" not in error and "Traceback" not in error


def test_cli_gives_the_same_line_for_the_same_bad_input(
    tmp_path: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = tmp_path / "bad.txt"
    paper.write_bytes(b"caf\xc3\xa9 ok \xff more")
    assert cli.main([str(paper), "-o", str(tmp_path), "-t", "json"]) == 2
    line = capsys.readouterr().err.strip()
    _, _, body = post(server.url + "/api/convert", {}, ("bad.txt", paper.read_bytes()))
    assert line.replace(str(paper), "bad.txt") == json.loads(body)["error"]


def test_a_pdf_gets_the_cli_line_for_it(tmp_path: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    """The upload goes the CLI's way: without PDF input a PDF is refused as binary (415); with it, this cut-short
    PDF is bad input (400). Either way the server's line is the CLI's."""
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert cli.main([str(paper), "-o", str(tmp_path / "out"), "-t", "json"]) == 2
    line = capsys.readouterr().err.strip().replace(str(paper), "paper.pdf")
    status, _, body = post(server.url + "/api/convert", {}, ("paper.pdf", paper.read_bytes()))
    assert json.loads(body)["error"] == line
    assert status == (415 if "this is a PDF file" in line else 400)


BAD_PATHS = [
    "/api/files/short/source.pdf",
    "/api/files/" + "A" * 32 + "/source.pdf",  # well formed, never issued
    "/api/files/..%2F..%2F..%2Fetc/passwd",
    "/api/files/%2e%2e/%2e%2e/etc/passwd",
    "/preview/" + "A" * 32,
    "/result/../../etc/passwd",
]


@pytest.mark.parametrize("path", BAD_PATHS)
def test_guessed_or_escaping_paths_find_nothing(server: Server, path: str) -> None:
    status, _, body = get(server.url + path)
    assert status == 404
    assert b"root:" not in body


def test_a_stored_token_serves_only_its_own_names(server: Server) -> None:
    result = convert_seed(server, formats="json")
    url = result["outputs"]["json"]  # type: ignore[index]
    token = url.split("/")[3]
    for name in ["..%2Fsource.json", "source.pdf", "..", "%2Fetc%2Fpasswd", "source.json%00.txt"]:
        status, _, _ = get(f"{server.url}/api/files/{token}/{name}")
        assert status == 404, name


def test_tokens_are_long_and_random(server: Server) -> None:
    tokens = {convert_seed(server, formats="json")["page"] for _ in range(3)}
    assert len(tokens) == 3
    assert all(re.fullmatch(r"/result/[A-Za-z0-9_-]{32}", str(page)) for page in tokens)


def test_openapi_describes_every_status(server: Server) -> None:
    status, _, body = get(server.url + "/openapi.json")
    assert status == 200
    document = json.loads(body)
    assert document["openapi"].startswith("3.1")
    responses = document["paths"]["/api/convert"]["post"]["responses"]
    assert sorted(responses) == ["200", "400", "413", "415", "500", "503", "504"]


def test_preview_is_sandboxed_with_a_strict_policy(server: Server) -> None:
    result = convert_seed(server, formats="html")
    status, headers, _ = get(server.url + str(result["preview"]))
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy  # no script source at all: default-src 'none' forbids every script


def test_page_is_dutch_with_an_english_switch(server: Server) -> None:
    status, headers, body = get(server.url + "/")
    assert status == 200
    assert b'<html lang="nl">' in body and b'hreflang="en"' in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, _, body = get(server.url + "/?lang=en")
    assert b'<html lang="en">' in body and b"Convert" in body


def test_plain_form_post_redirects_to_the_result_page(server: Server) -> None:
    status, headers, _ = post(server.url + "/convert?lang=en", {"formats": "html"}, ("source.txt", SEED.read_bytes()))
    assert status == 303
    location = headers["Location"]
    assert re.fullmatch(r"/result/[A-Za-z0-9_-]{32}\?lang=en#result", location)
    status, _, body = get(server.url + location.split("#")[0])
    assert status == 200
    page = body.decode()
    assert "Drugbeleid" in page and "download>HTML</a>" in page and "<iframe" in page and 'sandbox=""' in page


def test_plain_form_post_shows_a_bad_input_on_the_page(server: Server) -> None:
    status, _, body = post(server.url + "/convert", {}, ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64)))
    assert status == 415
    page = body.decode()
    assert 'role="alert"' in page and "scan.png: this is a PNG image" in page


def test_warnings_come_with_their_line_numbers_in_the_json_and_on_the_page(server: Server) -> None:
    text = b"Gewoon een tekst.\n\nTweede alinea.\n\nEen stuur\x07teken op regel vijf.\n"
    status, headers, _ = post(server.url + "/convert", {"formats": "json"}, ("plain.txt", text))
    assert status == 303
    token = headers["Location"].split("/")[2].split("#")[0]
    page = get(f"{server.url}/result/{token}")[2].decode()
    assert '<span class="line">regel 5</span>: <span lang="en">warning: 1 control character was removed' in page
    assert '<span class="line">regel 1</span>: <span lang="en">warning: no parliamentary paper header found' in page
    status, _, body = post(server.url + "/api/convert", {"formats": "json"}, ("plain.txt", text))
    assert [(d["code"], d["line"]) for d in json.loads(body)["diagnostics"]] == [("IN001", 5), ("KS001", 1)]


def test_the_page_lists_every_heading_and_footnote_the_reader_found(server: Server) -> None:
    paper = FIXTURES / "kamervragen-ah-tk-20232024-2271" / "source.txt"
    status, _, body = post(server.url + "/api/convert", {"formats": "json"}, ("paper.txt", paper.read_bytes()))
    assert status == 200
    result = json.loads(body)
    assert len(result["outline"]) > 5 and len(result["notes"]) > 5
    page = get(server.url + result["page"])[2].decode()
    outline = page.split('<ul class="outline"', 1)[1].split("</ul>", 1)[0]
    notes = page.split('<ul class="notes"', 1)[1].split("</ul>", 1)[0]
    assert outline.count("<li ") == len(result["outline"])
    assert notes.count("<li>") == len(result["notes"])
