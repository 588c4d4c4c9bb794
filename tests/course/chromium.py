"""What the two browser tests share (tests/course/test_browser.py, JupyterLab; test_site.py, the
static site): where things are, how headless Chromium is launched, and the rule for a missing
tool — skipped with an install hint, but a failure under CI."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CHROMIUM_MISSING = (f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install -y "
                    "chromium` (Debian/Ubuntu) to run the browser tests")


def need(condition: bool, message: str) -> None:
    """Skip the test with `message` unless `condition` holds; under CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message + " — under CI this is a failure", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def launched() -> Iterator[object]:
    """Headless Chromium (Playwright driving the system's browser), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
