"""Walks `content/`, reads every file and validates it into the model; collects every problem."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from sitegen.issues import IssueList, Severity
from sitegen.load import cache as parse_cache
from sitegen.load.markup import check_markup, may_have_problems
from sitegen.load.validate import suggest, validation_problems
from sitegen.load.yamlfile import YamlFileError, compose, decode, locate, locate_key, read_source
from sitegen.model import Goal, GoalArea, Municipality, Plan, SdgCatalogue, ThemeVocabulary
from sitegen.model.accessibility import AccessibilityStatement
from sitegen.model.action import Action
from sitegen.model.followup import FollowUp

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

THEMES_FILE = "teman.yaml"
SDG_FILE = "agenda2030.yaml"
#: The accessibility statement (tillgänglighetsredogörelse); optional, but warned about.
ACCESSIBILITY_FILE = "tillganglighet.yaml"
MUNICIPALITIES_DIR = "kommuner"
MUNICIPALITY_FILE = "kommun.yaml"
#: Folder of a municipality → the model of each file in it.
KIND_DIRS: dict[str, type[BaseModel]] = {
    "planer": Plan,
    "omraden": GoalArea,
    "mal": Goal,
    "uppfoljning": FollowUp,
    "atgarder": Action,
}
#: Files directly in content/ → their model (sitegen/schemas.py writes a JSON Schema for each).
TOP_FILES: dict[str, type[BaseModel]] = {
    THEMES_FILE: ThemeVocabulary,
    SDG_FILE: SdgCatalogue,
    ACCESSIBILITY_FILE: AccessibilityStatement,
}
IGNORED = {"README.md", ".gitkeep"}


@dataclass
class Loaded(Generic[T]):
    """A validated object and the file it came from."""

    obj: T
    path: Path


@dataclass
class MunicipalityFiles:
    municipality: Loaded[Municipality]
    plans: list[Loaded[Plan]] = field(default_factory=list)
    areas: list[Loaded[GoalArea]] = field(default_factory=list)
    goals: list[Loaded[Goal]] = field(default_factory=list)
    followups: list[Loaded[FollowUp]] = field(default_factory=list)
    actions: list[Loaded[Action]] = field(default_factory=list)


@dataclass
class Content:
    """Everything in `content/`, validated file by file (references are checked later)."""

    root: Path
    themes: ThemeVocabulary | None = None
    themes_path: Path | None = None
    sdgs: SdgCatalogue | None = None
    sdgs_path: Path | None = None
    accessibility: AccessibilityStatement | None = None
    municipalities: list[MunicipalityFiles] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: Files that failed to load; references to their ids are not reported a second time.
    failed: set[Path] = field(default_factory=set)


def load_model(path: Path, model: type[M], issues: IssueList) -> M | None:
    """Read one file and validate it as `model`; on failure add located issues, return None.
    The parse cache (sitegen/load/cache.py) supplies files read already: unchanged files in
    `serve`, and on big sites the files that worker processes read ahead."""
    cache = parse_cache.active()
    if cache is not None:
        return cache.load(path, model, issues, _read_and_validate)  # type: ignore[no-any-return]
    return _read_and_validate(path, model, issues)


def _read_and_validate(path: Path, model: type[M], issues: IssueList) -> M | None:
    try:
        data, node, text = read_source(path)
    except YamlFileError as err:
        for p in err.problems:
            issues.add(path, p.line, p.column, p.field, p.message)
        return None
    except OSError as err:
        issues.add(path, 1, 1, "", f"filen kan inte läsas: {err.strerror}")
        return None
    if not isinstance(data, dict):
        issues.add(
            path, 1, 1, "", "filen ska innehålla fält (nyckel: värde), inte en lista eller text"
        )
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as err:
        for line, col, name, message in validation_problems(err, model, node):
            issues.add(path, line, col, name, message)
        return None
    if may_have_problems(text):
        check_markup(path, obj, node, issues)  # raw HTML, script links, control characters
    stem = path.stem
    obj_id = getattr(obj, "id", None)
    if obj_id is not None and obj_id != stem and path.name != MUNICIPALITY_FILE:
        line, col = locate(node, ("id",))
        issues.add(
            path,
            line,
            col,
            "id",
            f"id '{obj_id}' stämmer inte med filnamnet '{path.name}'; "
            f"döp om filen till '{obj_id}.yaml' eller ändra id till '{stem}'",
        )
        return None
    return obj


def locate_field(path: Path, loc: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
    """Line and column of a field in a file that already validated (for later checks)."""
    try:
        node = compose(decode(path.read_bytes()))
    except Exception:  # the file was valid moments ago; fall back to its start
        return 1, 1
    if node is None:
        return 1, 1
    return locate_key(node, loc) if key else locate(node, loc)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _symlink_problem(entry: Path, root: Path) -> str | None:
    """Why a symbolic link in content/ cannot be read (None when it leads to a file inside)."""
    try:
        entry.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop (RuntimeError before Python 3.13)
        return (
            "symbolisk länk som inte leder till någon fil (trasig eller i en slinga); "
            "ta bort den eller ersätt den med en vanlig fil"
        )
    if not _inside(entry, root):
        return (
            "symbolisk länk som pekar utanför content/ är inte tillåten; "
            "ersätt den med en vanlig fil eller ta bort den"
        )
    return None


def _listing(folder: Path, root: Path, issues: IssueList) -> list[Path]:
    """The entries of a folder, sorted; symlinks that lead outside `content/` are refused."""
    entries = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name in IGNORED:
            continue
        problem = _symlink_problem(entry, root) if entry.is_symlink() else None
        if problem is not None:
            issues.add(entry, 1, 1, "", problem)
            continue
        entries.append(entry)
    return entries


def load_content(
    root: Path,
    issues: IssueList,
    order: Callable[[list[Path]], Iterable[Path]] | None = None,
    each: Callable[[Content, MunicipalityFiles], None] | None = None,
) -> Content:
    """Read and validate every content file under `root`.

    The municipality folders are read in the order `order` gives them (all of them, once each;
    by default as listed), and `each` is called with each municipality as soon as it is read
    (e.g. to link it while other processes read the next ones, sitegen/load/cache.py). The
    content comes out the same in any order: municipalities and files as listed.
    """
    content = Content(root=root)
    if not root.is_dir():
        issues.add(root, 1, 1, "", "innehållsmappen finns inte")
        return content
    top = {p.name: p for p in _listing(root, root, issues)}
    expected_top = {THEMES_FILE, SDG_FILE, MUNICIPALITIES_DIR, ACCESSIBILITY_FILE}
    for name, path in top.items():
        if name not in expected_top:
            hint = suggest(name, sorted(expected_top))
            issues.add(path, 1, 1, "", f"okänd fil eller mapp i content/.{hint}")
    for name in (THEMES_FILE, SDG_FILE):
        if name not in top:
            issues.add(root / name, 1, 1, "", "filen saknas men behövs")
    if THEMES_FILE in top:
        content.themes = load_model(top[THEMES_FILE], ThemeVocabulary, issues)
        content.themes_path = top[THEMES_FILE]
        content.files.append(top[THEMES_FILE])
    if SDG_FILE in top:
        content.sdgs = load_model(top[SDG_FILE], SdgCatalogue, issues)
        content.sdgs_path = top[SDG_FILE]
        content.files.append(top[SDG_FILE])
    _load_accessibility(root, top.get(ACCESSIBILITY_FILE), issues, content)
    kommuner = top.get(MUNICIPALITIES_DIR)
    if kommuner is None or not kommuner.is_dir():
        issues.add(root / MUNICIPALITIES_DIR, 1, 1, "", "mappen kommuner/ saknas")
        return content
    folders = _listing(kommuner, root, issues)
    read: dict[Path, tuple[list[Path], MunicipalityFiles | None]] = {}
    for folder in folders if order is None else order(folders):
        if not folder.is_dir():
            issues.add(folder, 1, 1, "", "här ska bara finnas en mapp per kommun")
            continue
        files: list[Path] = []
        loaded = _load_municipality(folder, root, issues, files, content.failed)
        read[folder] = (files, loaded)
        if loaded is not None and each is not None:
            each(content, loaded)
    for folder in folders:
        files, loaded = read.get(folder, ([], None))
        content.files.extend(files)
        if loaded is not None:
            content.municipalities.append(loaded)
    return content


def _load_accessibility(root: Path, path: Path | None, issues: IssueList, content: Content) -> None:
    """The accessibility statement: the law requires one, so its absence is warned about."""
    if path is None:
        issues.add(
            root / ACCESSIBILITY_FILE,
            1,
            1,
            "",
            "tillgänglighetsredogörelsen saknas; lagen (2018:1937) kräver en, se README",
            Severity.WARNING,
        )
        return
    content.files.append(path)
    statement = load_model(path, AccessibilityStatement, issues)
    if statement is None:
        return
    problems = statement.problems()
    for name, message in problems:
        line, col = locate_field(path, (name,))
        issues.add(path, line, col, name, message)
    if problems:
        return
    content.accessibility = statement
    if not statement.contact.has_channel:
        line, col = locate_field(path, ("kontakt",), key=True)
        issues.add(
            path,
            line,
            col,
            "kontakt",
            "ange minst en av epost, adress eller telefon, så att besökare kan rapportera brister",
            Severity.WARNING,
        )


def _load_municipality(
    folder: Path, root: Path, issues: IssueList, files: list[Path], failed: set[Path]
) -> MunicipalityFiles | None:
    entries = {p.name: p for p in _listing(folder, root, issues)}
    allowed = {MUNICIPALITY_FILE, *KIND_DIRS}
    for name, path in entries.items():
        if name not in allowed:
            hint = suggest(name, sorted(allowed))
            issues.add(path, 1, 1, "", f"okänd fil eller mapp i kommunens mapp.{hint}")
    kommun_path = folder / MUNICIPALITY_FILE
    if MUNICIPALITY_FILE not in entries:
        issues.add(kommun_path, 1, 1, "", "filen kommun.yaml saknas i kommunens mapp")
        return None
    files.append(kommun_path)
    municipality = load_model(kommun_path, Municipality, issues)
    if municipality is not None and municipality.id != folder.name:
        line, col = locate_field(kommun_path, ("id",))
        issues.add(
            kommun_path,
            line,
            col,
            "id",
            f"id '{municipality.id}' stämmer inte med mappens namn '{folder.name}'",
        )
        municipality = None
    loaded_kinds: dict[str, list[Loaded[Any]]] = {kind: [] for kind in KIND_DIRS}
    for kind, model in KIND_DIRS.items():
        sub = entries.get(kind)
        if sub is None:
            continue
        if not sub.is_dir():
            issues.add(sub, 1, 1, "", f"{kind} ska vara en mapp")
            continue
        for path in _listing(sub, root, issues):
            if path.suffix != ".yaml" or not path.is_file():
                issues.add(path, 1, 1, "", "här ska bara finnas .yaml-filer")
                continue
            files.append(path)
            obj = load_model(path, model, issues)
            if obj is not None:
                loaded_kinds[kind].append(Loaded(obj, path))
            else:
                failed.add(path)
    if municipality is None:
        return None
    return MunicipalityFiles(
        municipality=Loaded(municipality, kommun_path),
        plans=loaded_kinds["planer"],
        areas=loaded_kinds["omraden"],
        goals=loaded_kinds["mal"],
        followups=loaded_kinds["uppfoljning"],
        actions=loaded_kinds["atgarder"],
    )


def walk_files(root: Path) -> list[Path]:
    """Every file under `root` (for watching and hashing), sorted."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    return out
