"""Batch runs: tables equal to analyze(), exactly once after kills, resumable,
clear output errors, the same output on a Dask cluster."""

from __future__ import annotations

import errno
import gzip
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import newsaudit
from newsaudit.corpus import store
from newsaudit.corpus.batch import run_batch
from newsaudit.corpus.tables import TABLE_NAMES, item_rows
from newsaudit.errors import OutputError

ALLSIDES = Path(__file__).resolve().parents[3] / "shared" / "data" / "allsides_article_bias" \
    / "articles.jsonl.gz"
COLUMNS = {"text": "content_original", "published": "date"}


def allsides(n: int, skip: int = 0, chars: int = 1200) -> list[dict]:
    """``n`` AllSides articles, each cut after the last full stop before ``chars``."""
    rows = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, skip, skip + n):
            row = json.loads(line)
            text = row["content_original"]
            row["content_original"] = text[: text.rfind(".", 0, chars) + 1] or text[:chars]
            rows.append(row)
    return rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> list[Path]:
    """A folder (the example text and an HTML page), and JSONL with a bad line and a
    row without text."""
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "pages"
    folder.mkdir()
    (folder / "truepundit.txt").write_text(example_text)
    body = allsides(1, skip=5)[0]["content_original"]
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    (folder / "story.html").write_text(f"<html><head><title>Story</title></head><body>"
                                       f"<article><h1>Story</h1>{paras}</article></body></html>")
    rows = allsides(3)
    rows[0]["id"] = "given-0"
    table = root / "allsides.jsonl"
    lines = [json.dumps(r) for r in rows] + ["{not json", json.dumps({"title": "no text"})]
    table.write_text("\n".join(lines) + "\n")
    return [folder, table]


@pytest.fixture(scope="module")
def local_run(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "run"
    result = run_batch(corpus, out, workers=1, chunk_size=2, columns=COLUMNS, progress=False)
    assert (result.documents, result.errors, result.skipped) == (7, 2, 0)
    return out


def comparable(out: Path) -> dict[str, pd.DataFrame]:
    """The run's tables without timings, sorted by id (and finding number)."""
    tables = newsaudit.read_results(out)
    for name, df in tables.items():
        df = df.drop(columns=[c for c in df.columns if c.startswith("ms_")])
        keys = ["id", "n"] if "n" in df.columns else ["id"]
        if name == "ratings":
            keys = ["id", "subject", "subject_name", "rater"]
        tables[name] = df.sort_values(keys, kind="stable").reset_index(drop=True)
    return tables


def test_batch_every_document_once_and_findings_equal_analyze(local_run: Path,
                                                              corpus: list[Path]) -> None:
    t = newsaudit.read_results(local_run)
    ids = list(t["articles"]["id"]) + list(t["errors"]["id"])
    assert len(ids) == len(set(ids)) == 7
    assert "given-0" in ids
    errors = t["errors"].set_index("position")["message"].to_dict()
    assert "not JSON" in errors[3] and "no content_original/html/url value" in errors[4]
    arts = t["articles"].set_index("id")
    page = arts[arts["input"] == str(corpus[0].resolve())]
    assert sorted(page["title"]) == ["Story", "Syria Peace Talks Collapse Again"] or \
        len(page) == 2
    for rid, art in arts.iterrows():
        source = art["text"] if art["input"].endswith(".jsonl") or \
            art["text"].startswith("True Pundit") else None
        if source is None:
            continue  # the HTML page: compared through its text below
        url, site = (v if isinstance(v, str) else None for v in (art["url"], art["source"]))
        report = newsaudit.analyze(source, url=url, site=site).to_dict()
        expected = item_rows(str(rid), report)
        for name in ("attributions", "claims", "entities", "furniture"):
            got = t[name][t[name]["id"] == rid].sort_values("n")
            assert len(got) == len(expected[name]), (rid, name)
            if name != "attributions":
                cols = ["start", "end", "text"]
                assert got[cols].values.tolist() == [[r[c] for c in cols]
                                                     for r in expected[name]], (rid, name)
            else:
                assert got["content_text"].tolist() == [r["content_text"]
                                                        for r in expected[name]]
        assert art["sourcing_n_attributions"] == report["signals"]["sourcing"]["n_attributions"]
        assert art["affect_vadneg"] == pytest.approx(report["signals"]["affect"]["vadneg"])


def test_batch_duckdb_views(local_run: Path) -> None:
    con = duckdb.connect(str(local_run / store.DUCKDB_FILE), read_only=True)
    names = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() "
                                   "WHERE NOT internal").fetchall()}
    assert names == {*TABLE_NAMES, "chunks"}
    (n,) = con.execute("SELECT count(*) FROM articles").fetchone()  # type: ignore[misc]
    assert n == 5
    (joined,) = con.execute("SELECT count(*) FROM attributions JOIN articles USING (id) "
                        "WHERE articles.title IS NOT NULL").fetchone()  # type: ignore[misc]
    assert joined > 0
    assert pd.read_parquet(local_run / "claims").shape[0] == con.execute(
        "SELECT count(*) FROM claims").fetchone()[0]  # type: ignore[index]


def test_batch_resume_skips_done_and_refuses_other_settings(local_run: Path,
                                                            corpus: list[Path]) -> None:
    before = comparable(local_run)
    again = run_batch(corpus, local_run, workers=1, chunk_size=2, columns=COLUMNS,
                      progress=False)
    assert (again.skipped, again.audited, again.chunks) == (7, 0, 0)
    after = comparable(local_run)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(before[name], after[name])
    with pytest.raises(OutputError, match="other settings"):
        run_batch(corpus, local_run, workers=1, chunk_size=2, columns=COLUMNS,
                  profile="fast", progress=False)


def test_batch_duplicate_ids_keep_the_first_and_record_the_rest(tmp_path: Path) -> None:
    rows = allsides(3)
    table = tmp_path / "dup.jsonl"
    table.write_text("".join(json.dumps({"id": i, "text": r["content_original"]}) + "\n"
                             for i, r in zip(["a", "b", "a"], rows, strict=True)))
    options = newsaudit.Options(stages=("parse.furniture",))  # the ids matter, not the audit
    # The same file named twice is read once.
    res = run_batch([table, tmp_path / "." / "dup.jsonl"], tmp_path / "out", options=options,
                    workers=1, chunk_size=2, progress=False)
    assert (res.documents, res.errors) == (3, 1)
    tables = newsaudit.read_results(tmp_path / "out", tables=["articles", "errors"])
    articles = tables["articles"].sort_values("id")
    assert articles[["id", "position"]].values.tolist() == [["a", 0], ["b", 1]]
    first = articles[articles["id"] == "a"]
    assert first["n_chars"].item() == len(rows[0]["content_original"])
    errors = tables["errors"]
    assert errors[["id", "position", "step"]].values.tolist() == [["a", 2, "read"]]
    assert errors["message"].item().startswith("duplicate id 'a': an earlier document")
    again = run_batch([table], tmp_path / "out", options=options, workers=1, chunk_size=2,
                      progress=False)
    assert (again.skipped, again.audited) == (3, 0)


def test_batch_unwritable_output_is_a_clear_error(corpus: list[Path], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match=r"cannot write the output folder .*a-file/out"):
        run_batch(corpus, blocker / "out", workers=1, columns=COLUMNS, progress=False)
    code = subprocess.run([sys.executable, "-m", "newsaudit.cli", "batch", str(corpus[1]),
                           "--out", str(blocker / "out"), "--quiet"],
                          capture_output=True, text=True, timeout=120)
    assert code.returncode == 3
    assert code.stderr.startswith("newsaudit: error: cannot write the output folder")
    assert "Traceback" not in code.stderr


def test_batch_full_disk_leaves_no_part_and_resumes(corpus: list[Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    real = store.pq.write_table
    calls = itertools.count()

    def full(table, path, **kw):  # the third part of a chunk finds the disk full
        if next(calls) % len(TABLE_NAMES) == 2:
            real(table, path, **kw)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(table, path, **kw)

    monkeypatch.setattr(store.pq, "write_table", full)
    with pytest.raises(OutputError, match="No space left on device"):
        run_batch([corpus[0]], out, workers=1, columns=COLUMNS, progress=False)
    visible = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert sorted(p.name for p in visible) == [store.RUN_FILE]
    assert not any(out.rglob(".*.tmp"))
    monkeypatch.setattr(store.pq, "write_table", real)
    done = run_batch([corpus[0]], out, workers=1, columns=COLUMNS, progress=False)
    assert done.audited == 2 and len(newsaudit.read_results(out)["articles"]) == 2


def test_batch_crash_between_renames_is_redone_once(corpus: list[Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that dies after some parts of a chunk are in place (before its marker)."""
    out = tmp_path / "out"
    real = os.replace
    calls = itertools.count()

    def dies(src, dst):
        if next(calls) == 3 + 1:  # the run file, then three parts of the first chunk
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(store.os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        run_batch([corpus[1]], out, workers=1, chunk_size=2, columns=COLUMNS, progress=False)
    assert len(list((out / "articles").glob("part-*.parquet"))) == 1
    assert store.committed(out) == {}
    assert newsaudit.read_results(out)["articles"].empty  # uncommitted parts are not read
    monkeypatch.setattr(store.os, "replace", real)
    run_batch([corpus[1]], out, workers=1, chunk_size=2, columns=COLUMNS, progress=False)
    t = newsaudit.read_results(out)
    ids = list(t["articles"]["id"]) + list(t["errors"]["id"])
    assert len(ids) == len(set(ids)) == 5


def _batch_cmd(inputs: list[Path], out: Path) -> list[str]:
    return [sys.executable, "-m", "newsaudit.cli", "batch", *map(str, inputs), "--out", str(out),
            "--workers", "1", "--chunk-size", "2", "--quiet",
            *[f"--column={k}={v}" for k, v in COLUMNS.items()]]


def test_batch_sigkill_at_random_points_ends_with_every_document_once(tmp_path: Path) -> None:
    """Kill a real run with SIGKILL at random moments, restart, and check the output."""
    src = tmp_path / "in.jsonl"
    rows = allsides(30, skip=20, chars=500)
    src.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    expected = 31
    out = tmp_path / "out"
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    kills = 0
    for _ in range(4):
        # Kill after a random number of further chunks (0: while starting up), at a
        # random moment after that: before, during or after the next commit.
        target = len(store.committed(out)) + rng.randint(0, 2)
        proc = subprocess.Popen(_batch_cmd([src], out), start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None and len(store.committed(out)) < target:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.5))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        if (out / store.RUN_FILE).exists():  # between kills: committed chunks hold no repeat
            t = newsaudit.read_results(out)
            ids = list(t["articles"]["id"]) + list(t["errors"]["id"])
            assert len(ids) == len(set(ids)), f"seed {seed}"
    assert kills >= 2, f"seed {seed}: the run ended before it could be killed"
    final = subprocess.run(_batch_cmd([src], out), capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    t = newsaudit.read_results(out)
    ids = list(t["articles"]["id"]) + list(t["errors"]["id"])
    assert len(ids) == len(set(ids)) == expected, f"seed {seed}, {kills} kills"
    assert sorted(t["articles"]["title"]) == sorted(r["title"] for r in rows)
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.is_file()]


def test_batch_on_dask_local_cluster_equals_local_run(corpus: list[Path], local_run: Path,
                                                      tmp_path: Path) -> None:
    from distributed import LocalCluster

    out = tmp_path / "dask"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", host="127.0.0.1") as cluster:
        result = run_batch(corpus, out, scheduler=cluster.scheduler_address, chunk_size=2,
                           columns=COLUMNS, progress=False)
    assert result.documents == 7
    workers = {m["worker"] for m in store.committed(out).values()}
    assert len(workers) >= 1
    local, dask = comparable(local_run), comparable(out)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(local[name], dask[name], check_dtype=False)


def test_analyze_many_in_order_equal_to_analyze(example_text: str) -> None:
    texts = [r["content_original"] for r in allsides(2, skip=40)]
    items = [texts[0], "", {"text": texts[1], "source": "CNN"}, example_text]
    got = list(newsaudit.analyze_many(items, workers=1, return_exceptions=True))
    assert isinstance(got[1], newsaudit.InputError)
    for item, report in zip(items, got, strict=True):
        if isinstance(report, BaseException):
            continue
        text = item["text"] if isinstance(item, dict) else item
        expected = newsaudit.analyze(text, site=item.get("source") if isinstance(item, dict)
                                     else None).to_dict()
        d = report.to_dict()
        assert d["text"] == expected["text"]
        assert d["attributions"] == expected["attributions"]
        assert d["claims"] == expected["claims"] and d["signals"]["sourcing"] == \
            expected["signals"]["sourcing"]
    with pytest.raises(newsaudit.InputError):
        list(newsaudit.analyze_many(items, workers=1))
    two = [r.to_dict()["text"] for r in newsaudit.analyze_many(
        [texts[1], example_text, texts[0]], workers=2)]
    assert two == [texts[1], example_text, texts[0]]


def test_cli_batch_prints_summary_and_plain_progress(corpus: list[Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from newsaudit.cli import main

    code = main(["batch", str(corpus[0]), "--out", str(tmp_path / "o"), "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith("2 documents: 2 audited, 0 errors, 0 done by an earlier run")
    assert err.strip().splitlines()[-1].startswith("done: 2/2 documents")
