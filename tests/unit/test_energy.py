"""The energy estimate (rule energy.estimate): both methods, with their working."""

from __future__ import annotations

import pytest

from legplan.energy import acsm_vo2, compendium_mets, speed_m_per_min
from legplan.render import render
from legplan.request import parse_query
from legplan.rules import RULES
from legplan.schedule import build_plan
from legplan.vocab import DistanceUnit

RULE = RULES["energy.estimate"]


def test_acsm_equation_by_hand():
    # 10 km/h = 166.7 m/min: 0.2 x 166.7 + 3.5 = 36.8 ml/kg/min.
    speed = speed_m_per_min(360, DistanceUnit.KM)
    assert speed == pytest.approx(166.667, abs=0.001)
    assert acsm_vo2(speed) == pytest.approx(36.833, abs=0.001)
    assert acsm_vo2(speed, grade=0.05) == pytest.approx(acsm_vo2(speed) + 0.9 * speed * 0.05)


@pytest.mark.parametrize(
    ("pace", "unit", "mets"),
    [
        (600, DistanceUnit.MILE, (9.8, 9.8)),  # exactly 6 mph
        (540, DistanceUnit.MILE, (9.8, 10.5)),  # 6.67 mph, between 6 and 6.7
        (1200, DistanceUnit.MILE, (6.0, 6.0)),  # 3 mph: below the table
        (200, DistanceUnit.MILE, (23.0, 23.0)),  # 18 mph: above the table
    ],
)
def test_compendium_brackets_the_speed(pace, unit, mets):
    assert compendium_mets(speed_m_per_min(pace, unit)) == mets


def test_plan_energy_ranges_cover_both_methods():
    plan = build_plan(parse_query("goal=tone&weight=70&pace=6:00"))
    energy = plan.energy
    assert energy is not None
    assert energy.kg == 70.0
    # 70 kg x 36.8 ml/kg/min x 5 kcal/l = 12.9 kcal/min; a 30-45 min run: 390-580 kcal.
    assert energy.acsm_per_minute == pytest.approx(12.9)
    run = energy.runs[0]
    assert (run.label, run.minutes.text(), run.kcal.acsm.text()) == ("Run", "30–45", "390–580")
    assert run.kcal.compendium.min <= run.kcal.compendium.max
    assert len(energy.weeks) == len(plan.weeks)


def test_pounds_are_converted():
    kg = build_plan(parse_query("weight=70&pace=6:00")).energy
    lb = build_plan(parse_query("weight=154.32&weight_unit=lb&pace=6:00")).energy
    assert kg is not None
    assert lb is not None
    assert lb.kg == pytest.approx(kg.kg, abs=0.1)


def test_no_estimate_without_both_weight_and_pace():
    assert build_plan(parse_query("weight=70")).energy is None
    assert build_plan(parse_query("pace=6:00")).energy is None


def test_outputs_show_formulas_and_say_estimate_and_no_weight_loss():
    plan = build_plan(parse_query("goal=lose&weight=80&pace=5:30&start_date=2027-01-04"))
    for fmt in ("text", "markdown", "html"):
        out = render(plan, fmt)
        assert "VO2 = 0.2 × " in out
        assert "MET" in out
        assert "1999 validation" in out
        assert "No weight loss is predicted" in out
    assert "energy.estimate" in plan.rules
    assert {"acsm-validation-1999", "compendium-2011"} <= set(plan.sources)
