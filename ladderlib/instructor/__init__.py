"""Instructor- and builder-side tools: they run outside any student's kernel, never imported by one.

The student side of the library (checks, graders' form checks, widgets) stays importable with
none of this; console scripts live here. :mod:`ladderlib.instructor.edition` writes the student
edition (``ladder-student-edition``); :mod:`ladderlib.instructor.lite` builds the browser edition
(``ladder-lite``) and :mod:`ladderlib.instructor.pyodide_dist` the offline Pyodide runtime it
serves; :mod:`ladderlib.instructor.selfgrade` grades a learner's own copy of an assignment
(``ladder-selfgrade``).
"""

from __future__ import annotations

__all__: list[str] = []
