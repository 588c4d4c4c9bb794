"""The README's promises: its test command is the one CI runs, and its links lead somewhere."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks():
    return re.findall(r"```bash\n(.*?)```", README, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    command = ci[-1]
    assert "pytest" in command
    assert any(command in block.splitlines() for block in shell_blocks())


def test_readme_install_command_opens_jupyterlab_on_a_notebook_that_exists():
    opens = [line for block in shell_blocks() for line in block.splitlines()
             if "pip install -r requirements.txt" in line]
    assert len(opens) == 1
    notebook = opens[0].rsplit("jupyter lab ", 1)[1].strip()
    assert (ROOT / notebook).is_file()


def test_relative_links_point_at_files():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_every_notebook_is_listed():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"notebooks/{path.name}" in README


def test_the_python_version_the_readme_asks_for_is_the_one_the_pins_need():
    import importlib.metadata
    import re as regex

    asked = regex.search(r"Python (3\.\d+) or newer", README).group(1)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={asked}"' in pyproject
    for package in ("numpy", "matplotlib", "ipykernel", "pillow", "jupyterlab", "ipywidgets"):
        needed = importlib.metadata.metadata(package).get("Requires-Python", "")
        minimum = regex.search(r">=\s*(3\.\d+)", needed)
        if minimum:
            assert tuple(map(int, minimum.group(1).split("."))) <= tuple(
                map(int, asked.split("."))), f"{package} needs Python {needed}"


def test_the_teachers_section_has_a_pull_link_per_notebook_into_the_course_folder():
    import urllib.parse

    from tools import badges

    section = README.split("## Teach it to a class", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"^(https://\S+/hub/user-redirect/git-pull\?\S+)$", section, flags=re.M)
    notebooks = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert len(links) == len(notebooks)
    for link, notebook in zip(links, notebooks, strict=True):
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query))
        assert query == {"repo": f"https://github.com/{badges.REPOSITORY}", "branch": "main",
                         "targetPath": badges.FOLDER,
                         "urlpath": f"lab/tree/{badges.FOLDER}/notebooks/{notebook}"}
        # The page it opens is the notebook inside the pulled folder, wherever that is.
        assert (ROOT / query["urlpath"].removeprefix(f"lab/tree/{badges.FOLDER}/")).is_file()
    assert "pip install -r requirements-hub.txt" in section
    assert (ROOT / "requirements-hub.txt").is_file()
