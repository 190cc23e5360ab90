"""What-ifs over solves, the figures of a plan, the quarterly check-in, and storage.

- ``metrics``: one set of figures per plan (attainment, loads, capacity in
  force) that every page, the CLI and every export read;
- ``language``: the leader's words for settings and for what changed;
- ``odds``: each goal's odds under a saved plan, a check-in's against the quarter;
- what-ifs: ``relative`` (against the current plan), ``whatif`` (sweeps,
  marginal values), ``capacity`` (what extra hours would buy), ``compare``;
- the check-in: ``checkin``, ``checkin_toml``, ``on_plan``, ``quarter``,
  ``replan``, ``replan_diff``, ``replan_idle``;
- storage, the only SQL in ``planner`` (tests/test_architecture.py holds it
  there): ``storage`` (the scenarios' statements), ``kept_store`` (the
  unsaved work's and its current plan's), ``store_rows`` (a scenario's rows
  under its id), ``schema`` (its migrations) and ``database`` (opening the
  file, transactions), with
  ``rows`` (plans and summaries as stored rows) and ``storage_messages``
  (what to tell a leader when the file cannot be used), which hold no SQL.
"""
