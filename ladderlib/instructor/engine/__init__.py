"""ladderlib.instructor.engine: the instructor's grading engine, which runs OUTSIDE any student's kernel.

A student's notebook is hostile input. The engine grades it across two boundaries:

1. the student's code runs in a sandboxed kernel (:mod:`ladderlib.instructor.engine.sandbox`): another
   user, a read-only Python environment, no course root, no gradebook, no other submissions, no
   network, with limits on time, memory, processes and output; it sees a writable copy of its
   own notebook folder only;
2. the score is decided outside that kernel: the answers leave it as plain JSON data
   (:mod:`ladderlib.instructor.engine.answers`), and the instructor's hidden tests run on that data in the
   grading process (:mod:`ladderlib.instructor.engine.judge`), which never runs student code.

nbgrader reaches the engine through the preprocessors in :mod:`ladderlib.instructor.engine.steps`, named
in the course's ``nbgrader_config.py``; ``ladder-autograde`` (:mod:`ladderlib.instructor.engine.classroom`)
grades a class in parallel through the same path. What a submission tried is collected as
audit flags (:mod:`ladderlib.instructor.engine.audit`); they never change its points.

Nothing here is imported by ``import ladderlib``: the student-side helpers that run inside a
kernel (checks, form checks, graders, widgets) live in the rest of the package.
"""

__all__: list[str] = []
