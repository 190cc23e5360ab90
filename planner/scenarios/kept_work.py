"""A session's unsaved work, kept in the scenario database so that a reload offers it back.

A leader's edits on the Data page, settings on Constraints and pins live in the
browser tab's session: a reload of the tab or a restart of the server started a
new session on the data the app opens with (the sample or ``PLANNER_DATA``), and
the work was gone without a word. Every applied change of the session's inputs
is kept (:meth:`planner.scenarios.storage.ScenarioStore.keep_work`: the same
tables as a saved scenario's inputs, nothing from input that was refused), and
a new session is offered it back (:func:`offer_line`, :func:`offer_text`).

One per database, as the scenarios themselves are shared by every session of a
server: the latest change of any session. A reload or a restart keeps nothing
else that would tell one browser tab from another (Streamlit's session ends
with the tab, and the address loses its query parameters on the first change of
page), so there is nothing to key one per tab on. A browser is told apart (the
app gives each one a random mark in a cookie, kept with the work): work another
browser kept is offered as "Unsaved work from another browser", not as "Your
unsaved work", so that a leader does not take up a colleague's draft for theirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.core.domain import Problem, Result
from planner.core.errors import InputIssue
from planner.core.identifiers import markdown_literal
from planner.core.shown_figures import capitalised
from planner.scenarios.input_changes import input_changes
from planner.scenarios.labels import DELETED_SINCE, SAVED_SCENARIO_PREFIX

#: Changes named in the offer before "and N more".
CHANGES_NAMED = 4


@dataclass(frozen=True)
class KeptPlan:
    """The current plan the unsaved work was planned against: its inputs, its solve (the
    plan, checked again as it is read back) and, for a what-if kept close to the plan
    before it, the tolerance it was kept within (the app's ``PlanInForce``)."""

    problem: Problem
    result: Result
    kept_close: float | None = None


#: Where the bundled sample's files came from, as the sidebar and the Data page say it
#: ("Files loaded from the bundled sample quarter"); its folder is named in their help.
SAMPLE_SOURCE = "the bundled sample quarter"
#: The same, as work kept before the words changed stored it: a repository path on a
#: leader's screen. Read back as :data:`SAMPLE_SOURCE` (:func:`current_source`).
OLD_SAMPLE_SOURCE = "bundled sample (data/sample)"


#: The bundled sample quarter's folder: data/sample beside the ``planner`` package.
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"


def is_sample(folder: str | Path) -> bool:
    """Whether ``folder`` is the bundled sample's folder, however it is written ("data/sample",
    "./data/sample/", an absolute path or a link to it)."""
    try:
        return Path(folder).expanduser().resolve() == SAMPLE_DIR or os.path.samefile(
            folder, SAMPLE_DIR
        )
    except (OSError, ValueError):
        return False


def data_label(name: str, settings: str | None = None) -> str:
    """What a plan is built on when its data was opened by name, for "Built on": "the data
    in q3.xlsx" (the app's PLANNER_DATA, ``planner solve``'s DATA_DIR), with a settings
    file given beside it (``--settings``) named too."""
    words = f"the data in {name}"
    return words if settings is None else f"{words} with the settings in {settings}"


def folder_label(folder: str | Path, settings: str | None = None) -> str:
    """What a plan read from ``folder`` is built on, for "Built on": the bundled sample is
    :data:`SAMPLE_SOURCE` wherever it is read (the app's Export and ``planner solve
    data/sample --out plan.xlsx`` both say "the bundled sample quarter"), other data
    "the data in q3.xlsx" (:func:`data_label`), a settings file beside it named too."""
    if not is_sample(folder):
        return data_label(Path(folder).resolve().name or str(folder), settings)
    return SAMPLE_SOURCE if settings is None else f"{SAMPLE_SOURCE} with the settings in {settings}"


def current_source(source: str) -> str:
    """``source`` as stored, in today's words: work kept with :data:`OLD_SAMPLE_SOURCE`
    ("bundled sample (data/sample), edited") reads "the bundled sample quarter, edited", so
    that its offer does not say it was made on other files than the sample the app opened."""
    if source == OLD_SAMPLE_SOURCE or source.startswith(f"{OLD_SAMPLE_SOURCE}, "):
        return SAMPLE_SOURCE + source[len(OLD_SAMPLE_SOURCE) :]
    return source


#: What the basis line called the sample before it had one name ("Built on the bundled
#: sample data"), as work kept then stored it. Read back as :data:`SAMPLE_SOURCE`
#: (:func:`current_basis_label`).
OLD_SAMPLE_LABEL = "the bundled sample data"


def current_basis_label(label: str) -> str:
    """A kept basis label in today's words: work kept built on "the bundled sample data" is
    built on "the bundled sample quarter", the sample's one name on every page."""
    return SAMPLE_SOURCE if label == OLD_SAMPLE_LABEL else label


@dataclass(frozen=True)
class KeptWork:
    """The unsaved work kept: the inputs (valid, as left), their warnings, where they came
    from (the sidebar's "Files loaded from ..."), when they were kept (UTC), their
    fingerprint (:func:`planner.solving.service.fingerprint`), the current plan they
    were planned against, if the session had one (restored with it, the work gets the plan
    the leader left, not one planned from scratch), what they are built on, as the
    basis line names it, with its fingerprint ("the saved scenario #3 Q3", ...), and the
    mark of the browser they were kept from (None: unknown, kept before marks were)."""

    problem: Problem
    warnings: tuple[InputIssue, ...]
    source: str
    kept_at: datetime
    fingerprint: str
    in_force: KeptPlan | None = None
    basis: tuple[str, str] | None = None
    kept_by: str | None = None

    @property
    def saved_as(self) -> str | None:
        """The saved scenario the work is, as the basis line names it ("the saved scenario
        #2 Q3"), when its inputs are just that scenario's; else None (unsaved work).

        Work saved as a scenario was no longer kept: a reload then opened the bundled sample
        without a word of the quarter saved a moment before, and of the check-in records
        kept for its plan, which the Check-in page says a reload puts back."""
        if self.basis is None or self.basis[1] != self.fingerprint:
            return None
        label = self.basis[0]
        saved = label.startswith(SAVED_SCENARIO_PREFIX) and not label.endswith(DELETED_SINCE)
        return label if saved else None

    def from_another(self, browser: str | None) -> bool:
        """Whether the work was kept from another browser than the one marked ``browser``
        (None: a browser the app could not mark, which is told nothing new)."""
        return None not in (self.kept_by, browser) and self.kept_by != browser


def nothing_to_restore(
    key: str, opened: str, in_force_key: str | None, in_force: KeptPlan | None
) -> bool:
    """Whether inputs with fingerprint ``key``, planned against ``in_force`` (fingerprint
    ``in_force_key``), are just the data the app opened (``opened``) on its own first plan:
    nothing a reload loses. A plan kept close to another (a what-if kept, then taken back)
    is more than that."""
    return key == opened and (
        in_force is None or (in_force_key == opened and in_force.kept_close is None)
    )


def changes_from(opened: Problem, kept: Problem) -> tuple[str, ...]:
    """What the kept work changes against the data the app opened, in the words of the
    basis line (:func:`planner.scenarios.input_changes.input_changes`), the re-plan's baseline
    too."""
    changes = list(input_changes(opened, kept))
    if kept.baseline != opened.baseline:
        changes.append(
            "a re-plan kept close to the current plan"
            if kept.baseline is not None
            else "no longer a re-plan"
        )
    return tuple(changes)


def _changes_named(opened: Problem, kept: Problem) -> list[str]:
    """The first :data:`CHANGES_NAMED` of :func:`changes_from`, then "and N more", as an
    offer of the kept work lists them."""
    changes = changes_from(opened, kept)
    named = list(changes[:CHANGES_NAMED])
    if len(changes) > CHANGES_NAMED:
        named.append(f"and {len(changes) - CHANGES_NAMED} more")
    return named


def gone_text(work: KeptWork, opened: Problem, saved_as: tuple[int, str] | None) -> str:
    """What Restore it says when the work offered is no longer kept (in markdown, names
    escaped by the caller in ``saved_as``): the saved scenario that holds it, or that none
    does and what it changed, to make again. Another tab or app on the same database may
    have replaced it with its own work (one per database) and saved that: "saved as a
    scenario or discarded" sent the leader to a Scenarios page without theirs."""
    where = "(in another tab, or another app that uses this scenario database)"
    if saved_as is not None:
        number, name = saved_as
        return (
            f"**The unsaved work offered here is no longer kept: it was saved as the scenario "
            f"#{number} {name} since** {where}. Nothing was restored: load it on the "
            "Scenarios page."
        )
    named = _changes_named(opened, work.problem)
    listed = "; ".join(markdown_literal(change) for change in named)  # names in them: literal
    again = f" Its changes: {listed}. Make them again to plan with them." if named else ""
    return (
        "**The unsaved work offered here is no longer kept, and no saved scenario holds "
        f"it**: it was discarded since, or newer work replaced it {where}; one unsaved work "
        f"is kept per scenario database. Nothing was restored.{again}"
    )


def offer_line(
    work: KeptWork, opened: Problem, lost_at: datetime | None = None, browser: str | None = None
) -> str:
    """The offer in one line, beside its two buttons: whose work it is (another browser's,
    to the one marked ``browser``), when it is from and its first change, the others
    counted, and that it is not the latest when a later change could not be kept
    (``lost_at``, as :func:`offer_text`'s). The whole offer (:func:`offer_text`) is its
    tooltip.

    The offer in full was a box of four lines over its buttons, 208 px at 1024 x 768: the
    Constraints page's per-team table began below the window.
    """
    if (saved := work.saved_as) is not None:
        where = "in another browser" if work.from_another(browser) else "here"
        return f"{capitalised(saved)} was open {where} at {_kept_when(work)}."
    changes = changes_from(opened, work.problem)
    more = len(changes) - 1
    what = (
        changes[0] + (f", and {more} more change{'s' if more > 1 else ''}" if more else "")
        if changes
        else "the same inputs, on a plan you kept"
        if work.in_force is not None
        else "the same inputs"
    )
    if work.from_another(browser):
        return f"Unsaved work from another browser, from {_kept_when(work)} ({what}), was kept."
    older = " It is not your latest." if lost_at is not None and lost_at > work.kept_at else ""
    return f"Your unsaved work from {_kept_when(work)} ({what}) was kept.{older}"


def _kept_when(work: KeptWork) -> str:
    return work.kept_at.strftime("%Y-%m-%d %H:%M UTC")


def offer_text(
    work: KeptWork,
    opened: Problem,
    opened_label: str,
    opened_source: str | None = None,
    lost_at: datetime | None = None,
    browser: str | None = None,
) -> str:
    """The offer a new session reads: when the work is from and what it changes.

    ``opened_label``: what the app opened on (``the bundled sample quarter``);
    ``opened_source``: where its files came from (the sidebar's "Files loaded from ..."):
    work whose files came from elsewhere (an upload, or another app that uses the same
    database and opened other data) says so, as its changes against the data opened are
    then the whole of both. ``lost_at``: when a change made after the work was kept could
    not be kept (the database could not be written): the work offered is then the older
    one, and the offer says so rather than read as the latest. ``browser``: the mark of the
    browser the offer is for: work kept from another is said to be another browser's (a
    colleague's on the same server, or the leader's own on another machine).
    """
    if (saved := work.saved_as) is not None:
        who = "in another browser" if work.from_another(browser) else "in this browser"
        return (
            f"{capitalised(saved)} was open {who} at {_kept_when(work)}, when its tab was "
            "reloaded or closed, or the app restarted. Restore it to carry on (its check-in "
            f"records too), or start from {opened_label}; either way it stays saved on the "
            "Scenarios page."
        )
    named = _changes_named(opened, work.problem)
    what = (
        "; ".join(named)
        if named
        else "the same inputs, on a plan you kept"
        if work.in_force is not None
        else "the same inputs"
    )
    when = _kept_when(work)
    # An edit's source is its files' with ", edited" after it
    # (:data:`planner.core.input_source.EDITED`, the Data page's Apply).
    elsewhere = opened_source is not None and work.source.removesuffix(", edited") != opened_source
    made_on = (
        f", made on files loaded from {work.source}, not on {opened_label}," if elsewhere else ""
    )
    why = "its tab was reloaded or closed, or the app restarted," + (
        " or another app that uses this scenario database made it," if elsewhere else ""
    )
    older = (
        f" It is not your latest: your last change after it, at "
        f"{lost_at.strftime('%Y-%m-%d %H:%M UTC')}, could not be kept (the scenario database "
        "could not be written)."
        if lost_at is not None and lost_at > work.kept_at
        else ""
    )
    if work.from_another(browser):
        return (
            f"Unsaved work from another browser, from {when} ({what}){made_on}, was kept: "
            "someone using this app in another browser (or you, on another computer) made it "
            "and did not save it as a scenario. Restore it to carry on with it here, or start "
            f"from {opened_label}, which discards it; so does a change you make first."
        )
    return (
        f"Your unsaved work from {when} ({what}){made_on} was kept: {why} before it was saved "
        f"as a scenario.{older} Restore it, or start from {opened_label}, which discards it; "
        "so does a change you make first."
    )
