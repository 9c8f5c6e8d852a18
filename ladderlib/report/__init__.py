"""Old path of the class report, now :mod:`ladderlib.instructor.report`; works, with a warning, until 0.2.

Kept because instructors' copies of ``nbgrader_config.py`` and hub configurations name it
(:mod:`ladderlib.instructor.moved`). New code imports ``ladderlib.instructor.report``.
"""

import sys

from ladderlib.instructor.moved import alias_package

sys.modules[__name__] = alias_package(__name__)
