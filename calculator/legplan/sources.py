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
