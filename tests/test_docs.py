"""Every setting and every command is documented in the README (as Datasette's test_docs does)."""

from __future__ import annotations

from pathlib import Path

from sitegen.cli import make_parser
from sitegen.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"| `{name}` |" in README, f"setting {name} is missing from the README table"


def test_every_command_is_documented() -> None:
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"python -m sitegen {name}" in README, f"command {name} missing from README"


def test_readme_starts_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:8])
    assert "make serve" in head and "make test" in head
