"""What one learner costs a shared machine: CPU-seconds and memory per notebook. Run by hand.

    python benchmarks/learner.py                 # every notebook, 15 s idle after each
    python benchmarks/learner.py --idle 30 --only 05

For each notebook, as a learner who opens it in JupyterLab and runs it top to bottom: a fresh
kernel (this environment's Python, started in notebooks/, as JupyterLab starts it) runs the code
cells in order, as Run All sends them; then the kernel is left idle for `--idle` seconds, as
while the learner reads. It reports, read from the kernel's process (/proc, so Linux only):

- running: CPU-seconds from the kernel's start until the last cell is done (start-up included);
- idle: CPU-seconds the kernel spent while nobody asked anything of it (the target is 0);
- wall: seconds from the kernel's start until the last cell is done;
- peak memory: the kernel's largest resident set (VmHWM).

Targets (issue 25): ≤ 25 CPU-s for the whole course, running and idle together; an idle kernel
at 0 CPU; ≤ 200 MB per kernel. JSON goes to benchmarks/results/learner.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent / "notebooks"
TICKS = os.sysconf("SC_CLK_TCK")
# What a kernel may spend while idle before the report calls it busy (the clock's resolution,
# with a little room for the kernel's own heartbeat).
IDLE_TOLERANCE_S = 0.05


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and of its children that ended, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS


def peak_memory_mb(pid: int) -> float:
    """The largest resident set the process has had, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc: this benchmark needs Linux")


def run_notebook(path: Path, idle: float) -> dict:
    """Run one notebook in a fresh kernel as Run All does, then leave the kernel idle."""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "code" and c.source.strip()]
    started = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(path.parent),
                                       stderr=subprocess.DEVNULL)
    pid = manager.provisioner.process.pid
    try:
        for source in cells:
            reply = client.execute_interactive(source, timeout=600, output_hook=lambda m: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"{path.name}: a cell failed: {source[:80]!r}")
        wall = time.perf_counter() - started
        running = cpu_seconds(pid)
        time.sleep(idle)
        idle_cpu = cpu_seconds(pid) - running
        memory = peak_memory_mb(pid)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return {"notebook": path.stem, "cells": len(cells), "running_cpu_s": round(running, 2),
            "idle_cpu_s": round(idle_cpu, 2), "idle_s": idle, "wall_s": round(wall, 2),
            "peak_memory_mb": round(memory, 1)}


def table(rows: list[dict]) -> str:
    lines = [f"{'notebook':<22} {'running':>9} {'idle':>8} {'wall':>7} {'peak memory':>12}"]
    for row in rows:
        lines.append(f"{row['notebook']:<22} {row['running_cpu_s']:>7.1f} s "
                     f"{row['idle_cpu_s']:>6.2f} s {row['wall_s']:>5.1f} s "
                     f"{row['peak_memory_mb']:>9.0f} MB")
    running = sum(r["running_cpu_s"] for r in rows)
    idle = sum(r["idle_cpu_s"] for r in rows)
    lines.append(f"{'all, CPU-s':<22} {running:>7.1f} s {idle:>6.2f} s   (together "
                 f"{running + idle:.1f} CPU-s; idle measured over {rows[0]['idle_s']:g} s each)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=15.0,
                        help="seconds the kernel is left idle after its last cell")
    parser.add_argument("--only", nargs="*", default=[],
                        help="run only notebooks whose name contains one of these words")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "learner.json",
                        help="where to write the results as JSON")
    args = parser.parse_args(argv)
    paths = [p for p in sorted(NOTEBOOKS.glob("*.ipynb"))
             if not args.only or any(word in p.name for word in args.only)]
    rows = [run_notebook(path, args.idle) for path in paths]
    print(table(rows))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                            capture_output=True, text=True).stdout.strip()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "commit": commit, "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "notebooks": rows}, indent=1) + "\n")
    print(f"\nJSON written to {args.json.name}")
    busy = [r["notebook"] for r in rows if r["idle_cpu_s"] > IDLE_TOLERANCE_S]
    return 1 if busy else 0


if __name__ == "__main__":
    sys.exit(main())
