"""The headless Chromium fixture for the view tests (see tests/views/browser.py)."""

from tests.views.browser import browser  # noqa: F401
