"""What a CMO found checking every figure after changing things: a capacity slider moved,
a project pinned, another forbidden, then each page read. A figure one page quotes from
another reads as that page shows it now, not as it read before the change."""

from __future__ import annotations

import re

from app_pages import CAPACITY, PINS, assert_clean, open_routed, open_tab


def _apply_rules(app, *rows: dict[str, str]):
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    app.session_state[key] = {"edited_rows": {}, "added_rows": list(rows), "deleted_rows": []}
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
