"""calendar.csv checked like every input: each row a team, a week or a range of weeks of
the quarter, and its hours that week; the weeks a leader types otherwise ('7,8,9-13',
'3-', '7 to 8', a Monday's date) told the rows to write.

A mixin of the loader's builder (:mod:`planner.core.table_builder`): each method
appends its problems to the row they belong to (file, row, column, fix) and
none stops at the first one. A project's week columns are :mod:`planner.core.week_inputs`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from planner.core.cells import (
    FILE_WORDS,
    WEEK_CAPACITY,
    MessageWords,
    Row,
    Table,
    clipped,
    quoted_number,
)
from planner.core.domain import CalendarRow
from planner.core.id_references import Ids
from planner.core.identifiers import id_key
from planner.core.not_a_number import looks_like_a_date
from planner.core.row_inputs import RowInputs
from planner.core.settings import MAX_WEEKS, Settings
from planner.core.shared_words import joined
from planner.core.shown_figures import hours
from planner.core.swapped_cells import Fit, said_swapped
from planner.core.tables import CALENDAR, MAX_DECIMALS, TEAMS
from planner.core.typed_numbers import PLAIN_DECIMAL, meant_figure, without_plus
from planner.core.week_inputs import WEEKS_SETTING, outside_the_quarter, week_meant, week_of_date
from planner.core.weeks import weeks_words
from planner.core.writing import plain, week_cell

#: A whole number as written, of any length: a calendar week past the quarter is said so.
_DIGITS = re.compile(r"([0-9]+)(?:\.0+)?")


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
        if outside := outside_the_quarter(f"{first}-{last}", weeks):
            return f" ({said}, {outside})", fix
        return f" ({said})", f"Write it as {first}-{last}."
    (week,) = whole
    said = "it has no first week" if parts[0] == "" else "it has no last week"
    if outside := outside_the_quarter(str(week), weeks):
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


_HALF_JOINED = re.compile(r"\s*(\S+)?\s*\b(?:to|through|thru|till|until)\b\s*(\S+)?\s*", re.I)


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


class CalendarInputs(RowInputs):
    """Rules for calendar.csv: a team's hours in given weeks of the quarter."""

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
        if (
            looks_like_a_date(text)
            and (week := week_of_date(text, self.settings.calendar, monday=True)) is not None
        ):
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
            outside = meant and outside_the_quarter(meant[1], weeks)
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
