"""What differs between two versions of the inputs, in a leader's words.

Leaders read "Marketing capacity 100 % → 80 %", not
``capacity.multipliers.marketing: 1.0 → 0.8``: settings with team names and priority
levels, data tables' rows added, removed and edited by name, pins and forbids, the
calendar's weeks, ids renamed. What a new plan changes against the one before it
(projects added and dropped by name, each goal's attainment up or down) is
:mod:`planner.scenarios.plan_change`."""

from __future__ import annotations

import datetime
from dataclasses import replace

from planner.core.domain import DEPARTMENTS, Problem, RuleKind
from planner.core.settings import Settings
from planner.core.shared_words import PLANNED_UP_TO, joined
from planner.core.shown_figures import amount, hours, share_percent, week_hours
from planner.core.weeks import weeks_words
from planner.scenarios.id_renames import in_team_ids, renamed_projects, renamed_teams
from planner.scenarios.labels import department_label, stage_label
from planner.scenarios.priorities import PRIORITY_NAMES, PRIORITY_WEIGHTS, priority_level

_WEIGHT_NAMES = {
    "attainment": "Goal attainment priority",
    "value": "Total value priority",
    # The priorities as the Constraints page's controls read them.
    "balance": PRIORITY_NAMES["balance"],
    "fit": PRIORITY_NAMES["fit"],
    "stability": "Stability (keep owners)",
    "confidence": PRIORITY_NAMES["confidence"],
}


#: A leader reads these under "What differs in the inputs": "Solver cores 0 → 1" named a
#: tool they never see, and 0 for what means every core.
_SOLVE_NAMES = {
    "time_limit_s": ("Time limit", " s"),
    "workers": ("Computer cores the planning uses", ""),
    "seed": ("Random seed (which of equally good plans comes back)", ""),
}


def _owners(owners: tuple[str, ...]) -> str:
    return " and ".join(department_label(d) for d in owners) if owners else "nobody"


def _target_name(target: str, problems: tuple[Problem, ...]) -> str:
    if target in DEPARTMENTS:
        return department_label(target)
    for problem in problems:
        team = problem.team_index.get(target)
        if team is not None:
            return team.name
    return target


def _weight_text(name: str, value: float, other: float) -> str:
    """The weight as its named level ("some") or its figure; a level beside a custom figure
    says its figure too ("some (0.1) → 0.2" read "some → 0.2", a word beside a figure)."""
    level = priority_level(name, value) if name in PRIORITY_WEIGHTS else None
    if level is None:
        return f"{value:g}"
    if priority_level(name, other) is None:
        return f"{level} ({value:g})"
    return level


def settings_changes(a: Problem, b: Problem) -> tuple[str, ...]:
    """What differs between two problems' settings, in words, with names not ids.

    ``Marketing capacity 100 % → 80 %``, ``Content capacity 100 % → 90 %``,
    ``Each team planned up to 100 % → 90 % of its hours``, ``Workload balance some → strong``,
    ``Closing stage: owned by Sales → Sales and Marketing``. Settings this
    module has no words for are listed as ``key: A → B``.
    """
    sa, sb = a.settings, b.settings
    both = (b, a)
    out: list[str] = []
    ma, mb = sa.capacity.multipliers, sb.capacity.multipliers
    for target in dict.fromkeys([*ma, *mb]):
        va, vb = ma.get(target, 1.0), mb.get(target, 1.0)
        if va != vb:
            levels = f"{share_percent(va)} → {share_percent(vb)}"
            out.append(f"{_target_name(target, both)} capacity {levels}")
    ua, ub = sa.capacity.max_utilization, sb.capacity.max_utilization
    if ua != ub:
        levels = f"{share_percent(ua)} → {share_percent(ub)}"
        out.append(f"Each team {PLANNED_UP_TO} {levels} of its hours")
    if sa.stages.order != sb.stages.order:
        out.append(
            "Funnel stages "
            + ", ".join(stage_label(s) for s in sa.stages.order)
            + " → "
            + ", ".join(stage_label(s) for s in sb.stages.order)
        )
    for stage in dict.fromkeys([*sa.stages.order, *sb.stages.order]):
        oa = tuple(sa.stages.owners.get(stage, ()))
        ob = tuple(sb.stages.owners.get(stage, ()))
        if set(oa) != set(ob):
            out.append(f"{stage_label(stage)} stage: owned by {_owners(oa)} → {_owners(ob)}")
    for name, label in _WEIGHT_NAMES.items():
        wa, wb = getattr(sa.weights, name, None), getattr(sb.weights, name, None)
        if wa is not None and wb is not None and wa != wb:
            out.append(f"{label} {_weight_text(name, wa, wb)} → {_weight_text(name, wb, wa)}")
    for name, (label, unit) in _SOLVE_NAMES.items():
        va, vb = getattr(sa.solve, name), getattr(sb.solve, name)
        if va != vb:
            ta, tb = (
                ("all" if v == 0 else f"{v:g}") if name == "workers" else f"{v:g}{unit}"
                for v in (va, vb)
            )
            out.append(f"{label} {ta} → {tb}")
    ca, cb = sa.calendar, sb.calendar
    if ca.weeks != cb.weeks:
        out.append(f"Weeks in the quarter {ca.weeks} → {cb.weeks}")
    if ca.first_monday != cb.first_monday:
        out.append(f"Quarter starts {_monday(ca.first_monday)} → {_monday(cb.first_monday)}")
    out += _other_changes(sa, sb)
    return tuple(out)


def _monday(day: datetime.date | None) -> str:
    """The Monday of week 1 as a leader writes a date: ``Mon 30 Jun 2025``, or ``not set``."""
    return "not set" if day is None else day.strftime("%a %d %b %Y").replace(" 0", " ")


#: The sections said in words above; any other setting reads ``key: A → B``.
_WORDED_SECTIONS = frozenset(
    {"solve", "capacity", "capacity.multipliers", "stages", "stages.owners", "calendar"}
)


def _other_changes(a: Settings, b: Settings) -> list[str]:
    """Settings sections added after this module was written, as ``key: A → B``."""
    lines_a, lines_b = _settings_lines(a), _settings_lines(b)
    out = []
    for key in dict.fromkeys([*lines_a, *lines_b]):
        section, _, name = key.rpartition(".")
        if section in _WORDED_SECTIONS or (section == "weights" and name in _WEIGHT_NAMES):
            continue
        va, vb = lines_a.get(key, "(not set)"), lines_b.get(key, "(not set)")
        if va != vb:
            out.append(f"{key}: {va} → {vb}")
    return out


def _settings_lines(settings: Settings) -> dict[str, str]:
    out, section = {}, ""
    for line in settings.to_toml().splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif "=" in line:
            key, value = line.split("=", 1)
            out[f"{section}.{key.strip()}"] = value.strip()
    return out


def teams_renamed_words(a: Problem, b: Problem) -> tuple[tuple[str, ...], Problem]:
    """The teams whose id alone changed from ``a`` to ``b``, in words ("Team 'Brand &
    Comms' renamed: id brand → brand-comms"), and ``a`` under their new ids, to compare
    the rest with ``b`` (the pins, estimates and weeks that followed the new id are no
    change)."""
    renamed = renamed_teams(a, b)
    words = tuple(
        f"{_renamed_words('Team', a.team_index[old].name, b.team_index[new].name)}: "
        f"id {old} → {new}"
        for old, new in renamed.items()
    )
    return words, in_team_ids(a, renamed)


def _renamed_words(kind: str, was: str, now: str) -> str:
    """``Project 'X' renamed``, or with its name changed too ``Project 'X' renamed 'Y'``."""
    return f"{kind} '{now}' renamed" if was == now else f"{kind} '{was}' renamed '{now}'"


def data_changes(a: Problem, b: Problem) -> tuple[str, ...]:
    """What differs in the data tables, per table in words: ``Projects: 2 added, 1 edited``;
    a team whose own hours alone changed by name and hours: ``Demand Gen capacity 1,400 h →
    1,600 h``."""
    # A team's or project's id changed, and nothing else: said by name, not as one removed
    # and one added (its rows elsewhere follow the new id).
    teams = set(renamed_teams(a, b).values())
    said, a = teams_renamed_words(a, b)
    # A team renamed, its name with its id, is no edit besides.
    a = a.replace(
        teams=tuple(
            replace(t, name=b.team_index[t.team_id].name) if t.team_id in teams else t
            for t in a.teams
        )
    )
    out = list(said)
    renamed = renamed_projects(a, b)
    for old, new in renamed.items():
        words = _renamed_words("Project", a.project_index[old].name, b.project_index[new].name)
        out.append(f"{words}: id {old} → {new}")
    tables = (
        ("Teams", a.team_index, b.team_index),
        ("Projects", a.project_index, b.project_index),
        ("Goals", a.goal_index, b.goal_index),
    )
    # A goal whose weight alone changed (the Constraints page's "how much each goal
    # matters") is named with it; other edits are counted per table.
    weighed = [
        g
        for g in b.goals
        if (was := a.goal_index.get(g.goal_id)) is not None
        and was != g
        and replace(was, weight=g.weight) == g
    ]
    for goal in weighed:
        before = a.goal_index[goal.goal_id].weight
        out.append(f"How much '{goal.name}' matters {float(before):g} → {float(goal.weight):g}")
    named_goals = {g.goal_id for g in weighed}
    # A goal whose target alone changed (the Data page's Goals tab: "raise a goal"), named
    # with both targets in its KPI: "Goals: 1 edited" left the leader to guess which.
    for goal in b.goals:
        was = a.goal_index.get(goal.goal_id)
        if was is not None and was != goal and replace(was, target=goal.target) == goal:
            out.append(
                f"'{goal.name}' target {amount(was.target, goal.kpi)} → "
                f"{amount(goal.target, goal.kpi)}"
            )
            named_goals.add(goal.goal_id)
    named = _own_hours_edited(a, b)
    out += named.values()
    for label, ia, ib in tables:
        same = renamed if label == "Projects" else {}
        said_apart = named_goals if label == "Goals" else named if label == "Teams" else {}
        added = [ib[k].name for k in ib if k not in ia and k not in same.values()]
        removed = [ia[k].name for k in ia if k not in ib and k not in same]
        edited = [ib[k].name for k in ia if k in ib and ia[k] != ib[k] and k not in said_apart]
        changes = ((added, "added"), (removed, "removed"), (edited, "edited"))
        shown = [_counted(names, word) for names, word in changes if names]
        if shown:
            out.append(f"{label}: {', '.join(shown)}")
    if set(a.estimates) != set(b.estimates):
        out.append("Team-specific estimates changed")
    out += rule_changes(a, b)
    calendar = calendar_changes(a, b)
    if calendar:
        out.append(f"Calendar: {calendar}")
    return tuple(out)


#: Rows of one table added, removed or edited named one by one, up to this many; more are
#: counted alone.
NAMED_ROWS = 3


def _counted(names: list[str], word: str) -> str:
    """``1 added ('Customer webinar clips')``: rows of a table changed, counted, and named
    when they are few (:data:`NAMED_ROWS`). "Projects: 1 added, 1 removed, 1 edited" on
    Compare left a CMO to ask which projects; a file of new rows is still a count."""
    if len(names) > NAMED_ROWS:
        return f"{len(names):,} {word}"
    return f"{len(names)} {word} ({joined([_quoted(n) for n in names])})"


def _quoted(name: str) -> str:
    """A name inside a line of changes, in quotes as the goals' and pins' are: ``'SEO'``."""
    return f"'{name}'"


def _own_hours_edited(a: Problem, b: Problem) -> dict[str, str]:
    """The teams whose own hours alone changed (the Data page's Teams tab), by id, each with
    its words: ``Demand Gen capacity 1,400 h → 1,600 h``.

    "Teams: 1 edited" in the line of unsaved changes, Compare and the exports left a CMO to
    guess which, where the kept-close line beside it named the team and its hours."""
    named = {}
    for team in b.teams:
        own = a.team_index.get(team.team_id)
        if (
            own is not None
            and own != team
            and replace(own, capacity_hours=team.capacity_hours) == team
            and hours(own.capacity_hours) != hours(team.capacity_hours)
        ):
            was, now = hours(own.capacity_hours), hours(team.capacity_hours)
            named[team.team_id] = f"{team.name} capacity {was} → {now}"
    return named


#: Pins and forbids named one by one before "N more pins and forbids".
RULES_NAMED = 3


def rule_changes(a: Problem, b: Problem) -> list[str]:
    """Pins and forbids added or lifted, by name: ``'Press launch' pinned to Brand & Comms``."""
    rules_a, rules_b = set(a.rules), set(b.rules)
    if rules_a == rules_b:
        return []
    projects = {p.project_id: p.name for p in (*a.projects, *b.projects)}
    teams = {t.team_id: t.name for t in (*a.teams, *b.teams)}
    # One project's forbids added (or lifted) together are one line, where its first is:
    # ten teams forbidden from it read "SDR Team forbidden from 'X'; Mid-Market AEs forbidden
    # from 'X'; ...; 7 more pins and forbids", the project named three times.
    entries: list[str | tuple[str, bool]] = []
    forbids: dict[tuple[str, bool], list[str]] = {}
    for rule, lifted in [
        *((r, False) for r in b.rules if r not in rules_a),
        *((r, True) for r in a.rules if r not in rules_b),
    ]:
        project = f"'{projects.get(rule.project_id, rule.project_id)}'"
        no_longer = "no longer " if lifted else ""
        if rule.rule is RuleKind.PIN:
            team = teams.get(rule.team_id, rule.team_id)
            entries.append(f"{project} {no_longer}pinned to {team}")
        else:
            if (rule.project_id, lifted) not in forbids:
                entries.append((rule.project_id, lifted))
            forbids.setdefault((rule.project_id, lifted), []).append(rule.team_id)
    every = {t.team_id for t in b.teams}
    lines = []
    for entry in entries:
        if isinstance(entry, str):
            lines.append(entry)
            continue
        project_id, lifted = entry
        forbidden = forbids[entry]
        who = (
            f"All {len(forbidden)} teams"
            if len(forbidden) > 1 and set(forbidden) >= every
            else _team_list([teams.get(t, t) for t in forbidden])
        )
        no_longer = "no longer " if lifted else ""
        lines.append(f"{who} {no_longer}forbidden from '{projects.get(project_id, project_id)}'")
    more = len(lines) - RULES_NAMED
    if more > 0:
        lines = [
            *lines[:RULES_NAMED],
            f"{more} more {'pin or forbid' if more == 1 else 'pins and forbids'}",
        ]
    return lines


def _team_list(names: list[str]) -> str:
    """Teams in a line: ``A``, ``A and B``, ``A, B and C``, ``A, B, C and 4 more teams``."""
    if len(names) > RULES_NAMED:
        return f"{', '.join(names[:RULES_NAMED])} and {len(names) - RULES_NAMED} more teams"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def calendar_changes(a: Problem, b: Problem) -> str:
    """The weeks whose hours the calendar changes, by team: ``week 9 of Demand Gen``; past
    :data:`NAMED_ROWS` teams, the others counted (``and weeks of 147 more teams``).

    Only the hours a plan reads count: rows split or merged with the same hours do not.
    A team in one problem only, or a quarter of another length, is said elsewhere.
    """
    if set(a.calendar) == set(b.calendar) or a.num_weeks != b.num_weeks:
        return ""
    # The weeks each team's differing rows cover (a new quarter's hours for a team move
    # its other weeks too; "Teams: 1 edited" says that).
    touched: dict[str, set[int]] = {}
    for row in set(a.calendar) ^ set(b.calendar):
        touched.setdefault(row.team_id, set()).update(row.weeks)
    parts = []
    for team in b.teams:
        if team.team_id not in touched or team.team_id not in a.team_index:
            continue
        hours_a, hours_b = a.week_hours[team.team_id], b.week_hours[team.team_id]
        weeks = [w for w in sorted(touched[team.team_id]) if hours_a[w - 1] != hours_b[w - 1]]
        if not weeks:
            continue
        # The hours too, where one figure says them: "weeks 9-10 of Content" left a CMO to
        # remember what they had typed (85 h -> 45 h a week). A week to a tenth, as the
        # weekly load chart writes it (61.5 h read "62 h").
        was, now = {hours_a[w - 1] for w in weeks}, {hours_b[w - 1] for w in weeks}
        # One week alone is that week only (a leader who meant "from week 6 on" reads it).
        each = (
            f" ({week_hours(was.pop())} → {week_hours(now.pop())}"
            + (", that week only)" if len(weeks) == 1 else " a week)")
            if len(was) == len(now) == 1
            else ""
        )
        parts.append(f"{weeks_words(weeks)} of {team.name}{each}")
    # A new quarter uploaded over another changed weeks of most of its 150 teams: named one
    # by one, they filled a screen above every page. Named as a table's rows are, the rest
    # counted.
    more = len(parts) - NAMED_ROWS
    if more > 0:
        return f"{', '.join(parts[:NAMED_ROWS])} and weeks of {more:,} more teams"
    return ", ".join(parts)


def input_changes(a: Problem, b: Problem) -> tuple[str, ...]:
    """Every difference in the inputs from ``a`` to ``b``, in words (settings first)."""
    # A team's multiplier follows its renamed id (said in data_changes) as its rows do.
    return settings_changes(teams_renamed_words(a, b)[1], b) + data_changes(a, b)
