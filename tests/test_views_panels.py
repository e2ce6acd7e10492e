"""The sampling panel and the Dataset page's bars (makemore/views/sampling.py, bars.py), without Streamlit."""

from __future__ import annotations

import torch

from makemore import Sampler, from_list
from makemore.views import bars, sampling


def test_the_sampling_panel(names_model):
    s = Sampler(names_model.with_k(1), stream="lecture")
    row, upcoming = s.upcoming()
    d = s.step()
    assert row == d.row == 0 and torch.equal(upcoming, d.probs)  # upcoming draws nothing
    panel = sampling.draw_panel(names_model.vocab.itos, d.probs, d.row, d.ix, d.u)
    assert panel["labels"][panel["drew"]] == "m" and panel["u"] == d.u and "word" not in panel
    cum = torch.cumsum(d.probs.double(), 0).tolist()
    assert (cum[d.ix - 1] if d.ix else 0.0) < d.u <= cum[d.ix] + 1e-6  # u falls in the chosen interval
    before = sampling.draw_panel(names_model.vocab.itos, d.probs, d.row)
    assert before["drew"] is None and "drawn from it" in before["title"]


def test_the_sampler_panel_shows_the_word_so_far_then_the_last_word(names_model):
    s = Sampler(names_model.with_k(1), stream="lecture")
    panel, tape = sampling.sampler_panel(s, names_model.vocab.itos, ".")
    assert (panel["word_label"], panel["word"], panel["drew"], tape) == ("Word so far", ".", None, (0,))
    s.step()
    panel, tape = sampling.sampler_panel(s, names_model.vocab.itos, ".")
    assert (panel["word"], panel["labels"][panel["drew"]], tape) == (".m", "m", (0,))
    s.finish()
    panel, _ = sampling.sampler_panel(s, names_model.vocab.itos, ".")
    assert (panel["word_label"], panel["word"]) == ("Last word", ".mor.")


def test_dataset_bars(names):
    wl = from_list(names)
    lengths = bars.length_bars(wl.length_counts())
    assert sum(lengths["values"]) == len(names) and lengths["labels"][0] == "2" and lengths["labels"][-1] == "15"
    chars = bars.char_bars(wl.char_counts())
    assert chars["labels"][0] == "a" and sum(chars["values"]) == sum(len(w) for w in names)
    many = bars.char_bars({chr(0x4E00 + i): i + 1 for i in range(500)})
    assert len(many["labels"]) == 80 and "80 most frequent of 500" in many["title"]
