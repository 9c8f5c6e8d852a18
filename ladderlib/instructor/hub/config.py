"""JupyterHub's configuration for one course, from :class:`~ladderlib.instructor.hub.settings.HubSettings`.

``deploy/jupyterhub/jupyterhub_config.py`` is two lines: it loads the settings and calls
:func:`configure`. JupyterHub's classes are named by their registered names (``pam``,
``shared-password``, ``localprocess``), so this module imports nothing of JupyterHub's.

- Users: the course's system users, through PAM by default; ``shared-password`` (every listed
  user, one password from ``LADDERLIB_HUB_SHARED_PASSWORD``) is for tests only. Nobody is a hub
  admin: the instructor is an ordinary user who cannot open a student's server.
- Servers: ``LocalProcessSpawner`` runs ``jupyterhub-singleuser`` of the shared environment as
  each user, in their home, opening JupyterLab, with the Jupyter configuration of their role
  first on ``JUPYTER_CONFIG_PATH`` (:mod:`ladderlib.instructor.hub.layout`).
- Addresses: the proxy on ``ip:port``, the hub on ``127.0.0.1:port+1``, the proxy's API on
  ``127.0.0.1:port+2``; state (database, cookie secret) in ``state_dir``.
- An API service ``ladderlib-hub-admin`` exists only when ``LADDERLIB_HUB_SERVICE_TOKEN`` is set
  (the tests and the benchmark use it to create users' tokens and start servers).

Examples
--------
>>> from traitlets.config import Config
>>> from ladderlib.instructor.hub.settings import settings_from
>>> c = Config()
>>> configure(c, settings_from({"instructor": "grace", "students": "ada alan"}))
>>> c.JupyterHub.bind_url, c.JupyterHub.hub_bind_url, c.JupyterHub.authenticator_class
('http://127.0.0.1:8000/', 'http://127.0.0.1:8001', 'pam')
>>> sorted(c.Authenticator.allowed_users), c.Spawner.default_url
(['ada', 'alan', 'grace'], '/lab')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ladderlib.instructor.hub.layout import role_config_path
from ladderlib.instructor.hub.settings import HubSettings

__all__ = ["SERVICE_NAME", "configure", "spawner_environment"]

SERVICE_NAME = "ladderlib-hub-admin"
"""The optional API service (only with ``LADDERLIB_HUB_SERVICE_TOKEN``)."""

SERVICE_SCOPES = [
    "admin:users",
    "admin:servers",
    "tokens",
    "access:servers",
    "read:users",
    "list:users",
]


def spawner_environment(settings: HubSettings, user: str) -> dict[str, str]:
    """The environment of ``user``'s single-user server (and of its kernels and terminals).

    Examples
    --------
    >>> from ladderlib.instructor.hub.settings import settings_from
    >>> s = settings_from({"instructor": "grace", "students": "ada", "prefix": "/opt/hub"})
    >>> spawner_environment(s, "ada")["JUPYTER_CONFIG_PATH"]
    '/opt/hub/etc/student'
    """
    return {
        "PATH": f"{settings.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": role_config_path(settings, user),
        "LADDERLIB_HUB_COURSE_ID": settings.course_id,
    }


def configure(c: Any, settings: HubSettings) -> None:
    """Set JupyterHub's configuration ``c`` (a traitlets ``Config``) for the course."""
    state = Path(settings.state_dir)
    c.JupyterHub.bind_url = settings.bind_url
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.port + 1}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.port + 2}"
    c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    # Stopping the hub stops every user's server: nothing keeps running as a user.
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True

    # nbgrader's names for a course's groups (its JupyterHubAuthPlugin reads them when a hub
    # holds several courses): the instructor grades, the students take the course.
    c.JupyterHub.load_groups = {
        f"formgrade-{settings.course_id}": {"users": [settings.instructor]},
        f"nbgrader-{settings.course_id}": {"users": list(settings.students)},
    }

    c.JupyterHub.authenticator_class = settings.authenticator
    c.Authenticator.allowed_users = set(settings.users)
    c.Authenticator.admin_users = set()
    if settings.authenticator == "shared-password":
        c.SharedPasswordAuthenticator.user_password = settings.shared_password
    else:
        # Logging in checks the password only; no PAM session is opened for the hub process.
        c.PAMAuthenticator.open_sessions = False

    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.cmd = [str(settings.venv / "bin" / "jupyterhub-singleuser")]
    c.Spawner.default_url = "/lab"
    c.Spawner.notebook_dir = "~"
    c.Spawner.http_timeout = 60
    c.Spawner.start_timeout = 90
    c.Spawner.environment = {
        key: _environment_value(settings, key) for key in spawner_environment(settings, "x")
    }

    if settings.service_token:
        c.JupyterHub.services = [{"name": SERVICE_NAME, "api_token": settings.service_token}]
        c.JupyterHub.load_roles = [
            {"name": SERVICE_NAME, "scopes": SERVICE_SCOPES, "services": [SERVICE_NAME]}
        ]


def _environment_value(settings: HubSettings, key: str) -> Any:
    """A callable JupyterHub calls with the spawner, giving ``key`` for that spawner's user."""

    def value(spawner: Any) -> str:
        return spawner_environment(settings, spawner.user.name)[key]

    return value
