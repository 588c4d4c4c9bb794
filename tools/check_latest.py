"""Will the course still work when the pins are bumped? Run the tests against the newest releases.

    python tools/check_latest.py              # fresh venv, newest versions, the whole suite
    python tools/check_latest.py -- -k binder # extra arguments go to pytest

Builds a throw-away virtual environment from requirements.txt and requirements-dev.txt with every
`==` pin lifted, prints which versions it got, and runs the test suite there. Run it by hand
(or on a schedule) before bumping the pins, so drift is seen before learners see it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unpinned(path: Path) -> list[str]:
    """The requirement lines of `path` (following -r), with exact pins removed."""
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            lines += unpinned(path.parent / line[3:].strip())
        else:
            lines.append(re.sub(r"==[^;\s]+", "", line))
    return lines


def main(argv: list[str]) -> int:
    pytest_args = argv[argv.index("--") + 1:] if "--" in argv else []
    requirements = sorted(set(unpinned(ROOT / "requirements-dev.txt")))
    with tempfile.TemporaryDirectory() as home:
        venv = Path(home) / "env"
        python = venv / "bin" / "python"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        arguments = [part for r in requirements for part in r.split(maxsplit=1)]
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade",
                        *arguments], cwd=ROOT, check=True)
        names = [re.split(r"[<>=!~ ]", r)[0] for r in requirements if not r.startswith("-e")]
        versions = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"],
                                  capture_output=True, text=True, check=True).stdout
        wanted = {n.lower().replace("_", "-") for n in names}
        print("newest versions:")
        for line in versions.splitlines():
            if line.split("==")[0].lower().replace("_", "-") in wanted:
                print("  " + line)
        return subprocess.run([str(python), "-m", "pytest", *pytest_args], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
