"""Take the README's screenshots (docs/*.png) with the browser tests' own helpers, in a state worth showing; or,
with --every-page, every page in the light and the dark theme (to look at, not for the README).

python scripts/readme_screenshots.py
python scripts/readme_screenshots.py --every-page /tmp/shots
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT))

import browser as b
from playwright.sync_api import sync_playwright

from makemore.app.pages import PAGES


def train(page, seconds: float = 4) -> None:
    """A few seconds of live training at 25 steps a tick, then paused (the speed from the link: the slider's label
    and default have changed before)."""
    b.goto(page, "Neural_training?speed=25")
    b.click(page, "Start")
    page.wait_for_timeout(seconds * 1000)
    b.click(page, "Pause")


def readme() -> None:
    b.SHOTS = ROOT / "docs"
    with b.running_app(Path("/tmp/readme_screenshots.log")) as app, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=b.chromium_path(), args=b.CHROMIUM_ARGS)
        page = b.new_page(chromium, app.url)
        b.shoot(page, "dataset")
        b.nav(page, "Bigram counts")
        b.shoot(page, "bigram_counts")
        b.nav(page, "Neural training")
        train(page)
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


# What each page is shown doing (its key in the page registry -> what to do after opening it).
SETUP = {
    "tour": lambda pg: b.goto(pg, "Tour?step=3"),
    "sampling": lambda pg: [b.click(pg, "Next character") for _ in range(3)],
    "training": train,
    "orders": lambda pg: (b.goto(pg, "Orders?split=true"), b.click(pg, "Run the grid")),
    "two_lists": lambda pg: b.click(pg, "Girls vs boys (2017)"),
}


def every_page(out: Path) -> None:
    """Every page of the registry in both themes, as <page>_<theme>.png under `out`, and Bigram counts in presenter
    mode (counts_present_<theme>.png)."""
    b.SHOTS = out
    for theme in ("light", "dark"):
        log = Path(f"/tmp/every_page_{theme}.log")
        with b.running_app(log, ["--theme.base", theme]) as app, sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=b.chromium_path(), args=b.CHROMIUM_ARGS)
            page = b.new_page(chromium, app.url)
            for entry in PAGES:
                b.goto(page, entry.url)
                SETUP.get(entry.key, lambda pg: None)(page)
                b.no_exception(page)
                print(b.shoot(page, f"{entry.key}_{theme}"), flush=True)
            b.goto(page, "Bigram_counts?present=true")  # presenter mode: the room's type on the lecture's page
            b.no_exception(page)
            print(b.shoot(page, f"counts_present_{theme}"), flush=True)
            chromium.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every-page", type=Path, metavar="DIR", help="every page in both themes, into DIR")
    args = ap.parse_args()
    every_page(args.every_page) if args.every_page else readme()
