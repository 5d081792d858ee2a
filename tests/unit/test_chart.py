"""The road's chart (``legplan.chart``) and how the plan's HTML draws it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from legplan.chart import KIND_WORDS, Box, road_chart
from legplan.render import plan_identity, render, render_fragment, render_summary
from legplan.request import parse_query
from legplan.rules import RULES
from legplan.schedule import build_plan

ROADS = ["current_minutes=0", "goal=lose&current_minutes=5", "goal=build&current_minutes=20"]
WEEKS = ["", "goal=lose", "goal=build&selfcheck=heart"]


def boxes(chart):
    for bar in chart.bars:
        yield bar.solid
        if bar.range:
            yield bar.range
    for band in chart.bands:
        yield band.box
    yield chart.axis
    for swatch in chart.legend:
        yield swatch.box


def inside(box: Box, chart) -> bool:
    return (
        0 <= box.x <= box.x + box.width <= chart.width
        and 0 <= box.y <= box.y + box.height <= chart.height
    )


@pytest.mark.parametrize("query", ROADS)
def test_a_road_has_one_upright_bar_per_week_in_plan_order(query):
    plan = build_plan(parse_query(query))
    chart = road_chart(plan)
    assert chart.road
    assert [b.number for b in chart.bars] == [w.number for w in plan.weeks]
    assert [b.kind for b in chart.bars] == [w.kind for w in plan.weeks]
    assert [b.minutes for b in chart.bars] == [w.activity.run_minutes for w in plan.weeks]
    assert chart.target.kind == "target"
    assert chart.easier_weeks == tuple(w.number for w in plan.weeks if w.kind == "easier")
    # More minutes, a taller bar: every bar stands on the same zero line.
    for a, b in zip(chart.bars, chart.bars[1:], strict=False):
        assert (a.minutes.min < b.minutes.min) == (a.solid.height < b.solid.height)
        assert a.solid.y + a.solid.height == pytest.approx(chart.axis.y, abs=0.11)
    assert chart.bars[0].number_at is not None
    assert chart.target.number_at is not None
    assert all(inside(box, chart) for box in boxes(chart))


@pytest.mark.parametrize("query", WEEKS)
def test_one_week_lies_in_one_row(query):
    plan = build_plan(parse_query(query))
    chart = road_chart(plan)
    assert not chart.road
    [bar] = chart.bars
    assert bar.minutes == plan.target_week.activity.run_minutes
    assert bar.solid.height == (bar.range or bar.solid).height  # lying down
    assert all(inside(box, chart) for box in boxes(chart))


@pytest.mark.parametrize("query", [*ROADS, *WEEKS])
def test_the_bands_are_who_figures_never_retyped(query):
    chart = road_chart(build_plan(parse_query(query)))
    who = RULES["who.activity"]
    assert [(b.key, b.minutes) for b in chart.bands] == [
        ("vigorous_minutes", who.figure("vigorous_minutes")),
        ("moderate_minutes", who.figure("moderate_minutes")),
    ]


class _Svg(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.svg: dict[str, str] = {}
        self.text: dict[str, str] = {}
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "svg":
            self.svg = {k: v or "" for k, v in attrs}
        if tag == "tr" and "tbody" in self.stack:
            self.rows += 1

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] in {"title", "desc"}:
            self.text[self.stack[-1]] = self.text.get(self.stack[-1], "") + data


@pytest.mark.parametrize("query", [*ROADS, *WEEKS])
def test_the_chart_has_a_title_a_description_and_its_numbers_in_a_table(query):
    plan = build_plan(parse_query(query))
    html = render_fragment(plan)
    figure = html[html.index('<figure class="legplan-chart') : html.index("</figure>")]
    parser = _Svg()
    parser.feed(figure)
    assert parser.svg["role"] == "img"
    assert parser.svg["aria-labelledby"] == "legplan-chart-title"
    assert parser.svg["aria-describedby"] == "legplan-chart-desc"
    assert "WHO 2020" in parser.text["title"]
    desc = parser.text["desc"]
    assert plan.target_week.activity.run_minutes.text("min") in desc
    assert RULES["who.activity"].figure("moderate_minutes").text("min") in desc
    # The table under it: one row per week, with that week's minutes and kind.
    assert parser.rows == len(plan.weeks)
    for week in plan.weeks:
        row = f'<th scope="row">{week.number}</th><td>{week.activity.run_minutes.text("min")}</td>'
        assert row in figure
        assert KIND_WORDS[week.kind].capitalize() in figure
    # Drawn in black, white and greys only, so it prints the same in black and white.
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]+)"', figure))
    assert colours <= {"#000", "#fff", "#666", "#ddd", "#eee"}


def test_the_printable_page_and_the_fragment_draw_the_same_chart():
    plan = build_plan(parse_query("goal=lose&current_minutes=30"))
    chart = render_fragment(plan)
    chart = chart[chart.index("<figure") : chart.index("</figure>")]
    assert chart in render(plan, "html")


def test_the_plan_identity_ignores_how_a_plan_is_shown_but_not_what_it_holds():
    base = plan_identity(parse_query("goal=lose&days=mon,wed,fri,sat"))
    same = ["&week_start=sun", "&weeks=6", "&start_date=2027-01-04", "&weight=70&pace=6:00"]
    for extra in same:
        assert plan_identity(parse_query("goal=lose&days=mon,wed,fri,sat" + extra)) == base
    for other in [
        "goal=build&days=mon,wed,fri,sat",
        "goal=lose&days=mon,wed,fri,sun",
        "goal=lose&days=mon,wed,fri,sat&current_minutes=20",
        "goal=lose&days=mon,wed,fri,sat&equipment=gym",
    ]:
        assert plan_identity(parse_query(other)) != base
    assert re.fullmatch(r"[0-9a-f]{16}", base)


def test_every_tick_box_names_its_day_and_session_and_every_week_its_number():
    plan = build_plan(parse_query("goal=lose&current_minutes=40"))
    html = render_fragment(plan)
    assert f'data-plan="{plan_identity(plan.request)}"' in html
    assert html.count('<section class="legplan-week" data-week=') == len(plan.weeks)
    sessions = sum(len(d.sessions) for w in plan.weeks for d in w.days)
    assert (
        len(re.findall(r'<input type="checkbox" data-tick="[a-z]{3}-(run|legs)"', html)) == sessions
    )


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", ["3 runs", "2 leg workouts", "90–135 min"]),
        ("goal=lose", ["4 runs", "180–270 min"]),
        ("current_minutes=20", ["week 1", "90–135 min"]),
        ("selfcheck=heart", ["Self-check"]),
    ],
)
def test_the_summary_says_what_the_week_holds(query, words):
    plan = build_plan(parse_query(query))
    summary = re.sub(r"<[^>]+>", "", render_summary(plan))
    for word in words:
        assert word in summary
    assert f"{plan.target_week.run_count} runs" in summary
