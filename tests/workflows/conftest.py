# The browser fixtures (Debian's Chromium, requests leaving localhost blocked) are shared with tests/browser.
from tests.browser.conftest import chromium, open_page, outside_requests  # noqa: F401
