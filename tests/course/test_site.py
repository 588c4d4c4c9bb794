"""The static site (tools/build_site.py) as a reader without a kernel sees it: every page built
from the notebooks as a normal run leaves them, served by a plain static file server on
127.0.0.1 and opened in headless Chromium. Widgets must render, the maths must be typeset, each
kernel-free slider must move by mouse drag and by the keyboard and change its picture and
readout, and no page may request anything from elsewhere. For every reader: axe-core (the
accessibility engine most audits use) finds nothing serious or critical on any page; every
image carries the sentence shown under it as its alt text and every slider handle its name;
every link between pages leads to a page and a place that exist; on a phone (390 px, touch)
nothing runs off the screen and a slider drags by touch; each page stays within its budget.

Needs Debian's Chromium and `npm ci` (node_modules). Without them these tests are skipped with a
message on a developer's machine, and fail under CI (CI=true). Times from key press to new
picture, and axe's counts per page, are printed (times are not asserted: machines here are
noisy).
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import ARTIFACTS, CHROMIUM, NOTEBOOKS, ROOT, free_port, launched, need

from helpers.figures.controls import _spoken
from helpers.figures.frames import FRAMES_CLASS
from tools import build_site

WIDGET_VIEW = '<script type="application/vnd.jupyter.widget-view+json">'
EXPLORERS = ".course-explorer"
SLIDER_EXPLORERS = ".jupyter-widgets.course-explorer"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
NBCONVERT_ALT = "No description has been provided for this image"
PAGES = [f"{path.stem}.html" for path in NOTEBOOKS]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory, fresh_run):
    """The whole site, built into a temporary folder and served on 127.0.0.1."""
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install it with `sudo "
          "apt-get install -y chromium` (Debian/Ubuntu) to run the site tests")
    need((ROOT / "node_modules/@jupyter-widgets/html-manager").is_dir() and AXE.is_file(),
          f"node_modules is missing: run `npm ci` in {ROOT} to run the site tests")
    out = tmp_path_factory.mktemp("site")
    started = time.monotonic()
    # The notebooks as the suite's one run outside the browser left them (tests/conftest.py).
    executed = {path.name: fresh_run(path) for path in NOTEBOOKS}
    built = build_site.build(out, executed)
    print(f"\nsite built in {time.monotonic() - started:.0f} s")
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
        yield {"base": base, "dir": out, "built": {page["page"]: page for page in built},
               "executed": executed}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(site):
    with launched() as chromium:
        yield chromium


def _watched(page):
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.fixture
def page(browser, site, request):
    page = _watched(browser.new_page(viewport={"width": 1400, "height": 1000}))
    yield page
    _keep_screenshot(page, request, "site")
    page.close()


@pytest.fixture
def phone(browser, site, request):
    """A page on a phone: 390 px wide, touch, as a phone's browser lays it out."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    page = _watched(context.new_page())
    yield page
    _keep_screenshot(page, request, "site-phone")
    context.close()


def _keep_screenshot(page, request, prefix: str) -> None:
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        callspec = getattr(request.node, "callspec", None)
        name = callspec.id if callspec is not None else request.node.name
        page.screenshot(path=ARTIFACTS / f"{prefix}-{name}.png", full_page=True)


def _only_local(page, site) -> None:
    outside = [url for url in page.requests
               if not url.startswith(site["base"] + "/") and not url.startswith(("data:", "blob:"))]
    assert not outside, f"the page requested something outside its folder: {outside[:5]}"


def _open(page, site, name: str) -> None:
    """Open a page and wait until its widgets are drawn and its maths typeset."""
    page.goto(f"{site['base']}/{name}")
    if name == "index.html":
        page.wait_for_load_state("networkidle")
        return
    source = (site["dir"] / name).read_text(encoding="utf-8")
    widgets = source.count(WIDGET_VIEW)
    page.wait_for_function(f"n => document.querySelectorAll('{SLIDER_EXPLORERS} img').length >= n",
                           arg=widgets, timeout=60_000)
    page.wait_for_function(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        " && document.querySelectorAll('mjx-container').length > 0", timeout=60_000)
    page.evaluate("() => MathJax.startup.promise")
    page.wait_for_load_state("networkidle")


def _seen(data: bytes):
    """A picture as a person sees it: (height, width, 4), the colour of see-through pixels
    set to 0 (it shows nowhere)."""
    import numpy as np
    from PIL import Image

    pixels = np.array(Image.open(io.BytesIO(data)).convert("RGBA"))
    pixels[pixels[..., 3] == 0] = 0
    return pixels


def test_every_frame_of_a_one_slider_figure_is_on_its_page_pixel_for_pixel(site):
    """The page keeps every position of every kernel-free slider, and each frame drawn over its
    base picture (as the page's CSS draws it) is the frame the notebook's run made."""
    import numpy as np

    checked = 0
    for name, notebook in site["executed"].items():
        page = (site["dir"] / f"{Path(name).stem}.html").read_text(encoding="utf-8")
        found = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)'
                          r"</script>", page, re.S)
        if not found:
            continue
        shown = json.loads(found.group(1))["state"]
        ran = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        bases = dict(re.findall(r"\.(site-frames-\d+) img \{ background: url\(data:image/webp;"
                                r"base64,([^)]*)\)", page))

        def image(model):
            (buffer,) = model["buffers"]
            return base64.b64decode(buffer["data"])

        for model_id, model in shown.items():
            classes = model["state"].get("_dom_classes", [])
            frames_class = [c for c in classes if c.startswith("site-frames-")]
            if model["model_name"] != "StackModel" or not frames_class:
                continue
            assert FRAMES_CLASS in classes
            base = _seen(base64.b64decode(bases[frames_class[0]]))
            children = model["state"]["children"]
            assert children == ran[model_id]["state"]["children"], "a slider position was lost"
            for child in children:
                child = child.removeprefix("IPY_MODEL_")
                overlay = _seen(image(shown[child]))
                drawn = np.where(overlay[..., 3:] > 0, overlay, base)
                assert np.array_equal(drawn, _seen(image(ran[child]))), (
                    f"{name}: a frame on the page is not the frame the notebook made")
                checked += 1
    assert checked >= 100, f"only {checked} frames found on the pages"


def test_index_links_every_page(page, site):
    page.goto(f"{site['base']}/index.html")
    assert "Neural Network Basics" in page.locator("h1").inner_text()
    links = page.locator("main li a")
    assert links.count() == len(NOTEBOOKS)
    for i, name in enumerate(PAGES):
        href = links.nth(i).get_attribute("href")
        assert href == name
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


def _caption(explorer) -> str:
    """The text line under an explorer's picture, as shown now."""
    return explorer.locator(".widget-html").last.inner_text().strip()


def _move(page, explorer, name: str, timings: list) -> None:
    """Drag the handle with the mouse, then press an arrow key on it; each time the readout,
    the picture and its alt text (the new sentence under it) must change."""
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
            alt = explorer.locator("img").first.get_attribute("alt")
            assert alt == _caption(explorer), "the new picture does not carry its sentence"
            assert handle.get_attribute("aria-valuetext") == readout.inner_text()
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            explorer.screenshot(path=ARTIFACTS / f"site-{name}-{action}.png")
            raise


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_and_sliders_move_without_a_kernel(page, site, name, browser_timings):
    html_file = site["dir"] / name
    source = html_file.read_text(encoding="utf-8")
    size = html_file.stat().st_size
    assert size <= build_site.PAGE_BUDGET, (
        f"{name} is {size / 1e6:.2f} MB, over the {build_site.PAGE_BUDGET / 1e6:.0f} MB budget")
    assert site["built"][name]["bytes"] == size
    _open(page, site, name)
    text = page.locator("main").inner_text()
    for bad in ("Error displaying widget", "VBox(", "Slider(", "model_id", "[interactive figure:",
                "Traceback"):
        assert bad not in text, f"the page shows {bad!r}"
    prose = "\n".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
    assert "$$" not in prose and not re.search(r"\\(frac|eta|nabla|leftarrow)\b", prose), (
        "maths left untypeset")
    explorers = page.locator(SLIDER_EXPLORERS)
    stills = page.locator(".site-still")
    assert explorers.count() == source.count(WIDGET_VIEW)
    assert explorers.count() + stills.count() >= 1, "the page shows no live figure at all"
    for still in stills.all():
        assert "JupyterLab" in still.inner_text() and "Binder" in still.inner_text()

    timings = browser_timings.setdefault(f"site {Path(name).stem} (static page, key press)", [])
    for e in range(explorers.count()):
        _move(page, explorers.nth(e), f"{Path(name).stem}-{e}", timings)
    assert not page.errors, f"the page raised: {page.errors[:3]}"
    page.wait_for_load_state("networkidle")
    _only_local(page, site)
    if timings:
        print(f"{name}: {explorers.count()} kernel-free sliders, {size / 1e6:.2f} MB, "
              f"median key press → new picture {statistics.median(timings):.0f} ms")


# What each picture is shown with: the sentence under it (the output after a static picture,
# the text line of an explorer or of a still picture), read in the page.
PICTURES_AND_WORDS = """() => [...document.querySelectorAll('main img')].map(img => {
    const explorer = img.closest('.course-explorer');
    let words = null;
    if (explorer) {
        const lines = explorer.querySelectorAll('.widget-html, .site-caption');
        words = lines.length ? lines[lines.length - 1].innerText : null;
    } else {
        const output = img.closest('.jp-OutputArea-child');
        const next = output && output.nextElementSibling;
        words = next ? next.innerText : null;
    }
    return {alt: img.getAttribute('alt'), words: words && words.trim(),
            src: img.src.slice(0, 40)};
})"""
SLIDERS = """() => [...document.querySelectorAll('.widget-slider')].map(slider => ({
    label: slider.querySelector('.widget-label').textContent,
    name: slider.querySelector('.noUi-handle').getAttribute('aria-label'),
    value: slider.querySelector('.noUi-handle').getAttribute('aria-valuetext'),
    readout: slider.querySelector('.widget-readout').textContent}))"""
AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def axe_findings(page) -> list[dict]:
    """axe-core's violations on the page as it is now: id, impact, help, the elements."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def axe_summary(findings: list[dict]) -> str:
    counts = {impact: sum(len(f["nodes"]) for f in findings if f["impact"] == impact)
              for impact in ("critical", "serious", "moderate", "minor")}
    rules = ", ".join(f"{f['id']} ({f['impact']}, {len(f['nodes'])})" for f in findings)
    return " / ".join(f"{n} {impact}" for impact, n in counts.items()) + (
        f": {rules}" if rules else "")


@pytest.mark.parametrize("name", ["index.html", *PAGES])
def test_every_page_is_for_every_reader(page, site, name):
    """axe: no serious or critical finding; every image carries its sentence as alt text;
    every slider handle its spoken name and its readout; one H1, headings in order."""
    _open(page, site, name)
    pictures = page.evaluate(PICTURES_AND_WORDS)
    for picture in pictures:
        assert picture["alt"] and picture["alt"] != NBCONVERT_ALT, f"no alt text: {picture}"
        assert " ".join(picture["alt"].split()) == " ".join((picture["words"] or "").split()), (
            f"the alt text is not the sentence under the picture: {picture}")
    for slider in page.evaluate(SLIDERS):
        assert slider["name"] == _spoken(slider["label"]), slider
        assert slider["value"] == slider["readout"], slider
    levels = [int(tag[1]) for tag in page.evaluate(
        "() => [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5,"
        " main h6')].map(h => h.tagName)")]
    assert levels.count(1) == 1 and levels[0] == 1, f"headings {levels}: one H1, first"
    skipped = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skipped, f"a heading level skipped: {levels}"
    findings = axe_findings(page)
    print(f"{name}: axe {axe_summary(findings)}; {len(pictures)} pictures with their sentence")
    bad = [f for f in findings if f["impact"] in ("serious", "critical")]
    assert not bad, "axe: " + "; ".join(f"{f['id']}: {f['help']} at {f['nodes'][:3]}"
                                       for f in bad)


def test_every_link_between_pages_leads_somewhere(site):
    """From the index, every link to this site names a page and a place on it that exist; each
    notebook's page links to the previous and the next one; the Binder links stay."""
    pages, seen, todo = {}, set(), ["index.html"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source = (site["dir"] / name).read_text(encoding="utf-8")
        pages[name] = source
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', source):
            href = html.unescape(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = parts.path or name
            assert (site["dir"] / target).is_file(), f"{name} links to {href}: no such page"
            if parts.fragment:
                target_source = (site["dir"] / target).read_text(encoding="utf-8")
                assert f'id="{parts.fragment}"' in target_source, (
                    f"{name} links to {href}: no such place on {target}")
            if target.endswith(".html"):
                todo.append(target)
    assert set(PAGES) <= seen, f"pages no link leads to: {set(PAGES) - seen}"
    for i, name in enumerate(PAGES):
        source = pages[name]
        assert ".ipynb\"" not in re.sub(r'href="https?://[^"]*"', "", source), (
            f"{name} still links to a notebook file")
        if i > 0:
            assert f'href="{PAGES[i - 1]}" rel="prev"' in source, f"{name}: no previous link"
        if i + 1 < len(PAGES):
            assert f'href="{PAGES[i + 1]}" rel="next"' in source, f"{name}: no next link"
        assert "https://mybinder.org/v2/gh/" in source, f"{name}: the Binder link is gone"


# Everything past the right edge of the screen: pictures, sliders, explorers.
BEYOND_THE_EDGE = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('main img, .widget-slider, .course-explorer')]
        .map(el => [el.className.toString().slice(0, 60), el.getBoundingClientRect()])
        .filter(([_, box]) => box.width > 0 && box.right > width + 0.5)
        .map(([name, box]) => `${name} ends at ${Math.round(box.right)} px of ${width}`);
}"""


# The height a box of frames (a one-slider figure) keeps beyond its picture, shrunk to the
# screen's width, as a share of the picture's height: the box's height is fixed (frames.py) so
# that swapping frames does not lay the page out again, and must still follow a narrow screen.
GAP_UNDER_FRAMES = """() => [...document.querySelectorAll('.explorer-frames')]
    .map(box => [box.getBoundingClientRect(), box.querySelector('img')])
    .filter(([box, img]) => img && box.height > 0)
    .map(([box, img]) => (box.height - img.getBoundingClientRect().height)
                         / img.getBoundingClientRect().height)"""


def _touch_drag(page, handle, dx: float) -> None:
    """Drag the handle by `dx` pixels with one finger (touch events, as a phone sends them)."""
    cdp = page.context.new_cdp_session(page)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 7):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                              "touchPoints": [{"x": x + dx * step / 6, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


@pytest.mark.parametrize("name", PAGES)
def test_on_a_phone_nothing_runs_off_the_screen_and_sliders_drag_by_touch(phone, site, name):
    _open(phone, site, name)
    width = phone.evaluate("document.documentElement.clientWidth")
    assert width == PHONE["width"]
    beyond = phone.evaluate(BEYOND_THE_EDGE)
    assert not beyond, f"cut off at the right edge of a {width}-px screen: {beyond[:4]}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= width, (
        "the page scrolls sideways")
    gaps = phone.evaluate(GAP_UNDER_FRAMES)
    assert all(gap <= 0.08 for gap in gaps), (
        f"a box of frames is taller than its shrunken picture by {max(gaps):.0%} of it")
    explorers = phone.locator(SLIDER_EXPLORERS)
    for e in range(explorers.count()):
        explorer = explorers.nth(e)
        slider = explorer.locator(".widget-slider").first
        handle = slider.locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        track = slider.locator(".noUi-target").bounding_box()
        box = handle.bounding_box()
        toward_left = box["x"] > track["x"] + track["width"] / 2
        before, old_src = slider.locator(".widget-readout").inner_text(), _picture(explorer)
        _touch_drag(phone, handle, -40 if toward_left else 40)
        _wait_new_picture(phone, explorer, old_src, time.perf_counter())
        assert slider.locator(".widget-readout").inner_text() != before, (
            "the readout did not change")
    assert not phone.errors, f"the page raised: {phone.errors[:3]}"
