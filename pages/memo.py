"""Figures and files computed once per session while their inputs are the same objects.

Problems, results and plans are frozen values that the session keeps from one rerun and one
page to the next, so what is computed from them holds until the inputs or the plan change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")

_MEMO = "_same_inputs_memo"
#: Calls remembered per function (a page may show the plan and a what-if of it).
_MEMO_SIZE = 4

#: Arguments compared by value (cheap, and often made anew at each rerun, e.g. a week).
_VALUES = (int, float, str, bool, Decimal, Fraction, date, type(None))


def _same(a: Any, b: Any) -> bool:
    """The same object, or equal small values (a problem or plan: only the same object)."""
    return a is b or (type(a) is type(b) and isinstance(a, _VALUES) and bool(a == b))


def _calls(compute: Callable[..., Any]) -> list[tuple[tuple[Any, ...], Any]]:
    memo: dict[str, list[tuple[tuple[Any, ...], Any]]] = st.session_state.setdefault(_MEMO, {})
    return memo.setdefault(f"{compute.__module__}.{compute.__qualname__}", [])


#: What :func:`_recall` finds when ``compute(*args)`` is not kept (a kept answer may be None).
_NOT_KEPT = object()


def _recall(compute: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    calls = _calls(compute)
    for index, (before, value) in enumerate(calls):
        if len(before) == len(args) and all(map(_same, before, args)):
            calls.append(calls.pop(index))
            return value
    return _NOT_KEPT


def recalled(compute: Callable[..., T], *args: Any) -> T | None:
    """What :func:`remembered` keeps of ``compute(*args)``, or None if it is not made yet:
    a file made only when it is wanted (:func:`pages.downloads.file_on_demand`)."""
    found = _recall(compute, args)
    return None if found is _NOT_KEPT else found


def remember(value: T, compute: Callable[..., T], *args: Any) -> T:
    """Keep ``value`` as ``compute(*args)``'s, for :func:`remembered` and :func:`recalled`."""
    calls = _calls(compute)
    calls.append((args, value))
    del calls[:-_MEMO_SIZE]
    return value


def remembered(compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)``, computed once while the session calls it on the same objects.

    Problems, results and plans are frozen values that the session keeps from
    one rerun and one page to the next, so a figure computed from them (a
    plan's metrics, its team loads, the data as tables) holds until the inputs
    or the plan change: at 150 teams x 3,000 projects each costs a noticeable
    part of a page's run. The latest :data:`_MEMO_SIZE` calls per function are
    kept. The answer is shared: a caller that changes it must copy it first.
    """
    found = _recall(compute, args)
    if found is _NOT_KEPT:
        return remember(compute(*args), compute, *args)
    kept: T = found
    return kept
