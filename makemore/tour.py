"""The lecture tour: each step of the bigram lecture, its code in the lecture's names and what it computes on any
word list. No Streamlit: `app_pages/1_Tour.py` shows one step per screen, a notebook can call the same functions.

Mirrors the lecture from `words = open('names.txt')...` to sampling the trained net, in its order (see `STEPS`).
Every function takes the bigram counts model of all the words (`Corpus.full`) or its vocabulary, and returns a
small frozen dataclass of plain numbers and strings.

    >>> from makemore import Corpus
    >>> c = Corpus.build(["emma", "ava"])
    >>> words_summary(c.words.words).first
    ('emma', 'ava')
    >>> a = first_attempt(c.full)
    >>> a.size, a.end_row_total, a.start_col_total, a.wasted
    (6, 0, 0, 11)
    >>> [round(x.prob, 4) for x in emma_walkthrough(c.vocab).examples]
    [0.1184, 0.1263, 0.2556, 0.1446, 0.2131]
    >>> both_models(c.full).counts_words
    ('evm', '', 'vv', 'emmevevmveev', 'emaemaav')
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .config import LECTURE_SEED, TrainConfig
from .models import MLP, NLL, CountsModel, FullNet, WordScore, init_W
from .sampling import Sampler
from .tour_steps import STEPS
from .train import Trainer
from .views.slices import require_bigram
from .windows import lecture_examples, make_examples
from .words import split_words

LECTURE_WORD = "andrejq"  # the lecture's word with a never-seen bigram ("jq")
EMMA = "emma"  # the lecture's first name, walked through bigram by bigram
NET_STEPS = 267  # gradient steps after which the lecture's net printed its last loss and sampled its names
MLP_STEPS, MLP_SCHEDULE = 30_000, ((20_000, 0.01),)  # what comes next: a few seconds of part 2's MLP
_TRAIN = TrainConfig()  # the lecture's lr 50 and λ 0.01


def code(
    step: int, V: int = 27, boundary: str = ".", examples: int = 5, first: str = "words[:1]", word: str = LECTURE_WORD
) -> str:
    """Step `step`'s (1-based) code, with this list's sizes: V tokens, `examples` rows in the walkthrough,
    `first` the words whose examples are built (the lecture's `words[:1]` is `emma`), `word` the word scored.

    >>> code(4).splitlines()[0]
    'p = N[0].float()'
    >>> "torch.zeros((41, 41)" in code(2, V=40)
    True
    """
    return STEPS[step - 1].code.substitute(
        V=V, V1=V + 1, S=V - 1, E=V, B=_quoted(boundary), n=examples, first=first, word=_quoted(word)
    )


def _quoted(text: str) -> str:
    """`text` as it goes between single quotes in Python source."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


# --- 1. the words -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordsSummary:
    count: int
    min_len: int
    max_len: int
    shortest: str  # the first word of the shortest length
    longest: str  # the first word of the longest length
    first: tuple[str, ...]


def words_summary(words: Sequence[str], first: int = 10) -> WordsSummary:
    """What the lecture looks at first: how many words, the shortest and longest, the first few.

    >>> s = words_summary(["emma", "ava", "isabella"])
    >>> s.count, s.min_len, s.shortest, s.max_len, s.longest
    (3, 3, 'ava', 8, 'isabella')
    """
    shortest = min(words, key=len)  # the first of the shortest: min keeps the first among equals
    longest = max(words, key=len)
    return WordsSummary(len(words), len(shortest), len(longest), shortest, longest, tuple(words[:first]))


# --- 2. <S> and <E>: the 28×28 first attempt --------------------------------------------------------------


@dataclass(frozen=True)
class FirstAttempt:
    tokens: tuple[str, ...]  # the characters, then '<S>', '<E>': the lecture's first stoi
    N: torch.Tensor  # (V+1, V+1) int64: the lecture's first N
    top: tuple[tuple[str, str, int], ...]  # the most frequent bigrams of the dict: (ch1, ch2, count)
    end_row_total: int  # counts in the <E> row: nothing ever follows the end
    start_col_total: int  # counts in the <S> column: nothing ever precedes the start
    start_end: int  # N[<S>, <E>]: empty words (none)
    wasted: int  # cells of that row and column together: always zero

    @property
    def size(self) -> int:
        return len(self.tokens)


def first_attempt(model: CountsModel, top: int = 10) -> FirstAttempt:
    """The lecture's first counting, with separate start and end tokens, and the cells it wastes.

    The dict of `('<S>', 'e')`, `('e', 'm')`, ..., `('a', '<E>')` counts holds exactly what the bigram N counts
    with one boundary token: a pair starting at '.' is a pair starting at '<S>', one ending at '.' ends at '<E>'.
    So the (V+1)×(V+1) matrix is N with its boundary split in two (row 0 becomes '<S>', column 0 becomes '<E>').
    The '<E>' row and '<S>' column stay empty: 2·(V+1)−1 cells that can never count anything.

    >>> from makemore import Vocab
    >>> a = first_attempt(CountsModel.from_words(["ab"], Vocab.from_words(["ab"])))
    >>> a.tokens, a.N.tolist(), a.top
    (('a', 'b', '<S>', '<E>'), [[0, 1, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0]], (('a', 'b', 1), ('b', '<E>', 1), ('<S>', 'a', 1)))
    """
    require_bigram(model, "lecture tour")
    N27, V = model.N, model.V
    C = V - 1  # characters; '<S>' is index C, '<E>' index C + 1, as the lecture's 26 and 27
    N = torch.zeros((V + 1, V + 1), dtype=torch.int64)
    N[:C, :C] = N27[1:, 1:]
    N[C, :C] = N27[0, 1:]  # '.x' was '<S>x'
    N[:C, C + 1] = N27[1:, 0]  # 'x.' was 'x<E>'
    N[C, C + 1] = N27[0, 0]  # an empty word: never
    tokens = (*model.vocab.chars, "<S>", "<E>")
    counts, cells = torch.sort(N.flatten(), descending=True, stable=True)  # ties in row-major order
    best = tuple(
        (tokens[i // (V + 1)], tokens[i % (V + 1)], c)
        for c, i in zip(counts[:top].tolist(), cells[:top].tolist(), strict=True)
        if c > 0
    )
    return FirstAttempt(
        tokens=tokens,
        N=N,
        top=best,
        end_row_total=int(N[C + 1].sum()),
        start_col_total=int(N[:, C].sum()),
        start_end=int(N[C, C + 1]),
        wasted=2 * (V + 1) - 1,
    )


# --- 3. the picture ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Borders:
    """What the first row and the first column of N say: how words start and end."""

    top_start: tuple[str, int]  # the most frequent first character and how many words start with it
    top_end: tuple[str, int]  # the most frequent last character
    top_bigram: tuple[str, int]  # the most frequent bigram overall (boundary included)
    empty_cells: int  # cells of N never seen
    cells: int


def borders(model: CountsModel) -> Borders:
    """The heatmap's first row (which character starts a word), first column (which ends one) and its zeros.

    >>> from makemore import Vocab
    >>> b = borders(CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"])))
    >>> b.top_start, b.top_end, b.empty_cells, b.cells
    (('a', 1), ('a', 2), 17, 25)
    """
    require_bigram(model, "lecture tour")
    N, itos = model.N, model.vocab.itos
    s = int(N[0].argmax())  # argmax returns the first of equal maxima
    e = int(N[:, 0].argmax())
    b = int(N.flatten().argmax())
    V = model.V
    return Borders(
        top_start=(itos[s], int(N[0, s])),
        top_end=(itos[e], int(N[e, 0])),
        top_bigram=(itos[b // V] + itos[b % V], int(N.flatten()[b])),
        empty_cells=int((N == 0).sum()),
        cells=V * V,
    )


# --- 4. the first draw ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FirstDraw:
    labels: tuple[str, ...]  # itos
    probs: torch.Tensor  # (V,) float32: row 0 of N, normalised as the lecture does
    lecture_ix: int  # what the lecture's torch (before 2.0) drew from p with the seed
    lecture_u: float  # the uniform that draw used
    torch_ix: int  # what today's torch.multinomial draws with the same seed
    seed: int

    @property
    def p(self) -> tuple[float, ...]:
        return tuple(self.probs.tolist())

    @property
    def lecture_char(self) -> str:
        return self.labels[self.lecture_ix]

    @property
    def torch_char(self) -> str:
        return self.labels[self.torch_ix]


def first_draw(model: CountsModel, seed: int = LECTURE_SEED) -> FirstDraw:
    """`p = N[0].float(); p = p / p.sum()` and one `torch.multinomial` draw from it, in both random streams.

    >>> from makemore import Vocab
    >>> d = first_draw(CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"])))
    >>> d.p, d.lecture_char
    ((0.0, 0.5, 0.5, 0.0, 0.0), 'e')
    """
    require_bigram(model, "lecture tour")
    p = model.N[0].float()
    p = p / p.sum()
    at0 = model.with_k(0)  # row 0 of P at k = 0 is exactly this p
    lecture = Sampler(at0, seed=seed, stream="lecture").step()
    today = Sampler(at0, seed=seed, stream="torch").step()
    return FirstDraw(tuple(model.vocab.itos), p, lecture.ix, float(lecture.u), today.ix, seed)


# --- 5. broadcasting --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Broadcast:
    labels: tuple[str, ...]
    wrong_row_sums: tuple[float, ...]  # rows of P / P.sum(1): what should be 1 and is not
    right_row_sums: tuple[float, ...]  # rows of P / P.sum(1, keepdim=True)
    wrong_col_sums: tuple[float, ...]  # columns of the wrong P
    rows_ok: tuple[str, ...]  # rows of the wrong P that sum to 1 within `tol` anyway
    cols_ok: int  # columns of the wrong P that sum to 1 within `tol`
    sums_match: bool  # every row total of P equals its column total
    tol: float


def broadcasting(model: CountsModel, k: float = 1, tol: float = 1e-6) -> Broadcast:
    """`P / P.sum(1)` against `P / P.sum(1, keepdim=True)` on P = (N+k).float().

    Without keepdim the (V,) sums broadcast as a row: element [i, j] is divided by row j's total. For bigram
    counts row j's total is also column j's total (each occurrence of a character is followed by one token and
    preceded by one; the boundary starts and ends every word once), so the wrong P is P normalised by columns:
    every column sums to 1, and a row only by coincidence.

    >>> from makemore import Vocab
    >>> b = broadcasting(CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"])))
    >>> b.rows_ok, b.cols_ok, b.sums_match
    ((), 5, True)
    """
    require_bigram(model, "lecture tour")
    P = (model.N + k).float()
    wrong = P / P.sum(1)
    right = P / P.sum(1, keepdim=True)
    w_rows, w_cols = wrong.sum(1), wrong.sum(0)
    itos = model.vocab.itos
    return Broadcast(
        labels=tuple(itos),
        wrong_row_sums=tuple(w_rows.tolist()),
        right_row_sums=tuple(right.sum(1).tolist()),
        wrong_col_sums=tuple(w_cols.tolist()),
        rows_ok=tuple(itos[i] for i in ((w_rows - 1).abs() <= tol).nonzero().flatten().tolist()),
        cols_ok=int(((w_cols - 1).abs() <= tol).sum()),
        sums_match=bool(torch.equal(model.N.sum(1), model.N.sum(0))),
        tol=tol,
    )


# --- 6. likelihood ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Likelihood:
    scores: tuple[WordScore, ...]  # the first words, bigram by bigram, at k = 0
    raw: NLL  # every bigram of every word, k = 0: the lecture's P from N
    smoothed: NLL  # k = 1: the lecture's (N+1)


def likelihood(model: CountsModel, words: Sequence[str], first: int = 3) -> Likelihood:
    """Each bigram's probability and log for the first words, then the log-likelihood, NLL and mean NLL of them
    all (exact float64 sums; the lecture's float32 loop drifts in the 5th digit).

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> r = likelihood(m, ["emma", "ava"])
    >>> [(b.bigram, round(b.prob, 4)) for b in r.scores[1].predictions]
    [('.a', 0.5), ('av', 0.3333), ('va', 1.0), ('a.', 0.6667)]
    >>> round(r.raw.mean_nll, 4), r.raw.examples
    (0.5202, 9)
    """
    return Likelihood(
        scores=tuple(model.score(w, k=0) for w in words[:first]),
        raw=model.evaluate(k=0),
        smoothed=model.evaluate(k=1),
    )


# --- 7. smoothing -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Smoothing:
    word: str
    source: str  # "lecture": the lecture's andrejq; "made": one of the words plus a letter; "none": no zero
    at0: WordScore
    at1: WordScore
    lecture_word: str | None  # why not andrejq: "spelled" (a letter is missing) or "seen" (all its bigrams occur)


def smoothing_example(model: CountsModel, words: Sequence[str], search: int = 1000) -> Smoothing:
    """A word with probability 0 at k = 0 (infinite NLL) and a finite NLL at k = 1.

    The lecture's `andrejq` when this list cannot make "jq" (or any other of its bigrams); otherwise the first
    of the list's first `search` words that, with one more character, ends in a bigram the list never has. A
    word of the list itself never will: all its bigrams were counted. If every bigram occurs ("none"), the
    first word is shown, finite at both k.

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> s = smoothing_example(m, ["emma", "ava"])
    >>> s.word, s.source, s.lecture_word, s.at0.nll, round(s.at1.mean_nll, 4), s.at0.unseen
    ('emmaa', 'made', 'spelled', inf, 1.3195, ['aa'])
    """
    require_bigram(model, "lecture tour")
    if model.vocab.unknown(LECTURE_WORD):
        why = "spelled"
    elif math.isinf(model.score(LECTURE_WORD, k=0).nll):
        why = None
    else:
        why = "seen"
    word, source = (LECTURE_WORD, "lecture") if why is None else _made_word(model, words[:search])
    return Smoothing(word, source, model.score(word, k=0), model.score(word, k=1), why)


def _made_word(model: CountsModel, words: Sequence[str]) -> tuple[str, str]:
    N, stoi, itos = model.N, model.vocab.stoi, model.vocab.itos
    # after a word ending in x, a character c makes an unseen bigram if xc never occurs, or if c never ends a word
    never_ends = (N[:, 0] == 0)[None, :]  # (1, V): as a row, so column c says whether c ever ends a word
    bad = (N == 0) | never_ends  # (V, V): row x, column c
    bad[:, 0] = False  # adding the boundary is not adding a character
    for w in words:
        cs = bad[stoi[w[-1]]].nonzero()
        if cs.numel():
            return w + itos[int(cs[0])], "made"
    return words[0], "none"


# --- 8-9. one-hot inputs and the net's first guesses ------------------------------------------------------


@dataclass(frozen=True)
class OneHot:
    word: str
    lecture_word: bool  # False when this list lacks a character of "emma" and its first word is used
    labels: tuple[str, ...]  # itos
    xs: tuple[int, ...]
    ys: tuple[int, ...]
    xenc: tuple[tuple[int, ...], ...]  # (len(word)+1, V) zeros and a one per row

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(self.labels[i] for i in self.xs)


def walk_word(vocab, words: Sequence[str] = ()) -> tuple[str, bool]:
    """The word the lecture walks through: "emma", or the list's first word if a letter of it is missing.

    >>> from makemore import Vocab
    >>> walk_word(Vocab.from_words(["emma"])), walk_word(Vocab.from_words(["bob"]), ["bob"])
    (('emma', True), ('bob', False))
    """
    if not vocab.unknown(EMMA):
        return EMMA, True
    return words[0], False


def one_hot(vocab, words: Sequence[str] = ()) -> OneHot:
    """`xs` of the walk word (the boundary, then all but its last character) and `xenc = F.one_hot(xs)`.

    >>> from makemore import Vocab
    >>> h = one_hot(Vocab.from_words(["emma", "ava"]))
    >>> h.inputs, h.xenc[1]
    (('.', 'e', 'm', 'm', 'a'), (0, 0, 1, 0, 0))
    """
    word, lecture = walk_word(vocab, words)
    xs, ys = lecture_examples([word], vocab)
    xenc = F.one_hot(xs, num_classes=vocab.size)  # (len+1, V): one 1 per row, in the input's column
    return OneHot(word, lecture, tuple(vocab.itos), tuple(xs.tolist()), tuple(ys.tolist()), _rows(xenc))


def _rows(t: torch.Tensor) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(r) for r in t.tolist())


@dataclass(frozen=True)
class Guess:
    """One example of the walkthrough: the input, the label, and how the untrained net rates the label."""

    input: str
    label: str
    x: int
    y: int
    prob: float  # probs[i, y]: the probability the net gives the right answer
    nll: float  # -log of it


@dataclass(frozen=True)
class Walkthrough:
    word: str
    lecture_word: bool
    examples: tuple[Guess, ...]
    loss: float  # the mean NLL of the examples, in float32 as the lecture computes it
    uniform: float  # ln V: the loss of a net that guesses evenly


def emma_walkthrough(vocab, words: Sequence[str] = (), seed: int = LECTURE_SEED) -> Walkthrough:
    """The lecture's forward pass on the bigrams of `.emma.` with its seeded random W, example by example.

    With the lecture's 27 tokens the loss is 3.7693049907684326, the value it prints.

    >>> from makemore import Vocab
    >>> w = emma_walkthrough(Vocab.from_words(["abcdefghijklmnopqrstuvwxyz"]))
    >>> w.loss, [round(g.nll, 4) for g in w.examples]
    (3.7693049907684326, [4.3993, 4.0146, 3.6234, 2.6081, 4.2012])
    """
    word, lecture = walk_word(vocab, words)
    xs, ys = lecture_examples([word], vocab)
    V, num = vocab.size, xs.numel()
    W = init_W(V, V, seed)  # (V, V): torch.randn((V, V), generator=g)
    xenc = F.one_hot(xs, num_classes=V).float()  # (num, V)
    logits = xenc @ W  # (num, V) log-counts
    counts = logits.exp()  # (num, V) counts
    probs = counts / counts.sum(1, keepdim=True)  # (num, V) next-character distributions
    picked = probs[torch.arange(num), ys]  # (num,) the probability of each right answer
    loss = -picked.log().mean()
    itos = vocab.itos
    examples = tuple(
        Guess(itos[x], itos[y], x, y, float(p), -math.log(float(p)))
        for x, y, p in zip(xs.tolist(), ys.tolist(), picked, strict=True)
    )
    return Walkthrough(word, lecture, examples, float(loss), math.log(V))


# --- 10. one gradient step --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradientStep:
    loss_before: float  # data NLL + λ·mean(W²) at the seeded W: the lecture's first printed loss
    loss_after: float  # the same after `W.data += -lr * W.grad`: its second
    nll_before: float  # the data part alone
    lr: float
    lam: float
    biggest_rise: tuple[str, float]  # the bigram whose weight the step raised most, and by how much
    biggest_fall: tuple[str, float]  # and lowered most


def gradient_step(
    model: CountsModel, lr: float = _TRAIN.lr, lam: float = _TRAIN.lam, seed: int = LECTURE_SEED
) -> GradientStep:
    """One full-batch step of gradient descent on W, from the counts (the same loss as the lecture's one-hot
    forward pass over every bigram, to float32 rounding; see `makemore.train`).

    >>> from makemore import Vocab
    >>> s = gradient_step(CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"])))
    >>> round(s.loss_before, 4), round(s.loss_after, 4), s.biggest_rise[0]
    (1.8943, 0.9363, 'a.')
    """
    require_bigram(model, "lecture tour")
    t = Trainer(FullNet(model), lr=lr, lam=lam, seed=seed, mode="counts")  # the lecture's net: W of V×V
    before = t.model.W.clone()
    loss, nll, _ = t.loss_and_grad()
    t.step(1)
    after, _, _ = t.loss_and_grad()  # the loss at the updated W (no second update)
    delta = (t.model.W - before).flatten()
    itos, V = model.vocab.itos, model.V
    up, down = int(delta.argmax()), int(delta.argmin())
    return GradientStep(
        loss_before=float(loss),
        loss_after=float(after),
        nll_before=float(nll),
        lr=lr,
        lam=lam,
        biggest_rise=(itos[up // V] + itos[up % V], float(delta[up])),
        biggest_fall=(itos[down // V] + itos[down % V], float(delta[down])),
    )


# --- 11. both models sample the same words ----------------------------------------------------------------


@dataclass(frozen=True)
class BothModels:
    counts_words: tuple[str, ...]  # the counts model at k = 1 (the lecture's N+1)
    net_words: tuple[str, ...]  # the net after `steps` steps
    counts_ended: tuple[bool, ...]  # False: the word was cut at the sampler's length limit before it ended
    net_ended: tuple[bool, ...]
    steps: int
    net_loss: float  # the net's last loss (data NLL + λ term)
    counts_nll: float  # the counts model's mean NLL at k = 1
    seed: int
    stream: str

    @property
    def same(self) -> int:
        """How many of the words are identical."""
        return sum(a == b for a, b in zip(self.counts_words, self.net_words, strict=True))


def both_models(
    model: CountsModel,
    steps: int = NET_STEPS,
    num: int = 5,
    seed: int = LECTURE_SEED,
    stream: str = "lecture",
    lr: float = _TRAIN.lr,
    lam: float = _TRAIN.lam,
) -> BothModels:
    """`num` words from the counts model with k = 1 and from the net trained `steps` steps (counts mode, lr,
    λ), each drawn with a fresh generator seeded `seed`, so the two see the same random numbers.

    The lecture's N gives `mor axx minaymoryles kondlaisah anchshizarie` and, from its net,
    `mor axx minaymoryles kondlaisah anchthizarie`.
    """
    require_bigram(model, "lecture tour")
    smoothed = model.with_k(1)
    counts = Sampler(smoothed, seed=seed, stream=stream).sample(num)
    t = Trainer(FullNet(model), lr=lr, lam=lam, seed=seed, mode="counts")
    t.step(steps)
    net = Sampler(t.model, seed=seed, stream=stream).sample(num)
    last = t.history.loss[-1] if t.history.loss else math.nan
    return BothModels(
        counts_words=tuple(s.word for s in counts),
        net_words=tuple(s.word for s in net),
        counts_ended=tuple(s.ended for s in counts),
        net_ended=tuple(s.ended for s in net),
        steps=t.steps,
        net_loss=last,
        counts_nll=smoothed.evaluate().mean_nll,
        seed=seed,
        stream=stream,
    )


# --- 12. what comes next: makemore part 2's MLP ------------------------------------------------------------------


@dataclass(frozen=True)
class WhatNext:
    """Step 12: makemore part 2's MLP trained a few seconds beside the bigram counts model, on held-out words."""

    steps: int
    seconds: float
    params: int
    mlp_train: float
    mlp_dev: float
    bigram_train: float  # the bigram counts model (k = 1) of the training words
    bigram_dev: float
    split: tuple[int, int, int]  # train, dev, test words


def what_next(words: Sequence[str], vocab, steps: int = MLP_STEPS, seed: int = LECTURE_SEED) -> WhatNext:
    """The lecture's 80/10/10 split of `words`, the MLP (block_size 3, d = 10, 200 hidden units, batches of 32,
    lr 0.1 then 0.01 from step 20,000) trained `steps` steps on the training words, and its dev NLL beside the
    bigram's (k = 1). A list too small to hold out dev words is a ValueError."""
    s = split_words(words)
    if not s.train or not s.dev:
        raise ValueError("the list is too small to hold out dev words")
    counts = CountsModel.from_words(s.train, vocab, order=4)
    start = time.perf_counter()
    t = Trainer(
        MLP(counts),
        examples=make_examples(s.train, vocab, 4),
        dev=make_examples(s.dev, vocab, 4),
        lr=0.1,
        seed=seed,
        schedule=MLP_SCHEDULE,
    )
    t.step(steps)
    train, dev = t.evaluate()
    seconds = time.perf_counter() - start
    bigram = CountsModel.from_words(s.train, vocab, order=2)
    return WhatNext(
        steps=t.steps,
        seconds=seconds,
        params=t.model.num_parameters(),
        mlp_train=train,
        mlp_dev=dev,
        bigram_train=bigram.evaluate(k=1).mean_nll,
        bigram_dev=bigram.evaluate(make_examples(s.dev, vocab, 2), k=1).mean_nll,
        split=(len(s.train), len(s.dev), len(s.test)),
    )
