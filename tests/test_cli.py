"""`python -m makemore`: JSON contracts, readable text, and exit status 2 with one line for bad input."""

from __future__ import annotations

import errno
import io
import json
import math
import os
import subprocess
import sys

import pytest

from makemore.__main__ import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_stats_json(capsys, names_model):
    d = run_json(capsys, "stats", "--smoothing", "1")
    assert {
        "words",
        "unique_words",
        "vocab_size",
        "bigrams",
        "min_len",
        "max_len",
        "smoothing",
        "log_likelihood",
        "nll",
    } <= d.keys()
    assert (d["words"], d["unique_words"], d["vocab_size"], d["bigrams"]) == (32469, 29910, 27, 231718)
    assert (d["min_len"], d["max_len"]) == (2, 15)
    assert d["nll"] == names_model.evaluate(k=1).mean_nll
    assert d["log_likelihood"] == names_model.evaluate(k=1).log_likelihood


def test_score_json_and_infinity(capsys, tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("emma\nava\n")
    d = run_json(capsys, "score", "emma", "eva", "-i", str(f), "--smoothing", "0")
    assert d["smoothing"] == 0
    emma, eva = d["words"]
    assert [b["bigram"] for b in emma["bigrams"]] == [".e", "em", "mm", "ma", "a."]
    assert emma["bigrams"][0] == {"bigram": ".e", "count": 1, "prob": 0.5, "logprob": math.log(0.5)}
    assert eva["nll"] == math.inf and eva["log_likelihood"] == -math.inf  # "ev" never occurs
    _code, out, _ = run(capsys, "score", "eva", "-i", str(f), "--json", "--smoothing", "0")
    assert "Infinity" in out and "NaN" not in out


def test_score_text_explains_infinity(capsys, tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("emma\nava\n")
    code, out, _ = run(capsys, "score", "eva", "-i", str(f), "--smoothing", "0")
    assert code == 0 and "never occurs" in out and "ev" in out


def test_sample_json_lecture_stream(capsys):
    d = run_json(capsys, "sample", "--num", "5", "--sampler", "lecture", "--smoothing", "1")
    assert d["samples"] == ["mor", "axx", "minaymoryles", "kondmaisah", "anchshizarie"]


def test_sample_is_deterministic_and_neural_works(capsys):
    a = run_json(capsys, "sample", "--num", "8", "--seed", "3")
    b = run_json(capsys, "sample", "--num", "8", "--seed", "3")
    assert a["samples"] == b["samples"] and len(a["samples"]) == 8
    n = run_json(capsys, "sample", "--num", "3", "--model", "neural", "--steps", "50", "--temperature", "0.5")
    assert len(n["samples"]) == 3 and all(isinstance(w, str) for w in n["samples"])


def test_train_json_losses_before_each_update(capsys):
    d = run_json(capsys, "train", "--steps", "4")
    assert len(d["losses"]) == 4
    assert d["losses"][0] == pytest.approx(3.7702, abs=1e-4)
    assert d["losses"] == sorted(d["losses"], reverse=True)
    assert d["diverged"] is None


def test_train_modes_agree(capsys, tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("\n".join(["emma", "olivia", "ava", "isabella", "sophia"] * 20))
    losses = [
        run_json(capsys, "train", "--steps", "5", "--mode", m, "-i", str(f))["losses"]
        for m in ("onehot", "index", "counts")
    ]
    for other in losses[1:]:
        assert max(abs(a - b) for a, b in zip(losses[0], other, strict=True)) < 1e-4


def test_train_divergence_is_reported(capsys):
    d = run_json(capsys, "train", "--steps", "10", "--lr", "10000")
    assert d["diverged"] and "diverged" in d["diverged"]
    assert all(math.isfinite(x) for x in d["losses"])


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "-i", "/no/such/file.txt"],
        ["stats", "--smoothing", "-1"],
        ["score", "ab.c"],
        ["score", "zoë"],
        ["sample", "--num", "0"],
        ["sample", "--temperature", "0"],
        ["train", "--lr", "-5"],
        ["train", "--steps", "0"],
        ["stats", "--order", "0"],
        ["stats", "--order", "11"],
        ["sample", "--order", "3", "--smoothing", "-0.5"],
        ["grid", "--dev", "/no/such/dev.txt"],
        ["grid", "--orders", "2"],
        ["train", "--order", "1", "--net", "concat"],
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_bad_file_contents(capsys, tmp_path):
    f = tmp_path / "x.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run(capsys, "stats", "-i", str(f))
    assert code == 2 and "PNG" in err


def test_real_process_bad_argument_has_no_traceback():
    p = subprocess.run(
        [sys.executable, "-m", "makemore", "sample", "--sampler", "nope"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and p.stderr.count("\n") == 1


def test_bad_bytes_are_reported_in_the_json(capsys, tmp_path):
    f = tmp_path / "accents.txt"
    f.write_bytes("josé\nzoë\n".encode() + b"bad\xffword\n")
    d = run_json(capsys, "stats", "-i", str(f))
    assert d["encoding"] == "utf-8" and d["dropped_lines"] == [3] and "line 3" in d["warnings"][0]
    code, out, err = run(capsys, "stats", "-i", str(f))
    assert code == 0 and err.startswith("warning: 1 line(s)") and "2 words" in out
    code, out, err = run(capsys, "sample", "-i", str(f), "--json")  # every command says it, JSON or not
    assert code == 0 and "line 3" in err and json.loads(out)["samples"]


def test_a_huge_seed_is_one_line(capsys):
    assert main(["sample", "--seed", "99999999999999999999999"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not a seed between 0 and" in err


def piped(command: str) -> subprocess.CompletedProcess:
    """`python -m makemore` and `command` (its arguments, a pipe and what reads it) in a real shell pipeline."""
    return subprocess.run(
        f"{sys.executable} -m makemore {command}", shell=True, check=False, capture_output=True, text=True, timeout=120
    )


def test_piping_into_head_ends_quietly():
    p = piped("sample --num 20000 | head -1")
    assert p.stdout.strip() == "mor." and "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr


# --- any order ---------------------------------------------------------------------------------------------


def test_stats_of_any_order_with_windows_and_dev(capsys, tmp_path, names):
    from makemore import CountsModel, Vocab

    d = run_json(capsys, "stats", "--order", "3")
    assert (d["order"], d["windows"], d["examples"]) == (3, "word", 231718)
    assert d["contexts"] == CountsModel.from_words(names, Vocab.from_words(names), order=3).table.contexts_seen
    s = run_json(capsys, "stats", "--order", "3", "--windows", "stream")
    assert s["examples"] == 231718 - 2 and "dev_nll" not in s
    train, dev = tmp_path / "train.txt", tmp_path / "dev.txt"
    train.write_text("emma\nava\nmia\n")
    dev.write_text("ava\nzoe\n")  # z and o only in dev: the vocabulary spans every file given
    d = run_json(capsys, "stats", "-i", str(train), "--dev", str(dev), "--smoothing", "1")
    v = Vocab.from_words(["emma", "ava", "mia", "ava", "zoe"])
    m = CountsModel.from_words(["emma", "ava", "mia"], v, k=1)
    assert d["vocab_size"] == v.size and d["dev_nll"] == m.evaluate(["ava", "zoe"]).mean_nll
    assert d["dev_examples"] == 8  # .ava. and .zoe.: four predictions each


def test_score_of_order_3_is_not_called_bigrams(capsys):
    d = run_json(capsys, "score", "emma", "--order", "3")
    assert [g["ngram"] for g in d["words"][0]["ngrams"]] == ["..e", ".em", "emm", "mma", "ma."]


def test_grid_json_and_text(capsys, tmp_path, names):
    files = {}
    for part, words in (("train", names[2::10]), ("dev", names[::40]), ("test", names[1::40])):
        files[part] = tmp_path / f"{part}.txt"
        files[part].write_text("\n".join(words) + "\n")
    argv = ["grid", "-i", str(files["train"]), "--dev", str(files["dev"]), "--test", str(files["test"])]
    d = run_json(capsys, *argv, "--orders", "2", "3", "--smoothing", "0.1", "1", "--windows", "stream")
    assert [(r["order"], r["smoothing"]) for r in d["rows"]] == [(2, 0.1), (2, 1.0), (3, 0.1), (3, 1.0)]
    best = min(d["rows"], key=lambda r: r["dev_nll"])
    assert d["best"] == {"order": best["order"], "smoothing": best["smoothing"]} and d["test_nll"] > 0
    code, out, _ = run(capsys, *argv)  # ngram.py's grid by default: orders 3-5, k 0.03-1
    assert code == 0 and out.count("order ") == 12 + 1 and "best: order" in out and "perplexity" in out


def test_sample_xorshift_any_order_is_deterministic(capsys):
    argv = ["sample", "--order", "4", "--windows", "stream", "--sampler", "xorshift", "--seed", "1337", "--num", "6"]
    a, b = run_json(capsys, *argv), run_json(capsys, *argv)
    assert a["samples"] == b["samples"] and len(a["samples"]) == 6
    n = run_json(
        capsys, "sample", "--order", "3", "--model", "neural", "--net", "concat", "--steps", "20", "--num", "2"
    )
    assert len(n["samples"]) == 2


def test_an_empty_dev_file_is_one_line(capsys, tmp_path):
    empty = tmp_path / "dev.txt"
    empty.write_text("\n\n")
    code, out, err = run(capsys, "stats", "--dev", str(empty))
    assert code == 2 and out == "" and err.count("\n") == 1 and "--dev" in err


# --- bounded reads, stdin, output that cannot be written, words as they are drawn -------------------------


def python_m_makemore(*argv, **options):
    return subprocess.run(
        [sys.executable, "-m", "makemore", *argv], check=False, capture_output=True, timeout=120, **options
    )


def one_error_line(code, out, err, status=2):
    assert code == status and out == "", err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err


def test_dev_zero_is_one_line_in_bounded_memory():
    """The real 200 MB cap, in a real process held to 2 GB of address space: an unbounded read would die of it.
    That a read stops at the cap is counted in bytes, not timed: test_words.py's endless-stream test."""
    capped = (
        "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30)); "
        "sys.argv = ['makemore', 'stats', '-i', '/dev/zero']; runpy.run_module('makemore', run_name='__main__')"
    )
    p = subprocess.run([sys.executable, "-c", capped], check=False, capture_output=True, text=True, timeout=120)
    one_error_line(p.returncode, p.stdout, p.stderr)
    assert "/dev/zero" in p.stderr


def test_a_device_is_read_with_the_cap(capsys, small_cap):
    code, out, err = run(capsys, "stats", "-i", "/dev/zero")
    one_error_line(code, out, err)
    assert "over the 1,000 bytes limit" in err


def test_a_pipe_of_text_over_the_cap_is_one_line(capsys, small_cap, tmp_path):
    import threading

    fifo = tmp_path / "names.fifo"
    os.mkfifo(fifo)

    def writer():  # 10,000 bytes of good text, ten times the cap
        try:
            with open(fifo, "wb", buffering=0) as f:
                f.writelines(b"emma\nolivia\nava\n" * 30 for _ in range(20))
        except BrokenPipeError:  # the reader stopped at the cap
            pass

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    code, out, err = run(capsys, "stats", "-i", str(fifo))
    t.join(10)
    one_error_line(code, out, err)
    assert "names.fifo is over the 1,000 bytes limit" in err


def test_stdin_dash_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"emma\nava\nmia\n")))
    d = run_json(capsys, "stats", "-i", "-")
    assert (d["words"], d["unique_words"], d["bigrams"]) == (3, 3, 13)


def test_stdin_over_the_cap_is_one_line(capsys, monkeypatch, small_cap):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"emma\nolivia\n" * 200)))
    code, out, err = run(capsys, "stats", "-i", "-")
    one_error_line(code, out, err)
    assert "stdin is over the 1,000 bytes limit" in err


def test_stdin_in_a_real_pipe():
    p = python_m_makemore("stats", "-i", "-", "--json", input=b"emma\nava\nmia\n")
    assert p.returncode == 0 and json.loads(p.stdout)["words"] == 3


def test_stdin_can_be_named_once(capsys):
    code, out, err = run(capsys, "stats", "-i", "-", "--dev", "-")
    one_error_line(code, out, err)
    assert "-i and --dev" in err


def test_a_whitespace_only_file_is_not_called_empty(capsys, tmp_path):
    f = tmp_path / "blank.txt"
    f.write_bytes(b"  \n\t\n\n")
    code, out, err = run(capsys, "stats", "-i", str(f))
    one_error_line(code, out, err)
    assert "only whitespace" in err and "is empty" not in err


class Unwritable(io.StringIO):
    """A stdout that fails like /dev/full (or a closed pipe) when written to."""

    def __init__(self, error):
        super().__init__()
        self.error = error

    def write(self, text):
        raise self.error


@pytest.mark.parametrize("argv", [["sample", "--num", "5"], ["sample", "--num", "5", "--json"], ["stats"]])
def test_a_full_disk_is_one_line_and_status_1(capsys, monkeypatch, argv):
    monkeypatch.setattr(sys, "stdout", Unwritable(OSError(errno.ENOSPC, "No space left on device")))
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1 and err == "error: cannot write the output: No space left on device\n"


def test_a_reader_that_leaves_is_quiet(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", Unwritable(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert main(["sample", "--num", "5"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["sample", "--num", "5"], ["stats", "--json"]])
def test_dev_full_in_a_real_process(argv):
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "makemore", *argv], stdout=full, stderr=subprocess.PIPE, timeout=120, check=False
        )
    err = p.stderr.decode()
    assert p.returncode == 1 and "Traceback" not in err and "Exception ignored" not in err
    assert err == "error: cannot write the output: No space left on device\n"


def test_json_into_head_ends_quietly():
    p = piped("sample --num 4000 --json | head -c 10")
    assert p.stdout == '{"samples"' and p.stderr == ""


def test_sample_prints_each_word_as_it_is_drawn(capsys, monkeypatch):
    """Each word is written and flushed before the next is drawn: a reader sees words at once, not at the end."""
    from makemore.sampling import Sampler

    events = []
    finish = Sampler.finish
    monkeypatch.setattr(Sampler, "finish", lambda self: events.append("draw") or finish(self))

    class Recorder(io.StringIO):
        def write(self, text):
            events.append("write")
            return super().write(text)

        def flush(self):
            events.append("flush")

    want = run_json(capsys, "sample", "--num", "3", "--seed", "3")["samples"]
    events.clear()
    recorder = Recorder()
    monkeypatch.setattr(sys, "stdout", recorder)
    assert main(["sample", "--num", "3", "--seed", "3"]) == 0
    assert events == ["draw", "write", "flush"] * 3
    assert recorder.getvalue() == "".join(f"{w}.\n" for w in want)  # the same words as the JSON


def test_sample_words_arrive_before_the_last_is_drawn():
    """A real process asked for ten million words: the first arrives long before they could all be drawn."""
    import select

    p = subprocess.Popen(
        [sys.executable, "-m", "makemore", "sample", "--num", "10000000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        ready, _, _ = select.select([p.stdout], [], [], 60)
        first = p.stdout.readline() if ready else b""
    finally:
        p.kill()
        p.communicate()
    assert first == b"mor.\n"  # the lecture's first sample: the default stream is the dashboard's


# --- the registry of models -----------------------------------------------------------------------------------


def test_models_json_is_the_registry(capsys):
    from makemore.models import registry

    code, out, err = run(capsys, "models", "--json")
    assert code == 0 and err == "" and out.count("\n") == 1
    d = json.loads(out)
    assert [m["name"] for m in d] == ["counts", "full", "concat", "mlp"] == list(registry.names())
    assert all(set(m) == {"name", "description", "config"} for m in d)
    assert d[0]["config"] == {"order": 2, "windows": "word", "k": 0.0}
    assert d[1]["config"] == {"order": 2, "windows": "word"} == d[2]["config"]
    assert d[1]["description"] == registry.get("full").description
    assert d[3]["config"] == {"order": 4, "windows": "word", "emb": 10, "hidden": 200}


def test_models_text_reads_no_word_list(capsys):
    code, out, err = run(capsys, "models")
    assert code == 0 and err == ""
    assert [line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")] == [
        "counts",
        "full",
        "concat",
        "mlp",
    ]
    assert "config: order=2, windows='word', k=0.0" in out


def test_net_choices_come_from_the_registry(capsys):
    for net in ("full", "concat"):
        d = run_json(capsys, "train", "--order", "3", "--net", net, "--steps", "3", "--lr", "5")
        assert d["net"] == net and len(d["losses"]) == 3 and d["order"] == 3
    code, out, err = run(capsys, "train", "--net", "counts")  # in the registry, but not trained
    assert code == 2 and out == "" and err.count("\n") == 1 and "invalid choice" in err
    code, _, err = run(capsys, "train", "--net", "rnn")
    assert code == 2 and err.count("\n") == 1


def test_the_command_line_starts_where_the_dashboard_does(capsys):
    """One set of defaults: k = 1 and the lecture's stream everywhere, so the first samples are the lecture's."""
    from makemore.__main__ import main

    assert main(["sample", "-n", "3"]) == 0
    assert capsys.readouterr().out.split() == ["mor.", "axx.", "minaymoryles."]
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert main(["stats", "--smoothing", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == stats


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["sample", "-n", "x"], "expected a whole number, not 'x'"),
        (["stats", "--smoothing", "abc"], "expected a number, not 'abc'"),
        (["stats", "--order", "٣"], "expected a whole number"),
    ],
)
def test_bad_numbers_are_said_in_words(capsys, args, said):
    from makemore.__main__ import main

    assert main(args) == 2
    err = capsys.readouterr().err
    assert said in err and "_" not in err.split(":")[1]  # no internal function names


def test_every_flag_has_help():
    from makemore.__main__ import _parser

    for action in _parser()._subparsers._group_actions[0].choices.values():
        for a in action._actions:
            assert a.help, (action.prog, a.dest)


def test_text_that_is_not_a_word_list_is_said_not_refused(tmp_path, capsys):
    from makemore.__main__ import main

    prose = tmp_path / "prose.txt"
    prose.write_text("the cat sat on the mat\nand then it slept\nhello\n")
    assert main(["stats", "-i", str(prose)]) == 0
    out = capsys.readouterr()
    assert "does not look like a word list" in out.err and "3 words" in out.out
