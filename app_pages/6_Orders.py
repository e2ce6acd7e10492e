"""Orders & smoothing: ngram.py's grid of order × k on a dev split, the test words once, and the loss by position
in the word (exercises E01-E03)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st

from makemore import CountsModel, GridConfig, Vocab, make_examples
from makemore.app import address, components, dataset, frame
from makemore.app.text import explain, plain
from makemore.app.uploads import read_upload
from makemore.grid import GridRow, best_of, iter_grid
from makemore.positions import loss_by_position, summary
from makemore.views import tables, xy
from makemore.views.format import number
from makemore.words import WordListError

ORDERS = tuple(range(1, 11))
K_CHOICES = (0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
# This session's results (not widgets): grids by data and settings, test scores, loss-by-position rows, uploads.
GRIDS, TESTS, POSITIONS, FILES = "mm_orders_grids", "mm_orders_tests", "mm_orders_positions", "mm_orders_files"

corpus = dataset.corpus()
st.title("Orders & smoothing")
explain(
    "Exercises E01-E03 and ngram.py's main loop: fit a counts model of each order n on the training words, "
    "smooth it with each k, and score it on the dev words. The lowest dev NLL picks the setting; the test words "
    "are then scored once, for that setting only."
)


# --- the words: the current list's split, or ngram.py's three files ---------------------------------------------


@dataclass(frozen=True)
class Source:
    key: tuple  # what the words are: the list's digest and split, or the three files' digests
    train: tuple[str, ...]
    dev: tuple[str, ...]
    test: tuple[str, ...]
    vocab: Vocab
    files: bool  # the uploaded files, not the sidebar's list


def parsed_upload(f):
    """An uploaded file's WordList, or its one-sentence error; parsed once per file in this session."""
    cache = st.session_state.setdefault(FILES, {})
    if f.file_id not in cache:
        try:
            cache[f.file_id] = read_upload(f.getvalue(), name=f.name)
        except WordListError as e:
            cache[f.file_id] = str(e)
    return cache[f.file_id]


with st.expander("ngram.py's own files: train, dev and test"):
    st.caption(
        "Upload ngram.py's `train.txt`, `val.txt` and `test.txt` (one word per line) to search on its split. "
        "The vocabulary is every character of the three."
    )
    up = st.columns(3)
    uploads = {
        part: up[i].file_uploader(label, type=["txt"], key=f"orders_file_{part}")
        for i, (part, label) in enumerate((("train", "train"), ("dev", "dev (val.txt)"), ("test", "test")))
    }

messages = st.container()  # always there: what comes and goes here moves nothing below
current = {f.file_id for f in uploads.values() if f is not None}
for gone in set(st.session_state.get(FILES, {})) - current:  # a removed file leaves the session's memory
    del st.session_state[FILES][gone]
loaded = {}
for part, f in uploads.items():
    if f is None:
        continue
    wl = parsed_upload(f)
    if isinstance(wl, str):
        messages.error(f"{plain(f.name)}: {plain(wl)}")
    else:
        loaded[part] = wl

windows = address.windows()
if "train" in loaded and "dev" in loaded:
    parts = {p: loaded[p].words if p in loaded else () for p in ("train", "dev", "test")}
    source = Source(
        ("files", *(loaded[p].digest if p in loaded else None for p in ("train", "dev", "test"))),
        *parts.values(),
        vocab=Vocab.from_words([*parts["train"], *parts["dev"], *parts["test"]]),
        files=True,
    )
    messages.caption(
        "Using the uploaded files: "
        + ", ".join(f"{p} {len(w):,} words" for p, w in parts.items() if w)
        + ("" if parts["test"] else " (no test file: the test button waits for one)")
        + "."
    )
    if windows != "stream":
        messages.info("ngram.py reads its files as one stream: set Windows to stream in the sidebar.")
else:
    source = Source(
        ("list", corpus.words.digest, corpus.split is not None),
        corpus.part("train"),
        corpus.part("dev"),
        corpus.part("test"),
        corpus.vocab,
        files=False,
    )
    if loaded:
        messages.info("Upload both a train and a dev file to use your files; until then the current list is used.")
    if not source.dev:
        messages.info(
            "The grid chooses by dev NLL: turn on the dev/test split in the sidebar, or upload ngram.py's files."
        )

c = st.columns([3, 4])
orders = tuple(sorted(c[0].multiselect("Orders n", ORDERS, default=(1, 2, 3, 4, 5), key="orders_n")))
ks = tuple(
    sorted(c[1].multiselect("Smoothing k", K_CHOICES, default=(0.03, 0.1, 0.3, 1), key="orders_k", format_func=str))
)


# --- the grid -------------------------------------------------------------------------------------------------


def in_grid_order(rows: list[GridRow]) -> list[GridRow]:
    """Orders in turn, smoothings within: ngram.py's order, which decides a tie."""
    return sorted(rows, key=lambda r: (orders.index(r.order), ks.index(r.smoothing)))


@frame.fragment
def grid() -> None:
    """The button, the table filling as each model is scored, the chart and the test words: a click reruns only
    this."""
    ready = bool(orders and ks and source.dev)
    key = (source.key, windows, orders, ks)
    grids = st.session_state.setdefault(GRIDS, {})
    run = st.button(
        "Run the grid",
        key="orders_run",
        type="primary",
        disabled=not ready,
        help="Fit each order on the training words, score every k on train and dev (key: PageDown)",
    )
    notes = st.container()
    progress = st.empty()
    left, right = st.columns([2, 3])
    table = left.empty()
    done = grids.get(key, [])
    total = len(orders) * len(ks)
    if run and ready:
        todo = [n for n in orders if sum(r.order == n for r in done) < len(ks)]
        done = [r for r in done if r.order not in todo]
        grids[key] = done  # kept as it fills: a run stopped by a rerun keeps what it finished
        try:
            if todo:
                config = GridConfig(tuple(todo), ks, windows)
                bar = progress.progress(len(done) / total, text=f"Scoring… {len(done)}/{total}")
                for row, _model in iter_grid(source.train, source.dev, source.vocab, config):
                    done.append(row)
                    bar.progress(
                        len(done) / total, text=f"Order {row.order}, k = {row.smoothing:g}: {len(done)}/{total}"
                    )
                    table.dataframe(tables.grid_table(done, None), hide_index=True, width="stretch")
        except ValueError as e:  # an order this list cannot hold (its table would be too large)
            notes.error(plain(str(e)))
        progress.empty()
    rows = in_grid_order(done)
    best = best_of(rows) if rows else None
    if rows:
        table.dataframe(tables.grid_table(rows, best), hide_index=True, width="stretch")
    with right:
        components.chart(xy.grid_search(rows, best, address.presenting()), key="orders_chart")
    if not rows:
        notes.caption("Press Run the grid: each order is fitted once, then scored at every k.")
        return
    if any(math.isinf(r.dev_nll) for r in rows):
        notes.caption("∞: at k = 0 an n-gram of the dev words that the training words never have gets probability 0.")
    if len(rows) < total:
        notes.warning(f"The grid stopped after {len(rows)} of {total} settings: Run the grid to finish it.")
        return
    notes.markdown(
        f"**best: order {best.order}, k = {best.smoothing:g}** (dev NLL {number(best.dev_nll)}, train "
        f"{number(best.train_nll)})" + (" · k = 0 is left off the log axis." if 0 in ks else "")
    )
    test_words(key, best)


def score_test(key: tuple, best: GridRow) -> None:
    """The button's callback: the best setting refitted and scored on the test words, kept as spent. It runs
    before the page is drawn, so the button is drawn disabled in the same run."""
    model = CountsModel.from_words(source.train, source.vocab, best.order, windows, best.smoothing)
    nll = model.evaluate(make_examples(source.test, source.vocab, best.order, windows)).mean_nll
    tests = st.session_state.setdefault(TESTS, {})
    tests[key] = {"order": best.order, "k": best.smoothing, "nll": nll, "words": len(source.test)}


def test_words(key: tuple, best: GridRow) -> None:
    """The test words, scored once for the best setting, on request only; then shown as spent."""
    spent = st.session_state.get(TESTS, {}).get(key)
    t = st.columns([2, 2, 3], vertical_alignment="center")
    t[0].button(
        "Score the test words (once)",
        key="orders_test",
        disabled=spent is not None or not source.test,
        on_click=score_test,
        args=(key, best),
        help="The best setting on the test words: a final number, taken once",
    )
    if spent is not None:
        t[1].metric(f"test NLL (order {spent['order']}, k = {spent['k']:g})", number(spent["nll"]))
        t[2].caption(
            f"{number(spent['nll'], '.6f')} (perplexity {number(math.exp(spent['nll']))}). The {spent['words']:,} test words were "
            "used once, for the best setting: choosing anything by this number would make them a second dev set."
        )
    elif not source.test:
        t[2].caption("No test words: turn on the split, or upload a test file.")
    else:
        t[2].caption("Scored once, when the search is over: the number a paper would report.")


grid()

# --- loss by position ---------------------------------------------------------------------------------------------

st.subheader("Loss by position in the word")
k = address.setting("k")
explain(
    "With `word` windows every order predicts every character and every word's end, so all orders are scored on "
    "the same predictions. The first character has no context at any order: it costs the same for all of them. "
    "The usual E01 answer pads with one `.` and never predicts it, so its trigram is scored on fewer, easier "
    "predictions than the bigram. Compare the columns without the first character, or all of them."
)
top = max(orders, default=0)
p = st.columns([2, 3])
on = p[0].radio(
    "Scored on",
    ("training words", "dev words"),
    horizontal=True,
    key="orders_pos_part",
    disabled=not source.dev,
    help="the words the models were fitted on, or the held-out dev words",
)
part = "dev" if on == "dev words" and source.dev else "train"
pos_progress = st.empty()
left, right = st.columns([2, 3])
cache = st.session_state.setdefault(POSITIONS, {})
by_order = {}
for n in range(1, top + 1):
    pkey = (source.key, n, windows, k, part)
    if pkey not in cache:
        pos_progress.progress((n - 1) / top, text=f"Scoring order {n} of {top} by position…")
        try:
            fit = make_examples(source.train, source.vocab, n, windows)
            model = CountsModel.from_examples(fit, source.vocab, k)
            scored = fit if part == "train" else make_examples(source.dev, source.vocab, n, windows)
            cache[pkey] = loss_by_position(model, scored)
        except ValueError as e:
            p[1].error(plain(str(e)))
            break
    by_order[n] = cache[pkey]
pos_progress.empty()
summaries = {n: summary(rows) for n, rows in by_order.items()}
left.table(tables.positions_table(summaries), hide_index=True)
with right:
    components.chart(xy.positions(by_order, address.presenting()), key="orders_positions")
if 2 in summaries and 3 in summaries and windows == "word":
    b, t3 = summaries[2], summaries[3]
    left.caption(
        f"The trigram without its first character scores {number(t3['mean_nll_after_first'])} on "
        f"{t3['count_after_first']:,} predictions; the bigram {number(b['mean_nll'])} on {b['count']:,}. On the same "
        f"predictions: {number(t3['mean_nll'])} against {number(b['mean_nll'])} (all), or "
        f"{number(t3['mean_nll_after_first'])} against {number(b['mean_nll_after_first'])} (without the first)."
    )
if any(math.isinf(s["mean_nll"]) for s in summaries.values()):
    left.caption("∞: at k = 0 an n-gram the training words never have gets probability 0; raise k in the sidebar.")
left.caption(
    f"Counts models fitted on the {'uploaded ' if source.files else ''}training words, k = {k:g} (sidebar), "
    f"{windows} windows, scored on the {'dev' if part == 'dev' else 'training'} words."
)
