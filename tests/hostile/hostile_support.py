"""Helpers of the hostile-input tests: content trees made from the minimal fixture, snapshots of
an output folder (with its parent, to see stray files) and runs of the command line."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from sitegen import features
from sitegen.cli import main
from sitegen.issues import Issue
from sitegen.render import batch
from sitegen.render.pages import site_pages
from sitegen.reporter import RecordingReporter

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "fixtures" / "minimal" / "content"
TEMPLATES = REPO / "templates"
CASES = Path(__file__).resolve().parent / "cases"
#: One fixed build date for builds that are compared with each other (2026-01-01).
SOURCE_DATE_EPOCH = "1767225600"


def make_content(dest: Path, case: Path | None = None) -> Path:
    """The minimal content at `dest/content`, with a case's files laid over it."""
    content = dest / "content"
    shutil.copytree(MINIMAL, content)
    if case is None:
        return content
    for rel in _lines(case / "remove.txt"):
        (content / rel).unlink()
    overlay = case / "content"
    if overlay.is_dir():
        shutil.copytree(overlay, content, dirs_exist_ok=True)
    setup = case / "setup.py"
    if setup.is_file():
        spec = importlib.util.spec_from_file_location(f"hostile_setup_{case.name}", setup)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.setup(content)
    return content


def make_templates(dest: Path, case: Path) -> Path | None:
    """A copy of the templates with a case's templates laid over it (None if it has none)."""
    overlay = case / "templates"
    if not overlay.is_dir():
        return None
    templates = dest / "templates"
    shutil.copytree(TEMPLATES, templates)
    shutil.copytree(overlay, templates, dirs_exist_ok=True)
    return templates


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@dataclass(frozen=True)
class Expected:
    """One located error a case must produce: file, line, field and part of the message."""

    path: str
    line: int
    field: str
    text: str

    def matches(self, issue: dict[str, object]) -> bool:
        return (
            issue["path"] == self.path
            and issue["line"] == self.line
            and issue["field"] == self.field
            and self.text in str(issue["message"])
        )


@dataclass
class Case:
    name: str
    folder: Path
    about: str
    check: int
    build: int
    errors: list[Expected] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)


def load_case(folder: Path) -> Case:
    raw = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    case = Case(folder.name, folder, raw[0].lstrip("# "), 0, 0)
    for line in raw[1:]:
        if not line.strip():
            continue
        head, _, rest = line.partition(" ")
        if head == "check":
            case.check = int(rest)
        elif head == "build":
            case.build = int(rest)
        elif head == "stderr:":
            case.stderr.append(rest)
        else:
            where, _, text = line.partition(": ")
            location, _, name = where.partition(" ")
            path, _, number = location.rpartition(":")
            case.errors.append(Expected(path, int(number), "" if name == "-" else name, text))
    return case


def all_cases() -> list[Case]:
    return [load_case(folder) for folder in sorted(CASES.iterdir()) if folder.is_dir()]


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    issues: list[Issue]


def run(argv: list[str]) -> Run:
    """`python -m sitegen ARGV` in this process, with its output and recorded issues."""
    reporter = RecordingReporter()
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv, reporter=reporter)
    issues = [i for kind, i in reporter.events if kind == "issue" and isinstance(i, Issue)]
    return Run(code, out.getvalue(), err.getvalue(), issues)


def check_json(content: Path) -> tuple[int, list[dict[str, object]], str]:
    result = run(["check", "--content", str(content), "--format", "json"])
    return result.code, json.loads(result.stdout)["errors"], result.stderr


def snapshot(out: Path) -> dict[str, str]:
    """Every file under `out` with its hash, and the names beside `out` (stray files show)."""
    files = {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }
    files.update({f"../{p.name}": "" for p in out.parent.iterdir() if p != out})
    return files


_ENVIRONMENTS: dict[tuple[object, ...], object] = {}
_make_environment = batch.make_environment


def _cached_environment(templates: Path, base_url: str, language: str, *rest: object) -> object:
    """Jinja2 environments made once per session (compiling the templates is most of a small
    build's time); keyed without the asset manifest, which is the same for the same templates."""
    key = (templates, base_url, language, *(r for r in rest if not hasattr(r, "names")))
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _make_environment(templates, base_url, language, *rest)  # type: ignore[arg-type]
    return _ENVIRONMENTS[key]


@contextmanager
def core_builds() -> Iterator[None]:
    """Builds of the core pages only, rendered in this process with cached environments: for
    tests of the writer and of escaping, where the features' own outputs are not under test."""
    saved = (list(features.PAGE_SOURCES), list(features.OUTPUT_STEPS), list(features.FINISH_STEPS))
    features.PAGE_SOURCES[:] = [site_pages]
    features.OUTPUT_STEPS.clear()
    features.FINISH_STEPS.clear()
    batch.make_environment = _cached_environment  # type: ignore[assignment]
    workers = os.environ.get("MALBILD_WORKERS")
    os.environ["MALBILD_WORKERS"] = "1"
    try:
        yield
    finally:
        batch.make_environment = _make_environment
        features.PAGE_SOURCES[:], features.OUTPUT_STEPS[:], features.FINISH_STEPS[:] = saved
        if workers is None:
            os.environ.pop("MALBILD_WORKERS", None)
        else:
            os.environ["MALBILD_WORKERS"] = workers
