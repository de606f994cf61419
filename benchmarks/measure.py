"""One measurement in a fresh process, printed as one JSON line (driven by benchmarks/run.py).

    python benchmarks/measure.py MODE --content DIR --out DIR [--pages all|goals] [--no-index]

Modes:
- ``build``: one `sitegen.pipeline.build`, as `python -m sitegen build` runs it;
- ``render``: load the site, then time only rendering and writing (phase two, no finishing steps);
- ``rebuild``: a long-lived builder (as in `serve`): build once, then time a no-op rebuild and a
  rebuild after editing one goal file, `--runs` times each;
- ``hugo-content``: write the Hugo content tree for the same goal pages (not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitegen import features  # noqa: E402
from sitegen.render.pages import Page, site_pages  # noqa: E402
from sitegen.reporter import Reporter  # noqa: E402
from sitegen.settings import Settings  # noqa: E402


def _only_goal_pages() -> None:
    """Restrict the build to the goal pages (the pages Hugo builds too)."""

    # Goal pages come from the site's own page list; the other sources (comparisons, search,
    # open data, …) are not asked at all, so none of their work is timed.
    def goal_pages(site: Any) -> Any:
        return (p for p in site_pages(site) if p.template == "goal.html")

    features.PAGE_SOURCES[:] = [goal_pages]
    features.OUTPUT_STEPS[:] = []
    import sitegen.pipeline

    sitegen.pipeline.LANGUAGES = ("sv",)  # type: ignore[assignment]  # Hugo builds Swedish only


def _without_index() -> None:
    features.FINISH_STEPS[:] = [
        f for f in features.FINISH_STEPS if not f.__module__.startswith("sitegen.search")
    ]


def _timed_index() -> dict[str, float]:
    """Time the build's search step (Pagefind's binary and sitegen/search/stable.py)."""
    timing = {"index_seconds": 0.0}
    steps = features.FINISH_STEPS
    for i, step in enumerate(steps):
        if step.__module__.startswith("sitegen.search"):

            def timed(*args: Any, _step: Any = step) -> Any:
                started = time.perf_counter()
                try:
                    return _step(*args)
                finally:
                    timing["index_seconds"] += time.perf_counter() - started

            steps[i] = timed
    return timing


def _rss() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": round(own, 1), "children_rss_mb": round(children, 1)}


def measure_build(settings: Settings) -> dict[str, Any]:
    from sitegen.pipeline import build

    timing = _timed_index()
    started = time.perf_counter()
    result = build(settings, Reporter())
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": result.pages, **timing, **_rss()}


def measure_render(settings: Settings) -> dict[str, Any]:
    from sitegen.pipeline import load_site, render_site
    from sitegen.write import Output

    features.FINISH_STEPS[:] = []
    site, _ = load_site(settings, Reporter())
    started, cpu = time.perf_counter(), os.times()
    output = Output(settings.out_dir)
    pages = render_site(site, settings, output, Reporter())
    output.commit()
    seconds, done = time.perf_counter() - started, os.times()
    return {
        "seconds": seconds,
        "pages": pages,
        # This process and its render workers (reaped when their pool closed), render only.
        "render_cpu_user": done.user + done.children_user - cpu.user - cpu.children_user,
        "render_cpu_sys": done.system + done.children_system - cpu.system - cpu.children_system,
        **_rss(),
    }


def _edit(path: Path, run: int) -> None:
    """Change one goal's title the way an editor would (a new title each run)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("titel: "):
            lines[i] = f"titel: 'Ändrad rubrik nummer {run} för mätningen'"
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def measure_rebuild(settings: Settings, runs: int) -> dict[str, Any]:
    from sitegen.incremental import SiteBuilder

    builder = SiteBuilder(settings, Reporter())
    started = time.perf_counter()
    builder.build()
    first = time.perf_counter() - started
    noop, edit_html, edit_total, rendered = [], [], [], []
    goal = sorted((settings.content_dir / "kommuner").glob("*/mal/*.yaml"))[0]
    for run in range(runs):
        started = time.perf_counter()
        builder.build()
        noop.append(time.perf_counter() - started)
        _edit(goal, run)
        started = time.perf_counter()
        result = builder.build()
        edit_total.append(time.perf_counter() - started)
        edit_html.append(result.html_seconds)
        rendered.append(result.rendered)
    return {
        "first_seconds": first,
        "noop_seconds": noop,
        "edit_html_seconds": edit_html,
        "edit_total_seconds": edit_total,
        "edit_rendered_pages": rendered,
        **_rss(),
    }


def write_hugo_content(settings: Settings, dest: Path) -> dict[str, Any]:
    """The goal pages as Hugo content: JSON front matter with what our goal page shows (values we
    work out, such as target texts and statuses, already worked out), Markdown body."""
    import shutil

    from sitegen.pipeline import load_site
    from sitegen.render.env import long_date
    from sitegen.render.formats import (
        DIRECTION_SV,
        KIND_SV,
        describe_baseline,
        describe_target,
        latest_total,
        quantity,
    )
    from sitegen.render.phrases import text
    from sitegen.render.urls import path_of

    site, _ = load_site(settings, Reporter())
    if dest.exists():
        shutil.rmtree(dest)
    levels = {"kf": "Kommunfullmäktiges mål", "ks": "Kommunstyrelsens mål", "namnd": "Nämndens mål"}
    basis = {"kalla": "Enligt källan", "bedomning": "Vår bedömning"}
    status_words = {
        "uppnatt": "Uppnått",
        "ej-annu": "Inte uppnått ännu",
        "ej-uppnatt": "Inte uppnått",
        "varden-saknas": "Värden saknas",
        "kan-ej-bedomas": "Kan inte bedömas",
    }
    attainment_words = {
        "uppfyllt": "Uppfyllt",
        "delvis-uppfyllt": "Delvis uppfyllt",
        "ej-uppfyllt": "Ej uppfyllt",
        "ej-bedomt": "Ej bedömt",
    }
    action_words = {
        "planerad": "Planerad",
        "pagar": "Pågår",
        "klar": "Klar",
        "avbruten": "Avbruten",
        "forsenad": "Försenad",
    }

    def period_of(year: Any, tertial: Any) -> str:
        return f"{year} T{tertial}" if tertial else str(year)

    def followed(ind: Any) -> dict[str, Any]:
        """One indicator's rows of the follow-up summary (the values our goal page shows)."""
        last = latest_total(ind.values)
        latest = "–"
        if last:
            latest = (
                f"{quantity(last.value, ind.indicator.unit)} ({period_of(last.year, last.tertial)})"
            )
        return {
            "url": path_of(ind) if ind.has_page else "",
            "title": ind.indicator.title,
            "rows": [
                {
                    "target": text(pr.target, "sv"),
                    "status": str(pr.status),
                    "symbol": pr.symbol,
                    "label": status_words[pr.status.value],
                }
                for pr in ind.progress
            ],
            "latest": latest,
        }

    count = 0
    pages: list[Page] = [p for p in features.PAGE_SOURCES[0](site) if p.template == "goal.html"]
    for page in pages:
        goal = page.context["goal"]
        g = goal.goal
        plan = goal.plan.plan
        period = ""
        if plan.period:
            period = f" ({plan.period.start}" + (
                f"–{plan.period.end})" if plan.period.end != plan.period.start else ")"
            )
        indicators = []
        for ind in goal.indicators:
            i = ind.indicator
            indicators.append(
                {
                    "id": i.id,
                    "url": path_of(ind),
                    "title": i.title,
                    "wording": i.wording,
                    "direction": DIRECTION_SV[i.direction],
                    "unit": i.unit or "",
                    "kolada": i.kolada.kpi if i.kolada else "",
                    "baselines": [
                        {"described": describe_baseline(b), "text": b.text} for b in i.baselines
                    ],
                    "targets": [
                        {
                            "kind": KIND_SV[t.kind],
                            "described": describe_target(t),
                            "year": getattr(t, "year", None) or getattr(t, "end_year", None) or "–",
                            "text": t.text,
                        }
                        for t in i.targets
                    ],
                }
            )
        front = {
            "title": page.title,
            "kommun": goal.municipality.name,
            "crumbs": [[t, p] for t, p in page.crumbs],
            "wording": g.title if g.short_title else "",
            "plan": plan.title + period,
            "area": {"url": path_of(goal.area), "title": goal.area.area.title}
            if goal.area
            else None,
            "level": levels[g.level],
            "owner": goal.owner.name if goal.owner else "okänd",
            "source": {"title": goal.source.title, "url": goal.source.url or ""},
            "focus": [{"year": f.year, "text": f.text} for f in g.focus],
            "indicators": indicators,
            # The follow-up summary, the actions and the "last changed" line of our goal page;
            # like the target texts above, their values are worked out here, Hugo prints them.
            "assessments": [
                {
                    "period": period_of(a.year, a.tertial),
                    "value": a.attainment.value,
                    "words": attainment_words[a.attainment.value],
                    "motivation": a.motivation or "",
                    "source": a.source,
                }
                for a in goal.assessments
            ],
            "progress": [followed(ind) for ind in goal.indicators if ind.progress],
            "has_actions": bool(goal.municipality.actions),
            "actions": [
                {
                    "url": path_of(an),
                    "title": an.action.title,
                    "responsible": an.responsible.name if an.responsible else "okänd",
                    "when": f"{an.action.start or '…'}–{an.action.due or '…'}"
                    if an.action.start or an.action.due
                    else "ej angiven",
                    "status": an.action.status,
                    "status_words": action_words[an.action.status],
                    "overdue": bool(an.overdue),
                }
                for an in goal.actions
            ],
            "changed": {
                "iso": site.history.changed(goal.path).isoformat(),
                "text": long_date(site.history.changed(goal.path), "sv"),
                "history": f"kommuner/{goal.municipality.id}/historik/",
            },
            "indicator_filters": {
                "themes": list({t.id: t.name for i in goal.indicators for t in i.themes}.values()),
                "sdgs": [
                    f"{n} {name}"
                    for n, name in {
                        s.number: s.name for i in goal.indicators for s in i.sdgs
                    }.items()
                ],
            },
            "sdgs": [{"number": s.number, "name": s.name} for s in goal.sdgs],
            "sdgs_basis": basis[g.sdgs_basis],
            "themes": [t.name for t in goal.themes],
            "theme_urls": [f"jamfor/teman/{t.id}/" for t in goal.themes],
            "themes_basis": basis[g.themes_basis],
            "serves": [
                {"url": path_of(o), "title": o.goal.short_title or o.goal.title}
                for o in goal.serves
            ],
            "served_by": [
                {"url": path_of(o), "title": o.goal.short_title or o.goal.title}
                for o in goal.served_by
            ],
        }
        target = dest / (page.path.rstrip("/") + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + (g.description or "")
        target.write_text(body, encoding="utf-8")
        count += 1
    return {"pages": count}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["build", "render", "rebuild", "hugo-content"])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", choices=["all", "goals"], default="all")
    parser.add_argument("--no-index", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    values: dict[str, Any] = {"content_dir": args.content, "out_dir": args.out}
    if "pdf_reports" in Settings.model_fields:
        # PDF reports are not part of issue 8's comparison (Hugo makes none); they have their
        # own cache and cost about a second per municipality on a cold build.
        values["pdf_reports"] = False
    settings = Settings(**values)
    if args.no_index:
        _without_index()
    if args.pages == "goals":
        _only_goal_pages()
    if args.mode == "build":
        result = measure_build(settings)
    elif args.mode == "render":
        result = measure_render(settings)
    elif args.mode == "rebuild":
        result = measure_rebuild(settings, args.runs)
    else:
        result = write_hugo_content(settings, args.out)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
