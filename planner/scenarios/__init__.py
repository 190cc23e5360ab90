"""What-ifs over solves, the figures of a plan, the quarterly check-in, and storage.

- ``metrics``: one set of figures per plan (attainment, loads, capacity in
  force) that every page, the CLI and every export read; ``counting_goals``: which goals'
  KPIs count things (recorded in whole units); ``why_a_decimal``: why one reads a
  planned figure with a decimal;
- ``scenario``: a saved scenario (inputs, settings, plan, its headline figures);
  ``copies``: one saved again under another name;
- ``priorities``: the soft priorities' named levels and the weights they stand for;
  ``labels``: a stage, a department and a saved scenario as a leader reads them;
  ``input_changes``: what differs between two versions of the inputs, in words;
  ``id_renames``: ids an edit renamed, and a plan carried over to the new ids;
  ``plan_change``: what a new plan or an import changed against the one before;
- ``odds``: each goal's odds under a saved plan, a check-in's against the quarter;
- what-ifs: ``relative`` (against the current plan) and ``relative_words`` (it in
  a leader's words, with ``free_replan_words``: the re-plan from scratch beside it),
  ``whatif`` (sweeps, marginal values), ``capacity_gain`` (what extra hours would buy),
  ``compare``;
- the check-in: ``checkin`` (the record), ``checkin_goals`` (each goal's pace and
  forecast), ``checkin_issues`` (where it does not fit the data), ``checkin_words``,
  ``checkin_toml`` with ``checkin_toml_writing`` (a check-in read from and written as
  TOML), ``checkin_note`` (a check-in in one sentence; one an old note carries),
  ``checkin_replan`` (what its re-plan was made with),
  ``checkin_since`` (a second check-in on the first), ``on_plan``, ``quarter``,
  ``late_work`` (work in progress running late), ``met_goals``, ``rest_of_quarter``
  (the rest of the quarter's problem), ``replan`` (it solved),
  ``replan_fit`` (the baseline's work against the hours left), ``replan_diff``,
  ``replan_idle``, ``out_of_plan`` (what leaves the plan, in the Check-in page's words),
  ``quarter_end`` (a check-in at the quarter's last week: how it ended, in words);
- ``kept_work``: a session's unsaved work, offered back after a reload;
- storage, the only SQL in ``planner`` (tests/test_architecture.py holds it
  there): ``storage`` (the scenarios' statements), ``kept_store`` (the
  unsaved work's and its current plan's), ``store_rows`` (a scenario's rows
  under its id), ``schema`` (its migrations) and ``database`` (opening the
  file, transactions), with ``file_turns`` (one process at a time at the file),
  ``statement_interrupts`` (a Ctrl-C while a statement runs), ``row_conversion`` (plans
  and summaries to stored rows and back) and ``storage_messages`` (what to tell a leader
  when the file cannot be used), which hold no SQL.
"""
