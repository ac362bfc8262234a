"""Site health storage: only durable exports count; the store, statuses and the report command."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from newsspider.exceptions import ArticleRejected
from newsspider.health import collect, cronhook
from newsspider.health.figures import FIELDS
from newsspider.health.store import HealthStore
from newsspider.report import __main__ as report_cli
from newsspider.report import charts, dashboard
from newsspider.state.feedstorage import AtomicFileFeedStorage


def _crawler(tmp_path):
    crawler = get_crawler(
        settings_dict={"NEWSSPIDER_STATE_DIR": str(tmp_path / "state"), "NEWSSPIDER_RUN_ID": "r1"}
    )
    crawler.spider = SimpleNamespace(site="example.com", name="news")
    return crawler, collect.HealthExtension.from_crawler(crawler)


def _item(n: int, authors: list[str]) -> dict:
    return {
        "url": f"http://example.com/a/{n}.html",
        "title": f"t{n}",
        "body": "x" * (100 * n),
        "authors": authors,
    }


def _batch(tmp_path, name: str, items: list[dict], stored: bool) -> SimpleNamespace:
    storage = AtomicFileFeedStorage(str(tmp_path / name), feed_options={"format": "jsonlines"})
    file = storage.open(None)
    file.write("".join(json.dumps(item) + "\n" for item in items).encode())
    if stored:
        storage.store(file)  # renamed: durable
    else:
        file.close()  # the store failed: the batch never got its final name
    return SimpleNamespace(storage=storage)


def test_extension_counts_durably_exported_items_only(tmp_path):
    crawler, _extension = _crawler(tmp_path)
    send = crawler.signals.send_catch_log
    items = [_item(1, ["a"]), _item(2, []), _item(3, ["c"])]
    send(collect.item_origins, url=items[0]["url"], origins={"title": "profile", "authors": "generic"})
    for item in items:
        send(signals.item_scraped, item=item, response=None, spider=crawler.spider)
    try:
        raise DropItem("missing_body: x") from ArticleRejected("missing_body", "x")
    except DropItem as exc:
        send(signals.item_dropped, item={"url": "x"}, response=None, exception=exc, spider=crawler.spider)
    request = Request("http://example.com/a/1.html", meta={"download_latency": 0.25})
    send(signals.response_received, response=Response(request.url, status=200), request=request, spider=None)
    send(signals.feed_slot_closed, slot=_batch(tmp_path, "b1.jsonl", items[:2], stored=True))
    send(signals.feed_slot_closed, slot=_batch(tmp_path, "b2.jsonl", items[2:], stored=False))
    crawler.stats.set_value("finish_reason", "finished")
    send(signals.engine_stopped)
    with HealthStore.in_dir(tmp_path / "state") as store:
        run = store.run("r1", "example.com")
    assert (run["articles"], run["not_exported"], run["finish_reason"]) == (2, 1, "finished")
    assert run["filled"]["authors"] == 1
    assert run["median_body"] == 150
    assert run["drops"] == {"missing_body": 1}
    assert run["statuses"] == {"200": 1} and run["latency"]["median"] == 0.25
    assert run["provenance"]["known"] == 1 and run["provenance"]["by_field"]["title"] == 1


def test_without_atomic_feeds_every_scraped_item_counts(tmp_path):
    crawler, extension = _crawler(tmp_path)
    for n in (1, 2):
        crawler.signals.send_catch_log(signals.item_scraped, item=_item(n, ["a"]), response=None, spider=None)
    crawler.stats.set_value(
        "newsspider/dropped/incomplete_multipage", 3
    )  # counted by the spider, no drop signal
    figures = extension.figures()
    assert (figures["articles"], figures["drops"]) == (2, {"incomplete_multipage": 3})


@pytest.mark.parametrize(
    ("exception", "reason"),
    [
        (ArticleRejected("soft_404"), "soft_404"),
        (DropItem("unchanged since version 1: u"), "revisit_unchanged"),
        (DropItem("something else: u"), "other"),
    ],
)
def test_drop_reasons(exception, reason):
    if isinstance(exception, ArticleRejected):
        try:
            raise DropItem("x") from exception
        except DropItem as exc:
            exception = exc
    assert collect.drop_reason(exception) == reason


def _figures(articles: int) -> dict:
    return {"articles": articles, "filled": {"title": articles}, "median_body": 500 if articles else None,
            "drops": {}, "statuses": {"200": 3}, "latency": {"count": 0}, "provenance": {}, "not_exported": 0}  # fmt: skip


def test_store_runs_outcomes_and_failures(tmp_path):
    with HealthStore.in_dir(tmp_path) as store:
        store.record_run("r1", "a", _figures(5), "finished", at=100)
        store.record_run("r2", "a", _figures(3), "finished", at=200)
        store.record_outcome("r2", "a", ["drift: authors ..."], ["drift: authors ..."], at=201)
        store.record_outcome("r2", "b", ["no run report (crawl exited with 1)"], [], at=202)
        assert store.sites() == ["a", "b"]
        runs = store.runs("a")
        assert [(r["run_id"], r["outcome"], r["drift"]) for r in runs] == [
            ("r1", False, []), ("r2", True, ["drift: authors ..."])]  # fmt: skip
        assert [r["articles"] for r in store.history("a", before=200, since=0)] == [5]
        assert store.failures("b")[0]["failures"] == ["no run report (crawl exited with 1)"]


def _run(at: float, articles: int = 5, reason: str = "finished") -> dict:
    return {"finished_at": at, "articles": articles, "finish_reason": reason}


@pytest.mark.parametrize(
    ("runs", "outcome", "status"),
    [
        ([_run(1)], None, "ok"),
        ([_run(1, articles=0)], None, "quiet"),
        ([_run(1, reason="shutdown")], None, "failing"),
        ([], {"at": 2, "failures": ["no run report"], "drift": []}, "failing"),
        ([_run(1)], {"at": 2, "failures": ["drift: x"], "drift": ["drift: x"]}, "drifted"),
        ([_run(1)], {"at": 2, "failures": ["5 errors", "drift: x"], "drift": ["drift: x"]}, "failing"),
        ([_run(1)], {"at": 2, "failures": [], "drift": []}, "ok"),
        ([_run(3)], {"at": 2, "failures": ["drift: x"], "drift": ["drift: x"]}, "ok"),  # a later plain crawl
    ],
)
def test_site_status(runs, outcome, status):
    assert dashboard.site_status(runs, outcome)[0] == status


def test_report_command_writes_every_site_trouble_first(tmp_path, capsys):
    with HealthStore.in_dir(tmp_path) as store:
        store.record_run("r1", "calm", _figures(4), "finished", at=100)
        store.record_run("r1", "silent", _figures(0), "finished", at=100)
        store.record_run("r1", "<drift>", _figures(4), "finished", at=100)
        store.record_outcome("r1", "<drift>", ["drift: authors"], ["drift: authors"], at=101)
    out = tmp_path / "out" / "report.html"
    assert report_cli.main(["--state-dir", str(tmp_path), "--out", str(out)]) == 0
    html = out.read_text("utf-8")
    order = [html.index(f'data-site="{name}"') for name in ("&lt;drift&gt;", "silent", "calm")]
    assert order == sorted(order)
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert report_cli.main(["--state-dir", str(tmp_path / "none"), "--out", str(out)]) == 2


def test_chart_css_is_scoped_to_the_charts():
    css = charts.chart_css()
    rules = [rule for rule in css.split("}") if rule]
    assert rules and all(rule.startswith("svg.pygal-chart ") for rule in rules)


@pytest.mark.parametrize(("runs", "groups"), [(0, 0), (1, 1), (48, 48), (49, 25), (500, 46)])
def test_runs_are_bucketed_to_at_most_max_points(runs, groups):
    found = charts.buckets(list(range(runs)))
    assert len(found) == groups and sum(map(len, found)) == runs


def test_cron_hook_adds_drift_to_failures_and_records_outcomes(tmp_path):
    filled = dict.fromkeys(FIELDS, 10)
    with HealthStore.in_dir(tmp_path) as store:
        for n in range(3):
            store.record_run(f"r{n}", "a", {**_figures(10), "filled": filled}, "finished", at=1000 + n)
        store.record_run("r3", "a", {**_figures(10), "filled": {**filled, "editors": 0}}, "finished", at=1003)
    sites = {"a": {"failures": []}, "gone": {"failures": ["no run report (crawl exited with 1)"]}}
    cronhook.judge_sites(
        tmp_path, "r3", sites, ["NEWSSPIDER_DRIFT_MIN_RUNS=3", "NEWSSPIDER_DRIFT_MIN_ARTICLES=1"]
    )
    assert sites["a"]["drift"] == sites["a"]["failures"]
    assert sites["a"]["drift"][0].startswith(
        "drift: editors filled in 0% of 10 new articles, 100% over the last"
    )
    assert sites["gone"] == {"failures": ["no run report (crawl exited with 1)"], "drift": []}
    with HealthStore.in_dir(tmp_path) as store:
        assert store.last_outcome("a")["drift"] == sites["a"]["drift"]
        assert store.last_outcome("gone")["failures"] == ["no run report (crawl exited with 1)"]
    quiet = {"a": {"failures": []}}
    cronhook.judge_sites(tmp_path, "r3", quiet, ["NEWSSPIDER_DRIFT_MIN_RUNS=4"])  # too little history
    assert quiet["a"] == {"failures": [], "drift": []}
    off = {"a": {"failures": []}}
    cronhook.judge_sites(
        tmp_path, "r3", off, ["NEWSSPIDER_HEALTH_ENABLED=False", "NEWSSPIDER_DRIFT_MIN_RUNS=3"]
    )
    assert off["a"] == {"failures": []}
