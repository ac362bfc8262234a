"""SVG charts of a site's runs, made with pygal: shared CSS once per page, compact inline SVG per chart."""

from __future__ import annotations

import re
from functools import cache

import pygal
from lxml import etree
from pygal.style import Style

from newsspider.health.figures import FIELDS

MAX_POINTS = 48  # runs are averaged into at most this many points per series (size and render time)
STYLE = Style(
    background="transparent",
    plot_background="#fff",
    font_family="system-ui, sans-serif",
    label_font_size=9,
    major_label_font_size=9,
    legend_font_size=10,
    colors=("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"),
)
_COMMON = {
    "style": STYLE, "width": 460, "height": 150, "explicit_size": True, "show_dots": False, "js": [],
    "disable_xml_declaration": True, "no_prefix": True, "show_x_labels": False, "margin": 4,
    "spacing": 4, "show_x_guides": False, "print_values": False,
}  # fmt: skip
_DECIMALS_RE = re.compile(r"(\d\.\d)\d+")
_SVG = ""  # pygal builds its lxml tree without namespaces


def buckets(runs: list[dict], points: int = MAX_POINTS) -> list[list[dict]]:
    """Consecutive runs split evenly into at most ``points`` groups (oldest first)."""
    n = len(runs)
    size = max(1, -(-n // points))
    return [runs[i : i + size] for i in range(0, n, size)]


def articles_chart(groups: list[list[dict]]) -> str:
    chart = pygal.Line(**_COMMON, fill=True, show_legend=False, include_x_axis=True, min_scale=3, max_scale=5)
    chart.add("articles per run", [round(sum(r["articles"] for r in g) / len(g), 1) for g in groups])
    return compact(chart, "new articles per run")


def fill_sparkline(groups: list[list[dict]], name: str) -> str:
    """One field's fill rate over the runs, 0-100 %, as a small filled line (one per field: no overlaps)."""
    chart = pygal.Line(
        **{**_COMMON, "width": 240, "height": 22, "margin": 1, "spacing": 0}, range=(0, 100), fill=True,
        show_legend=False, show_y_labels=False, show_y_guides=False, include_x_axis=True,
    )  # fmt: skip
    chart.add(name, [_rate(g, name) for g in groups])
    return compact(chart, f"{name}: % of new articles with a value")


def _rate(group: list[dict], name: str) -> float | None:
    total = sum(r["articles"] for r in group)
    return round(100 * sum(r["filled"].get(name, 0) for r in group) / total, 1) if total else None


def compact(chart: pygal.graph.graph.Graph, title: str) -> str:
    """The chart's SVG without its per-chart style/script (the page carries chart_css once), 1 decimal."""
    tree = chart.render_tree()
    for node in list(tree.iter(f"{_SVG}style", f"{_SVG}script", f"{_SVG}defs", etree.Comment)):
        node.getparent().remove(node)
    tree.attrib.pop("id", None)
    tree.find(f"{_SVG}title").text = title
    tree.set("role", "img")
    text = etree.tostring(tree, encoding="unicode")
    return _DECIMALS_RE.sub(r"\1", text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "", 1))


@cache
def chart_css() -> str:
    """pygal's CSS for STYLE, scoped to ``svg.pygal-chart`` so it never styles the page itself."""
    chart = pygal.Line(**{**_COMMON, "js": []})
    for name in FIELDS:
        chart.add(name, [1])
    css = "".join(node.text or "" for node in chart.render_tree().iter(f"{_SVG}style"))
    rules = []
    for rule in css.replace("\n", "").split("}"):
        selectors, _, body = rule.partition("{")
        kept = [s.strip() for s in selectors.split(",") if s.strip()]
        if kept and body.strip():
            rules.append(",".join(f"svg.pygal-chart {s}" for s in kept) + "{" + body + "}")
    return "".join(rules)
