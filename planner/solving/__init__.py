"""One solve, end to end: the optimizer, the independent checker and the
explanation of a plan that cannot be made, behind a bounded queue.

The modules, in the order a solve reaches them:

- ``solver``: ``solve(problem) -> Result``, the one entry point: warm start,
  model, search, then every plan through the checker (``plans``: the chosen
  pairs as a checked plan and the result around it);
- ``limits``: how long a solve's stages take at a quarter's size (preparing,
  building the model, finishing a plan), and whether a time limit covers them;
- ``queue``: the process-wide slots that let concurrent solves share the cores;
- ``search``: CP-SAT's search in a slot and the progress it tells; from there
  ``neighbourhoods`` (which neighbourhood search, from which plan), ``proof``
  (a small quarter proved: cuts, then HiGHS) and ``portfolio`` (two HiGHS
  instead of CP-SAT on a pure assignment, or one beside it);
- ``stopping``: a stop or the limit hands back the best plan at once;
  ``deadline``: one deadline for a solve of several stages;
- ``short_of_forced``: the facts when the quick first plan left forced work out
  (said in words by :mod:`planner.explain.forced_left_out`);
- ``near_current_plan``: a what-if's second stage, the fewest changes to the current plan;
- ``service``: solves for the app, each distinct problem once, with progress.
"""
