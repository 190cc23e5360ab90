"""Reading settings.toml: every key checked, every problem reported at once.

Unknown keys and values of the wrong kind are reported as
:class:`~planner.core.errors.InputIssue` naming the key and the fix; a what-if's
settings file is read over the data's own (:func:`over_settings`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any

from planner.core import ranges
from planner.core.errors import InputIssue, InvalidInputError, clipped
from planner.core.identifiers import (
    IDENTIFIER_FIX,
    escaped,
    id_key,
    identifier,
    identifier_problem,
    ids_run_together,
    near_ids,
)
from planner.core.ranges import Range, quoted_figure, written_otherwise, written_plain
from planner.core.settings import (
    DEFAULT_STAGES,
    DEPARTMENTS,
    CalendarSettings,
    CapacitySettings,
    Settings,
    SolveSettings,
    StageSettings,
    Weights,
)
from planner.core.settings_sheet import setting_named
from planner.core.toml_text import (
    WrittenFloat,
    WrittenOtherwise,
    toml_key,
    toml_loads,
    toml_table,
    written_as,
)


class _Reader:
    """Collects every problem while reading one settings file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[InputIssue] = []

    def problem(self, key: str, message: str, fix: str) -> None:
        self.issues.append(InputIssue(self.file, None, key, message, fix, keyed=True))

    def section(self, data: Mapping[str, Any], key: str, allowed: set[str]) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.problem(key, f"[{key}] must be a table.", f"Write it as a [{key}] section.")
            return {}
        for unknown in sorted(set(value) - allowed):
            shown = clipped(escaped(unknown))  # a key may be 100,000 characters long
            self.problem(
                f"{key}.{shown}",
                f"unknown setting '{shown}' in [{key}].",
                f"Remove it; known settings are: {', '.join(sorted(allowed))}.",
            )
        return value

    def number(
        self,
        section: Mapping[str, Any],
        path: str,
        default: float,
        accepted: Range,
        *,
        key: str | None = None,
    ) -> Any:
        # ``key`` is given when it may itself contain dots (a team id).
        key = path.rsplit(".", 1)[-1] if key is None else key
        if key not in section:
            return default
        value = section[key]
        why = quoted_figure(value, accepted.describe(), toml_key(key)) or accepted.problem(
            value, written=written_as(value)
        )
        if why is not None and isinstance(value, WrittenOtherwise):
            why, fix = _otherwise_words(value, accepted, default, toml_key(key))
            self.problem(path, why, fix)
            return default
        if why is not None:
            self.problem(path, why, accepted.fix(value, default))
            return default
        # -0.0 reads as 0.0: "the max utilisation is -0 %" otherwise.
        return int(value) if accepted.integer else float(value) + 0.0


def _otherwise_words(
    value: WrittenOtherwise, accepted: Range, default: float, key: str
) -> tuple[str, str]:
    """The message and fix for a number written with '_' or in base 16, 8 or 2 (``seed =
    0x10``): the line to write, or, when the plain figure is out of range too, the range."""
    why = written_otherwise(value, key, whole=accepted.integer)
    plain = written_plain(value, whole=accepted.integer)
    if not plain:
        return why, accepted.fix(value, default)
    number = int(plain) if accepted.integer and plain.lstrip("-").isdigit() else float(plain)
    out = accepted.problem(number)
    if out is None:
        return why, f"Write {key} = {plain}."
    return f"{why} {out}", accepted.fix(number, default)


def parse_settings(text: str, file: str = "settings.toml") -> Settings:
    """Read settings from TOML text; every problem is reported at once.

    Raises
    ------
    InvalidInputError
        With one issue per bad key or value.
    """
    return _settings_of(toml_table(text, file, parse_float=WrittenFloat), file)


def over_settings(
    base: str | None, over: str | None, file: str, issues: list[InputIssue]
) -> str | None:
    """A settings file (``--settings``) over the data's own settings.toml (``base``):
    TOML text of the settings ``over`` names, the rest as ``base`` has them.

    A what-if file names only what it changes, e.g. a multiplier: the data's
    weights, stages and quarter stay. A key of ``over`` replaces the same key
    of ``base``; a table is merged key by key. ``None`` when either file is
    wrong, with every problem of both added to ``issues``, each under its
    own file's name (``over`` is ``None`` when it could not be read).
    """
    if base is None or over is None:
        return over
    tables = []
    found = len(issues)
    for text, name in ((base, "settings.toml"), (over, file)):
        try:
            table = toml_table(text, name, parse_float=WrittenFloat)
            _settings_of(table, name)  # each file's own problems, under its own name
            tables.append(table)
        except InvalidInputError as exc:
            issues += exc.issues
    if len(issues) > found:
        return None
    try:  # each file holds, but together they may not (an order without the data's stages)
        return _settings_of(_merged(*tables), f"{file} over settings.toml").to_toml()
    except InvalidInputError as exc:
        issues += exc.issues
        return None


def multiplier_names(text: str) -> frozenset[str]:
    """The capacity multipliers a settings file names (none when it names none, or is
    not TOML): a problem with one of them is that file's, not the data's settings.toml."""
    try:
        multipliers = toml_loads(text).get("capacity", {}).get("multipliers", {})
    except (ValueError, RecursionError, AttributeError):  # ValueError: a number past int()'s
        return frozenset()
    return frozenset(multipliers) if isinstance(multipliers, Mapping) else frozenset()


def multipliers_despite(text: str, over: str | None = None) -> dict[str, float]:
    """The capacity multipliers of settings that are invalid elsewhere (``over``'s over
    ``text``'s, of a ``--settings`` file), each that reads (a bad value as 1): a team no
    data has was named only once a duplicate key beside it was fixed, a second round."""
    found: dict[str, float] = {}
    for given in (text, over):
        try:
            capacity = toml_loads(given or "").get("capacity", {})
        except (ValueError, RecursionError):  # ValueError: a number past int()'s
            continue
        if isinstance(capacity, Mapping):
            found |= _capacity(_Reader(""), capacity)[1]
    return found


def stages_despite(text: str, problems: Iterable[InputIssue]) -> StageSettings | None:
    """The funnel stages of settings that are invalid elsewhere, or None if they are unknown.

    A typo in ``[solve]`` must not hide a wrong stage name in projects.csv,
    so the ``[stages]`` table is read on its own when it is not the problem.
    """
    if any(i.column is None or i.column.startswith("stages") for i in problems):
        return None
    try:
        stages = toml_table(text, "settings.toml").get("stages")
        if stages is None:
            return StageSettings()
        return _settings_of({"stages": stages}, "settings.toml").stages
    except (InvalidInputError, TypeError, ValueError):
        return None


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        below = out.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            value = _merged(below, value)
        out[key] = value
    return out


def _settings_of(data: Mapping[str, Any], file: str) -> Settings:
    r = _Reader(file)
    for unknown in sorted(set(data) - {"solve", "capacity", "stages", "weights", "calendar"}):
        shown = clipped(escaped(unknown))
        full = None if isinstance(data[unknown], Mapping) else setting_named(unknown)
        if full is not None:
            # `seed = 3` on the first line, before any [section]: it read "unknown section
            # [seed]", of a key with no brackets, and named no section to put it under.
            section = full.rsplit(".", 1)[0]
            r.problem(
                shown,
                f"{shown} is written before any [section], so it is no setting.",
                f"Move it under [{section}], or write [{section}] on a line above it.",
            )
            continue
        if not isinstance(data[unknown], Mapping):
            # `x = 1` on the first line read "unknown section [x]", of a key with no brackets.
            r.problem(
                shown,
                f"{shown} is written before any [section], and no setting is called {shown}.",
                "Delete it, or write the setting meant under its section: [solve], "
                "[capacity], [stages], [weights] or [calendar].",
            )
            continue
        r.problem(
            shown,
            f"unknown section [{shown}].",
            "Use only [solve], [capacity], [stages], [weights] and [calendar].",
        )

    s = r.section(data, "solve", {"time_limit_s", "workers", "seed"})
    solve = SolveSettings(
        time_limit_s=r.number(s, "solve.time_limit_s", 10.0, ranges.TIME_LIMIT),
        workers=r.number(s, "solve.workers", 0, ranges.WORKERS),
        seed=r.number(s, "solve.seed", 0, ranges.SEED),
    )

    c = r.section(data, "capacity", {"max_utilization", "multipliers"})
    max_util, multipliers = _capacity(r, c)
    order, owners = _stages(r, r.section(data, "stages", {"order", "owners"}))
    w = r.section(data, "weights", {f.name for f in fields(Weights)})
    defaults = Weights()
    weights = Weights(
        **{
            f.name: r.number(
                w, f"weights.{f.name}", getattr(defaults, f.name), ranges.weight_range(f.name)
            )
            for f in fields(Weights)
        }
    )
    calendar = _calendar(r, r.section(data, "calendar", {"weeks", "first_monday"}))
    if r.issues:
        raise InvalidInputError(r.issues)
    return Settings(
        calendar=calendar,
        solve=solve,
        capacity=CapacitySettings(max_utilization=max_util, multipliers=multipliers),
        stages=StageSettings(order=tuple(order), owners=owners),
        weights=weights,
    )


def _capacity(r: _Reader, c: Mapping[str, Any]) -> tuple[float, dict[str, float]]:
    """``[capacity]``: the max utilisation and the what-if multipliers, by trimmed name."""
    max_util = r.number(c, "capacity.max_utilization", 1.0, ranges.MAX_UTILIZATION)
    multipliers: dict[str, float] = {}
    raw_mult = c.get("multipliers", {})
    if not isinstance(raw_mult, dict):
        r.problem("capacity.multipliers", "must be a table.", "Write [capacity.multipliers].")
        raw_mult = {}
    for name in raw_mult:
        path = f"capacity.multipliers.{clipped(escaped(name))}"
        hidden = identifier_problem(name, "team or department")
        if hidden is not None:
            r.problem(path, hidden, IDENTIFIER_FIX)
            continue
        if identifier(name) in multipliers:
            # '"sdr " = 1.2' after 'sdr = 1.5' read "key capacity.multipliers.sdr : is given
            # twice (after trimming)": which two, and with which spaces, was left to find.
            trimmed = clipped(escaped(identifier(name)))
            path = f"capacity.multipliers.{clipped(toml_key(name))}"
            r.problem(
                path,
                f"is '{trimmed}' once the spaces around it are trimmed, and '{trimmed}' "
                "already has a multiplier.",
                f"Keep one multiplier for '{trimmed}'.",
            )
            continue
        multipliers[identifier(name)] = r.number(raw_mult, path, 1.0, ranges.MULTIPLIER, key=name)
    return max_util, multipliers


def _stages(r: _Reader, st: Mapping[str, Any]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """``[stages]``: the funnel's order and the departments that may own each stage (a
    stage left out takes its default owners)."""
    order = st.get("order", list(DEFAULT_STAGES))
    if (
        not isinstance(order, list)
        or not order
        or not all(isinstance(x, str) and x.strip() for x in order)
    ):
        r.problem(
            "stages.order",
            "must be a non-empty list of stage names.",
            'Write the stages in funnel order, e.g. ["awareness", "closing"].',
        )
        order = list(DEFAULT_STAGES)
    order = [identifier(x) for x in order]
    for stage in order:
        hidden = identifier_problem(stage, "stage")
        if hidden is not None:
            r.problem("stages.order", hidden, IDENTIFIER_FIX)
    if twice := sorted({s for s in order if order.count(s) > 1}):
        named = " and ".join(f"'{escaped(s)}'" for s in twice)
        r.problem("stages.order", f"lists {named} twice.", "Name each stage once.")
    owners: dict[str, tuple[str, ...]] = {}
    raw_owners = st.get("owners")
    if raw_owners is None:
        pass  # StageSettings gives each stage its default owners
    elif not isinstance(raw_owners, dict):
        r.problem("stages.owners", "must be a table.", "Write [stages.owners].")
    else:
        for stage, depts in raw_owners.items():
            path = f"stages.owners.{escaped(stage)}"
            # A character nobody sees is what keeps such a name out of the order (or the
            # departments): say so, as ids and stages.order do, not "add it to order".
            typed = [(stage, "stage")]
            if isinstance(depts, list):
                typed += [(d, "department") for d in depts if isinstance(d, str)]
            hidden = next(
                (p for p in (identifier_problem(t, w) for t, w in typed) if p is not None), None
            )
            if hidden is not None:
                r.problem(path, hidden, IDENTIFIER_FIX)
                continue
            name = _in_order(stage, order)
            if name is None:
                r.problem(
                    path,
                    f"'{escaped(stage)}' is not in stages.order.",
                    "Add it to order or drop it.",
                )
                continue
            if name in owners:
                r.problem(
                    path,
                    f"gives the owners of '{escaped(name)}' twice.",
                    "Keep one line per stage.",
                )
                continue
            if not isinstance(depts, list) or not all(
                isinstance(d, str) and d.strip().lower() in DEPARTMENTS for d in depts
            ):
                if isinstance(depts, list):
                    others = [
                        d
                        for d in depts
                        if not (isinstance(d, str) and d.strip().lower() in DEPARTMENTS)
                    ]
                    named = ", ".join(f"'{escaped(str(d))}'" for d in others[:3])
                    what = "is not a department" if len(others) == 1 else "are not departments"
                    message = f"{named} {what} (sales or marketing)."
                else:
                    message = "must be a list of departments."
                r.problem(path, message, 'Use ["sales"], ["marketing"] or both.')
                continue
            owners[name] = tuple(dict.fromkeys(d.strip().lower() for d in depts))
    return order, owners


def _calendar(r: _Reader, section: Mapping[str, Any]) -> CalendarSettings:
    """``[calendar]``: the number of weeks and an optional Monday of week 1."""
    weeks = r.number(section, "calendar.weeks", 13, ranges.CALENDAR_WEEKS)
    raw = section.get("first_monday")
    first_monday: datetime.date | None = None
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        first_monday = raw
    elif isinstance(raw, str) and raw.strip():
        try:
            first_monday = datetime.date.fromisoformat(raw.strip())
        except ValueError:
            first_monday = None
            if len(meant := _mondays_meant(raw.strip())) == 1:
                # "30.06.2025", as a German leader writes it: the Monday, as TOML wants it.
                (monday,) = meant
                r.problem(
                    "calendar.first_monday",
                    f"'{raw}' is not written as YYYY-MM-DD.",
                    f'Write "{monday.isoformat()}" (Monday {monday.day} '
                    f"{monday.strftime('%B %Y')}).",
                )
            elif _dates_meant(raw.strip()):
                # "01.07.2025", a Tuesday: a date all the same, of no Monday.
                r.problem(
                    "calendar.first_monday",
                    f"'{raw}' is not written as YYYY-MM-DD, and is not a Monday however it "
                    "is read.",
                    _MONDAY_FIX,
                )
            else:
                r.problem("calendar.first_monday", *_not_a_date(raw))
    elif raw is not None and raw != "":
        r.problem("calendar.first_monday", *_not_a_date(raw))
    if first_monday is not None and first_monday.weekday() != 0:
        r.problem(
            "calendar.first_monday",
            f"{first_monday.isoformat()} is a {first_monday.strftime('%A')}, not a Monday.",
            "Give the Monday that starts week 1.",
        )
        first_monday = None
    if first_monday is not None and not (
        _FIRST_DAY <= first_monday <= _LAST_DAY - datetime.timedelta(weeks=int(weeks))
    ):
        # A year such as 0025 or 9999 is a slip of the keyboard, and its weeks' dates
        # do not exist on a chart's time axis (nor, near 9999, at all).
        r.problem(
            "calendar.first_monday",
            f"{first_monday.isoformat()} puts the quarter outside the years "
            f"{_FIRST_DAY.year}-{_LAST_DAY.year - 1}.",
            _MONDAY_FIX,
        )
        first_monday = None
    return CalendarSettings(weeks=weeks, first_monday=first_monday)


#: Other ways a date is written: day first (Europe), month first (US), year first with
#: slashes or without zeros, a date-time, the month in words.
_DATE_FORMS = (
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
)


def _mondays_meant(text: str) -> set[datetime.date]:
    """The Mondays ``text`` reads as in any of :data:`_DATE_FORMS` ("07/06/2025" is 7 June
    or 6 July: the one that is a Monday is meant)."""
    return {day for day in _dates_meant(text) if day.weekday() == 0}


def _dates_meant(text: str) -> set[datetime.date]:
    """The dates ``text`` reads as in any of :data:`_DATE_FORMS`."""
    found = set()
    for form in _DATE_FORMS:
        try:
            found.add(datetime.datetime.strptime(text, form).date())
        except ValueError:
            continue
    return found


def _not_a_date(raw: object) -> tuple[str, str]:
    """The problem of a first_monday that is not a date, and its fix: a whole number of the
    days a spreadsheet counts dates of 2000-2099 in (45838, a settings sheet's date cell
    formatted as a number) is said as the date it stores: it read only "'45838' is not a
    date"."""
    if isinstance(raw, bool):  # as TOML writes it: 'True' read as Python's word
        return f"'{str(raw).lower()}' is not a date.", _MONDAY_FIX
    text = str(raw).strip()
    # A date-time cell stores its time as the fraction of the day (45838.5: noon).
    found = re.fullmatch(r"([0-9]{5})(?:\.([0-9]+))?", text)
    if found is None or not 36_526 <= int(found[1]) <= 73_050:
        return f"'{raw}' is not a date.", _MONDAY_FIX
    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(found[1]))
    said = f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"
    minutes = round(float(f"0.{found[2] or 0}") * 24 * 60)
    if 0 < minutes < 24 * 60:
        said += f", {minutes // 60:02d}:{minutes % 60:02d},"
    message = f"'{raw}' is not a date: it is the number a spreadsheet stores {said} as."
    if day.weekday() != 0:
        return message, _MONDAY_FIX
    kept = "a spreadsheet's cell formatted as text or as a date keeps it so"
    return message, f'Write "{day.isoformat()}" ({kept}).'


#: The fix for a first_monday that is not a date of the years the charts can show.
_MONDAY_FIX = 'Write the Monday of week 1 as "YYYY-MM-DD", e.g. "2027-01-04".'
#: The quarter's dates lie inside these (a chart's time axis ends in 2262).
_FIRST_DAY = datetime.date(1900, 1, 1)
_LAST_DAY = datetime.date(2200, 1, 1)


def _in_order(stage: str, order: list[str]) -> str | None:
    """The order's name for an owners' stage: as typed, else in any letter case, as
    projects.csv's stage column reads it (``awareness`` for an order's ``Awareness``)."""
    name = identifier(stage)
    if name in order:
        return name
    return next((s for s in order if s.lower() == name.lower()), None)


#: Unknown multiplier keys offered the closest team ids (the rest only the fix).
_HINTED = 100


def unknown_multipliers(
    multipliers: Mapping[str, float],
    teams: Sequence[tuple[str, str]],
    holder: Callable[[str], str],
) -> list[InputIssue]:
    """A problem for each multiplier naming neither a department nor one of ``teams``
    (each team's id and name), under the file ``holder`` gives for its name, with the
    team meant where it is plain: one named by its name, or several run together, or
    the closest ids."""
    known = [*DEPARTMENTS, *(team_id for team_id, _ in teams)]
    unknown = [name for name in multipliers if name not in known]
    issues: list[InputIssue] = []
    keyed = {id_key(k): k for k in reversed(known)}
    by_name = {id_key(name): team_id for team_id, name in reversed(teams)}
    for number, name in enumerate(unknown):
        shown = clipped(escaped(name))
        value = multipliers[name]
        if id_key(name) not in keyed and (team_id := by_name.get(id_key(name))):
            # "no team is called 'SDR Team'" of the team the pages call so.
            message = (
                f"'{shown}' is the name of the team {escaped(team_id)}; "
                "a multiplier names a team by its id."
            )
            fix = f'Write "{escaped(team_id)}" = {value:g}.'
        elif (apart := ids_run_together(name, known)) is not None:
            lines = " and ".join(f'"{escaped(t)}" = {value:g}' for t in apart)
            message = f"'{shown}' are {len(apart)} teams or departments written as one key."
            fix = f"Give each its own line: {lines}."
        else:
            # The closest ids for the first ones a reader gets to: a search for each of
            # 50,000 keys took 9 s of the 14 s to refuse them.
            # The same id typed otherwise ('ｓｄｒ', full-width; 'SDR') first, for every key.
            alike = [keyed[id_key(name)]] if id_key(name) in keyed else []
            hinted = number < _HINTED
            close = alike or (near_ids(name, known, n=3) if hinted else [])
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            message = f"no department or team is called '{shown}'."
            fix = f"Use sales, marketing or a team_id of teams.csv.{hint}"
        key = f"capacity.multipliers.{shown}"
        issues.append(InputIssue(holder(name), None, key, message, fix, keyed=True))
    return issues
