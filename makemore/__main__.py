"""`python -m makemore`: the engine from the command line.

    python -m makemore stats --smoothing 1
    python -m makemore score andrejq --json
    python -m makemore sample --num 5 --sampler lecture --smoothing 1
    python -m makemore train --steps 100 -i my_words.txt
    python -m makemore stats --order 3 --dev dev.txt
    python -m makemore grid -i train.txt --dev val.txt --test test.txt --windows stream --json
    python -m makemore models --json
    python -m makemore fetch lecture                  # once: makemore's own names.txt into the user's cache
    python -m makemore stats --data lecture --json    # then the lecture's numbers

Every subcommand but `models` and `fetch` reads `-i FILE` (default: `--data`, the built-in names; `-i -` reads
standard input), at
most 200 MB of it whatever FILE is (a device or an endless pipe included). `--json` prints exactly one JSON object
on stdout (`models --json`: one JSON list, the registry of models); `sample` without it prints each word as soon
as it is drawn.

Exit status: 0 when done (also when the reader of the output leaves early, as `| head` does); 2 for bad input,
with a one-line message on stderr; 1 when the output cannot be written (a full disk, /dev/full), again one line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Iterable, Iterator

from .config import (
    DEFAULT_K,
    DEFAULT_STREAM,
    MAX_ORDER,
    MAX_SEED,
    MIN_ORDER,
    MODES,
    STREAMS,
    WINDOWS,
    GridConfig,
    ModelConfig,
    SampleConfig,
    TrainConfig,
)
from .corpus import Corpus
from .datasets import FIRST_YEAR, LAST_YEAR, default_words, us_names_words
from .fetch import LECTURE, FetchError, cached_words, fetch
from .grid import fit_mlp, grid_search
from .models import registry
from .models.mlp import MLP, MLPConfig, parse_schedule, schedule_text
from .sampling import Sampler
from .train import Trainer
from .two_lists import compare
from .vocab import Vocab, VocabError
from .windows import OrderError
from .words import STDIN, WordList, WordListError, read_words, shape_warning

MODEL, TRAIN, SAMPLE, GRID = ModelConfig(), TrainConfig(), SampleConfig(), GridConfig()
MLP_SHAPE = MLPConfig()
NET_HELP = f"(default {registry.DEFAULT_NET}; `python -m makemore models` describes each)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + message
        print(f"error: {message} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def _finite_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text[:40]!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number")
    return value


def _whole(text: str) -> int:
    """A whole number ≥ 0 (argparse says "invalid whole number value" otherwise)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 20:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text[:40]!r}")
    return int(text)


def _order(text: str) -> int:
    value = _whole(text)
    if not MIN_ORDER <= value <= MAX_ORDER:
        raise argparse.ArgumentTypeError(f"order {text} is not between {MIN_ORDER} and {MAX_ORDER}")
    return value


def _smoothing(text: str) -> float:
    value = _finite_float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"smoothing {text} is negative; k must be ≥ 0")
    return value


def _seed(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 30:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text[:40]!r}")
    value = int(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{text} is not a seed between 0 and {MAX_SEED}")
    return value


def _schedule(text: str) -> tuple[tuple[int, float], ...]:
    try:
        return parse_schedule(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


LR_HELP = f"learning rate (default {TRAIN.lr:g}; for --net mlp {MLP.default_lr:g}, the lecture's)"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-i", "--input", help="word list, one word per line; - for stdin (default: --data)")
    common.add_argument(
        "--data",
        type=_data,
        default="builtin",
        help="a built-in list when no -i is given: builtin (US names 2017), lecture (makemore's names.txt, after "
        "`fetch lecture`), or years:FIRST-LAST (US names of those years, e.g. years:1920-1929); default builtin",
    )
    common.add_argument("--lowercase", action="store_true", help="lowercase every word")
    common.add_argument("--dedupe", action="store_true", help="drop repeated words")
    common.add_argument("--json", action="store_true", help="print one JSON object")
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument(
        "--order", type=_order, help="n: 2 is the bigram (default 2; for --net mlp 4, the lecture's block_size 3)"
    )
    model.add_argument("--windows", choices=WINDOWS, default=MODEL.windows, help="word (makemore) or stream (ngram.py)")
    mlp = argparse.ArgumentParser(add_help=False)  # the MLP's shape and its minibatch training (makemore part 2)
    mlp.add_argument(
        "--emb", type=_whole, default=MLP_SHAPE.emb, help=f"mlp: embedding size d (default {MLP_SHAPE.emb})"
    )
    mlp.add_argument(
        "--hidden", type=_whole, default=MLP_SHAPE.hidden, help=f"mlp: hidden tanh units (default {MLP_SHAPE.hidden})"
    )
    mlp.add_argument("--batch", type=_whole, default=32, help="mlp: minibatch size (default 32)")
    mlp.add_argument(
        "--lr-schedule",
        type=_schedule,
        default=(),
        help="mlp: STEP:LR,... the rate from STEP steps on (the lecture's: --lr 0.1 --lr-schedule 100000:0.01)",
    )
    held_out = argparse.ArgumentParser(add_help=False)
    held_out.add_argument("--dev", help="dev words: their NLL under the model fitted on --input")
    held_out.add_argument("--test", help="test words, scored like --dev")

    p = _Parser(prog="python -m makemore", description="n-gram language models from the makemore lecture.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("stats", parents=[common, model, held_out], help="size, lengths and the counts model's NLL")
    s.add_argument("--smoothing", type=_smoothing, default=DEFAULT_K, help=f"add-k smoothing (default {DEFAULT_K:g})")

    s = sub.add_parser("score", parents=[common, model], help="score words prediction by prediction")
    s.add_argument("word", nargs="+", help="the words to score")
    s.add_argument("--smoothing", type=_smoothing, default=DEFAULT_K, help=f"add-k smoothing (default {DEFAULT_K:g})")

    s = sub.add_parser("sample", parents=[common, model, mlp], help="generate words")
    s.add_argument("-n", "--num", type=_whole, default=10, help="how many words (default 10)")
    s.add_argument("--seed", type=_seed, default=SAMPLE.seed, help=f"the sampler's seed (default {SAMPLE.seed})")
    s.add_argument(
        "--smoothing", type=_smoothing, default=DEFAULT_K, help=f"add-k for the counts model (default {DEFAULT_K:g})"
    )
    s.add_argument(
        "--sampler",
        choices=STREAMS,
        default=DEFAULT_STREAM,
        help=f"random stream: torch (today's multinomial), lecture (the lecture's printed samples), xorshift "
        f"(ngram.py's); default {DEFAULT_STREAM}, as in the dashboard",
    )
    s.add_argument("--model", choices=("counts", "neural"), default="counts", help="sample from (default counts)")
    s.add_argument(
        "--net",
        choices=registry.names(trainable=True),
        default=registry.DEFAULT_NET,
        help=f"for --model neural {NET_HELP}",
    )
    s.add_argument("--temperature", type=_finite_float, default=SAMPLE.temperature, help="p^(1/T) (default 1)")
    s.add_argument("--top-k", type=_whole, default=SAMPLE.top_k, help="keep the k likeliest characters (default: all)")
    s.add_argument("--greedy", action="store_true", help="always the likeliest character")
    s.add_argument("--steps", type=_whole, default=100, help="training steps for --model neural (default 100)")
    s.add_argument("--lr", type=_finite_float, help=LR_HELP)
    s.add_argument("--lam", type=_finite_float, default=TRAIN.lam, help=f"λ of the L2 term (default {TRAIN.lam:g})")

    s = sub.add_parser("train", parents=[common, model, mlp, held_out], help="train a neural net by gradient descent")
    s.add_argument("--steps", type=_whole, default=100, help="gradient steps (default 100)")
    s.add_argument("--lr", type=_finite_float, help=LR_HELP)
    s.add_argument("--lam", type=_finite_float, default=TRAIN.lam, help=f"λ of the L2 term (default {TRAIN.lam:g})")
    s.add_argument("--seed", type=_seed, default=TRAIN.seed, help=f"seed of W's initial randn (default {TRAIN.seed})")
    s.add_argument(
        "--mode", choices=MODES, default=TRAIN.mode, help="how each step computes (same losses; default counts)"
    )
    s.add_argument("--net", choices=registry.names(trainable=True), default=registry.DEFAULT_NET, help=NET_HELP)

    s = sub.add_parser("fetch", help="download the lecture's own names.txt once into the user's cache")
    s.add_argument("what", choices=("lecture",), help="lecture: makemore's names.txt (32,033 names)")
    s.add_argument("--url", help="fetch from here instead (a mirror); the file must still be the lecture's")
    s.add_argument("--json", action="store_true", help="print one JSON object")

    s = sub.add_parser("models", help="the models the CLI and the pages know, with their settings")
    s.add_argument("--json", action="store_true", help="print one JSON list")

    s = sub.add_parser("compare", parents=[common, model], help="two word lists in nats: each model on both lists")
    s.add_argument("--against", required=True, help="the second word list (B); -i is the first (A)")
    s.add_argument(
        "--smoothing", type=_smoothing, default=DEFAULT_K, help=f"add-k for both models (default {DEFAULT_K:g})"
    )
    s.add_argument("--top", type=_whole, default=10, help="transitions listed each way (default 10)")

    s = sub.add_parser("grid", parents=[common], help="grid search over order and smoothing (ngram.py's loop)")
    s.add_argument("--dev", required=True, help="dev words: the grid chooses by their NLL")
    s.add_argument("--test", help="test words: scored once, for the best setting")
    s.add_argument("--orders", type=_order, nargs="+", default=list(GRID.orders), help="orders n (default 3 4 5)")
    s.add_argument(
        "--smoothing", type=_smoothing, nargs="+", default=list(GRID.smoothings), help="k values (default ngram.py's)"
    )
    s.add_argument("--windows", choices=WINDOWS, default=GRID.windows, help="word (default) or stream (ngram.py's)")
    s.add_argument(
        "--mlp-steps",
        type=_whole,
        default=0,
        help="also train makemore part 2's MLP this many steps at each order ≥ 2 (lr 0.1, then 0.01 from half way; "
        "d 10, 200 hidden units, batches of 32) and compare it with the counts models; default 0: no MLP",
    )
    return p


_FILE_OPTIONS = {"-i": "input", "--dev": "dev", "--test": "test", "--against": "against"}  # flag -> args field


def _stdin_once(args) -> None:
    """Standard input can be read only once, so only one of the word-list options may name it."""
    named = [flag for flag, dest in _FILE_OPTIONS.items() if getattr(args, dest, None) == STDIN]
    if len(named) > 1:
        raise ValueError(f"stdin (-) can be read only once, but {' and '.join(named)} name it")


def _data(text: str) -> str:
    """`--data`: builtin, lecture or years:FIRST-LAST, checked as the argument is read."""
    if text in ("builtin", LECTURE.key):
        return text
    first, _, last = text.removeprefix("years:").partition("-")
    if text.startswith("years:") and first.isascii() and first.isdigit() and (not last or last.isdigit()):
        a, b = int(first), int(last or first)
        if FIRST_YEAR <= a <= b <= LAST_YEAR:
            return text
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a built-in list: builtin, lecture, or years:FIRST-LAST within {FIRST_YEAR}-{LAST_YEAR}"
    )


def _word_list(args) -> WordList:
    options = {"lowercase": args.lowercase, "dedupe": args.dedupe}
    if args.input:
        return read_words(args.input, **options)
    if args.data == LECTURE.key:
        wl = cached_words(LECTURE, **options)
        if wl is None:
            raise WordListError("The lecture's names.txt is not here yet: run `makemore fetch lecture` once.")
        return wl
    if args.data.startswith("years:"):
        first, _, last = args.data.removeprefix("years:").partition("-")
        return us_names_words(int(first), int(last or first), **options)
    return default_words(**options)


def cmd_fetch(args) -> tuple[dict, str]:
    """Download and check the lecture's names.txt; one line on what happened."""
    try:
        path = fetch(LECTURE, url=args.url)
    except FetchError as e:
        raise WordListError(str(e)) from None
    out = {"data": LECTURE.key, "path": str(path), "words": LECTURE.words, "sha256": LECTURE.sha256}
    return out, f"{LECTURE.name}: {LECTURE.words:,} words, checked, kept in {path} (use it with --data lecture)"


def _held_out(args, name: str) -> tuple[str, ...] | None:
    """The words of --dev or --test, read like the input; an empty one is an error, not a silent NaN."""
    path = getattr(args, name, None)
    if not path:
        return None
    try:
        return read_words(path, lowercase=args.lowercase, dedupe=args.dedupe).words
    except WordListError as e:
        raise WordListError(f"--{name} {path}: {e}") from None


def _positive(name: str, value: int) -> None:
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {value}")


# --- subcommands: each returns (json object, readable text: one string, or lines as they come) ---------------


def cmd_stats(args, c: Corpus, held: dict, report=None):
    st = c.stats
    model = c.counts(args.order, args.windows).with_k(args.smoothing)
    r = model.evaluate()
    out = {
        "words": st.words,
        "unique_words": st.unique_words,
        "vocab_size": model.V,
        "bigrams": st.bigrams,
        "min_len": st.min_len,
        "max_len": st.max_len,
        "smoothing": args.smoothing,
        "order": args.order,
        "windows": args.windows,
        "examples": r.examples,
        "contexts": model.table.contexts_seen,
        "log_likelihood": r.log_likelihood,
        "nll": r.mean_nll,
        "boundary": model.vocab.boundary,
        "duplicates": st.duplicates,
        "mean_len": st.mean_len,
    }
    held_text = []
    for name, words in held.items():
        h = model.evaluate(words)
        out[f"{name}_nll"] = h.mean_nll
        out[f"{name}_examples"] = h.examples
        held_text.append(f"{name}: {h.examples:,} predictions, mean nll={h.mean_nll:.4f}")
    if report is not None:  # how the file was read: nothing changed without a word
        out |= {
            "encoding": report.encoding,
            "dropped_lines": list(report.bad_lines),
            "warnings": report.warnings(),
            "notes": report.notes(),
        }
    what = "bigrams" if args.order == 2 and args.windows == "word" else f"predictions of order {args.order}"
    text = (
        f"{st.words:,} words ({st.unique_words:,} unique), lengths {st.min_len}-{st.max_len}\n"
        f"vocabulary: {model.V} ({''.join(model.vocab.chars)} and the boundary {model.vocab.boundary!r})\n"
        f"{r.examples:,} {what} ({args.windows} windows), {out['contexts']:,} contexts; "
        f"with add-{args.smoothing:g} smoothing:\n"
        f"log_likelihood={r.log_likelihood:.4f}\nnll={r.nll:.4f}\nmean nll={r.mean_nll:.4f}"
    )
    return out, "\n".join([text, *held_text])


def cmd_score(args, c: Corpus, held: dict):
    model = c.counts(args.order, args.windows)
    scored = [model.score(w, k=args.smoothing) for w in args.word]
    unit = "bigram" if args.order == 2 else "ngram"  # a trigram is not labelled a bigram
    out = {
        "smoothing": args.smoothing,
        "order": args.order,
        "words": [
            {
                "word": s.word,
                f"{unit}s": [
                    {unit: b.ngram, "count": b.count, "prob": b.prob, "logprob": b.logprob} for b in s.predictions
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
        lines += [f"{b.ngram}: count {b.count:>6}  prob {b.prob:.4f}  logprob {b.logprob:.4f}" for b in s.predictions]
        lines.append(f"{s.word}: log_likelihood={s.log_likelihood:.4f} nll={s.nll:.4f} mean={s.mean_nll:.4f}")
        if s.unseen and math.isinf(s.nll):
            lines.append(f"  infinite: {', '.join(s.unseen)} never occurs in the data; try --smoothing 1")
    return out, "\n".join(lines)


def cmd_sample(args, c: Corpus, held: dict):
    _positive("--num", args.num)
    counts = c.counts(args.order, args.windows)
    if args.model == "neural":
        _positive("--steps", args.steps)
        t = _trainer(args, c, counts, dev=None)
        t.step(args.steps)
        if t.diverged:
            raise ValueError(t.diverged)
        model = t.model
    else:
        model = counts.with_k(args.smoothing)
    s = Sampler(
        model,
        seed=args.seed,
        stream=args.sampler,
        temperature=args.temperature,
        top_k=args.top_k,
        greedy=args.greedy,
        training_words=c.train_set,
    )
    if not args.json:  # a word on the screen as soon as it is drawn, not all of them after the last one
        return None, _drawn_words(s, args.num)
    samples = s.sample(args.num)
    out = {
        "samples": [x.word for x in samples],
        "logprobs": [x.logprob for x in samples],
        "in_training": [x.in_training for x in samples],
    }
    return out, ""


def _drawn_words(s: Sampler, num: int) -> Iterator[str]:
    """The next `num` words of the sampler, each drawn only when the one before it has been printed."""
    for _ in range(num):
        yield s.finish().word + s.vocab.boundary


def _trainer(args, c: Corpus, counts, dev) -> Trainer:
    """The trainer of `--net` on the counts (its examples, dev examples, lr, λ, seed; the MLP's shape, batch and
    schedule)."""
    entry = registry.get(args.net)
    if entry.minibatch:
        for name in ("emb", "hidden", "batch"):
            _positive(f"--{name}", getattr(args, name))
        net = entry.build(counts, emb=args.emb, hidden=args.hidden)
        examples = c.examples("train", args.order, args.windows)
        options = {"batch_size": args.batch, "schedule": args.lr_schedule}
    else:
        net = entry.build(counts)
        mode = getattr(args, "mode", TRAIN.mode)
        examples = c.examples("train", args.order, args.windows) if mode != "counts" else None
        options = {"mode": mode}
    return Trainer(net, examples=examples, dev=dev, lr=args.lr, lam=args.lam, seed=args.seed, **options)


def cmd_train(args, c: Corpus, held: dict):
    _positive("--steps", args.steps)
    counts = c.counts(args.order, args.windows)
    dev = held.get("dev")
    dev_ex = counts.examples(dev) if dev else None
    t = _trainer(args, c, counts, dev_ex)
    if t.minibatch:
        return _train_minibatch(args, t)
    start = time.perf_counter()
    t.step(args.steps)
    elapsed = time.perf_counter() - start
    floor = counts.evaluate(k=0).mean_nll
    out = {
        "losses": t.history.loss,
        "nll": t.history.nll,
        "steps": t.steps,
        "mode": args.mode,
        "net": t.net,
        "order": args.order,
        "windows": args.windows,
        "lr": args.lr,
        "lam": args.lam,
        "seed": args.seed,
        "counts_nll": floor,
        "diverged": t.diverged,
        "ms_per_step": 1000 * elapsed / max(t.steps, 1),
    }
    if dev_ex is not None:
        out["dev_nll"] = t.history.dev_nll
    lines = [f"step {i + 1}: loss {loss:.4f}" for i, loss in enumerate(t.history.loss)]
    lines.append(f"counts model NLL (the floor at λ=0): {floor:.4f}; {out['ms_per_step']:.3f} ms/step ({args.mode})")
    if t.diverged:
        lines.append(t.diverged)
    return out, "\n".join(lines)


def _train_minibatch(args, t: Trainer):
    """The MLP's run as the lecture prints it: the minibatch loss every 10,000 steps, then the whole training and
    dev sets' loss (exact, over every example)."""
    start = time.perf_counter()
    t.step(args.steps)
    seconds = time.perf_counter() - start
    train_nll, dev_nll = t.evaluate()
    out = {
        "net": t.net,
        "params": t.model.num_parameters(),
        "steps": t.steps,
        "train_nll": train_nll,
        "dev_nll": dev_nll,
        "seconds": seconds,
        "ms_per_step": 1000 * seconds / max(t.steps, 1),
        "order": args.order,
        "windows": args.windows,
        "emb": t.model.emb,
        "hidden": t.model.hidden,
        "batch": t.batch_size,
        "lr": args.lr,
        "lr_schedule": schedule_text(t.schedule),
        "seed": args.seed,
        "last_loss": t.history.loss[-1] if t.history.loss else None,
        "diverged": t.diverged,
    }
    h = t.history.loss
    every = 10_000 if t.steps > 20_000 else max(1, t.steps // 10)
    lines = [f"{i:7d}/{args.steps:7d}: {h[i]:.4f}" for i in range(0, len(h), every)]
    lines.append(f"{t.model.num_parameters():,} parameters; {out['ms_per_step']:.3f} ms/step")
    lines.append(f"train {train_nll:.4f}" + (f" · dev {dev_nll:.4f}" if dev_nll is not None else ""))
    if t.diverged:
        lines.append(t.diverged)
    return out, "\n".join(lines)


def cmd_grid(args, c: Corpus, held: dict):
    config = GridConfig(orders=tuple(args.orders), smoothings=tuple(args.smoothing), windows=args.windows)
    r = grid_search(c.words.words, held["dev"], held.get("test"), c.vocab, config)
    lines = [
        f"order {row.order} | smoothing {row.smoothing:.2f} | train nll {row.train_nll:.4f} | dev nll {row.dev_nll:.4f}"
        for row in r.rows
    ]
    lines.append(f"best: order {r.best[0]}, smoothing {r.best[1]:g}")
    if r.test_nll is not None:
        lines.append(f"test nll {r.test_nll:.6f}, perplexity {math.exp(r.test_nll):.6f}")
    out = r.to_json()
    if args.mlp_steps:
        best_dev = min(row.dev_nll for row in r.rows)
        out["mlp"] = [
            fit_mlp(c.words.words, held["dev"], c.vocab, n, args.mlp_steps, windows=args.windows)
            for n in config.orders
            if n >= 2
        ]
        for m in out["mlp"]:
            better = "below" if m["dev_nll"] < best_dev else "above"
            lines.append(
                f"order {m['order']} | mlp, {m['steps']:,} steps, {m['params']:,} parameters | train nll "
                f"{m['train_nll']:.4f} | dev nll {m['dev_nll']:.4f} ({better} the best counts model's {best_dev:.4f})"
            )
    return out, "\n".join(lines)


def cmd_compare(args, c: Corpus, held: dict):
    _positive("--top", args.top)
    b = read_words(args.against, lowercase=args.lowercase, dedupe=args.dedupe).words
    r = compare(c.words.words, b, k=args.smoothing, order=args.order, windows=args.windows, top=args.top)
    lines = [
        f"vocabulary (both lists): {r.vocab_size}; order {r.order}, add-{r.k:g}",
        "mean NLL       words A    words B",
        f"model of A   {r.nll['a']['a']:8.4f}   {r.nll['a']['b']:8.4f}",
        f"model of B   {r.nll['b']['a']:8.4f}   {r.nll['b']['b']:8.4f}",
        f"B under A's model costs {r.extra('a', 'b'):+.4f} nats a prediction; A under B's {r.extra('b', 'a'):+.4f}",
    ]
    for m, w in (("a", "b"), ("b", "a")):
        if math.isinf(r.nll[m][w]) and r.unseen[m]:
            lines.append(
                f"  ∞: list {w.upper()} uses {', '.join(r.unseen[m][:5])}, which list {m.upper()} never has; "
                "try --smoothing 1"
            )
    lines += [f"likelier in B: {x.ngram} ({x.log_ratio:+.2f})" for x in r.moved_up[:5]]
    lines += [f"likelier in A: {x.ngram} ({x.log_ratio:+.2f})" for x in r.moved_down[:5]]
    return r.to_json(), "\n".join(lines)


def models_json() -> list[dict]:
    """The registry as `models --json` prints it: each model's name, description and config defaults."""
    return [{"name": e.name, "description": e.description, "config": e.defaults()} for e in registry.models()]


def cmd_models(args) -> tuple[list[dict], str]:
    out = models_json()
    lines = []
    for e in out:
        config = ", ".join(f"{k}={v!r}" for k, v in e["config"].items())
        lines.append(f"{e['name']}: {e['description']}\n  config: {config}")
    return out, "\n".join(lines)


COMMANDS = {
    "compare": cmd_compare,
    "stats": cmd_stats,
    "score": cmd_score,
    "sample": cmd_sample,
    "train": cmd_train,
    "grid": cmd_grid,
}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:  # a bad argument (one line already on stderr) or --help
        return e.code if isinstance(e.code, int) else 2
    if args.command == "models":  # reads no word list
        return _write(_output_lines(args, *cmd_models(args)))
    if args.command == "fetch":
        try:
            return _write(_output_lines(args, *cmd_fetch(args)))
        except WordListError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    _defaults(args)
    try:
        _stdin_once(args)
        wl = _word_list(args)
        held = {name: words for name in ("dev", "test") if (words := _held_out(args, name)) is not None}
        # One vocabulary over every file given, so a dev or test character is never unknown to the model.
        extra = [w for ws in held.values() for w in ws]
        c = Corpus.build(wl, vocab=Vocab.from_words([*wl.words, *extra]) if extra else None)
        extra = {"report": wl.report} if args.command == "stats" else {}
        out, text = COMMANDS[args.command](args, c, held, **extra)
        shape = shape_warning(wl)
        for warning in [*wl.report.warnings(), *([shape] if shape else [])]:  # on stderr: stdout stays the output
            print(f"warning: {warning}", file=sys.stderr)
        # Inside the `try`: `sample` draws its words while they are printed, and a draw may still refuse.
        return _write(_output_lines(args, out, text))
    except (WordListError, VocabError, OrderError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _defaults(args) -> None:
    """The order and learning rate not given: the net's own (the MLP's are the lecture's block_size 3 and 0.1)."""
    net = registry.get(args.net).cls if hasattr(args, "net") and getattr(args, "model", "neural") == "neural" else None
    if getattr(args, "order", 0) is None:
        args.order = net.Config().order if net is not None and hasattr(net, "minibatch") else MODEL.order
    if getattr(args, "lr", 0) is None:
        args.lr = getattr(net, "default_lr", TRAIN.lr)


def _output_lines(args, out, text: str | Iterable[str]) -> Iterable[str]:
    """What a command prints: one JSON object, its text, or its lines as they come."""
    if args.json:
        return [json.dumps(out)]
    return [text] if isinstance(text, str) else text


def _write(lines: Iterable[str]) -> int:
    """Print each line and flush it at once, so a pipe or a terminal sees it as soon as it exists. Returns the
    exit status: 0, also when the reader left early (a broken pipe); 1, with one line on stderr, when stdout cannot
    take the output (a full disk, /dev/full). Only the writing is guarded: an error while making a line is not
    called a failure to write it."""
    for line in lines:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # `python -m makemore sample --num 1000 | head`: the reader has what it wanted
            _stdout_to_devnull()
            return 0
        except OSError as e:
            _stdout_to_devnull()
            print(f"error: cannot write the output: {e.strerror or e}", file=sys.stderr)
            return 1
    return 0


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so that Python's last flush of what is still buffered, as it exits, does not fail
    a second time with a traceback."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file descriptor (a test's capture): no flush at exit
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
