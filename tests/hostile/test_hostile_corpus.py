"""The corpus of broken and hostile content (tests/hostile/cases/): each case runs through
`check` and `build`, must give its located errors and exit codes, never a traceback, and must
leave the previous site byte-identical with nothing stray beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import (
    Case,
    all_cases,
    check_json,
    make_content,
    make_templates,
    run,
    snapshot,
)

CASES = all_cases()
GROUPS = ("yaml-", "md-", "text-", "id-", "path-", "template-")


def test_the_corpus_covers_every_group() -> None:
    assert len(CASES) >= 40
    for group in GROUPS:
        assert any(c.name.startswith(group) for c in CASES), group
    for case in CASES:
        assert case.errors or case.stderr, f"{case.name} expects nothing"
        assert case.check in (0, 1) and case.build in (1, 2), case.name


def _located(issue: dict[str, object], content: Path) -> None:
    """Every error names an existing file (or the link itself), a line and a message."""
    path = content.parent / str(issue["path"])
    assert path.exists() or path.is_symlink(), issue
    assert int(str(issue["line"])) >= 1 and int(str(issue["column"])) >= 1, issue
    assert str(issue["message"]).strip(), issue


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_the_case(case: Case, tmp_path: Path) -> None:
    content = make_content(tmp_path, case.folder)
    code, errors, stderr = check_json(content)
    assert code == case.check, errors
    assert "Traceback" not in stderr
    for error in errors:
        _located(error, content)
    for expected in [e for e in case.errors]:
        assert any(expected.matches(e) for e in errors), (expected, errors)
    if case.errors:  # the plain-text report names the same place: file:line:column: field:
        text = run(["check", "--content", str(content)])
        first = case.errors[0]
        assert f"{first.path}:{first.line}:" in text.stdout + text.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failing_build_leaves_the_site_untouched(
    case: Case, tmp_path: Path, minimal_site: Path
) -> None:
    content = make_content(tmp_path, case.folder)
    templates = make_templates(tmp_path, case.folder)
    before = snapshot(minimal_site)
    argv = ["build", "--content", str(content), "--out", str(minimal_site)]
    if templates is not None:
        argv += ["--templates", str(templates)]
    result = run(argv)
    assert result.code == case.build, result.stderr
    assert "Traceback" not in result.stderr
    issues = [i.as_dict() for i in result.issues]
    for expected in case.errors:
        assert any(expected.matches(i) for i in issues), (expected, issues)
    for text in case.stderr:
        assert text in result.stderr
    assert snapshot(minimal_site) == before
