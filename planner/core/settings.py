"""A scenario's settings: a value object that writes itself as TOML.

Every key has a default; :mod:`planner.core.settings_reading` reads settings.toml
(unknown keys and values of the wrong kind reported as
:class:`~planner.core.errors.InputIssue` naming the key and the fix), and
:mod:`planner.core.toml_text` writes and reads TOML text for both.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from planner.core import ranges
from planner.core.toml_text import toml_key, toml_value

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
SALES = "sales"
MARKETING = "marketing"
#: The departments a stage may go to (named here, below the domain, for its policy).
DEPARTMENTS: tuple[str, ...] = (SALES, MARKETING)


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
            stage: given.get(stage, DEFAULT_OWNERS.get(stage, DEPARTMENTS)) for stage in order
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

    :func:`~planner.core.settings_reading.parse_settings` reads TOML text and
    :meth:`to_toml` writes it back;
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
        """TOML text that :func:`~planner.core.settings_reading.parse_settings` reads back
        to an equal object."""
        lines = ["[solve]"]
        lines += [
            f"{f.name} = {toml_value(getattr(self.solve, f.name))}" for f in fields(self.solve)
        ]
        lines += [
            "",
            "[capacity]",
            f"max_utilization = {toml_value(self.capacity.max_utilization)}",
        ]
        lines += ["", "[capacity.multipliers]"]
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in self.capacity.multipliers.items()]
        lines += ["", "[stages]", f"order = {toml_value(list(self.stages.order))}"]
        lines += ["", "[stages.owners]"]
        lines += [f"{toml_key(k)} = {toml_value(list(v))}" for k, v in self.stages.owners.items()]
        lines += ["", "[weights]"]
        lines += [
            f"{f.name} = {toml_value(getattr(self.weights, f.name))}" for f in fields(Weights)
        ]
        lines += ["", "[calendar]", f"weeks = {self.calendar.weeks}"]
        if self.calendar.first_monday is not None:
            lines.append(f'first_monday = "{self.calendar.first_monday.isoformat()}"')
        return "\n".join(lines) + "\n"
