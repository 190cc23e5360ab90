"""The soft priorities as a leader sets them: named levels (off, some, strong) and the
weights they stand for, each priority's name and help.

Leaders state priorities ("workload balance matters a lot"), not weights
(``balance = 0.5``)."""

from __future__ import annotations

from collections.abc import Mapping

from planner.explain.score_terms import TERM_NAMES

#: The named choices for a soft priority, weakest first.
LEVELS: tuple[str, ...] = ("off", "some", "strong")


#: The weight each named choice stands for. "some" is the default of SPEC's settings.
PRIORITY_WEIGHTS: Mapping[str, Mapping[str, float]] = {
    "balance": {"off": 0.0, "some": 0.1, "strong": 0.5},
    "fit": {"off": 0.0, "some": 0.05, "strong": 0.25},
    # On the sample, "some" raises Sales-qualified leads' chance from 4 % to 36 % for 0.4 pts
    # of goal attainment; "strong" puts Marketing-qualified leads at 80 % (from 3 %) for 2.
    "confidence": {"off": 0.0, "some": 0.25, "strong": 1.0},
}


#: What each priority means to a leader: the name the ranking score's terms read too.
PRIORITY_NAMES: Mapping[str, str] = {name: TERM_NAMES[name] for name in PRIORITY_WEIGHTS}


PRIORITY_HELP: Mapping[str, str] = {
    "balance": "Spread the work so that no team is much fuller than the others, even if "
    "that costs a little goal attainment.",
    "fit": "Prefer the teams whose skills are strongest for a project and that work at its stage.",
    "confidence": "Prefer plans that make a goal's target likely over ones that get closer to "
    "every target on paper: the plan may put its hours on fewer goals, to hit those, and give "
    "up some goal attainment for it (each goal's chance is on the Overview).",
}


def priority_level(name: str, weight: float) -> str | None:
    """The named choice a weight stands for (``None``: a custom weight, set under advanced)."""
    for level, value in PRIORITY_WEIGHTS[name].items():
        if abs(value - weight) < 1e-12:
            return level
    return None
