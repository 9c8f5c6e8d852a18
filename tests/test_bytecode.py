"""The browser edition's bytecode step, run on the host's Python (the site build runs the same code
inside Pyodide; tests/lite checks the shipped result)."""

from __future__ import annotations

import importlib.util
import json
import marshal
import sys
import sysconfig
from pathlib import Path

from ladderlib.instructor.bytecode import compile_tree, record_line, wheel_pyc_name

UNCHECKED_HASH = (1).to_bytes(4, "little")  # PEP 552 flags: hash-based, source not checked


def _tree(root: Path) -> Path:
    (root / "0").mkdir(parents=True)
    (root / "0" / "textwrap2.py").write_text("WIDTH = 70\n")
    (root / "1" / "pkg").mkdir(parents=True)
    (root / "1" / "pkg" / "__init__.py").write_text("def f():\n    return 1\n")
    (root / "1" / "pkg" / "broken.py").write_text("def (:\n")
    jobs = [{"dir": "0", "kind": "stdlib"}, {"dir": "1", "kind": "site"}]
    (root / "jobs.json").write_text(json.dumps(jobs))
    return root


def test_every_module_gets_unchecked_bytecode_named_for_its_run_time_path(tmp_path: Path) -> None:
    summary = json.loads(compile_tree(str(_tree(tmp_path))))
    assert summary["cache_tag"] == sys.implementation.cache_tag
    assert summary["compiled"] == 2
    site = sysconfig.get_paths()["purelib"]
    assert summary["failed"] == [f"{site}/pkg/broken.py"]
    assert not (tmp_path / "1" / "pkg" / "broken.pyc").exists()

    pyc = (tmp_path / "1" / "pkg" / "__init__.pyc").read_bytes()
    assert pyc[:4] == importlib.util.MAGIC_NUMBER
    assert pyc[4:8] == UNCHECKED_HASH
    assert marshal.loads(pyc[16:]).co_filename == f"{site}/pkg/__init__.py"

    stdlib = (tmp_path / "0" / "textwrap2.pyc").read_bytes()
    zip_entry = next(entry for entry in sys.path if entry.endswith(".zip"))
    assert marshal.loads(stdlib[16:]).co_filename == f"{zip_entry}/textwrap2.py"


def test_a_wheels_bytecode_goes_in_pycache_and_its_record_line_has_the_digest() -> None:
    assert wheel_pyc_name("ipywidgets/widgets/widget.py", "cpython-314") == (
        "ipywidgets/widgets/__pycache__/widget.cpython-314.pyc"
    )
    assert wheel_pyc_name("six.py", "cpython-314") == "__pycache__/six.cpython-314.pyc"
    # The digest of b"" is well known: sha256 e3b0c442..., urlsafe base64 without padding.
    assert record_line("a.pyc", b"") == "a.pyc,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0"
