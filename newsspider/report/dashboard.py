"""The dashboard page: per site a status line, charts over its runs, drop reasons and last failures."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from newsspider.health.figures import FIELDS
from newsspider.health.store import HealthStore
from newsspider.report import charts

MAX_RUNS = 500  # runs per site read and charted
STATUS_ORDER = {"failing": 0, "drifted": 1, "quiet": 2, "ok": 3}
_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#f6f6f6}
h1{margin:0 0 .2em}table{border-collapse:collapse}td,th{padding:.15em .6em;text-align:left;vertical-align:top}
.overview tr:nth-child(even){background:#eee}
.site{background:#fff;border-left:6px solid #999;margin:1em 0;padding:.6em 1em;
 content-visibility:auto;contain-intrinsic-size:auto 420px}
.site h2{margin:0;font-size:1.1em}.line{margin:.2em 0 .5em}.charts{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0}figcaption{font-weight:600;font-size:.95em}.fill td{padding:0 .4em}.fill svg{display:block}
.facts{display:flex;flex-wrap:wrap;gap:2em;margin-top:.4em}.facts h3{font-size:.95em;margin:.3em 0}
.badge{display:inline-block;min-width:4.5em;text-align:center;border-radius:3px;color:#fff;padding:0 .4em;
 margin-right:.5em}.muted{color:#666}
.st-failing{border-color:#c62828}.st-failing .badge{background:#c62828}
.st-drifted{border-color:#ef6c00}.st-drifted .badge{background:#ef6c00}
.st-quiet{border-color:#757575}.st-quiet .badge{background:#757575}
.st-ok{border-color:#2e7d32}.st-ok .badge{background:#2e7d32}
"""


@dataclass
class SiteView:
    """One site's data as the page shows it."""

    site: str
    runs: list[dict]
    status: str = "ok"
    line: str = ""
    failures: list[dict] = field(default_factory=list)

    @property
    def last(self) -> dict | None:
        return self.runs[-1] if self.runs else None


def site_status(runs: list[dict], outcome: dict | None) -> tuple[str, str]:
    """(status, one-line reason): the newest cron outcome decides, else the last run's figures."""
    last = runs[-1] if runs else None
    if outcome and (last is None or outcome["at"] >= last["finished_at"]):
        drift = outcome["drift"]
        other = [reason for reason in outcome["failures"] if reason not in drift]
        if other:
            return "failing", "; ".join(other + drift)
        if drift:
            return "drifted", "; ".join(drift)
    if last is None:
        return "failing", "no run recorded figures"
    if last["finish_reason"] not in (None, "finished"):
        return "failing", f"crawl did not finish: {last['finish_reason']}"
    if not last["articles"]:
        return "quiet", "no new article in the last run"
    return "ok", f"{last['articles']} new articles in the last run"


def load(state_dir: Path, runs: int = MAX_RUNS) -> list[SiteView]:
    """Every site of the state folder, trouble first (failing, drifted, quiet, ok), then by name."""
    views = []
    with HealthStore.in_dir(state_dir) as store:
        for site in store.sites():
            view = SiteView(site, store.runs(site, runs), failures=store.failures(site))
            view.status, view.line = site_status(view.runs, store.last_outcome(site))
            views.append(view)
    return sorted(views, key=lambda v: (STATUS_ORDER[v.status], v.site))


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _table(title: str, rows: list[tuple[str, object]]) -> str:
    if not rows:
        return f"<div><h3>{title}</h3><span class=muted>none</span></div>"
    body = "".join(f"<tr><td>{escape(str(k))}</td><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return f"<div><h3>{title}</h3><table>{body}</table></div>"


def _facts(view: SiteView) -> str:
    drops = Counter()
    for run in view.runs:
        drops.update(run["drops"])
    last = view.last or {}
    latency = last.get("latency") or {}
    provenance = last.get("provenance") or {}
    n = last.get("articles") or 0
    known = provenance.get("known") or 0
    shown = [
        ("new articles", n),
        ("median body", f"{last.get('median_body')} chars" if n else "n/a"),
        ("latency median / p95", f"{_ms(latency.get('median'))} / {_ms(latency.get('p95'))}"),
        ("from profile selectors", f"{100 * provenance.get('any_profile', 0) / known:.0f} % of {known}" if known else "-"),
        ("not exported", last.get("not_exported", 0)),
    ]  # fmt: skip
    return "".join((
        _table("last run", shown),
        _table(f"drop reasons, last {len(view.runs)} runs", drops.most_common()),
        _table("responses, last run", sorted((last.get("statuses") or {}).items())),
        _table("last failures", [(_when(f["at"]), "; ".join(f["failures"])) for f in view.failures]),
    ))  # fmt: skip


def _ms(seconds: float | None) -> str:
    return f"{1000 * seconds:.0f} ms" if seconds is not None else "-"


def _last_rate(view: SiteView, name: str) -> str:
    last = view.last or {}
    n = last.get("articles") or 0
    return f"{100 * last['filled'].get(name, 0) / n:.0f} %" if n else "-"


def _profile_share(view: SiteView, name: str) -> str:
    """Share of the last run's articles whose ``name`` came from the profile's selector."""
    provenance = (view.last or {}).get("provenance") or {}
    known, by_field = provenance.get("known") or 0, provenance.get("by_field") or {}
    return f"{100 * by_field[name] / known:.0f} %" if known and name in by_field else "-"


def _fill_table(view: SiteView, groups: list[list[dict]]) -> str:
    rows = "".join(
        f"<tr><td>{name}</td><td>{charts.fill_sparkline(groups, name)}</td><td>{_last_rate(view, name)}</td>"
        f"<td>{_profile_share(view, name)}</td></tr>"
        for name in FIELDS
    )
    rows = "<tr><th></th><th></th><th>last run</th><th>by profile selector</th></tr>" + rows
    caption = "fill rate per field over the runs (0-100 %)"
    return f'<figure><figcaption>{caption}</figcaption><table class="fill">{rows}</table></figure>'


def site_html(view: SiteView) -> str:
    groups = charts.buckets(view.runs)
    span = (
        f"{len(view.runs)} runs from {_when(view.runs[0]['finished_at'])} to {_when(view.runs[-1]['finished_at'])}"
        if view.runs else "no runs recorded"
    )  # fmt: skip
    plots = (
        f"<figure><figcaption>new articles per run</figcaption>{charts.articles_chart(groups)}</figure>"
        f"{_fill_table(view, groups)}" if groups else ""
    )  # fmt: skip
    return (
        f'<section class="site st-{view.status}" data-site="{escape(view.site)}" data-status="{view.status}">'
        f'<h2><span class="badge">{view.status}</span>{escape(view.site)}</h2>'
        f'<p class="line">{escape(view.line)} <span class="muted">({span})</span></p>'
        f'<div class="charts">{plots}</div><div class="facts">{_facts(view)}</div></section>'
    )


def page_html(views: list[SiteView], generated: datetime) -> str:
    counts = Counter(view.status for view in views)
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s])
    rows = "".join(
        f'<tr><td><a href="#site-{i}">{escape(v.site)}</a></td><td>{v.status}</td><td>{escape(v.line)}</td></tr>'
        for i, v in enumerate(views)
    )
    sections = "".join(
        site_html(v).replace("<section ", f'<section id="site-{i}" ', 1) for i, v in enumerate(views)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>newsspider site health</title><style>{_CSS}{charts.chart_css()}</style></head><body>"
        f"<h1>Site health</h1><p>{len(views)} sites: {summary or 'none'}. "
        f"Generated {generated.strftime('%Y-%m-%d %H:%M UTC')}.</p>"
        f'<table class="overview"><tr><th>site</th><th>status</th><th>why</th></tr>{rows}</table>'
        f"{sections}</body></html>"
    )


def write(state_dir: Path, out: Path, runs: int = MAX_RUNS) -> int:
    """Write the dashboard atomically to ``out``; return how many sites it shows."""
    views = load(Path(state_dir), runs)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.part")
    temp.write_text(page_html(views, datetime.now(UTC)), encoding="utf-8")
    os.replace(temp, out)
    return len(views)
