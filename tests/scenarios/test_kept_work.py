"""The session's unsaved work kept in the scenario database: exact, whole, one per file."""

from __future__ import annotations

import pickle
import textwrap
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from builders import killed_mid_write, only_to_read

from planner.core.domain import Baseline, Problem
from planner.core.loading import load_with_warnings
from planner.scenarios import store_rows
from planner.scenarios.kept_work import changes_from, offer_line, offer_text
from planner.scenarios.labels import DELETED_SINCE
from planner.scenarios.scenario import new_scenario
from planner.scenarios.schema import MIGRATIONS, SCHEMA_VERSION
from planner.scenarios.storage import (
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StorageError,
    StorageUnavailableError,
)
from planner.solving.service import fingerprint
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
REPO = SAMPLE.parent.parent


@pytest.fixture(scope="module")
def sample() -> Problem:
    return load_with_warnings(SAMPLE).problem


@pytest.fixture
def store(tmp_path: Path):
    with ScenarioStore.open(tmp_path / "planner.duckdb") as opened:
        yield opened


def edited(problem: Problem) -> Problem:
    """The sample as a leader left it: a team's hours and a project's value edited, a
    project gone, tighter settings and a re-plan's baseline with every part of it set."""
    teams = (replace(problem.teams[0], capacity_hours=Decimal("123.25")), *problem.teams[1:])
    gone = problem.projects[-1].project_id
    projects = tuple(
        replace(p, value=Decimal("12345.125")) if i == 0 else p
        for i, p in enumerate(problem.projects)
        if p.project_id != gone
    )
    settings = replace(
        problem.settings,
        capacity=replace(problem.settings.capacity, max_utilization=0.85),
    )
    first, second = projects[0].project_id, projects[1].project_id
    baseline = Baseline(
        {first: frozenset({teams[0].team_id}), second: frozenset({teams[1].team_id})},
        max_changes=3,
        in_progress=frozenset({first}),
        under_way=frozenset({first, second}),
        unlocked=frozenset({second}),
        starts={first: 2, second: 5},
    )
    return problem.replace(
        teams=teams,
        projects=projects,
        estimates=tuple(e for e in problem.estimates if e.project_id != gone),
        rules=tuple(r for r in problem.rules if r.project_id != gone),
        settings=settings,
        baseline=baseline,
    )


def test_kept_work_reads_back_exactly_as_it_was_left(store, sample):
    """Tables, settings, the baseline (its projects under way, unlocked and starting weeks
    too), where the data came from and when: the same fingerprint, the same inputs."""
    work = edited(sample)
    moment = datetime(2026, 3, 31, 23, 59, 58, tzinfo=UTC)
    key = store.keep_work(work, "the bundled sample quarter, edited", kept_at=moment)
    kept = store.kept_work()
    assert kept is not None
    assert kept.problem == work and kept.problem.baseline == work.baseline
    assert kept.problem.baseline is not None and work.baseline is not None
    assert kept.problem.baseline.starts == work.baseline.starts
    assert kept.problem.settings.to_toml() == work.settings.to_toml()
    assert kept.fingerprint == key == fingerprint(work) == fingerprint(kept.problem)
    assert kept.source == "the bundled sample quarter, edited"
    assert kept.kept_at == moment


def test_the_same_inputs_give_the_same_plan_after_a_round_trip(store, sample):
    work = edited(sample).replace(baseline=None)
    store.keep_work(work, "x")
    kept = store.kept_work()
    assert kept is not None
    assert solve(kept.problem).plan == solve(work).plan


def test_no_work_kept_reads_as_none(store):
    assert store.kept_work() is None


def test_each_change_replaces_the_work_kept_before(store, sample, monkeypatch):
    """One per database: the latest change. A setting changed alone keeps the tables'
    rows (not written again); a change of data after it replaces them too."""
    written: list[int] = []
    real = store_rows.insert_tables

    def recorded(cur: Any, scenario_id: int, problem: Problem) -> None:
        written.append(scenario_id)
        real(cur, scenario_id, problem)

    monkeypatch.setattr(store_rows, "insert_tables", recorded)
    work = edited(sample)
    store.keep_work(work, "first")
    tighter = work.replace(
        settings=replace(
            work.settings, capacity=replace(work.settings.capacity, max_utilization=0.7)
        )
    )
    store.keep_work(tighter, "second")
    assert written == [-1]  # the first keep's tables; the setting alone wrote none
    kept = store.kept_work()
    assert kept is not None and kept.problem == tighter and kept.source == "second"
    store.keep_work(sample, "third")
    assert written == [-1, -1]
    kept = store.kept_work()
    assert kept is not None and kept.problem == sample and kept.problem.baseline is None
    with store._cursor() as cur:
        heads = cur.execute("SELECT count(*) FROM unsaved_work").fetchone()
        teams = cur.execute("SELECT count(*) FROM scenario_teams").fetchone()
    assert heads == (1,) and teams == (len(sample.teams),)


def test_scenarios_and_the_kept_work_do_not_touch_each_other(store, sample):
    """The kept work's rows share the scenarios' tables under an id no scenario has."""
    result = solve(sample)
    work = edited(sample)
    store.keep_work(work, "kept")
    saved = store.save(new_scenario(sample, result, "Q3"))
    assert [s.name for s in store.list()] == ["Q3"] and store.count() == 1
    assert store.load(saved.scenario_id).problem == sample
    with pytest.raises(ScenarioNotFoundError):
        store.delete(-1)
    with pytest.raises(ScenarioNotFoundError):
        store.find("-1")
    store.delete(saved.scenario_id)
    kept = store.kept_work()
    assert kept is not None and kept.problem == work


def test_discard_drops_only_the_work_it_was_offered(store, sample):
    """A session that starts over drops the work it was offered, not another session's
    kept since."""
    first = store.keep_work(edited(sample), "one")
    assert store.discard_work("another fingerprint") is False
    assert store.kept_work() is not None
    assert store.discard_work(first) is True
    assert store.kept_work() is None
    assert store.discard_work() is False


def test_a_hand_edited_kept_work_is_refused_in_words_and_left_in_place(store, sample):
    store.keep_work(edited(sample), "kept")
    with store._cursor(write=True) as cur:
        cur.execute("UPDATE scenario_teams SET capacity_hours = '1' WHERE scenario_id = -1")
    with pytest.raises(StorageError, match="does not read back as it was kept"):
        store.kept_work()
    with store._cursor(write=True) as cur:
        cur.execute("UPDATE scenario_teams SET capacity_hours = '-5' WHERE scenario_id = -1")
    with pytest.raises(StorageError, match="no longer validates") as raised:
        store.kept_work()
    assert "Traceback" not in str(raised.value)
    with store._cursor() as cur:
        assert cur.execute("SELECT count(*) FROM unsaved_work").fetchone() == (1,)


def test_a_database_that_may_only_be_read_refuses_to_keep_and_keeps_the_work_before(
    tmp_path, sample, monkeypatch
):
    path = tmp_path / "planner.duckdb"
    with ScenarioStore.open(path) as store:
        store.keep_work(sample, "before")
    only_to_read(monkeypatch, "Read-only file system")
    with ScenarioStore.open(path) as store:
        with pytest.raises(StorageUnavailableError, match="read-only disk"):
            store.keep_work(edited(sample), "after")
        kept = store.kept_work()
        assert kept is not None and kept.source == "before"


def test_a_file_of_the_schema_before_opens_keeps_its_scenarios_and_keeps_work(tmp_path, sample):
    """Schema 9 adds the unsaved work. A file of schema 8 with a scenario in it is
    upgraded in place: the scenario loads as saved, and work is kept beside it."""
    assert SCHEMA_VERSION >= 9
    path = tmp_path / "v8.duckdb"
    result = solve(sample)
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(sample, result, "before"))
    connection = duckdb.connect(str(path))
    for statement in MIGRATIONS[9]:
        table = statement.split("EXISTS", 1)[1].split("(", 1)[0].strip()
        connection.execute(f"DROP TABLE {table}")
    connection.execute("UPDATE planner_schema SET version = 8")
    connection.close()
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        loaded = store.load(saved.scenario_id)
        assert loaded.problem == sample and loaded.plan == result.plan
        assert store.kept_work() is None
        store.keep_work(edited(sample), "after")
        kept = store.kept_work()
        assert kept is not None and kept.problem == edited(sample)


_KEEPER = textwrap.dedent(
    """
    import pickle, sys
    from planner.scenarios.storage import ScenarioStore
    problems = pickle.load(open(sys.argv[2], "rb"))
    store = ScenarioStore.open(sys.argv[1])
    i = 0
    while True:
        print("begin", i, flush=True)
        store.keep_work(problems[i % 2], f"keep {i}")
        print("kept", i, flush=True)
        i += 1
    """
)


@pytest.mark.parametrize("delay_s", [0.0, 0.05, 0.1])
def test_a_writer_killed_while_keeping_leaves_the_work_before_or_the_new_one_whole(
    tmp_path, sample, delay_s
):
    """Kept work is replaced all or nothing: a crash mid-write leaves one whole version."""
    problems = (edited(sample), sample)  # each write replaces the tables' rows too
    pickled = tmp_path / "problems.pickle"
    pickled.write_bytes(pickle.dumps(problems))
    path = tmp_path / "planner.duckdb"
    with ScenarioStore.open(path) as store:
        store.save(new_scenario(sample, solve(sample), "saved before"))
    kept = killed_mid_write(_KEEPER, [str(path), str(pickled)], delay_s, REPO)
    assert kept == [0, 1, 2, 3]
    with ScenarioStore.open(path) as store:
        work = store.kept_work()
        assert work is not None
        # The last write begun committed whole, or not at all (the one before it as it
        # was): each "keep N" with its own inputs, never one's head with another's tables.
        # (Under a light load the kill may land after write 4 or 5 has committed.)
        number = int(work.source.removeprefix("keep "))
        assert number >= 3 and work.problem == problems[number % 2], work.source
        assert [s.name for s in store.list()] == ["saved before"]
        store.keep_work(sample, "after the crash")


def test_the_offer_says_when_and_what_differs_from_the_data_opened(store, sample):
    work = edited(sample)
    store.keep_work(work, "kept", kept_at=datetime(2026, 3, 31, 9, 5, tzinfo=UTC))
    kept = store.kept_work()
    assert kept is not None
    text = offer_text(kept, sample, "the bundled sample quarter")
    assert text.startswith("Your unsaved work from 2026-03-31 09:05 UTC (")
    assert "Each team planned up to 100 % → 85 % of its hours" in text
    assert "SDR Team capacity 1,000 h → 123 h" in text
    gone, first = sample.projects[-1].name, sample.projects[0].name
    assert f"Projects: 1 removed ('{gone}'), 1 edited ('{first}')" in text
    assert "start from the bundled sample quarter, which discards it" in text
    # True for whoever opens the app next, not only the tab that was reloaded.
    assert "its tab was reloaded or closed, or the app restarted" in text
    for word in ("objective", "CP-SAT", "infeasible", "LP"):
        assert word not in text


def test_the_offer_s_line_names_its_first_change_and_counts_the_rest(store, sample):
    """The offer is one line beside its two buttons (the whole of it in its tooltip): a
    box of four lines pushed a page's first table below a 1024 x 768 window. The line still
    says when the work is from and what it is, the other changes counted."""
    store.keep_work(edited(sample), "kept", kept_at=datetime(2026, 3, 31, 9, 5, tzinfo=UTC))
    kept = store.kept_work()
    assert kept is not None
    changes = changes_from(sample, kept.problem)
    assert len(changes) > 2
    line = offer_line(kept, sample)
    assert line == (
        f"Your unsaved work from 2026-03-31 09:05 UTC ({changes[0]}, and {len(changes) - 1} "
        "more changes) was kept."
    )

    one = sample.replace(teams=edited(sample).teams)
    store.keep_work(one, "kept", kept_at=datetime(2026, 3, 31, 9, 5, tzinfo=UTC))
    kept = store.kept_work()
    assert kept is not None
    assert offer_line(kept, sample) == (
        "Your unsaved work from 2026-03-31 09:05 UTC (SDR Team capacity 1,000 h → 123 h) was kept."
    )
    # A later change that could not be kept: the line says this is not the latest.
    later = datetime(2026, 3, 31, 9, 7, tzinfo=UTC)
    assert offer_line(kept, sample, later).endswith("was kept. It is not your latest.")


def test_the_plan_in_force_reads_back_with_the_work(store, sample):
    """The plan the work was planned against (here the sample's, for an edit of it): its
    inputs, plan, status, figures and tolerance as kept, the plan checked again; its
    tables written once, and none when they are the work's own."""
    from planner.scenarios.kept_work import KeptPlan

    result = solve(sample)
    work = edited(sample).replace(baseline=None)
    store.keep_work(work, "edit", in_force=KeptPlan(sample, result, 0.005))
    kept = store.kept_work()
    assert kept is not None and kept.problem == work and kept.in_force is not None
    back = kept.in_force
    assert back.problem == sample and fingerprint(back.problem) == fingerprint(sample)
    assert back.result.plan == result.plan and back.result.status == result.status
    assert (back.result.objective, back.result.bound, back.result.gap) == (
        result.objective,
        result.bound,
        result.gap,
    )
    assert back.result.breakdown == result.breakdown and back.kept_close == 0.005
    with store._cursor() as cur:
        teams = cur.execute("SELECT count(*) FROM scenario_teams").fetchone()
    assert teams == (2 * len(sample.teams),)  # the work's and the current plan's

    # A what-if of the sample: the current plan's tables are the work's, kept once.
    what_if = sample.replace(
        settings=replace(
            sample.settings, capacity=replace(sample.settings.capacity, max_utilization=0.9)
        )
    )
    store.keep_work(what_if, "what-if", in_force=KeptPlan(sample, result))
    kept = store.kept_work()
    assert kept is not None and kept.in_force is not None
    assert kept.in_force.problem == sample and kept.in_force.kept_close is None
    with store._cursor() as cur:
        teams = cur.execute("SELECT count(*) FROM scenario_teams").fetchone()
    assert teams == (len(sample.teams),)

    assert store.discard_work()
    assert store.kept_work() is None
    with store._cursor() as cur:
        rows = cur.execute("SELECT count(*) FROM scenario_plan_rows").fetchone()
        heads = cur.execute("SELECT count(*) FROM unsaved_in_force").fetchone()
    assert rows == (0,) and heads == (0,)


def test_a_plan_in_force_edited_by_hand_is_refused(store, sample):
    """A current plan that no longer keeps every rule is never handed back as the plan."""
    from planner.scenarios.kept_work import KeptPlan

    result = solve(sample)
    store.keep_work(
        edited(sample).replace(baseline=None), "edit", in_force=KeptPlan(sample, result)
    )
    with store._cursor(write=True) as cur:
        cur.execute(
            "UPDATE scenario_plan_rows SET team_id = ? "
            "WHERE scenario_id = -2 AND team_id IS NOT NULL",
            [sample.teams[0].team_id],
        )
    with pytest.raises(StorageError, match="no longer keeps every rule"):
        store.kept_work()


def test_work_made_on_other_data_says_so_in_the_offer(store, sample):
    """Two apps on one scenario database, one opened on the sample and one on another
    quarter's folder: the second app offered the first's edit as "Your unsaved work ...
    (Teams: 10 added, 6 removed; Projects: 51 added, 30 removed ...) was kept: its tab was
    reloaded or closed", as if its own. The offer names the files the work was made on,
    and that another app on the same database may have made it."""
    store.keep_work(edited(sample), "the bundled sample quarter, edited")
    kept = store.kept_work()
    assert kept is not None
    other = offer_text(kept, sample, "the data in q3-emea", opened_source="q3-emea")
    assert (
        "made on files loaded from the bundled sample quarter, edited, not on the data in q3-emea"
    ) in other, other
    assert "another app that uses this scenario database" in other, other
    # Work on the data this app opened reads as before.
    own = offer_text(
        kept, sample, "the bundled sample quarter", opened_source="the bundled sample quarter"
    )
    assert own == offer_text(kept, sample, "the bundled sample quarter")
    assert "made on" not in own and "another app" not in own


def test_work_made_on_a_folder_whose_name_begins_as_the_opened_one_s_says_so(store, sample):
    """The files the work was made on are told apart by their whole name, not its start:
    work on q3-emea offered to an app opened on q3 read as that app's own."""
    store.keep_work(edited(sample), "q3-emea, edited")
    kept = store.kept_work()
    assert kept is not None
    other = offer_text(kept, sample, "the data in q3", opened_source="q3")
    assert "made on files loaded from q3-emea, edited, not on the data in q3" in other, other
    assert "made on" not in offer_text(kept, sample, "the data in q3-emea", "q3-emea")


def test_kept_work_with_whole_number_settings_reads_back(store, sample):
    """Work kept through the Python API with ``time_limit_s=5`` (not 5.0), a weight, the
    max utilisation and a multiplier of 1 read back "does not read back as it was kept (was
    the database edited by hand?)": the int was written ``5`` and read back as 5.0, two
    fingerprints for one setting. A whole number is a valid figure: the settings hold it as
    the float settings.toml reads, so both spell it alike."""
    from planner.core.settings import CapacitySettings, Weights
    from planner.core.settings_reading import parse_settings

    settings = sample.settings.with_changes(
        solve=replace(sample.settings.solve, time_limit_s=5),
        capacity=CapacitySettings(max_utilization=1, multipliers={"marketing": 2}),
        weights=Weights(attainment=2, balance=0),
    )
    work = sample.replace(settings=settings)
    assert parse_settings(settings.to_toml()).to_toml() == settings.to_toml()
    key = store.keep_work(work, "edited through the API")
    kept = store.kept_work()
    assert kept is not None and kept.fingerprint == key == fingerprint(kept.problem)
    assert kept.problem.settings == settings and kept.problem.settings.solve.time_limit_s == 5


def test_a_changed_plan_in_force_replaces_the_one_kept(store, sample):
    """The current plan's rows are written again only when its plan changed (its tables
    only when they did): a plan kept in its place on the same data reads back as itself,
    not as the plan kept before it, and the same one kept again is written once."""
    from planner.scenarios.kept_work import KeptPlan

    first = solve(sample)
    weights = replace(sample.settings.weights, balance=0.0, fit=0.0)
    other = solve(sample.replace(settings=replace(sample.settings, weights=weights)))
    assert other.plan is not None and other.plan != first.plan
    work = edited(sample).replace(baseline=None)
    for result in (first, other, other):
        store.keep_work(work, "edit", in_force=KeptPlan(sample, result))
        kept = store.kept_work()
        assert kept is not None and kept.in_force is not None
        assert kept.in_force.result.plan == result.plan
    with store._cursor() as cur:
        rows = cur.execute(
            "SELECT count(*) FROM scenario_plan_rows WHERE scenario_id = -2"
        ).fetchone()
    assert other.plan is not None
    assert rows == (len(other.plan.assignments) + len(other.plan.unassigned),)


def test_work_saved_as_a_scenario_is_no_longer_kept_as_unsaved(store, sample):
    """The server stopped (a restart, a crash) a moment after a what-if was saved, before
    the page that saved it dropped its kept work: the reload read "Your unsaved work ...
    (Marketing capacity 100 % → 95 %) was kept ... before it was saved as a scenario",
    beside scenario #1 holding exactly those inputs. The save drops work with its inputs in
    its own transaction; a save of other inputs, or one refused, leaves the work kept."""
    work = edited(sample).replace(baseline=None)
    result = solve(work)
    store.keep_work(work, "kept")
    store.save(new_scenario(sample, solve(sample), "Q3"))
    kept = store.kept_work()
    assert kept is not None and kept.problem == work
    with pytest.raises(NameTakenError):
        store.save(new_scenario(work, result, "Q3"))
    assert store.kept_work() is not None
    store.save(new_scenario(work, result, "Q3 lean"))
    assert store.kept_work() is None
    assert store.load(store.find("Q3 lean").scenario_id).problem == work


def test_work_saved_as_a_check_in_s_parent_is_no_longer_kept_as_unsaved(store, sample):
    """A check-in saves the plan it was made against first, in the same transaction: the
    work kept with those inputs is saved too."""
    work = edited(sample).replace(baseline=None)
    result = solve(work)
    store.keep_work(work, "kept")
    store.save(
        new_scenario(sample, solve(sample), "Week 6"),
        new_parent=new_scenario(work, result, "Q3 as planned"),
    )
    assert store.kept_work() is None


def test_work_a_scenario_would_not_give_back_whole_stays_kept(store, sample):
    """A scenario keeps its baseline's owners and locks, not a re-plan's weeks under way:
    work whose baseline has them is not what loading the scenario gives back, and stays."""
    work = edited(sample)
    store.keep_work(work, "kept")
    saved = store.save(new_scenario(work, solve(work), "Q3 re-plan"))
    assert store.load(saved.scenario_id).problem != work
    kept = store.kept_work()
    assert kept is not None and kept.problem == work


@pytest.mark.parametrize(
    "stored", ["bundled sample (data/sample)", "bundled sample (data/sample), edited"]
)
def test_work_kept_with_the_samples_old_words_reads_as_the_sample(store, sample, stored):
    """Work kept before the sample's source was "the bundled sample quarter" holds
    "bundled sample (data/sample)", a repository path on a leader's screen. It reads back in
    today's words, and its offer, on an app opened on the sample, does not say it was made on
    other files ("made on files loaded from bundled sample (data/sample) ...")."""
    store.keep_work(edited(sample), stored)
    kept = store.kept_work()
    assert kept is not None
    assert kept.source == stored.replace(
        "bundled sample (data/sample)", "the bundled sample quarter"
    )
    offer = offer_text(
        kept, sample, "the bundled sample quarter", opened_source="the bundled sample quarter"
    )
    assert "made on" not in offer and "data/sample" not in offer, offer


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("the bundled sample data", "the bundled sample quarter"),
        ("the data in q3-emea", "the data in q3-emea"),
        (
            "the saved scenario #1 the bundled sample data",
            "the saved scenario #1 the bundled sample data",
        ),
    ],
)
def test_work_built_on_the_sample_in_its_old_words_reads_as_built_on_the_sample(
    store, sample, stored, read
):
    """The basis line said "Built on the bundled sample data" while the sidebar said "Files
    loaded from the bundled sample quarter": two names for one sample. Work kept with the
    old basis label reads back built on "the bundled sample quarter", the name the pages and
    the workbook now give it; other labels (a folder, a scenario's name) read as kept."""
    if stored.startswith("the saved scenario #1"):  # a scenario saved under those words
        store.save(new_scenario(sample, solve(sample), "the bundled sample data"))
    store.keep_work(edited(sample), "the bundled sample quarter, edited", basis=(stored, "k"))
    kept = store.kept_work()
    assert kept is not None and kept.basis == (read, "k")


def test_the_bundled_sample_is_built_on_by_one_name_however_its_folder_is_written(
    tmp_path, monkeypatch
):
    """``planner solve data/sample --out plan.xlsx`` said its plan was built on "the data in
    sample" where the app's Export of the same plan said "the bundled sample quarter": one
    name for the sample, however its folder is written, and other data by its own name."""
    from planner.scenarios.kept_work import SAMPLE_DIR, SAMPLE_SOURCE, folder_label

    monkeypatch.chdir(SAMPLE_DIR.parent.parent)
    for written in ["data/sample", "./data/sample/", str(SAMPLE_DIR), "data/../data/sample"]:
        assert folder_label(written) == "the bundled sample quarter" == SAMPLE_SOURCE, written
    assert folder_label("data/sample", "whatif.toml") == (
        "the bundled sample quarter with the settings in whatif.toml"
    )
    copy = tmp_path / "sample"
    copy.mkdir()
    assert folder_label(copy) == "the data in sample"
    assert folder_label(str(tmp_path / "q3.xlsx"), "w.toml") == (
        "the data in q3.xlsx with the settings in w.toml"
    )


def test_work_kept_from_another_browser_is_offered_as_another_browser_s(store, sample):
    """Any browser on the server is offered the work kept: one that did not make it read
    "Your unsaved work" of a colleague's draft. The browser's mark is kept with the work,
    and the offer says whose it is; to the browser that kept it, or one the app could not
    mark, it reads as before."""
    one = sample.replace(teams=edited(sample).teams)
    mine, theirs = "a" * 32, "b" * 32
    store.keep_work(one, "kept", kept_at=datetime(2026, 3, 31, 9, 5, tzinfo=UTC), kept_by=mine)
    kept = store.kept_work()
    assert kept is not None and kept.kept_by == mine
    own = (
        "Your unsaved work from 2026-03-31 09:05 UTC (SDR Team capacity 1,000 h → 123 h) was kept."
    )
    assert offer_line(kept, sample, browser=mine) == own
    assert offer_line(kept, sample, browser=None) == own
    assert offer_line(kept, sample, browser=theirs) == (
        "Unsaved work from another browser, from 2026-03-31 09:05 UTC "
        "(SDR Team capacity 1,000 h → 123 h), was kept."
    )
    text = offer_text(kept, sample, "the bundled sample quarter", browser=theirs)
    assert text.startswith("Unsaved work from another browser, from 2026-03-31 09:05 UTC")
    assert "Your" not in text
    assert offer_text(kept, sample, "the bundled sample quarter", browser=mine).startswith(
        "Your unsaved work"
    )
    # Kept with no mark (before marks were, or a browser the app could not mark): as before.
    store.keep_work(one, "kept", kept_at=datetime(2026, 3, 31, 9, 5, tzinfo=UTC))
    unmarked = store.kept_work()
    assert unmarked is not None and unmarked.kept_by is None
    assert offer_line(unmarked, sample, browser=theirs) == own


def test_work_kept_as_a_saved_scenario_reads_back_as_it_is_now_renamed_or_deleted(store, sample):
    """Work saved as #N, then the scenario renamed or deleted by another process: a reload
    offered "The saved scenario #1 Q3 was open here ... it stays saved on the Scenarios
    page" of a scenario deleted since, and Restore it said "Built on the saved scenario #1
    Q3 · no unsaved changes". It reads back under the scenario's name now, or as deleted
    since (unsaved work again)."""
    saved = store.save(new_scenario(sample, solve(sample), "Q3"))
    label = f"the saved scenario #{saved.scenario_id} Q3"
    store.keep_work(sample, "kept", basis=(label, fingerprint(sample)))
    kept = store.kept_work()
    assert kept is not None and kept.saved_as == label
    store.rename(saved.scenario_id, "Final Q3")
    kept = store.kept_work()
    assert kept is not None and kept.saved_as == f"the saved scenario #{saved.scenario_id} Final Q3"
    store.delete(saved.scenario_id)
    kept = store.kept_work()
    assert kept is not None and kept.saved_as is None
    assert kept.basis is not None and kept.basis[0].endswith(DELETED_SINCE)
