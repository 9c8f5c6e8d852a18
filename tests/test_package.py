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
    for module_info in pkgutil.iter_modules(ladderlib.__path__):
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


def test_constraints_pin_every_dependency() -> None:
    pins = dict(
        re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line).groups()  # type: ignore[union-attr]
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    )
    normalized = {name.lower().replace("_", "-") for name in pins}
    for requirement in ("jupyterlab", "nbgrader", "ipywidgets", "pandas", "pytest", "playwright"):
        assert requirement in normalized


@pytest.mark.parametrize("module", ["ladderlib.widgets", "ladderlib.diagram", "ladderlib.grading"])
def test_lazy_submodules_load_on_attribute_access(module: str) -> None:
    code = (
        f"import ladderlib, sys; ladderlib.{module.split('.')[1]}; print({module!r} in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
