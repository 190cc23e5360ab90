"""An independent reading of a re-plan's moves, from the data folder and plan.csv alone.

Written again from SPEC, on purpose, with pandas and exact fractions: none of planner's
helpers decide here what moved, whether a move could be taken back, or what a plan
scores. A project *moved* when its owners or its start week differ between the plan
before and after (or it was in the plan before and is left out after). A move is
*needless* when putting that one project back as it was, everything else as after,
keeps every hard rule of the data after the change and scores no less: nothing forced
it (the change did not touch it, it made no room, kept no sequence).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd

#: SPEC's default stage policy, where settings.toml leaves it out.
_OWNERS = {
    "awareness": ["marketing"],
    "lead_generation": ["marketing"],
    "nurturing": ["marketing", "sales"],
    "qualification": ["sales", "marketing"],
    "closing": ["sales"],
    "retention": ["sales"],
}
_WEIGHTS = {"attainment": 1.0, "value": 0.0, "balance": 0.1, "fit": 0.05}


def _cells(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.columns = [c.strip().lower() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def _skills(text: str) -> dict[str, int]:
    found = {}
    for item in filter(None, (i.strip() for i in text.split(";"))):
        name, _, level = item.partition(":")
        found[name.strip().lower()] = int(level) if level.strip() else 1
    return found


def _items(text: str) -> list[str]:
    return [i.strip() for i in text.split(";") if i.strip()]


def _yes(text: str) -> bool:
    return text.lower() in ("true", "yes", "1")


def _week_range(text: str) -> range:
    low, _, high = text.partition("-")
    return range(int(low), int(high or low) + 1)


@dataclass(frozen=True)
class Run:
    """One project in a plan: its owners, start week, and each owner's hours and value."""

    owners: tuple[str, ...]
    start: int | None
    hours: dict[str, Fraction]
    value: dict[str, Fraction]


class Quarter:
    """A data folder read on its own: what the hard rules and the objective need."""

    def __init__(self, folder: Path) -> None:
        settings = {}
        if (folder / "settings.toml").exists():
            settings = tomllib.loads((folder / "settings.toml").read_text())
        capacity = settings.get("capacity", {})
        self.max_use = Fraction(str(capacity.get("max_utilization", 1.0)))
        multipliers = capacity.get("multipliers", {})
        self.weeks = int(settings.get("calendar", {}).get("weeks", 13))
        owners = settings.get("stages", {}).get("owners", _OWNERS)
        self.weights = {
            k: Fraction(str(settings.get("weights", {}).get(k, v))) for k, v in _WEIGHTS.items()
        }
        teams = _cells(folder / "teams.csv")
        self.dept = dict(zip(teams.team_id, teams.department.str.lower(), strict=True))
        self.skills = {
            t: _skills(s) for t, s in zip(teams.team_id, teams.get("skills", ""), strict=True)
        }
        self.stages = {
            t: set(_items(s)) for t, s in zip(teams.team_id, teams.get("stages", ""), strict=True)
        }
        self.max_projects = {
            t: int(m)
            for t, m in zip(teams.team_id, teams.get("max_projects", ""), strict=True)
            if m
        }
        self.multiplier = {
            t: Fraction(str(multipliers.get(t, multipliers.get(self.dept[t], 1.0))))
            for t in self.dept
        }
        own = {
            t: Fraction(c) / self.weeks
            for t, c in zip(teams.team_id, teams.capacity_hours, strict=True)
        }
        self.week_hours = {t: {w: own[t] for w in range(1, self.weeks + 1)} for t in self.dept}
        for row in _cells(folder / "calendar.csv").itertuples():
            for w in _week_range(row.week):
                self.week_hours[row.team_id][w] = Fraction(row.capacity_hours)
        projects = _cells(folder / "projects.csv")
        self.projects = {r.project_id: r for r in projects.itertuples()}
        self.owners_of_stage = {s: set(d) for s, d in owners.items()}
        self.goals = {}
        for g in _cells(folder / "goals.csv").itertuples():
            weight = getattr(g, "weight", "") or "1"
            self.goals[g.goal_id] = (Fraction(g.target), Fraction(weight))
        rules = _cells(folder / "rules.csv")
        self.pins = defaultdict(set)
        self.forbids = set()
        for r in rules.itertuples():
            if r.rule.lower() == "pin":
                self.pins[r.project_id].add(r.team_id)
            else:
                self.forbids.add((r.project_id, r.team_id))

    def window(self, project_id: str) -> tuple[int, int, int]:
        """(earliest, due, duration) in weeks; no duration runs the whole window."""
        p = self.projects[project_id]
        earliest = int(getattr(p, "earliest_week", "") or 1)
        due = int(getattr(p, "due_week", "") or self.weeks)
        duration = int(getattr(p, "duration_weeks", "") or due - earliest + 1)
        return earliest, due, duration

    def capacity(self, team: str, week: int) -> Fraction:
        return self.week_hours[team][week] * self.multiplier[team] * self.max_use

    def may_own(self, project_id: str, owners: tuple[str, ...]) -> bool:
        """Rules 1, 3, 4 and 7 for one project's owners."""
        p = self.projects[project_id]
        depts = sorted(self.dept[t] for t in owners)
        joint = _yes(getattr(p, "joint", "") or "false")
        if depts != (["marketing", "sales"] if joint else depts[:1]) or len(owners) != (
            2 if joint else 1
        ):
            return False
        for t in owners:
            if self.dept[t] not in self.owners_of_stage[p.stage]:
                return False
            if self.stages[t] and p.stage not in self.stages[t]:
                return False
            if (project_id, t) in self.forbids:
                return False
        if self.pins[project_id] and not self.pins[project_id] & set(owners):
            return False
        for skill, level in _skills(p.required_skills).items():
            if all(self.skills[t].get(skill, 0) < level for t in owners) or (
                not joint and self.skills[owners[0]].get(skill, 0) < level
            ):
                return False
        return True

    def keeps_rules(self, plan: dict[str, Run]) -> bool:
        """Rules 1-8 and 10-12 (rule 9's budget is the re-plan's own)."""
        load: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
        count: dict[str, int] = defaultdict(int)
        for project_id, run in plan.items():
            if not self.may_own(project_id, run.owners):
                return False
            earliest, due, duration = self.window(project_id)
            start = earliest if run.start is None else run.start
            if start < earliest or start + duration - 1 > due:
                return False
            for t in run.owners:
                count[t] += 1
                for w in range(start, start + duration):
                    load[(t, w)] += run.hours[t] / duration
            for needed in _items(self.projects[project_id].depends_on):
                if needed not in plan:
                    return False
                if (
                    self.projects[project_id].duration_weeks
                    and self.projects[needed].duration_weeks
                ):
                    first = plan[needed].start or self.window(needed)[0]
                    if start <= first + self.window(needed)[2] - 1:
                        return False
        for p in self.projects.values():
            if _yes(getattr(p, "mandatory", "") or "false") and p.project_id not in plan:
                return False
        if any(count[t] > m for t, m in self.max_projects.items()):
            return False
        return all(hours <= self.capacity(t, w) for (t, w), hours in load.items())

    def score(self, plan: dict[str, Run]) -> Fraction:
        """SPEC's objective: attainment (capped per goal) x weight, value, less the balance
        penalty on the most loaded team, plus the fit bonus."""
        reached: dict[str, Fraction] = defaultdict(Fraction)
        used: dict[str, Fraction] = defaultdict(Fraction)
        total, fit = Fraction(0), Fraction(0)
        for project_id, run in plan.items():
            p = self.projects[project_id]
            for t in run.owners:
                total += run.value[t]
                used[t] += run.hours[t]
                if p.goal_id:
                    reached[p.goal_id] += run.value[t]
                for skill, level in _skills(p.required_skills).items():
                    if self.skills[t].get(skill, 0) >= level:
                        fit += self.skills[t][skill] - level
                if self.stages[t] and p.stage in self.stages[t]:
                    fit += 1
        attainment = sum(
            (
                w * min(Fraction(100), 100 * reached[g] / target)
                for g, (target, w) in self.goals.items()
            ),
            Fraction(0),
        )
        peak = Fraction(0)
        for t, hours in used.items():
            capacity = sum(self.week_hours[t].values(), Fraction(0)) * self.multiplier[t]
            if capacity > 0:
                peak = max(peak, 100 * hours / capacity)
        w = self.weights
        return (
            w["attainment"] * attainment + w["value"] * total - w["balance"] * peak + w["fit"] * fit
        )


def read_plan(path: Path) -> dict[str, Run]:
    """plan.csv's assigned projects: owners (sorted), start week, each owner's hours and value."""
    rows = _cells(path)
    rows = rows[rows.team_id != ""]
    plan = {}
    for project_id, group in rows.groupby("project_id", sort=False):
        starts = {int(s) for s in group.get("start_week", pd.Series([""])) if s}
        plan[str(project_id)] = Run(
            tuple(sorted(group.team_id)),
            starts.pop() if starts else None,
            {t: Fraction(h) for t, h in zip(group.team_id, group.effort_hours, strict=True)},
            {t: Fraction(v) for t, v in zip(group.team_id, group.value, strict=True)},
        )
    return plan


def moves(before: dict[str, Run], after: dict[str, Run]) -> dict[str, str]:
    """Project -> "owner", "week" or "dropped": each project of ``before`` that ``after``
    puts elsewhere."""
    found = {}
    for project_id, run in before.items():
        now = after.get(project_id)
        if now is None:
            found[project_id] = "dropped"
        elif now.owners != run.owners:
            found[project_id] = "owner"
        elif now.start != run.start:
            found[project_id] = "week"
    return found


def needless_moves(
    quarter: Quarter, before: dict[str, Run], after: dict[str, Run], slack: Fraction = Fraction(0)
) -> dict[str, str]:
    """The moves of :func:`moves` that one project put back as it was undoes at no loss:
    the plan then keeps every rule of ``quarter`` and scores at least what ``after`` scores
    less ``slack``."""
    score = quarter.score(after)
    needless = {}
    for project_id, kind in moves(before, after).items():
        back = {**after, project_id: before[project_id]}
        if quarter.keeps_rules(back) and quarter.score(back) >= score - slack:
            needless[project_id] = kind
    return needless
