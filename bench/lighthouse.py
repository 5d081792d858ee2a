"""Lighthouse 12.2.3 (npm, the last to run on Node 20), mobile preset, four categories."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from harness.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _items(result: dict[str, Any]) -> list[str]:
    """What an audit found, shortly: a URL, a selector or a message per item."""
    found = []
    for item in (result.get("details") or {}).get("items", [])[:10]:
        node = item.get("node") or {}
        text = item.get("description") or item.get("url") or node.get("selector") or ""
        if node.get("snippet"):
            text += " " + node["snippet"][:160]
        found.append(str(text)[:300])
    return found


def available() -> bool:
    return CLI.exists()


def audit(url: str) -> dict[str, Any]:
    """The four category scores for ``url`` and the audits that cost points."""
    with tempfile.TemporaryDirectory(prefix="legplan-lh-") as tmp:
        out = Path(tmp) / "report.json"
        flags = " ".join(["--headless", *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile"])
        proc = subprocess.run(
            [
                "node",
                str(CLI),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={flags}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if proc.returncode != 0 or not out.exists():
            return {"error": (proc.stderr or proc.stdout)[-2000:]}
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                failing.append(
                    {
                        "category": category,
                        "id": ref["id"],
                        "score": result["score"],
                        "display": result.get("displayValue", ""),
                        "items": _items(result),
                    }
                )
    metrics = {
        key: report["audits"][key].get("numericValue")
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
        if key in report["audits"]
    }
    # Main-thread time by script (what the page's own modules cost beside the theme's bundle).
    bootup = report["audits"].get("bootup-time", {}).get("details", {}).get("items", [])
    scripts = {
        str(item["url"]): round(float(item.get("total", 0.0)), 1)
        for item in bootup
        if isinstance(item, dict) and "url" in item
    }
    return {"scores": scores, "failing": failing, "metrics": metrics, "scripts": scripts}
