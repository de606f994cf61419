"""Build progress, kept apart from the build: terminal output, silence, or recorded events."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from sitegen.issues import Issue, Severity


class Reporter:
    """Silent reporter; the base of the others."""

    def phase(self, name: str) -> None:
        """A phase of the build starts: 'läser', 'kontrollerar', 'skriver', …"""

    def issue(self, issue: Issue) -> None:
        """A content problem."""

    def done(self, summary: str) -> None:
        """The run ended (successfully or not)."""


class TerminalReporter(Reporter):
    """Human-readable progress on stderr; each run's time from its first phase (`serve` uses
    one reporter for all its rebuilds)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self._ended = False

    def phase(self, name: str) -> None:
        if self._ended:  # a new run
            self.started = time.perf_counter()
            self._ended = False
        print(f"… {name}", file=self.stream)

    def issue(self, issue: Issue) -> None:
        print(issue.format(), file=self.stream)
        if issue.severity is Severity.ERROR:  # errors end a run
            self._ended = True

    def done(self, summary: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"{summary} ({elapsed:.2f} s)", file=self.stream)
        self._ended = True


@dataclass
class RecordingReporter(Reporter):
    """Keeps every event, for tests to assert on."""

    events: list[tuple[str, object]] = field(default_factory=list)

    def phase(self, name: str) -> None:
        self.events.append(("phase", name))

    def issue(self, issue: Issue) -> None:
        self.events.append(("issue", issue))

    def done(self, summary: str) -> None:
        self.events.append(("done", summary))

    @property
    def phases(self) -> list[str]:
        return [str(v) for k, v in self.events if k == "phase"]
