"""The app: Streamlit's own navigation over the pages, in the lecture's order. Run `streamlit run streamlit_app.py`.

Each page file (in app_pages/, not pages/: Streamlit would also read a pages/ folder as a second, file-named menu)
calls `state.init_page` first: the sidebar with the pages, the word list, split, k and presenter mode, and the
current corpus; so a link to any page, with its settings in the address, works on its own. The pages have no icons: a page's Material icon is
also its browser-tab icon, fetched from a font server on every load (nothing may be fetched from elsewhere in a
lecture hall); the tab shows the app's own icon instead (`state.FAVICON`).
"""

import streamlit as st

from makemore.app.state import PAGES, plain
from makemore.errors import MemoryBudgetError

page = st.navigation(
    [st.Page(path, title=title, url_path=url or None, default=not url) for path, title, url in PAGES],
)
try:
    page.run()
except MemoryBudgetError as e:  # what the server's memory cannot hold now, wherever the page asked for it: one line
    st.error(plain(str(e)))
