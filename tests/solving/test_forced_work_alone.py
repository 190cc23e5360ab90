"""A forced project that no week of its team can hold on its own, said before any search.

A generated 40 x 800 quarter in weeks with one-week projects: 'Pipeline blitz #782',
pinned to Sales Engineering, APAC, needs 92 h in its one week where the team has 62 h a
week at most. The checks before the search left such a project "to be said of it alone"
after the search, so `solve --time-limit 1` (and 3) answered "No plan found in time ...
preparing the model took 1.0 s of it. Raise the time limit", and only a longer limit
read "No plan meets every rule" with the pin named. The project is now said at once.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from builders import pin, problem, project, settings, team

from planner.core.domain import Status
from planner.core.settings import CalendarSettings
from planner.solving import stopping
from planner.solving.solver import solve


def _quarter(rules: bool = True, mandatory: bool = False):
    teams = [team("m1", capacity=520), team("m2", capacity=520)]  # 40 h a week each
    blitz = project("blitz", effort=92, duration_weeks=1, mandatory=mandatory)
    others = [project(f"q{i}", effort=40, value=5) for i in range(6)]
    return problem(
        teams,
        [blitz, *others],
        rules=[pin("blitz", "m1")] if rules else [],
        settings=dataclasses.replace(settings(), calendar=CalendarSettings(weeks=13)),
    )


def _models_built(monkeypatch) -> list[object]:
    """A record of each search model built: none is, when the answer comes before the
    search (a model at company scale takes seconds to build under load)."""
    real, built = stopping.PlanningModel, []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(stopping, "PlanningModel", recorded)
    return built


def test_a_pinned_project_no_week_can_hold_is_infeasible_before_the_search(monkeypatch):
    built = _models_built(monkeypatch)
    result = solve(_quarter(), time_limit_s=1.0)
    assert result.status is Status.INFEASIBLE, result.reasons
    assert result.reasons[0].startswith(
        "'blitz' is pinned to m1, but m1 has no room for its 92.0 h"
    ), result.reasons
    assert built == []  # said before the search: no model was built for it


def test_a_mandatory_project_no_team_s_week_can_hold_is_infeasible_before_the_search(
    monkeypatch,
):
    """The same project mandatory and pinned nowhere: neither team has a week for its
    92 h. A generated 40 x 800 quarter so answered --time-limit 1, 3 and 10 with "No plan
    found in time ... Raise the time limit" on a loaded machine, where the pinned form is
    said at once."""
    built = _models_built(monkeypatch)
    result = solve(_quarter(rules=False, mandatory=True), time_limit_s=1.0)
    assert result.status is Status.INFEASIBLE, result.reasons
    assert result.reasons[0].startswith("'blitz' is mandatory, but "), result.reasons
    assert built == []


def test_a_mandatory_project_one_team_can_hold_is_planned(monkeypatch):
    """Only when no team that may take it has the week: with a team of 100 h a week it is
    planned there, after a search."""
    built = _models_built(monkeypatch)
    base = _quarter(rules=False, mandatory=True)
    roomy = team("m3", capacity=1300)
    result = solve(base.replace(teams=(*base.teams, roomy)), time_limit_s=5.0)
    assert result.plan is not None, result.reasons
    assert result.plan.owners()["blitz"] == frozenset({"m3"})
    assert built


def test_the_same_project_unpinned_is_left_out_not_infeasible():
    result = solve(_quarter(rules=False), time_limit_s=5.0)
    assert result.plan is not None
    assert "blitz" not in result.plan.owners()
