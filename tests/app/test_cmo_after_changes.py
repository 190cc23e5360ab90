"""What a CMO found checking every figure after changing things: a capacity slider moved,
a project pinned, another forbidden, then each page read. A figure one page quotes from
another reads as that page shows it now, not as it read before the change."""

from __future__ import annotations

import json
import re

from app_pages import CAPACITY, PINS, assert_clean, grid_edit, open_routed, open_tab


def _apply_rules(app, *rows: dict[str, str]):
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    app.session_state[key] = grid_edit(added=list(rows))
    app.run()
    return next(b for b in app.button if b.label == "Apply pins and forbids").click().run()


def test_the_scenarios_page_quotes_no_department_figure_the_overview_does_not_show(db):
    """Marketing at 80 %, the G2 campaign pinned to Product Marketing, Enterprise AEs
    forbidden from the mutual action plans: the Overview's cards read "Marketing capacity
    3,512 h · 65.5 % planned". The Scenarios page's "Sales and Marketing, % planned" (72.0 %)
    said in its help that "the Overview's cards give each department's ("Marketing capacity",
    "84.7 % planned")": the first open's figure, on no card any more. Its help names the
    cards without a figure of its own."""
    app = open_routed("pages/overview.py")
    open_tab(app.switch_page("pages/constraints.py").run(), CAPACITY)
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(80).run()
    open_tab(app, PINS)
    app = _apply_rules(
        app,
        {"project_id": "AW-07", "team_id": "pmm", "rule": "pin"},
        {"project_id": "CL-01", "team_id": "ent-ae", "rule": "forbid"},
    )
    assert_clean(app)
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    cards = {m.label: str(m.proto.delta) for m in app.metric}
    assert cards["Marketing capacity"] == "65.5 % planned", cards
    shown = set(cards.values())
    app.switch_page("pages/scenarios.py").run()
    assert_clean(app)
    both = "Sales and Marketing, % planned"
    helps = [m.proto.help for m in app.metric if m.label.startswith(both)]
    assert helps, [m.label for m in app.metric]
    for said in helps:
        assert '"Marketing capacity"' in said, said
        quoted = re.findall(r"\d[\d,.]* % planned", said)
        assert set(quoted) <= shown, (quoted, shown)


def test_a_sweep_names_the_plan_it_counts_changes_against_apart_from_the_plan_in_force(db):
    """Marketing at 80 %, kept close to the plan in force (85.6 % → 76.9 %). The Constraints
    page: "Re-planned from scratch, the plan would move 1, drop 8 and add 2 projects ... for
    goal attainment of 77.2 %", counted against the plan in force. The Scenarios page's
    sweep, its row at 100 %, the same plan made afresh (77.2 %): "1 change, 1 added", its
    column "Projects of the plan in force moved ..." and its note "the plan in force reads
    76.9 %". Nine changes and one for one plan against "the plan in force": the sweep counts
    against the current plan, the one the cards show, and now names it so."""
    app = open_routed("pages/overview.py")
    open_tab(app.switch_page("pages/constraints.py").run(), CAPACITY)
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(80).run()
    assert_clean(app)
    said = [e.value.replace("\\", "") for e in (*app.info, *app.markdown, *app.caption)]
    (free,) = {s for s in said if s.startswith("Re-planned from scratch, the plan would")}
    moves = re.search(r"would move (\d+), leave out (\d+) and add (\d+) projects", free)
    assert moves is not None, free
    in_force_changes = int(moves.group(1)) + int(moves.group(2))
    afresh = re.search(r"goal attainment of (\d+\.\d %)", free)
    assert afresh is not None, free
    app.switch_page("pages/scenarios.py").run()
    (card,) = [m.value for m in app.metric if m.label == "Goal attainment"]
    app.selectbox(key="sweep-target").set_value("marketing")
    app.slider(key="sweep-range").set_value((90, 110))
    app.number_input(key="sweep-steps").set_value(3)
    app = next(b for b in app.button if b.label == "Plan each step").click().run(timeout=300)
    assert_clean(app)
    table = next(d for d in app.dataframe if "changes" in d.value.columns)
    (today,) = table.value[table.value["capacity_pct"] == 100].to_dict("records")
    assert today["attainment_text"] == afresh.group(1), today  # the plan made afresh
    assert today["changes"] != in_force_changes, (today, free)  # counted against another plan
    helps = json.loads(table.proto.columns)
    for column in ("changes", "added"):
        assert "plan in force" not in helps[column]["help"], helps[column]
        assert "current plan" in helps[column]["help"], helps[column]
    assert today["note"] == f"planned afresh at the same capacity; the current plan reads {card}"
