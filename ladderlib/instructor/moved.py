"""Old import paths of the instructor side, kept working for one release.

Until release 0.2 the grading engine, the report and the hub lived at ``ladderlib.engine``,
``ladderlib.report`` and ``ladderlib.hub``. Instructors have copies of ``nbgrader_config.py``
and JupyterHub configurations that name those paths, so each old package is now a shim that
calls :func:`alias_package`: importing ``ladderlib.engine.steps`` warns once and hands back the
very module ``ladderlib.instructor.engine.steps`` (one module object, not a second copy, so
``isinstance`` checks and nbgrader's class-named configuration see one class).

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", FutureWarning)
...     from ladderlib.engine.answers import METADATA_KEY as old
>>> from ladderlib.instructor.engine.answers import METADATA_KEY as new
>>> old is new
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

#: Each old package and where it lives now.
MOVES: dict[str, str] = {
    "ladderlib.engine": "ladderlib.instructor.engine",
    "ladderlib.report": "ladderlib.instructor.report",
    "ladderlib.hub": "ladderlib.instructor.hub",
}


def _warn(old: str, new: str) -> None:
    # FutureWarning, not DeprecationWarning: Python hides the latter outside __main__, and the
    # instructor running nbgrader with an old configuration file is the one who must see it.
    warnings.warn(
        f"{old} has moved to {new}; the old path works until ladderlib 0.2. "
        f"Change '{old}' to '{new}' in your nbgrader_config.py or hub configuration.",
        FutureWarning,
        stacklevel=3,
    )


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``old.x.y`` and loads it as the already-importable ``new.x.y``."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self._own: dict[str, tuple[object, object]] = {}

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(self.old + "."):
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(self.new + spec.name[len(self.old) :])
        self._own[module.__name__] = (module.__spec__, module.__loader__)
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The import system stamped the alias's spec on the real module: give it back its own,
        # so that reload(), pickling and tracebacks name the module where it lives.
        own_spec, own_loader = self._own[module.__name__]
        module.__spec__ = own_spec  # type: ignore[assignment]
        module.__loader__ = own_loader  # type: ignore[assignment]


def alias_package(old: str) -> ModuleType:
    """Make the old package ``old`` and each of its modules the moved ones, with one warning.

    Called by the shim in the old package's ``__init__``; returns the moved package, which the
    shim puts in its own place in ``sys.modules``.
    """
    new = MOVES[old]
    _warn(old, new)
    if not any(isinstance(f, _AliasFinder) and f.old == old for f in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder(old, new))
    return importlib.import_module(new)
