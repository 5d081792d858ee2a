"""The shared vocabulary: the closed sets and the range every other module speaks in.

Goals, equipment, units, muscle groups, weekdays and :class:`Range`. A leaf
module: the rules (:mod:`legplan.rules`) and the records (:mod:`legplan.model`)
both stand on it, and it imports nothing of the package.

>>> Range(30, 45).text("min")
'30–45 min'
>>> Range(3, 3).text("sets")
'3 sets'
>>> Weekday.MON.next
<Weekday.TUE: 'tue'>
>>> Weekday.SUN.next
<Weekday.MON: 'mon'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DistanceUnit",
    "Equipment",
    "Goal",
    "Muscle",
    "Range",
    "Weekday",
    "WeightUnit",
]


class Goal(StrEnum):
    """What the runner wants from their legs and their running."""

    TONE = "tone"
    LOSE = "lose"
    BUILD = "build"


class Equipment(StrEnum):
    """What the runner has for leg workouts."""

    NONE = "none"
    HOME = "home"
    GYM = "gym"


class WeightUnit(StrEnum):
    """Units for body weight."""

    KG = "kg"
    LB = "lb"


class DistanceUnit(StrEnum):
    """Units a running pace is given per."""

    KM = "km"
    MILE = "mile"


class Muscle(StrEnum):
    """The four muscle groups the article names, in its order."""

    CALVES = "calves"
    QUADRICEPS = "quadriceps"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Weekday(StrEnum):
    """Days of the week, Monday first (the JSON order, always)."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def position(self) -> int:
        """Position in the week, Monday = 0."""
        return _WEEKDAYS.index(self)

    @property
    def full(self) -> str:
        """The full English name, e.g. ``Monday``."""
        return _DAY_NAMES[self.position]

    @property
    def next(self) -> Weekday:
        """The following day; Sunday is followed by Monday because the week repeats."""
        return _WEEKDAYS[(self.position + 1) % 7]

    @classmethod
    def ordered(cls, start: Weekday) -> tuple[Weekday, ...]:
        """All seven days starting from ``start``, for display only.

        >>> [d.value for d in Weekday.ordered(Weekday.SUN)][:2]
        ['sun', 'mon']
        """
        return _WEEKDAYS[start.position :] + _WEEKDAYS[: start.position]


_WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)


@dataclass(frozen=True, slots=True)
class Range:
    """An inclusive range of whole numbers, ``min <= max``.

    Raises:
        ValueError: If ``min`` is greater than ``max`` or negative.
    """

    min: int
    max: int

    def __post_init__(self) -> None:
        if self.min < 0 or self.min > self.max:
            msg = f"bad range {self.min}..{self.max}"
            raise ValueError(msg)

    def text(self, unit: str = "") -> str:
        """Format as ``min–max unit`` or ``n unit`` when both ends are equal (``10%``: no space)."""
        number = str(self.min) if self.min == self.max else f"{self.min}–{self.max}"
        if unit == "%":
            return number + unit
        return f"{number} {unit}".rstrip()

    def to_json(self) -> dict[str, int]:
        """The ``{"min", "max"}`` object of the JSON contract."""
        return {"min": self.min, "max": self.max}
