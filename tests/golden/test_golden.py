"""Golden files: every case in every format, byte for byte.

Rewrite them only with ``make update-golden`` (``pytest --update-golden``) and review the diff.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from legplan.render import FORMATS
from legplan.request import FIELDS
from legplan.vocab import DistanceUnit, Equipment, Goal, Muscle, Weekday, WeightUnit
from tests.golden.cases import CASES, EXTENSIONS, outputs

EXPECTED = Path(__file__).parent / "expected"
ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "calculator/legplan/schema/plan.schema.json").read_text())
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


@cache
def _outputs(query: str) -> dict[str, str]:
    return outputs(query)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_matches_golden_file(case, fmt, request):
    path = EXPECTED / f"{case.name}.{EXTENSIONS[fmt]}"
    actual = _outputs(case.query)[fmt]
    if request.config.getoption("--update-golden"):
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run make update-golden and review it"
    assert actual == path.read_bytes().decode("utf-8")


def test_every_golden_file_belongs_to_a_case():
    names = {f"{c.name}.{ext}" for c in CASES for ext in EXTENSIONS.values()}
    assert {p.name for p in EXPECTED.iterdir()} == names


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_json_follows_the_schema(case):
    document = json.loads(_outputs(case.query)["json"])
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_broken_plan():
    document = json.loads(_outputs(CASES[0].query)["json"])
    document["days"] = document["days"][1:]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_calendar_parses_back(case):
    plan = json.loads(_outputs(case.query)["json"])
    calendar = Calendar.from_ical(_outputs(case.query)["ics"])
    events = calendar.walk("VEVENT")
    weeks = plan.get("weeks", [{"days": plan["days"]}])
    calendar_weeks = max(plan["request"]["weeks"], len(weeks))
    weeks += [{"days": plan["days"]}] * (calendar_weeks - len(weeks))
    assert len(events) == sum(len(d["sessions"]) for w in weeks for d in w["days"])
    assert len({str(e["UID"]) for e in events}) == len(events)
    weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for event in events:
        day = plan["days"][weekdays.index(weekdays[event.decoded("DTSTART").weekday()])]
        assert day["sessions"], f"an event on {day['day']}, a rest day"
        summary = str(event["SUMMARY"])
        kinds = {s["type"] for s in day["sessions"]}
        assert ("Leg workout" in summary and "legs" in kinds) or (
            "run" in summary.lower() and "run" in kinds
        )
        if "Leg workout" in summary:
            assert "sets" in str(event["DESCRIPTION"])


def test_printable_html_passes_the_nu_html_checker(tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker: apt-get install -y default-jre-headless"
    assert VNU.exists(), "vnu.jar is missing: run npm ci"
    files = []
    for case in CASES:
        path = tmp_path / f"{case.name}.html"
        path.write_text(_outputs(case.query)["html"], encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    problems += [m for m in messages if m.get("subType") == "warning"]
    assert not problems, json.dumps(problems, indent=1)[:4000]
    assert result.returncode == 0


def test_nu_html_checker_catches_a_broken_page(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<!DOCTYPE html><html><body><table><td>x</table>", encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert json.loads(result.stderr)["messages"]


ENUMS = {
    "/properties/request/properties/equipment": Equipment,
    "/properties/request/properties/weight_unit": WeightUnit,
    "/properties/request/properties/pace_unit": DistanceUnit,
    "/$defs/goal": Goal,
    "/$defs/weekday": Weekday,
    "/$defs/session/allOf/1/then/properties/exercises/items/properties/muscle": Muscle,
}
"""Where the schema lists a word of the package's vocabulary (``legplan.vocab``)."""


@pytest.mark.parametrize("pointer", ENUMS)
def test_schema_lists_the_vocabulary(pointer):
    """A new goal, equipment, unit or muscle must reach the schema too (CONTRIBUTING.md)."""
    node = SCHEMA
    for key in pointer.strip("/").split("/"):
        node = node[int(key)] if isinstance(node, list) else node[key]
    assert node["enum"] == [member.value for member in ENUMS[pointer]]


def test_schema_describes_every_field_a_plan_echoes():
    """A new input field reaches the schema too; the self-check's answers are in no output."""
    described = set(SCHEMA["properties"]["request"]["properties"])
    assert described == {field.name for field in FIELDS} - {"selfcheck"}
