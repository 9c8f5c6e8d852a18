"""nbgrader's file-system exchange with two holes closed, for a hub where students share a machine.

nbgrader (0.9) leaves each submission folder in ``inbound/`` at mode 0777 so that the instructor
can delete it later, relying on its unguessable name; anyone who learns the name can change the
submission. And ``nbgrader collect`` only *warns* when a folder named after one student is owned
by another, then collects it: a student can plant work under a classmate's name with a later
timestamp. The course hub's configuration (written by ``setup-course.sh``) names these classes:

- :class:`SealedSubmit` closes a submission folder to everyone but its student and the
  instructor's group (the folder takes that group from ``inbound/``, which is set-group-id), and
  leaves it writable by that group, so the instructor can still delete it. Files inside keep
  nbgrader's 0644: nobody else can reach them through the closed folder, and a student cannot
  give a file to a group they are not in;
- :class:`OwnerCheckedCollect` drops a submission whose folder is not owned by the student it
  names, before choosing each student's latest submission, and says so in the log.

The exchange root is 1777 and ``inbound/`` is 3733 (set-group-id and sticky: nobody but its
owner and the instructor can rename or remove a submission folder), see
:mod:`ladderlib.instructor.hub.course_setup`.
"""

from __future__ import annotations

import glob
import os
import pwd
import stat
from typing import Any

from nbgrader.exchange.default import ExchangeCollect, ExchangeSubmit

__all__ = ["SEALED_DIR_MODE", "SEALED_FILE_MODE", "OwnerCheckedCollect", "SealedSubmit", "owner_of"]

SEALED_DIR_MODE = 0o770
"""A submission folder: its student and the instructor's group (for reading and deleting)."""

SEALED_FILE_MODE = 0o644
"""A submitted file: as nbgrader leaves it, reachable only through its closed folder."""


def owner_of(path: str) -> str:
    """The user name owning ``path`` (``"uid <n>"`` for a uid with no name).

    Examples
    --------
    >>> owner_of("/") == pwd.getpwuid(0).pw_name
    True
    """
    uid = os.stat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


class SealedSubmit(ExchangeSubmit):  # type: ignore[misc]
    """nbgrader's submit, then the new submission folder closed to other students."""

    def copy_files(self) -> None:
        super().copy_files()
        folder = os.path.join(self.inbound_path, self.assignment_filename)
        for current, dirs, files in os.walk(folder):
            for name in files:
                os.chmod(os.path.join(current, name), SEALED_FILE_MODE)
            for name in dirs:
                os.chmod(os.path.join(current, name), SEALED_DIR_MODE)
        os.chmod(folder, SEALED_DIR_MODE)
        self.log.info(
            "Submission sealed: %s is mode %s",
            folder,
            stat.filemode(os.stat(folder).st_mode),
        )


class OwnerCheckedCollect(ExchangeCollect):  # type: ignore[misc]
    """nbgrader's collect, taking only submissions owned by the student they name.

    The latest *genuine* submission of each student is collected (with nbgrader's due-date
    rule); a planted one is skipped with a warning naming its folder and its owner.
    """

    def init_src(self) -> None:
        super().init_src()
        student = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path, f"{student}+{self.coursedir.assignment_id}+*")
        genuine: dict[str, list[dict[str, Any]]] = {}
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            owner = owner_of(path)
            if owner != record["username"]:
                self.log.warning(
                    "Skipped %s: it names student %s but belongs to %s",
                    path,
                    record["username"],
                    owner,
                )
                continue
            genuine.setdefault(record["username"], []).append(record)
        chosen = []
        for records in genuine.values():
            ordered = self._sort_by_timestamp(records)
            if self.duedate is not None and self.before_duedate:
                on_time = [r for r in ordered if r["timestamp"] <= self.duedate]
                ordered = on_time or ordered
            chosen.append(ordered[0])
        self.src_records = chosen
