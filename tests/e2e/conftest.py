"""Browser-test fixtures: one `streamlit run` per session on a free local port, the system's Chromium, and a
fresh browser context (a new Streamlit session) per test.

In CI (CI=true) a missing Chromium fails the run; elsewhere the browser tests are skipped with the reason.
Screenshots go to tests/e2e/screenshots/ (ignored by git) or to $E2E_SCREENSHOT_DIR.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the tests import browser (importlib mode adds no paths)
from browser import CHROMIUM_ARGS, ROOT, chromium_path, new_page, running_app


def pytest_collection_modifyitems(items):
    """Every test in this folder drives the browser: marked `e2e`, which the fast tier (`-m "not e2e"`) leaves out."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it with apt-get install chromium")
        pytest.skip("no system Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server():
    with running_app(ROOT / "tests" / "e2e" / "server.log") as app:
        yield app


@pytest.fixture()
def page(browser, server):
    pg = new_page(browser, server.url)
    yield pg
    pg.context.close()
