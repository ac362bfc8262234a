"""``python -m benchmarks.dashboardbench``: site health dashboard, 100 sites x 500 runs, in headless Chromium.

Figures: file size against the 2 MB budget, page load (navigation start to load event) and first contentful
paint against the 1 s budget, both also as a ratio to the same page with one run per site measured in the
same browser; the cost of laying out every site at once (what scrolling to the end costs) and the Python
time to write the page are informational.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.report import Row, render, write_json
from newsspider.health.figures import FIELDS
from newsspider.health.store import HealthStore
from newsspider.report import dashboard
from newsspider_testing import browser

OUT = Path(__file__).resolve().parent / "results" / "dashboard.json"
SIZE_BUDGET = 2 * 1024 * 1024
RENDER_BUDGET_MS = 1000.0
FULL_LAYOUT_JS = """
const t0 = performance.now();
document.querySelectorAll('section.site').forEach(s => { s.style.contentVisibility = 'visible'; });
document.body.getBoundingClientRect(); void document.body.offsetHeight;
return performance.now() - t0;
"""


def _figures(rng: random.Random, articles: int, template_changed: bool) -> dict:
    filled = {name: articles if rng.random() > 0.05 else rng.randint(0, articles) for name in FIELDS}
    if template_changed:
        filled["authors"] = filled["published_at"] = 0
    return {"articles": articles, "filled": filled, "median_body": rng.randint(600, 2400) if articles else None,
            "drops": {"missing_body": rng.randint(0, 2)} if rng.random() < 0.2 else {},
            "statuses": {"200": articles + 3, "404": rng.randint(0, 2)},
            "latency": {"count": articles + 3, "median": round(rng.uniform(0.05, 0.8), 4), "p95": 1.2},
            "provenance": {"known": articles, "any_profile": articles, "by_field": {}}, "not_exported": 0}  # fmt: skip


def populate(state: Path, sites: int, runs: int, seed: int = 5) -> None:
    """``sites`` x ``runs`` hourly runs; every 10th site drifts in its last run, every 17th fails."""
    rng = random.Random(seed)
    start = time.time() - runs * 3600
    with HealthStore.in_dir(state) as store:
        store.db.execute("BEGIN")
        for s in range(sites):
            site = f"site{s:03d}.example.cn"
            for r in range(runs):
                at, run_id = start + r * 3600, f"run{r:05d}"
                drifted = s % 10 == 0 and r == runs - 1
                store.record_run(run_id, site, _figures(rng, rng.randint(0, 30), drifted), "finished", at=at)
                failures = ["drift: authors filled in 0% ..."] if drifted else []
                failures += ["all 3 requests failed"] if s % 17 == 0 and r >= runs - 3 else []
                store.record_outcome(run_id, site, failures, failures[:1] if drifted else [], at=at + 1)
        store.db.execute("COMMIT")


def load_times(driver, page: Path, repeat: int) -> dict[str, float]:
    """Median load event, first contentful paint and full layout (ms) over ``repeat`` fresh loads."""
    loads, paints, layouts = [], [], []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(page.resolve().as_uri())
        timing = driver.execute_script(browser.TIMING_JS)
        loads.append(timing["load"])
        paints.append(timing["fcp"] or timing["load"])
        layouts.append(driver.execute_script(FULL_LAYOUT_JS))
    return {
        "load": statistics.median(loads),
        "fcp": statistics.median(paints),
        "layout": statistics.median(layouts),
    }


def run(sites: int, runs: int, repeat: int, workroot: Path) -> list[Row]:
    big, small = workroot / "big", workroot / "small"
    populate(big / "state", sites, runs)
    populate(small / "state", sites, 1)
    started = time.perf_counter()
    dashboard.write(big / "state", big / "report.html")
    write_seconds = time.perf_counter() - started
    dashboard.write(small / "state", small / "report.html")
    size = (big / "report.html").stat().st_size
    with browser.chromium(workroot) as driver:
        ours = load_times(driver, big / "report.html", repeat)
        base = load_times(driver, small / "report.html", repeat)
        errors = browser.console_errors(driver)
    scale = f"@{sites}x{runs}"
    section = "dashboard"
    return [
        Row(section, f"HTML size {scale}", size / 1e6, "MB", SIZE_BUDGET / 1e6, "budget", size / SIZE_BUDGET, "<= 1"),
        Row(section, f"load event {scale}", ours["load"], "ms", RENDER_BUDGET_MS, "budget",
            ours["load"] / RENDER_BUDGET_MS, "<= 1", note=f"console errors: {len(errors)}"),
        Row(section, f"load event {scale} vs 1 run", ours["load"], "ms", base["load"], f"@{sites}x1",
            ours["load"] / base["load"]),
        Row(section, f"first paint {scale}", ours["fcp"], "ms", base["fcp"], f"@{sites}x1", ours["fcp"] / base["fcp"]),
        Row(section, f"lay out all sites {scale}", ours["layout"], "ms", base["layout"], f"@{sites}x1",
            ours["layout"] / max(base["layout"], 0.1), note="content-visibility:auto skips off-screen sites until then"),
        Row(section, f"write page {scale}", write_seconds, "s"),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dashboardbench", description=__doc__)
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5, help="page loads per figure (median)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not browser.available():
        print(
            "needs the Debian chromium and chromium-driver packages (.ci/run installs them)", file=sys.stderr
        )
        return 2
    workroot = Path(tempfile.mkdtemp(prefix="newsspider-dashboard-bench-"))
    try:
        rows = run(args.sites, args.runs, args.repeat, workroot)
    finally:
        shutil.rmtree(workroot, ignore_errors=True)
    print(render(rows))
    write_json(
        args.out,
        rows,
        {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "args": vars(args) | {"out": str(args.out)},
        },
    )
    return 1 if any(row.verdict == "MISS" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
