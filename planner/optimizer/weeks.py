"""Rules 10-12, the quarter's weeks, as linear rows over start columns (time-indexed).

A pair whose project may start in more than one week gets one 0/1 *start
column* per possible start week ``s`` (``y[pair, s]``, with ``sum_s y = x``);
a pair whose project can start only one way (no duration, or a duration as
long as its window) needs none: its pair column is its start. Then:

10. weekly capacity: for team ``t`` and week ``w``,
    ``sum over (pair, s) covering w of hours(pair) / duration x y[pair, s] <= limit(t, w)``,
    scaled by ``hour_scale x lcm(durations)`` so every coefficient is whole
    and the limit exact;
11. window and duration: start columns exist only for ``earliest .. due -
    duration + 1``; both owners of a joint project start in the same week;
12. finish to start, time-indexed (the strongest linear form): a project that
    has started by week ``t`` needs its prerequisite started by ``t - d``,
    where ``d`` is the prerequisite's duration.

Why time-indexed booleans rather than optional intervals and a cumulative
per team: the weekly limit differs by week and loads are fractions of hours,
which a cumulative would take as a profile of fixed dummy intervals and
rounded demands; the boolean rows are exact, give the LP bound the weekly
rule too, and measured faster on the benchmark sizes (bench/results.md).

The rows are built only when the problem is time-phased
(:attr:`~planner.core.domain.Problem.is_time_phased`): round-1 data keeps
its size and speed, and rule 5 already says all that rule 10 would.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from planner.core.domain import SALES, Problem, Project
from planner.core.pairs import Pair, converted
from planner.core.weeks import earliest_start, start_after, week_limits

#: add_row(kind, about_a, about_b, cols, coeffs, lower, upper, unit)
AddRow = Callable[[str, str, str, Sequence[int], Sequence[int], int | None, int | None, int], None]
NewColumn = Callable[[str], int]

WEEK_CAPACITY = "week_capacity"
WINDOW = "window"
SEQUENCE = "sequence"


@dataclass
class StartColumns:
    """Where each pair may start: pair row -> {start week: column}.

    A pair with one possible start maps that week to its own pair column.
    """

    starts: dict[int, dict[int, int]] = field(default_factory=dict)

    def start_of(self, row: int, value: Callable[[int], bool]) -> int | None:
        """The start week the solution gives the pair (None when unassigned)."""
        for week, column in self.starts.get(row, {}).items():
            if value(column):
                return week
        return None


def add_week_rules(
    problem: Problem,
    projects: Sequence[Project],
    pairs: Sequence[Pair],
    hours: Sequence[int],
    hour_scale: int,
    add_row: AddRow,
    new_column: NewColumn,
) -> StartColumns:
    """Add rules 10-12 for ``projects`` over ``pairs`` (pair ``i`` is column ``i``).

    Returns the start columns; ``new_column(project_id)`` makes one.
    """
    columns = StartColumns()
    by_project: dict[str, list[int]] = defaultdict(list)
    by_team: dict[str, list[int]] = defaultdict(list)
    for row, pair in enumerate(pairs):
        by_project[pair.project_id].append(row)
        by_team[pair.team_id].append(row)
    _start_columns(problem, projects, by_project, columns, add_row, new_column)
    _joint_same_start(problem, projects, pairs, by_project, columns, add_row)
    _week_capacity(problem, pairs, hours, hour_scale, by_team, columns, add_row)
    _finish_to_start(problem, projects, pairs, by_project, columns, add_row)
    return columns


def _start_columns(
    problem: Problem,
    projects: Sequence[Project],
    by_project: Mapping[str, list[int]],
    columns: StartColumns,
    add_row: AddRow,
    new_column: NewColumn,
) -> None:
    """Rule 11: one start column per possible start week; exactly one when assigned."""
    for project in projects:
        starts = problem.starts(project)
        for row in by_project.get(project.project_id, ()):
            if len(starts) == 1:
                columns.starts[row] = {starts[0]: row}
                continue
            own = {week: new_column(project.project_id) for week in starts}
            columns.starts[row] = own
            add_row(
                WINDOW,
                project.project_id,
                "",
                [*own.values(), row],
                [1] * len(own) + [-1],
                0,
                0,
                1,
            )


def _joint_same_start(
    problem: Problem,
    projects: Sequence[Project],
    pairs: Sequence[Pair],
    by_project: Mapping[str, list[int]],
    columns: StartColumns,
    add_row: AddRow,
) -> None:
    """Rule 11 for joint projects: the sales and the marketing team start in the same week."""
    for project in projects:
        starts = problem.starts(project)
        if not project.joint or len(starts) == 1:
            continue
        rows = by_project.get(project.project_id, ())
        for week in starts:
            cols, coeffs = [], []
            for row in rows:
                cols.append(columns.starts[row][week])
                coeffs.append(1 if pairs[row].department == SALES else -1)
            if cols:
                add_row(WINDOW, project.project_id, str(week), cols, coeffs, 0, 0, 1)


def _week_capacity(
    problem: Problem,
    pairs: Sequence[Pair],
    hours: Sequence[int],
    hour_scale: int,
    by_team: Mapping[str, list[int]],
    columns: StartColumns,
    add_row: AddRow,
) -> None:
    """Rule 10 over every team's start columns, scaled so that each is exact."""
    for team in problem.teams:
        rows = by_team.get(team.team_id, [])
        if not rows:
            continue
        durations = [problem.duration(problem.project(pairs[r].project_id)) for r in rows]
        lcm = math.lcm(*durations)
        unit = hour_scale * lcm
        # The team's weeks in order (a run's weeks join their week's load, not the order).
        loads: WeekLoads = {(team.team_id, week): {} for week in range(1, problem.num_weeks + 1)}
        for row, duration in zip(rows, durations, strict=True):
            load = hours[row] * (lcm // duration)
            for start, column in columns.starts.get(row, {}).items():
                add_run(loads, team.team_id, column, start, duration, load)
        bounds = {team.team_id: week_units(problem, team.team_id, unit)}
        week_capacity_rows(loads, bounds, unit, add_row)


#: What :meth:`WeekRoom.repack` answers: project id -> start week, or ``None``.
_Repack = Mapping[str, int] | None
_RepackKey = tuple[int, int, tuple[int, ...], tuple[int, ...]]

#: (team, week) -> {column: its load in that week}: what rule 10 sums, week by week.
WeekLoads = dict[tuple[str, int], dict[int, int]]


def add_run(
    loads: WeekLoads, team_id: str, column: int, start: int, duration: int, load: int
) -> None:
    """``column`` at 1 runs ``duration`` weeks from ``start`` with ``load`` in each."""
    if load == 0:
        return
    for week in range(start, start + duration):
        loads.setdefault((team_id, week), {})[column] = load


def week_capacity_rows(
    loads: WeekLoads, bounds: Mapping[str, Sequence[int]], unit: int, add_row: AddRow
) -> None:
    """Rule 10: each team's load in each week within its bound, in ``loads``' order.

    ``bounds[team][week - 1]``: what the team may plan in that week; loads and
    bounds in ``1 / unit`` hours. No row for a week that every run at once
    still fits.
    """
    for (team_id, week), cells in loads.items():
        limit = bounds[team_id][week - 1]
        if not cells or sum(cells.values()) <= limit:
            continue  # cannot bind: every run at once still fits
        add_row(
            WEEK_CAPACITY, team_id, str(week), list(cells), list(cells.values()), None, limit, unit
        )


def week_units(problem: Problem, team_id: str, unit: int) -> list[int]:
    """Rule 10: what a team may plan in each week, in whole ``1 / unit`` hours, rounded down.

    Exact where each pair's weekly share is whole in those units (``unit`` a
    multiple of the hour scale x the durations' lcm): whole shares fit a week
    exactly when their sum fits its rounded-down limit.
    """
    # floor(n / d x unit) in whole numbers: the same as Fraction's product and floor, without
    # a Fraction made per week (4,200 at 150 teams in 14 weeks, each greedy's set-up).
    return [limit.numerator * unit // limit.denominator for limit in week_limits(problem, team_id)]


def _side(project: Project, pairs: Sequence[Pair], rows: Sequence[int]) -> list[int]:
    """The pairs whose starts say when the project starts: one side of a joint project."""
    if not project.joint:
        return list(rows)
    return [r for r in rows if pairs[r].department == SALES]


def _finish_to_start(
    problem: Problem,
    projects: Sequence[Project],
    pairs: Sequence[Pair],
    by_project: Mapping[str, list[int]],
    columns: StartColumns,
    add_row: AddRow,
) -> None:
    """Rule 12: started by week t needs the prerequisite (duration d) started by t - d."""
    for project in projects:
        after = problem.runs_after(project)
        mine = _side(project, pairs, by_project.get(project.project_id, ())) if after else []
        if not mine:
            continue
        for needed_id in after:
            needed = problem.project(needed_id)
            theirs = _side(needed, pairs, by_project.get(needed_id, ()))
            length = problem.duration(needed)
            for t in problem.starts(project):
                cols: list[int] = []
                coeffs: list[int] = []
                for row in mine:
                    for week, column in columns.starts.get(row, {}).items():
                        if week <= t:
                            cols.append(column)
                            coeffs.append(1)
                for row in theirs:
                    for week, column in columns.starts.get(row, {}).items():
                        if week <= t - length:
                            cols.append(column)
                            coeffs.append(-1)
                add_row(SEQUENCE, project.project_id, needed_id, cols, coeffs, None, 0, 1)


class WeekRoom:
    """Each team's free hours per week, for a greedy that picks start weeks as it goes.

    Exact (:func:`week_units`): a pair's weekly share ``hours x scale x lcm /
    duration`` is whole (``lcm`` of the durations, ``hours`` already x ``scale``).
    """

    def __init__(
        self, problem: Problem, pairs: Sequence[Pair], hours: Sequence[int], scale: int
    ) -> None:
        self.problem = problem
        self.pairs = pairs
        durations = {p.project_id: problem.duration(p) for p in problem.projects}
        lcm = math.lcm(*durations.values()) if durations else 1
        # Per project, then per pair (a project's pairs come together: one look-up each).
        factors = {project_id: lcm // d for project_id, d in durations.items()}
        project_ids = [p.project_id for p in pairs]
        self.duration = converted(project_ids, durations.__getitem__)
        factor_of = converted(project_ids, factors.__getitem__)
        self.per_week = [h * f for h, f in zip(hours, factor_of, strict=True)]
        #: :attr:`per_week` and :attr:`free` are in ``1 / unit`` hours.
        self.unit = scale * lcm
        self.free = {t.team_id: week_units(problem, t.team_id, self.unit) for t in problem.teams}
        #: Project id -> the start week it was given.
        self.start: dict[str, int] = {}
        #: Project id -> the last week it runs, read off :attr:`start`.
        self.end = _Ends(self, durations)
        self._starts_of: dict[str, range] = {}
        #: Each project's first week and the prerequisites it runs after (rule 12), read once.
        self._first = {p.project_id: problem.window(p).start for p in problem.projects}
        self._after = {p.project_id: problem.runs_after(p) for p in problem.projects}
        self._team_of = [p.team_id for p in pairs]
        #: Team id -> {row: its :meth:`fits`} and {row: its :meth:`start_for`}, for one-owner
        #: projects without prerequisites (then they read only the team's room): forgotten
        #: when the team's room changes. The searches ask them again and again between moves.
        self._fits_of: dict[str, dict[int, bool]] = {t: {} for t in self.free}
        self._start_of: dict[str, dict[int, int | None]] = {t: {} for t in self.free}
        #: Team id -> {(row, how many held, held and shifted rows, their starts): its
        #: :meth:`repack`}, forgotten in the same way.
        self._repack_of: dict[str, dict[_RepackKey, _Repack]] = {t: {} for t in self.free}

    def earliest(self, project: Project) -> int:
        """Rules 11-12: its earliest week, after every prerequisite it runs after has ended
        (:func:`~planner.core.weeks.earliest_start`, its window and prerequisites read once)."""
        pid = project.project_id
        after = self._after.get(pid)
        if after is None:  # not one of the problem's projects
            return earliest_start(self.problem, project, self.end)
        return start_after(self._first[pid], after, self.end) if after else self._first[pid]

    def _starts(self, project: Project) -> range:
        starts = self._starts_of.get(project.project_id)
        if starts is None:
            starts = self._starts_of[project.project_id] = self.problem.starts(project)
        return starts

    def start_for(self, project: Project, rows: Sequence[int]) -> int | None:
        """The start with room for every row's weekly share that leaves most room (None: none).

        A row's room in a run is ``(free - need) / (free + 1)`` at its fullest week:
        that ratio grows with ``free``, so its least over the run's weeks is the
        ratio at the least free week (one ``min`` over a slice, not one per week).
        """
        if len(rows) != 1 or self._after.get(project.project_id, True):
            return self._best_start(project, rows)
        (row,) = rows
        known = self._start_of[self._team_of[row]]
        if row in known:
            return known[row]
        start = known[row] = self._best_start(project, rows)
        return start

    def _best_start(self, project: Project, rows: Sequence[int]) -> int | None:
        """:meth:`start_for`, worked out from the room as it is now."""
        earliest = self.earliest(project)
        best: tuple[float, int] | None = None
        for start in self._starts(project):
            if start < earliest:
                continue
            slack = math.inf
            for row in rows:
                need = self.per_week[row]
                lowest = min(
                    self.free[self.pairs[row].team_id][start - 1 : start - 1 + self.duration[row]]
                )
                if lowest < need:
                    slack = -1
                    break
                slack = min(slack, (lowest - need) / (lowest + 1))
            if slack >= 0 and (best is None or slack > best[0]):
                best = (slack, start)
        return None if best is None else best[1]

    def room_at(self, project: Project, rows: Sequence[int], start: int) -> bool:
        """Whether ``start`` is one of the project's starts with room for every row's share."""
        if start not in self._starts(project) or start < self.earliest(project):
            return False
        return all(
            min(self.free[self.pairs[r].team_id][start - 1 : start - 1 + self.duration[r]])
            >= self.per_week[r]
            for r in rows
        )

    def fits(self, project: Project, rows: Sequence[int]) -> bool:
        """Whether some start has room for every row's weekly share (as :meth:`start_for`).

        One owner (the local search asks this most): a run of ``duration`` weeks
        with room, inside the weeks its starts span, in one pass over them.
        """
        if len(rows) == 1:
            fits = self._fits_of[self._team_of[rows[0]]].get(rows[0])
            if fits is not None:  # known, and nothing changed on the team since
                return fits
        starts = self._starts(project)
        first = self.earliest(project)  # never before its first start
        if first >= starts.stop:
            return False
        if len(rows) != 1:
            return self.start_for(project, rows) is not None
        (row,) = rows
        team_id = self._team_of[row]
        fits = self._run_fits(self.free[team_id], row, first, starts.stop)
        if not self._after.get(project.project_id, True):
            self._fits_of[team_id][row] = fits
        return fits

    def _run_fits(self, free: list[int], row: int, first: int, stop: int) -> bool:
        """Whether ``free`` has room for a run of ``row`` from a week ``first .. stop - 1``."""
        need, duration = self.per_week[row], self.duration[row]
        run = 0
        for week in range(first - 1, stop + duration - 2):
            if free[week] < need:
                run = 0
                continue
            run += 1
            if run >= duration:
                return True
        return False

    def _changed(self, team_id: str) -> None:
        """The team's room changed: what :meth:`fits` and :meth:`start_for` knew of it is gone."""
        self._fits_of[team_id].clear()
        self._start_of[team_id].clear()
        self._repack_of[team_id].clear()

    def fits_in_turn(self, project: Project, row: int, other: Project, held: int) -> bool:
        """Whether, with ``other`` out of its weeks on ``held``, ``project`` finds a start on
        ``row`` (the same team) and ``other`` then a start on ``held`` again: both picked
        as :meth:`start_for` picks them. The room is as it was after.

        When neither runs after a prerequisite (rule 12; the searches move only such
        projects) each one's earliest week is its window's, whatever the plan's starts, so
        only the team's weekly room changes while it looks, given back to the unit (whole
        numbers); otherwise the whole room is saved and put back.
        """
        if self._after.get(project.project_id, True) or self._after.get(other.project_id, True):
            saved = self.snapshot()
            self.release(other.project_id, [held])
            start = self.start_for(project, [row])
            if start is not None:
                self.take(project, [row], start)
            fits = start is not None and self.start_for(other, [held]) is not None
            self.restore(saved)
            return fits
        team_id = self._team_of[held]
        assert team_id == self._team_of[row], "one team's two rows"
        free = self.free[team_id]
        was = self.start[other.project_id]
        self._add(free, held, was, 1)
        try:  # the room as it is while it looks: not what start_for knows of the team
            # A run with room first (the cheap scan of :meth:`fits`): without one there is
            # no start either, and most projects find none.
            starts = self._starts(project)
            if not self._run_fits(free, row, self.earliest(project), starts.stop):
                return False
            start = self._best_start(project, [row])
            if start is None:
                return False
            self._add(free, row, start, -1)
            fits = self._best_start(other, [held]) is not None
            self._add(free, row, start, 1)
            return fits
        finally:
            self._add(free, held, was, -1)

    def fits_without(self, project: Project, row: int, held: Sequence[int]) -> bool:
        """Whether ``project`` finds a start on ``row`` once the projects on ``held`` (rows
        of the same team, each started) are out of their weeks; the room is as it was after.
        """
        team_id = self._team_of[row]
        free = self.free[team_id]
        runs = [(r, self.start[self.pairs[r].project_id]) for r in held]
        for r, was in runs:
            assert self._team_of[r] == team_id, "one team's rows"
            self._add(free, r, was, 1)
        try:
            return self._run_fits(free, row, self.earliest(project), self._starts(project).stop)
        finally:
            for r, was in runs:
                self._add(free, r, was, -1)

    def repack(
        self, project: Project, row: int, held: Sequence[int], shifted: Sequence[int]
    ) -> _Repack:
        """Start weeks that give ``project`` a run on ``row`` once the projects on ``held``
        are out of their weeks and those on ``shifted`` may move to other weeks of their
        windows (rows of the same team, each started; none runs after a prerequisite or
        before a dependent, rule 12): project id -> start, ``project``'s and each shifted
        one's; ``None`` when none is found. The room is as it was after.

        A greedy, not a proof: the runs one at a time, each at the start
        :meth:`start_for` would pick, in two orders (``project`` first, then
        the rest with the fewest starts first and the heaviest first among
        them; or all of them in that order), the first that places them all.
        """
        team_id = self._team_of[row]
        runs = (*held, *shifted)
        starts = tuple(self.start[self.pairs[r].project_id] for r in runs)
        key = (row, len(held), runs, starts)
        known = self._repack_of[team_id]
        if key not in known:  # the searches ask again in each pass until the team changes
            known[key] = self._repack(project, row, held, shifted)
        return known[key]

    def _repack(
        self, project: Project, row: int, held: Sequence[int], shifted: Sequence[int]
    ) -> _Repack:
        """:meth:`repack`, worked out from the room as it is now."""
        team_id = self._team_of[row]
        free = self.free[team_id]
        runs = [(r, self.start[self.pairs[r].project_id]) for r in (*held, *shifted)]
        for r, was in runs:
            assert self._team_of[r] == team_id, "one team's rows"
            self._add(free, r, was, 1)
        try:
            # No run even with every one of them out of its weeks: no order places them all.
            if not self._run_fits(free, row, self.earliest(project), self._starts(project).stop):
                return None
            items = [(self.problem.project(self.pairs[r].project_id), r) for r in shifted]
            items.sort(key=self._tightest_first)
            ours = (project, row)
            at = sum(1 for item in items if self._tightest_first(item) < self._tightest_first(ours))
            for order in ([ours, *items], [*items[:at], ours, *items[at:]]):
                starts = self._place_in_turn(free, order)
                if starts is not None:
                    return starts
            return None
        finally:
            for r, was in runs:
                self._add(free, r, was, -1)

    def _tightest_first(self, item: tuple[Project, int]) -> tuple[int, int, str]:
        """:meth:`repack`'s order: the fewest starts first, then the most hours."""
        project, row = item
        starts = len(self._starts(project))
        return starts, -self.per_week[row] * self.duration[row], project.project_id

    def _place_in_turn(
        self, free: list[int], order: Sequence[tuple[Project, int]]
    ) -> dict[str, int] | None:
        """Each run of ``order`` in turn at the start :meth:`_best_start` picks in ``free``
        (the team's own room, which it reads; given back as it was); ``None`` as soon as one
        has none."""
        placed: list[tuple[int, int]] = []
        starts: dict[str, int] = {}
        try:
            for project, r in order:
                start = self._best_start(project, [r])
                if start is None:
                    return None
                self._add(free, r, start, -1)
                placed.append((r, start))
                starts[project.project_id] = start
            return starts
        finally:
            for r, start in placed:
                self._add(free, r, start, 1)

    def retime(self, starts: Mapping[str, int], rows: Mapping[str, int]) -> None:
        """Move started projects to new start weeks (same rows: ``rows[project id]``), all
        given back before any is taken again, so a :meth:`repack`'s answer can be carried out."""
        moving = [pid for pid, start in starts.items() if self.start.get(pid, start) != start]
        for pid in moving:
            self.release(pid, [rows[pid]])
        for pid in moving:
            self.take(self.problem.project(pid), [rows[pid]], starts[pid])

    def _add(self, free: list[int], row: int, start: int, sign: int) -> None:
        """Give back (``sign`` 1) or take (-1) ``row``'s weekly share of the run from ``start``."""
        share = sign * self.per_week[row]
        for week in range(start - 1, start - 1 + self.duration[row]):
            free[week] += share

    def take(self, project: Project, rows: Sequence[int], start: int) -> None:
        self.start[project.project_id] = start
        for row in rows:
            free = self.free[self.pairs[row].team_id]
            for week in range(start, start + self.duration[row]):
                free[week - 1] -= self.per_week[row]
            self._changed(self.pairs[row].team_id)

    def release(self, project_id: str, rows: Sequence[int]) -> None:
        """Give back the weeks a project took (it leaves the plan or changes owner)."""
        start = self.start.pop(project_id)
        for row in rows:
            free = self.free[self.pairs[row].team_id]
            for week in range(start, start + self.duration[row]):
                free[week - 1] += self.per_week[row]
            self._changed(self.pairs[row].team_id)

    def snapshot(self) -> tuple[dict[str, list[int]], dict[str, int]]:
        """The room and the starts as they are now, for :meth:`restore`."""
        return {t: list(free) for t, free in self.free.items()}, dict(self.start)

    def restore(self, saved: tuple[dict[str, list[int]], dict[str, int]]) -> None:
        free, start = saved
        for team_id, room in free.items():
            if room != self.free[team_id]:
                self._changed(team_id)
        self.free = {t: list(room) for t, room in free.items()}
        self.start = dict(start)


class _Ends(Mapping[str, int]):
    """Project id -> the last week it runs, for the projects a :class:`WeekRoom` has started."""

    def __init__(self, room: WeekRoom, durations: Mapping[str, int]) -> None:
        self.room = room
        self.durations = durations

    def __getitem__(self, project_id: str) -> int:
        return self.room.start[project_id] + self.durations[project_id] - 1

    def __iter__(self) -> Iterator[str]:
        return iter(self.room.start)

    def __len__(self) -> int:
        return len(self.room.start)
