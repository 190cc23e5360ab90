"""The domain layer: the problem's data, its settings, loading and writing it.

Imports nothing else of ``planner``; every other layer builds on it. Beside the
domain (``domain``, ``settings``, ``ranges``, ``errors``) and its files (``loading``
and the modules it reads through: ``reading``, ``cells``, ``building``, ``workbook``;
``writing``, ``plan_csv``, ``workbook_writing``), it holds what every layer reads
the same way: the quarter's weeks (``weeks``), impact ranges and the odds of a goal
(``uncertainty``), figures as leaders read them (``text``), plain words around them
(``words``: counts, lists, stages, a solve's status) and the generators of
quarters and GAP instances (``generate*``, ``gap_*``).
"""
