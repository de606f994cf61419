"""Progress for the terminal (sitegen/reporter.py)."""

from __future__ import annotations

import io

import pytest

from sitegen import reporter as module
from sitegen.issues import Issue, Severity
from sitegen.reporter import TerminalReporter


def test_each_run_of_a_long_lived_reporter_is_timed_from_its_own_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`serve` reports every rebuild with one reporter: a run's time is its own, also after a
    run that ended in content errors; a warning does not end a run."""
    times = [0.0, 10.0, 12.5, 100.0, 130.0]  # each time the reporter reads the clock
    real = module.time.perf_counter
    monkeypatch.setattr(module.time, "perf_counter", lambda: times.pop(0) if times else real())
    out = io.StringIO()
    reporter = TerminalReporter(out)  # 0.0
    reporter.phase("läser")
    reporter.issue(Issue("a.yaml", 1, 1, "", "varning", Severity.WARNING))
    reporter.done("klart")  # 10.0
    reporter.phase("läser")  # 12.5: a new run
    reporter.issue(Issue("a.yaml", 2, 3, "titel", "fel"))
    reporter.phase("läser")  # 100.0: a new run after the error
    reporter.done("klart")  # 130.0
    lines = out.getvalue().splitlines()
    assert lines[2] == "klart (10.00 s)"
    assert lines[4] == "a.yaml:2:3: titel: fel"
    assert lines[-1] == "klart (30.00 s)"
    assert times == []
