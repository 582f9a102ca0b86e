"""The real pages in a real browser: Playwright driving Debian's Chromium (headless).

One server for the module (uvicorn on 127.0.0.1, the real analyser, the small test corpus).
Skipped with the reason when Playwright or Chromium is missing; ``.ci/run`` installs both.
Screenshots go to ``build/screenshots/``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import HOSTILE

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the browser tests need playwright (dev extra)"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("the browser tests need Chromium: apt-get install -y chromium", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
SAMPLE = ROOT / "examples" / "sample_article.html"


@pytest.fixture(scope="module")
def server(stored_corpus, analyzer):
    import uvicorn

    from claimgraph.web import WebConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    analyzer.analyze("The minister met his counterpart on Monday.", id="warm-up")  # models loaded before
    app = create_app(WebConfig(db_url=stored_corpus), analyzer=lambda: analyzer)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        except Exception as exc:  # a broken browser install: say so rather than fail obscurely
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)  # an analysis on a busy 2-core machine can take a while
    page.problems = []  # console errors (CSP violations included), page errors, dialogs
    page.on(
        "console",
        lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=False)


def test_analyse_a_sample_and_toggle_layers(server, page):
    page.goto(server + "/")
    page.set_input_files("#file", str(SAMPLE))
    page.click("button[type=submit]")
    page.wait_for_selector("div.text .seg", timeout=120_000)
    text = page.locator("div.text")
    assert page.locator("div.text .seg.m-content").count() > 0
    assert page.locator("table.events tbody tr").count() > 0
    assert page.locator("table.claims tbody tr").count() > 0
    _shot(page, "analysis.png")

    page.uncheck("input[data-layer=statements]")
    assert "hide-statements" in text.get_attribute("class")
    page.check("input[data-layer=statements]")
    assert "hide-statements" not in text.get_attribute("class")
    if page.locator("input[data-tech]").count():
        tech = page.locator("div.text .seg.m-tech").first
        painted = tech.evaluate(
            "e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor"
        )
        page.locator("input[data-tech]").first.uncheck()
        page.uncheck("input[data-layer=techniques]")
        cleared = tech.evaluate(
            "e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor"
        )
        assert painted != cleared

    page.locator("div.text .seg.m-content").first.click()
    note = page.locator("#details pre.note")
    assert note.is_visible() and "Statement S" in note.inner_text()
    page.locator("div.text .seg").first.focus()  # keyboard: Tab to the next span, Enter opens it
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.getAttribute('data-note')")
    assert focused and note.inner_text().strip() == focused.strip()
    speaker = page.locator("table.statements tr[data-speaker^='a']").first.get_attribute("data-speaker")
    page.locator(f"table.actors tr[data-actor='{speaker}'] td").first.click()  # an actor: what it says
    spoken = page.locator("table.statements tr[data-speaker='" + speaker + "']").first.get_attribute(
        "data-ref"
    )
    assert page.locator(f"div.text .seg.focus[data-refs~='{spoken}']").count() > 0
    assert page.problems == []


def test_open_a_claim_and_a_dyad_chart(server, page):
    page.goto(server + "/claims")
    page.locator("table.claims a[href^='/claims/']").first.click()
    page.wait_for_selector("h1.claim-text")
    assert "artillery shells" in page.locator("h1.claim-text").inner_text()
    assert page.locator("ol.quotes li").count() == 2
    page.goto(server + "/dyads/IRN-RUS")
    chart = page.locator("svg.chart")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.chart rect.q1, svg.chart rect.q2").count() >= 2
    assert page.locator("svg.chart polyline.goldstein").count() == 1
    _shot(page, "dyad.png")
    assert page.problems == []


def test_hostile_input_never_runs(server, page):
    page.goto(server + "/")
    page.fill("#text", f'The Kremlin said {HOSTILE} was a lie. <a href="javascript:alert(2)">link</a>')
    page.click("button[type=submit]")
    page.wait_for_selector("div.text", timeout=120_000)
    assert page.evaluate("() => window.__pwned") is None
    assert "</script><script>window.__pwned=1</script>" in page.locator("div.text").inner_text()
    assert page.locator("div.text img, div.text script, div.text a").count() == 0
    page.goto(server + "/documents/hostile")
    page.wait_for_selector("div.text")
    assert page.evaluate("() => window.__pwned") is None
    page.goto(server + "/outlets")
    assert "<script>alert(1)</script> Wire" in page.locator("table").inner_text()
    _shot(page, "hostile.png")
    assert page.problems == []
