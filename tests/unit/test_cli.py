from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from legplan.cli import build_parser, main, run
from legplan.request import FIELDS


def test_default_is_tone_on_all_days_as_text(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Legplan: Toned legs, better health\n")
    assert "30–45 min" in out


def test_example_from_the_issue(capsys):
    assert main(["--goal", "tone", "--days", "mon,wed,fri,sat,sun"]) == 0
    out = capsys.readouterr().out
    for muscle in ("calves", "quadriceps", "hamstrings", "glutes"):
        assert muscle in out
    assert "3 sets × 12–15 reps" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--goal", "bulk"], "legplan: error: goal: expected one of tone, lose, build; got 'bulk'"),
        (["--days", "funday"], "legplan: error: days: expected weekday names"),
        (["--days", ""], "legplan: error: days: expected at least one training day"),
        (["--start-date", "2027-13-01"], "legplan: error: start_date: expected a date"),
        (["--weeks", "0"], "legplan: error: weeks: expected a whole number from 1 to 52"),
        (["--weeks", "x"], "legplan: error: weeks:"),
        (["--format", "pdf"], "legplan: error: format: expected one of text, markdown"),
        (
            ["--goal", "lose", "--days", "mon,wed,fri"],
            'legplan: error: days: the goal "Bigger changes in fitness and weight" (lose) needs',
        ),
        (["--builds-easily", "perhaps"], "legplan: error: builds_easily: expected yes or no"),
        (["--colour", "red"], "legplan: error: unrecognized arguments: --colour red"),
    ],
)
def test_bad_input_exits_2_with_one_line(argv, fragment, capsys):
    with pytest.raises(SystemExit) if argv[0] == "--colour" else _no_raise():
        status = main(argv)
        assert status == 2
    err = capsys.readouterr().err
    assert err.startswith(fragment)
    assert err.count("\n") == 1
    assert "Traceback" not in err


class _no_raise:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_unknown_option_exit_status_is_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--colour", "red"])
    assert info.value.code == 2


def test_every_field_has_an_option():
    options = {a for action in build_parser()._actions for a in action.option_strings}
    assert {f.option for f in FIELDS} <= options


def test_builds_easily_flag_without_value():
    assert "build muscle easily" in run(["--builds-easily", "--days", "mon,wed,fri"])
    assert "build muscle easily" not in run(["--builds-easily", "no", "--days", "mon,wed,fri"])


def test_ics_without_start_date_starts_the_coming_week():
    out = run(["--format", "ics"], today=dt.date(2026, 11, 28))
    assert "DTSTART;VALUE=DATE:20261130" in out


def test_output_file(tmp_path, capsys):
    target = tmp_path / "plan.json"
    assert main(["--format", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["goal"] == "tone"
    assert capsys.readouterr().out == ""


def test_unwritable_output_is_a_clean_error(tmp_path, capsys):
    assert main(["-o", str(tmp_path / "missing" / "plan.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("legplan: error: output: cannot write")
    assert "Traceback" not in err


def test_same_request_same_bytes_across_processes():
    argv = [sys.executable, "-m", "legplan", "--goal", "lose", "--format", "html"]
    first = subprocess.run(argv, capture_output=True, check=True).stdout
    second = subprocess.run(argv, capture_output=True, check=True).stdout
    assert first == second
    assert first.startswith(b"<!DOCTYPE html>")


def test_console_script_reports_errors_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "legplan", "--days", "funday"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("legplan: error: days:")


def test_unknown_argument_with_control_characters_stays_one_printable_line(capsys):
    with pytest.raises(SystemExit):
        main(["--x\nlegplan: fake\x1b[31m"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err
    assert err.startswith("legplan: error: unrecognized arguments: --x\\nlegplan")
