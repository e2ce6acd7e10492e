"""The files people upload by mistake or on purpose (issue 5), shared by the AppTest and browser suites.

Each case: (id, file name, bytes, expected), expected being ("words", n) when the file must load with n words, or
("error", text) when it must be refused with a message containing text while the previous list stays.
"""

from __future__ import annotations

UPLOAD_CASES = [
    ("empty", "empty.txt", b"", ("error", "empty")),
    ("blank-lines", "blank.txt", b"\n  \n\t\n\n", ("error", "empty")),
    ("png", "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), ("error", "PNG")),
    ("zip", "names.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(64), ("error", "zip")),
    ("utf16-bom", "utf16.txt", "émile\nzoë\nanaïs\n".encode("utf-16"), ("words", 3)),
    ("latin1", "latin1.txt", "josé\nrené\nzoë\nbob\n".encode("latin-1"), ("words", 4)),
    ("crlf-mixed", "mixed.txt", b"anna\r\nbob\rcarl\ndave\r\n", ("words", 4)),
    ("utf8-bom", "bom.txt", b"\xef\xbb\xbfanna\nbob\n", ("words", 2)),
    ("5mb-line", "long.txt", b"anna\n" + b"x" * (5 * 2**20) + b"\n", ("error", "Line 2")),
    ("punctuation", "places.txt", b"new york\nr2-d2\no'neil\n42nd st\n", ("words", 4)),
    ("dots", "dots.txt", b"st. louis\nmr.\nbob\n", ("words", 3)),
    ("cjk-2000", "cjk.txt", "\n".join(chr(0x4E00 + i) for i in range(2000)).encode(), ("error", "distinct characters")),
    ("emoji-combining", "emoji.txt", "🐍py\ncafe\u0301\nna\u0308ive\n👍🏽ok\n".encode(), ("words", 4)),
    ("csv-header", "names.csv", b"name,count\nemma,20\nolivia,19\nava,17\n", ("words", 3)),
]

# Issue "no quiet failures": files that used to be read wrongly without a word. Each: (id, name, bytes, words
# expected, a sentence the page's warning must contain or None).
JOSE = ("josé\nzoë\nanaïs\némile\n" * 50).encode()
HONEST_CASES = [
    ("one-bad-byte", "accents.txt", JOSE + b"bad\xffword\n", ("josé", "zoë", "anaïs", "émile"), "line 201"),
    ("utf16-no-bom", "utf16le.txt", "emma\nzoë\n".encode("utf-16-le"), ("emma", "zoë"), None),
    ("open-quote", "names.csv", b'name\n"emma\nolivia\nava\n', ("emma", "olivia", "ava"), "line 2: a quote"),
    ("semicolons", "counts.csv", b"name;count\nemma;3\nolivia;2\n", ("emma", "olivia"), None),
    ("cp1252-whole", "win.txt", "josé\nrené\n".encode("cp1252"), ("josé", "rené"), "Windows-1252"),
]
