"""The one AppTest fixture: `app(page, **query)` opens a page of the multipage app as a new visitor would.

Streamlit's shared caches are kept from test to test, as a server keeps them from visitor to visitor: they hold
only what is the same for everyone (the built-in lists and their Corpus, built once per test run, and pure sweep
tables keyed by content), while whatever a test's visitor uploads, trains or draws lives in its own session. A
test that needs what a fresh server has clears them itself (`apphelpers.cold_caches`).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))  # the tests import apphelpers (importlib mode adds no paths)
from apphelpers import PAGE, ROOT

from makemore import CountsModel, Vocab
from makemore.app import keys
from makemore.app.pages import PAGES
from makemore.words import from_list


@pytest.fixture(scope="session", autouse=True)
def installed_components_read_once():
    """Each new AppTest looks for component packages among the installed distributions, reading every one's
    metadata (about a third of a second, more than most page runs); what is installed does not change during a
    test run, so it is read once, as a server reads it once at start-up."""
    with pytest.MonkeyPatch.context() as mp:
        scan = functools.cache(manifest_scanner.scan_component_manifests)
        mp.setattr(manifest_scanner, "scan_component_manifests", scan)
        yield


@pytest.fixture()
def app(monkeypatch):
    """A function (page, words=None, **query) -> a new session's AppTest after its first run of that page (no
    exception checked yet).

    `page` is the page's key in the registry (`pages.PAGES`: "dataset", the first page, "counts", "training" ...)
    or its file; `query` is the address's query parameters (`app("counts", k="0.1", view="probabilities")`, a
    list for a repeated one); `words` makes a list this session's own, as if uploaded."""
    monkeypatch.chdir(ROOT)

    def open_page(page: str = "dataset", /, *, words: list[str] | None = None, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        if words is not None:
            at.session_state[keys.DATASET] = from_list(words, name="words.txt")
            at.session_state[keys.SHARED] = False
        file = PAGE.get(page, page)
        if file != PAGES[0].file:  # the first page is where the app starts
            at.switch_page(file)
        return at.run()

    return open_page


@pytest.fixture(scope="session")
def trigram(names):
    """The built-in names' trigram counts model (word windows), as the pages at order 3 build it."""
    return CountsModel.from_words(names, Vocab.from_words(names), order=3)
