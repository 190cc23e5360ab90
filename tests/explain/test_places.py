"""The places a fix is made in, said as each reader finds them (``planner.explain.places``)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from builders import problem, project, team

from planner.core.domain import CalendarRow, Status
from planner.explain import for_reader
from planner.explain.places import APP_PLACES
from planner.solving.solver import solve


def _no_week_holds_launch() -> list[str]:
    """The reasons a mandatory project that no week of its team can hold gives."""
    p = problem(
        [team("m1", capacity=130, name="Brand")],
        [project("launch", effort=30, duration_weeks=1, due_week=3, name="Launch")],
        calendar=[CalendarRow("m1", 1, 3, D(10))],
    )
    result = solve(p.replace(projects=(replace(p.projects[0], mandatory=True),)))
    assert result.status is Status.INFEASIBLE
    return list(result.reasons)


def test_the_app_names_the_data_page_s_tables_where_the_cli_names_files_and_columns():
    """The app's no-plan explanation read "Give it more weeks (duration_weeks) or a wider
    window (earliest_week to due_week), give its team more hours in those weeks
    (calendar.csv)": column and file names a CMO on the Data page never sees."""
    (launch,) = [r for r in _no_week_holds_launch() if r.startswith("'Launch' is mandatory")]
    app = for_reader(launch, "app")
    # In the grid's headings' words ("its duration" and "its earliest and due weeks" were
    # words the Projects table never shows).
    assert '(its "Weeks it runs" on the Data page\'s Projects table)' in app
    assert (
        '(its "Starts no earlier than week" and "Done by week" on the Data page\'s Projects '
        "table)" in app
    )
    assert "(the team's weeks on the Data page's Calendar table)" in app
    assert not [word for word in ("_week", ".csv") if word in app], app
    # The CLI's reader edits the files: the same sentence, its file and columns named.
    assert for_reader(launch, "cli") == launch
    assert "(calendar.csv)" in launch and "(duration_weeks)" in launch


def test_every_place_the_app_renames_reads_without_a_file_or_column_name():
    """A place the app says in its own words still naming a column would be no help."""
    for files, app in APP_PLACES.items():
        assert for_reader(f"Change it {files}.", "app") == f"Change it {app}."
        assert "_" not in app and ".csv" not in app, app


def test_the_app_names_the_data_grid_s_headings_for_a_project_s_weeks():
    """Each heading the app's places name is one the Data page's Projects table shows."""
    from planner.core.editing import HEADINGS
    from planner.core.tables import PROJECTS

    named = " ".join(APP_PLACES.values())
    for column in ("duration_weeks", "earliest_week", "due_week"):
        assert f'"{HEADINGS[PROJECTS][column][0]}"' in named, named
    assert "its duration" not in named and "due weeks" not in named


def test_work_in_progress_that_may_move_is_said_in_one_wording_for_both_readers():
    """The CLI said "Unlock 'Webinars' so that ..." and the app 'Tick "May move" for
    'Webinars' so that ...': two wordings of one fix. Both say "let 'Webinars' move", the
    CLI naming its flag with the id and the app its Check-in box."""
    from planner.explain.places import let_move

    cli = let_move("'Webinars'", "W1") + " so that Content may hand it over."
    assert cli == "let 'Webinars' move (--unlock W1) so that Content may hand it over."
    assert for_reader(cli, "cli") == cli
    assert for_reader(cli, "app") == (
        "let 'Webinars' move (tick \"May move\" in the Projects table) so that Content may hand "
        "it over."
    )
    it = f"or {let_move('it', 'W1')} so that another team may take it over."
    assert for_reader(it, "app") == (
        'or let it move (tick "May move" in the Projects table) so that another team may take '
        "it over."
    )


def test_an_id_with_brackets_is_said_in_the_app_s_words_too():
    """A project id may hold brackets ("AW(01)" is a valid id): the app read "let 'X' move
    (--unlock AW(01)) so that ...", the CLI's flag, where every other id read its
    Check-in box."""
    from planner.explain.places import let_move

    tick = '(tick "May move" in the Projects table)'
    for project_id in ("AW(01)", "a)b", "(x)"):
        said = f"{let_move(repr('X'), project_id)} so that Content may hand it over."
        assert for_reader(said, "app") == f"let 'X' move {tick} so that Content may hand it over."
    two = f"{let_move('it', 'W(1)')}, or unpin 'Y' and {let_move('it', 'W2')}."
    assert for_reader(two, "app") == f"let it move {tick}, or unpin 'Y' and let it move {tick}."


def test_an_id_with_a_bracket_then_a_space_or_stop_is_said_whole_in_both_readers_words():
    """An id holding ") " or ")." ("X) Y", "A).") ended the app's "--unlock" at its own
    bracket: the app read "let 'X' move (tick ...) Y) so that ...". The CLI's flag quotes an
    id a shell would split or refuse (`--unlock 'X) Y'`), so it pastes back as that one id
    and the app's sentence knows where the flag ends."""
    import shlex

    from planner.explain.places import let_move

    tick = '(tick "May move" in the Projects table)'
    for project_id in ("X) Y", "A).", "A),b", "AW(01) so", "x)\\tz", "it's (1)", "W1", "AW(01)"):
        said = f"{let_move(repr('X'), project_id)} so that Content may hand it over."
        assert for_reader(said, "app") == f"let 'X' move {tick} so that Content may hand it over."
        flag = said.split(" (--unlock ", 1)[1].removesuffix(") so that Content may hand it over.")
        assert shlex.split(flag) == [project_id], said
