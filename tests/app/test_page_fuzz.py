"""Every page under random edits, a few seeds at a time (tests/page_fuzz.py; the long runs
are ``bench/page_fuzz.py``'s, and bench/results.md "Pages under random edits" has them).

Each sequence takes seeded steps a user can take (odd cells in the Data page's grids, sliders
and boxes at their ends, a pin and a forbid of one pair, scenarios saved under odd names,
calendar rows with odd weeks, check-in records out of range and Re-plan, the downloads,
pages in a random order) and, after each,
finds no exception, no "None", "nan" or "inf" shown, no optimizer word outside an Advanced
panel, and the headline cards alike wherever they show one set of inputs.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial

import pytest
import streamlit as st
from page_fuzz import made_downloads, problems, walk
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

#: Seeds and steps: a small budget (the long runs are bench/page_fuzz.py's).
SEEDS, STEPS = (0, 1), 8


@pytest.fixture(autouse=True)
def downloads_made(monkeypatch):
    """Each download button's file made when the fuzzer asks for it (the Export step)."""
    monkeypatch.setattr(DeltaGenerator, "download_button", made_downloads())
    monkeypatch.setattr(st, "download_button", partial(DeltaGenerator.download_button, st._main))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_steps_on_the_sample_leave_every_page_whole(seed):
    failure = walk(seed, STEPS)
    assert failure is None, str(failure)


def test_random_steps_on_a_generated_quarter_in_weeks_leave_every_page_whole(tmp_path, monkeypatch):
    quarter = tmp_path / "quarter"
    command = [sys.executable, "-m", "planner", "generate", "--teams", "4", "--projects", "16"]
    subprocess.run([*command, "--weeks", "--ranges", "--seed", "3", str(quarter)], check=True)
    monkeypatch.setenv("PLANNER_DATA", str(quarter))
    failure = walk(3, STEPS)
    assert failure is None, str(failure)


def test_the_checks_see_what_a_page_must_not_show():
    """The fuzzer's reading is only as good as what it catches: "nan" in a table, "None" in
    a caption, "inf" on a card and the optimizer's "objective" and a signed score ("+0.04")
    outside Advanced are caught; the same word under Advanced, a name the user typed, and a
    change of hours written as hours are ("-0.04 h": hours under 0.1 keep two digits), are
    not."""

    def page() -> None:
        import pandas as pd
        import streamlit as st

        st.caption("Owner: None")
        st.metric("Goal attainment", "inf %")
        st.dataframe(pd.DataFrame({"team": ["nan"]}))
        st.markdown("The objective is 12.")
        with st.expander("Advanced: the score"):
            st.markdown("The objective")
        st.markdown("Saved as None of these")
        st.caption("Under an hour: Content (-0.04 h); Sales (+0.1 h).")
        st.caption("Moved by +0.04")

    app = AppTest.from_function(page).run()
    from page_fuzz import Walk

    found = problems(Walk(app, None, 0), frozenset({"None of these"}))  # type: ignore[arg-type]
    kinds = sorted(kind for kind, _ in found)
    assert kinds == [
        "shows 'None'",
        "shows 'inf'",
        "shows 'nan'",
        "solver word '+0.04'",
        "solver word 'objective'",
    ]
