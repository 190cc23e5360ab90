"""One project, every question: why the plan treats it as it does, as text or
markdown, for the Plan page and ``planner explain``.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.core.domain import Problem, Result
from planner.core.identifiers import markdown_literal
from planner.core.shared_words import stage_words
from planner.core.shown_figures import capitalised
from planner.explain.assignment import AssignmentExplanation, explain_assignment
from planner.explain.capacity import capacity_pressure
from planner.explain.held import HeldBy
from planner.explain.infeasible import explain_infeasibility
from planner.explain.making_room import hours_to_fit, room_by_dropping
from planner.explain.project_figures import project_hours, project_value
from planner.explain.sentences import as_sentence, join_names, project_name
from planner.explain.start_week import when_it_runs
from planner.explain.unassigned import UnassignedExplanation, UnassignedKind, explain_unassigned


@dataclass(frozen=True)
class ProjectExplanation:
    """Everything the planner can say about one project, ready to render."""

    project_id: str
    headline: str
    lines: tuple[str, ...]
    assignment: AssignmentExplanation | None = None
    unassigned: UnassignedExplanation | None = None
    #: The optimizer's arithmetic behind the lines, for a "details" view only.
    details: tuple[str, ...] = ()
    #: Its hours and value, the teams' own estimates beside them where they differ:
    #: ``220 h (190 h for Demand Gen) · value 240 MQLs (280 if Brand & Comms does it)``.
    figures: str = ""

    def text(self, *, details: bool = False) -> str:
        return "\n".join(self.text_lines(details=details))

    def text_lines(self, *, details: bool = False) -> list[str]:
        """The lines of :meth:`text`, each whole: a name with a line break stays in its line."""
        lines = [self.headline, *([self.figures] if self.figures else [])]
        lines += [f"- {line}" for line in self.lines]
        if details and self.details:
            lines += ["details:", *(f"  {line}" for line in self.details)]
        elif details:
            # Asked for and empty: say so, or the flag seems to do nothing.
            lines += ["details: none: no score arithmetic is behind this answer"]
        return lines

    def details_markdown(self) -> str:
        """The arithmetic as a markdown list (empty when there is none)."""
        return "\n".join(f"- {markdown_literal(line)}" for line in self.details)

    def markdown(self) -> str:
        body = "\n".join(f"- {markdown_literal(line)}" for line in self.lines)
        return f"**{markdown_literal(self.headline)}**\n\n{body}"


def explain_project(
    problem: Problem,
    result: Result,
    project_id: str,
) -> ProjectExplanation:
    """Why the plan treats ``project_id`` as it does.

    Assigned: its owners, each objective term's share and the best other
    team. Left out: the reason and the ways to bring it in. No plan: the
    conflicts that name it (or all of them), explained again here: their
    project ids pick out this project's, which the result's reasons (words) do not.
    """
    title = project_name(problem, project_id)
    project = problem.project(project_id)
    # The stage as the Plan page's heading says it, after the name: "Lead generation stage",
    # never "stage: ..." (a name with a colon then read "Roadshow: Chicago: stage: ...").
    figures = (
        f"{capitalised(stage_words(project.stage))} stage · "
        f"{project_hours(problem, project)} · value {project_value(problem, project)}"
    )
    plan = result.plan
    if plan is None:
        infeasibility = explain_infeasibility(problem)
        mine = [c.sentence() for c in infeasibility.conflicts if project_id in c.project_ids]
        reasons = mine or list(result.reasons) or infeasibility.sentences()
        return ProjectExplanation(
            project_id, f"{title}: there is no plan", tuple(reasons), figures=figures
        )
    if project_id in plan.owners():
        why = explain_assignment(problem, plan, project_id)
        owners = join_names([problem.team(t).name for t in why.team_ids])
        lines = list(why.lines[1:])
        pressure = {p.team_id: p for p in capacity_pressure(problem, plan)}
        lines += [pressure[tid].text(problem) for tid in why.team_ids]
        if (weeks := when_it_runs(problem, plan, project_id)) is not None:
            lines.insert(0, weeks)
        return ProjectExplanation(
            project_id,
            f"{title} is owned by {owners}",
            (why.lines[0], *lines),
            assignment=why,
            details=why.details,
            figures=figures,
        )
    left = explain_unassigned(problem, plan, project_id)
    # The heading names the kind ("no plan has the weeks for it"): the line does not again.
    lines = [as_sentence(left.reason.removeprefix(f"{left.kind.value}: "))]
    if left.kind is UnassignedKind.WEEKS:
        held = HeldBy(problem, plan)
        if fit := hours_to_fit(problem, plan, project_id, held):
            lines.append(as_sentence(fit.words(problem)))
        # A leader's next question: what would I give up for it?
        if dropping := room_by_dropping(problem, plan, project_id, held):
            lines.append(as_sentence(dropping.words(problem)))
    if left.kind is UnassignedKind.NO_TEAM and left.excluded:
        lines += [f"{problem.team(t).name}: {r}." for t, r in left.excluded.items()]
    return ProjectExplanation(
        project_id,
        f"{title} is not in the plan ({left.kind.value})",
        tuple(lines),
        unassigned=left,
        details=left.details,
        figures=figures,
    )
