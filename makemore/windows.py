"""Examples of any order: every (context, next token) pair a model of order n is trained or scored on.

Two conventions, both exact:

- `word` (makemore's `block_size`): each word gets n−1 boundary tokens before it and one after; every character
  and every word's end is predicted, so the number of predictions is the same for every n (228,146 on the
  lecture's names). n = 2 gives the lecture's bigrams.
- `stream` (ngram.py): the file as one sequence, each word followed by the boundary; windows of n tokens slide
  across word ends with no padding at the start, so the first n−1 tokens are never predicted.

The token sequence is held once; contexts are read from it by position, so no (num, n−1) matrix is built unless a
net asks for one.

    >>> from makemore.vocab import Vocab
    >>> v = Vocab.from_words(["ab", "b"])
    >>> ex = make_examples(["ab", "b"], v, order=3)
    >>> [v.decode(x) + ">" + v.itos[y] for x, y in zip(ex.X.tolist(), ex.Y.tolist())]
    ['..>a', '.a>b', 'ab>.', '..>b', '.b>.']
    >>> ex = make_examples(["ab", "b"], v, order=3, windows="stream")
    >>> [v.decode(x) + ">" + v.itos[y] for x, y in zip(ex.X.tolist(), ex.Y.tolist())]
    ['ab>.', 'b.>b', '.b>.']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import torch

from . import memory
from .config import WINDOWS as _WINDOWS
from .config import check_choice, check_order
from .errors import OrderError
from .vocab import Vocab, VocabError

MAX_CODE = 2**62  # contexts are numbered as base-V integers; V^(n−1) must stay below this


def check_fits(order: int, V: int) -> None:
    """Raise OrderError if contexts of order n over V tokens cannot be numbered in 64 bits.

    >>> check_fits(10, 27)
    >>> check_fits(10, 200)
    Traceback (most recent call last):
    ...
    makemore.errors.OrderError: order 10 over 200 tokens has 200^9 possible contexts, more than 64-bit codes can number; choose order 9 or lower
    """
    check_order(order)
    if V ** (order - 1) >= MAX_CODE:
        best = max(n for n in range(1, order) if V ** (n - 1) < MAX_CODE)
        raise OrderError(
            f"order {order} over {V} tokens has {V}^{order - 1} possible contexts, more than 64-bit codes can "
            f"number; choose order {best} or lower"
        )


@dataclass(frozen=True)
class Groups:
    """The examples grouped by context: what every likelihood needs.

    `codes[c]` is the c-th distinct context (base-V code, ascending) and `contexts[c]` its tokens; the examples
    fall into cells (row `rows[i]` of those contexts, next token `ys[i]`), each seen `counts[i]` times.
    """

    codes: torch.Tensor  # (C,) int64
    contexts: torch.Tensor  # (C, n−1) int64
    rows: torch.Tensor  # (cells,) int64 index into codes
    ys: torch.Tensor  # (cells,) int64
    counts: torch.Tensor  # (cells,) int64


@dataclass(frozen=True)
class Examples:
    """The predictions of order `order` in a token sequence: targets at `targets`, contexts the n−1 tokens before.

    `seq` is held compactly (`Vocab.dtype`: one byte per token for ≤ 256 tokens); what is read from it (X, Y,
    codes) is int64. When the targets are one contiguous run of positions, as in every convention but `word`
    windows of order ≥ 3, `targets` is a slice and each context position is a view of `seq`, never a gather.
    """

    seq: torch.Tensor  # (L,) tokens, boundary = 0
    targets: torch.Tensor | slice  # positions of the targets in seq: (num,) int64 ascending, or slice(start, L)
    order: int
    windows: str
    V: int
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def num(self) -> int:
        t = self.targets
        return t.stop - t.start if isinstance(t, slice) else int(t.shape[0])

    def __len__(self) -> int:
        return self.num

    @property
    def pos(self) -> torch.Tensor:
        """(num,) int64 positions of the targets in seq."""
        t = self.targets
        return self._cached("pos", lambda: torch.arange(t.start, t.stop), 8) if isinstance(t, slice) else t

    @property
    def Y(self) -> torch.Tensor:
        """(num,) the token each example predicts."""
        return self._cached("Y", lambda: _int64(self._back(0)), 8)

    @property
    def X(self) -> torch.Tensor:
        """(num, n−1) the context tokens, oldest first. Built on first use: (num × (n−1)) int64."""

        def build():
            if self.order == 1:
                return torch.zeros((self.num, 0), dtype=torch.int64)
            return _int64(np.stack([self._back(b) for b in range(self.order - 1, 0, -1)], axis=1))

        return self._cached("X", build, 8 * (self.order - 1))

    @property
    def codes(self) -> torch.Tensor:
        """(num,) each context as a base-V integer (oldest token most significant): the row of a dense table."""
        return self._cached("codes", lambda: torch.from_numpy(self._number(range(self.order - 1, 0, -1), np.int64)), 8)

    @property
    def cells(self) -> torch.Tensor:
        """(num,) each example as one base-V integer, context then next token (codes × V + Y): its cell in a dense
        table of V^n cells. In the narrowest integer type that numbers V^n cells, since all it is for is counting
        (`torch.bincount`); not kept."""
        cells = self.V**self.order
        dtype = np.int16 if cells <= 2**15 else np.int32 if cells <= 2**31 else np.int64
        return torch.from_numpy(self._number(range(self.order - 1, -1, -1), dtype))

    def groups(self) -> Groups:
        """Distinct contexts and the (context, next) cells with their counts; computed once."""

        def build():
            codes, inverse = torch.unique(self.codes, sorted=True, return_inverse=True)
            cells = inverse * self.V + self.Y
            if codes.numel() * self.V <= 2**25:  # a bincount over every cell is cheapest while it is small
                counts = torch.bincount(cells, minlength=codes.numel() * self.V)
                where = counts.nonzero().squeeze(1)
                counts = counts[where]
            else:
                where, counts = torch.unique(cells, sorted=True, return_counts=True)
            return Groups(codes, decode_codes(codes, self.order, self.V), where // self.V, where % self.V, counts)

        return self._cached("groups", build, 8 * 4)  # at most: the cells, their rows, tokens and counts

    def _back(self, back: int) -> np.ndarray:
        """The token `back` positions before each target (0: the target itself): a view of seq for a slice."""
        seq, t = self.seq.numpy(), self.targets
        if isinstance(t, slice):
            return seq[t.start - back : t.stop - back] if t.stop > t.start else seq[:0]
        return seq[t.numpy() - back]

    def _number(self, backs: range, dtype) -> np.ndarray:
        """The tokens at `backs` (oldest first) read as one base-V number per example, in `dtype`."""
        code = np.zeros(self.num, dtype=dtype)
        for back in backs:  # a loop over context positions, not over examples; in place: no temporaries
            code *= self.V
            code += self._back(back)
        return code

    def _cached(self, name, build, bytes_per_example: int):
        """Build once and keep; the memory it holds (bytes per example × examples, known before it is built) is
        paid from the process's memory budget while it is kept."""
        value = self._cache.get(name)
        if value is None:  # a local, not a re-read: examples are shared between sessions' threads
            paid = memory.reserve(bytes_per_example * self.num, f"{self.num:,} examples of order {self.order}")
            value = self._cache[name] = paid.keep(build())
        return value


def _int64(a: np.ndarray) -> torch.Tensor:
    """A NumPy array of tokens as an int64 tensor (NumPy's widening is several times faster than torch's here)."""
    return torch.from_numpy(a.astype(np.int64))


def decode_codes(codes: torch.Tensor, order: int, V: int) -> torch.Tensor:
    """(C,) base-V codes back to (C, n−1) tokens, oldest first.

    >>> decode_codes(torch.tensor([0, 29]), order=3, V=27).tolist()
    [[0, 0], [1, 2]]
    """
    out = torch.empty((codes.numel(), order - 1), dtype=torch.int64)
    rest = codes.clone()
    for i in range(order - 2, -1, -1):
        out[:, i] = rest % V
        rest = rest // V
    return out


def encode_context(tokens: Sequence[int], order: int, V: int) -> int:
    """The code of the last n−1 tokens (fewer tokens are padded on the left with the boundary, 0).

    >>> encode_context([0, 5, 3], order=2, V=27), encode_context([0, 5, 3], order=3, V=27), encode_context([3], 3, 27)
    (3, 138, 3)
    """
    code = 0
    if order > 1:
        for t in list(tokens)[-(order - 1) :]:
            code = code * V + int(t)
    return code


def context_labels(codes: torch.Tensor, order: int, itos) -> list[str]:
    """Each context code's characters, oldest first ("" for the unigram's empty context).

    >>> context_labels(torch.tensor([0, 5]), order=3, itos=[".", "a", "b"])
    ['..', 'ab']
    """
    if order == 1:
        return [""] * codes.numel()
    return ["".join(itos[t] for t in ctx) for ctx in decode_codes(codes, order, len(itos)).tolist()]


def word_start_codes(order: int, V: int) -> torch.Tensor:
    """The codes of the contexts boundary×(n−2) + c for every token c: the V contexts a word's second prediction
    reads (after its first character), the slice the pages draw of a table with V^(n−1) rows. One code (the empty
    context) for the unigram, every row for the bigram.

    >>> word_start_codes(3, 3).tolist(), word_start_codes(1, 3).tolist()
    ([0, 1, 2], [0])
    """
    if order == 1:
        return torch.zeros(1, dtype=torch.int64)
    return torch.tensor([encode_context([0] * (order - 2) + [c], order, V) for c in range(V)], dtype=torch.int64)


def ngram_name(order: int) -> str:
    """What a (context, next) pair of order n is called.

    >>> [ngram_name(n) for n in (1, 2, 3, 4)]
    ['unigram', 'bigram', 'trigram', '4-gram']
    """
    return {1: "unigram", 2: "bigram", 3: "trigram"}.get(order, f"{order}-gram")


def token_sequence(
    words: Sequence[str], vocab: Vocab, pad: int, lead: int = 0, lines: bytes | None = None
) -> torch.Tensor:
    """`lead` boundaries, then every word with `pad` boundaries before it and one after, as one tensor in
    `vocab.dtype` (validated by `vocab`). `lines`, if given, is the same words as ASCII, each ended by "\\n":
    with no padding the boundaries are those newlines, and the words need not be joined again."""
    boundaries = lead + len(words) * (pad + 1) if words else 0
    if lines is not None and pad == 0 and words:
        ix = vocab.encode_lines(b"\n" * lead + lines, words, boundaries)
        if ix is not None:
            return torch.from_numpy(ix)
    b = vocab.boundary
    text = b * lead + b * pad + (b + b * pad).join(words) + b if words else ""
    return torch.from_numpy(vocab.encode_text(text, words, boundaries=boundaries))


def make_examples(
    words: Sequence[str], vocab: Vocab, order: int = 2, windows: str = "word", lines: bytes | None = None
) -> Examples:
    """Every prediction a model of order `order` makes on `words`, in the `windows` convention.

    `lines` (optional) is the words as ASCII bytes, each ended by "\\n", as `WordList.tally.lines` holds them: it
    spares joining a long list again."""
    check_order(order)
    check_choice("windows", windows, _WINDOWS)
    check_fits(order, vocab.size)
    if windows == "word" and order > 2:
        if "" in words:  # one C-level scan; an empty word would read as padding
            raise _empty_word()
        seq = token_sequence(words, vocab, pad=order - 1)
        return _paid(Examples(seq=seq, targets=_word_targets(seq), order=order, windows=windows, V=vocab.size))
    # One boundary between words. Word windows of order ≤ 2 are the stream behind order − 1 boundaries: a word's
    # end boundary is also the context of the next word's first character. Every position from n − 1 on is a target.
    lead = order - 1 if windows == "word" else 0
    try:
        seq = token_sequence(words, vocab, pad=0, lead=lead, lines=lines)
    except VocabError:
        if "" in words:  # the empty word is named first, as it always has been
            raise _empty_word() from None
        raise
    tokens = seq.numpy()
    is_boundary = tokens == 0
    # An empty word leaves two boundaries side by side (or, without a lead, a boundary first): nothing else can.
    if tokens.size and ((not lead and is_boundary[0]) or (is_boundary[1:] & is_boundary[:-1]).any()):
        raise _empty_word()
    start = min(order - 1, tokens.size)
    return _paid(Examples(seq=seq, targets=slice(start, tokens.size), order=order, windows=windows, V=vocab.size))


def lecture_examples(words: Sequence[str], vocab: Vocab, context: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """The lecture's training examples `xs` (the context) and `ys` (the next character), as int64 tensors.

    For context=1 these are the bigrams: `.emma.` gives (.,e) (e,m) (m,m) (m,a) (a,.). For context=c, xs is
    (num, c), the `word` windows of `make_examples` for order c+1 (E01's trigram for c=2).

    >>> from makemore.vocab import Vocab
    >>> xs, ys = lecture_examples(["emma"], Vocab.from_words(["emma", "ava"]))
    >>> xs.tolist(), ys.tolist()
    ([0, 2, 3, 3, 1], [2, 3, 3, 1, 0])
    """
    if "" in words:
        raise _empty_word()
    ex = make_examples(words, vocab, order=context + 1)
    xs = ex.X[:, 0] if context == 1 else ex.X  # (num,) for the bigram, else (num, context)
    return xs.contiguous(), ex.Y.contiguous()


def _paid(ex: Examples) -> Examples:
    """The examples, their token sequence (and target positions) paid from the memory budget while they live."""
    held = memory.tensor_bytes(ex.seq, ex.targets if isinstance(ex.targets, torch.Tensor) else None)
    return memory.charge(ex, held, f"{ex.num:,} examples of order {ex.order}")


def _word_targets(seq: torch.Tensor) -> torch.Tensor:
    """Positions of `word` windows' targets: every token but the padding. A boundary is padding when it follows a
    boundary (or opens the sequence), since words are never empty and never contain the boundary."""
    tokens = seq.numpy()
    keep = tokens != 0
    keep[1:] |= tokens[:-1] != 0
    return torch.from_numpy(np.flatnonzero(keep))


def _empty_word() -> VocabError:
    return VocabError("a word list cannot contain the empty word")
