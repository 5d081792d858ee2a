"""Plan -> iCalendar: one all-day event per session.

The calendar covers every week of the plan (the road to the target week, then
the target week), and repeats the target week up to ``request.weeks`` weeks.

Deterministic: the same plan gives the same bytes (the event stamps and ids
derive from the request, not from the clock).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from legplan.model import Plan
from legplan.request import to_query
from legplan.templating import template

__all__ = ["plan_ics"]


def plan_ics(plan: Plan) -> str:
    """Render a plan as an iCalendar file.

    Args:
        plan: The plan; ``plan.request.start_date`` must be set (the CLI and the
            browser fill it in with the coming week when the runner leaves it empty).

    Returns:
        The calendar, CRLF line endings as RFC 5545 asks.

    Raises:
        ValueError: If the request has no start date.
    """
    request = plan.request
    start = request.start_date
    if start is None:
        msg = "a calendar needs a start date"
        raise ValueError(msg)
    query = to_query(request)
    tag = hashlib.sha256(query.encode()).hexdigest()[:16]
    stamp = dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)
    describe = template("event.txt.j2")

    cal = Calendar()
    cal.add("prodid", "-//Legplan//Weekly plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Legplan")
    total = max(request.weeks, len(plan.weeks))
    for offset in range(total * 7):
        date = start + dt.timedelta(days=offset)
        week = plan.weeks[min(offset // 7, len(plan.weeks) - 1)]
        day = week.days[date.weekday()]
        for number, session in enumerate(day.sessions):
            event = Event()
            event.add("uid", f"{date.isoformat()}-{number}-{tag}@legplan")
            event.add("dtstamp", stamp)
            event.add("dtstart", date)
            event.add("dtend", date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            text = describe.render(session=session, plan=plan, week=week, number=offset // 7 + 1)
            summary, _, body = text.partition("\n")
            event.add("summary", summary)
            event.add("description", body.strip())
            event.add("categories", ["Legplan", session.type])
            cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical.decode("utf-8")
