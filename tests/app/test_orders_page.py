"""The Orders & smoothing page under AppTest, through the router: ngram.py's grid filled on the dev split, the
test words scored once, ngram.py's own three files uploaded, and the loss by position of each order."""

from __future__ import annotations

import pytest
from apphelpers import PAGE, component_data, ran_clean

from makemore import GridConfig, default_words
from makemore.corpus import Corpus
from makemore.grid import grid_search


def grid_rows(at):
    return at.dataframe[0].value


def small_grid(at, orders=(1, 2, 3), ks=(0.1, 1)):
    at.multiselect(key="orders_n").set_value(list(orders)).run()
    at.multiselect(key="orders_k").set_value(list(ks)).run()
    at.button(key="orders_run").click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("order", [1, 3, 5])
def test_runs_at_any_sidebar_order(app, order):
    at = ran_clean(app("orders"))
    at.select_slider(key="order").set_value(order).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Orders & smoothing"
    positions = at.table[0].value
    assert positions["order"].tolist() == [1, 2, 3, 4, 5]  # the grid's orders, whatever the sidebar's


def test_without_a_split_it_asks_for_dev_words(app):
    at = ran_clean(app("orders"))
    assert any("turn on the dev/test split" in i.value for i in at.info)
    assert at.button(key="orders_run").disabled


def test_the_grid_fills_and_its_best_is_grid_search(app):
    at = ran_clean(app("orders"))
    at.toggle(key="split").set_value(True).run()
    assert not at.button(key="orders_run").disabled
    assert not at.metric  # nothing scored on test before anyone asks
    small_grid(at)
    table = grid_rows(at)
    assert len(table) == 6
    c = Corpus.build(default_words(), use_split=True)
    config = GridConfig((1, 2, 3), (0.1, 1.0), "word")
    r = grid_search(c.part("train"), c.part("dev"), c.part("test"), c.vocab, config)
    assert table["dev NLL"].tolist() == [f"{row.dev_nll:.4f}" for row in r.rows]
    assert table["train NLL"].tolist() == [f"{row.train_nll:.4f}" for row in r.rows]
    best = table[table["best"] == "◀"]
    assert [(int(best["order"].iloc[0]), float(best["k"].iloc[0]))] == [r.best]
    assert any(f"best: order {r.best[0]}, k = {r.best[1]:g}" in m.value for m in at.markdown)
    panel = component_data(at, "orders_chart")
    assert panel["xAxis"]["type"] == "log" and [s["name"] for s in panel["series"]][:3] == ["n=1", "n=2", "n=3"]
    assert panel["series"][-1]["name"] == f"best: order {r.best[0]}, k = {r.best[1]:g}"
    assert [x for x, _ in panel["series"][-1]["data"]] == [r.best[1]]

    # The test words: once, on request, then spent.
    assert not at.metric and not at.button(key="orders_test").disabled
    at.button(key="orders_test").click().run()
    assert at.metric[0].value == f"{r.test_nll:.4f}"
    assert at.button(key="orders_test").disabled
    assert any("used once" in cap.value for cap in at.caption)
    at.run()  # a rerun (or a page switch and back) shows it still spent
    assert at.button(key="orders_test").disabled and at.metric[0].value == f"{r.test_nll:.4f}"
    at.switch_page(PAGE["compare"]).run()
    at.switch_page(PAGE["orders"]).run()
    at.multiselect(key="orders_n").set_value([1, 2, 3]).run()
    at.multiselect(key="orders_k").set_value([0.1, 1]).run()
    assert len(grid_rows(at)) == 6 and at.button(key="orders_test").disabled


def test_another_grid_needs_its_own_run(app):
    at = ran_clean(app("orders"))
    at.toggle(key="split").set_value(True).run()
    small_grid(at, orders=(2,), ks=(0.1,))
    assert len(grid_rows(at)) == 1
    at.multiselect(key="orders_k").set_value([0.1, 1]).run()
    assert not at.dataframe and any("Press Run the grid" in cap.value for cap in at.caption)


TRAIN = b"emma\nolivia\nava\nisabella\nsophia\nmia\ncharlotte\namelia\nharper\nevelyn\n"
DEV = b"abigail\nemily\nella\n"
TEST = b"madison\nquinn\n"  # q: a character only the test file has


def upload_part(at, part, name, content):
    at.file_uploader(key=f"orders_file_{part}").set_value((name, content, "text/plain"))
    return at.run()


def test_ngram_files_uploaded(app):
    at = ran_clean(app("orders"))
    upload_part(at, "train", "train.txt", TRAIN)
    assert any("Upload both a train and a dev file" in i.value for i in at.info)
    upload_part(at, "dev", "val.txt", DEV)
    upload_part(at, "test", "test.txt", TEST)
    assert not at.exception, at.exception
    assert any("Using the uploaded files: train 10 words, dev 3 words, test 2 words" in c.value for c in at.caption)
    assert any("set Windows to stream" in i.value for i in at.info)
    at.radio(key="windows").set_value("stream").run()
    assert not any("set Windows to stream" in i.value for i in at.info)
    small_grid(at, orders=(2, 3), ks=(0.1, 1))
    words = [w.decode().split() for w in (TRAIN, DEV, TEST)]
    r = grid_search(*words, config=GridConfig((2, 3), (0.1, 1.0), "stream"))
    assert grid_rows(at)["dev NLL"].tolist() == [f"{row.dev_nll:.4f}" for row in r.rows]
    at.button(key="orders_test").click().run()
    assert not at.exception, at.exception
    assert at.metric[0].value == f"{r.test_nll:.4f}"
    assert at.table[0].value["predictions"].tolist()[0] == "67"  # the uploaded training words: 57 characters, 10 ends


def test_a_bad_file_is_one_error_line(app):
    at = ran_clean(app("orders"))
    upload_part(at, "train", "train.txt", TRAIN)
    upload_part(at, "dev", "val.txt", b"\n\n  \n")
    assert not at.exception, at.exception
    assert len(at.error) == 1
    shown = at.error[0].value.replace("\\", "")  # the Markdown escapes of the file's name (state.plain)
    assert (
        shown
        == "val.txt: The file holds only whitespace (spaces, tabs or empty lines) and no words: put one word per line."
    )
    assert at.button(key="orders_run").disabled  # the list has no split, and the files lack a dev part


def test_loss_by_position_compares_orders_on_the_same_predictions(app):
    at = ran_clean(app("orders"))  # the sidebar's k = 1: the lecture's N+1
    t = at.table[0].value.set_index("order")
    assert set(t["predictions"]) == {"231,718"} and set(t["predictions without it"]) == {"199,249"}
    assert t.loc[2, "mean NLL"] == "2.4546"
    assert t.loc[3, "mean NLL"] == "2.2128"
    assert t.loc[3, "without the first character"] == "2.0941"
    assert any("The trigram without its first character scores 2.0941" in c.value for c in at.caption)
    panel = component_data(at, "orders_positions")
    assert [s["name"] for s in panel["series"]] == [f"n={n}" for n in range(1, 6)]
    first = {s["name"]: s["data"][0][1] for s in panel["series"]}
    assert first["n=2"] == first["n=3"] == first["n=5"]  # the first character: no order has context for it
    at.select_slider(key="k").set_value(0).run()
    assert at.table[0].value.set_index("order").loc[2, "mean NLL"] == "2.4540"
