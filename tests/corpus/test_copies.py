"""Copy detection on real AllSides articles with known edits, and its direction."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsaudit.cli import main
from newsaudit.corpus.copies import CopyOptions, chunk_bounds, find_copies
from newsaudit.corpus.docs import DocMeta, DocStore, parse_date


def _store(items: list[tuple[str, str, str | None]]) -> DocStore:
    store = DocStore()
    for n, (text, source, date) in enumerate(items):
        store.add(text, DocMeta(f"d{n}", source, None, parse_date(date), None, None))
    return store


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


@pytest.fixture(scope="module")
def long_rows(allsides_rows: list[dict]) -> list[dict]:
    return [r for r in allsides_rows if len(_paragraphs(r["content_original"])) >= 8][:40]


def test_edited_copy_is_near_duplicate_with_direction(long_rows: list[dict]) -> None:
    paras = _paragraphs(long_rows[0]["content_original"])
    # Copy: second paragraph deleted, last two swapped, a sentence inserted.
    edited = [paras[0], "Editor's note: this story has been updated.", *paras[2:-2],
              paras[-1], paras[-2]]
    items = [(r["content_original"], r["source"], "2019-01-02") for r in long_rows[1:20]]
    items += [("\n".join(paras), "Origin Daily", "2019-01-01"),
              ("\n".join(edited), "Copier Times", "2019-01-03")]
    result = find_copies(_store(items))
    pair = next(p for p in result.pairs if {p.a, p.b} == {19, 20})
    assert pair.kind == "near_duplicate" and pair.jaccard > 0.7
    assert pair.origin == 19 and pair.basis == "earlier"
    text_a, text_b = result.store.text(pair.a), result.store.text(pair.b)
    for q in pair.passages:  # offsets point at the same words in both texts
        assert text_a[q.a_start:q.a_end].split()[:4] == text_b[q.b_start:q.b_end].split()[:4]


def test_copy_with_dotted_capital_i_is_verified(long_rows: list[dict]) -> None:
    # "İstanbul".lower() is "i̇stanbul": the combining dot is not a word character,
    # and verification once failed on the whole corpus over it.
    paras = _paragraphs(long_rows[0]["content_original"])
    paras[1] = "Erdoğan told reporters in İstanbul that the İzmir talks had gone well. " + paras[1]
    items = [(r["content_original"], r["source"], "2019-01-02") for r in long_rows[1:10]]
    items += [("\n".join(paras), "Origin Daily", "2019-01-01"),
              ("\n".join(paras[:-1]), "Copier Times", "2019-01-03")]
    result = find_copies(_store(items))
    pair = next(p for p in result.pairs if {p.a, p.b} == {9, 10})
    assert pair.origin == 9
    assert any("İstanbul" in result.store.text(9)[q.a_start:q.a_end] for q in pair.passages)


def test_partial_reuse_found_by_chunk_bands(long_rows: list[dict]) -> None:
    source = _paragraphs(long_rows[0]["content_original"])
    host = long_rows[1]["content_original"]
    borrowed = max(source, key=len)
    assert len(borrowed.split()) >= 45
    items = [(long_rows[0]["content_original"], "Origin Daily", "2019-01-01"),
             (host + "\n" + borrowed, "Borrower Post", "2019-01-05")]
    whole_only = find_copies(_store(items), CopyOptions(chunks=False))
    assert whole_only.pairs == []
    result = find_copies(_store(items))
    (pair,) = result.pairs
    assert pair.kind == "partial" and pair.jaccard < 0.3
    (q,) = pair.passages
    assert result.store.text(0)[q.a_start:q.a_end] in borrowed
    assert q.words >= len(borrowed.split()) - 2
    assert result.store.text(1)[q.b_start:q.b_end] == result.store.text(0)[q.a_start:q.a_end]


def test_outlet_stock_text_is_not_a_copy(long_rows: list[dict]) -> None:
    appeal = ("Sign up today to receive the number one rated newsletter in politics. By "
              "signing up you agree to receive email newsletters or alerts from us. You can "
              "unsubscribe at any time. This site is protected by reCAPTCHA and the Google "
              "Privacy Policy and Terms of Service apply to every reader of this page.")
    items = [(r["content_original"] + "\n" + appeal, "Same Outlet", "2019-01-01")
             for r in long_rows[:4]]
    assert find_copies(_store(items)).pairs == []


def test_dcnf_licence_notice_gives_origin(dcnf_rows: list[dict]) -> None:
    original = next(r for r in dcnf_rows if r["source"] == "The Daily Caller")
    # The copier published the same day; only the notice can tell the direction.
    text = original["content_original"]
    notice = "Content created by The Daily Caller News Foundation is available"
    rerun = text[:text.index(notice)] + (
        notice + " without charge to any eligible news publisher that can provide a large "
        "audience.")
    store = DocStore()
    store.add(text, DocMeta("orig", "The Daily Caller", "dailycaller.com",
                            parse_date("2019-12-24"), None, None))
    store.add(rerun, DocMeta("rerun", "Townhall", "townhall.com", parse_date("2019-12-24"),
                             None, None))
    (pair,) = find_copies(store).pairs
    assert pair.origin == 0 and pair.copy == 1 and pair.basis == "notice"
    assert pair.evidence.startswith(notice)
    where, start, end = pair.evidence_span
    assert where == 1 and store.text(1)[start:end] == pair.evidence


def test_common_wire_credit(long_rows: list[dict]) -> None:
    body = long_rows[2]["content_original"]
    store = _store([("WASHINGTON (AP) — " + body, "Paper One", "2020-03-01"),
                    ("WASHINGTON (AP) — " + body, "Paper Two", "2020-03-02")])
    (pair,) = find_copies(store).pairs
    assert pair.basis == "common_origin" and pair.credited == "The Associated Press"
    assert pair.origin == 0


def test_chunk_bounds_merge_short_paragraphs() -> None:
    text = "One two three.\nFour five six seven.\n" + " ".join(["word"] * 50) + "\nTail end."
    bounds = chunk_bounds(text, min_words=10)
    assert bounds[0][0] == 0 and text[bounds[-1][0]:bounds[-1][1]].endswith("Tail end.")
    assert len(bounds) == 1


def test_cli_copies_writes_tables(tmp_path: Path, long_rows: list[dict],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"id": f"a{n}", "text": r["content_original"], "source": r["source"],
             "published": r["date"], "url": r["url"]} for n, r in enumerate(long_rows[:10])]
    rows.append({**rows[0], "id": "dup", "source": "Reprint Weekly", "published": "2030-01-01"})
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["copies", str(corpus), "--out", str(out)]) == 0
    pairs = pq.read_table(out / "pairs.parquet").to_pylist()
    assert [(p["a_id"], p["b_id"], p["origin_id"], p["basis"]) for p in pairs] == [
        ("a0", "dup", "a0", "earlier")]
    graph = pq.read_table(out / "graph.parquet").to_pylist()
    assert graph[0]["source"] == "Reprint Weekly" and graph[0]["share"] == 1.0
    assert "<svg" in (out / "graph.svg").read_text()
    assert "Reprint Weekly <- " in capsys.readouterr().out


def test_batch_output_folder_is_read(tmp_path: Path, long_rows: list[dict]) -> None:
    import pyarrow as pa

    from newsaudit.corpus.docs import is_batch_output, load

    out = tmp_path / "batch"
    (out / "articles").mkdir(parents=True)
    rows = [{"id": f"b{n}", "text": r["content_original"], "url": "https://www.example.com/a",
             "source": None, "site_name": r["source"], "published": r["date"],
             "title": r["title"], "n_chars": len(r["content_original"])}
            for n, r in enumerate(long_rows[:3])]
    pq.write_table(pa.Table.from_pylist(rows), out / "articles" / "part-000001.parquet")
    assert is_batch_output(out) and not is_batch_output(tmp_path)
    store = load([out])
    assert [m.id for m in store.metas] == ["b0", "b1", "b2"]
    assert store.metas[0].outlet == long_rows[0]["source"]
    assert store.metas[0].domain == "example.com"
    assert store.text(2) == long_rows[2]["content_original"]


def test_scheduler_runs_the_groupby_on_dask(long_rows: list[dict]) -> None:
    from distributed import LocalCluster

    items = [(r["content_original"], r["source"], "2019-01-02") for r in long_rows[:8]]
    items.append((long_rows[0]["content_original"], "Reprint Weekly", "2019-01-03"))
    local = find_copies(_store(items))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        remote = find_copies(_store(items), CopyOptions(scheduler=cluster.scheduler_address))
    assert [(p.a, p.b, p.kind) for p in remote.pairs] == [(p.a, p.b, p.kind) for p in local.pairs]
    assert (0, 8) in {(p.a, p.b) for p in remote.pairs}
