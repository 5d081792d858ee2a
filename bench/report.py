"""Statistics and the Markdown that BENCHMARKS.md records (pure functions, unit-tested)."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from typing import Any

START = "<!-- bench:{label}:start -->"
END = "<!-- bench:{label}:end -->"


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, minimum and maximum of ``values`` and how many there are."""
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile (p95 of 200 values: the 190th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def result_name(label: str) -> str:
    """A file name for the label's results: ``"a/b: c"`` -> ``"a-b-c"``.

    >>> result_name("back to back 1/2: before (e2bf3f1)")
    'back-to-back-1-2-before-e2bf3f1'
    """
    return "-".join(re.findall(r"[A-Za-z0-9_.]+", label)) or "unnamed"


def boot_rows(rounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    bare_cold = [r["bare"]["cold"] for r in rounds]
    bare_warm = [r["bare"]["warm"] for r in rounds]
    calc_cold = [r["calculator"]["cold"] for r in rounds]
    calc_warm = [r["calculator"]["warm"] for r in rounds]
    rc = summary([c / b for c, b in zip(calc_cold, bare_cold, strict=True)])
    rw = summary([c / b for c, b in zip(calc_warm, bare_cold, strict=True)])
    rows: list[dict[str, Any]] = [
        {"name": "Bare `loadPyodide()` cold (ms)", "stats": summary(bare_cold)},
        {"name": "Bare `loadPyodide()` warm (ms)", "stats": summary(bare_warm)},
    ]
    if all("bare_on_calculator" in r for r in rounds):
        on_page = [r["bare_on_calculator"] for r in rounds]
        rows += [
            {
                "name": "Bare `loadPyodide()` cold, started by the calculator page (ms)",
                "stats": summary(on_page),
            },
            {
                "name": "Calculator cold / bare on the calculator page (ratio)",
                "stats": summary([c / b for c, b in zip(calc_cold, on_page, strict=True)]),
                "digits": 2,
            },
        ]
    return [
        *rows,
        {"name": "Calculator ready cold (ms)", "stats": summary(calc_cold)},
        {"name": "Calculator ready warm (ms)", "stats": summary(calc_warm)},
        {
            "name": "Boot ratio cold (calculator cold / bare cold)",
            "stats": rc,
            "digits": 2,
            "bar": "<= 1.10",
            "met": rc["median"] <= 1.10,
        },
        {
            "name": "Boot ratio warm (calculator warm / bare cold)",
            "stats": rw,
            "digits": 2,
            "bar": "<= 0.65",
            "met": rw["median"] <= 0.65,
        },
    ]


def _num(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def timing_table(rows: Sequence[dict[str, Any]]) -> str:
    """Rows of ``{name, stats, digits, bar, met}`` as a Markdown table."""
    lines = [
        "| Measure | Median | Min–max | n | Bar | Met |",
        "|---|--:|--:|--:|---|---|",
    ]
    for row in rows:
        stats, digits = row["stats"], row.get("digits", 0)
        met = row.get("met")
        lines.append(
            f"| {row['name']} | {_num(stats['median'], digits)} "
            f"| {_num(stats['min'], digits)}–{_num(stats['max'], digits)} | {stats['n']} "
            f"| {row.get('bar', '')} | {'' if met is None else ('yes' if met else '**no**')} |"
        )
    return "\n".join(lines)


def bytes_table(pages: dict[str, dict[str, int]]) -> str:
    """Bytes per page in KiB (transferred: headers and gzip bodies), split by kind."""
    lines = [
        "| Page | Pyodide runtime (KiB) | Wheels (KiB) | Rest (KiB) | Total (KiB) |",
        "|---|--:|--:|--:|--:|",
    ]
    for page, split in pages.items():
        total = split["pyodide"] + split["wheels"] + split["rest"]
        cells = [split["pyodide"], split["wheels"], split["rest"], total]
        lines.append(f"| `/{page}` | " + " | ".join(f"{c / 1024:.1f}" for c in cells) + " |")
    return "\n".join(lines)


def lighthouse_table(pages: dict[str, dict[str, Any]]) -> str:
    """The four Lighthouse scores per page and the audits that cost points."""
    lines = [
        "| Page | Performance | Accessibility | Best practices | SEO | Audits below 1 |",
        "|---|--:|--:|--:|--:|---|",
    ]
    for page, result in pages.items():
        if "error" in result:
            lines.append(f"| `/{page}` | – | – | – | – | Lighthouse failed |")
            continue
        s = result["scores"]
        failing = ", ".join(f"{a['id']} ({a['score']:.2f})" for a in result["failing"]) or "none"
        performance = _score(s["performance"])
        if len(result.get("performance_runs", [])) > 1:
            performance += " (" + ", ".join(_score(x) for x in result["performance_runs"]) + ")"
        lines.append(
            f"| `/{page}` | {performance} | {_score(s['accessibility'])} "
            f"| {_score(s['best-practices'])} | {_score(s['seo'])} | {failing} |"
        )
    return "\n".join(lines)


def median_run(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Of several Lighthouse runs of one page, the one with the median performance score.

    Lighthouse's own advice for its variability: report the median run, not the best. The
    chosen run carries every run's performance score as ``performance_runs``. Failed runs
    count only when all failed.

    >>> runs = [{"scores": {"performance": p}} for p in (0.9, 0.99, 0.95)]
    >>> chosen = median_run(runs)
    >>> chosen["scores"]["performance"], chosen["performance_runs"]
    (0.95, [0.9, 0.99, 0.95])
    """
    scored = [r for r in runs if "scores" in r]
    if not scored:
        return runs[-1]
    ordered = sorted(scored, key=lambda r: r["scores"]["performance"] or 0)
    return {
        **ordered[(len(ordered) - 1) // 2],
        "performance_runs": [r["scores"]["performance"] for r in scored],
    }


def lighthouse_findings(pages: dict[str, dict[str, Any]]) -> str:
    """What the failing non-performance audits found, one bullet per page and audit."""
    lines = []
    for page, result in pages.items():
        for audit in result.get("failing", []):
            if audit.get("category") == "performance" or not audit.get("items"):
                continue
            items = "; ".join(f"`{i}`" for i in audit["items"][:3])
            lines.append(f"- `/{page}` {audit['id']}: {items}")
    return "\n".join(lines)


def section(label: str, results: dict[str, Any]) -> str:
    """The whole BENCHMARKS.md section for one run, between its markers."""
    m = results["machine"]
    parts = [
        START.format(label=label),
        f"### {label}: {results['date']}, commit `{results['commit']}`",
        "",
        f"Machine: `nproc` {m['nproc']}, memory {m['memory']}, {m['chromium']}, "
        f"Python {m['python']}, Node {m['node']}."
        + (f" Load average (1, 5, 15 min): {m['load']}." if m.get("load") else ""),
        "",
        timing_table(results["table"]),
    ]
    if results.get("bytes"):
        parts += ["", "Bytes transferred by one cold visit (until the network is quiet):", ""]
        parts.append(bytes_table(results["bytes"]))
    if results.get("lighthouse"):
        parts += ["", "Lighthouse 12.2.3, mobile preset:", ""]
        parts.append(lighthouse_table(results["lighthouse"]))
        found = lighthouse_findings(results["lighthouse"])
        if found:
            parts += ["", found]
    parts.append(END.format(label=label))
    return "\n".join(parts)


def replace_section(document: str, label: str, text: str) -> str:
    """``document`` with the section ``label`` replaced by ``text`` (appended if absent)."""
    pattern = re.compile(
        re.escape(START.format(label=label)) + ".*?" + re.escape(END.format(label=label)),
        re.DOTALL,
    )
    if pattern.search(document):
        return pattern.sub(lambda _: text, document)
    return document.rstrip("\n") + "\n\n" + text + "\n"
