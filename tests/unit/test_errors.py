from __future__ import annotations

from legplan.errors import (
    CalculatorError,
    InvalidFieldError,
    InvalidRequestError,
    PlanDoesNotFitError,
    UnknownFieldError,
)


def test_errors_are_value_errors_with_a_field():
    for err in (
        InvalidFieldError("days", "x", "weekday names"),
        UnknownFieldError("colour", ("goal",)),  # reported on "request"
        PlanDoesNotFitError("days", "too few days", "Add a day."),
    ):
        assert isinstance(err, CalculatorError)
        assert isinstance(err, ValueError)
        assert str(err) == f"{err.field}: {err.message}"
        assert err.field_errors() == (err,)


def test_long_values_are_shortened():
    err = InvalidFieldError("days", "x" * 500, "weekday names")
    assert len(str(err)) < 120


def test_request_error_joins_its_fields():
    a = InvalidFieldError("goal", "x", "one of tone")
    b = InvalidFieldError("weeks", 0, "a whole number")
    err = InvalidRequestError((a, b))
    assert err.field == "goal"
    assert str(err) == f"{a}; {b}"
    assert err.field_errors() == (a, b)
