"""The Data page while an imported data folder is being planned, in a real browser (Playwright,
Chromium): Streamlit keeps a run's leftover elements on screen, greyed, until the run ends,
which only a browser shows."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from app_server import TIMEOUT_MS, require_chromium, rerun, settled

from planner.core.generate import generate_folder
from planner.core.loading import load_with_warnings

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")

#: The imported quarter's time limit (seconds): its plan takes that long, long enough to
#: read the page while it is made.
TIME_LIMIT_S = 3.0
IMPORT, START_AGAIN = "Import the data folder", "Start again from the bundled sample quarter"

#: While the plan is being made (its status box open, "Planning: ..."), every button the page
#: shows at each change of the page, noted in ``window.seen``: the most "Start again" buttons
#: and uploaders at once, and each greyed button's label (a run's leftover, kept until the run
#: ends).
WATCH = """(startAgainLabel) => {
    window.seen = {planning: 0, startAgain: 0, uploaders: 0, greyed: new Set()};
    const note = () => {
        const planning = [...document.querySelectorAll('summary')]
            .some(s => s.innerText.includes('Planning:'));
        if (!planning) return;
        window.seen.planning += 1;
        let startAgain = 0;
        for (const button of document.querySelectorAll('[data-testid="stButton"] button')) {
            if (!button.getClientRects().length) continue;
            const label = button.innerText.replace(/^\\S+\\n+/, '').trim();
            if (label === startAgainLabel) startAgain += 1;
            if (button.closest('[data-stale="true"]')) window.seen.greyed.add(label);
        }
        window.seen.startAgain = Math.max(window.seen.startAgain, startAgain);
        const uploaders = [...document.querySelectorAll('[data-testid="stFileUploader"]')]
            .filter(u => u.getClientRects().length).length;
        window.seen.uploaders = Math.max(window.seen.uploaders, uploaders);
    };
    new MutationObserver(note).observe(document.body,
        {subtree: true, childList: true, attributes: true});
}"""


def test_an_import_planned_shows_no_leftover_import_or_second_start_again_button(
    page, server, tmp_path
):
    """A zip imported, its quarter planned for some seconds: the uploader's "Import the data
    folder" stayed under it, greyed but live, with a second "Start again from the bundled
    sample quarter" under that, and the emptied uploader over the one it emptied, until the
    plan was made. The box is now drawn once the plan is made, a line in its place until then."""
    folder = generate_folder(tmp_path / "quarter", 12, 150, 8, 0)
    settings = load_with_warnings(folder).problem.settings
    slow = settings.with_changes(solve=replace(settings.solve, time_limit_s=TIME_LIMIT_S))
    (folder / "settings.toml").write_text(slow.to_toml(), encoding="utf-8")
    zipped = shutil.make_archive(str(tmp_path / "next-quarter"), "zip", folder)

    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Data", level=1).wait_for()
    settled(page)
    with rerun(page):
        page.locator("input[type=file]").set_input_files(zipped)
    page.evaluate(WATCH, START_AGAIN)
    page.get_by_role("button", name=IMPORT).click()
    page.get_by_text("Imported next-quarter.zip:").first.wait_for(timeout=TIMEOUT_MS)
    seen = page.evaluate("() => ({...window.seen, greyed: [...window.seen.greyed]})")
    assert seen["planning"], seen  # the page was read while the plan was being made
    assert IMPORT not in seen["greyed"], seen
    assert seen["startAgain"] <= 1, seen
    assert seen["uploaders"] <= 1, seen
