"""`planner explain --baseline` explains the current plan, as the Plan page does.

With marketing at 95 % and the sample's current plan, the Plan page explains the plan kept
close to it (the what-if's), while `planner explain` solved afresh and explained that
other plan: AW-07 had "no room in weeks 2-4 and 7-12" where `scenarios compare` and the
page said "weeks 2-4 and 8-13". `explain --baseline` explains the plan `solve --baseline`
writes, word for word the page's reasons.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import assert_clean, open_routed

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _reasons(text: str) -> list[str]:
    """The explanation's reasons, one a line, as read on screen or in the shell."""
    shown = text.replace("\\", "").replace("\u2060", "")
    return [line[2:].strip() for line in shown.splitlines() if line.startswith("- ")]


def test_explain_with_a_baseline_gives_the_plan_pages_reasons_for_the_same_what_if(
    tmp_path, capsys
):
    from pages.solving import solve_service

    solve_service.clear()  # another test's current plan would make another what-if
    app = open_routed("pages/constraints.py")
    next(s for s in app.slider if s.label == "Marketing capacity").set_value(95).run()
    assert_clean(app)
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    next(s for s in app.selectbox if s.label == "Project").set_value("AW-07").run()
    assert_clean(app)
    (box,) = [m.value for m in app.markdown if "is not in the plan" in m.value]
    on_page = _reasons(box)
    assert any("weeks 2-4 and 8-13" in r for r in on_page), on_page  # the current plan's

    settings = tmp_path / "marketing-95.toml"
    settings.write_text("[capacity.multipliers]\nmarketing = 0.95\n")
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan)]) == 0
    capsys.readouterr()
    args = ["explain", str(SAMPLE), "AW-07", "--settings", str(settings)]
    assert main([*args, "--baseline", str(plan)]) == 0
    assert _reasons(capsys.readouterr().out) == on_page
    # Without it, a plan solved afresh: its own weeks, not the current plan's.
    assert main(args) == 0
    assert _reasons(capsys.readouterr().out) != on_page
