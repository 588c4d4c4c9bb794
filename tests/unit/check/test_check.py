"""The package helpers.check as a learner sees it (`check.` + Tab): the checks the notebooks call
and nothing else; and nothing in it that could run behind the learner's back."""

import ast
import json
import re
from pathlib import Path

from helpers import check

ROOT = Path(__file__).resolve().parents[3]


def called_by_the_notebooks() -> set[str]:
    names = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                names |= set(re.findall(r"\bcheck\.(\w+)", "".join(cell["source"])))
    return names


def test_the_public_names_are_exactly_the_ones_the_notebooks_call():
    public = {name for name in dir(check) if not name.startswith("_")}
    assert public == set(check.__all__) == called_by_the_notebooks()


def test_the_checks_start_no_thread_task_or_process():
    for path in sorted((ROOT / "helpers" / "check").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [alias.name for alias in node.names] + [getattr(node, "module", None)]
                for module in filter(None, modules):
                    assert module.split(".")[0] not in (
                        "threading", "_thread", "asyncio", "concurrent", "multiprocessing",
                        "subprocess"), f"{path.name} imports {module}"
