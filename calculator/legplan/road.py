"""The road to the target week: how running grows from today to the article's plan.

Rule ``road.build`` holds every number. Starting from the minutes a runner can
run without stopping today (0: not yet), each full week:

- every run's minutes grow by at most the weekly percentage, or by the smallest
  step while a run is short, until it reaches the target week's shortest run
  (the long runs of goal ``lose`` start growing once the other runs are there);
- the longest stretch without stopping (the bout) grows by at most the bout
  percentage, or by the smallest step, until it covers the longest run; below
  that, runs are run-walk: bouts with a short walk between them;
- every few weeks comes an easier week, with a share of the week before's
  running; the week after it carries on from the last full week.

The road ends where the next week would be the target week. Pure: no I/O.

>>> steps = road_steps(0, ordinary=30, long=None)
>>> steps[0], steps[3].kind
(RoadStep(kind='road', ordinary=10, long=None, bout=1), 'easier')
>>> road_steps(30, ordinary=30, long=None)
()
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from legplan.rules import RULES

__all__ = ["RoadStep", "grow", "road_steps", "share_of"]

_RULE = RULES["road.build"]


@dataclass(frozen=True, slots=True)
class RoadStep:
    """One week of the road.

    Attributes:
        kind: ``road`` for a full week, ``easier`` for a lighter one.
        ordinary: Minutes of running in each ordinary run.
        long: Minutes of running in each long run, for goal ``lose``.
        bout: Longest stretch of running without stopping.
    """

    kind: Literal["road", "easier"]
    ordinary: int
    long: int | None
    bout: int


def grow(minutes: int, percent: int) -> int:
    """The most ``minutes`` may grow in a week: ``percent`` of it, at least the smallest step.

    >>> grow(10, 10), grow(25, 10), grow(8, 25)
    (1, 2, 2)
    """
    return max(_RULE.figure("min_step").min, minutes * percent // 100)


def share_of(minutes: int, percent: int) -> int:
    """``percent`` of ``minutes``, to the nearest minute (a half rounds up).

    >>> share_of(12, 80), share_of(10, 80), share_of(30, 80)
    (10, 8, 24)
    """
    return (minutes * percent + 50) // 100


def _done(step: RoadStep, ordinary: int, long: int | None) -> bool:
    longest = long if long is not None else ordinary
    return (
        step.ordinary >= ordinary
        and (long is None or (step.long or 0) >= long)
        and step.bout >= longest
    )


def road_steps(current: int, *, ordinary: int, long: int | None) -> tuple[RoadStep, ...]:
    """The weeks before the target week.

    Args:
        current: Minutes the runner can run without stopping today (0: not yet).
        ordinary: The target week's ordinary run, in minutes (its shortest).
        long: The target week's long run, in minutes, or ``None`` without long runs.

    Returns:
        The road, empty when the runner can already run the target week.
    """
    weekly = _RULE.figure("weekly_increase").min
    bout_pct = _RULE.figure("bout_increase").min
    every = _RULE.figure("easier_every").min
    share = _RULE.figure("easier_share").min
    start = _RULE.figure("start_minutes").min

    first_ordinary = min(ordinary, max(current, start))
    first_long = None if long is None else min(long, max(current, first_ordinary))
    step = RoadStep("road", first_ordinary, first_long, max(1, min(current, long or ordinary)))
    steps: list[RoadStep] = []
    while not _done(step, ordinary, long):
        if len(steps) % every == every - 1:
            last = next(s for s in reversed(steps) if s.kind == "road")
            lighter = share_of(last.ordinary, share)
            lighter_long = None if last.long is None else share_of(last.long, share)
            steps.append(
                RoadStep("easier", lighter, lighter_long, min(last.bout, lighter_long or lighter))
            )
            continue
        steps.append(step)
        next_ordinary = min(ordinary, step.ordinary + grow(step.ordinary, weekly))
        next_long = step.long
        if step.long is not None and long is not None:
            if step.ordinary < ordinary:
                next_long = next_ordinary
            else:
                next_long = min(long, step.long + grow(step.long, weekly))
        longest = next_long if next_long is not None else next_ordinary
        next_bout = min(longest, step.bout + grow(step.bout, bout_pct))
        step = replace(step, ordinary=next_ordinary, long=next_long, bout=next_bout)
    return tuple(steps)
