"""The Export page at company size, under AppTest (``bench/page_clock.py``), with
a click on "Download the inputs (Excel)" (its first visit makes
plan.xlsx for the plan shown; its rerun is the "Show every column" toggle).

Usage: ``python bench/export_page.py DATA [--code TREE] [--runs 2]``
"""

from page_clock import clock_page

if __name__ == "__main__":
    clock_page("export", __doc__)
