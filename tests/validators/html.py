"""axe-core in Debian's Chromium, and the Nu HTML Checker (vnu.jar): one run for many files."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from tests.validators import NODE_MODULES, executable, node_package, require

AXE_SCRIPT = Path(__file__).with_name("js") / "axe.js"


def axe(paths: list[Path]) -> dict[Path, list[str]]:
    """axe-core violations (WCAG 2.2 A/AA + best practice) per file, in light and dark schemes."""
    return {Path(file): found for file, found in _run_axe([str(path) for path in paths]).items()}


def axe_urls(urls: list[str]) -> dict[str, list[str]]:
    """The same for pages served on loopback (``http://127.0.0.1:PORT/...``)."""
    return _run_axe(urls)


def _run_axe(targets: list[str]) -> dict[str, list[str]]:
    node = executable("node")
    node_package("axe-core")
    node_package("playwright-core")
    require(Path("/usr/bin/chromium").exists(), "chromium (Debian package)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "axe.json"
        env = {**os.environ, "NODE_PATH": str(NODE_MODULES)}
        subprocess.run([node, str(AXE_SCRIPT), str(out), *targets], check=True, env=env, timeout=600)
        data = json.loads(out.read_text())
    return {
        file: [f"{v['scheme']}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in found]
        for file, found in data.items()
    }


def nu_checker(paths: list[Path]) -> dict[Path, list[str]]:
    """Errors and warnings of the Nu HTML Checker per file (info messages are not findings)."""
    java = executable("java")
    jar = node_package("vnu-jar") / "build" / "dist" / "vnu.jar"
    require(jar.exists(), "vnu.jar")
    result = subprocess.run(
        [java, "-Xss16m", "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    findings: dict[Path, list[str]] = {path.resolve(): [] for path in paths}
    for message in messages:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        file = Path(message.get("url", "").removeprefix("file:")).resolve()
        kind = f"{message.get('type')}/{message.get('subType', '')}"
        findings.setdefault(file, []).append(f"{kind}: {message.get('message')} (line {message.get('lastLine')})")
    return findings


TYPESET_SCRIPT = Path(__file__).with_name("js") / "typeset.js"


def typesetting(path: Path, width: int, screenshot: Path | None = None) -> list[dict[str, object]]:
    """How Chromium sets each body paragraph at ``width`` CSS px: text-align, hyphens, widest and
    narrowest word gap (typeset.js); with ``screenshot``, a full-page PNG saved there too."""
    node = executable("node")
    node_package("playwright-core")
    require(Path("/usr/bin/chromium").exists(), "chromium (Debian package)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "typeset.json"
        env = {**os.environ, "NODE_PATH": str(NODE_MODULES)}
        extra = [str(screenshot)] if screenshot else []
        subprocess.run(
            [node, str(TYPESET_SCRIPT), str(out), str(width), str(path), *extra], check=True, env=env, timeout=300
        )
        found: list[dict[str, object]] = json.loads(out.read_text())
    return found
