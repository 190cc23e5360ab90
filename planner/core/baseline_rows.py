"""A baseline plan (``--baseline plan.csv``) checked row by row against the data.

A plan.csv kept in a spreadsheet comes back edited: a joint project's second
row deleted, a project both in the plan and left out, one of a row's weeks
emptied, an end week typed over. The planner never writes such rows; read
silently, they changed what a what-if counts as moved and what a check-in
counts as done (a 6-week project given end week 10 instead of 13 read 66.7 %
done at week 9 instead of 33.3 %, and the re-plan squeezed its rest into one
week). Rows that cannot be one plan are refused; weeks that disagree with the
project's weeks in the data are kept (the data may have changed since the
plan was made, and a check-in's re-plan runs work in progress on for the
weeks it had left) with a warning naming the row.
"""

from __future__ import annotations

from decimal import Decimal

from planner.core.domain import Assignment, Plan, Problem, other_department
from planner.core.errors import InputIssue, InvalidInputError, Severity
from planner.core.identifiers import escaped, id_key, near_ids
from planner.core.pairs import pair_of
from planner.core.plan_csv import plain, read_plan_rows
from planner.core.shared_words import plural
from planner.core.shown_figures import first_few

#: Unknown teams named one by one; the rest in one line.
_NAMED = 10
#: Past this many projects not in the data, a plan is taken for one of other data: the
#: data's projects without a row are not looked for among them (each look compares ids).
_RENAMES = 50


def read_baseline_plan(
    problem: Problem,
    text: str,
    file: str = "plan.csv",
    header_row: int = 1,
    *,
    whole: bool = True,
    renamed_fix: str = "",
) -> tuple[Plan, list[InputIssue]]:
    """The baseline plan in ``text`` and its warnings.

    Warnings: a project no longer in the data (ignored: the caller leaves it out,
    :func:`planner.core.plan_csv.known_projects`); a run, a share, hours or a value
    the data would not give the pair (kept: the data may have changed since the
    plan); with ``whole`` (a plan of the whole quarter, not a check-in's re-plan),
    projects of the data with no row at all (read as left out). ``renamed_fix``: what to do
    when a team or project the plan names not in the data was renamed since (the command's
    way to read the plan under the new id), after the fix of its refusal or warning. Pinned
    rows are not held to the data's: a check-in's re-plan pins the work in progress it runs on
    for the weeks and hours it had left.

    Raises
    ------
    InvalidInputError
        With every problem (a team not in the data, a run past the quarter, too many
        owners, and the rows that cannot be one plan), each naming its row and column
        where it has one.
    """
    plan, rows = read_plan_rows(text, file, header_row)
    if whole and not plan.assignments and not plan.unassigned:
        # Its header alone (a filter that matched nothing, pasted into a new file): it read
        # as a plan leaving every project out, "goal attainment 0.0 % -> 85.6 %", unsaid.
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    None,
                    None,
                    "the plan has its header but no rows. The plan.csv the planner writes "
                    "has a row for every project, in the plan or left out.",
                    "Give the plan.csv written for this data (planner solve DATA --out "
                    "plan.csv), with its rows.",
                )
            ]
        )
    if (other := _another_quarters(problem, plan, file, renamed_fix)) is not None:
        raise InvalidInputError([other])
    issues = [
        *_unknown_teams(problem, plan, rows, file, renamed_fix),
        *_late(problem, plan, rows, file),
        *_row_issues(problem, plan, rows, file),
    ]
    issues += _capped(
        _gone(problem, plan, rows, file, renamed_fix),
        "name projects not in the data (projects.csv), so they are ignored.",
        "Use the plan.csv written for this data; if they were deleted, nothing to do."
        + (f" {renamed_fix}" if renamed_fix else ""),
        "project_id",
    )
    issues += _capped(_figure_warnings(problem, plan, rows, file), _KEPT % "figure")
    if whole:
        issues += _no_row(problem, plan, file)
    if problem.is_time_phased:
        issues += _capped(_run_warnings(problem, plan, rows, file), _KEPT % "run")
    if any(i.severity is Severity.ERROR for i in issues):
        raise InvalidInputError(issues)
    return plan, issues


def _another_quarters(
    problem: Problem, plan: Plan, file: str, renamed_fix: str
) -> InputIssue | None:
    """The problem of a plan none of whose projects is in the data (the plan of another
    quarter, or of a generated one): it read as a refusal per team ("team 'M006' is not in
    teams.csv", four of them) and a warning per project, none saying the plan is not this
    data's. None: the plan names a project of the data, or none at all."""
    ids = {a.project_id for a in plan.assignments} | {u.project_id for u in plan.unassigned}
    if not ids or not ids.isdisjoint(problem.project_index):
        return None
    teams = {a.team_id for a in plan.assignments}
    known = sum(t in problem.team_index for t in teams)
    if not teams:
        also = ""
    elif not known:
        also = f", nor any of its {plural(len(teams), 'team')}"
    else:
        also = f" (of its {plural(len(teams), 'team')}, {known} are)"
    return InputIssue(
        file,
        None,
        "project_id",
        f"none of the plan's {plural(len(ids), 'project')} is in the data (projects.csv)"
        f"{also}: it is the plan of another quarter or data folder.",
        "Give the plan.csv written for this data (planner solve DATA --out plan.csv), or "
        "the data this plan was made on." + (f" {renamed_fix}" if renamed_fix else ""),
    )


def _row_issues(
    problem: Problem, plan: Plan, rows: dict[tuple[str, str], int], file: str
) -> list[InputIssue]:
    issues: list[InputIssue] = []
    by_project: dict[str, list[Assignment]] = {}
    for a in plan.assignments:
        by_project.setdefault(a.project_id, []).append(a)
        row = rows[(a.project_id, a.team_id)]
        if (a.start_week is None) != (a.end_week is None):
            given, empty = (
                ("start_week", "end_week") if a.end_week is None else ("end_week", "start_week")
            )
            week = a.start_week if a.end_week is None else a.end_week
            issues.append(
                InputIssue(
                    file,
                    row,
                    empty,
                    f"'{escaped(a.project_id)}' has {given} {week} but no {empty}: "
                    "the weeks it runs are unclear.",
                    f"Write its {empty} as the planner wrote it, or empty both weeks to run "
                    "it over its whole window.",
                )
            )
    for u in plan.unassigned:
        if u.project_id in by_project:
            first = rows[(u.project_id, by_project[u.project_id][0].team_id)]
            issues.append(
                InputIssue(
                    file,
                    rows[(u.project_id, "")],
                    "status",
                    f"project '{escaped(u.project_id)}' is left out here, and in the plan on "
                    f"row {first}.",
                    "Delete one of the two rows, or use the plan.csv the planner wrote.",
                )
            )
    for project_id, owned in by_project.items():
        project = problem.project_index.get(project_id)
        if project is None:
            continue  # not in the data: ignored
        most = 2 if project.joint else 1
        if len(owned) > most:
            issues.append(_too_many(owned, rows, file, most))
            continue
        if any(a.team_id not in problem.team_index for a in owned):
            continue  # an unknown team (_unknown_teams)
        issues += _joint_issues(problem, owned, rows, file, project.joint)
    return issues


def _too_many(
    owned: list[Assignment], rows: dict[tuple[str, str], int], file: str, most: int
) -> InputIssue:
    """A single-team project with two owners or more, a joint one with three or more: at
    the first row too many."""
    at = [rows[(a.project_id, a.team_id)] for a in owned]
    kind = "joint project" if most == 2 else "single-team project"
    teams = ", ".join(
        f"{escaped(a.team_id)} on row {row}" for a, row in zip(owned, at, strict=True)
    )
    return InputIssue(
        file,
        at[most],
        "team_id",
        f"the {kind} '{escaped(owned[0].project_id)}' has {len(owned)} owners ({teams}).",
        f"Keep {'one sales and one marketing team' if most == 2 else 'one row'} for it.",
    )


def _joint_issues(
    problem: Problem,
    owned: list[Assignment],
    rows: dict[tuple[str, str], int],
    file: str,
    joint: bool,
) -> list[InputIssue]:
    """A joint project's rows: one sales and one marketing team, in the same weeks."""
    first, *others = owned
    row = rows[(first.project_id, first.team_id)]
    name = escaped(first.project_id)
    if joint and not others:
        department = problem.team(first.team_id).department
        missing = other_department(department)
        return [
            InputIssue(
                file,
                row,
                "team_id",
                f"the joint project '{name}' has one owner ({escaped(first.team_id)}, "
                f"{department}): a joint project has a sales and a marketing team, or none.",
                f"Add the row of its {missing} team, or use the plan.csv the planner wrote "
                "for this data.",
            )
        ]
    if not joint or len(others) != 1:
        return []  # two owners of a single-team project, or three: _too_many
    (second,) = others
    second_row = rows[(second.project_id, second.team_id)]
    departments = {problem.team(a.team_id).department for a in owned}
    if len(departments) == 1:
        return [
            InputIssue(
                file,
                second_row,
                "team_id",
                f"the joint project '{name}' has two {departments.pop()} teams "
                f"({escaped(first.team_id)} on row {row}, {escaped(second.team_id)}): a joint "
                "project has a sales and a marketing team.",
                "Use the plan.csv the planner wrote for this data.",
            )
        ]
    if (first.start_week, first.end_week) != (second.start_week, second.end_week):
        return [
            InputIssue(
                file,
                second_row,
                "start_week",
                f"the joint project '{name}' runs in {_weeks(second)} here and in "
                f"{_weeks(first)} on row {row}: its two teams run it in the same weeks.",
                "Give both rows the same start_week and end_week, as the planner wrote them.",
            )
        ]
    return []


def _carried_on(a: Assignment) -> bool:
    """A pinned row: a check-in's re-plan pins the work in progress it runs on for the weeks
    and hours it had left, not the project's own (whether or not the data pins it too)."""
    return a.pinned


def _weeks(a: Assignment) -> str:
    if a.start_week is None or a.end_week is None:
        return "its whole window"
    return f"weeks {a.start_week}-{a.end_week}"


def _run_warnings(
    problem: Problem, plan: Plan, rows: dict[tuple[str, str], int], file: str
) -> list[InputIssue]:
    """A run that is not the project's in the data: kept, with a warning at its row."""
    warnings: list[InputIssue] = []
    seen: set[str] = set()
    for a in plan.assignments:
        project = problem.project_index.get(a.project_id)
        if project is None or a.start_week is None or a.end_week is None:
            continue
        if _carried_on(a) or a.end_week > problem.num_weeks:
            continue  # past the quarter: an error (_late)
        if a.project_id in seen:
            continue
        seen.add(a.project_id)
        window, length = problem.window(project), problem.duration(project)
        runs = a.end_week - a.start_week + 1
        if runs == length and a.start_week >= window.start and a.end_week < window.stop:
            continue
        where = f"weeks {window.start}-{window.stop - 1}"
        said = (
            f"{plural(length, 'week')} (duration_weeks)"
            if project.duration_weeks is not None
            else f"its whole window, {where}"
        )
        warnings.append(
            InputIssue(
                file,
                rows[(a.project_id, a.team_id)],
                "end_week" if a.start_week >= window.start else "start_week",
                f"the plan runs '{escaped(a.project_id)}' in weeks {a.start_week}-{a.end_week} "
                f"({plural(runs, 'week')}), but projects.csv has it run {said}"
                + (f" within {where}" if project.duration_weeks is not None else "")
                + "; the plan's weeks are kept (a check-in counts its progress over them).",
                "If a week was mistyped, write the weeks the planner wrote; if the project "
                "changed since, re-plan it.",
                Severity.WARNING,
            )
        )
    return warnings


def _unknown_teams(
    problem: Problem, plan: Plan, rows: dict[tuple[str, str], int], file: str, renamed_fix: str
) -> list[InputIssue]:
    """A team not in teams.csv, at its first row, with the team it may be (a name typed
    for the id, another case)."""
    rows_of: dict[str, list[int]] = {}
    for a in plan.assignments:
        if a.team_id not in problem.team_index:
            rows_of.setdefault(a.team_id, []).append(rows[(a.project_id, a.team_id)])
    by_id = {id_key(t.team_id): t.team_id for t in problem.teams}
    by_name = {id_key(t.name): t.team_id for t in reversed(problem.teams)}
    by_word = {**by_name, **by_id}
    issues = []
    for team_id, at in sorted(rows_of.items(), key=lambda item: min(item[1]))[:_NAMED]:
        near = by_word.get(id_key(team_id)) or next(
            iter(near_ids(team_id, list(problem.team_index), n=1)), None
        )
        more = f" (and {plural(len(at) - 1, 'more row')})" if len(at) > 1 else ""
        if id_key(team_id) not in by_id and (named := by_name.get(id_key(team_id))):
            # "is not in teams.csv" of a team teams.csv has, by that name.
            issues.append(
                InputIssue(
                    file,
                    min(at),
                    "team_id",
                    f"'{escaped(team_id)}' is the name of the team {escaped(named)}, not its "
                    f"id{more}.",
                    f"Write '{escaped(named)}': a plan names each team by its id, as the "
                    "plan.csv the planner wrote does.",
                )
            )
            continue
        issues.append(
            InputIssue(
                file,
                min(at),
                "team_id",
                f"team '{escaped(team_id)}' is not in teams.csv{more}.",
                (f"Did you mean '{escaped(near)}'? " if near else "")
                + "Use the plan.csv written for this data, or add the team to teams.csv."
                + (f" {renamed_fix}" if renamed_fix else ""),
            )
        )
    if len(rows_of) > _NAMED:
        issues.append(
            InputIssue(
                file,
                None,
                "team_id",
                f"{plural(len(rows_of) - _NAMED, 'more team')} not in teams.csv.",
                "Use the plan.csv written for this data."
                + (f" {renamed_fix}" if renamed_fix else ""),
            )
        )
    return issues


def _late(
    problem: Problem, plan: Plan, rows: dict[tuple[str, str], int], file: str
) -> list[InputIssue]:
    """A run past the quarter's last week (a plan of a longer quarter), at its row."""
    weeks = problem.num_weeks
    return [
        InputIssue(
            file,
            rows[(a.project_id, a.team_id)],
            "end_week",
            f"'{escaped(a.project_id)}' runs to week {a.end_week}, past the quarter's {weeks} "
            "weeks.",
            "Use the plan.csv written for this data, or set [calendar] weeks to the plan's "
            "quarter.",
        )
        for a in plan.assignments
        if a.end_week is not None and a.end_week > weeks
    ]


def _no_row(problem: Problem, plan: Plan, file: str) -> list[InputIssue]:
    """One warning for the data's projects without a row, neither in the plan nor left
    out: the planner writes a row for each, so rows were deleted (every sales row, a
    filter pasted) and a re-plan would count those projects as added work."""
    listed = {a.project_id for a in plan.assignments} | {u.project_id for u in plan.unassigned}
    gone = [i for i in listed if i not in problem.project_index]
    if len(gone) == len(listed) or len(gone) > _RENAMES:
        return []  # a plan of other data, or mostly: its rows are said by _gone
    missing = [  # a project renamed is said at the row of its old id (_gone)
        p
        for p in problem.projects
        if p.project_id not in listed and not near_ids(p.project_id, gone, n=1)
    ]
    if not missing:
        return []
    named = first_few([f"'{escaped(p.name)}' ({escaped(p.project_id)})" for p in missing], _NAMED)
    have = "has" if len(missing) == 1 else "have"
    return [
        InputIssue(
            file,
            None,
            "project_id",
            f"{plural(len(missing), 'project')} of the data {have} no row here: "
            f"{named}. The plan.csv the planner writes has a row for "
            "every project, in the plan or left out, so these are read as left out, and a "
            "plan that gives them a team counts them as added work.",
            "If rows were deleted, use the plan.csv the planner wrote; for a check-in's "
            "re-plan (it leaves out the work done by then), give that check-in with --since.",
            Severity.WARNING,
        )
    ]


def _gone(
    problem: Problem, plan: Plan, rows: dict[tuple[str, str], int], file: str, renamed_fix: str
) -> list[InputIssue]:
    """A project no longer in the data (deleted, or renamed), at its row, with the id it may
    have now and ``renamed_fix`` (as a team not in the data has); it is ignored."""
    ids = list(problem.project_index)
    seen: set[str] = set()
    warnings = []
    keys = [(a.project_id, a.team_id) for a in plan.assignments]
    keys += [(u.project_id, "") for u in plan.unassigned]
    for project_id, team_id in sorted(keys, key=lambda key: rows[key]):
        if project_id in problem.project_index or project_id in seen:
            continue
        seen.add(project_id)
        # Past the rows named one by one (_capped) no fix is shown: no id is looked for.
        near = near_ids(project_id, ids, n=1) if len(seen) <= _NAMED + 1 else []
        warnings.append(
            InputIssue(
                file,
                rows[(project_id, team_id)],
                "project_id",
                f"project '{escaped(project_id)}' is not in the data (projects.csv), so this "
                "row is ignored.",
                (f"If it is '{escaped(near[0])}' now, write that id; if " if near else "If ")
                + "it was deleted, nothing to do."
                + (f" {renamed_fix}" if renamed_fix else ""),
                Severity.WARNING,
            )
        )
    return warnings


def _figure_warnings(
    problem: Problem, plan: Plan, rows: dict[tuple[str, str], int], file: str
) -> list[InputIssue]:
    """A share, hours or value the data would not give the pair: kept, with a warning.

    A value typed over in a spreadsheet (999999999 for 22000) made a what-if read
    'website traffic 1,000,024.0 % -> 15.0 %': the baseline's figures are its rows'.
    """
    warnings: list[InputIssue] = []
    for a in plan.assignments:
        project = problem.project_index.get(a.project_id)
        team = problem.team_index.get(a.team_id)
        if project is None or team is None or _carried_on(a):
            continue
        pair = pair_of(problem, project, team)
        given = {"share": a.share, "effort_hours": a.effort_hours, "value": a.value}
        expected = {"share": pair.share, "effort_hours": pair.effort_hours, "value": pair.value}
        for column, figure in given.items():
            if _same(figure, expected[column]):
                continue
            warnings.append(
                InputIssue(
                    file,
                    rows[(a.project_id, a.team_id)],
                    column,
                    f"{column} {plain(figure)} for '{escaped(a.project_id)}' on team "
                    f"'{escaped(a.team_id)}', where the data gives {plain(expected[column])}; "
                    "the plan's figure is kept, so the plan reads as it was written.",
                    "If it was mistyped, write the figure the planner wrote; if the data "
                    "changed since, re-plan it.",
                    Severity.WARNING,
                )
            )
            break  # one a row: a share typed over changes the hours and value beside it
    return warnings


def _same(figure: Decimal, expected: Decimal) -> bool:
    """Equal as written, or within a spreadsheet's float noise (plan.xlsx)."""
    return abs(figure - expected) <= max(Decimal("0.001"), abs(expected) * Decimal("1e-12"))


#: What the rows past the first few of a kind kept with a warning have, said of them all.
_KEPT = "have a %s the data would not give; the plan's are kept."


def _capped(
    warnings: list[InputIssue],
    said: str,
    fix: str = "Use the plan.csv written for this data, or re-plan.",
    column: str | None = None,
) -> list[InputIssue]:
    """The first few warnings of a kind, and the rest as one: a plan of other data (3,000
    projects each a week longer) is a few lines, not 3,000. ``said`` is what those rows
    do, after 'this row and N more rows below it' (a project not in the data is ignored,
    a figure the data would not give is kept)."""
    if len(warnings) <= _NAMED + 1:  # one more is said as itself, not as "this row and 0"
        return warnings
    rest = warnings[_NAMED:]
    first = rest[0]
    return [
        *warnings[:_NAMED],
        InputIssue(
            first.file,
            first.row,
            column,
            f"this row and {plural(len(rest) - 1, 'more row')} below it {said}",
            fix,
            Severity.WARNING,
        ),
    ]
