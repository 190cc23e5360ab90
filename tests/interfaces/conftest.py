"""Shared set-ups of the interfaces' tests: a toy quarter and its plan, written by hand;
a scenario database of the test's own, a small data folder and the sample squeezed for
``planner scenarios``; the sample without weeks solved as the re-plan tests' baseline."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from builders import SAMPLE, VALUE_ONLY, goal, problem, project, settings, team
from replan_quarter import SAMPLE as WITHOUT_WEEKS

from planner.core.domain import Assignment, Plan, Problem, Unassigned
from planner.core.loading import load_with_warnings, write_folder
from planner.core.settings import CapacitySettings
from planner.interfaces.cli import main

D = Decimal


@pytest.fixture
def toy() -> Problem:
    """Content and Brand (marketing), AEs (sales); leads and revenue goals; one joint project."""
    return problem(
        [
            team("aes", "sales", 100, name="AEs"),
            team("content", "marketing", 200, name="Content"),
            team("brand", "marketing", 50, name="Brand"),
        ],
        [
            project("seo", "awareness", 80, 300, goal_id="leads", name="SEO pages"),
            project("abm", "nurturing", 50, 100, goal_id="leads", joint=True, sales_share=D("0.4")),
            project("close", "closing", 60, 40, goal_id="revenue", name="Close plan"),
            project("expo", "awareness", 90, 200, goal_id="leads", name="Expo"),
            project("misc", "awareness", 10, 1, name="Misc"),
        ],
        goals=[
            goal("leads", 500, name="Leads", kpi="MQLs"),
            goal("revenue", 40, name="Revenue", kpi="ARR $"),
        ],
        settings=settings(
            capacity=CapacitySettings(max_utilization=0.5, multipliers={"marketing": 1.5})
        ),
    )


@pytest.fixture
def toy_plan() -> Plan:
    """SEO and misc to Content, ABM shared by AEs (40 %) and Content (60 %), close to AEs."""
    return Plan(
        (
            Assignment("seo", "content", D(1), D(80), D(300)),
            Assignment("misc", "content", D(1), D(10), D(1)),
            Assignment("abm", "aes", D("0.4"), D(20), D(40)),
            Assignment("abm", "content", D("0.6"), D(30), D(60)),
            Assignment("close", "aes", D(1), D(60), D(40), pinned=True),
        ),
        (Unassigned("expo", "capacity went to work that scores higher"),),
    )


@pytest.fixture
def small_folder(tmp_path) -> Path:
    """Two marketing teams and five projects: solves in milliseconds."""
    folder = tmp_path / "small"
    write_folder(
        problem(
            [team("m1", capacity=50), team("m2", capacity=40)],
            [project(f"p{i}", effort=10 + 5 * i, value=3 + i) for i in range(5)],
            settings=settings(VALUE_ONLY),
        ),
        folder,
    )
    return folder


@pytest.fixture
def squeezed_sample(tmp_path) -> Path:
    """The sample with marketing at 80 % capacity."""
    folder = tmp_path / "squeezed"
    sample = load_with_warnings(SAMPLE).problem
    capacity = sample.settings.capacity.__class__(multipliers={"marketing": 0.8})
    write_folder(sample.replace(settings=sample.settings.with_changes(capacity=capacity)), folder)
    return folder


@pytest.fixture(scope="module")
def quarter(tmp_path_factory) -> Path:
    """The sample without weeks with one worker, and its solved plan as ``baseline.csv``:
    the baseline of the command line's re-plan tests (once per module)."""
    folder = tmp_path_factory.mktemp("quarter")
    data = folder / "data"
    shutil.copytree(WITHOUT_WEEKS, data)
    text = (data / "settings.toml").read_text(encoding="utf-8")
    (data / "settings.toml").write_text(
        text.replace("workers = 0", "workers = 1"), encoding="utf-8"
    )
    assert main(["solve", str(data), "--out", str(folder / "baseline.csv")]) == 0
    return folder
