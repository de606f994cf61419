"""Command line: `python -m sitegen build|check|serve`.

Exit codes: 0 success, 1 content errors, 2 usage errors (and build failures that are not
content errors, such as a template error or an unwritable output folder).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from sitegen.issues import ContentError
from sitegen.pipeline import BuildError, build
from sitegen.reporter import Reporter, TerminalReporter
from sitegen.settings import Settings

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: fel: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _add_content(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="innehållsmappen")


def _add_output(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("_site"), help="mappen webbplatsen skrivs till")
    p.add_argument(
        "--base-url", default="/", help="sökväg webbplatsen ligger under, t.ex. /malbild/"
    )
    p.add_argument("--templates", type=Path, default=None, help="mallmappen")
    p.add_argument(
        "--site-url", default=None, help="webbplatsens ursprung, t.ex. https://kommun.github.io"
    )
    p.add_argument(
        "--no-pdf", dest="pdf_reports", action="store_false", help="bygg inga PDF-rapporter"
    )
    p.add_argument(
        "--repo-url", default=None, help="förrådets webbadress, för 'Redigera den här sidan'"
    )
    p.add_argument("--repo-branch", default=None, help="grenen redigeringslänkarna öppnar")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m sitegen", description="Målbild: bygg kommunernas målwebbplats."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="kontrollera innehållet och bygg webbplatsen")
    _add_content(b)
    _add_output(b)
    c = sub.add_parser("check", help="kontrollera innehållet utan att skriva något")
    _add_content(c)
    c.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat")
    c.add_argument(
        "--strict", action="store_true", help="räkna varningar som fel (avslutningskod 1)"
    )
    from sitegen.scaffold import add_new_parser
    from sitegen.schemas import add_schemas_parser

    add_schemas_parser(sub)
    add_new_parser(sub, _add_content)
    from sitegen.report.command import add_report_parser

    add_report_parser(sub, _add_content)
    from sitegen.kolada.command import add_kolada_parser

    add_kolada_parser(sub, _add_content)
    s = sub.add_parser("serve", help="bygg, servera på localhost och bygg om vid ändringar")
    _add_content(s)
    _add_output(s)
    s.add_argument("--host", default="127.0.0.1", help="adress att lyssna på")
    s.add_argument("--port", type=int, default=8000, help="port att lyssna på")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    values: dict[str, object] = {"content_dir": getattr(args, "content", Path("content"))}
    if hasattr(args, "out"):
        values["out_dir"] = args.out
        values["base_url"] = args.base_url
        if args.templates is not None:
            values["templates_dir"] = args.templates
        if args.site_url is not None:
            values["site_url"] = args.site_url
        if not args.pdf_reports:
            values["pdf_reports"] = False
        if args.repo_url is not None:
            values["repo_url"] = args.repo_url
        if args.repo_branch is not None:
            values["repo_branch"] = args.repo_branch
    return Settings(**values)


def main(argv: list[str] | None = None, reporter: Reporter | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        settings = settings_from(args)
    except ValidationError as err:
        for e in err.errors(include_url=False):
            print(f"fel: {'.'.join(map(str, e['loc']))}: {e['msg']}", file=sys.stderr)
        return EXIT_USAGE
    # A caller's own reporter sees every content error; the terminal gets them once, from check.
    forward = reporter is not None
    reporter = reporter or TerminalReporter()
    if args.command == "check":
        return _guarded(lambda: _check(settings, reporter, args.format, args.strict, forward))
    if args.command == "schemas":
        from sitegen.schemas import run_schemas

        return _guarded(lambda: run_schemas(args))
    if args.command == "new":
        from sitegen.scaffold import run_new

        return _guarded(lambda: run_new(args, settings))
    if args.command == "report":
        from sitegen.report.command import run_report

        return _guarded(lambda: run_report(args, settings, reporter))
    if args.command == "kolada":
        from sitegen.kolada.command import run_kolada

        return _guarded(lambda: run_kolada(args, settings, reporter))
    if args.command == "build":
        return _guarded(lambda: _build(settings, reporter))
    if args.command == "serve":
        from sitegen.serve import serve

        return _guarded(lambda: serve(settings, reporter, host=args.host, port=args.port))
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


def _guarded(run: Callable[[], int]) -> int:
    """Run a command; an unexpected exception becomes one Swedish line, not a traceback.

    Set MALBILD_DEBUG=1 to see the traceback (for developers).
    """
    try:
        return run()
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if os.environ.get("MALBILD_DEBUG"):
            raise
        print(
            f"internt fel i Målbild ({type(err).__name__}: {err}). Det är inte ditt innehåll "
            "som är fel; kör igen med MALBILD_DEBUG=1 och rapportera utskriften.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _check(
    settings: Settings, reporter: Reporter, fmt: str, strict: bool = False, forward: bool = False
) -> int:
    from sitegen.builddate import build_date
    from sitegen.checker import ProgressOnly, format_json, format_text, run_check

    if not forward:
        reporter = Reporter() if fmt == "json" else ProgressOnly(reporter)
    result = run_check(settings, reporter, build_date())
    text = format_json(result, strict) if fmt == "json" else format_text(result, strict)
    print(text)
    return EXIT_CONTENT if result.exit_code(strict) else EXIT_OK


def _build(settings: Settings, reporter: Reporter) -> int:
    try:
        build(settings, reporter)
    except ContentError as err:
        print(
            f"{len(err.issues)} fel hittades; inget skrevs och {settings.out_dir} är orörd.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except BuildError as err:
        print(f"bygget misslyckades: {err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
