"""Binder badges (and the clone command) in the README and every notebook, and the README's
nbgitpuller links for a class on a JupyterHub, from one constant.

    python tools/badges.py            # write the badges and the links
    python tools/badges.py --check    # exit 1 if any badge or link is missing or out of date

REPOSITORY is the course's public GitHub location. It is the one place to change if the
repository moves; run this script afterwards and commit what it rewrites.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.parse
from pathlib import Path

import nbformat

# The public GitHub owner/name of this repository. Change it here, then run this script.
REPOSITORY = "nn-basics/neural-network-basics"
BRANCH = "HEAD"
# A pull link (nbgitpuller) names a branch (not HEAD), the folder the course lands in, in each
# learner's home (without it, nbgitpuller names the folder after the repository's URL), and the
# page to open, inside that folder. HUB stands for the teacher's hub in the README's links.
PULL_BRANCH = "main"
FOLDER = REPOSITORY.split("/")[1]
HUB = "https://hub.example.org"
PULL_LINKS = ("<!-- pull links: written by tools/badges.py -->", "<!-- end of pull links -->")

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NOTEBOOKS = ROOT / "notebooks"
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
BADGE = re.compile(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]\([^)]*\)")


def binder_url(notebook: str | None = None) -> str:
    """The Binder link for the whole course, or one that opens `notebook` in JupyterLab."""
    base = f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}"
    if notebook is None:
        return f"{base}?urlpath=lab/tree/notebooks"
    return f"{base}?urlpath=lab/tree/notebooks/{notebook}"


def pull_link(notebook: str, hub: str = HUB, repo: str | None = None) -> str:
    """The nbgitpuller link that pulls the course (from GitHub, or `repo`) into FOLDER in a
    learner's home on `hub`, or updates it there, and opens `notebook` in JupyterLab."""
    query = urllib.parse.urlencode({
        "repo": repo or f"https://github.com/{REPOSITORY}", "branch": PULL_BRANCH,
        "targetPath": FOLDER, "urlpath": f"lab/tree/{FOLDER}/notebooks/{notebook}"})
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def badge(notebook: str | None = None) -> str:
    label = "Launch the course on Binder" if notebook is None else f"Open {notebook} on Binder"
    return f"[![{label}]({BADGE_IMAGE})]({binder_url(notebook)})"


def readme_text(text: str) -> str:
    """The README with its course badge under the title and a badge on each notebook's line."""
    lines = text.split("\n")
    out = []
    for line in lines:
        line = re.sub(r" ?" + BADGE.pattern, "", line).rstrip()
        match = re.match(r"^(\d+\. \[\*\*.*\*\*\]\(notebooks/(\w+\.ipynb)\))(.*)$", line)
        if match:
            line = f"{match.group(1)} {badge(match.group(2))}{match.group(3)}"
        out.append(line)
    # The clone command in "Start learning" names the same repository.
    name = REPOSITORY.split("/")[1]
    out = [re.sub(r"git clone https://github\.com/\S+\.git && cd \S+",
                  f"git clone https://github.com/{REPOSITORY}.git && cd {name}", line)
           for line in out]
    # The pull links: one per notebook, in a text block between the two marker lines.
    if PULL_LINKS[0] in out and PULL_LINKS[1] in out:
        start, end = out.index(PULL_LINKS[0]), out.index(PULL_LINKS[1])
        links = [pull_link(path.name) for path in sorted(NOTEBOOKS.glob("*.ipynb"))]
        out[start + 1:end] = ["```text", *links, "```"]
    # The course badge: the line right after the title, followed by one blank line.
    while len(out) > 1 and out[1] == "":
        out.pop(1)
    out[1:1] = ["", badge(), ""]
    return "\n".join(out)


def notebook_text(path: Path) -> str:
    """The notebook with its own badge as the second line of its first Markdown cell."""
    notebook = nbformat.read(path, as_version=4)
    first = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    lines = [line for line in first.source.split("\n") if not BADGE.fullmatch(line.strip())]
    while len(lines) > 1 and lines[1] == "":
        lines.pop(1)
    lines[1:1] = ["", badge(path.name), ""]
    first.source = "\n".join(lines)
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; report staleness")
    args = parser.parse_args(argv)
    targets = [(README, readme_text(README.read_text(encoding="utf-8")))]
    targets += [(path, notebook_text(path)) for path in sorted(NOTEBOOKS.glob("*.ipynb"))]
    stale = [path for path, text in targets if path.read_text(encoding="utf-8") != text]
    for path in stale:
        if args.check:
            print(f"{path.relative_to(ROOT)}: badges missing or out of date")
        else:
            text = dict(targets)[path]
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: badges written")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
