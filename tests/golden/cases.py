"""The golden cases: requests in the one vocabulary (URL query), and their outputs.

Shared by tests/golden (CPython against the files in expected/) and
tests/pyodide (the same outputs computed inside Pyodide).
"""

from __future__ import annotations

from dataclasses import dataclass

from legplan.render import FORMATS, render
from legplan.request import parse_query
from legplan.schedule import build_plan


@dataclass(frozen=True)
class Case:
    """One golden request."""

    name: str
    query: str


CASES: tuple[Case, ...] = (
    Case("tone-default", "goal=tone&start_date=2027-01-04"),
    Case("tone-five-days", "goal=tone&days=mon,wed,fri,sat,sun&start_date=2027-01-04"),
    Case("tone-three-in-a-row", "goal=tone&days=mon,tue,wed&start_date=2027-03-01&weeks=2"),
    Case(
        "tone-builds-easily-sunday",
        "goal=tone&days=tue,thu,sat,sun&week_start=sun&builds_easily=yes&start_date=2027-01-03",
    ),
    Case("lose-four-days", "goal=lose&days=mon,wed,fri,sat&start_date=2027-01-04"),
    Case("lose-all-days-gym", "goal=lose&equipment=gym&start_date=2027-01-06&weeks=3"),
    Case(
        "lose-five-days-home",
        "goal=lose&days=mon,tue,thu,sat,sun&equipment=home&start_date=2027-02-01",
    ),
    Case(
        "build-three-days-home", "goal=build&days=mon,wed,fri&equipment=home&start_date=2027-01-04"
    ),
    Case(
        "build-gym-four-weeks",
        "goal=build&equipment=gym&week_start=sun&builds_easily=yes&start_date=2027-01-04&weeks=4",
    ),
    Case(
        "tone-road-from-not-yet",
        "goal=tone&days=mon,wed,fri,sun&current_minutes=0&start_date=2027-01-04",
    ),
    Case(
        "lose-road-from-45-energy",
        "goal=lose&days=mon,tue,thu,sat,sun&current_minutes=45&weight=72.5&pace=6:15"
        "&start_date=2027-01-04&weeks=8",
    ),
    Case(
        "build-energy-pounds-miles",
        "goal=build&days=mon,wed,fri,sat&equipment=home&weight=165&weight_unit=lb&pace=10:30"
        "&pace_unit=mile&start_date=2027-01-04",
    ),
    Case(
        "tone-selfcheck-yes",
        "goal=tone&days=tue,thu,sat&selfcheck=heart,over_age&current_minutes=20"
        "&start_date=2027-01-05",
    ),
)

EXTENSIONS: dict[str, str] = {
    "text": "txt",
    "markdown": "md",
    "html": "html",
    "json": "json",
    "ics": "ics",
}
assert tuple(EXTENSIONS) == FORMATS


def outputs(query: str, formats: tuple[str, ...] = FORMATS) -> dict[str, str]:
    """Every format (or those of ``formats``) of the plan for ``query``."""
    plan = build_plan(parse_query(query))
    return {fmt: render(plan, fmt) for fmt in FORMATS if fmt in formats}
