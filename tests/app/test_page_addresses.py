"""A page's address with a part more (/plan/extra) opens the page, not a blank one; an
address no page has opens the Overview, not Streamlit's "Page not found".

Streamlit answers any address it does not know with the app's HTML; under /plan/extra its
scripts were looked for at /plan/static/... and came back as that HTML again, so the
browser drew nothing and said nothing (Streamlit's issue 8013). ``make run`` serves the
app through serve.py, whose middleware sends such an address to its page.
"""

from __future__ import annotations

import pytest
from app_server import running_app, settled

from pages.addresses import page_address


@pytest.mark.parametrize(
    ("path", "base", "page"),
    [
        ("/plan/extra", "", "/plan"),
        ("/plan/extra/more/", "", "/plan"),
        ("/Constraints/x", "", "/constraints"),
        ("/CHECK-IN/x", "", "/checkin"),
        ("/pLan", "", "/plan"),  # a case Streamlit does not answer
        # Slashes doubled (a link joined badly): Streamlit's bare "Bad Request".
        ("//plan", "", "/plan"),
        ("///Plan/", "", "/plan"),
        ("//", "", "/"),
        ("//nope", "", "/"),
        ("/goals//plan", "goals", "/goals/plan"),
        ("/goals/plan/extra", "goals", "/goals/plan"),
        ("/goals/plan/extra", "/goals/", "/goals/plan"),
        # No page has these: the Overview's address, not "Page not found".
        ("/start", "", "/"),  # the Overview's own reserved address, which Streamlit refused
        ("/nope", "", "/"),
        ("/nope/extra", "", "/"),
        ("/overview/extra", "", "/"),
        ("/goals/nope", "goals", "/goals/"),
    ],
)
def test_an_address_is_sent_to_its_page_or_to_the_overview(path, base, page):
    assert page_address(path, base) == page


@pytest.mark.parametrize(
    ("path", "base"),
    [
        ("/", ""),
        ("/plan", ""),
        ("/plan/", ""),
        ("/Plan", ""),  # the spellings app.py's hidden pages answer
        ("/check-in", ""),
        ("/overview", ""),
        ("/static/js/index.js", ""),  # Streamlit's own scripts, media and API
        ("/_stcore/health", ""),
        ("/media/abc.png", ""),
        ("/component/x/index.html", ""),
        ("/app/static/logo.png", ""),
        ("/auth/login", ""),  # st.login's sign-in, behind which config.toml says to serve it
        ("/goals/auth/logout", "goals"),
        ("/goals/plan", "goals"),
        ("/other/plan/extra", "goals"),  # not under the server's base path
    ],
)
def test_streamlit_s_own_addresses_and_a_page_s_are_left_alone(path, base):
    assert page_address(path, base) is None


@pytest.mark.browser
def test_a_page_address_with_a_part_more_opens_the_page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.set_default_timeout(90_000)
        with running_app(tmp_path / "planner.duckdb", entry="serve.py") as url:
            page.goto(url)
            page.get_by_role("heading", name="Overview", level=1).wait_for()
            page.goto(f"{url}/plan/extra")
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            assert page.url == f"{url}/plan"
            # A page that does not exist: the Overview, not a blank page nor Streamlit's
            # "Page not found" in its words for whoever wrote the app.
            page.goto(f"{url}//plan")  # not Streamlit's bare "Bad Request"
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            assert page.url == f"{url}/plan"
            for nowhere in ("nope/extra", "start", "nope?x=1"):
                page.goto(f"{url}/{nowhere}")
                page.get_by_role("heading", name="Overview", level=1).wait_for()
                settled(page)
                assert page.get_by_text("Page not found").count() == 0, nowhere
                assert page.url.startswith(f"{url}/"), page.url
    finally:
        context.close()


@pytest.mark.browser
def test_a_title_case_address_is_the_first_visit_of_a_fresh_server_and_opens_the_page(
    browser, tmp_path
):
    """/Export as the first address a server (``make run``'s serve.py) is asked for opened
    Export under Streamlit's "Page not found" box. Its first run of a session took the app's
    pages/ folder for a folder of pages (Streamlit's multipage apps before st.navigation),
    which knows /export but not /Export; only app.py's navigation, run after that box was
    sent, knows the Title-case aliases. serve.py tells Streamlit the app has its own
    navigation from the start."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.set_default_timeout(90_000)
        with running_app(tmp_path / "planner.duckdb", entry="serve.py") as url:
            page.goto(f"{url}/Export")  # nothing opened before it
            page.get_by_role("heading", name="Export", level=1).wait_for()
            settled(page)
            assert page.get_by_text("Page not found").count() == 0
            assert page.url == f"{url}/export"
            # An address no page has opens the Overview.
            page.goto(f"{url}/nope")
            page.get_by_role("heading", name="Overview", level=1).wait_for()
            settled(page)
            assert page.get_by_text("Page not found").count() == 0
    finally:
        context.close()
