"""The benchmark behind `make bench`: Målbild against Hugo (+ Pagefind) on the same goal pages.

    python benchmarks/run.py [--sizes 30,100,290] [--runs 3] [--out benchmarks/out]

For each size N it generates the synthetic corpus (benchmarks/generate.py) and measures, each
figure as the median of `--runs` runs with min and max, every run in a fresh process:

- cold full build with the search index, and without it (no parse cache, new output folder);
- `python -m sitegen build` again with nothing changed (a full build: the CLI keeps no cache);
- rebuilds in a long-lived builder as `serve` keeps it: a no-op, and an edit of one goal file
  (time to fresh HTML for every page showing it, and the total including the search index);
- the goal pages alone: our render and write phase, and our whole build with the index;
- Hugo building the same goal pages (benchmarks/hugo/), and Pagefind's CLI over Hugo's output;
- peak memory (RSS) of the build process and of its children (workers, Pagefind);
- the CPU time, user and sys, of every timed goal-page run and its children, ours, Hugo's and
  Pagefind's (the sys time of writing files swings by seconds on some disks; user time does not);
- search in Chromium over the built site: time to first results and kB loaded per query
  (benchmarks/search_query.py).

It writes benchmarks/out/results.json and benchmarks/out/results.md (a short table) and prints
the table. Timings depend on the machine: compare ratios, and run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402

CACHE_NAME = ".malbild-cache"


def hugo_binary() -> str | None:
    return shutil.which("hugo")


def pagefind_binary() -> str:
    from pagefind.service import get_executable

    exe = get_executable()
    if exe is None:
        raise SystemExit("Pagefind saknas: pip install 'pagefind[bin]'")
    return str(exe)


def stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
        "runs": len(values),
    }


#: Outputs of earlier runs are moved here (see :func:`clean`); set by :func:`main`.
TRASH: Path | None = None
#: Below this much free disk space outputs are removed at once instead of moved aside.
MIN_FREE_BYTES = 15 * 1024**3


def clean(*paths: Path) -> None:
    """Clear the output of a previous run before the next one writes there.

    Removing a 2 GB site queues disk work (block discards on a disk mounted with `discard`,
    delayed writes of the previous run's pages) that lands in the next timed runs, ours or
    Hugo's. Removed between runs, it piled up from run to run at 290 municipalities (cold builds
    with the index 88, 124, 141 s in a row; Hugo's goal pages 4.0, 8.4, 11.6 s). So an output
    is moved aside into :data:`TRASH` (a rename), which is emptied once every figure is taken;
    only with less than :data:`MIN_FREE_BYTES` free is it removed at once. Then the previous
    run's delayed writes are flushed.
    """
    for path in paths:
        if not (path.exists() or path.is_symlink()):
            continue
        if TRASH is not None and shutil.disk_usage(TRASH.parent).free >= MIN_FREE_BYTES:
            TRASH.mkdir(parents=True, exist_ok=True)
            try:
                path.rename(TRASH / f"{len(os.listdir(TRASH))}-{path.name}")
                continue
            except OSError:
                pass  # e.g. on another file system: removed below
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    if hasattr(os, "sync"):
        os.sync()


def measure(mode: str, content: Path, out: Path, *extra: str) -> dict[str, Any]:
    """Run benchmarks/measure.py in a fresh process; its wall time includes Python's start."""
    command = [sys.executable, str(HERE / "measure.py"), mode, "--content", str(content)]
    command += ["--out", str(out), *extra]
    run, counted = _run_counted(command, cwd=REPO)
    if run.returncode != 0:
        raise SystemExit(f"mätningen misslyckades: {' '.join(command)}\n{run.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = counted["wall"]
    result["cpu_user"], result["cpu_sys"] = counted["user"], counted["sys"]
    return result


def timed(command: list[str]) -> dict[str, float]:
    """Wall seconds of a command, and the CPU seconds it and its children used (user, sys)."""
    run, counted = _run_counted(command)
    if run.returncode != 0:
        raise SystemExit(f"misslyckades: {' '.join(command)}\n{run.stderr[-3000:]}")
    return counted


def _run_counted(
    command: list[str], cwd: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, float]]:
    """Run a command; its wall time and the CPU time of it and every process it waited for.

    The CPU times tell apart what the wall time mixes: the work of the program itself (user)
    and the kernel's (sys), which on the benchmark machine's disk swings by seconds from run
    to run (writing thousands of files soon after thousands were removed costs more there).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return run, {
        "wall": wall,
        "user": after.ru_utime - before.ru_utime,
        "sys": after.ru_stime - before.ru_stime,
    }


def pagefind_cli(site: Path, output: Path) -> float:
    """Seconds for Pagefind's CLI over a built site, written beside it (not into it)."""
    from sitegen.search.indexer import EXCLUDE_SELECTORS

    clean(output)
    command = [pagefind_binary(), "--site", str(site), "--output-path", str(output)]
    seconds = timed([*command, "--exclude-selectors", EXCLUDE_SELECTORS, "--quiet"])["wall"]
    clean(output)
    return seconds


def search_queries(site: Path, runs: int) -> dict[str, Any] | None:
    """Time search in Chromium over the built site (benchmarks/search_query.py)."""
    command = [sys.executable, str(HERE / "search_query.py"), str(site), "--runs", str(runs)]
    run = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    if run.returncode != 0:
        print(f"  sökning kunde inte mätas: {run.stderr.strip()[-300:]}", flush=True)
        return None
    result: dict[str, Any] = json.loads(run.stdout)
    for mode in ("linked", "typed", "keyed"):
        summary = result.get(mode)
        if summary is None:
            continue
        print(
            f"  sökning ({mode}): {summary['ms_median_of_medians']['median']:.0f} ms median, "
            f"högst {summary['ms_max']:.0f} ms, högst {summary['kb_max']:.0f} kB",
            flush=True,
        )
    return result


def bench_size(n: int, runs: int, work: Path, seed: int, again: bool = True) -> dict[str, Any]:
    print(f"== {n} kommuner", flush=True)
    content = generate(work / f"corpus-{n}", n, seed)
    out = work / f"site-{n}" / "_site"
    cache = out.parent / CACHE_NAME
    files = sum(1 for _ in content.rglob("*.yaml"))
    row: dict[str, Any] = {"municipalities": n, "content_files": files}

    def repeated(name: str, fn: Any) -> list[dict[str, Any]]:
        results = []
        for i in range(runs):
            results.append(fn())
            print(f"  {name} {i + 1}/{runs}: {results[-1]['wall_seconds']:.2f} s", flush=True)
        return results

    def cold(*extra: str) -> dict[str, Any]:
        clean(out, cache)
        return measure("build", content, out, *extra)

    with_index = repeated("kall bygge med sökindex", cold)
    row["index_in_build"] = stats([r.get("index_seconds", 0.0) for r in with_index])
    # Pagefind's own CLI over the same finished site, with the same options (once: it is the
    # yardstick for the index step inside the build, not one of the medians asked for).
    row["pagefind_cli_same_pages"] = stats([pagefind_cli(out, work / "pagefind-cli")])
    print(
        f"  sökindex i bygget {row['index_in_build']['median']:.2f} s, Pagefinds CLI över "
        f"samma webbplats {row['pagefind_cli_same_pages']['median']:.2f} s",
        flush=True,
    )
    row["pages"] = with_index[0]["pages"]
    row["cold_build_index"] = stats([r["wall_seconds"] for r in with_index])
    row["cold_build_index_inprocess"] = stats([r["seconds"] for r in with_index])
    row["peak_rss_mb"] = max(r["rss_mb"] for r in with_index)
    row["peak_children_rss_mb"] = max(r["children_rss_mb"] for r in with_index)
    row["search"] = search_queries(out, runs)
    without = repeated("kall bygge utan sökindex", lambda: cold("--no-index"))
    row["cold_build_no_index"] = stats([r["wall_seconds"] for r in without])
    row["cold_build_no_index_user"] = stats([r["cpu_user"] for r in without])
    if again:
        rebuilt = repeated("samma bygge igen", lambda: measure("build", content, out))
        row["cli_build_again_index"] = stats([r["wall_seconds"] for r in rebuilt])
    clean(out, cache)
    rebuild = measure("rebuild", content, out, "--runs", str(runs))
    row["noop_rebuild"] = stats(rebuild["noop_seconds"])
    row["edit_rebuild_html"] = stats(rebuild["edit_html_seconds"])
    row["edit_rebuild_total"] = stats(rebuild["edit_total_seconds"])
    row["edit_rendered_pages"] = rebuild["edit_rendered_pages"][0]
    print(
        f"  ombyggen: tom {row['noop_rebuild']['median']:.3f} s, "
        f"ett mål {row['edit_rebuild_html']['median']:.3f} s",
        flush=True,
    )
    # The edits changed a goal: generate afresh so that the goal-page comparison sees the corpus.
    content = generate(work / f"corpus-{n}", n, seed)

    goals_out = work / f"goals-{n}" / "_site"
    goals_cache = goals_out.parent / CACHE_NAME

    def goals(mode: str, *extra: str) -> dict[str, Any]:
        clean(goals_out, goals_cache)
        return measure(mode, content, goals_out, "--pages", "goals", *extra)

    # Our goal-page runs and Hugo's (+ Pagefind's) take turns, so that a machine slowing down
    # or speeding up over the minutes of the runs weighs on both sides alike.
    hugo = hugo_binary()
    site = work / f"hugo-{n}"
    public = site / "public"
    if hugo is None:
        print("  hugo saknas: hoppar över jämförelsen (installera med apt-get install hugo)")
    else:
        measure("hugo-content", content, site / "content")

    def run_hugo(hugo: str) -> dict[str, float]:
        clean(public, site / "cache")
        return timed(
            [
                hugo,
                "--source",
                str(HERE / "hugo"),
                "--contentDir",
                str(site / "content"),
                "--destination",
                str(public),
                "--cacheDir",
                str(site / "cache"),
                "--quiet",
                "--noBuildLock",  # no lock file in benchmarks/hugo/
            ]
        )

    def run_pagefind() -> dict[str, float]:
        clean(public / "pagefind")
        return timed([pagefind_binary(), "--site", str(public), "--quiet"])

    render, goals_index, hugo_runs, pagefind_runs = [], [], [], []
    for i in range(runs):
        render.append(goals("render"))
        goals_index.append(goals("build"))
        line = (
            f"  målsidor {i + 1}/{runs}: rendera och skriv {render[-1]['seconds']:.2f} s, "
            f"kallt bygge med sökindex {goals_index[-1]['wall_seconds']:.2f} s"
        )
        if hugo is not None:
            hugo_runs.append(run_hugo(hugo))
            pagefind_runs.append(run_pagefind())
            hugo_s, pagefind_s = hugo_runs[-1]["wall"], pagefind_runs[-1]["wall"]
            line += f"; hugo {hugo_s:.2f} s, pagefind {pagefind_s:.2f} s"
        print(line, flush=True)
    row["goal_pages"] = render[0]["pages"]
    row["goals_render_write"] = stats([r["seconds"] for r in render])
    row["goals_cold_build_index"] = stats([r["wall_seconds"] for r in goals_index])
    row["goals_render_write_user"] = stats([r["render_cpu_user"] for r in render])
    row["goals_render_write_sys"] = stats([r["render_cpu_sys"] for r in render])
    row["goals_cold_build_index_user"] = stats([r["cpu_user"] for r in goals_index])
    row["goals_cold_build_index_sys"] = stats([r["cpu_sys"] for r in goals_index])
    if hugo is None:
        return row
    row["hugo_pages"] = sum(1 for _ in public.rglob("index.html"))
    row["hugo_build"] = stats([h["wall"] for h in hugo_runs])
    row["pagefind_cli"] = stats([p["wall"] for p in pagefind_runs])
    pairs = list(zip(hugo_runs, pagefind_runs, strict=True))
    row["hugo_plus_pagefind"] = stats([h["wall"] + p["wall"] for h, p in pairs])
    row["hugo_build_user"] = stats([h["user"] for h in hugo_runs])
    row["hugo_build_sys"] = stats([h["sys"] for h in hugo_runs])
    row["hugo_plus_pagefind_user"] = stats([h["user"] + p["user"] for h, p in pairs])
    row["hugo_plus_pagefind_sys"] = stats([h["sys"] + p["sys"] for h, p in pairs])
    row["ratio_render_write_user_vs_hugo"] = round(
        row["goals_render_write_user"]["median"] / row["hugo_build_user"]["median"], 3
    )
    row["ratio_goals_build_index_user_vs_hugo_pagefind"] = round(
        row["goals_cold_build_index_user"]["median"] / row["hugo_plus_pagefind_user"]["median"],
        3,
    )
    row["ratio_render_write_vs_hugo"] = round(
        row["goals_render_write"]["median"] / row["hugo_build"]["median"], 3
    )
    row["ratio_goals_build_index_vs_hugo_pagefind"] = round(
        row["goals_cold_build_index"]["median"] / row["hugo_plus_pagefind"]["median"], 3
    )
    row["ratio_full_build_index_vs_hugo_pagefind"] = round(
        row["cold_build_index"]["median"] / row["hugo_plus_pagefind"]["median"], 3
    )
    return row


def table(rows: list[dict[str, Any]]) -> str:
    def m(row: dict[str, Any], key: str) -> str:
        value = row.get(key)
        if value is None:
            return "–"
        if isinstance(value, dict):
            return f"{value['median']:.3f} ({value['min']:.3f}–{value['max']:.3f})"
        return str(value)

    lines = [
        "| figure (s, median (min–max)) | "
        + " | ".join(f"N={r['municipalities']}" for r in rows)
        + " |",
        "|---|" + "---|" * len(rows),
    ]
    labels = [
        ("content files", "content_files"),
        ("pages (all)", "pages"),
        ("cold build + search index", "cold_build_index"),
        ("  of which the search index (Pagefind + stable.py)", "index_in_build"),
        ("  Pagefind's CLI over the same pages", "pagefind_cli_same_pages"),
        ("cold build, no index", "cold_build_no_index"),
        ("  CPU user of it (all processes)", "cold_build_no_index_user"),
        ("CLI build again, nothing changed, + index", "cli_build_again_index"),
        ("no-op rebuild (serve)", "noop_rebuild"),
        ("edit one goal → fresh HTML (serve)", "edit_rebuild_html"),
        ("edit one goal → incl. index (serve)", "edit_rebuild_total"),
        ("pages re-rendered after the edit", "edit_rendered_pages"),
        ("peak RSS build process (MB)", "peak_rss_mb"),
        ("peak RSS of a child (MB)", "peak_children_rss_mb"),
        ("goal pages", "goal_pages"),
        ("goal pages: our render + write", "goals_render_write"),
        ("goal pages: our cold build + index", "goals_cold_build_index"),
        ("goal pages: Hugo", "hugo_build"),
        ("goal pages: Pagefind CLI over Hugo", "pagefind_cli"),
        ("goal pages: Hugo + Pagefind", "hugo_plus_pagefind"),
        ("ratio render+write / Hugo", "ratio_render_write_vs_hugo"),
        ("ratio goals build+index / Hugo+Pagefind", "ratio_goals_build_index_vs_hugo_pagefind"),
        ("ratio full site build+index / Hugo+Pagefind", "ratio_full_build_index_vs_hugo_pagefind"),
        ("CPU user: our render + write", "goals_render_write_user"),
        ("CPU user: Hugo", "hugo_build_user"),
        ("CPU user: our cold build + index", "goals_cold_build_index_user"),
        ("CPU user: Hugo + Pagefind", "hugo_plus_pagefind_user"),
        ("CPU sys: our render + write", "goals_render_write_sys"),
        ("CPU sys: Hugo", "hugo_build_sys"),
        ("CPU sys: our cold build + index", "goals_cold_build_index_sys"),
        ("CPU sys: Hugo + Pagefind", "hugo_plus_pagefind_sys"),
        ("ratio CPU user render+write / Hugo", "ratio_render_write_user_vs_hugo"),
        (
            "ratio CPU user goals build+index / Hugo+Pagefind",
            "ratio_goals_build_index_user_vs_hugo_pagefind",
        ),
    ]
    for label, key in labels:
        lines.append(f"| {label} | " + " | ".join(m(r, key) for r in rows) + " |")
    for mode, label in (
        ("linked", "`/sok/?q=` link"),
        ("typed", "query submitted on /sok/"),
        ("keyed", "query typed key by key on /sok/, from Enter"),
    ):
        cells = []
        for r in rows:
            found = (r.get("search") or {}).get(mode)
            cells.append(
                f"{found['ms_median_of_medians']['median']:.0f} ms (max {found['ms_max']:.0f}), "
                f"≤ {found['kb_max']:.0f} kB"
                if found
                else "–"
            )
        lines.append(f"| search, {label}: first results, Pagefind kB | " + " | ".join(cells) + " |")
    for r in rows:
        if r.get("pages"):
            per_page = r["cold_build_no_index"]["median"] / r["pages"] * 1000
            line = f"\nN={r['municipalities']}: {per_page:.3f} ms per page (cold, no index)"
            if r.get("cold_build_no_index_user"):
                user = r["cold_build_no_index_user"]["median"] / r["pages"] * 1000
                line += f", {user:.3f} ms of user CPU per page"
            lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Målbild mot Hugo: mätningar.")
    parser.add_argument("--sizes", default="30,100,290", help="antal kommuner, kommaseparerade")
    parser.add_argument("--runs", type=int, default=3, help="körningar per mått (medianen visas)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-again",
        action="store_true",
        help="hoppa över 'samma bygge igen' (ett helt CLI-bygge till per körning)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out", help="mappen för resultaten")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.out / "work"
    global TRASH
    TRASH = work / "trash"
    try:
        rows = [bench_size(n, args.runs, work, args.seed, not args.no_again) for n in sizes]
        write_results(args, rows)
    finally:
        shutil.rmtree(TRASH, ignore_errors=True)
    return 0


def write_results(args: argparse.Namespace, rows: list[dict[str, Any]]) -> None:
    """results.json and results.md in `--out`, and the table on the terminal."""
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "hugo": subprocess.run(
            [hugo_binary() or "true", "version"], capture_output=True, text=True, check=False
        ).stdout.strip(),
        "runs": args.runs,
        "seed": args.seed,
    }
    (args.out / "results.json").write_text(
        json.dumps({"meta": meta, "sizes": rows}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    text = table(rows)
    (args.out / "results.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    raise SystemExit(main())
