"""Figure tokens: the numbers in the guidance come from ``legplan.rules``, never retyped.

A page writes ``{{ fig("run.health", "minutes") }}`` and gets ``30–45 min``. The tokens:

- ``fig(rule, key)``: the figure with its unit (``Figure.text()``).
- ``num(rule, key)``: the number or range alone (``30–45``).
- ``term(rule, key)``: the words a rule prescribes (``moderate to high``).
- ``const(rule, key)``: a formula's coefficient (``0.2``).
- ``table(rule)``: a Markdown table of the rows a rule looks values up in.
- ``rules_table()``: a Markdown table of every rule, its figures and its sources.
- ``sources_list()``: every source, each under a heading whose anchor is its id.

Any other token, or a token naming an unknown rule, figure or term, stops the build with
a message naming the page and the token. Every page must also carry a ``description`` in
its front matter (Material writes it into ``<meta name="description">``).
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Mapping
from typing import TypeVar

from legplan.rules import RULES, Rule
from legplan.sources import SOURCES
from sitebuild.errors import SiteError

TOKEN = re.compile(r"\{\{\s*(?P<call>[A-Za-z_]\w*\s*\((?P<args>[^{}]*)\))\s*\}\}")
SOURCES_PAGE = "sources.md"

T = TypeVar("T")


class TokenError(Exception):
    """A token that cannot be expanded; :func:`expand` adds the page and the token."""


def _rule(rule_id: str) -> Rule:
    try:
        return RULES[rule_id]
    except KeyError:
        msg = f"unknown rule {rule_id!r}; rules are {', '.join(RULES)}"
        raise TokenError(msg) from None


def _look_up(rule_id: str, key: str, look_up: Callable[[Rule, str], T]) -> T:
    """What ``look_up`` finds under ``key`` in a rule; the rule's own message when nothing."""
    try:
        return look_up(_rule(rule_id), key)
    except KeyError as exc:
        raise TokenError(exc.args[0]) from None


def _figure(rule_id: str, key: str) -> str:
    return _look_up(rule_id, key, Rule.find_figure).text()


def _number(rule_id: str, key: str) -> str:
    return _look_up(rule_id, key, Rule.figure).text()


def _term(rule_id: str, key: str) -> str:
    return _look_up(rule_id, key, Rule.term)


def _constant(rule_id: str, key: str) -> str:
    return f"{_look_up(rule_id, key, Rule.constant):g}"


def source_anchor(source_id: str) -> str:
    """The anchor of a source on the sources page: its id (``sources.md#acsm-2009``)."""
    return source_id


def _table(rule_id: str) -> str:
    rule = _rule(rule_id)
    if not rule.table:
        msg = f"rule {rule_id!r} has no table"
        raise TokenError(msg)
    head = f"| {rule.columns[0]} | {rule.columns[1]} |\n|---|---|"
    return head + "".join(f"\n| {a:g} | {b:g} |" for a, b in rule.table)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rules_table(src_uri: str) -> str:
    sources_href = posixpath.relpath(SOURCES_PAGE, posixpath.dirname(src_uri) or ".")
    if src_uri == SOURCES_PAGE:
        sources_href = ""
    lines = ["| Rule | What it says | Figures | Sources |", "|---|---|---|---|"]
    for rule in RULES.values():
        figures = [f"{f.label}: {f.text()}" for f in rule.figures]
        figures += [f"{key.capitalize()}: {words}" for key, words in rule.terms]
        figures += [f"{c.label}: {c.text()}" for c in rule.constants]
        if rule.table:
            rows = ", ".join(f"{a:g} → {b:g}" for a, b in rule.table)
            figures.append(f"{rule.columns[0]} → {rule.columns[1]}: {rows}")
        title = rule.title + (" (an addition to the article)" if rule.addition else "")
        sources = [
            f"[{SOURCES[s].publisher if s != 'article' else 'The article'}]"
            f"({sources_href}#{source_anchor(s)})"
            for s in rule.sources
        ]
        lines.append(
            f"| **{_cell(title)}**<br>`{rule.id}` | {_cell(rule.statement)} "
            f"| {'<br>'.join(map(_cell, figures)) or '—'} | {'<br>'.join(sources)} |"
        )
    return "\n".join(lines)


def _sources_list() -> str:
    blocks = []
    for s in SOURCES.values():
        cited_by = [f"`{r.id}`" for r in RULES.values() if s.id in r.sources]
        title = f"[{s.title}]({s.url})" if s.url else s.title
        published = s.publisher + (f", {s.year}" if s.year else "")
        kind = "Addition to the article" if s.addition else "From the article"
        lines = [
            f"### {s.title} {{#{source_anchor(s.id)}}}",
            "",
            f"{title}. {published}.",
            "",
            f"{s.note}",
            "",
            f"*{kind}.* Rules: {', '.join(cited_by) or 'none'}.",
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _functions(src_uri: str) -> dict[str, Callable[..., str]]:
    return {
        "fig": _figure,
        "num": _number,
        "term": _term,
        "const": _constant,
        "table": _table,
        "rules_table": lambda: _rules_table(src_uri),
        "sources_list": _sources_list,
    }


def _parse(call: str) -> tuple[str, list[str]]:
    try:
        node = ast.parse(call, mode="eval").body
    except SyntaxError:
        msg = "not a call with literal arguments"
        raise TokenError(msg) from None
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.keywords:
        msg = "not a call with literal arguments"
        raise TokenError(msg)
    args = []
    for arg in node.args:
        if not isinstance(arg, ast.Constant) or not isinstance(arg.value, str):
            msg = "arguments must be string literals"
            raise TokenError(msg)
        args.append(arg.value)
    return node.func.id, args


def expand(markdown: str, src_uri: str) -> str:
    """Replace every token in ``markdown``, the source of the page ``src_uri``.

    Raises:
        SiteError: For an unknown token or a bad argument, naming the page and the token.
    """
    functions = _functions(src_uri)

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        try:
            name, args = _parse(match.group("call"))
            if name not in functions:
                known = ", ".join(functions)
                msg = f"unknown token {name!r}; known tokens are {known}"
                raise TokenError(msg)
            return functions[name](*args)
        except (TokenError, TypeError) as e:
            msg = f"{src_uri}: bad token {token}: {e}"
            raise SiteError(msg) from None

    expanded = TOKEN.sub(substitute, markdown)
    leftover = re.search(r"\{\{.*?\}\}", expanded)
    if leftover:
        msg = f"{src_uri}: unknown token {leftover.group(0)}"
        raise SiteError(msg)
    return expanded


def page_markdown(markdown: str, src_uri: str, meta: Mapping[str, object]) -> str:
    """A page's Markdown with its tokens expanded, once its front matter has a description.

    Raises:
        SiteError: For a page without a ``description``, or a bad token.
    """
    if not meta.get("description"):
        msg = f"{src_uri}: no 'description' in the front matter (meta description)"
        raise SiteError(msg)
    return expand(markdown, src_uri)
