"""Figure tokens: the numbers in the guidance come from ``legplan.rules``, never retyped.

A page writes ``{{ fig("run.health", "minutes") }}`` and gets ``30–45 min``. The tokens:

- ``fig(rule, key)``: the figure with its unit (``Figure.text()``).
- ``num(rule, key)``: the number or range alone (``30–45``).
- ``term(rule, key)``: the words a rule prescribes (``moderate to high``).
- ``const(rule, key)``: a formula's coefficient (``0.2``).
- ``table(rule)``: a Markdown table of the rows a rule looks values up in.
- ``const_text(rule, key)``: a formula's coefficient with its unit (``134 m/min``).
- ``rules_table()``: a Markdown table of every rule, its figures and its sources.
- ``sources_list()``: every source, each under a heading whose anchor is its id.
- ``goal(value)``: a goal's name, as the form and every plan give it.
- ``equipment(value)``: an equipment choice's name, as the form gives it.
- ``effort(word)``: how an effort word of the plans feels (the talk test).
- ``selfcheck_list()``: the safety self-check's questions, as a list.
- ``exercises(equipment)``: a table of the leg workout's exercises for that equipment.
- ``checkin_table(goal)``: the check-in every plan of that goal carries, with whose word it is.
- ``plan_words(name)``: a sentence the plans print (``warm_up``, ``cool_down``), word for word.
- ``source_note(id)``: what the project takes from a source, from the sources table.

A token alone on an indented line (inside a tab or an admonition) keeps every line of a
longer expansion at that indent, so a table stays inside its block.

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

from legplan.request import FIELDS, parse_query
from legplan.rules import EFFORTS, EXERCISES, GOALS, RULES, SELF_CHECK, Rule
from legplan.schedule import build_plan
from legplan.sources import SOURCES
from legplan.templating import template
from legplan.vocab import Equipment, Goal, Muscle
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


def _constant_text(rule_id: str, key: str) -> str:
    return _look_up(rule_id, key, Rule.find_constant).text()


def _choice_label(field: str, value: str) -> str:
    (spec,) = [f for f in FIELDS if f.name == field]
    labels = {c.value: c.label for c in spec.choices}
    if value not in labels:
        msg = f"unknown {field} {value!r}; expected one of {', '.join(labels)}"
        raise TokenError(msg)
    return labels[value]


def _goal(value: str) -> str:
    return GOALS[Goal(_choice_value("goal", value))].label


def _choice_value(field: str, value: str) -> str:
    _choice_label(field, value)
    return value


def _equipment(value: str) -> str:
    return _choice_label("equipment", value)


def _effort(word: str) -> str:
    if word not in EFFORTS:
        msg = f"unknown effort {word!r}; the plans use {', '.join(EFFORTS)}"
        raise TokenError(msg)
    return EFFORTS[word].feels


def _selfcheck_list() -> str:
    return "\n".join(f"- {q.text}" for q in SELF_CHECK)


def _exercises(value: str) -> str:
    equipment = Equipment(_choice_value("equipment", value))
    lines = ["| Muscle group | Exercise | How to do it |", "|---|---|---|"]
    for muscle in Muscle:
        choice = EXERCISES[equipment, muscle]
        lines.append(
            f"| {muscle.value.capitalize()} | {_cell(choice.name)} | {_cell(choice.how)} |"
        )
    return "\n".join(lines)


def _plan_word(name: str) -> str:
    """A sentence or macro of the plans' shared wording (``templates/_words.j2``)."""
    words = template("_words.j2").module
    value = getattr(words, name, None)
    if not isinstance(value, str) or name.startswith("_"):
        msg = f"the plans print no sentence named {name!r}"
        raise TokenError(msg)
    return value


def _checkin_table(value: str) -> str:
    plan = build_plan(parse_query(f"goal={_choice_value('goal', value)}"))
    words = template("_words.j2").module
    whose_word = getattr(words, "checkin_source")  # noqa: B009 (a macro of the template)
    upper_first = getattr(words, "upper_first")  # noqa: B009
    lines = ["| If you notice | Then | On whose word |", "|---|---|---|"]
    for c in plan.checkin:
        whose = str(upper_first(whose_word(c)))
        lines.append(f"| {_cell(c.situation)} | {_cell(c.suggestion)} | {_cell(whose)} |")
    return "\n".join(lines)


def _source_note(source_id: str) -> str:
    if source_id not in SOURCES:
        msg = f"unknown source {source_id!r}; sources are {', '.join(SOURCES)}"
        raise TokenError(msg)
    return SOURCES[source_id].note


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
            f"[{SOURCES[s].short[:1].upper()}{SOURCES[s].short[1:]}]"
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
        reference = s.citation + (f" <{s.url}>" if s.url else "")
        kind = "Addition to the article" if s.addition else "From the article"
        rules = f"Rules: {', '.join(cited_by)}." if cited_by else "No rule's figures rest on it."
        heading = s.short[:1].upper() + s.short[1:]
        lines = [
            f"### {heading} {{#{source_anchor(s.id)}}}",
            "",
            reference,
            "",
            s.note,
            "",
            f"*{kind}.* {rules}",
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
        "const_text": _constant_text,
        "rules_table": lambda: _rules_table(src_uri),
        "sources_list": _sources_list,
        "goal": _goal,
        "equipment": _equipment,
        "effort": _effort,
        "selfcheck_list": _selfcheck_list,
        "exercises": _exercises,
        "checkin_table": _checkin_table,
        "plan_words": _plan_word,
        "source_note": _source_note,
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
            text = functions[name](*args)
        except (TokenError, TypeError) as e:
            msg = f"{src_uri}: bad token {token}: {e}"
            raise SiteError(msg) from None
        # Continuation lines take the indent of the token's line (a tab, an admonition).
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        indent = markdown[line_start : match.start()]
        if indent.strip():
            indent = ""
        return text.replace("\n", "\n" + indent)

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
