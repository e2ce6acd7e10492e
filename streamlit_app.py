"""The app: the picture frame around every page, then the page. Run `streamlit run streamlit_app.py`.

Streamlit's own navigation over the pages of the registry (`makemore/app/pages.py`), in the lecture's order. Each
run draws the frame once (`frame.draw`: page config, the link's settings, the sidebar with the word list, split,
order, windows, k and presenter mode, the stage and the notices), so a link to any page, with its settings in the
address, works on its own; then the page runs, reading what it needs (`dataset.corpus()`, `address.setting`).
The pages have no icons: a page's Material icon is also its browser-tab icon, fetched from a font server on every
load (nothing may be fetched from elsewhere in a lecture hall); the tab shows the app's own icon (`frame.FAVICON`).
"""

import streamlit as st

from makemore.app import frame
from makemore.app.pages import PAGES
from makemore.app.text import plain
from makemore.errors import MemoryBudgetError

menu = [st.Page(p.file, title=p.title, url_path=p.url or None, default=not p.url) for p in PAGES]
chosen = st.navigation(menu)
try:
    frame.draw(next(p for p, item in zip(PAGES, menu, strict=True) if item is chosen))
    chosen.run()
except MemoryBudgetError as e:  # what the server's memory cannot hold now, wherever the page asked for it: one line
    st.error(plain(str(e)))
