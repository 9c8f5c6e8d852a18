"""The package as a whole: exported names, a light import, typing and lint, the README's promises."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ladderlib

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

CONTRACT = {
    "DirectEconomyRung",
    "HybridModel",
    "Case",
    "place",
    "Placement",
    "catalog",
    "catalog_frame",
    "check_rung",
    "check_model",
    "Feedback",
}


def test_public_contract_is_exported() -> None:
    assert set(ladderlib.__all__) >= CONTRACT
    assert ladderlib.__version__ == "0.1.0"


def test_every_exported_name_resolves_in_every_module() -> None:
    for name in ladderlib.__all__:
        assert getattr(ladderlib, name) is not None, name
    from ladderlib.instructor.moved import MOVES

    for module_info in pkgutil.iter_modules(ladderlib.__path__):
        if f"ladderlib.{module_info.name}" in MOVES:
            continue  # an old path that forwards, with a warning (tests/test_layout.py)
        module = importlib.import_module(f"ladderlib.{module_info.name}")
        assert hasattr(module, "__all__"), module.__name__
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"


def test_import_is_light_and_has_no_side_effects() -> None:
    code = (
        "import sys; import ladderlib; "
        "heavy = sorted(m for m in ('pandas', 'ipywidgets', 'matplotlib', 'IPython', 'numpy', "
        "'nbgrader') if m in sys.modules); print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert out.stderr == ""


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [str(BIN / "mypy")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_ruff_lint_and_format_are_clean() -> None:
    lint = subprocess.run(
        [str(BIN / "ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "ladderlib", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert fmt.returncode == 0, fmt.stdout


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("---", 1)[0]
    return [line.strip() for line in head.splitlines() if line.startswith("    ")]


def test_readme_opens_the_start_page_and_ci_runs_the_readme_test_command() -> None:
    start, test, lite = _readme_commands()
    assert "ladder-lite build " in lite and "-c constraints.txt" in lite
    assert start.startswith("python3 -m venv .venv && ")
    assert "-c constraints.txt" in start and "jupyter lab " in start
    # The server's root stays the repository (lessons, assignments and nbgrader_config.py in reach);
    # only the page it opens is the start page. (`jupyter lab course/index.ipynb` would root it in course/.)
    assert start.endswith("--LabApp.default_url=/lab/tree/course/index.ipynb")
    assert (ROOT / "course" / "index.ipynb").is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # .ci/run runs the README's test command verbatim, with pip told to be quiet.
    assert test.replace("pip install -c", "pip install -q -c") in ci


def _pins(path: Path) -> dict[str, str]:
    """A pip constraints file as normalized name -> pinned version."""
    pins = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split(";")[0].strip().split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_constraints_pin_every_dependency() -> None:
    pins = _pins(ROOT / "constraints.txt")
    for requirement in ("jupyterlab", "nbgrader", "ipywidgets", "pandas", "pytest", "playwright"):
        assert requirement in pins


#: Where the hub's pins may differ from the repository's, and why (also said atop the hub's file).
HUB_PINS_MAY_DIFFER = {
    "soupsieve": "its pinned release needs Python >= 3.11.5; Debian 12 has 3.11.2"
}


def test_the_hub_pins_the_same_releases_as_the_repository() -> None:
    """The course hub installs from its own pin list (Debian's Python): a release bumped in
    constraints.txt must be bumped there too, or the hub grades with other code than CI tested."""
    repository = _pins(ROOT / "constraints.txt")
    hub = _pins(ROOT / "deploy" / "jupyterhub" / "constraints-hub.txt")
    lines = (ROOT / "deploy" / "jupyterhub" / "constraints-hub.txt").read_text().splitlines()
    header = " ".join(line for line in lines if line.startswith("#"))
    differ = {name for name in repository.keys() & hub.keys() if repository[name] != hub[name]}
    assert differ == set(HUB_PINS_MAY_DIFFER), {n: (repository[n], hub[n]) for n in differ}
    assert all(name in header for name in HUB_PINS_MAY_DIFFER), "say why at the top of the file"
    assert set(hub) - set(repository) <= {"pip"}, "the hub pins a package the repository does not"


@pytest.mark.parametrize("module", ["ladderlib.widgets", "ladderlib.diagram", "ladderlib.grading"])
def test_lazy_submodules_load_on_attribute_access(module: str) -> None:
    code = (
        f"import ladderlib, sys; ladderlib.{module.split('.')[1]}; print({module!r} in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
