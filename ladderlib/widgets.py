"""Widgets for the lessons: thin ipywidgets composites over the pure modules (to be filled)."""

from __future__ import annotations

__all__: list[str] = []
