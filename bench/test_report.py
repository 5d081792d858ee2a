"""The benchmarks' statistics and the Markdown they write to BENCHMARKS.md."""

from __future__ import annotations

from bench import report


def test_summary_and_percentile():
    assert report.summary([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}
    values = list(range(1, 201))
    assert report.percentile(values, 95) == 190
    assert report.percentile(values, 50) == 100
    assert report.percentile([7.0], 95) == 7.0


def test_timing_table_formats_medians_ranges_and_bars():
    rows = [
        {
            "name": "Boot ratio cold",
            "stats": report.summary([1.0, 1.2, 1.1]),
            "digits": 2,
            "bar": "<= 1.10",
            "met": True,
        },
        {"name": "Ready (ms)", "stats": report.summary([2500.4, 2700.6]), "met": False},
    ]
    assert report.timing_table(rows).splitlines() == [
        "| Measure | Median | Min–max | n | Bar | Met |",
        "|---|--:|--:|--:|---|---|",
        "| Boot ratio cold | 1.10 | 1.00–1.20 | 3 | <= 1.10 | yes |",
        "| Ready (ms) | 2600 | 2500–2701 | 2 |  | **no** |",
    ]


def test_bytes_and_lighthouse_tables():
    assert report.bytes_table({"": {"pyodide": 0, "wheels": 0, "rest": 2048}}).splitlines()[2] == (
        "| `/` | 0.0 | 0.0 | 2.0 | 2.0 |"
    )
    scores = {"performance": 0.97, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
    failing = [{"id": "largest-contentful-paint", "score": 0.9}]
    table = report.lighthouse_table(
        {"calculator/": {"scores": scores, "failing": failing}, "x/": {"error": "boom"}}
    )
    assert table.splitlines()[2:] == [
        "| `/calculator/` | 0.97 | 1.00 | 1.00 | 1.00 | largest-contentful-paint (0.90) |",
        "| `/x/` | – | – | – | – | Lighthouse failed |",
    ]


def test_replace_section_replaces_or_appends():
    one = report.START.format(label="a") + "\nold\n" + report.END.format(label="a")
    new = report.START.format(label="a") + "\nnew\n" + report.END.format(label="a")
    doc = "# Benchmarks\n\n" + one + "\n\nafter\n"
    assert report.replace_section(doc, "a", new) == "# Benchmarks\n\n" + new + "\n\nafter\n"
    assert report.replace_section("# B\n", "a", new) == "# B\n\n" + new + "\n"


def test_boot_rows_take_ratios_per_round_and_name_the_bare_worker_on_the_page():
    rounds = [
        {
            "bare": {"cold": 1000.0, "warm": 800.0},
            "bare_site": {"cold": 400.0, "warm": 300.0},
            "calculator": {"cold": 500.0, "warm": 300.0},
            "bare_on_calculator": 1100.0,
            "load": 0.5,
        },
        {
            "bare": {"cold": 2000.0, "warm": 1500.0},
            "bare_site": {"cold": 600.0, "warm": 500.0},
            "calculator": {"cold": 1400.0, "warm": 1400.0},
            "bare_on_calculator": 2500.0,
            "load": 1.5,
        },
    ]
    rows = {row["name"]: row for row in report.boot_rows(rounds)}
    cold = rows["Boot ratio cold (calculator cold / bare cold (stock npm runtime))"]
    assert cold["stats"] == report.summary([0.5, 0.7])
    assert cold["met"] is True  # the median of the rounds' ratios, 0.6, against <= 0.60
    warm = rows["Boot ratio warm (calculator warm / bare cold (stock npm runtime))"]
    assert warm["stats"] == report.summary([0.3, 0.7])
    assert warm["met"] is True
    site = rows["Bare `loadPyodide()` cold: the site's runtime / stock (ratio)"]
    assert site["stats"] == report.summary([0.4, 0.3])
    on_page = rows["Calculator cold / bare on the calculator page (ratio)"]
    assert on_page["stats"] == report.summary([500 / 1100, 1400 / 2500])
    assert report.load_row(rounds, "load")["stats"] == report.summary([0.5, 1.5])
    # Rounds recorded before the bare worker was timed on the page give no such rows, and
    # rounds from before the stock reference name their bare boot plainly.
    older = [
        {k: v for k, v in r.items() if k not in {"bare_on_calculator", "bare_site", "load"}}
        for r in rounds
    ]
    names = [row["name"] for row in report.boot_rows(older)]
    assert not any("calculator page" in name or "stock" in name for name in names)
    assert "Boot ratio cold (calculator cold / bare cold)" in names
    assert report.load_row(older, "load") is None


def test_throttled_and_bytes_rows_hold_their_bars():
    rounds = [{"bare": 10000.0, "calculator": 5000.0}, {"bare": 8000.0, "calculator": 6400.0}]
    ratio = report.throttled_rows(rounds, "10 Mbit/s")[-1]
    assert ratio["stats"] == report.summary([0.5, 0.8])
    assert ratio["met"] is False  # median 0.65
    [row] = report.bytes_rows({"pyodide": 4 * 1024 * 1024, "wheels": 512 * 1024, "rest": 0})
    assert row["stats"]["median"] == 4608
    assert row["met"] is True
    [row] = report.bytes_rows({"pyodide": 5 * 1024 * 1024, "wheels": 1, "rest": 0})
    assert row["met"] is False


def test_result_file_names_never_leave_the_results_folder():
    assert (
        report.result_name("back to back 1/2: before (e2bf3f1)")
        == "back-to-back-1-2-before-e2bf3f1"
    )
    assert "/" not in report.result_name("../../etc/passwd")
    assert report.result_name("///") == "unnamed"


def test_lighthouse_reports_the_median_run_with_every_runs_score():
    runs = [
        {"scores": {"performance": 0.97, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}},
        {"error": "Lighthouse crashed"},
        {"scores": {"performance": 0.91, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}},
        {"scores": {"performance": 0.99, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}},
    ]
    for run in runs:
        run.setdefault("failing", [])
    chosen = report.median_run(runs)
    assert chosen["scores"]["performance"] == 0.97
    assert chosen["performance_runs"] == [0.97, 0.91, 0.99]
    row = report.lighthouse_table({"": chosen}).splitlines()[2]
    assert row.startswith("| `/` | 0.97 (0.97, 0.91, 0.99) | 1.00 |")
    assert report.median_run([{"error": "x"}]) == {"error": "x"}


def test_a_compared_checkout_gets_its_own_rows():
    rounds = [
        {
            "bare": {"cold": 1000.0, "warm": 800.0},
            "bare_site": {"cold": 400.0, "warm": 300.0},
            "calculator": {"cold": 500.0, "warm": 300.0},
            report.COMPARED: {"cold": 1250.0, "warm": 250.0},
        }
    ]
    rows = {row["name"]: row for row in report.boot_rows(rounds, "before")}
    assert rows["Calculator cold / before's calculator cold (ratio)"]["stats"]["median"] == 0.4
    name = "Boot ratio cold, before (its calculator cold / bare cold (stock npm runtime))"
    assert rows[name]["stats"]["median"] == 1.25
    assert not any("before" in row["name"] for row in report.boot_rows(rounds))
    throttled = [{"bare": 100.0, "calculator": 50.0, report.COMPARED: 110.0}]
    rows = {row["name"]: row for row in report.throttled_rows(throttled, "slow", "before")}
    assert rows["Boot ratio cold, before, slow"]["stats"]["median"] == 1.1
