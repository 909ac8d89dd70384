"""The deadline: a run that takes too long ends with a partial report or a clear error."""

from __future__ import annotations

import json
import threading
import time

import pytest

import newsaudit
from newsaudit import schema
from newsaudit.cli import main
from newsaudit.deadline import Deadline
from newsaudit.errors import DeadlineError, StageInterrupted
from newsaudit.pipeline import Pipeline, stage


@stage("test.slow", version="1", requires=("body",), assigns=())
def slow_stage(article: newsaudit.Article, options: newsaudit.Options) -> None:
    """A stage that would run for a minute (pure Python, like a runaway rule)."""
    end = time.monotonic() + 60
    while time.monotonic() < end:
        pass


STAGES = ("parse.furniture", "test.slow", "analysis.provenance")


def test_deadline_interrupts_a_running_stage(example_text: str) -> None:
    options = newsaudit.Options(stages=STAGES, deadline=1.0)
    t0 = time.monotonic()
    d = newsaudit.analyze(example_text, options=options).to_dict()
    assert time.monotonic() - t0 < 30
    assert d["unfinished"] == ["test.slow", "analysis.provenance"]
    assert [p["name"] for p in d["pipeline"]] == ["parse.furniture"]
    assert d["article"]["body_spans"]  # what finished is kept
    note = d["notes"][-1]
    assert note["kind"] == "deadline" and "test.slow" in note["message"]
    schema.validate(d)


def test_deadline_between_stages_in_a_worker_thread(example_text: str) -> None:
    # No signals outside the main thread: the stage runs to its end, the rest is cut.
    pipe = Pipeline(("parse.furniture", "analysis.provenance"),
                    newsaudit.Options(deadline=None))
    article = newsaudit.read(example_text)
    expired = Deadline(0.001)
    time.sleep(0.01)
    done: list[newsaudit.Article] = []
    worker = threading.Thread(target=lambda: done.append(pipe(article, expired)))
    worker.start()
    worker.join(60)
    assert done and done[0].unfinished == ["parse.furniture", "analysis.provenance"]


def test_no_deadline_runs_everything(example_text: str) -> None:
    d = newsaudit.analyze(example_text, options=newsaudit.Options(deadline=None)).to_dict()
    assert d["unfinished"] == [] and not [n for n in d["notes"] if n["kind"] == "deadline"]


def test_deadline_while_reading_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_read(*args: object, **kwargs: object) -> None:
        time.sleep(30)

    monkeypatch.setattr("newsaudit.core.read", slow_read)
    with pytest.raises(DeadlineError, match="deadline"):
        newsaudit.analyze("text", options=newsaudit.Options(deadline=0.3))


def test_late_alarm_is_ignored() -> None:
    d = Deadline(0.05)
    with d.interrupting():
        pass
    time.sleep(0.1)  # no alarm may fire after the block
    with pytest.raises(StageInterrupted), Deadline(0.05).interrupting():
        time.sleep(5)


def test_cli_deadline_partial_report(example_path, capsys) -> None:
    code = main(["analyze", str(example_path), "--stages", ",".join(STAGES),
                 "--deadline", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["unfinished"] == ["test.slow", "analysis.provenance"]
    assert "deadline passed" in err and "test.slow" in err
