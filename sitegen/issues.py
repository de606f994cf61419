"""Content problems with their source span: the one error type every phase reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one content file, located like Hugo's `file:line:col`."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        loc = f"{self.path}:{self.line}:{self.column}"
        name = f" {self.field}:" if self.field else ""
        return f"{loc}:{name} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


@dataclass
class IssueList:
    """Collects every problem of a run so that the build stops once, with all of them."""

    root: Path
    items: list[Issue] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(
        self,
        path: Path | str,
        line: int,
        column: int,
        field: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        shown = self.rel(path) if isinstance(path, Path) else path
        self.items.append(Issue(shown, line, column, field, message, severity))

    @property
    def errors(self) -> list[Issue]:
        return sorted(i for i in self.items if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Issue]:
        return sorted(i for i in self.items if i.severity is Severity.WARNING)


class ContentError(Exception):
    """Raised once, after loading, when the content has errors. Carries all of them."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} fel i innehållet")
