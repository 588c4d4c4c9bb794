"""A JupyterHub on this machine serving the course as a class gets it, from a git repository.

    python tools/hub.py       # start one on 127.0.0.1, print a pull link per notebook; Ctrl+C

Used by the hub test (tests/course/test_hub.py) and the class benchmark
(benchmarks/classroom.py); run by hand to try the pull links before giving them to a class.

The hub is a real JupyterHub (this environment's, requirements-hub.txt) behind
configurable-http-proxy (from npm: `npm ci`), with the dummy authenticator (any name and any
password log in) and the local-process spawner: each learner's single-user server runs as a
process of this machine's user with a home folder of its own, and nbgitpuller pulls the course
into it. The course comes from a git repository made from this working tree
(CourseRepository), so a pull link works here as it works with GitHub. Everything listens on
127.0.0.1. Linux only: processes are found and stopped through /proc.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the sibling as the package it is
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import badges

ROOT = Path(__file__).resolve().parent.parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
# Set in every process a hub starts (proxy, servers, kernels), so that all of them are found and
# stopped with it, however they were started.
MARKER = "NN_BASICS_HUB"
SERVICE = "course-hub"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org",
         "-c", "init.defaultBranch=main", *args],
        cwd=cwd, check=True, capture_output=True, text=True).stdout


class CourseRepository:
    """The course's tracked files (and new, not ignored ones) of `source`, committed on branch
    badges.PULL_BRANCH and pushed to a bare repository that a pull link can name (`url`).
    `work` is the teacher's copy: change it, then `publish`."""

    def __init__(self, home: Path, source: Path = ROOT):
        self.work, self.bare = home / "teacher", home / "course.git"
        files = git("ls-files", "--cached", "--others", "--exclude-standard", "-z",
                    cwd=source).split("\0")
        for name in filter(None, files):
            if (source / name).is_file():
                (self.work / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, self.work / name)
        git("init", "--quiet", "--initial-branch", badges.PULL_BRANCH, cwd=self.work)
        git("init", "--quiet", "--bare", "--initial-branch", badges.PULL_BRANCH, str(self.bare),
            cwd=home)
        git("remote", "add", "origin", str(self.bare), cwd=self.work)
        self.publish("The course")

    @property
    def url(self) -> str:
        return self.bare.as_uri()

    def publish(self, message: str) -> None:
        """Commit everything in the teacher's copy and push it."""
        git("add", "--all", cwd=self.work)
        git("commit", "--quiet", "-m", message, cwd=self.work)
        git("push", "--quiet", "origin", badges.PULL_BRANCH, cwd=self.work)


def processes(marker: str) -> dict[int, dict]:
    """Every process of this machine that carries `marker` in its environment: pid → its
    command line and environment."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            if f"{MARKER}={marker}".encode() not in environ:
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone, or not ours
            continue
        env = dict(item.decode(errors="replace").split("=", 1) for item in environ if b"=" in item)
        found[int(entry.name)] = {"command": command, "env": env}
    return found


class Hub:
    """A running JupyterHub (start with `with Hub(home) as hub:`); its files live in `home`,
    learners' homes in `home/users/<name>`. `stop` (or leaving the `with`) ends the hub and every
    process it started."""

    def __init__(self, home: Path, port: int | None = None, start_timeout: int = 300):
        self.home = home
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.marker = secrets.token_hex(8)
        self.token = secrets.token_hex(32)
        self.start_timeout = start_timeout
        self.process: subprocess.Popen | None = None
        self.log = home / "hub.log"

    def config(self) -> str:
        """The hub's jupyterhub_config.py."""
        settings = {
            "JupyterHub.ip": "127.0.0.1",
            "JupyterHub.port": self.port,
            "JupyterHub.hub_ip": "127.0.0.1",
            "JupyterHub.hub_port": free_port(),
            "JupyterHub.db_url": f"sqlite:///{self.home / 'jupyterhub.sqlite'}",
            "JupyterHub.cookie_secret_file": str(self.home / "cookie_secret"),
            "JupyterHub.authenticator_class": "dummy",
            "JupyterHub.spawner_class": "simple",
            "JupyterHub.services": [{"name": SERVICE, "api_token": self.token}],
            "JupyterHub.load_roles": [{
                "name": SERVICE, "services": [SERVICE],
                "scopes": ["admin:users", "admin:servers", "access:servers"]}],
            "ConfigurableHTTPProxy.command": [str(PROXY)],
            "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
            "SimpleLocalProcessSpawner.home_dir_template": str(self.home / "users" / "{username}"),
            "Spawner.ip": "127.0.0.1",
            "Spawner.cmd": [sys.executable, "-m", "jupyterhub.singleuser"],
            # This machine's user may be root (a CI container); jupyter-server refuses root
            # without it, and it changes nothing for anyone else.
            "Spawner.args": ["--allow-root"],
            "Spawner.default_url": "/lab",
            "Spawner.environment": {MARKER: self.marker},
            "Spawner.start_timeout": self.start_timeout,
            "Spawner.http_timeout": self.start_timeout,
        }
        return "".join(f"c.{key} = {value!r}\n" for key, value in settings.items())

    def start(self) -> Hub:
        if not PROXY.exists():
            raise RuntimeError(f"{PROXY.relative_to(ROOT)} is missing: run `npm ci`")
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "jupyterhub_config.py").write_text(self.config())
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", "jupyterhub_config.py"],
                cwd=self.home, env={**os.environ, MARKER: self.marker}, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api("GET", "/")
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("JupyterHub did not start:\n" + self.tail()) from None
                time.sleep(0.3)

    def tail(self, characters: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-characters:] if self.log.exists() else ""

    def stop(self) -> None:
        """Stop the hub (it stops the servers and the proxy), then whatever it left running."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for sig in (signal.SIGTERM, signal.SIGKILL):
            left = processes(self.marker)
            for pid in left:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 10
            while left and time.monotonic() < deadline:
                time.sleep(0.2)
                left = processes(self.marker)
            if not left:
                break

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def api(self, method: str, path: str, body: dict | None = None, base: str = "/hub/api"):
        """Call the hub's REST API (or, with base="/user/<name>", a learner's server) with the
        hub's service token; the JSON answer, None if empty."""
        request = urllib.request.Request(
            f"{self.url}{base}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def spawn(self, name: str, timeout: float | None = None) -> None:
        """Create learner `name` if new, start their server and wait until it answers."""
        try:
            self.api("POST", f"/users/{name}")
        except urllib.error.HTTPError as error:
            if error.code != 409:  # 409: the learner exists
                raise
        try:
            self.api("POST", f"/users/{name}/server")
        except urllib.error.HTTPError as error:
            if error.code != 400:  # 400: already running
                raise
        deadline = time.monotonic() + (timeout or self.start_timeout)
        while not self.api("GET", f"/users/{name}")["servers"].get("", {}).get("ready"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name}'s server did not start:\n" + self.tail())
            time.sleep(0.5)

    def learner_processes(self, name: str) -> dict[str, list[int]]:
        """The pids of learner `name`'s single-user server and kernels."""
        found = {"server": [], "kernels": []}
        for pid, process in processes(self.marker).items():
            if process["env"].get("JUPYTERHUB_USER") != name:
                continue
            if "ipykernel_launcher" in process["command"]:
                found["kernels"].append(pid)
            elif "jupyterhub.singleuser" in process["command"]:
                found["server"].append(pid)
        return found

    def home_of(self, name: str) -> Path:
        return self.home / "users" / name


def stop_on_sigterm() -> None:
    """Let SIGTERM end this process as Ctrl+C does, so the hub and its processes stop too."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))


def main() -> int:
    import tempfile

    stop_on_sigterm()
    with tempfile.TemporaryDirectory(prefix="course-hub-") as folder:
        home = Path(folder)
        course = CourseRepository(home)
        with Hub(home) as hub:
            print(f"JupyterHub at {hub.url} (any name, any password); the course is served from "
                  f"{course.url}. Pull links:")
            for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
                print("  " + badges.pull_link(notebook.name, hub=hub.url, repo=course.url))
            print("Ctrl+C stops the hub and everything it started.")
            try:
                while hub.process.poll() is None:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
