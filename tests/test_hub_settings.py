"""The course hub's settings and configuration, without a hub: exact messages, files, roles.

The hub itself, with real users, is tested in tests/hub (marker ``hub``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from traitlets.config import Config

from ladderlib.instructor.hub.config import SERVICE_NAME, configure
from ladderlib.instructor.hub.layout import (
    STUDENT_LAB_PLUGINS_OFF,
    STUDENT_SERVER_EXTENSIONS_OFF,
    config_files,
)
from ladderlib.instructor.hub.settings import load_settings, settings_from

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "deploy" / "jupyterhub" / "course.example.toml"


def test_the_example_settings_file_loads_and_the_environment_overrides_it() -> None:
    settings = load_settings(
        {"LADDERLIB_HUB_SETTINGS": str(EXAMPLE), "LADDERLIB_HUB_STUDENTS": "ada,alan , barbara"}
    )
    assert settings.instructor == "grace"
    assert settings.students == ("ada", "alan", "barbara")
    assert settings.exchange_root == "/srv/nbgrader/exchange"
    assert settings.authenticator == "pam"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"students": "ada"},
            "hub setting 'instructor' is missing: set it in the settings file"
            " (LADDERLIB_HUB_SETTINGS) or as LADDERLIB_HUB_INSTRUCTOR",
        ),
        (
            {"instructor": "Grace Hopper", "students": "ada"},
            "instructor 'Grace Hopper' is not a usable system user name: use lower-case letters,"
            " digits, '_' or '-', starting with a letter or '_', at most 32 characters",
        ),
        (
            {"instructor": "grace", "students": "ada ada"},
            "student 'ada' is listed twice",
        ),
        (
            {"instructor": "grace", "students": "ada", "port": "80000"},
            "port '80000' must be a number from 1 to 65533",
        ),
        (
            {"instructor": "grace", "students": "ada", "exchange_root": "srv/exchange"},
            "exchange_root 'srv/exchange' must be an absolute path",
        ),
        (
            {"instructor": "grace", "students": "ada", "authenticator": "shared-password"},
            "authenticator 'shared-password' needs LADDERLIB_HUB_SHARED_PASSWORD (tests only)",
        ),
    ],
)
def test_bad_settings_are_refused_with_a_message_naming_them(
    values: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        settings_from(values)
    assert str(raised.value) == message


def test_a_broken_settings_file_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "course.toml"
    broken.write_text('instructor = "grace\n')
    with pytest.raises(ValueError, match=f"hub settings file '{broken}' is not valid TOML"):
        load_settings({"LADDERLIB_HUB_SETTINGS": str(broken)})


def test_students_get_no_instructor_pages_and_the_instructor_gets_the_course() -> None:
    settings = settings_from({"instructor": "grace", "students": "ada", "prefix": "/opt/h"})
    files = {str(path): text for path, text in config_files(settings).items()}
    server = json.loads(files["/opt/h/etc/student/jupyter_server_config.json"])
    assert server["ServerApp"]["jpserver_extensions"] == dict.fromkeys(
        STUDENT_SERVER_EXTENSIONS_OFF, False
    )
    lab = json.loads(files["/opt/h/etc/student/labconfig/page_config.json"])
    assert lab["disabledExtensions"] == dict.fromkeys(STUDENT_LAB_PLUGINS_OFF, True)
    instructor = files["/opt/h/etc/instructor/nbgrader_config.py"]
    assert "load_subconfig('/home/grace/peer-production/nbgrader_config.py')" in instructor
    common = files["/opt/h/venv/etc/jupyter/nbgrader_config.py"]
    assert "c.Exchange.root = '/srv/nbgrader/exchange'" in common
    assert "ladderlib.instructor.hub.exchange.SealedSubmit" in common
    assert "ladderlib.instructor.hub.exchange.OwnerCheckedCollect" in common


def test_the_hub_configuration_gives_each_user_their_roles_config_and_nobody_admin() -> None:
    settings = settings_from({"instructor": "grace", "students": "ada alan", "prefix": "/opt/h"})
    c = Config()
    configure(c, settings)

    class Spawner:
        class user:  # stands for JupyterHub's User, which has .name
            name = "ada"

    env = {key: value(Spawner) for key, value in c.Spawner.environment.items()}
    assert env["JUPYTER_CONFIG_PATH"] == "/opt/h/etc/student"
    Spawner.user.name = "grace"
    assert c.Spawner.environment["JUPYTER_CONFIG_PATH"](Spawner) == "/opt/h/etc/instructor"
    assert c.Authenticator.admin_users == set()
    assert c.Spawner.cmd == ["/opt/h/venv/bin/jupyterhub-singleuser"]
    assert "services" not in c.JupyterHub  # the API service exists only with a token
    configure(c, settings_from({"instructor": "g", "students": "a", "service_token": "t" * 32}))
    assert c.JupyterHub.services[0]["name"] == SERVICE_NAME
