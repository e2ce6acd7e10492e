"""A lecture tour: the bigram lecture one step per screen, each with its code and its result on the current list."""

import math
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from makemore import tour
from makemore.app import address, components, dataset
from makemore.app.text import explain, plain
from makemore.views import heatmaps, sampling, tour_tables
from makemore.views.format import index_list, number, shorten

NEXT, BACK, STEP = "tour_next", "tour_back", "step"
LAST = len(tour.STEPS)
LECTURE_ITOS = [".", *"abcdefghijklmnopqrstuvwxyz"]
SPLIT = [5, 4]  # code | result: the code's column holds a 60-character line at 1400 pixels

corpus = dataset.corpus()
model, vocab, words = corpus.full, corpus.vocab, corpus.words.words
words_name = corpus.words.name
B = vocab.boundary
lecture_vocab = vocab.itos == LECTURE_ITOS


def move(delta: int) -> None:
    """Next / Back: a callback, so the slider below is drawn already showing the new step."""
    address.set_setting(STEP, min(max(int(st.session_state.get(STEP, 1)) + delta, 1), LAST))


def table(df: pd.DataFrame, text: Sequence[str]) -> None:
    """A small static table (`views.tour_tables`). The `text` columns hold characters or words of the list:
    st.table renders Markdown, so they are escaped to show as typed."""
    st.table(df.assign(**{c: df[c].map(plain) for c in text}), hide_index=True)


st.title("A lecture tour")
explain(
    "The bigram lecture, step by step in its own order: each screen shows the lecture's code, in its variable "
    "names, and what that code computes **on the word list loaded now** (sidebar). Move with **Next** and "
    "**Back** (or → and ←), or jump with the slider; the address bar keeps the step, so a link opens right here."
)

nav = st.columns([3, 14, 3], vertical_alignment="bottom")  # room for a button and its key in presenter type
with nav[1]:
    step = st.select_slider("Step", options=range(1, LAST + 1), **address.bound(STEP))
nav[0].button(
    "Back", key=BACK, shortcut="Left", on_click=move, args=(-1,), disabled=step == 1, help="key: ← (or PageUp)"
)
nav[2].button(
    "Next",
    key=NEXT,
    type="primary",
    shortcut="Right",
    on_click=move,
    args=(1,),
    disabled=step == LAST,
    help="key: → (or a clicker's PageDown / Space)",
)
title = tour.STEPS[step - 1].title
st.progress(step / LAST, text=f"Step {step} of {LAST}")
st.subheader(f"{step}. {title}")


def why(markdown: str) -> None:
    """A step's explanation: shown, or folded away in presenter mode (the speaker says it, the room reads the code
    and the result)."""
    if address.presenting():
        with st.expander("Why this step"):
            st.markdown(markdown)
    else:
        st.markdown(markdown)


def snippet(n: int, examples: int = 5, walked: str | None = None, scored: str = tour.LECTURE_WORD) -> None:
    """Step n's code with this list's sizes, the word walked through (when it is not the list's first) and the
    word scored."""
    first = "words[:1]" if walked is None or (words and walked == words[0]) else f"[{walked!r}]"
    # wrapped, not cut, where a narrow window cannot hold a line (they are kept under 60 characters)
    st.code(tour.code(n, vocab.size, B, examples, first, scored), language="python", wrap_lines=True)


# --- the steps --------------------------------------------------------------------------------------------


def step_words() -> None:
    why(
        "Everything the lecture builds is learned from one plain list of words. Before modelling anything, look "
        "at the data: how much of it there is, and how short and long the words get, since a model of names "
        "must also learn where a name stops."
    )
    s = tour.words_summary(words)
    left, right = st.columns(SPLIT)
    with left:
        snippet(1)
    with right:
        c = st.columns(3)
        c[0].metric("len(words)", f"{s.count:,}")
        c[1].metric("shortest", s.min_len)
        c[2].metric("longest", s.max_len)
        st.caption("The first word of each of those lengths:")
        st.text(f"{shorten(s.shortest)}\n{shorten(s.longest)}")
        st.caption("words[:10]")
        st.text(" · ".join(shorten(w, 30) for w in s.first))


def step_pairs() -> None:
    why(
        "The first idea: count how often each character follows each other one. So that the counts also say how "
        "words begin and end, every word is wrapped in a start token `<S>` and an end token `<E>`. A dict of "
        "counts works; a 2D tensor `N` is handier: a row per first character, a column per second."
    )
    a = tour.first_attempt(model)
    n = a.size
    left, right = st.columns(SPLIT)
    with right:
        st.caption("sorted(b.items(), key=lambda kv: -kv[1])[:10]")
        table(tour_tables.pairs_table(a), text=("ch1", "ch2"))
    with left:
        snippet(2)
        c = st.columns(3)
        c[0].metric("N.shape", f"{n}×{n}")
        c[1].metric("`<E>` row total", f"{a.end_row_total:,}", help="`N[stoi['<E>']].sum()`: what follows the end")
        c[2].metric(
            "`<S>` column total", f"{a.start_col_total:,}", help="`N[:, stoi['<S>']].sum()`: what precedes the start"
        )
    st.markdown(
        f"Nothing ever follows `<E>` and nothing ever comes before `<S>`, so a whole row and a whole column are "
        f"zeros: **{a.wasted} of {n * n:,} cells** that can never count anything. One token is enough for both "
        f"ends, because its position already says which end it is: as a row it starts a word, as a column it "
        f"ends one. With `{B}` at index 0, N is {n - 1}×{n - 1} and the only cell that is always empty is "
        f"`N[0, 0]`, an empty word."
    )


def step_picture() -> None:
    why(
        f"With the one boundary token `{B}` at index 0, the **first row** of N counts which character starts a "
        "word and the **first column** which one ends it. Every other cell counts one pair inside words; the "
        "darker, the more often. This table is all the counts model will ever know."
    )
    b = tour.borders(model)
    left, right = st.columns(SPLIT)
    with left:
        snippet(3)
    with right:
        st.markdown(
            f"- most words start with **{plain(b.top_start[0])}** ({b.top_start[1]:,} of them)\n"
            f"- most words end with **{plain(b.top_end[0])}** ({b.top_end[1]:,})\n"
            f"- the most frequent bigram is **{plain(b.top_bigram[0])}** ({b.top_bigram[1]:,})\n"
            f"- {b.empty_cells:,} of {b.cells:,} cells are 0: pairs this list never has (step 7 is about them)"
        )
    # the whole width: the lecture's picture, every cell labelled with its bigram and count
    heat = heatmaps.counts_heatmap(model, 0, "counts", subject=words_name, large=address.presenting())
    components.chart(heat, key="tour_heatmap")


def step_draw() -> None:
    why(
        "To make up a word, start at the boundary and draw its first character from row 0 of N, each "
        "character as likely as its share of the row. The generator is seeded, so the draw is the same on every "
        "run, and for everyone."
    )
    d = tour.first_draw(model)
    left, right = st.columns(SPLIT)
    with left:
        snippet(4)
        first = ", ".join(f"{x:.4f}" for x in d.p[:8])
        st.caption(f"p, the first 8 of its {len(d.p)} values")
        st.text(f"tensor([{first}, ...])")
    with right:
        # the distribution, the uniform u and the character it picked, as the Sampling page draws them
        with st.container(key="tour_word"):
            st.caption("Word so far")
            st.text(B + d.lecture_char)
        panel = sampling.draw_panel(d.labels, d.probs, 0, d.lecture_ix, d.lecture_u, large=address.presenting())
        components.chart(panel, key="tour_draw")
        c = st.columns(2)
        c[0].metric("itos[ix] (the lecture's torch)", plain(d.lecture_char))
        c[1].metric("itos[ix] (today's torch)", plain(d.torch_char))
    st.markdown(
        f"p[0] is {d.p[0]:.4f}: no word is empty. The torch of the lecture drew one uniform number "
        f"(u = {d.lecture_u:.4f}) and took the first character whose running total of p reaches it: "
        f"**{plain(d.lecture_char)}** (on the lecture's names it printed `m`). torch 2.0 changed how "
        f"`multinomial` draws one sample, so the same code with the same seed now gives "
        f"**{plain(d.torch_char)}**. The dashboard's `lecture` stream keeps the old algorithm, so its "
        "samples match the lecture's."
    )


def step_broadcast() -> None:
    why(
        "`P` should hold each row of the counts divided by that row's own total, so every row is a "
        f"distribution. `P.sum(1)` has shape ({vocab.size},); dividing a ({vocab.size}, {vocab.size}) tensor by "
        "it broadcasts the sums **as a row**, copied down: element `[i, j]` is divided by row *j*'s total, not "
        f"row *i*'s. `keepdim=True` keeps the shape ({vocab.size}, 1), a column, and each row gets its own total. "
        "Both run without an error; only checking the row sums tells them apart."
    )
    b = tour.broadcasting(model, k=1)
    left, right = st.columns(SPLIT)
    with left:
        snippet(5)
        st.caption("In `wrong = P / P.sum(1)`:")
        c = st.columns(2)
        c[0].metric("rows summing to 1", f"{len(b.rows_ok)} of {len(b.labels)}")
        c[1].metric("columns summing to 1", f"{b.cols_ok} of {len(b.labels)}")
    with right:
        rows = min(6, len(b.labels))
        st.caption(f"Row sums, on P = (N+1).float(): the first {rows} rows")
        table(tour_tables.row_sums_table(b, rows), text=("row",))
    ok = ", ".join(plain(x) for x in b.rows_ok)
    rows_text = f"only {len(b.rows_ok)} row(s) happen to sum to 1 ({ok})" if b.rows_ok else "no row sums to 1"
    if b.sums_match:
        st.markdown(
            "Why the columns: in bigram counts a character's row total equals its column total (every time a "
            "character occurs, one token comes before it and one after; the boundary starts and ends each word "
            f"once). So `P / P.sum(1)` is really `P / P.sum(0)`: it normalises every **column**. Here {rows_text}; "
            "a row would only come out right by coincidence (if its entries, each divided by another row's total, "
            "happened to add up to 1)."
        )
    else:
        st.markdown(f"Here {rows_text}.")


def step_likelihood() -> None:
    why(
        "How good is a model? Look up the probability it gives to every bigram of the data: a good model gives "
        "them high probability. The likelihood is the product of them all, far too small to write, so add their "
        "logs instead. Negate that sum so lower is better (the **NLL**), and average it over all bigrams: "
        f"that is the loss. A model that knows nothing, 1/{vocab.size} everywhere, scores ln {vocab.size} = "
        f"{math.log(vocab.size):.4f}."
    )
    r = tour.likelihood(model, words)
    left, right = st.columns(SPLIT)
    with left:
        snippet(6)
    with right:
        st.caption(f"The first {len(r.scores)} words, bigram by bigram (P = N normalised: k = 0)")
        table(tour_tables.likelihood_table(r), text=("bigram",))
    c = st.columns(4)
    c[0].metric("log_likelihood", number(r.raw.log_likelihood, ",.4f"))
    c[1].metric("nll", number(r.raw.nll, ",.4f"))
    c[2].metric("nll / n (the loss)", number(r.raw.mean_nll), help=f"n = {r.raw.examples:,} bigrams")
    c[3].metric(f"uniform: ln {vocab.size}", f"{math.log(vocab.size):.4f}")
    st.caption(
        f"Over all {r.raw.examples:,} bigrams. On its names the lecture printed log_likelihood = -559891.75 and "
        "2.4541: it adds float32 numbers one at a time, and a running float32 total of half a million drifts. The "
        "sums here are exact (float64, added without rounding error); on the lecture's counts they give "
        f"-559873.5896 and 2.4540. With N+1 (next step) this list's loss is {number(r.smoothed.mean_nll)}."
    )


def step_smoothing() -> None:
    why(
        "One bigram the words never contain gives a word probability 0: its log is -∞ and the NLL infinite, "
        "however likely the rest of the word is. Adding 1 to every count before normalising (**smoothing**) "
        "gives every bigram some probability; the more you add, the flatter, more uniform the model."
    )
    s = tour.smoothing_example(model, words)
    left, right = st.columns(SPLIT)
    with left:
        snippet(7, scored=s.word)
    with right:
        st.caption("The word scored")
        st.text(shorten(s.word, 80))
        table(tour_tables.smoothing_table(s), text=("bigram",))
        c = st.columns(2)
        c[0].metric("NLL with N", number(s.at0.nll))
        c[1].metric("NLL with N+1", number(s.at1.nll), help=f"mean over its bigrams: {number(s.at1.mean_nll)}")
    with st.container():
        unseen = ", ".join(plain(u) for u in s.at0.unseen)
        if s.source == "lecture":
            st.markdown(f"The lecture's word: {unseen} never occurs in this list, so with raw counts it is impossible.")
        elif s.source == "made":
            reason = (
                "cannot be spelled with this list's characters"
                if s.lecture_word == "spelled"
                else "has only bigrams this list contains"
            )
            st.markdown(
                f"The lecture's `andrejq` {reason}, so here is one of the list's words with one character added: "
                f"{unseen} never occurs in the list."
            )
        else:
            st.markdown("This list contains every possible bigram, so no word has probability 0 here.")


def step_onehot() -> None:
    why(
        "The same problem as a neural net. Each bigram becomes a training example: the input `xs` is the first "
        "character's index, the label `ys` the next one's. An index is a poor input to multiply (character 13 is "
        "not 13 times character 1), so each input becomes a **one-hot** vector: all zeros but a 1 at its index."
    )
    h = tour.one_hot(vocab, words)
    left, right = st.columns(SPLIT)
    with left:
        snippet(8, walked=h.word)
    with right:
        st.caption(plain(f"The examples of {B}{shorten(h.word, 40)}{B}"))
        st.text(f"xs = {index_list(h.xs)}\nys = {index_list(h.ys)}")
        st.markdown(
            f"Each row of `xenc` below is one input: {len(h.labels)} numbers, a single 1. Multiplied by W, a "
            "one-hot row simply picks out one row of W: that is all the net's first layer does with it."
        )
    with st.container():  # the whole width: one column per token
        df, caption = tour_tables.xenc_table(h)
        df = df.rename(columns=plain).assign(input=df["input"].map(plain))  # the list's characters
        st.caption(caption)
        st.table(df.style.map(tour_tables.xenc_style, subset=list(df.columns[1:])), hide_index=True)
    with st.container():
        if not h.lecture_word:
            st.info("This list lacks a letter of “emma”, the lecture's example, so its first word is used instead.")


def step_walkthrough() -> None:
    why(
        f"The net: one linear layer, a {vocab.size}×{vocab.size} `W` of random numbers. `xenc @ W` picks row "
        "`xs[i]` of W for each example: the **logits**, read as log-counts. `exp` makes them positive counts and "
        "dividing by the row sum turns them into probabilities (together: softmax). The loss asks how much "
        "probability the net puts on each right answer. W is random for now, so it guesses about evenly."
    )
    w = tour.emma_walkthrough(vocab, words)
    left, right = st.columns(SPLIT)
    with left:
        snippet(9, len(w.examples))
    with right:
        st.caption(plain(f"The bigrams of {B}{w.word}{B}") if len(w.word) < 40 else "The bigrams of the first word")
        table(tour_tables.walkthrough_table(w.examples), text=("input", "label"))
        c = st.columns(2)
        c[0].metric("loss (mean NLL)", f"{w.loss:.4f}", help=repr(w.loss))
        c[1].metric(f"uniform: ln {vocab.size}", f"{w.uniform:.4f}")
    with st.container():
        if lecture_vocab and w.lecture_word:
            st.markdown(
                f"These are the lecture's own numbers ({w.loss!r}): its 27 characters give the same random W, and "
                "`.emma.` gives the same five examples, whatever the rest of the list."
            )
        elif not w.lecture_word:
            st.info("This list lacks a letter of “emma”, the lecture's example, so its first word is used instead.")
        else:
            st.markdown(
                f"This list has {vocab.size} tokens, not the lecture's 27, so W (seeded the same) has another shape "
                "and other numbers: the lecture's 3.7693 needs its vocabulary."
            )


def step_gradient() -> None:
    why(
        "Training: the loss over every bigram of every word, `backward()` for `W.grad` (how the loss changes as "
        "each weight grows), and a step against the gradient. The `0.01*(W**2).mean()` term pulls W towards 0, "
        "a flatter model: the neural twin of adding counts in step 7. This page computes the step from the "
        "counts N alone, which gives the same loss as the one-hot pass over all examples."
    )
    g = tour.gradient_step(model)
    left, right = st.columns(SPLIT)
    with left:
        snippet(10)
    with right:
        c = st.columns(2)
        c[0].metric("loss at the random W", f"{g.loss_before:.4f}", help=repr(g.loss_before))
        c[1].metric(
            "loss after one step",
            f"{g.loss_after:.4f}",
            delta=f"{g.loss_after - g.loss_before:.4f}",
            delta_color="inverse",
            help=repr(g.loss_after),
        )
        st.caption(f"of which the data's NLL at the start: {g.nll_before:.4f}; the rest is λ·mean(W²)")
        rise, fall = g.biggest_rise, g.biggest_fall
        st.markdown(
            f"The weight that rose most is the one for **{plain(rise[0])}** (+{rise[1]:.3f}): a frequent "
            f"bigram the random W underrated. The one that fell most is **{plain(fall[0])}** ({fall[1]:.3f}): "
            "a bigram the random W favoured far more than the words do."
        )
    st.caption("On its names the lecture printed 3.7686, then 3.3788 after this first step.")


BOTH = "mm_tour_both"  # (digest, step 11's result): this session's only, like its word list


def both_models() -> tour.BothModels:
    """Step 11 trains a net: a few ms on 27 characters, seconds on a thousand, so the result is kept for the
    session's word list. In the session, not a shared cache: the samples can repeat an uploaded list's words."""
    digest = corpus.words.digest
    kept = st.session_state.get(BOTH)
    if kept is None or kept[0] != digest:
        with st.spinner("Training the net…"):
            kept = st.session_state[BOTH] = (digest, tour.both_models(model))
    return kept[1]


def step_both() -> None:
    why(
        "After a few hundred steps the net's `softmax(W)` is almost the counts model's P: it has learned the "
        "same table, with λ doing what +1 does there. Sample both with a generator seeded the same: the same "
        "random numbers go through almost the same distributions, so out come (almost) the same words."
    )
    r = both_models()
    left, right = st.columns(SPLIT)
    with left:
        snippet(11)
    with right:
        table(tour_tables.both_models_table(r), text=("counts model, N+1", f"net, {r.steps} steps"))
        c = st.columns(2)
        c[0].metric("counts model NLL (N+1)", f"{r.counts_nll:.4f}")
        c[1].metric(f"net loss at step {r.steps}", f"{r.net_loss:.4f}", help="data NLL + λ·mean(W²)")
    st.caption(
        f"{r.same} of {len(r.net_words)} words are identical (seed {r.seed}, the lecture's stream). On the lecture's "
        "names both printed mor, axx, minaymoryles, kondlaisah, and then anchshizarie from the counts, "
        "anchthizarie from the net."
    )


@st.cache_data(max_entries=16, show_spinner=False)
def what_next(digest: str, _words, _vocab) -> tour.WhatNext:
    """Step 12's MLP, trained once per word list for every visitor (figures only: no word of the list)."""
    return tour.what_next(_words, _vocab)


def step_next() -> None:
    why(
        "The bigram sees one character. The next lecture (makemore part 2, Bengio et al. 2003) reads three, "
        "through a learned embedding: each character becomes a row of `C`, so characters that behave alike end up "
        "near each other and share what they learn; a tanh layer reads the three embeddings, and minibatches of "
        "32 train it fast. Held-out (dev) words keep it honest. Below: that MLP trained a few seconds on this "
        "list's training words, against the bigram model of the same words."
    )
    try:
        with st.spinner("Training the MLP for a few seconds…"):
            r = what_next(corpus.words.digest, words, vocab)
    except ValueError as e:
        st.info(f"Not on this list: {e}.")
        return
    left, right = st.columns(SPLIT)
    with left:
        snippet(12)
    with right:
        c = st.columns(2)
        c[0].metric("bigram counts model, dev NLL", f"{r.bigram_dev:.4f}", help=f"k = 1; train {r.bigram_train:.4f}")
        c[1].metric(
            f"MLP after {r.steps:,} steps, dev NLL",
            f"{r.mlp_dev:.4f}",
            delta=f"{r.mlp_dev - r.bigram_dev:+.4f} against the bigram",
            delta_color="inverse",
            help=f"{r.params:,} parameters; train {r.mlp_train:.4f}; {r.seconds:.1f} s here",
        )
        st.caption(
            f"Split 80/10/10 as the lecture does (random.seed(42)): {r.split[0]:,} training and {r.split[1]:,} dev "
            "words. On names.txt the lecture's MLP reaches dev 2.17 after 200,000 steps (the bigram: 2.45). "
            "Train it live on Neural training (Net: mlp, order 4) and watch its embedding move."
        )


BODIES = (
    step_words,
    step_pairs,
    step_picture,
    step_draw,
    step_broadcast,
    step_likelihood,
    step_smoothing,
    step_onehot,
    step_walkthrough,
    step_gradient,
    step_both,
    step_next,
)
assert len(BODIES) == LAST
BODIES[step - 1]()
