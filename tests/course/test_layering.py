"""Layering: the maths modules of helpers/ stand on numpy alone, so `import helpers` works where
numpy is all there is; the figures (matplotlib, ipywidgets, IPython, PIL) live in helpers.figures
only. And nothing in helpers/ talks to the network or evaluates text as code.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
HELPERS = ROOT / "helpers"
FIGURE_LIBRARIES = ("matplotlib", "ipywidgets", "IPython", "PIL")
# Every module of helpers/ outside the figures package: helpers/*.py and helpers/check/.
MODULES = sorted([*HELPERS.glob("*.py"), *(HELPERS / "check").glob("*.py")])
MATHS = ("data", "activations", "perceptron", "network", "losses", "curves", "descent",
         "training", "minibatch", "learning_rate", "digits", "multiclass", "check")


def imported_names(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in it, as an absolute dotted name."""
    package = ".".join(path.relative_to(ROOT).parent.parts)  # helpers or helpers.check
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative, from inside helpers/: `from . import x`, `from .x import y`
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = ".".join([parent, *filter(None, [node.module])])
            else:
                base = node.module or ""
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(HELPERS)))
def test_modules_outside_figures_import_no_figure_library_and_no_figure_module(path):
    names = imported_names(path)
    libraries = {name for name in names if name.split(".")[0] in FIGURE_LIBRARIES}
    figures = {name for name in names
               if name == "helpers.figures" or name.startswith("helpers.figures.")}
    assert not libraries, f"{path.name} imports {sorted(libraries)}"
    assert not figures, f"{path.name} imports {sorted(figures)}"


# Run in a fresh interpreter where the figure libraries cannot be imported, as on a machine that
# has numpy only.
WITHOUT_FIGURE_LIBRARIES = f"""
import importlib
import sys

class Missing:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {FIGURE_LIBRARIES!r}:
            raise ImportError(f"{{name}} is not installed (blocked by the test)")
        return None

for name in list(sys.modules):
    if name.split(".")[0] in {FIGURE_LIBRARIES!r}:
        del sys.modules[name]
sys.meta_path.insert(0, Missing())
import helpers
for module in sys.argv[1:]:
    importlib.import_module("helpers." + module)
print("imported", len(sys.argv) - 1)
"""


def test_helpers_and_its_maths_modules_import_without_the_figure_libraries():
    # The maths modules by name (a missing one fails), and any other module found in helpers/.
    found = {".".join(path.relative_to(HELPERS).with_suffix("").parts) for path in MODULES}
    modules = sorted(set(MATHS) | {name.removesuffix(".__init__") for name in found
                                   if name != "__init__"})
    result = subprocess.run([sys.executable, "-c", WITHOUT_FIGURE_LIBRARIES, *modules],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"imported {len(modules)}"


NETWORK = re.compile(r"(socket|urllib|http|requests|subprocess)\b")


@pytest.mark.parametrize("path", sorted(HELPERS.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(HELPERS)))
def test_helpers_use_no_network_and_no_eval(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in [a.name for a in node.names] + [getattr(node, "module", "") or ""]:
                assert not NETWORK.match(name), f"{path.name} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("eval", "exec", "compile", "__import__"), path.name
