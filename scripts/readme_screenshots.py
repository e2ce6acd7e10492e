"""Take the README's screenshots (docs/*.png) with the browser tests' own helpers, in a state worth showing.

python scripts/readme_screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import browser as b
from playwright.sync_api import sync_playwright


def main() -> None:
    b.SHOTS = ROOT / "docs"
    with b.running_app(Path("/tmp/readme_screenshots.log")) as app, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=b.chromium_path(), args=b.CHROMIUM_ARGS)
        page = b.new_page(chromium, app.url)
        b.shoot(page, "dataset")
        b.nav(page, "Bigram counts")
        b.shoot(page, "bigram_counts")
        b.nav(page, "Neural training")
        page.get_by_label("Steps per tick").locator("input[type='range']").first.focus()
        for _ in range(2):
            page.keyboard.press("ArrowRight")  # 25 steps per tick
        b.settle(page)
        b.click(page, "Start")
        page.wait_for_timeout(4000)
        b.click(page, "Pause")
        b.click(page, "Measure modes")
        b.shoot(page, "neural_training")
        b.nav(page, "Sampling")
        for _ in range(4):
            b.click(page, "Next character")
        b.shoot(page, "sampling")
        b.nav(page, "Compare")
        b.shoot(page, "compare")
        chromium.close()
    print("wrote", ", ".join(sorted(x.name for x in (ROOT / "docs").glob("*.png"))))


if __name__ == "__main__":
    main()
