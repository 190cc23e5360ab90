"""Random sequences of what a user can do on the pages, through AppTest, and what each step
must leave: tests/app/test_page_fuzz.py runs a few seeds, ``bench/page_fuzz.py`` hundreds.

A sequence opens the app (on the bundled sample, or on the quarter ``PLANNER_DATA`` names)
and, seeded, takes steps: the Data page's grids edited with odd cells (text, negative, huge
or empty in a figure, a row added without an id or with one that exists, a row deleted, a
calendar row for a team that does not exist, a project's window reversed, a calendar row
of a team that exists with a week, a range or no week typed, or a week a row has already)
then applied, discarded or undone; the Constraints page's sliders and number boxes at their
ends, every toggle and choice, a pin and a forbid of one pair; a scenario saved under an odd
name and compared with itself; the Check-in page's records (a project's status, % done, end
week and "May move", KPIs and hours out of range, the weeks elapsed, the tables reset to the
plan), Re-plan and the check-in saved; the download buttons; and the pages in a random
order. After every step: no exception, no "Traceback", "None", "nan" or
"inf" in what the page shows, none of the optimizer's words (``app_pages.SCORE_WORDS``)
outside an Advanced panel, and the headline cards the same on every page that shows them
for one set of inputs.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from app_pages import (
    SCORE_WORDS,
    grid_edit,
    open_tab,
    routed_pages,
)
from app_server import ROOT
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

#: Words a page never shows: Python's, pandas' and a float's.
BROKEN = re.compile(r"Traceback|\bNone\b|\bnan\b|\bNaN\b|(?<![\w-])-?inf\b")
#: Hours with their unit, signed or not ("-0.04 h", "+1,240 h"): hours under 0.1 keep two
#: significant digits (planner.core.shown_figures.hours), which read like a score's signed
#: two decimals (``SCORE_WORDS``) without being one.
HOURS = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)? h\b")
#: Text a page writes (its value).
TEXT_TYPES = frozenset(
    {"markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"}
)
#: The headline cards two pages must show alike for one set of inputs.
CARDS = ("Goal attainment", "Projects in the plan")
#: What a user types in a figure's cell.
ODD_FIGURES: tuple[object, ...] = (
    *("lots", -5, -0.5, 1e12, "", None, "1e400", 0, "12,5", " 7 "),
    *(1e9, 0.001, 99_999_999, 1, 13, 0.5),  # taken, at an end
)
#: Odd names for a saved scenario (``EXISTING`` is the name saved before, if any).
EXISTING = object()
ODD_NAMES: tuple[object, ...] = ("", "x" * 300, "Plan 🚀 Q3", "   ", EXISTING, "a\nb", "<b>*x*</b>")
#: Odd figures typed in a check-in's cells.
ODD_CHECKIN: tuple[object, ...] = (150, -5, "text", None, 1e9, 100, 0)
#: A project's record on the Check-in page: its status, % done, end week and "May move".
STATUSES = ("not started", "in progress", "done", "dropped")
ODD_END_WEEKS: tuple[object, ...] = (None, "", "0", "1", "6", "7", "13", "14", "8.5", "x", "-3")
#: Weeks elapsed typed in the Check-in page's box.
ODD_WEEKS_ELAPSED = (0.0, 1.0, 6.0, 6.5, 12.0, 13.0, 14.0, -1.0)
#: What a user types in a calendar row's week: one week, a range, or not a week.
ODD_CALENDAR_WEEKS: tuple[object, ...] = (
    *("3", "1-13", "7-12", "5-3", "0", "14", "2.5", "", None, "week 3", "3,4", " 4 - 6 ", "13-13"),
)
#: The Data page's figure columns, per table.
FIGURES = {
    "teams.csv": ("capacity_hours", "max_projects"),
    "projects.csv": ("effort_hours", "value", "duration_weeks", "earliest_week", "due_week"),
    "goals.csv": ("target", "weight"),
    "estimates.csv": ("effort_hours", "value"),
    "calendar.csv": ("capacity_hours", "week"),
}
ID_COLUMN = {"teams.csv": "team_id", "projects.csv": "project_id", "goals.csv": "goal_id"}


@dataclass
class Failure:
    """A step that left the page broken: what was done up to it, and what was wrong."""

    seed: int
    steps: list[str]
    kind: str
    detail: str

    def __str__(self) -> str:
        done = "\n  ".join(self.steps)
        return f"seed {self.seed}: {self.kind}: {self.detail}\n  {done}"


@dataclass
class Walk:
    """One sequence: the app, its random source and what it did."""

    app: AppTest
    rng: random.Random
    seed: int
    steps: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    cards: tuple[str, dict[str, str]] | None = None

    @property
    def page(self) -> str:
        return str(_state(self.app, "_page_run_last") or "")

    def note(self, text: str) -> None:
        self.steps.append(text)


def _state(app: AppTest, key: str) -> Any:
    """The session's ``key``, or None before the app set it."""
    return app.session_state[key] if key in app.session_state else None  # noqa: SIM401 - no .get


def shown(node: Node, advanced: bool = False) -> Iterator[tuple[str, str, bool]]:
    """``(where, text, advanced)`` for every text, label, card and table cell under ``node``."""
    label = getattr(node, "label", None)
    if isinstance(node, Block) and isinstance(label, str) and label.startswith("Advanced"):
        advanced = True
    where = f"{node.type} {label!r}"[:60]
    if isinstance(label, str):
        yield where, label, advanced
    if node.type in TEXT_TYPES:
        yield where, str(node.value), advanced
    if (tip := getattr(getattr(node, "proto", None), "help", "")) and isinstance(tip, str):
        yield f"{where} tooltip", tip, True  # read when asked for: the score's words may be
    if node.type == "metric":
        yield where, f"{node.value} {node.delta}", advanced
    if node.type in ("dataframe", "table"):
        frame = node.value
        if isinstance(frame, pd.DataFrame):
            yield from _cells_left_blank(node, frame, where, advanced)
            yield where, " ".join(str(c) for c in frame.columns), advanced
            for column in frame.columns:
                for cell in frame[column]:
                    if isinstance(cell, str):
                        yield f"{where} [{column}]", cell, advanced
                    elif isinstance(cell, float) and math.isinf(cell):
                        yield f"{where} [{column}]", "inf", advanced
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from shown(child, advanced)


def _cells_left_blank(
    node: Node, frame: pd.DataFrame, where: str, advanced: bool
) -> Iterator[tuple[str, str, bool]]:
    """A missing value in a column a table shows reads "None" unless the table says what
    to show for it (``placeholder=``)."""
    proto = getattr(node, "proto", None)
    fields = proto.DESCRIPTOR.fields_by_name if proto is not None else {}
    if "placeholder" not in fields or proto.HasField("placeholder"):
        return
    config = json.loads(proto.columns) if proto.columns else {}
    for column in list(proto.column_order) or list(frame.columns):
        hidden = (config.get(str(column)) or {}).get("hidden")
        if column in frame.columns and not hidden and frame[column].isna().any():
            yield f"{where} [{column}]", "a blank cell read None", advanced


def problems(walk: Walk, typed: frozenset[str]) -> list[tuple[str, str]]:
    """What is wrong on the page now: ``(kind, detail)`` each."""
    app = walk.app
    found = [
        ("exception", e.value.splitlines()[-1][:200] if e.value else "") for e in app.exception
    ]
    for where, text, advanced in [*shown(app.main), *shown(app.sidebar)]:
        plain = re.sub(r"\\(.)", r"\1", text)
        for name in typed:  # what the user typed is theirs to see
            plain = plain.replace(name, "")
        if (hit := BROKEN.search(plain)) is not None:
            found.append((f"shows {hit.group(0)!r}", f"{where}: {_around(plain, hit)}"))
        scored = HOURS.sub("", plain)  # "-0.04 h": a change of hours, a leader's figure
        if not advanced and (hit := SCORE_WORDS.search(scored)) is not None:
            found.append((f"solver word {hit.group(0)!r}", f"{where}: {_around(scored, hit)}"))
    return found


def _around(text: str, hit: re.Match[str]) -> str:
    return text[max(0, hit.start() - 60) : hit.end() + 60].replace("\n", " ")


def headline(app: AppTest) -> dict[str, str]:
    """The headline cards the page shows (label -> value), if any."""
    return {m.label: m.value for m in app.metric if m.label in CARDS}


# The steps. Each takes the walk, does one thing a user can do and runs the app.


def switch(walk: Walk) -> None:
    page = walk.rng.choice(routed_pages())
    walk.note(f"open {page}")
    walk.app.switch_page(page).run()


def _editor_key(app: AppTest, prefix: str) -> str | None:
    keys = [e.key for e in app.data_editor if e.key and e.key.startswith(prefix)]
    return keys[0] if keys else None


def _grid(app: AppTest, prefix: str) -> tuple[str, pd.DataFrame] | None:
    """The grid whose key starts ``prefix``: its key and the table it shows (a user edits
    the rows in view, which a refused draft may have fewer of than the data)."""
    found = [e for e in app.data_editor if e.key and e.key.startswith(prefix)]
    return (str(found[0].key), found[0].value) if found else None


def data_edit(walk: Walk) -> None:
    """One odd edit in one of the Data page's grids, then Apply, Discard or Undo."""
    app, rng = walk.app, walk.rng
    if "data" not in walk.page:
        walk.note("open pages/data.py")
        app.switch_page("pages/data.py").run()
    how = rng.choice(
        ("figure", "figure", "figure", "add", "delete", "all", "ghost", "window", "weeks")
    )
    table = {"ghost": "calendar.csv", "window": "projects.csv", "weeks": "calendar.csv"}.get(
        how
    ) or rng.choice(sorted(FIGURES))
    grid = _grid(app, f"edit-{table}-")
    if grid is None:
        return
    key, frame = grid
    rows = len(frame)
    if how == "figure" and rows:
        row, column = rng.randrange(rows), rng.choice(FIGURES[table])
        value = rng.choice(ODD_FIGURES)
        edit = grid_edit(edited={row: {column: value}})
        walk.note(f"data {table} row {row} {column} = {value!r}")
    elif how == "add" and table in ID_COLUMN:
        column = ID_COLUMN[table]
        ident = rng.choice(("", str(frame[column].iloc[0]) if rows else "", None))
        added = {column: ident, FIGURES[table][0]: rng.choice((10, "", -1))}
        edit = grid_edit(added=[added])
        walk.note(f"data {table} add {added!r}")
    elif how == "delete" and rows:
        row = rng.randrange(rows)
        edit = grid_edit(deleted=[row])
        walk.note(f"data {table} delete row {row}")
    elif how == "all" and rows:
        edit = grid_edit(deleted=list(range(rows)))
        walk.note(f"data {table} delete every row")
    elif how == "window" and rows:
        row = rng.randrange(rows)
        edit = grid_edit(edited={row: {"earliest_week": 9, "due_week": 3}})
        walk.note(f"data projects.csv row {row} window 9-3")
    elif how == "ghost":
        edit = grid_edit(added=[{"team_id": "ghost-team", "week": "3", "capacity_hours": 40}])
        walk.note("data calendar.csv add a row for team ghost-team")
    elif how == "weeks":
        edit = _calendar_rows(walk, frame)
    else:
        return
    app.session_state[key] = edit
    app.run()
    if _check_now(walk):
        return
    then = rng.choice(("Apply edits", "Apply edits", "Discard edits", "Undo"))
    if then == "Undo":
        then = "Undo the last Apply"
    walk.note(f"press {then}")
    _press(app, then)


def _calendar_rows(walk: Walk, frame: pd.DataFrame) -> dict[str, object]:
    """A calendar row of a team that exists: a week, a range or no week typed in an added
    row or over a row's week, a second row for a week a row has, or a row's hours."""
    rng, problem = walk.rng, walk.app.session_state["problem"]
    team = rng.choice(problem.teams).team_id
    week = rng.choice(ODD_CALENDAR_WEEKS)
    hours = rng.choice((0, 40, -5, "", 1e9, "12,5"))
    rows = len(frame)
    how = rng.choice(("add", "add", "retype", "twice") if rows else ("add",))
    if how == "retype":
        row = rng.randrange(rows)
        walk.note(f"data calendar.csv row {row} week = {week!r}")
        return grid_edit(edited={row: {"week": week}})
    if how == "twice":
        row = rng.randrange(rows)
        again = {c: frame[c].iloc[row] for c in ("team_id", "week")}
        added: dict[str, object] = {c: None if pd.isna(v) else str(v) for c, v in again.items()}
        added["capacity_hours"] = hours
        walk.note(f"data calendar.csv add {added!r} (row {row}'s week again)")
        return grid_edit(added=[added])
    new: dict[str, object] = {"team_id": team, "week": week, "capacity_hours": hours}
    walk.note(f"data calendar.csv add {new!r}")
    return grid_edit(added=[new])


def _check_now(walk: Walk) -> bool:
    return bool(walk.app.exception)


def _press(app: AppTest, label: str) -> None:
    found = [b for b in app.button if b.label == label and not b.disabled]
    if found:
        found[0].click().run()


def widget(walk: Walk) -> None:
    """One widget of the page set as a user can: a slider or box at an end, a toggle
    flipped, a choice made, a button pressed, odd text typed."""
    app, rng = walk.app, walk.rng
    choices: list[tuple[str, Callable[[], Any]]] = []
    for slider in _enabled(app.slider):
        low, high = slider.min, slider.max
        for end in (low, high):
            if isinstance(slider.value, (tuple, list)):
                choices.append((f"slider {slider.label!r} = {end}", _setter(slider, (low, end))))
            else:
                choices.append((f"slider {slider.label!r} = {end}", _setter(slider, end)))
    for box in _enabled(app.number_input):
        ends = [v for v in (box.min, box.max) if v is not None] or [0]
        ends += [-1e9 if box.min is None else box.min, 1e9 if box.max is None else box.max]
        for end in ends:
            choices.append((f"number {box.label!r} = {end}", _setter(box, end)))
    for toggle in _enabled([*app.toggle, *app.checkbox]):
        choices.append((f"toggle {toggle.label!r}", _setter(toggle, not toggle.value)))
    for group in _enabled([*app.radio, *app.selectbox]):
        for option in list(group.options)[:8]:
            choices.append((f"choose {group.label!r} = {option!r}", _setter(group, option)))
    for many in _enabled(app.multiselect):
        options = list(many.options)
        picked = rng.sample(options, k=min(len(options), rng.randrange(3)))
        choices.append((f"filter {many.label!r} = {picked!r}", _setter(many, picked)))
    for text in _enabled(app.text_input):
        typed = rng.choice(("", "   ", "0-99", "5-3", "abc", "1-13", "x" * 300, "3"))
        limit = getattr(text, "max_chars", 0) or len(typed)
        choices.append((f"type {text.label!r} = {typed[:limit]!r}", _typer(text, typed[:limit])))
    for pressed in _enabled(app.button):
        if pressed.label not in ("Rank the teams", "Plan each step"):
            choices.append((f"press {pressed.label!r}", pressed.click))
    if not choices:
        return switch(walk)
    said, act = rng.choice(choices)
    walk.note(said)
    act()
    app.run()


def _enabled(widgets: Any) -> list[Any]:
    """The widgets a user can change (a disabled one takes no input)."""
    return [w for w in widgets if not getattr(w.proto, "disabled", False)]


def _setter(element: Any, value: object) -> Callable[[], Any]:
    return lambda: element.set_value(value)


def _typer(element: Any, value: str) -> Callable[[], Any]:
    return lambda: element.input(value)


def constraints_tab(walk: Walk) -> None:
    if "constraints" not in walk.page:
        walk.note("open pages/constraints.py")
        walk.app.switch_page("pages/constraints.py").run()
    tab = walk.rng.choice(
        ("Capacity", "Stage policy", "Pins and forbids", "Priorities and time limit")
    )
    walk.note(f"constraints tab {tab}")
    open_tab(walk.app, tab)


def pin_and_forbid(walk: Walk) -> None:
    """A pin and a forbid of one project and team, applied together."""
    if "constraints" not in walk.page:
        walk.note("open pages/constraints.py")
        walk.app.switch_page("pages/constraints.py").run()
    open_tab(walk.app, "Pins and forbids")
    problem = walk.app.session_state["problem"]
    project = walk.rng.choice(problem.projects).project_id
    team = walk.rng.choice(problem.teams).team_id
    key = _editor_key(walk.app, "rules-")
    if key is None:
        return
    rows = [{"rule": "pin", "project_id": project, "team_id": team}]
    rows.append({"rule": "forbid", "project_id": project, "team_id": team})
    walk.note(f"pin and forbid {project} on {team}")
    walk.app.session_state[key] = grid_edit(added=rows)
    walk.app.run()
    walk.note("press 'Apply pins and forbids'")
    _press(walk.app, "Apply pins and forbids")


def save_scenario(walk: Walk) -> None:
    """A scenario saved under an odd name."""
    app = walk.app
    if "scenarios" not in walk.page:
        walk.note("open pages/scenarios.py")
        app.switch_page("pages/scenarios.py").run()
    name = walk.rng.choice(ODD_NAMES)
    if name is EXISTING:
        name = walk.names[-1] if walk.names else "Base"
    assert isinstance(name, str)
    boxes = [t for t in app.text_input if t.key == "save-scenario-name"]
    if not boxes:
        return
    name = name[: boxes[0].max_chars or None]  # the browser types no more
    walk.note(f"save scenario as {name!r}")
    walk.names.append(name)
    boxes[0].input(name)
    _press(app, "Save scenario")


def compare_with_itself(walk: Walk) -> None:
    """The Compare tab with one scenario on both sides (when two boxes choose them)."""
    from pages.ui import SCENARIOS_VIEW

    app = walk.app
    if "scenarios" not in walk.page:
        walk.note("open pages/scenarios.py")
        app.switch_page("pages/scenarios.py").run()
    app.session_state[SCENARIOS_VIEW] = "Compare"
    app.run()
    walk.note("scenarios tab Compare")
    boxes = [s for s in app.selectbox if s.key and "compare" in s.key.lower()]
    if len(boxes) >= 2 and boxes[0].options:
        option = walk.rng.choice(list(boxes[0].options))
        if option in boxes[1].options:
            walk.note(f"compare {option!r} with itself")
            boxes[0].set_value(option)
            boxes[1].set_value(option)
            app.run()


def checkin_edit(walk: Walk) -> None:
    """A check-in recorded oddly: a project's status, % done, end week or "May move", a
    KPI or hours used out of range, or the weeks elapsed; then (sometimes) Re-plan and, once
    re-planned, (sometimes) the check-in saved."""
    app, rng = walk.app, walk.rng
    if "checkin" not in walk.page:
        walk.note("open pages/checkin.py")
        app.switch_page("pages/checkin.py").run()
    if "checkin-tables" not in app.session_state:
        return
    if rng.random() < 0.15:
        _checkin_weeks(walk)
        return
    tables = app.session_state["checkin-tables"]
    table, column = rng.choice(
        (
            ("projects", "status"),
            ("projects", "percent_done"),
            ("projects", "end_week"),
            ("projects", "unlock"),
            ("projects", "record"),
            ("goals", "achieved"),
            ("hours", "hours_used"),
        )
    )
    frame = tables[table]
    if not len(frame):
        return
    row = rng.randrange(len(frame))
    cells: dict[str, object]
    if column == "status":
        cells = {"status": rng.choice(STATUSES)}
    elif column == "end_week":
        cells = {"end_week": rng.choice(ODD_END_WEEKS)}
    elif column == "unlock":
        cells = {"unlock": rng.random() < 0.8}
    elif column == "record":  # a project not in progress set in progress, whole
        cells = {
            "status": "in progress",
            "percent_done": rng.choice(("40", "0", "100", "99.9", "")),
            "end_week": rng.choice(ODD_END_WEEKS),
            "unlock": rng.random() < 0.5,
        }
    else:
        cells = {column: rng.choice(ODD_CHECKIN)}
    version = app.session_state["checkin-editor-version"]
    walk.note(f"check-in {table} row {row} {cells!r}")
    app.session_state[f"checkin-{table}-{version}"] = grid_edit(edited={row: cells})
    app.run()
    if rng.random() < 0.5 and not app.exception:
        walk.note("press 'Re-plan'")
        found = [b for b in app.button if b.key == "checkin-replan-button" and not b.disabled]
        if found:
            found[0].click().run()
            if rng.random() < 0.3 and not app.exception:
                _save_checkin(walk)


def _checkin_weeks(walk: Walk) -> None:
    """The weeks elapsed typed oddly, or the tables reset to the plan for the week."""
    app = walk.app
    if walk.rng.random() < 0.3:
        walk.note("press 'Reset to the plan for this week'")
        found = [b for b in app.button if b.key == "checkin-prefill" and not b.disabled]
        if found:
            found[0].click().run()
        return
    boxes = [b for b in _enabled(app.number_input) if b.key == "checkin-weeks"]
    if boxes:
        weeks = walk.rng.choice(ODD_WEEKS_ELAPSED)
        walk.note(f"check-in weeks elapsed = {weeks}")
        boxes[0].set_value(weeks).run()


def _save_checkin(walk: Walk) -> None:
    """The re-planned check-in saved as a scenario, under an odd name."""
    app = walk.app
    boxes = [t for t in app.text_input if t.key and t.key.startswith("checkin-save-name-")]
    if not boxes:
        return
    name = walk.rng.choice(("", "Week 6 check-in", "x" * 300, "Plan 🚀 Q3"))
    name = name[: boxes[0].max_chars or None]
    walk.note(f"save the check-in as {name!r}")
    if name.strip():
        walk.names.append(name)
    boxes[0].input(name)
    found = [b for b in app.button if b.label == "Save, built on the plan you checked in on"]
    if found:
        found[0].click().run()


def downloads(walk: Walk) -> None:
    """Every download button of the Export page, each file made."""
    app = walk.app
    if "export" not in walk.page:
        walk.note("open pages/export.py")
        app.switch_page("pages/export.py").run()
    walk.note("make every download")
    MAKE_DOWNLOADS[0] = True
    try:
        app.run()
    finally:
        MAKE_DOWNLOADS[0] = False


#: The steps, with their weights.
STEPS: tuple[tuple[Callable[[Walk], None], int], ...] = (
    (switch, 5),
    (widget, 8),
    (data_edit, 5),
    (constraints_tab, 2),
    (pin_and_forbid, 1),
    (save_scenario, 2),
    (compare_with_itself, 1),
    (checkin_edit, 2),
    (downloads, 1),
)
#: Whether a download button's file is made as the page draws it (:func:`made_downloads`).
MAKE_DOWNLOADS = [False]


def made_downloads() -> Callable[..., Any]:
    """A stand-in for ``DeltaGenerator.download_button`` that makes the file first (as a
    click does) while :data:`MAKE_DOWNLOADS` says so; returns it, to be patched in."""
    from streamlit.delta_generator import DeltaGenerator

    offered = DeltaGenerator.download_button

    def download_button(self: Any, label: str, data: object, *args: Any, **kwargs: Any) -> Any:
        if MAKE_DOWNLOADS[0] and callable(data):
            data = data()
        return offered(self, label, data, *args, **kwargs)

    return download_button


def walk(seed: int, steps: int) -> Failure | None:
    """One sequence of ``steps`` from the app's first page; the first failure, if any."""
    rng = random.Random(seed)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    here = Walk(app, rng, seed)
    weights = [w for _, w in STEPS]
    try:
        app.run()
        if (found := _judge(here, "open the app")) is not None:
            return found
        for _ in range(steps):
            (step,) = rng.choices([s for s, _ in STEPS], weights)
            step(here)
            if (found := _judge(here, "")) is not None:
                return found
    except Exception as error:  # AppTest's own failure is one too
        return Failure(seed, here.steps, f"test run {type(error).__name__}", str(error)[:300])
    return None


def _judge(walk: Walk, said: str) -> Failure | None:
    if said:
        walk.note(said)
    typed = frozenset(n for n in walk.names if n.strip())
    found = problems(walk, typed)
    cards = headline(walk.app)
    problem = _state(walk.app, "problem")
    if cards and problem is not None:
        from pages.common import fingerprint

        relative = _state(walk.app, "whatif_relative")
        mark = f"{fingerprint(problem)}-{relative}"
        if walk.cards is not None and walk.cards[0] == mark and walk.cards[1] != cards:
            found.append(("cards differ", f"{walk.cards[1]} then {cards}"))
        walk.cards = (mark, cards)
    if found:
        kind, detail = found[0]
        return Failure(walk.seed, list(walk.steps), kind, detail)
    return None
