"""The projects' ``depends_on`` graph: its cycles, named as a leader can fix them, and
a walk that meets every project after the ones it needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping


def dependency_cycles(graph: Mapping[str, list[str]], order: list[str]) -> list[list[str]]:
    """One cycle per strongly connected group of projects, starting at its first project."""
    rank = {p: i for i, p in enumerate(order)}
    cycles = []
    for component in _groups(graph, order):
        members = set(component)
        start = min(component, key=rank.__getitem__)
        cycles.append(path_back(graph, start, members))
    return sorted(cycles, key=lambda c: rank[c[0]])


def held_by_cycles(graph: Mapping[str, list[str]], order: list[str]) -> set[str]:
    """The projects a cycle holds: each of a strongly connected group's, and each that needs
    one of them, however far down the chain. None of them has an earliest week to end in,
    so a warning that one ends too late (with its fix, a later due week) would mislead:
    the cycle, reported on its own, is what to fix."""
    needed_by: dict[str, list[str]] = {}
    for project, needs in graph.items():
        for needed in needs:
            needed_by.setdefault(needed, []).append(project)
    held = {p for component in _groups(graph, order) for p in component}
    frontier = list(held)
    while frontier:
        frontier = [p for q in frontier for p in needed_by.get(q, []) if p not in held]
        held.update(frontier)
    return held


def _groups(graph: Mapping[str, list[str]], order: list[str]) -> list[list[str]]:
    """The strongly connected groups of more than one project.

    Iterative Tarjan, so that a long chain of dependencies cannot overflow the
    Python stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = graph.get(node, [])
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def cycle_text(cycle: list[str], shown: int = 8) -> str:
    """A cycle as a message names it, back to its first project: ``A -> B -> C -> A``; a
    long one by its first and last projects and how many between, so that a message stays
    a line (a cycle of 20,000 projects was one line of 189,021 characters).
    """
    if len(cycle) <= shown + 2:
        return " -> ".join([*cycle, cycle[0]])
    head, tail = cycle[: shown - 2], cycle[-2:]
    between = len(cycle) - len(head) - len(tail)
    return " -> ".join([*head, f"... ({between:,} more projects)", *tail, cycle[0]])


def path_back(graph: Mapping[str, list[str]], start: str, members: set[str]) -> list[str]:
    """The shortest cycle through ``start`` inside one strongly connected group."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in graph.get(node, []):
                if nxt not in members or nxt in previous:
                    continue
                previous[nxt] = node
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                following.append(nxt)
        frontier = following
    return [start]  # unreachable for a strongly connected group


def prerequisites_first(
    roots: Iterable[str], needs: Callable[[str], Iterable[str]]
) -> Iterator[str]:
    """``roots`` and every id they need, transitively: each once, after the ids it needs
    (those in the order ``needs`` gives them).

    Depth first without recursion: a chain of 20,000 projects, each after the next,
    went deeper than Python's stack ("internal error (RecursionError ...)"). An id met
    again on the path from its root (a cycle) is passed over there, so it holds
    nothing back.
    """
    done: set[str] = set()
    for root in roots:
        on_path: set[str] = set()
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if node in done or (not expanded and node in on_path):
                continue
            if not expanded:
                on_path.add(node)
                stack.append((node, True))
                stack += [(needed, False) for needed in reversed(list(needs(node)))]
                continue
            on_path.discard(node)
            done.add(node)
            yield node
