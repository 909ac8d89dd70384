"""``--out``: checked before the analysis, permissions and symlinks kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsaudit.cli import main


@pytest.fixture()
def no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis ran before --out was checked")

    monkeypatch.setattr("newsaudit.core.analyze", refuse)


def test_out_missing_folder_found_before_the_analysis(example_path: Path, tmp_path: Path,
                                                      no_analysis: None, capsys) -> None:
    out = tmp_path / "missing" / "report.json"
    assert main(["analyze", str(example_path), "--out", str(out)]) == 3
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_out_unwritable_folder_found_before_the_analysis(example_path: Path, tmp_path: Path,
                                                         no_analysis: None, capsys) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    assert main(["analyze", str(example_path), "--out", str(folder / "r.json")]) == 3
    assert "not writable" in capsys.readouterr().err


def test_out_keeps_mode_and_symlink(example_path: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n")
    real.chmod(0o644)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["analyze", str(example_path), "--out", str(link), "--stages",
                 "parse.furniture"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["schema_version"] == "1"
    assert real.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_out_new_file_gets_usual_permissions(example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    old = os.umask(0o022)
    try:
        assert main(["analyze", str(example_path), "--out", str(out), "--stages",
                     "parse.furniture"]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
