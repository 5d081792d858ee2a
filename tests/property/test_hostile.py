"""Hostile input: every entry point answers with a plan or a field error, quickly.

Hypothesis drives the browser's handlers (``legplan.web.handle``, ``handle_query``,
``export``) and the command line (``legplan.cli.main``) with arbitrary JSON, text,
unicode (lone surrogates included), huge lists and strings, deep nesting, and script or
markup in every field. No call may raise; each must end in ``{"ok": true}`` with a plan,
``{"ok": false}`` with field errors, or exit status 0 or 2; and markup from the input
never comes back live in the printable page or the calendar file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import sys
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from legplan.cli import build_parser, main
from legplan.documents import MEDIA_TYPES
from legplan.render import FORMATS
from legplan.request import FIELDS
from legplan.web import export, handle, handle_query

QUICK = settings(
    deadline=dt.timedelta(seconds=2),
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Each call well under the deadline; Hypothesis fails the example that is not."""

NAMES = [f.name for f in FIELDS]
PAYLOADS = [
    "<script>window.__legplanPwned = 1</script>",
    '"><img src=x onerror="window.__legplanPwned = 1">',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ 7 * 7 }}{% raw %}",
    "BEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
    "mon,<b>tue</b>",
    "\u202eevil\u0000\ud800",
]
"""Script, markup, template syntax, calendar lines and odd code points."""

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
"""Any code points, lone surrogates included."""

huge = st.integers(1, 200_000)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | any_text
    | st.sampled_from(PAYLOADS)
    | huge.map(lambda n: "x" * n),
    lambda inner: (
        st.lists(inner, max_size=6)
        | huge.map(lambda n: ["mon"] * n)
        | st.dictionaries(st.sampled_from(NAMES) | any_text, inner, max_size=6)
    ),
    max_leaves=25,
)
field_values = (
    st.sampled_from([v for f in FIELDS for v in f.values])
    | st.sampled_from(PAYLOADS)
    | any_text
    | st.integers().map(str)
)
requests = st.dictionaries(st.sampled_from(NAMES), json_values, max_size=len(NAMES))


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


raw_json = (
    json_values.map(lambda v: json.dumps(v, allow_nan=True))
    | requests.map(json.dumps)
    | any_text
    | st.integers(1, 200_000).map(_nested)
    | st.integers(1, 200_000).map(lambda n: '{"days": ' * n)
)


def _check_reply(reply_json: str) -> dict:
    reply = json.loads(reply_json)
    assert reply["ok"] in (True, False)
    if reply["ok"]:
        return reply
    assert reply["errors"], reply
    for error in reply["errors"]:
        assert isinstance(error["field"], str)
        assert error["field"]
        assert isinstance(error["message"], str)
        assert error["message"]
    return reply


# Compile the templates before any timed example.
handle("{}")
export("{}", "html", "2030-01-07")
export("{}", "ics", "2030-01-07")


@QUICK
@given(raw_json)
@example("[" * 100_000)
@example('{"days": ' + json.dumps(["mon"] * 100_000) + "}")
def test_handle_answers_every_payload(payload):
    reply = _check_reply(handle(payload))
    if reply["ok"]:
        assert set(reply) == {"ok", "plan", "html", "summary", "query"}


url_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
"""What a URL can carry once percent-decoded: any code point but a lone surrogate."""


@QUICK
@given(
    st.dictionaries(
        st.sampled_from(NAMES) | url_text,
        field_values.filter(
            lambda v: v.encode("utf-8", "surrogatepass") == v.encode("utf-8", "replace")
        )
        | url_text,
        max_size=8,
    )
)
def test_handle_query_answers_every_query(fields):
    _check_reply(handle_query("?" + urlencode(fields)))


@QUICK
@given(
    any_text
    | st.sampled_from(PAYLOADS)
    | huge.map(lambda n: "days=" + ",".join(["mon"] * n))
    | huge.map(lambda n: "goal=tone&" * n)
)
def test_handle_query_answers_any_text(query):
    _check_reply(handle_query(query))


@QUICK
@given(
    raw_json,
    st.sampled_from(FORMATS) | any_text,
    st.none() | any_text | st.dates().map(dt.date.isoformat),
)
def test_export_answers_every_payload(payload, fmt, today):
    reply = _check_reply(export(payload, fmt, today))
    if reply["ok"]:
        assert reply["media_type"] in {m for m, _ in MEDIA_TYPES.values()}


LIVE_MARKUP = re.compile(r"<script|<img|<svg|\son\w+\s*=|javascript:", re.IGNORECASE)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["html", "ics"])
def test_markup_from_input_never_comes_back_live(name, payload, fmt):
    for value in (payload, f"tone,{payload}", [payload], ["mon", payload]):
        reply = _check_reply(export(json.dumps({name: value}), fmt, "2030-01-07"))
        if not reply["ok"]:
            for error in reply["errors"]:  # the page shows these as text, never as HTML
                assert error["field"] in {*NAMES, "request"}
            continue
        content = reply["content"]
        assert not LIVE_MARKUP.search(content), content
        assert payload not in content
        if fmt == "ics":
            assert content.count("BEGIN:VEVENT") == content.count("END:VEVENT")
            assert "SUMMARY:injected" not in content


def _options() -> list[str]:
    options = []
    for action in build_parser()._actions:
        options.extend(s for s in action.option_strings if s not in {"-o", "--output"})
    return options


def _may_write_a_file(token: str) -> bool:
    """``-o``/``--output`` in any spelling argparse accepts (``-oX``, ``--out=X``, ``-ho``)."""
    if token.startswith("--"):
        return token.startswith("--o")
    return token.startswith("-") and "o" in token


cli_tokens = (
    st.sampled_from(_options())
    | field_values
    | st.sampled_from(PAYLOADS)
    | huge.map(lambda n: ",".join(["mon"] * n))
    | st.sampled_from(["--format", "ics", "html", "json", "markdown", "text", "-", "--"])
)


@contextlib.contextmanager
def _captured():
    """stdout and stderr as a terminal would take them (bytes; stderr backslash-escaped)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = saved


@QUICK
@given(st.lists(cli_tokens.filter(lambda t: not _may_write_a_file(t)), max_size=10))
@example(["--goal", "<script>alert(1)</script>"])
@example(["--days", ",".join(["mon"] * 100_000)])
@example(["--goal", "lose", "--days", "mon,wed,fri"])
@example(["--format", "ics", "--weeks", "999999999999999999999"])
def test_cli_ends_in_a_plan_or_status_2(argv):
    with _captured() as (out, err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse: --help, --version, or a usage error
            status = exc.code
        out.flush()
        err.flush()
        stderr = err.buffer.getvalue().decode("utf-8")
    assert status in (0, 2), (status, stderr)
    if status == 2:
        # argparse echoes an unknown argument as it is, line breaks included.
        assert stderr.startswith("legplan: error: "), stderr
        assert "Traceback" not in stderr
