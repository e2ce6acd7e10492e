"""The pages, in the menu's order: one entry each, the one place a page is named.

The frame (`streamlit_app.py`) builds Streamlit's menu from `PAGES`, gives each page its settings on arrival and
writes them into the address, and hands the stage a page's clicker keys; the README's table of URL names, the
tests and the scripts read the list from here too. A new page is a file in `app_pages/` and one entry below.

No Streamlit here, and no other module of the app: plain data anyone may import.

    >>> page("sampling").url, page("sampling").settings
    ('Sampling', ('model', 'seed', 'stream', 'temp', 'topk'))
    >>> [p.title for p in PAGES if "seed" in p.settings]
    ['Sampling', 'Compare']
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The settings of the sidebar every page shares (the frame's own): the word list, the split, order, windows, k and
# presenter mode.
SIDEBAR = ("data", "years", "lower", "dedupe", "split", "order", "windows", "k", "present")


@dataclass(frozen=True)
class Page:
    key: str  # the page's name in code and tests ("counts")
    title: str  # in the menu and the browser tab (no icon: a Material icon is fetched from a font server)
    file: str  # its script: app_pages/<place in the menu>_<url or title>.py (AppTest finds a page by its name)
    url: str  # its address, as links have always had it ("" for the first page)
    settings: tuple[str, ...] = ()  # the URL names of the settings its own widgets show (see settings.SETTINGS)
    # A clicker's keys (PageDown, Space, PageUp) → the keys of the buttons they press, the first enabled one wins.
    # The arrow keys are the buttons' own `shortcut=`.
    clicker: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)


PAGES: tuple[Page, ...] = (
    Page("dataset", "Dataset", "app_pages/0_Dataset.py", ""),
    Page(
        "tour",
        "Lecture tour",
        "app_pages/1_Tour.py",
        "Tour",
        ("step",),
        {"PageDown": ("tour_next",), "Space": ("tour_next",), "PageUp": ("tour_back",)},
    ),
    Page("counts", "Bigram counts", "app_pages/2_Bigram_counts.py", "Bigram_counts", ("view", "ctx", "look", "word")),
    Page(
        "sampling",
        "Sampling",
        "app_pages/3_Sampling.py",
        "Sampling",
        ("model", "seed", "stream", "temp", "topk"),
        {"PageDown": ("sample_next",), "Space": ("sample_next",)},
    ),
    Page(
        "training",
        "Neural training",
        "app_pages/4_Neural_training.py",
        "Neural_training",
        ("lr", "lam", "mode", "net", "speed", "mspeed", "mlr", "sched", "batch", "emb", "hidden", "init", "steps"),
        {"Space": ("train_start", "train_pause"), "PageDown": ("train_step",)},
    ),
    Page("compare", "Compare", "app_pages/5_Compare.py", "Compare", ("seed", "stream", "net", "num")),
    Page("orders", "Orders & smoothing", "app_pages/6_Orders.py", "Orders", (), {"PageDown": ("orders_run",)}),
    Page("two_lists", "Two lists", "app_pages/7_Two_lists.py", "Two_lists"),
)


def page(key: str) -> Page:
    """The page of this key."""
    return next(p for p in PAGES if p.key == key)


def shown_settings(p: Page) -> tuple[str, ...]:
    """The settings a page's run shows: the sidebar's, then its own."""
    return SIDEBAR + p.settings


def where(setting: str) -> str:
    """Where a setting's widget is, as the README's table says it: "sidebar", or the titles of the pages showing it.

    >>> where("k"), where("net")
    ('sidebar', 'Neural training, Compare')
    """
    if setting in SIDEBAR:
        return "sidebar"
    return ", ".join(p.title for p in PAGES if setting in p.settings)
