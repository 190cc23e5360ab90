"""A check-in's "% done" reads as every percentage does, one decimal: the Check-in page's
pre-filled Projects table and ``checkin-template``'s file alike, at every week of the
quarter, in weeks and without them (45.5 %, not 45.45 % or 45 %)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from planner import load_problem, solve
from planner.interfaces.checkin_tables import tables_for
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.checkin_toml_writing import checkin_to_toml
from planner.scenarios.on_plan import checkin_as_planned

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize("folder", ["sample", "sample-without-weeks"])
def test_every_pre_filled_percent_done_has_one_decimal_at_most(folder):
    problem = load_problem(DATA / folder)
    plan = solve(problem).plan
    assert plan is not None
    seen = set()
    for week in range(1, problem.num_weeks):
        checkin = checkin_as_planned(problem, plan, Decimal(week))
        going = checkin.ids_with(ProjectStatus.IN_PROGRESS)
        shown = tables_for(problem, plan, checkin)["projects"].set_index("project_id")
        for project_id in going:
            percent = checkin.progress(project_id).percent_done
            assert percent == percent.quantize(Decimal("0.1")), (week, project_id, percent)
            assert shown.loc[project_id, "percent_done"] == float(percent)
            seen.add(percent)
        written = re.findall(r"percent_done = ([0-9.]+)", checkin_to_toml(checkin))
        assert len(written) == len(going)
        assert all(re.fullmatch(r"\d+(\.\d)?", w) for w in written), written
    # Not all whole: the rule is met by figures that have a tenth to show.
    assert any(p != p.to_integral_value() for p in seen), seen
