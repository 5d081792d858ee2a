"""``make bench``: build the site, serve it on 127.0.0.1, measure, write the figures.

Measures, in one run: the boot ratio (calculator ready / bare ``loadPyodide()``, cold and
warm), redraw latency over many form changes, bytes per page by kind, Lighthouse's four
scores per page, the site's build time and the CLI's time next to ``python -c pass``.
Writes ``bench/results/<label>.json`` and ``bench/results/latest.json`` (not committed)
and the section ``<label>`` of BENCHMARKS.md. Never fails on a slow figure: a bar that is
not met is written down as such.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench import browser, lighthouse, report, timing  # noqa: E402
from harness.chromium import CHROMIUM  # noqa: E402
from harness.server import SiteServer  # noqa: E402
from sitebuild.files import site_pages  # noqa: E402
from sitebuild.runtime import copy_runtime  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BENCHMARKS = ROOT / "BENCHMARKS.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _out(cmd: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    return proc.stdout.strip()


def machine() -> dict[str, str]:
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    return {
        "nproc": _out(["nproc"]),
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "chromium": _out([CHROMIUM, "--version"]),
        "python": platform.python_version(),
        "node": _out(["node", "--version"]),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def commit_of(source: Path) -> str:
    sha = _out(["git", "rev-parse", "--short", "HEAD"], cwd=source)
    dirty = _out(["git", "status", "--porcelain", "--untracked-files=no"], cwd=source)
    return sha + ("+changes" if dirty else "")


def _spread(values: list[float], p: float) -> dict[str, float]:
    """The ``p``-th percentile as the figure, with the sample's min–max."""
    return {
        "median": report.percentile(values, p),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def redraw_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    redraw = [r["dom"] for r in results["redraw"]]
    to_frame = [r.get("frame") or r["dom"] for r in results["redraw"]]
    burst = [r["dom"] for r in results.get("redraw_burst", [])]
    p95 = report.percentile(redraw, 95)
    rows: list[dict[str, Any]] = [
        {"name": "Redraw p50 (ms; with min–max)", "stats": _spread(redraw, 50), "digits": 1},
        {
            "name": "Redraw p95 (ms)",
            "stats": _spread(redraw, 95),
            "digits": 1,
            "bar": "<= 16",
            "met": p95 <= 16,
        },
        {
            "name": "Redraw to the next frame after the swap, p95 (ms)",
            "stats": _spread(to_frame, 95),
            "digits": 1,
        },
    ]
    if burst:
        rows.append(
            {
                "name": "Redraw back to back, p95 (ms; each change at once after the last)",
                "stats": _spread(burst, 95),
                "digits": 1,
            }
        )
    rows.append(
        {
            "name": "First redraw after ready (ms)",
            "stats": report.summary(results["first_redraw"]),
            "digits": 1,
        }
    )
    return rows


def table_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    compare = results.get("compare_label", "")
    if results.get("boot"):
        rows += report.boot_rows(results["boot"], compare)
        load = report.load_row(results["boot"], "Load average (1 min) at each boot round's start")
        rows += [load] if load else []
    if results.get("throttled"):
        rows += report.throttled_rows(results["throttled"], browser.THROTTLE_LABEL, compare)
        load = report.load_row(results["throttled"], "Load average (1 min), throttled rounds")
        rows += [load] if load else []
    if results.get("bytes_to_ready"):
        rows += report.bytes_rows(results["bytes_to_ready"])
    if results.get("bytes_to_ready_compare"):
        rows += report.bytes_rows(results["bytes_to_ready_compare"], f", {compare}")
    if results.get("redraw"):
        rows += redraw_rows(results)
    if results.get("build"):
        rows.append(
            {"name": "Site build (s)", "stats": report.summary(results["build"]), "digits": 1}
        )
    for name, values in results.get("cli", {}).items():
        rows.append({"name": f"`{name}` (s)", "stats": report.summary(values), "digits": 3})
    if results.get("lighthouse"):
        scored = [r["scores"] for r in results["lighthouse"].values() if "scores" in r]
        bars = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
        for category, bar in bars.items():
            values = [s[category] for s in scored if s[category] is not None]
            if not values:
                continue
            worst = min(values)
            rows.append(
                {
                    "name": f"Lighthouse {category} (median, worst–best of {len(values)} pages)",
                    "stats": report.summary(values),
                    "digits": 2,
                    "bar": f">= {bar:.2f} every page",
                    "met": worst >= bar,
                }
            )
    return rows


def _at_least_one(text: str) -> int:
    """An argparse type: a whole number of at least 1, or a message naming what is allowed."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"{text!r}: give a whole number of at least 1"
        raise argparse.ArgumentTypeError(msg)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to build and measure")
    parser.add_argument("--label", default="latest", help="section of BENCHMARKS.md to write")
    parser.add_argument("--runs", type=int, default=7, help="boot rounds (cold and warm)")
    parser.add_argument("--redraws", type=int, default=240)
    parser.add_argument("--redraw-sessions", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--cli-runs", type=int, default=10)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument(
        "--lighthouse-runs",
        type=_at_least_one,
        default=1,
        help="runs per page; the median one is reported",
    )
    parser.add_argument("--no-bytes", action="store_true")
    parser.add_argument("--no-boot", action="store_true", help="skip the boot rounds")
    parser.add_argument(
        "--throttled-runs",
        type=int,
        default=7,
        help=f"cold rounds under network emulation ({browser.THROTTLE_LABEL}); 0: none",
    )
    parser.add_argument(
        "--only-boot", action="store_true", help="boot, throttled and bytes rows only"
    )
    parser.add_argument(
        "--compare",
        type=Path,
        help="another checkout whose calculator every boot round also visits (served beside)",
    )
    parser.add_argument("--compare-label", default="compare", help="its name in the rows")
    parser.add_argument(
        "--load-below",
        type=float,
        help="start each boot and throttled round once the 1-minute load average is below this",
    )
    parser.add_argument("--no-markdown", action="store_true", help="leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    source = args.source.resolve()

    results: dict[str, Any] = {
        "label": args.label,
        "date": dt.date.today().isoformat(),
        "commit": commit_of(source),
        "machine": machine(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="legplan-bench-site-") as tmp:
        site_dir = Path(tmp) / "site"
        base_url = f"http://127.0.0.1:{port}/"
        print(f"building {source} for {base_url}", flush=True)
        builds = [timing.build_site(source, site_dir, base_url) for _ in range(args.builds)]
        results["build"] = builds
        shutil.copytree(
            HERE,
            site_dir / "bench",
            ignore=lambda d, names: [n for n in names if not n.startswith("bare")],
        )
        # The reference runtime: the npm package's unmodified files, checked against their
        # recorded hashes, from this checkout's node_modules (the same pinned version).
        copy_runtime(site_dir / "bench" / "stock", ROOT)
        print(f"  builds: {[round(b, 1) for b in builds]} s", flush=True)
        if args.compare:
            results["compare_label"] = args.compare_label
            results["compare_commit"] = commit_of(args.compare.resolve())
            timing.build_site(
                args.compare.resolve(), site_dir / browser.COMPARE, base_url + browser.COMPARE
            )
        results["cli"] = timing.cli_runs(args.cli_runs)

        server = SiteServer(site_dir, port)
        server.load()
        with server, sync_playwright() as pw:
            compare = args.compare is not None
            below = args.load_below
            boot = (
                []
                if args.no_boot
                else browser.boot_runs(pw, server, args.runs, compare=compare, load_below=below)
            )
            results["boot"] = boot
            if args.throttled_runs:
                results["throttled"] = browser.throttled_runs(
                    pw, server, args.throttled_runs, compare=compare, load_below=below
                )
            redraw: list[dict[str, Any]] = []
            burst: list[dict[str, Any]] = []
            first: list[float] = []
            per_session = max(1, args.redraws // args.redraw_sessions)
            for _ in range(0 if args.only_boot else args.redraw_sessions):
                session = browser.redraws(pw, server, per_session, spaced=True)
                first.append(session[0]["dom"])
                redraw += session
                burst += browser.redraws(pw, server, per_session, spaced=False)[1:]
            results["redraw"] = redraw
            results["redraw_burst"] = burst
            results["first_redraw"] = first
            pages = site_pages(site_dir, skip=("assets/", "bench/", browser.COMPARE))
            if args.only_boot:
                pages = [browser.CALCULATOR]
            if compare and not args.no_bytes:
                _, to_ready = browser.page_bytes(pw, server, browser.COMPARE + browser.CALCULATOR)
                results["bytes_to_ready_compare"] = browser.split_bytes(to_ready or {})
            if not args.no_bytes:
                results["bytes"] = {}
                for page in pages:
                    sent, to_ready = browser.page_bytes(pw, server, page)
                    results["bytes"][page] = browser.split_bytes(sent)
                    if to_ready is not None:
                        results["bytes_to_ready"] = browser.split_bytes(to_ready)
                print(f"  bytes: {results['bytes']}", flush=True)
            if args.only_boot:
                pass
            elif not args.no_lighthouse and lighthouse.available():
                results["lighthouse"] = {}
                for page in pages:
                    results["lighthouse"][page] = report.median_run(
                        [
                            lighthouse.audit(server.base_url + page)
                            for _ in range(args.lighthouse_runs)
                        ]
                    )
                    print(
                        f"  lighthouse /{page}: {results['lighthouse'][page].get('scores')}",
                        flush=True,
                    )

    results["machine"]["load"] += " at start; " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    results["machine"]["load"] += " at end"
    results["table"] = table_rows(results)
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(results, indent=1, sort_keys=True)
    (RESULTS / "latest.json").write_text(text + "\n", encoding="utf-8")
    (RESULTS / f"{report.result_name(args.label)}.json").write_text(text + "\n", encoding="utf-8")
    md = report.section(args.label, results)
    print(md)
    if not args.no_markdown:
        document = (
            BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
        )
        BENCHMARKS.write_text(report.replace_section(document, args.label, md), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
