"""The calculator's errors: one base, a few subclasses with typed fields.

Each error names the field it concerns and builds its own message from its
fields, so the CLI can print it on one line and the browser can show it
beside the right form control.

>>> err = InvalidFieldError("days", "funday", "weekday names like mon,tue")
>>> str(err)
"days: expected weekday names like mon,tue; got 'funday'"
>>> err.field, err.message
('days', "expected weekday names like mon,tue; got 'funday'")
"""

from __future__ import annotations

__all__ = [
    "CalculatorError",
    "InvalidFieldError",
    "InvalidRequestError",
    "PlanDoesNotFitError",
    "UnknownFieldError",
]


class CalculatorError(ValueError):
    """Base of every error the calculator raises for bad input.

    Attributes:
        field: The request field the error concerns.
        message: The message without the field name, for display beside the field.
    """

    field: str
    message: str

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")

    def field_errors(self) -> tuple[CalculatorError, ...]:
        """Every single-field error this error stands for."""
        return (self,)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class InvalidFieldError(CalculatorError):
    """A field holds a value that is not allowed.

    Args:
        field: The field's name.
        value: What the user gave (shown shortened).
        allowed: What the field accepts, in words.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.value = value
        self.allowed = allowed
        super().__init__(field, f"expected {allowed}; got {_show(value)}")


class UnknownFieldError(CalculatorError):
    """The request names a field the calculator does not have (reported on ``request``)."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(
            "request", f"unknown field {_show(name)}; known fields are {', '.join(known)}"
        )


class PlanDoesNotFitError(CalculatorError):
    """The rules cannot fit the plan into the days the runner has.

    Args:
        field: The field to change (usually ``days``).
        reason: Why the plan does not fit.
        advice: What to change.
    """

    def __init__(self, field: str, reason: str, advice: str) -> None:
        self.reason = reason
        self.advice = advice
        super().__init__(field, f"{reason}. {advice}")


class InvalidRequestError(CalculatorError):
    """Several fields are wrong at once; ``errors`` holds one error per field."""

    def __init__(self, errors: tuple[CalculatorError, ...]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.field, "; ".join(str(e) for e in errors)[len(first.field) + 2 :])

    def field_errors(self) -> tuple[CalculatorError, ...]:
        """The errors, one per field, in field order."""
        return self.errors
