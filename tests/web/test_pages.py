"""The pages: HTML with a strict CSP and no inline code, JSON and CSV twins, empty and error states,
hostile text shown as text."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from .conftest import SHELLS

PAGES = [
    "/",
    "/documents",
    "/documents/first",
    "/documents/hostile",
    "/claims",
    "/claims?q=artillery",
    "/contested",
    "/dyads",
    "/dyads/IRN-RUS",
    "/actors/Kremlin",
    "/outlets",
    "/outlets/Example%20News",
    "/docs",
]
TABLES = [
    "/documents",
    "/claims",
    "/contested",
    "/dyads/IRN-RUS",
    "/actors/Tehran",
    "/outlets",
    "/outlets/Example%20News",
]


def _claim_id(client) -> int:
    return client.get("/api/claims", params={"q": "artillery"}).json()["claims"][0]["id"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_strict_html(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert _inline_code(r.text) == []


class _Markup(HTMLParser):
    """Collects what a strict CSP would block or what could run: inline scripts, style attributes,
    event handlers, javascript: links, assets from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "style":
            self.problems.append("<style>")
        if tag == "script" and not names.get("src"):
            self.problems.append("inline <script>")
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}")
            if name == "style":
                self.problems.append("style attribute")
            outside = ("javascript:", "http:", "https:", "//")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith(outside):
                self.problems.append(f"{name}={value}")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("script content")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def _inline_code(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    return parser.problems


def test_claim_page(client):
    r = client.get(f"/claims/{_claim_id(client)}")
    assert r.status_code == 200
    assert SHELLS in r.text and "Example News" in r.text and "Other Wire" in r.text
    assert "contested" in r.text
    for link in re.findall(r'href="(/documents/[^"]+)"', r.text):  # quotes link to their documents
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("path", [p for p in PAGES[1:-1] if p != "/dyads"] + ["/claims/{claim}"])
def test_json_twins(client, path):
    path = path.format(claim=_claim_id(client))
    base, _, query = path.partition("?")
    by_suffix = client.get(base + ".json" + (f"?{query}" if query else ""))
    by_accept = client.get(path, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.headers["content-type"].startswith("application/json")
    assert by_suffix.json() == by_accept.json()


@pytest.mark.parametrize("path", TABLES)
def test_csv_twins(client, path):
    r = client.get(path + ".csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows and rows[0]


def test_csv_cells_cannot_be_formulas(client):
    r = client.get("/claims.csv", params={"q": "report"})
    for row in csv.reader(io.StringIO(r.text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_hostile_text_is_shown_as_text(client):
    for path in ("/documents/hostile", "/outlets", "/documents", "/claims?q=report", "/actors/Kremlin"):
        html = client.get(path).text
        assert "<script>window.__pwned" not in html and "<script>alert(1)" not in html, path
        assert "<img src=x" not in html, path
        assert _inline_code(html) == [], path
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Wire" in client.get("/outlets").text
    page = client.get("/documents/hostile").text
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_analyse_form_pasted_text(client):
    r = client.post("/analyze", data={"text": "The Kremlin called the claims baseless."})
    assert r.status_code == 200
    assert 'class="text"' in r.text and "Loaded_Language" in r.text
    assert 'data-layer="statements"' in r.text and 'data-tech="8"' in r.text


def test_analyse_form_upload_and_store(empty_client):
    files = {"file": ("../../etc/article.txt", b"Tehran called the sanctions baseless.", "text/plain")}
    r = empty_client.post("/analyze", files=files, data={"store": "1"}, follow_redirects=False)
    assert r.status_code == 303
    page = empty_client.get(r.headers["location"])
    assert page.status_code == 200 and "Stored in the corpus (added)" in page.text
    assert empty_client.get("/api/documents").json()["documents"][0]["id"] == "article.txt"


def test_analyse_form_errors(client):
    r = client.post("/analyze", files={"file": ("tool.exe", b"MZ\x00\x00", "application/octet-stream")})
    assert r.status_code == 422 and "upload a .txt or .html file" in r.text
    assert "<h1>Error 422</h1>" in r.text
    r = client.post("/analyze", data={"text": ""})
    assert r.status_code == 422 and "give one of" in r.text
    r = client.post("/analyze", data={"text": "x", "url": "http://example.org/"})
    assert r.status_code == 422


def test_dyad_page_draws_a_chart(client):
    html = client.get("/dyads/IRN-RUS").text
    assert "<svg" in html and 'class="chart"' in html
    assert html.count('class="q1"') >= 2 and "2024-04" in html and "2024-05" in html
    assert 'class="goldstein"' in html
    assert (
        client.get("/dyads", params={"pair": "irn,rus"}, follow_redirects=False).headers["location"]
        == "/dyads/IRN-RUS"
    )


def test_empty_states(empty_client):
    assert "The corpus is empty" in empty_client.get("/").text
    assert "No documents yet" in empty_client.get("/documents").text
    assert "No claims in the corpus yet" in empty_client.get("/claims").text
    assert "No claim matches" in empty_client.get("/claims?q=shells").text
    assert "No dated asserted events" in empty_client.get("/dyads/IRN-RUS").text
    assert "No document has an outlet" in empty_client.get("/outlets").text


def test_not_found_pages(client):
    for path in (
        "/claims/424242",
        "/actors/Nobody",
        "/outlets/Nowhere",
        "/documents/nothing",
        "/no-such-page",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")
        assert "Error 404" in r.text
    assert client.get("/claims/424242.json").json()["error"]


def test_no_endpoint_reads_server_paths(client):
    for path in (
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/documents/..%2F..%2Fetc%2Fpasswd",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "root:" not in r.text
