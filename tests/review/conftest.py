"""The headless Chromium fixture for the review page's browser test (see tests/views/browser.py)."""

from tests.views.browser import browser  # noqa: F401
