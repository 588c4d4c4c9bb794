"""How fast does every slider in the course redraw? Run by hand, never as a timed test.

    python benchmarks/sliders.py                    # every figure, 200 updates each
    python benchmarks/sliders.py --only 05 --updates 100
    python benchmarks/sliders.py --json benchmarks/results/mine.json

Starts a real Jupyter kernel (this environment's Python), builds every interactive figure there
as its notebook does, drives its sliders across their range and reports per figure: median and
p95 kernel time per update (from the value change to the widget holding the new image), the same
plot rendered the naive way (a new figure per update) and the ratio, memory growth and open
matplotlib figures over the run. Prints a table and writes JSON for comparing commits.

Targets (issue: sliders that answer instantly): median ≤ 20 ms and p95 ≤ 40 ms for figures that
redraw, median ≤ 50 ms for figures that retrain; ≥ 3× faster than naive; memory growth ≤ 5 MB;
open figures unchanged.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

from jupyter_client.manager import start_new_kernel

HERE = Path(__file__).resolve().parent
TARGETS = {"redraws": (20.0, 40.0), "retrains": (50.0, None)}


def run_in_kernel(updates: int, only: list[str]) -> list[dict]:
    """Run figures.measure_all in a fresh kernel and return its results."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(HERE))
    try:
        code = ("import json, figures\n"
                f"print(json.dumps(figures.measure_all({updates}, {tuple(only)!r})))")
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
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def verdict(row: dict) -> str:
    median_target, p95_target = TARGETS[row["kind"]]
    problems = []
    if row["median_ms"] > median_target:
        problems.append(f"median > {median_target:g}")
    if p95_target is not None and row["p95_ms"] > p95_target:
        problems.append(f"p95 > {p95_target:g}")
    if row["speedup"] < 3:
        problems.append("< 3× naive")
    if row["memory_growth_mb"] > 5:
        problems.append("memory > 5 MB")
    if row["open_figures_after"] != row["open_figures_before"]:
        problems.append("figures leaked")
    return "ok" if not problems else ", ".join(problems)


def table(rows: list[dict]) -> str:
    header = (f"{'figure':<26} {'median':>7} {'p95':>7} {'naive':>7} {'ratio':>6} "
              f"{'memory':>7} {'figs':>5} {'png':>6}  verdict")
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row['figure']:<26} {row['median_ms']:>5.1f}ms {row['p95_ms']:>5.1f}ms "
            f"{row['naive_median_ms']:>5.0f}ms {row['speedup']:>5.1f}× "
            f"{row['memory_growth_mb']:>+5.1f}MB "
            f"{row['open_figures_before']}→{row['open_figures_after']:<2} "
            f"{row['png_kb']:>4.0f}kB  {verdict(row)}")
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
