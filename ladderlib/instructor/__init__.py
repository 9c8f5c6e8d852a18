"""Instructor- and builder-side tools: they run outside any student's kernel.

:mod:`ladderlib.instructor.lite` builds the browser edition of the course (``ladder-lite``);
:mod:`ladderlib.instructor.pyodide_dist` assembles the offline Pyodide runtime it serves;
:mod:`ladderlib.instructor.selfgrade` grades a learner's own copy of an assignment
(``ladder-selfgrade``). None of them is imported by ``import ladderlib``.
"""

from __future__ import annotations

__all__: list[str] = []
