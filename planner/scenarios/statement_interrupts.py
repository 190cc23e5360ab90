"""A Ctrl-C (or a SIGTERM) while a scenario database's statement runs: raised as the
``KeyboardInterrupt`` it is (:func:`ctrl_c_said`), or held to a transaction's end
(:func:`ctrl_c_held`), around the statements of :mod:`planner.scenarios.database`.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: What DuckDB raises (a ``RuntimeError``) when a Ctrl-C comes while a statement runs.
_INTERRUPTED = "Query interrupted"


@contextmanager
def ctrl_c_said() -> Iterator[None]:
    """A Ctrl-C (or a SIGTERM, whose handler raises as a Ctrl-C does) that comes while a
    statement runs, raised as the ``KeyboardInterrupt`` it is: DuckDB takes the handler's
    exception and raises ``RuntimeError('Query interrupted')`` in its place, which read
    "internal error ... a bug in Goal Planner" (exit 1) as the file was opened."""
    try:
        yield
    except RuntimeError as exc:
        if str(exc) == _INTERRUPTED:
            raise KeyboardInterrupt from None
        raise


@contextmanager
def ctrl_c_held() -> Iterator[Callable[[], bool]]:
    """Hold a Ctrl-C pressed during a transaction to its end; yields whether one was.

    DuckDB reads a Ctrl-C that comes while a statement runs: it ended the statement as
    ``RuntimeError('Query interrupted')`` ("internal error ... a bug in Goal Planner",
    exit 1), or, when the statement finished first, dropped it: ``planner scenarios
    save`` stopped during its write saved and ended 0. Held, it rolls the transaction
    back before the commit (then ends as any Ctrl-C does, exit 130), or, pressed during
    the commit, is handed to the handler it found once the change is written. Only the
    main thread receives signals: elsewhere (the app's sessions) nothing is held, nor
    where Ctrl-C is ignored.
    """
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed.is_set
        return
    found = signal.getsignal(signal.SIGINT)
    if found is signal.SIG_IGN:
        # Started with Ctrl-C ignored (`nohup planner ... &`): one sent to the process
        # group rolled back the save it was told not to stop for.
        yield pressed.is_set
        return
    signal.signal(signal.SIGINT, lambda _signum, _frame: pressed.set())
    try:
        yield pressed.is_set
    finally:
        signal.signal(signal.SIGINT, found)
    if pressed.is_set() and callable(found):
        found(signal.SIGINT, None)
