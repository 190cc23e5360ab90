"""Explanations in business terms: why there is no plan, why a project is left
out, why a team owns a project, and where capacity binds.

Every answer names teams, projects, skills and hours, never solver variables.

- :func:`explain_infeasibility` (and :func:`infeasibility_reasons`, its cheap
  front door that :func:`~planner.solving.solver.solve` calls before every solve):
  cheap checks first (a forced project no team may take, a pin that breaks
  another rule, one team's or one department's forced hours above what it
  can plan), then CP-SAT with one assumption literal per rule group and
  ``sufficient_assumptions_for_infeasibility``, shrunk by deletion
  filtering. Each conflict comes with the smallest relaxations that remove
  it, cheapest first, computed by solving relaxations (e.g. minimum extra
  hours on the named teams), so that applying one really helps.
- :func:`explain_unassigned` / :func:`unassigned_reasons` (:func:`unassigned_explanations`
  with each one's kind): no eligible team,
  a missing prerequisite, no week with room, capacity that went to better
  work, no gain for the goals, or a better plan not proven away (which team
  could take it, what it would displace, what that would do to the
  objective). Pure arithmetic: it runs on every solve.
- :func:`explain_assignment`: each objective term's share of an assignment
  and the best alternative team, with why it was not chosen.
- :func:`capacity_pressure`: teams at their limit (what extra hours would
  buy re-solves, so it is :func:`planner.scenarios.capacity_gain.capacity_gain`).
- :func:`explain_project`: all of the above for one project, as text or
  markdown, for the Plan page and ``planner explain``.

The modules, from the bottom up:

- ``sentences``: how a reason is written (a sentence, a table's cell, a fix said
  ahead of the lines it fixes), a project's name and lists of names; ``score_terms``:
  the score's terms by name and a change of it signed; ``project_figures``: a project's
  hours and value, the teams' own estimates beside them; ``free_hours``: a team's free
  hours beside the hours it needs, to the decimals that show the shortfall;
  ``in_progress``: work a check-in's re-plan keeps with its team, told from a pin;
  ``rule_words``: rules 6 and 8 (a team's limit of projects, prerequisites left out).
- ``changes``: edits of the inputs that relax one rule (:class:`Change`),
  and :class:`Fix`, the changes that together remove a conflict.
- ``rules``: which rules keep a team off a project (:func:`pair_blockers`),
  which teams may take it, which projects every plan must assign.
- ``relaxation``: the hard rules as a CP-SAT model with assumption literals.
- ``conflicts``: :class:`Conflict` and the cheap checks that find them (pins that cannot
  hold, forced work no team may take); ``forced_loads``: forced work over what one team
  (in the quarter or in a week) or one department may plan.
- ``infeasible``: :func:`explain_infeasibility` and :func:`infeasibility_reasons`.
- ``pins``: a pin another rule keeps off its team, said where it is made (the
  Constraints page's Pins and forbids, ``planner validate``), with who may own the project.
- ``forced_left_out``: no plan in time because the quick first plan left forced work
  out, said from the facts :mod:`planner.solving.short_of_forced` finds.
- ``forced_weeks``: no plan because work that must be done in weeks cannot be.
- ``scoring``: exact objective changes for small edits of a plan.
- ``week_words``: hours a week and a project's weeks as every week reason writes them.
- ``weeks``: why a left-out project finds no week (rules 10-12); ``start_week``: when an
  assigned project runs and why it starts then; ``held``: which
  rule group of the formulation a change of a plan would break; ``making_room``: what
  would bring in a project the weeks keep out (hours more, or work dropped, and its cost).
- ``unassigned``, ``assignment``, ``capacity``, ``project``: the answers
  about one plan; ``unused``: why hours a what-if adds stay unplanned;
  ``places``: where a leader makes a fix, in the reader's words.
"""

from planner.core.pairs import takes_stage  # which stages a team may own
from planner.explain.assignment import (
    Alternative,
    AlternativeKind,
    AssignmentExplanation,
    explain_assignment,
)
from planner.explain.capacity import (
    NEAR_LIMIT,
    TeamPressure,
    capacity_pressure,
)
from planner.explain.changes import (
    MAX_FIXES,
    AddCapacity,
    AddTeamStage,
    AllowStage,
    Change,
    DropDependency,
    DropForbid,
    DropPin,
    Fix,
    MakeOptional,
    RaiseChangeBudget,
    RaiseMaxProjects,
    RaiseSkill,
    RestoreMultiplier,
    RestoreUtilization,
)
from planner.explain.conflicts import Conflict
from planner.explain.infeasible import (
    MAX_ROUNDS,
    InfeasibilityExplanation,
    explain_infeasibility,
    infeasibility_reasons,
)
from planner.explain.places import Reader, for_reader
from planner.explain.project import ProjectExplanation, explain_project
from planner.explain.project_figures import own_estimates, project_hours, project_value
from planner.explain.relaxation import Kind, RelaxableGroup
from planner.explain.rules import (
    Blocker,
    blockers_text,
    exclusions,
    no_eligible_team,
    pair_blockers,
)
from planner.explain.scoring import Contribution
from planner.explain.unassigned import (
    UNASSIGNED_TIME_S,
    TeamOption,
    UnassignedExplanation,
    UnassignedKind,
    explain_unassigned,
    unassigned_explanations,
    unassigned_reasons,
)

__all__ = [
    "MAX_FIXES",
    "MAX_ROUNDS",
    "NEAR_LIMIT",
    "UNASSIGNED_TIME_S",
    "AddCapacity",
    "AddTeamStage",
    "AllowStage",
    "Alternative",
    "AlternativeKind",
    "AssignmentExplanation",
    "Blocker",
    "Change",
    "Conflict",
    "Contribution",
    "DropDependency",
    "DropForbid",
    "DropPin",
    "Fix",
    "InfeasibilityExplanation",
    "Kind",
    "MakeOptional",
    "ProjectExplanation",
    "RaiseChangeBudget",
    "RaiseMaxProjects",
    "RaiseSkill",
    "Reader",
    "RelaxableGroup",
    "RestoreMultiplier",
    "RestoreUtilization",
    "TeamOption",
    "TeamPressure",
    "UnassignedExplanation",
    "UnassignedKind",
    "blockers_text",
    "capacity_pressure",
    "exclusions",
    "explain_assignment",
    "explain_infeasibility",
    "explain_project",
    "explain_unassigned",
    "for_reader",
    "infeasibility_reasons",
    "no_eligible_team",
    "own_estimates",
    "pair_blockers",
    "project_hours",
    "project_value",
    "takes_stage",
    "unassigned_explanations",
    "unassigned_reasons",
]
