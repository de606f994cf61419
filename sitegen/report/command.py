"""`python -m sitegen report <kommun> [--period ÅR] --out rapport.pdf`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sitegen.builddate import BuildDateError, build_datetime
from sitegen.issues import ContentError
from sitegen.load.validate import suggest
from sitegen.pipeline import load_site
from sitegen.report.data import build_report
from sitegen.report.pdf import ReportError, render_pdf
from sitegen.report.render import ReportRenderer
from sitegen.reporter import Reporter
from sitegen.settings import Settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _year(text: str) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"perioden är ett år, t.ex. 2022 (fick '{text}')")
    return int(text)


def add_report_parser(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    add_content: Callable[[argparse.ArgumentParser], None],
) -> None:
    p = sub.add_parser("report", help="skapa en kommuns uppföljningsrapport som tillgänglig PDF")
    p.add_argument("kommun", help="kommunens id, t.ex. kungsor")
    add_content(p)
    p.add_argument(
        "--period", type=_year, default=None, help="uppföljningsåret (standard: senaste med data)"
    )
    p.add_argument(
        "--out",
        dest="report_out",
        type=Path,
        default=None,
        help="PDF-filen (standard: <kommun>.pdf)",
    )
    p.add_argument(
        "--templates", dest="report_templates", type=Path, default=None, help="mallmappen"
    )


def run_report(args: argparse.Namespace, settings: Settings, reporter: Reporter) -> int:
    if args.report_templates is not None:
        settings = settings.model_copy(update={"templates_dir": args.report_templates})
    try:
        site, _ = load_site(settings, reporter)
    except ContentError as err:
        print(f"{len(err.issues)} fel hittades; ingen rapport skapades.", file=sys.stderr)
        return EXIT_CONTENT
    ids = [m.id for m in site.municipalities]
    if args.kommun not in ids:
        hint = suggest(args.kommun, ids)
        print(
            f"fel: kommunen '{args.kommun}' finns inte.{hint} Finns: {', '.join(ids)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    out: Path = args.report_out or Path(f"{args.kommun}.pdf")
    if out.is_dir():
        print(
            f"fel: {out} är en mapp; ange en fil, t.ex. {out / (args.kommun + '.pdf')}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        moment = build_datetime()
        renderer = ReportRenderer(settings)
        report = build_report(site.municipality(args.kommun), args.period, moment.date())
        reporter.phase(f"skapar rapporten för {report.municipality.name}, {report.period}")
        pdf = render_pdf(renderer.html(report, moment), renderer.css, settings.templates_dir)
    except (BuildDateError, ReportError, OSError) as err:
        print(f"fel: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        os.replace(tmp, out)
    except OSError as err:
        print(f"fel: kunde inte skriva {out}: {err.strerror}", file=sys.stderr)
        return EXIT_USAGE
    reporter.done(f"klart: {out} ({len(pdf) // 1024} kB)")
    return EXIT_OK
