"""The benchmark harness's statistics and the Markdown it writes to BENCHMARKS.md."""

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
