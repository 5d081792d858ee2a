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


COLD_BAR = 0.60
"""Calculator ready on a first visit, against a bare ``loadPyodide()`` of the stock runtime."""
WARM_BAR = 0.65
BYTES_BAR_KIB = 5 * 1024
"""Bytes the calculator's first visit transfers until ready (KiB, gzip as Pages serves)."""


def _ratios(tops: list[float], bottoms: list[float]) -> dict[str, float]:
    return summary([t / b for t, b in zip(tops, bottoms, strict=True)])


def _ratio_row(name: str, stats: dict[str, float], bar: float | None = None) -> dict[str, Any]:
    """A row of ratios, with its bar (at most ``bar``, met by the median) when it has one."""
    row: dict[str, Any] = {"name": name, "stats": stats, "digits": 2}
    if bar is not None:
        row |= {"bar": f"<= {bar:.2f}", "met": stats["median"] <= bar}
    return row


COMPARED = "calculator_compare"
"""A round's key for the other checkout's calculator (``run.py --compare``)."""


def boot_rows(rounds: list[dict[str, Any]], compare: str = "") -> list[dict[str, Any]]:
    """Rows for paired boot rounds: ``bare`` is the reference, a bare ``loadPyodide()``.

    Since issue 16 ``bare`` is the npm package's unmodified runtime and ``bare_site`` the
    site's own; rounds recorded before have no ``bare_site`` (their ``bare`` was the site's).
    ``compare`` names the other checkout whose calculator the rounds also visited, if any.
    """
    bare_cold = [r["bare"]["cold"] for r in rounds]
    bare_warm = [r["bare"]["warm"] for r in rounds]
    calc_cold = [r["calculator"]["cold"] for r in rounds]
    calc_warm = [r["calculator"]["warm"] for r in rounds]
    stock = all("bare_site" in r for r in rounds)
    which = " (stock npm runtime)" if stock else ""
    rc = _ratios(calc_cold, bare_cold)
    rw = _ratios(calc_warm, bare_cold)
    rows: list[dict[str, Any]] = [
        {"name": f"Bare `loadPyodide()` cold{which} (ms)", "stats": summary(bare_cold)},
        {"name": f"Bare `loadPyodide()` warm{which} (ms)", "stats": summary(bare_warm)},
    ]
    if stock:
        site_cold = [r["bare_site"]["cold"] for r in rounds]
        rows += [
            {
                "name": "Bare `loadPyodide()` cold, the site's runtime (ms)",
                "stats": summary(site_cold),
            },
            _ratio_row(
                "Bare `loadPyodide()` cold: the site's runtime / stock (ratio)",
                _ratios(site_cold, bare_cold),
            ),
        ]
    if all("bare_on_calculator" in r for r in rounds):
        on_page = [r["bare_on_calculator"] for r in rounds]
        rows += [
            {
                "name": "Bare `loadPyodide()` cold, started by the calculator page (ms)",
                "stats": summary(on_page),
            },
            _ratio_row(
                "Calculator cold / bare on the calculator page (ratio)",
                _ratios(calc_cold, on_page),
            ),
        ]
    rows += [
        {"name": "Calculator ready cold (ms)", "stats": summary(calc_cold)},
        {"name": "Calculator ready warm (ms)", "stats": summary(calc_warm)},
        _ratio_row(f"Boot ratio cold (calculator cold / bare cold{which})", rc, COLD_BAR),
        _ratio_row(f"Boot ratio warm (calculator warm / bare cold{which})", rw, WARM_BAR),
    ]
    if compare and all(COMPARED in r for r in rounds):
        other_cold = [r[COMPARED]["cold"] for r in rounds]
        other_warm = [r[COMPARED]["warm"] for r in rounds]
        rows += [
            {"name": f"Calculator ready cold, {compare} (ms)", "stats": summary(other_cold)},
            {"name": f"Calculator ready warm, {compare} (ms)", "stats": summary(other_warm)},
            _ratio_row(
                f"Boot ratio cold, {compare} (its calculator cold / bare cold{which})",
                _ratios(other_cold, bare_cold),
            ),
            _ratio_row(
                f"Boot ratio warm, {compare} (its calculator warm / bare cold{which})",
                _ratios(other_warm, bare_cold),
            ),
            _ratio_row(
                f"Calculator cold / {compare}'s calculator cold (ratio)",
                _ratios(calc_cold, other_cold),
            ),
        ]
    return rows


def throttled_rows(
    rounds: list[dict[str, Any]], conditions: str, compare: str = ""
) -> list[dict[str, Any]]:
    """Rows for cold visits under network emulation: bare (stock runtime) and calculator."""
    bare = [r["bare"] for r in rounds]
    calc = [r["calculator"] for r in rounds]
    ratio = _ratios(calc, bare)
    rows: list[dict[str, Any]] = [
        {"name": f"Bare `loadPyodide()` cold, stock, {conditions} (ms)", "stats": summary(bare)},
        {"name": f"Calculator ready cold, {conditions} (ms)", "stats": summary(calc)},
        _ratio_row(f"Boot ratio cold, {conditions}", ratio, COLD_BAR),
    ]
    if compare and all(COMPARED in r for r in rounds):
        cold = [r[COMPARED] for r in rounds]
        rows += [
            {
                "name": f"Calculator ready cold, {compare}, {conditions} (ms)",
                "stats": summary(cold),
            },
            _ratio_row(f"Boot ratio cold, {compare}, {conditions}", _ratios(cold, bare)),
        ]
    return rows


def bytes_rows(to_ready: dict[str, int], who: str = "") -> list[dict[str, Any]]:
    """The calculator's first visit: KiB sent until ready, against :data:`BYTES_BAR_KIB`."""
    kib = sum(to_ready.values()) / 1024
    return [
        {
            "name": f"Calculator first visit{who}, KiB sent until ready (gzip as Pages serves)",
            "stats": summary([kib]),
            "digits": 1,
            "bar": f"<= {BYTES_BAR_KIB}",
            "met": kib <= BYTES_BAR_KIB,
        }
    ]


def load_row(rounds: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The 1-minute load average at the start of each round, when recorded."""
    loads = [r["load"] for r in rounds if "load" in r]
    if not loads:
        return None
    return {"name": name, "stats": summary(loads), "digits": 2}


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
