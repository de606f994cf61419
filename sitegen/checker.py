"""`python -m sitegen check`: every error and warning at once, sorted, with a summary.

Text output is one problem per line, `fil:rad:kolumn: fält: meddelande` (warnings carry
`varning:` after the position), which editors and CI annotate. `--format json` gives the same
problems for tools.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sitegen.issues import ContentError, Issue, Severity
from sitegen.pipeline import load_site
from sitegen.reporter import Reporter
from sitegen.settings import Settings
from sitegen.site.warnings import site_warnings


@dataclass
class CheckResult:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    #: False when errors stopped the run before the warnings pass.
    warnings_checked: bool = True

    def exit_code(self, strict: bool) -> int:
        """0 clean, 1 when there are errors (or warnings under --strict)."""
        return 1 if self.errors or (strict and self.warnings) else 0


class ProgressOnly(Reporter):
    """Forwards progress but not problems (the check prints those itself, once, sorted)."""

    def __init__(self, inner: Reporter) -> None:
        self.inner = inner

    def phase(self, name: str) -> None:
        self.inner.phase(name)

    def done(self, summary: str) -> None:
        self.inner.done(summary)


def run_check(settings: Settings, reporter: Reporter, today: date) -> CheckResult:
    """Validate everything without writing; warnings are computed when there are no errors.

    `reporter` gets the progress and each content error (not the warnings)."""
    try:
        site, issues = load_site(settings, reporter)
    except ContentError as err:
        return CheckResult(errors=sorted(err.issues), warnings_checked=False)
    root = settings.content_dir.resolve().parent
    warnings = sorted([*issues.warnings, *site_warnings(site, root, today)])
    reporter.done("innehållet är giltigt")
    return CheckResult(warnings=warnings)


def format_issue(issue: Issue) -> str:
    """`fil:rad:kolumn: fält: meddelande`; warnings say so after the position."""
    if issue.severity is Severity.WARNING:
        name = f" {issue.field}:" if issue.field else ""
        return f"{issue.path}:{issue.line}:{issue.column}: varning:{name} {issue.message}"
    return issue.format()


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(result: CheckResult, strict: bool) -> str:
    """One Swedish line: how many errors and warnings in how many files."""
    files = {i.path for i in result.errors} | {i.path for i in result.warnings}
    if not result.errors and not result.warnings:
        return "Inga fel och inga varningar: innehållet är giltigt."
    parts = [_count(len(result.errors), "fel", "fel") if result.errors else "Inga fel"]
    if result.warnings_checked:
        parts.append(_count(len(result.warnings), "varning", "varningar"))
    line = f"{' och '.join(parts)} i {_count(len(files), 'fil', 'filer')}."
    if not result.warnings_checked:
        line += " Varningarna visas när felen är rättade."
    elif not result.errors and not strict:
        line += " Varningar stoppar inte bygget; med --strict räknas de som fel."
    elif not result.errors and strict:
        line += " --strict: varningarna räknas som fel."
    return line


def format_text(result: CheckResult, strict: bool) -> str:
    lines = [format_issue(i) for i in result.errors]
    if result.warnings:
        if lines:
            lines.append("")
        lines.append("Varningar:")
        lines.extend(format_issue(i) for i in result.warnings)
    if lines:
        lines.append("")
    lines.append(summary(result, strict))
    return "\n".join(lines)


def format_json(result: CheckResult, strict: bool) -> str:
    files = {i.path for i in result.errors} | {i.path for i in result.warnings}
    return json.dumps(
        {
            "ok": result.exit_code(strict) == 0,
            "strict": strict,
            "errors": [i.as_dict() for i in result.errors],
            "warnings": [i.as_dict() for i in result.warnings],
            "warnings_checked": result.warnings_checked,
            "summary": {
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "files": len(files),
                "text": summary(result, strict),
            },
        },
        ensure_ascii=False,
        indent=2,
    )
