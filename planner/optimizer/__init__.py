"""The optimizer: which pairs may exist, the rules as one formulation, and the
CP-SAT model, LP bound and warm start compiled from it.

Imports only :mod:`planner.core` and the independent checker (:mod:`planner.checker`),
which scores and checks the warm start's plans. The solve that runs these
pieces in order, within the time limit, is :mod:`planner.solving`.

The modules, from the bottom up:

- ``eligibility``: which (project, team) pairs may exist, each pair's hours
  and value, and a team's limit (``team_limit``, rule 5) and what-if
  capacity (``what_if_capacity``, the base of utilisation);
- ``formulation``: the hard rules as rows over the pair columns, one method
  per rule; ``weeks`` adds rules 10-12 (start columns); ``objective``: what
  each ``[weights]`` term reads;
- the targets compiled from them: ``cpsat`` (the CP-SAT model, and
  ``cp_solver``, every search's solver), ``lp_bound`` (GLOP), ``mip``
  (HiGHS), ``envelope`` (cuts for a small quarter's proof),
  ``fewest_changes`` (a what-if's fewest changes, exactly);
- the warm start: ``warm_start`` (the LP rounded by the ``greedy``, improved
  by ``local_search``, in weeks ``week_search``); ``nearby`` (a plan close
  to the current plan);
- the searches after it: ``lns`` and ``sub_model`` (neighbourhoods of a few
  teams), ``week_lns`` (the same in weeks);
- ``week_bound``: an offline bound for quarters in weeks (the benchmarks'),
  not part of a solve.
"""
