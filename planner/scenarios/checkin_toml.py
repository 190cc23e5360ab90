"""A check-in read from TOML text: the command line's file, and a saved re-plan's note
(:mod:`~planner.scenarios.checkin_toml_writing` writes it)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from planner.core.domain import Problem
from planner.core.errors import InputIssue, InvalidInputError, Severity, clipped
from planner.core.identifiers import escaped, identifier
from planner.core.ranges import quoted_figure, written_plain
from planner.core.settings import CalendarSettings
from planner.core.shared_words import plural
from planner.core.shown_figures import first_few
from planner.core.table_rows import control_words
from planner.core.tables import MAX_HOURS, MAX_VALUE
from planner.core.toml_text import WrittenOtherwise, toml_key, toml_table
from planner.core.typed_numbers import DOT_MAY_SEPARATE, DOTTED_THOUSAND, PLAIN_DECIMAL
from planner.core.week_inputs import date_in_week, week_of_date, worded_week
from planner.core.writing import plain
from planner.scenarios.checkin import QUARTER_WEEKS, CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_replan import REPLAN_TABLE, ReplanWith, read_replan
from planner.scenarios.checkin_toml_writing import toml_amount


@dataclass(frozen=True)
class CheckInRead:
    """A valid check-in and the warnings found reading it, as the data's ``LoadResult``."""

    checkin: CheckIn
    warnings: tuple[InputIssue, ...] = ()
    #: What a saved check-in's re-plan was made with (its ``[replan]``), if the file says.
    replan: ReplanWith | None = None


def parse_checkin(
    text: str, file: str = "checkin.toml", quarter_weeks: Decimal = QUARTER_WEEKS
) -> CheckIn:
    """Read a check-in from TOML text; every problem is reported at once.

    The file has ``weeks_elapsed``, ``quarter_weeks`` (default ``quarter_weeks``:
    the quarter the data plans, 13 without a calendar) and
    ``note`` at the top, then tables ``[projects]`` (id = status, or
    ``{ status = "in_progress", percent_done = 40 }``, with ``end_week = 9`` when
    it will end in another week than planned), ``[achieved]``
    (goal id = KPI so far), ``[hours_used]`` (team id = hours) and, optional,
    ``[achieved_as_planned]`` (a counted goal's id = the plan's figure its kept count
    stands for, :func:`~planner.scenarios.checkin_since.counted`).

    Its warnings are dropped: :func:`read_checkin` keeps them, for a file a leader wrote.

    Raises
    ------
    InvalidInputError
        Naming every bad key.
    """
    return _read(text, file, quarter_weeks).checkin


def read_checkin(text: str, file: str, problem: Problem) -> CheckInRead:
    """Read a check-in a leader wrote for ``problem``'s quarter, with its warnings.

    As :func:`parse_checkin`, in the quarter ``problem`` plans; a date typed for a week
    is told the week it falls in (``[calendar] first_monday``), and a warning names each
    project in progress whose ``percent_done`` reads as a share of 1 (0.6 for 60 %).

    Raises
    ------
    InvalidInputError
        Naming every bad key, with the warnings.
    """
    from planner.scenarios.checkin_issues import ids_not_in_data

    def not_in_data(listed: Mapping[str, Collection[str]]) -> list[InputIssue]:
        return [replace(i, file=file) for i in ids_not_in_data(problem, listed)]

    names = {p.project_id: p.name for p in problem.projects}
    calendar = problem.settings.calendar
    return _read(text, file, Decimal(problem.num_weeks), calendar, names, not_in_data, typed=True)


def _read(
    text: str,
    file: str,
    quarter_weeks: Decimal,
    calendar: CalendarSettings | None = None,
    names: Mapping[str, str] | None = None,
    not_in_data: Callable[[Mapping[str, Collection[str]]], list[InputIssue]] | None = None,
    typed: bool = False,
) -> CheckInRead:
    """The check-in of ``text``; ``typed``: a file a leader wrote (a note is held to one
    it could be shown in), not one the planner saved, which reads as it was saved."""
    not_toml = (
        "Correct that line: each key once, as key = value; text in quotes. "
        "planner checkin-template writes a check-in to start from."
    )
    data = toml_table(text.lstrip("\ufeff"), file, not_toml, parse_float=Decimal)
    read = _Reader(data, file, calendar, names or {})
    read.unknown_keys()
    # Whole weeks in the examples: a quarter planned in weeks is checked in at a whole week.
    weeks = read.weeks_elapsed()
    quarter = read.amount(data.get("quarter_weeks", quarter_weeks), "quarter_weeks", example="13")
    note = read.note(typed)
    projects = read.projects()
    achieved = read.amounts("achieved", what="a KPI achieved so far")
    hours = read.amounts("hours_used", MAX_HOURS, "hours used")
    as_planned = read.amounts("achieved_as_planned", what="the plan's figure by now")
    replan, replan_issues = read_replan(data.get(REPLAN_TABLE), file)
    read.issues += replan_issues
    if weeks is not None and quarter is not None:
        read.check_weeks(weeks, quarter)
        read.check_end_weeks(projects, weeks, quarter, quarter_weeks)
    if read.issues or weeks is None or quarter is None:
        if not_in_data is not None:
            # Said with the rest: checked on the check-in once read, they came a run later.
            read.issues += not_in_data(read.listed_ids())
        raise InvalidInputError([*read.issues, *read.warnings])
    try:
        checkin = CheckIn(weeks, quarter, projects, achieved, hours, note, as_planned)
    except ValueError as exc:
        raise InvalidInputError(
            [InputIssue(file, None, None, f"{exc}.", "Correct the numbers."), *read.warnings]
        ) from None
    if (before_start := work_before_the_quarter(checkin)) is not None:
        fix = (
            "Write the week the check-in is at (such as weeks_elapsed = 6), or mark those "
            "projects not started and their hours 0."
        )
        raise InvalidInputError(
            [InputIssue(file, None, "weeks_elapsed", before_start, fix, keyed=True), *read.warnings]
        )
    return CheckInRead(checkin, tuple(read.warnings), replan)


def share_of_one_fix(percent: Decimal) -> str | None:
    """The fix to say of a percent done above 0 and under 1, such as 0.6: meant as 60 % it
    was read as 0.6 % without a word, and the re-plan planned the project almost whole
    again. It still reads as written (0.5 % may be meant). None for any other percent."""
    if not 0 < percent < 1:
        return None
    typed, meant = toml_amount(percent), toml_amount(percent * 100)
    return f"Write {meant} for {meant} %, or keep {typed} for {typed} %."


def work_before_the_quarter(checkin: CheckIn) -> str | None:
    """The problem when a check-in at week 0 records work done (the file and the Check-in
    page each say their own fix).

    ``weeks_elapsed = 0`` with a project done and hours used was re-planned as if the
    whole quarter were still ahead (every team's hours on top of the work recorded) and
    read "on track" on every goal. A project dropped before the quarter starts is fine.
    """
    if checkin.weeks_elapsed != 0:
        return None
    begun = [
        pid
        for pid, progress in checkin.projects.items()
        if progress.status in (ProjectStatus.DONE, ProjectStatus.IN_PROGRESS)
    ]
    used = [team_id for team_id, hours in checkin.hours_used.items() if hours > 0]
    if not begun and not used:
        return None
    said = []
    if begun:
        some = ", ".join(escaped(p) for p in begun[:3]) + (" ..." if len(begun) > 3 else "")
        said.append(f"{plural(len(begun), 'project')} done or under way ({some})")
    if used:
        some = ", ".join(escaped(t) for t in used[:3]) + (" ..." if len(used) > 3 else "")
        said.append(f"hours used by {plural(len(used), 'team')} ({some})")
    return (
        "The check-in is at week 0, before the quarter starts, yet it records "
        + " and ".join(said)
        + "."
    )


def _kind_of(value: object) -> str:
    """A value that is not a number as the file has it, never in its Python form."""
    if isinstance(value, bool):
        return str(value).lower()  # as TOML writes it
    if isinstance(value, dict | list):
        return "a table" if isinstance(value, dict) else "a list"
    return f"'{escaped(str(value))}'"


#: Past this an end week is not said as typed (1e400 read whole has 401 digits).
_MOST_WEEKS = 9999


def _typed(value: int | Decimal) -> str:
    """A number of the file as its line writes it: ``1e20``, ``20.5``, ``-3``. A decimal
    printed itself read ``1E+20`` and a week past the quarter ``week 1.000E+20``; a whole
    number too long to read is said by its digits (``-1e400`` read whole has 401), a
    decimal one clipped."""
    if isinstance(value, Decimal):
        if value.is_nan():
            return "nan"
        if value.is_infinite():
            return "-inf" if value < 0 else "inf"
        # Clipped: a figure written 5,000 digits long was said whole.
        return clipped(str(value).replace("E+", "e").replace("E", "e"))
    digits = len(str(abs(value)))
    return str(value) if digits <= 24 else f"a number of {digits} digits"


def _week_typed(value: int | Decimal) -> str:
    """A week number as the file writes it (:func:`_typed`): ``week 1e20``, and ``a week
    number of 29 digits`` where "week a number of 29 digits" read."""
    typed = _typed(value)
    return f"a week {typed.removeprefix('a ')}" if typed.startswith("a number") else f"week {typed}"


class _Reader:
    """Reads a check-in's TOML table into values, collecting every problem in ``issues``."""

    KNOWN = frozenset(
        {
            "weeks_elapsed",
            "quarter_weeks",
            "note",
            "projects",
            "achieved",
            "hours_used",
            "achieved_as_planned",
            REPLAN_TABLE,
        }
    )

    def __init__(
        self,
        data: dict[str, Any],
        file: str,
        calendar: CalendarSettings | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.data = data
        self.file = file
        self.calendar = calendar
        self.names = names or {}
        self.issues: list[InputIssue] = []
        self.warnings: list[InputIssue] = []

    def problem(self, key: str, message: str, fix: str) -> None:
        self.issues.append(InputIssue(self.file, None, key, message, fix, keyed=True))

    def warn(self, key: str, message: str, fix: str) -> None:
        self.warnings.append(
            InputIssue(self.file, None, key, message, fix, Severity.WARNING, keyed=True)
        )

    def week_of(self, value: object) -> tuple[str, int] | None:
        """A date typed for a week (TOML's own date, or a date in quotes) and the quarter's
        week it falls in; None when it is no date, or no week of the quarter says it."""
        if self.calendar is None or isinstance(value, bool):
            return None
        if isinstance(value, datetime.date):
            value = value.isoformat()
        if not isinstance(value, str):
            return None
        week = week_of_date(value, self.calendar)
        return None if week is None else (value.strip(), week)

    def date_words(self, typed: str, week: int) -> str:
        assert self.calendar is not None  # a week is found only with the quarter's calendar
        return date_in_week(escaped(typed), week, self.calendar)

    def share_of_one(self, project_id: str, percent: Decimal) -> None:
        """Warn of a percent done read as a share of 1 (:func:`share_of_one_fix`)."""
        if (fix := share_of_one_fix(percent)) is None:
            return
        name = self.names.get(project_id)
        who = (
            f"'{escaped(project_id)}'"
            if name is None
            else f"'{escaped(name)}' ({escaped(project_id)})"
        )
        self.warn(
            f"projects.{project_id}.percent_done",
            f"{who} is {toml_amount(percent)} % done as written: percent_done is out of 100, "
            "not a share of 1.",
            fix,
        )

    def weeks_elapsed(self) -> Decimal | None:
        """``weeks_elapsed``, which a check-in must give: without it every figure (what is
        done, the KPI achieved, the hours used) was read as if the quarter had not begun."""
        if "weeks_elapsed" not in self.data:
            self.problem(
                "weeks_elapsed",
                "the check-in does not say how many weeks of the quarter are gone.",
                "Add a line such as weeks_elapsed = 6 at the top (0 before the quarter starts).",
            )
            return None
        value = self.data["weeks_elapsed"]
        if (dated := self.week_of(value)) is not None:
            typed, week = dated
            self.problem(
                "weeks_elapsed",
                f"{self.date_words(typed, week)}; weeks_elapsed counts the weeks gone.",
                f"Write weeks_elapsed = {week - 1} for a check-in in week {week} (the weeks "
                "before it), not a date.",
            )
            return None
        return self.amount(value, "weeks_elapsed", example="6")

    def unknown_keys(self) -> None:
        for key in sorted(set(self.data) - self.KNOWN):
            self.problem(key, f"unknown key '{key}'.", f"Use only {', '.join(sorted(self.KNOWN))}.")

    def amount(
        self,
        value: object,
        key: str,
        most: Decimal = MAX_VALUE,
        what: str = "",
        example: str = "6.5",
    ) -> Decimal | None:
        """A finite number; with ``what`` (a KPI achieved, hours used), also at least 0."""
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            fix = f"Write a plain number, e.g. {example}."
            # The key as its line writes it: an id of [achieved] or [hours_used], else the
            # last part ("percent_done").
            section, _, rest = key.partition(".")
            name = rest if section in ("achieved", "hours_used") else key.rsplit(".", 1)[-1]
            quoted = quoted_figure(value, "a number", toml_key(name))
            if quoted is None and name == "percent_done" and isinstance(value, str):
                # "45%" in quotes: read "'45%' is not a number", as if 45 % were wrong.
                bare = value.strip().removesuffix("%").strip()
                if value.strip().endswith("%") and PLAIN_DECIMAL.fullmatch(bare):
                    quoted = (
                        f"{_kind_of(value)} is in quotes with a percent sign, so it reads as "
                        f"text: percent_done is out of 100 already, so write "
                        f"percent_done = {bare}."
                    )
            if isinstance(value, WrittenOtherwise) and (figure := written_plain(value)):
                # Its message gives the line to write: "Write a plain number, e.g. 6.5"
                # under it read as if the figure were unknown.
                fix = f"Write {toml_key(name)} = {figure}."
            self.problem(key, quoted or f"{_kind_of(value)} is not a number.", fix)
            return None
        number = Decimal(value)
        if not number.is_finite():
            self.problem(
                key,
                f"{_typed(value)} is not a number (infinite and not-a-number values are not "
                "allowed).",
                f"Write a plain number, e.g. {example}.",
            )
            return None
        if abs(number) > most:
            self.problem(
                key,
                f"{_typed(value)} is larger than the planner reads (at most {most:,.0f}).",
                f"Check the units; write the figure itself, e.g. {example}.",
            )
            return None
        if what and number < 0:
            self.problem(
                key, f"{_typed(value)} is below 0: {what} cannot be negative.", "Write 0 or more."
            )
            return None
        return number

    def note(self, typed: bool = False) -> str:
        note = self.data.get("note", "")
        if not isinstance(note, str):
            self.problem("note", "the note must be text.", 'Quote it: note = "..."')
            return ""
        # As in a name: a vertical tab (a Mac export) or U+2028 broke the line the note is
        # shown on, in `scenarios show` and the Scenarios page. A note keeps its lines.
        if typed and (said := control_words(note, keep="\t\n\r")):
            them, breaks = ("it", "breaks") if len(said) == 1 else ("them", "break")
            self.problem(
                "note",
                f"the note holds {' and '.join(said)}, which {breaks} the line it is shown on.",
                f"Retype the note without {them}; a line break (\\n) is fine.",
            )
            return ""
        return note

    def listed_ids(self) -> dict[str, list[str]]:
        """Each id table's ids as written (as ids compare), whatever their values."""
        tables = ("projects", "achieved", "achieved_as_planned", "hours_used")
        return {
            key: list(dict.fromkeys(identifier(k) for k in value))
            for key in tables
            if isinstance(value := self.data.get(key), dict)
        }

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            self.problem(key, f"[{key}] must be a table.", f"Write it as a [{key}] section.")
            return {}
        return value

    def by_id(self, key: str) -> dict[str, Any]:
        """A table's entries by id as ids compare (trimmed, NFC); an id twice is a problem."""
        entries: dict[str, Any] = {}
        for written, value in self.table(key).items():
            ident = identifier(written)
            if ident in entries:
                self.problem(
                    f"{key}.{ident}",
                    f"'{escaped(ident)}' is written twice in [{key}].",
                    "Keep one entry per id (ids are compared without the spaces around them).",
                )
            else:
                entries[ident] = value
        return entries

    def amounts(self, key: str, most: Decimal = MAX_VALUE, what: str = "") -> dict[str, Decimal]:
        """A table of ids and amounts ([achieved], [hours_used]): the good ones, each
        written ``1.000`` warned of as a possible thousand (:meth:`dotted_thousands`)."""
        good = {
            k: v
            for k, raw in self.by_id(key).items()
            if (v := self.amount(raw, f"{key}.{k}", most, what)) is not None
        }
        self.dotted_thousands(key, good)
        return good

    def dotted_thousands(self, key: str, amounts: Mapping[str, Decimal]) -> None:
        """Warn of an amount written ``1.000``, read as 1, as a CSV cell ``1.000`` is
        (:meth:`planner.core.cells.Row._dotted_thousand`): ``hours_used = 1.000`` went
        without a word. TOML reads it as a float; read as a ``Decimal`` it keeps the text
        its line writes (``1.000``, not ``1.0``). As in a CSV column, none is said when
        another amount of the table is written with a decimal point ("0.5", "12.25")."""
        written = {k: str(v) for k, v in amounts.items()}
        if any("." in t and not DOT_MAY_SEPARATE.fullmatch(t) for t in written.values()):
            return
        for k, text in written.items():
            if not DOTTED_THOUSAND.fullmatch(text):
                continue
            whole, thousand = plain(amounts[k]), plain(amounts[k] * 1000)
            self.warn(
                f"{key}.{k}",
                f"{text} reads as {whole}: the dot is the decimal point. A spreadsheet in "
                "German, French or Spanish writes a thousand so, with a dot between "
                "thousands.",
                f"Write {toml_key(k)} = {thousand} for {float(thousand):,.0f}, or "
                f"{toml_key(k)} = {whole} to keep {whole}.",
            )

    def projects(self) -> dict[str, ProjectProgress]:
        """[projects]: each id's status, and a project in progress its percent done."""
        projects: dict[str, ProjectProgress] = {}
        statuses = ", ".join(s.value for s in ProjectStatus)
        for project_id, raw in self.by_id("projects").items():
            key = f"projects.{project_id}"
            end: object = None
            if isinstance(raw, dict):
                status, percent = raw.get("status"), raw.get("percent_done", 0)
                end = raw.get("end_week")
                for extra in sorted(set(raw) - {"status", "percent_done", "end_week"}):
                    if extra in self.KNOWN:
                        # Under a [projects."AW-02"] header, the file's own note = ""
                        # read "unknown key 'note' in the entry of AW-02".
                        self.problem(
                            f"{key}.{extra}",
                            f"'{extra}' is a key of the check-in itself, but it stands below "
                            f"the table of {escaped(project_id)} ([projects.{toml_key(project_id)}]"
                            f"), so it reads as one of that project's keys.",
                            f"Move the line {extra} = ... above the file's first [table] line.",
                        )
                        continue
                    self.problem(
                        f"{key}.{extra}",
                        f"unknown key '{escaped(extra)}' in the entry of {escaped(project_id)}.",
                        'A project in progress is { status = "in_progress", percent_done = 40 }, '
                        "with end_week = 9 if it will end in another week than planned: "
                        "status, percent_done and end_week are its only keys.",
                    )
            else:
                status, percent = raw, 0
            # Each problem on its own key, in words: never the entry's Python form.
            # As a leader types it: "Done", "in progress", " not-started " (the data's
            # booleans take any case too); "Done" was refused as not a status.
            typed = (
                " ".join(status.split()).lower().replace(" ", "_").replace("-", "_")
                if isinstance(status, str)
                else status
            )
            known_status = next((s for s in ProjectStatus if s.value == typed), None)
            if known_status is None:
                shown = f"'{status}'" if isinstance(status, str) else "the entry"
                self.problem(key, f"{shown} is not a project status.", f"Use one of {statuses}.")
                continue
            # Past 100 it is no percent: said as one, not as past what the planner reads.
            number = self.amount(percent, f"{key}.percent_done", Decimal("Infinity"))
            end_week = self.end_week(end, key, known_status)
            if number is None or end_week is False:
                continue
            try:
                projects[project_id] = ProjectProgress(known_status, number, end_week)
                self.share_of_one(project_id, number)
            except (ValueError, InvalidOperation) as exc:
                fix = (
                    'Write 0 or more and under 100; a project 100 % through is status = "done".'
                    if known_status is ProjectStatus.IN_PROGRESS
                    else 'Leave out percent_done, or set status = "in_progress".'
                )
                self.problem(f"{key}.percent_done", f"{_typed(percent)} does not fit: {exc}.", fix)
        return projects

    def end_week(self, value: object, key: str, status: ProjectStatus) -> int | bool | None:
        """A project's ``end_week``: a whole week, only in progress (``False``: refused)."""
        if value is None:
            return None
        column = f"{key}.end_week"
        if status is not ProjectStatus.IN_PROGRESS:
            self.problem(
                column,
                f"a project {status.value.replace('_', ' ')} has no end week: only work in "
                "progress runs on to one.",
                'Leave out end_week, or set status = "in_progress".',
            )
            return False
        if (dated := self.week_of(value)) is not None:
            typed, week = dated
            self.problem(
                column,
                f"{self.date_words(typed, week)}.",
                f"Write end_week = {week}: the week's number, not a date.",
            )
            return False
        whole = isinstance(value, Decimal) and value.is_finite() and value == int(value)
        if isinstance(value, bool) or not (isinstance(value, int) or whole):
            shown = (
                _typed(value)
                if isinstance(value, int | Decimal) and not isinstance(value, bool)
                else _kind_of(value)
                if isinstance(value, bool | dict | list | str)
                else str(value)
            )
            # A whole week in quotes ("9", "９") is told to lose them, as percent_done is.
            # A week written as TOML's 0xC or 1_2: the week to write, as a number is told.
            quoted = isinstance(value, WrittenOtherwise) or (
                isinstance(value, str) and value.strip().isdigit()
            )
            said = quoted_figure(value, "a week number", "end_week") if quoted else None
            if isinstance(value, str) and (worded := worded_week(value)) is not None:
                # "W12", as a plan's timeline labels its weeks: read "'W12' is not a week
                # number", the number not named.
                said = (
                    f"{_kind_of(value)} is not a week number (it writes the word week, or its "
                    f"letter, with the number): write end_week = {worded}."
                )
            fix = (
                "Write the week its work will end in, a whole number without quotes, "
                "e.g. end_week = 9."
            )
            if isinstance(value, WrittenOtherwise) and (figure := written_plain(value)):
                fix = f"Write end_week = {figure}."  # the line its message gives
            self.problem(column, said or f"{shown} is not a week number.", fix)
            return False
        week = int(cast(int | Decimal, value))
        if isinstance(value, Decimal) and 1 <= week <= _MOST_WEEKS:
            # 9.0: settings.toml refuses [calendar] weeks = 13.0 so, and a week is whole.
            # Not -0.0: "Write end_week = 0" was a fix refused in turn (before week 1, below).
            typed = _typed(value)
            how = (
                "is written with an exponent: a week is a whole number written without one"
                if "e" in typed
                else "is not a whole number: a week has no decimal point"
            )
            self.problem(column, f"{typed} {how}.", f"Write end_week = {week}.")
            return False
        if week > _MOST_WEEKS:  # 1e400 read whole is no week to print
            self.problem(
                column,
                f"{_week_typed(cast(int | Decimal, value))} is past the end of the quarter.",
                "Write the week its work will end in, e.g. end_week = 9.",
            )
            return False
        if week < 1:
            self.problem(
                column,
                # -0.0 and -2.0 are weeks 0 and -2; only a week too long to print is as typed.
                f"{_week_typed(week if week >= -_MOST_WEEKS else cast(int | Decimal, value))} "
                "is before the quarter's first week.",
                "Write the week its work will end in, e.g. end_week = 9.",
            )
            return False
        return week

    def check_end_weeks(
        self,
        projects: Mapping[str, ProjectProgress],
        weeks: Decimal,
        quarter: Decimal,
        planned: Decimal = QUARTER_WEEKS,
    ) -> None:
        """Each end week after the weeks gone, and in the quarter.

        At the quarter's end no end week can be right: said once for them all, as the
        re-plan says work still in progress then (a template of week 3 sent at week 13
        had a line for each of its fifteen projects in progress). End weeks past a
        quarter shorter than the data's (``planned`` weeks) are said once too, as the
        quarter's length: "from week 7 to week 12" on each was the wrong fix.
        """
        wrong = [
            (project_id, end)
            for project_id, progress in projects.items()
            if (end := progress.end_week) is not None and not weeks < end <= quarter
        ]
        past = [(p, end) for p, end in wrong if quarter < end <= planned]
        if past:
            ids = [escaped(project_id) for project_id, _ in past]
            ends = sorted({end for _, end in past})
            self.problem(
                "quarter_weeks",
                f"quarter_weeks is {toml_amount(quarter)}, but the data plans a "
                f"{toml_amount(planned)}-week quarter, and {plural(len(ids), 'project')} in "
                f"progress end in {'week' if len(ends) == 1 else 'weeks'} "
                f"{', '.join(map(str, ends))} ({first_few(ids)}).",
                f"Write quarter_weeks = {toml_amount(planned)}, or leave it out.",
            )
            wrong = [w for w in wrong if w not in past]
        after = int(weeks) + 1
        if wrong and weeks > quarter:
            return  # weeks_elapsed past the quarter is said on its own key, with its fix
        if wrong and after > quarter:
            ids = [escaped(project_id) for project_id, _ in wrong]
            self.problem(
                "projects",
                f"the check-in is at the end of the quarter (week {toml_amount(weeks)} of "
                f"{toml_amount(quarter)}), with no week left for the end week of "
                f"{plural(len(ids), 'project')} in progress ({first_few(ids)}).",
                'Mark each "done", or "dropped" if it will not finish this quarter, or give '
                "the week you are in.",
            )
            return
        for project_id, end in wrong:
            shown = escaped(project_id)
            if end > quarter:
                message = f"week {end} is past the end of the {toml_amount(quarter)}-week quarter."
                fix = "work past the quarter is for the next one."
            else:
                message = (
                    f"week {end} is not after the check-in's week {toml_amount(weeks)}: the work "
                    f"left of '{shown}' needs a week still to come."
                )
                fix = 'a project whose work is over is "done".'
            self.problem(
                f"projects.{shown}.end_week",
                message,
                f"Write the week its work will end in, from week {after} to week "
                f"{toml_amount(quarter)}; {fix}",
            )

    def check_weeks(self, weeks: Decimal, quarter: Decimal) -> None:
        """A quarter of some weeks, and weeks elapsed within it."""
        if not quarter > 0:
            self.problem(
                "quarter_weeks",
                f"{toml_amount(quarter)} weeks is not a quarter.",
                "Write the quarter's weeks, e.g. quarter_weeks = 13.",
            )
        elif not 0 <= weeks <= quarter:
            past = "is past the end of" if weeks > quarter else "is before the start of"
            self.problem(
                "weeks_elapsed",
                f"week {toml_amount(weeks)} {past} the {toml_amount(quarter)}-week quarter.",
                f"Write the weeks gone so far, from 0 to {toml_amount(quarter)}.",
            )
