"""Benchmarks, side by side in one process: ratios are the result, since absolute times on shared machines drift.

    python -m makemore.bench            # prints a Markdown table (the README's)
    python -m makemore.bench --quick    # smaller repeats, for a smoke run

(a) counting N: the lecture's per-bigram loop (`N[ix1, ix2] += 1` on a tensor) against `count_matrix`
    (one bincount), on the built-in names and on a list 30× larger;
(b) one training step in each mode (onehot, index, counts) on the names, with the largest loss difference
    between modes over the same steps;
(c) time to a converged neural bigram: counts mode, λ=0, until the mean NLL is within 0.005 of the counts model's.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

import torch

from .counts import CountsModel, count_matrix
from .datasets import default_words
from .neural import Trainer
from .vocab import Vocab


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
    fast_s = best_time(lambda: count_matrix(*vocab.examples(words), vocab.size), repeat)
    same = torch.equal(
        lecture_count_loop(words[:2000], vocab).long(), count_matrix(*vocab.examples(words[:2000]), vocab.size)
    )
    return {"words": len(words), "loop_s": loop_s, "fast_s": fast_s, "ratio": loop_s / fast_s, "same": same}


def bench_steps(model: CountsModel, words: Sequence[str], steps: int) -> list[dict]:
    xs, ys = model.vocab.examples(words)
    rows, losses = [], {}
    for mode in ("onehot", "index", "counts"):
        t = Trainer(model.N, xs=xs, ys=ys, mode=mode)
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
    t = Trainer(model.N, lr=lr, lam=0.0)
    t0 = time.perf_counter()
    while t.steps < max_steps:
        t.step(10)
        if t.history.nll[-1] - floor < tol:
            break
    return {"lr": lr, "steps": t.steps, "s": time.perf_counter() - t0, "nll": t.history.nll[-1], "floor": floor}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer steps and repeats")
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


if __name__ == "__main__":
    main()
