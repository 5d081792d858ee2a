"""Time Pyodide under Node on the shipped files: the site's stdlib and the npm one (median of N).

    .venv/bin/python -m tests.pyodide.timings [-n 5]

Prints one line per standard library: Pyodide start (with the core wheels on sys.path), first
import of legplan.web, first and second web.handle, and the calendar's load + first .ics (ms).
A measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

from sitebuild.compile import build_pyodide_files

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run.mjs")


def measure(files: Path, runs: int, *extra: str) -> dict[str, float]:
    """Median of each timing over ``runs`` fresh Node processes."""
    samples = [
        json.loads(
            subprocess.run(
                ["node", str(RUNNER), "timings", str(files), *extra],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return {k: statistics.median(s[k] for s in samples) for k in samples[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp)
        build_pyodide_files(ROOT, files)
        for label, extra in (("site stdlib ", ()), ("stock stdlib", ("stock",))):
            print(label, json.dumps(measure(files, args.runs, *extra)))


if __name__ == "__main__":
    main()
