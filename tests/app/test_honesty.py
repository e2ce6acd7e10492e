"""Issue "no quiet failures" on the pages: a hostile list keeps Compare bounded, training says when it goes wrong
and offers the fix, both pages give one NLL for one net, decoding is said as a warning, small things."""

from __future__ import annotations

from apphelpers import PAGE, live, metric, upload
from cases import HONEST_CASES


def test_a_thousand_character_alphabet_keeps_compare_bounded(app):
    words = "\n".join(chr(0x100 + i) * 3 for i in range(1000)).encode()  # V = 1,001
    at = upload(app("home"), "wide.txt", words)
    assert metric(at, "vocabulary V") == "1001"
    at.switch_page(PAGE["compare"]).run()
    assert not at.exception
    assert any("skipped, since V = 1,001" in c.value for c in at.caption)


def test_training_says_when_lr_is_too_large_and_offers_a_stable_one(app):
    at = upload(app("home"), "emma.txt", b"emma\n")
    at.switch_page(PAGE["training"]).run()
    at.select_slider(key="speed").set_value(100).run()
    at.button(key="train_step").click().run()
    said = at.warning[0].value if at.warning else ""
    assert "at lr 50" in said and ("oscillates" in said or "above the uniform model's ln 4" in said)
    offer = at.button(key="train_use_safe_lr")
    assert offer.label == "Use lr = 9.93"  # the bound 9.938, rounded down
    offer.click().run()
    assert at.number_input(key="lr").value == 9.93
    assert live(at)["step"] == "100"  # nothing else changed: the same net goes on
    for _ in range(3):
        at.button(key="train_step").click().run()
    assert live(at)["nll"] < 0.35 and not at.warning  # the counts model's 0.2773 is the floor


def test_training_and_compare_give_one_nll_for_one_net(app):
    at = upload(app("home"), "abba.txt", b"ab\nba\naa\n")
    at.switch_page(PAGE["training"]).run()
    at.select_slider(key="speed").set_value(100).run()
    for _ in range(3):
        at.button(key="train_step").click().run()
    shown = next(c.value for c in at.caption if c.value.startswith("W after step 300"))
    nll = shown.split("data NLL ")[1].split(" ")[0]
    at.switch_page(PAGE["compare"]).run()
    assert metric(at, "neural net NLL (train)") == nll
    assert "step 300" in at.metric[1].proto.help


def test_decoding_is_said_as_a_warning(app):
    at = app("home")
    for case, name, data, words, warning in HONEST_CASES:
        at = upload(at, name, data)
        assert not at.exception and not at.error, case
        assert metric(at, "unique words") == str(len(words)), case
        said = " ".join(w.value.replace("\\", "") for w in at.warning)  # as shown: Markdown escapes removed
        assert (warning in said) if warning else not said, case


def test_changing_the_seed_mid_word_says_what_was_set_aside(app):
    at = app("sampling")
    at.button(key="sample_finish").click().run()
    at.button(key="sample_next").click().run()
    at.number_input(key="seed").set_value(7).run()
    assert any("2 word(s) drawn before were set aside" in i.value for i in at.info)


def test_compare_caption_when_the_list_is_too_small_to_split(app):
    at = upload(app("compare"), "one.txt", b"anna\n")  # the word list is in the sidebar of every page
    at.toggle(key="split").set_value(True).run()
    assert any("too small to hold out dev words" in c.value for c in at.caption)
    assert not any("Turn on the dev/test split" in c.value for c in at.caption)
