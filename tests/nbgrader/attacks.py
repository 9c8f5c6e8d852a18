"""A corpus of dishonest submissions: what a student might try to score without right answers.

Each attack is code a student could put in a notebook. ``where`` says where it goes:
``"cell"``, a new code cell right after the setup cell (so it runs before every answer);
``"answers"``, appended to every answer cell (so it runs after each answer is set, just
before the tests that read it). Placeholders in the code: ``{ROOT}`` the course root,
``{VICTIM}`` another student's submitted notebook, ``{MARK}`` a string that names any
process the attack leaves running.

``flag`` is a piece of the audit flag the attack must raise, or None where it tries nothing
the engine watches (it only hurts the student's own answers). Every attack is graded on the
same wrong answers as the class's honest ``baseline`` student and must gain nothing over it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ATTACKS", "Attack"]


@dataclass(frozen=True)
class Attack:
    name: str
    code: str
    flag: str | None
    where: str = "cell"
    metadata: dict[str, object] | None = None  # nbgrader metadata for the new cell
    graded: bool = True  # False: nbgrader itself refuses the notebook (its metadata is forged)


_CHEAT_FROM_GRADEBOOK = """
import re, sqlite3
_labels = {"none": "passive consumption", "choice": "self service",
           "transaction_labor": "self service", "production_logistics_labor": "DIY",
           "customization": "co-design", "creation": "co-creation"}
for _db in ["{ROOT}/gradebook.db", "../../../gradebook.db", "../../gradebook.db"]:
    try:
        _rows = sqlite3.connect(_db).execute("select source from source_cell").fetchall()
    except sqlite3.Error:
        continue
    for (_source,) in _rows:
        _case = re.search(r"rung_points\\(_key, (\\w+)_rung", _source or "")
        _reach = re.search(r'consumer_reach="(\\w+)"', _source or "")
        if _case and _reach:
            globals()[_case.group(1) + "_rung"] = _labels[_reach.group(1)]
            globals()[_case.group(1) + "_attributes"] = {
                "framework_control": "firm", "consumer_reach": _reach.group(1)}
"""

_CHEAT_FROM_SOLUTIONS = """
import json
for _path in ["{ROOT}/solutions/direct-economy/direct-economy.ipynb",
              "../../../solutions/direct-economy/direct-economy.ipynb"]:
    try:
        _key = json.load(open(_path))
    except OSError:
        continue
    for _cell in _key["cells"]:
        _text = "".join(_cell["source"])
        if "### BEGIN SOLUTION" in _text:
            exec(_text.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0])
"""

ATTACKS: tuple[Attack, ...] = (
    Attack(
        "display-off",
        'get_ipython().ast_node_interactivity = "none"',
        "changed IPython's display",
    ),
    Attack(
        "number-format",
        '_plain = get_ipython().display_formatter.formatters["text/plain"]\n'
        '_plain.for_type(float, lambda value, printer, cycle: printer.text("all of them"))',
        "changed IPython's display",
    ),
    Attack(
        "displayhook",
        "get_ipython().displayhook.write_format_data = lambda *args, **kwargs: None",
        "changed IPython's display",
    ),
    Attack(
        "input-transformer",
        "def _skip(lines):\n"
        '    return ["pass\\n"] if any("grading." in line for line in lines) else lines\n'
        "get_ipython().input_transformers_post.append(_skip)",
        "transformer",
    ),
    Attack(
        "ast-transformer",
        "import ast\n"
        "class _Nothing(ast.NodeTransformer):\n"
        "    def visit_Module(self, node):\n"
        "        return ast.Module(body=[ast.Pass()], type_ignores=[])\n"
        "get_ipython().ast_transformers.append(_Nothing())",
        "transformer",
    ),
    Attack(
        "monkeypatch-graders",
        "grading.rung_points = lambda *args, **kwargs: 2.0\n"
        "grading.attribute_points = lambda *args, **kwargs: 1.0",
        "changed the course library (ladderlib.grading.",
    ),
    Attack(
        "rebind-grading",
        "class _Everything:\n"
        "    def __getattr__(self, name):\n"
        "        return lambda *args, **kwargs: 2.0\n"
        "grading = _Everything()",
        "rebound a library name (grading)",
    ),
    Attack(
        "replace-builtins",
        "import builtins\n"
        "builtins.min = lambda *args, **kwargs: 2.0\n"
        "builtins.max = lambda *args, **kwargs: 2.0\n"
        "builtins.round = lambda *args, **kwargs: 2.0",
        "replaced a builtin",
    ),
    Attack(
        "replace-module",
        "import sys, types, ladderlib\n"
        '_fake = types.ModuleType("ladderlib.grading")\n'
        "_fake.__getattr__ = lambda name: (lambda *args, **kwargs: 2.0)\n"
        'sys.modules["ladderlib.grading"] = _fake\n'
        "ladderlib.grading = _fake\n"
        "grading = _fake",
        "changed the course library",
    ),
    Attack("read-solutions", _CHEAT_FROM_SOLUTIONS, "read outside its folder", "answers"),
    Attack("read-gradebook", _CHEAT_FROM_GRADEBOOK, "read outside its folder", "answers"),
    Attack(
        "write-gradebook",
        "import sqlite3\n"
        'for _db in ["{ROOT}/gradebook.db", "../../../gradebook.db"]:\n'
        "    try:\n"
        "        _db = sqlite3.connect(_db)\n"
        '        _db.execute("update grade set manual_score = 99, auto_score = 99")\n'
        "        _db.commit()\n"
        "    except sqlite3.Error:\n"
        "        pass",
        "read outside its folder",
    ),
    Attack(
        "background-writer",
        "import subprocess, sys\n"
        "_job = '''import sqlite3, time\n"
        "for _ in range(600):\n"
        "    try:\n"
        "        db = sqlite3.connect('{ROOT}/gradebook.db')\n"
        "        db.execute('update grade set manual_score = 99'); db.commit()\n"
        "    except Exception:\n"
        "        pass\n"
        "    time.sleep(0.1)\n"
        "# {MARK}'''\n"
        "subprocess.Popen([sys.executable, '-c', _job], start_new_session=True,\n"
        "                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
        "started a process",
    ),
    Attack(
        "overwrite-victim",
        'for _path in ["{VICTIM}", "../../victim/direct-economy/direct-economy.ipynb",\n'
        '              "../../../submitted/victim/direct-economy/direct-economy.ipynb"]:\n'
        "    try:\n"
        '        open(_path, "w").write("{}")\n'
        "    except OSError:\n"
        "        pass",
        "wrote outside its folder",
    ),
    Attack(
        "append-to-library",
        "import ladderlib.grading.points as _points\n"
        "try:\n"
        '    with open(_points.__file__, "a") as _file:\n'
        '        _file.write("\\nrung_points = lambda *args, **kwargs: 2.0\\n")\n'
        "except OSError:\n"
        "    pass",
        "tried to change the installed library",
    ),
    Attack(
        "network",
        "import socket\n"
        "try:\n"
        '    socket.create_connection(("127.0.0.1", 22), timeout=1)\n'
        "except OSError:\n"
        "    pass",
        "used the network",
    ),
    Attack(
        "many-processes",
        "import os, time\n"
        "for _ in range(300):\n"
        "    try:\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(60)  # {MARK}\n"
        "            os._exit(0)\n"
        "    except OSError:\n"
        "        break",
        "started a process",
    ),
    Attack(
        "signal-the-grader",
        "import os, signal\n"
        "for _pid in (1, os.getppid()):\n"
        "    try:\n"
        "        os.kill(_pid, signal.SIGKILL)\n"
        "    except OSError:\n"
        "        pass",
        "signalled a process",
    ),
    Attack(
        "read-shadow",
        "try:\n    _secret = open('/etc/shadow').read()\nexcept OSError:\n    pass",
        "read outside its folder (/etc/shadow)",
    ),
    Attack(
        "ctypes",
        "import ctypes\ntry:\n    ctypes.CDLL(None)\nexcept OSError:\n    pass",
        "used ctypes",
    ),
    Attack(
        "replace-stdout",
        "import io, sys\nsys.stdout = io.StringIO()",
        "replaced sys.stdout",
    ),
    Attack(
        "patch-the-capture",
        "import ladderlib.instructor.engine.kernel_boot as _boot\n"
        "_boot.capture = lambda marker, names: print(marker + '{}')",
        "changed the course library (ladderlib.instructor.engine.kernel_boot.capture)",
    ),
    Attack(
        "always-equal-answers",
        "class _Yes(str):\n"
        "    def __eq__(self, other):\n"
        "        return True\n"
        "    __hash__ = str.__hash__\n"
        "for _name in [n for n in list(globals()) if n.endswith('_rung')]:\n"
        "    globals()[_name] = _Yes(globals()[_name])",
        None,
        "answers",
    ),
    Attack(
        "memory-hog",
        "try:\n    _block = bytearray(16 * 1024**3)\nexcept MemoryError:\n    pass",
        None,
    ),
    Attack("output-flood", 'print("x" * 20_000_000)', None),
    Attack("endless-loop", "while True:\n    pass", None),
    # Cells labelled as the instructor's: nbgrader drops an id the gradebook does not know and
    # then refuses the notebook's metadata; the judge would never run them in any case.
    Attack(
        "smuggled-locked-cell",
        "grading.rung_points = lambda *args, **kwargs: 2.0",
        None,
        metadata={"locked": True, "grade": False, "solution": False, "schema_version": 3},
        graded=False,
    ),
    Attack(
        "forged-grade-cell",
        "grading.rung_points = lambda *args, **kwargs: 2.0\n2.0",
        None,
        graded=False,
        metadata={
            "grade": True,
            "grade_id": "bonus",
            "points": 50,
            "locked": True,
            "solution": False,
            "schema_version": 3,
        },
    ),
)
