"""Shared test setup: --update-fixtures and the loopback demo server."""

from __future__ import annotations

import pytest

from newsspider.demosite.server import DemoServer


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures", action="store_true", default=False,
        help="rewrite the 'expected' block of every fixture pair from the current output (review with git diff)",
    )  # fmt: skip


@pytest.fixture
def update_fixtures(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-fixtures")


@pytest.fixture(scope="module")
def demo_server():
    """The demo sites behind a forward proxy on 127.0.0.1:<free port>, stopped by its own handle."""
    server = DemoServer().start()
    try:
        yield server
    finally:
        server.stop()
