from __future__ import annotations

import datetime as dt

import pytest

from legplan.errors import (
    CalculatorError,
    InvalidFieldError,
    InvalidRequestError,
    UnknownFieldError,
)
from legplan.model import PlanRequest
from legplan.request import (
    FIELDS,
    coming_week_start,
    parse_mapping,
    parse_query,
    to_mapping,
    to_query,
)
from legplan.vocab import Equipment, Goal, Weekday


def test_defaults():
    assert parse_mapping({}) == PlanRequest()
    assert PlanRequest().goal is Goal.TONE
    assert PlanRequest().days == tuple(Weekday)


def test_one_vocabulary_json_and_query_agree():
    from_json = parse_mapping(
        {"goal": "lose", "days": ["mon", "wed", "fri", "sat"], "equipment": "gym"}
    )
    from_query = parse_query("goal=lose&days=mon,wed,fri,sat&equipment=gym")
    assert from_json == from_query
    assert parse_query(to_query(from_json)) == from_json
    assert parse_mapping(to_mapping(from_json)) == from_json


def test_days_are_sorted_deduplicated_and_case_insensitive():
    assert parse_query("days=SUN,mon,Mon,wed").days == (Weekday.MON, Weekday.WED, Weekday.SUN)


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"goal": "bulk"}, "goal", "one of tone, lose, build"),
        ({"goal": 3}, "goal", "got 3"),
        ({"days": "funday"}, "days", "weekday names"),
        ({"days": ""}, "days", "at least one training day"),
        ({"days": []}, "days", "at least one training day"),
        ({"days": [1, 2]}, "days", "weekday names"),
        ({"days": {"mon": 1}}, "days", "weekday names"),
        ({"equipment": "barbell"}, "equipment", "none, home, gym"),
        ({"week_start": "wed"}, "week_start", "one of mon, sun"),
        ({"builds_easily": "maybe"}, "builds_easily", "yes or no"),
        ({"start_date": "2027-02-30"}, "start_date", "YYYY-MM-DD"),
        ({"start_date": "04/01/2027"}, "start_date", "YYYY-MM-DD"),
        ({"start_date": 20270104}, "start_date", "YYYY-MM-DD"),
        ({"weeks": 0}, "weeks", "from 1 to 52"),
        ({"weeks": "53"}, "weeks", "from 1 to 52"),
        ({"weeks": True}, "weeks", "from 1 to 52"),
        ({"weeks": "1.5"}, "weeks", "from 1 to 52"),
        ({"weeks": "٣"}, "weeks", "from 1 to 52"),
        ({"current_minutes": -1}, "current_minutes", "from 0 to 600"),
        ({"current_minutes": "ten"}, "current_minutes", "from 0 to 600"),
        ({"weight": "heavy"}, "weight", "a number such as 70"),
        ({"weight": 20}, "weight", "a weight from 30 to 300 kg"),
        ({"weight": 700, "weight_unit": "lb"}, "weight", "from 66 to 660 lb"),
        ({"weight_unit": "stone"}, "weight_unit", "one of kg, lb"),
        ({"pace": "fast"}, "pace", "minutes:seconds such as 6:30"),
        ({"pace": "6:75"}, "pace", "minutes:seconds"),
        ({"pace": "1:00"}, "pace", "from 2:30 to 15:00 per km"),
        ({"pace": "30:00", "pace_unit": "mile"}, "pace", "from 4:00 to 24:00 per mile"),
        ({"selfcheck": "heart,unicorn"}, "selfcheck", "ids from heart,chest"),
        ({"selfcheck": [1]}, "selfcheck", "ids from"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(data, field, fragment):
    with pytest.raises(InvalidFieldError) as info:
        parse_mapping(data)
    assert info.value.field == field
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{field}: expected ")


def test_optional_fields_accept_nothing():
    request = parse_mapping(
        {"current_minutes": "", "weight": "", "pace": "", "selfcheck": "", "start_date": ""}
    )
    assert request == PlanRequest()
    assert parse_mapping({"current_minutes": None, "weight": None, "pace": None}) == PlanRequest()


def test_new_fields_parse():
    request = parse_query(
        "current_minutes=0&weight=71.5&pace=6:05&pace_unit=mile&selfcheck=joint,heart"
    )
    assert request.current_minutes == 0
    assert request.weight == 71.5
    assert request.pace == 365
    assert request.selfcheck == ("heart", "joint")
    assert to_mapping(request)["pace"] == "6:05"


def test_unknown_field():
    with pytest.raises(UnknownFieldError) as info:
        parse_mapping({"gaol": "tone"})
    assert info.value.field == "request"
    assert info.value.name == "gaol"
    assert info.value.message.startswith("unknown field 'gaol'; known fields are goal, days")


def test_several_bad_fields_are_reported_together():
    with pytest.raises(InvalidRequestError) as info:
        parse_query("goal=x&days=funday&weeks=99")
    assert [e.field for e in info.value.field_errors()] == ["goal", "days", "weeks"]
    assert str(info.value).count(": expected") == 3
    assert isinstance(info.value, CalculatorError)


def test_repeated_query_fields():
    assert parse_query("days=mon&days=wed&days=fri").days == (
        Weekday.MON,
        Weekday.WED,
        Weekday.FRI,
    )
    with pytest.raises(InvalidFieldError, match="goal: expected the field given once"):
        parse_query("goal=tone&goal=lose")


def test_values_of_every_kind():
    request = parse_query(
        "goal=build&days=tue&equipment=home&week_start=sun&builds_easily=yes"
        "&start_date=2027-01-04&weeks=8"
    )
    assert request == PlanRequest(
        goal=Goal.BUILD,
        days=(Weekday.TUE,),
        equipment=Equipment.HOME,
        week_start=Weekday.SUN,
        builds_easily=True,
        start_date=dt.date(2027, 1, 4),
        weeks=8,
    )
    assert parse_mapping({"builds_easily": False, "weeks": 2, "start_date": None}).weeks == 2


def test_query_has_goal_and_days_always_and_other_fields_when_not_default():
    assert to_query(PlanRequest()) == "goal=tone&days=mon,tue,wed,thu,fri,sat,sun"
    full = parse_query("builds_easily=yes&start_date=2027-01-04&weeks=3&week_start=sun")
    assert to_query(full) == (
        "goal=tone&days=mon,tue,wed,thu,fri,sat,sun&week_start=sun&builds_easily=yes"
        "&start_date=2027-01-04&weeks=3"
    )


def test_fields_cover_the_request():
    assert [f.name for f in FIELDS] == list(to_mapping(PlanRequest()))
    for f in FIELDS:
        assert f.label
        assert f.help.endswith(".")
        assert f.option == "--" + f.name.replace("_", "-")
        assert f.kind != "choice" or f.default in f.values


@pytest.mark.parametrize(
    ("today", "start", "expected"),
    [
        (dt.date(2026, 11, 28), Weekday.MON, dt.date(2026, 11, 30)),
        (dt.date(2026, 11, 28), Weekday.SUN, dt.date(2026, 11, 29)),
        (dt.date(2026, 11, 29), Weekday.SUN, dt.date(2026, 12, 6)),
    ],
)
def test_coming_week_start(today, start, expected):
    assert coming_week_start(today, start) == expected
