"""Hypothesis: every valid request meets every rule; every invalid one fails cleanly."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legplan.errors import CalculatorError, PlanDoesNotFitError
from legplan.model import PlanRequest
from legplan.render import FORMATS, render
from legplan.request import FIELDS, parse_mapping, parse_query, to_mapping, to_query
from legplan.rules import GOALS, RULES, SELF_CHECK
from legplan.schedule import build_plan
from legplan.vocab import DistanceUnit, Equipment, Goal, Weekday, WeightUnit
from legplan.web import handle
from tests.rulecheck import road_violations, violations

days = st.sets(st.sampled_from(list(Weekday)), min_size=1).map(
    lambda s: tuple(d for d in Weekday if d in s)
)
requests = st.builds(
    PlanRequest,
    goal=st.sampled_from(list(Goal)),
    days=days,
    equipment=st.sampled_from(list(Equipment)),
    week_start=st.sampled_from([Weekday.MON, Weekday.SUN]),
    builds_easily=st.booleans(),
    start_date=st.dates().filter(lambda d: d.year > 1900) | st.none(),
    weeks=st.integers(1, 52),
    current_minutes=st.none() | st.integers(0, 600),
    selfcheck=st.sets(st.sampled_from([q.id for q in SELF_CHECK])).map(
        lambda s: tuple(q.id for q in SELF_CHECK if q.id in s)
    ),
)
with_energy = st.builds(
    lambda r, kg, pace: dataclasses.replace(
        r, weight=float(kg), weight_unit=WeightUnit.KG, pace=pace, pace_unit=DistanceUnit.KM
    ),
    requests,
    st.integers(30, 300),
    st.integers(150, 900),
)


def _runs_needed(goal: Goal) -> int:
    spec = GOALS[goal]
    return RULES[spec.long_run_rule or spec.run_rule].figure("runs_per_week").min


@given(requests)
def test_every_valid_request_gives_a_plan_meeting_every_rule(request):
    try:
        plan = build_plan(request)
    except PlanDoesNotFitError as exc:
        assert len(request.days) < _runs_needed(request.goal)
        assert exc.field == "days"
        return
    assert violations(plan) == []
    assert road_violations(plan) == []
    assert plan.weeks[-1].kind == "target"


@given(requests)
def test_request_round_trips_through_query_and_json(request):
    public = dataclasses.replace(request, selfcheck=())
    assert parse_query(to_query(request)) == public
    assert parse_mapping(json.loads(json.dumps(to_mapping(request)))) == request


@settings(max_examples=50)
@given(with_energy)
def test_energy_ranges_are_ordered_and_cover_every_week(request):
    try:
        plan = build_plan(request)
    except PlanDoesNotFitError:
        return
    assert plan.energy is not None
    assert len(plan.energy.weeks) == len(plan.weeks)
    for week in plan.energy.weeks:
        assert 0 <= week.acsm.min <= week.acsm.max
        assert 0 <= week.compendium.min <= week.compendium.max


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    requests,
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(1, 3),
)
def test_same_request_same_bytes(request, start, weeks):
    request = dataclasses.replace(request, days=tuple(Weekday), start_date=start, weeks=weeks)
    plan = build_plan(request)
    again = build_plan(parse_mapping(json.loads(json.dumps(to_mapping(request)))))
    for fmt in FORMATS:
        assert render(plan, fmt) == render(again, fmt)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
field_names = st.sampled_from([f.name for f in FIELDS]) | st.text(max_size=10)


@given(st.dictionaries(field_names, json_values, max_size=6))
def test_arbitrary_mappings_give_a_request_or_a_calculator_error(data):
    try:
        request = parse_mapping(data)
    except CalculatorError as exc:
        assert exc.field_errors()
        assert all(str(e).startswith(f"{e.field}: ") for e in exc.field_errors())
        return
    assert isinstance(request, PlanRequest)


@given(st.text(max_size=200))
def test_arbitrary_query_strings(query):
    with contextlib.suppress(CalculatorError):
        parse_query(query)


@given(st.text(max_size=200) | json_values.map(json.dumps))
def test_handler_always_answers_json(payload):
    reply = json.loads(handle(payload))
    assert reply["ok"] in (True, False)
    if not reply["ok"]:
        assert reply["errors"]
        assert all(e["field"] and e["message"] for e in reply["errors"])
