"""Fetching a URL (``--allow-fetch``): public addresses only (after DNS, on redirects), size, time."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from claimgraph.web.fetch import FetchError, fetch_url, public_address


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::", False),
    ],
)
def test_public_address(address, public):
    assert public_address(address) is public


def test_names_are_checked_after_resolution():
    def resolve(host, port):
        return {"news.example": ["10.0.0.7"]}[host]

    with pytest.raises(FetchError, match="non-public address"):
        fetch_url("http://news.example/a", max_bytes=1000, timeout_s=2, resolve=resolve)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "file:///etc/passwd", "javascript:alert(1)", "http:///x"]
)
def test_only_http_urls(url):
    with pytest.raises(FetchError):
        fetch_url(url, max_bytes=1000, timeout_s=2)


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path == "/redirect-private":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data")
            self.end_headers()
        elif self.path == "/redirect-ok":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"x" * 5000)
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            body = b"Tehran denied the report."
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _only_loopback_test_server(address: str) -> bool:
    return address == "127.0.0.1"  # stands in for "public" so the test server can be reached


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchError, match="non-public"):
        fetch_url(server + "/article", max_bytes=1000, timeout_s=2)


def test_fetch_and_follow_a_redirect(server):
    got = fetch_url(server + "/redirect-ok", max_bytes=1000, timeout_s=2, allowed=_only_loopback_test_server)
    assert got.body == b"Tehran denied the report."
    assert got.url.endswith("/article")


def test_redirects_are_checked(server):
    with pytest.raises(FetchError, match=r"169\.254\.169\.254"):
        fetch_url(
            server + "/redirect-private", max_bytes=1000, timeout_s=2, allowed=_only_loopback_test_server
        )


def test_size_limit(server):
    with pytest.raises(FetchError, match="over the limit"):
        fetch_url(server + "/big", max_bytes=1000, timeout_s=2, allowed=_only_loopback_test_server)


def test_time_limit(server):
    start = time.monotonic()
    with pytest.raises(FetchError, match="took over"):
        fetch_url(server + "/slow", max_bytes=100_000, timeout_s=0.5, allowed=_only_loopback_test_server)
    assert time.monotonic() - start < 2.5
