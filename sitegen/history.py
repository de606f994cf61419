"""The content's change history from git: one `git log` per build for the whole content tree.

Goal and municipality pages show when their content last changed and link to the source file on
the hosting repository ("Redigera den här sidan") when `repo_url` is set; each municipality gets a
change-history page and an Atom feed. Commit dates are part of the repository, so two builds of
the same commit show the same dates. Outside a repository (or for a file git does not know) the
file's modification time is used, clamped to SOURCE_DATE_EPOCH when that is set.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from sitegen.load.content import MUNICIPALITIES_DIR

#: Separators that cannot occur in a commit's subject or a file name.
_RECORD = "\x1e"
_UNIT = "\x1f"
GIT_TIMEOUT = 120


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime  # committer date, in the committer's own offset
    subject: str
    #: Changed files, relative to content/ (POSIX).
    files: tuple[str, ...]

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> date:
        return self.when.date()


@dataclass
class ContentHistory:
    """Commits that touched the content, newest first, and each file's last change."""

    content_root: Path
    in_repo: bool = False
    #: The content folder's path inside the repository, e.g. 'content/'.
    prefix: str = ""
    commits: list[Commit] = field(default_factory=list)
    last_change: dict[str, datetime] = field(default_factory=dict)
    by_municipality: dict[str, list[Commit]] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        """A file's path relative to content/ (POSIX), as git names it."""
        try:
            return path.relative_to(self.content_root).as_posix()
        except ValueError:
            pass
        try:  # resolving asks the file system: only when the path is not plainly inside
            return path.resolve().relative_to(self.content_root).as_posix()
        except ValueError:
            return path.name

    def changed_at(self, path: Path) -> datetime:
        """When a file last changed: its last commit, else its modification time; never after
        SOURCE_DATE_EPOCH (a build dated then cannot show a later change, and a shallow clone
        in CI, where every file seems changed by the one commit, still builds the same pages)."""
        known = self.last_change.get(self.rel(path))
        return _clamp(known) if known is not None else _mtime(path)

    def changed(self, path: Path) -> date:
        return self.changed_at(path).date()

    def latest(self, paths: Iterable[Path]) -> date:
        """The last change among several files (a municipality page shows many)."""
        return max((self.changed_at(p) for p in paths), default=_epoch()).date()

    def municipality_commits(self, mid: str) -> list[Commit]:
        return self.by_municipality.get(mid, [])

    def municipality_changed(self, m: Any) -> date:
        """The last change to anything a municipality page shows (its whole folder)."""
        commits = self.by_municipality.get(m.id)
        untracked = [p for p in municipality_files(m) if self.rel(p) not in self.last_change]
        newest = [_clamp(commits[0].when)] if commits else []
        newest.extend(_mtime(p) for p in untracked)
        return max(newest, default=_epoch()).date()

    def edit_url(self, settings: Any, path: Path) -> str:
        """'Redigera den här sidan': the file on the hosting repository (needs repo_url)."""
        return edit_url(settings.repo_url, settings.repo_branch, self.repo_path(path))

    def commit_url(self, settings: Any, commit: Commit) -> str:
        return commit_url(settings.repo_url, commit.sha)

    def repo_path(self, path: Path) -> str:
        """The file's path inside the repository, for links to it."""
        if self.in_repo:
            return self.prefix + self.rel(path)
        return f"{self.content_root.name}/{self.rel(path)}"


def municipality_files(m: Any) -> list[Path]:
    """The files a municipality's pages are made from (kommun.yaml, plans, areas, goals, …)."""
    files = [m.path]
    for kind in ("plans", "areas", "goals", "actions"):
        files.extend(node.path for node in getattr(m, kind, []))
    return files


def _epoch() -> datetime:
    return datetime.fromtimestamp(0, tz=UTC)


def _source_date_epoch() -> datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        return datetime.fromtimestamp(int(raw), tz=UTC)
    return None


def _clamp(when: datetime) -> datetime:
    """`when`, or SOURCE_DATE_EPOCH if that is earlier (reproducible-builds.org's clamping)."""
    limit = _source_date_epoch()
    return when if limit is None or when <= limit else limit


def _mtime(path: Path) -> datetime:
    try:
        when = datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
    except OSError:
        when = _epoch()
    return _clamp(when)


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def parse_log(text: str) -> list[Commit]:
    """Parse `git log --format=<RS>%H<US>%cI<US>%s --name-only` output."""
    commits = []
    for record in text.split(_RECORD):
        if not record.strip():
            continue
        head, _, names = record.partition("\n")
        parts = head.split(_UNIT)
        if len(parts) != 3:
            continue
        sha, when, subject = parts
        files = tuple(n for n in (line.strip() for line in names.splitlines()) if n)
        commits.append(Commit(sha, datetime.fromisoformat(when), subject, files))
    return commits


def _municipality_of(rel: str) -> str | None:
    parts = PurePosixPath(rel).parts
    if len(parts) >= 3 and parts[0] == MUNICIPALITIES_DIR:
        return parts[1]
    return None


def read_history(content_root: Path) -> ContentHistory:
    """Run `git log` once over the content folder; an empty history outside a repository."""
    root = content_root.resolve()
    history = ContentHistory(content_root=root)
    if not root.is_dir():
        return history
    prefix = _git(["rev-parse", "--show-prefix"], root)
    if prefix is None:
        return history
    log = _git(
        [
            "log",
            "--no-color",
            "--no-renames",
            f"--format={_RECORD}%H{_UNIT}%cI{_UNIT}%s",
            "--name-only",
            "--relative",
            "--",
            ".",
        ],
        root,
    )
    if log is None:
        return history
    history.in_repo = True
    history.prefix = prefix.strip()
    history.commits = parse_log(log)
    for commit in history.commits:  # newest first: the first date seen is the last change
        touched: set[str] = set()
        for rel in commit.files:
            history.last_change.setdefault(rel, commit.when)
            mid = _municipality_of(rel)
            if mid is not None:
                touched.add(mid)
        for mid in sorted(touched):
            history.by_municipality.setdefault(mid, []).append(commit)
    return history


def _gitlab(base: str) -> str:
    """GitLab puts '/-' before its pages; GitHub, Gitea and Forgejo do not."""
    host = base.split("://", 1)[-1].split("/", 1)[0]
    return "/-" if "gitlab" in host else ""


def edit_url(repo_url: str, branch: str, repo_path: str) -> str:
    """The hosting service's page for editing a file."""
    base = repo_url.rstrip("/")
    return f"{base}{_gitlab(base)}/edit/{quote(branch)}/{quote(repo_path)}"


def commit_url(repo_url: str, sha: str) -> str:
    base = repo_url.rstrip("/")
    return f"{base}{_gitlab(base)}/commit/{sha}"
