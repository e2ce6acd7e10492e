"""The lecture tour's steps: each step's title and the lecture's code, in the lecture's names and order.

A table of text, apart from `tour.py` (which computes each step's result), so that what needs only the steps (the
tour's `step` setting, numbered 1 to `len(STEPS)`) does not import the models.

    >>> len(STEPS), STEPS[0].title
    (12, 'The words')
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template


@dataclass(frozen=True)
class Step:
    title: str
    code: Template  # the lecture's code; $V, $V1, $S, $E, $n, $B, $first, $word: this list's sizes, words


def _code(text: str) -> Template:
    return Template(text.strip("\n"))


STEPS: tuple[Step, ...] = (
    Step(
        "The words",
        _code("""
words = open('names.txt', 'r').read().splitlines()
len(words)
min(len(w) for w in words)
max(len(w) for w in words)
words[:10]
"""),
    ),
    Step(
        "Counting pairs in a dict",
        _code("""
b = {}
for w in words:
    chs = ['<S>'] + list(w) + ['<E>']
    for ch1, ch2 in zip(chs, chs[1:]):
        bigram = (ch1, ch2)
        b[bigram] = b.get(bigram, 0) + 1
sorted(b.items(), key=lambda kv: -kv[1])

N = torch.zeros(($V1, $V1), dtype=torch.int32)
chars = sorted(list(set(''.join(words))))
stoi = {s: i for i, s in enumerate(chars)}
stoi['<S>'] = $S
stoi['<E>'] = $E
for w in words:
    chs = ['<S>'] + list(w) + ['<E>']
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
"""),
    ),
    Step(
        "One boundary token: the picture",
        _code("""
stoi = {s: i+1 for i, s in enumerate(chars)}
stoi['$B'] = 0
itos = {i: s for s, i in stoi.items()}
N = torch.zeros(($V, $V), dtype=torch.int32)
for w in words:
    chs = ['$B'] + list(w) + ['$B']
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
plt.imshow(N, cmap='Blues')
"""),
    ),
    Step(
        "Drawing the first letter",
        _code("""
p = N[0].float()
p = p / p.sum()
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(
    p, num_samples=1, replacement=True, generator=g
).item()
itos[ix]
"""),
    ),
    Step(
        "The broadcasting trap",
        _code("""
P = (N+1).float()
P.sum(1).shape                  # ($V,): a sum per row
P.sum(1, keepdim=True).shape    # ($V, 1)
wrong = P / P.sum(1)            # sums laid out as a row!
P = P / P.sum(1, keepdim=True)  # each row by its own sum
wrong.sum(1), P.sum(1)
"""),
    ),
    Step(
        "Likelihood and the loss",
        _code("""
P = N.float()
P /= P.sum(1, keepdim=True)
log_likelihood = 0.0
n = 0
for w in words:
    chs = ['$B'] + list(w) + ['$B']
    for ch1, ch2 in zip(chs, chs[1:]):
        prob = P[stoi[ch1], stoi[ch2]]
        logprob = torch.log(prob)
        log_likelihood += logprob
        n += 1
        # words[:3]: print(f'{ch1}{ch2}: {prob:.4f}')
nll = -log_likelihood
print(f'{log_likelihood=}')
print(f'{nll=}')
print(f'{nll/n}')
"""),
    ),
    Step(
        "Smoothing: N+1",
        _code("""
P = (N+1).float()
P /= P.sum(1, keepdim=True)
log_likelihood = 0.0
n = 0
for w in ['$word']:
    chs = ['$B'] + list(w) + ['$B']
    for ch1, ch2 in zip(chs, chs[1:]):
        prob = P[stoi[ch1], stoi[ch2]]
        log_likelihood += torch.log(prob)
        n += 1
nll = -log_likelihood
"""),
    ),
    Step(
        "One-hot inputs",
        _code("""
xs, ys = [], []
for w in $first:
    chs = ['$B'] + list(w) + ['$B']
    for ch1, ch2 in zip(chs, chs[1:]):
        xs.append(stoi[ch1])
        ys.append(stoi[ch2])
xs = torch.tensor(xs)
ys = torch.tensor(ys)

import torch.nn.functional as F
xenc = F.one_hot(xs, num_classes=$V).float()
plt.imshow(xenc)
"""),
    ),
    Step(
        "The net's first guesses",
        _code("""
g = torch.Generator().manual_seed(2147483647)
W = torch.randn(($V, $V), generator=g)
xenc = F.one_hot(xs, num_classes=$V).float()
logits = xenc @ W  # ($n, $V) log-counts
counts = logits.exp()  # ($n, $V) counts
probs = counts / counts.sum(1, keepdims=True)  # softmax
loss = -probs[torch.arange($n), ys].log().mean()
"""),
    ),
    Step(
        "One gradient step",
        _code("""
g = torch.Generator().manual_seed(2147483647)
W = torch.randn(($V, $V), generator=g,
                requires_grad=True)
# forward pass, over every bigram of every word
xenc = F.one_hot(xs, num_classes=$V).float()
logits = xenc @ W
counts = logits.exp()
probs = counts / counts.sum(1, keepdims=True)
loss = (-probs[torch.arange(num), ys].log().mean()
        + 0.01*(W**2).mean())
# backward pass
W.grad = None
loss.backward()
# update
W.data += -50 * W.grad
"""),
    ),
    Step(
        "Both models, the same names",
        _code("""
g = torch.Generator().manual_seed(2147483647)
for i in range(5):
    out = []
    ix = 0
    while True:
        # the counts model: p = P[ix]; the net:
        xenc = F.one_hot(torch.tensor([ix]),
                         num_classes=$V).float()
        logits = xenc @ W
        counts = logits.exp()
        p = counts / counts.sum(1, keepdims=True)
        ix = torch.multinomial(p, num_samples=1,
                               replacement=True,
                               generator=g).item()
        out.append(itos[ix])
        if ix == 0:
            break
    print(''.join(out))
"""),
    ),
    Step(
        "What comes next: an MLP (makemore part 2)",
        _code("""
block_size = 3  # context length: 3 characters
X, Y = [], []
for w in words:
    context = [0] * block_size
    for ch in w + '$B':
        X.append(context); Y.append(stoi[ch])
        context = context[1:] + [stoi[ch]]
g = torch.Generator().manual_seed(2147483647)
C = torch.randn(($V, 10), generator=g)
W1 = torch.randn((30, 200), generator=g)
b1 = torch.randn(200, generator=g)
W2 = torch.randn((200, $V), generator=g)
b2 = torch.randn($V, generator=g)
for i in range(30000):
    ix = torch.randint(0, Xtr.shape[0], (32,))
    emb = C[Xtr[ix]]  # (32, 3, 10)
    h = torch.tanh(emb.view(-1, 30) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Ytr[ix])
    # backward, then p.data += -lr * p.grad
"""),
    ),
)
