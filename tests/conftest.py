"""Shared test set-up: figures are drawn off screen, every test starts with none open, browser
test failures keep their report for the screenshot, and browser timings are summed up at the end.

Two runs of each notebook serve the whole suite: `fresh_run`, once in a fresh kernel of this
environment, for every test that needs only its outputs (the comparison with the saved file, the
static site), and the browser test's run in JupyterLab, served from `binder_environment`, the
environment Binder would build.
"""

import copy
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from tools import regenerate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMINGS = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def fresh_run():
    """run(path): the notebook at `path`, run once top to bottom in a fresh kernel
    (tools/regenerate.py's execute, widget state and every frame kept), shared by the tests
    that need its outputs; each call gets its own copy. run.wrote(path) lists the files that
    run left in the notebook's folder (it should leave none)."""
    runs, wrote = {}, {}

    def run(path: Path):
        if path not in runs:
            before = set(path.parent.iterdir())
            runs[path] = regenerate.execute(path)
            wrote[path] = sorted(p.name for p in set(path.parent.iterdir()) - before)
        return copy.deepcopy(runs[path])

    run.wrote = lambda path: (run(path), wrote[path])[1]
    return run


@pytest.fixture(scope="session")
def binder_environment(tmp_path_factory):
    """(repo, venv): the repository as Binder sees it (tracked files only), with a fresh
    environment built from binder/requirements.txt alone, the way repo2docker's assemble step
    installs it."""
    home = tmp_path_factory.mktemp("binder")
    repo = home / "repo"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    venv = home / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r",
         "binder/requirements.txt"], cwd=repo, capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stderr[-3000:]
    return repo, venv


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.report_call = report
    return report


def pytest_configure(config):
    config.stash[TIMINGS] = {}


@pytest.fixture
def browser_timings(request):
    """{notebook: [ms from a slider input to the new picture, ...]}, printed at the end."""
    return request.config.stash[TIMINGS]


def pytest_terminal_summary(terminalreporter, config):
    timings = config.stash.get(TIMINGS, {})
    if timings:
        terminalreporter.section("slider input → new image in JupyterLab (median per notebook)")
        for name, values in sorted(timings.items()):
            if values:
                terminalreporter.line(f"{name}: {statistics.median(values):.0f} ms median over "
                                      f"{len(values)} moves (max {max(values):.0f} ms)")
