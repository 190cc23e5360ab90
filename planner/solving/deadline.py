"""One deadline for a solve of several stages, taken when the leader asked.

SPEC: a solve never runs past its time limit by more than a second. A what-if against
the current plan (:func:`~planner.scenarios.relative.solve_relative`) is two searches,
the check of the current plan and the changes counted after them. Each stage given
"the limit minus the seconds the stages before it reported" added up every stage's
own overrun and every step no stage counted: 11.69 s for a 10 s limit in the app at
150 teams x 1,500 projects in weeks (bench/results.md, "A VP Sales at 150 teams in a
browser"). Here each stage gets what is left of one clock, less the work still to come
after it and the overrun a search is allowed (:data:`STAGE_OVERRUN_S`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: What a stage may run past the seconds it is given: a search stops at its next check of
#: the clock, then translates and checks its plan. Measured at 150 x 1,500 in weeks, load
#: 8-9: the fewest-changes stage ran 0.01-0.33 s past its limit (bench/whatif_clock.py).
STAGE_OVERRUN_S = 0.35
#: A stage is given at least this, however little is left: it hands back its first plan.
MIN_STAGE_S = 0.1


@dataclass(frozen=True)
class Deadline:
    """``limit_s`` seconds from ``started`` (a reading of ``clock``, ``time.perf_counter``
    by default: the moment the leader asked)."""

    limit_s: float
    started: float = field(default_factory=time.perf_counter)
    clock: Callable[[], float] = field(default=time.perf_counter, compare=False)

    @property
    def at(self) -> float:
        """The deadline itself, on ``clock``."""
        return self.started + self.limit_s

    def elapsed(self) -> float:
        """Seconds since the leader asked."""
        return self.clock() - self.started

    def left(self) -> float:
        """Seconds left until the deadline (negative once past it)."""
        return self.at - self.clock()

    def share_s(self, share: float) -> float:
        """A first stage's seconds: ``share`` of the limit, less what has run already."""
        return max(MIN_STAGE_S, share * self.limit_s - self.elapsed())

    def stage_s(self, after_s: float = 0.0) -> float:
        """A stage's seconds: what is left, less ``after_s`` (the work still to come after
        it) and :data:`STAGE_OVERRUN_S`; at least :data:`MIN_STAGE_S`."""
        return max(MIN_STAGE_S, self.left() - after_s - STAGE_OVERRUN_S)

    def room_for(self, least_s: float, after_s: float = 0.0) -> bool:
        """Whether a stage that takes at least ``least_s`` however little it is given ends
        before the deadline, ``after_s`` (the work after it) and :data:`STAGE_OVERRUN_S`
        kept: a stage given :data:`MIN_STAGE_S` past that overruns the limit by its least."""
        return self.left() - after_s - STAGE_OVERRUN_S >= least_s
