"""Files are decoded honestly: UTF-8 stays UTF-8 when a few bytes are bad (those lines dropped and named), UTF-16
without a BOM is recognised, tables go through a real CSV reader, and every change is said as a warning."""

from __future__ import annotations

import pytest
from cases import HONEST_CASES

from makemore.words import WordListError, load_words


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
    import io

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
