"""Time on pathological input against ordinary prose of the same size, at two sizes.

For each pattern (runs of brackets, quote marks and punctuation, quote marks
between spaces, a quotation never closed, one-line articles, very long tokens,
base64, minified script, runs of "a-", "a." and "a@",
repeated furniture lines, deep HTML nesting) the full
default pipeline runs over an article of about 100 kB and of about 1 MB built
around it, and over AllSides prose of the same size, in the same process, one
after the other. Two figures per pattern:

- ratio: its time over the prose's time at the same size (target: under 3);
- growth: its time at the large size over its time at the small one (linear:
  about the size ratio, 10; quadratic: 100).

    .venv/bin/python benchmarks/adversarial.py                  # 100 kB and 1 MB
    .venv/bin/python benchmarks/adversarial.py --sizes 20000 200000 --only brackets
"""

from __future__ import annotations

import argparse
import base64
import random
import time
from collections.abc import Callable

import newsaudit
from common import allsides_articles, print_table

SENTENCE = ("The minister said the talks would go on, and the envoy said nothing at all "
            "about it today in the capital. ")
NOTICE = ("Content created by The Daily Caller News Foundation is available without charge "
          "to any eligible news publisher that can provide a large audience. ")


def prose(n: int) -> str:
    """Real article text (AllSides), paragraphs on their own lines, ``n`` characters."""
    parts, size = [], 0
    for row in allsides_articles():
        parts.append(row["content_original"].strip())
        size += len(parts[-1]) + 2
        if size >= n:
            break
    return "\n\n".join(parts)[:n]


def _framed(run: str) -> str:
    """A short article with ``run`` inside its middle paragraph."""
    head = "Talks Stall Again\nBy Jane Smith\n" + SENTENCE * 3 + "\n"
    return head + SENTENCE + run + " " + SENTENCE + "\n" + SENTENCE * 3


def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _minified(n: int) -> str:
    rnd = random.Random(1)
    parts = []
    while sum(map(len, parts)) < n:
        a, b = rnd.choice("abcdefgh"), rnd.choice("xyzuvw")
        parts.append(f"function {a}{b}({b}){{return {b}&&{b}.{a}?{b}[{a}]:null}};"
                     f"var _{a}=[{rnd.randint(0, 999)},'{b}'];")
    return "".join(parts)[:n]


def _base64(n: int, wrap: bool) -> str:
    raw = base64.b64encode(random.Random(2).randbytes(n * 3 // 4 + 3)).decode()[:n]
    return "\n".join(raw[i:i + 76] for i in range(0, n, 76)) if wrap else raw


def _nested(n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in prose(n // 2).split("\n\n"))
    depth = (n - len(body)) // 11
    return ("<html><body><h1>Talks Stall Again</h1>" + "<div>" * depth + body
            + "</div>" * depth + "</body></html>")


PATTERNS: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: _framed("(" * n),
    "quote marks": lambda n: _framed("“" * n),
    "punctuation": lambda n: _framed(_fill("!?.,;:-", n)),
    "spaced quote marks": lambda n: _framed(_fill("“ ", n)),
    "unclosed quotation": lambda n: "Talks Stall\nHe said: " + _fill("“" + SENTENCE * 5 + "\n", n),
    "one-line article": lambda n: (prose(n).replace("\n\n", " ") + " " + NOTICE)[:n],
    "long tokens": lambda n: _framed(_fill("a" * 5000 + " ", n)),
    "hyphenated run": lambda n: _framed(_fill("a-", n)),
    "dotted run": lambda n: _framed(_fill("a.", n)),
    "at signs": lambda n: _framed(_fill("a@", n)),
    "base64, wrapped": lambda n: _framed("\n" + _base64(n, True) + "\n"),
    "base64, one run": lambda n: _framed(_base64(n, False)),
    "minified script": lambda n: _framed(_minified(n)),
    "repeated furniture": lambda n: _framed("\n" + "Advertisement\n" * (n // 14)),
    "deep HTML nesting": _nested,
}


def _time(text: str) -> tuple[float, str]:
    options = newsaudit.Options(deadline=None)
    t0 = time.process_time()  # CPU time: the figures hold on a shared, loaded machine
    report = newsaudit.analyze(text, options=options)
    elapsed = time.process_time() - t0
    slowest = max((k for k in report.article.timings if k not in ("total", "read")),
                  key=lambda k: report.article.timings[k], default="-")
    return elapsed, slowest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000])
    ap.add_argument("--only", nargs="*", help="pattern names (default: all)")
    args = ap.parse_args()
    small, large = args.sizes
    newsaudit.analyze(prose(3000), options=newsaudit.Options(deadline=None))  # load models
    base = {}
    for n in (small, large):
        base[n] = _time(prose(n))[0]
        print(f"ordinary prose at {n:,}: {base[n]:.2f} s", flush=True)
    rows: list[list[object]] = [["ordinary prose (AllSides)", base[small], base[large],
                                 base[large] / base[small], 1.0, 1.0, "", ""]]
    for name, make in PATTERNS.items():
        if args.only and name not in args.only:
            continue
        t_small, _ = _time(make(small))
        t_large, slowest = _time(make(large))
        ratio_s, ratio_l = t_small / base[small], t_large / base[large]
        ok = "yes" if max(ratio_s, ratio_l) < 3 and t_large / t_small < 2 * large / small \
            else "NO"
        rows.append([name, t_small, t_large, t_large / t_small, ratio_s, ratio_l, slowest, ok])
        print(f"{name}: {t_small:.2f} s, {t_large:.2f} s", flush=True)
    print_table(f"Full pipeline, CPU seconds, at {small:,} and {large:,} characters "
                "(ratio: over prose of the same size; growth: large over small)",
                ["input", f"s @{small:,}", f"s @{large:,}", "growth", "ratio small",
                 "ratio large", "slowest stage (large)", "ok"], rows)


if __name__ == "__main__":
    main()
