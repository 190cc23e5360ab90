"""Which ids an edit renamed: the one rule the Data page's follow-ups
(:mod:`planner.core.edit_followups`) and every comparison of two versions of the inputs
(:mod:`planner.scenarios.id_renames`) read an id change by.

A row is renamed when its id changed and either its name did not (one row gone under an
id and one new under another, of one name on each side, :func:`renamed_by_name`), or its
id and name changed together and nothing else did, at its place in the table
(:func:`renamed_in_place`). Anything else is a row deleted and another added: its
estimates and pins go with it rather than pass to what may be another project.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

_Row = TypeVar("_Row")


def renamed_by_name(
    before: Iterable[tuple[str, str]], after: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """Ids that changed (before's -> after's), of (id, name) pairs: one gone under an id and
    one new under another, with one name (said as "Added: X · Dropped: X" otherwise)."""
    before, after = list(before), list(after)
    kept = {i for i, _ in before} & {i for i, _ in after}

    def by_name(pairs: list[tuple[str, str]]) -> dict[str, str]:
        ids: dict[str, list[str]] = {}
        for identifier, name in pairs:
            if identifier not in kept:
                ids.setdefault(name, []).append(identifier)
        return {name: found[0] for name, found in ids.items() if len(found) == 1}

    gone, new = by_name(before), by_name(after)
    return {gone[name]: new[name] for name in gone.keys() & new.keys()}


def renamed_in_place(
    before: Sequence[_Row],
    after: Sequence[_Row],
    ids: Callable[[_Row], str],
    as_renamed: Callable[[_Row, _Row], _Row],
) -> dict[str, str]:
    """Rows whose id and name changed together (before's id -> after's id): a row only
    ``before`` has and one only ``after`` has at the same place in their tables, equal but
    for their id and name (``as_renamed(old, new)``: ``old`` under ``new``'s id and name).

    A leader who typed over a project's id and its name on the Data page, and nothing else,
    read it "removed" and another "added" on the Constraints page and under "Since the
    previous plan", and its team was free to go: it is the same row, renamed. A row removed
    and another added moves the rows after it, or lands at the table's end: told apart by
    place, and by anything else that differs (goal, stage, hours, value, weeks, team...)."""
    old_ids = {ids(row) for row in before}
    new_ids = Counter(ids(row) for row in after)
    return {
        ids(old): ids(new)
        for old, new in zip(before, after, strict=False)
        if ids(old) not in new_ids
        and ids(new) not in old_ids
        and ids(new)
        and new_ids[ids(new)] == 1
        and as_renamed(old, new) == new
    }


def renamed_rows(
    before: Sequence[_Row],
    after: Sequence[_Row],
    ids: Callable[[_Row], str],
    names: Callable[[_Row], str],
    as_renamed: Callable[[_Row, _Row], _Row],
) -> dict[str, str]:
    """The rows renamed from ``before`` to ``after`` (old id -> new id), by name, then in
    place for those that name neither of a rename by name's rows."""
    found = renamed_by_name(
        ((ids(r), names(r)) for r in before), ((ids(r), names(r)) for r in after)
    )
    in_place = renamed_in_place(before, after, ids, as_renamed)
    taken = {*found, *found.values()}
    return {**found, **{o: n for o, n in in_place.items() if o not in taken and n not in taken}}
