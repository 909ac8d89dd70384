"""Auditing a batch of records: batched parse equal to one by one, failures isolated."""

from __future__ import annotations

import time

import pytest

from newsaudit import Options, stage
from newsaudit.corpus.audit import audit_records, read_record
from newsaudit.corpus.inputs import Record
from newsaudit.errors import DataError, InputError
from newsaudit.nlp import Parse

TEXTS = [
    "The Senate passed the bill on Tuesday, officials said.\n\n"
    "\"We will keep going,\" Senator Jane Smith told reporters in Washington.",
    "Negotiators left Geneva on Friday without a deal, a former diplomat said. "
    "EXPLODE is a word this test's stage refuses.",
    "Prices rose 3 percent in March, according to a report by Reuters.",
]


@stage("test.batch_refuses", requires=("doc",), assigns=())
def refuses(article, options) -> None:
    """Fail on articles holding a marker word (for these tests)."""
    if "EXPLODE" in article.text:
        raise ValueError("marker word found")


@stage("test.batch_no_model", requires=("doc",), assigns=())
def no_model(article, options) -> None:
    """Fail as a missing model does (for these tests)."""
    raise DataError("model missing")


@stage("test.batch_slow", requires=("doc",), assigns=())
def slow(article, options) -> None:
    """Take far too long on articles holding a marker word (for these tests)."""
    if "EXPLODE" in article.text:
        time.sleep(300)


def records() -> list[Record]:
    return [Record(id=f"r{i}", text=t, input="t", position=i) for i, t in enumerate(TEXTS)]


def test_parse_pipe_equals_one_by_one() -> None:
    parse = Parse(Options())
    one = [read_record(r, Options()) for r in records()]
    many = [read_record(r, Options()) for r in records()]
    for a in one:
        parse(a)
    parse.pipe(many, batch_size=2)
    for a, b in zip(one, many, strict=True):
        assert [t.text for t in a.doc] == [t.text for t in b.doc]
        assert [(e.start_char, e.label_) for e in a.doc.ents] == \
            [(e.start_char, e.label_) for e in b.doc.ents]
        assert [s.start_char for s in a.doc.sents] == [s.start_char for s in b.doc.sents]


def test_audit_records_isolates_a_failing_document() -> None:
    recs = [*records(), Record(id="bad", input="t", position=3, error="line 4 is not JSON")]
    options = Options(stages=("parse.furniture", "nlp", "test.batch_refuses", "analysis.entities"))
    out = audit_records(recs, options)
    assert [o.record.id for o in out] == ["r0", "r1", "r2", "bad"]
    assert out[1].report is None and out[1].step == "test.batch_refuses"
    assert str(out[1].error) == "marker word found"
    assert out[3].step == "read" and isinstance(out[3].error, InputError)
    short = audit_records(records()[2:], Options(stages=("entities",)))
    assert [e["text"] for e in short[0].report.to_dict()["entities"]] == \
        ["3 percent", "March", "Reuters"]  # type: ignore[union-attr]
    for o in (out[0], out[2]):
        assert o.report is not None
        d = o.report.to_dict()
        assert [p["name"] for p in d["pipeline"]] == list(options.stages or ())
    assert out[2].report is not None
    assert [e["text"] for e in out[2].report.to_dict()["entities"]] == \
        ["3 percent", "March", "Reuters"]


def test_audit_records_stops_on_a_missing_model() -> None:
    with pytest.raises(DataError, match="model missing"):
        audit_records(records(), Options(stages=("parse.furniture", "nlp", "test.batch_no_model")))


def test_audit_records_deadline_keeps_a_partial_report() -> None:
    """A document over the deadline keeps what is done, as analyze() does."""
    options = Options(stages=("parse.furniture", "nlp", "test.batch_slow", "analysis.entities"),
                      deadline=20.0)  # wide: the other articles must finish on a loaded machine
    audit_records(records()[2:], options)  # resources a stage loads on first use
    t0 = time.perf_counter()
    out = audit_records(records(), options)
    assert time.perf_counter() - t0 < 200
    d = out[1].report.to_dict()  # type: ignore[union-attr]
    assert d["unfinished"] == ["test.batch_slow", "analysis.entities"]
    assert [n["kind"] for n in d["notes"]] == ["deadline"]
    d2 = out[2].report.to_dict()  # type: ignore[union-attr]
    assert d2["unfinished"] == [], (d2["notes"], d2["timings"])
    assert out[2].report.to_dict()["entities"]  # type: ignore[union-attr]
