"""A real crawl with WARC capture: warcio agrees, re-extraction repeats the lines, verify catches tampering."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsspider import manifest, schema
from newsspider.demo import ROOT, crawl_command
from newsspider.demosite.server import DemoServer, DemoSites
from newsspider.verify import verify
from newsspider.warc import reader
from newsspider_testing import procs

pytestmark = pytest.mark.slow

SITE = "demo_haikou"
CONTINUATIONS = {
    "http://www.haikou-demo.test/2020-02/27/content_3812501_2.htm",
    "http://www.haikou-demo.test/2020-02/27/content_3812501_3.htm",
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    """demo_haikou crawled once with NEWSSPIDER_WARC=1 from a server that answers gzip-encoded."""
    tmp = tmp_path_factory.mktemp("warc")
    with DemoServer(gzip=True) as server:
        argv = crawl_command(SITE, tmp / "output", tmp / "state", tmp / "report.json", tmp / "crawl.log")
        env = {**os.environ, "http_proxy": server.proxy_url}
        env.pop("no_proxy", None)
        done = subprocess.run([*argv, "-s", "NEWSSPIDER_WARC=1"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return tmp


def lines(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text("utf-8").splitlines()]


def warcio(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warcio.cli", *args], capture_output=True, text=True, timeout=120)


def test_warcio_check_passes_and_every_page_has_exactly_one_response(crawl):
    folder = crawl / "output" / SITE
    files = sorted(str(p) for p in (folder / "warc").glob("*.warc.gz"))
    assert files
    checked = warcio("check", "-v", *files)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "digest pass" in checked.stdout and "fail" not in checked.stdout
    index = [json.loads(row) for row in warcio("index", "-f", "warc-type,warc-target-uri", *files).stdout.splitlines()]
    responses = Counter(row["warc-target-uri"] for row in index if row["warc-type"] == "response")
    exported = {line["url"] for line in lines(folder)}
    assert len(exported) == 5
    assert responses == Counter(exported | CONTINUATIONS)  # each article page and continuation page once
    assert Counter(row["warc-type"] for row in index)["request"] == len(responses)
    assert Counter(row["warc-type"] for row in index)["warcinfo"] == len(files)


def test_each_line_names_its_record_and_follows_the_schema(crawl):
    folder = crawl / "output" / SITE
    for line in lines(folder):
        assert schema.errors(line) == [], line["url"]
        pages = {page.record_id: page for page in reader.records(folder / line["warc_file"], reader.ReadReport())}
        assert pages[line["warc_record_id"]].url == line["url"]


def test_payload_is_kept_as_received(crawl):
    """The server sent gzip: the record keeps the compressed payload and its Content-Encoding header."""
    folder = crawl / "output" / SITE
    demo = DemoSites()
    pages = [page for path in (folder / "warc").glob("*.warc.gz") for page in reader.records(path, reader.ReadReport())]
    assert pages
    for page in pages:
        assert page.header("content-encoding") == "gzip"
        assert gzip.decompress(page.payload) == demo.file_for(page.url).read_bytes()
        assert page.header("content-type") == demo.content_type(page.url)


def test_reextract_gives_the_same_lines_apart_from_fetched_at(crawl, tmp_path):
    out = tmp_path / "again.jsonl"
    done = subprocess.run([sys.executable, "-m", "scrapy", "reextract", str(crawl / "output"), "-O", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "5 unchanged, 0 changed, 0 without a first line" in done.stderr
    crawled = {line["url"]: line for line in lines(crawl / "output" / SITE)}
    again = {line["url"]: line for line in lines(tmp_path)}
    assert set(again) == set(crawled)
    for url, line in again.items():
        assert schema.errors(line) == []
        assert (out.parent / line["warc_file"]).resolve() == (crawl / "output" / SITE / crawled[url]["warc_file"]).resolve()
        for key in ("fetched_at", "warc_file"):
            line.pop(key), crawled[url].pop(key)
        assert line == crawled[url]


def test_reextract_filters_by_site_and_since(crawl, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "scrapy", "reextract", str(crawl / "output"), *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip

    later = run("--since", "2999-01-01", "-O", str(tmp_path / "none.jsonl"))
    assert later.returncode == 0 and "5 articles outside --site/--since" in later.stderr
    by_site = run("--site", SITE, "--output-dir", str(tmp_path / "layout"))
    assert by_site.returncode == 0, by_site.stderr
    assert len(lines(tmp_path / "layout" / SITE)) == 5
    assert verify(tmp_path / "layout").ok
    unknown = run("--site", "no_such_site", "--output-dir", str(tmp_path / "none"))
    assert unknown.returncode != 0 and "unknown site 'no_such_site'" in unknown.stderr
    assert not (tmp_path / "none").exists()


def _tampered(crawl: Path, tmp_path: Path, change) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(crawl / "output", copy)
    change(copy / SITE)
    return copy


def _first(folder: Path, pattern: str) -> Path:
    return sorted(folder.glob(pattern))[0]


TAMPER = {
    "altered": lambda f: _first(f, "*.jsonl").write_bytes(
        _first(f, "*.jsonl").read_bytes().replace("海口".encode(), "海南".encode(), 1)
    ),
    "missing": lambda f: _first(f, "*.jsonl").unlink(),
    "extra": lambda f: (f / f"{SITE}-other-00001.jsonl").write_text('{"url": "http://x/"}\n'),
    "torn": lambda f: _first(f, "*.jsonl").write_bytes(_first(f, "*.jsonl").read_bytes()[:-25]),
    "missing_warc": lambda f: _first(f, "warc/*.warc.gz").unlink(),
    "altered_warc": lambda f: _first(f, "warc/*.warc.gz").write_bytes(_first(f, "warc/*.warc.gz").read_bytes()[:-10]),
    "extra_warc": lambda f: shutil.copy(_first(f, "warc/*.warc.gz"), f / "warc" / "stray.warc.gz"),
    "leftover_temp": lambda f: (f / f".{SITE}-x-00009.jsonl.part").write_text("{"),
    "unreadable_manifest": lambda f: _first(f, "*.manifest.json").write_text("{"),
}  # fmt: skip
EXPECTED_KIND = {"altered": "altered", "missing": "missing", "extra": "extra", "torn": "torn",
                 "missing_warc": "missing", "altered_warc": "altered", "extra_warc": "extra",
                 "leftover_temp": "torn", "unreadable_manifest": "torn"}  # fmt: skip


def test_verify_passes_on_the_crawl(crawl):
    report = verify(crawl / "output", crawl / "state")
    assert report.ok, report.text()
    assert report.batches >= 1 and report.lines == 5 and report.warcs >= 1
    cli = subprocess.run([sys.executable, "-m", "newsspider.verify", str(crawl / "output"), "--state-dir",
                          str(crawl / "state")], cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert cli.returncode == 0 and cli.stdout.startswith("OK:")


@pytest.mark.parametrize("case", sorted(TAMPER))
def test_verify_reports_each_kind_of_damage(crawl, tmp_path, case):
    copy = _tampered(crawl, tmp_path, TAMPER[case])
    report = verify(copy)
    assert not report.ok
    assert EXPECTED_KIND[case] in {kind for kind, _message in report.problems}, report.text()
    cli = subprocess.run([sys.executable, "-m", "newsspider.verify", str(copy)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert cli.returncode == 1 and cli.stdout.startswith("FAILED:")
    assert f"  {EXPECTED_KIND[case]}: " in cli.stdout


def test_verify_against_the_seen_store(crawl, tmp_path):
    """A batch the seen store committed but which is gone is missing, even with its manifest and WARC gone too."""

    def drop_batch(folder):
        for path in [*folder.glob("*.jsonl"), *folder.glob("*.manifest.json"), *folder.glob("warc/*")]:
            path.unlink()

    copy = _tampered(crawl, tmp_path, drop_batch)
    assert verify(copy).ok  # nothing left to compare without the store
    state = tmp_path / "state"
    shutil.copytree(crawl / "state", state)
    with sqlite3.connect(state / "seen.sqlite3") as conn:  # the copy's batches live under the copied folder
        conn.execute("UPDATE batches SET path = replace(path, ?, ?)", (str(crawl / "output"), str(copy)))
    report = verify(copy, state)
    assert [kind for kind, _ in report.problems] == ["missing"], report.text()


def _file_size_limit(limit: int):
    """preexec_fn: writes past ``limit`` bytes fail with EFBIG (SIGXFSZ ignored), as a full disk would fail them."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_disk_full_during_warc_writing_stops_the_batch_uncommitted(tmp_path):
    from newsspider_testing import crawlrun
    from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

    settings = {"NEWSSPIDER_WARC": 1, "NEWSSPIDER_BATCH_SIZE": 25}
    with SiteServer(GeneratedSite(SiteSpec(articles=60, page_kb=20, per_page=25))) as server:
        command = crawlrun.crawl_command(server.start_url, tmp_path, **settings)
        with (tmp_path / "full.log").open("wb") as log:  # a WARC part grows past 150 kB within its first batch
            done = subprocess.run(command, cwd=ROOT, env=crawlrun.project_env(), stdout=log, stderr=subprocess.STDOUT,
                                  preexec_fn=_file_size_limit(150_000), timeout=120)  # noqa: PLW1509  # fmt: skip
        text = (tmp_path / "full.log").read_text()
        assert "WARC write failed" in text and "warc_write_failed" in text, text[-3000:]
        assert crawlrun.final_files(tmp_path / "output") == []  # nothing committed, nothing under a final name
        assert list((tmp_path / "output").rglob("*.warc.gz")) == []
        with sqlite3.connect(tmp_path / "state" / "seen.sqlite3") as db:
            assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 0
        assert json.loads((tmp_path / "report.json").read_text())["finish_reason"] == "warc_write_failed"
        assert done.returncode == 0  # the cron command fails the site on finish_reason (not 'finished')
        rc = crawlrun.run(crawlrun.crawl_command(server.start_url, tmp_path, **settings), tmp_path / "again.log")
        assert rc == 0
        expected = {server.base + path for path in server.site.article_paths()}
        result = crawlrun.audit(tmp_path / "output", expected)
        assert (result.exported, result.duplicates, result.missing, result.temp_files) == (60, 0, [], 0)
        assert verify(tmp_path / "output", tmp_path / "state").ok


def _reextract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "reextract", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_reextract_summary_names_the_fields_that_changed(crawl, tmp_path):
    """Lines first exported with another title and no editors: the summary counts both fields."""
    copy = _tampered(crawl, tmp_path, lambda f: None)
    batch = _first(copy / SITE, "*.jsonl")
    rows = [json.loads(line) for line in batch.read_text("utf-8").splitlines()]
    rows[0]["title"] = "旧标题"
    rows[1]["editors"] = []
    batch.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    done = _reextract(str(copy), "-O", str(tmp_path / "again.jsonl"))
    assert done.returncode == 0, done.stderr
    assert "3 unchanged, 2 changed, 0 without a first line" in done.stderr
    assert "fields changed: " in done.stderr and "title 1" in done.stderr and "editors 1" in done.stderr


def test_reextract_skips_a_damaged_record_and_refuses_a_non_warc_file(crawl, tmp_path):
    warc = tmp_path / "damaged.warc.gz"
    data = bytearray(_first(crawl / "output" / SITE, "warc/*.warc.gz").read_bytes())
    members = [offset for offset, _ in reader.gzip_members(bytes(data), reader.ReadReport(), "x")]
    data[members[1] + 30] ^= 0xFF  # inside the first response record
    warc.write_bytes(bytes(data))
    done = _reextract(str(warc), "-O", str(tmp_path / "out.jsonl"))
    assert done.returncode == 1
    assert f"skipped damaged record: damaged.warc.gz at byte {members[1]}" in done.stderr
    assert len((tmp_path / "out.jsonl").read_text("utf-8").splitlines()) == 4  # the other articles replayed
    batch = _first(crawl / "output" / SITE, "*.jsonl")
    refused = _reextract(str(warc), str(batch), "-O", str(tmp_path / "none.jsonl"))
    assert refused.returncode == 2
    assert f"error: {batch}: not a WARC file" in refused.stderr
    assert not (tmp_path / "none.jsonl").exists()  # refused before any work


def test_reextract_shows_a_progress_bar_on_a_terminal(crawl, tmp_path):
    command = [sys.executable, "-m", "scrapy", "reextract", str(crawl / "output"), "-O", str(tmp_path / "bar.jsonl")]
    done, text = procs.run_on_terminal(command, columns=120, cwd=ROOT, timeout=120)
    assert done.returncode == 0
    assert "re-extracting" in text and "5 articles" in text and "articles/s" in text and "ETA" in text



@pytest.mark.slow
def test_verify_against_a_postgres_seen_store(crawl, tmp_path):
    """The same check with the seen store in PostgreSQL (``--seen-store``): the crawl's batches, then one gone."""
    from newsspider.state.pgstore import PgSeenStore
    from newsspider_testing.servers import PostgresServer

    copy = _tampered(crawl, tmp_path, lambda folder: None)
    with sqlite3.connect(crawl / "state" / "seen.sqlite3") as conn:
        batches = conn.execute("SELECT path, site, run_id FROM batches WHERE state = 'committed'").fetchall()
    with PostgresServer() as postgres:
        with PgSeenStore(postgres.url) as store:  # the crawl's batches, as a PostgreSQL store would hold them
            for number, (path, site, run_id) in enumerate(batches):
                moved = path.replace(str(crawl / "output"), str(copy))
                store.prepare_batch(moved, site, run_id, [f"{site}/key{number}"])
                store.commit_batch(moved)
        assert verify(copy, seen_store=postgres.url).ok
        gone = Path(batches[0][0].replace(str(crawl / "output"), str(copy)))
        for path in [gone, manifest.manifest_path(gone), *gone.parent.glob("warc/*")]:
            path.unlink()  # the batch, its manifest and WARC files: only the store still knows it
        assert verify(copy).ok
        cli = subprocess.run([sys.executable, "-m", "newsspider.verify", str(copy), "--seen-store", postgres.url],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert f"missing: {gone}: committed in the seen store, file not found" in cli.stdout
