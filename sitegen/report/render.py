"""The report as HTML, from the site's templates (templates/report/) and the report data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import jinja2

from sitegen.model.followup import ATTAINMENT_SV
from sitegen.render.env import make_environment
from sitegen.report.data import Report
from sitegen.settings import Settings

TEMPLATE = "report/report.html"
STYLESHEET = Path("report") / "report.css"

#: The file name of a municipality's report in the built site, under its page's folder.
FILE_NAME = "uppfoljningsrapport-{id}.pdf"


def report_file(municipality_id: str) -> str:
    """The report's path in the site: 'kommuner/<id>/uppfoljningsrapport-<id>.pdf'."""
    return f"kommuner/{municipality_id}/" + FILE_NAME.format(id=municipality_id)


class ReportRenderer:
    """Renders reports with one Jinja2 environment and one stylesheet per build."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.env: jinja2.Environment = make_environment(settings.templates_dir, settings.base_url)
        self.template = self.env.get_template(TEMPLATE)
        self.css = (settings.templates_dir / STYLESHEET).read_text(encoding="utf-8")

    def html(self, report: Report, moment: datetime) -> str:
        # The PDF's dates are the build *date*: same-day rebuilds reuse the cached PDF.
        stamp = moment.strftime("%Y-%m-%dT00:00:00Z")
        return self.template.render(
            report=report,
            m=report.municipality,
            settings=self.settings,
            created=stamp,
            attainment_labels={k.value: v for k, v in ATTAINMENT_SV.items()},
        )
