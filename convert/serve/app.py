"""The web page and the HTTP API of ``pubconvert serve`` (Starlette), around the worker pool.

The page works as a plain form post (``POST /convert`` answers 303 to ``/result/{token}``);
``static/page.js`` only adds upload progress and spoken status. ``POST /api/convert`` is the same
conversion for programs. Both read the upload with a size limit, refuse before reading when the
queue is full, and hand the bytes to a worker (:mod:`convert.serve.work`).
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive

from convert.cli import _too_large, parse_formats
from convert.diagnostics import ConvertError
from convert.serve.openapi import openapi_document
from convert.serve.pool import ConversionBug, PoolBusy, WorkerCrashed, WorkerPool, WorkTimedOut
from convert.serve.store import Entry, OutputStore, safe_stem
from convert.serve.texts import TEXTS, page_language
from convert.serve.work import Converted, Job
from convert.style import available_styles
from convert.writers import READER_FORMATS

HERE = Path(__file__).resolve().parent
BUG_ADVICE = "this is a bug in pubconvert; please report it with this input"
PRUNE_EVERY = 60.0  # seconds between looks for expired files
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields, on top of the file itself
PAGE_FORMATS = (*READER_FORMATS, "json")
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# A converted paper is untrusted: shown in a sandboxed frame, with no script, no network, no forms.
PREVIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``pubconvert serve`` was started with."""

    workers: int = 2
    queue: int = 8  # requests that may wait for a worker; one more gets 503
    timeout: float = 60.0  # seconds one conversion may take before it gets 504
    max_size: int = 10 * 1024 * 1024
    keep: float = 3600.0  # seconds a conversion's files are kept
    store_limit: int = 512 * 1024 * 1024  # bytes of stored files, all conversions together
    store: Path | None = None  # None: a new temporary folder, removed when the server stops


class RequestProblem(Exception):
    """A request that gets an error status and one line of text (the CLI's line, for bad input)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


async def prune_now_and_then(store: OutputStore, interval: float) -> None:
    """Expired files are deleted even when no request comes to trigger it."""
    while True:
        await asyncio.sleep(interval)
        store.prune()


def busy_problem(busy: PoolBusy) -> RequestProblem:
    return RequestProblem(503, str(busy), {"Retry-After": str(busy.retry_after)})


def create_app(settings: Settings) -> Starlette:
    """The ASGI application; the pool and the store live from its start-up to its shutdown."""
    pool = WorkerPool(settings.workers, settings.queue, settings.timeout)
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True), auto_reload=False
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        with contextlib.ExitStack() as stack:
            root = settings.store or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pubconvert-")))
            store = OutputStore(root, settings.keep, settings.store_limit)
            app.state.store = store
            await pool.start()
            pruning = asyncio.create_task(prune_now_and_then(store, min(PRUNE_EVERY, settings.keep / 2)))
            try:
                yield
            finally:
                pruning.cancel()
                await pool.close()
                store.clear()

    def store_of(request: Request) -> OutputStore:
        store: OutputStore = request.app.state.store
        return store

    async def convert_request(request: Request) -> tuple[Entry, dict[str, Any]]:
        """Read, check and convert one upload: the shared part of the page's and the API's post."""
        if pool.full():  # before reading the body: a busy server does not read an upload only to refuse it
            raise busy_problem(PoolBusy(pool.retry_after()))
        form = await read_form(request, settings.max_size)
        data, filename = await upload_of(form, settings.max_size)
        formats = formats_of(form)
        style = str(form.get("style") or "default")
        if style not in available_styles():
            raise RequestProblem(400, f"no style {style!r} — choose one of: {', '.join(available_styles())}")
        try:
            result = await pool.run(Job(data, filename, tuple(formats), style))
        except PoolBusy as busy:
            raise busy_problem(busy) from None
        except WorkTimedOut as err:
            raise RequestProblem(504, f"{filename}: {err} — split the paper, or ask for a longer --timeout") from None
        except (WorkerCrashed, ConversionBug) as err:
            raise RequestProblem(500, f"{filename}: internal error: {err} — {BUG_ADVICE}") from None
        if not isinstance(result, Converted):
            raise RequestProblem(result.status, result.message)
        store = store_of(request)
        entry = await asyncio.to_thread(store.write, safe_stem(filename), result.outputs, result.report, style)
        store.add(entry)
        return entry, result.report

    async def api_convert(request: Request) -> Response:
        try:
            entry, report = await convert_request(request)
        except RequestProblem as problem:
            return JSONResponse({"error": problem.message}, problem.status, headers=problem.headers)
        if "application/zip" in request.headers.get("accept", ""):
            data = await asyncio.to_thread(store_of(request).zip, entry)
            return Response(data, media_type="application/zip", headers=download_headers(entry.zip_name))
        return JSONResponse(api_result(entry, report, settings))

    async def page_convert(request: Request) -> Response:
        lang = page_language(request.query_params.get("lang"))
        try:
            entry, _ = await convert_request(request)
        except RequestProblem as problem:
            return page(request, lang, status=problem.status, error=problem.message, headers=problem.headers)
        return RedirectResponse(result_url(entry, lang), status_code=303)

    def page(
        request: Request,
        lang: str,
        entry: Entry | None = None,
        status: int = 200,
        error: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        form = request.state.form if hasattr(request.state, "form") else None
        chosen_formats, chosen_style = list(PAGE_FORMATS), "default"
        if entry is not None:  # the result page keeps the choices it was made with
            chosen_formats, chosen_style = [f.format for f in entry.files.values()], entry.style
        elif form is not None:  # a refused post keeps what was chosen
            chosen_style = str(form.get("style") or "default")
            with contextlib.suppress(RequestProblem):
                chosen_formats = formats_of(form)
        html = templates.get_template("page.html.j2").render(
            lang=lang,
            t=TEXTS[lang],
            other=("en" if lang == "nl" else "nl"),
            here=request.url.path,
            result=api_result(entry, entry.report, settings) if entry else None,
            error=error,
            formats=PAGE_FORMATS,
            chosen_formats=chosen_formats,
            styles=available_styles(),
            chosen_style=chosen_style,
            keep_minutes=round(settings.keep / 60),
            max_size=f"{settings.max_size / 2**20:.3g} MB",
        )
        return HTMLResponse(html, status, headers={**page_headers(), **(headers or {})})

    async def home(request: Request) -> Response:
        return page(request, page_language(request.query_params.get("lang")))

    async def result_page(request: Request) -> Response:
        lang = page_language(request.query_params.get("lang"))
        entry = store_of(request).get(request.path_params["token"])
        if entry is None:
            return page(request, lang, status=404, error=TEXTS[lang]["expired"])
        return page(request, lang, entry=entry)

    async def preview(request: Request) -> Response:
        entry = store_of(request).get(request.path_params["token"])
        html_name = f"{entry.stem}.html" if entry else ""
        found = store_of(request).read(entry, html_name) if entry else None
        if found is None:
            return Response("not found", 404, media_type="text/plain")
        return Response(found[1], media_type="text/html; charset=utf-8", headers=untrusted_headers(PREVIEW_CSP))

    async def file_download(request: Request) -> Response:
        store = store_of(request)
        entry = store.get(request.path_params["token"])
        name = request.path_params["name"]
        if entry is not None and name == entry.zip_name:
            data = await asyncio.to_thread(store.zip, entry)
            return Response(data, media_type="application/zip", headers=download_headers(name))
        found = await asyncio.to_thread(store.read, entry, name) if entry else None
        if found is None:
            return JSONResponse({"error": "no such file — it was never made, or it has expired"}, 404)
        stored, data = found
        return Response(data, media_type=stored.media_type, headers=download_headers(stored.name))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", **pool.status(), "stored_bytes": store_of(request).total()})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(settings.max_size))

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # the page has no icon; say so instead of a 404 in every browser log

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
        Route("/convert", page_convert, methods=["POST"]),
        Route("/result/{token}", result_page, methods=["GET"]),
        Route("/preview/{token}", preview, methods=["GET"]),
        Route("/api/convert", api_convert, methods=["POST"]),
        Route("/api/files/{token}/{name}", file_download, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


async def read_form(request: Request, max_size: int) -> FormData:
    """The multipart form, read with a limit: 413 past ``max_size`` (plus the form's overhead)."""
    limit = max_size + FORM_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestProblem(413, "upload: " + _too_large(int(declared), max_size))
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise RequestProblem(413, "upload: " + _too_large(received, max_size, at_least=True))
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    receive: Receive = replay
    try:
        form = await Request(request.scope, receive).form(max_files=1, max_fields=16, max_part_size=limit)
    except MultiPartException as err:
        raise RequestProblem(400, f"upload: the form could not be read ({err}) — send multipart/form-data") from None
    except AssertionError:  # not multipart or url-encoded at all
        raise RequestProblem(400, "upload: send the file as multipart/form-data, in a field named file") from None
    request.state.form = form
    return form


async def upload_of(form: FormData, max_size: int) -> tuple[bytes, str]:
    """The uploaded file's bytes and name, or the pasted text; 400 when there is neither, 413 when too large."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:  # an empty file is the converter's to refuse
        data = await upload.read(max_size + 1)
        name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    else:
        text = form.get("text")
        if not isinstance(text, str) or not text:  # a browser sends an unchosen file and an empty text box
            raise RequestProblem(
                400, "upload: no file and no text — send the paper's text file in the field file, or its text in text"
            )
        data, name = text.encode("utf-8"), "pasted-text.txt"
    if len(data) > max_size:
        raise RequestProblem(413, f"{name}: " + _too_large(len(data), max_size, at_least=True))
    return data, name


def formats_of(form: FormData) -> list[str]:
    """The ``formats`` field(s) as the CLI's ``-t``: a comma list, repeated fields (check boxes), or all."""
    values = [str(v) for v in form.getlist("formats") if str(v).strip()]
    try:
        return parse_formats(",".join(values) if values else "all")
    except ConvertError as err:
        raise RequestProblem(400, f"formats: {err.format()}") from None


def api_result(entry: Entry, report: dict[str, Any], settings: Settings) -> dict[str, Any]:
    base = f"/api/files/{entry.token}/"
    return {
        "outputs": {stored.format: base + name for name, stored in entry.files.items()},
        "sizes": {stored.format: stored.size for stored in entry.files.values()},
        "zip": base + entry.zip_name,
        "page": f"/result/{entry.token}",
        "preview": f"/preview/{entry.token}" if f"{entry.stem}.html" in entry.files else None,
        "expires_in": round(settings.keep),
        **report,
    }


def result_url(entry: Entry, lang: str) -> str:
    return f"/result/{entry.token}" + ("?lang=en" if lang == "en" else "") + "#result"


def page_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": PAGE_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def untrusted_headers(csp: str) -> dict[str, str]:
    return {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cache-Control": "private, no-store"}  # fmt: skip


def download_headers(name: str) -> dict[str, str]:
    return {**untrusted_headers(FILE_CSP), "Content-Disposition": f'attachment; filename="{name}"'}
