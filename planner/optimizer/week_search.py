"""The local search for time-phased data: the greedy's moves, each checked week by week.

:class:`~planner.optimizer.local_search.LocalSearch` weighs its moves (insert,
relocate, drop, ejection chains, shifts and swaps) in quarter hours. With
weeks, a project that fits a team's quarter may still find no week in which
its run fits (rule 10), and a move that frees another project's hours frees
*its* weeks, not any. So here every move is a transaction: the weekly room
picks each start week as the move is carried out, and a move one of whose
steps finds no start week is undone whole. Projects tied by a dependency
never move (as in the quarter search), so finish to start (rule 12) holds.

Measured on a generated 40 x 500 quarter in weeks (seed 0, 10 s): the
greedy alone reached 1,543 of a bound of 1,719; see bench/results.md for
the search's figures.
"""

from __future__ import annotations

from planner.core.domain import Project
from planner.optimizer.local_search import LocalSearch

#: With weeks, the callers of the greedy (the warm start, the plan kept in weeks) give the
#: week search this many times their budget: CP-SAT found nothing better than the warm
#: start in its share of 10 s on generated 40 x 500 quarters in weeks, where 4x the kicks
#: gained 1-12 points (seeds 0-2).
KICKS_FACTOR = 4


class WeekSearch(LocalSearch):
    """:class:`LocalSearch` whose moves are undone when a step finds no start week."""

    _failed = False

    def _take(self, project: Project, row: int) -> None:
        weeks = self.g.weeks
        if weeks is not None and weeks.start_for(project, [row]) is None:
            self._failed = True  # no week has room: the move is undone by its caller
            return
        super()._take(project, row)

    def _place(self, project: Project) -> bool:
        saved = self._save()
        self._failed = False
        placed = super()._place(project)
        if self._failed:
            self._restore(saved)
            placed = False
        return placed or self._retime(project)

    def _retime(self, project: Project) -> bool:
        """Insert ``project`` where the quarter has room but its weeks do not, by moving
        one project of that team to other weeks (same team, same hours); whether it did.

        The time-wise twin of the relocation: the first team (best gain first)
        where some project can shift to weeks that leave ``project`` a run.
        """
        g = self.g
        weeks = g.weeks
        if weeks is None or self.should_stop():
            return False
        pid = project.project_id
        options = []
        for row in self.rows[pid]:
            if not g.has_room(row):  # no quarter hours or project slot left
                continue
            gain = self._change_one(pid, g.value[row]) + self.worth[row]
            if gain > 1e-9:
                options.append((gain, row))
        for _gain, row in sorted(options, reverse=True):
            for other in sorted(self.on_team[g.pairs[row].team_id]):
                if other not in self.movable:
                    continue
                (held,) = g.chosen[other]
                fits = weeks.fits_in_turn(project, row, g.problem.project(other), held)
                if fits:  # the same steps again, for real: the weekly room picks the same weeks
                    self._drop(other)
                    self._take(project, row)
                    self._take(g.problem.project(other), held)
                    return True
        return False

    def _chain(self, project: Project) -> bool:
        saved = self._save()
        self._failed = False
        chained = super()._chain(project)
        if self._failed:
            self._restore(saved)
            return False
        return chained

    def _reassign(self) -> bool:
        """A pass of shifts and swaps, kept whole only when it scores better."""
        saved = self._save()
        before = self.score()
        self._failed = False
        held = self.mandatory & set(self.g.chosen)
        improved = super()._reassign()
        # A shift whose new team had no week for it left its project out: keep the pass
        # only when it still gains and every mandatory project is still in.
        lost = held - set(self.g.chosen)
        if self._failed and (lost or self.score() <= before + 1e-9):
            self._restore(saved)
            return False
        return improved
