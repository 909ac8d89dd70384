"""A longer fuzz run than the property tests: mutated real articles through every reader and stage.

Each case takes a real article (AllSides, or the example page), applies a few
random mutations (random bytes or characters spliced in, runs of punctuation or
quote marks, long tokens, lines joined or split, furniture lines repeated, HTML
wrapped around it and nested deep, encodings changed, truncation, NUL and
control characters) and reads it from bytes through the whole default pipeline
under a deadline. A case passes when it ends in a report or in a clear
:class:`~newsaudit.errors.NewsauditError`, the report matches the schema (every
offset inside the text), no visible character is outside both body and
furniture, and it finishes within the deadline. Bounded in time (``--seconds``).

    .venv/bin/python benchmarks/fuzz.py --seconds 600 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import random
import time
import traceback
from collections.abc import Callable

import newsaudit
from common import ROOT, allsides_articles
from newsaudit import schema
from newsaudit.errors import NewsauditError

EXAMPLE = ROOT.parent / "shared" / "examples" / "truepundit-syria-talks.txt"
RUNS = ["(" * 5000, "“" * 3000, "!?" * 2000, "“ " * 2000, "a" * 20000, "=" * 500,
        "https://example.com/" + "x" * 3000, "QUJD" * 3000]


def _splice(rnd: random.Random, text: str, piece: str) -> str:
    i = rnd.randrange(len(text) + 1)
    return text[:i] + piece + text[i:]


def _random_chars(rnd: random.Random, text: str) -> str:
    piece = "".join(chr(rnd.choice([rnd.randrange(32, 127), rnd.randrange(0x80, 0x3000),
                                    rnd.randrange(0x1F300, 0x1FAFF), rnd.randrange(0, 32)]))
                    for _ in range(rnd.randrange(1, 200)))
    return _splice(rnd, text, piece)


def _nest(rnd: random.Random, text: str) -> str:
    depth = rnd.choice([10, 500, 3000, 6000])
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    return f"<html><body>{'<div>' * depth}{paras}{'</div>' * depth}</body></html>"


MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "random characters": _random_chars,
    "run": lambda rnd, t: _splice(rnd, t, rnd.choice(RUNS)),
    "join lines": lambda rnd, t: t.replace("\n", " "),
    "split lines": lambda rnd, t: "\n".join(t[i:i + rnd.randrange(5, 80)]
                                           for i in range(0, len(t), 40)),
    "repeat furniture": lambda rnd, t: _splice(rnd, t,
                                               "\nAdvertisement\n" * rnd.randrange(1, 3000)),
    "html": _nest,
    "truncate": lambda rnd, t: t[:rnd.randrange(len(t) + 1)],
    "nul": lambda rnd, t: _splice(rnd, t, "\x00"),
    "licence inline": lambda rnd, t: _splice(rnd, t, " Content created by The Daily Caller News "
                                             "Foundation is available without charge to any "
                                             "eligible news publisher. "),
}
ENCODINGS = ["utf-8", "utf-8", "utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "mixed"]


def _encode(rnd: random.Random, text: str) -> tuple[bytes, str]:
    enc = rnd.choice(ENCODINGS)
    if enc == "mixed":
        half = len(text) // 2
        return (text[:half].encode("utf-8", "replace")
                + text[half:].encode("latin-1", "replace")), enc
    return text.encode(enc, "replace"), enc


def _uncovered(d: dict) -> int:
    seen = bytearray(len(d["text"]))
    for s, e in [(b["start"], b["end"]) for b in d["article"]["body_spans"]] + [
            (f["start"], f["end"]) for f in d["furniture"]]:
        seen[s:e] = b"\x01" * (e - s)
    return sum(1 for i, c in enumerate(d["text"]) if not seen[i] and not c.isspace())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deadline", type=float, default=120)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    sources = [EXAMPLE.read_text(encoding="utf-8")] + [
        r["content_original"] for r in allsides_articles(300)]
    options = newsaudit.Options(deadline=args.deadline)
    newsaudit.analyze(sources[0], options=options)  # load the models first
    counts: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    slowest = 0.0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        text = rnd.choice(sources)
        names = rnd.sample(sorted(MUTATIONS), rnd.randrange(1, 4))
        for name in names:
            text = MUTATIONS[name](rnd, text)
        data, enc = _encode(rnd, text)
        case = f"seed {args.seed} case {counts['cases']}: {'+'.join(names)}, {enc}"
        counts["cases"] += 1
        t0 = time.monotonic()
        try:
            d = newsaudit.analyze(data, options=options).to_dict()
        except NewsauditError as exc:
            counts[f"clear error: {type(exc).__name__}"] += 1
            continue
        except Exception:
            failures.append(f"{case}: crash\n{traceback.format_exc()}")
            continue
        finally:
            slowest = max(slowest, time.monotonic() - t0)
        try:
            schema.validate(d)
        except NewsauditError as exc:
            failures.append(f"{case}: bad report: {exc}")
            continue
        lost = _uncovered(d)
        if lost:
            failures.append(f"{case}: {lost} visible characters neither body nor furniture")
        counts["reports"] += 1
        counts["partial reports (deadline)"] += bool(d["unfinished"])
        counts["reports with notes"] += bool(d["notes"])
    print(f"fuzz: {counts['cases']} cases in {args.seconds:.0f} s (seed {args.seed}), "
          f"slowest case {slowest:.1f} s")
    for key, n in sorted(counts.items()):
        print(f"  {key:40} {n}")
    print(f"  {'failures':40} {len(failures)}")
    for f in failures[:20]:
        print("FAIL", f)
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
