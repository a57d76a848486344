"""The headless Chromium fixture for the corrected views (see tests/views/browser.py)."""

from tests.views.browser import browser  # noqa: F401
