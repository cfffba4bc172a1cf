"""Emptying the site folder before a build, as MkDocs does, with the deleting done meanwhile in a forked process.

Before it builds, MkDocs deletes everything in the site folder but the names that start with a dot, a file at
a time. The guide's site holds about four files for each page (QR codes, handout data, the search index's
files), and at 1,000 examples deleting them kept a build waiting 0.7 to 1.6 s with a core idle. So where a
process can be forked (macros/base/forked.py), what MkDocs would delete is moved (renamed, within one
filesystem: at once) into one hidden folder in the site folder, which a forked process deletes while the pages
are built, and MkDocs finds nothing to delete. A hidden folder left by a build stopped part way is moved in too.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

from macros.base import forked

PREFIX = ".pe-deleting-"


def start(site_dir: Path) -> forked.Pending[None] | None:
    """Start emptying site_dir as MkDocs would, in a forked process; `result()` waits for it. None if there is
    nothing to delete or no process can be forked: MkDocs deletes what there is itself."""
    if not forked.worth_forking():
        return None
    try:
        entries = [entry for entry in os.listdir(site_dir) if not entry.startswith(".") or entry.startswith(PREFIX)]
        if not entries:
            return None
        deleting = tempfile.mkdtemp(prefix=PREFIX, dir=site_dir)
    except OSError:  # no site folder yet, or one that cannot be written: MkDocs says so
        return None
    for entry in entries:
        try:
            os.rename(os.path.join(site_dir, entry), os.path.join(deleting, entry))
        except OSError:
            pass  # left where it is, for MkDocs to delete
    return forked.Pending(functools.partial(shutil.rmtree, deleting, ignore_errors=True))
