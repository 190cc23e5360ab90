"""The Plan page's "Hours by team and funnel stage" on a laptop, with 6 stages and with 12.

With twelve stages in ``[stages] order`` each stage's column is 16 px wide in half a
1280 px page: the names, slanted at 30 degrees, ran into one another ("Lead generation
Marketing qualified Nurturing" one smear), and the cells' figures read "410200130".
The names now stand upright where a column is too narrow to slant them, and the figures
are left to the tooltip where a cell cannot hold them; the sample's six stages read as
before, slanted, with every figure.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from app_server import require_chromium, running_app, settled

pytestmark = pytest.mark.browser
require_chromium("funnel-stage chart test")

sync_api = pytest.importorskip("playwright.sync_api")

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
LAPTOP = {"width": 1280, "height": 800}
#: The chart, by the words show_chart gives it for a screen reader.
HEATMAP = '[data-testid="stVegaLiteChart"][aria-label="Hours by team and funnel stage"]'
#: Each of the sample's stages split in two or three, as a longer funnel names them.
TWELVE = {
    "awareness": ("awareness", "interest"),
    "lead_generation": ("lead_generation", "marketing_qualified"),
    "nurturing": ("nurturing",),
    "qualification": ("sales_qualified", "discovery"),
    "closing": ("evaluation", "negotiation", "closing"),
    "retention": ("onboarding", "retention"),
}


def twelve_stage_quarter(folder: Path) -> Path:
    """The sample with 12 stages: its projects spread over each stage's parts in turn, its
    teams' own stages and the stage policy carried to every part."""
    shutil.copytree(SAMPLE, folder)
    settings = (folder / "settings.toml").read_text(encoding="utf-8")
    order = ", ".join(f'"{s}"' for parts in TWELVE.values() for s in parts)
    settings = re.sub(r"(?m)^order = \[.*\]$", f"order = [{order}]", settings)
    for stage, parts in TWELVE.items():
        owners = re.search(rf"(?m)^{stage} = (\[.*\])$", settings)
        assert owners is not None
        lines = "\n".join(f"{part} = {owners.group(1)}" for part in parts)
        settings = settings.replace(owners.group(0), lines)
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    seen: dict[str, int] = {}

    def spread(found: re.Match[str]) -> str:
        stage = found.group(1)
        seen[stage] = seen.get(stage, 0) + 1
        parts = TWELVE[stage]
        return f",{parts[(seen[stage] - 1) % len(parts)]},"

    projects = (folder / "projects.csv").read_text(encoding="utf-8")
    stages = "|".join(TWELVE)
    # The stage column follows the goal id: ",mqls,nurturing," and so on.
    projects = re.sub(rf"(?<=[a-z-]),({stages}),(?=[0-9])", spread, projects)
    (folder / "projects.csv").write_text(projects, encoding="utf-8")
    teams = (folder / "teams.csv").read_text(encoding="utf-8")
    for stage in sorted(TWELVE, key=len, reverse=True):
        teams = re.sub(rf"\b{stage}\b(?!_)", "; ".join(TWELVE[stage]), teams)
    (folder / "teams.csv").write_text(teams, encoding="utf-8")
    assert sum(seen.values()) > 40  # every project's stage was spread
    return folder


@pytest.fixture(params=["sample", "twelve"])
def plan_page(request, browser, tmp_path) -> Iterator[tuple[str, object]]:
    """The Plan page at 1280 x 800 on the sample, or on its 12-stage copy: a server of its
    own, in a context of the module's one Chromium (tests/app/conftest.py)."""
    env = {}
    if request.param == "twelve":
        env["PLANNER_DATA"] = str(twelve_stage_quarter(tmp_path / "twelve"))
    with running_app(tmp_path / "planner.duckdb", env) as url:
        context = browser.new_context(viewport=LAPTOP)
        try:
            tab = context.new_page()
            tab.set_default_timeout(90_000)
            tab.goto(f"{url}/plan")
            tab.get_by_role("heading", name="Plan", level=1).wait_for()
            settled(tab, "document.querySelector(arg + ' .mark-text.role-mark text')", HEATMAP)
            yield request.param, tab
        finally:
            context.close()


def _heatmap(tab) -> dict[str, list]:
    """The stage names (text, box, rotation) and the cells' figures (text, shown) as drawn."""
    return tab.evaluate(
        """selector => { const chart = document.querySelector(selector);
          const svg = chart.querySelector('svg');
          const names = [...svg.querySelectorAll('.role-axis-label text')]
            .filter(t => t.getAttribute('transform').includes('rotate'))
            .map(t => { const r = t.getBoundingClientRect();
              return [t.textContent, r.left, r.right,
                      t.getAttribute('transform').match(/rotate\\(([-0-9.]+)\\)/)[1]]; });
          const figures = [...svg.querySelectorAll('.mark-text.role-mark text')]
            .map(t => [t.textContent, getComputedStyle(t).opacity !== '0'
                       && t.getAttribute('opacity') !== '0']);
          return {names, figures}; }""",
        HEATMAP,
    )


def test_the_stage_names_and_figures_read_whole_with_6_stages_and_with_12(plan_page):
    """Twelve names upright, none touching the next, and no figure drawn over another; the
    sample's six slanted, as before, with every figure shown."""
    quarter, tab = plan_page
    drawn = _heatmap(tab)
    names, figures = drawn["names"], drawn["figures"]
    assert figures and names
    if quarter == "sample":
        assert [n[0] for n in names] == [
            "Awareness",
            "Lead generation",
            "Nurturing",
            "Qualification",
            "Closing",
            "Retention",
        ]
        assert {float(n[3]) % 360 for n in names} == {330.0}
        assert all(shown for _, shown in figures)
        return
    assert len(names) == 12
    assert {float(n[3]) % 360 for n in names} == {270.0}
    # Upright, a name's box is the name: each ends before the next begins.
    for (name, _, right, _), (after, left, _, _) in pairwise(names):
        assert right <= left + 0.5, f"{name!r} runs into {after!r}"
    assert not any(shown for _, shown in figures), "three-digit figures in 16 px cells"
