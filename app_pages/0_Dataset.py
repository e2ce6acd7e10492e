"""Dataset page: explore the current word list (lecture step 1: `words = open('names.txt')...`)."""

import streamlit as st

from makemore.app import address, components, dataset
from makemore.app.text import explain, plain
from makemore.views import bars
from makemore.views.format import preview_text

corpus = dataset.corpus()
st.title("makemore · the word list")
explain(
    "Every model here learns from a list of words, one per line, like the lecture's `names.txt`. Pick the "
    "built-in US baby names, names of the years you choose, or upload your own list (**Word list**, in the "
    "sidebar); the other pages count its bigrams, sample from it and train the neural bigram on it. Every "
    "setting is in the address bar: copy it to open the same page, with the same numbers, elsewhere."
)

wl = corpus.words
st.subheader("What's in it")
stats = corpus.stats
cols = st.columns(4)
cols[0].metric("words", f"{stats.words:,}")
cols[1].metric("unique words", f"{stats.unique_words:,}")
cols[2].metric("duplicates", f"{stats.duplicates:,}")
cols[3].metric("bigrams (with the boundary)", f"{stats.bigrams:,}")
cols = st.columns(4)
cols[0].metric("vocabulary V", corpus.vocab.size, help="distinct characters plus the boundary token")
cols[1].metric("shortest", stats.min_len)
cols[2].metric("mean length", f"{stats.mean_len:.2f}")
cols[3].metric("longest", stats.max_len)
st.caption(
    f"Characters: the boundary token {corpus.vocab.boundary!r} (index 0, both start and end of a word), then "
    f"{len(corpus.vocab.chars)} characters in sorted order (stoi / itos)."
)
for warning in wl.report.warnings():  # what was read other than as written: said plainly, not in small print
    st.warning(plain(warning))
for note in wl.report.notes():
    st.caption(plain(note))  # a note may quote the file's own text (a CSV header)

large = address.presenting()
left, right = st.columns(2)
with left:
    components.chart(bars.length_bars(corpus.lengths, large=large), key="data_lengths")
with right:
    components.chart(bars.char_bars(corpus.chars, large=large), key="data_chars")
st.caption("The first 200 words, in file order:")
# Plain text, not a data grid: the grid's code (1.2 MB) would be the slowest thing on a fresh home page.
st.text(preview_text(wl.words))
