"""`python -m sitegen serve`: build, serve on localhost, rebuild and reload the browser on save."""

from __future__ import annotations

from sitegen.issues import ContentError
from sitegen.pipeline import BuildError, build
from sitegen.reporter import Reporter
from sitegen.settings import Settings


def rebuild(settings: Settings, reporter: Reporter) -> bool:
    """Build once; on errors report them and keep serving the last good site."""
    try:
        build(settings, reporter)
    except ContentError as err:
        print(f"{len(err.issues)} fel; visar den senaste fungerande versionen.")
        return False
    except BuildError as err:
        print(f"bygget misslyckades: {err}")
        return False
    return True


def serve(settings: Settings, reporter: Reporter, host: str = "127.0.0.1", port: int = 8000) -> int:
    from livereload import Server

    rebuild(settings, reporter)
    server = Server()

    def on_change() -> None:
        rebuild(settings, reporter)

    server.watch(str(settings.content_dir / "**" / "*"), on_change, delay=0.2)
    server.watch(str(settings.templates_dir / "**" / "*"), on_change, delay=0.2)
    print(f"Servar http://{host}:{port}{settings.base_url} – avsluta med Ctrl+C")
    server.serve(host=host, port=port, root=str(settings.out_dir), restart_delay=0)
    return 0
