"""The settings of one course hub: who teaches, who learns, where the exchange and the hub live.

They come from a small TOML file named by ``LADDERLIB_HUB_SETTINGS`` (see
``deploy/jupyterhub/course.example.toml``), and each one can be set or overridden by an
environment variable ``LADDERLIB_HUB_<KEY>`` (``LADDERLIB_HUB_STUDENTS`` takes names separated
by commas or spaces). Two secrets come only from the environment: the shared password of the
test-only authenticator and the token of the optional API service.

Examples
--------
>>> s = settings_from({"instructor": "grace", "students": "ada, alan"})
>>> s.course_id, s.students, s.bind_url
('peer-production', ('ada', 'alan'), 'http://127.0.0.1:8000/')
>>> settings_from({"instructor": "grace", "students": "ada", "authenticatr": "pam"})
Traceback (most recent call last):
...
ValueError: unknown hub setting 'authenticatr' (did you mean 'authenticator'?); valid settings: authenticator, course_id, exchange_root, instructor, ip, port, prefix, state_dir, students
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AUTHENTICATORS", "ENV_PREFIX", "HubSettings", "load_settings", "settings_from"]

ENV_PREFIX = "LADDERLIB_HUB_"
"""Environment variables ``LADDERLIB_HUB_<KEY>`` set or override each setting."""

AUTHENTICATORS = ("pam", "shared-password")
"""``pam``: the system's users and passwords (the default); ``shared-password``: tests only."""

_DEFAULTS: dict[str, str] = {
    "course_id": "peer-production",
    "exchange_root": "/srv/nbgrader/exchange",
    "ip": "127.0.0.1",
    "port": "8000",
    "prefix": "/opt/ladderlib-hub",
    "state_dir": "/srv/ladderlib-hub",
    "authenticator": "pam",
}
_REQUIRED = ("instructor", "students")
_KEYS = sorted([*_DEFAULTS, *_REQUIRED])
_SECRETS = ("shared_password", "service_token")
_USER_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


@dataclass(frozen=True)
class HubSettings:
    """One course hub's settings, checked.

    Attributes
    ----------
    course_id
        nbgrader's course id: the course's folder in the exchange.
    instructor, students
        System user names (lower case, at most 32 characters).
    exchange_root
        nbgrader's exchange root (mode 1777).
    ip, port
        Where the hub's proxy listens; the hub itself uses ``port + 1`` and the proxy's API
        ``port + 2``, all on ``127.0.0.1``.
    prefix
        The environment every user runs (``prefix/venv``) and the Jupyter configuration of
        each role (``prefix/etc``): readable by all.
    state_dir
        The hub's own database, cookie secret and logs (root only).
    authenticator
        One of :data:`AUTHENTICATORS`.
    shared_password, service_token
        Test-only secrets, from the environment only.
    """

    course_id: str
    instructor: str
    students: tuple[str, ...]
    exchange_root: str
    ip: str
    port: int
    prefix: str
    state_dir: str
    authenticator: str
    shared_password: str | None = None
    service_token: str | None = None

    @property
    def bind_url(self) -> str:
        """The URL users open."""
        return f"http://{self.ip}:{self.port}/"

    @property
    def users(self) -> tuple[str, ...]:
        """The instructor, then the students."""
        return (self.instructor, *self.students)

    @property
    def venv(self) -> Path:
        """The shared environment (hub, single-user servers, nbgrader, the course library)."""
        return Path(self.prefix) / "venv"


def _closest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _user(value: str, what: str) -> str:
    if not _USER_NAME.fullmatch(value):
        raise ValueError(
            f"{what} {value!r} is not a usable system user name: use lower-case letters, digits,"
            " '_' or '-', starting with a letter or '_', at most 32 characters"
        )
    return value


def settings_from(values: Mapping[str, str | int | list[str]]) -> HubSettings:
    """Check raw settings (from a file and the environment) and build :class:`HubSettings`.

    Examples
    --------
    >>> settings_from({"instructor": "grace", "students": ["grace"]})
    Traceback (most recent call last):
    ...
    ValueError: 'grace' is both the instructor and a student: a student would get the instructor's pages
    >>> settings_from({"instructor": "grace", "students": "ada", "authenticator": "pan"})
    Traceback (most recent call last):
    ...
    ValueError: authenticator 'pan' is not one of pam, shared-password (did you mean 'pam'?)
    """
    unknown = sorted(set(values) - set(_KEYS) - set(_SECRETS))
    if unknown:
        raise ValueError(
            f"unknown hub setting {unknown[0]!r}{_closest(unknown[0], _KEYS)};"
            f" valid settings: {', '.join(_KEYS)}"
        )
    missing = [key for key in _REQUIRED if not values.get(key)]
    if missing:
        raise ValueError(
            f"hub setting {missing[0]!r} is missing: set it in the settings file"
            f" (LADDERLIB_HUB_SETTINGS) or as {ENV_PREFIX}{missing[0].upper()}"
        )
    raw = {key: str(value) for key, value in _DEFAULTS.items()}
    raw.update({k: str(v) for k, v in values.items() if k in _DEFAULTS})
    students_value = values["students"]
    names = (
        students_value
        if isinstance(students_value, list)
        else re.split(r"[,\s]+", str(students_value).strip())
    )
    students = tuple(_user(str(name), "student") for name in names if str(name))
    instructor = _user(str(values["instructor"]), "instructor")
    if instructor in students:
        raise ValueError(
            f"{instructor!r} is both the instructor and a student:"
            " a student would get the instructor's pages"
        )
    if len(set(students)) != len(students):
        twice = sorted({name for name in students if students.count(name) > 1})
        raise ValueError(f"student {twice[0]!r} is listed twice")
    if raw["authenticator"] not in AUTHENTICATORS:
        raise ValueError(
            f"authenticator {raw['authenticator']!r} is not one of {', '.join(AUTHENTICATORS)}"
            f"{_closest(raw['authenticator'], AUTHENTICATORS)}"
        )
    if not raw["port"].isdigit() or not 1 <= int(raw["port"]) <= 65533:
        raise ValueError(f"port {raw['port']!r} must be a number from 1 to 65533")
    for key in ("exchange_root", "prefix", "state_dir"):
        if not raw[key].startswith("/"):
            raise ValueError(f"{key} {raw[key]!r} must be an absolute path")
    shared = values.get("shared_password")
    token = values.get("service_token")
    if raw["authenticator"] == "shared-password" and not shared:
        raise ValueError(
            "authenticator 'shared-password' needs LADDERLIB_HUB_SHARED_PASSWORD (tests only)"
        )
    return HubSettings(
        course_id=_user(raw["course_id"], "course_id"),
        instructor=instructor,
        students=students,
        exchange_root=raw["exchange_root"],
        ip=raw["ip"],
        port=int(raw["port"]),
        prefix=raw["prefix"],
        state_dir=raw["state_dir"],
        authenticator=raw["authenticator"],
        shared_password=str(shared) if shared else None,
        service_token=str(token) if token else None,
    )


def load_settings(environ: Mapping[str, str] | None = None) -> HubSettings:
    """Read the settings file named by ``LADDERLIB_HUB_SETTINGS`` (if any), then the environment.

    Examples
    --------
    >>> load_settings({"LADDERLIB_HUB_INSTRUCTOR": "grace", "LADDERLIB_HUB_STUDENTS": "ada alan"}).users
    ('grace', 'ada', 'alan')
    """
    env = os.environ if environ is None else environ
    values: dict[str, str | int | list[str]] = {}
    file = env.get(f"{ENV_PREFIX}SETTINGS")
    if file:
        try:
            with open(file, "rb") as handle:
                loaded = tomllib.load(handle)
        except OSError as err:
            raise ValueError(f"cannot read the hub settings file {file!r}: {err}") from None
        except tomllib.TOMLDecodeError as err:
            raise ValueError(f"hub settings file {file!r} is not valid TOML: {err}") from None
        values.update(loaded)
    for key in [*_KEYS, *_SECRETS]:
        value = env.get(f"{ENV_PREFIX}{key.upper()}")
        if value:
            values[key] = value
    return settings_from(values)
