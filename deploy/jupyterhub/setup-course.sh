#!/usr/bin/env bash
# Set up one course hub on this machine, as root: the shared environment, each role's Jupyter
# configuration, the course's users, groups and 0700 homes, the instructor's copy of the course,
# and nbgrader's exchange (root 1777, inbound 3733). Safe to run again: it lists what it changed,
# or says that nothing needed changing. Settings: LADDERLIB_HUB_SETTINGS and LADDERLIB_HUB_<KEY>
# (see course.example.toml and docs/jupyterhub.md).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
# Debian's own Python: the shared environment must not come from a Python under root's home.
PYTHONPATH="$repo" exec /usr/bin/python3 -m ladderlib.instructor.hub.course_setup --repo "$repo" "$@"
