"""Bad arguments stop the cron command before anything starts (exit 2 with the reason); ``scrapy crawl``
start-up errors print one clear line (no asyncio traceback)."""

from __future__ import annotations

import subprocess

import pytest

from newsspider import cron
from newsspider.crawlcommand import scrapy_command
from newsspider.state.store import acquire_lock
from newsspider_testing import crawlrun


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (
            ["--start-url", "file:///etc/passwd"],
            "--start-url must be an http(s) URL with a host: 'file:///etc/passwd'",
        ),
        (["--start-url", "htp:/bad"], "--start-url must be an http(s) URL with a host: 'htp:/bad'"),
        (["--start-url", "http:///news/"], "--start-url must be an http(s) URL with a host: 'http:///news/'"),
        (
            ["--start-url", "http://a.cn:99999/"],
            "--start-url must be an http(s) URL with a host: 'http://a.cn:99999/'",
        ),
        (["--all", "-s", "DOWNLOAD_DELAY=abc"], "-s DOWNLOAD_DELAY=abc: DOWNLOAD_DELAY takes a number"),
        (
            ["--all", "-s", "CONCURRENT_REQUESTS=2.5"],
            "-s CONCURRENT_REQUESTS=2.5: CONCURRENT_REQUESTS takes a whole number",
        ),
        (
            ["--all", "-s", "ROBOTSTXT_OBEY=maybe"],
            "-s ROBOTSTXT_OBEY=maybe: ROBOTSTXT_OBEY takes True or False",
        ),
        (["--all", "-s", "FEEDS=[1"], "-s FEEDS=[1: FEEDS takes a JSON object"),
        (["--all", "-s", "NOEQUALS"], "-s NOEQUALS: expected NAME=VALUE"),
        (["--all", "-s", "=1"], "-s =1: expected NAME=VALUE"),
        (["--all", "--max-runtime", "-5"], "--max-runtime must be more than 0, got -5"),
        (["--all", "--max-runtime", "0"], "--max-runtime must be more than 0, got 0"),
        (["--all", "--grace", "-1"], "--grace must be 0 or more, got -1"),
        (["--all", "--max-errors", "-1"], "--max-errors must be 0 or more, got -1"),
        (["--all", "--quiet-days", "0"], "--quiet-days must be more than 0, got 0"),
        (["--all", "--max-runtime", "nan"], "--max-runtime must be more than 0, got nan"),
    ],
)
def test_bad_arguments_exit_2_before_anything_starts(tmp_path, capsys, args, reason):
    state = tmp_path / "state"
    assert (
        cron.main([*args, "--state-dir", str(state), "--output-dir", str(tmp_path / "out")])
        == cron.EXIT_USAGE
    )
    err = capsys.readouterr().err
    assert err == f"newsspider.cron: {reason}\n"
    assert not state.exists()  # no lock, no store, no crawl
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--all", "-s", "DOWNLOAD_DELAY=0.5", "-s", "ROBOTSTXT_OBEY=false", "-s", "MY_OWN_KEY=x"],
        ["--start-url", "https://a.cn/news/", "-s", "FEEDS={}", "-s", "CONCURRENT_REQUESTS=4"],
    ],
)
def test_good_arguments_pass(args):
    assert cron.check_args(cron.parse_args(args)) is None


def scrapy_crawl(tmp_path, *args: str) -> subprocess.CompletedProcess:
    folders = {"NEWSSPIDER_STATE_DIR": tmp_path / "state", "NEWSSPIDER_OUTPUT_DIR": tmp_path / "out"}
    command = scrapy_command("crawl", "news", *args, settings=folders)
    return subprocess.run(
        command, cwd=crawlrun.ROOT, env=crawlrun.project_env(), capture_output=True, text=True, timeout=120
    )


def assert_one_line(stderr: str, line: str) -> None:
    """``line`` is printed once, and nothing looks like a traceback or a logged error."""
    assert sum(text.startswith(line) for text in stderr.splitlines()) == 1, stderr[-3000:]
    for noise in ("Traceback", "Task exception", "ERROR"):
        assert noise not in stderr, stderr[-3000:]


@pytest.mark.parametrize(
    ("args", "rc", "line"),
    [
        (["-a", "site=no_such_site"], 2, "scrapy crawl: unknown site 'no_such_site' (known: "),
        (["-a", "start_url=htp:/bad"], 2, "scrapy crawl: start_url must be http(s) URLs, got 'htp:/bad'"),
    ],
)
def test_scrapy_crawl_startup_errors_are_one_line(tmp_path, args, rc, line):
    done = scrapy_crawl(tmp_path, *args)
    assert done.returncode == rc
    assert_one_line(done.stderr, line)


def test_scrapy_crawl_refused_by_a_held_site_lock_is_one_line(tmp_path):
    path = tmp_path / "state" / "locks" / "127.0.0.1.lock"
    lock = acquire_lock(path)
    try:
        done = scrapy_crawl(tmp_path, "-a", "start_url=http://127.0.0.1:9/news/")
    finally:
        lock.close()
    assert done.returncode == 75
    assert_one_line(done.stderr, f"scrapy crawl: {path} is locked by another run")
