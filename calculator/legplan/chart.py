"""The road as a picture: running minutes per week against the WHO 2020 aerobic bands.

:func:`road_chart` lays out the chart of a plan as plain numbers: every bar, band, tick
and label as a rectangle or a point in an SVG ``viewBox``; ``templates/_chart.html.j2``
only draws them. Every figure comes from the plan (``week.activity.run_minutes``) and
from rule ``who.activity`` (its moderate and vigorous minutes), never retyped.

- A plan with a road: one upright bar per week, from week 1 to the target week, the
  WHO bands across behind them and named beside them.
- A plan of one week: the same bar and bands lying down, one short row, so a printed
  week keeps its one page.

>>> from legplan.request import parse_query
>>> from legplan.schedule import build_plan
>>> chart = road_chart(build_plan(parse_query("goal=tone&current_minutes=20")))
>>> chart.road, chart.target.kind, chart.target.minutes.text("min")
(True, 'target', '90–135 min')
>>> [(band.key, band.minutes.text()) for band in chart.bands]
[('vigorous_minutes', '75–150'), ('moderate_minutes', '150–300')]
>>> road_chart(build_plan(parse_query("goal=lose"))).road
False
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legplan.model import Plan, Week, WeekKind
from legplan.rules import RULES
from legplan.vocab import Range

__all__ = ["KIND_WORDS", "Band", "Bar", "Box", "Chart", "Label", "Swatch", "road_chart"]

BANDS = ("vigorous_minutes", "moderate_minutes")
"""The figures of rule ``who.activity`` drawn as bands, lowest first."""
KIND_WORDS: dict[str, str] = {
    "road": "building up",
    "easier": "easier week",
    "target": "target week",
    "range": "its range",
}
"""How the legend and the chart's table name each kind of bar (``range``: a range's top)."""

WIDTH = 560
"""Width of every chart's ``viewBox``."""
CHAR = 5.8
"""About the width of one character at the chart's font size (11 units)."""
SWATCH = 10

# A road: upright bars.
TOP = 34
"""Room above the bars for the chart's visible title and the axis' unit."""
PLOT_HEIGHT = 100
LEFT = 30
RIGHT = 132
"""Room right of the bars for the bands' names ("beside it")."""
BOTTOM = 36
"""Room under the bars for the week numbers and the legend."""
MAX_BAR = 30
MAX_LABELS = 14
"""At most this many week numbers under the bars (a long road names every few weeks)."""

# One week: one bar lying down, in a short row.
ROW_LEFT = 118
"""Room left of the bar for its name."""
ROW_TOP = 16
"""Room above the bar for the bands' names."""
ROW_HEIGHT = 18
ROW_BOTTOM = 14
"""Room under the bar for the minutes axis."""


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in ``viewBox`` units."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Label:
    """A piece of text's anchor point; ``anchor`` is SVG's ``text-anchor``."""

    x: float
    y: float
    anchor: str = "start"


@dataclass(frozen=True, slots=True)
class Bar:
    """One week's running.

    Attributes:
        number: The week's number in the plan.
        kind: ``road``, ``easier`` or ``target``.
        minutes: Minutes of running that week.
        solid: From zero to ``minutes.min``.
        range: From ``minutes.min`` to ``minutes.max``, when they differ.
        number_at: Where the week's number goes, when it is written.
    """

    number: int
    kind: WeekKind
    minutes: Range
    solid: Box
    range: Box | None
    number_at: Label | None

    @property
    def words(self) -> str:
        """The kind of week in words."""
        return KIND_WORDS[self.kind]


@dataclass(frozen=True, slots=True)
class Band:
    """A WHO 2020 figure as a band: ``key`` is the rule's figure.

    ``name_at`` is where its name starts; a road's bands have a second line (``more_at``).
    """

    key: str
    minutes: Range
    box: Box
    name_at: Label
    more_at: Label | None


@dataclass(frozen=True, slots=True)
class Swatch:
    """One entry of the legend: a kind of bar (or ``range``), its words and its box."""

    kind: str
    words: str
    box: Box

    @property
    def words_at(self) -> Label:
        """Where the words go, right of the box."""
        return Label(self.box.x + self.box.width + 4, self.box.y + self.box.height - 1)


@dataclass(frozen=True, slots=True)
class Tick:
    """A value on the minutes axis: a short line and its number."""

    minutes: int
    line: Box
    """Zero-width or zero-height: drawn as a line from its corner to the opposite one."""
    at: Label


@dataclass(frozen=True, slots=True)
class Chart:
    """A plan's chart, laid out in ``viewBox`` units (y grows downwards, as in SVG).

    Attributes:
        width: ``viewBox`` width.
        height: ``viewBox`` height.
        road: Upright bars for a road of weeks; else one week's bar lying down.
        title_at: Where the visible title goes.
        axis: The zero line (zero-width or zero-height box, drawn as a line).
        unit_at: Where the axis' unit ("min") goes.
        weeks_at: Where the week numbers' name goes (a road only).
        bars: One per week, in plan order.
        bands: The WHO bands, lowest first.
        ticks: The minutes axis.
        target_at: Where the target week's minutes are written.
        legend: What the bars' fills mean, left to right.
    """

    width: int
    height: int
    road: bool
    title_at: Label
    axis: Box
    unit_at: Label
    weeks_at: Label | None
    bars: tuple[Bar, ...]
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    target_at: Label
    legend: tuple[Swatch, ...]

    @property
    def target(self) -> Bar:
        """The target week's bar (the last)."""
        return self.bars[-1]

    @property
    def easier_weeks(self) -> tuple[int, ...]:
        """The numbers of the easier weeks."""
        return tuple(b.number for b in self.bars if b.kind == "easier")


def _scale(highest: int) -> tuple[int, int]:
    """The axis' top value and the distance between its ticks (50 min up to 300, else 100)."""
    step = 50 if highest <= 300 else 100
    return math.ceil(highest / step) * step, step


def _bands() -> list[tuple[str, Range]]:
    who = RULES["who.activity"]
    return [(key, who.figure(key)) for key in BANDS]


def _legend(kinds: list[str], x: float, y: float) -> tuple[Swatch, ...]:
    swatches = []
    for kind in kinds:
        words = KIND_WORDS[kind]
        swatches.append(Swatch(kind, words, Box(round(x, 1), y, SWATCH, SWATCH)))
        x += SWATCH + 4 + len(words) * CHAR + 12
    return tuple(swatches)


def _road(weeks: tuple[Week, ...]) -> Chart:
    bands = _bands()
    top, step = _scale(max([w.activity.run_minutes.max for w in weeks] + [r.max for _, r in bands]))
    right = WIDTH - RIGHT
    bottom = TOP + PLOT_HEIGHT

    def y(minutes: int) -> float:
        return round(bottom - PLOT_HEIGHT * minutes / top, 1)

    slot = (right - LEFT) / len(weeks)
    width = round(min(MAX_BAR, slot * 0.7), 1)
    every = max(1, math.ceil(len(weeks) / MAX_LABELS))
    bars = []
    for i, week in enumerate(weeks):
        minutes = week.activity.run_minutes
        x = round(LEFT + slot * i + (slot - width) / 2, 1)
        named = i % every == 0 or i == len(weeks) - 1
        bars.append(
            Bar(
                number=week.number,
                kind=week.kind,
                minutes=minutes,
                solid=Box(x, y(minutes.min), width, round(bottom - y(minutes.min), 1)),
                range=Box(x, y(minutes.max), width, round(y(minutes.min) - y(minutes.max), 1))
                if minutes.max > minutes.min
                else None,
                number_at=Label(round(x + width / 2, 1), bottom + 12, "middle") if named else None,
            )
        )
    kinds = ["road"] + (["easier"] if any(w.kind == "easier" for w in weeks) else [])
    kinds += ["target"] + (["range"] if any(b.range for b in bars) else [])
    target = bars[-1]
    return Chart(
        width=WIDTH,
        height=bottom + BOTTOM,
        road=True,
        title_at=Label(0, 13),
        axis=Box(LEFT, bottom, right - LEFT, 0),
        unit_at=Label(LEFT - 5, TOP - 8, "end"),
        weeks_at=Label(LEFT - 5, bottom + 12, "end"),
        bars=tuple(bars),
        bands=tuple(
            Band(
                key,
                r,
                Box(LEFT, y(r.max), right - LEFT, round(y(r.min) - y(r.max), 1)),
                Label(right + 6, round((y(r.max) + y(r.min)) / 2 - 2, 1)),
                Label(right + 6, round((y(r.max) + y(r.min)) / 2 + 10, 1)),
            )
            for key, r in bands
        ),
        ticks=tuple(
            Tick(v, Box(LEFT - 3, y(v), 3, 0), Label(LEFT - 5, round(y(v) + 4, 1), "end"))
            for v in range(0, top + 1, step)
        ),
        target_at=Label(
            round(target.solid.x + target.solid.width, 1),
            round((target.range or target.solid).y - 4, 1),
            "end",
        ),
        legend=_legend(kinds, LEFT, bottom + 20),
    )


def _week(week: Week) -> Chart:
    bands = _bands()
    minutes = week.activity.run_minutes
    top, step = _scale(max([minutes.max] + [r.max for _, r in bands]))
    right = WIDTH - 14
    bar_top = ROW_TOP + 3
    bar_height = ROW_HEIGHT - 6

    def x(value: int) -> float:
        return round(ROW_LEFT + (right - ROW_LEFT) * value / top, 1)

    bar = Bar(
        number=week.number,
        kind=week.kind,
        minutes=minutes,
        solid=Box(ROW_LEFT, bar_top, round(x(minutes.min) - ROW_LEFT, 1), bar_height),
        range=Box(x(minutes.min), bar_top, round(x(minutes.max) - x(minutes.min), 1), bar_height)
        if minutes.max > minutes.min
        else None,
        number_at=None,
    )
    axis_y = ROW_TOP + ROW_HEIGHT
    return Chart(
        width=WIDTH,
        height=axis_y + ROW_BOTTOM,
        road=False,
        title_at=Label(0, ROW_TOP + ROW_HEIGHT - 5),
        axis=Box(ROW_LEFT, ROW_TOP, 0, ROW_HEIGHT),
        unit_at=Label(ROW_LEFT - 12, axis_y + 11, "end"),
        weeks_at=None,
        bars=(bar,),
        bands=tuple(
            Band(
                key,
                r,
                Box(x(r.min), ROW_TOP, round(x(r.max) - x(r.min), 1), ROW_HEIGHT),
                Label(round((x(r.min) + x(r.max)) / 2, 1), ROW_TOP - 4, "middle"),
                None,
            )
            for key, r in bands
        ),
        ticks=tuple(
            Tick(v, Box(x(v), axis_y, 0, 3), Label(x(v), axis_y + 11, "middle"))
            for v in range(0, top + 1, step)
        ),
        target_at=_inside(bar),
        legend=(),
    )


def _inside(bar: Bar) -> Label:
    """Where a lying bar's minutes go: inside its range when they fit, else after the bar."""
    text = len(bar.minutes.text("min")) * CHAR
    baseline = round(bar.solid.y + bar.solid.height - 2.5, 1)
    if bar.range and bar.range.width >= text + 16:
        return Label(round(bar.range.x + bar.range.width / 2, 1), baseline, "middle")
    end = bar.range or bar.solid
    return Label(round(end.x + end.width + 4, 1), baseline)


def road_chart(plan: Plan) -> Chart:
    """Lay out the chart of ``plan``: a road's weeks upright, or its one week lying down.

    Args:
        plan: Any plan.

    Returns:
        The chart in ``viewBox`` units.
    """
    return _road(plan.weeks) if len(plan.weeks) > 1 else _week(plan.target_week)
