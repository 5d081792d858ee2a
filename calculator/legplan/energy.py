"""An honest energy range for the runs of a plan, computed two ways (rule ``energy.estimate``).

1. The ACSM running equation: VO2 = 0.2 x speed + 0.9 x speed x grade + 3.5
   ml/kg/min (speed in m/min, level ground so grade 0), about 5 kcal per litre
   of oxygen.
2. The Compendium of Physical Activities: the MET values of the running speeds
   either side of the runner's, kcal = MET x kg x hours.

Both are estimates (the equation overestimated the cost for most runners in a
1999 validation); nothing here predicts weight loss. Pure functions only.

>>> speed = speed_m_per_min(390, DistanceUnit.KM)
>>> round(speed, 1)
153.8
>>> round(acsm_vo2(speed), 1)
34.3
>>> compendium_mets(speed)
(9.0, 9.8)
"""

from __future__ import annotations

from itertools import pairwise

from legplan.model import Energy, EnergyRange, RunEnergy, Week
from legplan.rules import RULES
from legplan.vocab import DistanceUnit, Range, WeightUnit

__all__ = ["acsm_vo2", "compendium_mets", "estimate", "speed_m_per_min"]

_RULE = RULES["energy.estimate"]
_METRES = {DistanceUnit.KM: 1000.0, DistanceUnit.MILE: 1609.344}
_KG_PER_LB = 0.45359237
_MPH_PER_M_PER_MIN = 60 / 1609.344


def speed_m_per_min(pace_seconds: int, unit: DistanceUnit) -> float:
    """Running speed in metres per minute from a pace in seconds per ``unit``."""
    return _METRES[unit] * 60 / pace_seconds


def acsm_vo2(speed: float, grade: float = 0.0) -> float:
    """Oxygen uptake in ml/kg/min by the ACSM running equation."""
    return (
        _RULE.constant("horizontal") * speed
        + _RULE.constant("vertical") * speed * grade
        + _RULE.constant("resting")
    )


def compendium_mets(speed: float) -> tuple[float, float]:
    """The Compendium MET values of the listed running speeds either side of ``speed``.

    Below the slowest listed speed both values are the slowest row's; above the
    fastest, the fastest row's.
    """
    mph = round(speed * _MPH_PER_M_PER_MIN, 3)
    rows = _RULE.table
    if mph <= rows[0][0]:
        return rows[0][1], rows[0][1]
    for (low_mph, low_met), (high_mph, high_met) in pairwise(rows):
        if mph == high_mph:
            return high_met, high_met
        if low_mph < mph < high_mph:
            return low_met, high_met
    return rows[-1][1], rows[-1][1]


def _tens(value: float) -> int:
    return round(value / 10.0) * 10


def _range(minutes: Range, low_per_minute: float, high_per_minute: float) -> Range:
    return Range(_tens(minutes.min * low_per_minute), _tens(minutes.max * high_per_minute))


def estimate(
    weight: float,
    weight_unit: WeightUnit,
    pace_seconds: int,
    pace_unit: DistanceUnit,
    weeks: tuple[Week, ...],
) -> Energy:
    """Estimate the energy of each kind of run in the target week and of each week.

    Args:
        weight: Body weight in ``weight_unit``.
        weight_unit: Kilograms or pounds.
        pace_seconds: Typical pace in seconds per ``pace_unit``.
        pace_unit: Kilometre or mile.
        weeks: The plan's weeks, the target week last.

    Returns:
        Per-minute rates with their working, and kcal ranges per run and per week.
    """
    kg = weight * _KG_PER_LB if weight_unit is WeightUnit.LB else weight
    speed = speed_m_per_min(pace_seconds, pace_unit)
    vo2 = acsm_vo2(speed)
    litres = vo2 * kg / 1000
    acsm = litres * _RULE.constant("kcal_per_litre")
    mets = compendium_mets(speed)
    comp = (mets[0] * kg / 60, mets[1] * kg / 60)

    def kcal(minutes: Range) -> EnergyRange:
        return EnergyRange(_range(minutes, acsm, acsm), _range(minutes, *comp))

    runs: list[RunEnergy] = []
    for day in weeks[-1].days:
        for run in day.runs:
            label = "Long run" if run.long else "Run"
            if all(r.label != label for r in runs):
                runs.append(RunEnergy(label, run.minutes, kcal(run.minutes)))
    return Energy(
        kg=round(kg, 1),
        speed=round(speed, 1),
        vo2=round(vo2, 1),
        litres_per_minute=round(litres, 2),
        acsm_per_minute=round(acsm, 1),
        mets=mets,
        compendium_per_minute=(round(comp[0], 1), round(comp[1], 1)),
        runs=tuple(runs),
        weeks=tuple(kcal(w.activity.run_minutes) for w in weeks),
        below_equation_speed=speed < _RULE.constant("min_speed"),
    )
