"""A joint project's share reads as every percentage does, wherever it is written."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from planner.core.cell_formats import PERCENT_FORMAT
from planner.core.loading import load_with_warnings
from planner.interfaces.exports import SHARE_FORMAT
from planner.interfaces.plan_frames import project_details

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_joint_project_s_share_reads_as_every_percentage():
    """A share of 0.375 read "38 %" on the Plan page, the Export page and in plan.xlsx,
    beside plan.csv's 0.375: shares read as every percentage does, one decimal."""
    problem = load_with_warnings(SAMPLE).problem
    joint = next(p for p in problem.projects if p.joint)
    odd = problem.replace(
        projects=tuple(
            replace(p, sales_share=Decimal("0.375")) if p is joint else p for p in problem.projects
        )
    )
    assert "joint, sales carries 37.5 %" in project_details(odd, joint.project_id)
    assert SHARE_FORMAT == "0.0 %" and PERCENT_FORMAT.endswith(SHARE_FORMAT)
