"""Time Pyodide under Node on the shipped wheels, with and without bytecode (median of N).

    .venv/bin/python -m tests.pyodide.timings [-n 5]

Prints one line per variant: Pyodide start, core wheel install, first import of
legplan.web, first and second web.handle, and calendar install + first .ics (ms).
A measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

from sitebuild.wheels import build_wheels

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run.mjs")


def measure(wheels: Path, runs: int) -> dict[str, float]:
    """Median of each timing over ``runs`` fresh Node processes."""
    samples = [
        json.loads(
            subprocess.run(
                ["node", str(RUNNER), "timings", str(wheels)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    keys = [k for k in samples[0] if isinstance(samples[0][k], float | int)]
    return {k: statistics.median(s[k] for s in samples) for k in keys}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for bytecode in (False, True):
            out = Path(tmp, str(bytecode))
            manifest = build_wheels(out, ROOT, bytecode=bytecode)
            sizes = {w["group"]: 0 for w in manifest["wheels"]}  # type: ignore[index,union-attr]
            for w in manifest["wheels"]:  # type: ignore[union-attr]
                sizes[w["group"]] += w["size"]
            timings = measure(out, args.runs)
            label = "bytecode" if bytecode else "sources "
            print(label, json.dumps(timings), "bytes:", json.dumps(sizes))


if __name__ == "__main__":
    main()
