"""`python -m sitegen kolada import`: Kolada's values for indicators with a KPI id into content/."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sitegen.issues import ContentError
from sitegen.kolada.importer import Planned, check_text, hand_edited, plan_import, wanted
from sitegen.kolada.response import KoladaError, KoladaValue
from sitegen.kolada.source import all_municipalities_url, fetch, municipality_url, read_saved
from sitegen.load.validate import suggest
from sitegen.pipeline import load_site
from sitegen.reporter import Reporter
from sitegen.settings import Settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def add_kolada_parser(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    add_content: Callable[[argparse.ArgumentParser], None],
) -> None:
    k = sub.add_parser("kolada", help="hämta uppföljda värden från Kolada")
    ksub = k.add_subparsers(dest="kolada_command", required=True, parser_class=type(k))
    i = ksub.add_parser(
        "import",
        help="skriv Koladas värden för indikatorer med kolada-id till uppfoljning/kolada.yaml",
    )
    add_content(i)
    i.add_argument(
        "--from-dir",
        type=Path,
        default=None,
        help="läs sparade svar (*.json) från Koladas API i stället för att hämta dem",
    )
    i.add_argument("--save", type=Path, default=None, help="spara hämtade svar i den här mappen")
    i.add_argument("--kommun", default=None, help="bara den här kommunen (id, t.ex. hallsberg)")


def _err(message: str) -> None:
    print(f"fel: {message}", file=sys.stderr)


def run_kolada(args: argparse.Namespace, settings: Settings, reporter: Reporter) -> int:
    try:
        site, _ = load_site(settings, Reporter())
    except ContentError as err:
        for issue in err.issues:
            print(issue.format(), file=sys.stderr)
        _err(f"{len(err.issues)} fel i innehållet; rätta dem först. Inget skrevs.")
        return EXIT_CONTENT
    ids = [m.id for m in site.municipalities]
    if args.kommun is not None and args.kommun not in ids:
        _err(f"kommunen '{args.kommun}' finns inte.{suggest(args.kommun, ids)}")
        return EXIT_USAGE
    items = wanted(site, args.kommun)
    if not items:
        print("Ingen indikator har ett kolada-id; inget att hämta.")
        return EXIT_OK
    try:
        values = _values(items, args.from_dir, args.save)
    except KoladaError as err:
        _err(f"{err}. Inget skrevs.")
        return EXIT_USAGE
    content_root = settings.content_dir
    plan = plan_import(site, content_root, values, args.kommun)
    to_write = [p for p in plan.files if p.text is not None]
    for p in to_write:
        if hand_edited(p.path):
            _err(
                f"{p.path} finns redan och är inte skriven av importen; byt namn på den "
                "(t.ex. till egna-varden.yaml) så att importen kan skriva sin egen fil. "
                "Inget skrevs."
            )
            return EXIT_USAGE
        assert p.text is not None
        check_text(p.text)  # a generated file that does not validate is a bug: fail loudly
    for note in plan.notes:
        print(f"obs: {note}", file=sys.stderr)
    backups: dict[Path, bytes | None] = {}
    try:
        _write_all(to_write, backups)
    except OSError as err:
        _restore(backups)
        _err(f"kunde inte skriva {err.filename}: {err.strerror}. Inget skrevs.")
        return EXIT_USAGE
    try:
        load_site(settings, Reporter())
    except ContentError as err:
        _restore(backups)
        for issue in err.issues:
            print(issue.format(), file=sys.stderr)
        _err("importen gav ogiltigt innehåll och är ångrad. Inget skrevs.")
        return EXIT_USAGE
    for p in plan.files:
        if p.text is None:
            print(f"{p.municipality.id}: inga nya värden från Kolada; filen lämnas orörd")
        else:
            print(
                f"{p.municipality.id}: {p.values} värden för {p.indicators} indikatorer "
                f"skrivna till {p.path}"
            )
    return EXIT_OK


def _values(items: list, from_dir: Path | None, save: Path | None) -> list[KoladaValue]:
    if from_dir is not None:
        return read_saved(from_dir)
    values: list[KoladaValue] = []
    done: set[str] = set()
    for w in items:
        url = municipality_url(w.kpi, w.code)
        if url in done:
            continue
        done.add(url)
        rows = fetch(url, save)
        values.extend(rows)
        years = {v.year for v in rows if v.value is not None}
        if w.wants_rank and years:
            rank_url = all_municipalities_url(w.kpi, years)
            if rank_url not in done:
                done.add(rank_url)
                values.extend(fetch(rank_url, save))
    return values


def _write_all(files: list[Planned], backups: dict[Path, bytes | None]) -> None:
    """Write every file (atomically each), remembering what was there to undo the import."""
    for p in files:
        assert p.text is not None
        backups[p.path] = p.path.read_bytes() if p.path.is_file() else None
        p.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kolada-", suffix=".tmp", dir=p.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(p.text)
            os.replace(tmp, p.path)
        finally:
            Path(tmp).unlink(missing_ok=True)


def _restore(backups: dict[Path, bytes | None]) -> None:
    for path, data in backups.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)
