"""Binder: the configuration repo2docker would build, the badges, and a simulated Binder session.

No Docker engine here, so the image is not built; instead everything it depends on is checked:
repo2docker accepts binder/ and picks the pinned Python, the requirements resolve, every badge
leads to a notebook, and a fresh environment installed from binder/ only (the session fixture
`binder_environment`) serves every notebook with the course's settings. The browser test runs
every notebook in JupyterLab served from that same environment.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat

from tools import badges

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/(\w+)\?urlpath=([^)\s]+)")


def test_binder_pins_python_and_reuses_the_root_requirements():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    lines = [line.strip() for line in (ROOT / "binder" / "requirements.txt").read_text()
             .splitlines() if line.strip() and not line.startswith("#")]
    assert lines == ["-r ../requirements.txt"], "one list of pins, not two copies"
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    assert pins[-1] == ".", "the course's environment (the import hook for helpers) is installed"
    assert "-e ." not in pins, "an editable install would point every kernel at one copy"
    assert all("==" in pin for pin in pins[:-1]), "every package pinned exactly"


def test_repo2docker_accepts_the_configuration():
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--no-run", str(ROOT)],
        capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "python=3.11" in output
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in output
    # The kernel's environment must be the server's: otherwise our pinned JupyterLab widget
    # extension would land beside the kernel, and Binder's JupyterLab could not show widgets.
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in output


def test_binder_requirements_resolve(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", str(tmp_path / "report.json"), "-r", "binder/requirements.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_badge_leads_to_a_notebook_and_every_notebook_has_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = BINDER_LINK.findall(readme)
    assert ("lab/tree/notebooks" in [path for _, _, path in links]), "a badge for the course"
    for repository, branch, path in links:
        assert repository == badges.REPOSITORY and branch == badges.BRANCH
        target = ROOT / path.removeprefix("lab/tree/")
        assert target.exists(), path
    for notebook in NOTEBOOKS:
        assert f"lab/tree/notebooks/{notebook.name}" in readme
        first = next(c for c in nbformat.read(notebook, as_version=4).cells
                     if c.cell_type == "markdown")
        assert badges.badge(notebook.name) in first.source, notebook.name
    assert subprocess.run([sys.executable, str(ROOT / "tools" / "badges.py"), "--check"],
                          capture_output=True).returncode == 0


def test_binder_environment_imports_the_helpers_beside_the_notebooks(binder_environment, tmp_path):
    repo, venv = binder_environment
    where = [str(venv / "bin" / "python"), "-c", "import helpers; print(helpers.__file__)"]
    result = subprocess.run(where, cwd=repo / "notebooks", capture_output=True, text=True)
    assert result.stdout.strip() == str(repo / "helpers" / "__init__.py"), result.stderr
    # Outside the course there is no helpers to import, and the message says so.
    result = subprocess.run(where, cwd=tmp_path, capture_output=True, text=True)
    assert "Open the notebook from the course's notebooks/ folder" in result.stderr


def test_binder_serves_every_notebook_with_the_course_settings(binder_environment, tmp_path):
    repo, venv = binder_environment
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    port = free_port()
    server = subprocess.Popen(
        [str(venv / "bin" / "jupyter"), "lab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--IdentityProvider.token=binder-test", f"--ServerApp.root_dir={repo}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for notebook in NOTEBOOKS:
            url = f"{base}/{badges.binder_url(notebook.name).split('urlpath=')[1]}"
            page = fetch(url + "?token=binder-test")
            assert "JupyterLab" in page or "jupyter-config-data" in page
            contents = fetch(f"{base}/api/contents/notebooks/{notebook.name}?token=binder-test")
            assert '"type": "notebook"' in contents or '"type":"notebook"' in contents
        # The course's settings (environment/jupyterlab-overrides.json5) are JupyterLab's
        # defaults there: no pop-up asking about Jupyter news, no update check.
        settings = json.loads(fetch(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:"
                                    "notification?token=binder-test"))["schema"]["properties"]
        assert settings["fetchNews"]["default"] == "false"
        assert settings["checkForUpdates"]["default"] is False
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, attempts: int = 120) -> str:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no answer from {url}")
