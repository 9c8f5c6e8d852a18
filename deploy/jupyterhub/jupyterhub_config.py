"""JupyterHub for one course: ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py``.

The settings (course id, instructor, students, exchange root, address) come from the file named
by ``LADDERLIB_HUB_SETTINGS`` (see course.example.toml) and ``LADDERLIB_HUB_<KEY>`` environment
variables; what they configure is in ``ladderlib.instructor.hub.config``. docs/jupyterhub.md walks through it.
"""

from ladderlib.instructor.hub.config import configure
from ladderlib.instructor.hub.settings import load_settings

configure(get_config(), load_settings())  # type: ignore[name-defined]  # noqa: F821
