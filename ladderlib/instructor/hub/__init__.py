"""ladderlib.instructor.hub: the course on JupyterHub, on the instructor's side (never inside a kernel).

- :mod:`ladderlib.instructor.hub.settings`: the course hub's settings (course id, instructor, students,
  exchange root, address), read from a TOML file and ``LADDERLIB_HUB_*`` environment variables;
- :mod:`ladderlib.instructor.hub.config`: applies them to JupyterHub's configuration
  (``deploy/jupyterhub/jupyterhub_config.py`` calls it);
- :mod:`ladderlib.instructor.hub.layout`: the files every user's Jupyter reads (nbgrader's exchange, which
  nbgrader pages each role gets);
- :mod:`ladderlib.instructor.hub.course_setup`: users, groups, homes, the exchange and the shared
  environment (``deploy/jupyterhub/setup-course.sh`` runs it as root);
- :mod:`ladderlib.instructor.hub.exchange`: nbgrader's exchange with submissions sealed from other students
  and collection that ignores a submission planted under another student's name.

Nothing here imports JupyterHub: the hub reads these modules from its own environment, and the
configuration names JupyterHub's classes by their registered names.
"""

__all__: list[str] = []
