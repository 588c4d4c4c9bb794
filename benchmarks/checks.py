"""How much of the maths is checks: the share of code lines in the maths modules that guard
rather than compute.

    python benchmarks/checks.py            # one line per module, and the total

Counted over the code lines (no blank lines, comments or docstrings) of the maths modules
(`helpers/*.py` but `__init__.py` and `_validate.py`, which is all checks by design). A line is a
check when it is part of
- a `raise` statement, or an `if ...:` whose body only raises;
- try/except scaffolding (the `try:`, `except ...:` and `finally:` lines and the handlers' bodies);
- an `np.errstate` header;
- a statement or a decorator that calls `_validate` or a check helper: a private function of the
  module that raises or calls `_validate` (its whole definition counts too).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"__init__.py", "_validate.py"}


def _lines(node: ast.AST) -> set[int]:
    return set(range(node.lineno, node.end_lineno + 1))


def _is_docstring(node: ast.AST) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def code_lines(source: str, tree: ast.Module) -> set[int]:
    """Line numbers that hold code: not blank, not only a comment, not inside a docstring."""
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and _is_docstring(body[0]):
            docstrings |= _lines(body[0])
    text = source.splitlines()
    return {i for i, line in enumerate(text, 1)
            if line.strip() and not line.strip().startswith("#") and i not in docstrings}


def _calls(node: ast.AST, names: set[str]) -> bool:
    """Does `node` call into _validate or one of the check helpers `names`?"""
    for sub in ast.walk(node):
        if not isinstance(sub, ast.Call):
            continue
        func = sub.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id == "_validate":
            return True
        if isinstance(func, ast.Name) and func.id in names:
            return True
        if isinstance(func, ast.Attribute) and func.attr in names:
            return True
    return False


def check_helpers(tree: ast.Module) -> dict[str, ast.AST]:
    """Private functions (and methods) that raise or call _validate: checks by another name."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("_") \
                and not node.name.startswith("__"):
            body = [n for n in node.body if not _is_docstring(n)]
            if any(isinstance(sub, ast.Raise) for n in body for sub in ast.walk(n)) \
                    or any(_calls(n, set()) for n in body):
                found[node.name] = node
    return found


def check_lines(tree: ast.Module) -> set[int]:
    helpers = check_helpers(tree)
    names = set(helpers)
    lines: set[int] = set()
    for node in helpers.values():
        lines |= _lines(node)
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise):
            lines |= _lines(node)
        elif isinstance(node, ast.If) and node.body and all(
                isinstance(n, ast.Raise) for n in node.body) and not node.orelse:
            lines |= _lines(node)
        elif isinstance(node, ast.Try):
            lines.add(node.lineno)
            for handler in node.handlers:
                lines |= _lines(handler)
            if node.finalbody:
                lines.add(node.finalbody[0].lineno - 1)
        elif isinstance(node, ast.With) and any(
                "errstate" in ast.unparse(item.context_expr) for item in node.items):
            lines |= set(range(node.lineno, node.body[0].lineno))
        elif isinstance(node, ast.stmt) and not isinstance(
                node, ast.FunctionDef | ast.ClassDef | ast.If | ast.For | ast.While | ast.With
                | ast.Try | ast.AsyncFunctionDef):
            if _calls(node, names):
                lines |= _lines(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for decorator in node.decorator_list:
                if _calls(decorator, names) or "_validate" in ast.unparse(decorator):
                    lines |= _lines(decorator)
        if isinstance(node, ast.If | ast.While) and _calls(node.test, names):
            lines |= set(range(node.lineno, node.test.end_lineno + 1))
    return lines


def count(path: Path) -> tuple[int, int]:
    source = path.read_text()
    tree = ast.parse(source)
    code = code_lines(source, tree)
    return len(code), len(code & check_lines(tree))


def main() -> int:
    modules = sorted(p for p in (ROOT / "helpers").glob("*.py") if p.name not in SKIP)
    print(f"{'module':<18} {'code lines':>10} {'checks':>7} {'share':>6}")
    total_code = total_checks = 0
    for path in modules:
        code, checks = count(path)
        total_code, total_checks = total_code + code, total_checks + checks
        print(f"{path.name:<18} {code:>10} {checks:>7} {checks / code:>6.0%}")
    print(f"{'all ' + str(len(modules)) + ' modules':<18} {total_code:>10} {total_checks:>7} "
          f"{total_checks / total_code:>6.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
