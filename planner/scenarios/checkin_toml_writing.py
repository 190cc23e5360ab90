"""A check-in written as TOML text (:func:`checkin_to_toml`): the file ``planner
checkin-template`` gives a leader to edit, with a comment naming each id, and a saved
re-plan's check-in; :mod:`~planner.scenarios.checkin_toml` reads it back to an equal one.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from planner.core.domain import Problem
from planner.core.toml_text import toml_string
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.checkin_replan import ReplanWith, replan_lines


def checkin_to_toml(
    checkin: CheckIn,
    names: Mapping[str, Mapping[str, str]] | None = None,
    replan: ReplanWith | None = None,
    replan_head: str = "",
) -> str:
    """TOML text that :func:`~planner.scenarios.checkin_toml.parse_checkin` reads back to an
    equal check-in.

    ``names``: table -> id -> a comment after the id's line (a project's name and owner,
    a goal's name and unit, a team's name), for a leader editing the file who does not
    know the ids by heart (:func:`checkin_names`). ``replan``: what a saved check-in's
    re-plan was made with, last (``[replan]``, :mod:`planner.scenarios.checkin_replan`),
    with ``replan_head``'s comment lines above it.
    """

    def entry(table: str, key: str, value: str) -> str:
        line = f"{toml_string(key)} = {value}"
        name = (names or {}).get(table, {}).get(key)
        return line if name is None else f"{line}  # {_comment(name)}"

    lines = [
        # Whole weeks as a leader counts them (6, 13), not 6.0 and 13.0; 6.5 as typed.
        f"weeks_elapsed = {toml_amount(checkin.weeks_elapsed)}",
        f"quarter_weeks = {toml_amount(checkin.quarter_weeks)}",
        f"note = {toml_string(checkin.note)}",
        "",
        "[projects]",
    ]
    for project_id, progress in checkin.projects.items():
        if progress.status is ProjectStatus.IN_PROGRESS:
            end = "" if progress.end_week is None else f", end_week = {progress.end_week}"
            value = (
                f"{{ status = {toml_string(progress.status.value)}, "
                f"percent_done = {_number(progress.percent_done)}{end} }}"
            )
            lines.append(entry("projects", project_id, value))
        else:
            lines.append(entry("projects", project_id, toml_string(progress.status.value)))
    lines += ["", "[achieved]"]
    # Each KPI as written (8, 597), the plan's figure it stands for (7.7, 596.815) below.
    written = {**checkin.achieved, **checkin.recorded}
    lines += [entry("achieved", k, toml_amount(v)) for k, v in written.items()]
    lines += ["", "[hours_used]"]
    lines += [entry("hours_used", k, _number(v)) for k, v in checkin.hours_used.items()]
    as_planned = {**checkin.as_planned, **{k: checkin.achieved[k] for k in checkin.recorded}}
    if as_planned:
        first, figure = next(iter(as_planned.items()))
        example = (
            f"{toml_amount(written[first])} under {_comment(first)} "
            f"for the plan's {toml_amount(figure)}"
            if first in written
            else f"{toml_amount(figure)} under {_comment(first)}"
        )
        lines += ["", _AS_PLANNED_HEAD.format(example=example), "[achieved_as_planned]"]
        lines += [f"{toml_string(k)} = {toml_amount(v)}" for k, v in as_planned.items()]
    if replan is not None:
        lines += replan_lines(replan, replan_head)
    return "\n".join(lines) + "\n"


#: Above the table of the plan's figures that counts kept as pre-filled stand for.
_AS_PLANNED_HEAD = (
    "# The plan's figure by now that each KPI above, kept as written, stands for\n"
    "# ({example}): a later check-in --since this one counts it.\n"
    "# A KPI changed above reads as typed."
)


def checkin_names(
    problem: Problem, owners: Mapping[str, frozenset[str]]
) -> dict[str, dict[str, str]]:
    """What a leader knows each id by, per table of the file: a project's name and its
    owners in ``owners`` (``"Webinar series (Demand Gen)"``), a goal's name and unit
    (``"Marketing-qualified leads, in MQLs"``), a team's name."""
    teams = {t.team_id: t.name for t in problem.teams}
    projects = {}
    for p in problem.projects:
        held = sorted(teams.get(t, t) for t in owners.get(p.project_id, ()))
        projects[p.project_id] = p.name + (f" ({' and '.join(held)})" if held else "")
    goals = {g.goal_id: f"{g.name}, in {g.kpi}" for g in problem.goals}
    return {"projects": projects, "achieved": goals, "hours_used": teams}


#: A comment's longest text: a longer name is cut, with an ellipsis.
_COMMENT_CHARS = 160


def _comment(name: str) -> str:
    """``name`` as a TOML comment's text: a name is data a leader typed, and anything a
    comment may not hold (a line break, a control character, a separator) becomes a space,
    so that the comment cannot end early and the file reads back to the same check-in."""
    text = " ".join("".join(c if c.isprintable() else " " for c in name).split())
    return text if len(text) <= _COMMENT_CHARS else text[: _COMMENT_CHARS - 1] + "…"


def _number(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return text if "." in text else text + ".0"


def toml_amount(amount: Decimal) -> str:
    """A KPI amount or a week as a leader types it: ``34188``, ``12.5`` (a whole one without
    ``.0``), as the file writes it and as its problems quote it."""
    return format(amount.normalize(), "f")
