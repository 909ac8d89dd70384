"""Load on ``newsaudit serve`` over loopback: throughput, latency, shedding, memory.

Starts the server (``newsaudit serve`` in a subprocess), waits until it is ready, then
runs N concurrent clients for a bounded time, each posting the example article or an
AllSides article in turn and honouring ``Retry-After`` when told the server is busy.
Prints requests per second, p50/p99 latency of the answered requests (the example's
separately), the count of errors (anything but 200 and 503, or no answer within the
client timeout), the count of 503s (load shed by the bounded queue), and the server's
resident memory before and after.

    python benchmarks/serve.py --clients 32 --seconds 60 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "truepundit-syria-talks.txt"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn workers), in MB."""
    total = 0
    pids = [pid, *(int(p) for p in subprocess.run(["pgrep", "-P", str(pid)],
                                                  capture_output=True, text=True).stdout.split())]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def _articles(n: int) -> list[str]:
    from newsaudit.data import dataset

    with gzip.open(dataset("allsides_article_bias") / "articles.jsonl.gz", "rt") as fh:
        rows = [json.loads(line)["content_original"] for _, line in zip(range(2000), fh,
                                                                        strict=False)]
    rows = [r for r in rows if 300 <= len(r.split()) <= 900]
    return random.Random(5).sample(rows, n)


async def _client(url: str, texts: list[tuple[str, str]], stop: float, out: list) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        i = random.randrange(len(texts))
        while time.monotonic() < stop:
            name, text = texts[i % len(texts)]
            i += 1
            t0 = time.monotonic()
            try:
                r = await http.post(f"{url}/v1/analyze", json={"text": text})
                out.append((name, r.status_code, time.monotonic() - t0))
                if r.status_code == 503:
                    await asyncio.sleep(float(r.headers.get("retry-after", "1")))
            except httpx.HTTPError:
                out.append((name, 0, time.monotonic() - t0))


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--queue", type=int, default=2)
    args = ap.parse_args()
    port = _port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "newsaudit", "serve", "--port", str(port),
                               "--workers", str(args.workers), "--queue", str(args.queue)],
                              env=os.environ.copy())
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("server did not start")
            time.sleep(0.5)
        time.sleep(2 * args.workers)  # let every worker finish loading
        texts = [("example", EXAMPLE.read_text(encoding="utf-8"))] + [
            (f"allsides{i}", t) for i, t in enumerate(_articles(4))]
        rss0 = _rss_mb(server.pid)
        results: list[tuple[str, int, float]] = []
        stop = time.monotonic() + args.seconds
        t0 = time.monotonic()

        async def run() -> None:
            await asyncio.gather(*(_client(url, texts, stop, results)
                                   for _ in range(args.clients)))

        asyncio.run(run())
        elapsed = time.monotonic() - t0
        rss1 = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = [r for r in results if r[1] == 200]
    shed = sum(r[1] == 503 for r in results)
    errors = [r for r in results if r[1] not in (200, 503)]
    ex = [r[2] for r in ok if r[0] == "example"]
    print(f"newsaudit serve, {args.workers} workers (queue {args.queue} each), "
          f"{args.clients} clients, {elapsed:.0f} s on {os.cpu_count()} cores")
    print(f"  answered {len(ok)} ({len(ok) / elapsed:.1f} req/s); shed with 503: {shed}; "
          f"errors: {len(errors)}")
    all_lat = [r[2] for r in ok]
    print(f"  latency all: p50 {_pct(all_lat, 50):.2f} s, p99 {_pct(all_lat, 99):.2f} s; "
          f"example: p50 {_pct(ex, 50):.2f} s, p99 {_pct(ex, 99):.2f} s")
    print(f"  server memory: {rss0:.0f} MB before, {rss1:.0f} MB after")


if __name__ == "__main__":
    main()
