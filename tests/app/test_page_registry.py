"""The page registry (`makemore/app/pages.py`): one entry per page, the one place a page and its settings are named."""

from __future__ import annotations

import pytest
from apphelpers import ROOT, component_data

from makemore.app import pages, settings


def test_every_setting_is_shown_somewhere_and_every_page_setting_exists():
    owned = set(pages.SIDEBAR).union(*(p.settings for p in pages.PAGES))
    assert owned == set(settings.SETTINGS)
    assert not [p.key for p in pages.PAGES if set(p.settings) & set(pages.SIDEBAR)]


def test_the_files_are_named_for_their_place_in_the_menu_and_their_address():
    """`app_pages/2_Bigram_counts.py`: AppTest finds a page before its first run by that name."""
    assert len({p.key for p in pages.PAGES}) == len({p.url for p in pages.PAGES}) == len(pages.PAGES)
    for i, p in enumerate(pages.PAGES):
        assert p.file == f"app_pages/{i}_{p.url or p.title}.py" and (ROOT / p.file).is_file()
    assert sorted(f"app_pages/{f.name}" for f in (ROOT / "app_pages").glob("*.py")) == [p.file for p in pages.PAGES]


@pytest.mark.parametrize("page", [p for p in pages.PAGES if p.clicker], ids=lambda p: p.key)
def test_a_pages_clicker_keys_press_its_buttons(app, page):
    at = app(page.key)
    assert not at.exception
    assert component_data(at, "stage")["keys"] == {k: list(v) for k, v in page.clicker.items()}
    drawn = {b.key for b in at.button}
    assert {key for buttons in page.clicker.values() for key in buttons} <= drawn


def test_a_page_is_told_apart_by_its_key_not_its_title(app):
    """Settings are carried from page to page by the page's key (its title is only what the menu shows)."""
    at = app("counts")
    at.radio(key="view").set_value("probabilities").run()
    at.switch_page(pages.page("sampling").file).run()
    assert "view" not in at.query_params  # another page's setting leaves the address ...
    at.switch_page(pages.page("counts").file).run()
    assert not at.exception
    assert at.radio(key="view").value == "probabilities"  # ... and comes back with its page
    assert at.query_params["view"] == "probabilities"
