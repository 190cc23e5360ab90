"""The Data page at company size, under AppTest (``bench/page_clock.py``), with
a click on "Download the current data (Excel)": the data workbook,
made as the page was drawn before, and when first wanted since.

Usage: ``python bench/data_page.py DATA [--code TREE] [--runs 2]``
"""

from page_clock import clock_page

if __name__ == "__main__":
    clock_page("data", __doc__)
