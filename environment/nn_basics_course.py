"""`import helpers` finds the course's own `helpers`: the one beside the notebooks being run.

Installed with the course's environment (`pip install -r requirements.txt`), together with
nn_basics_course.pth, which calls `install()` when Python starts. No copy of `helpers` is
installed: a kernel that JupyterLab starts for a notebook runs in the notebook's folder, and
`import helpers` loads the `helpers` package of the course that folder belongs to. So every copy
of the course (a clone, a pull into a learner's home, Binder) uses its own `helpers`, and a pull
that updates it, or a learner's own edit of it, takes effect in the next kernel.

The course folder is the nearest folder, from the working directory up, that holds
`helpers/__init__.py`; failing that, the same search from the folder of the script being run
(`python tools/regenerate.py` from anywhere). This finder comes last in `sys.meta_path`, so a
`helpers` that Python finds by itself (the working directory of `python -m pytest` at the
course's root) is taken first. Outside any course folder, `import helpers` fails with a message
that says where the course's notebooks must be opened from.

`install()` also asks numpy's linear algebra for one thread, unless the environment already says
how many (OPENBLAS_NUM_THREADS): the course's matrices are small, and a second thread on them
costs more CPU than it saves time (measured: notebook 06's Run All takes 9.9 CPU-seconds with
two threads, 4.7 with one), CPU a class hub's other learners need.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

PACKAGE = "helpers"

MESSAGE = (
    "No module named 'helpers' here. `helpers` is the course's own package, the folder next to "
    "the course's notebooks/ folder, and it is found from the folder a notebook runs in: this "
    "one runs in {here}, which is not inside a copy of the course. Open the notebook from the "
    "course's notebooks/ folder (or copy it there), then restart the kernel."
)


def course_folder(start: Path) -> Path | None:
    """The nearest folder, `start` or above it, that holds the package `helpers`."""
    for folder in (start, *start.parents):
        if (folder / PACKAGE / "__init__.py").is_file():
            return folder
    return None


def where_to_look() -> list[Path]:
    """Where the search starts: the working directory, then the running script's folder."""
    starts = []
    try:
        starts.append(Path.cwd())
    except OSError:  # the working directory was deleted
        pass
    if sys.path and sys.path[0]:
        starts.append(Path(sys.path[0]).resolve())
    return starts


class CourseHelpers:
    """A meta path finder for the one top-level name `helpers`."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != PACKAGE or path is not None:
            return None
        for start in where_to_look():
            folder = course_folder(start)
            if folder is not None:
                package = folder / PACKAGE
                return importlib.util.spec_from_file_location(
                    PACKAGE, package / "__init__.py", submodule_search_locations=[str(package)])
        here = os.fspath(where_to_look()[0]) if where_to_look() else "a folder that is gone"
        raise ModuleNotFoundError(MESSAGE.format(here=here), name=PACKAGE)

    @classmethod
    def invalidate_caches(cls):
        """Nothing is cached: every search looks at the folders as they are now."""


def install() -> None:
    """Put the finder at the end of `sys.meta_path`, once; one BLAS thread unless told."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if not any(finder is CourseHelpers for finder in sys.meta_path):
        sys.meta_path.append(CourseHelpers)
