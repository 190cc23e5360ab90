"""The optimizer: which pairs may exist, the rules as one formulation, and the
CP-SAT model, LP bound and warm start compiled from it.

Imports only :mod:`planner.core` and the independent checker (:mod:`planner.checker`),
which scores and checks the warm start's plans. The solve that runs these
pieces in order, within the time limit, is :mod:`planner.solving`.

The modules, from the bottom up:

- ``eligibility``: which (project, team) pairs may exist (rules 3, 4, 5 and 7 on
  one pair), with the reason in words; the quantities they weigh, a pair's hours
  and value and a team's limit, are the domain's (:mod:`planner.core.pairs`,
  :mod:`planner.core.capacity`);
- ``formulation``: the hard rules as rows over the pair columns, one method
  per rule; ``weeks`` adds rules 10-12 (start columns); ``objective``: what
  each ``[weights]`` term reads;
- the targets compiled from them: ``cpsat`` (the CP-SAT model, and
  ``cp_solver``, every search's solver), ``lp_bound`` (GLOP), ``mip``
  (HiGHS, run in a worker process by ``highs_process`` and ``highs_worker`` so
  that a stop ends it at once), ``envelope`` (cuts for a small quarter's proof),
  ``fewest_changes`` (a what-if's fewest changes, exactly);
- the warm start: ``warm_start`` (the LP rounded by the ``greedy``, improved
  by ``local_search``, in weeks ``week_search``; at middle size in weeks the LP
  with weeks, ``week_lp``, beside it in ``week_lp_worker``'s process);
  ``baseline_repair`` (the current plan repaired into a close plan that scores enough);
  ``take_back`` (a close plan's needless moves put back as the current plan has them);
- ``exact_objective``: chosen pairs as a plan's assignments (the one translation from
  solver values to the domain plan), checked and scored exactly, the one score every
  start, search, proof and what-if weighs its plans by;
- the searches after it: ``lns`` and ``sub_model`` (neighbourhoods of a few
  teams), ``week_lns`` (the same in weeks, with ``week_swap``'s exchanges); on a
  pure assignment ``gap_polish`` and ``gap_tabu`` (shifts, swaps and a short
  tabu search on HiGHS's plans, for :mod:`planner.solving.portfolio`);
- ``week_bound``, ``week_bound_stable`` and ``week_bound_subgradient``: offline
  bounds for quarters in weeks (the benchmarks'), not part of a solve.
"""
