"""What a class costs one machine: N learners on a real JupyterHub at once. Run by hand.

    python benchmarks/classroom.py                          # N = 1, 5, 10, 20; notebook 05
    python benchmarks/classroom.py --learners 1 5 --notebook 03 --moves 8
    python benchmarks/classroom.py --to-first-figure         # only as far as its first figure
    python benchmarks/classroom.py --profile 05             # where one Run All's time goes
    python benchmarks/classroom.py --course ../other-checkout  # another version of the course

For each N, a fresh JupyterHub (tools/hub.py: configurable-http-proxy, dummy authenticator,
local-process spawner, all on 127.0.0.1) starts N learners' servers at once and pulls the course
into each home with nbgitpuller, from a git repository made from this working tree. Every
learner opens the notebook (a kernel session, its websocket through the hub's proxy, as
JupyterLab opens it; the kernels are started one after another), then all at the same moment run
it top to bottom as JupyterLab's Run All sends it: every code cell's execute_request at once,
the kernel working through them in turn. When every
learner's last cell is done, they all drag at once: every slider of the notebook, `--moves`
positions there and back, each move a comm message as the browser sends it and sent when the
one before is finished (its picture in, the kernel idle). Then nobody does anything for
`--idle` seconds. (With `--to-first-figure` each learner runs only the cells up to and including the
first that shows a live figure, and drags that figure's sliders: a class trying the first
slider of a notebook.) Reported per N:

- start: seconds until every learner's server answered (a class logging in together);
- Run All: seconds from the common start until every learner's last cell was done (the
  slowest), and the median learner's;
- slider p50/p95: round trip of a move (message out, kernel idle again) over every move of
  every learner, and the slider whose p95 is the worst; beside it the floor, the median round
  trip of a request the kernel answers at once (kernel_info), measured as each learner opens the
  notebook: the path through proxy and server, nothing of the course. (As shipped, jupyter-server
  does not set TCP_NODELAY on kernel websockets, and that floor is about 45 ms: Nagle's
  algorithm waits for the client's delayed acknowledgement; with it set, about 5 ms.)
- memory per learner: peak resident set (VmHWM) of the learner's server plus their kernel, the
  mean over learners (and the largest), and all learners together;
- CPU-s per learner: server plus kernel, from the server's start to the end of the dragging;
- idle CPU-s per learner: what server and kernel spent in the `--idle` seconds when nobody
  asked anything of them (the target is 0);
- the hub and proxy's CPU-s, and this benchmark's own (it runs on the same machine).

Targets (issue 22; a 2-core machine, 20 learners): Run All done for all within 30 s; slider p95
≤ 250 ms with all dragging; ≤ 300 MB per learner; an idle kernel at 0 CPU. Timings depend on
what else the machine runs: the one-minute load average before each N is in the table and the
JSON (benchmarks/results/classroom.json). Linux only (/proc).

--profile NOTEBOOK runs that notebook top to bottom in one kernel under cProfile instead, and
prints the functions that take its time (cumulative), to show what dominates a Run All.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the course's tools as a package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nbformat
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from tools import badges
from tools.hub import CourseRepository, Hub, processes, stop_on_sigterm

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent / "notebooks"
TICKS = os.sysconf("SC_CLK_TCK")
PROTOCOL = "v1.kernel.websocket.jupyter.org"  # what JupyterLab 4 speaks to jupyter-server
SLIDERS = ("FloatSliderModel", "IntSliderModel", "FloatLogSliderModel", "SelectionSliderModel")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MAX_LEARNERS, MAX_MOVES = 40, 60
TARGETS = {"run_all_s": 30.0, "slider_p95_ms": 250.0, "memory_mb": 300.0, "idle_cpu_s": 0.05}


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (and of its children that ended), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / TICKS


def peak_mb(pid: int) -> float:
    """The largest resident set the process has had, in MB (VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def positions(state: dict) -> list:
    """Every value a slider widget can take, from its state as the kernel sent it."""
    model = state["_model_name"]
    if model == "SelectionSliderModel":
        return list(range(len(state["_options_labels"])))
    low, high, step = state["min"], state["max"], state["step"]
    count = int(round((high - low) / step)) + 1
    values = [low + i * step for i in range(count)]
    if model == "FloatLogSliderModel":
        return [state["base"] ** v for v in values]
    return [int(round(v)) for v in values] if model == "IntSliderModel" else values


def sweep(state: dict, moves: int) -> list:
    """`moves` positions from the slider's minimum to its maximum and back, each different from
    the one before, as benchmarks/figures.py sweeps a slider inside a kernel."""
    every = positions(state)
    stride = max(1, (len(every) - 1) // max(1, moves // 2))
    forward = every[::stride]
    if forward[-1] != every[-1]:
        forward.append(every[-1])
    there_and_back = forward + forward[-2:0:-1]
    values = [there_and_back[i % len(there_and_back)] for i in range(moves)]
    current = state["index"] if state["_model_name"] == "SelectionSliderModel" else state["value"]
    if abs(values[0] - current) <= 1e-9 * max(1.0, abs(current)):
        values = values[1:] + [values[0]]
    return values


class Learner:
    """One learner's notebook in JupyterLab, as its kernel sees it: a session and a websocket
    through the hub's proxy."""

    def __init__(self, hub: Hub, name: str, notebook: str):
        self.hub, self.name, self.notebook = hub, name, notebook
        self.session = Session(username=name)
        # msg_id → (future, what it still waits for: the kernel idle after it, and its reply;
        # the two come on different channels, in either order).
        self.waiting: dict[str, tuple[asyncio.Future, set[str]]] = {}
        self.replies: dict[str, dict] = {}
        self.sliders: list[dict] = []  # {"comm_id", "state", "label"} in the order they came
        self.failures: list[str] = []
        self.cell_of: dict[str, int] = {}  # execute_request msg_id → the cell's number

    async def open(self) -> None:
        path = f"{badges.FOLDER}/notebooks/{self.notebook}"
        session = await asyncio.to_thread(
            self.hub.api, "POST", "/api/sessions",
            {"path": path, "name": self.notebook, "type": "notebook",
             "kernel": {"name": "python3"}}, f"/user/{self.name}")
        kernel = session["kernel"]["id"]
        url = (f"ws://127.0.0.1:{self.hub.port}/user/{self.name}/api/kernels/{kernel}/channels"
               f"?session_id={self.session.session}")
        self.ws = await websocket_connect(
            HTTPRequest(url, headers={"Authorization": f"token {self.hub.token}"}),
            subprotocols=[PROTOCOL], max_message_size=1 << 30)
        self.reader = asyncio.ensure_future(self.read())
        await self.request("kernel_info_request", {})
        # The floor: requests the kernel answers at once, so their round trip is the path
        # (proxy, server, websocket) and nothing of the course.
        self.floor = [await self.request("kernel_info_request", {}) for _ in range(5)]

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        message = self.session.msg(msg_type, content)
        needs = {"idle"} if msg_type == "comm_msg" else {"idle", "reply"}
        self.waiting[message["header"]["msg_id"]] = (
            asyncio.get_running_loop().create_future(), needs)
        self.ws.write_message(serialize_msg_to_ws_v1(message, channel, self.session.pack),
                              binary=True)
        return message["header"]["msg_id"]

    async def request(self, msg_type: str, content: dict) -> float:
        """Send one request; the milliseconds until the kernel is idle again after it."""
        started = time.perf_counter()
        await self.waiting[self.send(msg_type, content)][0]
        return (time.perf_counter() - started) * 1000

    def fail(self, why: str) -> None:
        """Everything still waited for fails: the kernel died or the connection closed."""
        self.failures.append(why)
        for future, _ in self.waiting.values():
            if not future.done():
                future.set_exception(RuntimeError(why))
        self.waiting.clear()

    def arrived(self, origin: str | None, what: str) -> None:
        if origin in self.waiting:
            future, needs = self.waiting[origin]
            needs.discard(what)
            if not needs:
                del self.waiting[origin]
                future.set_result(None)

    async def read(self) -> None:
        while (frame := await self.ws.read_message()) is not None:
            channel, parts = deserialize_msg_from_ws_v1(frame)
            header, parent = json.loads(parts[0]), json.loads(parts[1])
            kind, origin = header["msg_type"], parent.get("msg_id")
            if kind == "status":
                state = json.loads(parts[3])["execution_state"]
                if state == "idle":
                    self.arrived(origin, "idle")
                elif state in ("restarting", "dead", "autorestarting"):
                    self.fail(f"{self.name}'s kernel is {state}")
            elif kind.endswith("_reply"):
                self.replies[origin] = content = json.loads(parts[3])
                if content["status"] != "ok":
                    self.failures.append(f"{content.get('ename')}: {content.get('evalue')}")
                self.arrived(origin, "reply")
            elif kind == "error":
                self.failures.append(json.loads(parts[3])["evalue"])
            elif kind == "comm_open":
                content = json.loads(parts[3])
                state = content.get("data", {}).get("state", {})
                if state.get("_model_name") in SLIDERS:
                    label = (f"code cell {self.cell_of.get(origin, '?')}: "
                             f"{state.get('description')}")
                    self.sliders.append({"comm_id": content["comm_id"], "state": state,
                                         "label": label})
        self.fail(f"{self.name}'s connection to the kernel closed")

    async def run_all(self, cells: list[str]) -> float:
        """Every cell's execute_request at once, as Run All sends them; the seconds until the
        last is done."""
        started = time.perf_counter()
        ids = [self.send("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}) for code in cells]
        self.cell_of.update({msg_id: number for number, msg_id in enumerate(ids, 1)})
        await asyncio.gather(*(self.waiting[i][0] for i in ids))
        if self.failures or any(self.replies[i]["status"] != "ok" for i in ids):
            raise RuntimeError(f"{self.name}: {self.notebook} failed: {self.failures[:3]}")
        return time.perf_counter() - started

    async def drag(self, moves: int) -> list[tuple[str, float]]:
        """Every slider, `moves` positions there and back, each move sent when the last is
        done; (slider, milliseconds) per move."""
        times = []
        for slider in self.sliders:
            key = "index" if slider["state"]["_model_name"] == "SelectionSliderModel" else "value"
            for value in sweep(slider["state"], moves):
                times.append((slider["label"], await self.request("comm_msg", {
                    "comm_id": slider["comm_id"],
                    "data": {"method": "update", "state": {key: value}, "buffer_paths": []}})))
        return times

    def close(self) -> None:
        self.ws.close()
        self.reader.cancel()


def pull(hub: Hub, name: str, repo: str) -> None:
    """Pull the course into the learner's home, as their pull link does (nbgitpuller's API)."""
    query = urllib.parse.urlencode({"repo": repo, "branch": badges.PULL_BRANCH,
                                    "targetpath": badges.FOLDER})
    events = []
    request = urllib.request.Request(f"{hub.url}/user/{name}/git-pull/api?{query}",
                                     headers={"Authorization": f"token {hub.token}"})
    with urllib.request.urlopen(request, timeout=300) as answer:
        for line in answer:
            if line.startswith(b"data:"):
                events.append(json.loads(line[5:]))
    if not events or events[-1].get("phase") != "finished":
        raise RuntimeError(f"{name}: the pull failed: {events[-3:]}")


def first_figure(notebook: nbformat.NotebookNode) -> int:
    """The index (among all cells) of the first code cell whose saved outputs show a live
    figure (a widget)."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and any(WIDGET_VIEW in output.get("data", {})
                                            for output in cell.outputs):
            return index
    raise ValueError("the notebook shows no live figure")


def code_cells(path: Path, to_first_figure: bool = False) -> list[str]:
    """The notebook's code cells as Run All sends them (empty ones left out); with
    `to_first_figure`, only those up to and including its first live figure."""
    notebook = nbformat.read(path, as_version=4)
    cells = notebook.cells[:first_figure(notebook) + 1] if to_first_figure else notebook.cells
    return [c.source for c in cells if c.cell_type == "code" and c.source.strip()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def a_class(hub: Hub, repo: str, learners: int, notebook: str, moves: int,
                  idle: float, path: Path | None = None, to_first_figure: bool = False) -> dict:
    """One class of `learners` on `hub`, the course pulled from `repo`; the row of the table.
    `path` is the notebook as the class gets it (default: this checkout's); with
    `to_first_figure`, each learner runs it only as far as its first live figure."""
    names = [f"learner{i + 1:02d}" for i in range(learners)]
    started = time.perf_counter()
    await asyncio.gather(*(asyncio.to_thread(hub.spawn, name) for name in names))
    start_s = time.perf_counter() - started
    await asyncio.gather(*(asyncio.to_thread(pull, hub, name, repo) for name in names))
    cells = code_cells(path or NOTEBOOKS / notebook, to_first_figure)
    class_ = [Learner(hub, name, notebook) for name in names]
    # One after another: on one machine, kernels that different servers start at the same
    # moment can pick the same free port and fail (on Kubernetes each learner has a network of
    # their own). Run All then starts for everyone at once.
    for learner in class_:
        await learner.open()
    pids = {name: hub.learner_processes(name) for name in names}
    every = [pid for found in pids.values() for pid in found["server"] + found["kernels"]]
    assert all(len(found["kernels"]) == 1 and len(found["server"]) == 1
               for found in pids.values()), pids

    # All start together, so the slowest learner's time is the class's.
    run_all = await asyncio.gather(*(learner.run_all(cells) for learner in class_))
    dragged = await asyncio.gather(*(learner.drag(moves) for learner in class_))
    busy = {pid: cpu_seconds(pid) for pid in every}
    await asyncio.sleep(idle)
    idle_cpu = {pid: cpu_seconds(pid) - busy[pid] for pid in every}
    for learner in class_:
        learner.close()

    moves_ms = [ms for times in dragged for _, ms in times]
    by_slider: dict[str, list[float]] = {}
    for times in dragged:
        for label, ms in times:
            by_slider.setdefault(label, []).append(ms)
    sliders = {label: {"p50_ms": round(statistics.median(v), 1),
                       "p95_ms": round(percentile(v, 0.95), 1), "moves": len(v)}
               for label, v in by_slider.items()}
    memory = [sum(peak_mb(pid) for pid in found["server"] + found["kernels"])
              for found in pids.values()]
    cpu = [sum(busy[pid] for pid in found["server"] + found["kernels"])
           for found in pids.values()]
    idle_per = [sum(idle_cpu[pid] for pid in found["server"] + found["kernels"])
                for found in pids.values()]
    hub_cpu = sum(cpu_seconds(pid) for pid, p in processes(hub.marker).items()
                  if pid == hub.process.pid or "configurable-http-proxy" in p["command"])
    worst = max(sliders, key=lambda label: sliders[label]["p95_ms"]) if sliders else ""
    return {
        "learners": learners, "notebook": notebook, "moves_per_slider": moves,
        "to_first_figure": to_first_figure, "cells_run": len(cells),
        "start_s": round(start_s, 1), "run_all_s": round(max(run_all), 1),
        "run_all_median_s": round(statistics.median(run_all), 1),
        "floor_ms": round(statistics.median(ms for learner in class_ for ms in learner.floor), 1),
        "slider_p50_ms": round(statistics.median(moves_ms), 1) if moves_ms else None,
        "slider_p95_ms": round(percentile(moves_ms, 0.95), 1) if moves_ms else None,
        "worst_slider": worst, "sliders": sliders,
        "memory_mb_mean": round(statistics.mean(memory), 1),
        "memory_mb_max": round(max(memory), 1), "memory_gb_all": round(sum(memory) / 1024, 2),
        "cpu_s_per_learner": round(statistics.mean(cpu), 1),
        "idle_cpu_s_per_learner": round(statistics.mean(idle_per), 2), "idle_s": idle,
        "hub_and_proxy_cpu_s": round(hub_cpu, 1),
    }


def measure(learners: int, notebook: str, moves: int, idle: float, repo: CourseRepository,
            home: Path, path: Path, to_first_figure: bool = False) -> dict:
    load = os.getloadavg()[0]
    own = sum(os.times()[:2])
    with Hub(home / f"hub-{learners}", start_timeout=600) as hub:
        row = asyncio.run(asyncio.wait_for(
            a_class(hub, repo.url, learners, notebook, moves, idle, path, to_first_figure),
            timeout=900))
    row["load_before"] = round(load, 2)
    row["benchmark_cpu_s"] = round(sum(os.times()[:2]) - own, 1)
    return row


def table(rows: list[dict]) -> str:
    lines = [f"{'N':>3} │ {'start':>6} │ {'Run All':>7} {'median':>6} │ {'slider p50/p95':>16} "
             f"{'floor':>6} │ "
             f"{'worst slider p95':<40} │ {'MB/learner':>10} {'(max)':>5} {'all':>6} │ "
             f"{'CPU-s/learner':>13} {'idle':>6} │ {'hub':>5} {'bench':>5} {'load':>5}"]
    lines.append("-" * len(lines[0]))
    for r in rows:
        worst = (f"{r['sliders'][r['worst_slider']]['p95_ms']:.0f} ms {r['worst_slider']}"
                 if r["worst_slider"] else "")
        lines.append(
            f"{r['learners']:>3} │ {r['start_s']:>5.1f}s │ {r['run_all_s']:>6.1f}s "
            f"{r['run_all_median_s']:>5.1f}s │ {r['slider_p50_ms']:>6.0f} / "
            f"{r['slider_p95_ms']:>4.0f} ms {r['floor_ms']:>4.0f}ms │ {worst[:40]:<40} │ "
            f"{r['memory_mb_mean']:>8.0f}MB {r['memory_mb_max']:>5.0f} "
            f"{r['memory_gb_all']:>4.1f}GB │ {r['cpu_s_per_learner']:>11.1f}s "
            f"{r['idle_cpu_s_per_learner']:>5.1f}s │ {r['hub_and_proxy_cpu_s']:>4.1f}s "
            f"{r['benchmark_cpu_s']:>4.1f}s {r['load_before']:>5.2f}")
    lines.append(
        f"(start: every server up; Run All: until every learner's last cell was done, and the "
        f"median learner; slider: a move's round trip\n over every move of every learner, "
        f"floor: of a request answered at once; "
        f"MB: peak server + kernel; CPU-s: server + kernel until the end of dragging; idle: "
        f"CPU-s in the\n idle seconds after; hub: hub and proxy CPU-s; bench: this process's; "
        f"load: the 1-minute load average before)\n"
        f"Targets at N = 20 on 2 cores: Run All ≤ {TARGETS['run_all_s']:g} s, slider p95 ≤ "
        f"{TARGETS['slider_p95_ms']:g} ms, ≤ {TARGETS['memory_mb']:g} MB per learner, idle 0.")
    return "\n".join(lines)


PROFILE = """
import cProfile, io, json, pstats
_cells = json.loads({cells!r})
_profile = cProfile.Profile()
_profile.enable()
for _cell in _cells:
    get_ipython().run_cell(_cell, silent=True)
_profile.disable()
_text = io.StringIO()
pstats.Stats(_profile, stream=_text).sort_stats("cumulative").print_stats({top})
print(_text.getvalue())
"""


def profile(notebook: str, notebooks: Path = NOTEBOOKS, top: int = 40) -> str:
    """One Run All of `notebook` in a fresh kernel (started in `notebooks`, as JupyterLab
    starts it) under cProfile; the report, by cumulative time."""
    from jupyter_client.manager import start_new_kernel

    path = next(p for p in sorted(notebooks.glob("*.ipynb")) if notebook in p.name)
    cells = [c.source for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "code" and c.source.strip()]
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(notebooks),
                                       stderr=subprocess.DEVNULL)
    printed = []
    try:
        client.execute_interactive(
            PROFILE.format(cells=json.dumps(cells), top=top), timeout=900,
            output_hook=lambda m: printed.append(m["content"].get("text", ""))
            if m["msg_type"] == "stream" and m["content"].get("name") == "stdout" else None)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    text = "".join(printed)
    return text[text.find("   ncalls") - 200 if "   ncalls" in text else 0:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, nargs="*", default=[1, 5, 10, 20])
    parser.add_argument("--notebook", default="05", help="the notebook every learner runs")
    parser.add_argument("--moves", type=int, default=12, help="positions dragged per slider")
    parser.add_argument("--idle", type=float, default=15.0,
                        help="seconds nobody does anything, after the dragging")
    parser.add_argument("--to-first-figure", action="store_true",
                        help="run only the cells up to and including the first live figure, "
                             "and drag that figure's sliders")
    parser.add_argument("--profile", metavar="NOTEBOOK",
                        help="instead: profile one Run All of NOTEBOOK in a kernel")
    parser.add_argument("--course", type=Path, default=HERE.parent,
                        help="the git work tree whose notebooks and helpers the class pulls "
                             "(default: this one), to compare versions in one environment")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "classroom.json")
    args = parser.parse_args(argv)
    stop_on_sigterm()
    if args.profile:
        print(profile(args.profile, args.course.resolve() / "notebooks"))
        return 0
    if any(not 1 <= n <= MAX_LEARNERS for n in args.learners) or not 1 <= args.moves <= MAX_MOVES:
        parser.error(f"1 to {MAX_LEARNERS} learners, 1 to {MAX_MOVES} moves")
    course = args.course.resolve()
    notebook = next(p.name for p in sorted((course / "notebooks").glob("*.ipynb"))
                    if args.notebook in p.name)
    rows = []
    with tempfile.TemporaryDirectory(prefix="classroom-") as folder:
        home = Path(folder)
        repo = CourseRepository(home, source=course)
        for learners in args.learners:
            rows.append(measure(learners, notebook, args.moves, args.idle, repo, home,
                                course / "notebooks" / notebook, args.to_first_figure))
            print(table(rows[-1:]).splitlines()[2], flush=True)
    extent = " as far as its first live figure" if args.to_first_figure else ""
    print(f"\n{notebook}{extent}, {args.moves} moves per slider, {os.cpu_count()} CPUs\n"
          + table(rows))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                            capture_output=True, text=True).stdout.strip()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "commit": commit, "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "notebook": notebook, "course": course.name,
        "course_commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=course,
                                        capture_output=True, text=True).stdout.strip(),
        "classes": rows}, indent=1) + "\n")
    print(f"\nJSON written to {args.json.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
