"""The course as a learner uses it: each notebook run in real JupyterLab in headless Chromium,
and every slider moved by a real mouse drag and by the keyboard.

Needs Debian's Chromium (`apt-get install -y chromium`). Without it these tests are skipped with
a message on a developer's machine, and fail under CI (CI=true). Times from input to new image
are printed at the end of the run (not asserted: machines here are noisy).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# JupyterLab settings for a clean, complete page: no news or update pop-ups, and every cell kept
# in the page (no windowing), so every output can be inspected.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        '{"checkForUpdates": false, "fetchNews": "false"}',
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A short, stable fingerprint of an <img>'s current bytes, computed in the page.
IMAGE_FINGERPRINT = """async (img) => {
    const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    let hash = 0;
    for (let i = 0; i < bytes.length; i++) { hash = (hash * 31 + bytes[i]) | 0; }
    return bytes.length + ':' + hash;
}"""
ALL_CELLS_RUN = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    return prompts.some(p => /\\[\\d+\\]/.test(p.textContent))
        && prompts.every(p => !/\\[[ *]\\]/.test(p.textContent));
}"""


def _browser_available() -> None:
    if Path(CHROMIUM).exists():
        return
    message = (f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install -y "
               "chromium` (Debian/Ubuntu) to run the browser tests")
    if os.environ.get("CI") == "true":
        pytest.fail(message + " — under CI a missing browser is a failure", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 over a throw-away copy of the notebooks."""
    _browser_available()
    home = tmp_path_factory.mktemp("lab")
    root = home / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    settings = home / "settings"
    for name, text in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(text)
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed below, after the server
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         f"--LabApp.user_settings_dir={settings}",
         f"--LabApp.workspaces_dir={home / 'workspaces'}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n"
                                + (home / "server.log").read_text()[-2000:])
                time.sleep(0.3)
        yield {"base": base, "token": token}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    _shut_down_kernels(request.getfixturevalue("lab"))
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.callspec.id}.png", full_page=True)
    page.close()


def _menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).first.click()


def _widget_cells(path: Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    return sum(any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))
               for cell in notebook.cells if cell.cell_type == "code")


def _shut_down_kernels(lab) -> None:
    """Stop every kernel the server runs, so each notebook starts with a fresh one."""
    auth = {"Authorization": f"token {lab['token']}"}
    request = urllib.request.Request(f"{lab['base']}/api/kernels", headers=auth)
    with urllib.request.urlopen(request, timeout=10) as answer:
        kernels = json.load(answer)
    for kernel in kernels:
        urllib.request.urlopen(urllib.request.Request(
            f"{lab['base']}/api/kernels/{kernel['id']}", headers=auth, method="DELETE"),
            timeout=30).close()


def _run_all(page, lab, name: str) -> None:
    # A workspace of its own, so JupyterLab does not reopen the notebooks of earlier tests.
    workspace = Path(name).stem.replace("_", "-")
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/notebooks/{name}"
              f"?token={lab['token']}")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    page.wait_for_timeout(1000)
    assert page.locator(".jp-mod-dirty").count() == 0, (
        "opening the notebook modified it: a teacher would be asked to save on closing")
    _menu(page, "Edit", "Clear Outputs of All Cells")
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(ALL_CELLS_RUN, timeout=180_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)


def _check_outputs(page, expected_widgets: int) -> None:
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.count() == 0, "an output shows a warning or an error:\n" + "\n".join(
        stderr.all_inner_texts())
    text = page.locator(".jp-Notebook").inner_text()
    for bad in ("Traceback", "Error displaying widget", "FloatSlider(", "IntSlider(",
                "FloatLogSlider(", "[interactive figure:"):
        assert bad not in text, f"the page shows {bad!r}"
    explorers = page.locator(".jp-OutputArea-output > .widget-vbox")
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-OutputArea-output > .widget-vbox img').length >= n",
        arg=expected_widgets, timeout=30_000)
    assert explorers.count() == expected_widgets


def _new_picture(page, image, old_src: str, started: float) -> float:
    """Wait for the picture to be replaced; return the milliseconds since `started`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("([img, old]) => img.src !== old",
                               arg=[image.element_handle(), old_src], polling="raf",
                               timeout=15_000)
    except PlaywrightTimeout:
        raise AssertionError("the picture was not redrawn within 15 s of the move") from None
    return (time.perf_counter() - started) * 1000


def _move_slider(page, explorer, image, slider, name: str, index: int, timings: list) -> None:
    """Drag the handle with the mouse, then press an arrow key on it; each time, the readout
    and the picture must change."""
    handle = slider.locator(".noUi-handle")
    track = slider.locator(".noUi-target").bounding_box()
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    toward_left = box["x"] > track["x"] + track["width"] / 2
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    readout = slider.locator(".widget-readout")
    for action in ("drag", "key"):
        before_text = readout.inner_text()
        before_image = image.evaluate(IMAGE_FINGERPRINT)
        old_src = image.get_attribute("src")
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
            timings.append(_new_picture(page, image, old_src, started))
            page.wait_for_timeout(300)  # let the updates of a drag settle
            assert readout.inner_text() != before_text, "the readout did not change"
            assert image.evaluate(IMAGE_FINGERPRINT) != before_image, "the picture did not change"
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            explorer.screenshot(path=ARTIFACTS / f"{name}-slider{index}-{action}.png")
            raise


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_every_slider_redraws(page, lab, path, browser_timings):
    _run_all(page, lab, path.name)
    expected = _widget_cells(path)
    _check_outputs(page, expected)
    timings = browser_timings.setdefault(path.stem, [])
    explorers = page.locator(".jp-OutputArea-output > .widget-vbox")
    moved = 0
    for e in range(explorers.count()):
        explorer = explorers.nth(e)
        image = explorer.locator("img")
        sliders = explorer.locator(".widget-slider")
        assert sliders.count() >= 1, f"explorer {e} has no slider"
        for s in range(sliders.count()):
            _move_slider(page, explorer, image, sliders.nth(s), path.stem, moved, timings)
            moved += 1
    assert moved >= expected
    _check_outputs(page, expected)  # still no warning or error after all that dragging
    print(f"{path.stem}: {moved} sliders, median input → new image "
          f"{statistics.median(timings):.0f} ms")
