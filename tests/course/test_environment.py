"""The course's environment (requirements.txt) imports the `helpers` beside the notebook being
run: a copy of the course uses its own, a learner's edit of it takes effect, scripts find theirs
from anywhere, and outside any copy the learner is told where to open the notebook.

The import hook is environment/nn_basics_course.py, installed by the last line of
requirements.txt; these tests run it as this environment installed it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent.parent


def course_copy(folder: Path, name: str) -> Path:
    """A copy of the course's helpers and notebooks in `folder`, its helpers marked `name`."""
    shutil.copytree(ROOT / "helpers", folder / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "notebooks", folder / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    mark(folder, name)
    return folder


def mark(folder: Path, name: str) -> None:
    init = folder / "helpers" / "__init__.py"
    text = init.read_text(encoding="utf-8").split("\nCOPY = ")[0]
    init.write_text(f"{text}\nCOPY = {name!r}\n", encoding="utf-8")


def kernel_says(notebooks: Path, code: str) -> str:
    """What `code` prints in a fresh kernel started in `notebooks`, as JupyterLab starts one for
    a notebook there."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(notebooks),
                                       stderr=subprocess.DEVNULL)
    printed = []
    try:
        reply = client.execute_interactive(
            code, timeout=120, output_hook=lambda m: printed.append(
                m["content"].get("text", "") if m["msg_type"] == "stream"
                else "\n".join(m["content"].get("traceback", []))))
        assert reply["content"]["status"] == "ok", "".join(printed)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return "".join(printed)


def test_a_kernel_in_each_copy_of_the_course_imports_that_copys_helpers(tmp_path):
    first = course_copy(tmp_path / "class" / "neural-network-basics", "first")
    second = course_copy(tmp_path / "elsewhere" / "course", "second")
    code = "import helpers\nprint(helpers.__file__, helpers.COPY)"
    for copy, name in ((first, "first"), (second, "second")):
        said = kernel_says(copy / "notebooks", code).split()
        assert said == [str(copy / "helpers" / "__init__.py"), name]
    # A learner edits their copy's helpers: the next kernel uses the edit.
    mark(first, "edited by the learner")
    assert kernel_says(first / "notebooks", code).split()[1:] == ["edited", "by", "the",
                                                                  "learner"]
    # The package's own modules come from the same copy.
    said = kernel_says(second / "notebooks", "from helpers.figures import style\n"
                                            "print(style.__file__)")
    assert said.strip() == str(second / "helpers" / "figures" / "style.py")


def test_outside_any_copy_of_the_course_the_message_says_where_to_open_the_notebook(tmp_path):
    result = subprocess.run([sys.executable, "-c", "import helpers"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: No module named 'helpers' here.")
    assert str(tmp_path) in last and "Open the notebook from the course's notebooks/" in last


def test_a_script_of_the_course_finds_its_helpers_from_any_working_directory(tmp_path):
    copy = course_copy(tmp_path / "course", "script's")
    script = copy / "tools" / "where.py"
    script.parent.mkdir()
    script.write_text("import helpers\nprint(helpers.__file__)\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, str(script)], cwd=elsewhere, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == str(copy / "helpers" / "__init__.py"), result.stderr


def test_the_environment_installs_no_copy_of_helpers():
    result = subprocess.run([sys.executable, "-m", "pip", "show", "--files", "nn-basics-helpers"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    files = [line.strip() for line in result.stdout.split("Files:")[1].splitlines()]
    assert "nn_basics_course.pth" in files and "nn_basics_course.py" in files
    assert not [name for name in files if name.startswith("helpers")], files


def test_the_environment_gives_numpy_one_thread_unless_told_otherwise():
    ask = [sys.executable, "-c", "import os; print(os.environ['OPENBLAS_NUM_THREADS'])"]
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert subprocess.run(ask, env=env, capture_output=True, text=True).stdout.strip() == "1"
    told = {**env, "OPENBLAS_NUM_THREADS": "2"}
    assert subprocess.run(ask, env=told, capture_output=True, text=True).stdout.strip() == "2"
