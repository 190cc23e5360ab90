"""Figures computed once while the session's inputs and plan stay the same objects.

:func:`remembered` keeps the latest calls per function in the session's state;
pages take it from :mod:`pages.common`.
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
    """The same object, or equal small values (a problem or plan: only the same object); a
    tuple is the same when each of its items is (the goals' pace words, made at each rerun)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(map(_same, a, b))
    return isinstance(a, _VALUES) and bool(a == b)


def remembered(compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)``, computed once while the session calls it on the same objects.

    Problems, results and plans are frozen values that the session keeps from
    one rerun and one page to the next, so a figure computed from them (a
    plan's metrics, its team loads, the data as tables) holds until the inputs
    or the plan change: at 150 teams x 3,000 projects each costs a noticeable
    part of a page's run. The latest :data:`_MEMO_SIZE` calls per function are
    kept. The answer is shared: a caller that changes it must copy it first.
    """
    memo: dict[str, list[tuple[tuple[Any, ...], Any]]] = st.session_state.setdefault(_MEMO, {})
    calls = memo.setdefault(f"{compute.__module__}.{compute.__qualname__}", [])
    for index, (before, value) in enumerate(calls):
        if len(before) == len(args) and all(map(_same, before, args)):
            calls.append(calls.pop(index))
            found: T = value
            return found
    computed = compute(*args)
    calls.append((args, computed))
    del calls[:-_MEMO_SIZE]
    return computed
