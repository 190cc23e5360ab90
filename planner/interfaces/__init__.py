"""The interfaces: the command line, and what the app's pages draw and export.

- the ``planner`` command: :mod:`~planner.interfaces.cli` (exit statuses, errors
  in words; ``cli_parser`` its argparse, ``typed_words`` a command line mistyped,
  ``cli_paths`` its file arguments checked first, ``cli_streams`` standard output and
  error made usable, ``cli_plans`` the plan written to ``--out`` and a ``--baseline``
  plan read) and one module per command
  (``solve_cli``, ``validate_cli``, ``explain_cli``, ``generate_cli``,
  ``checkin_cli`` with ``checkin_template_cli``, ``checkin_inputs``,
  ``checkin_limits`` (each re-plan limit and where it came from) and ``checkin_report``,
  ``scenario_cli`` with ``scenario_save_cli`` (and
  ``scenario_save_names``: the name a save may take), ``whatif_cli``,
  ``scenario_database`` (the database a scenarios command opens, and the scenario it
  names), ``scenario_args`` (the arguments every one takes: a mistake in them, a name
  shown as typed) and ``scenario_text``); ``baseline_plan``: a ``--baseline``
  plan read back;
- what the pages draw, as data frames and Altair charts: ``plan_frames`` and
  ``charts`` (a plan's loads, goals and assignments), ``week_charts``, ``odds_charts``
  (a plan's odds of reaching each goal) with ``odds_changes`` (the odds before and after:
  two scenarios, a re-plan against its baseline carried on), ``goal_gaps`` (what would
  close a goal's gap: the left-out projects that feed it, for the Overview and
  ``planner explain --goal``) with ``goal_hours`` (what N more hours of a team would buy
  for it, re-planned: the Overview's button and ``explain --goal --extra-hours``),
  ``scenario_charts``, ``checkin_charts`` and ``vega``; the Plan page's filters as its
  address holds them (``plan_filters``); the Check-in page's
  tables (``checkin_tables``) and its records kept across a reload
  (``checkin_draft``), the next steps (``next_steps``) and the
  optimizer's score in words (``optimizer_score``);
- files a leader takes away: ``exports`` (plan.xlsx), ``replan_exports`` (a
  check-in's re-plan as plan.xlsx) and ``scenario_exports`` (a scenario's zip, a
  comparison's workbook).

The figures come from :mod:`planner.scenarios.metrics` and are written by
:mod:`planner.core.shown_figures`, so a number reads the same on every page, in the
CLI and in every export. Nothing here imports Streamlit: the pages do.
"""
