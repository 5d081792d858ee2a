"""The ``legplan`` command: translate arguments into a request, print the rendered plan.

Options are generated from :data:`legplan.request.FIELDS`, so the CLI, the
form and the URL query share one vocabulary. Bad input exits with status 2
and one line on stderr; nothing else is caught.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import NoReturn

from legplan import __version__
from legplan.documents import make_document
from legplan.errors import CalculatorError
from legplan.render import FORMATS, parse_format
from legplan.request import FIELDS, parse_mapping

__all__ = ["build_parser", "main"]

_EPILOG = """examples:
  legplan --goal tone --days mon,wed,fri,sat,sun
  legplan --goal lose --days mon,tue,thu,sat,sun --format html -o plan.html
  legplan --goal build --equipment gym --format ics --start-date 2027-01-04 --weeks 8 -o legs.ics
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse echoes arguments as given: keep the message on one printable line.
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
        self.exit(2, f"{self.prog}: error: {shown} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one option per field plus ``--format`` and ``-o``."""
    parser = _Parser(
        prog="legplan",
        description="Print a weekly running and leg-workout plan from the article's rules.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for field in FIELDS:
        if field.kind == "boolean":
            parser.add_argument(
                field.option,
                dest=field.name,
                nargs="?",
                const="yes",
                metavar="yes|no",
                help=f"{field.help} (default: {field.default})",
            )
            continue
        metavar = {
            "choice": "|".join(field.values),
            "days": "DAY,DAY,...",
            "checklist": "ID,ID,...",
            "date": "YYYY-MM-DD",
            "integer": "N",
            "number": "N",
            "pace": "M:SS",
        }[field.kind]
        default = field.default or ("none" if field.kind != "date" else "the coming week")
        parser.add_argument(
            field.option,
            dest=field.name,
            metavar=metavar,
            help=f"{field.help} (default: {default})",
        )
    parser.add_argument(
        "--format",
        default="text",
        metavar="|".join(FORMATS),
        help="output format (default: text); html is a printable page",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _output(args: argparse.Namespace, today: dt.date | None) -> str:
    """The document the parsed arguments ask for.

    Raises:
        CalculatorError: For bad input or a plan that does not fit.
    """
    fmt = parse_format(args.format)
    raw = {f.name: getattr(args, f.name) for f in FIELDS if getattr(args, f.name) is not None}
    return make_document(parse_mapping(raw), fmt, today or dt.date.today()).content


def run(argv: Sequence[str] | None = None, today: dt.date | None = None) -> str:
    """Parse arguments and return the rendered plan (no printing, for tests).

    Raises:
        CalculatorError: For bad input or a plan that does not fit.
    """
    return _output(build_parser().parse_args(argv), today)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``legplan`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        output = _output(args, None)
    except CalculatorError as exc:
        sys.stderr.write(f"legplan: error: {exc}\n")
        return 2
    data = output.encode("utf-8")
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        with open(args.output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        sys.stderr.write(f"legplan: error: output: cannot write {args.output!r}: {exc.strerror}\n")
        return 1
    return 0
