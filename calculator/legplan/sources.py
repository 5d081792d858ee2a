"""The references behind every rule, as data.

Each rule in :mod:`legplan.rules` names the ids of its sources here. The
guidance site's sources page and every plan's source list are generated
from this table, so a reference is written down exactly once.

>>> SOURCES["article"].title
'Running for Leg Toning Vs Bulking'
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["SOURCES", "Source"]


@dataclass(frozen=True, slots=True)
class Source:
    """One reference a rule rests on.

    Attributes:
        id: Short stable key used by rules and in the JSON plan.
        title: Title of the work.
        publisher: Who published it (journal, institution or site).
        year: Year of publication, when known.
        url: Where a reader can find it, or ``None`` when there is no stable address.
        note: What the project takes from it, in one sentence.
        addition: ``True`` when the source goes beyond the article.
    """

    id: str
    title: str
    publisher: str
    year: int | None
    url: str | None
    note: str
    addition: bool = False


_ALL = (
    Source(
        id="article",
        title="Running for Leg Toning Vs Bulking",
        publisher="The source article of this project",
        year=None,
        url=None,
        note="Every running and leg-workout figure in the default plans.",
    ),
    Source(
        id="vanderbilt",
        title="Running guidance cited by the article",
        publisher="Vanderbilt University",
        year=None,
        url=None,
        note=(
            "Cited by the article for running's benefits and for the three-runs-a-week "
            "recommendation."
        ),
    ),
    Source(
        id="acsm-endurance",
        title="Definition of muscular endurance cited by the article",
        publisher="American College of Sports Medicine",
        year=None,
        url=None,
        note=(
            "Cited by the article: muscular endurance is a muscle group's ability to repeat "
            "contractions until it tires."
        ),
    ),
    Source(
        id="acsm-2009",
        title="Progression models in resistance training for healthy adults (position stand)",
        publisher="American College of Sports Medicine, Medicine & Science in Sports & Exercise",
        year=2009,
        url="https://doi.org/10.1249/MSS.0b013e3181915670",
        note="Training frequency for novices: two to three days a week.",
        addition=True,
    ),
    Source(
        id="acsm-2011",
        title=(
            "Quantity and quality of exercise for developing and maintaining cardiorespiratory, "
            "musculoskeletal, and neuromotor fitness in apparently healthy adults (position stand)"
        ),
        publisher="American College of Sports Medicine, Medicine & Science in Sports & Exercise",
        year=2011,
        url="https://doi.org/10.1249/MSS.0b013e318213fefb",
        note="At least 48 hours between resistance sessions for the same muscle group.",
        addition=True,
    ),
    Source(
        id="roberts-2020",
        title="Sex differences in resistance training: a systematic review and meta-analysis",
        publisher="Journal of Strength and Conditioning Research",
        year=2020,
        url="https://doi.org/10.1519/JSC.0000000000003521",
        note=(
            "Men and women gain similar muscle size relative to where they start; "
            "numbers in a plan need not change by sex."
        ),
        addition=True,
    ),
    Source(
        id="buist-2008",
        title=(
            "No effect of a graded training program on the number of running-related injuries "
            "in novice runners: a randomized controlled trial"
        ),
        publisher="American Journal of Sports Medicine",
        year=2008,
        url="https://doi.org/10.1177/0363546507307505",
        note=(
            "532 novice runners: a 10%-a-week build-up gave the same injury rate as a faster "
            "one, so the road's cap is a cautious convention, not injury prevention."
        ),
        addition=True,
    ),
    Source(
        id="legplan-road",
        title="The road to the target week: the calculator's own cautious convention",
        publisher="Legplan",
        year=None,
        url=None,
        note=(
            "Step sizes, easier weeks, run-walk bouts and the check-in timing are choices of "
            "this calculator, not findings of a study."
        ),
        addition=True,
    ),
    Source(
        id="who-2020",
        title=(
            "World Health Organization 2020 guidelines on physical activity and sedentary behaviour"
        ),
        publisher="British Journal of Sports Medicine",
        year=2020,
        url="https://doi.org/10.1136/bjsports-2020-102955",
        note=(
            "Adults: 150–300 min of moderate or 75–150 min of vigorous activity a week, or a "
            "mix, and muscle strengthening on 2 or more days."
        ),
        addition=True,
    ),
    Source(
        id="acsm-equations",
        title=(
            "ACSM's guidelines for exercise testing and prescription: the metabolic equation "
            "for running"
        ),
        publisher="American College of Sports Medicine",
        year=None,
        url=None,
        note="VO2 = 0.2 x speed + 0.9 x speed x grade + 3.5 ml/kg/min, speed in m/min.",
        addition=True,
    ),
    Source(
        id="acsm-validation-1999",
        title=(
            "An evaluation of the accuracy of the American College of Sports Medicine metabolic "
            "equation for estimating the oxygen cost of running"
        ),
        publisher="Journal of Strength and Conditioning Research",
        year=1999,
        url=None,
        note="The running equation overestimated the oxygen cost for 29 of 33 runners.",
        addition=True,
    ),
    Source(
        id="compendium-2011",
        title="2011 Compendium of Physical Activities: a second update of codes and MET values",
        publisher="Medicine & Science in Sports & Exercise",
        year=2011,
        url="https://doi.org/10.1249/MSS.0b013e31821ece12",
        note="MET values for running at set speeds; kcal = MET x kg x hours.",
        addition=True,
    ),
    Source(
        id="parq-plus",
        title="The Physical Activity Readiness Questionnaire for Everyone (PAR-Q+)",
        publisher="PAR-Q+ Collaboration",
        year=None,
        url="https://eparmedx.com/",
        note="The spirit of the safety self-check: when to talk to a professional before starting.",
        addition=True,
    ),
    Source(
        id="cdc-talk-test",
        title="Measuring physical activity intensity",
        publisher="U.S. Centers for Disease Control and Prevention",
        year=None,
        url="https://www.cdc.gov/physical-activity-basics/measuring/",
        note="The talk test used in the effort legend.",
        addition=True,
    ),
)

SOURCES: MappingProxyType[str, Source] = MappingProxyType({s.id: s for s in _ALL})
"""Every source, keyed by id, in the order the sources page lists them."""
