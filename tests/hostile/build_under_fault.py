"""Run `python -m sitegen build` with a fault injected, for tests/hostile/test_hostile_faults.py.

    python build_under_fault.py FAULT N -- build --content … --out …

FAULT is where the process kills itself with SIGKILL (a real kill: no cleanup runs):
  none            no fault (a plain build, for concurrency tests)
  write           at the N-th file written
  before-commit   after every file is written, before the swap
  after-exchange  right after the atomic swap, before the previous site is removed
  between-renames with the two-rename swap, between the renames
  pause           at the N-th write, wait until the file named by $MALBILD_TEST_GO exists

Only the core pages are built (the write and swap machinery is what is under test) and in this
process, so that a kill stops everything at once.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path


def main() -> int:
    fault, n = sys.argv[1], int(sys.argv[2])
    argv = sys.argv[sys.argv.index("--") + 1 :]
    os.environ["MALBILD_WORKERS"] = "1"

    from sitegen import features
    from sitegen.cli import main as cli_main
    from sitegen.render.pages import site_pages
    from sitegen.write import output

    features.PAGE_SOURCES[:] = [site_pages]
    features.OUTPUT_STEPS.clear()
    features.FINISH_STEPS.clear()
    output.LOCK_TIMEOUT = float(os.environ.get("MALBILD_TEST_LOCK_TIMEOUT", "60"))

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    written = 0
    write_claimed = output.Output.write_claimed

    def counting_write(self: output.Output, path: Path, data: bytes) -> None:
        nonlocal written
        written += 1
        if written == n and fault == "write":
            die()
        if written == n and fault == "pause":
            go = Path(os.environ["MALBILD_TEST_GO"])
            Path(str(go) + ".waiting").write_text(str(self.staging), encoding="utf-8")
            while not go.exists():
                time.sleep(0.02)
        write_claimed(self, path, data)

    output.Output.write_claimed = counting_write  # type: ignore[method-assign]
    if fault == "before-commit":
        output.Output.commit = lambda self: die()  # type: ignore[method-assign]
    exchange = output._exchange
    if fault == "after-exchange":

        def exchange_then_die(a: Path, b: Path) -> bool:
            assert exchange(a, b), "this file system cannot swap atomically"
            die()
            return True

        output._exchange = exchange_then_die
    if fault == "between-renames":
        output._exchange = lambda a, b: False
        real_rename = os.rename
        renames = 0

        def rename_then_die(src: object, dst: object) -> None:
            nonlocal renames
            real_rename(src, dst)  # type: ignore[arg-type]
            renames += 1
            if renames == 1 and ".old-" in str(dst):
                die()

        output.os.rename = rename_then_die  # type: ignore[assignment]
    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
