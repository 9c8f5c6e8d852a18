"""The two sides of the house, as a test.

``ladderlib`` is the student side: it runs inside a student's kernel (on a laptop, on the hub,
in the browser edition) and must stay small and light. ``ladderlib/instructor/`` is the
instructor side: the grading engine, the report, the hub, the builders. It runs as the
instructor, outside every student's kernel. Imports run one way only: the instructor side may
import the student side, never the reverse.

One module has a special place: the sandboxed kernel's boot module,
``ladderlib/instructor/engine/kernel_boot.py``. It lives with the engine because the engine owns
it, but it runs *inside* the student's sandboxed kernel, before any student code. So it may
use only the standard library at import time (plus IPython, ipykernel and the student side,
which the kernel has anyway, imported inside its functions), and no other instructor module:
anything it imported would be code the student's kernel could reach and tamper with.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ladderlib"
INSTRUCTOR = PACKAGE / "instructor"
#: The old paths of the instructor side: shims that only forward (ladderlib/instructor/moved.py).
OLD_PATHS = {"engine": "ladderlib.instructor.engine", "report": "ladderlib.instructor.report",
             "hub": "ladderlib.instructor.hub"}  # fmt: skip


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of its code, relative imports resolved."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _student_side() -> list[Path]:
    shims = {PACKAGE / old for old in OLD_PATHS}
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if INSTRUCTOR not in path.parents and not any(s in path.parents for s in shims)
    ]


def test_the_student_side_never_imports_the_instructor_side() -> None:
    offenders = {
        _module_name(path): sorted(
            m for m in _imports(path) if m.startswith("ladderlib.instructor")
        )
        for path in _student_side()
    }
    assert len(offenders) > 20, "the walk found the student side's modules"
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_the_import_checker_sees_relative_imports() -> None:
    # a check that cannot fail is no check: the walk must resolve "from ..instructor import x"
    report = INSTRUCTOR / "report" / "summaries.py"
    assert "ladderlib.ladders" in _imports(report)
    selfgrade = INSTRUCTOR / "selfgrade.py"
    assert "ladderlib.instructor.engine.classroom" in _imports(selfgrade)


@pytest.mark.parametrize(
    "statement", ["import ladderlib", "import ladderlib.grading", "import ladderlib.widgets",
                  "import ladderlib as ll; ll.catalog_frame(); ll.glossary_frame()"],
)  # fmt: skip
def test_the_student_side_loads_no_instructor_module(statement: str) -> None:
    code = f"{statement}; import sys; print(sorted(m for m in sys.modules if 'instructor' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_standard_library_at_the_kernel_boot_modules_top_level() -> None:
    boot = INSTRUCTOR / "engine" / "kernel_boot.py"
    tree = ast.parse(boot.read_text(encoding="utf-8"))
    top: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            top.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level:
            top.add("<relative>")
    assert top - set(sys.stdlib_module_names) == set(), "kernel_boot imports beyond the stdlib"
    inside = {m for m in _imports(boot) if m.startswith("ladderlib")}
    assert all(not m.startswith("ladderlib.instructor") for m in inside), inside


@pytest.mark.parametrize("old", sorted(OLD_PATHS))
def test_an_old_path_still_works_with_a_warning(old: str) -> None:
    code = (
        "import warnings, importlib, sys; warnings.simplefilter('always'); "
        "from ladderlib.instructor.moved import MOVES; "
        f"import ladderlib.{old} as pkg; "
        f"print(pkg is importlib.import_module({OLD_PATHS[old]!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
    assert f"FutureWarning: ladderlib.{old} has moved to {OLD_PATHS[old]}" in out.stderr


def test_an_old_modules_classes_are_the_moved_ones() -> None:
    from ladderlib.instructor.engine import steps

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from ladderlib.engine.steps import GradeInSandbox
    assert GradeInSandbox is steps.GradeInSandbox
    assert steps.__spec__ is not None and steps.__spec__.name == "ladderlib.instructor.engine.steps"
    assert [w.category for w in caught] == [FutureWarning]


def test_the_shims_hold_nothing_but_the_forward() -> None:
    for old in OLD_PATHS:
        folder = PACKAGE / old
        assert sorted(p.name for p in folder.iterdir() if p.name != "__pycache__") == [
            "__init__.py"
        ]
        assert _imports(folder / "__init__.py") == {
            "sys", "ladderlib.instructor.moved", "ladderlib.instructor.moved.alias_package"
        }  # fmt: skip


def test_the_browser_editions_library_wheel_holds_the_student_side_only(tmp_path: Path) -> None:
    import zipfile

    from ladderlib.instructor.lite import library_wheel

    wheel = library_wheel(PACKAGE, tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        infos = archive.infolist()
    modules = {i.filename for i in infos if i.filename.endswith(".py")}
    assert "ladderlib/placement.py" in modules and "ladderlib/grading/points.py" in modules
    tops = {name.split("/")[1] for name in modules if name.count("/") > 1}
    assert tops == {"grading", "widgets"}, "only the student side's subpackages"
    assert {_module_name(p) for p in _student_side()} == {
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for name in modules
    }
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
