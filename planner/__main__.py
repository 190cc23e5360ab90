"""``python -m planner``: the same as the ``planner`` command."""

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
        return 130
    return leave_searches_behind(code)


if __name__ == "__main__":
    sys.exit(run())
