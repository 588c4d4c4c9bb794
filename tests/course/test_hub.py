"""The course on a real JupyterHub, as a class gets it: two learners open a pull link, run a
notebook as far as its first live figure and drag a slider; the teacher pushes an update and a
second pull brings it in, while the learner's own saved edit stays.

No course notebook runs in full here (the suite runs each once outside the browser and once in
JupyterLab, tests/course/test_browser.py): the learners run a notebook's cells up to and including
its first live figure, and after the update only the teacher's new cell; the class benchmark's
machinery runs another notebook as far as its first live figure.

JupyterHub (requirements-hub.txt) with configurable-http-proxy (package.json), the dummy
authenticator and the local-process spawner, on 127.0.0.1 (tools/hub.py); the course is served
from a git repository made from this working tree, and the pull link is the README's
(tools/badges.py) with that repository in it. Needs Chromium and Node.js: without them these
tests are skipped with a message, and fail under CI (CI=true). Everything the hub started is
stopped afterwards, also on a failure.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from chromium import ARTIFACTS, CHROMIUM, CHROMIUM_MISSING, NOTEBOOKS, ROOT, launched, need

from benchmarks import classroom
from tools import badges
from tools.hub import PROXY, CourseRepository, Hub, processes

LEARNERS = ("ada", "grace")
FIRST, UPDATED = "01_perceptron.ipynb", "03_loss.ipynb"
# The teacher's update: a new line in helpers/__init__.py, and a new last cell in UPDATED that
# prints it and where the kernel found helpers (the only cell of UPDATED the learners run).
HELPERS_LINE = '\nCLASS_NOTE = "updated by the teacher"\n'
NEW_CELL = 'import helpers\n\nprint("note:", helpers.CLASS_NOTE, "from", helpers.__file__)'
# The learner's own edit of FIRST: a cell they add and save, which nbgitpuller must keep.
LEARNER_NOTE = "# my note: the line turns as w changes"
# The notebook on show (a second notebook opens in a tab of its own; the first is hidden).
SHOWN = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
# Of the shown notebook's first `count` cells, the code cells all ran (a number in the prompt)
# and none is waiting; the code cells below neither ran nor wait ("[ ]", or no prompt where the
# input is hidden).
RAN_ABOVE = """(count) => {
    const cells = [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
    const prompt = cell => cell.querySelector('.jp-InputPrompt').textContent;
    const above = cells.slice(0, count).filter(c => c.classList.contains('jp-CodeCell'));
    const below = cells.slice(count).filter(c => c.classList.contains('jp-CodeCell'));
    return above.length > 0 && above.every(c => /\\[\\d+\\]/.test(prompt(c)))
        && below.every(c => !/\\[[\\d*]+\\]/.test(prompt(c)));
}"""
# The kernel is connected and idle (the notebook's own indicator reads idle before it exists).
KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-Item')]
    .some(item => /\\(ipykernel\\) \\| Idle$/.test(item.textContent.trim()))"""
NEWS = "official Jupyter news"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    need(Path(CHROMIUM).exists(), CHROMIUM_MISSING)
    need(shutil.which("node") is not None,
         "Node.js not found: install it with `sudo apt-get install -y nodejs npm` (Debian/Ubuntu)"
         " to run the hub test")
    need(PROXY.exists(), "configurable-http-proxy not found: run `npm ci` in the course folder")
    home = tmp_path_factory.mktemp("hub")
    course = CourseRepository(home)
    hub = Hub(home)
    try:
        hub.start()
        yield hub, course
    finally:
        hub.stop()
        left = processes(hub.marker)
        assert not left, f"the hub left processes running: {left}"


@pytest.fixture(scope="module")
def browser(hub):
    with launched() as chromium:
        yield chromium


def _menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).first.click()


def _open_link(page, learner: str, hub, course, notebook: str) -> None:
    """Follow the notebook's pull link (logging in if asked) until the notebook is open."""
    page.goto(hub.url + badges.pull_link(notebook, hub="", repo=course.url))
    if page.locator("#username_input").count():
        page.fill("#username_input", learner)
        page.fill("#password_input", "any password")
        page.click("#login_submit")
    folder = urllib.parse.quote(badges.FOLDER)
    page.wait_for_url(re.compile(f"/user/{learner}/lab/tree/{folder}/notebooks/"
                                 f"{re.escape(notebook)}"), timeout=180_000)
    # The notebook's own kernel is up and the page connected to it (the status bar may still
    # show another notebook's kernel for a moment).
    path = f"{badges.FOLDER}/notebooks/{notebook}"
    deadline = time.monotonic() + 120
    while not any(s["path"] == path and s["kernel"]["connections"] >= 1
                  and s["kernel"]["execution_state"] == "idle"
                  for s in hub.api("GET", "/api/sessions", base=f"/user/{learner}")):
        assert time.monotonic() < deadline, f"{learner}: no kernel for {notebook} within 120 s"
        time.sleep(0.3)
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)


def _select(page, index: int) -> None:
    """Select the shown notebook's cell `index` (command mode), as a click on its prompt does."""
    page.locator(SHOWN).locator(".jp-Cell").nth(index).locator(".jp-InputPrompt").click()
    page.wait_for_function(
        "(i) => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook "
        ".jp-Cell')[i].classList.contains('jp-mod-active')", arg=index, timeout=10_000)


def _no_errors(page) -> None:
    notebook = page.locator(SHOWN)
    errors = notebook.locator(".jp-OutputArea-output[data-mime-type="
                              "'application/vnd.jupyter.stderr']")
    assert errors.count() == 0, "\n".join(errors.all_inner_texts())
    assert "Traceback" not in notebook.inner_text()


def _run_to_first_figure(page, notebook: str) -> int:
    """Run the notebook's cells up to and including its first live figure ("Run All Above
    Selected Cell" on the cell after it), nothing below; the figure cell's index."""
    figure = classroom.first_figure(nbformat.read(ROOT / "notebooks" / notebook, as_version=4))
    _menu(page, "Edit", "Clear Outputs of All Cells")  # the saved outputs show numbers too
    _select(page, figure + 1)
    _menu(page, "Run", "Run All Above Selected Cell")
    page.wait_for_function(RAN_ABOVE, arg=figure + 1, timeout=180_000)
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    _no_errors(page)
    return figure


def _add_a_note(page, after: int) -> None:
    """The learner's own edit: a new cell below cell `after`, a line typed in it, saved."""
    _select(page, after)
    page.keyboard.press("b")  # insert a cell below
    editor = page.locator(SHOWN).locator(".jp-Cell").nth(after + 1).locator(".cm-content")
    editor.click()
    page.keyboard.type(LEARNER_NOTE)
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_selector(".jp-mod-dirty", state="detached", timeout=30_000)


def _drag_first_slider(page, cell: int) -> None:
    """Drag the first slider of the explorer in cell `cell`; its picture must change."""
    explorer = (page.locator(SHOWN).locator(".jp-Cell").nth(cell)
                .locator(".jp-OutputArea-output > .widget-vbox").first)
    image = explorer.locator("img").first
    handle = explorer.locator(".widget-slider .noUi-handle").first
    box = None
    for _ in range(20):  # off-screen cells take their size when shown: wait until it holds
        handle.scroll_into_view_if_needed()
        page.wait_for_timeout(250)
        box, previous = handle.bounding_box(), box
        if box == previous:
            break
    before = image.get_attribute("src")
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 70, y, steps=6)
    page.mouse.up()
    page.wait_for_function("([img, old]) => img.src !== old",
                           arg=[image.element_handle(), before], timeout=30_000)


def _update_the_course(course) -> None:
    """The teacher changes helpers and a notebook, commits and pushes."""
    init = course.work / "helpers" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + HELPERS_LINE, encoding="utf-8")
    path = course.work / "notebooks" / UPDATED
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(NEW_CELL))
    nbformat.write(notebook, path)
    course.publish("For today: a note from helpers")


def test_two_learners_pull_run_and_drag_then_a_second_pull_brings_the_update(hub, browser):
    from playwright.sync_api import expect

    hub, course = hub
    pages = {}
    try:
        for learner in LEARNERS:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = pages[learner] = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on navigating
            _open_link(page, learner, hub, course, FIRST)
            figure = _run_to_first_figure(page, FIRST)
            _drag_first_slider(page, figure)
            _add_a_note(page, after=figure)
            copy = hub.home_of(learner) / badges.FOLDER
            assert (copy / "notebooks" / FIRST).is_file() and (copy / "helpers").is_dir()
            assert page.get_by_text(NEWS).count() == 0, "JupyterLab asks about Jupyter news"

        _update_the_course(course)
        for learner, page in pages.items():
            _open_link(page, learner, hub, course, UPDATED)
            # Only the teacher's new cell runs, in a fresh kernel: it prints the new line of
            # helpers and where the kernel imported helpers from.
            last = len(nbformat.read(course.work / "notebooks" / UPDATED, as_version=4).cells)
            cells = page.locator(SHOWN).locator(".jp-Cell")
            expect(cells, "the second pull did not bring the teacher's new cell").to_have_count(
                last, timeout=30_000)
            _select(page, last - 1)
            page.keyboard.press("Control+Enter")  # Run Selected Cell
            output = cells.nth(last - 1).locator(".jp-OutputArea-output")
            output.first.wait_for(timeout=60_000)
            page.wait_for_function(KERNEL_IDLE, timeout=60_000)
            _no_errors(page)
            home = hub.home_of(learner) / badges.FOLDER
            expected = f"note: updated by the teacher from {home / 'helpers' / '__init__.py'}"
            assert expected in output.first.inner_text(), (
                "the second pull did not bring the teacher's helpers in, or the kernel imported "
                "another helpers: " + output.first.inner_text())
            # nbgitpuller kept the learner's saved notebook: their note, their run.
            saved = nbformat.read(home / "notebooks" / FIRST, as_version=4)
            assert any(cell.source == LEARNER_NOTE for cell in saved.cells), (
                "the second pull lost the learner's saved edit of " + FIRST)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        for learner, page in pages.items():
            page.screenshot(path=ARTIFACTS / f"hub-{learner}.png", full_page=True)
        (ARTIFACTS / "hub.log").write_text(hub.tail(2_000_000))
        raise
    finally:
        for page in pages.values():
            page.context.close()


def _sliders_of_first_figure(path: Path) -> int:
    """How many sliders the notebook's first live figure has, from its saved widget state."""
    saved = nbformat.read(path, as_version=4)
    models = saved.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    outputs = saved.cells[classroom.first_figure(saved)].outputs
    view = next(o.data[classroom.WIDGET_VIEW] for o in outputs
                if classroom.WIDGET_VIEW in o.get("data", {}))
    found, todo = 0, [view["model_id"]]
    while todo:
        model = models[todo.pop()]
        found += model["model_name"] in classroom.SLIDERS
        todo += [child.removeprefix("IPY_MODEL_") for child in model["state"].get("children", [])]
    return found


def test_the_class_benchmark_measures_a_small_class_on_the_hub(hub):
    """benchmarks/classroom.py's machinery, on two learners and two moves (no time asserted),
    each running the notebook as far as its first live figure and dragging that figure."""
    hub, course = hub
    notebook = "03_loss.ipynb"
    # In a thread of its own: Playwright's event loop may be running in this one.
    with ThreadPoolExecutor(1) as thread:
        row = thread.submit(asyncio.run, classroom.a_class(
            hub, course.url, 2, notebook, moves=2, idle=0.5, to_first_figure=True)).result()
    path = ROOT / "notebooks" / notebook
    assert row["cells_run"] == len(classroom.code_cells(path, to_first_figure=True))
    assert row["cells_run"] < len(classroom.code_cells(path))
    assert sum(s["moves"] for s in row["sliders"].values()) == (
        2 * 2 * _sliders_of_first_figure(path))
    assert row["run_all_s"] > 0 and row["slider_p95_ms"] >= row["slider_p50_ms"] > 0
    assert row["memory_mb_mean"] > 0 and row["cpu_s_per_learner"] > 0 and row["floor_ms"] > 0


def test_no_notebook_depends_on_the_server_address_or_a_path_of_the_machine():
    """On a hub a notebook runs under /user/<name>/ in a folder the pull link chose: a link to
    the server's own pages or an absolute path would lead nowhere there."""
    server = re.compile(r"localhost|127\.0\.0\.1|:\d{4}\b|\]\(/|/user/|/home/|/tmp/|[A-Z]:\\\\")
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            assert not server.search(cell.source), f"{path.name}: {cell.source[:200]}"
            for link in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if link.startswith(("https://", "#")):
                    continue
                target = (path.parent / link.split("#")[0]).resolve()
                assert target.is_relative_to(ROOT) and target.exists(), f"{path.name}: {link}"
