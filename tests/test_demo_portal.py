"""The demo proxy serves a generated portal under a fixed host name, whatever port the proxy itself has."""

from __future__ import annotations

import http.client

import pytest

from newsspider.demosite.portal import Portal
from newsspider.demosite.server import DemoServer

HOST = "www.portal-demo.test"


@pytest.fixture(scope="module")
def server():
    with DemoServer(portals={HOST: Portal("hanweb")}) as running:
        yield running


def _get(server: DemoServer, target: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def test_the_portal_answers_proxy_requests_for_its_host(server):
    portal = server.portals[HOST]
    status, content_type, body = _get(server, f"http://{HOST}/")
    assert (status, content_type, body) == (200, portal.render("/").content_type, portal.render("/").body)
    article = portal.article_path(1)
    assert _get(server, f"http://{HOST}{article}")[2] == portal.render(article).body
    assert _get(server, f"http://{HOST}/no/such/page.html")[0] == 404


def test_the_portal_names_itself_by_its_host_and_the_fixture_sites_still_answer(server):
    assert server.portals[HOST].base == f"http://{HOST}"  # absolute URLs (feeds, sitemaps) carry the fixed name
    assert str(server.port) not in _get(server, f"http://{HOST}/")[2].decode()
    assert _get(server, "http://www.haikou-demo.test/node_12.htm")[0] == 200
