"""The references behind every rule, as data.

Each rule in :mod:`legplan.rules` names the ids of its sources here. The
guidance site's sources page and every plan's source list are generated
from this table, so a reference is written down exactly once. A note says
what the project takes from a source in words; the numbers it takes live in
the rules that cite it.

>>> SOURCES["roberts-2020"].short
'Roberts 2020'
>>> print(SOURCES["buist-2008"].citation[:60])
Buist I, Bredeweg SW, van Mechelen W, et al. (2008). No effe
>>> SOURCES["cdc-talk-test"].citation
'Measuring physical activity intensity. U.S. Centers for Disease Control and Prevention.'
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["SOURCES", "Source"]


@dataclass(frozen=True, slots=True)
class Source:
    """One reference a rule rests on.

    Attributes:
        id: Short stable key used by rules and in the JSON plan (the sources page's anchor).
        short: How the text cites it, e.g. ``Roberts 2020``.
        title: Title of the work.
        publisher: The journal, book or organisation it appeared in.
        authors: The authors as a reference list writes them, or ``None`` for an
            organisation's own work (or where they are not known).
        year: Year of publication, or ``None`` when the work carries none.
        details: Volume, issue and pages, e.g. ``41(3): 687–708``.
        url: Where a reader can find it, or ``None`` when there is no stable address.
        note: What the project takes from it, in one or two sentences of its own words.
        addition: ``True`` when the source goes beyond the article.
    """

    id: str
    short: str
    title: str
    publisher: str
    note: str
    authors: str | None = None
    year: int | None = None
    details: str = ""
    url: str | None = None
    addition: bool = False

    @property
    def citation(self) -> str:
        """The reference as a reader expects it.

        A paper: authors (year). Title. Journal volume(issue): pages. An organisation's
        own page or book: Title. Organisation, year.
        """
        if self.authors:
            where = f" {self.publisher} {self.details}".rstrip()
            return f"{self.authors} ({self.year}). {self.title}.{where}."
        year = f", {self.year}" if self.year else ""
        return f"{self.title}. {self.publisher}{year}."


_ALL = (
    Source(
        id="article",
        short="the article",
        title="Running for Leg Toning Vs Bulking",
        publisher="The article this site presents",
        note=(
            "Every running and leg-workout figure in the default plans, and the advice to watch "
            "how your legs respond and adapt."
        ),
    ),
    Source(
        id="vanderbilt",
        short="Vanderbilt University",
        title="Running's benefits, as cited by the article",
        publisher="Vanderbilt University",
        note=(
            "Cited by the article for what running does for you: it can help you reach or keep "
            "a healthy body weight and improve your health and fitness. No figure of the plans "
            "rests on it."
        ),
    ),
    Source(
        id="acsm-endurance",
        short="ACSM",
        title="Definition of muscular endurance, as cited by the article",
        publisher="American College of Sports Medicine",
        note=(
            "Cited by the article: muscular endurance is how long a muscle group can keep "
            "contracting, again and again, before it tires."
        ),
    ),
    Source(
        id="acsm-2009",
        short="ACSM 2009",
        title=(
            "American College of Sports Medicine position stand: progression models in "
            "resistance training for healthy adults"
        ),
        publisher="Medicine & Science in Sports & Exercise",
        authors="Ratamess NA, Alvar BA, Evetoch TK, et al.",
        year=2009,
        details="41(3): 687–708",
        url="https://doi.org/10.1249/MSS.0b013e3181915670",
        note=(
            "How often a newcomer to resistance training trains each muscle group, and how to "
            "add load: a little more weight once you can do more repetitions than the plan asks "
            "for. It also starts newcomers at fewer sets than the article's range; the article's "
            "range matches what it gives experienced lifters."
        ),
        addition=True,
    ),
    Source(
        id="acsm-2011",
        short="ACSM 2011",
        title=(
            "American College of Sports Medicine position stand: quantity and quality of "
            "exercise for developing and maintaining cardiorespiratory, musculoskeletal, and "
            "neuromotor fitness in apparently healthy adults"
        ),
        publisher="Medicine & Science in Sports & Exercise",
        authors="Garber CE, Blissmer B, Deschenes MR, et al.",
        year=2011,
        details="43(7): 1334–1359",
        url="https://doi.org/10.1249/MSS.0b013e318213fefb",
        note="The recovery time between resistance sessions for the same muscle group.",
        addition=True,
    ),
    Source(
        id="roberts-2020",
        short="Roberts 2020",
        title="Sex differences in resistance training: a systematic review and meta-analysis",
        publisher="Journal of Strength and Conditioning Research",
        authors="Roberts BM, Nuckols G, Krieger JW",
        year=2020,
        details="34(5): 1448–1460",
        url="https://doi.org/10.1519/JSC.0000000000003521",
        note=(
            "Men and women on the same programmes gained similar muscle size relative to where "
            "they started, so the plans use the same numbers for everyone."
        ),
        addition=True,
    ),
    Source(
        id="buist-2008",
        short="Buist 2008",
        title=(
            "No effect of a graded training program on the number of running-related injuries "
            "in novice runners: a randomized controlled trial"
        ),
        publisher="American Journal of Sports Medicine",
        authors="Buist I, Bredeweg SW, van Mechelen W, et al.",
        year=2008,
        details="36(1): 33–39",
        url="https://doi.org/10.1177/0363546507307505",
        note=(
            "In a randomised trial of 532 novice runners, a programme that raised training by "
            "10% a week had about the same injury rate as a faster standard one."
        ),
        addition=True,
    ),
    Source(
        id="legplan-road",
        short="Legplan's road",
        title="The road to the target week: the calculator's own cautious convention",
        publisher="Legplan",
        note=(
            "Step sizes, easier weeks, run-walk bouts and the check-in's timing are choices of "
            "this calculator, not findings of a study."
        ),
        addition=True,
    ),
    Source(
        id="legplan-advice",
        short="Legplan's own advice",
        title="Common-sense advice this site adds without a study behind it",
        publisher="Legplan",
        note=(
            "What easy effort feels like, warming up and cooling down, when to stop a session, "
            "and the check-in's suggestions for runs that feel too hard or too easy. Each is "
            "labelled as the site's own where it appears."
        ),
        addition=True,
    ),
    Source(
        id="who-2020",
        short="WHO 2020",
        title=(
            "World Health Organization 2020 guidelines on physical activity and sedentary behaviour"
        ),
        publisher="British Journal of Sports Medicine",
        authors="Bull FC, Al-Ansari SS, Biddle S, et al.",
        year=2020,
        details="54(24): 1451–1462",
        url="https://doi.org/10.1136/bjsports-2020-102955",
        note=(
            "How much aerobic activity a week adults need, and how often they should strengthen "
            "their muscles: the yardstick each week of a plan is held against."
        ),
        addition=True,
    ),
    Source(
        id="acsm-equations",
        short="ACSM's running equation",
        title="ACSM's guidelines for exercise testing and prescription: the metabolic equations",
        publisher="American College of Sports Medicine",
        note="The running equation behind the first energy estimate (oxygen uptake from speed).",
        addition=True,
    ),
    Source(
        id="acsm-validation-1999",
        short="JSCR 1999",
        title=(
            "An evaluation of the accuracy of the American College of Sports Medicine metabolic "
            "equation for estimating the oxygen cost of running"
        ),
        publisher="Journal of Strength and Conditioning Research",
        year=1999,
        details="13(3): 219–223",
        url=(
            "https://journals.lww.com/nsca-jscr/Abstract/1999/08000/"
            "An_Evaluation_of_the_Accuracy_of_the_American.7.aspx"
        ),
        note=(
            "Tested on 33 runners, the running equation overestimated the oxygen cost for 29 of "
            "them."
        ),
        addition=True,
    ),
    Source(
        id="compendium-2011",
        short="Compendium 2011",
        title="2011 Compendium of Physical Activities: a second update of codes and MET values",
        publisher="Medicine & Science in Sports & Exercise",
        authors="Ainsworth BE, Haskell WL, Herrmann SD, et al.",
        year=2011,
        details="43(8): 1575–1581",
        url="https://doi.org/10.1249/MSS.0b013e31821ece12",
        note="The energy cost (MET) of running at set speeds, behind the second energy estimate.",
        addition=True,
    ),
    Source(
        id="parq-plus",
        short="PAR-Q+",
        title="The Physical Activity Readiness Questionnaire for Everyone (PAR-Q+)",
        publisher="PAR-Q+ Collaboration",
        url="https://eparmedx.com/",
        note=(
            "The model for the safety self-check: questions whose yes means talking to a doctor "
            "or qualified exercise professional before becoming more active."
        ),
        addition=True,
    ),
    Source(
        id="cdc-talk-test",
        short="CDC",
        title="Measuring physical activity intensity",
        publisher="U.S. Centers for Disease Control and Prevention",
        url="https://www.cdc.gov/physical-activity-basics/measuring/",
        note="The talk test that tells moderate effort from high effort.",
        addition=True,
    ),
)

SOURCES: MappingProxyType[str, Source] = MappingProxyType({s.id: s for s in _ALL})
"""Every source, keyed by id, in the order the sources page lists them."""
