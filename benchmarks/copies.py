"""Copy detection: speed against datasketch, scaling, and precision/recall.

    python benchmarks/copies.py speed [--docs 2000]
    python benchmarks/copies.py scale --sizes 10000 30000 100000
    python benchmarks/copies.py quality [--originals 1500]
    python benchmarks/copies.py dcnf

speed: the same shingles of the same AllSides articles, the same 128 permutations,
the same 0.5 threshold, in one run pinned to one core: signatures per second of
newsaudit.corpus.minhash against datasketch's MinHash.update_batch (one MinHash per
article, its fastest documented path, identity hash so it gets our shingle hashes)
and MinHash.bulk; signatures compared value for value; candidate pairs of our
DuckDB banding against MinHashLSH.insert/query. Also text -> signature end to end:
ours against datasketch as documented (shingle strings, default SHA-1 hash).

scale: a synthetic corpus from AllSides (each article's words shuffled within
paragraphs, so no two share text by chance, and 5% edited copies of others) run
through find_copies in a fresh process per size: wall time and peak RSS.

quality: synthetic copies of distinct AllSides articles with known edits (paragraph
deletions, insertions from other articles, reordered paragraphs, a combination,
and partial reuse of one or two paragraphs inside another article), mixed with the
originals and unrelated articles; precision and recall of the pairs found, and the
share whose origin is the original (copies are dated a day later).

dcnf: the AllSides articles re-running Daily Caller News Foundation content (its
licence notice) from other outlets, and whether each is linked to the Daily Caller
original when the original is in the data (found independently: a Daily Caller
article sharing the re-run's title or its first 200 characters); then each re-run's
shingles, the notice's left out, against every AllSides article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from newsaudit.corpus import lsh
from newsaudit.corpus.copies import find_copies
from newsaudit.corpus.docs import DocMeta, DocStore, domain_of, parse_date
from newsaudit.corpus.minhash import (
    MinHasher,
    batch_shingles,
    fmix32,
    permutations,
    text_shingles,
    words,
)

ROOT = Path(__file__).resolve().parents[1]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides_article_bias" / "articles.jsonl.gz"


def allsides(limit: int | None = None) -> list[dict]:
    rows = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:10.0f}/s ({seconds:.3f} s)"


def _cpu(fn, *args):  # type: ignore[no-untyped-def]
    """fn(*args) and the CPU time it took (process time: the machine is shared)."""
    t0 = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t0


def numpy_signatures(sets: list[np.ndarray], num_perm: int = 128) -> np.ndarray:
    """The best pure-NumPy layout tried (the previous implementation), for reference.

    All shingles concatenated and pre-mixed, permuted in 4096-shingle blocks with one
    broadcast multiply-add into a reused buffer, reduced per set with minimum.reduceat.
    """
    a, b = permutations(num_perm)
    lengths = np.array([len(s) for s in sets], dtype=np.int64)
    mixed = fmix32(np.concatenate(sets))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    out = np.empty((len(sets), num_perm), dtype=np.uint32)
    buf = np.empty((num_perm, 4096 + int(lengths.max())), dtype=np.uint32)
    i = 0
    while i < len(sets):
        j = max(i + 1, int(np.searchsorted(ends, starts[i] + 4096, "right")))
        lo, hi = starts[i], ends[j - 1]
        block = buf[:, :hi - lo]
        np.multiply(a[:, None], mixed[lo:hi], out=block)
        block += b[:, None]
        out[i:j] = np.minimum.reduceat(block, starts[i:j] - lo, axis=1).T
        i = j
    return out


def speed(n_docs: int) -> None:
    from datasketch import MinHash, MinHashLSH

    one_core()
    texts = [r["content_original"] for r in allsides(n_docs)]
    # One in ten gets an edited copy (a paragraph dropped), so that there are pairs to find.
    texts += ["\n".join(t.split("\n")[1:]) for t in texts[::10]]
    hasher = MinHasher(128)
    _, t_compile = _cpu(lambda: hasher.signatures_flat(*batch_shingles(texts[:2])))
    sets = [text_shingles(t) for t in texts]
    n_sh = sum(len(s) for s in sets)
    print(f"speed: {len(texts)} AllSides articles, {n_sh} shingles, 128 permutations, "
          f"threshold 0.5, one core, CPU time, same run (first call: {t_compile:.2f} s, "
          f"loading or compiling the kernels)")
    ours, t_ours = _cpu(hasher.signatures, sets)
    np_sigs, t_np = _cpu(numpy_signatures, [s for s in sets if len(s)])
    lists = [s.tolist() for s in sets]

    def datasketch_batch() -> list:
        base = MinHash(num_perm=128, hashfunc=lambda x: x)
        out = []
        for s in lists:
            m = base.copy()
            m.update_batch(s)
            out.append(m)
        return out

    theirs, t_ds = _cpu(datasketch_batch)
    _, t_bulk = _cpu(lambda: MinHash.bulk(lists, num_perm=128, hashfunc=lambda x: x))
    same = all(np.array_equal(a, m.hashvalues) for a, m in zip(ours, theirs, strict=True))
    print(f"  signatures from shingle hashes: newsaudit {_rate(len(sets), t_ours)}")
    print(f"    NumPy alone (blocked)         {_rate(len(sets), t_np)}  -> x{t_np / t_ours:.1f}"
          f" (identical: {np.array_equal(np_sigs, ours[[len(s) > 0 for s in sets]])})")
    print(f"    datasketch update_batch       {_rate(len(sets), t_ds)}  "
          f"-> x{t_ds / t_ours:.1f}")
    print(f"    datasketch MinHash.bulk       {_rate(len(sets), t_bulk)}  "
          f"-> x{t_bulk / t_ours:.1f}")
    print(f"    identical signatures: {same}")
    # End to end from text, each as documented.
    (e2e, counts), t_sh = _cpu(batch_shingles, texts)
    _, t_e2e_sig = _cpu(hasher.signatures_flat, e2e, counts)
    t_e2e = t_sh + t_e2e_sig

    def datasketch_text() -> None:
        for t in texts:
            w = words(t)
            m = MinHash(num_perm=128)
            m.update_batch([" ".join(w[i:i + 5]).encode("utf-8") for i in range(len(w) - 4)])

    _, t_e2e_ds = _cpu(datasketch_text)
    print(f"  text -> signature: newsaudit {_rate(len(texts), t_e2e)} (shingles {t_sh:.3f} s, "
          f"signatures {t_e2e_sig:.3f} s)")
    print(f"    datasketch as documented (SHA-1 of shingle strings) {_rate(len(texts), t_e2e_ds)}"
          f" -> x{t_e2e_ds / t_e2e:.1f}")
    # Candidate pairs at threshold 0.5.
    bands, rows = lsh.optimal_params(0.5, 128)
    pairs, t_lsh = _cpu(lambda: lsh.candidate_pairs(lsh.band_table(ours, bands, rows),
                                                    max_bucket=len(sets), threads=1))

    def datasketch_lsh() -> set:
        index = MinHashLSH(threshold=0.5, num_perm=128)
        for i, m in enumerate(theirs):
            index.insert(i, m)
        return {(min(i, j), max(i, j)) for i, m in enumerate(theirs) for j in index.query(m)
                if i != j}

    found, t_lsh_ds = _cpu(datasketch_lsh)
    ours_set = {tuple(p) for p in pairs.tolist()}
    print(f"  LSH b={bands} r={rows}: newsaudit (DuckDB group-by) {len(ours_set)} pairs in "
          f"{t_lsh:.2f} s; datasketch MinHashLSH {len(found)} pairs in {t_lsh_ds:.2f} s; "
          f"identical: {ours_set == found}")


def _shuffled(text: str, rng: random.Random) -> str:
    out = []
    for para in text.split("\n"):
        w = para.split()
        rng.shuffle(w)
        out.append(" ".join(w))
    return "\n".join(out)


def _edit(text: str, rng: random.Random) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) > 3:
        del paras[rng.randrange(len(paras))]
        i, j = rng.sample(range(len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    return "\n".join(paras)


def synthetic(n: int, seed: int = 7) -> tuple[DocStore, int]:
    """n synthetic articles, 5% of them edited copies of earlier ones."""
    rng = random.Random(seed)
    base = [r["content_original"] for r in allsides()]
    store = DocStore()
    copies = 0
    day0 = date(2020, 1, 1)
    for k in range(n):
        if k > 100 and rng.random() < 0.05:
            text = _edit(store.text(rng.randrange(k)), rng)
            copies += 1
        else:
            text = _shuffled(base[k % len(base)], rng)
        store.add(text, DocMeta(f"s{k}", f"outlet{k % 300}", None,
                                day0 + timedelta(days=k // 500), None, None))
    return store, copies


def _cpu_total() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def scale_one(n: int) -> None:
    """One size, in this process: CPU seconds per stage and the peak RSS."""
    from newsaudit.corpus.copies import CopyOptions, candidates, verify_all
    from newsaudit.corpus.direction import orient

    one_core()
    t0 = _cpu_total()
    store, n_copies = synthetic(n)
    t_make = _cpu_total() - t0
    rss_made = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    options = CopyOptions(threads=1)
    stages = {}
    t0 = _cpu_total()
    cand = candidates(store, options)
    stages["candidates_cpu_s"] = _cpu_total() - t0
    t0 = _cpu_total()
    pairs = verify_all(store, cand, options)
    stages["verify_cpu_s"] = _cpu_total() - t0
    t0 = _cpu_total()
    orient(store, pairs)
    stages["direction_cpu_s"] = _cpu_total() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": n, "planted_copies": n_copies, "found": len(pairs),
                      "candidates": len(cand), "make_cpu_s": round(t_make, 1),
                      "cpu_s": round(sum(stages.values()), 1),
                      **{k: round(v, 1) for k, v in stages.items()},
                      "peak_rss_mb_after_making": round(rss_made),
                      "peak_rss_mb": round(rss)}))


def scale(sizes: list[int]) -> None:
    print("scale: find_copies' stages on synthetic AllSides-based corpora (texts spooled "
          "to disk), one process per size pinned to one core, CPU time")
    for n in sizes:
        run = subprocess.run([sys.executable, __file__, "_scale_one", str(n)],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"  {n:>8} articles: failed (exit {run.returncode}):\n{run.stderr[-3000:]}",
                  flush=True)
            continue
        out = run.stdout.strip()
        row = json.loads(out.splitlines()[-1])
        print(f"  {row['articles']:>8} articles: {row['cpu_s']:8.1f} CPU s "
              f"({1e3 * row['cpu_s'] / row['articles']:.2f} ms/article), peak RSS "
              f"{row['peak_rss_mb']} MB, {row['found']} copies found of "
              f"{row['planted_copies']} planted; {row}", flush=True)


EDITS = ("deletion", "insertion", "reorder", "combined", "partial")


def _make_copy(kind: str, paras: list[str], other: list[str], rng: random.Random) -> str:
    p = list(paras)
    if kind == "deletion":
        for _ in range(max(1, len(p) // 4)):
            del p[rng.randrange(len(p))]
    elif kind == "insertion":
        for q in rng.sample(other, min(len(other), max(1, len(p) // 4))):
            p.insert(rng.randrange(len(p) + 1), q)
    elif kind == "reorder":
        rng.shuffle(p)
    elif kind == "combined":
        del p[rng.randrange(len(p))]
        p.insert(rng.randrange(len(p) + 1), rng.choice(other))
        i, j = rng.sample(range(len(p)), 2)
        p[i], p[j] = p[j], p[i]
    else:  # partial: one or two long paragraphs inside an unrelated article
        long = [q for q in paras if len(q.split()) >= 45] or [max(paras, key=len)]
        taken = rng.sample(long, min(len(long), rng.choice((1, 2))))
        p = list(other)
        for q in taken:
            p.insert(rng.randrange(len(p) + 1), q)
    return "\n".join(p)


def quality(n_originals: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    rows = [r for r in allsides() if len([p for p in r["content_original"].split("\n")
                                          if p.strip()]) >= 6]
    rng.shuffle(rows)
    pool = rows[:n_originals * 2]
    # Drop originals that already copy each other in AllSides (natural duplicates).
    probe = DocStore()
    for r in pool:
        probe.add(r["content_original"], DocMeta(r["ID"], r["source"], None, None, None, None))
    natural = {i for p in find_copies(probe).pairs for i in (p.a, p.b)}
    clean = [r for i, r in enumerate(pool) if i not in natural]
    originals, fillers = clean[:n_originals], clean[n_originals:]
    store = DocStore()
    day = date(2020, 1, 1)
    for r in originals + fillers:
        store.add(r["content_original"], DocMeta(r["ID"], r["source"], None, day, None, None))
    truth: dict[tuple[int, int], str] = {}
    for k, r in enumerate(originals):
        kind = EDITS[k % len(EDITS)]
        paras = [p for p in r["content_original"].split("\n") if p.strip()]
        other = [p for p in rng.choice(fillers)["content_original"].split("\n") if p.strip()]
        i = store.add(_make_copy(kind, paras, other, rng),
                      DocMeta(f"copy-{k}", "Copier", None, day + timedelta(days=1), None, None))
        truth[(k, i)] = kind
    t0 = time.perf_counter()
    result = find_copies(store)
    took = time.perf_counter() - t0
    found = {(p.a, p.b): p for p in result.pairs}
    # A filler that lent paragraphs to a partial copy shares them too: a true copy.
    lent = {i: kind for (_, i), kind in truth.items()
            if kind in ("partial", "insertion", "combined")}
    tp = sum(1 for pair in truth if pair in found)
    fp = [pr for pr in found if pr not in truth and not (pr[1] in lent or pr[0] in lent)]
    print(f"quality: {len(originals)} originals, {len(fillers)} unrelated articles, "
          f"{len(truth)} planted copies ({', '.join(EDITS)} in equal parts); {took:.0f} s")
    print(f"  pairs found {len(found)}: planted found {tp}/{len(truth)} "
          f"(recall {tp / len(truth):.3f}); pairs not planted and not explained by borrowed "
          f"paragraphs {len(fp)} (precision {tp / max(1, tp + len(fp)):.3f})")
    for kind in EDITS:
        pairs = [pr for pr, k in truth.items() if k == kind]
        hit = [pr for pr in pairs if pr in found]
        right = sum(found[pr].origin == pr[0] for pr in hit)
        kinds = {found[pr].kind for pr in hit}
        print(f"  {kind:>9}: recall {len(hit) / len(pairs):.3f} ({len(hit)}/{len(pairs)}), "
              f"origin right {right}/{len(hit)}, reported as {sorted(kinds)}")


def dcnf() -> None:
    rows = allsides()
    notice = "Content created by The Daily Caller News Foundation"
    reruns = [r for r in rows if notice in r["content_original"]
              and r["source"] != "The Daily Caller"]
    dc = [r for r in rows if r["source"] == "The Daily Caller"]
    rng = random.Random(3)
    others = rng.sample([r for r in rows if r["source"] != "The Daily Caller"
                         and notice not in r["content_original"]], 4000)
    chosen = {r["ID"]: r for r in dc + reruns + others}
    store = DocStore()
    for r in chosen.values():
        store.add(r["content_original"], DocMeta(
            r["ID"], r["source"], domain_of("http://" + (r.get("source_url") or "")),
            parse_date(r["date"]), r["title"], None))
    index = {m.id: i for i, m in enumerate(store.metas)}
    t0 = time.perf_counter()
    result = find_copies(store)
    took = time.perf_counter() - t0
    print(f"dcnf: {len(reruns)} AllSides articles from other outlets carry the DCNF licence "
          f"notice; corpus = all {len(dc)} Daily Caller articles + those + 4000 others "
          f"({len(store)} articles, {took:.0f} s)")
    linked = in_data = 0
    for r in reruns:
        text = r["content_original"]
        probes = [text[int(len(text) * f):int(len(text) * f) + 80] for f in (0.2, 0.4, 0.6)]
        originals = [d for d in dc if d["title"] == r["title"]
                     or any(p in d["content_original"] for p in probes)]
        i = index[r["ID"]]
        pairs = [p for p in result.pairs if i in (p.a, p.b)]
        links = [(store.metas[p.origin].outlet if p.origin is not None else None, p.basis,
                  p.kind) for p in pairs]
        if originals:
            in_data += 1
            want = {index[d["ID"]] for d in originals}
            ok = any(p.origin in want and p.copy == i for p in pairs)
            linked += ok
        print(f"  {r['source'][:24]:>24} {r['date']:>10} original in data: "
              f"{bool(originals)!s:>5}; linked: {links}")
    print(f"  originals in the data: {in_data}; linked to the DCNF original (origin = the "
          f"Daily Caller article, copy = the re-run): {linked}/{in_data}")
    overlap(rows, reruns, notice)


def overlap(rows: list[dict], reruns: list[dict], notice: str) -> None:
    """Each re-run's body against every AllSides article, the notice's own shingles left out."""
    hashes, counts = batch_shingles([r["content_original"] for r in rows])
    owner = np.repeat(np.arange(len(rows)), counts)
    stock = np.unique(np.concatenate([
        text_shingles(t[t.index(notice):t.index(notice) + 400])
        for t in (r["content_original"] for r in rows) if notice in t]))
    print("  shared five-word shingles with any AllSides article, the notice left out:")
    for r in reruns:
        i = next(k for k, row in enumerate(rows) if row["ID"] == r["ID"])
        own = np.setdiff1d(np.unique(hashes[owner == i]), stock)
        hit = np.isin(hashes, own)
        pairs = np.unique(owner[hit].astype(np.int64) << 32 | hashes[hit].astype(np.int64))
        shared = np.bincount(pairs >> 32, minlength=len(rows))
        shared[i] = 0
        dc = np.array([row["source"] == "The Daily Caller" for row in rows])
        best, best_dc = int(np.argmax(shared)), int(np.argmax(np.where(dc, shared, -1)))
        print(f"    {r['source']} {r['date']} ({len(own)} shingles): most with any article "
              f"{shared[best]} ({rows[best]['source']} {rows[best]['date']}), with a Daily "
              f"Caller article {shared[best_dc]}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_scale_one"]:
        scale_one(int(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("speed")
    sp.add_argument("--docs", type=int, default=2000)
    sc = sub.add_parser("scale")
    sc.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    q = sub.add_parser("quality")
    q.add_argument("--originals", type=int, default=1500)
    sub.add_parser("dcnf")
    args = parser.parse_args(argv)
    if args.cmd == "speed":
        speed(args.docs)
    elif args.cmd == "scale":
        scale(args.sizes)
    elif args.cmd == "quality":
        quality(args.originals)
    else:
        dcnf()
    return 0


if __name__ == "__main__":
    sys.exit(main())
