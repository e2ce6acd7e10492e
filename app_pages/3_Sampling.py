"""Sampling one character at a time (lecture steps 4 and 11)."""

import streamlit as st

from makemore import STREAMS, exports
from makemore.app import address, components, current, dataset, frame, keys, settings
from makemore.app.text import as_text, explain
from makemore.views import heatmaps, tables
from makemore.views.sampling import sampler_panel

corpus = dataset.corpus()
st.title("Sampling, one character at a time")
explain(
    "Start at `.`, take the row `p` of the current character, draw the next index with "
    "`torch.multinomial(p, num_samples=1, replacement=True, generator=g)`, and repeat until `.` comes again. "
    "The **lecture** stream reproduces the lecture's printed names (torch before 2.0 drew one uniform `u` per "
    "character); **torch** is the same code on today's torch; **xorshift** is ngram.py's own generator."
    + (
        ""
        if address.order() == 2
        else f" At order {address.order()} the row is chosen by a tape of the last {address.order() - 1} character(s), "
        "which slides by one with every draw; with `word` windows each word starts from a tape of boundaries, "
        "with `stream` windows the tape runs on across words, as ngram.py samples."
        if address.order() > 1
        else " At order 1 there is no context: every character is drawn from the same distribution."
    )
)

SHOWN_WORDS = 30  # the history table's last rows


@frame.fragment
def sampling():
    """The controls, the buttons and what they draw, in one fragment: a click reruns this, not the page. The
    distribution and the matrix are charts that stay in the page and are updated in place."""
    c = st.columns([2, 2, 2, 2])
    model = c[0].radio(
        "Model",
        ("counts", "neural"),
        format_func=settings.shown("model"),
        help="counts: P with the sidebar's k; neural: the net as trained on the Neural training page",
        **address.bound("model", ("counts", "neural")),
    )
    k = address.setting("k")
    seed = int(c[1].number_input("Seed", 0, settings.MAX_SEED, step=1, **address.bound("seed")))
    stream = c[2].radio(
        "Random stream",
        STREAMS,
        format_func=settings.shown("stream"),
        help="today's torch: torch.multinomial as it draws now; the lecture's: torch before 2.0, which printed the "
        "lecture's samples; ngram.py's xorshift: its own generator",
        **address.bound("stream", STREAMS),
    )
    temperature = c[3].select_slider("Temperature", settings.TEMPERATURES, **address.bound("temp"))
    top_k = int(address.setting("topk")) or None

    ss = current.sampling(corpus, model=model, k=k, seed=seed, stream=stream, temperature=temperature, top_k=top_k)
    sampler = ss.sampler
    # Messages that come and go sit in containers that are always there, so the charts below keep their place
    # in the page (an element appearing above them would make Streamlit re-create them).
    with st.container():
        if model == "neural":
            ts = st.session_state.get(keys.TRAINING)
            steps = ts.trainer.steps if ts else 0
            if steps == 0:
                st.warning(
                    "The net is untrained (step 0): its W is random, so are its names. Train it on the "
                    "Neural training page, then come back."
                )
            else:
                st.caption(f"Sampling from the net as trained: step {steps:,}.")

    b = st.columns([1, 1, 1, 1, 2])
    if b[0].button(
        "Next character",
        key="sample_next",
        type="primary",
        shortcut="Right",
        help="keys: → (or a clicker's PageDown / Space)",
    ):
        sampler.step()
    if b[1].button("Finish this word", key="sample_finish"):
        sampler.finish()
    if b[2].button("New word", key="sample_new", help="abandon the word in progress and draw a whole new one"):
        sampler.new_word()
    if b[3].button("Reset", key="sample_reset", help="reseed: the same seed gives the same words again"):
        sampler.reset()
    b[4].number_input(
        "top-k (0 = off)",
        0,
        corpus.vocab.size,
        step=1,
        **address.bound("topk"),
    )

    vocab = corpus.vocab
    n = address.order()
    large = address.presenting()
    # The last draw (or the distribution the first character will come from) and the word so far (plain text,
    # not st.code: its 1.5 MB highlighter would load on a fresh page).
    view = sampler_panel(sampler, vocab.itos, vocab.boundary, large=large)
    with st.container():
        notice = st.session_state.pop(keys.SAMPLE_NOTICE, None)
        if notice:
            st.info(notice)
        if not sampler.shown:
            st.caption(f"Press **Next character** to draw the first character from the row of {vocab.boundary!r}.")
    left, right = st.columns([3, 2])
    with left:
        with st.container(key="sample_word"):
            st.caption(view.word_label)
            st.text(view.word)  # the list's characters, as typed
        components.chart(view.chart, key="sample_dist")
        if sampler.shown and sampler.shown[-1].u is None and not sampler.greedy:
            st.caption("The torch stream draws by an exponential race, not one uniform: the chosen interval is red.")
    if vocab.size <= heatmaps.MAX_HEATMAP_CHARS:  # the bars show the row; beyond, the matrix would not be legible
        with right:
            rows = heatmaps.sampling_rows(sampler.model, ss.P, vocab.itos, view.tape, n, large=large)
            components.chart(rows, key="sample_rows")
    # Both tables are there from the start (empty at first): an element type first shown on a click would load
    # its code then and make that click slow. Static tables: no grid code to load at all.
    st.table(as_text(tables.draws_table(sampler.shown, vocab)), hide_index=True)
    st.subheader("Words so far")
    words = tables.samples_table(sampler.history)
    if len(words) > SHOWN_WORDS:
        st.caption(f"{len(words):,} words drawn; the last {SHOWN_WORDS} are shown.")
    st.table(as_text(words.tail(SHOWN_WORDS)), hide_index=True)
    history = list(sampler.history)  # the words as they are now, not when the button is clicked
    st.download_button(
        "Samples (TXT)",
        lambda: exports.samples_txt([x.word for x in history]),
        file_name="samples.txt",
        mime="text/plain",
        on_click="ignore",
        key="dl_samples",
        help="every word drawn so far, one per line",
    )


sampling()
