"""Shared test set-up: figures are drawn off screen, every test starts with none open, browser
test failures keep their report for the screenshot, and browser timings are summed up at the end.
"""

import statistics

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

TIMINGS = pytest.StashKey[dict]()


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
