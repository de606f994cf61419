"""Faults while writing: a build killed at any point, a full disk, an unwritable or dangerous
output folder, two builds at once. The previous site stays complete and nothing stray is left."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import REPO, core_builds, make_content, run, snapshot

from sitegen import features
from sitegen.write import output

HELPER = Path(__file__).resolve().parent / "build_under_fault.py"


@pytest.fixture
def core_only() -> Iterator[None]:
    """Build only the core pages, in this process: the writer is under test, not the features."""
    with core_builds():
        yield


@pytest.fixture
def site(tmp_path: Path, core_only: None) -> Iterator[tuple[Path, Path]]:
    """(content, out): the minimal content and a good build of it in a folder of its own."""
    content = make_content(tmp_path / "source")
    out = tmp_path / "publicerat" / "_site"
    result = run(["build", "--content", str(content), "--out", str(out)])
    assert result.code == 0, result.stderr
    yield content, out


def build_args(content: Path, out: Path) -> list[str]:
    return ["build", "--content", str(content), "--out", str(out)]


def spawn(fault: str, n: int, content: Path, out: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), fault, str(n), "--", *build_args(content, out)],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def files_of(out: Path) -> dict[str, str]:
    return {k: v for k, v in snapshot(out).items() if not k.startswith("../")}


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p != out)


@pytest.mark.parametrize(
    ("fault", "n"),
    [("write", 12), ("before-commit", 0), ("after-exchange", 0), ("between-renames", 0)],
)
def test_killed_build_leaves_a_complete_site(
    fault: str, n: int, site: tuple[Path, Path], core_only: None
) -> None:
    content, out = site
    previous = files_of(out)
    (content / "kommuner/exempelby/mal/fler-bostader.yaml").write_text(
        (content / "kommuner/exempelby/mal/fler-bostader.yaml")
        .read_text(encoding="utf-8")
        .replace("Fler bostäder i hela kommunen", "Många fler bostäder"),
        encoding="utf-8",
    )
    process = spawn(fault, n, content, out)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, stderr
    # A web server reading the folder now sees a complete site: the previous one, or (killed
    # after the one-step swap) the new one.
    now = files_of(out) if out.exists() else {}
    if fault == "after-exchange":
        assert now != previous and set(now) == set(previous)
    elif fault == "between-renames":
        assert now == {}  # the one moment without a site; the next build puts it back first
    else:
        assert now == previous
    # The next build tidies up after the killed one and publishes the new site.
    result = run(build_args(content, out))
    assert result.code == 0, result.stderr
    assert beside(out) == []
    assert set(files_of(out)) == set(previous)
    page = out / "kommuner/exempelby/mal/fler-bostader/index.html"
    assert "Många fler bostäder" in page.read_text(encoding="utf-8")


def test_next_build_puts_the_previous_site_back_first(site: tuple[Path, Path]) -> None:
    """Killed between the two renames (file systems without an atomic swap): a build that then
    fails still leaves the previous site in place."""
    content, out = site
    previous = files_of(out)
    process = spawn("between-renames", 0, content, out)
    process.communicate(timeout=120)
    assert not out.exists()
    (content / "kommuner/exempelby/kommun.yaml").write_text("id: [\n", encoding="utf-8")
    assert run(build_args(content, out)).code == 1  # content error: nothing is written…
    result = run(build_args(make_content(out.parent.parent / "ny"), out))
    assert result.code == 0, result.stderr  # …and the next good build finds the site in place
    assert set(files_of(out)) == set(previous)
    assert beside(out) == []


def test_killed_at_random_moments(site: tuple[Path, Path]) -> None:
    """Real kills from outside at random moments (bounded: a few runs)."""
    content, out = site
    previous = files_of(out)
    rng = random.Random(9)
    for _ in range(2):
        process = spawn("none", 0, content, out)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)
        assert files_of(out) == previous  # the same content: whole either way
    result = run(build_args(content, out))
    assert result.code == 0, result.stderr
    assert beside(out) == [] and files_of(out) == previous


def test_two_builds_at_once(site: tuple[Path, Path]) -> None:
    content, out = site
    previous = files_of(out)
    first = spawn("none", 0, content, out)
    second = spawn("none", 0, content, out)
    for process in (first, second):
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
    # One whole site: every file there, every page complete, nothing left beside it. (Not
    # compared byte for byte with `previous`: that was rendered in this process, with templates
    # compiled at the start of the session.)
    assert set(files_of(out)) == set(previous)
    for page in out.rglob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    assert beside(out) == []


def test_a_waiting_build_never_removes_a_live_build_s_staging(
    site: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = site
    go = tmp_path / "go"
    live = spawn("pause", 3, content, out, MALBILD_TEST_GO=str(go))
    waiting = Path(str(go) + ".waiting")
    deadline = time.monotonic() + 120
    while not waiting.exists():
        assert live.poll() is None and time.monotonic() < deadline, live.stderr
        time.sleep(0.05)
    staging = Path(waiting.read_text(encoding="utf-8"))
    assert staging.is_dir()
    monkeypatch.setattr(output, "LOCK_TIMEOUT", 0.5)
    result = run(build_args(content, out))
    assert result.code == 2
    assert "ett annat bygge skriver till samma mapp" in result.stderr
    assert staging.is_dir()  # the live build's work is untouched
    go.write_text("", encoding="utf-8")
    _, stderr = live.communicate(timeout=120)
    assert live.returncode == 0, stderr
    assert beside(out) == []


def _full_disk_after(calls: int, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.write_bytes
    count = 0

    def write_bytes(self: Path, data: bytes) -> int:  # type: ignore[override]
        nonlocal count
        if ".tmp-" in str(self):
            count += 1
            if count >= calls:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


@pytest.mark.parametrize("calls", [1, 7])
def test_full_disk_mid_build(
    calls: int, site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = site
    before = snapshot(out)
    _full_disk_after(calls, monkeypatch)
    result = run(build_args(content, out))
    assert result.code == 2
    assert "disken är full" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_full_disk_in_a_finishing_step(
    site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feature that writes into the staging folder itself (like the search index)."""
    content, out = site
    before = snapshot(out)

    def finish(site_dir: Path, staging: Path, settings: object, reporter: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(staging / "sok" / "index.json"))

    monkeypatch.setattr(features, "FINISH_STEPS", [finish])
    result = run(build_args(content, out))
    assert result.code == 2
    assert "disken är full" in result.stderr and "index.json" in result.stderr
    assert snapshot(out) == before


def test_swap_that_fails_keeps_the_previous_site(
    site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = site
    before = snapshot(out)

    def broken(a: Path, b: Path) -> bool:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(b))

    monkeypatch.setattr(output, "_exchange", broken)
    result = run(build_args(content, out))
    assert result.code == 2 and "kunde inte skrivas" in result.stderr
    assert snapshot(out) == before


def test_unwritable_output_folder(site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    content, out = site
    before = snapshot(out)

    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(out.parent))

    monkeypatch.setattr(output.tempfile, "mkdtemp", refused)
    result = run(build_args(content, out))
    assert result.code == 2
    assert "saknar behörighet" in result.stderr and "--out" in result.stderr
    assert snapshot(out) == before


def test_output_under_a_file(tmp_path: Path, core_only: None) -> None:
    content = make_content(tmp_path)
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker / "_site", blocker):
        result = run(build_args(content, out))
        assert result.code == 2, out
        assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "x"


def test_output_that_would_replace_precious_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, core_only: None
) -> None:
    content = make_content(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    for out in (content, tmp_path, content / "kommuner" / "_site", tmp_path / "repo", Path(".")):
        listing = sorted(p.name for p in tmp_path.iterdir())
        result = run(build_args(content, out))
        assert result.code == 2, out
        assert "kan inte användas för webbplatsen" in result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert (content / "kommuner" / "exempelby" / "kommun.yaml").is_file()


def test_published_site_is_readable_by_a_web_server(site: tuple[Path, Path]) -> None:
    """The staging folder is private while written; the published site is not."""
    _, out = site
    assert out.stat().st_mode & 0o755 == 0o755


def test_a_stale_lock_file_does_not_block(site: tuple[Path, Path]) -> None:
    content, out = site
    (out.parent / f".{out.name}.lock").write_text("", encoding="utf-8")  # left by a killed build
    stale = out.parent / f".{out.name}.tmp-killed"
    (stale / "kommuner").mkdir(parents=True)
    assert run(build_args(content, out)).code == 0
    assert beside(out) == []
    shutil.rmtree(out)


def test_writer_refuses_paths_outside_the_site(tmp_path: Path) -> None:
    writer = output.Output(tmp_path / "site")
    for bad in [
        "",
        "/etc/passwd",
        "../x.html",
        "a/../../x",
        "a\\b",
        "a\x00b.html",
        "a\nb/index.html",
    ]:
        with pytest.raises(output.OutputError):
            writer.write_text(bad, "x")
    writer.abort()
    assert list(tmp_path.iterdir()) == []
