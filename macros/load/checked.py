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
import os
import pickle
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Callable

from macros.base.problems import Problem
from macros.load import examples

CACHE_DIR = Path(".cache/validation")
MACROS = Path(__file__).resolve().parents[1]  # the pipeline that is running: its source is part of every key
LIBRARIES = ("Markdown", "nh3", "PyYAML", "jsonschema", "google-re2")
_MAGIC = b"pe-checked-1\n"
# What an entry may contain: the record types and their dates, nothing a file could name to run code.
_ALLOWED = {
    ("macros.load.examples", name) for name in ("Example", "Part", "Prose", "Source", "Evidence", "Due")
} | {("macros.base.problems", "Problem"), ("datetime", "date")}

Result = tuple["examples.Example | None", list[Problem]]


@cache
def _environment() -> bytes:
    """Python's and the libraries' versions: a new Markdown or schema checker can change a result."""
    versions = [sys.version] + [f"{name}=={_version(name)}" for name in LIBRARIES]
    return "\n".join(versions).encode()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def code_fingerprint(folder: Path = MACROS) -> bytes:
    """Every Python file of the pipeline, byte for byte (read at each load: a file can change between runs)."""
    digest = hashlib.sha256(_environment())
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a record type")
        return super().find_class(module, name)


class Checked:
    """The results of checking records, by path: looked up in memory, then on disk, else checked and kept.

    One is made per load of the library (`version` is what every entry then shares); `reused`
    and `checked` count the records that were and were not found.
    """

    _memory: dict[bytes, Result] = {}  # for `mkdocs serve`, whose process outlives its rebuilds

    def __init__(self, root: Path, guide_fingerprint: bytes, today: dt.date) -> None:
        self.folder = root / CACHE_DIR
        self.version = hashlib.sha256(code_fingerprint() + b"\0" + guide_fingerprint + b"\0" + today.isoformat().encode()).digest()
        self.reused = 0
        self.checked = 0
        self.used: set[str] = set()  # the entries' file names
        self.keys: set[bytes] = set()

    def get(self, display: str, text: str, check: Callable[[], Result]) -> Result:
        """The result of checking the record at display, whose text is text; check() if it is not kept."""
        key = hashlib.sha256(self.version + display.encode() + b"\0" + text.encode()).digest()
        name = hashlib.sha256(display.encode()).hexdigest()[:32] + ".pickle"
        self.used.add(name)
        self.keys.add(key)
        result = self._memory.get(key) or self._read(name, key)
        if result is not None:
            self.reused += 1
        else:
            self.checked += 1
            result = check()
            self._write(name, key, result)
        self._memory[key] = result
        return result

    def _read(self, name: str, key: bytes) -> Result | None:
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        header = len(_MAGIC) + 64
        if not data.startswith(_MAGIC) or data[len(_MAGIC) : len(_MAGIC) + 32] != key:
            return None  # another version of the record, or not an entry at all
        payload = data[header:]
        if hashlib.sha256(payload).digest() != data[len(_MAGIC) + 32 : header]:
            return None  # damaged
        try:
            result = _Unpickler(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 - whatever is wrong with a file, the record is checked instead
            return None
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list)
                and (result[0] is None or isinstance(result[0], examples.Example))
                and all(isinstance(problem, Problem) for problem in result[1])):
            return None
        return result

    def _write(self, name: str, key: bytes, result: Result) -> None:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written whole, then renamed: a build running beside this one reads the old entry or the new one.
            with tempfile.NamedTemporaryFile(dir=self.folder, delete=False, suffix=".tmp") as file:
                file.write(_MAGIC + key + hashlib.sha256(payload).digest() + payload)
            os.replace(file.name, self.folder / name)
        except OSError:
            pass  # a read-only checkout still validates, only without keeping the results

    def prune(self) -> None:
        """Forget the entries of records that are no longer in the library, or have changed (after a load of all of it)."""
        for key in set(self._memory) - self.keys:
            del self._memory[key]
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name not in self.used:
                try:
                    entry.unlink()
                except OSError:
                    pass
