"""Issue 12 in Chromium: a preset loads two lists in one click and the 2×2 table, the pictures and the tables
appear; a second list uploaded beside the first."""

from __future__ import annotations

import pytest
from browser import chart_label, click, goto, no_exception, settle

pytestmark = pytest.mark.e2e


def test_presets_and_an_uploaded_second_list(page):
    goto(page, "Two_lists")
    click(page, "Girls vs boys (2017)")
    main = page.inner_text("[data-testid='stMain']")
    assert "US baby names 2017 (girls)" in main and "US baby names 2017 (boys)" in main
    assert "model of A" in main and "words of B" in main and "Likelier in B" in main
    assert chart_label(page, "two_ratio").startswith("log(P of B / P of A)")
    page.get_by_text("Choose the second list (B)").click()
    page.get_by_text("upload", exact=True).click()
    settle(page)
    page.locator("[data-testid='stExpander'] [data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": "pets.txt", "mimeType": "text/plain", "buffer": b"rex\nfido\nbuddy\nmax\n"}]
    )
    page.wait_for_timeout(500)
    settle(page)
    main = page.inner_text("[data-testid='stMain']")
    assert "pets.txt · 4 words" in main and "US baby names 2017 (girls)" in main
    no_exception(page)
