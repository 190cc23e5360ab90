"""The small data folder the loading tests read (tests/core/test_loading.py,
test_cell_reading.py, test_loading_settings.py, test_round_trips.py), the
smallest valid frames, and a zip's refusals read from disk and as an upload.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planner.core.domain import Problem
from planner.core.editing import imported
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

TEAMS_CSV = """\
team_id,name,department,capacity_hours,skills,stages,max_projects
T1,Brand,marketing,400,seo:4; content:3,,
T2,Closers,sales,300,negotiation:3,closing; retention,2
"""


PROJECTS_CSV = """\
project_id,name,goal_id,stage,effort_hours,value,required_skills,mandatory,joint,sales_share,depends_on
P1,Blog relaunch,G1,awareness,120,50,seo:3,true,false,,
P2,Webinar series,G1,nurturing,80.5,30,,no,yes,0.4,P1
P3,Close deals,G2,closing,100,200000,negotiation:2,,,,P2
"""


GOALS_CSV = """\
goal_id,name,kpi,target,owner,weight
G1,More MQLs,MQLs,500,marketing,2
G2,Pipeline,pipeline $,1000000,,
"""


ESTIMATES_CSV = "project_id,team_id,effort_hours,value\nP1,T1,100,\n"


RULES_CSV = "project_id,team_id,rule\nP3,T2,pin\n"


TINY_FOLDER = {
    "teams.csv": TEAMS_CSV,
    "projects.csv": PROJECTS_CSV,
    "goals.csv": GOALS_CSV,
    "estimates.csv": ESTIMATES_CSV,
    "rules.csv": RULES_CSV,
}


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` into ``folder`` (text as UTF-8) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def minimal_frames(**overrides: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The smallest valid data: one marketing team and one awareness project."""
    frames = {
        "teams.csv": pd.DataFrame(
            {"team_id": ["T1"], "department": ["marketing"], "capacity_hours": ["40"]}
        ),
        "projects.csv": pd.DataFrame(
            {"project_id": ["P1"], "stage": ["awareness"], "effort_hours": ["10"]}
        ),
    }
    frames.update(overrides)
    return frames


def zip_refusals(tmp_path: Path, sample: Problem, data: bytes) -> list[InvalidInputError]:
    """The zip ``data`` refused twice: as a data folder's zip on disk (in ``tmp_path``), and
    uploaded over ``sample`` in the app."""
    path = tmp_path / "quarter.zip"
    path.write_bytes(data)
    refusals = []
    for load in (lambda: load_with_warnings(path), lambda: imported(sample, path.name, data, "")):
        with pytest.raises(InvalidInputError) as caught:
            load()
        refusals.append(caught.value)
    return refusals
