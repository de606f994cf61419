"""Typed build settings. Every setting is documented here and in the README (a test checks)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseModel):
    """What a build reads, where it writes, and how the site is addressed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    content_dir: Path = Field(
        default=Path("content"),
        description="Folder with the content files (YAML). CLI: --content.",
    )
    out_dir: Path = Field(
        default=Path("_site"),
        description="Folder the site is written to; replaced whole after a good build. CLI: --out.",
    )
    base_url: str = Field(
        default="/",
        description=(
            "Path the site is served under, e.g. '/malbild/' for a GitHub Pages project site; "
            "every link is prefixed with it. CLI: --base-url."
        ),
    )
    templates_dir: Path = Field(
        default=REPO_ROOT / "templates",
        description="Folder with the Jinja2 templates and static assets. CLI: --templates.",
    )
    site_name: str = Field(default="Målbild", description="The site's name in the header and titles.")

    @field_validator("base_url")
    @classmethod
    def _slashes(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("base-url must start with '/', e.g. '/malbild/'")
        if not value.endswith("/"):
            value += "/"
        return value
