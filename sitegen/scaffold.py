"""`python -m sitegen new …`: start a municipality, a plan, a goal or an indicator from a valid,
commented template, with the schema line and the next free id. Never overwrites a file.

Indicators live inside goal files: `new indikator` appends one to the goal's `indikatorer:` list
as text, so that the editor's comments and layout stay as they were.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sitegen.load.content import MUNICIPALITIES_DIR, MUNICIPALITY_FILE
from sitegen.load.validate import suggest, validation_problems
from sitegen.load.yamlfile import YamlFileError, load_text, read_file
from sitegen.model import Goal, Municipality, Plan
from sitegen.model.common import MAX_SLUG, RESERVED_SLUGS
from sitegen.schemas import schema_line
from sitegen.settings import Settings

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


class ScaffoldError(Exception):
    """The file cannot be created; the message says why, in Swedish."""


def slugify(text: str) -> str:
    """'Trygg och säker skola' → 'trygg-och-saker-skola' (å, ä, ö → a, a, o)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, … : the next id that is not taken."""
    if wanted not in taken and wanted not in RESERVED_SLUGS:
        return wanted
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = wanted[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def q(text: str) -> str:
    """A YAML single-quoted scalar (every YAML reader reads it as the same text)."""
    return "'" + text.replace("'", "''") + "'"


def _read(path: Path) -> dict[str, Any]:
    """A content file as data; an unreadable file counts as empty (check reports it)."""
    try:
        data, _ = read_file(path)
    except (YamlFileError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def _validate(text: str, model: type[BaseModel], path: Path) -> None:
    """Refuse to write a file that would not validate (a bug here, or odd input)."""
    try:
        data, node = load_text(text)
        model.model_validate(data)
    except YamlFileError as err:
        first = err.problems[0]
        raise ScaffoldError(f"{path}:{first.line}: {first.message}") from None
    except ValidationError as err:
        line, _, name, message = validation_problems(err, model, node)[0]
        raise ScaffoldError(f"{path}:{line}: {name}: {message}") from None


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} finns redan; inget skrevs över") from None


@dataclass
class _Municipality:
    folder: Path
    data: dict[str, Any]

    def ids(self, kind: str) -> dict[str, dict[str, Any]]:
        folder = self.folder / kind
        if not folder.is_dir():
            return {}
        return {p.stem: _read(p) for p in sorted(folder.glob("*.yaml"))}


def _municipality(content: Path, mid: str) -> _Municipality:
    root = content / MUNICIPALITIES_DIR
    folder = root / mid
    if not (folder / MUNICIPALITY_FILE).is_file():
        known = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        hint = suggest(mid, known)
        listed = ", ".join(known) or "inga ännu"
        raise ScaffoldError(f"kommunen '{mid}' finns inte.{hint} Finns: {listed}")
    return _Municipality(folder, _read(folder / MUNICIPALITY_FILE))


def _next_order(files: dict[str, dict[str, Any]], **match: Any) -> int:
    orders = [
        d.get("ordning")
        for d in files.values()
        if all(d.get(k) == v for k, v in match.items()) and isinstance(d.get("ordning"), int)
    ]
    return max(orders, default=0) + 1


def _id_for(title: str, explicit: str | None, taken: set[str], what: str) -> str:
    if explicit is not None:
        if explicit in taken:
            raise ScaffoldError(f"{what} '{explicit}' finns redan; inget skrevs över")
        return explicit
    base = slugify(title)
    if not base:
        raise ScaffoldError(f"titeln '{title}' ger inget id; ange ett med --id")
    return free_id(base, taken)


# ---------------------------------------------------------------------------------------------
# kommun


def new_municipality(
    content: Path, name: str, kommunkod: str, county: str, website: str, mid: str | None
) -> Path:
    root = content / MUNICIPALITIES_DIR
    taken = {p.name for p in root.iterdir()} if root.is_dir() else set()
    ident = mid or slugify(name)
    if not ident:
        raise ScaffoldError(f"namnet '{name}' ger inget id; ange ett med --id")
    if ident in taken:
        raise ScaffoldError(f"kommunen '{ident}' finns redan ({root / ident}); inget skrevs över")
    path = root / ident / MUNICIPALITY_FILE
    text = f"""{schema_line(path, content)}
# {name}: skapad med `python -m sitegen new kommun`. Fyll i det källorna säger;
# skriv null där de inte säger något – gissa aldrig.
id: {ident}
namn: {q(name)}
# SCB:s kommunkod: fyra siffror, alltid inom citattecken.
kommunkod: {q(kommunkod)}
lan: {q(county)}
# Organisationsnummer 'NNNNNN-NNNN', eller null.
organisationsnummer: null
webbplats: {q(website)}
# Visionen med källans ord (Markdown i ett |-block), eller null om källan saknar den.
vision: null
vardegrund: null
# Id för källan (under kallor) som visionen kommer från, eller null.
vision_kalla: null
# Organ som beslutar om eller äger mål. Lägg till nämnder (typ: namnd) och bolag (typ: bolag).
organ:
  - id: kf
    namn: 'Kommunfullmäktige'
    typ: kf
  - id: ks
    namn: 'Kommunstyrelsen'
    typ: ks
# Källorna innehållet kommer från; planer, mål och indikatorer hänvisar med kalla: <id>.
kallor:
  - id: webbplats
    titel: {q(f"{name}s webbplats" if not name.endswith("s") else f"{name} webbplats")}
    adress: {q(website)}
    # 'ÅÅÅÅ-MM-DD' om sidan anger när den publicerades, annars null.
    publicerad: null
"""
    _validate(text, Municipality, path)
    _write_new(path, text)
    return path


# ---------------------------------------------------------------------------------------------
# plan


def new_plan(content: Path, mid: str, title: str, pid: str | None, decided_by: str | None) -> Path:
    m = _municipality(content, mid)
    plans = m.ids("planer")
    ident = _id_for(title, pid, set(plans), "planen")
    sources = [s.get("id") for s in m.data.get("kallor") or [] if isinstance(s, dict)]
    source = next((s for s in sources if isinstance(s, str)), None)
    if source is None:
        raise ScaffoldError(f"kommunen '{mid}' har inga källor i kommun.yaml; lägg till en först")
    bodies = [b.get("id") for b in m.data.get("organ") or [] if isinstance(b, dict)]
    if decided_by is not None and decided_by not in bodies:
        hint = suggest(decided_by, [b for b in bodies if isinstance(b, str)])
        raise ScaffoldError(f"organet '{decided_by}' finns inte i kommun.yaml.{hint}")
    path = m.folder / "planer" / f"{ident}.yaml"
    text = f"""{schema_line(path, content)}
# Plan skapad med `python -m sitegen new plan`. Titeln ska vara källans egna ord.
id: {ident}
titel: {q(title)}
# Åren planen gäller, t.ex.
#   period:
#     fran: 2023
#     till: 2026
#     mandatperiod: true
# eller null om källan inte anger dem.
period: null
# Id för organet som beslutar (under organ i kommun.yaml), eller null om okänt.
beslutas_av: {decided_by or "null"}
# 'ÅÅÅÅ-MM-DD' (eller 'ÅÅÅÅ-MM', 'ÅÅÅÅ') inom citattecken, eller null.
beslutsdatum: null
# utkast, antagen eller reviderad.
status: antagen
beskrivning: null
# Id för källan (under kallor i kommun.yaml).
kalla: {source}
ordning: {_next_order(plans)}
"""
    _validate(text, Plan, path)
    _write_new(path, text)
    return path


# ---------------------------------------------------------------------------------------------
# mål


def _pick_plan(m: _Municipality, mid: str, wanted: str | None) -> tuple[str, dict[str, Any]]:
    plans = m.ids("planer")
    if wanted is not None:
        if wanted not in plans:
            hint = suggest(wanted, sorted(plans))
            raise ScaffoldError(f"planen '{wanted}' finns inte.{hint} Finns: {', '.join(plans)}")
        return wanted, plans[wanted]
    if not plans:
        raise ScaffoldError(
            f"kommunen '{mid}' har ingen plan ännu; skapa en först: "
            f"python -m sitegen new plan {mid} 'Mål och budget 2025'"
        )
    # The latest plan: highest `ordning`, then id.
    pid = max(plans, key=lambda p: (plans[p].get("ordning") or 0, p))
    return pid, plans[pid]


def new_goal(
    content: Path,
    mid: str,
    title: str,
    gid: str | None,
    plan: str | None,
    area: str | None,
    level: str | None,
) -> tuple[Path, str]:
    m = _municipality(content, mid)
    goals = m.ids("mal")
    ident = _id_for(title, gid, set(goals), "målet")
    pid, pdata = _pick_plan(m, mid, plan)
    if area is not None:
        areas = m.ids("omraden")
        if area not in areas:
            hint = suggest(area, sorted(areas))
            raise ScaffoldError(f"målområdet '{area}' finns inte.{hint}")
    bodies = {b.get("id"): b.get("typ") for b in m.data.get("organ") or [] if isinstance(b, dict)}
    if level is None:
        level = bodies.get(pdata.get("beslutas_av"))
        level = level if level in ("kf", "ks", "namnd") else "kf"
    source = pdata.get("kalla")
    if not isinstance(source, str):
        raise ScaffoldError(f"planen '{pid}' saknar kalla; rätta den först (make check)")
    path = m.folder / "mal" / f"{ident}.yaml"
    text = f"""{schema_line(path, content)}
# Mål skapat med `python -m sitegen new mal`. Titeln ska vara källans egna ord.
id: {ident}
titel: {q(title)}
# En kortare titel för rubriker och menyer (vår, inte källans), eller null.
kort_titel: null
# Om målet, i Markdown (ett |-block), eller null.
beskrivning: null
plan: {pid}
# Id för målområdet (en fil i omraden/), eller null.
omrade: {area or "null"}
# kf, ks eller namnd: vem som har beslutat målet.
niva: {level}
# Id för ansvarigt organ (under organ i kommun.yaml), eller null om källan inte anger det.
ansvarig: null
ordning: {_next_order(goals, plan=pid)}
# Globala mål 1–17 som målet bidrar till, t.ex. [3, 11]; kalla om källan anger dem.
agenda2030: []
agenda2030_grund: bedomning
# Teman ur content/teman.yaml, t.ex. [boende, utbildning].
teman: []
teman_grund: bedomning
# Id för källan (under kallor i kommun.yaml).
kalla: {source}
# Lägg till indikatorer med: python -m sitegen new indikator {mid} {ident} 'Titel'
indikatorer: []
"""
    _validate(text, Goal, path)
    _write_new(path, text)
    return path, pid


# ---------------------------------------------------------------------------------------------
# indikator


def _indicator_block(ident: str, title: str, direction: str, unit: str | None, indent: int) -> str:
    pad = " " * indent
    lines = [
        f"- id: {ident}",
        f"  titel: {q(title)}",
        "  # Indikatorn med källans egna ord.",
        f"  formulering: {q(title)}",
        "  # T.ex. '%', 'antal' eller 'kvm', eller null.",
        f"  enhet: {q(unit) if unit else 'null'}",
        "  # oka, minska, behalla eller redovisa.",
        f"  riktning: {direction}",
        "  # Utgångsvärde, t.ex.",
        "  #   - ar: 2022",
        "  #     varde: 72",
        "  #     enhet: '%'",
        "  #     text: '72 procent 2022'",
        "  utgangsvarden: []",
        "  # Målvärden (typ: niva, forandring, rang, riktning, antal eller redovisning), t.ex.",
        "  #   - typ: niva",
        "  #     text: 'minst 85 % år 2025'",
        "  #     varde: 85",
        "  #     enhet: '%'",
        "  #     ar: 2025",
        "  malvarden: []",
        "  # Mätningar, en per år, t.ex.",
        "  #   - ar: 2023",
        "  #     varde: 78",
        "  #     kalla: 'Kolada, N15436'",
        "  matningar: []",
        "  teman: []",
        "  agenda2030: []",
    ]
    return "".join(f"{pad}{line}\n" for line in lines)


def _root_key(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def append_indicator(text: str, block_for: Callable[[int], str]) -> str:
    """The goal file's text with one more item in `indikatorer:`; comments stay as they were."""
    _, node = load_text(text)
    found = _root_key(node, "indikatorer")
    if not text.endswith("\n"):
        text += "\n"
    if found is None:
        return text + "indikatorer:\n" + block_for(2)
    key, value = found
    indent = key.start_mark.column + 2
    empty = (isinstance(value, yaml.SequenceNode) and not value.value) or (
        isinstance(value, yaml.ScalarNode) and value.value in ("", "null", "~", "Null", "NULL")
    )
    if empty:
        line_end = text.find("\n", key.end_mark.index)
        after = value.end_mark.index
        rest = text[after:line_end] if key.end_mark.index <= after <= line_end else ""
        comment = rest[rest.index("#") - 1 :] if "#" in rest else ""
        head = text[: key.end_mark.index] + ":" + comment.rstrip()
        return head + "\n" + block_for(indent) + text[line_end + 1 :]
    if not isinstance(value, yaml.SequenceNode) or value.flow_style:
        raise ScaffoldError(
            "indikatorer är skriven på en rad ([…]); skriv listan med en indikator per rad först"
        )
    last = value.value[-1]
    end = last.end_mark.index
    while end > 0 and text[end - 1] in " \n":
        end -= 1
    line_end = text.find("\n", end)
    insert_at = len(text) if line_end == -1 else line_end + 1
    indent = value.start_mark.column
    return text[:insert_at] + block_for(indent) + text[insert_at:]


def _indicator_ids(m: _Municipality) -> set[str]:
    ids: set[str] = set()
    for kind in ("mal", "omraden"):
        for data in m.ids(kind).values():
            for ind in data.get("indikatorer") or []:
                if isinstance(ind, dict) and isinstance(ind.get("id"), str):
                    ids.add(ind["id"])
    return ids


def new_indicator(
    content: Path,
    mid: str,
    goal: str,
    title: str,
    iid: str | None,
    direction: str,
    unit: str | None,
) -> tuple[Path, str]:
    m = _municipality(content, mid)
    path = m.folder / "mal" / f"{goal}.yaml"
    if not path.is_file():
        goals = sorted(m.ids("mal"))
        hint = suggest(goal, goals)
        raise ScaffoldError(f"målet '{goal}' finns inte i {mid}.{hint}")
    ident = _id_for(title, iid, _indicator_ids(m), "indikatorn")
    original = path.read_bytes().decode("utf-8-sig")
    if "\r" in original:
        raise ScaffoldError(f"{path} har Windows-radslut; spara om den med LF-radslut först")
    try:
        text = append_indicator(
            original, lambda indent: _indicator_block(ident, title, direction, unit, indent)
        )
    except YamlFileError as err:
        first = err.problems[0]
        raise ScaffoldError(
            f"{path}:{first.line}: {first.message}; rätta filen först (make check)"
        ) from None
    _validate(text, Goal, path)
    path.write_text(text, encoding="utf-8")
    return path, ident


# ---------------------------------------------------------------------------------------------
# CLI


def add_new_parser(sub: Any, add_content: Callable[[argparse.ArgumentParser], None]) -> None:
    new = sub.add_parser("new", help="skapa en ny kommun, plan, mål eller indikator från en mall")
    kinds = new.add_subparsers(dest="kind", required=True, parser_class=type(new))
    k = kinds.add_parser("kommun", help="ny kommun: kommuner/<id>/kommun.yaml")
    k.add_argument("namn", help="kommunens namn, t.ex. 'Kungsör'")
    k.add_argument("--kommunkod", required=True, help="SCB:s kommunkod, t.ex. 1960")
    k.add_argument("--lan", required=True, help="länet, t.ex. 'Västmanlands län'")
    k.add_argument("--webbplats", required=True, help="t.ex. https://kungsor.se/")
    k.add_argument("--id", default=None, help="id (annars från namnet)")
    p = kinds.add_parser("plan", help="ny plan: kommuner/<kommun>/planer/<id>.yaml")
    p.add_argument("kommun", help="kommunens id, t.ex. kungsor")
    p.add_argument("titel", help="planens titel")
    p.add_argument("--id", default=None, help="id (annars från titeln)")
    p.add_argument("--beslutas-av", default=None, help="organets id i kommun.yaml, t.ex. kf")
    g = kinds.add_parser("mal", help="nytt mål: kommuner/<kommun>/mal/<id>.yaml")
    g.add_argument("kommun", help="kommunens id, t.ex. kungsor")
    g.add_argument("titel", help="målet med källans egna ord")
    g.add_argument("--id", default=None, help="id (annars från titeln)")
    g.add_argument("--plan", default=None, help="planens id (annars den senaste planen)")
    g.add_argument("--omrade", default=None, help="målområdets id")
    g.add_argument("--niva", choices=["kf", "ks", "namnd"], default=None, help="målets nivå")
    i = kinds.add_parser("indikator", help="ny indikator i ett måls fil")
    i.add_argument("kommun", help="kommunens id, t.ex. kungsor")
    i.add_argument("mal", help="målets id (filnamnet i mal/)")
    i.add_argument("titel", help="indikatorns namn")
    i.add_argument("--id", default=None, help="id (annars från titeln)")
    i.add_argument("--riktning", choices=["oka", "minska", "behalla", "redovisa"], default="oka")
    i.add_argument("--enhet", default=None, help="t.ex. '%%' eller 'antal'")
    for parser in (k, p, g, i):
        add_content(parser)


def _note_renamed(title: str, explicit: str | None, ident: str) -> None:
    wanted = slugify(title)
    if explicit is None and ident != wanted:
        print(f"obs: id '{wanted}' var upptaget, så det nya fick id '{ident}'")


def run_new(args: argparse.Namespace, settings: Settings) -> int:
    content = settings.content_dir
    if not content.is_dir():
        print(f"fel: innehållsmappen {content} finns inte", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.kind == "kommun":
            path = new_municipality(
                content, args.namn, args.kommunkod, args.lan, args.webbplats, args.id
            )
            print(f"skapade {path}")
            print(f"nästa steg: python -m sitegen new plan {path.parent.name} 'Planens titel'")
        elif args.kind == "plan":
            path = new_plan(content, args.kommun, args.titel, args.id, args.beslutas_av)
            print(f"skapade {path}")
            _note_renamed(args.titel, args.id, path.stem)
        elif args.kind == "mal":
            path, pid = new_goal(
                content, args.kommun, args.titel, args.id, args.plan, args.omrade, args.niva
            )
            print(f"skapade {path} (plan: {pid})")
            _note_renamed(args.titel, args.id, path.stem)
        else:
            path, ident = new_indicator(
                content, args.kommun, args.mal, args.titel, args.id, args.riktning, args.enhet
            )
            print(f"lade till indikatorn '{ident}' i {path}")
            _note_renamed(args.titel, args.id, ident)
    except ScaffoldError as err:
        print(f"fel: {err}", file=sys.stderr)
        return EXIT_REFUSED
    print("kontrollera med: python -m sitegen check")
    return EXIT_OK
