"""Would batching the span model pay? Its windows run one at a time, batched, on CPU.

The shipped span model (``models/spans/model.onnx``) takes one window a call: its
export fixed the batch dimension to 1 and has no attention mask. This script
rebuilds the same weights into graphs that take a batch of padded windows with a
mask, and times them against the shipped one on the windows of N AllSides
articles (Baly et al. 2020), in one process, ONNX Runtime on one thread (a corpus
worker's setting), CPU time:

- the shipped int8 graph, one window a call (what newsaudit runs);
- float32 weights (the int8 weights dequantised, so the same model), one window a
  call and one article's windows a call;
- those float32 graphs quantised again as the shipped one was (int8 weights per
  channel, activations quantised per call), one window a call, one article's
  windows a call, and length-sorted batches of 16 windows across articles.

It also prints how far each differs from the shipped graph's logits: int8
activations are quantised with one scale per tensor, so a batched call changes
every window's result with its neighbours (the findings of an article would
depend on which articles share its batch).

    pip install -e '.[train]'      # the onnx package, to rewrite the graph
    python benchmarks/span_batching.py --limit 30
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from common import allsides_articles, print_table
from newsaudit.analysis import spans as S
from newsaudit.analysis.confidence import load_model
from newsaudit.analysis.sourcing import find_attributions
from newsaudit.nlp import load

#: Large negative score added to padded keys before the softmax (exp underflows to 0).
MASK_NEG = 10000.0


def article_windows(limit: int) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Each article's model windows (ids, rule tags), as the pipeline builds them."""
    nlp, model, threshold = load(), S.load_span_model(), load_model().threshold
    out = []
    texts = [r["content_original"] for r in allsides_articles(limit)]
    for doc in nlp.pipe(texts):
        kept = [a for a in find_attributions(doc, span_model=False, min_confidence=0.0)
                if a.confidence is not None and a.confidence >= threshold]
        out.append([(w.ids, w.rule_tags)
                    for w in S.windows(doc, model.tokenizer, S.rule_tags(doc, kept))])
    return out


def float_graph(src: Path, dst: Path) -> None:
    """``src`` with its int8 weights dequantised, a batch axis and a ``mask`` input."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    m = onnx.load(str(src))
    g = m.graph
    vals = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    vals.update({n.output[0]: numpy_helper.to_array(n.attribute[0].t)
                 for n in g.node if n.op_type == "Constant"})
    made = {o: n for n in g.node for o in n.output}
    used: dict[str, list] = {}
    for n in g.node:
        for i in n.input:
            used.setdefault(i, []).append(n)
    drop, add, inits = set(), [], {}
    for n in g.node:
        if n.op_type == "MatMulInteger":  # DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul
            xq, wq, _, wzp = n.input
            x = made[xq].input[0]
            cast = used[n.output[0]][0]
            mul = used[cast.output[0]][0]
            scales = made[next(i for i in mul.input if i != cast.output[0])]
            wscale = next(i for i in scales.input if i != made[xq].output[1])
            inits[wq + "_f"] = (vals[wq].astype(np.float32) - vals[wzp]) * vals[wscale]
            add.append(helper.make_node("MatMul", [x, wq + "_f"], [mul.output[0]]))
            drop.update({id(n), id(cast), id(mul), id(scales)})
        elif n.op_type == "DequantizeLinear":  # an embedding: Gather -> DequantizeLinear
            gather = made[n.input[0]]
            table = gather.input[0]
            inits[table + "_f"] = (vals[table].astype(np.float32) - vals[n.input[2]]) \
                * vals[n.input[1]]
            add.append(helper.make_node("Gather", [table + "_f", gather.input[1]], n.output))
            drop.update({id(n), id(gather)})
    g.input.append(helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["b", "n"]))
    inits.update({"mask_neg": np.array(MASK_NEG, np.float32),
                  "mask_one": np.array(1.0, np.float32),
                  "mask_axes": np.array([1, 2], np.int64)})
    add += [helper.make_node("Sub", ["mask", "mask_one"], ["mask_off"]),
            helper.make_node("Mul", ["mask_off", "mask_neg"], ["mask_add"]),
            helper.make_node("Unsqueeze", ["mask_add", "mask_axes"], ["mask_bias"])]
    for n in g.node:
        if n.op_type == "Softmax":  # the attention scores: padded keys get -10,000
            add.append(helper.make_node("Add", [n.input[0], "mask_bias"],
                                        [n.input[0] + "_masked"]))
            n.input[0] += "_masked"
    nodes = [n for n in g.node if id(n) not in drop] + add
    for k, v in inits.items():
        g.initializer.append(numpy_helper.from_array(np.asarray(v, np.float32)
                                                     if v.dtype != np.int64 else v, k))
    for v in [*g.input, *g.output]:
        dims = v.type.tensor_type.shape.dim
        if dims and dims[0].dim_value == 1:
            dims[0].dim_param = "b"
    del g.node[:]
    g.node.extend(_ordered(nodes, {i.name for i in g.input} | {i.name for i in g.initializer}))
    onnx.save(_pruned(m), str(dst))


def _ordered(nodes: list, ready: set[str]) -> list:
    """``nodes`` in an order where each comes after what it reads."""
    ready = ready | {""}
    out: list = []
    while nodes:
        rest = []
        for n in nodes:
            if all(i in ready for i in n.input):
                out.append(n)
                ready.update(n.output)
            else:
                rest.append(n)
        if len(rest) == len(nodes):
            raise RuntimeError("the graph has a node whose input nothing makes")
        nodes = rest
    return out


def _pruned(m):  # type: ignore[no-untyped-def]
    """``m`` without the nodes and weights the output does not need."""
    g = m.graph
    need = {o.name for o in g.output}
    keep = []
    for n in reversed(list(g.node)):
        if any(o in need for o in n.output):
            keep.append(n)
            need.update(n.input)
    del g.node[:]
    g.node.extend(reversed(keep))
    inits = [i for i in g.initializer if i.name in need]
    del g.initializer[:]
    g.initializer.extend(inits)
    return m


def session(path: Path):  # type: ignore[no-untyped-def]
    import onnxruntime

    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def run(sess, groups: list[list[tuple[np.ndarray, np.ndarray]]], mask: bool) -> list:
    """Logits of every window, ``groups`` of windows a call (padded, masked)."""
    out = []
    for grp in groups:
        width = max(len(ids) for ids, _ in grp)
        ids = np.zeros((len(grp), width), np.int64)
        tags = np.zeros_like(ids)
        real = np.zeros((len(grp), width), np.float32)
        for r, (i, t) in enumerate(grp):
            ids[r, : len(i)], tags[r, : len(i)], real[r, : len(i)] = i, t, 1
        feed = {"ids": ids, "rule_tags": tags, **({"mask": real} if mask else {})}
        logits = sess.run(None, feed)[0]
        out += [logits[r, : len(i)] for r, (i, _) in enumerate(grp)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=30, help="AllSides articles")
    args = ap.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    S.SESSION_THREADS = 1
    arts = article_windows(args.limit)
    flat = [w for a in arts for w in a]
    by_len = sorted(flat, key=lambda w: len(w[0]))
    tmp = Path(tempfile.mkdtemp(prefix="newsaudit-span-"))
    float_graph(S.MODEL_DIR / "model.onnx", tmp / "f32.onnx")
    quantize_dynamic(str(tmp / "f32.onnx"), str(tmp / "i8.onnx"),
                     weight_type=QuantType.QInt8, per_channel=True)
    shipped, f32, i8 = (session(p) for p in (S.MODEL_DIR / "model.onnx", tmp / "f32.onnx",
                                             tmp / "i8.onnx"))
    singles = [[w] for w in flat]
    cases = [("shipped int8, one window a call", shipped, singles, False),
             ("float32, one window a call", f32, singles, True),
             ("float32, one article a call", f32, arts, True),
             ("int8 again, one window a call", i8, singles, True),
             ("int8 again, one article a call", i8, arts, True),
             ("int8 again, 16 length-sorted windows a call", i8,
              [by_len[i : i + 16] for i in range(0, len(by_len), 16)], True)]
    ref = {id(w[0]): lo for w, lo in zip(flat, run(shipped, singles, False), strict=True)}
    rows = []
    for name, sess, groups, mask in cases:
        run(sess, groups[:2], mask)  # warm up
        t0 = time.process_time()
        logits = run(sess, groups, mask)
        cpu = time.process_time() - t0
        order = [w for g in groups for w in g]
        diff = max(float(np.abs(lo - ref[id(w[0])]).max())
                   for w, lo in zip(order, logits, strict=True))
        rows.append([name, 1000 * cpu / len(arts), diff])
    n_pieces = sum(len(w[0]) for w in flat)
    print_table(f"span model CPU ms per article, {len(arts)} AllSides articles, {len(flat)} "
                f"windows (mean {n_pieces / len(flat):.0f} word pieces), one thread",
                ["graph, windows a call", "ms / article", "max |logit - shipped|"], rows)


if __name__ == "__main__":
    main()
