"""Records already checked, kept in memory and on disk (.cache/validation/), so that an unchanged
record is not checked again by the next build, `make serve` rebuild or `make validate`.

An entry is used only for the same record text at the same path, checked on the same day (a date
that has passed changes the result), against the same guide data and schemas (Guide.fingerprint),
by the same pipeline source (every .py file under macros/) and the same versions of Python and of
the libraries that read, check and convert a record. Anything else in the file, a file that fails
its checksum, or one that names anything but the record types, is ignored and the record is
checked afresh: the cache can make a check faster, never change its result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import pickle
from collections.abc import Callable
from pathlib import Path

from macros.base import store
from macros.base.problems import Problem
from macros.load import examples

CACHE_DIR = store.CACHE_DIR / "validation"
# What an entry may contain: the record types and their dates, nothing a file could name to run code.
_ALLOWED = {
    ("macros.load.examples", name) for name in ("Example", "Part", "Prose", "Source", "Evidence", "Due")
} | {("macros.base.problems", "Problem"), ("datetime", "date")}

Result = tuple["examples.Example | None", list[Problem]]


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a record type")
        return super().find_class(module, name)


class Checked:
    """The results of checking records, by path: looked up in memory, then on disk, else checked and kept.

    One is made per load of the library; `reused` counts the records whose result was kept.
    """

    _memory: dict[bytes, Result] = {}  # for `mkdocs serve`, whose process outlives its rebuilds

    def __init__(self, root: Path, guide_fingerprint: bytes, today: dt.date) -> None:
        version = store.code_fingerprint() + b"\0" + guide_fingerprint + b"\0" + today.isoformat().encode()
        self.store = store.Store(root / CACHE_DIR, hashlib.sha256(version).digest())
        self.reused = 0
        self.keys: set[bytes] = set()

    def get(self, display: str, text: str, check: Callable[[], Result]) -> Result:
        """The result of checking the record at display, whose text is text; check()'s if none is kept.
        One entry per record file: a changed record's result replaces its old one."""
        key = self.store.key(display.encode(), text.encode())
        name = hashlib.sha256(display.encode()).hexdigest()[:32] + ".pickle"
        self.keys.add(key)
        result = self._memory.get(key)
        if result is None:
            result = self._load(self.store.read(name, key))
            if result is None:
                result = check()
                self.store.write(name, key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
                self._memory[key] = result
                return result
            self._memory[key] = result
        else:
            self.store.used.add(name)
        self.reused += 1
        return result

    @staticmethod
    def _load(payload: bytes | None) -> Result | None:
        if payload is None:
            return None
        try:
            result = _Unpickler(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry, the record is checked instead
            return None
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list)
                and (result[0] is None or isinstance(result[0], examples.Example))
                and all(isinstance(problem, Problem) for problem in result[1])):
            return None
        return result

    def prune(self) -> None:
        """Forget the results of records no longer in the library, or changed (after a load of all of it)."""
        for key in set(self._memory) - self.keys:
            del self._memory[key]
        self.store.prune()
