"""``pubconvert serve``: start the web page and the HTTP API on one port (uvicorn)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from convert.cli import parse_size
from convert.serve.app import Settings, create_app

DEFAULT_MAX_SIZE = "10M"


def build_parser() -> argparse.ArgumentParser:
    defaults = Settings()
    parser = argparse.ArgumentParser(
        prog="pubconvert serve",
        description="Serve a web page and an HTTP API that convert papers, with a warm pool of worker processes. "
        "It listens on loopback unless told otherwise.",
        epilog="The API is described at /openapi.json; GET /healthz answers 200 when the server is up.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument(
        "--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)), metavar="N",
        help="conversion processes, started once and kept warm (default: cores, at most 4)",
    )  # fmt: skip
    parser.add_argument(
        "--queue", type=int, default=defaults.queue, metavar="N",
        help=f"requests that may wait for a busy worker; one more gets 503 (default: {defaults.queue})",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=defaults.timeout, metavar="SECONDS",
        help=f"time limit of one conversion; past it the request gets 504 (default: {defaults.timeout:g})",
    )  # fmt: skip
    parser.add_argument(
        "--max-size", type=parse_size, default=parse_size(DEFAULT_MAX_SIZE), metavar="SIZE",
        help=f"refuse larger uploads with 413 (default: {DEFAULT_MAX_SIZE})",
    )  # fmt: skip
    parser.add_argument(
        "--keep", type=float, default=defaults.keep, metavar="SECONDS",
        help=f"how long converted files are kept (default: {defaults.keep:g})",
    )  # fmt: skip
    parser.add_argument(
        "--store-size", type=parse_size, default=defaults.store_limit, metavar="SIZE",
        help="total size of kept files; the oldest are deleted past it (default: 512M)",
    )  # fmt: skip
    parser.add_argument(
        "--store", type=Path, metavar="DIR",
        help="folder for converted files (default: a new temporary folder, removed at exit)",
    )  # fmt: skip
    return parser


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve anywhere
        return False


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.workers < 1 or args.queue < 0 or args.timeout <= 0:
        print("pubconvert serve: --workers must be at least 1, --queue at least 0, --timeout above 0", file=sys.stderr)
        return 2
    settings = Settings(
        workers=args.workers, queue=args.queue, timeout=args.timeout, max_size=args.max_size or sys.maxsize,
        keep=args.keep, store_limit=args.store_size, store=args.store,
    )  # fmt: skip
    where = f"[{args.host}]" if ":" in args.host else args.host
    workers = f"{args.workers} worker" + ("s" if args.workers != 1 else "")
    print(f"pubconvert serve: http://{where}:{args.port}/ ({workers}; Ctrl-C stops)", file=sys.stderr)
    if not is_loopback(args.host):
        print(
            f"pubconvert serve: listening on {args.host}, not only on this machine: there is no log-in and no TLS; "
            "put a reverse proxy that has them in front",
            file=sys.stderr,
        )
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
