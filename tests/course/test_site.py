"""The static site (tools/build_site.py) as a reader without a kernel sees it: every page built,
served by a plain static file server on 127.0.0.1 and opened in headless Chromium. Widgets must
render, the maths must be typeset, each kernel-free slider must move by mouse drag and by the
keyboard and change its picture and readout, and no page may request anything from elsewhere.

Needs Debian's Chromium and `npm ci` (node_modules). Without them these tests are skipped with a
message on a developer's machine, and fail under CI (CI=true). Times from key press to new
picture are printed at the end of the run (not asserted: machines here are noisy).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from chromium import ARTIFACTS, CHROMIUM, NOTEBOOKS, ROOT, free_port, launched, need

PAGE_BUDGET = 8_000_000  # bytes of a page's own HTML (shared scripts not counted)
WIDGET_VIEW = '<script type="application/vnd.jupyter.widget-view+json">'
EXPLORERS = ".jupyter-widgets .site-explorer"
SLIDER_EXPLORERS = ".jupyter-widgets .site-explorer:not(.site-still)"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The whole site, built into a temporary folder and served on 127.0.0.1."""
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install it with `sudo "
          "apt-get install -y chromium` (Debian/Ubuntu) to run the site tests")
    need((ROOT / "node_modules/@jupyter-widgets/html-manager").is_dir(),
          f"node_modules is missing: run `npm ci` in {ROOT} to run the site tests")
    out = tmp_path_factory.mktemp("site")
    started = time.monotonic()
    build = subprocess.run([sys.executable, "tools/build_site.py", "--out", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, f"the site build failed:\n{build.stdout}\n{build.stderr}"
    print(f"\nsite built in {time.monotonic() - started:.0f} s:\n{build.stdout}")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        cwd=out, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{base}/index.html", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the static file server did not start")
                time.sleep(0.2)
        yield {"base": base, "dir": out}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(site):
    with launched() as chromium:
        yield chromium


@pytest.fixture
def page(browser, site, request):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"site-{request.node.callspec.id}.png", full_page=True)
    page.close()


def _only_local(page, site) -> None:
    outside = [url for url in page.requests
               if not url.startswith(site["base"] + "/") and not url.startswith(("data:", "blob:"))]
    assert not outside, f"the page requested something outside its folder: {outside[:5]}"


def test_index_links_every_page(page, site):
    page.goto(f"{site['base']}/index.html")
    assert "Neural Network Basics" in page.locator("h1").inner_text()
    links = page.locator("main li a")
    assert links.count() == len(NOTEBOOKS)
    for i, path in enumerate(NOTEBOOKS):
        href = links.nth(i).get_attribute("href")
        assert href == f"{path.stem}.html"
        assert (site["dir"] / href).is_file()
    page.wait_for_load_state("networkidle")
    _only_local(page, site)


def _picture(explorer) -> str:
    return explorer.locator("img").first.get_attribute("src") or ""


def _wait_new_picture(page, explorer, old_src: str, started: float) -> float:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "([box, old]) => { const img = box.querySelector('img');"
            " return img && img.src && img.src !== old; }",
            arg=[explorer.element_handle(), old_src], polling="raf", timeout=10_000)
    except PlaywrightTimeout:
        raise AssertionError("the picture did not change within 10 s of the move") from None
    return (time.perf_counter() - started) * 1000


def _move(page, explorer, name: str, timings: list) -> None:
    """Drag the handle with the mouse, then press an arrow key on it; each time the readout and
    the picture must change."""
    slider = explorer.locator(".widget-slider").first
    handle = slider.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    track = slider.locator(".noUi-target").bounding_box()
    box = handle.bounding_box()
    toward_left = box["x"] > track["x"] + track["width"] / 2
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    readout = slider.locator(".widget-readout")
    for action in ("drag", "key"):
        before_text, old_src = readout.inner_text(), _picture(explorer)
        started = time.perf_counter()
        if action == "drag":
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + (-70 if toward_left else 70), y, steps=6)
            page.mouse.up()
        else:
            handle.focus()
            page.keyboard.press("ArrowLeft" if toward_left else "ArrowRight")
        try:
            elapsed = _wait_new_picture(page, explorer, old_src, started)
            if action == "key":
                timings.append(elapsed)
            page.wait_for_timeout(150)  # let a drag's last updates settle
            assert readout.inner_text() != before_text, "the readout did not change"
            assert _picture(explorer) != old_src, "the picture did not change"
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            explorer.screenshot(path=ARTIFACTS / f"site-{name}-{action}.png")
            raise


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_renders_and_sliders_move_without_a_kernel(page, site, path, browser_timings):
    html_file = site["dir"] / f"{path.stem}.html"
    source = html_file.read_text(encoding="utf-8")
    size = html_file.stat().st_size
    assert size < PAGE_BUDGET, f"{html_file.name} is {size / 1e6:.1f} MB, over the budget"
    expected = source.count(WIDGET_VIEW)
    assert expected >= 1, "the page has no widget at all"
    assert "site_frames" not in source, "the hidden set-up cell shows in the page"

    page.goto(f"{site['base']}/{html_file.name}")
    page.wait_for_function(f"n => document.querySelectorAll('{EXPLORERS} img').length >= n",
                           arg=expected, timeout=60_000)
    page.wait_for_function(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        " && document.querySelectorAll('mjx-container').length > 0", timeout=60_000)
    page.evaluate("() => MathJax.startup.promise")
    text = page.locator("main").inner_text()
    for bad in ("Error displaying widget", "VBox(", "Slider(", "model_id", "[interactive figure:",
                "Traceback"):
        assert bad not in text, f"the page shows {bad!r}"
    prose = "\n".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
    assert "$$" not in prose and not re.search(r"\\(frac|eta|nabla|leftarrow)\b", prose), (
        "maths left untypeset")
    assert page.locator(EXPLORERS).count() == expected
    for still in page.locator(".site-still").all():
        assert "JupyterLab" in still.inner_text() and "Binder" in still.inner_text()

    timings = browser_timings.setdefault(f"site {path.stem} (static page, key press)", [])
    explorers = page.locator(SLIDER_EXPLORERS)
    for e in range(explorers.count()):
        _move(page, explorers.nth(e), f"{path.stem}-{e}", timings)
    assert not page.errors, f"the page raised: {page.errors[:3]}"
    page.wait_for_load_state("networkidle")
    _only_local(page, site)
    if timings:
        print(f"{path.stem}: {explorers.count()} kernel-free sliders, {size / 1e6:.2f} MB, "
              f"median key press → new picture {statistics.median(timings):.0f} ms")
