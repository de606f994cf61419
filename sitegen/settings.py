"""Typed build settings. Every setting is documented here and in the README (a test checks)."""

from __future__ import annotations

import re
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
    site_name: str = Field(
        default="Målbild", description="The site's name in the header and titles."
    )
    site_url: str | None = Field(
        default=None,
        description=(
            "Origin the site is published at, e.g. 'https://kommun.github.io' (no path: the path "
            "is base_url). Makes canonical links and Open Graph URLs absolute and enables "
            "sitemap.xml. CLI: --site-url."
        ),
    )
    pdf_reports: bool = Field(
        default=True,
        description=(
            "Build each municipality's follow-up report as a tagged PDF (WeasyPrint, about a "
            "second per report; unchanged reports come from the cache folder .malbild-cache/ "
            "beside the content folder). CLI: --no-pdf turns it off."
        ),
    )

    repo_url: str | None = Field(
        default=None,
        description=(
            "Web address of the repository that holds the content, e.g. "
            "'https://github.com/kommun/malbild'. Goal and municipality pages then link to their "
            "source file ('Redigera den här sidan') and the change history to each commit "
            "(GitHub, GitLab, Gitea, Forgejo). CLI: --repo-url."
        ),
    )
    repo_branch: str = Field(
        default="main",
        description="The branch the edit links open. CLI: --repo-branch.",
    )

    @field_validator("repo_url")
    @classmethod
    def _repo(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not re.fullmatch(r"https?://[^\s/]+/\S+", value):
            raise ValueError(
                "repo-url must be a web address like 'https://github.com/kommun/malbild'"
            )
        return value.rstrip("/")

    @field_validator("site_url")
    @classmethod
    def _origin(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        value = value.rstrip("/")
        if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?", value):
            raise ValueError(
                "site-url must be an origin like 'https://kommun.github.io' (no path; "
                "the path goes in --base-url)"
            )
        return value

    @field_validator("base_url")
    @classmethod
    def _slashes(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("base-url must start with '/', e.g. '/malbild/'")
        if not value.endswith("/"):
            value += "/"
        return value
