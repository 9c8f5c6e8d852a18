"""Instructor-side tools: they run outside any student's kernel and are never imported by one.

The student side of the library (checks, graders' form checks, widgets) stays importable with
none of this; console scripts live here.
"""

from __future__ import annotations

__all__: list[str] = []
