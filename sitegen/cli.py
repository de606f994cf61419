"""Command line: `python -m sitegen build|check|serve`.

Exit codes: 0 success, 1 content errors, 2 usage errors (and build failures that are not
content errors, such as a template error or an unwritable output folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from sitegen.issues import ContentError
from sitegen.pipeline import BuildError, build, check
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


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m sitegen", description="Målbild: bygg kommunernas målwebbplats.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="kontrollera innehållet och bygg webbplatsen")
    _add_content(b)
    _add_output(b)
    c = sub.add_parser("check", help="kontrollera innehållet utan att skriva något")
    _add_content(c)
    c.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat")
    s = sub.add_parser("serve", help="bygg, servera på localhost och bygg om vid ändringar")
    _add_content(s)
    _add_output(s)
    s.add_argument("--host", default="127.0.0.1", help="adress att lyssna på")
    s.add_argument("--port", type=int, default=8000, help="port att lyssna på")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    values: dict[str, object] = {"content_dir": args.content}
    if hasattr(args, "out"):
        values["out_dir"] = args.out
        values["base_url"] = args.base_url
        if args.templates is not None:
            values["templates_dir"] = args.templates
    return Settings(**values)


def main(argv: list[str] | None = None, reporter: Reporter | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        settings = settings_from(args)
    except ValidationError as err:
        for e in err.errors(include_url=False):
            print(f"fel: {'.'.join(map(str, e['loc']))}: {e['msg']}", file=sys.stderr)
        return EXIT_USAGE
    reporter = reporter or TerminalReporter()
    if args.command == "check":
        return _check(settings, reporter, args.format)
    if args.command == "build":
        return _build(settings, reporter)
    if args.command == "serve":
        from sitegen.serve import serve

        return serve(settings, reporter, host=args.host, port=args.port)
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


def _check(settings: Settings, reporter: Reporter, fmt: str) -> int:
    if fmt == "json":
        reporter = Reporter()
    try:
        check(settings, reporter)
    except ContentError as err:
        if fmt == "json":
            print(json.dumps({"errors": [i.as_dict() for i in err.issues]}, ensure_ascii=False))
        else:
            print(f"{len(err.issues)} fel hittades.", file=sys.stderr)
        return EXIT_CONTENT
    if fmt == "json":
        print(json.dumps({"errors": []}))
    return EXIT_OK


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
