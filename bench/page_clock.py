"""One page of the app at company size, under AppTest: its script runs timed.

Shared by ``bench/data_page.py`` and ``bench/export_page.py``. Opens the app (``app.py``)
with ``DATA`` as the session's inputs (``PLANNER_DATA``) and a database of its own, then
times four script runs: the first visit to the page, a rerun of it, a visit to Plan and back
to the page, and a click on one of its download buttons (the run that click starts). Give
the code tree to time as ``--code`` (a copy of an older commit beside this one times both in
one run). Prints one line per run: each script run's wall and CPU seconds
(``time.process_time``: the script runs in this process, and the machine's load moves it
less than the wall's), and the machine's load (``os.getloadavg``).

``DATA``: a folder such as ``planner generate DATA --teams 150 --projects 1500 --seed 1
--weeks --ranges``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def timed(run: AppTest) -> tuple[float, float]:
    """``run``'s script run: its wall and CPU seconds."""
    began, cpu = time.perf_counter(), time.process_time()
    run.run()
    return time.perf_counter() - began, time.process_time() - cpu


#: Each page timed: its script, its title, its rerun (a widget changed, or the app itself)
#: and the download button clicked last.
PAGES: dict[str, tuple[str, str, Callable[[AppTest], AppTest], str]] = {
    "data": ("pages/data.py", "Data", lambda app: app, "Download the current data (Excel)"),
    "export": (
        "pages/export.py",
        "Export",
        lambda app: app.toggle(key="export-every-column").set_value(True),
        "Download the inputs (Excel)",
    ),
}


def clock_page(name: str, doc: str) -> None:
    """Time the page ``name`` of :data:`PAGES` as the module's docstring says; ``doc``, the
    calling script's, heads its ``--help``."""
    page, title, rerun, download = PAGES[name]
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    code = args.code.resolve()
    sys.path.insert(0, str(code))
    os.chdir(code)
    os.environ["PLANNER_DATA"] = str(args.data.resolve())
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as home:  # the run's database, removed after
            os.environ["PLANNER_DB"] = str(Path(home) / "planner.duckdb")
            times, buttons = _visit(code, page, rerun, download)
        print(
            f"{code.name} run {run}: {title} first, rerun, back from Plan, {download!r} "
            "clicked: "
            + ", ".join(f"{wall:.2f}" for wall, _ in times)
            + " s (CPU "
            + ", ".join(f"{cpu:.2f}" for _, cpu in times)
            + f" s); {len(buttons)} buttons; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


def _visit(
    code: Path, page: str, rerun: Callable[[AppTest], AppTest], download: str
) -> tuple[tuple[tuple[float, float], ...], list[str]]:
    """One run: the four script runs' wall and CPU seconds, and the page's download buttons."""
    app = AppTest.from_file(str(code / "app.py"), default_timeout=900).run()
    first = timed(app.switch_page(page))
    assert not app.exception, app.exception
    again = timed(rerun(app))
    app.switch_page("pages/plan.py").run()
    back = timed(app.switch_page(page))
    (button,) = [b for b in app.download_button if b.proto.label == download]
    click = timed(button.click())
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    buttons = [b.proto.label for b in app.download_button]
    assert download in buttons, buttons
    times = (first, again, back, click)
    return times, buttons
