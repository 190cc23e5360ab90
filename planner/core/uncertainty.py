"""Uncertain impact: the odds of reaching each goal's target (SPEC "Uncertain impact").

A project with ``value_low < value_high`` contributes a triangular outcome
(low, mode ``value``, high) to its goal, independently of every other
project. A team-specific value (estimates.csv) scales the project's low and
high by the same ratio, and each owner of a joint project carries its share.

Two uses, one set of random numbers:

* :func:`goal_odds` reports, for one plan, each goal's probability of
  reaching its target and its outcome at P10, P50 and P90: exact when a goal
  has at most one uncertain project, otherwise Monte Carlo over
  :data:`DRAWS` draws.
* :class:`OutcomeSamples` are the few fixed sampled outcomes that the
  ``confidence`` objective term counts over. The CP-SAT model and the
  independent checker both read them, each in its own code, so that the
  solver's objective and the checker's agree exactly.

The random numbers are keyed by project id (and the seed), not by position:
a project draws the same outcomes in every plan and every scenario of the
problem, so the difference between two plans' odds comes from their choices,
not from the dice (common random numbers). Each project's uniforms are
stratified (one in each of ``n`` equal slices, shuffled: a one-dimensional
Latin hypercube), which makes every project's own distribution near exact. The
error of a sum's probability is lowered less: over 40 seeds, on the sample and two
generated quarters (goals of 4 to 17 bets), its spread was 0.5 to 1.0 times plain
Monte Carlo's, at most 0.24 percentage points, and the reported chance at most 0.55
points from 400,000 plain draws (bench/odds_precision.py).
"""

from __future__ import annotations

import math
import threading
import zlib
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from planner.core.domain import Goal, Plan, Problem, Project
from planner.core.shown_figures import (
    amount_shown,
    at_least,
    at_least_value,
    chance,
    goal_amount,
    goal_row_values,
    goal_target,
    outcome,
    unit_after,
)

#: Draws per goal for the reported odds: the probability's standard error is at most
#: 0.35 percentage points with plain Monte Carlo, and stratification keeps it there or
#: lower (the module's docstring): SPEC's ±1 point is some 3 standard errors or more.
DRAWS = 20_000
#: Sampled outcomes that the ``confidence`` objective term counts over. Measured with
#: ``solve()`` at confidence 1 (the sample with CP-SAT seeds 0-1, generated M quarters 0-2,
#: the odds then measured with :data:`DRAWS` draws): 50 samples gave better goal-weighted
#: odds than 100 in 4 of 5 runs (sample 59 % vs 42-44 %, M 84-86 % vs 77-80 %, M2 75 % vs
#: 75 %): CP-SAT gets further within its work budget on the smaller model. 25 were too
#: coarse (M 71 %).
OBJECTIVE_SAMPLES = 50
#: The fixed seed of every draw.
SEED = 2027
#: The objective's sampled outcomes count in millionths of the goal's target.
RESOLUTION = 1_000_000
#: The closest to 0 or 1 a chance that is neither comes: 0.000001 %, the least that a
#: percentage to six decimals (``--json``) shows.
SHOWN_EDGE = 1e-8
#: The percentiles every goal reports, as fractions.
PERCENTILES = (0.1, 0.5, 0.9)


# -- the distribution -------------------------------------------------------------


def triangular_quantile(
    u: np.ndarray, low: np.ndarray | float, mode: np.ndarray | float, high: np.ndarray | float
) -> np.ndarray:
    """The triangular distribution's inverse CDF at ``u`` (arrays broadcast)."""
    low, mode, high = np.asarray(low, float), np.asarray(mode, float), np.asarray(high, float)
    width = high - low
    split = np.divide(
        mode - low, width, out=np.zeros(np.broadcast(mode, width).shape), where=width > 0
    )
    below = u < split
    root = np.sqrt(np.where(below, u * (mode - low), (1 - u) * (high - mode)) * width)
    return np.where(below, low + root, high - root)


def triangular_cdf(x: float, low: float, mode: float, high: float) -> float:
    """P(outcome <= x) for a triangular outcome (exact)."""
    if x < low:
        return 0.0
    if x >= high:
        return 1.0
    width = high - low
    if x <= mode:
        return (x - low) ** 2 / (width * (mode - low)) if mode > low else 0.0
    return 1.0 - (high - x) ** 2 / (width * (high - mode))


#: A project's standard draws by its id, peak, number of draws and seed, kept by the
#: caller for several plans of one problem (:func:`goal_odds`'s ``drawn``).
Drawn = dict[tuple[str, float, int, int], np.ndarray]


#: How many projects' draws are kept between calls (:func:`draws_of`): 512 x 20,000
#: float32 draws is 40 MB, enough for the sample and S-size problems to re-solve
#: without drawing again.
MEMO_SIZE = 512
_memo: OrderedDict[tuple[str, float, int, int], np.ndarray] = OrderedDict()
_memo_lock = threading.Lock()


def draw_standard(keys: Sequence[tuple[str, float]], n: int, seed: int) -> np.ndarray:
    """Draw anew each ``(project_id, peak)``'s ``n`` draws on the standard triangle (0,
    ``peak``, 1): one float32 row per project (float32: a draw needs no more than 7
    digits, and half the memory keeps twice the projects).

    A project's uniforms are stratified: slice ``i`` of ``n`` holds the draw in place
    ``permutation[i]``, its own generator (keyed by the seed, ``n`` and the project id)
    giving the permutation and then the offsets within the slices. The quantile is taken
    with the uniforms in rising order, where the draws left of the peak are a prefix, and
    put back in the permutation's places: no mask, no choice per draw, the same figures to
    the last bit as taking it draw by draw (tests/core/test_uncertainty.py). The
    permutation and the square root are most of the cost (bench/odds_speed.py).
    """
    out = np.empty((len(keys), n), dtype=np.float32)
    ranks = np.arange(n, dtype=np.float64)
    rising = np.empty(n)
    z = np.empty(n)
    z32 = np.empty(n, dtype=np.float32)
    for row, (project_id, peak) in enumerate(keys):
        rng = np.random.default_rng([seed, n, zlib.crc32(project_id.encode("utf-8"))])
        places = rng.permutation(n)
        rising[places] = rng.random(n)
        rising += ranks  # the uniform in place j is (places[j] + its offset) / n
        rising /= n
        left = int(np.searchsorted(rising, peak))  # rising: the draws below the peak first
        np.multiply(rising[:left], peak, out=z[:left])
        right = z[left:]
        np.subtract(1.0, rising[left:], out=right)
        right *= 1.0 - peak
        np.sqrt(z, out=z)
        np.subtract(1.0, right, out=right)
        z32[:] = z  # cast, then put back: gathering 4 bytes a draw, not 8, is 3 times quicker
        np.take(z32, places, out=out[row])
    return out


def forget_draws() -> None:
    """Empty the draws kept between calls (a cold start, for bench/ and tests)."""
    with _memo_lock:
        _memo.clear()


def draws_of(
    keys: Sequence[tuple[str, float]], n: int, seed: int, drawn: Drawn | None = None
) -> np.ndarray:
    """Each ``(project_id, peak)``'s standard draws, one float32 row per project.

    An outcome is ``low + (high - low) x`` its draw, so a project's draws are made once
    and every plan only scales and adds them. Found in ``drawn`` (kept by the caller, see
    :func:`goal_odds`), else among the last :data:`MEMO_SIZE` projects drawn, else drawn
    together (:func:`draw_standard`) and kept in both.
    """
    found: dict[int, np.ndarray] = {}
    missing: list[int] = []
    with _memo_lock:
        for i, (project_id, peak) in enumerate(keys):
            key = (project_id, peak, n, seed)
            row = drawn.get(key) if drawn is not None else None
            if row is None:
                row = _memo.get(key)
                if row is not None:
                    _memo.move_to_end(key)
            if row is None:
                missing.append(i)
            else:
                found[i] = row
    if missing:
        fresh = draw_standard([keys[i] for i in missing], n, seed)
        fresh.flags.writeable = False
        with _memo_lock:
            for j, i in enumerate(missing):
                key = (*keys[i], n, seed)
                found[i] = fresh[j]
                if drawn is not None:
                    drawn[key] = fresh[j]
                if j >= len(missing) - MEMO_SIZE:  # the rest would only be pushed out
                    _memo[key] = fresh[j].copy()  # a copy: a row keeps no batch alive
                    _memo[key].flags.writeable = False
                    _memo.move_to_end(key)
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
        if len(missing) == len(keys):
            return fresh
    out = np.empty((len(keys), n), dtype=np.float32)
    for i, row in found.items():
        out[i] = row
    out.flags.writeable = False
    return out


def _peak(project: Project) -> float:
    low, high = float(project.low), float(project.high)
    return (float(project.value) - low) / (high - low)


def _draws(project: Project, n: int, seed: int, drawn: Drawn | None = None) -> np.ndarray:
    """The project's standard draws (see :func:`draws_of`)."""
    return draws_of([(project.project_id, _peak(project))], n, seed, drawn)[0]


# -- one goal's bets in one plan ---------------------------------------------------


@dataclass(frozen=True)
class Bet:
    """One uncertain project in a plan, in its goal's KPI units (owners' shares applied).

    ``span``: its low and high in exact arithmetic, which say whether a target is out of
    reach or certain (:func:`goal_odds`); ``low`` and ``high`` are their floats.
    ``exact_mode``: its most likely outcome in exact arithmetic, which the goal's planned
    figure adds up (``mode`` in floats: a joint project of 37.5 whose owners value 62.5 and
    18.75 read 81.25000000000001 there).
    """

    project: Project
    low: float
    mode: float
    high: float
    span: tuple[Fraction, Fraction]
    exact_mode: Fraction

    @property
    def project_id(self) -> str:
        return self.project.project_id

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    @property
    def variance(self) -> float:
        a, c, b = self.low, self.mode, self.high
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18


@dataclass(frozen=True)
class Driver:
    """How much of a goal's uncertainty one project carries.

    ``share`` is its part of the variance of the goal's outcome (0-1): the
    projects whose ranges matter most for the odds come first.
    """

    project_id: str
    low: float
    mode: float
    high: float
    share: float


@dataclass(frozen=True)
class GoalOdds:
    """A goal's odds in one plan.

    ``planned`` is the plan's point estimate (the sum of the values);
    ``expected`` the mean outcome; ``probability`` the chance (0-1) of
    reaching ``target``; ``p10`` / ``p50`` / ``p90`` the outcome in the KPI's
    unit that the goal falls short of with 10, 50 and 90 % chance (so there is
    a 90 % chance of at least ``p10``). ``exact`` is true when no sampling was
    needed (at most one uncertain project).

    ``p10_step`` / ``p90_step``: the power of ten to which the draws fix ``p10`` /
    ``p90`` (0 when exact), the smallest at least the half-width of its 95 % interval
    from the draws' order statistics; their words are rounded to it
    (:meth:`p10_shown`). Three significant figures printed one digit more than 20,000
    draws give for some goals: the sample's website visitors read "at least 40,300" where
    30 seeds read 40,100 to 40,400.
    """

    goal_id: str
    target: float
    planned: float
    expected: float
    probability: float
    p10: float
    p50: float
    p90: float
    exact: bool
    drivers: tuple[Driver, ...] = ()
    p10_step: float = 0.0
    p90_step: float = 0.0

    @property
    def p10_shown(self) -> float:
        """``p10`` as "9 times in 10 at least" reads it, to the figures the draws give."""
        return at_least_value(self.p10, self.p10_step)

    @property
    def p90_shown(self) -> float:
        """``p90`` as "1 time in 10 more than" reads it, to the figures the draws give."""
        return at_least_value(self.p90, self.p90_step)

    @property
    def uncertain(self) -> bool:
        """Whether any project of the goal's plan has a range."""
        return bool(self.drivers)

    @property
    def best(self) -> float:
        """The outcome if every planned project lands at the top of its range."""
        return self.planned + sum(d.high - d.mode for d in self.drivers)

    @property
    def worst(self) -> float:
        """The outcome if every planned project lands at the bottom of its range."""
        return self.planned - sum(d.mode - d.low for d in self.drivers)

    def attainment(self, outcome: float) -> float:
        """An outcome as a percentage of the target (not capped)."""
        return 100 * outcome / self.target

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready values (percentages in points)."""
        return {
            "goal_id": self.goal_id,
            "target": self.target,
            "planned": round(self.planned, 6),  # 4553.19, not 4553.1900000000005
            "expected": round(self.expected, 6),
            # Percentages to six decimals, as every other in --json: to two, a 3.465 %
            # chance read 3.46 beside plan.xlsx's 0.03465, and a 0.495 % one 0.5, which
            # rounded again read "1 %" where the app says "< 1 %".
            "probability": round(100 * self.probability, 6),
            "p10": round(self.p10, 6),
            "p50": round(self.p50, 6),
            "p90": round(self.p90, 6),
            "attainment_p10": round(self.attainment(self.p10), 6),
            "attainment_p50": round(self.attainment(self.p50), 6),
            "attainment_p90": round(self.attainment(self.p90), 6),
            "exact": self.exact,
            "uncertain": self.uncertain,
            "drivers": [
                {
                    "project_id": d.project_id,
                    "low": round(d.low, 6),  # 28,000 / 25,000 x 36,000 is 40320.00000000001
                    "high": round(d.high, 6),
                    "share": round(d.share, 4),
                }
                for d in self.drivers
            ],
        }


def pair_factor(project: Project, pair_value: Decimal, share: Decimal) -> float | None:
    """What one owner's part of the outcome is, as a multiple of the project's outcome.

    ``pair_value`` is the owner's value (its team-specific value x its share).
    ``None`` when the part is certain: a project with no range, a project
    valued 0 whose owner has a team-specific value (no ratio to scale by), or one
    its owner values at 0 (0 times the range: a bet of no width, whose share of
    the goal's uncertainty divided by none).
    """
    if not project.uncertain:
        return None
    if project.value > 0:
        return float(pair_value) / float(project.value) if pair_value else None
    return float(share) if pair_value == 0 else None


def _exact_factor(project: Project, pair_value: Decimal, share: Decimal) -> Fraction:
    """:func:`pair_factor` in exact arithmetic, where it is not ``None``."""
    if project.value > 0:
        return Fraction(pair_value) / Fraction(project.value)
    return Fraction(share)


def goal_bets(problem: Problem, plan: Plan) -> dict[str, tuple[Fraction, list[Bet]]]:
    """Per goal: the certain part of the plan's outcome and its uncertain projects."""
    certain: dict[str, Fraction] = defaultdict(Fraction)
    factors: dict[str, float] = defaultdict(float)
    ratios: dict[str, Fraction] = defaultdict(Fraction)  # the factors, exact
    for a in plan.assignments:
        project = problem.project(a.project_id)
        if project.goal_id is None or project.goal_id not in problem.goal_index:
            continue
        factor = pair_factor(project, a.value, a.share)
        if factor is None:
            certain[project.goal_id] += Fraction(a.value)
        else:  # a joint project's two owners share one outcome: one bet
            factors[project.project_id] += factor
            ratios[project.project_id] += _exact_factor(project, a.value, a.share)
    bets: dict[str, list[Bet]] = defaultdict(list)
    for project_id, factor in factors.items():
        project = problem.project(project_id)
        assert project.goal_id is not None
        bets[project.goal_id].append(
            Bet(
                project,
                factor * float(project.low),
                factor * float(project.value),
                factor * float(project.high),
                (
                    ratios[project_id] * Fraction(project.low),
                    ratios[project_id] * Fraction(project.high),
                ),
                ratios[project_id] * Fraction(project.value),
            )
        )
    return {g.goal_id: (certain[g.goal_id], bets[g.goal_id]) for g in problem.goals}


def goal_odds(
    problem: Problem,
    plan: Plan,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    drawn: Drawn | None = None,
) -> dict[str, GoalOdds]:
    """Each goal's odds of reaching its target in ``plan``, in the goals' order.

    Exact for a goal with no uncertain project (probability 0 or 1) or with
    one; otherwise Monte Carlo over ``draws`` stratified draws per project,
    vectorised over projects and draws.

    ``drawn``: a dict the caller keeps for the odds of several plans of one problem (a
    re-plan and the plan it changes), each project's draws made once for all of them:
    the draws' own cache holds 512 projects, and a quarter of 1,000 planned projects
    finds none of them there again. The odds are the same with it or without it.
    """
    bets = goal_bets(problem, plan)
    return {
        g.goal_id: _odds(g, *bets[g.goal_id], draws=draws, seed=seed, drawn=drawn)
        for g in problem.goals
    }


def _odds(
    goal: Goal,
    certain: Fraction,
    bets: list[Bet],
    *,
    draws: int,
    seed: int,
    drawn: Drawn | None = None,
) -> GoalOdds:
    target = float(goal.target)
    base = float(certain)
    planned = float(certain + sum((b.exact_mode for b in bets), Fraction(0)))
    expected = base + sum(b.mean for b in bets)
    total_variance = sum(b.variance for b in bets)
    drivers = tuple(
        sorted(
            (
                Driver(b.project_id, b.low, b.mode, b.high, b.variance / total_variance)
                for b in bets
            ),
            key=lambda d: (-d.share, d.project_id),
        )
    )
    if not bets:
        reached = 1.0 if certain >= Fraction(goal.target) else 0.0
        return GoalOdds(goal.goal_id, target, planned, expected, reached, base, base, base, True)
    exact = len(bets) == 1
    steps: tuple[float, ...] = (0.0, 0.0)  # exact: no digit is the dice's
    if exact:
        (b,) = bets
        probability = 1.0 - triangular_cdf(target - base, b.low, b.mode, b.high)
        p10, p50, p90 = (
            base + float(triangular_quantile(np.asarray(q), b.low, b.mode, b.high))
            for q in PERCENTILES
        )
    else:
        outcome = sampled_outcomes(bets, draws=draws, seed=seed, drawn=drawn) + base
        probability = float(np.count_nonzero(outcome >= target)) / draws
        p10, p50, p90 = (float(x) for x in np.quantile(outcome, PERCENTILES))
        steps = quantile_steps(outcome, (PERCENTILES[0], PERCENTILES[2]))
    # 0 and 1 mean impossible and certain (they read "0 %" and "100 %"): a target within
    # reach that no draw reached counts as half a draw, so it reads "< 1 %", and one
    # that every draw reached but the worst case misses, as one draw short of all. One
    # bet's exact answer too: a target at the very top of its range is 0 to the last
    # digit, and read "0 %" with no word of why beside two bets reading "< 1 %".
    # Out of reach and certain are decided in exact arithmetic: in floats, ten tops of 0.1
    # summed to 0.9999999999999999 and read "0 % (out of reach: at most 1)" of a target of 1
    # they reach, and a draw a float32 width rounded up could count past the very top.
    best = certain + sum(b.span[1] for b in bets)
    worst = certain + sum(b.span[0] for b in bets)
    if best < Fraction(goal.target):
        probability = 0.0
    elif worst >= Fraction(goal.target):
        probability = 1.0
    elif probability == 0:
        probability = 0.5 / draws
    elif probability == 1:
        probability = 1 - 0.5 / draws
    else:
        # One bet's exact answer may be closer to 0 or 1 than --json's six decimals of a
        # percent show: 2e-10 read 0.0 there beside "< 1 %" in its words.
        probability = min(max(probability, SHOWN_EDGE), 1 - SHOWN_EDGE)
    return GoalOdds(
        *(goal.goal_id, target, planned, expected, probability, p10, p50, p90, exact, drivers),
        *steps,
    )


def quantile_steps(outcome: np.ndarray, quantiles: Sequence[float]) -> tuple[float, ...]:
    """For each quantile of the drawn ``outcome``, the smallest power of ten at least the
    half-width of its 95 % interval (the order statistics at ``n q ± 1.96 √(n q (1-q))``),
    0 when the draws agree: the step below which its digits are the dice's.

    The interval is plain Monte Carlo's; the stratified draws spread less (the sample's
    website visitors' 10th percentile: a half-width of 154 from the order statistics,
    1.96 standard deviations of 30 seeds 112), so a digit it keeps is one they fix."""
    ordered = np.sort(outcome)
    n = len(ordered)
    steps = []
    for q in quantiles:
        spread = 1.96 * math.sqrt(n * q * (1 - q))
        low, high = max(0, math.floor(n * q - spread)), min(n - 1, math.ceil(n * q + spread))
        half = float(ordered[high] - ordered[low]) / 2
        steps.append(10.0 ** math.ceil(math.log10(half)) if half > 0 else 0.0)
    return tuple(steps)


def sampled_outcomes(
    bets: Iterable[Bet], *, draws: int = DRAWS, seed: int = SEED, drawn: Drawn | None = None
) -> np.ndarray:
    """The sum of the bets' outcomes in each of ``draws`` draws (one array).

    One matrix product: each bet's standard draws scaled by its width, plus
    the sum of the lows. ``drawn``: as :func:`goal_odds` keeps it.
    """
    bets = list(bets)
    z = draws_of([(b.project_id, _peak(b.project)) for b in bets], draws, seed, drawn)
    widths = np.array([b.high - b.low for b in bets], dtype=np.float32)
    return sum(b.low for b in bets) + (widths @ z).astype(np.float64)


# -- the objective's fixed samples ----------------------------------------------------


class OutcomeSamples:
    """The fixed sampled outcomes the ``confidence`` objective term counts over.

    The term covers the goals with at least one uncertain project (a goal
    whose projects are all certain is reached or not; its attainment term
    already prices that), so without ranges the term is absent. In sample
    ``s`` a goal is reached when the sum of :meth:`millionths` over its
    plan's owners is at least :data:`RESOLUTION`.
    """

    def __init__(
        self, problem: Problem, num_samples: int = OBJECTIVE_SAMPLES, seed: int = SEED
    ) -> None:
        self.problem = problem
        self.num_samples = num_samples
        self.seed = seed
        uncertain = {p.goal_id for p in problem.projects if p.uncertain}
        #: The goals the term covers, in the goals' order.
        self.goals: tuple[Goal, ...] = tuple(g for g in problem.goals if g.goal_id in uncertain)
        self._memo: dict[tuple[str, Decimal, Decimal], np.ndarray] = {}

    def millionths(self, project_id: str, pair_value: Decimal, share: Decimal) -> np.ndarray:
        """One owner's sampled contribution in millionths of its goal's target, rounded down.

        Capped at :data:`RESOLUTION` (more cannot change whether the goal is
        reached); an int64 array of :attr:`num_samples` entries, read only.
        """
        key = (project_id, pair_value, share)
        found = self._memo.get(key)
        if found is not None:
            return found
        project = self.problem.project(project_id)
        assert project.goal_id is not None
        target = self.problem.goal_index[project.goal_id].target
        factor = pair_factor(project, pair_value, share)
        if factor is None:
            whole = min(
                RESOLUTION, math.floor(Fraction(pair_value) * RESOLUTION / Fraction(target))
            )
            out = np.full(self.num_samples, whole, dtype=np.int64)
        else:
            low, high = float(project.low), float(project.high)
            drawn = factor * (low + (high - low) * _draws(project, self.num_samples, self.seed))
            scaled = np.floor(drawn * (RESOLUTION / float(target)))
            out = np.clip(scaled, 0, RESOLUTION).astype(np.int64)
        out.flags.writeable = False
        self._memo[key] = out
        return out


def odds_json(odds: GoalOdds, words: str) -> dict[str, object]:
    """A goal's odds entry in ``--json``, the one ``planner solve`` and ``planner checkin``
    (the re-plan's odds of the quarter's target) both give: :meth:`GoalOdds.as_dict` and
    ``words``, the odds as the pages say them. One function, so that neither lacks a key the
    other has: checkin's goals had no ``exact`` or ``uncertain`` (SPEC "Uncertain impact")."""
    return {**odds.as_dict(), "words": words}


def odds_words(
    goal: Goal,
    odds: GoalOdds,
    *,
    checked_in: bool = False,
    achieved: str = "",
    planned_shown: float | None = None,
) -> str:
    """The odds as a leader reads them.

    e.g. "62 % chance to reach 2,600 MQLs; 9 times in 10 at least 2,350 MQLs, typically
    2,480 MQLs" (the 10th and 50th percentiles, without the jargon). ``checked_in``:
    the odds of a re-plan after a check-in, where what had a range may be done;
    ``achieved`` what the goal reached by then (included in ``odds``, certain), written as
    the check-in shows it. ``planned_shown``: the planned figure as the goal's row shows it
    (a re-plan's "Re-plan adds"), whose target the words read as the row does.
    """
    unit = goal.kpi
    if not odds.uncertain:
        planned = f"plans {goal_amount(odds.planned, '', odds.target)} of "
        planned += goal_target(odds.target, odds.planned, unit)
        # Certain: no project has a range, or (mid-quarter) what had one is done. Either
        # way the outcome is known, so say whether it reaches the target, not "no odds".
        sure = "certain to reach it" if odds.probability >= 1 else "certain to fall short"
        # A fresh plan has used nothing yet: "a range of impact left" read as if it had.
        why = (
            "nothing in the plan adds to it"
            if odds.planned == 0
            else "none of the work left for it has a range of impact"
            if checked_in
            else "none of the projects planned for it has a range of impact"
        )
        return f"{planned}: {sure} ({why})"
    # The target as the goal's row reads it beside its planned figure: 311.1, not 311.
    target = (
        goal_target(odds.target, odds.planned, unit)
        if planned_shown is None
        # A re-plan's workbook row read "Target left 32" beside "0 % chance to reach 32.3
        # new customers", and 1,733.19 MQLs beside "reach 1,733 MQLs": the row's figure.
        else amount_shown(goal_row_values(odds.target, planned_shown)[0], unit)
    )
    reach = f"{chance(odds.probability)} chance to reach {target}"
    if odds.probability <= 0:  # out of reach (:func:`goal_odds` decides it exactly)
        # "0 %" alone reads as a rounding: say it is out of reach, and by how much at best.
        # Each figure with its unit, the ceiling first: "90,700 at most: the 19,413
        # achieved so far" gave the unit only at the end of the line.
        best = outcome(odds.best, unit, target=odds.target)
        if checked_in and achieved:
            # Mid-quarter the part achieved has no range left: "every project at the top of
            # its range" read as the Overview's odds, which had said 32 % for the same goal.
            done = f"{achieved} {unit_after(Decimal(achieved.replace(',', '')), unit)}"
            reach += (
                f" (out of reach: at most {best}, the {done.strip()} achieved so far plus the "
                "work left at the top of its range)"
            )
        else:
            reach += f" (out of reach: at most {best}, with every project at the top of its range)"
    elif odds.probability >= 1:
        # "100 %" alone read as a rounding of "> 99 %": say why it is certain. No figure: the
        # worst case rounded as an outcome may read above it, or below the target.
        if checked_in and achieved:
            done = f"{achieved} {unit_after(Decimal(achieved.replace(',', '')), unit)}"
            reach += (
                f" (certain: the {done.strip()} achieved so far plus the work left at the "
                "bottom of its range reach it)"
            )
        else:
            reach += " (certain: reached even with every project at the bottom of its range)"
    typical = outcome(odds.p50, unit, target=odds.target)
    p10 = at_least(odds.p10, unit, odds.p10_step)
    return f"{reach}; 9 times in 10 at least {p10}, typically {typical}"
