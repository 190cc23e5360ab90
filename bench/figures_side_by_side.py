"""One truth for every number: the app's figures beside the command line's, for one quarter.

For each data folder (the sample, or a quarter ``planner generate`` writes), copied with
its settings' ``[solve] time_limit_s`` set to ``--time-limit`` (both surfaces read the same
settings; at 60 s a 40 x 400 quarter in weeks ends on its work budget, so that two solves
give one plan), it collects:

* the app, through Streamlit's AppTest, page by page: the headline cards (goal attainment,
  goals at target, projects in the plan and left out, each department's hours and share
  planned) of Overview, Constraints, Plan and Scenarios; the Overview's goals table (each
  goal's attainment and chance) and the Plan page's odds (each goal's chance and its
  words); the status line (the distance to the best possible, the time limit); the Plan
  page's busiest week of each team; the hours each team has planned (Plan's assignments)
  and in force (Check-in's Hours used); the Check-in page's counts at week 6;
* the command line: ``planner solve``'s text, its ``--json``, its plan.csv (read back through
  ``plan_metrics``) and plan.xlsx (Summary and Goals sheets); ``planner explain``'s count
  of projects left out; ``planner checkin-template``'s counts at week 6 and ``planner
  checkin``'s re-plan of it with a few records changed (one project dropped, one goal behind)
  beside the template's; ``planner scenarios save`` and ``show``'s headline.

Each figure is written as its surface writes it, and a row is flagged where two surfaces
differ in value, rounding or unit.

Usage::

    python bench/figures_side_by_side.py data/sample
    python bench/figures_side_by_side.py --generate 40x400 --seeds 1,2 --time-limit 60
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import openpyxl  # noqa: E402

from planner.core.loading import load_with_warnings  # noqa: E402
from planner.core.plan_csv import read_plan_csv  # noqa: E402
from planner.core.shown_figures import chance, gap_percent, hours, percent  # noqa: E402
from planner.interfaces.cli import main  # noqa: E402
from planner.scenarios.metrics import plan_metrics  # noqa: E402

#: figure -> surface -> the figure as that surface writes it.
Figures = dict[str, dict[str, str]]


def cli(args: list[str]) -> str:
    """What ``planner args`` prints (it exits 0)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    assert code == 0, (args, code, out.getvalue()[-500:])
    return out.getvalue()


def plain(text: str) -> str:
    """Markdown's escapes and bold removed."""
    return text.replace("\\", "").replace("**", "")


def put(found: Figures, figure: str, surface: str, shown: object) -> None:
    found.setdefault(figure, {})[surface] = str(shown)


def headline(found: Figures, surface: str, m: dict[str, Any]) -> None:
    """A plan's headline from ``Metrics.to_json()`` (--json's ``metrics``), written as the
    pages write it (:mod:`planner.core.shown_figures`)."""
    put(found, "goal attainment", surface, percent(m["attainment_pct"]))
    put(found, "goals at target", surface, f"{m['num_goals_met']} of {len(m['goals'])}")
    put(found, "projects in the plan", surface, m["num_planned"])
    put(found, "projects left out", surface, m["num_left_out"])
    for d in m["departments"]:
        name = d["department"].capitalize()
        put(found, f"{name} capacity", surface, hours(d["capacity_hours_shown"]))
        put(found, f"{name} planned", surface, percent(d["utilisation_pct"]))
    for g in m["goals"]:
        put(found, f"goal {g['goal_id']} attainment", surface, percent(g["attainment_pct"]))
    for t in m["teams"]:
        put(found, f"team {t['team_id']} planned", surface, hours(t["planned_hours_shown"]))
        put(found, f"team {t['team_id']} in force", surface, hours(t["capacity_hours_shown"]))


def status_parts(found: Figures, surface: str, status: str) -> None:
    """The distance to the best possible and the time limit, as a status line says them."""
    within = re.search(r"within ([\d.,]+ %) of the best possible", status)
    put(found, "distance to the best possible", surface, within[1] if within else "proven")
    limit = re.search(r"time limit ([\d.]+ s)", status)
    put(found, "time limit said", surface, limit[1] if limit else "-")


def cli_figures(data: Path, work: Path) -> Figures:
    found: Figures = {}
    problem = load_with_warnings(data).problem
    names = {g.goal_id: g.name for g in problem.goals}
    text = cli(["solve", str(data), "--out", str(work / "plan.csv")])
    said = json.loads(cli(["solve", str(data), "--out", str(work / "plan.xlsx"), "--json"]))
    # The text: its status, goal attainment, goals, projects, departments.
    lines = text.splitlines()
    status_parts(found, "cli text", lines[0])
    if m := re.search(r"goal attainment: ([\d.]+ %) weighted \((\d+) of (\d+) goals", text):
        put(found, "goal attainment", "cli text", m[1])
        put(found, "goals at target", "cli text", f"{m[2]} of {m[3]}")
    if m := re.search(r"in the plan: (\d+) projects?; left out: (\d+)", text):
        put(found, "projects in the plan", "cli text", m[1])
        put(found, "projects left out", "cli text", m[2])
    for m in re.finditer(
        r"^(\w+) capacity: ([\d,]+ h) .*planned [\d,]+ h \(([\d.]+ %)\)", text, re.M
    ):
        put(found, f"{m[1]} capacity", "cli text", m[2])
        put(found, f"{m[1]} planned", "cli text", m[3])
    by_name = {n: gid for gid, n in names.items()}
    for m in re.finditer(r"^  (.+?): [\d,.]+ of [\d,.]+ .*?\(([\d.]+ %)\); (.+)$", text, re.M):
        if m[1] in by_name:
            gid = by_name[m[1]]
            put(found, f"goal {gid} attainment", "cli text", m[2])
            put(found, f"goal {gid} chance", "cli text", m[3].split(" chance")[0])
            put(found, f"goal {gid} odds in words", "cli text", m[3])
    # --json (its plan is the same one: the same data, settings and budget).
    status_parts(
        found,
        "cli --json",
        # Written as the status line writes a gap (gap_percent), not as a percentage.
        f"within {gap_percent(said['gap'])} of the best possible"
        if said["status"] == "feasible"
        else "",
    )
    if said["status"] != "optimal":  # said, as the status lines say it, where the clock stops
        put(found, "time limit said", "cli --json", f"{said['time_limit_s']:g} s")
    headline(found, "cli --json", said["metrics"])
    for g in said["goals"]:
        # --json's probability is in percent (73.665), as its attainment figures are.
        put(found, f"goal {g['goal_id']} chance", "cli --json", chance(g["probability"] / 100))
        put(found, f"goal {g['goal_id']} odds in words", "cli --json", g["words"])
    if said.get("weeks"):
        for t in said["weeks"]["teams"]:
            top = max(
                (
                    load / limit
                    for load, limit in zip(t["load_hours"], t["limit_hours"], strict=True)
                    if limit
                ),
                default=0.0,
            )
            put(found, f"team {t['team_id']} busiest week", "cli --json", percent(100 * top))
    # plan.csv, read back as every page reads a plan.
    plan = read_plan_csv((work / "plan.csv").read_text(encoding="utf-8"))
    headline(found, "plan.csv", plan_metrics(problem, plan).to_json())
    # plan.xlsx: Summary and Goals.
    book = openpyxl.load_workbook(work / "plan.xlsx", read_only=True)
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    for key, value in summary.items():
        if key.startswith("Goal attainment"):
            put(found, "goal attainment", "plan.xlsx", percent(100 * value))
    put(
        found, "goals at target", "plan.xlsx", f"{summary['Goals at target']} of {summary['Goals']}"
    )
    put(found, "projects in the plan", "plan.xlsx", summary["Projects in the plan"])
    put(found, "projects left out", "plan.xlsx", summary["Projects left out"])
    rows = list(book["Goals"].iter_rows(values_only=True))
    head = rows[0]
    for row in rows[1:]:
        r = dict(zip(head, row, strict=False))
        gid = next((g for g, n in names.items() if n == r["Goal"]), None)
        if gid is None:
            continue
        put(found, f"goal {gid} attainment", "plan.xlsx", percent(100 * r["Attainment (%)"]))
        if r.get("Chance to reach target") is not None:
            put(found, f"goal {gid} chance", "plan.xlsx", chance(r["Chance to reach target"]))
            put(found, f"goal {gid} odds in words", "plan.xlsx", r["Odds in words"])
    # explain: every left-out project, one reason each.
    explained = json.loads(cli(["explain", str(data), "--plan", str(work / "plan.csv"), "--json"]))
    left = explained.get("projects", explained.get("left_out", explained))
    put(found, "projects left out", "explain --json", len(left) if isinstance(left, list) else "?")
    return found


#: The records a check-in changes from the plan (``checkin_figures``), for the app to type.
Records = dict[str, tuple[str, float]]


def checkin_figures(data: Path, work: Path, found: Figures) -> Records:
    """The check-in at week 6 as planned (``checkin-template``), then ``planner checkin`` of
    it with a few records changed: the first project in progress dropped, the first goal's
    KPI so far halved. Returns those records, for the app to type the same."""
    template = cli(
        ["checkin-template", str(data), "--baseline", str(work / "plan.csv"), "--weeks", "6"]
    )
    toml = tomllib.loads(template)
    statuses = {k: v if isinstance(v, str) else v["status"] for k, v in toml["projects"].items()}
    put(found, "check-in projects done", "checkin-template", list(statuses.values()).count("done"))
    put(
        found,
        "check-in in progress",
        "checkin-template",
        list(statuses.values()).count("in_progress"),
    )
    dropped = next(k for k, v in statuses.items() if v == "in_progress")
    goal, so_far = next(iter(toml["achieved"].items()))
    halved = float(round(so_far / 2))
    lines = template.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f'"{dropped}" = '):
            lines[i] = f'"{dropped}" = "dropped"'
            break
    for i, line in enumerate(lines):
        if line.startswith(f'"{goal}" = ') or line.startswith(f"{goal} = "):
            lines[i] = f'"{goal}" = {halved:g}'
            break
    (work / "checkin.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [
        "checkin",
        str(data),
        "--baseline",
        str(work / "plan.csv"),
        "--checkin",
        str(work / "checkin.toml"),
        "--out",
        str(work / "replan.csv"),
    ]
    text = cli(args)
    said = json.loads(cli([*args, "--json"]))
    q = said["quarter_attainment"]
    put(found, "re-plan at quarter end", "checkin --json", percent(q["forecast"]))
    put(found, "re-plan of what was left", "checkin --json", percent(q["replan_of_what_was_left"]))
    put(found, "re-plan changes", "checkin --json", said["num_changes"])
    put(found, "re-plan change limit", "checkin --json", said["max_changes"] or "none")
    behind = sum(g["pace"] == "behind" for g in said["goals"])
    put(found, "check-in goals behind", "checkin --json", f"{behind} of {len(said['goals'])}")
    for g in said["goals"]:
        put(
            found,
            f"re-plan goal {g['goal_id']} forecast",
            "checkin --json",
            percent(g["forecast"]["percent_of_target"]),
        )
        put(
            found,
            f"re-plan goal {g['goal_id']} chance",
            "checkin --json",
            chance(g["probability"] / 100),
        )
    if m := re.search(r"goal attainment at quarter end: ([\d.]+ %)", text):
        put(found, "re-plan at quarter end", "checkin text", m[1])
    if m := re.search(r"the re-plan brings in ([\d.]+ %)", text):
        put(found, "re-plan of what was left", "checkin text", m[1])
    if m := re.search(r"^changes \(owners moved or taken out of the plan\): (\d+)", text, re.M):
        put(found, "re-plan changes", "checkin text", m[1])
    return {"projects": (dropped, "dropped"), "goals": (goal, halved)}


def app_checkin(app: Any, records: Records, found: Figures, goal_of: dict[str, str]) -> None:
    """The Check-in page with ``records`` typed, then Re-plan: its figures."""
    from app_pages import type_in_checkin

    app.switch_page("pages/checkin.py").run(timeout=600)
    type_in_checkin(app, "projects", records["projects"][0], "status", records["projects"][1])
    # Typed into the grid, as a leader types it (the page keeps the figures typed as text).
    type_in_checkin(app, "goals", records["goals"][0], "achieved", f"{records['goals'][1]:g}")
    # AppTest hands a grid's typed edits to the page's figures one run late: one run more
    # before the counts are read and Re-plan is pressed.
    app.run(timeout=600)
    for metric in app.metric:
        if metric.label == "Goals behind plan":
            put(found, "check-in goals behind", "app checkin", metric.value)
    replan = [b for b in app.button if b.label == "Re-plan"]
    if not replan:  # the records refused: their words, and no re-plan to read
        put(found, "check-in refused", "app checkin", " / ".join(plain(e.value) for e in app.error))
        return
    replan[0].click().run(timeout=600)
    assert not app.exception, [e.value for e in app.exception]
    where = "app checkin re-plan"
    for metric in app.metric:
        value = metric.value
        if metric.label == "At quarter end":
            put(found, "re-plan at quarter end", where, value)
        elif metric.label == "Of what was left":
            put(found, "re-plan of what was left", where, value)
        elif metric.label == "Changes":
            put(found, "re-plan changes", where, value.split(" of at most")[0])
            limit = re.search(r"of at most (\d+)", value)
            put(found, "re-plan change limit", where, limit[1] if limit else "none")
    for table in app.table:
        df = table.value
        words = [c for c in df.columns if "in words" in plain(str(c)) and "After" in str(c)]
        for _, r in df.iterrows() if words else ():
            if gid := goal_of.get(plain(str(r[df.columns[0]]))):
                said = plain(str(r[words[0]]))
                put(found, f"re-plan goal {gid} chance", where, said.split(" chance")[0])
    for frame in app.dataframe:
        df = frame.value
        if {"goal", "forecast", "percent"} <= set(df.columns):
            for _, r in df.iterrows():
                if gid := goal_of.get(r["goal"]):
                    put(found, f"re-plan goal {gid} forecast", where, percent(float(r["percent"])))


def app_figures(data: Path, work: Path, records: Records | None = None) -> Figures:
    os.environ["PLANNER_DATA"] = str(data)
    os.environ["PLANNER_DB"] = str(work / "app.duckdb")
    import streamlit as st
    from app_pages import open_routed
    from streamlit.delta_generator import DeltaGenerator

    # The Export page's downloads, as a browser would receive them.
    files: dict[str, bytes] = {}
    offered = DeltaGenerator.download_button

    def download_button(self: Any, label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        made = data() if callable(data) else data
        files[label] = made.encode("utf-8") if isinstance(made, str) else made
        return offered(self, label, data, *args, **kwargs)

    DeltaGenerator.download_button = download_button  # type: ignore[method-assign]
    st.download_button = lambda *a, **k: download_button(st._main, *a, **k)  # type: ignore[assignment]

    found: Figures = {}
    problem = load_with_warnings(data).problem
    goal_of = {g.name: g.goal_id for g in problem.goals}
    team_of = {t.name: t.team_id for t in problem.teams}
    app = open_routed("pages/overview.py", timeout=600)
    for page in ("overview", "constraints", "plan", "scenarios", "checkin", "export"):
        if page != "overview":  # open_routed ran the Overview
            app.switch_page(f"pages/{page}.py").run(timeout=600)
        assert not app.exception, [e.value for e in app.exception]
        where = f"app {page}"
        for metric in app.metric:
            label, value, delta = metric.label, metric.value, plain(metric.delta or "")
            if label == "Goal attainment":
                put(found, "goal attainment", where, value)
                put(found, "goals at target", where, delta.split(" goals")[0])
            elif label == "Projects in the plan":
                put(found, "projects in the plan", where, value)
                put(found, "projects left out", where, re.search(r"(\d+) left out", delta)[1])
            elif label.endswith(" capacity"):
                put(found, label, where, value)
                put(found, label.replace("capacity", "planned"), where, delta.split(" planned")[0])
            elif label == "Projects done":
                put(found, "check-in projects done", where, value)
            elif label == "In progress":
                put(found, "check-in in progress", where, value)
        for box in [*app.success, *app.warning, *app.info]:
            if "Plan status:" in box.value:
                status_parts(found, where, plain(box.value))
        for md in app.markdown:
            for m in re.finditer(
                r"^- (.+?): (\d+ %|< 1 %|> 99 %) chance(.*)$", plain(md.value), re.M
            ):
                gid = goal_of.get(m[1])
                if gid:
                    put(found, f"goal {gid} chance", where, m[2])
                    put(found, f"goal {gid} odds in words", where, f"{m[2]} chance{m[3]}")
        for cap in app.caption:
            text = plain(cap.value)
            if os.environ.get("SIDE_DEBUG") and "weeks" in text:
                print(page, text[:200], file=sys.stderr)
            if text.startswith("Full weeks"):
                for name, top in re.findall(
                    r"(?:: |; )([^;:(]+?) weeks? [\d\-, and]+ \(up to ([\d.]+ %)\)", text
                ):
                    if name.strip() in team_of:
                        put(found, f"team {team_of[name.strip()]} busiest week", where, top)
        for frame in app.dataframe:
            df = frame.value
            if {"Goal", "Attainment", "Chance"} <= set(df.columns):
                for _, r in df.iterrows():
                    gid = goal_of.get(r["Goal"])
                    if gid:
                        put(found, f"goal {gid} attainment", where, percent(float(r["Attainment"])))
                        put(found, f"goal {gid} chance", where, r["Chance"])
            elif page == "plan" and {"team", "hours", "project_id"} <= set(df.columns):
                sums: dict[str, float] = defaultdict(float)
                for _, r in df.iterrows():
                    sums[r["team"]] += float(r["hours"])
                # Added up here, not a figure the page shows: each team's hours on every page
                # are rounded so that a department's teams add up to its total (plan_metrics),
                # which may read an hour below this half-up rounding of the rows' sum.
                for name, h in sums.items():
                    if name in team_of:
                        put(
                            found, f"team {team_of[name]} planned", "app plan rows summed", hours(h)
                        )
            elif page == "checkin" and {"team_id", "capacity_hours"} <= set(df.columns):
                for _, r in df.iterrows():
                    put(
                        found,
                        f"team {r['team_id']} in force",
                        where,
                        hours(float(r["capacity_hours"])),
                    )
    if "Download plan.csv" in files:
        app_csv = files["Download plan.csv"].decode("utf-8")
        (work / "app-plan.csv").write_bytes(files["Download plan.csv"])
        same = files["Download plan.csv"] == (work / "plan.csv").read_bytes()
        put(found, "plan.csv: the app's and the CLI's the same", "app export", same)
        put(found, "plan.csv: the app's and the CLI's the same", "cli", True)
        m = plan_metrics(problem, read_plan_csv(app_csv)).to_json()
        headline(found, "app export plan.csv", m)
    if records is not None:
        app_checkin(app, records, found, goal_of)
    return found


def side_by_side(found: Figures) -> tuple[int, list[str]]:
    """Print each figure's surfaces; return the count of figures and the flagged lines."""
    flagged = []
    count = 0
    for figure in sorted(found):
        shown = found[figure]
        count += len(shown)
        values = set(shown.values())
        mark = "  " if len(values) == 1 else "!!"
        line = f"{mark} {figure}: " + " | ".join(f"{s}={v}" for s, v in sorted(shown.items()))
        print(line)
        if mark == "!!":
            flagged.append(line)
    return count, flagged


def run(data: Path, limit: float | None) -> None:
    work = Path(tempfile.mkdtemp(prefix="figures-"))
    copy = Path(shutil.copytree(data, work / data.name))
    if limit is not None:
        settings = copy / "settings.toml"
        text = settings.read_text(encoding="utf-8") if settings.exists() else ""
        text = re.sub(r"^time_limit_s = .*$", f"time_limit_s = {limit}", text, flags=re.M)
        if "time_limit_s" not in text:
            text = f"[solve]\ntime_limit_s = {limit}\n" + text
        settings.write_text(text, encoding="utf-8")
    found = cli_figures(copy, work)
    records = checkin_figures(copy, work, found)
    for figure, shown in app_figures(copy, work, records).items():
        found.setdefault(figure, {}).update(shown)
    print(f"== {data}")
    count, flagged = side_by_side(found)
    print(f"== {data}: {count} figures over {len(found)} rows, {len(flagged)} rows differ")
    for line in flagged:
        print(line)


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path)
    parser.add_argument("--generate", help="TEAMSxPROJECTS, in weeks with ranges")
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--time-limit", type=float, default=None)
    args = parser.parse_args()
    folders = list(args.data)
    if args.generate:
        teams, projects = args.generate.split("x")
        for seed in args.seeds.split(","):
            out = Path(tempfile.mkdtemp(prefix="quarter-")) / f"q{seed}"
            cli(
                [
                    "generate",
                    str(out),
                    "--teams",
                    teams,
                    "--projects",
                    projects,
                    "--weeks",
                    "--ranges",
                    "--seed",
                    seed,
                ]
            )
            folders.append(out)
    for folder in folders:
        run(folder, args.time_limit)


if __name__ == "__main__":
    main_()
