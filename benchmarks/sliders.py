"""How fast does every slider in the course answer? Run by hand, never as a timed test.

    python benchmarks/sliders.py                    # every figure, 200 moves each
    python benchmarks/sliders.py --only 05 --updates 100
    python benchmarks/sliders.py --json benchmarks/results/mine.json

Starts a real Jupyter kernel (this environment's Python), builds every interactive figure there
as its notebook does, drives its sliders across their positions (there and back, as a drag does)
by sending each move as the browser sends it, a comm message, and reports per figure:

- build: the CPU seconds its cell spends building it; a figure of one slider makes every frame
  then (how many, their mean size and their total);
- the floor: a slider in the same kernel that only swaps pre-rendered frames of the same size
  and format into an Image, moved the same way; every median below is also given as a multiple
  of it (×floor);
- a drag's median round trip (the message until the kernel is idle again). A figure of one
  slider answers in the page, so here the kernel only takes note of the new index: no picture
  comes back. A figure of several sliders draws each new position, or answers from the frames
  of positions seen; for its moves drawn anew ("cold") the median and where the time goes:
  maths (the scene's update), drawing, encoding, sending (the widgets' send_state) and the
  rest (message handling, what the floor costs too);
- the naive way (a new figure per update) and how many times faster a cold move is, memory
  growth over the sweep, and open matplotlib figures before and after.

Prints a table and writes JSON for comparing commits.

Machines differ, so the targets are ratios measured in one run: a figure of one slider's round
trip within 1.5× the floor (the kernel only notes an index: nothing comes back, the rest is
noise); a figure of several sliders' move drawn anew ≥ 3× faster than naive; memory growth
≤ 5 MB; open figures unchanged. What a learner sees, key press to new picture on screen against
the floor (≤ 1.2× for one slider, ≤ 1.5× for several), is printed by
tests/course/test_browser.py: a kernel round trip of a few milliseconds is a small part of it.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

HERE = Path(__file__).resolve().parent
# The most a drag's median round trip may be, as a multiple of the floor slider's median, for a
# figure that answers in the page (one that draws in the kernel is held to the naive way here,
# and to the floor in the browser test).
FLOOR_TARGETS = {"in the page": 1.5}


def _run(client, code: str):
    """Run `code` in the kernel; the JSON it prints, parsed."""
    outputs = []

    def keep(message):
        if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
            outputs.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            outputs.append("ERROR " + "\n".join(message["content"]["traceback"]))

    reply = client.execute_interactive(code, timeout=1800, output_hook=keep)
    if reply["content"]["status"] != "ok":
        raise RuntimeError("the benchmark failed in the kernel:\n" + "".join(outputs))
    return json.loads("".join(outputs))


def round_trip(client, widget_id: str, state: dict) -> float:
    """Move a slider as the browser does (a comm message setting its state); the milliseconds
    until the kernel is idle again, every message it sent on the way (the new picture) in."""
    message = client.session.msg("comm_msg", {"comm_id": widget_id, "data": {
        "method": "update", "state": state, "buffer_paths": []}})
    started = time.perf_counter()
    client.shell_channel.send(message)
    while True:
        reply = client.get_iopub_msg(timeout=120)
        if (reply["parent_header"].get("msg_id") == message["header"]["msg_id"]
                and reply["msg_type"] == "status"
                and reply["content"]["execution_state"] == "idle"):
            return (time.perf_counter() - started) * 1000


def run_in_kernel(updates: int, only: list[str]) -> list[dict]:
    """Measure every figure in a fresh kernel, each slider move sent as a comm message (the
    kernel round trip a browser sees), the floor slider the same way; return the rows."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(HERE))
    try:
        names = _run(client, "import json, figures\nprint(json.dumps(list(figures.figures())))")
        rows = []
        for name in names:
            if only and not any(word in name for word in only):
                continue
            steps = _run(client, f"print(json.dumps(figures.start({name!r}, {updates})))")
            times = [round_trip(client, widget, state) for widget, state in steps]
            floor_steps = _run(client, f"print(json.dumps(figures._RUNS[{name!r}]"
                                       ".end_of_sweep()))")
            floor = [round_trip(client, widget, state) for widget, state in floor_steps]
            rows.append(_run(client, f"print(json.dumps(figures._RUNS.pop({name!r}).result("
                                     f"{times!r}, {floor!r}, 'comm round trip')))"))
        return rows
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def verdict(row: dict) -> str:
    target = FLOOR_TARGETS.get(row["answers"])
    problems = []
    if target is not None and row["x_floor"] > target:
        problems.append(f"> {target:g}× floor")
    if row.get("speedup", 3) < 3:
        problems.append("< 3× naive")
    if row["memory_growth_mb"] > 5:
        problems.append("memory > 5 MB")
    if row["open_figures_after"] != row["open_figures_before"]:
        problems.append("figures leaked")
    return "ok" if not problems else ", ".join(problems)


def table(rows: list[dict]) -> str:
    header = (f"{'figure':<24} │ {'answers':<8} {'build':>6} {'frames':>6} {'kB':>5} {'MB':>5} │ "
              f"{'floor':>6} │ {'drag':>7} {'×floor':>6} │ {'cold':>6} {'×floor':>6} "
              f"{'maths':>5} {'draw':>5} {'enc':>5} {'send':>5} {'rest':>5} {'naive':>6} "
              f"{'ratio':>5} │ {'memory':>7} {'figs':>4}  verdict")
    lines = [header, "-" * len(header)]
    dash = "—"
    for row in rows:
        page = row["answers"] == "in the page"
        parts = row.get("breakdown_ms", {})
        drawn = (f"{dash:>6} {dash:>6} {dash:>5} {dash:>5} {dash:>5} {dash:>5} {dash:>5} "
                 f"{row['naive_median_ms']:>4.0f}ms {dash:>5}" if page else
                 f"{row['cold_median_ms']:>4.1f}ms {row['cold_x_floor']:>5.1f}× "
                 f"{parts['maths']:>5.1f} {parts['draw']:>5.1f} {parts['encode']:>5.1f} "
                 f"{parts['send']:>5.1f} {parts['rest']:>5.1f} {row['naive_median_ms']:>4.0f}ms "
                 f"{row['speedup']:>4.1f}×")
        lines.append(
            f"{row['figure'][:24]:<24} │ {'page' if page else 'kernel':<8} "
            f"{row['build_cpu_s']:>5.2f}s {row.get('frames', 1):>6} {row['frame_kb']:>5.1f} "
            f"{row.get('frames_mb', row['frame_kb'] / 1024):>5.2f} │ "
            f"{row['floor_median_ms']:>4.1f}ms │ {row['median_ms']:>5.1f}ms "
            f"{row['x_floor']:>5.1f}× │ {drawn} │ {row['memory_growth_mb']:>+5.1f}MB "
            f"{row['open_figures_before']}→{row['open_figures_after']:<2} {verdict(row)}")
    lines.append(
        "(answers: in the page, a figure of one slider whose frames the page picks, or in the "
        "kernel, drawn on each move;\n build: CPU seconds to build it as its cell does, frames "
        "made then, their mean kB and total MB; floor: median round trip of a slider swapping "
        "pre-rendered frames;\n drag: median round trip of a drag's moves (in the page: the "
        "kernel only notes the index); cold: of the moves drawn anew, with its parts in ms\n "
        "(rest = message handling); naive: a new figure per update, ratio: naive ÷ cold; "
        "memory: growth over the sweep)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=200, help="slider moves per figure")
    parser.add_argument("--only", nargs="*", default=[],
                        help="measure only figures whose name contains one of these words")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "sliders.json",
                        help="where to write the results as JSON")
    args = parser.parse_args(argv)
    rows = run_in_kernel(args.updates, args.only)
    print(table(rows))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                            capture_output=True, text=True).stdout.strip()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "commit": commit, "python": platform.python_version(), "machine": platform.machine(),
        "updates": args.updates, "figures": rows,
    }, indent=1) + "\n")
    print(f"\nJSON written to {args.json.name}")
    return 0 if all(verdict(row) == "ok" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
