"""Static assets with content-hashed names (`style.css` → `style.3f2a9c1b0d.css`), computed once
per build: a browser may cache them forever, and a changed file gets a new name.

Templates keep writing `url('assets/style.css')`; the environment maps the name to the hashed one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ASSET_DIR = "assets/"
HASH_LENGTH = 10


@dataclass(frozen=True)
class AssetManifest:
    """Logical asset path (relative to `static/`) → hashed path, and the source files."""

    names: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)

    def resolve(self, path: str) -> str:
        """'assets/style.css' → 'assets/style.<hash>.css'; other paths unchanged."""
        if not path.startswith(ASSET_DIR):
            return path
        logical, sep, fragment = path[len(ASSET_DIR) :].partition("#")
        hashed = self.names.get(logical)
        if hashed is None:
            return path
        return ASSET_DIR + hashed + sep + fragment

    def files(self) -> list[tuple[str, Path]]:
        """(output path, source) of every asset, sorted."""
        return [(ASSET_DIR + self.names[k], self.sources[k]) for k in sorted(self.names)]


def hashed_name(logical: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    pure = PurePosixPath(logical)
    if not pure.suffix:
        return f"{logical}.{digest}"
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))


def collect_assets(static_dir: Path) -> AssetManifest:
    """Hash every file under `static_dir` (none if the folder does not exist)."""
    names: dict[str, str] = {}
    sources: dict[str, Path] = {}
    if static_dir.is_dir():
        for src in sorted(static_dir.rglob("*")):
            if src.is_file() and not src.name.startswith("."):
                logical = src.relative_to(static_dir).as_posix()
                names[logical] = hashed_name(logical, src.read_bytes())
                sources[logical] = src
    return AssetManifest(names, sources)
