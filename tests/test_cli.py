"""The command line: output, exit codes and one-line errors for bad input."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from newsaudit.cli import app, main


def _png() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_analyze_example_json(example_path: Path, capsys) -> None:
    code, out, _ = run(["analyze", str(example_path)], capsys)
    assert code == 0
    d = json.loads(out)
    assert d["article"]["site_name"] == "True Pundit"
    diplomat = [a for a in d["attributions"]
                if (a["speaker"] or {}).get("text") == "a former diplomat"
                and (a["cue"] or {}).get("text") == "told"]
    assert len(diplomat) == 1 and 0.9 < diplomat[0]["confidence"] <= 1


def test_cli_analyze_min_confidence(example_path: Path, capsys) -> None:
    counts = {}
    for level in ("0", "0.9"):
        code, out, _ = run(["analyze", str(example_path), "--min-confidence", level], capsys)
        assert code == 0
        attrs = json.loads(out)["attributions"]
        assert all(a["confidence"] >= float(level) for a in attrs)
        counts[level] = len(attrs)
    code, out, _ = run(["analyze", str(example_path)], capsys)
    default = len(json.loads(out)["attributions"])
    assert counts["0"] >= default > counts["0.9"] >= 1
    code, _, err = run(["analyze", str(example_path), "--min-confidence", "1.5"], capsys)
    assert code == 2 and "min-confidence" in err


def test_cli_analyze_rules_only(tmp_path: Path, capsys) -> None:
    # "charges" cues nothing for the rules; the span model finds the attribution.
    article = tmp_path / "a.txt"
    article.write_text("Trump Charges Foundation Took Money\n\nTrump charges that countries "
                       "that stand to benefit from the deal donated millions of dollars to "
                       "the Clinton Foundation.\n", encoding="utf-8")
    patterns = {}
    for flag in ("--span-model", "--rules-only"):
        code, out, _ = run(["analyze", str(article), flag], capsys)
        assert code == 0
        patterns[flag] = [a["pattern"] for a in json.loads(out)["attributions"]]
    assert patterns == {"--span-model": ["model"], "--rules-only": []}


def test_cli_broken_span_model_exits_5(example_path: Path, tmp_path: Path, monkeypatch,
                                       capsys) -> None:
    from newsaudit.analysis import refinement, spans

    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(refinement, "load_span_model", lambda: spans.SpanModel(tmp_path))
    code, out, err = run(["analyze", str(example_path)], capsys)
    assert code == 5 and out == ""
    assert "span model" in err and "--rules-only" in err and "Traceback" not in err
    code, out, _ = run(["analyze", str(example_path), "--rules-only"], capsys)
    assert code == 0 and json.loads(out)["attributions"]


def test_cli_analyze_text_format(example_path: Path, capsys) -> None:
    code, out, _ = run(["analyze", str(example_path), "--format", "text"], capsys)
    assert code == 0
    assert "Trump Administration In Secret Talks With Russia Over Syria Conflict" in out
    assert "donation" in out
    # The signals table, with the example's sourcing and plain headline.
    assert "language signals" in out
    assert "headline clickbait cues" in out and "0 (none)" in out
    # An older NewsGuard copy is listed but shown as not counted.
    assert "(0.12)" in out
    # Who says what, with each attribution's confidence.
    assert "who says what" in out and "conf." in out


def test_cli_analyze_out_file(example_path: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "report.json"
    code, out, _ = run(["analyze", str(example_path), "--out", str(out_file)], capsys)
    assert code == 0 and out == ""
    assert json.loads(out_file.read_text())["schema_version"] == "1"


def test_cli_failed_run_keeps_existing_out_file(tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "report.json"
    out_file.write_text("previous report")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, _ = run(["analyze", str(empty), "--out", str(out_file)], capsys)
    assert code == 3
    assert out_file.read_text() == "previous report"
    assert list(tmp_path.iterdir()) == sorted([empty, out_file]) or \
        set(tmp_path.iterdir()) == {empty, out_file}


def _make(tmp_path: Path, kind: str) -> str:
    if kind == "empty":
        p = tmp_path / "empty.txt"
        p.write_text("  \n\n ")
    elif kind == "png":
        p = tmp_path / "picture.txt"
        p.write_bytes(_png())
    elif kind == "huge":
        p = tmp_path / "huge.txt"
        with p.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)  # sparse 50 MB file
    elif kind == "nobody":
        p = tmp_path / "page.html"
        p.write_text("<html><head><title>x</title></head><body></body></html>")
    elif kind == "dir":
        p = tmp_path
    else:
        p = tmp_path / "missing.txt"
    return str(p)


@pytest.mark.parametrize(("kind", "code", "message"), [
    ("empty", 3, "empty"),
    ("png", 3, "PNG image"),
    ("huge", 3, "50.0 MB"),
    ("nobody", 3, "no readable text"),
    ("dir", 3, "is a directory"),
    ("missing", 3, "no such file"),
])
def test_cli_bad_input_one_line_error(tmp_path: Path, capsys, kind: str, code: int,
                                      message: str) -> None:
    rc, out, err = run(["analyze", _make(tmp_path, kind)], capsys)
    assert rc == code
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # one message (Rich may wrap a long path)


def test_cli_latin1_bytes_decoded(tmp_path: Path, capsys) -> None:
    p = tmp_path / "latin1.txt"
    text = ("Le ministre a déclaré que la réforme des retraites serait adoptée avant l'été, "
            "selon un communiqué publié à Paris mercredi après-midi.\n")
    p.write_bytes(text.encode("latin-1"))
    code, out, _ = run(["analyze", str(p)], capsys)
    assert code == 0
    d = json.loads(out)
    assert "déclaré" in d["text"] and "l'été" in d["text"]


def test_cli_private_url_refused(capsys, no_network) -> None:
    code, _out, err = run(["analyze", "http://127.0.0.1:8080/article"], capsys)
    assert code == 4
    assert "non-public address 127.0.0.1" in err


def test_cli_usage_error_exit_2(capsys) -> None:
    code, _, err = run(["analyze"], capsys)
    assert code == 2
    assert "Missing argument" in err


def test_cli_unknown_stage_exit_2(example_path: Path, capsys) -> None:
    code, _, err = run(["analyze", str(example_path), "--stages", "nope"], capsys)
    assert code == 2
    assert "unknown stage 'nope'" in err


def test_cli_every_command_has_help(capsys) -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert "analyze" in commands
    for name, command in commands.items():
        assert (command.help or "").strip(), f"command {name} has no help text"
        code, out, _ = run([name, "--help"], capsys)
        assert code == 0 and "Usage" in out, name


def test_cli_subprocess_bad_input_no_traceback(tmp_path: Path) -> None:
    png = tmp_path / "x.png"
    png.write_bytes(_png())
    proc = subprocess.run([sys.executable, "-m", "newsaudit", "analyze", str(png)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "newsaudit: error:" in proc.stderr
