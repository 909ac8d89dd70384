"""The rating index and ratings files under careless use: races, bad caches, bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import newsaudit.judge.ratings as ratings
from newsaudit.cli import main
from newsaudit.errors import DataError, InputError, MissingDataError
from newsaudit.judge.overrides import load_overrides

SRC = str(Path(ratings.__file__).resolve().parents[2])


def _load_in_process(cache: Path) -> subprocess.Popen:
    env = {**os.environ, "NEWSAUDIT_CACHE": str(cache), "PYTHONPATH": SRC}
    code = "from newsaudit.judge.ratings import load_index; load_index(); print('ok')"
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_cold_cache_race_between_processes(tmp_path: Path) -> None:
    procs = [_load_in_process(tmp_path) for _ in range(3)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"ratings-v{ratings.INDEX_VERSION}.json", f"ratings-v{ratings.INDEX_VERSION}.json.lock"]


def test_cold_cache_race_between_threads(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path))
    builds: list[int] = []
    real_build = ratings.build

    def counting_build(root: Path, target: Path) -> dict:
        builds.append(1)
        return real_build(root, target)

    monkeypatch.setattr(ratings, "build", counting_build)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            ratings.load_index.__wrapped__()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == [] and len(builds) == 1


@pytest.mark.parametrize("content", ['{"version": 2}', "[1, 2, 3]", '{"by_domain": []}', "{"])
def test_cache_of_wrong_shape_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         content: str) -> None:
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path))
    target = tmp_path / f"ratings-v{ratings.INDEX_VERSION}.json"
    target.write_text(content, encoding="utf-8")
    index = ratings.load_index.__wrapped__()
    assert index.resolve("reuters.com") is not None
    assert json.loads(target.read_text(encoding="utf-8"))["by_domain"]


def test_uncreatable_cache_folder_exit_5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(blocker / "cache"))
    ratings.load_index.cache_clear()
    try:
        code = main(["source", "reuters.com"])
    finally:
        ratings.load_index.cache_clear()
    err = capsys.readouterr().err
    assert code == 5 and str(blocker / "cache") in err and "internal" not in err


def test_missing_newsaudit_data_folder_is_an_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSAUDIT_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match="nowhere") as info:
        ratings.load_index.__wrapped__()
    # Not "no data installed" (which the audit survives): a setting that is wrong.
    assert not isinstance(info.value, MissingDataError)


def test_ratings_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes("domain,score,label\r\nexample.com,0.2,low\r\n".encode("utf-8-sig"))
    assert load_overrides(path)["example.com"][0]["score"] == 0.2


def test_ratings_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes("domain,score,name\nexample.com,0.2,Le Progrès\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_overrides(path)


@pytest.mark.parametrize("toml", ['[sources]\n"x.com" = 0.9\n', 'sources = 3\n',
                                  '[sources."x.com"]\nscore = "high"\n'])
def test_ratings_toml_of_wrong_types(tmp_path: Path, toml: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError, match=r"mine\.toml"):
        load_overrides(path)


def test_cli_bad_ratings_file_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[sources]\n"x.com" = 0.9\n', encoding="utf-8")
    assert main(["source", "x.com", "--ratings", str(path)]) == 3
    assert "must be a table" in capsys.readouterr().err
