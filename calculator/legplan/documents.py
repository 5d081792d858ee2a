"""A request as a file in one format: what the CLI writes and the page downloads.

Both shells get their files here, so a calendar without a start date, a file
name and a media type are decided once.

>>> import datetime as dt
>>> from legplan.request import parse_query
>>> doc = make_document(parse_query("goal=lose"), "ics", dt.date(2026, 11, 28))
>>> doc.filename, doc.media_type, "DTSTART;VALUE=DATE:20261130" in doc.content
('legplan-lose.ics', 'text/calendar', True)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

from legplan.model import PlanRequest
from legplan.render import Format, render
from legplan.request import with_calendar_start
from legplan.schedule import build_plan

__all__ = ["MEDIA_TYPES", "Document", "make_document"]

MEDIA_TYPES: MappingProxyType[Format, tuple[str, str]] = MappingProxyType(
    {
        "text": ("text/plain", "txt"),
        "markdown": ("text/markdown", "md"),
        "html": ("text/html", "html"),
        "json": ("application/json", "json"),
        "ics": ("text/calendar", "ics"),
    }
)
"""Media type and file extension of each format."""


@dataclass(frozen=True, slots=True)
class Document:
    """A rendered plan with the name and type it is saved under."""

    filename: str
    media_type: str
    content: str


def make_document(request: PlanRequest, fmt: Format, today: dt.date) -> Document:
    """Plan ``request`` and render it in ``fmt``.

    Args:
        request: A validated request.
        fmt: One of :data:`legplan.render.FORMATS`.
        today: The runner's date: a calendar without a start date starts the coming week.

    Raises:
        PlanDoesNotFitError: If the available days cannot hold the goal's sessions.
    """
    if fmt == "ics":
        request = with_calendar_start(request, today)
    media_type, ext = MEDIA_TYPES[fmt]
    content = render(build_plan(request), fmt)
    return Document(f"legplan-{request.goal.value}.{ext}", media_type, content)
