"""Word lists: every input either loads correctly or raises WordListError with a message naming the problem;
files are decoded honestly (UTF-8 stays UTF-8 when a few bytes are bad, those lines dropped and named; UTF-16
without a BOM is recognised; tables go through a real CSV reader), and every change is said as a warning."""

from __future__ import annotations

import io
import os
import sys
import threading

import pytest
from cases import HONEST_CASES

import makemore.words as words_module
from makemore import WordListError, from_list, load_words, read_words, split_words, word_stats
from makemore.words import MAX_WORD_CHARS, char_counts, read_capped


def test_plain_utf8_keeps_order_and_case():
    wl = load_words(b"Emma\nolivia\nava\n", name="x.txt")
    assert wl.words == ("Emma", "olivia", "ava")
    assert wl.name == "x.txt"
    assert wl.report.encoding == "utf-8"


@pytest.mark.parametrize(
    "data",
    [b"emma\r\nava\r\n", b"emma\rava", b"emma\nava", b"\xef\xbb\xbfemma\nava\n", b"emma\r\nava\n\n\n"],
    ids=["crlf", "cr", "lf", "bom", "mixed"],
)
def test_line_endings_and_bom(data):
    assert load_words(data).words == ("emma", "ava")


def test_utf16_with_bom_is_decoded():
    wl = load_words("émile\nzoë\n".encode("utf-16"))
    assert wl.words == ("émile", "zoë")
    assert wl.report.encoding == "utf-16"


def test_latin1_falls_back_and_says_so():
    wl = load_words("josé\nrené\n".encode("latin-1"))
    assert wl.words == ("josé", "rené")
    assert any("read as Windows-1252" in w for w in wl.report.warnings())  # a warning, not small print


def test_whitespace_and_blank_lines_are_counted():
    wl = load_words(b"  emma \n\n\t\nava\n")
    assert wl.words == ("emma", "ava")
    assert wl.report.blank_lines == 2
    assert wl.report.stripped == 1


def test_inner_spaces_digits_punctuation_are_characters():
    wl = load_words(b"new york\nr2-d2\no'neil\n")
    assert wl.words == ("new york", "r2-d2", "o'neil")


def test_lowercase_and_duplicates_are_reported():
    wl = load_words(b"Emma\nemma\nAva\n", lowercase=True)
    assert wl.words == ("emma", "emma", "ava")
    assert wl.report.lowercased == 2
    assert wl.report.duplicates == 1 and not wl.report.duplicates_dropped
    deduped = load_words(b"Emma\nemma\nAva\n", lowercase=True, dedupe=True)
    assert deduped.words == ("emma", "ava")
    assert deduped.report.duplicates == 1 and deduped.report.duplicates_dropped
    assert deduped.digest != wl.digest


def test_duplicates_counted_even_without_dropping():
    assert load_words(b"a\na\na\nb\n").report.duplicates == 2


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"   \n\n  \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"abc\x00def\x00", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
        (b"x" * (MAX_WORD_CHARS + 1), "Line 1"),
        (b"\xef\xbb\xbf\xff\xfe", "UTF-8"),
    ],
    ids=["empty", "blank-only", "png", "zip", "pdf", "nul", "controls", "long-line", "bad-bom"],
)
def test_bad_inputs_raise_one_error_type_with_a_message(data, needle):
    with pytest.raises(WordListError, match=needle):
        load_words(data)


def test_too_many_distinct_characters():
    text = "\n".join(chr(0x4E00 + i) for i in range(1200))
    with pytest.raises(WordListError, match="distinct characters"):
        load_words(text.encode())


def test_many_characters_within_the_limit_load():
    text = "\n".join(chr(0x4E00 + i) + chr(0x4E00 + i + 1) for i in range(0, 600, 2))
    assert len(load_words(text.encode()).words) == 300


def test_read_words_missing_file(tmp_path):
    with pytest.raises(WordListError, match="Cannot read"):
        read_words(tmp_path / "nope.txt")


def test_read_words_from_path(tmp_path):
    p = tmp_path / "w.txt"
    p.write_text("emma\nava\n")
    assert read_words(p).words == ("emma", "ava")


def test_word_stats():
    st = word_stats(["emma", "ava", "emma", "mia"])
    assert (st.words, st.unique_words, st.duplicates, st.chars) == (4, 3, 1, 5)
    assert st.bigrams == 5 + 4 + 5 + 4
    assert (st.min_len, st.max_len) == (3, 4)
    assert st.mean_len == pytest.approx(3.5)


def test_char_counts():
    assert char_counts(["emma", "ava"]) == {"a": 3, "m": 2, "e": 1, "v": 1}


def test_split_is_seeded_and_complete(names):
    a = split_words(names, seed=42)
    b = split_words(names, seed=42)
    c = split_words(names, seed=7)
    assert a == b and a != c
    assert len(a.train) == int(0.8 * len(names))
    assert len(a.train) + len(a.dev) + len(a.test) == len(names)
    assert sorted(a.train + a.dev + a.test) == sorted(names)


def test_split_rejects_bad_fractions():
    with pytest.raises(WordListError):
        split_words(["a", "b"], fractions=(0.5, 0.6, 0.1))


def test_from_list_validates_like_a_file():
    with pytest.raises(WordListError):
        from_list(["", "  "])


def test_builtin_names(names):
    assert len(names) == 32469
    assert names[:3] == ("emma", "olivia", "ava")
    assert all(w.isalpha() and w.islower() and w.isascii() for w in names)


# --- the files people really upload --------------------------------------------------------------------------


def test_one_five_megabyte_line():
    with pytest.raises(WordListError, match=r"Line 2 is 5,242,880 characters long"):
        load_words(b"emma\n" + b"x" * (5 * 2**20) + b"\n")


def test_over_the_size_limit(monkeypatch):
    import makemore.words as words_module

    monkeypatch.setattr(words_module, "MAX_BYTES", 1000)
    with pytest.raises(WordListError, match="the limit is"):
        load_words(b"emma\n" * 300)


def test_csv_with_a_header_takes_the_first_column():
    wl = load_words(b"name,count\nemma,20\nolivia,19\n", name="names.csv")
    assert wl.words == ("emma", "olivia")
    assert "header 'name'" in wl.report.notes()[0]
    tsv = load_words(b"word\tsex\nemma\tF\nliam\tM\n", name="x.tsv")
    assert tsv.words == ("emma", "liam")
    with pytest.raises(WordListError, match="no rows below its header"):
        load_words(b"name,count\n", name="empty.csv")


def test_commas_inside_some_words_are_not_a_table():
    assert load_words(b"o'neil, jr\nsmith\n").words == ("o'neil, jr", "smith")


def test_emoji_and_combining_characters_are_characters():
    text = "🐍py\ncafe\u0301\nna\u0308ive\n"
    wl = load_words(text.encode())
    assert wl.words[0] == "🐍py" and wl.words[1] == "cafe\u0301"
    assert word_stats(wl.words).chars == len(set("🐍pycafe\u0301na\u0308ive"))


def test_words_containing_the_boundary_dot():
    from makemore import CountsModel, Vocab

    wl = load_words(b"st. louis\nmr.\nbob\n")
    v = Vocab.from_words(wl.words)
    assert v.boundary != "." and "." in v.chars
    m = CountsModel.from_words(wl.words, v)
    assert int(m.N.sum()) == sum(len(w) + 1 for w in wl.words)


def test_two_thousand_cjk_characters_get_a_message():
    text = "\n".join(chr(0x4E00 + i) for i in range(2000))
    with pytest.raises(WordListError, match=r"2,000 distinct characters; the models support at most 1,000"):
        load_words(text.encode())


def test_a_million_words_load_count_and_train_in_bounded_memory(tmp_path):
    """In a fresh process: 1,000,000 words loaded, counted with a split, trained and sampled; peak RSS < 2 GB."""
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "million.py"
    script.write_text(
        "import random, resource\n"
        "from makemore import load_words, CountsModel, FullNet, Trainer, Sampler, Vocab, make_examples, split_words\n"
        "rng = random.Random(0)\n"
        "data = '\\n'.join(''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(rng.randint(2, 12)))"
        " for _ in range(1_000_000)).encode()\n"
        "wl = load_words(data, name='big.txt')\n"
        "v = Vocab.from_words(wl.words)\n"
        "sp = split_words(wl.words)\n"
        "m = CountsModel.from_words(sp.train, v)\n"
        "t = Trainer(FullNet(m), dev=make_examples(sp.dev, v))\n"
        "t.step(100)\n"
        "Sampler(m.with_k(1), training_words=frozenset(sp.train)).sample(10)\n"
        "print(len(wl.words), t.history.loss[-1] < t.history.loss[0],"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert out[0] == "1000000" and out[1] == "True"
    assert int(out[2]) < 2048, f"peak RSS {out[2]} MB"


def test_tables_only_by_name_and_headers_only_when_they_are_headers():
    assert load_words(b"hello, world\ngood, bye\n", name="a.txt").words == ("hello, world", "good, bye")
    assert load_words(b"emma\tolivia\nava\tmia\n", name="x.tsv").words == ("emma", "ava")  # no header to skip
    assert load_words(b"name\nemma\nava\n", name="names.csv").words == ("emma", "ava")  # one column, named
    assert load_words(b"Name,Sex,Count\nEmma,F,20\n", name="n.csv").words == ("Emma",)  # numbers below


def test_windows_1252_and_unusual_line_breaks():
    wl = load_words("\x93quoted\x94\nabc\x85def\nx\x0cy\n".encode("latin-1"))
    assert wl.words == ("“quoted”", "abc…def", "x\x0cy")  # only CR, LF and CRLF end a line
    assert "Windows-1252" in wl.report.warnings()[0]


# --- the fast path for plain ASCII lists: the same WordList as the general path ------------------------------

PLAIN_CASES = {
    "plain": b"emma\nolivia\nava\n",
    "blank-lines": b"\n\nemma\n\nolivia\nava\n\n\n",
    "upper-case": b"Emma\nOLIVIA\nava\nEmma\nemma\nbOb\n",
    "duplicates": b"ava\nemma\nava\nava\nmia\nemma\n",
    "no-final-newline": b"emma\nAva\nava",
    "one-word": b"Emma",
    "one-line": b"emma\n",
    "punctuation": b"r2-d2\no'neil\nst.louis\nx\x7fy\n~^|\n",
    "inner-space": b"new york\nava\n",
    "blanks-upper-duplicates": b"\nA\n\nb\nB\na\n\n",
    "tab": b"emma\t\nava\n",
    "cr": b"emma\r\nava\r\n",
    "spaces": b" emma\nava \n",
    "non-ascii": "zoë\nemma\n".encode(),
    "gif-magic": b"GIF89a\nemma\n",
    "long-line": b"emma\n" + b"x" * (MAX_WORD_CHARS + 1) + b"\n",
    "longest-allowed": b"emma\n" + b"x" * MAX_WORD_CHARS + b"\n",
    "control": b"em\x01ma\nava\n",
}
FAST = {"plain", "blank-lines", "upper-case", "duplicates", "no-final-newline", "one-word", "one-line"}
FAST |= {"punctuation", "blanks-upper-duplicates", "longest-allowed"}


def _general_path(monkeypatch, data, **options):
    import makemore.words as words_module

    with monkeypatch.context() as m:
        m.setattr(words_module, "_load_plain", lambda *args: None)
        return words_module.load_words(data, **options)


def _outcome(load):
    try:
        return load()
    except WordListError as e:
        return str(e)


@pytest.mark.parametrize("lowercase", [False, True])
@pytest.mark.parametrize("dedupe", [False, True])
@pytest.mark.parametrize("case", list(PLAIN_CASES))
def test_the_fast_path_gives_what_the_general_path_gives(monkeypatch, case, lowercase, dedupe):
    from collections import Counter

    data, options = PLAIN_CASES[case], {"name": "x.txt", "lowercase": lowercase, "dedupe": dedupe}
    fast = _outcome(lambda: load_words(data, **options))
    general = _outcome(lambda: _general_path(monkeypatch, data, **options))
    if isinstance(general, str):
        assert fast == general  # the same error, word for word
        return
    assert (fast.words, fast.name, fast.report, fast.digest) == (
        general.words,
        general.name,
        general.report,
        general.digest,
    )
    assert general.tally is None
    if fast.tally is None:  # fell back, or deduplicated (then the lines are not the words)
        assert case not in FAST or (dedupe and fast.report.duplicates)
        return
    assert case in FAST
    words = fast.words
    assert fast.stats() == word_stats(words)
    assert list(fast.char_counts().items()) == list(char_counts(words).items())  # in order of first appearance
    assert list(fast.length_counts().items()) == list(Counter(map(len, words)).items())
    assert fast.tally.lines == ("\n".join(words) + "\n").encode()


def test_the_fast_path_on_a_real_list(names, monkeypatch):
    data = ("\n".join(names) + "\n").upper().encode() * 3
    fast = load_words(data, name="big.txt", lowercase=True)
    general = _general_path(monkeypatch, data, name="big.txt", lowercase=True)
    assert fast.tally is not None and fast == general and fast.report == general.report
    assert fast.stats() == word_stats(general.words)
    assert list(fast.char_counts().items()) == list(char_counts(general.words).items())


def test_tables_never_take_the_fast_path():
    assert load_words(b"name\nemma\nava\n", name="names.csv").tally is None


def test_examples_from_the_kept_lines_are_the_examples_from_the_words(names):
    from makemore import Corpus, Vocab, make_examples

    c = Corpus.build(load_words(("\n".join(names[:3000]) + "\n").encode()))
    assert c.words.tally is not None
    for order, windows in [(1, "word"), (2, "word"), (3, "word"), (2, "stream"), (4, "stream")]:
        ex, plain = c.examples("all", order, windows), make_examples(c.words.words, c.vocab, order, windows)
        assert torch_equal(ex.X, plain.X) and torch_equal(ex.Y, plain.Y) and torch_equal(ex.codes, plain.codes)
    v = Vocab.from_words(["emma", "ava"])  # a line with a character outside the vocabulary is named
    from makemore.vocab import VocabError

    with pytest.raises(VocabError, match="'mia'"):
        make_examples(("emma", "mia"), v, 2, lines=b"emma\nmia\n")


def torch_equal(a, b) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and bool((a == b).all())


# --- reading is capped whatever the path is; whitespace is not "empty" ---------------------------------------


@pytest.mark.parametrize("data", [b" ", b"   \n\n  \n", b"\t\r\n", b"\n"])
def test_a_whitespace_only_file_is_not_called_empty(data):
    with pytest.raises(WordListError, match="only whitespace") as e:
        load_words(data)
    assert "is empty" not in str(e.value) and "no words" in str(e.value)


def test_an_empty_file_is_still_empty():
    with pytest.raises(WordListError, match="The file is empty"):
        load_words(b"")


class EndlessText(io.RawIOBase):
    """A stream of "emma\\n" that never ends, counting what was read from it."""

    def __init__(self):
        self.taken = 0

    def readable(self):
        return True

    def readinto(self, b):
        n = len(b)
        b[:n] = (b"emma\n" * (n // 5 + 1))[:n]
        self.taken += n
        return n


def test_an_endless_stream_is_read_only_up_to_the_cap(small_cap):
    stream = EndlessText()
    with pytest.raises(WordListError, match="over the 1,000 bytes limit"):
        read_capped(stream, "endless")
    assert stream.taken == small_cap + 1


def test_a_stream_within_the_cap_is_read_whole(small_cap):
    assert read_capped(io.BytesIO(b"emma\n" * 200), "x") == b"emma\n" * 200  # exactly the 1,000 bytes


def test_a_device_is_read_with_the_cap(small_cap):
    with pytest.raises(WordListError, match="/dev/zero is over the 1,000 bytes limit"):  # its st_size is 0
        read_words("/dev/zero")


def test_a_big_regular_file_is_refused_before_it_is_read(small_cap, tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_bytes(b"emma\n" * 300)
    monkeypatch.setattr(words_module, "read_capped", lambda *a: pytest.fail("read a file known to be too big"))
    with pytest.raises(WordListError, match=r"big\.txt is 0 MB; the limit is 1,000 bytes"):
        read_words(p)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_that_never_ends_is_cut_at_the_cap(small_cap, tmp_path):
    fifo = tmp_path / "words.fifo"
    os.mkfifo(fifo)
    written = []

    def writer():  # text, not NULs: only the cap can stop the reader
        try:
            with open(fifo, "wb", buffering=0) as f:
                while True:
                    f.write(b"emma\n" * 100)
                    written.append(1)
        except BrokenPipeError:  # the reader stopped: what we want
            pass

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    with pytest.raises(WordListError, match=r"words\.fifo is over the 1,000 bytes limit"):
        read_words(fifo)
    t.join(10)
    assert not t.is_alive() and written


def test_stdin_is_read_with_the_cap(small_cap, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"emma\nava\n")))
    wl = read_words("-")
    assert wl.words == ("emma", "ava") and wl.name == "stdin"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(EndlessText())))
    with pytest.raises(WordListError, match="stdin is over the 1,000 bytes limit"):
        read_words("-")


# --- decoded honestly, every change said ---------------------------------------------------------------------


@pytest.mark.parametrize("case, name, data, words, warning", HONEST_CASES, ids=[c[0] for c in HONEST_CASES])
def test_each_case_reads_the_words_written(case, name, data, words, warning):
    wl = load_words(data, name=name)
    assert tuple(dict.fromkeys(wl.words)) == words
    said = " ".join(wl.report.warnings())
    if warning:
        assert warning in said
    else:
        assert not said
    assert not {"Ã", "©", "«", "¯"} & set("".join(wl.words))  # no mojibake in the vocabulary


def test_bad_bytes_are_counted_and_never_reach_the_words():
    data = "josé\nzoë\nanaïs\n".encode() + b"bo\xffb\ncarl\nd\xfe\xfdave\n"  # UTF-8 explains 3 of 5 oddities
    wl = load_words(data, name="x.txt")
    assert wl.words == ("josé", "zoë", "anaïs", "carl") and wl.report.bad_lines == (4, 6)
    assert wl.report.encoding == "utf-8"
    assert "2 line(s)" in wl.report.warnings()[0]


def test_a_file_with_no_utf8_evidence_is_read_as_windows_1252():
    wl = load_words(b"caf\xe9\nna\xefve\n", name="x.txt")  # no valid UTF-8 multi-byte sequence at all
    assert wl.words == ("café", "naïve") and wl.report.encoding == "cp1252"


def test_utf16_big_endian_without_bom():
    wl = load_words("anna\nbob\n".encode("utf-16-be"), name="x.txt")
    assert wl.words == ("anna", "bob") and "UTF-16-BE" in wl.report.notes()[0]


def test_csv_pipe_and_misplaced_quote():
    wl = load_words(b'a|1\n"b"x|2\nc|3\n', name="p.csv")
    assert wl.words == ("a", 'b"x', "c")  # the malformed line read as it is, its neighbours untouched
    assert any("line 2: a quote is misplaced" in w for w in wl.report.warnings())


def test_a_csv_of_only_commas_says_its_first_column_is_empty():
    with pytest.raises(WordListError, match="first column of the table is empty"):
        load_words(b",,,\n,,\n", name="c.csv")


def test_line_numbers_are_the_files_after_dropped_lines_and_a_header():
    data = b'name\nb\xffo\njos\xc3\xa9\n"emma\nava\n'  # line 2 has a bad byte, line 4 an open quote
    wl = load_words(data, name="n.csv")
    assert wl.report.bad_lines == (2,) and wl.words == ("josé", "emma", "ava")
    assert any("line 4: a quote is never closed" in w for w in wl.report.warnings())
    with pytest.raises(WordListError, match="Line 5 is 1,001 characters"):
        load_words(b"name\nb\xffo\njos\xc3\xa9\nok\n" + b"x" * 1001 + b"\n", name="n.csv")


def test_a_binary_file_that_looks_like_utf16_is_still_refused():
    import numpy as np

    buf = io.BytesIO()
    np.save(buf, (np.arange(20000) % 200).astype(np.int16))  # a zero in every other byte, like UTF-16
    with pytest.raises(WordListError, match="binary"):
        load_words(buf.getvalue(), name="array.npy")


def test_one_bad_byte_in_a_large_file_costs_no_list_of_matches():
    """Counting valid and invalid sequences stops early: a big Cyrillic file with one bad byte stays UTF-8."""
    data = ("привет\n" * 200_000).encode() + b"\xff\n"
    wl = load_words(data, name="ru.txt")
    assert wl.report.encoding == "utf-8" and wl.report.bad_lines == (200_001,) and len(wl) == 200_000
