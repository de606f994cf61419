"""Re-reading and re-linking one municipality of a linked site model, for the rebuilds of a
long-lived build (`serve`): references never cross municipalities, so one municipality's folder
links on its own with the site's themes and global goals (as :func:`build_site_model` does)."""

from __future__ import annotations

from pathlib import Path

from sitegen.collation import swedish_key
from sitegen.issues import IssueList
from sitegen.load.content import MunicipalityFiles, _load_municipality
from sitegen.site.build import _link_municipality, _Refs
from sitegen.site.model import MunicipalityNode, SiteModel


def load_municipality(site: SiteModel, folder: Path, issues: IssueList) -> MunicipalityFiles | None:
    """Read and validate one municipality's folder (the parse cache supplies unchanged files)."""
    return _load_municipality(folder, site.content_root, issues, [], set())


def link_municipality(
    site: SiteModel, files: MunicipalityFiles, issues: IssueList
) -> MunicipalityNode:
    """Link one municipality's files; errors go to `issues`."""
    return _link_municipality(files, site.themes, site.sdgs, _Refs(issues), set())


def unchanged(files: MunicipalityFiles, node: MunicipalityNode) -> bool:
    """Whether `files` loaded as the very objects `node` was linked from: a save without a change
    (the parse cache returns the same object for a file whose bytes did not change)."""
    loaded = [
        files.municipality.obj,
        *(f.obj for f in files.plans),
        *(f.obj for f in files.areas),
        *(f.obj for f in files.goals),
        *(f.obj for f in files.followups),
        *(f.obj for f in files.actions),
    ]
    linked = [
        node.municipality,
        *(p.plan for p in node.plans),
        *(a.area for a in node.areas),
        *(g.goal for g in node.goals),
        *node.followups,
        *(a.action for a in node.actions),
    ]
    return len(loaded) == len(linked) and {id(o) for o in loaded} == {id(o) for o in linked}


def replace_municipality(site: SiteModel, node: MunicipalityNode) -> MunicipalityNode:
    """Put `node` in place of the municipality with its id, in the site's order (by name, as
    :func:`build_site_model` sorts: ties in folder order); returns the node it replaced."""
    index = next(i for i, m in enumerate(site.municipalities) if m.id == node.id)
    old = site.municipalities[index]
    site.municipalities[index] = node
    site.municipalities.sort(key=lambda m: m.path.parent.name)
    site.municipalities.sort(key=lambda m: swedish_key(m.name))
    return old
