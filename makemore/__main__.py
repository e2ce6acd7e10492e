"""`python -m makemore`: the engine from the command line.

    python -m makemore stats --smoothing 1
    python -m makemore score andrejq --json
    python -m makemore sample --num 5 --sampler lecture --smoothing 1
    python -m makemore train --steps 100 -i my_words.txt

Every subcommand reads `-i FILE` (default: the built-in names). `--json` prints exactly one JSON object on stdout.
Bad input exits with status 2 and a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from functools import partial

from .counts import CountsModel
from .datasets import default_words
from .neural import LECTURE_SEED, MODES, Trainer
from .sampling import STREAMS, Sampler
from .vocab import Vocab, VocabError
from .words import WordList, WordListError, read_words, word_stats


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + message
        print(f"error: {message} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number")
    return value


MAX_SEED = 2**63 - 1  # torch.Generator.manual_seed takes a signed 64-bit integer


def _seed(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{text} is not a seed between 0 and {MAX_SEED}")
    return value


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-i", "--input", help="word list, one word per line (default: the built-in names)")
    common.add_argument("--lowercase", action="store_true", help="lowercase every word")
    common.add_argument("--dedupe", action="store_true", help="drop repeated words")
    common.add_argument("--json", action="store_true", help="print one JSON object")

    p = _Parser(prog="python -m makemore", description="Bigram language models from the makemore lecture.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("stats", parents=[common], help="size, lengths and the counts model's NLL")
    s.add_argument("--smoothing", type=_finite_float, default=0.0, help="add-k smoothing (default 0)")

    s = sub.add_parser("score", parents=[common], help="score words bigram by bigram under the counts model")
    s.add_argument("word", nargs="+")
    s.add_argument("--smoothing", type=_finite_float, default=0.0)

    s = sub.add_parser("sample", parents=[common], help="generate words")
    s.add_argument("--num", type=int, default=10)
    s.add_argument("--seed", type=_seed, default=LECTURE_SEED)
    s.add_argument("--smoothing", type=_finite_float, default=1.0, help="add-k for the counts model (default 1)")
    s.add_argument("--sampler", choices=STREAMS, default="torch", help="random stream (default torch)")
    s.add_argument("--model", choices=("counts", "neural"), default="counts")
    s.add_argument("--temperature", type=_finite_float, default=1.0)
    s.add_argument("--top-k", type=int, default=None)
    s.add_argument("--greedy", action="store_true")
    s.add_argument("--steps", type=int, default=100, help="training steps for --model neural (default 100)")
    s.add_argument("--lr", type=_finite_float, default=50.0)
    s.add_argument("--lam", type=_finite_float, default=0.01)

    s = sub.add_parser("train", parents=[common], help="train the neural bigram by gradient descent")
    s.add_argument("--steps", type=int, default=100)
    s.add_argument("--lr", type=_finite_float, default=50.0)
    s.add_argument("--lam", type=_finite_float, default=0.01)
    s.add_argument("--seed", type=_seed, default=LECTURE_SEED)
    s.add_argument("--mode", choices=MODES, default="counts")
    return p


def _word_list(args) -> WordList:
    options = {"lowercase": args.lowercase, "dedupe": args.dedupe}
    return read_words(args.input, **options) if args.input else default_words(**options)


def _positive(name: str, value: int) -> None:
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {value}")


# --- subcommands: each returns (json object, readable text) ------------------------------------------------


def cmd_stats(args, words, model, report=None):
    st = word_stats(words)
    r = model.evaluate(k=args.smoothing)
    out = {
        "words": st.words,
        "unique_words": st.unique_words,
        "vocab_size": model.V,
        "bigrams": st.bigrams,
        "min_len": st.min_len,
        "max_len": st.max_len,
        "smoothing": args.smoothing,
        "log_likelihood": r.log_likelihood,
        "nll": r.mean_nll,
        "boundary": model.vocab.boundary,
        "duplicates": st.duplicates,
        "mean_len": st.mean_len,
    }
    if report is not None:  # how the file was read: nothing changed without a word
        out |= {
            "encoding": report.encoding,
            "dropped_lines": list(report.bad_lines),
            "warnings": report.warnings(),
            "notes": report.notes(),
        }
    text = (
        f"{st.words:,} words ({st.unique_words:,} unique), lengths {st.min_len}-{st.max_len}\n"
        f"vocabulary: {model.V} ({''.join(model.vocab.chars)} and the boundary {model.vocab.boundary!r})\n"
        f"{st.bigrams:,} bigrams; with add-{args.smoothing:g} smoothing:\n"
        f"log_likelihood={r.log_likelihood:.4f}\nnll={r.nll:.4f}\nmean nll={r.mean_nll:.4f}"
    )
    return out, text


def cmd_score(args, words, model):
    scored = [model.score(w, k=args.smoothing) for w in args.word]
    out = {
        "smoothing": args.smoothing,
        "words": [
            {
                "word": s.word,
                "bigrams": [
                    {"bigram": b.bigram, "count": b.count, "prob": b.prob, "logprob": b.logprob} for b in s.bigrams
                ],
                "log_likelihood": s.log_likelihood,
                "nll": s.nll,
                "mean_nll": s.mean_nll,
            }
            for s in scored
        ],
    }
    lines = []
    for s in scored:
        lines += [f"{b.bigram}: count {b.count:>6}  prob {b.prob:.4f}  logprob {b.logprob:.4f}" for b in s.bigrams]
        lines.append(f"{s.word}: log_likelihood={s.log_likelihood:.4f} nll={s.nll:.4f} mean={s.mean_nll:.4f}")
        if s.unseen and math.isinf(s.nll):
            lines.append(f"  infinite: {', '.join(s.unseen)} never occurs in the data; try --smoothing 1")
    return out, "\n".join(lines)


def cmd_sample(args, words, model):
    _positive("--num", args.num)
    if args.model == "neural":
        _positive("--steps", args.steps)
        t = Trainer(model.N, lr=args.lr, lam=args.lam, seed=args.seed)
        t.step(args.steps)
        if t.diverged:
            raise ValueError(t.diverged)
        next_probs = t.next_probs
    else:
        next_probs = partial(model.next_probs, k=args.smoothing)
    s = Sampler(
        next_probs,
        model.vocab,
        seed=args.seed,
        stream=args.sampler,
        temperature=args.temperature,
        top_k=args.top_k,
        greedy=args.greedy,
        training_words=set(words),
    )
    samples = s.sample(args.num)
    out = {
        "samples": [x.word for x in samples],
        "logprobs": [x.logprob for x in samples],
        "in_training": [x.in_training for x in samples],
    }
    return out, "\n".join(x.word + model.vocab.boundary for x in samples)


def cmd_train(args, words, model):
    _positive("--steps", args.steps)
    xs = ys = None
    if args.mode != "counts":
        xs, ys = model.vocab.examples(words)
    t = Trainer(model.N, xs=xs, ys=ys, lr=args.lr, lam=args.lam, seed=args.seed, mode=args.mode)
    start = time.perf_counter()
    t.step(args.steps)
    elapsed = time.perf_counter() - start
    floor = model.evaluate(k=0).mean_nll
    out = {
        "losses": t.history.loss,
        "nll": t.history.nll,
        "steps": t.steps,
        "mode": args.mode,
        "lr": args.lr,
        "lam": args.lam,
        "seed": args.seed,
        "counts_nll": floor,
        "diverged": t.diverged,
        "ms_per_step": 1000 * elapsed / max(t.steps, 1),
    }
    lines = [f"step {i + 1}: loss {loss:.4f}" for i, loss in enumerate(t.history.loss)]
    lines.append(f"counts model NLL (the floor at λ=0): {floor:.4f}; {out['ms_per_step']:.3f} ms/step ({args.mode})")
    if t.diverged:
        lines.append(t.diverged)
    return out, "\n".join(lines)


COMMANDS = {"stats": cmd_stats, "score": cmd_score, "sample": cmd_sample, "train": cmd_train}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if getattr(args, "smoothing", 0.0) < 0:
            raise ValueError("--smoothing must be ≥ 0")
        wl = _word_list(args)
        words = wl.words
        model = CountsModel.from_words(words, Vocab.from_words(words))
        extra = {"report": wl.report} if args.command == "stats" else {}
        out, text = COMMANDS[args.command](args, words, model, **extra)
    except (WordListError, VocabError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for warning in wl.report.warnings():  # on stderr, so stdout stays the words, numbers or JSON
        print(f"warning: {warning}", file=sys.stderr)
    try:
        print(json.dumps(out) if args.json else text)
        sys.stdout.flush()
    except BrokenPipeError:  # `python -m makemore sample --num 1000 | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
    return 0


if __name__ == "__main__":
    sys.exit(main())
