"""The Jupyter configuration each user of a course hub reads, as files to write under the prefix.

Every user's server runs ``prefix/venv``; what differs between roles is one directory put first
on ``JUPYTER_CONFIG_PATH`` by the hub's spawner:

- everyone (``prefix/venv/etc/jupyter/nbgrader_config.py``, read by any nbgrader of that
  environment, also on the command line): the exchange root, the course id, submissions sealed
  from other students, collection that skips planted submissions;
- students (``prefix/etc/student``): nbgrader's formgrader, course list and create-assignment
  pages switched off, on the server and in JupyterLab;
- the instructor (``prefix/etc/instructor``): the course folder, whose own
  ``nbgrader_config.py`` (autograding, feedback) is loaded as a subconfig.

Switching the pages off keeps students out of the instructor's tools; what keeps them out of
the instructor's *files* is the file system (homes 0700), since a student controls their own
server and could switch the pages back on.

Examples
--------
>>> from ladderlib.instructor.hub.settings import settings_from
>>> s = settings_from({"instructor": "grace", "students": "ada", "prefix": "/opt/hub"})
>>> sorted(str(p) for p in config_files(s, "/home/grace/peer-production"))  # doctest: +NORMALIZE_WHITESPACE
['/opt/hub/etc/instructor/nbgrader_config.py', '/opt/hub/etc/student/jupyter_server_config.json',
 '/opt/hub/etc/student/labconfig/page_config.json', '/opt/hub/venv/etc/jupyter/nbgrader_config.py']
>>> role_config_path(s, "ada"), role_config_path(s, "grace")
('/opt/hub/etc/student', '/opt/hub/etc/instructor')
"""

from __future__ import annotations

import json
from pathlib import Path

from ladderlib.instructor.hub.settings import HubSettings

__all__ = [
    "STUDENT_LAB_PLUGINS_OFF",
    "STUDENT_SERVER_EXTENSIONS_OFF",
    "config_files",
    "course_root",
    "role_config_path",
]

STUDENT_SERVER_EXTENSIONS_OFF = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
"""nbgrader's server extensions a student's server does not load (the instructor's pages)."""

STUDENT_LAB_PLUGINS_OFF = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment",
)
"""nbgrader's JupyterLab plugins a student's JupyterLab does not load (menu items included)."""


def course_root(settings: HubSettings) -> str:
    """The instructor's course folder: ``~instructor/<course_id>`` under ``/home``."""
    return f"/home/{settings.instructor}/{settings.course_id}"


def role_config_path(settings: HubSettings, user: str) -> str:
    """The ``JUPYTER_CONFIG_PATH`` of ``user``'s server: the instructor's or the students' dir."""
    role = "instructor" if user == settings.instructor else "student"
    return str(Path(settings.prefix) / "etc" / role)


def config_files(settings: HubSettings, root: str | None = None) -> dict[Path, str]:
    """Every configuration file of the course hub's users, by path, with its text.

    ``root`` is the instructor's course folder (default :func:`course_root`).
    """
    root = root or course_root(settings)
    prefix = Path(settings.prefix)
    common = (
        '"""nbgrader for every user of the course hub (written by setup-course.sh)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {settings.exchange_root!r}\n"
        f"c.CourseDirectory.course_id = {settings.course_id!r}\n"
        "# A submission only its student and the instructor's group can read (nbgrader: 0777).\n"
        'c.ExchangeFactory.submit = "ladderlib.instructor.hub.exchange.SealedSubmit"\n'
        "# A submission planted under another student's name is skipped, not collected.\n"
        'c.ExchangeFactory.collect = "ladderlib.instructor.hub.exchange.OwnerCheckedCollect"\n'
    )
    instructor = (
        '"""nbgrader for the instructor: the course folder and its own configuration."""\n'
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(Path(root) / 'nbgrader_config.py')!r})  # noqa: F821\n"
        f"c.CourseDirectory.root = {root!r}\n"
    )
    server_off = {
        "ServerApp": {"jpserver_extensions": dict.fromkeys(STUDENT_SERVER_EXTENSIONS_OFF, False)}
    }
    lab_off = {"disabledExtensions": dict.fromkeys(STUDENT_LAB_PLUGINS_OFF, True)}
    return {
        settings.venv / "etc" / "jupyter" / "nbgrader_config.py": common,
        prefix / "etc" / "instructor" / "nbgrader_config.py": instructor,
        prefix / "etc" / "student" / "jupyter_server_config.json": json.dumps(server_off, indent=2)
        + "\n",
        prefix / "etc" / "student" / "labconfig" / "page_config.json": json.dumps(lab_off, indent=2)
        + "\n",
    }
