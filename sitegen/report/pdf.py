"""HTML to a tagged, reproducible PDF with WeasyPrint, and a cache of PDFs by their inputs."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

#: PDF/UA-1: tagged structure, document language and title shown in the viewer's title bar.
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


class ReportError(Exception):
    """A report could not be made (WeasyPrint or its system libraries missing, render failed)."""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: Pango is not installed
        raise ReportError(
            "PDF-rapporter kräver WeasyPrint och Pango: kör 'make setup' (eller "
            "'apt-get install libpango-1.0-0 libpangoft2-1.0-0' och 'pip install weasyprint'), "
            f"eller stäng av rapporterna med inställningen pdf_reports. ({err})"
        ) from err
    return weasyprint


def engine_version() -> str:
    return str(_weasyprint().__version__)


def render_pdf(html: str, css: str, base_dir: Path) -> bytes:
    """Lay out `html` with the print stylesheet `css`; nothing is fetched from the network."""
    wp = _weasyprint()
    fetcher = wp.URLFetcher(allowed_protocols=["data"])
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    try:
        document = wp.HTML(string=html, base_url=str(base_dir), url_fetcher=fetcher)
        stylesheet = wp.CSS(string=css, base_url=str(base_dir), url_fetcher=fetcher)
        pdf = document.write_pdf(stylesheets=[stylesheet], pdf_identifier=identifier, **PDF_OPTIONS)
    except Exception as err:  # WeasyPrint raises many kinds; the build reports one
        raise ReportError(f"PDF:en kunde inte skapas: {type(err).__name__}: {err}") from err
    assert isinstance(pdf, bytes)
    return pdf


class PdfCache:
    """PDFs stored by a hash of everything that goes into them (HTML, CSS, engine version)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(html: str, css: str) -> str:
        h = hashlib.sha256()
        for part in (engine_version(), repr(sorted(PDF_OPTIONS.items())), css, html):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            data = (self.folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        self.misses += 1
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / f"{key}.pdf")
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Remove cached PDFs that this build did not use (after a full build only)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix in (".pdf", ".tmp") and path.stem not in self.used:
                path.unlink(missing_ok=True)
