"""The week columns of projects.csv and calendar.csv, checked like every input.

A mixin of the loader's builder (:mod:`planner.core.table_builder`): each method
appends its problems to the row they belong to (file, row, column, fix) and
none stops at the first one.
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from collections.abc import Collection, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal

from planner.core.cells import (
    FILE_WORDS,
    WEEK_CAPACITY,
    Bounds,
    Ids,
    MessageWords,
    Row,
    Table,
    clipped,
    looks_like_a_date,
    quoted_number,
)
from planner.core.dependency_graph import prerequisites_first
from planner.core.domain import CalendarRow, Project, finish_to_start, week_window
from planner.core.identifiers import id_key
from planner.core.settings import MAX_WEEKS, CalendarSettings, Settings
from planner.core.shared_words import joined, plural
from planner.core.shown_figures import first_few, hours
from planner.core.swapped_cells import Fit, said_swapped
from planner.core.tables import CALENDAR, MAX_DECIMALS, TEAMS
from planner.core.typed_numbers import PLAIN_DECIMAL, meant_figure, typed_figure, without_plus
from planner.core.weeks import start_after, weeks_words
from planner.core.writing import plain, week_cell

#: A week number as written: ASCII digits, short (a quarter has at most 53 weeks); 8.0 is
#: one too (pandas writes a column with a blank cell so, and duration_weeks takes it).
_WEEK = re.compile(r"([0-9]{1,4})(?:\.0+)?")
#: A whole number as written, of any length: a calendar week past the quarter is said so.
_DIGITS = re.compile(r"([0-9]+)(?:\.0+)?")


#: Projects whose due week their prerequisites make impossible, named one by one.
_LATE_NAMED = 10
#: Said after "so it cannot be assigned" of a mandatory project: the whole quarter has no
#: plan then, where `planner validate` read "valid" beside the warning.
#: Where a quarter's number of weeks is set, as a file's message names it.
WEEKS_SETTING = "[calendar] weeks"
NO_PLAN = "no plan can be made until this is fixed"
NO_PLAN_IF_MANDATORY = f"; it is mandatory, so {NO_PLAN}"


#: A date as a spreadsheet writes one in a CSV file, or a workbook's date cell reads.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00)?)?")


def week_of_date(text: str, calendar: CalendarSettings, *, monday: bool = False) -> int | None:
    """The quarter's week a date (``2025-07-14``, as a spreadsheet writes one) falls in;
    with ``monday``, only the Monday that starts it. None: no such week (no
    ``first_monday``, another day, or outside the quarter)."""
    first = calendar.first_monday
    found = _ISO_DATE.fullmatch(text.strip())
    if first is None or found is None:
        return None
    try:
        day = datetime.date(*(int(part) for part in found.groups()))
    except ValueError:  # 2025-02-30
        return None
    offset = (day - first).days
    if offset < 0 or (monday and offset % 7):
        return None
    week = offset // 7 + 1
    return week if week <= calendar.weeks else None


def date_in_week(shown: str, week: int, calendar: CalendarSettings) -> str:
    """A date typed for a week, said with the week it falls in (:func:`week_of_date`), as
    the data's files and a check-in say it: ``shown`` is the date as the message quotes it."""
    return (
        f"'{shown}' is a date: it falls in week {week} of the quarter (week 1 starts on "
        f"{calendar.first_monday})"
    )


def _half_range(parts: list[str], weeks: int, fix: str) -> tuple[str, str] | None:
    """Why a range with an end left out or a dash typed twice ('3-', '-5', '3--5') is none,
    and its fix; they read only "not a week or a range of weeks" with the quarter's weeks.
    None for any other text; ``fix`` is the calendar's, for a week outside the quarter.

    The fix is a week or range of the quarter: '-0' was told "Write 1-0 for weeks 1 to 0,
    or 0", '-20' "1-20 ... or 20", '13-' "13-13 for week 13 to the quarter's end" and
    '5--3' "Write it as 5-3", each refused again once typed.
    """
    found = [_DIGITS.fullmatch(p) for p in parts if p]
    if len(found) not in (1, 2) or not all(found):
        return None
    whole = sorted(int(m.group(1)) for m in found if m)
    if len(whole) == 2:
        first, last = whole
        said = "it has a dash too many"
        if outside := _outside(f"{first}-{last}", weeks):
            return f" ({said}, {outside})", fix
        return f" ({said})", f"Write it as {first}-{last}."
    (week,) = whole
    said = "it has no first week" if parts[0] == "" else "it has no last week"
    if outside := _outside(str(week), weeks):
        return f" ({said}, {outside})", fix
    if parts[0] == "":
        if week == 1:
            return f" ({said})", "Write 1: it is the quarter's first week."
        return f" ({said})", f"Write 1-{week} for weeks 1 to {week}, or {week}."
    if week == weeks:
        return f" ({said})", f"Write {week}: it is the quarter's last week."
    return (
        f" ({said})",
        f"Write {week}-{weeks} for week {week} to the quarter's end, or {week} for that week.",
    )


def _listed(text: str, row: Row, weeks: int, team: str, fix: str) -> tuple[str, str] | None:
    """Why weeks listed in one cell ('7,8,9-13') are none, and the rows to write instead:
    they read only "Write a week number 1-13, or a range such as 7-8". None for other text.

    The rows are written as they are to be typed: ``team`` (the id teams.csv writes), the
    weeks as ranges that run on joined ('7,8,9-13' is 7-13), none past the quarter, and
    the hours as a plain decimal ('55,5' is 55.5; hours nobody can read are HOURS): the
    row's own cells copied as typed ("content,7,55,5") were the mistakes again.
    """
    pieces = [p.strip() for p in re.split(r"[,;]", text.replace("–", "-"))]
    if len(pieces) < 2 or not all(_WEEKS_PIECE.fullmatch(p) for p in pieces):
        return None
    spans, past = _spans(pieces, weeks)
    beyond = (
        f"; {joined([str(w) for w in past[:3]])} {'is' if len(past) == 1 else 'are'} outside "
        f"the quarter's weeks 1-{weeks}"
        if past
        else ""
    )
    said = f" (it lists {len(pieces)} weeks or ranges: a row holds one{beyond})"
    if not spans:
        return said, fix
    shown = [week_cell(a, b) for a, b in spans]
    if len(shown) == 1:
        one = "it names one week" if "-" not in shown[0] else "the weeks run on, one range"
        return said, f"Write {shown[0]}: {one}."
    hours = _hours_to_write(row.text("capacity_hours"))
    rows = [",".join((_csv_cell(team), week, hours or "HOURS")) for week in shown[:4]]
    more = f" and {len(shown) - 4} more" if len(shown) > 4 else ""
    unread = "" if hours else " (HOURS: the week's hours, a plain decimal such as 40)"
    return (
        said,
        f"Give each week or range its own row, with its hours: {'; '.join(rows)}{more}{unread}.",
    )


def _calendar_fits(team_ids: Ids, weeks: int) -> dict[str, Fit]:
    """What each calendar.csv column takes, for a row whose cells are in each other's
    columns ('3,sdr,20') to be told so: a team, a week or range of the quarter, hours."""

    def week(cell: str) -> bool:
        ends = [e.strip() for e in without_plus(cell).replace("–", "-").split("-")]
        if len(ends) > 2 or not all(_DIGITS.fullmatch(e) for e in ends):
            return False
        numbers = [int(float(e)) for e in ends]
        return 1 <= numbers[0] <= numbers[-1] <= weeks

    def hours(cell: str) -> bool:
        return bool(PLAIN_DECIMAL.fullmatch(cell)) and 0 <= Decimal(cell) <= WEEK_CAPACITY.high

    return {
        "team_id": Fit(lambda cell: cell in team_ids, "a team"),
        "week": Fit(week, "a week"),
        "capacity_hours": Fit(hours, "the hours"),
    }


def _spans(pieces: list[str], weeks: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The weeks ``pieces`` ('7', '9 - 13', '5-3') name, in order, those that run on or
    overlap joined; and the weeks named outside the quarter (left out of the spans)."""
    found: list[tuple[int, int]] = []
    past: list[int] = []
    for piece in pieces:
        ends = sorted(int(end) for end in piece.split("-"))
        first, last = ends[0], ends[-1]
        past += [w for w in dict.fromkeys((first, last)) if not 1 <= w <= weeks and w not in past]
        first, last = max(first, 1), min(last, weeks)
        if first <= last:
            found.append((first, last))
    joined: list[tuple[int, int]] = []
    for first, last in sorted(found):
        if joined and first <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined, past


def _hours_to_write(raw: str) -> str | None:
    """A week's hours as a fix writes them: the plain decimal ``raw`` is or was meant as
    ('55,5', '1e3', '1 000'), within a week's bounds; None when there is none."""
    text = raw.strip()
    figure = text if PLAIN_DECIMAL.fullmatch(text) else meant_figure(text)
    if figure is None:
        return None
    value = Decimal(figure)
    bounds, places = WEEK_CAPACITY, -int(value.as_tuple().exponent)
    if value < bounds.low or value > bounds.high or places > MAX_DECIMALS:
        return None
    return plain(value)


def _csv_cell(text: str) -> str:
    """``text`` as a CSV cell: quoted where a comma, a quote or a line break is in it."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


#: One week or range of a list typed in one cell ('9-13' of '7,8,9-13').
_WEEKS_PIECE = re.compile(r"[0-9]{1,3}(\s*-\s*[0-9]{1,3})?", re.ASCII)


def _to_write(value: Decimal, *, whole: bool = False) -> str:
    """Hours as a fix asks a leader to write them: a plain decimal, to a tenth (whole hours
    from 10 on when ``whole``), ``1214.3``, never ``1,214.3``, which a cell refuses."""
    step = Decimal(1) if whole and abs(value) >= 10 else Decimal("0.1")
    return plain(value.quantize(step, rounding=ROUND_HALF_UP))


class WeekInputs:
    """Rules for ``duration_weeks``, ``earliest_week``, ``due_week`` and calendar.csv."""

    settings: Settings
    #: Each team's capacity_hours in teams.csv, as read (the teams' rows come first).
    team_capacity: dict[str, Decimal]
    #: How messages name files and columns (the builder's own).
    words: MessageWords

    def _hours_words(self) -> tuple[str, str, str]:
        """A calendar row's capacity_hours, a team's in teams.csv, and where teams.csv is,
        as the messages name them ("capacity_hours", "capacity_hours", "teams.csv")."""
        words = self.words
        return (
            words.column(CALENDAR, "capacity_hours"),
            words.column(TEAMS, "capacity_hours"),
            words.file(TEAMS),
        )

    def _rows(self, table: Table | None) -> Iterator[Row]:
        """The table's rows (the builder's own)."""
        raise NotImplementedError

    def _weeks(self, row: Row) -> tuple[int | None, int | None, int | None]:
        """duration_weeks, earliest_week and due_week: whole weeks of the quarter, consistent."""
        weeks = self.settings.calendar.weeks
        written = _weeks_as_written(row, weeks)
        duration, earliest, due = self._read_weeks(row) if written is None else written
        window = week_window(earliest, due, weeks)
        if earliest is not None and due is not None and earliest > due:
            row.error(
                "due_week",
                f"the project is due in week {due}, before it may start (week {earliest}).",
                "Make due_week the same as or later than earliest_week.",
            )
        elif duration is not None and duration > len(window):
            row.error(
                "duration_weeks",
                f"{duration} weeks do not fit between week {window[0]} and week {window[-1]}.",
                f"Shorten it to at most {plural(len(window), 'week')}, or widen earliest_week "
                "and due_week.",
            )
        return duration, earliest, due

    def _read_weeks(self, row: Row) -> tuple[int | None, int | None, int | None]:
        """The three week cells of a row with one that is not plainly a week of the quarter,
        each read with its fix for what it holds (its messages are made here alone)."""
        weeks = self.settings.calendar.weeks
        # A quarter of 1 to 3 weeks: the example is one of its weeks, and a week past the
        # end is said to be so, not "check the units".
        past_the_end = (
            f"The quarter has {plural(weeks, 'week')}{self.words.setting(WEEKS_SETTING)}: "
            f"write {'1' if weeks == 1 else f'1 to {weeks}'}, or leave it empty."
        )
        example = str(min(4, weeks))
        # 'wk10' is not a number: say a week's number, not "a plain decimal such as 4
        # (no thousands separators ...)", words for money.
        numbers = "1" if weeks == 1 else f"a whole number from 1 to {weeks}"
        bounds = Bounds(
            Decimal(1),
            False,
            Decimal(weeks),
            example=example,
            too_large_fix=past_the_end,
            number_fix=f"Write {numbers} (weeks, without a unit), or leave it empty.",
        )
        worded = _worded_week(row, "duration_weeks", weeks)
        duration = None if worded else row.whole("duration_weeks", bounds)
        earliest = self._week_number(row, "earliest_week", bounds)
        due = self._week_number(row, "due_week", bounds)
        return duration, earliest, due

    def _week_number(self, row: Row, column: str, bounds: Bounds) -> int | None:
        """A project's week (earliest_week, due_week); a date typed there is told its week:
        "'2025-09-03' is not a number (it reads as a date ...)" named no week to write."""
        text = row.text(column)
        if looks_like_a_date(text) and (week := self._week_of(text, monday=False)) is not None:
            row.error(
                column,
                f"{date_in_week(clipped(text), week, self.settings.calendar)}.",
                f"Write {week}: the week's number, not a date.",
            )
            return None
        if _worded_week(row, column, int(bounds.high)):
            return None
        return row.whole(column, bounds)

    def _week_of(self, text: str, *, monday: bool) -> int | None:
        return week_of_date(text, self.settings.calendar, monday=monday)

    def _check_sequences(
        self, projects: list[Project], rows: Mapping[str, Row], cycled: Collection[str] = ()
    ) -> None:
        """Warn when finish to start (rule 12) leaves a project no week to run in; not of
        the projects a cycle holds (``cycled``): a cycle of four read "it can end in week 28
        at the earliest ... Move due_week later" beside the cycle, which is the fix."""
        index = {p.project_id: p for p in projects}
        weeks = self.settings.calendar.weeks
        sequenced = [
            p
            for p in projects
            if p.duration_weeks is not None and p.depends_on and p.project_id not in cycled
        ]
        ready: dict[str, int] = {}  # project id -> the earliest week it can end by
        held: dict[str, str] = {}  # project id -> the prerequisite that ends last
        # The prerequisites that hold a project back (finish to start needs both durations);
        # one met again on the way (a cycle, reported apart) counts as week 0.
        for pid in prerequisites_first(
            [p.project_id for p in sequenced], lambda pid: finish_to_start(index[pid], index)
        ):
            project = index[pid]
            window = week_window(project.earliest_week, project.due_week, weeks)
            before = finish_to_start(project, index)
            start = start_after(window.start, before, ready)
            duration = project.duration_weeks or 0
            ready[pid] = start + duration - 1 if duration else window.stop - 1
            # The prerequisite that ends last holds it back: named in the warning, which
            # said only "after its prerequisites" and left the leader to find which.
            if start > window.start:
                held[pid] = max((p for p in before if p in ready), key=lambda p: (ready[p], p))

        late: list[tuple[Row, int, int, bool, str, bool]] = []
        out: dict[str, int] = {}  # the projects that cannot be planned, and their rows
        for project in sequenced:
            pid = project.project_id
            end = ready[pid]
            due = project.due_week or weeks
            if end > due and pid in rows:
                out[pid] = rows[pid].number
                after = (
                    f"after its prerequisite '{held[pid]}' (which ends in week "
                    f"{ready[held[pid]]} at the earliest)"
                    if pid in held
                    else "after its prerequisites"
                )
                late.append((rows[pid], end, due, project.mandatory, after, bool(project.due_week)))
        fix = "Move due_week later, shorten it or its prerequisites, or start them earlier."
        # Without a due week of its own the quarter's end holds it: "after its due week 13
        # ... Move due_week later" named a due week it did not have, and no room to move to.
        ends = (
            "Shorten it or its prerequisites (duration_weeks), or start them earlier "
            f"(earliest_week): the quarter has {plural(weeks, 'week')}."
        )
        whole = NO_PLAN_IF_MANDATORY
        for row, end, due, mandatory, after, own in late[:_LATE_NAMED]:
            by = f"its due week {due}" if own else f"the quarter's last week ({due})"
            row.warn(
                "due_week" if own else "duration_weeks",
                f"{after} it can end in week {end} at the earliest, "
                f"after {by}, so it cannot be planned{whole if mandatory else ''}.",
                fix if own else ends,
            )
        # Past the first ten, one warning: a chain of 20,000 gave 19,988 lines (4.9 MB).
        if rest := late[_LATE_NAMED:]:
            numbers = [str(row.number) for row, *_ in rest]
            # A mandatory one among them stops every plan: said, as of the ten named.
            must = [f"{row.number} ({row.text('project_id')})" for row, _, _, m, _, _ in rest if m]
            said = (
                f"{len(rest):,} more projects (rows {first_few(numbers)}) cannot end by their "
                "due week (or the quarter's end) either, after their prerequisites, so they "
                "cannot be planned."
            )
            if must:
                named = f"Rows {first_few(must)} are" if len(must) > 1 else f"Row {must[0]} is"
                said += f" {named} mandatory, so {NO_PLAN}."
            rest[0][0].warn("due_week", said, fix)
        self._blocked_after(projects, rows, out)

    @staticmethod
    def _blocked_after(
        projects: list[Project], rows: Mapping[str, Row], out: dict[str, int]
    ) -> None:
        """Warn on the projects that depend on one that cannot be planned (``out``): a
        mandatory one read "valid" while `solve` found no plan."""
        dependants: dict[str, list[Project]] = {}
        for project in projects:
            for needed in project.depends_on:
                dependants.setdefault(needed, []).append(project)
        queue = deque(out)
        named = 0
        while queue:
            blocked = queue.popleft()
            for project in dependants.get(blocked, []):
                pid = project.project_id
                if pid in out or pid not in rows:
                    continue
                out[pid] = rows[pid].number
                queue.append(pid)
                if named < _LATE_NAMED or project.mandatory:
                    named += 1
                    rows[pid].warn(
                        "depends_on",
                        f"it depends on '{blocked}' (row {out[blocked]}), which cannot be "
                        "planned, so it cannot be planned either"
                        f"{NO_PLAN_IF_MANDATORY if project.mandatory else ''}.",
                        f"Shorten '{blocked}' or its prerequisites, or take '{blocked}' out of "
                        "depends_on.",
                    )

    def _calendar(self, table: Table | None, team_ids: Ids | None) -> list[CalendarRow]:
        """calendar.csv: a team's hours in one week or a range of weeks, each week once."""
        rows: list[CalendarRow] = []
        weeks = self.settings.calendar.weeks
        seen: dict[tuple[str, int], int] = {}
        spans: dict[int, tuple[int, int]] = {}
        by_team: dict[str, list[tuple[Row, CalendarRow]]] = {}
        for row in self._rows(table):
            # Only with the team out of place: '20' under week and '3' under hours may be
            # either way round.
            if (
                team_ids is not None
                and row.text("team_id") not in team_ids
                and said_swapped(row, _calendar_fits(team_ids, weeks))
            ):
                continue
            team_id = row.required("team_id", "Write the team's id.")
            if team_id is not None and team_ids is not None and team_id not in team_ids:
                team_ids.refer(row, "team_id", "team", team_id, TEAMS)
            span = self._week_span(row, weeks)
            hours = row.decimal("capacity_hours", WEEK_CAPACITY, None, required=True)
            if team_id is not None and span is not None:
                told = False  # one overlap told per row; its other weeks still noted, so
                for week in range(span[0], span[1] + 1):  # a later row over them is told too
                    if (team_id, week) not in seen:
                        seen[(team_id, week)] = row.number
                    elif not told:
                        told, earlier = True, seen[(team_id, week)]
                        row.error(
                            "week",
                            f"team '{team_id}' already has week {week} on row {earlier} "
                            f"({_weeks_text(spans[earlier])}).",
                            _overlap_fix(earlier, spans[earlier], span),
                        )
                spans[row.number] = span
            if row.ok:
                assert team_id is not None and span is not None and hours is not None
                rows.append(CalendarRow(team_id, span[0], span[1], hours))
                if hours > 0 and self.team_capacity.get(team_id) == 0:
                    self._warn_hours_of_an_idle_team(row, team_id, span, hours, self._hours_words())
                by_team.setdefault(team_id, []).append((row, rows[-1]))
        for team_id, team_rows in by_team.items():
            self._warn_weeks_past_the_teams_quarter(team_id, team_rows)
        return rows

    def _warn_weeks_past_the_teams_quarter(
        self, team_id: str, team_rows: list[tuple[Row, CalendarRow]]
    ) -> None:
        """A team whose weeks add up to more than twice its teams.csv quarter, warned.

        capacity_hours is each week's hours: "content,1-13,900" (the quarter's 900 h
        typed over the quarter's weeks) gave Content 11,700 h without a word, as did a
        week of 999,999,999 h. The weeks do set a team's quarter (SPEC: a hire from week
        6), so it is a warning, at the row that gives the most hours a week.
        """
        quarter = self.team_capacity.get(team_id)
        if not quarter or quarter <= 0:
            return
        weeks = self.settings.calendar.weeks
        covered = sum(c.last_week - c.first_week + 1 for _, c in team_rows)
        total = sum(c.capacity_hours * (c.last_week - c.first_week + 1) for _, c in team_rows)
        total += quarter / weeks * max(weeks - covered, 0)
        if total <= 2 * quarter:
            return
        row, most = max(team_rows, key=lambda pair: pair[1].capacity_hours)
        span, each = (most.first_week, most.last_week), most.capacity_hours
        times = total / quarter
        shown_times = f"{times:,.0f}" if times >= 10 else f"{times:.1f}"
        given = (
            f"{hours(each)} in {_weeks_text(span)}"
            if span[0] == span[1]
            else f"{hours(each)} a week in {_weeks_text(span)}"
        )
        week_column, team_column, teams = self._hours_words()
        message = (
            f"team '{team_id}' gets {hours(total)} in the quarter from its weeks ({given} "
            f"here), {shown_times} times its {hours(quarter)} in {teams}: {week_column} is "
            "the hours of each week of the row's weeks, not of the weeks together."
        )
        # The figures to write are plain decimals, as a cell reads them: "write 1,214.3"
        # was refused when typed ("it has a thousands separator").
        also = (
            "If the team really has these hours, write "
            f"{_to_write(total, whole=True)} as its {team_column} in {teams}."
        )
        count = span[1] - span[0] + 1
        if count == 1:
            fix = f"Check the units: write the hours of {_weeks_text(span)} alone. {also}"
        else:
            fix = (
                f"If {hours(each)} is the hours of {_weeks_text(span)} together, write "
                f"{_to_write(each / count)} ({hours(each)} over {count} "
                f"weeks). {also}"
            )
        row.warn("capacity_hours", message, fix)

    @staticmethod
    def _warn_hours_of_an_idle_team(
        row: Row, team_id: str, span: tuple[int, int], hours: Decimal, said: tuple[str, str, str]
    ) -> None:
        """A team with 0 h in teams.csv still gets the hours its calendar rows give.

        Its quarter is the sum of its weeks (SPEC), so these hours are planned;
        a leader who set 0 to take the team out of the quarter would not expect that.
        """
        weeks = (
            f"{hours:f} h in week {span[0]}"
            if span[0] == span[1]
            else f"{hours:f} h a week in weeks {span[0]}-{span[1]}"
        )
        week_column, team_column, teams = said
        row.warn(
            "capacity_hours",
            f"team '{team_id}' has {team_column} 0 in {teams}, but this row gives it "
            f"{weeks}, and those hours are planned (a team's quarter "
            "is the sum of its weeks).",
            f"To take the team out of the quarter, set this row's {week_column} to 0 or "
            f"delete the row; otherwise give the team its quarter's hours in {teams}.",
        )

    def _team_meant(self, row: Row) -> str:
        """The row's team as teams.csv writes it ('sdr' for 'SDR', where that is the one
        team so spelled), else as typed: for the rows a fix asks to write."""
        typed = row.text("team_id").strip()
        if typed in self.team_capacity:
            return typed
        alike = [t for t in self.team_capacity if id_key(t) == id_key(typed)]
        return alike[0] if len(alike) == 1 else typed

    def _week_span(self, row: Row, weeks: int) -> tuple[int, int] | None:
        """A week number (``7``) or a range (``7-8``) inside the quarter."""
        fix = week_fix(weeks, self.words)
        if (written := row.required("week", fix)) is None:
            return None
        text = without_plus(written)
        parts = [part.strip() for part in text.replace("–", "-").split("-")]
        # ASCII digits only: str.isdigit() also takes '¹', which int() refuses.
        if looks_like_a_date(text) and (week := self._week_of(text, monday=True)) is not None:
            # A capacity sheet kept by week-commencing date.
            row.error(
                "week",
                f"'{clipped(text)}' is the Monday of week {week} (week 1 starts on "
                f"{self.settings.calendar.first_monday}): a date, not a week number.",
                f"Write {week}: the week's number, not its date. If the spreadsheet turns "
                "it back into a date, format the week column as text first.",
            )
            return None
        if looks_like_a_date(text):
            # Excel turns a range typed as 7-8 into the date 8 July.
            row.error(
                "week",
                f"'{clipped(text)}' is a date, not a week: a spreadsheet turns a range typed "
                "as 7-8 into a date.",
                f"Format the week column as text and type the week number (1-{weeks}) or "
                "the range again, e.g. 7-8.",
            )
            return None
        numbers = [match.group(1) for part in parts if (match := _DIGITS.fullmatch(part))]
        if len(parts) not in (1, 2) or len(numbers) != len(parts):
            meant = week_meant(text)
            said = f" ({meant[0]}: write it as {meant[1]})" if meant else ""
            outside = meant and _outside(meant[1], weeks)
            if meant and outside:
                # 'W27' was told "write it as 27", which was then refused as outside.
                said = f" ({meant[0]}; {outside})"
            half = _HALF_JOINED.fullmatch(text)  # "7 to", "to 8": an end left out, as "7-"
            ends = [half[1] or "", half[2] or ""] if half else parts
            if not meant and (end := _half_range(ends, weeks, fix)) is not None:
                said, fix = end
            listed = None if meant else _listed(text, row, weeks, self._team_meant(row), fix)
            if listed is not None:
                said, fix = listed
            row.error("week", f"'{clipped(text)}' is not a week or a range of weeks{said}.", fix)
            return None
        # A week of five digits or more ('1-1000000') is past any quarter: read as a number
        # it was "not a week or a range of weeks", and int() refuses one of 4,301 digits.
        long = any(len(number.lstrip("0")) > len(str(MAX_WEEKS)) for number in numbers)
        first, last = (0, 0) if long else (int(numbers[0]), int(numbers[-1]))
        if long or not 1 <= first <= weeks or not 1 <= last <= weeks:
            span = "week 1 (it has one week)" if weeks == 1 else f"weeks 1-{weeks}"
            shown = quoted_number(text, text) if len(numbers) == 1 else clipped(text)
            row.error("week", f"'{shown}' is outside the quarter's {span}.", fix)
            return None
        if first > last:
            row.error("week", f"the range '{text}' runs backwards.", f"Write it as {last}-{first}.")
            return None
        return first, last


#: Dashes a keyboard, a word processor or an input method types between two weeks, other
#: than '-' and the en dash (read as a range): said by name, with the range to write.
_OTHER_DASHES = {
    "\u2014": "the em dash",
    "\u2212": "the minus sign",
    "\u2012": "the figure dash",
    "\u2015": "the horizontal bar",
    "\uff0d": "the full-width hyphen",
    "~": "a tilde",
    "\uff5e": "a full-width tilde",
}


#: Two weeks joined by a word or by dots ("7 to 8", "7 through 13", "7..8", "7…8").
_JOINED_WEEKS = re.compile(
    r"(.+?)\s*(\.\.+|\u2026|\s(?:to|through|thru|till|until)\s)\s*(.+)", re.IGNORECASE
)
_HALF_JOINED = re.compile(r"\s*(\S+)?\s*\b(?:to|through|thru|till|until)\b\s*(\S+)?\s*", re.I)


#: A week written with its word or letter, as a leader labels one ("W5", "wk 5", "Week 5",
#: "6 weeks", "6w"): the number alone is the week (or the weeks of a duration).
_WORDED_WEEK = re.compile(
    r"(?:w|wk|wks|week)\.?\s*([0-9]{1,4})|([0-9]{1,4})\s*(?:w|wk|wks|weeks?)\.?", re.IGNORECASE
)


#: Why "W5" is no week number, in words.
WEEK_WITH_ITS_WORD = "it writes the word week, or its letter, with the number"


def worded_week(text: str) -> str | None:
    """The week number ``text`` writes with its word or letter (``W5``, ``6 weeks``: 5, 6);
    None for any other text."""
    found = _WORDED_WEEK.fullmatch(text.strip())
    return None if found is None else str(int(found[1] or found[2]))


def _outside(weeks_written: str, weeks: int) -> str:
    """Why the week or range ``weeks_written`` ('27', '5-27') is no week of a ``weeks``-week
    quarter, in words; empty when it is one."""
    numbers = [int(n) for n in weeks_written.split("-") if n.isdigit()]
    past = [n for n in numbers if not 1 <= n <= weeks]
    if not past:
        return ""
    span = "week 1 (it has one week)" if weeks == 1 else f"weeks 1-{weeks}"
    return f"and week {past[0]} is outside the quarter's {span}"


#: A project's week columns, in the order :meth:`WeekInputs._weeks` returns them.
_PROJECT_WEEKS = ("duration_weeks", "earliest_week", "due_week")


def _weeks_as_written(row: Row, weeks: int) -> tuple[int | None, int | None, int | None] | None:
    """A project's three week cells when each is empty or plainly a week of the quarter
    (``4``, ``4.0``): what the full reading gives them, with nothing to say; None when one
    is anything else, for :meth:`WeekInputs._read_weeks` to tell what is wrong with it."""
    read: list[int | None] = []
    for column in _PROJECT_WEEKS:
        text = row.text(column)
        if not text:
            read.append(None)
            continue
        found = _WEEK.fullmatch(text)
        if found is None or not 1 <= (week := int(found[1])) <= weeks:
            return None
        read.append(week)
    duration, earliest, due = read
    return duration, earliest, due


def _worded_week(row: Row, column: str, weeks: int) -> bool:
    """Refuse a project's week or duration written with its word ('W5', '6 weeks'), which
    read only "is not a number", with the number to write; False when it is not one. A
    number past the quarter ('W27') is said to be at once: "Write it as 27" was then refused
    as outside the quarter."""
    text = row.text(column)
    if (number := worded_week(text)) is None:
        return False
    if not 1 <= int(number) <= weeks:
        whole = "1" if weeks == 1 else f"a whole number from 1 to {weeks}"
        past = (
            f"and {number} weeks are longer than the quarter's {weeks}"
            if column == "duration_weeks"
            else _outside(number, weeks)
        )
        row.error(
            column,
            f"'{clipped(text)}' is not a number ({WEEK_WITH_ITS_WORD}), {past}.",
            f"Write {whole}: {column} holds the number alone.",
        )
        return True
    row.error(
        column,
        f"'{clipped(text)}' is not a number ({WEEK_WITH_ITS_WORD}).",
        f"Write it as {number}: {column} holds the number alone.",
    )
    return True


def week_meant(text: str) -> tuple[str, str] | None:
    """Why ``text`` reads as a week or a range to a person (``３-５``: full-width digits;
    ``3—5``: an em dash) and the week or range to write, as a number cell is told its
    figure (:func:`~planner.core.typed_numbers.typed_figure`); None when it is no such week."""
    dashes: list[str] = []
    plain = text.strip()
    # "7 to 8", "7..8": a range in words or as a programmer writes one.
    joined = _JOINED_WEEKS.fullmatch(plain)
    if joined is not None and "-" not in plain:
        dashes.append(f"its weeks are joined by '{joined[2].strip()}', not the '-' key")
        plain = f"{joined[1]}-{joined[3]}"
    for dash, name in _OTHER_DASHES.items():
        if dash in plain:
            dashes.append(f"its dash is {name} '{dash}', not the '-' key")
            plain = plain.replace(dash, "-")
    parts = [part.strip() for part in plain.replace("–", "-").split("-")]
    if len(parts) not in (1, 2):
        return None
    numbers: list[str] = []
    digits: list[str] = []  # what is odd about the figures, said before the dash
    for part in parts:
        if _WEEK.fullmatch(part):
            numbers.append(str(int(float(part))))
            continue
        if (worded := worded_week(part)) is not None:
            # "W5-W6", "week 5", as a capacity sheet labels its columns.
            if WEEK_WITH_ITS_WORD not in digits:
                digits.append(WEEK_WITH_ITS_WORD)
            numbers.append(worded)
            continue
        typed = typed_figure(part)
        if typed is None or not typed[1].isascii() or not typed[1].isdigit():
            return None
        if typed[0] not in digits:
            digits.append(typed[0])
        numbers.append(str(int(typed[1])))
    said = [*digits, *dashes]
    # "8 to 7" is weeks 7-8, as a range typed backwards with its dash is told.
    numbers.sort(key=int)
    return ("; ".join(said), "-".join(numbers)) if said else None


def week_fix(weeks: int, words: MessageWords = FILE_WORDS) -> str:
    """How to write a calendar week of a ``weeks``-week quarter (its example a range of it)."""
    if weeks == 1:
        return f"Write week 1: the quarter has one week{words.setting(WEEKS_SETTING)}."
    first = min(7, weeks - 1)
    return f"Write a week number 1-{weeks}, or a range such as {first}-{first + 1}."


def _weeks_text(span: tuple[int, int]) -> str:
    """``week 7`` or ``weeks 7-13``, as a leader reads a calendar row's weeks."""
    return weeks_words(range(span[0], span[1] + 1))


def _overlap_fix(earlier: int, had: tuple[int, int], wanted: tuple[int, int]) -> str:
    """How to give ``wanted`` weeks their own hours when row ``earlier`` already has them.

    A CMO who lost a writer for weeks 9-10 added a row "content, 9-10, 45" under the
    sample's "content, 7-13, 85" and read "ranges must not overlap": the rows to write
    instead are said, weeks and all.
    """
    pieces = [
        (first, last)
        for first, last in ((had[0], wanted[0] - 1), (wanted[1] + 1, had[1]))
        if first <= last
    ]
    own = f"To give {_weeks_text(wanted)} {'its' if wanted[0] == wanted[1] else 'their'} own "
    if len(pieces) == 2:
        return (
            f"{own}hours, change row {earlier} to {_weeks_text(pieces[0])} and add a row for "
            f"{_weeks_text(pieces[1])} with its hours: each week goes on one row only."
        )
    if pieces:
        return (
            f"{own}hours, change row {earlier} to {_weeks_text(pieces[0])}: each week goes on "
            "one row only."
        )
    return f"Delete row {earlier} or this row: each week goes on one row only."
