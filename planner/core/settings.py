"""A scenario's settings: a value object that loads from and writes to TOML.

Every key has a default; unknown keys and values of the wrong kind are
reported as :class:`~planner.core.errors.InputIssue` naming the key and the fix.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from planner.core import ranges
from planner.core.errors import InputIssue, InvalidInputError, clipped
from planner.core.ranges import Range, quoted_figure
from planner.core.text import IDENTIFIER_FIX, escaped, identifier, identifier_problem

DEFAULT_STAGES: tuple[str, ...] = (
    "awareness",
    "lead_generation",
    "nurturing",
    "qualification",
    "closing",
    "retention",
)
DEFAULT_OWNERS: Mapping[str, tuple[str, ...]] = dict(
    {
        "awareness": ("marketing",),
        "lead_generation": ("marketing",),
        "nurturing": ("marketing", "sales"),
        "qualification": ("sales", "marketing"),
        "closing": ("sales",),
        "retention": ("sales",),
    }
)
_DEPARTMENTS = ("sales", "marketing")


def exact(number: float | int | Decimal) -> Fraction:
    """The decimal a user wrote (``0.1`` is one tenth), as an exact fraction."""
    if isinstance(number, Decimal):
        return Fraction(number)
    if isinstance(number, int):
        return Fraction(number)
    return Fraction(Decimal(repr(number)))


@lru_cache(maxsize=1024)
def capacity_share(multiplier: float, max_utilization: float = 1.0) -> Fraction:
    """The share of a team's hours it may plan: what-if multiplier x max utilisation, exact."""
    return exact(multiplier) * exact(max_utilization)


def _as_float(value: Any) -> Any:
    """A whole number given for a figure that is a float (``time_limit_s=5``) as that
    float: settings.toml reads every such figure as a float, and a settings built in
    Python with an int wrote ``5`` where its text read back writes ``5.0``, so the same
    settings had two fingerprints (kept work read back as 'edited by hand?')."""
    return float(value) if type(value) is int else value


def _floats(settings: object, *names: str) -> None:
    """Each of ``names`` of a frozen settings section as :func:`_as_float` has it."""
    for name in names:
        object.__setattr__(settings, name, _as_float(getattr(settings, name)))


@dataclass(frozen=True)
class SolveSettings:
    time_limit_s: float = 10.0
    workers: int = 0
    seed: int = 0

    def __post_init__(self) -> None:
        _floats(self, "time_limit_s")


@dataclass(frozen=True)
class CapacitySettings:
    max_utilization: float = 1.0
    multipliers: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _floats(self, "max_utilization")
        multipliers = {k: _as_float(v) for k, v in self.multipliers.items()}
        object.__setattr__(self, "multipliers", multipliers)


@dataclass(frozen=True)
class StageSettings:
    order: tuple[str, ...] = DEFAULT_STAGES
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: DEFAULT_OWNERS)

    def __post_init__(self) -> None:
        # A stage the owners table leaves out keeps its default owners (both
        # departments for a stage of the leader's own), so a custom stage
        # list never silently becomes work that nobody may own.
        order = tuple(self.order)
        given = {k: tuple(v) for k, v in self.owners.items()}
        owners = {
            stage: given.get(stage, DEFAULT_OWNERS.get(stage, _DEPARTMENTS)) for stage in order
        }
        object.__setattr__(self, "order", order)
        object.__setattr__(self, "owners", owners)

    def allows(self, stage: str, department: str) -> bool:
        """Whether the stage policy lets ``department`` own work at ``stage``."""
        return department in self.owners.get(stage, ())

    def with_owners(self, owners: Mapping[str, Iterable[str]]) -> StageSettings:
        """The policy with these stages' owners; a stage given the departments it has keeps
        them in their order (a grid of ticks reads marketing first, settings.toml may not)."""
        kept = dict(self.owners)
        for stage, departments in owners.items():
            now = tuple(departments)
            if set(now) != set(kept.get(stage, ())):
                kept[stage] = now
        return replace(self, owners=kept)

    def unowned(self) -> list[str]:
        """The stages no department may own, in the funnel's order."""
        return [stage for stage in self.order if not self.owners.get(stage)]


#: The most weeks a quarter (or any planning period) may have.
MAX_WEEKS = int(ranges.CALENDAR_WEEKS.high)
#: A quarter's weeks unless settings.toml (or a check-in) says otherwise.
QUARTER_WEEKS = 13


@dataclass(frozen=True)
class CalendarSettings:
    """The quarter's weeks: how many, and optionally the Monday of week 1 (for dates)."""

    weeks: int = QUARTER_WEEKS
    first_monday: datetime.date | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise ValueError(f"calendar.weeks must be 1-{MAX_WEEKS}")

    def monday(self, week: int) -> datetime.date | None:
        """The Monday that starts ``week`` (None without ``first_monday``)."""
        if self.first_monday is None:
            return None
        return self.first_monday + datetime.timedelta(weeks=week - 1)


@dataclass(frozen=True)
class Weights:
    """Objective weights; 0 turns a term off."""

    attainment: float = 1.0
    value: float = 0.0
    balance: float = 0.1
    fit: float = 0.05
    stability: float = 0.0
    confidence: float = 0.0

    def __post_init__(self) -> None:
        _floats(self, *(f.name for f in fields(self)))


@dataclass(frozen=True)
class Settings:
    """All settings of a scenario, with SPEC.md's defaults: one section per table of
    ``settings.toml``.

    :func:`parse_settings` reads TOML text and :meth:`to_toml` writes it back;
    :meth:`with_changes` swaps whole sections
    (``settings.with_changes(solve=replace(settings.solve, time_limit_s=5))``).
    A problem carries its own (``problem.settings``); ``load_problem(folder,
    settings)`` takes them in place of the folder's.
    """

    solve: SolveSettings = field(default_factory=SolveSettings)
    capacity: CapacitySettings = field(default_factory=CapacitySettings)
    stages: StageSettings = field(default_factory=StageSettings)
    weights: Weights = field(default_factory=Weights)
    calendar: CalendarSettings = field(default_factory=CalendarSettings)

    def multiplier(self, team_id: str, department: str) -> float:
        """A team's what-if capacity multiplier: its own entry beats its department's."""
        m = self.capacity.multipliers
        if team_id in m:
            return m[team_id]
        return m.get(department, 1.0)

    def plannable_share(self, team_id: str, department: str) -> Fraction:
        """The share of a team's hours it may plan: its multiplier x the max utilisation."""
        return capacity_share(self.multiplier(team_id, department), self.capacity.max_utilization)

    def with_changes(self, **sections: Any) -> Settings:
        """A copy with whole sections replaced (e.g. ``weights=Weights(...)``)."""
        return replace(self, **sections)

    def to_toml(self) -> str:
        """TOML text that :func:`parse_settings` reads back to an equal object."""
        lines = ["[solve]"]
        lines += [f"{f.name} = {_toml(getattr(self.solve, f.name))}" for f in fields(self.solve)]
        lines += ["", "[capacity]", f"max_utilization = {_toml(self.capacity.max_utilization)}"]
        lines += ["", "[capacity.multipliers]"]
        lines += [f"{toml_key(k)} = {_toml(v)}" for k, v in self.capacity.multipliers.items()]
        lines += ["", "[stages]", f"order = {_toml(list(self.stages.order))}"]
        lines += ["", "[stages.owners]"]
        lines += [f"{toml_key(k)} = {_toml(list(v))}" for k, v in self.stages.owners.items()]
        lines += ["", "[weights]"]
        lines += [f"{f.name} = {_toml(getattr(self.weights, f.name))}" for f in fields(Weights)]
        lines += ["", "[calendar]", f"weeks = {self.calendar.weeks}"]
        if self.calendar.first_monday is not None:
            lines.append(f'first_monday = "{self.calendar.first_monday.isoformat()}"')
        return "\n".join(lines) + "\n"


def toml_key(key: str) -> str:
    """``key`` as a TOML line writes it: bare (``max_utilization``, ``AW-02``) when it may
    be, else a quoted string (``"Demand Gen"``)."""
    if key.replace("_", "").replace("-", "").isalnum() and key.isascii():
        return key
    return _toml(key)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string that reads back exactly.

    Characters that do not print are escaped; ``\\uXXXX`` holds only four hex digits, so
    one past U+FFFF (a private-use one, an emoji newer than Python's Unicode table) is
    written ``\\UXXXXXXXX``.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else _toml_escape(c) for c in escaped) + '"'


def _toml_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


class _Reader:
    """Collects every problem while reading one settings file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[InputIssue] = []

    def problem(self, key: str, message: str, fix: str) -> None:
        self.issues.append(InputIssue(self.file, None, key, message, fix))

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
        why = quoted_figure(value, accepted.describe(), toml_key(key)) or accepted.problem(value)
        if why is not None:
            self.problem(path, why, accepted.fix(value, default))
            return default
        # -0.0 reads as 0.0: "the max utilisation is -0 %" otherwise.
        return int(value) if accepted.integer else float(value) + 0.0


def parse_settings(text: str, file: str = "settings.toml") -> Settings:
    """Read settings from TOML text; every problem is reported at once.

    Raises
    ------
    InvalidInputError
        With one issue per bad key or value.
    """
    return _settings_of(toml_table(text, file), file)


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
            table = toml_table(text, name)
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
        multipliers = tomllib.loads(toml_lines(text)).get("capacity", {}).get("multipliers", {})
    except (tomllib.TOMLDecodeError, RecursionError, AttributeError):
        return frozenset()
    return frozenset(multipliers) if isinstance(multipliers, Mapping) else frozenset()


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


#: How to correct a settings file that is not TOML.
_SETTINGS_TOML_FIX = (
    "Correct that line: each setting is written once, as key = value under "
    "its [section]; text in quotes, lists in [ ]."
)


def toml_lines(text: str) -> str:
    """``text`` with each lone carriage return (the line end of an old Mac editor, or of a
    file saved by one) as a line end: TOML ends lines with LF or CRLF only, and read "not
    valid TOML (Expected newline or end of document after a statement (at line 1, column
    18))" of a check-in that was fine. TOML allows no lone CR anywhere else, not even in a
    string, so no valid file reads otherwise."""
    return _LONE_CR.sub("\n", text)


_LONE_CR = re.compile(r"\r(?!\n)")


def toml_table(
    text: str,
    file: str,
    fix: str = _SETTINGS_TOML_FIX,
    *,
    parse_float: Callable[[str], Any] = float,
) -> dict[str, Any]:
    """``text`` read as TOML; text that is not TOML is one :class:`InvalidInputError` under
    ``file``, with ``fix``."""
    text = toml_lines(text)
    try:
        return tomllib.loads(text, parse_float=parse_float)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        # Lists nested thousands deep overflow the reader's stack: bad input all the same.
        why = exc if isinstance(exc, tomllib.TOMLDecodeError) else "nested too deeply"
        table = _csv_line(text)
        message = (
            f"not valid TOML: it reads as a table of comma-separated columns ('{table}'), "
            "not as key = value lines."
            if table
            else f"not valid TOML ({why})."
        )
        if table:
            fix = "Give the TOML file here (key = value lines), not a CSV table."
        elif (again := _repeated(text, str(why))) is not None:
            # "Cannot overwrite a value (at line 3, column 20)": which key, in words.
            line, key = again
            message = f"not valid TOML: line {line} gives {key} again, after a line above."
            fix = f"Keep one {key}: each key is written once (in each table)."
        raise InvalidInputError([InputIssue(file, None, None, message, fix)]) from None


def _repeated(text: str, why: str) -> tuple[int, str] | None:
    """(line, key as written) of a key or table given a second time, from the reader's
    words; None for any other error."""
    found = re.search(r"^Cannot (overwrite a value|declare .* twice) \(at line (\d+),", why)
    lines = text.splitlines()
    if found is None or not 0 < int(found[2]) <= len(lines):
        return None
    written = lines[int(found[2]) - 1].strip()
    key = written if written.startswith("[") else written.partition("=")[0].strip()
    return int(found[2]), escaped(key if len(key) <= 60 else key[:60] + "...")


def _csv_line(text: str) -> str | None:
    """The first line of ``text``, shortened, when it reads as a CSV header (plan.csv given as
    the settings or the check-in): commas, no ``=`` and no ``[``; else None."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.count(",") < 2 or "=" in first or first.startswith(("[", "#")):
        return None
    return escaped(first if len(first) <= 40 else first[:40] + "...")


def _settings_of(data: Mapping[str, Any], file: str) -> Settings:
    r = _Reader(file)
    for unknown in sorted(set(data) - {"solve", "capacity", "stages", "weights", "calendar"}):
        shown = clipped(escaped(unknown))
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
            f.name: r.number(w, f"weights.{f.name}", getattr(defaults, f.name), ranges.WEIGHT)
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
            r.problem(path, "is given twice (after trimming).", "Keep one entry per name.")
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
                isinstance(d, str) and d.strip().lower() in _DEPARTMENTS for d in depts
            ):
                if isinstance(depts, list):
                    others = [
                        d
                        for d in depts
                        if not (isinstance(d, str) and d.strip().lower() in _DEPARTMENTS)
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
                r.problem("calendar.first_monday", f"'{raw}' is not a date.", _MONDAY_FIX)
    elif raw is not None and raw != "":
        r.problem(
            "calendar.first_monday",
            f"'{raw}' is not a date.",
            _MONDAY_FIX,
        )
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
