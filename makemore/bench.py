"""Benchmarks, side by side in one process: ratios are the result, since absolute times on shared machines drift.

    python -m makemore.bench            # prints a Markdown table (the README's)
    python -m makemore.bench --quick    # smaller repeats, for a smoke run

(a) counting N: the lecture's per-bigram loop (`N[ix1, ix2] += 1` on a tensor) against `count_matrix`
    (one bincount), on the built-in names and on a list 30× larger;
(b) one training step in each mode (onehot, index, counts) on the names, with the largest loss difference
    between modes over the same steps;
(c) time to a converged neural bigram: counts mode, λ=0, until the mean NLL is within 0.005 of the counts model's;
(d) loading + validating + counting a 1M-word file through `makemore stats` (in process) against the lecture's
    per-bigram loop over the same words;
(f) one training step of makemore part 2's MLP (block_size 3, d = 10, 200 hidden units, batches of 32): the
    lecture's loop as written (`C[X[ix]]`, tanh, `F.cross_entropy`, `loss.backward()`, `p.data += -lr * p.grad`)
    against `makemore.models.mlp`'s hand-derived step, from the same parameters and minibatches;
(e) with `--ngram DIR` (a checkout of EurekaLabsAI/ngram: ngram.py and data/): ngram.py's whole run (its 12-model
    grid, 200 sampled characters, the test loss) as a process, against the same work here, end to end from the
    files; and whether the tables, the best setting, the test loss and the samples agree.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import torch

from .config import NGRAM_SEED, GridConfig
from .datasets import default_words
from .grid import grid_search
from .models import MLP, CountsModel, FullNet, count_matrix
from .sampling import Sampler
from .train import Trainer
from .vocab import Vocab
from .windows import lecture_examples
from .words import read_words


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs, in seconds: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def lecture_count_loop(words: Sequence[str], vocab: Vocab) -> torch.Tensor:
    """Step 2 of the lecture as written: a Python loop over every bigram, one tensor update each."""
    stoi, V = vocab.stoi, vocab.size
    N = torch.zeros((V, V), dtype=torch.int32)
    b = vocab.boundary
    for w in words:
        chs = [b, *w, b]
        for ch1, ch2 in zip(chs, chs[1:], strict=False):  # noqa: RUF007 (the lecture's spelling)
            N[stoi[ch1], stoi[ch2]] += 1
    return N


def bench_counting(words: Sequence[str], vocab: Vocab, repeat: int) -> dict:
    loop_s = best_time(lambda: lecture_count_loop(words, vocab), 1)
    fast_s = best_time(lambda: count_matrix(*lecture_examples(words, vocab), vocab.size), repeat)
    same = torch.equal(
        lecture_count_loop(words[:2000], vocab).long(), count_matrix(*lecture_examples(words[:2000], vocab), vocab.size)
    )
    return {"words": len(words), "loop_s": loop_s, "fast_s": fast_s, "ratio": loop_s / fast_s, "same": same}


def bench_steps(model: CountsModel, words: Sequence[str], steps: int) -> list[dict]:
    ex = model.examples(words)
    rows, losses = [], {}
    for mode in ("onehot", "index", "counts"):
        t = Trainer(FullNet(model), examples=ex, mode=mode)
        t.step(1)  # warm-up: first-call allocations
        t.reset()
        n = steps if mode != "counts" else steps * 200
        t0 = time.perf_counter()
        t.step(n)
        ms = 1000 * (time.perf_counter() - t0) / n
        losses[mode] = t.history.loss[:steps]
        rows.append({"mode": mode, "ms": ms})
    for r in rows:
        r["ratio_vs_onehot"] = rows[0]["ms"] / r["ms"]
        r["max_dloss"] = max(abs(a - b) for a, b in zip(losses["onehot"], losses[r["mode"]], strict=True))
    return rows


def bench_convergence(model: CountsModel, lr: float, tol: float = 0.005, max_steps: int = 20000) -> dict:
    floor = model.evaluate(k=0).mean_nll
    t = Trainer(FullNet(model), lr=lr, lam=0.0)
    t0 = time.perf_counter()
    while t.steps < max_steps:
        t.step(10)
        if t.history.nll[-1] - floor < tol:
            break
    return {"lr": lr, "steps": t.steps, "s": time.perf_counter() - t0, "nll": t.history.nll[-1], "floor": floor}


def bench_loading(words: Sequence[str], repeat: int) -> dict:
    """`python -m makemore stats -i FILE` in this process (reading, decoding, validating, statistics, counting,
    the NLL) against the lecture's loop over the same words already in memory."""
    from .__main__ import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "words.txt"
        path.write_text("".join(w + "\n" for w in words))

        def stats():
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli(["stats", "-i", str(path)]) == 0

        stats_s = best_time(stats, repeat)
        size = path.stat().st_size
    loop_s = best_time(lambda: lecture_count_loop(words, Vocab.from_words(words)), 1)
    return {"words": len(words), "mb": size / 1e6, "stats_s": stats_s, "loop_s": loop_s, "ratio": loop_s / stats_s}


_NGRAM_ROW = re.compile(r"seq_len (\d+) \| smoothing ([\d.]+) \| train_loss ([\d.]+) \| val_loss ([\d.]+)")


def lecture_mlp_loop(net: MLP, X: torch.Tensor, Y: torch.Tensor, ix: torch.Tensor, lr: float) -> float:
    """Makemore part 2's training loop as written, with autograd, on the minibatches `ix` (steps, batch); the
    last loss. The net's parameters are copied first, so the net itself is untouched."""
    params = [p.clone().requires_grad_(True) for p in net.parameters().values()]
    C, W1, b1, W2, b2 = params
    loss = torch.tensor(0.0)
    for i in range(ix.shape[0]):
        emb = C[X[ix[i]]]  # (32, 3, 10)
        h = torch.tanh(emb.view(-1, W1.shape[0]) @ W1 + b1)  # (32, 200)
        logits = h @ W2 + b2  # (32, 27)
        loss = torch.nn.functional.cross_entropy(logits, Y[ix[i]])
        for p in params:
            p.grad = None
        loss.backward()
        for p in params:
            p.data += -lr * p.grad
    return loss.item()


def bench_mlp(words: Sequence[str], vocab: Vocab, steps: int, repeat: int) -> dict:
    """ms per step of the lecture's autograd loop and of the hand-derived step, on the same minibatches."""
    net = MLP(CountsModel.from_words(words, vocab, order=4))
    X, Y = net.batch(net.counts.examples(words))
    ix = torch.randint(0, X.shape[0], (steps, 32), generator=torch.Generator().manual_seed(1))
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    start = {name: p.clone() for name, p in net.parameters().items()}

    def ours() -> float:
        net.set_parameters(start)
        for i in range(steps):
            loss, _ = net.step(X[ix[i].numpy()], Y[ix[i].numpy()], 0.1)
        return loss

    lecture_s = best_time(lambda: lecture_mlp_loop(net, Xt, Yt, ix, 0.1), repeat)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # torch's threads only add overhead to ops this small: the loop at its best
    try:
        lecture_1_s = best_time(lambda: lecture_mlp_loop(net, Xt, Yt, ix, 0.1), repeat)
    finally:
        torch.set_num_threads(threads)
    ours_s = best_time(ours, repeat)
    return {
        "lecture_ms": 1000 * lecture_s / steps,
        "lecture_1_ms": 1000 * lecture_1_s / steps,
        "ratio_1": lecture_1_s / ours_s,
        "ours_ms": 1000 * ours_s / steps,
        "ratio": lecture_s / ours_s,
        "dloss": abs(lecture_mlp_loop(net, Xt, Yt, ix[:1], 0.1) - _first_loss(net, X, Y, ix, start)),
    }


def _first_loss(net: MLP, X, Y, ix: torch.Tensor, start: dict) -> float:
    net.set_parameters(start)
    loss, _ = net.step(X[ix[0].numpy()], Y[ix[0].numpy()], 0.1)
    return loss


def ngram_run_here(data: Path) -> tuple[str, str, float]:
    """What ngram.py does, with this package, from its three files: (its table as it prints it, the 200
    characters it samples, the test loss)."""
    train, val, test = (read_words(data / f"{part}.txt").words for part in ("train", "val", "test"))
    result = grid_search(train, val, test, config=GridConfig(windows="stream"))
    table = "\n".join(
        f"seq_len {r.order} | smoothing {r.smoothing:.2f} | train_loss {r.train_nll:.4f} | val_loss {r.dev_nll:.4f}"
        for r in result.rows
    )
    model = result.best_model  # ngram.py fits it again; the grid has it already
    sampler = Sampler(model, seed=NGRAM_SEED, stream="xorshift", max_len=200)
    for _ in range(200):  # ngram.py draws 200 characters, newlines included, from one running tape
        sampler.step()
    text = "".join(w.word + "\n" for w in sampler.history) + sampler.word_so_far
    return table, text, result.test_nll


def bench_ngram(ngram_dir: Path, repeat: int) -> dict:
    """ngram.py end to end as a process (in a scratch copy: it writes dev/ngram_probs.npy) against the same work
    here, from reading its files to the test loss; and whether the printed results agree."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(ngram_dir / "ngram.py", work / "ngram.py")
        shutil.copytree(ngram_dir / "data", work / "data")
        (work / "dev").mkdir()
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "ngram.py"], cwd=work, capture_output=True, text=True, check=True).stdout
        theirs_s = time.perf_counter() - t0
    ours_s = best_time(lambda: ngram_run_here(ngram_dir / "data"), repeat)
    data = ngram_dir / "data"
    argv = ["-m", "makemore", "grid", "-i", str(data / "train.txt"), "--dev", str(data / "val.txt")]
    argv += ["--test", str(data / "test.txt"), "--windows", "stream"]
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *argv], capture_output=True, check=True)
    cli_s = time.perf_counter() - t0
    table, text, test_nll = ngram_run_here(data)
    readme = (ngram_dir / "README.md").read_text()
    printed = "\n".join(m.group(0) for m in _NGRAM_ROW.finditer(readme))
    rows_here = [m.group(0) for m in _NGRAM_ROW.finditer(out)]
    their_text = out.split("best hyperparameters:", 1)[1].split("\n", 1)[1].rsplit("\ntest_loss", 1)[0]
    return {
        "ngram_s": theirs_s,
        "ours_s": ours_s,
        "cli_s": cli_s,
        "ratio": theirs_s / ours_s,
        "same_as_readme": table == printed,
        "cells_off_here": sum(a != b for a, b in zip(table.split("\n"), rows_here, strict=True)),
        "same_samples": text.rstrip("\n") == their_text.rstrip("\n"),
        "test_nll": test_nll,
        "their_test": float(re.search(r"test_loss ([\d.]+)", out).group(1)),
        "readme_test": float(re.search(r"test_loss ([\d.]+)", readme).group(1)),
        "first_words": text.split("\n")[:5],
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer steps and repeats")
    p.add_argument("--ngram", type=Path, help="a checkout of EurekaLabsAI/ngram, to race and check against")
    p.add_argument("--loading-copies", type=int, default=32, help="copies of the names in the 1M-word file")
    args = p.parse_args(argv)
    repeat, steps = (2, 3) if args.quick else (5, 10)
    words = default_words().words
    vocab = Vocab.from_words(words)
    model = CountsModel.from_words(words, vocab)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {len(words):,} names\n")
    print("| counting N | words | lecture loop | bincount | speed-up | same N |")
    print("|---|---:|---:|---:|---:|:---:|")
    for label, ws in (("names", words), ("names × 30", list(words) * 30)):
        r = bench_counting(ws, vocab, repeat)
        print(
            f"| {label} | {r['words']:,} | {r['loop_s']:.2f} s | {1000 * r['fast_s']:.1f} ms "
            f"| {r['ratio']:,.0f}× | {'yes' if r['same'] else 'NO'} |"
        )
    print("\n| training step (names) | ms / step | speed-up vs onehot | max loss diff vs onehot |")
    print("|---|---:|---:|---:|")
    for r in bench_steps(model, words, steps):
        print(f"| {r['mode']} | {r['ms']:.3f} | {r['ratio_vs_onehot']:,.0f}× | {r['max_dloss']:.1e} |")
    print("\n| converge (counts mode, λ=0) | steps | time | mean NLL | counts model |")
    print("|---|---:|---:|---:|---:|")
    for lr in (50.0, 20.0):
        r = bench_convergence(model, lr)
        print(f"| lr {lr:g} | {r['steps']:,} | {1000 * r['s']:.0f} ms | {r['nll']:.4f} | {r['floor']:.4f} |")
    r = bench_mlp(words, vocab, 200 if args.quick else 2000, repeat)
    print("\n| MLP step (part 2: block 3, d 10, 200 hidden, batch 32) | ms / step | speed-up | first loss diff |")
    print("|---|---:|---:|---:|")
    print(f"| the lecture's loop (autograd), torch's default threads | {r['lecture_ms']:.3f} | 1× | |")
    print(
        f"| the lecture's loop, torch on one thread | {r['lecture_1_ms']:.3f} | {r['lecture_ms'] / r['lecture_1_ms']:.1f}× | |"
    )
    print(f"| hand-derived step, against the one-thread loop | | {r['ratio_1']:.1f}× | |")
    print(f"| hand-derived step (`models/mlp.py`) | {r['ours_ms']:.3f} | {r['ratio']:.1f}× | {r['dloss']:.1e} |")
    copies = 4 if args.quick else args.loading_copies
    r = bench_loading(list(words) * copies, 3 if args.quick else 5)
    print("\n| load + validate + count (`makemore stats`) | words | file | lecture loop | stats | speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| names × {copies} | {r['words']:,} | {r['mb']:.1f} MB | {r['loop_s']:.1f} s | "
        f"{1000 * r['stats_s']:.0f} ms | {r['ratio']:,.0f}× |"
    )
    if args.ngram:
        r = bench_ngram(args.ngram, 3 if args.quick else 7)
        print("\n| ngram.py's run: grid of 12, 200 characters, test loss | time | speed-up |")
        print("|---|---:|---:|")
        print(f"| ngram.py, a process | {r['ngram_s']:.2f} s | 1× |")
        print(f"| makemore, in process, from reading the files | {1000 * r['ours_s']:.0f} ms | {r['ratio']:,.0f}× |")
        print(
            f"| `python -m makemore grid` (a process: start-up and torch import included) | {r['cli_s']:.2f} s "
            f"| {r['ngram_s'] / r['cli_s']:,.1f}× |"
        )
        print(
            f"\nthe table: {'the README’s, every cell' if r['same_as_readme'] else 'NOT the README’s'} "
            f"(ngram.py run here differs from its README in {r['cells_off_here']} of 12 rows: float32 logs); "
            f"test loss {r['test_nll']:.6f} (README {r['readme_test']:.6f}, ngram.py here {r['their_test']:.6f}); "
            f"samples {'the same' if r['same_samples'] else 'NOT the same'}: " + ", ".join(r["first_words"])
        )


if __name__ == "__main__":
    main()
