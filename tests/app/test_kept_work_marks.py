"""The mark the app gives each browser (``pages.first_paint``): only one it gave is read."""

from __future__ import annotations

import pytest

from pages.first_paint import BROWSER_COOKIE, browser_mark, new_mark

MARK = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    ("cookies", "mark"),
    [
        (f"{BROWSER_COOKIE}={MARK}", MARK),
        (f"_streamlit_xsrf=2|x|y; {BROWSER_COOKIE}={MARK}; other=1", MARK),
        (MARK, MARK),  # the cookie's value alone, as Streamlit hands it to a page
        (None, None),
        ("", None),
        ("other=1", None),
        (f"{BROWSER_COOKIE}=../../etc", None),  # not a mark the app gave
        (f"{BROWSER_COOKIE}={MARK.upper()}", None),
        (f"{BROWSER_COOKIE}={MARK}00", None),
        (f'{BROWSER_COOKIE}="{MARK}\\n"', None),
        ("\x00\x01;;==", None),
    ],
)
def test_a_browser_s_mark_is_read_only_as_the_app_gave_it(cookies, mark):
    assert browser_mark(cookies) == mark


def test_a_new_mark_is_a_random_cookie_for_the_whole_app():
    first, second = new_mark().decode(), new_mark().decode()
    assert first != second
    assert browser_mark(first.split(";")[0]) is not None
    assert "Path=/" in first and "HttpOnly" in first and "SameSite=Lax" in first
