"""Every command and option is documented: docs/cli.md is exactly what Typer makes of the CLI.

Regenerate after changing a command:
    python -m typer newsaudit.cli utils docs --name newsaudit --output docs/cli.md
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

from newsaudit.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_docs_cli_md_matches_the_commands() -> None:
    generated = subprocess.run(
        [sys.executable, "-m", "typer", "newsaudit.cli", "utils", "docs", "--name", "newsaudit"],
        capture_output=True, text=True, check=True, timeout=300).stdout
    assert DOCS.read_text(encoding="utf-8").strip() == generated.strip(), (
        "docs/cli.md is out of date: python -m typer newsaudit.cli utils docs "
        "--name newsaudit --output docs/cli.md")


def test_every_command_and_option_has_help_text() -> None:
    root = typer.main.get_command(app)
    stack = [("newsaudit", root)]
    while stack:
        name, command = stack.pop()
        assert (command.help or "").strip(), f"{name} has no help text"
        for param in command.params:
            if param.param_type_name == "option":
                assert (getattr(param, "help", "") or "").strip(), \
                    f"{name} {param.opts[0]} has no help text"
        for sub_name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{name} {sub_name}", sub))
