"""The domain layer: the problem's data, its settings, loading and writing it.

Imports nothing else of ``planner``; every other layer builds on it. The modules:

- the domain: ``domain`` (the problem, a plan, a result), ``settings`` (read by
  ``settings_reading``; ``settings_sheet`` the data workbook's settings sheet,
  ``toml_text`` TOML both ways), ``ranges``, ``errors``; ``builder`` (a problem
  from a folder or in code); the quantities every layer weighs alike, ``pairs``
  (a team on a project: its share, hours and value) and ``capacity`` (a team's
  hours under the what-if); ``dependency_graph`` (the projects' ``depends_on`` graph);
- its files, read: ``loading`` and the modules it reads through: ``reading``,
  ``pipes`` (a file named on the command line that is a pipe), ``file_kinds``,
  ``zip_entries``, ``decoding`` and ``csv_text`` (bytes to a raw table), ``tables``
  (the data folder's contract as data), ``table_rows``, ``sheet_margins``, ``sheet_merges``,
  ``cells`` (with ``column_names``: the columns it does not know; ``id_references``: a
  reference to an id its file lacks, and what it likely means; ``placeholder_ids``: 'TBD'
  or 'N/A' written for no id yet; ``not_a_number``: why a cell is not one, in words),
  ``typed_numbers``,
  ``table_builder`` (raw tables checked and built into domain objects) with ``row_inputs``
  (a row's id, name and stage, for every file), ``team_inputs``, ``project_inputs``,
  ``week_inputs``, ``calendar_inputs``, ``decision_inputs``,
  ``score_checks`` and ``effort_checks`` (each table checked; ``effort_checks`` the hours
  no team that may take a project has;
  ``swapped_cells`` a row whose cells are in each other's columns),
  ``workbook`` with ``workbook_opening``, ``workbook_scan``, ``workbook_size`` and
  ``workbook_cells`` (a sheet's cells as text, and the cells that cannot be trusted);
  the other files a command line names (``named_files``: a
  baseline plan.csv, a check-in) and
  ``baseline_rows`` (a ``--baseline`` plan checked against the data);
- its files, written: ``writing``, ``plan_csv``, ``workbook_writing`` with
  ``template_hints`` and ``cell_formats``, ``output`` (a user's file, atomically)
  with ``typed_paths`` (a path as typed: a name not to make, a variable left, a missing
  folder) and ``write_failures`` (a write that failed, in words),
  ``slashes`` (a path typed with a slash after it: one rule for every file flag);
  ``editing`` (the tables as the app's editors show them) with ``edit_followups`` (what an
  edit brings with it), ``edit_words`` (what it changed, cell by cell),
  ``repeated_names`` (names two rows share, told apart by id), ``renames`` (a row whose
  id changed, renamed or replaced), ``typed_over`` (an id changed to another row's) and
  ``input_source`` (where the inputs came from: the files opened, the tables uploaded
  since, an edit applied);
- what every layer reads the same way: the quarter's weeks (``weeks``), impact
  ranges and the odds of a goal (``uncertainty``), figures as leaders read them
  (``shown_figures``, ``rounded_parts``; ``machine_figures`` for --json and spreadsheets),
  plain words around them (``shared_words``: counts, lists, stages, the labels every page
  shares; ``status_words``: a solve's status; ``skill_words``), ``identifiers`` (ids and
  names as a reader sees them, text shown as typed) over ``unseen`` (characters nobody sees);
- generated quarters and GAP instances: ``generate`` with ``generate_catalogue`` and
  ``generate_weeks``, ``gap_instances`` and ``gap_literature``.
"""
