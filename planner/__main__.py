"""``python -m planner``: the same as the ``planner`` command."""

import signal
import sys


def run() -> int:
    """Start the command line; a Ctrl-C while it is still starting ends in words.

    Reading the command line's modules takes a moment (on a loaded machine, a second)
    before :func:`planner.interfaces.cli.main` is there to catch a Ctrl-C: one pressed
    then printed a page of traceback. (pandas and OR-Tools are read later, by the
    command that needs them, where ``main`` catches it.) A search the user stopped and
    that still runs does not hold the end (see
    :func:`planner.interfaces.cli.leave_searches_behind`).
    """
    sys.unraisablehook = _ctrl_c_raised_again
    try:
        from planner.interfaces.cli import leave_searches_behind, main

        code = main()
    except (KeyboardInterrupt, ImportError) as exc:
        # A compiled library's start-up turns a Ctrl-C into "ImportError: initialization
        # failed" (its cause the KeyboardInterrupt): the Ctrl-C it was, not a traceback.
        cause = exc.__cause__ or exc.__context__
        if isinstance(exc, ImportError) and not isinstance(cause, KeyboardInterrupt):
            raise
        print("interrupted; nothing was written.", file=sys.stderr)
        return _answered(130)
    return _answered(leave_searches_behind(code))


def _ctrl_c_raised_again(unraisable: "sys.UnraisableHookArgs") -> None:
    """A Ctrl-C that landed where Python cannot raise it (a weak reference's callback, as
    memory is freed) printed "Exception ignored in ... KeyboardInterrupt", and the command
    went on as if never pressed: it is signalled again, to be raised where it can be."""
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)
        return
    import _thread
    import contextlib

    # From another thread, once the hook is done: signalled from the hook, it was raised in
    # the hook and lost again (threading's start() waits, and took it too). No new thread
    # as the interpreter ends (RuntimeError): the command has answered by then.
    with contextlib.suppress(RuntimeError):
        _thread.start_new_thread(_interrupt_main_soon, ())


def _interrupt_main_soon() -> None:
    import _thread
    import time

    time.sleep(0.05)
    _thread.interrupt_main()


def _answered(code: int) -> int:
    """``code``, with a Ctrl-C from now on ignored: the command has answered and written
    what it writes, and one pressed while Python tears down printed "Exception ignored in
    ... Traceback ... KeyboardInterrupt" under the answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code


if __name__ == "__main__":
    sys.exit(run())
