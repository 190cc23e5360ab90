"""The week columns of projects.csv (duration_weeks, earliest_week, due_week), checked
like every input, and a week as typed: a date, a week written with its word, a range
with another dash; calendar.csv is :mod:`planner.core.calendar_inputs`.

A mixin of the loader's builder (:mod:`planner.core.table_builder`): each method
appends its problems to the row they belong to (file, row, column, fix) and
none stops at the first one.
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from collections.abc import Collection, Mapping
from decimal import Decimal

from planner.core.cells import (
    Bounds,
    MessageWords,
    Row,
    clipped,
)
from planner.core.dependency_graph import prerequisites_first
from planner.core.domain import Project, finish_to_start, week_window
from planner.core.not_a_number import looks_like_a_date
from planner.core.row_inputs import RowInputs
from planner.core.settings import CalendarSettings, Settings
from planner.core.shared_words import plural
from planner.core.shown_figures import first_few
from planner.core.typed_numbers import figure_range, typed_figure
from planner.core.weeks import start_after

#: A week number as written: ASCII digits, short (a quarter has at most 53 weeks); 8.0 is
#: one too (pandas writes a column with a blank cell so, and duration_weeks takes it).
_WEEK = re.compile(r"([0-9]{1,4})(?:\.0+)?")


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


class WeekInputs(RowInputs):
    """Rules for ``duration_weeks``, ``earliest_week`` and ``due_week``."""

    settings: Settings
    #: How messages name files and columns (the builder's own).
    words: MessageWords

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
        ranged = worded or _duration_range(row, bounds)
        duration = None if ranged else row.whole("duration_weeks", bounds)
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
        if _worded_week(row, column, int(bounds.high)) or _week_range(row, column, bounds):
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


def outside_the_quarter(weeks_written: str, weeks: int) -> str:
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


def _week_range(row: Row, column: str, bounds: Bounds) -> bool:
    """Refuse a range of the quarter's weeks written in earliest_week or due_week ('1-13',
    '3 to 8'), which read only "is not a number", naming the two cells its ends go in;
    False when it is no such range."""
    ends = figure_range(row.text(column))
    if ends is None or not all(_WEEK.fullmatch(end) for end in ends):
        return False
    first, last = sorted(int(Decimal(end)) for end in ends)
    if not bounds.low <= first <= last <= bounds.high:
        return False
    row.error(
        column,
        f"'{clipped(row.text(column))}' is a range of weeks; {column} holds one week: "
        "earliest_week the first the project may run in, due_week the last.",
        f"Write {first} in earliest_week and {last} in due_week.",
    )
    return True


def _duration_range(row: Row, bounds: Bounds) -> bool:
    """Refuse a range of weeks written as a duration ('2-3', '2 to 3'), which read "is not a
    number (it is a range ...)" with a plain decimal's fix, saying that a duration is one
    whole number of weeks and which to write; False when it is no such range."""
    ends = figure_range(row.text("duration_weeks"))
    if ends is None or not all(_WEEK.fullmatch(end) for end in ends):
        return False
    first, last = sorted(int(Decimal(end)) for end in ends)
    if bounds.low <= first <= last <= bounds.high:
        fix = f"Write {last} (or {first}): how many weeks it runs, as one figure"
    else:
        whole = "1" if bounds.high == 1 else f"a whole number from 1 to {bounds.high}"
        fix = f"Write {whole} (the quarter's weeks)"
    row.error(
        "duration_weeks",
        f"'{clipped(row.text('duration_weeks'))}' is a range of weeks; duration_weeks holds "
        "one whole number of weeks, how long the project runs.",
        f"{fix}; the weeks it may run in go in earliest_week and due_week.",
    )
    return True


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
            else outside_the_quarter(number, weeks)
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
