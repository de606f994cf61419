"""Warnings: things that are allowed but probably not what the editor meant.

They never stop a build; `python -m sitegen check` lists them after the errors and `--strict`
makes them fail. The pass runs once over the linked site model; each file that gets a warning is
parsed once more (only to find the line), so the cost stays linear in the content.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitegen.issues import Issue, IssueList, Severity
from sitegen.load.yamlfile import compose, decode, locate, locate_key
from sitegen.site.model import IndicatorNode, SiteModel

#: Target forms that have a year (`ar`) which the source usually states.
_YEARED_KINDS = frozenset({"niva", "rang", "antal"})


class _Locator:
    """Finds lines in content files, parsing each file at most once per pass."""

    def __init__(self) -> None:
        self.nodes: dict[Path, yaml.Node | None] = {}

    def node(self, path: Path) -> yaml.Node | None:
        if path not in self.nodes:
            try:
                self.nodes[path] = compose(decode(path.read_bytes()))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                self.nodes[path] = None
        return self.nodes[path]

    def at(self, path: Path, loc: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        node = self.node(path)
        if node is None:
            return 1, 1
        return locate_key(node, loc) if key else locate(node, loc)


def _name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _measured_years(ind: IndicatorNode) -> list[int]:
    values = getattr(ind, "values", None) or ind.indicator.measurements
    return [m.year for m in values]


def site_warnings(site: SiteModel, root: Path, today: date) -> list[Issue]:
    """Every warning of the site, sorted by file and line. `root` is what paths are shown from."""
    issues = IssueList(root=root)
    where = _Locator()

    def warn(path: Path, loc: tuple[Any, ...], message: str, key: bool = False) -> None:
        line, col = where.at(path, loc, key=key)
        issues.add(path, line, col, _name(loc), message, Severity.WARNING)

    for m in site.municipalities:
        for goal in m.goals:
            if not goal.indicators:
                warn(
                    goal.path,
                    ("indikatorer",),
                    "målet har inga indikatorer; lägg till de indikatorer källan anger "
                    f"(python -m sitegen new indikator {m.id} {goal.id} 'Titel') "
                    "eller låt det vara om källan inte har några",
                    key=True,
                )
        for ind in m.indicators:
            base: tuple[Any, ...] = ("indikatorer", ind.index)
            years = _measured_years(ind)
            for j, target in enumerate(ind.indicator.targets):
                loc = (*base, "malvarden", j)
                year = getattr(target, "year", None) or getattr(target, "end_year", None)
                if target.kind in _YEARED_KINDS and getattr(target, "year", None) is None:
                    warn(
                        ind.path,
                        loc,
                        f"målvärdet för indikatorn '{ind.id}' saknar år; ange året målet ska "
                        "nås om källan säger det, t.ex. ar: 2025",
                    )
                if year is not None and year < today.year and not any(y >= year for y in years):
                    warn(
                        ind.path,
                        loc,
                        f"målåret {year} har passerat men indikatorn '{ind.id}' har ingen "
                        f"mätning för {year} eller senare; lägg till uppföljningen "
                        "(matningar eller en fil i uppfoljning/)",
                    )
    return issues.warnings
